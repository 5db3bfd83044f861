// The Document: what the markup and prose layers saw in one text, as byte ranges into that text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/markup/markup.h"
#include "core/range.h"

namespace evidential::core {

/// The leaf kinds of our prose grammar (grammar/prose), as the analysis uses them.
enum class TokenKind : uint8_t {
  kWord,          ///< letters with inner apostrophes and hyphens: "Kim’s", "state-run"
  kNumber,        ///< "2014", "3.5", "$4.5", "45%", "3rd"
  kAbbreviation,  ///< a word with its non-final dot(s): "Mr.", "U.S."
  kPunctuation,   ///< commas, colons, dashes, non-final dots
  kTerminator,    ///< the stop that ends a sentence
  kOpenQuote,
  kCloseQuote,
  kOpenBracket,
  kCloseBracket,
  kCitation,      ///< "[1]", "[^note]", "(Smith 2020)", "[citation needed]"
  kUrl,           ///< a bare URL or e-mail address
  kLink,          ///< the whole of a Markdown link or image; its text's words follow as tokens of their own
  kCode,          ///< a code span: never prose
  kMarkup,        ///< inline HTML, emphasis markers, escapes: never prose
  kSymbol,        ///< anything else
};

std::string_view token_kind_name(TokenKind kind);

struct Token {
  Range range;
  TokenKind kind = TokenKind::kSymbol;
  /// Set on words inside a Markdown link's text (the link's range is the enclosing kLink token).
  bool in_link_text = false;
};

struct Sentence {
  Range range;
  uint32_t block = 0;        ///< index into Document::blocks
  uint32_t token_begin = 0;  ///< [token_begin, token_end) in Document::tokens
  uint32_t token_end = 0;
};

/// A direct quotation: a pair of quote marks, possibly spanning sentences of one block.
struct Quotation {
  Range range;  ///< from the opening mark through the closing mark
  Range inner;  ///< between the marks
};

enum class CitationKind : uint8_t {
  kBracket,   ///< "[1]", "[citation needed]"
  kFootnote,  ///< "[^note]"
  kAuthorYear,
  kLink,      ///< a Markdown link, inline or by reference
  kUrl,       ///< a bare URL or autolink
};

/// Whether a bracketed citation asks for a source instead of giving one: a maintenance tag such as
/// "[citation needed]", "[by whom?]", "[dubious – discuss]", "[unreliable source?]".
bool asks_for_source(std::string_view citation);

struct Citation {
  Range range;
  CitationKind kind = CitationKind::kBracket;
  Range target;  ///< the link destination or URL where there is one; empty otherwise
};

/// One analysed text. It owns the text; every range in it indexes that text. Building a Document never
/// fails: any byte string yields one (possibly with no sentences).
/// Where the Document reads the prose grammar's leaves from: its token stream (the default; what the
/// tree would say, without building it) or its syntax trees (what tests compare the stream with).
enum class ProseSource : uint8_t { kTokens, kTrees };

class Document {
 public:
  std::string_view text() const { return text_; }
  std::string_view slice(Range r) const { return core::slice(text_, r); }
  Markup markup() const { return markup_; }

  const std::vector<Block>& blocks() const { return markup_result_.blocks; }
  /// Markdown that documents software (MarkupResult::documents_software).
  bool documents_software() const { return markup_result_.documents_software; }
  /// A text that states rules (MarkupResult::states_rules).
  bool states_rules() const { return markup_result_.states_rules; }
  const std::vector<Directive>& directives() const { return markup_result_.directives; }
  const std::vector<LinkDefinition>& link_definitions() const {
    return markup_result_.link_definitions;
  }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<Quotation>& quotations() const { return quotations_; }
  const std::vector<Citation>& citations() const { return citations_; }

  /// The tokens of sentence `s`.
  std::pair<const Token*, const Token*> tokens_of(const Sentence& s) const {
    return {tokens_.data() + s.token_begin, tokens_.data() + s.token_end};
  }

 private:
  friend Document build_document(std::string text, Markup markup, MarkupResult markup_result,
                                 ProseSource source);

  std::string text_;
  Markup markup_ = Markup::kPlain;
  MarkupResult markup_result_;
  std::vector<Sentence> sentences_;
  std::vector<Token> tokens_;
  std::vector<Quotation> quotations_;
  std::vector<Citation> citations_;
};

/// Parses `text` as `markup`: the markup layer finds the prose blocks, our prose grammar splits each
/// into sentences and tokens. Never throws for any input (std::bad_alloc aside).
Document parse_document(std::string text, Markup markup);

/// The same from a markup result already computed for `text` (by an incremental Markdown parse, or
/// for one block of a larger document): only the prose layer runs.
Document parse_document(std::string text, Markup markup, MarkupResult markup_result);

/// parse_document with an explicit ProseSource; both sources give the same Document.
Document build_document(std::string text, Markup markup, MarkupResult markup_result, ProseSource source);

/// parse_document reading every block from its syntax tree: the reference the token stream must equal.
Document parse_document_from_trees(std::string text, Markup markup);

/// A span of Markdown as a reader sees it, for messages and hovers: link destinations, brackets,
/// emphasis and code marks dropped, runs of white space made one space ("[Titus Wormer](https://...)"
/// -> "Titus Wormer"). Plain text is only folded. Output formats that promise a slice of the
/// document keep the slice.
std::string readable_text(std::string_view span, Markup markup);

/// The prose grammar's syntax tree of one block, as an S-expression with byte ranges: what
/// `evidential parse` prints so a misplaced finding can be explained.
std::string prose_syntax_tree(const Document& doc, const Block& block);

}  // namespace evidential::core
