// libFuzzer target: Markup, prose parsing and every check on arbitrary bytes, Markdown and plain.
// The body lives in entry_points.h so tests/robust_fuzz_regressions_test.cpp replays the same code.
#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/entry_points.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string failure =
      evidential::fuzz::analyse_bytes(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!failure.empty()) {
    // An invariant broke: abort so libFuzzer saves the input as a crash.
    std::fprintf(stderr, "fuzz_analysis: %s\n", failure.c_str());
    std::abort();
  }
  return 0;
}
