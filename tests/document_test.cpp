// The Document: sentences, tokens, quotations and citations as byte ranges into the original text, for
// plain text and Markdown, and no failure on any input.
#include "core/document.h"

#include <gtest/gtest.h>

#include <random>

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
