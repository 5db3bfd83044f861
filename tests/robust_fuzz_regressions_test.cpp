// Replays every committed fuzz input (tests/fuzz/corpus/<target>/ seeds and tests/fuzz/regressions/<target>/
// crashes once found) through the same entry points the libFuzzer targets call, in the normal build and
// under the sanitize preset: a fixed crash stays fixed without a fuzzer in the loop.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/fuzz/entry_points.h"

namespace evidential {
namespace {

namespace fs = std::filesystem;

using EntryPoint = std::string (*)(std::string_view);

struct Target {
  const char* name;
  EntryPoint run;
};

void PrintTo(const Target& target, std::ostream* out) { *out << target.name; }

class FuzzRegressions : public testing::TestWithParam<Target> {};

TEST_P(FuzzRegressions, EveryCommittedInputPasses) {
  const Target& target = GetParam();
  size_t replayed = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    const fs::path dir = fs::path(EVIDENTIAL_SOURCE_DIR) / "tests" / "fuzz" / kind / target.name;
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      EXPECT_EQ(target.run(bytes.str()), "") << entry.path();
      ++replayed;
    }
  }
  EXPECT_GT(replayed, 0u) << "no seeds for " << target.name;
}

INSTANTIATE_TEST_SUITE_P(Fuzz, FuzzRegressions,
                         testing::Values(Target{"lsp", fuzz::lsp_session}, Target{"analysis", fuzz::analyse_bytes},
                                         Target{"incremental", fuzz::incremental_edits},
                                         Target{"config", fuzz::config_text}),
                         [](const testing::TestParamInfo<Target>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace evidential
