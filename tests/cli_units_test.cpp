// Unit tests of the batch linter's pieces that are easier to pin down in isolation than end to end:
// glob and .gitignore matching, the forward-walking position cursor, text rejection, segment plans.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "cli/files.h"
#include "cli/input.h"
#include "cli/output.h"
#include "core/line_index.h"

namespace evidential::cli {
namespace {

TEST(CliGlob, SegmentsAndDepth) {
  EXPECT_TRUE(glob_match("*.md", "a.md"));
  EXPECT_FALSE(glob_match("*.md", "dir/a.md"));  // '*' stays within a segment
  EXPECT_TRUE(glob_match("**/*.md", "a.md"));
  EXPECT_TRUE(glob_match("**/*.md", "x/y/a.md"));
  EXPECT_TRUE(glob_match("docs/**", "docs/a/b.md"));
  EXPECT_TRUE(glob_match("docs/**", "docs"));  // as in .gitignore, the directory itself
  EXPECT_FALSE(glob_match("docs/**", "docsx/a.md"));
  EXPECT_TRUE(glob_match("a?c.txt", "abc.txt"));
  EXPECT_FALSE(glob_match("a?c.txt", "a/c.txt"));
  EXPECT_TRUE(glob_match("[a-c]x", "bx"));
  EXPECT_FALSE(glob_match("[!a-c]x", "bx"));
  EXPECT_TRUE(glob_match("\\*.md", "*.md"));
  EXPECT_FALSE(glob_match("\\*.md", "a.md"));
}

TEST(CliGlob, GitignoreSemantics) {
  // No inner slash: any segment, at any depth.
  EXPECT_TRUE(ignore_pattern_matches("build", "a/build/x.md", false));
  EXPECT_TRUE(ignore_pattern_matches("*.log.md", "deep/x.log.md", false));
  // A slash anchors the pattern to the base.
  EXPECT_TRUE(ignore_pattern_matches("/drafts", "drafts", true));
  EXPECT_FALSE(ignore_pattern_matches("/drafts", "a/drafts", true));
  EXPECT_TRUE(ignore_pattern_matches("docs/gen", "docs/gen", true));
  EXPECT_FALSE(ignore_pattern_matches("docs/gen", "x/docs/gen", true));
  // A trailing slash: directories only.
  EXPECT_TRUE(ignore_pattern_matches("out/", "out", true));
  EXPECT_FALSE(ignore_pattern_matches("out/", "out", false));
  EXPECT_FALSE(ignore_pattern_matches("", "a", false));
}

TEST(CliPositionCursor, AgreesWithLineIndex) {
  // Mixed widths (1-4 bytes), CRLF and LF, an empty last line.
  std::string text = "a\xC3\xA9 b\xE2\x80\x9C q\xF0\x9F\x98\x80 end\r\nline two \xC3\xA9\xC3\xA9\n\nlast\n";
  core::LineIndex lines(text);
  std::mt19937 rng(7);
  std::vector<uint32_t> offsets;
  for (uint32_t i = 0; i <= text.size(); ++i) offsets.push_back(i);
  for (int round = 0; round < 3; ++round) {
    if (round > 0) std::shuffle(offsets.begin(), offsets.end(), rng);  // backwards jumps too
    PositionCursor cursor(text, lines);
    for (uint32_t off : offsets) {
      core::LinePosition want = lines.position(off, core::Encoding::kUtf32);
      EXPECT_EQ(cursor.at(off), want) << "offset " << off;
    }
  }
}

TEST(CliPositionCursor, OneLongLineIsLinear) {
  // One line of 3,000 sentences, queried as the writers do: each finding's start, then its end, then
  // the next start, which lies behind the previous end. Walking back to the line's start for every
  // such query was quadratic; the checkpoints bound each step back to kStride bytes.
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "Caf\xC3\xA9 owners said \xE2\x80\x9Cprices rose\xE2\x80\x9D last year. ";
  core::LineIndex lines(text);
  PositionCursor cursor(text, lines);
  const uint32_t size = static_cast<uint32_t>(text.size());
  uint64_t queries = 0;
  for (uint32_t start = 0; start + 200 < size; start += 37) {
    for (uint32_t off : {start, start + 200, start + 3}) {
      ++queries;
      ASSERT_EQ(cursor.at(off), lines.position(off, core::Encoding::kUtf32)) << "offset " << off;
    }
  }
  EXPECT_LE(cursor.bytes_walked(), size + queries * PositionCursor::kStride);
}

TEST(CliRejectText, BinaryAndUtf8) {
  EXPECT_FALSE(reject_text("plain ASCII text that is long enough for the word loop").has_value());
  EXPECT_FALSE(reject_text("caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98\x80").has_value());
  auto nul = reject_text(std::string_view("ab\0cd", 5), 100);
  ASSERT_TRUE(nul.has_value());
  EXPECT_NE(nul->find("offset 102"), std::string::npos) << *nul;
  auto bad = reject_text("0123456789abcdef\xC3(");
  ASSERT_TRUE(bad.has_value());
  EXPECT_NE(bad->find("offset 16"), std::string::npos) << *bad;
  EXPECT_TRUE(reject_text("cut \xE2\x82").has_value());  // truncated at the end
  EXPECT_TRUE(reject_text("\xED\xA0\x80").has_value());  // a surrogate
  EXPECT_TRUE(reject_text("\xC0\xAF").has_value());      // overlong
}

class CliSegments : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ =
        (std::filesystem::temp_directory_path() / ("evidential-seg-" + std::to_string(::getpid()))).string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  void write(const std::string& text) {
    std::ofstream(path_, std::ios::binary) << text;
    text_ = text;
  }
  std::string path_, text_;
};

TEST_F(CliSegments, CoresTileTheFileAtParagraphStarts) {
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += "Paragraph " + std::to_string(i) + (i % 7 ? " has one line.\n\n" : " has\ntwo lines.\n \t\n\n");
  }
  write(text);
  std::vector<Segment> segs;
  ASSERT_FALSE(plan_segments(path_, 4096, 512, &segs).has_value());
  ASSERT_GT(segs.size(), 5u);
  uint64_t expect_start = 0;
  for (const Segment& s : segs) {
    EXPECT_EQ(s.core_start, expect_start);
    EXPECT_LE(s.read_start, s.core_start);
    EXPECT_LT(s.core_start, s.core_end);
    EXPECT_LE(s.core_end, s.read_end);
    if (s.core_start > 0) EXPECT_GE(s.core_start - s.read_start, 512u);
    for (uint64_t cut : {s.read_start, s.core_start, s.core_end, s.read_end}) {
      if (cut == 0 || cut == text.size()) continue;
      // A paragraph start: the previous line is blank (only spaces and tabs).
      size_t prev_end = cut - 1;
      ASSERT_EQ(text[prev_end], '\n');
      size_t prev_start = text.rfind('\n', prev_end - 1);
      prev_start = prev_start == std::string::npos ? 0 : prev_start + 1;
      EXPECT_EQ(text.find_first_not_of(" \t\r", prev_start), prev_end) << "cut at " << cut;
    }
    // read_line counts the newlines before read_start.
    EXPECT_EQ(s.read_line,
              static_cast<uint64_t>(std::count(text.begin(), text.begin() + s.read_start, '\n')));
    expect_start = s.core_end;
  }
  EXPECT_EQ(expect_start, text.size());
}

TEST_F(CliSegments, OneParagraphIsOneSegment) {
  write(std::string(100000, 'x') + "\n");
  std::vector<Segment> segs;
  ASSERT_FALSE(plan_segments(path_, 4096, 512, &segs).has_value());
  ASSERT_EQ(segs.size(), 1u);
  EXPECT_EQ(segs[0].read_end, text_.size());
}

TEST_F(CliSegments, RejectsWhatWholeFilesReject) {
  // A multi-byte character straddling the scanner's 1 MiB read boundary is fine...
  std::string text(1 << 20, 'a');
  text[(1 << 20) - 1] = '\n';
  text.replace((1 << 20) - 2, 2, "\xE2\x80");
  text += "\x9C tail\n";
  write(text);
  std::vector<Segment> segs;
  EXPECT_FALSE(plan_segments(path_, 4096, 512, &segs).has_value());
  // ...an invalid byte far in is found, with its offset.
  text += std::string(5000, 'b') + "\xFF";
  write(text);
  auto why = plan_segments(path_, 4096, 512, &segs);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("offset " + std::to_string(text.size() - 1)), std::string::npos) << *why;
}

}  // namespace
}  // namespace evidential::cli
