// IncrementalMarkdownParser keeps no syntax tree: it cuts the text into segments where nothing stays open
// and re-parses the segments an edit touches. These tests use segments of a few bytes, so that nearly
// every blank line is a cut, and check after every edit that the result equals a fresh parse_markdown:
// edits that open or close something across a cut (a code fence, an HTML comment, front matter), that
// merge two segments (deleting the blank line between them) or split one, and edits right at a cut.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/markup/markup.h"

namespace {

using evidential::core::Block;
using evidential::core::IncrementalMarkdownParser;
using evidential::core::MarkupResult;
using evidential::core::parse_markdown;

// Our own text, with the constructs that can stay open past a blank line.
constexpr const char* kDocument =
    "---\n"
    "title: Ferry notes\n"
    "---\n"
    "\n"
    "# Ferry notes\n"
    "\n"
    "The ferry may run late on Sundays, the operator said.\n"
    "Tickets reportedly cost more this year.\n"
    "\n"
    "Another paragraph could follow here. It has two sentences.\n"
    "\n"
    "- First item may matter\n"
    "- Second item could too\n"
    "\n"
    "Between the lists a line stands alone.\n"
    "\n"
    "1. One step\n"
    "2. Two steps, perhaps more\n"
    "\n"
    "> A quoted line may hedge.\n"
    "> It continues here.\n"
    "\n"
    "After the quote the text goes on.\n"
    "\n"
    "```\n"
    "timetable = load(\"ferries.csv\")\n"
    "\n"
    "print(timetable)\n"
    "```\n"
    "\n"
    "Code is over; this line is prose again.\n"
    "\n"
    "<!-- evidential-disable-next-line hedge -->\n"
    "This line may be quiet.\n"
    "\n"
    "<div>\n"
    "Some HTML that holds words.\n"
    "</div>\n"
    "\n"
    "Setext headings exist too\n"
    "=========================\n"
    "\n"
    "| Route | Note |\n"
    "|---|---|\n"
    "| north | it may vary |\n"
    "\n"
    "Officials said the route [could change][r] next spring.[^1]\n"
    "\n"
    "[r]: https://example.org/routes\n"
    "\n"
    "[^1]: A note that may matter.\n"
    "\n"
    "    indented code, not prose\n"
    "\n"
    "Final words close the document.\n";

std::string describe(const Block& b) {
  std::string s = std::to_string(b.range.start) + "-" + std::to_string(b.range.end) + " kind " +
                  std::to_string(static_cast<int>(b.kind)) + " level " + std::to_string(b.heading_level) +
                  " quote " + std::to_string(b.quote_depth) + " list " + std::to_string(b.list_depth) + " holes";
  for (const auto& h : b.holes) s += " " + std::to_string(h.start) + "-" + std::to_string(h.end);
  return s;
}

/// Every field of both results, as lines; equal results give equal lines.
std::vector<std::string> lines(const MarkupResult& r) {
  std::vector<std::string> out;
  for (const Block& b : r.blocks) out.push_back("block " + describe(b));
  for (const auto& d : r.directives) {
    std::string s = "directive " + std::to_string(static_cast<int>(d.kind)) + " " + std::to_string(d.range.start) +
                    "-" + std::to_string(d.range.end);
    for (const auto& id : d.ids) s += " " + id;
    out.push_back(s);
  }
  for (const auto& d : r.link_definitions) {
    out.push_back("definition " + std::to_string(d.label.start) + "-" + std::to_string(d.label.end) + " " +
                  std::to_string(d.destination.start) + "-" + std::to_string(d.destination.end));
  }
  for (const auto& f : r.footnote_definitions) {
    out.push_back("footnote " + std::to_string(f.start) + "-" + std::to_string(f.end));
  }
  return out;
}

/// Line starts that begin with a letter after a blank line: where the parser may cut.
std::vector<size_t> cut_candidates(const std::string& text) {
  std::vector<size_t> out;
  for (size_t i = 2; i < text.size(); ++i) {
    const char c = text[i];
    if (text[i - 1] == '\n' && text[i - 2] == '\n' && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      out.push_back(i);
    }
  }
  return out;
}

TEST(LspMarkdownSegments, SmallSegmentsEqualAFreshParse) {
  for (uint32_t bytes : {1u, 64u, 400u}) {
    IncrementalMarkdownParser parser(bytes);
    EXPECT_EQ(lines(parser.parse(kDocument)), lines(parse_markdown(kDocument))) << bytes;
    // Every clean cut with the smallest segments (the one inside the code block is not clean).
    EXPECT_GE(parser.segment_count(), bytes == 1 ? 9u : bytes == 64 ? 6u : 2u) << bytes;
  }
}

// Each edit at (and just before) every cut, applied and then undone, on one parser per segment size.
TEST(LspMarkdownSegments, EditsAtCutsMergeAndSplitSegments) {
  struct Edit {
    int at;  // relative to the cut
    int erase;
    const char* insert;
  };
  const Edit kEdits[] = {
      {0, 0, "```\n"},         // opens a fence that swallows the rest (or closes an open one)
      {0, 0, "~~~\n\n"},       // the same with tildes
      {-1, 1, ""},             // deletes the blank line: the paragraph before runs on
      {-2, 2, " "},            // joins the line before and the cut's line
      {0, 0, "> "},            // the cut's line becomes a quote
      {0, 0, "- "},            // a list item
      {0, 0, "    "},          // indented code, or a lazy continuation
      {0, 0, "x"},             // a letter: still a cut
      {0, 1, ""},              // the first letter goes
      {0, 0, "<!--\n"},        // an HTML comment left open
      {0, 0, "<script>\n\n"},  // an HTML block that ends only at its end tag
      {0, 0, "\n"},            // a second blank line
      {1, 0, "\n\nNew paragraph in the middle.\n\n"},  // splits a segment
      {0, 0, "===\n"},         // a setext underline, or not
      {0, 0, "| a | b |\n"},   // a table row
      {0, 0, "[x]: /y\n"},     // a link definition
      {0, 0, "[^2]: Note.\n"}, // a footnote
  };
  for (uint32_t bytes : {1u, 64u, 400u}) {
    IncrementalMarkdownParser parser(bytes);
    std::string text = kDocument;
    parser.parse(text);
    size_t edits = 0;
    for (size_t cut : cut_candidates(text)) {
      for (const Edit& e : kEdits) {
        const size_t at = static_cast<size_t>(static_cast<int>(cut) + e.at);
        const std::string erased = text.substr(at, static_cast<size_t>(e.erase));
        text.replace(at, static_cast<size_t>(e.erase), e.insert);
        ASSERT_EQ(lines(parser.parse(text)), lines(parse_markdown(text)))
            << "segments of " << bytes << ", edit at " << at << " inserting \"" << e.insert << "\"\n" << text;
        text.replace(at, std::string_view(e.insert).size(), erased);
        ASSERT_EQ(lines(parser.parse(text)), lines(parse_markdown(text)))
            << "segments of " << bytes << ", undoing the edit at " << at << " inserting \"" << e.insert << "\"";
        ++edits;
      }
    }
    EXPECT_EQ(text, kDocument);
    EXPECT_GT(edits, 100u);
    EXPECT_GE(parser.segment_count(), bytes == 1 ? 9u : bytes == 64 ? 6u : 2u);
  }
}

// A fence opened in the middle turns the rest of the document into code until it is closed; the
// segments after it merge, and split again once the fence is closed.
TEST(LspMarkdownSegments, OpeningAndClosingAFence) {
  IncrementalMarkdownParser parser(32);
  std::string text = kDocument;
  parser.parse(text);
  const size_t before = parser.segment_count();
  const size_t at = text.find("Between the lists");
  text.insert(at, "```\n");
  ASSERT_EQ(lines(parser.parse(text)), lines(parse_markdown(text)));
  const size_t close = text.find("After the quote");
  text.insert(close, "```\n\n");
  ASSERT_EQ(lines(parser.parse(text)), lines(parse_markdown(text)));
  text.erase(close, 5);
  ASSERT_EQ(lines(parser.parse(text)), lines(parse_markdown(text)));
  text.erase(at, 4);
  ASSERT_EQ(lines(parser.parse(text)), lines(parse_markdown(text)));
  // Typing in the segments that merged while the fence was open cuts them again (from the end, so that
  // the candidates found before stay in place).
  const std::vector<size_t> cuts = cut_candidates(text);
  for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
    text.insert(*it + 1, "a");
    ASSERT_EQ(lines(parser.parse(text)), lines(parse_markdown(text)));
  }
  EXPECT_EQ(parser.segment_count(), before);
}

// Texts that parse_markdown reads whole (a control character, nesting too deep for the grammar) are
// parsed whole, and segmented again once the reason is gone.
TEST(LspMarkdownSegments, WholeTextFallbackAndBack) {
  IncrementalMarkdownParser parser(64);
  std::string text = kDocument;
  parser.parse(text);
  EXPECT_GT(parser.segment_count(), 1u);
  const size_t at = text.find("Another paragraph");
  for (const std::string insert : {std::string("\f"), std::string(1, '\0'), std::string("a\rb"),
                                   "\n\n" + std::string(600, '>') + "\n\n"}) {
    text.insert(at + 8, insert);
    ASSERT_EQ(lines(parser.parse(text)), lines(parse_markdown(text)));
    EXPECT_EQ(parser.segment_count(), 0u);
    text.erase(at + 8, insert.size());
    ASSERT_EQ(lines(parser.parse(text)), lines(parse_markdown(text)));
    EXPECT_GT(parser.segment_count(), 1u);
  }
}

// Random edits of Markdown syntax and prose anywhere, with segments of a few bytes.
TEST(LspMarkdownSegments, RandomEditsEqualAFreshParse) {
  const std::vector<std::string> pieces = {
      "a", "e", " ", "\n", "\n\n", ".", "’", "may ", "The plan may work. ", "# ", "> ", "- ", "1. ", "```",
      "```\n", "~~~\n", "    ", "<!-- ", " -->", "<!-- evidential-disable -->\n", "<div>\n", "</div>\n",
      "| a | b |\n", "|---|---|\n", "[r]: https://example.org\n", "[^1]: A note.\n", "===\n", "---\n", "+++\n",
      "<script>\n", "</script>\n", "\t", "Officials said it could.\n\n", "*", "_", "[", "]", ":"};
  for (uint32_t bytes : {1u, 48u, 512u}) {
    std::mt19937 rng(bytes);
    std::string text = kDocument;
    IncrementalMarkdownParser parser(bytes);
    size_t segmented = 0;
    for (int step = 0; step < 2500; ++step) {
      const size_t at = rng() % (text.size() + 1);
      size_t erase = std::min<size_t>(text.size() - at, rng() % 3 == 0 ? rng() % 40 : rng() % 3);
      if (text.size() > 6000) erase = std::min<size_t>(text.size() - at, 60);
      std::string insert;
      for (int n = static_cast<int>(rng() % 3); n > 0; --n) insert += pieces[rng() % pieces.size()];
      if (text.size() < 1000) insert += kDocument;
      text.replace(at, erase, insert);
      ASSERT_EQ(lines(parser.parse(text)), lines(parse_markdown(text)))
          << "segments of " << bytes << ", step " << step << "\n" << text;
      if (parser.segment_count() > 1) ++segmented;
    }
    // Most texts were cut: the segments, not a whole-text parse, were under test.
    EXPECT_GT(segmented, 1000u) << bytes;
  }
}

}  // namespace
