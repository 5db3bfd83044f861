// libFuzzer target: Random incremental edit sequences: text sync and incremental analysis against a fresh one.
// The body lives in entry_points.h so tests/robust_fuzz_regressions_test.cpp replays the same code.
#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/entry_points.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string failure =
      evidential::fuzz::incremental_edits(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!failure.empty()) {
    // An invariant broke: abort so libFuzzer saves the input as a crash.
    std::fprintf(stderr, "fuzz_incremental: %s\n", failure.c_str());
    std::abort();
  }
  return 0;
}
