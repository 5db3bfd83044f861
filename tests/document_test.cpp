// The Document: sentences, tokens, quotations and citations as byte ranges into the original text, for
// plain text and Markdown, and no failure on any input.
#include "core/document.h"

#include <gtest/gtest.h>

#include <iterator>
#include <random>
#include <string_view>

namespace evidential::core {
namespace {

std::vector<std::string> sentence_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences()) out.emplace_back(doc.slice(s.range));
  return out;
}

void expect_invariants(const Document& doc) {
  uint32_t n = static_cast<uint32_t>(doc.text().size());
  uint32_t last_end = 0;
  for (const Sentence& s : doc.sentences()) {
    ASSERT_LE(s.range.start, s.range.end);
    ASSERT_LE(s.range.end, n);
    ASSERT_GE(s.range.start, last_end) << "sentences overlap";
    last_end = s.range.end;
    ASSERT_LE(s.token_begin, s.token_end);
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      ASSERT_TRUE(s.range.contains(doc.tokens()[t].range) || doc.tokens()[t].range.empty());
    }
  }
  for (const Quotation& q : doc.quotations()) ASSERT_LE(q.range.end, n);
  for (const Citation& c : doc.citations()) ASSERT_LE(c.range.end, n);
}

TEST(Document, SplitsSentencesOfPlainText) {
  Document doc = parse_document(
      "Harbour Plan Wins Approval\n\n"
      "Mr. Varga spoke at 9 a.m. on Jan. 5 in the U.S. embassy. Freight rose 3.5 percent. "
      "“Why?” she asked.\nNobody answered.\n\nA second paragraph ends here",
      Markup::kPlain);
  expect_invariants(doc);
  EXPECT_EQ(sentence_texts(doc),
            (std::vector<std::string>{"Harbour Plan Wins Approval",
                                      "Mr. Varga spoke at 9 a.m. on Jan. 5 in the U.S. embassy.",
                                      "Freight rose 3.5 percent.", "“Why?” she asked.",
                                      "Nobody answered.", "A second paragraph ends here"}));
  EXPECT_EQ(doc.blocks().front().kind, BlockKind::kHeading);
}

TEST(Document, ClosingQuotesAfterTheStopBelongToTheSentence) {
  Document doc = parse_document(
      "The council said it would “review the plan.” The mayor disagreed. "
      "She called it “a good start,” and left.",
      Markup::kPlain);
  EXPECT_EQ(sentence_texts(doc),
            (std::vector<std::string>{"The council said it would “review the plan.”",
                                      "The mayor disagreed.",
                                      "She called it “a good start,” and left."}));
  ASSERT_EQ(doc.quotations().size(), 2u);
  EXPECT_EQ(doc.slice(doc.quotations()[0].inner), "review the plan.");
  EXPECT_EQ(doc.slice(doc.quotations()[1].inner), "a good start,");
}

TEST(Document, PairsQuotationsAcrossSentencesOfOneParagraph) {
  Document doc = parse_document("“We came. We stayed,” the crew said.", Markup::kPlain);
  ASSERT_EQ(doc.quotations().size(), 1u);
  EXPECT_EQ(doc.slice(doc.quotations()[0].inner), "We came. We stayed,");
}

TEST(Document, UnbalancedQuotesStayLocal) {
  Document doc = parse_document("( In March, the “Harbour Board, met. It “agreed.” Then it left.",
                                Markup::kPlain);
  expect_invariants(doc);
  EXPECT_EQ(doc.sentences().size(), 3u);
}

TEST(Document, MarkdownLinksAndFootnotesAreCitations) {
  Document doc = parse_document(
      "# Title\n\nThe minutes [are online](https://example.org/minutes \"Minutes\") and in the "
      "[archive][arch].[^1] See `code. Here` too.\n\n"
      "```\nnot. prose.\n```\n\n[arch]: https://example.org/archive\n[^1]: A note.\n",
      Markup::kMarkdown);
  expect_invariants(doc);
  std::vector<std::string> targets;
  for (const Citation& c : doc.citations()) {
    if (c.kind == CitationKind::kLink) targets.emplace_back(doc.slice(c.target));
  }
  EXPECT_EQ(targets, (std::vector<std::string>{"https://example.org/minutes", "https://example.org/archive"}));
  bool footnote = false;
  for (const Citation& c : doc.citations()) footnote |= c.kind == CitationKind::kFootnote;
  EXPECT_TRUE(footnote);
  for (const Sentence& s : doc.sentences()) {
    EXPECT_EQ(doc.slice(s.range).find("not. prose."), std::string_view::npos) << "code is not prose";
  }
  // A dot inside a code span does not end the sentence.
  bool found = false;
  for (const std::string& t : sentence_texts(doc)) found |= t == "See `code. Here` too.";
  EXPECT_TRUE(found);
}

TEST(Document, ParagraphEndingWithAColonRunsIntoTheNext) {
  Document doc = parse_document(
      "The harbour master wrote:\n\n“We will rebuild the pier. It opens in May.”\n\n"
      "Crews started on Monday.",
      Markup::kPlain);
  expect_invariants(doc);
  EXPECT_EQ(sentence_texts(doc),
            (std::vector<std::string>{"The harbour master wrote:\n\n“We will rebuild the pier.",
                                      "It opens in May.”", "Crews started on Monday."}));
}

TEST(Document, TimeOfDayLineIsTheDatelineOfTheEntryBelow) {
  Document doc = parse_document(
      "Harbour updates\n\n9:40 a.m.\n\nCrews reopened the east gate.\n\n11 a.m.\n\n"
      "Ferries resumed service. Queues were short.",
      Markup::kPlain);
  expect_invariants(doc);
  EXPECT_EQ(sentence_texts(doc),
            (std::vector<std::string>{"Harbour updates", "9:40 a.m.\n\nCrews reopened the east gate.",
                                      "11 a.m.\n\nFerries resumed service.", "Queues were short."}));
}

TEST(Document, FourDotEllipsisEndsTheSentence) {
  Document doc = parse_document(
      "Freight kept falling…. Nobody saw it coming.... Then the port waited... Ships came back.",
      Markup::kPlain);
  EXPECT_EQ(sentence_texts(doc),
            (std::vector<std::string>{"Freight kept falling….", "Nobody saw it coming....",
                                      "Then the port waited... Ships came back."}));
}

// The Document reads the grammar's token stream; the syntax tree is the reference it must equal,
// token for token, on prose, inline Markdown and garbage alike.
void expect_same_document(const Document& a, const Document& b) {
  ASSERT_EQ(a.tokens().size(), b.tokens().size());
  for (size_t i = 0; i < a.tokens().size(); ++i) {
    const Token& x = a.tokens()[i];
    const Token& y = b.tokens()[i];
    ASSERT_TRUE(x.range == y.range && x.kind == y.kind && x.in_link_text == y.in_link_text)
        << "token " << i << " [" << x.range.start << ", " << x.range.end << ") "
        << token_kind_name(x.kind) << " vs [" << y.range.start << ", " << y.range.end << ") "
        << token_kind_name(y.kind);
  }
  ASSERT_EQ(a.sentences().size(), b.sentences().size());
  for (size_t i = 0; i < a.sentences().size(); ++i) {
    const Sentence& x = a.sentences()[i];
    const Sentence& y = b.sentences()[i];
    ASSERT_TRUE(x.range == y.range && x.block == y.block && x.token_begin == y.token_begin &&
                x.token_end == y.token_end)
        << "sentence " << i << ": " << a.slice(x.range) << " | " << b.slice(y.range);
  }
  ASSERT_EQ(a.citations().size(), b.citations().size());
  for (size_t i = 0; i < a.citations().size(); ++i) {
    const Citation& x = a.citations()[i];
    const Citation& y = b.citations()[i];
    ASSERT_TRUE(x.range == y.range && x.kind == y.kind && x.target == y.target) << "citation " << i;
  }
  ASSERT_EQ(a.quotations().size(), b.quotations().size());
}

TEST(Document, TokenStreamEqualsTheSyntaxTree) {
  static const std::string_view kPieces[] = {
      "Mr.", "U.S.", "Inc.", "J.", "e.g.", "p.m.", "No.", "Sept.", "pier", "Harbour", "The", "She",
      "said", "3.5", "$4", "45%", "1990s", ".", "!", "?", "...", "…", "….", "?!", ",", ";", ":",
      "—", "-", "“", "”", "‘", "’", "\"", "'", "''", "(", ")", "[", "]", "{", "}", "[1]", "[^n]",
      "[citation needed]", "(Okafor 2019)", "[docs](https://example.org/a)", "[ref][b]", "[ref]",
      "![map](map.png \"Map\")", "[[in](a)](b)", "[x](<a b>)", "`a.b`", "``", "<b>", "</b>",
      "<!-- note -->", "<https://example.org>", "*", "**", "_", "~~", "\\*", "&amp;",
      "https://example.org/a.", "www.example.com", "example.org", "desk@example.org", "\n", "\n\n",
      " ", "\t", "\xC2\xA0", "\x0B", "\x0C", std::string_view("\0", 1), "\xFF", "\xC3",
      "\xE2\x80", "é", "🙂", "。", "9:40 a.m.", "\n\n7 p.m.\n\n", ":\n\n", "> ", "- ", "# "};
  std::mt19937 rng(20261128);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 60) + 1;
    for (int i = 0; i < n; ++i) {
      text += kPieces[rng() % std::size(kPieces)];
      if (rng() % 3 != 0) text += ' ';
    }
    for (Markup markup : {Markup::kPlain, Markup::kMarkdown}) {
      SCOPED_TRACE(testing::Message() << "round " << round << ": " << text);
      expect_same_document(parse_document(text, markup), parse_document_from_trees(text, markup));
    }
  }
  std::mt19937 bytes(3);
  for (int round = 0; round < 100; ++round) {
    std::string text(static_cast<size_t>(bytes() % 300), '\0');
    for (char& c : text) c = static_cast<char>(bytes() % 256);
    expect_same_document(parse_document(text, Markup::kPlain),
                         parse_document_from_trees(text, Markup::kPlain));
  }
}

TEST(Document, AnyBytesParse) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::string text(static_cast<size_t>(rng() % 400), '\0');
    for (char& c : text) c = static_cast<char>(rng() % 256);
    expect_invariants(parse_document(text, round % 2 ? Markup::kMarkdown : Markup::kPlain));
  }
  std::string long_line(2 * 1024 * 1024, 'a');
  for (size_t i = 5; i < long_line.size(); i += 7) long_line[i] = i % 3 ? ' ' : '.';
  expect_invariants(parse_document(long_line, Markup::kPlain));
}

}  // namespace
}  // namespace evidential::core

namespace evidential::core {
namespace {

// Messages and hovers show a source as a reader sees it; the JSON output keeps the document's slice.
TEST(ReadableText, DropsLinkDestinationsAndMarks) {
  EXPECT_EQ(readable_text("[Titus Wormer](https://github.com/wooorm), [Christian Murphy](https://x.example)",
                          Markup::kMarkdown),
            "Titus Wormer, Christian Murphy");
  EXPECT_EQ(readable_text("the journal *Coastal\n  Ecology*", Markup::kMarkdown), "the journal Coastal Ecology");
  EXPECT_EQ(readable_text("the [openApi 3.0.0 specification", Markup::kMarkdown), "the openApi 3.0.0 specification");
  EXPECT_EQ(readable_text("a link cut off](https://exa", Markup::kMarkdown), "a link cut off");
  EXPECT_EQ(readable_text("snake_case_name", Markup::kMarkdown), "snake_case_name");
  // Plain text keeps its brackets and stars; only white space is folded.
  EXPECT_EQ(readable_text("[Reuters]  *said*", Markup::kPlain), "[Reuters] *said*");
}

}  // namespace
}  // namespace evidential::core
