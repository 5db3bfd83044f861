// Hostile files and trees for `evidential check`, end to end through the real binary: configurations that
// are not JSON, of the wrong types, absurdly nested or with numbers beyond a double; symlink loops in a
// checked directory; binary and invalid UTF-8 files; a 50 MB file and a 1 MB line (both generated here,
// never committed). Each gets a clear message and the documented exit code (0/1 findings, 2 errors),
// never a crash, and memory stays bounded.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <string>

#include "tests/hostile/hostile.h"

namespace evidential {
namespace {

using hostile::ProcessResult;
using hostile::TempDir;

ProcessResult check(const TempDir& dir, std::vector<std::string> args, std::chrono::seconds deadline = std::chrono::seconds(600)) {
  args.insert(args.begin(), {EVIDENTIAL_BINARY, "check"});
  return hostile::run_process(args, dir.path(), {}, deadline);
}

/// Exited by itself (no signal, no sanitizer abort, no deadline) with `code`.
void expect_exit(const ProcessResult& r, int code) {
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.signal, 0) << r.err;
  EXPECT_EQ(r.exit_code, code) << "stdout:\n" << r.out.substr(0, 2000) << "\nstderr:\n" << r.err.substr(0, 2000);
}

TEST(HostileCli, BrokenConfigurationsNameTheFileAndPlace) {
  struct Case {
    std::string name, config, expected;  // expected: in stderr
  };
  const std::vector<Case> cases = {
      {"not-json", "{\n  \"checks\": {\"hedge\": \"warning\",}\n  oops\n}", ".evidential.json:2:"},
      {"plain-words", "this is not a configuration", ".evidential.json:1:2: invalid JSON"},
      {"wrong-type", "{\n  \"checks\": {\n    \"hedge\": 3\n  }\n}", ".evidential.json:3:5: checks.hedge"},
      {"wrong-list", "{\"ignore\": \"drafts\"}", "ignore"},
      {"remove-not-boolean", "{\"sources\": [{\"name\": \"Quay Times\", \"remove\": \"yes\"}]}", "sources[0].remove"},
      {"number-overflow", "{\"options\": {\"unsourced-claim\": {\"threshold\": 1e999}}}", "number overflow"},
      {"deep", "{\"checks\": {\"unsourced-claim\": {\"x\": " + std::string(200000, '[') + std::string(200000, ']') + "}}}",
       "nested deeper than"},
      {"deep-list", "{\"ignore\": " + std::string(200000, '[') + std::string(200000, ']') + "}", "nested deeper than"},
      {"utf16", std::string("\xFF\xFE{\0}\0", 6), ".evidential.json:1:1"},
      {"empty", "", "invalid JSON"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    dir.write(".evidential.json", c.config);
    dir.write("doc.md", "The pier may close.\n");
    const ProcessResult r = check(dir, {"doc.md"});
    expect_exit(r, 2);
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
  }
}

TEST(HostileCli, SymlinkLoopsAreWalkedOnce) {
  TempDir dir;
  dir.write("docs/a.md", "The pier may close.\n");
  dir.write("docs/deeper/b.md", "It might rain.\n");
  const auto docs = dir.path() / "docs";
  hostile::fs::create_directory_symlink(".", docs / "self");
  hostile::fs::create_directory_symlink("..", docs / "deeper" / "up");
  hostile::fs::create_symlink("loop-b.md", docs / "loop-a.md");
  hostile::fs::create_symlink("loop-a.md", docs / "loop-b.md");
  hostile::fs::create_symlink("missing.md", docs / "dangling.md");
  hostile::fs::create_symlink("a.md", docs / "alias.md");
  const ProcessResult r = check(dir, {"--fail-on", "never", "docs"}, std::chrono::seconds(120));
  expect_exit(r, 0);
  // Each real file once (the link to a file is read like a file); no path through a loop.
  EXPECT_NE(r.out.find("docs/a.md:1:10"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("docs/deeper/b.md:1:4"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("self/"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("up/"), std::string::npos) << r.out;
  // Named on the command line, a looping link is an error for that path only.
  const ProcessResult named = check(dir, {"--fail-on", "never", "docs/loop-a.md", "docs/a.md"}, std::chrono::seconds(60));
  EXPECT_FALSE(named.timed_out);
  EXPECT_EQ(named.signal, 0);
  EXPECT_NE(named.out.find("docs/a.md:1:10"), std::string::npos) << named.out << named.err;
  EXPECT_NE(named.err.find("loop-a.md"), std::string::npos) << named.err;
}

TEST(HostileCli, BinaryAndInvalidUtf8FilesAreSkippedWithAReason) {
  using namespace std::string_literals;
  TempDir dir;
  dir.write("nul.md", "The pier\0 may close.\n"s);
  dir.write("latin1.md", "The caf\xE9 may close.\n");
  dir.write("overlong.md", "A slash \xC0\xAF may hide.\n");
  dir.write("surrogate.md", "Half \xED\xA0\x80 a pair may.\n");
  dir.write("utf16.md", "\xFF\xFET\0h\0e\0"s);
  dir.write("good.md", "The pier may close.\n");
  const ProcessResult r = check(dir, {"--fail-on", "never", "."}, std::chrono::seconds(120));
  expect_exit(r, 0);
  for (const char* name : {"nul.md", "latin1.md", "overlong.md", "surrogate.md", "utf16.md"}) {
    EXPECT_NE(r.err.find(name), std::string::npos) << name << " is reported: " << r.err;
  }
  EXPECT_NE(r.out.find("good.md:1:10"), std::string::npos) << r.out;
  // Nothing readable at all: exit 2.
  expect_exit(check(dir, {"nul.md", "latin1.md"}), 2);
}

TEST(HostileCli, FiftyMegabytesAndAMegabyteLine) {
  TempDir dir;
  const size_t size = hostile::scaled(50u * 1000 * 1000);
  dir.write("large.txt", hostile::prose(size));
  dir.write("line.md", hostile::prose(1 << 20, /*one_line=*/true));
  const ProcessResult r = check(dir, {"--fail-on", "never", "--format", "jsonl", "large.txt", "line.md"},
                                std::chrono::seconds(900));
  expect_exit(r, 0);
  EXPECT_NE(r.out.find("\"large.txt\""), std::string::npos);
  EXPECT_NE(r.out.find("\"line.md\""), std::string::npos);
  // Large plain text is analysed in segments, so memory stays far below the file's size times the
  // Document's overhead (bench/README.md has the figures).
  EXPECT_LT(r.max_rss_kb, 1024 * 1024) << "peak RSS " << r.max_rss_kb << " kB";
  // Above --max-file-size: skipped with a note, not read.
  const ProcessResult capped = check(dir, {"--max-file-size", "1000", "large.txt"});
  EXPECT_FALSE(capped.timed_out);
  EXPECT_EQ(capped.signal, 0);
  EXPECT_NE(capped.err.find("max-file-size"), std::string::npos) << capped.err;
}

TEST(HostileCli, StdinOfHostileBytes) {
  using namespace std::string_literals;
  TempDir dir;
  for (const std::string& input : {""s, "\0\0\0"s, "\xFF"s, std::string(10000, '\xE2') + "may", std::string(100000, '(') + " may"}) {
    const ProcessResult r = hostile::run_process({EVIDENTIAL_BINARY, "check", "--fail-on", "never", "-"}, dir.path(), input,
                                                 std::chrono::seconds(120));
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.signal, 0) << r.err;
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 2) << r.exit_code << " " << r.err;
  }
}

}  // namespace
}  // namespace evidential
