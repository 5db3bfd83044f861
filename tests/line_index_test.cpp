// LineIndex: byte offsets <-> positions in UTF-8, UTF-16 and UTF-32 columns, with clamping.
#include "core/line_index.h"

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace evidential::core {
namespace {

TEST(LineIndex, CountsColumnsPerEncoding) {
  // "é" is 2 bytes / 1 unit, "“" 3 bytes / 1 unit, "𝄞" 4 bytes / 2 UTF-16 units / 1 code point.
  std::string text = "a\nxé“𝄞z\r\nlast";
  LineIndex idx(text);
  ASSERT_EQ(idx.line_count(), 3u);
  uint32_t z = static_cast<uint32_t>(text.find('z'));
  EXPECT_EQ(idx.position(z, Encoding::kUtf8), (LinePosition{1, 10}));
  EXPECT_EQ(idx.position(z, Encoding::kUtf16), (LinePosition{1, 5}));
  EXPECT_EQ(idx.position(z, Encoding::kUtf32), (LinePosition{1, 4}));
  for (Encoding e : {Encoding::kUtf8, Encoding::kUtf16, Encoding::kUtf32}) {
    EXPECT_EQ(idx.offset(idx.position(z, e), e), z);
  }
  EXPECT_EQ(idx.position(static_cast<uint32_t>(text.size()), Encoding::kUtf16), (LinePosition{2, 4}));
}

TEST(LineIndex, ClampsOutOfRangeAndSplitCharacters) {
  std::string text = "ab𝄞c\nd";
  LineIndex idx(text);
  // Beyond the line's end: the end of the line (before "\n"); beyond the last line: end of text.
  EXPECT_EQ(idx.offset({0, 99}, Encoding::kUtf16), 7u);
  EXPECT_EQ(idx.offset({9, 0}, Encoding::kUtf16), text.size());
  // Column 3 in UTF-16 is inside the surrogate pair of 𝄞: land on the character's start.
  EXPECT_EQ(idx.offset({0, 3}, Encoding::kUtf16), 2u);
  // A UTF-8 column inside a multi-byte character also lands on its start.
  EXPECT_EQ(idx.offset({0, 4}, Encoding::kUtf8), 2u);
  // An offset inside a character reports the character's column.
  EXPECT_EQ(idx.position(3, Encoding::kUtf16), (LinePosition{0, 2}));
}

TEST(LineIndex, EveryLspLineEndingEndsALine) {
  // "\n", "\r\n" and a lone "\r" each end a line; "\r\r\n" is two line ends, "\n\r" two as well.
  std::string text = "a\nbé\r\nc𝄞\rd\r\r\ne\n\rf";
  LineIndex idx(text);
  ASSERT_EQ(idx.line_count(), 8u);
  const uint32_t expected_starts[] = {0, 2, 7, 13, 15, 17, 19, 20};
  for (uint32_t line = 0; line < 8; ++line) EXPECT_EQ(idx.line_start(line), expected_starts[line]) << line;
  uint32_t d = static_cast<uint32_t>(text.find('d'));
  uint32_t f = static_cast<uint32_t>(text.find('f'));
  for (Encoding e : {Encoding::kUtf8, Encoding::kUtf16, Encoding::kUtf32}) {
    SCOPED_TRACE(static_cast<int>(e));
    EXPECT_EQ(idx.position(d, e), (LinePosition{3, 0}));
    EXPECT_EQ(idx.position(f, e), (LinePosition{7, 0}));
    EXPECT_EQ(idx.offset({3, 0}, e), d);
    EXPECT_EQ(idx.offset({7, 0}, e), f);
    // Empty lines between "\r" and "\r\n", and between "\n" and "\r".
    EXPECT_EQ(idx.offset({4, 0}, e), 15u);
    EXPECT_EQ(idx.offset({4, 5}, e), 15u);
    EXPECT_EQ(idx.offset({6, 3}, e), 19u);
  }
  // Columns past a line's end stop before its terminator, whichever it is.
  const uint32_t cr = static_cast<uint32_t>(text.find("\rd"));  // the lone "\r" after "c𝄞"
  EXPECT_EQ(idx.offset({2, 99}, Encoding::kUtf16), cr);
  EXPECT_EQ(idx.offset({1, 99}, Encoding::kUtf16), static_cast<uint32_t>(text.find("\r\nc")));
  // The column of the character before a lone "\r" counts per encoding: "c𝄞" is 1 + 2 UTF-16 units.
  EXPECT_EQ(idx.position(cr, Encoding::kUtf8), (LinePosition{2, 5}));
  EXPECT_EQ(idx.position(cr, Encoding::kUtf16), (LinePosition{2, 3}));
  EXPECT_EQ(idx.position(cr, Encoding::kUtf32), (LinePosition{2, 2}));
  // Round trips on every byte that starts a character.
  for (uint32_t off = 0; off <= text.size(); ++off) {
    if (off < text.size() && (static_cast<unsigned char>(text[off]) & 0xC0) == 0x80) continue;
    for (Encoding e : {Encoding::kUtf8, Encoding::kUtf16, Encoding::kUtf32}) {
      if (off > 0 && text[off - 1] == '\r' && off < text.size() && text[off] == '\n')
        continue;  // inside "\r\n"
      EXPECT_EQ(idx.offset(idx.position(off, e), e), off) << off;
    }
  }
}

TEST(LineIndex, TextEndingInALoneCarriageReturnHasAnEmptyLastLine) {
  std::string text = "one\rtwo\r";
  LineIndex idx(text);
  ASSERT_EQ(idx.line_count(), 3u);
  EXPECT_EQ(idx.position(static_cast<uint32_t>(text.size()), Encoding::kUtf16), (LinePosition{2, 0}));
  EXPECT_EQ(idx.line_of(4), 1u);
  EXPECT_EQ(idx.offset({1, 99}, Encoding::kUtf16), 7u);
}

TEST(Utf8, FindsInvalidSequences) {
  EXPECT_EQ(find_invalid_utf8("plain “quoted” 𝄞"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("ab\xC0\xAF"), 2u);        // overlong "/"
  EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);     // a UTF-16 surrogate encoded in UTF-8
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("ok\xE2\x80"), 2u);        // truncated
  EXPECT_EQ(find_invalid_utf8("\xEF\xBF\xBD"), std::string_view::npos);  // a real U+FFFD
}

}  // namespace
}  // namespace evidential::core
