// Builds a Document: the markup layer finds prose blocks, then our prose grammar reads each block on its
// own (an edit elsewhere never invalidates them; see DESIGN.md section 3). The Document needs the
// grammar's leaves and sentences, not a tree, so it reads them from the grammar's token stream
// (prose_tokens.h: the grammar's own scanner, driven as the generated parser drives it, without the
// cost of building and walking a tree); a block that would need the parser's error recovery is parsed
// into a tree and walked instead, so the result is always the tree's.
#include "core/document.h"

#include <prose_tokens.h>
#include <tree_sitter/api.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

extern "C" const TSLanguage* tree_sitter_prose(void);

namespace evidential::core {

namespace {

/// What each grammar symbol means to the Document, looked up once by name. Indexing by symbol id
/// covers aliases too (the grammar aliases "trailing" variants of leaves to the ordinary names).
enum class Role : uint8_t {
  kOther,        // inner node: descend
  kSentence,
  kLeaf,         // a token; its TokenKind is in `kind`
  kLink,         // link or image: a token for the whole, then descend into its text
  kLinkText,     // descend, marking words as link text
  kLinkTarget,   // destination or label: part of the link's citation, not prose
  kError,
};

struct SymbolInfo {
  Role role = Role::kOther;
  TokenKind kind = TokenKind::kSymbol;
  bool citation = false;   // also a Citation
  bool footnote = false;
  bool url = false;
  bool autolink = false;
  bool label = false;      // link_label: a reference to resolve
};

class SymbolTable {
 public:
  explicit SymbolTable(const TSLanguage* lang) {
    uint32_t n = ts_language_symbol_count(lang);
    info_.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      const char* raw = ts_language_symbol_name(lang, static_cast<TSSymbol>(i));
      info_[i] = classify(raw ? std::string_view(raw) : std::string_view());
    }
  }
  const SymbolInfo& operator[](TSSymbol s) const {
    static const SymbolInfo kError{Role::kError};
    return s < info_.size() ? info_[s] : kError;
  }

 private:
  static SymbolInfo classify(std::string_view name) {
    SymbolInfo i;
    auto leaf = [&](TokenKind k) {
      i.role = Role::kLeaf;
      i.kind = k;
    };
    if (name == "sentence") i.role = Role::kSentence;
    else if (name == "ERROR") i.role = Role::kError;
    else if (name == "word") leaf(TokenKind::kWord);
    else if (name == "number") leaf(TokenKind::kNumber);
    else if (name == "abbreviation") leaf(TokenKind::kAbbreviation);
    else if (name == "punctuation") leaf(TokenKind::kPunctuation);
    else if (name == "terminator") leaf(TokenKind::kTerminator);
    else if (name == "open_quote") leaf(TokenKind::kOpenQuote);
    else if (name == "close_quote") leaf(TokenKind::kCloseQuote);
    else if (name == "open_bracket") leaf(TokenKind::kOpenBracket);
    else if (name == "close_bracket") leaf(TokenKind::kCloseBracket);
    else if (name == "citation") { leaf(TokenKind::kCitation); i.citation = true; }
    else if (name == "footnote_reference") { leaf(TokenKind::kCitation); i.citation = i.footnote = true; }
    else if (name == "url" || name == "email") { leaf(TokenKind::kUrl); i.url = true; }
    else if (name == "autolink") { leaf(TokenKind::kUrl); i.url = i.autolink = true; }
    else if (name == "code_span") leaf(TokenKind::kCode);
    else if (name == "html_tag" || name == "emphasis_marker" || name == "escape") leaf(TokenKind::kMarkup);
    else if (name == "symbol") leaf(TokenKind::kSymbol);
    else if (name == "link" || name == "image") i.role = Role::kLink;
    else if (name == "link_text") i.role = Role::kLinkText;
    else if (name == "link_destination") i.role = Role::kLinkTarget;
    else if (name == "link_label") { i.role = Role::kLinkTarget; i.label = true; }
    else if (name == "link_title") i.role = Role::kLinkTarget;
    return i;
  }
  std::vector<SymbolInfo> info_;
};

const SymbolTable& symbols() {
  static const SymbolTable table(tree_sitter_prose());
  return table;
}

/// One TSParser per thread: parsers are not thread-safe, and creating one per block would dominate.
class ProseParser {
 public:
  ProseParser() : parser_(ts_parser_new()) { ts_parser_set_language(parser_, tree_sitter_prose()); }
  ~ProseParser() { ts_parser_delete(parser_); }
  ProseParser(const ProseParser&) = delete;
  ProseParser& operator=(const ProseParser&) = delete;

  TSTree* parse(std::string_view text) {
    return ts_parser_parse_string(parser_, nullptr, text.data(), static_cast<uint32_t>(text.size()));
  }

 private:
  TSParser* parser_;
};

ProseParser& thread_parser() {
  thread_local ProseParser parser;
  return parser;
}

/// The text the prose parser sees for a block: its range with the holes blanked out.
std::string block_text(std::string_view text, const Block& block) {
  std::string out(slice(text, block.range));
  for (const Range& hole : block.holes) {
    if (hole.start < block.range.start || hole.end > block.range.end) continue;
    std::memset(out.data() + (hole.start - block.range.start), ' ', hole.size());
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

Range trimmed(std::string_view text, Range r) {
  while (r.start < r.end && is_space(text[r.start])) ++r.start;
  while (r.end > r.start && is_space(text[r.end - 1])) --r.end;
  return r;
}

/// Which quote marks close which: curly pairs, guillemets, low-9 openers and straight quotes.
bool quotes_match(std::string_view open, std::string_view close) {
  // Newswire text writes quotes as doubled apostrophes and backticks: ``like this'' or ''like this''.
  if (open == "''" || open == "``") return close == "''" || close == "\"" || close == "”";
  if (open == "\"" || open == "'") return close == open || close == "”" || close == "’";
  if (open == "“" || open == "„") return close == "”" || close == "“" || close == "\"";
  if (open == "‘" || open == "‚") return close == "’" || close == "‘" || close == "'";
  if (open == "«") return close == "»";
  if (open == "»") return close == "«";
  if (open == "‹") return close == "›";
  return true;
}

/// The citation that a citation or URL leaf of the prose grammar makes. `leaf` is the leaf's text: a
/// citation's kind is read from it; a URL is its own target, without an autolink's angle brackets.
Citation leaf_citation(Range range, std::string_view leaf, bool url, bool footnote, bool autolink) {
  Citation cit;
  cit.range = range;
  if (!url) {
    cit.kind = footnote || leaf.substr(0, 2) == "[^" ? CitationKind::kFootnote
               : leaf.substr(0, 1) == "("            ? CitationKind::kAuthorYear
                                                     : CitationKind::kBracket;
    return cit;
  }
  cit.kind = CitationKind::kUrl;
  cit.target = range;
  if (autolink && cit.target.size() >= 2) {
    cit.target.start += 1;
    cit.target.end -= 1;
  }
  return cit;
}

class BlockWalker {
 public:
  BlockWalker(Document& doc_text_owner, std::string_view text, uint32_t base, uint32_t block_index,
              std::vector<Sentence>& sentences, std::vector<Token>& tokens,
              std::vector<Citation>& citations)
      : text_(text),
        base_(base),
        block_index_(block_index),
        sentences_(sentences),
        tokens_(tokens),
        citations_(citations) {
    (void)doc_text_owner;
  }

  void walk(TSNode root) {
    const SymbolTable& sym = symbols();
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      do {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        // Sentences, and anything else at the top (error recovery), each become a sentence so no
        // prose is lost.
        if (ts_node_is_named(node) || sym[ts_node_symbol(node)].role == Role::kSentence) {
          add_sentence(&cursor);
        }
      } while (ts_tree_cursor_goto_next_sibling(&cursor));
    }
    ts_tree_cursor_delete(&cursor);
  }

 private:
  Range absolute(TSNode node) const {
    return {base_ + ts_node_start_byte(node), base_ + ts_node_end_byte(node)};
  }

  void add_sentence(TSTreeCursor* cursor) {
    Sentence s;
    s.block = block_index_;
    s.token_begin = static_cast<uint32_t>(tokens_.size());
    add_tokens(cursor);
    s.token_end = static_cast<uint32_t>(tokens_.size());
    if (s.token_end == s.token_begin) return;
    s.range = {tokens_[s.token_begin].range.start, tokens_[s.token_begin].range.end};
    for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
      s.range.end = std::max(s.range.end, tokens_[i].range.end);
    }
    sentences_.push_back(s);
  }

  // Depth-first over the subtree at the cursor, emitting leaves as tokens. Iterative so deep nesting
  // cannot overflow the stack.
  void add_tokens(TSTreeCursor* cursor) {
    const SymbolTable& sym = symbols();
    TSTreeCursor c = ts_tree_cursor_copy(cursor);
    uint32_t depth = 0;
    std::vector<bool> link_text_stack{false};
    for (;;) {
      TSNode node = ts_tree_cursor_current_node(&c);
      const SymbolInfo& info = sym[ts_node_symbol(node)];
      bool descend = false;
      bool link_text_here = link_text_stack.back();
      bool has_children = ts_node_child_count(node) > 0;
      if (ts_node_is_missing(node) || ts_node_start_byte(node) == ts_node_end_byte(node)) {
        // zero-width: nothing to record
      } else if (info.role == Role::kLink) {
        emit(node, TokenKind::kLink, link_text_here);
        add_link_citation(node);
        descend = true;
      } else if (info.role == Role::kLinkTarget) {
        // recorded with the link's citation
      } else if (info.role == Role::kLinkText) {
        descend = true;
        link_text_here = true;
      } else if (info.role == Role::kLeaf || !has_children) {
        emit(node, info.role == Role::kLeaf ? info.kind : TokenKind::kSymbol, link_text_here);
        if (info.citation || info.url) {
          const std::string_view leaf = slice(text_, {ts_node_start_byte(node), ts_node_end_byte(node)});
          citations_.push_back(leaf_citation(absolute(node), leaf, info.url && !info.citation, info.footnote,
                                             info.autolink));
        }
      } else {
        descend = true;
      }
      if (descend && ts_tree_cursor_goto_first_child(&c)) {
        ++depth;
        link_text_stack.push_back(link_text_here);
        continue;
      }
      // Move to the next sibling, climbing up as needed, but never above the starting node.
      for (;;) {
        if (depth == 0) {
          ts_tree_cursor_delete(&c);
          return;
        }
        if (ts_tree_cursor_goto_next_sibling(&c)) break;
        ts_tree_cursor_goto_parent(&c);
        --depth;
        link_text_stack.pop_back();
      }
    }
  }

  void emit(TSNode node, TokenKind kind, bool in_link_text) {
    Token t;
    t.range = absolute(node);
    t.kind = kind;
    t.in_link_text = in_link_text;
    tokens_.push_back(t);
  }

  void add_link_citation(TSNode link) {
    const SymbolTable& sym = symbols();
    Citation cit;
    cit.range = absolute(link);
    cit.kind = CitationKind::kLink;
    uint32_t n = ts_node_child_count(link);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode child = ts_node_child(link, i);
      const SymbolInfo& info = sym[ts_node_symbol(child)];
      if (info.role == Role::kLinkTarget && (info.label || cit.target.empty())) {
        if (ts_node_start_byte(child) == ts_node_end_byte(child)) continue;
        cit.target = absolute(child);
        if (info.label) pending_labels.push_back(static_cast<uint32_t>(citations_.size()));
      }
    }
    citations_.push_back(cit);
  }

 public:
  /// Citations whose target is still a reference label, resolved against link definitions later.
  std::vector<uint32_t> pending_labels;

 private:
  std::string_view text_;  // the block text the parser saw
  uint32_t base_;
  uint32_t block_index_;
  std::vector<Sentence>& sentences_;
  std::vector<Token>& tokens_;
  std::vector<Citation>& citations_;
};

/// What each token type of the stream contributes: its TokenKind and whether it is also a Citation.
struct StreamInfo {
  TokenKind kind = TokenKind::kSymbol;
  bool token = true;  // false: part of a link target, recorded with the link's citation only
  bool citation = false;
  bool footnote = false;
  bool url = false;
  bool autolink = false;
};

constexpr std::array<StreamInfo, PROSE_TOKEN_TYPE_COUNT> make_stream_table() {
  std::array<StreamInfo, PROSE_TOKEN_TYPE_COUNT> t{};
  t[PROSE_WORD].kind = TokenKind::kWord;
  t[PROSE_NUMBER].kind = TokenKind::kNumber;
  t[PROSE_ABBREVIATION].kind = TokenKind::kAbbreviation;
  t[PROSE_TERMINATOR].kind = TokenKind::kTerminator;
  t[PROSE_OPEN_QUOTE].kind = TokenKind::kOpenQuote;
  t[PROSE_CLOSE_QUOTE].kind = t[PROSE_TRAILING_CLOSE_QUOTE].kind = TokenKind::kCloseQuote;
  t[PROSE_OPEN_BRACKET].kind = TokenKind::kOpenBracket;
  t[PROSE_CLOSE_BRACKET].kind = t[PROSE_TRAILING_CLOSE_BRACKET].kind = TokenKind::kCloseBracket;
  t[PROSE_PUNCTUATION].kind = TokenKind::kPunctuation;
  for (int c : {PROSE_CITATION, PROSE_TRAILING_CITATION}) {
    t[c].kind = TokenKind::kCitation;
    t[c].citation = true;
  }
  for (int c : {PROSE_FOOTNOTE_REFERENCE, PROSE_TRAILING_FOOTNOTE_REFERENCE}) {
    t[c].kind = TokenKind::kCitation;
    t[c].citation = t[c].footnote = true;
  }
  for (int c : {PROSE_URL, PROSE_EMAIL, PROSE_AUTOLINK}) {
    t[c].kind = TokenKind::kUrl;
    t[c].url = true;
  }
  t[PROSE_AUTOLINK].autolink = true;
  t[PROSE_CODE_SPAN].kind = TokenKind::kCode;
  for (int c : {PROSE_HTML_TAG, PROSE_TRAILING_HTML_TAG, PROSE_EMPHASIS_MARKER,
                PROSE_TRAILING_EMPHASIS_MARKER, PROSE_ESCAPE}) {
    t[c].kind = TokenKind::kMarkup;
  }
  // The brackets and parentheses of links are symbols, as the tree's anonymous `[` `](` `)` leaves.
  for (int c : {PROSE_LINK_DESTINATION, PROSE_LINK_TITLE, PROSE_LINK_LABEL, PROSE_ERROR_SENTINEL}) {
    t[c].token = false;
  }
  return t;
}

constexpr std::array<StreamInfo, PROSE_TOKEN_TYPE_COUNT> kStreamTable = make_stream_table();

/// One ProseTokenizer per thread, like the parser.
class Tokenizer {
 public:
  Tokenizer() : tokenizer_(prose_tokenizer_new()) {}
  ~Tokenizer() { prose_tokenizer_delete(tokenizer_); }
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;
  ProseTokenizer* get() { return tokenizer_; }

 private:
  ProseTokenizer* tokenizer_;
};

ProseTokenizer* thread_tokenizer() {
  thread_local Tokenizer tokenizer;
  return tokenizer.get();
}

/// Builds one block's sentences, tokens and citations from the grammar's token stream, exactly as
/// BlockWalker does from the block's tree. Returns false (having added nothing) when the block needs
/// the parser's error recovery.
bool add_block_from_stream(std::string_view text, uint32_t base, uint32_t block_index,
                           std::vector<Sentence>& sentences, std::vector<Token>& tokens,
                           std::vector<Citation>& citations, std::vector<uint32_t>& pending_labels) {
  ProseTokenizer* tokenizer = thread_tokenizer();
  if (tokenizer == nullptr) return false;
  prose_tokenizer_reset(tokenizer, text.data(), static_cast<uint32_t>(text.size()));
  const size_t tokens_before = tokens.size();
  const size_t sentences_before = sentences.size();
  const size_t citations_before = citations.size();
  const size_t pending_before = pending_labels.size();

  struct OpenLink {
    uint32_t token;     // the kLink token
    uint32_t citation;  // its Citation
  };
  std::array<OpenLink, 16> links{};
  size_t depth = 0;
  uint32_t last_end = 0;  // end of the previous stream token, relative to the block
  bool in_sentence = false;
  Sentence sentence;

  auto end_links = [&](size_t count, uint32_t end) {
    for (; count > 0 && depth > 0; --count) {
      const OpenLink& link = links[--depth];
      tokens[link.token].range.end = base + end;
      citations[link.citation].range.end = base + end;
    }
  };
  auto close_sentence = [&] {
    if (!in_sentence) return;
    in_sentence = false;
    sentence.token_end = static_cast<uint32_t>(tokens.size());
    if (sentence.token_end == sentence.token_begin) return;
    sentence.range = tokens[sentence.token_begin].range;
    for (uint32_t i = sentence.token_begin; i < sentence.token_end; ++i) {
      sentence.range.end = std::max(sentence.range.end, tokens[i].range.end);
    }
    sentences.push_back(sentence);
  };
  auto fail = [&] {
    tokens.resize(tokens_before);
    sentences.resize(sentences_before);
    citations.resize(citations_before);
    pending_labels.resize(pending_before);
    return false;
  };

  ProseToken t;
  for (;;) {
    const ProseNext next = prose_tokenizer_next(tokenizer, &t);
    if (next == PROSE_FALLBACK) return fail();
    end_links(t.links_ended, last_end);
    if (next == PROSE_END) break;
    if (t.flags & PROSE_STARTS_SENTENCE) {
      close_sentence();
      in_sentence = true;
      sentence = Sentence{};
      sentence.block = block_index;
      sentence.token_begin = static_cast<uint32_t>(tokens.size());
    }
    last_end = t.end;
    if (!in_sentence) return fail();  // cannot happen: the first token starts a sentence
    const Range range{base + t.start, base + t.end};
    const StreamInfo& info = kStreamTable[t.type];
    // Inside the text of the innermost link (its own brackets are not).
    const bool in_text = depth > 0 && t.type != PROSE_LINK_CLOSE && t.type != PROSE_DESTINATION_OPEN &&
                         t.type != PROSE_DESTINATION_CLOSE && t.type != PROSE_LABEL_OPEN &&
                         t.type != PROSE_LABEL_CLOSE && t.type != PROSE_LINK_DESTINATION &&
                         t.type != PROSE_LINK_TITLE && t.type != PROSE_LINK_LABEL;
    const bool syntax_in_text = depth > 1;  // a nested link's own brackets lie in the outer text

    switch (t.type) {
      case PROSE_LINK_OPEN:
      case PROSE_IMAGE_OPEN: {
        if (depth >= links.size()) return fail();
        links[depth++] = {static_cast<uint32_t>(tokens.size()), static_cast<uint32_t>(citations.size())};
        tokens.push_back({range, TokenKind::kLink, in_text});
        Citation cit;
        cit.range = range;
        cit.kind = CitationKind::kLink;
        citations.push_back(cit);
        tokens.push_back({range, TokenKind::kSymbol, in_text});
        continue;
      }
      case PROSE_LINK_CLOSE:
      case PROSE_DESTINATION_OPEN:
      case PROSE_LABEL_OPEN:
        tokens.push_back({range, TokenKind::kSymbol, syntax_in_text});
        continue;
      case PROSE_DESTINATION_CLOSE:
      case PROSE_LABEL_CLOSE:
        tokens.push_back({range, TokenKind::kSymbol, syntax_in_text});
        end_links(1, t.end);
        continue;
      case PROSE_LINK_DESTINATION:
      case PROSE_LINK_TITLE:
      case PROSE_LINK_LABEL: {
        if (depth == 0 || t.end == t.start) continue;
        Citation& cit = citations[links[depth - 1].citation];
        const bool label = t.type == PROSE_LINK_LABEL;
        if (label || cit.target.empty()) {
          cit.target = range;
          if (label) pending_labels.push_back(links[depth - 1].citation);
        }
        continue;
      }
      default:
        break;
    }
    if (!info.token) continue;
    tokens.push_back({range, info.kind, in_text});
    if (info.citation || info.url) {
      citations.push_back(leaf_citation(range, text.substr(t.start, t.end - t.start), info.url && !info.citation,
                                        info.footnote, info.autolink));
    }
  }
  end_links(depth, last_end);
  close_sentence();
  return true;
}

std::string lowercase_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string_view token_kind_name(TokenKind kind) {
  static constexpr std::array<std::string_view, 15> kNames = {
      "word",          "number",       "abbreviation", "punctuation", "terminator",
      "open_quote",    "close_quote",  "open_bracket", "close_bracket", "citation",
      "url",           "link",         "code",         "markup",      "symbol"};
  return kNames[static_cast<size_t>(kind)];
}

std::string readable_text(std::string_view span, Markup markup) {
  std::string out;
  out.reserve(span.size());
  const bool markdown = markup == Markup::kMarkdown;
  for (size_t i = 0; i < span.size(); ++i) {
    const char c = span[i];
    if (markdown && c == ']' && i + 1 < span.size() && span[i + 1] == '(') {
      // A link's destination: skip to its closing parenthesis (or to the end of a cut-off span).
      size_t close = span.find(')', i + 2);
      i = close == std::string_view::npos ? span.size() : close;
      continue;
    }
    if (markdown && (c == '[' || c == ']' || c == '*' || c == '`' || (c == '_' && (i == 0 || i + 1 == span.size() ||
                                                                                   span[i - 1] == ' ' || span[i + 1] == ' ')))) {
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Document parse_document(std::string text, Markup markup) {
  // Offsets are 32-bit; larger inputs are analysed up to 4 GiB (callers cap sizes far below).
  std::string_view all = text;
  if (all.size() > UINT32_MAX) all = all.substr(0, UINT32_MAX);
  MarkupResult markup_result = markup == Markup::kMarkdown ? parse_markdown(all) : parse_plain(all);
  return parse_document(std::move(text), markup, std::move(markup_result));
}

namespace {

/// Adds one block's sentences, tokens and citations by parsing it into a tree and walking that.
void add_block_from_tree(Document& doc, std::string_view masked, uint32_t base, uint32_t b,
                         std::vector<Sentence>& sentences, std::vector<Token>& tokens,
                         std::vector<Citation>& citations, std::vector<uint32_t>& pending) {
  TSTree* tree = thread_parser().parse(masked);
  if (tree == nullptr) return;
  BlockWalker walker(doc, masked, base, b, sentences, tokens, citations);
  walker.walk(ts_tree_root_node(tree));
  pending.insert(pending.end(), walker.pending_labels.begin(), walker.pending_labels.end());
  ts_tree_delete(tree);
}

}  // namespace

Document parse_document(std::string text, Markup markup, MarkupResult markup_result) {
  return build_document(std::move(text), markup, std::move(markup_result), ProseSource::kTokens);
}

Document parse_document_from_trees(std::string text, Markup markup) {
  std::string_view all = text;
  if (all.size() > UINT32_MAX) all = all.substr(0, UINT32_MAX);
  MarkupResult markup_result = markup == Markup::kMarkdown ? parse_markdown(all) : parse_plain(all);
  return build_document(std::move(text), markup, std::move(markup_result), ProseSource::kTrees);
}

Document build_document(std::string text, Markup markup, MarkupResult markup_result, ProseSource source) {
  Document doc;
  doc.text_ = std::move(text);
  doc.markup_ = markup;
  std::string_view all = doc.text_;
  if (all.size() > UINT32_MAX) all = all.substr(0, UINT32_MAX);
  doc.markup_result_ = std::move(markup_result);

  std::vector<uint32_t> pending;
  std::string masked;
  // Prose runs about one token per five bytes and one sentence per hundred: reserving that saves
  // regrowing (and, for large files, briefly holding two copies of) the vectors.
  size_t prose_bytes = 0;
  for (const Block& block : doc.markup_result_.blocks) prose_bytes += block.range.size();
  doc.tokens_.reserve(prose_bytes / 5);
  doc.sentences_.reserve(prose_bytes / 100);
  for (uint32_t b = 0; b < doc.markup_result_.blocks.size(); ++b) {
    const Block& block = doc.markup_result_.blocks[b];
    if (block.range.empty()) continue;
    // The prose layer sees the block with its holes blanked out; without holes that is the text itself.
    std::string_view prose = slice(all, block.range);
    if (!block.holes.empty()) {
      masked = block_text(all, block);
      prose = masked;
    }
    if (source == ProseSource::kTokens &&
        add_block_from_stream(prose, block.range.start, b, doc.sentences_, doc.tokens_, doc.citations_,
                              pending)) {
      continue;
    }
    add_block_from_tree(doc, prose, block.range.start, b, doc.sentences_, doc.tokens_, doc.citations_,
                        pending);
  }

  // Tokens come from the masked copy, so trim sentence ranges against the original text.
  for (Sentence& s : doc.sentences_) s.range = trimmed(all, s.range);

  // Reference links: point the citation at the definition's destination when one exists.
  for (uint32_t index : pending) {
    Citation& cit = doc.citations_[index];
    std::string label = lowercase_ascii(slice(all, cit.target));
    for (const LinkDefinition& def : doc.markup_result_.link_definitions) {
      if (lowercase_ascii(slice(all, def.label)) == label) {
        cit.target = def.destination;
        break;
      }
    }
  }

  // Pair quotation marks within each block: a stack, so nesting works and an unmatched mark only
  // affects itself.
  struct Open {
    uint32_t token;
    uint32_t block;
  };
  std::vector<Open> stack;
  for (const Sentence& s : doc.sentences_) {
    if (!stack.empty() && stack.front().block != s.block) stack.clear();
    for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
      const Token& t = doc.tokens_[i];
      if (t.kind == TokenKind::kOpenQuote) {
        stack.push_back({i, s.block});
      } else if (t.kind == TokenKind::kCloseQuote) {
        std::string_view close = doc.slice(t.range);
        for (size_t k = stack.size(); k-- > 0;) {
          const Token& open = doc.tokens_[stack[k].token];
          if (quotes_match(doc.slice(open.range), close)) {
            doc.quotations_.push_back(
                {{open.range.start, t.range.end}, {open.range.end, t.range.start}});
            stack.resize(k);
            break;
          }
        }
      }
    }
  }
  std::sort(doc.quotations_.begin(), doc.quotations_.end(),
            [](const Quotation& a, const Quotation& b) { return a.range.start < b.range.start; });
  return doc;
}

std::string prose_syntax_tree(const Document& doc, const Block& block) {
  std::string masked = block_text(doc.text(), block);
  TSTree* tree = thread_parser().parse(masked);
  if (tree == nullptr) return "(no tree)\n";
  std::string out;
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
  int depth = 0;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&c);
    if (ts_node_is_named(node) || ts_node_is_missing(node)) {
      out.append(static_cast<size_t>(depth) * 2, ' ');
      out += ts_node_is_missing(node) ? "MISSING " : "";
      out += ts_node_type(node);
      out += " [" + std::to_string(block.range.start + ts_node_start_byte(node)) + ", " +
             std::to_string(block.range.start + ts_node_end_byte(node)) + ")";
      if (ts_node_child_count(node) == 0) {
        std::string_view t = slice(masked, {ts_node_start_byte(node), ts_node_end_byte(node)});
        out += " ";
        out += '"';
        for (char ch : t.substr(0, 80)) {
          if (ch == '\n') out += "\\n";
          else if (ch == '"') out += "\\\"";
          else out += ch;
        }
        out += '"';
      }
      out += '\n';
    }
    if (ts_tree_cursor_goto_first_child(&c)) {
      ++depth;
      continue;
    }
    bool done = false;
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) {
        done = true;
        break;
      }
      --depth;
    }
    if (done) break;
  }
  ts_tree_cursor_delete(&c);
  ts_tree_delete(tree);
  return out;
}

bool asks_for_source(std::string_view citation) {
  if (citation.size() < 3 || citation.front() != '[') return false;
  std::string inner;
  for (char c : citation.substr(1)) inner.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  return inner.find('?') != std::string::npos || inner.find("needed") != std::string::npos ||
         inner.find("dubious") != std::string::npos || inner.find("unreliable") != std::string::npos ||
         inner.find("failed verification") != std::string::npos || inner.find("disputed") != std::string::npos;
}

}  // namespace evidential::core
