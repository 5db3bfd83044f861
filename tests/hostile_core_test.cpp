// Hostile documents through the whole core (markup, prose grammar, facts, every check): invalid and
// overlong UTF-8, NUL bytes, a 1 MB line, 10,000 nested quotes and brackets, deep block quotes and
// 100,000 list items. The core promises a Document and findings for any bytes (DESIGN.md section 2);
// each test checks the invariants tests/fuzz/entry_points.h checks for the fuzzers, and that the
// analysis still finds the hedge planted beside the hostile part.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/config.h"
#include "core/analysis.h"
#include "core/document.h"
#include "core/line_index.h"
#include "core/utf8.h"
#include "tests/fuzz/entry_points.h"
#include "tests/hostile/hostile.h"

namespace evidential::core {
namespace {

using hostile::scaled;

const Settings& settings() {
  static const Settings s = config::default_settings();
  return s;
}

/// Analyses `text` as `markup`, checks every invariant, and returns the findings.
std::vector<Finding> analyse(const std::string& text, Markup markup) {
  const Document doc = parse_document(text, markup);
  EXPECT_EQ(fuzz::detail::check_document(doc), "");
  std::vector<Finding> findings = analyze(doc, settings());
  EXPECT_EQ(fuzz::detail::check_findings(text, findings), "");
  return findings;
}

/// Whether some finding of `check` covers exactly the bytes `word` at or after `from`.
bool flags(const std::string& text, const std::vector<Finding>& findings, std::string_view check,
           std::string_view word, size_t from = 0) {
  for (const Finding& f : findings) {
    if (f.check == check && f.range.start >= from && slice(text, f.range) == word) return true;
  }
  return false;
}

const Markup kBoth[] = {Markup::kPlain, Markup::kMarkdown};

TEST(HostileCore, InvalidAndOverlongUtf8) {
  // Each is invalid UTF-8 that a careless decoder turns into something else: overlong "/" and NUL,
  // CESU-8 surrogates (lone and paired), a code point above U+10FFFF, bytes that never occur,
  // truncated sequences, and stray continuation bytes.
  const std::vector<std::string> bad = {
      "\xC0\xAF", "\xC0\x80", "\xE0\x80\xAF", "\xF0\x80\x80\xAF", "\xED\xA0\x80", "\xED\xA0\xBD\xED\xB8\x80",
      "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFE", "\xFF", "\xE2\x80", "\xF0\x9F\x8C", "\x80", "\xBF\xBF",
  };
  for (const std::string& b : bad) {
    EXPECT_EQ(find_invalid_utf8("ok " + b), 3u) << testing::PrintToString(b);
    for (const std::string& text :
         {b, "The pier " + b + " may close.", b + "The pier may close." + b,
          "\xE2\x80\x9C" + b + " the pier" + b + "\xE2\x80\x9D, officials said. It may close." + b,
          "# " + b + "\n\n> The pier may" + b + " close.\n- " + b + " item\n"}) {
      for (Markup markup : kBoth) {
        SCOPED_TRACE(testing::PrintToString(text));
        const std::vector<Finding> findings = analyse(text, markup);
        if (text.find("may ") != std::string::npos) {
          EXPECT_TRUE(flags(text, findings, "hedge", "may"))
              << "the hedge beside the bad bytes is lost; found: "
              << testing::PrintToString(fuzz::detail::describe(findings));
        }
        // Columns of every finding stay on the finding's line whatever the bytes.
        const LineIndex lines(text);
        for (const Finding& f : findings) {
          const LinePosition p = lines.position(f.range.start, Encoding::kUtf16);
          EXPECT_LE(lines.offset(p, Encoding::kUtf16), f.range.start);
        }
      }
    }
  }
}

TEST(HostileCore, NulBytes) {
  using namespace std::string_literals;
  const std::string text = "The pier\0 may close.\0\0\n\n\0> A quote\0 could matter.\n"s + std::string(5000, '\0') +
                           "\n\nThe ferry might sail.\n";
  for (Markup markup : kBoth) {
    const std::vector<Finding> findings = analyse(text, markup);
    EXPECT_TRUE(flags(text, findings, "hedge", "might")) << "text after the NUL run is still read";
  }
  analyse(std::string(100000, '\0'), Markup::kMarkdown);
}

TEST(HostileCore, OneMegabyteLine) {
  const std::string line = hostile::prose(1 << 20, /*one_line=*/true);
  ASSERT_EQ(line.find('\n'), std::string::npos);
  for (Markup markup : kBoth) {
    const std::vector<Finding> findings = analyse(line, markup);
    EXPECT_TRUE(flags(line, findings, "hedge", "may", line.size() / 2)) << "findings reach the line's end";
  }
  // One megabyte without a single space or stop: one enormous "word".
  analyse(std::string(1 << 20, 'w'), Markup::kPlain);
}

TEST(HostileCore, TenThousandNestedQuotes) {
  const size_t n = 10000;
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"\xE2\x80\x98", "\xE2\x80\x99"}, {"\"", "\""}, {"'", "'"},
      {"\xC2\xAB", "\xC2\xBB"}};
  for (const auto& [open, close] : pairs) {
    std::string text;
    for (size_t i = 0; i < n; ++i) text += open;
    text += "The pier may close.";
    for (size_t i = 0; i < n; ++i) text += close;
    text += " Officials said so.\n\nThe ferry might sail.\n";
    for (Markup markup : kBoth) {
      SCOPED_TRACE(open);
      const std::vector<Finding> findings = analyse(text, markup);
      EXPECT_TRUE(flags(text, findings, "hedge", "might"));
    }
    // Only openers: nothing ever closes.
    std::string unclosed;
    for (size_t i = 0; i < n; ++i) unclosed += open + "may ";
    analyse(unclosed, Markup::kPlain);
  }
}

TEST(HostileCore, TenThousandNestedBrackets) {
  const size_t n = 10000;
  for (const char* pair : {"()", "[]", "{}", "<>", "**", "__", "``", "~~"}) {
    // Not at the line's start, where 10,000 tildes or backticks open a Markdown code fence.
    std::string text = "Note ";
    for (size_t i = 0; i < n; ++i) text += pair[0];
    text += "The pier may close";
    for (size_t i = 0; i < n; ++i) text += pair[1];
    text += ".\n\nThe ferry might sail.\n";
    for (Markup markup : kBoth) {
      SCOPED_TRACE(pair);
      const std::vector<Finding> findings = analyse(text, markup);
      EXPECT_TRUE(flags(text, findings, "hedge", "might"));
    }
  }
  // Nested Markdown links and images: [[[...](u)](u)](u).
  std::string links;
  for (size_t i = 0; i < n; ++i) links += "[";
  links += "the pier may close";
  for (size_t i = 0; i < n; ++i) links += i % 2 ? "](https://example.org/" + std::to_string(i) + ")" : "]";
  analyse(links + "\n\nThe ferry might sail.\n", Markup::kMarkdown);
  std::string images;
  for (size_t i = 0; i < n; ++i) images += "![";
  analyse(images + "x" + std::string(n, ']') + "(u)\n", Markup::kMarkdown);
}

TEST(HostileCore, DeepBlockQuotesAndLists) {
  // The markup layer's own tests (tests/markup_test.cpp) stop at the blocks; here the prose under them
  // goes through every check too.
  std::string quotes;
  for (int i = 0; i < 10000; ++i) quotes += "> ";
  quotes += "The pier may close.\n\nThe ferry might sail.\n";
  std::vector<Finding> findings = analyse(quotes, Markup::kMarkdown);
  EXPECT_TRUE(flags(quotes, findings, "hedge", "might"));

  std::string lists;
  for (int i = 0; i < 3000; ++i) lists += std::string(static_cast<size_t>(i % 200) * 2, ' ') + "- it may " + std::to_string(i) + "\n";
  analyse(lists, Markup::kMarkdown);
}

TEST(HostileCore, HundredThousandListItems) {
  const size_t items = scaled(100000);
  std::string text;
  text.reserve(items * 32);
  for (size_t i = 0; i < items; ++i) text += "- The tide may turn at " + std::to_string(i) + ".\n";
  const std::vector<Finding> markdown = analyse(text, Markup::kMarkdown);
  size_t hedges = 0;
  for (const Finding& f : markdown) hedges += f.check == "hedge";
  EXPECT_EQ(hedges, items) << "one hedge per item";
  analyse(text, Markup::kPlain);
}

}  // namespace
}  // namespace evidential::core
