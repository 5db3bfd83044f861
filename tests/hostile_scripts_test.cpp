// Runs the server's script-driven robustness checks under CTest, against the binary this build made (so
// `make test-sanitize` runs them against the sanitized server): tests/lsp/hostile/run (malformed frames,
// garbage JSON, wrong types, out-of-range positions) and tests/lsp/soak/run (thousands of random
// operations; alive, answering, bounded memory, no files written, no sockets, no child processes).
#include <gtest/gtest.h>

#include <string>

#include "tests/hostile/hostile.h"

namespace evidential {
namespace {

hostile::ProcessResult run_script(const std::string& script, std::vector<std::string> args) {
  args.insert(args.begin(), {"/usr/bin/env", "python3", std::string(EVIDENTIAL_SOURCE_DIR) + "/" + script,
                             "--binary", EVIDENTIAL_BINARY});
  return hostile::run_process(args, hostile::fs::temp_directory_path(), {}, std::chrono::seconds(900));
}

TEST(HostileScripts, MalformedInputToTheServer) {
  const hostile::ProcessResult r = run_script("tests/lsp/hostile/run", {});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(HostileScripts, ServerSoak) {
  // Sanitizers slow the server and inflate its memory several times over (shadow memory, quarantine).
  const hostile::ProcessResult r =
      run_script("tests/lsp/soak/run", {"--operations", hostile::kSanitized ? "3000" : "10000", "--seconds", "300",
                                        "--max-rss-mb", hostile::kSanitized ? "1500" : "400"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::cout << r.out;
}

}  // namespace
}  // namespace evidential
