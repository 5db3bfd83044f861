// Markdown -> prose blocks: a line scanner for the common top-level blocks, tree-sitter-markdown's block
// grammar (never its inline grammar) for everything else.
//
// parse_markdown scans lines first (FastMarkdown, below): top-level paragraphs, ATX headings, fenced
// code and thematic breaks need no parser, and the regions it does not model (lists, quotes, tables,
// HTML, indented code, setext headings, definitions, front matter) go to the grammar one at a time.
// Within the grammar: one parse, then one iterative TSTreeCursor walk over the block tree. Paragraphs,
// headings and pipe-table cells become blocks whose range is their `inline` node, trimmed; the
// `block_continuation` children of an `inline` (the "> " and list indentation of continuation lines)
// become holes. Inline Markdown (code spans, links, emphasis, inline HTML) is left inside the blocks for
// the prose grammar, because DESIGN.md section 3 measured the inline grammar at 0.4-3 MB/s. Code, HTML,
// front matter, thematic breaks and link reference definitions yield no prose; HTML blocks are scanned
// for suppression comments. The walk keeps no recursion and no per-depth state beyond two counters, so
// 10,000 nested block quotes cost no stack (tests/markup_test.cpp, DeepQuotes).
#include <tree_sitter/api.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/markup/markup.h"

extern "C" const TSLanguage* tree_sitter_markdown(void);

namespace evidential::core {
namespace {

// The node types the walk reacts to. Resolved once from the grammar's symbol names into a table indexed
// by symbol, so the walk compares small integers instead of strings and survives symbol renumbering
// when the pinned grammar is upgraded.
enum class Node : uint8_t {
  kOther,
  kParagraph,
  kInline,
  kBlockContinuation,
  kAtxHeading,
  kSetextHeading,
  kSetextH1Underline,
  kSetextH2Underline,
  kAtxMarker1,  // kAtxMarker1 + n - 1 is the level-n marker
  kAtxMarker2,
  kAtxMarker3,
  kAtxMarker4,
  kAtxMarker5,
  kAtxMarker6,
  kBlockQuote,
  kListItem,
  kPipeTableCell,
  kHtmlBlock,
  kLinkReferenceDefinition,
  kLinkLabel,
  kLinkDestination,
  kIndentedCode,
  kNoProse,  // fenced code, front matter, thematic breaks: skipped whole
};

struct NodeName {
  const char* name;
  Node node;
};

constexpr NodeName kNodeNames[] = {
    {"paragraph", Node::kParagraph},
    {"inline", Node::kInline},
    {"block_continuation", Node::kBlockContinuation},
    {"atx_heading", Node::kAtxHeading},
    {"setext_heading", Node::kSetextHeading},
    {"setext_h1_underline", Node::kSetextH1Underline},
    {"setext_h2_underline", Node::kSetextH2Underline},
    {"atx_h1_marker", Node::kAtxMarker1},
    {"atx_h2_marker", Node::kAtxMarker2},
    {"atx_h3_marker", Node::kAtxMarker3},
    {"atx_h4_marker", Node::kAtxMarker4},
    {"atx_h5_marker", Node::kAtxMarker5},
    {"atx_h6_marker", Node::kAtxMarker6},
    {"block_quote", Node::kBlockQuote},
    {"list_item", Node::kListItem},
    {"pipe_table_cell", Node::kPipeTableCell},
    {"html_block", Node::kHtmlBlock},
    {"link_reference_definition", Node::kLinkReferenceDefinition},
    {"link_label", Node::kLinkLabel},
    {"link_destination", Node::kLinkDestination},
    {"indented_code_block", Node::kIndentedCode},
    {"fenced_code_block", Node::kNoProse},
    {"minus_metadata", Node::kNoProse},
    {"plus_metadata", Node::kNoProse},
    {"thematic_break", Node::kNoProse},
};

struct Grammar {
  const TSLanguage* language = nullptr;
  std::vector<Node> by_symbol;
};

const Grammar& grammar() {
  static const Grammar kGrammar = [] {
    Grammar g;
    g.language = tree_sitter_markdown();
    const uint32_t count = ts_language_symbol_count(g.language);
    g.by_symbol.assign(count, Node::kOther);
    // Walk every symbol rather than ts_language_symbol_for_name: aliases can give one visible name
    // several symbol ids, and each must map.
    for (uint32_t symbol = 0; symbol < count; ++symbol) {
      const char* name = ts_language_symbol_name(g.language, static_cast<TSSymbol>(symbol));
      if (name == nullptr) continue;
      for (const NodeName& entry : kNodeNames) {
        if (std::strcmp(name, entry.name) == 0) g.by_symbol[symbol] = entry.node;
      }
    }
    return g;
  }();
  return kGrammar;
}

constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr uint8_t saturate(uint32_t n) { return n > 255 ? 255 : static_cast<uint8_t>(n); }

struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};

class Walker {
 public:
  Walker(std::string_view text, MarkupResult& out)
      : text_(text), out_(out), by_symbol_(grammar().by_symbol) {}

  void walk(TSNode root) {
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    cursor_ = &cursor;
    for (;;) {
      if (enter(ts_tree_cursor_current_node(&cursor)) && ts_tree_cursor_goto_first_child(&cursor)) continue;
      // Leave nodes until one has a next sibling; leave() undoes enter()'s depth counting.
      for (;;) {
        leave(ts_tree_cursor_current_node(&cursor));
        if (ts_tree_cursor_goto_next_sibling(&cursor)) break;
        if (!ts_tree_cursor_goto_parent(&cursor)) {
          ts_tree_cursor_delete(&cursor);
          return;
        }
      }
    }
  }

 private:
  Node kind(TSNode node) const {
    const TSSymbol symbol = ts_node_symbol(node);
    return symbol < by_symbol_.size() ? by_symbol_[symbol] : Node::kOther;
  }

  // Handles `node` and returns whether the walk should descend into its children. Handlers that look at
  // children move the shared cursor down and back up, so the walk resumes where it was.
  bool enter(TSNode node) {
    const Node k = kind(node);
    if (k != Node::kIndentedCode && k != Node::kOther) footnote_open_ = false;
    switch (k) {
      case Node::kBlockQuote:
        ++quote_depth_;
        return true;
      case Node::kListItem:
        ++list_depth_;
        return true;
      case Node::kParagraph:
        on_paragraph();
        return false;
      case Node::kAtxHeading:
        on_atx_heading();
        return false;
      case Node::kSetextHeading:
        on_setext_heading();
        return false;
      case Node::kPipeTableCell:
        add_block(BlockKind::kTableCell, ts_node_start_byte(node), ts_node_end_byte(node), 0);
        return false;
      case Node::kHtmlBlock:
        scan_directives(ts_node_start_byte(node), ts_node_end_byte(node));
        return false;
      case Node::kLinkReferenceDefinition:
        on_link_reference_definition(node);
        return false;
      case Node::kIndentedCode:
        if (footnote_open_) on_footnote_continuation(node);
        return false;
      case Node::kNoProse:
      case Node::kBlockContinuation:
      case Node::kInline:
        return false;
      default:
        return true;
    }
  }

  void leave(TSNode node) {
    const Node k = kind(node);
    if (k == Node::kBlockQuote) --quote_depth_;
    if (k == Node::kListItem) --list_depth_;
  }

  // Collects the non-empty block_continuation children of the current node into holes_ (cleared
  // first). They come in document order, so holes_ is sorted.
  void scan_children() {
    holes_.clear();
    if (!ts_tree_cursor_goto_first_child(cursor_)) return;
    do {
      const TSNode child = ts_tree_cursor_current_node(cursor_);
      if (kind(child) != Node::kBlockContinuation) continue;
      const Range hole{ts_node_start_byte(child), ts_node_end_byte(child)};
      if (!hole.empty()) holes_.push_back(hole);
    } while (ts_tree_cursor_goto_next_sibling(cursor_));
    ts_tree_cursor_goto_parent(cursor_);
  }

  // Moves the cursor onto the first child of kind `want`; returns false (cursor unmoved) if none.
  bool goto_child(Node want) {
    if (!ts_tree_cursor_goto_first_child(cursor_)) return false;
    do {
      if (kind(ts_tree_cursor_current_node(cursor_)) == want) return true;
    } while (ts_tree_cursor_goto_next_sibling(cursor_));
    ts_tree_cursor_goto_parent(cursor_);
    return false;
  }

  void on_paragraph() {
    if (!goto_child(Node::kInline)) return;
    const TSNode inline_node = ts_tree_cursor_current_node(cursor_);
    uint32_t start = ts_node_start_byte(inline_node);
    const uint32_t end = ts_node_end_byte(inline_node);
    // Continuations sit at line starts, so a one-line paragraph (most list items) has none and its
    // punctuation tokens need not be visited.
    if (std::memchr(text_.data() + start, '\n', end - start) != nullptr) {
      scan_children();
    } else {
      holes_.clear();
    }
    ts_tree_cursor_goto_parent(cursor_);

    // tree-sitter-markdown has no footnote syntax: a definition whose text is several words parses as a
    // paragraph starting "[^label]:". Consecutive definitions share one paragraph, so each line that
    // opens a new definition starts a new block (tests/golden/markup/footnotes.md).
    Range label;
    uint32_t text_start = 0;
    if (!match_footnote_label(skip_hole(start), end, label, text_start)) {
      add_block_with_holes(BlockKind::kParagraph, start, end, 0);
      return;
    }
    while (true) {
      out_.footnote_definitions.push_back(label);
      start = text_start;
      uint32_t next = end;
      Range next_label;
      uint32_t next_text = 0;
      for (uint32_t line = next_line(start, end); line < end; line = next_line(line, end)) {
        if (match_footnote_label(skip_hole(line), end, next_label, next_text)) {
          next = line;
          break;
        }
      }
      add_block_with_holes(BlockKind::kParagraph, start, next, 0);
      if (next == end) break;
      label = next_label;
      text_start = next_text;
    }
    footnote_open_ = true;
  }

  void on_atx_heading() {
    if (!ts_tree_cursor_goto_first_child(cursor_)) return;
    uint8_t level = 0;
    TSNode content{};
    do {
      const TSNode child = ts_tree_cursor_current_node(cursor_);
      const Node k = kind(child);
      if (k >= Node::kAtxMarker1 && k <= Node::kAtxMarker6) {
        level = static_cast<uint8_t>(static_cast<int>(k) - static_cast<int>(Node::kAtxMarker1) + 1);
      } else if (k == Node::kInline) {
        content = child;
      }
    } while (ts_tree_cursor_goto_next_sibling(cursor_));
    ts_tree_cursor_goto_parent(cursor_);
    if (ts_node_is_null(content)) return;  // "#" alone: an empty heading
    holes_.clear();
    uint32_t start = ts_node_start_byte(content);
    uint32_t end = ts_node_end_byte(content);
    // The grammar leaves the optional closing sequence ("## Title ##") inside the heading's inline
    // node. It closes only when preceded by a space or tab, or when it is all there is ("# ###" is an
    // empty heading); "# C#" keeps its '#'.
    while (end > start && is_space(text_[end - 1])) --end;
    uint32_t hashes = end;
    while (hashes > start && text_[hashes - 1] == '#') --hashes;
    if (hashes < end && (hashes == start || text_[hashes - 1] == ' ' || text_[hashes - 1] == '\t')) {
      end = hashes;
    }
    add_block_with_holes(BlockKind::kHeading, start, end, level);
  }

  void on_setext_heading() {
    uint8_t level = 0;
    if (!ts_tree_cursor_goto_first_child(cursor_)) return;
    do {
      const Node k = kind(ts_tree_cursor_current_node(cursor_));
      if (k == Node::kSetextH1Underline) level = 1;
      if (k == Node::kSetextH2Underline) level = 2;
    } while (ts_tree_cursor_goto_next_sibling(cursor_));
    ts_tree_cursor_goto_parent(cursor_);
    if (!goto_child(Node::kParagraph)) return;
    if (goto_child(Node::kInline)) {
      const TSNode inline_node = ts_tree_cursor_current_node(cursor_);
      scan_children();
      ts_tree_cursor_goto_parent(cursor_);
      add_block_with_holes(BlockKind::kHeading, ts_node_start_byte(inline_node),
                           ts_node_end_byte(inline_node), level);
    }
    ts_tree_cursor_goto_parent(cursor_);
  }

  void on_link_reference_definition(TSNode node) {
    holes_.clear();
    if (!ts_tree_cursor_goto_first_child(cursor_)) return;
    TSNode label{};
    TSNode destination{};
    do {
      const TSNode child = ts_tree_cursor_current_node(cursor_);
      const Node k = kind(child);
      if (k == Node::kLinkLabel && ts_node_is_null(label)) label = child;
      if (k == Node::kLinkDestination && ts_node_is_null(destination)) destination = child;
      if (k == Node::kBlockContinuation && ts_node_end_byte(child) > ts_node_start_byte(child)) {
        holes_.push_back({ts_node_start_byte(child), ts_node_end_byte(child)});
      }
    } while (ts_tree_cursor_goto_next_sibling(cursor_));
    ts_tree_cursor_goto_parent(cursor_);
    if (ts_node_is_null(label)) return;
    // Strip the brackets; the grammar always includes both.
    Range label_range{ts_node_start_byte(label) + 1, ts_node_end_byte(label) - 1};
    if (label_range.empty()) return;

    // "[^note]: word" is a valid link definition to CommonMark, but to GFM it is a footnote whose text
    // happens to be one word: report it as a footnote with a prose block.
    if (text_[label_range.start] == '^') {
      out_.footnote_definitions.push_back({label_range.start + 1, label_range.end});
      uint32_t text_start = ts_node_end_byte(label);
      if (text_start < text_.size() && text_[text_start] == ':') ++text_start;
      add_block_with_holes(BlockKind::kParagraph, text_start, ts_node_end_byte(node), 0);
      footnote_open_ = true;
      return;
    }
    if (ts_node_is_null(destination)) return;
    Range dest{ts_node_start_byte(destination), ts_node_end_byte(destination)};
    if (dest.size() >= 2 && text_[dest.start] == '<' && text_[dest.end - 1] == '>') {
      ++dest.start;
      --dest.end;
    }
    out_.link_definitions.push_back({label_range, dest});
  }

  // GFM continues a footnote with indented lines, which the block grammar reads as indented code. Right
  // after a footnote definition such "code" is the footnote's further paragraphs.
  void on_footnote_continuation(TSNode node) {
    scan_children();
    const uint32_t end = ts_node_end_byte(node);
    uint32_t para_start = ts_node_start_byte(node);
    uint32_t line = para_start;
    while (line < end) {
      const uint32_t next = next_line(line, end);
      if (is_blank(skip_hole(line), next)) {
        add_block_with_holes(BlockKind::kParagraph, para_start, line, 0);
        para_start = next;
      }
      line = next;
    }
    add_block_with_holes(BlockKind::kParagraph, para_start, end, 0);
  }

  bool is_blank(uint32_t from, uint32_t to) const {
    for (uint32_t i = from; i < to; ++i) {
      if (!is_space(text_[i])) return false;
    }
    return true;
  }

  // The offset after the next '\n' at or after `from`, or `end`.
  uint32_t next_line(uint32_t from, uint32_t end) const {
    const void* nl = std::memchr(text_.data() + from, '\n', end - from);
    return nl == nullptr ? end : static_cast<uint32_t>(static_cast<const char*>(nl) - text_.data()) + 1;
  }

  // A line's first byte after its container syntax.
  uint32_t skip_hole(uint32_t offset) const {
    const auto it = std::lower_bound(holes_.begin(), holes_.end(), offset,
                                     [](const Range& hole, uint32_t at) { return hole.start < at; });
    return it != holes_.end() && it->start == offset ? it->end : offset;
  }

  // Matches "[^label]:" (up to three spaces of indentation) at `at`.
  bool match_footnote_label(uint32_t at, uint32_t end, Range& label, uint32_t& text_start) const {
    for (int i = 0; i < 3 && at < end && text_[at] == ' '; ++i) ++at;
    if (end - at < 5 || text_[at] != '[' || text_[at + 1] != '^') return false;
    // GFM labels are at most 999 characters and hold no whitespace.
    const uint32_t limit = std::min<uint32_t>(end, at + 2 + 999);
    for (uint32_t i = at + 2; i < limit; ++i) {
      const char c = text_[i];
      if (c == ']') {
        if (i == at + 2 || i + 1 >= end || text_[i + 1] != ':') return false;
        label = {at + 2, i};
        text_start = i + 2;
        return true;
      }
      if (is_space(c) || c == '[') return false;
    }
    return false;
  }

  void add_block(BlockKind kind, uint32_t start, uint32_t end, uint8_t level) {
    holes_.clear();
    add_block_with_holes(kind, start, end, level);
  }

  // Trims whitespace (and holes, which read as whitespace) from both ends, clips holes_ to what is
  // left, and appends the block unless nothing is left.
  void add_block_with_holes(BlockKind kind, uint32_t start, uint32_t end, uint8_t level) {
    size_t first = 0;
    size_t last = holes_.size();
    for (;;) {
      while (start < end && is_space(text_[start])) ++start;
      while (first < last && holes_[first].end <= start) ++first;
      if (first < last && holes_[first].start <= start && start < end) {
        start = holes_[first].end;
        continue;
      }
      break;
    }
    for (;;) {
      while (end > start && is_space(text_[end - 1])) --end;
      while (last > first && holes_[last - 1].start >= end) --last;
      if (last > first && holes_[last - 1].end >= end && end > start) {
        end = holes_[last - 1].start;
        continue;
      }
      break;
    }
    if (start >= end) return;
    Block& block = out_.blocks.emplace_back();
    block.kind = kind;
    block.range = {start, end};
    block.holes.assign(holes_.begin() + first, holes_.begin() + last);
    block.heading_level = level;
    block.quote_depth = saturate(quote_depth_);
    block.list_depth = saturate(list_depth_);
  }

  // Finds every "<!-- evidential-... -->" comment in an HTML block. Other comments and HTML are ignored.
  void scan_directives(uint32_t start, uint32_t end) {
    constexpr std::string_view kOpen = "<!--";
    constexpr std::string_view kClose = "-->";
    const std::string_view html = text_.substr(start, end - start);
    size_t at = 0;
    while ((at = html.find(kOpen, at)) != std::string_view::npos) {
      const size_t close = html.find(kClose, at + kOpen.size());
      if (close == std::string_view::npos) return;
      parse_directive(start + static_cast<uint32_t>(at), start + static_cast<uint32_t>(close + kClose.size()),
                      html.substr(at + kOpen.size(), close - at - kOpen.size()));
      at = close + kClose.size();
    }
  }

  void parse_directive(uint32_t start, uint32_t end, std::string_view body) {
    size_t i = 0;
    while (i < body.size() && is_space(body[i])) ++i;
    body.remove_prefix(i);
    struct Keyword {
      std::string_view word;
      Directive::Kind kind;
    };
    // "disable-next-line" before "disable": the longer keyword must win.
    constexpr Keyword kKeywords[] = {
        {"evidential-disable-next-line", Directive::Kind::kDisableNextLine},
        {"evidential-disable", Directive::Kind::kDisable},
        {"evidential-enable", Directive::Kind::kEnable},
    };
    for (const Keyword& keyword : kKeywords) {
      if (!body.starts_with(keyword.word)) continue;
      std::string_view rest = body.substr(keyword.word.size());
      if (!rest.empty() && !is_space(rest.front()) && rest.front() != ',') return;  // "evidential-disabled"
      Directive& directive = out_.directives.emplace_back();
      directive.kind = keyword.kind;
      directive.range = {start, end};
      while (!rest.empty()) {
        size_t skip = 0;
        while (skip < rest.size() && (is_space(rest[skip]) || rest[skip] == ',')) ++skip;
        rest.remove_prefix(skip);
        size_t len = 0;
        while (len < rest.size() && !is_space(rest[len]) && rest[len] != ',') ++len;
        if (len > 0) directive.ids.emplace_back(rest.substr(0, len));
        rest.remove_prefix(len);
      }
      return;
    }
  }

  std::string_view text_;
  MarkupResult& out_;
  const std::vector<Node>& by_symbol_;
  TSTreeCursor* cursor_ = nullptr;
  std::vector<Range> holes_;  // scratch, reused across blocks to avoid an allocation per block
  uint32_t quote_depth_ = 0;
  uint32_t list_depth_ = 0;
  bool footnote_open_ = false;  // the previous block was a footnote definition
};

// tree-sitter-markdown 0.3.2's external scanner serializes its stack of open blocks (4 bytes each) into
// the runtime's fixed 1,024-byte buffer without a bound check, and counts matched blocks in a uint8_t:
// about 254 nested containers overflow the buffer and corrupt the parser (an assertion in ts_stack_push
// with Debian's runtime; tests/markup_test.cpp, DeepQuotes and DeepLists). No real document nests that
// deep, so documents that might are read as plain text instead.
constexpr uint32_t kMaxNesting = 200;

// An upper bound on the containers any line keeps open: to open a block at depth d a line must match
// all d - 1 enclosing ones, and each costs at least one '>' or list marker, or two columns of
// indentation (a tab counts four). One memchr pass over line starts, no copy.
bool may_nest_too_deep(std::string_view text) {
  const char* data = text.data();
  const size_t size = text.size();
  size_t line = 0;
  while (line < size) {
    uint32_t markers = 0;
    uint32_t columns = 0;
    size_t i = line;
    while (i < size) {
      const char c = data[i];
      if (c == ' ') {
        ++columns;
      } else if (c == '\t') {
        columns += 4;
      } else if (c == '>') {
        ++markers;
        if (i + 1 < size && data[i + 1] == ' ') ++i;  // the space belongs to the marker
      } else if ((c == '-' || c == '+' || c == '*') &&
                 (i + 1 == size || data[i + 1] == ' ' || data[i + 1] == '\t' || data[i + 1] == '\n')) {
        ++markers;
        if (i + 1 < size && data[i + 1] == ' ') ++i;
      } else if (c >= '0' && c <= '9') {
        size_t j = i;
        while (j < size && j - i < 9 && data[j] >= '0' && data[j] <= '9') ++j;
        if (j >= size || (data[j] != '.' && data[j] != ')')) break;
        ++markers;
        i = j;
        if (i + 1 < size && data[i + 1] == ' ') ++i;
      } else {
        break;
      }
      ++i;
      if (markers + columns / 2 > kMaxNesting) return true;
    }
    const void* nl = std::memchr(data + i, '\n', size - i);
    if (nl == nullptr) break;
    line = static_cast<size_t>(static_cast<const char*>(nl) - data) + 1;
  }
  return false;
}

// ---- the line scanner: most of a typical document without tree-sitter ----
//
// Most Markdown is top-level paragraphs, ATX headings, fenced code and thematic breaks, whose blocks a
// line scanner finds exactly (DESIGN.md section 3 measured the block grammar at ~6.5 MB/s; the scanner
// runs at hundreds). Everything else (lists, block quotes, tables, HTML, indented code, setext headings,
// link and footnote definitions, front matter) goes to tree-sitter, a region at a time: a region starts
// at a top-level block boundary and ends before a line that no open container or multi-line block can
// claim, so the region parsed alone yields exactly the blocks the whole document's tree holds there.
// tests/markup_test.cpp (FastPathMatchesTheGrammar) compares both paths on generated documents.

struct LineView {
  uint32_t start = 0;   // first byte
  uint32_t end = 0;     // end of the content: before "\n" or "\r\n"
  uint32_t next = 0;    // start of the next line
  uint32_t first = 0;   // first byte that is not a space or tab (== end for a blank line)
  uint32_t indent = 0;  // columns before `first` (a tab advances to the next multiple of four)
  bool blank() const { return first == end; }
};

class LineScanner {
 public:
  explicit LineScanner(std::string_view text) : text_(text), size_(static_cast<uint32_t>(text.size())) {}

  LineView line(uint32_t at) const {
    LineView l;
    l.start = at;
    const void* nl = std::memchr(text_.data() + at, '\n', size_ - at);
    l.end = nl == nullptr ? size_ : static_cast<uint32_t>(static_cast<const char*>(nl) - text_.data());
    l.next = nl == nullptr ? size_ : l.end + 1;
    if (l.end > at && text_[l.end - 1] == '\r') --l.end;
    uint32_t i = at;
    uint32_t column = 0;
    for (; i < l.end; ++i) {
      if (text_[i] == ' ') {
        ++column;
      } else if (text_[i] == '\t') {
        column = (column / 4 + 1) * 4;
      } else {
        break;
      }
    }
    l.first = i;
    l.indent = column;
    return l;
  }

  char at(uint32_t i) const { return i < size_ ? text_[i] : '\0'; }

  uint32_t run(uint32_t i, uint32_t end, char c) const {
    uint32_t n = 0;
    while (i + n < end && text_[i + n] == c) ++n;
    return n;
  }

  bool only_spaces(uint32_t from, uint32_t to) const {
    for (uint32_t i = from; i < to; ++i) {
      if (text_[i] != ' ' && text_[i] != '\t') return false;
    }
    return true;
  }

  // "#" to "######" followed by a space, a tab or the line's end; 0 if not an ATX heading marker.
  uint32_t atx_level(const LineView& l) const {
    if (l.indent > 3 || at(l.first) != '#') return 0;
    const uint32_t n = run(l.first, l.end, '#');
    if (n > 6) return 0;
    const uint32_t after = l.first + n;
    return after == l.end || text_[after] == ' ' || text_[after] == '\t' ? n : 0;
  }

  // An opening code fence: three or more '`' or '~' (a backtick fence's info string holds no '`').
  bool fence_open(const LineView& l) const {
    if (l.indent > 3) return false;
    const char c = at(l.first);
    if (c != '`' && c != '~') return false;
    const uint32_t n = run(l.first, l.end, c);
    if (n < 3) return false;
    return c == '~' || std::memchr(text_.data() + l.first + n, '`', l.end - l.first - n) == nullptr;
  }

  // Whether the line holds three `c` in a row anywhere.
  bool has_run(const LineView& l, char c) const {
    const char run[3] = {c, c, c};
    return l.end - l.start >= 3 &&
           std::string_view(text_.data() + l.start, l.end - l.start).find(std::string_view(run, 3)) !=
               std::string_view::npos;
  }

  // Three or more of one of '*', '-', '_' with nothing but spaces and tabs between them.
  bool thematic_break(const LineView& l) const {
    // The grammar wants the line break: "***" ending the text is a paragraph to it.
    if (l.indent > 3 || l.next == l.end) return false;
    const char c = at(l.first);
    if (c != '*' && c != '-' && c != '_') return false;
    uint32_t count = 0;
    for (uint32_t i = l.first; i < l.end; ++i) {
      if (text_[i] == c) {
        ++count;
      } else if (text_[i] != ' ' && text_[i] != '\t') {
        return false;
      }
    }
    return count >= 3;
  }

  // A bullet or ordered list marker ("-", "+", "*", "1." or "1)" with up to nine digits) followed by a
  // space, a tab or the line's end.
  bool list_marker(const LineView& l) const {
    uint32_t i = l.first;
    const char c = at(i);
    if (c == '-' || c == '+' || c == '*') {
      ++i;
    } else if (c >= '0' && c <= '9') {
      while (i < l.end && i - l.first < 10 && text_[i] >= '0' && text_[i] <= '9') ++i;
      if (i - l.first > 9 || i >= l.end || (text_[i] != '.' && text_[i] != ')')) return false;
      ++i;
    } else {
      return false;
    }
    return i >= l.end || text_[i] == ' ' || text_[i] == '\t';
  }

  // Only '|', ':', '-', spaces and tabs, with a '-' and a '|': a table's delimiter row.
  bool delimiter_row(const LineView& l) const {
    bool dash = false;
    bool pipe = false;
    for (uint32_t i = l.first; i < l.end; ++i) {
      const char c = text_[i];
      if (c == '-') {
        dash = true;
      } else if (c == '|') {
        pipe = true;
      } else if (c != ':' && c != ' ' && c != '\t') {
        return false;
      }
    }
    return dash && pipe;
  }

  // Whether a line inside a paragraph only continues it: nothing the block grammar could read as
  // the start of another block (or, conservatively, might).
  bool continues_paragraph(const LineView& l) const {
    if (l.indent > 3) return true;
    switch (at(l.first)) {
      case '#':
        return atx_level(l) == 0;
      case '>':
      case '<':
      case '|':
      case '=':
      case '-':
      case '+':
        return false;
      case '`':
      case '~':
        return run(l.first, l.end, at(l.first)) < 3;
      case '*':
      case '_':
        return !thematic_break(l) && !list_marker(l);
      default:
        if (at(l.first) >= '0' && at(l.first) <= '9' && list_marker(l)) return false;
        return !delimiter_row(l);
    }
  }

  // Whether a line may start a paragraph that the scanner handles (a heading is checked before).
  bool starts_plain_paragraph(const LineView& l) const {
    if (l.indent > 3) return false;
    switch (at(l.first)) {
      case '>':
      case '<':
      case '|':
      case '=':
      case '-':
      case '+':
      case '`':
      case '~':
        return false;
      default:
        return continues_paragraph(l);
    }
  }

 private:
  std::string_view text_;
  uint32_t size_;
};

// Bytes the scanner does not model: NUL and control characters other than tab and line feed, and a
// carriage return that is not part of "\r\n". A text holding any is parsed by the grammar alone.
bool has_unusual_controls(std::string_view text) {
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = data[i];
    if (c >= 0x20 || c == '\n' || c == '\t') continue;
    if (c == '\r' && i + 1 < n && data[i + 1] == '\n') continue;
    return true;
  }
  return false;
}

// Tag names that open an HTML block (CommonMark's kinds 1 and 6), plus a margin of similar names.
constexpr std::string_view kHtmlBlockTags[] = {
    "address",  "article",    "aside",  "base",    "basefont", "blockquote", "body",     "caption",  "center",
    "col",      "colgroup",   "dd",     "details", "dialog",   "dir",        "div",      "dl",       "dt",
    "fieldset", "figcaption", "figure", "footer",  "form",     "frame",      "frameset", "h1",       "h2",
    "h3",       "h4",         "h5",     "h6",      "head",     "header",     "hr",       "html",     "iframe",
    "legend",   "li",         "link",   "main",    "menu",     "menuitem",   "nav",      "noframes", "ol",
    "optgroup", "option",     "p",      "param",   "pre",      "script",     "search",   "section",  "source",
    "style",    "summary",    "table",  "tbody",   "td",       "textarea",   "tfoot",    "th",       "thead",
    "title",    "tr",         "track",  "ul"};

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

class FastMarkdown {
 public:
  FastMarkdown(std::string_view text, MarkupResult& out) : text_(text), lines_(text), out_(out) {}

  void run() {
    const uint32_t size = static_cast<uint32_t>(text_.size());
    uint32_t at = 0;
    while (at < size) at = simple_from(at);
  }

 private:
  // Scans top-level blocks from `at` (a line start in a clean top-level state) until the text's end or
  // a line the scanner does not model; returns where the next simple scan may start after that line's
  // region has gone through the grammar.
  uint32_t simple_from(uint32_t at) {
    const uint32_t size = static_cast<uint32_t>(text_.size());
    bool in_paragraph = false;
    bool bracket = false;     // the paragraph starts with '[': it may be a link or footnote definition
    uint32_t para_line = 0;   // the start of the paragraph's first line
    uint32_t para_start = 0;  // its first byte of text
    uint32_t para_end = 0;
    while (at < size) {
      const LineView l = lines_.line(at);
      // The grammar reads a last line without a line break its own way ("# Heading" yields nothing,
      // "***" a paragraph): unless it is a word, it goes to the grammar.
      if (l.next == l.end && !l.blank() && !starts_with_word(l)) {
        return complex_from(in_paragraph ? para_line : at);
      }
      if (in_paragraph) {
        if (!l.blank() && lines_.continues_paragraph(l)) {
          para_end = l.end;
          at = l.next;
          continue;
        }
        if (bracket && text_.substr(para_start, para_end - para_start).find("]:") != std::string_view::npos) {
          return complex_from(para_line);
        }
        // A line that does not continue the paragraph but that the scanner cannot place either:
        // the paragraph might be a setext heading or a table's header, so both go to the grammar.
        if (!l.blank() && lines_.atx_level(l) == 0 && !lines_.fence_open(l) && !lines_.thematic_break(l)) {
          return complex_from(para_line);
        }
        if (!l.blank() && l.first < l.end && text_[l.first] == '-') return complex_from(para_line);
        add_block(BlockKind::kParagraph, para_start, para_end, 0);
        in_paragraph = false;
      }
      if (l.blank()) {
        at = l.next;
        continue;
      }
      if (l.indent > 3) return complex_from(at);
      if (const uint32_t level = lines_.atx_level(l)) {
        add_heading(l, level);
        at = l.next;
        continue;
      }
      if (lines_.fence_open(l)) {
        const uint32_t after = skip_fence(l);
        if (after == 0) return complex_from(at);
        at = after;
        continue;
      }
      if (lines_.thematic_break(l)) {
        if (at == 0 && text_[l.first] == '-') return complex_from(at);  // front matter, perhaps
        at = l.next;
        continue;
      }
      if (l.indent == 0 && lines_.list_marker(l)) {
        const uint32_t after = simple_list(at);
        if (after == 0) return complex_from(at);
        at = after;
        continue;
      }
      if (!lines_.starts_plain_paragraph(l)) return complex_from(at);
      in_paragraph = true;
      bracket = text_[l.first] == '[';
      para_line = l.start;
      para_start = l.first;
      para_end = l.end;
      at = l.next;
    }
    if (in_paragraph) {
      if (bracket && text_.substr(para_start, para_end - para_start).find("]:") != std::string_view::npos) {
        return complex_from(para_line);
      }
      add_block(BlockKind::kParagraph, para_start, para_end, 0);
    }
    return size;
  }

  // The list marker at column 0 of `l`: its kind ('-', '+', '*', or '.' / ')' for an ordered list)
  // and the column where the item's content starts; false unless the content follows one to four
  // spaces on the same line.
  bool item_start(const LineView& l, char* kind, uint32_t* width) const {
    if (l.indent != 0 || !lines_.list_marker(l)) return false;
    uint32_t i = l.first;
    if (text_[i] >= '0' && text_[i] <= '9') {
      while (text_[i] >= '0' && text_[i] <= '9') ++i;
    }
    *kind = text_[i];
    ++i;
    const uint32_t spaces = lines_.run(i, l.end, ' ');
    if (spaces == 0 || spaces > 4 || i + spaces >= l.end || text_[i + spaces] == '\t') return false;
    *width = i + spaces - l.start;
    return true;
  }

  // Content that starts a plain paragraph inside a list item: a letter, digit or quote, emphasis, or an
  // inline tag such as "<computer>" followed by more text on the line (no HTML block opens so).
  bool plain_item_content(const LineView& l, uint32_t at) const {
    const unsigned char c = static_cast<unsigned char>(text_[at]);
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '(' || c == '"' || c == '\'') {
      return true;
    }
    LineView rest = l;
    rest.first = at;
    rest.indent = 0;
    if (c >= '0' && c <= '9') return !lines_.list_marker(rest);
    if (c == '*' || c == '_') return lines_.continues_paragraph(rest);
    return c == '<' && inline_tag_then_text(l, at);
  }

  // "<name> text": a tag that opens no HTML block, followed by more text on its line.
  bool inline_tag_then_text(const LineView& l, uint32_t at) const {
    uint32_t i = at + 1;
    while (i < l.end && ((text_[i] >= 'a' && text_[i] <= 'z') || (text_[i] >= 'A' && text_[i] <= 'Z'))) ++i;
    if (i == at + 1) return false;
    const std::string_view tag = text_.substr(at + 1, i - at - 1);
    for (const std::string_view block : kHtmlBlockTags) {
      if (ascii_iequals(tag, block)) return false;
    }
    // Up to the first '>' (no quotes, which could hide a '>' inside an attribute), then text.
    while (i < l.end && text_[i] != '>') {
      if (text_[i] == '"' || text_[i] == '\'' || text_[i] == '<') return false;
      ++i;
    }
    if (i + 2 >= l.end || text_[i + 1] != ' ') return false;
    return !lines_.only_spaces(i + 1, l.end);
  }

  // A run of top-level list items, each a single paragraph with lines that are lazy or indented to
  // the item's content column (whose indentation becomes a hole), items of one marker kind, loose or
  // tight. Returns the start of the line after the list, or 0 when the list goes to the grammar.
  uint32_t simple_list(uint32_t start) {
    const uint32_t size = static_cast<uint32_t>(text_.size());
    const size_t first_block = out_.blocks.size();
    auto give_up = [&] {
      out_.blocks.resize(first_block);
      return 0u;
    };
    char kind = 0;
    uint32_t width = 0;
    uint32_t at = start;
    LineView l = lines_.line(at);
    if (!item_start(l, &kind, &width)) return 0;
    for (;;) {
      // One item: its first line is `l`.
      char this_kind = 0;
      if (!item_start(l, &this_kind, &width) || this_kind != kind) return give_up();
      const uint32_t content = l.start + width;
      if (!plain_item_content(l, content)) return give_up();
      if (l.next == l.end && !starts_with_word(l)) return give_up();
      holes_.clear();
      uint32_t para_end = l.end;
      at = l.next;
      bool blank = false;
      while (at < size) {
        l = lines_.line(at);
        if (l.blank()) {
          blank = true;
          break;
        }
        if (l.next == l.end && !starts_with_word(l)) return give_up();
        if (l.first > l.start && std::memchr(text_.data() + l.start, '\t', l.first - l.start) != nullptr) {
          return give_up();
        }
        if (l.indent == 0 && lines_.list_marker(l)) break;  // the next item
        if (l.indent >= width) {
          LineView inner = l;
          inner.indent = l.indent - width;
          if (!lines_.continues_paragraph(inner) || text_[l.first] == '<') {
            return give_up();
          }
          holes_.push_back({l.start, l.start + width});
        } else if (!lines_.continues_paragraph(l) || text_[l.first] == '<') {
          return give_up();  // a lazy line must be plain paragraph text
        }
        para_end = l.end;
        at = l.next;
      }
      add_item(content, para_end);
      if (at >= size) return size;
      if (blank) {
        while (at < size && (l = lines_.line(at)).blank()) at = l.next;
        if (at >= size) return size;
        if (l.indent >= width) return give_up();                 // the item goes on with another block
        if (l.indent != 0 || !lines_.list_marker(l)) return at;  // the list ends
      }
    }
  }

  void add_item(uint32_t start, uint32_t end) {
    while (end > start && is_space(text_[end - 1])) --end;
    if (start >= end) return;
    Block& block = out_.blocks.emplace_back();
    block.kind = BlockKind::kParagraph;
    block.range = {start, end};
    block.holes = holes_;
    block.list_depth = 1;
  }

  bool starts_with_word(const LineView& l) const {
    const unsigned char c = static_cast<unsigned char>(text_[l.first]);
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  // Skips a top-level fenced code block opened on `open`; returns the start of the line after it, or
  // 0 when the block must go to the grammar: the grammar also ends a fence at a line that merely ends
  // with a fence run after a space ("x ```", or one indented four columns), so a content line with
  // three fence characters in a row that is not a closing fence leaves the block to the grammar.
  uint32_t skip_fence(const LineView& open) {
    const uint32_t size = static_cast<uint32_t>(text_.size());
    const char c = text_[open.first];
    const uint32_t length = lines_.run(open.first, open.end, c);
    uint32_t at = open.next;
    while (at < size) {
      const LineView l = lines_.line(at);
      at = l.next;
      if (closes_fence(l, c, length)) break;
      if (lines_.has_run(l, c)) return 0;
    }
    return at;
  }

  bool closes_fence(const LineView& l, char c, uint32_t length) const {
    if (l.indent > 3 || lines_.at(l.first) != c) return false;
    const uint32_t n = lines_.run(l.first, l.end, c);
    return n >= length && lines_.only_spaces(l.first + n, l.end);
  }

  // What a grammar region may leave open past a blank line: a top-level fenced code block, front
  // matter, or an HTML block of the kinds that end at a marker rather than at a blank line (comments,
  // processing instructions, declarations, CDATA, <script>, <pre>, <style>, <textarea>). Inside a
  // block quote or a list item a fence or HTML block also ends with its container, which a line at
  // column 0 after a blank line always closes, so only those opened without container syntax (or
  // indented 1-3 columns, which a list item's content may also be) keep a region open. Where such a
  // block ends is not certain (a fence in a list item ends with the item, and its closing line then
  // opens a new fence), so the region is cut where the grammar's own tree closes it
  // (parse_until_closed); front matter ends at its exact closing line.
  struct Open {
    enum class Kind : uint8_t { kNone, kFence, kHtml, kFrontMatter } kind = Kind::kNone;
    std::string_view end_marker;  // kHtml: "-->" for a comment; kFrontMatter: the exact closing line
  };

  // Finds the end of a region that starts at the line start `start` in a clean top-level state, has it
  // parsed by the grammar, and returns the region's end.
  uint32_t complex_from(uint32_t start) {
    const uint32_t size = static_cast<uint32_t>(text_.size());
    Open open;
    seen_list_or_quote_ = false;
    previous_had_pipe_ = false;
    bool maybe_html = false;  // an HTML block or link definition might be open until a blank line
    bool prev_blank = false;
    uint32_t at = start;
    uint32_t end = size;
    if (start == 0) {
      // Front matter runs from a first line of "---" or "+++" to the next such line; a first line of
      // three or more of either (trailing spaces allowed) keeps the region open until an exact closing
      // line.
      const LineView l = lines_.line(at);
      const char c = lines_.at(l.start);
      uint32_t trimmed = l.end;
      while (trimmed > l.start && (text_[trimmed - 1] == ' ' || text_[trimmed - 1] == '\t')) --trimmed;
      if ((c == '-' || c == '+') && trimmed - l.start >= 3 &&
          lines_.run(l.start, trimmed, c) == trimmed - l.start) {
        open.kind = Open::Kind::kFrontMatter;
        open.end_marker = c == '-' ? "---" : "+++";
        at = l.next;
      }
    }
    while (at < size) {
      const LineView l = lines_.line(at);
      if (l.blank()) {
        prev_blank = true;
        maybe_html = false;
        previous_had_pipe_ = false;
        at = l.next;
        continue;
      }
      if (at != start && open.kind == Open::Kind::kNone && l.indent == 0) {
        if (prev_blank && starts_region(l)) {
          end = at;
          break;
        }
        if (!maybe_html && lines_.fence_open(l)) {
          end = at;
          break;
        }
      }
      prev_blank = false;
      const std::string_view line = text_.substr(l.start, l.end - l.start);
      if (open.kind == Open::Kind::kFrontMatter) {
        if (line == open.end_marker) open.kind = Open::Kind::kNone;
      } else {
        classify(l, open, maybe_html);
        // A fence or HTML block that may stay open: the grammar's tree decides where the region ends.
        if (open.kind != Open::Kind::kNone) return parse_until_closed(start);
      }
      at = l.next;
    }
    parse_region(start, end);
    return end;
  }

  // A region where the grammar may keep a block or a container open past blank lines and lines at
  // column 0 (see Open and classify) goes to the grammar a window at a time, and ends where the
  // grammar's own tree closes everything: the window is parsed, and the region ends at the last line
  // that starts a top-level block in that tree (a child of the document or of its sections) and that
  // the scanner can resume at, with kSettledBlocks more top-level blocks after it in the window. The
  // grammar reads left to right and decides line by line whether a line continues the open
  // containers, so text after such a line cannot reopen what the tree closed before it; the blocks
  // after it keep the window's end (where the truncated text closes everything) and any alternative
  // the parser still weighs there away from it. Without such a line the window grows fourfold, up to
  // the text's end. On the benchmark corpus a list item holding "<body>" ends a few lines later, at
  // the next heading, where the region used to run to the end of the text.
  static constexpr uint32_t kFirstWindow = 4096;
  static constexpr size_t kSettledBlocks = 2;

  uint32_t parse_until_closed(uint32_t start) {
    const uint32_t size = static_cast<uint32_t>(text_.size());
    uint64_t window = kFirstWindow;
    for (;;) {
      if (size - start <= window) break;
      const uint32_t probe = start + static_cast<uint32_t>(window);
      const void* nl = std::memchr(text_.data() + probe, '\n', size - probe);
      if (nl == nullptr) break;
      const uint32_t end = static_cast<uint32_t>(static_cast<const char*>(nl) - text_.data()) + 1;
      if (end >= size) break;
      const uint32_t from = start > 0 ? start - 1 : 0;
      std::unique_ptr<TSTree, TreeDeleter> tree = parse(from, end);
      if (!tree) break;
      const uint32_t cut = closed_boundary(ts_tree_root_node(tree.get()), from, start);
      if (cut != 0) {
        emit(tree.get(), from, end, cut);
        return cut;
      }
      window *= 4;
    }
    parse_region(start, size);
    return size;
  }

  // The last line after `start` where, by the window's tree (of the text from `from`), a top-level
  // block starts that the scanner can take over: at column 0 after a blank line, a line starts_region
  // accepts, no ERROR node there or in the kSettledBlocks top-level blocks after it. 0 if none.
  uint32_t closed_boundary(TSNode root, uint32_t from, uint32_t start) {
    top_level_.clear();
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      uint32_t depth = 1;
      for (;;) {
        const TSNode node = ts_tree_cursor_current_node(&cursor);
        // Sections only group a heading with what follows it; their children are top-level blocks.
        const char* type = ts_node_type(node);
        const bool section = std::strcmp(type, "section") == 0;
        if (section && ts_tree_cursor_goto_first_child(&cursor)) {
          ++depth;
          continue;
        }
        if (!section && ts_node_is_named(node)) {
          const bool error = std::strcmp(type, "ERROR") == 0 || ts_node_is_missing(node);
          top_level_.push_back({ts_node_start_byte(node) + from, error});
        }
        bool done = false;
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
          if (depth == 1 || !ts_tree_cursor_goto_parent(&cursor)) {
            done = true;
            break;
          }
          --depth;
        }
        if (done) break;
      }
    }
    ts_tree_cursor_delete(&cursor);
    if (top_level_.size() <= kSettledBlocks) return 0;
    for (size_t i = top_level_.size() - kSettledBlocks; i-- > 0;) {
      const uint32_t at = top_level_[i].start;
      if (at <= start) return 0;
      bool settled = true;
      for (size_t k = i; k <= i + kSettledBlocks; ++k) settled = settled && !top_level_[k].error;
      if (settled && resumable(at)) return at;
    }
    return 0;
  }

  // Whether the scanner can resume at `at`: a line start at column 0 after a blank line, whose line
  // starts_region accepts.
  bool resumable(uint32_t at) const {
    if (at == 0 || text_[at - 1] != '\n') return false;
    const LineView l = lines_.line(at);
    if (l.indent != 0 || l.blank() || !starts_region(l)) return false;
    uint32_t prev = at - 1;  // back from the previous line's line break to its start
    while (prev > 0 && text_[prev - 1] != '\n') --prev;
    return lines_.line(prev).blank();
  }

  // A line at column 0 after a blank line that closes every container and starts a block the scanner
  // models or sends on: a letter, a digit that is no list marker, a heading, emphasis.
  bool starts_region(const LineView& l) const {
    const unsigned char c = static_cast<unsigned char>(text_[l.first]);
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    if (c >= '0' && c <= '9') return !lines_.list_marker(l);
    if (c == '#' || c == '(' || c == '"' || c == '\'' || c == '[' || c == '_') return true;
    if (c == '*') return !lines_.list_marker(l);
    return false;
  }

  // Whether an HTML block opened on `line` certainly ends on it. The grammar finds an end marker only
  // where its line tokens let it, not wherever CommonMark would (a declaration spanning lines runs to
  // the end of the document; so may a comment inside a list item), so only the common one-line comment
  // at column 0 with "-->" ending the line (a suppression comment) counts; every other HTML block of
  // these kinds leaves the region's end to the grammar (parse_until_closed).
  static bool html_ends(std::string_view line, size_t from, const Open& open) {
    if (open.end_marker != "-->") return false;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line.size() >= from + 3 && line.ends_with("-->");
  }

  // Looks past container syntax (spaces, '>', list markers) at what a line in a grammar region opens.
  void classify(const LineView& l, Open& open, bool& maybe_html) {
    uint32_t i = l.first;
    bool prefixed = false;
    for (;;) {
      while (i < l.end && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '>')) {
        if (text_[i] == '>') prefixed = true;
        ++i;
      }
      LineView rest = l;
      rest.first = i;
      rest.indent = 0;
      if (i < l.end && lines_.list_marker(rest)) {
        prefixed = true;
        while (i < l.end && text_[i] != ' ' && text_[i] != '\t') ++i;
        continue;
      }
      break;
    }
    if (prefixed) seen_list_or_quote_ = true;
    // The grammar can run a pipe table on past blank lines when its delimiter row has no pipe (a row
    // with pipes, then "-----"): such a region's end is left to the grammar (parse_until_closed).
    const bool has_pipe = std::memchr(text_.data() + l.start, '|', l.end - l.start) != nullptr;
    if (previous_had_pipe_ && !has_pipe && l.first < l.end) {
      bool dashes_only = true;
      for (uint32_t k = l.first; k < l.end; ++k) {
        const char d = text_[k];
        if (d != '-' && d != ':' && d != ' ' && d != '\t') dashes_only = false;
      }
      if (dashes_only && std::memchr(text_.data() + l.first, '-', l.end - l.first) != nullptr) {
        open.kind = Open::Kind::kHtml;
      }
    }
    previous_had_pipe_ = has_pipe;
    if (i >= l.end) return;
    const char c = text_[i];
    if (c == '[') maybe_html = true;  // a link definition's title may span lines
    // Without container syntax and indented at most three columns, a block may be top-level.
    const bool may_be_top_level = !prefixed && l.indent <= 3;
    if (c == '`' || c == '~') {
      const uint32_t n = lines_.run(i, l.end, c);
      if (n >= 3 && may_be_top_level &&
          (c == '~' || std::memchr(text_.data() + i + n, '`', l.end - i - n) == nullptr)) {
        open.kind = Open::Kind::kFence;
      }
      return;
    }
    if (c != '<') return;
    maybe_html = true;
    if ((prefixed || (l.indent > 0 && seen_list_or_quote_)) && !inline_tag_then_text(l, i)) {
      // The grammar can keep a list item that holds an HTML block open past blank lines and lines at
      // column 0 ("3. <p>", a blank line, "# Heading" is a heading in the list to it), and an indented
      // HTML block may be inside a list item.
      open.kind = Open::Kind::kHtml;
      return;
    }
    if (!may_be_top_level) return;
    const std::string_view rest = text_.substr(i, l.end - i);
    Open html;
    html.kind = Open::Kind::kHtml;
    size_t after = 0;
    if (rest.starts_with("<!--")) {
      html.end_marker = "-->";
      after = 4;
    } else if (!rest.starts_with("<!") && !rest.starts_with("<?")) {
      size_t n = 1;
      while (n < rest.size() && n < 12 && std::isalpha(static_cast<unsigned char>(rest[n]))) ++n;
      const std::string_view tag = rest.substr(1, n - 1);
      bool raw_text = false;
      for (const std::string_view raw : {"script", "pre", "style", "textarea"}) {
        if (ascii_iequals(tag, raw)) raw_text = true;
      }
      if (!raw_text) return;
    }
    if (l.indent != 0 || !html_ends(rest, after, html)) open = html;
  }

  void parse_region(uint32_t start, uint32_t end) {
    // From the line break before the region, so that its first line is never the document's first
    // (where "---" would open front matter).
    const uint32_t from = start > 0 ? start - 1 : 0;
    std::unique_ptr<TSTree, TreeDeleter> tree = parse(from, end);
    if (tree) emit(tree.get(), from, end, end);
  }

  // The grammar's tree of text_[from, end), or null.
  std::unique_ptr<TSTree, TreeDeleter> parse(uint32_t from, uint32_t end) {
    if (!parser_) {
      parser_.reset(ts_parser_new());
      if (!ts_parser_set_language(parser_.get(), grammar().language)) {
        parser_.reset();
        return nullptr;
      }
    }
    return std::unique_ptr<TSTree, TreeDeleter>(
        ts_parser_parse_string(parser_.get(), nullptr, text_.data() + from, end - from));
  }

  // Walks the tree of text_[from, end) and adds what it yields before `cut` (a top-level block
  // boundary, or `end`), in the text's offsets.
  void emit(TSTree* tree, uint32_t from, uint32_t end, uint32_t cut) {
    const std::string_view region = text_.substr(from, end - from);
    MarkupResult part;
    Walker(region, part).walk(ts_tree_root_node(tree));
    const uint32_t limit = cut - from;
    auto shift = [from](Range& r) {
      r.start += from;
      r.end += from;
    };
    for (Block& b : part.blocks) {
      if (b.range.start >= limit) break;
      shift(b.range);
      for (Range& hole : b.holes) shift(hole);
      out_.blocks.push_back(std::move(b));
    }
    for (Directive& d : part.directives) {
      if (d.range.start >= limit) break;
      shift(d.range);
      out_.directives.push_back(std::move(d));
    }
    for (LinkDefinition& d : part.link_definitions) {
      if (d.label.start >= limit) break;
      shift(d.label);
      shift(d.destination);
      out_.link_definitions.push_back(d);
    }
    for (Range& r : part.footnote_definitions) {
      if (r.start >= limit) break;
      shift(r);
      out_.footnote_definitions.push_back(r);
    }
  }

  void add_heading(const LineView& l, uint32_t level) {
    uint32_t start = l.first + level;
    while (start < l.end && (text_[start] == ' ' || text_[start] == '\t')) ++start;
    uint32_t end = l.end;
    // As Walker::on_atx_heading: an optional closing sequence after a space or tab, or alone.
    while (end > start && is_space(text_[end - 1])) --end;
    uint32_t hashes = end;
    while (hashes > start && text_[hashes - 1] == '#') --hashes;
    if (hashes < end && (hashes == start || text_[hashes - 1] == ' ' || text_[hashes - 1] == '\t'))
      end = hashes;
    add_block(BlockKind::kHeading, start, end, static_cast<uint8_t>(level));
  }

  void add_block(BlockKind kind, uint32_t start, uint32_t end, uint8_t level) {
    while (start < end && is_space(text_[start])) ++start;
    while (end > start && is_space(text_[end - 1])) --end;
    if (start >= end) return;
    Block& block = out_.blocks.emplace_back();
    block.kind = kind;
    block.range = {start, end};
    block.heading_level = level;
  }

  std::string_view text_;
  LineScanner lines_;
  MarkupResult& out_;
  std::unique_ptr<TSParser, ParserDeleter> parser_;
  std::vector<Range> holes_;  // scratch for list items
  bool seen_list_or_quote_ = false;  // in the current grammar region
  bool previous_had_pipe_ = false;   // the previous line classified held a '|'
  struct TopLevel {
    uint32_t start;
    bool error;
  };
  std::vector<TopLevel> top_level_;  // scratch for closed_boundary
};

}  // namespace

namespace {

/// parse_markdown_tree's blocks, directives and definitions, without the facts of the whole text.
MarkupResult tree_blocks(std::string_view text) {
  MarkupResult result;
  // Ranges are 32-bit and tree-sitter takes a 32-bit length; larger inputs yield no prose rather than
  // wrong offsets.
  if (text.size() >= UINT32_MAX) return result;
  if (may_nest_too_deep(text)) return parse_plain(text);
  const Grammar& g = grammar();
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!ts_parser_set_language(parser.get(), g.language)) return result;
  std::unique_ptr<TSTree, TreeDeleter> tree(
      ts_parser_parse_string(parser.get(), nullptr, text.data(), static_cast<uint32_t>(text.size())));
  if (!tree) return result;
  Walker(text, result).walk(ts_tree_root_node(tree.get()));
  return result;
}

/// parse_markdown without the facts of the whole text: what each segment of an incremental parse needs.
MarkupResult markdown_blocks(std::string_view text) {
  if (text.size() >= UINT32_MAX) return {};
  if (may_nest_too_deep(text) || has_unusual_controls(text)) return tree_blocks(text);
  MarkupResult result;
  FastMarkdown(text, result).run();
  return result;
}

}  // namespace

void add_text_facts(std::string_view text, MarkupResult& result) {
  if (text.size() >= UINT32_MAX) return;  // no blocks either
  result.documents_software = is_software_documentation(text);
  result.states_rules = false;
  for (const Block& block : result.blocks) {
    if (block.kind != BlockKind::kHeading) continue;
    result.states_rules = states_rules(slice(text, block.range));
    break;
  }
  for (Block& block : result.blocks) block.footnote = false;
  mark_own_findings(text, result);
  mark_line_labels(text, result);
  // A footnote's text starts after its label's "]:" and spaces.
  for (const Range& label : result.footnote_definitions) {
    size_t at = label.end;
    if (at < text.size() && text[at] == ']') ++at;
    if (at < text.size() && text[at] == ':') ++at;
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    auto block = std::lower_bound(result.blocks.begin(), result.blocks.end(), static_cast<uint32_t>(label.end),
                                  [](const Block& b, uint32_t pos) { return b.range.start < pos; });
    if (block != result.blocks.end() && block->range.start <= at + 1 && block->range.start >= label.end) {
      block->footnote = true;
    }
  }
}

MarkupResult parse_markdown_tree(std::string_view text) {
  MarkupResult result = tree_blocks(text);
  add_text_facts(text, result);
  return result;
}

MarkupResult parse_markdown(std::string_view text) {
  MarkupResult result = markdown_blocks(text);
  add_text_facts(text, result);
  return result;
}

namespace {

/// A heading's words: lower-case letters, one space between words, numbering and marks dropped.
std::string heading_words(std::string_view heading) {
  std::string words;
  for (char c : heading) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') {
      words.push_back(c);
    } else if (!words.empty() && words.back() != ' ') {
      words.push_back(' ');
    }
    if (words.size() > 40) break;
  }
  while (!words.empty() && words.back() == ' ') words.pop_back();
  return words;
}

/// Whether a heading opens the list where the writer names their sources: "References", "Our
/// sources", "Bibliography", "Notes", "Further reading", "External links".
bool heads_source_list(std::string_view heading) {
  static constexpr std::string_view kTitles[] = {
      "references", "reference list", "sources", "our sources", "source", "sources and notes",
      "sources and methods", "bibliography", "selected bibliography", "works cited", "literature",
      "literature cited", "citations", "footnotes", "endnotes", "notes", "notes and references",
      "references and notes", "further reading", "external links", "see also"};
  const std::string words = heading_words(heading);
  return std::ranges::find(kTitles, std::string_view(words)) != std::end(kTitles);
}

/// Whether a heading presents the writer's own work: "Results", "3. Findings", "Materials and
/// methods", "Key findings", "Results and discussion", a recipe's "Ingredients" and "Method", an
/// organisation's "Frequently asked questions" and "Incident report: ..." (down to its sub-sections).
bool heads_own_findings(std::string_view heading) {
  const std::string words = heading_words(heading);
  static constexpr std::string_view kOpenings[] = {
      "results", "findings", "methods", "method", "methodology", "materials and methods", "data and methods",
      "experimental results", "experiments", "evaluation", "observations", "measurements", "our results",
      "our findings", "key findings", "main findings", "main results",
      // A recipe's or a guide's own materials and steps: "Ingredients", "You will need", "Directions".
      "ingredients", "you will need", "what you need", "you ll need", "equipment", "directions", "instructions",
      "steps",
      // An organisation answering for itself: its FAQ, its report on its own incident.
      "frequently asked questions", "faq", "faqs", "incident report", "incident review", "postmortem",
      "post mortem", "root cause", "root cause analysis",
      // Minutes: an officer's report to the meeting is the officer's ("Treasurer's report").
      "treasurer s report", "chair s report", "chairman s report", "chairwoman s report", "secretary s report",
      "president s report", "director s report"};
  for (std::string_view opening : kOpenings) {
    if (words.starts_with(opening) && (words.size() == opening.size() || words[opening.size()] == ' ')) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool states_rules(std::string_view title) {
  const std::string words = heading_words(title);
  if (words.empty()) return false;
  // A title that is the name of the rules ("Terms of service"), or ends in it ("Ferry ticket terms and
  // conditions"); a short one ending in "rules" ("House rules", "Competition rules"); a policy of a
  // known kind. "Council tightens parking rules" is a headline, not a rule book.
  static constexpr std::string_view kNames[] = {
      "terms and conditions", "terms conditions", "terms of service", "terms of use", "conditions of use",
      "conditions of carriage", "conditions of sale", "code of conduct", "rules and regulations", "bylaws",
      "by laws", "privacy policy", "cookie policy", "cookies policy", "refund policy", "returns policy",
      "cancellation policy", "acceptable use policy", "data protection policy", "user agreement",
      "licence agreement", "license agreement", "service agreement", "house rules"};
  for (std::string_view name : kNames) {
    if (words.starts_with(name) || (words.ends_with(name) && words.size() > name.size() &&
                                    words[words.size() - name.size() - 1] == ' ')) {
      return true;
    }
  }
  const size_t spaces = static_cast<size_t>(std::count(words.begin(), words.end(), ' '));
  return spaces <= 2 && (words.ends_with(" rules") || words.ends_with(" regulations"));
}

void mark_own_findings(std::string_view text, MarkupResult& result) {
  // The open headings, outermost first, and what their sections hold.
  struct Section {
    uint8_t level;
    bool own;      // the writer's own findings
    bool sources;  // the list of the writer's sources
  };
  std::vector<Section> open;
  for (Block& block : result.blocks) {
    if (block.kind == BlockKind::kHeading && block.heading_level > 0) {
      while (!open.empty() && open.back().level >= block.heading_level) open.pop_back();
      const std::string_view heading = slice(text, block.range);
      const bool own = (!open.empty() && open.back().own) || heads_own_findings(heading);
      const bool sources = (!open.empty() && open.back().sources) || heads_source_list(heading);
      open.push_back({block.heading_level, own, sources});
      block.own_findings = false;  // the heading itself names the section; it states nothing
    } else {
      block.own_findings = !open.empty() && open.back().own;
      // An entry of a reference list names a source, as a footnote does.
      if (!open.empty() && open.back().sources) block.footnote = true;
    }
  }
}

namespace {

/// Two ATX headings that name a release ("## 1.4.0", "### [v2.0.1] - 2021-03-02"): a changelog.
bool has_release_headings(std::string_view text) {
  size_t releases = 0;
  for (size_t i = text.find('#'); i != std::string_view::npos; i = text.find('#', i + 1)) {
    if (i > 0 && text[i - 1] != '\n') continue;
    size_t k = i;
    while (k < text.size() && text[k] == '#') ++k;
    if (k - i > 6 || k >= text.size() || text[k] != ' ') continue;
    while (k < text.size() && text[k] == ' ') ++k;
    // A changelog says so in a heading: "# Changelog", "## Change Log", "# Release notes".
    const size_t eol = std::min(text.find('\n', k), text.size());
    std::string title(text.substr(k, eol - k));
    for (char& c : title) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    while (!title.empty() && (title.back() == ' ' || title.back() == '\r' || title.back() == '#')) title.pop_back();
    if (title == "changelog" || title == "change log" || title == "release notes") return true;
    if (k < text.size() && text[k] == '[') ++k;
    // "## Version 1.0.2", "## Release 2.0": the word before the number.
    for (std::string_view word : {"version ", "release "}) {
      if (title.starts_with(word)) k += word.size();
    }
    if (k < text.size() && (text[k] == 'v' || text[k] == 'V')) ++k;
    size_t digits = k;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits > k && digits + 1 < text.size() && text[digits] == '.' && text[digits + 1] >= '0' &&
        text[digits + 1] <= '9' && ++releases >= 2) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool is_software_documentation(std::string_view text) {
  if (has_release_headings(text)) return true;
  // One fenced block alone may be an article quoting a snippet or some data: it takes a second block
  // or a code span as well. Three code spans are enough on their own.
  size_t fence_lines = 0, spans = 0;
  auto enough = [&] { return fence_lines >= 3 || (fence_lines >= 1 && spans >= 1) || spans >= 3; };
  size_t i = 0;
  while ((i = text.find_first_of("`~", i)) != std::string_view::npos) {
    const char mark = text[i];
    size_t run = i;
    while (run < text.size() && text[run] == mark) ++run;
    if (run - i >= 3) {
      // A fence opens a line: only indentation and block-quote markers before it.
      size_t k = i;
      while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '>')) --k;
      if (k == 0 || text[k - 1] == '\n' || text[k - 1] == '\r') {
        ++fence_lines;
        if (enough()) return true;
        // The rest of the fence line is its info string ("```js"), not prose.
        const size_t eol = text.find('\n', run);
        i = eol == std::string_view::npos ? text.size() : eol;
        continue;
      }
    }
    if (mark == '`' && run - i <= 2) {
      // A code span closes on the same line with a run of the same length, something in between.
      const size_t len = run - i;
      size_t j = run;
      while (j < text.size() && text[j] != '\n') {
        if (text[j] != '`') {
          ++j;
          continue;
        }
        size_t close = j;
        while (close < text.size() && text[close] == '`') ++close;
        if (close - j == len && j > run) {
          ++spans;
          if (enough()) return true;
          run = close;
          break;
        }
        j = close;
      }
    }
    i = run;
  }
  return false;
}

// ---- for IncrementalMarkdownParser (core/markup/markdown_incremental.cpp) ----

namespace markdown_internal {

bool may_nest_too_deep(std::string_view text) { return core::may_nest_too_deep(text); }
bool has_unusual_controls(std::string_view text) { return core::has_unusual_controls(text); }
MarkupResult parse_blocks(std::string_view text) { return markdown_blocks(text); }

}  // namespace markdown_internal

}  // namespace evidential::core
