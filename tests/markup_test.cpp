// Tests for the markup layer: golden files pin what parse_markdown and parse_plain extract from our own
// tricky documents, and robustness tests feed hostile bytes and check the result's invariants.
//
// Golden files live in tests/golden/markup/: each NAME.md or NAME.txt has a NAME.md.expected or
// NAME.txt.expected beside it. Run with EVIDENTIAL_UPDATE_GOLDEN=1 to rewrite the expected files, then
// review the diff by eye: the expected files are the specification.
#include "core/markup/markup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace evidential::core {
namespace {

namespace fs = std::filesystem;

#ifndef EVIDENTIAL_SOURCE_DIR
#error "EVIDENTIAL_SOURCE_DIR must name the repository root"
#endif

const fs::path kGoldenDir = fs::path(EVIDENTIAL_SOURCE_DIR) / "tests" / "golden" / "markup";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// JSON string escaping keeps control bytes and CRs visible; invalid UTF-8 shows as U+FFFD.
std::string json_string(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string range_str(Range range) {
  return "[" + std::to_string(range.start) + "," + std::to_string(range.end) + ")";
}

// The block's text as the prose parser sees it: holes replaced by spaces.
std::string prose_text(std::string_view text, const Block& block) {
  std::string out(slice(text, block.range));
  for (const Range& hole : block.holes) {
    for (uint32_t i = hole.start; i < hole.end; ++i) out[i - block.range.start] = ' ';
  }
  return out;
}

const char* kind_name(BlockKind kind) {
  switch (kind) {
    case BlockKind::kParagraph:
      return "paragraph";
    case BlockKind::kHeading:
      return "heading";
    case BlockKind::kTableCell:
      return "cell";
  }
  return "?";
}

const char* directive_name(Directive::Kind kind) {
  switch (kind) {
    case Directive::Kind::kDisableNextLine:
      return "disable-next-line";
    case Directive::Kind::kDisable:
      return "disable";
    case Directive::Kind::kEnable:
      return "enable";
  }
  return "?";
}

std::string render(std::string_view text, const MarkupResult& result) {
  std::ostringstream out;
  for (const Block& block : result.blocks) {
    out << kind_name(block.kind);
    if (block.heading_level != 0) out << " h" << int{block.heading_level};
    if (block.quote_depth != 0) out << " quote=" << int{block.quote_depth};
    if (block.list_depth != 0) out << " list=" << int{block.list_depth};
    out << " " << range_str(block.range);
    if (!block.holes.empty()) {
      out << " holes=";
      for (const Range& hole : block.holes) out << range_str(hole);
    }
    out << " " << json_string(prose_text(text, block)) << "\n";
  }
  for (const Directive& directive : result.directives) {
    out << "directive " << directive_name(directive.kind) << " " << range_str(directive.range) << " ids=[";
    for (size_t i = 0; i < directive.ids.size(); ++i) out << (i ? "," : "") << json_string(directive.ids[i]);
    out << "]\n";
  }
  for (const LinkDefinition& link : result.link_definitions) {
    out << "link " << range_str(link.label) << " " << json_string(slice(text, link.label)) << " -> "
        << range_str(link.destination) << " " << json_string(slice(text, link.destination)) << "\n";
  }
  for (const Range& label : result.footnote_definitions) {
    out << "footnote " << range_str(label) << " " << json_string(slice(text, label)) << "\n";
  }
  return out.str();
}

void expect_invariants(std::string_view text, const MarkupResult& result) {
  uint32_t previous_end = 0;
  for (const Block& block : result.blocks) {
    const Range r = block.range;
    ASSERT_FALSE(r.empty()) << range_str(r);
    ASSERT_LE(r.end, text.size()) << range_str(r);
    ASSERT_GE(r.start, previous_end) << "blocks out of order or overlapping at " << range_str(r);
    previous_end = r.end;
    // Trimmed: a block starts and ends with prose, not whitespace or container syntax.
    EXPECT_FALSE(std::isspace(static_cast<unsigned char>(text[r.start]))) << range_str(r);
    EXPECT_FALSE(std::isspace(static_cast<unsigned char>(text[r.end - 1]))) << range_str(r);
    uint32_t hole_floor = r.start;
    for (const Range& hole : block.holes) {
      ASSERT_FALSE(hole.empty()) << range_str(hole);
      ASSERT_TRUE(r.contains(hole)) << range_str(hole) << " outside " << range_str(r);
      ASSERT_GE(hole.start, hole_floor) << "holes unsorted in " << range_str(r);
      EXPECT_NE(hole.start, r.start);
      EXPECT_NE(hole.end, r.end);
      hole_floor = hole.end;
    }
    if (block.kind == BlockKind::kHeading) {
      EXPECT_GE(block.heading_level, 1);
      EXPECT_LE(block.heading_level, 6);
    } else {
      EXPECT_EQ(block.heading_level, 0);
    }
  }
  for (const Directive& directive : result.directives) {
    EXPECT_LE(directive.range.end, text.size());
    EXPECT_LE(directive.range.start, directive.range.end);
  }
  for (const LinkDefinition& link : result.link_definitions) {
    EXPECT_LE(link.label.end, text.size());
    EXPECT_LE(link.destination.end, text.size());
  }
  for (const Range& label : result.footnote_definitions) {
    EXPECT_FALSE(label.empty());
    EXPECT_LE(label.end, text.size());
  }
}

void expect_all_invariants(std::string_view text) {
  SCOPED_TRACE(testing::Message() << "input of " << text.size() << " bytes");
  expect_invariants(text, parse_markdown(text));
  expect_invariants(text, parse_plain(text));
}

std::vector<fs::path> golden_inputs() {
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(kGoldenDir)) {
    const fs::path& path = entry.path();
    if (path.extension() == ".md" || path.extension() == ".txt") inputs.push_back(path);
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

TEST(MarkupGolden, EveryFileMatchesItsExpectation) {
  const bool update = [] {
    const char* value = std::getenv("EVIDENTIAL_UPDATE_GOLDEN");
    return value != nullptr && std::string_view(value) == "1";
  }();
  const std::vector<fs::path> inputs = golden_inputs();
  ASSERT_FALSE(inputs.empty()) << "no golden inputs in " << kGoldenDir;
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.filename().string());
    const std::string text = read_file(input);
    const MarkupResult result = input.extension() == ".md" ? parse_markdown(text) : parse_plain(text);
    expect_invariants(text, result);
    const std::string actual = render(text, result);
    fs::path expected_path = input;
    expected_path += ".expected";
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << actual;
      continue;
    }
    ASSERT_TRUE(fs::exists(expected_path))
        << expected_path << " is missing; run with EVIDENTIAL_UPDATE_GOLDEN=1 and review it";
    EXPECT_EQ(read_file(expected_path), actual)
        << "run with EVIDENTIAL_UPDATE_GOLDEN=1 to accept, then review the diff";
  }
}

// parse_markdown finds most blocks with a line scanner and sends the rest to the grammar a region at
// a time; the result must be the grammar's own on the whole text. Documents are built from lines that
// exercise every boundary the scanner decides: constructs it handles, constructs it sends on, and
// constructs that could reach across a blank line (fences, HTML, front matter, definitions).
TEST(Markdown, ScannerMatchesTheGrammar) {
  for (const fs::path& input : golden_inputs()) {
    if (input.extension() != ".md") continue;
    const std::string text = read_file(input);
    EXPECT_EQ(render(text, parse_markdown(text)), render(text, parse_markdown_tree(text))) << input;
  }
  static const char* const kLines[] = {
      "Plain words and more words.",
      "Another sentence, with a comma.",
      "# Heading",
      "## Closed heading ##",
      "### C#",
      "#hashtag is text",
      "####### seven is text",
      "#",
      "",
      "",
      "",
      "   three spaces of indentation",
      "    four spaces of indentation",
      "\ttabbed line",
      "- a bullet",
      "* a star bullet",
      "+ a plus bullet",
      "-",
      "1. ordered",
      "2) ordered",
      "1. <computer> an item that starts with a tag",
      "2. <div> a block tag",
      "3. <p>",
      "10. a numbered item",
      "- <em>x</em> inline first",
      "- [ ] a task",
      "  two spaces in",
      "  <p>",
      "  <div>",
      "      six spaces in",
      "   three spaces in",
      "1.  two spaces after the marker",
      "-     five spaces after the marker",
      "*\tstar and tab",
      "  - nested bullet",
      "  continued under an item",
      "> quoted",
      "> > deeper",
      ">",
      "```",
      "```python",
      "~~~",
      "````",
      "``` not`a fence",
      "  ```",
      "  - ```",
      "> ```",
      "---",
      "***",
      "___",
      "* * *",
      "===",
      "--",
      "| a | b |",
      "|---|---|",
      "a | b",
      "--- | ---",
      ":-:|:-:",
      "<div>",
      "</div>",
      "<!-- evidential-disable hedge -->",
      "<!-- evidential-enable",
      "-->",
      "<script>",
      "</script>",
      "<?php",
      "?>",
      "text then -->",
      "words then ```",
      "words then ~~~",
      "text ```` more",
      "<!-- a --> b",
      "  <!-- indented",
      "<!DOCTYPE html",
      "  \"a quoted line\">",
      "<pre>",
      "</pre>",
      "<http://example.org> starts a line",
      "<em>inline</em> html first",
      "[a]: /url",
      "[a]: /url 'a title",
      "that ends here'",
      "[^n]: a footnote with words",
      "[^m]: word",
      "[a link](http://example.org) first",
      "[x] brackets first",
      "*emphasis* first",
      "__strong__ first",
      "**bold** first",
      "1994-01-15, a date first",
      "42 is a number",
      "+++",
      "title: front matter",
      "trailing spaces   ",
      "\xC2\xA0no-break space first",
      "caf\xC3\xA9 au lait",
  };
  std::mt19937 rng(11);
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const bool crlf = rng() % 8 == 0;
    const size_t lines = 1 + rng() % 30;
    for (size_t i = 0; i < lines; ++i) {
      text += kLines[rng() % std::size(kLines)];
      if (i + 1 < lines || rng() % 2 == 0) text += crlf ? "\r\n" : "\n";
    }
    ASSERT_EQ(render(text, parse_markdown(text)), render(text, parse_markdown_tree(text)))
        << "input: " << json_string(text);
  }
}

// A region where the grammar may keep a list item or a table open past blank lines (a list item holding
// an HTML block, a table whose delimiter row has no pipe, a fence or HTML block that may be top-level)
// goes to the grammar a window of a few KB at a time and ends where the window's tree closes every
// block. Documents of dictionary-like entries with such shapes spread between them, several windows
// long, check that the cut is where the grammar's tree of the whole text puts it, whether the shape
// closes at the next heading, runs on for a while, or never closes.
TEST(Markdown, ScannerMatchesTheGrammarPastOpenRegions) {
  static const char* const kOpeners[] = {
      "1. <body> an item holding an HTML block\n\n2. <communications> another one\n",
      "3. <p>\n\n\n# Heading\n",
      "3. <p>\n\n# Heading\n",
      "- <div>\n\n  <p>\n\n## Heading\n",
      "1. <body>\n\n\n\nWords after blank lines.\n",
      "| a | b |\n-----\n",
      "| a | b |\n-----\n\n| c |\n",
      "a | b\n--- | ---\n| c | d |\n",
      "  ```\n",
      "```\ncode\n",
      "- ```\nnot closed\n",
      "<!-- open comment\n",
      "<script>\n",
      "  <div>\n",
      "<div>\n\n<pre>\n",
      "> <div>\n\n# Heading\n",
      "1. <body>\n   - nested\n\n     <p>\n",
      "<!DOCTYPE html\n",
  };
  static const char* const kTails[] = {
      "Plain words, then more of them.\n",
      "*category* Plain words with a [link](#link) in them.\n",
      "1. First sense of the word.\n\n2. Second sense.\n",
      "(1994-11-08)\n",
      "```\n",
      "-->\n",
      "</div>\n",
      "    indented code\n",
      "- a bullet\n",
      "> quoted\n",
      "</script>\n",
      "[a]: /url 'a title\n",
      "[^n]: a footnote\n\n    its second paragraph\n",
      "Setext heading\n---\n",
      "",
  };
  std::mt19937 rng(29);
  for (int round = 0; round < 120; ++round) {
    std::string text;
    const size_t target = 2000 + rng() % 24000;
    for (int entry = 0; text.size() < target; ++entry) {
      text += rng() % 2 == 0 ? "## Entry " : "# Entry ";
      text += std::to_string(entry);
      text += "\n\n";
      const size_t paragraphs = rng() % 4;
      for (size_t p = 0; p < paragraphs; ++p) {
        text += "Words of an entry that run on for a while,\nover two lines.\n\n";
      }
      if (rng() % 6 == 0) text += kOpeners[rng() % std::size(kOpeners)];
      if (rng() % 2 == 0) text += "\n";
      text += kTails[rng() % std::size(kTails)];
      text += rng() % 5 == 0 ? "\n\n\n" : "\n";
    }
    ASSERT_EQ(render(text, parse_markdown(text)), render(text, parse_markdown_tree(text)))
        << "input: " << json_string(text);
  }
}

// --- Behaviour worth stating outside the golden files -------------------------------------------

TEST(Markdown, HolesReadAsSpacesKeepOffsets) {
  const std::string text = "> one\n> two\n";
  const MarkupResult result = parse_markdown(text);
  ASSERT_EQ(result.blocks.size(), 1u);
  EXPECT_EQ(prose_text(text, result.blocks[0]), "one\n  two");
  EXPECT_EQ(result.blocks[0].quote_depth, 1);
}

TEST(Markdown, ShowsCodeWithAFenceOrThreeCodeSpans) {
  EXPECT_TRUE(is_software_documentation("Install it:\n\n```sh\nmake\n```\n\nThen:\n\n```sh\nmake test\n```\n"));
  EXPECT_TRUE(is_software_documentation("Run `make`.\n~~~\ncode\n~~~\n"));          // a fence and a code span
  EXPECT_TRUE(is_software_documentation("- `x()`\n\n  ```js\n  x()\n  ```\n"));    // inside a list item
  EXPECT_TRUE(is_software_documentation("> ```\n> a\n> ```\n>\n> ```\n> b\n> ```\n"));  // inside a block quote
  // One fenced block alone may be an article quoting a snippet or some data.
  EXPECT_FALSE(is_software_documentation("The council said:\n\n```\nlevy: 61\n```\n\nIt rose.\n"));
  EXPECT_TRUE(is_software_documentation("Call `open()`, then `read()` and `close()`."));
  EXPECT_TRUE(is_software_documentation("Use ``a`b``, `c` and `d`."));                 // a double-backtick span counts once
  EXPECT_FALSE(is_software_documentation("Call `open()` and then `close()`."));        // two spans: a passing mention
  EXPECT_FALSE(is_software_documentation("A line with ``` in the middle of it.\n"));  // no fence mid-line
  EXPECT_FALSE(is_software_documentation("An `open\nspan` across lines, ` `x` ``"));
  EXPECT_FALSE(is_software_documentation("The mayor said the bridge would reopen in May.\n"));
  // A changelog: two headings that name a release.
  EXPECT_TRUE(is_software_documentation("# Changes\n\n## 1.4.0\n\n- Faster.\n\n## [v1.3.2] - 2021-03-02\n\n- Fix.\n"));
  EXPECT_FALSE(is_software_documentation("## 1.4.0\n\nOne release only.\n"));
  EXPECT_FALSE(is_software_documentation("## 2024 in review\n\n## 2025 plans\n"));  // years, not releases
  EXPECT_TRUE(is_software_documentation("### Version 1.0.2 (2015-10-18) ###\n\n- Fix.\n\n### Version 1.0.1\n\n- Fix.\n"));
  EXPECT_TRUE(is_software_documentation("# Changelog\n\n - 0.0.6 (2018/09/11)\n   - Fix the default port.\n"));
  EXPECT_TRUE(is_software_documentation("# Release Notes\n\nThe first release.\n"));
  EXPECT_FALSE(is_software_documentation("# Harbour history\n\nVersion 2 of the plan was adopted.\n"));
  EXPECT_TRUE(parse_markdown("```\na\n```\n\n```\nb\n```\n").documents_software);
  EXPECT_TRUE(parse_markdown_tree("```\na\n```\n\n```\nb\n```\n").documents_software);
  EXPECT_FALSE(parse_markdown("Prose only.\n").documents_software);
  EXPECT_FALSE(parse_plain("```\nnot Markdown\n```\n").documents_software);
}

/// The prose of the blocks of `r` (a parse of `text`) whose flag is set.
std::vector<std::string> blocks_where(const std::string& text, const MarkupResult& r, bool Block::*flag) {
  std::vector<std::string> out;
  for (const Block& b : r.blocks) {
    if (b.*flag) out.emplace_back(prose_text(text, b));
  }
  return out;
}

TEST(Markdown, SectionsThatPresentOwnFindings) {
  const std::string text =
      "# Report\n\nIntro.\n\n## 3. Results and discussion\n\nA.\n\n### Detail\n\nB.\n\n"
      "## Background\n\nC.\n\n## Materials and methods\n\nD.\n\n# Resultsless heading\n\nE.\n";
  for (const MarkupResult& r : {parse_markdown(text), parse_markdown_tree(text)}) {
    EXPECT_EQ(blocks_where(text, r, &Block::own_findings), (std::vector<std::string>{"A.", "B.", "D."}));
  }
  EXPECT_FALSE(parse_plain("Results\n\nYields fell.\n").blocks.back().own_findings);
}

// A transcript names its speakers at the start of two or more lines; a text that names each once has
// datelines or terms there, except in its first block or a heading, where a headline names a speaker.
TEST(Markup, LineLabelsThatNameSpeakers) {
  auto flags = [](const MarkupResult& r) {
    std::vector<bool> out;
    for (const Block& b : r.blocks) out.push_back(b.no_speaker_labels);
    return out;
  };
  const std::string datelines =
      "Ruiz: We Will Appeal\n\nThe talks broke up.\n\nMosul: Six people were shot.\n\nBasra: The port reopened.\n";
  EXPECT_EQ(flags(parse_plain(datelines)), (std::vector<bool>{false, true, true, true}));
  EXPECT_EQ(flags(parse_markdown("# Ruiz: We Will Appeal\n\nMosul: Six people were shot.\n")),
            (std::vector<bool>{false, true}));
  // "Ana Ruiz:" and "**Ruiz:**" name the same speaker: a transcript, and every label in it is a speaker's.
  const std::string transcript =
      "Harbour hearing\n\nAna Ruiz: The levy doubled.\n\nTom Berg: Did it?\n\n**Ruiz:** It did, in 2024.\n";
  for (const MarkupResult& r : {parse_plain(transcript), parse_markdown(transcript), parse_markdown_tree(transcript)}) {
    for (bool f : flags(r)) EXPECT_FALSE(f);
  }
  // Notes and updates recur in any kind of text.
  EXPECT_TRUE(parse_plain("Talks\n\nNote: one.\n\nNote: two.\n\nMosul: Six.\n").blocks.back().no_speaker_labels);
}

// A plain-text README names paths, long options and files of code or configuration; a debate
// transcript's "--and then" is a dash, and an essay may underline its headings.
TEST(Plain, SoftwareDocumentationNamesWhatAReaderTypes) {
  const std::string readme =
      "The harbour tools\n=================\n\nInstall them into /usr/local/bin and edit\n"
      "/etc/harbour/tides.conf before the first run.\n\nOptions\n-------\n\nUse --dry-run to test.\n";
  EXPECT_TRUE(is_plain_software_documentation(readme));
  EXPECT_TRUE(parse_plain(readme).documents_software);
  EXPECT_FALSE(is_plain_software_documentation(
      "MODERATOR: Senator --\n\nRUIZ: --and then the levy doubled --which nobody --absolutely nobody-- wanted.\n"));
  EXPECT_FALSE(is_plain_software_documentation(
      "The riots\n=========\n\nThey began in 1911.\n\nAftermath\n---------\n\nWages rose.\n\nLegacy\n------\n"));
  // One path in a news story is not documentation.
  EXPECT_FALSE(is_plain_software_documentation("The leaked file, saved as /tmp/memo, named three ministers.\n"));
}

TEST(Markdown, FootnoteTextIsMarked) {
  const std::string text =
      "Emissions fell by a fifth.[^1] Costs rose.[^note]\n\n[^1]: Port inventory, 2023, table 4.\n"
      "[^note]: City survey.\n\nA closing paragraph.\n";
  for (const MarkupResult& r : {parse_markdown(text), parse_markdown_tree(text)}) {
    EXPECT_EQ(blocks_where(text, r, &Block::footnote),
              (std::vector<std::string>{"Port inventory, 2023, table 4.", "City survey."}));
  }
}

TEST(Markdown, DirectiveIdsSplitOnSpacesAndCommas) {
  const MarkupResult result = parse_markdown("<!-- evidential-disable hedge,weasel  booster -->\n");
  ASSERT_EQ(result.directives.size(), 1u);
  EXPECT_EQ(result.directives[0].kind, Directive::Kind::kDisable);
  EXPECT_EQ(result.directives[0].ids, (std::vector<std::string>{"hedge", "weasel", "booster"}));
}

TEST(Markdown, LookalikeCommentIsNoDirective) {
  EXPECT_TRUE(parse_markdown("<!-- evidential-disabled -->\n").directives.empty());
  EXPECT_TRUE(parse_markdown("<!-- evidential-disable\n").directives.empty());
}

TEST(Plain, OneLineWithoutBreakIsNoHeadline) {
  const MarkupResult result = parse_plain("Markets rallied on Friday");
  ASSERT_EQ(result.blocks.size(), 1u);
  EXPECT_EQ(result.blocks[0].kind, BlockKind::kParagraph);
}

// A title may ask; a first line that ends a sentence is one.
TEST(Plain, AHeadlineMayAsk) {
  EXPECT_EQ(parse_plain("Who owns the harbour?\n\nThe city sold it.\n").blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(parse_plain("The city sold the harbour.\n\nIt was 2019.\n").blocks[0].kind, BlockKind::kParagraph);
}

TEST(Plain, ParagraphEndingWithAColonContinuesIntoTheNext) {
  const std::string text = "The notice read:\n\n\nBoats must dock by noon.\n\nA new paragraph.\n";
  const MarkupResult result = parse_plain(text);
  expect_invariants(text, result);
  ASSERT_EQ(result.blocks.size(), 2u);
  EXPECT_EQ(slice(text, result.blocks[0].range), "The notice read:\n\n\nBoats must dock by noon.");
  EXPECT_EQ(slice(text, result.blocks[1].range), "A new paragraph.");
  // A colon inside the paragraph, or a paragraph at the end, changes nothing.
  EXPECT_EQ(parse_plain("Note: the pier is shut.\n\nIt reopens soon.").blocks.size(), 2u);
  EXPECT_EQ(parse_plain("First.\n\nIt ends with:\n\n").blocks.size(), 2u);
}

TEST(Plain, TimeOfDayLineJoinsTheParagraphBelow) {
  for (const char* time : {"7 p.m.", "6:05 p.m.", "11:15 a.m. EDT", "9:30am", "12:50 PM"}) {
    const std::string text = std::string("Port log\n\n") + time + "\n\nThe gate opened.\n\nLater.";
    const MarkupResult result = parse_plain(text);
    SCOPED_TRACE(time);
    ASSERT_EQ(result.blocks.size(), 3u);
    EXPECT_EQ(slice(text, result.blocks[1].range), std::string(time) + "\n\nThe gate opened.");
  }
  // Not a bare time of day: a line that goes on, a number without a.m./p.m., two lines.
  for (const char* line : {"7 p.m. rally", "10:30", "2016", "7 p.m.\nsharp", "7 pm.m."}) {
    const std::string text = std::string("Port log\n\n") + line + "\n\nThe gate opened.";
    SCOPED_TRACE(line);
    EXPECT_EQ(parse_plain(text).blocks.size(), 3u);
  }
}

// --- Robustness: any bytes, no crash, invariants hold ----------------------------------------------

TEST(MarkupRobustness, EmptyAndWhitespace) {
  for (const char* text :
       {"", "\n", "\r\n\r\n", "   \t  ", ">", "- ", "#", "|", "```", "<!--", "[^", "---"}) {
    expect_all_invariants(text);
    EXPECT_TRUE(parse_plain(text).blocks.size() <= 1);
  }
}

TEST(MarkupRobustness, RandomBytes) {
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 200; ++round) {
    std::string text(rng() % 2000, '\0');
    for (char& c : text) c = static_cast<char>(byte(rng));
    expect_all_invariants(text);
    if (HasFatalFailure()) return;
  }
}

// Random concatenations of Markdown syntax reach the grammar's odd corners far more often than random
// bytes do.
TEST(MarkupRobustness, RandomMarkdownFragments) {
  static const char* const kFragments[] = {
      "> ",    "- ",   "* ",   "1. ",        "  ",     "    ",     "\t",
      "\n",    "\r\n", "\n\n", "#",          "## ",    "===",      "---",
      "```",   "~~~",  "|",    "|---|",      "[^n]: ", "[a]: /u ", "<!-- evidential-disable x -->",
      "<div>", "-->",  "text", "more words", ".",      "\"",       "\\",
      "`",     "[",    "]",    "\0",         "\xC3",   "\xFF",     "+++"};
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const size_t pieces = rng() % 60;
    for (size_t i = 0; i < pieces; ++i) {
      const char* fragment = kFragments[rng() % std::size(kFragments)];
      text += fragment[0] == '\0' ? std::string(1, '\0') : std::string(fragment);
    }
    expect_all_invariants(text);
    if (HasFatalFailure()) return;
  }
}

TEST(MarkupRobustness, NulBytes) {
  using namespace std::string_literals;
  std::string text = "Para\0graph one.\n\n> quote\0\n\n- item\0\n"s;
  text += std::string(1000, '\0');
  expect_all_invariants(text);
  EXPECT_FALSE(parse_markdown(text).blocks.empty());
}

TEST(MarkupRobustness, DeepQuotes) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "> ";
  text += "deep\n";
  for (int i = 0; i < 10000; ++i) text += ">";
  text += " deeper\n";
  expect_all_invariants(text);
  // Just below the depth where the grammar's scanner breaks, Markdown is still parsed as Markdown.
  text.clear();
  for (int i = 0; i < 150; ++i) text += "> ";
  text += "deep\n";
  const MarkupResult result = parse_markdown(text);
  expect_invariants(text, result);
  ASSERT_EQ(result.blocks.size(), 1u);
  EXPECT_EQ(result.blocks[0].quote_depth, 150);
  EXPECT_EQ(slice(text, result.blocks[0].range), "deep");
}

// One line can open many containers too.
TEST(MarkupRobustness, ManyMarkersOnOneLine) {
  for (const char* marker : {"- ", "1. ", "> - ", "* > ", "\t- "}) {
    std::string text;
    for (int i = 0; i < 400; ++i) text += marker;
    text += "x\n";
    expect_all_invariants(text);
  }
}

TEST(MarkupRobustness, DeepLists) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += std::string(static_cast<size_t>(i) * 2, ' ') + "- level\n";
  expect_all_invariants(text);
  text.clear();
  for (int i = 0; i < 300; ++i) text += std::string(static_cast<size_t>(i) * 4, ' ') + "- level\n";
  expect_all_invariants(text);
}

TEST(MarkupRobustness, ManyListItems) {
  std::string text;
  text.reserve(100000 * 12);
  for (int i = 0; i < 100000; ++i) text += "- item " + std::to_string(i) + "\n";
  const MarkupResult result = parse_markdown(text);
  expect_invariants(text, result);
  EXPECT_EQ(result.blocks.size(), 100000u);
}

TEST(MarkupRobustness, LongLineWithoutNewline) {
  std::string text(10 * 1024 * 1024, 'a');
  for (size_t i = 7; i < text.size(); i += 8) text[i] = ' ';
  expect_all_invariants(text);
  ASSERT_EQ(parse_plain(text).blocks.size(), 1u);
}

}  // namespace
}  // namespace evidential::core

namespace evidential::core {
namespace {

// Terms, policies and codes of conduct are read as rules by their title; a headline about rules is not.
TEST(Markup, ATextThatStatesRules) {
  EXPECT_TRUE(parse_markdown("# Ferry ticket terms and conditions\n\n1. Tickets may be exchanged once.\n").states_rules);
  EXPECT_TRUE(parse_markdown("# Terms of service\n\nText.\n").states_rules);
  EXPECT_TRUE(parse_markdown("## Code of conduct\n\nText.\n").states_rules);
  EXPECT_TRUE(parse_markdown("# House rules\n\nText.\n").states_rules);
  EXPECT_TRUE(parse_plain("Privacy policy\n\nWe may share your e-mail address with our printer.\n").states_rules);
  EXPECT_FALSE(parse_markdown("# Council tightens parking rules\n\nText.\n").states_rules);
  EXPECT_FALSE(parse_markdown("# Ferry news\n\n## Terms of use\n\nText.\n").states_rules);  // the first heading decides
  EXPECT_FALSE(parse_plain("The council may raise fees.\n").states_rules);
  EXPECT_FALSE(parse_markdown("Prose only.\n").states_rules);
}

}  // namespace
}  // namespace evidential::core
