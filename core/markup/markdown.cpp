// Markdown -> prose blocks via tree-sitter-markdown's block grammar (never its inline grammar).
//
// Approach: one parse, then one iterative TSTreeCursor walk over the block tree. Paragraphs, headings and
// pipe-table cells become blocks whose range is their `inline` node, trimmed; the `block_continuation`
// children of an `inline` (the "> " and list indentation of continuation lines) become holes. Inline
// Markdown (code spans, links, emphasis, inline HTML) is left inside the blocks for the prose grammar,
// because DESIGN.md section 3 measured the inline grammar at 0.4-3 MB/s. Code, HTML, front matter,
// thematic breaks and link reference definitions yield no prose; HTML blocks are scanned for
// suppression comments. The walk keeps no recursion and no per-depth state beyond two counters, so
// 10,000 nested block quotes cost no stack (tests/markup_test.cpp, DeepQuotes).
#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>
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

  /// For IncrementalMarkdownParser: a subtree that touches none of `changed` (ranges of the new text,
  /// merged and sorted) is not walked; its results are copied from `previous`, the result for the text
  /// before the edit [edit_start, old_end) -> [edit_start, new_end).
  struct Reuse {
    const MarkupResult* previous = nullptr;
    std::vector<Range> changed;
    uint32_t edit_start = 0;
    uint32_t old_end = 0;
    uint32_t new_end = 0;
  };
  void set_reuse(const Reuse* reuse) { reuse_ = reuse; }

  void walk(TSNode root) {
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    cursor_ = &cursor;
    for (;;) {
      const TSNode node = ts_tree_cursor_current_node(&cursor);
      const bool reused = reuse_ != nullptr && reusable(node);
      if (reused) {
        copy_previous(node);
      } else if (enter(node) && ts_tree_cursor_goto_first_child(&cursor)) {
        continue;
      }
      // Leave nodes until one has a next sibling; leave() undoes enter()'s depth counting (a reused
      // node was never entered).
      for (bool first = true;; first = false) {
        if (!(first && reused)) leave(ts_tree_cursor_current_node(&cursor));
        if (ts_tree_cursor_goto_next_sibling(&cursor)) break;
        if (!ts_tree_cursor_goto_parent(&cursor)) {
          ts_tree_cursor_delete(&cursor);
          return;
        }
      }
    }
  }

 private:
  bool reusable(TSNode node) const {
    const uint32_t start = ts_node_start_byte(node);
    const uint32_t end = ts_node_end_byte(node);
    // Touching counts: the first changed range ending at or after `start` must begin after `end`.
    const auto it = std::lower_bound(reuse_->changed.begin(), reuse_->changed.end(), start,
                                     [](const Range& r, uint32_t at) { return r.end < at; });
    return it == reuse_->changed.end() || it->start > end;
  }

  void copy_previous(TSNode node) {
    const uint32_t start = ts_node_start_byte(node);
    const uint32_t end = ts_node_end_byte(node);
    // Untouched nodes lie wholly before the edit or wholly after it.
    const bool after = start >= reuse_->new_end;
    const uint32_t old_start = after ? start - reuse_->new_end + reuse_->old_end : start;
    const uint32_t old_end = after ? end - reuse_->new_end + reuse_->old_end : end;
    auto shift = [&](Range r) {
      return after ? Range{r.start - reuse_->old_end + reuse_->new_end, r.end - reuse_->old_end + reuse_->new_end}
                   : r;
    };
    // Every item a node yields lies inside it; each list is in document order.
    auto each = [&](const auto& list, auto start_of, auto add) {
      auto it = std::lower_bound(list.begin(), list.end(), old_start,
                                 [&](const auto& item, uint32_t at) { return start_of(item) < at; });
      for (; it != list.end() && start_of(*it) < old_end; ++it) add(*it);
    };
    const MarkupResult& prev = *reuse_->previous;
    each(prev.blocks, [](const Block& b) { return b.range.start; }, [&](const Block& b) {
      Block& copy = out_.blocks.emplace_back(b);
      copy.range = shift(b.range);
      for (Range& hole : copy.holes) hole = shift(hole);
    });
    each(prev.directives, [](const Directive& d) { return d.range.start; }, [&](const Directive& d) {
      out_.directives.emplace_back(d).range = shift(d.range);
    });
    each(prev.link_definitions, [](const LinkDefinition& d) { return d.label.start; }, [&](const LinkDefinition& d) {
      LinkDefinition& copy = out_.link_definitions.emplace_back(d);
      copy.label = shift(d.label);
      copy.destination = shift(d.destination);
    });
    each(prev.footnote_definitions, [](const Range& r) { return r.start; }, [&](const Range& r) {
      out_.footnote_definitions.push_back(shift(r));
    });
  }

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
  const Reuse* reuse_ = nullptr;
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

}  // namespace

MarkupResult parse_markdown(std::string_view text) {
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

// ---- incremental parsing (core/incremental.h drives this for the language server) ----

namespace {

/// Row and byte column of `offset`, given the row and column of `from` <= offset in the same text.
TSPoint advance_point(std::string_view text, uint32_t from, TSPoint at, uint32_t offset) {
  for (uint32_t i = from; i < offset; ++i) {
    if (text[i] == '\n') {
      ++at.row;
      at.column = 0;
    } else {
      ++at.column;
    }
  }
  return at;
}

/// The point of `offset` counted from the text's start: newlines via memchr, the column from the last.
TSPoint point_of(std::string_view text, uint32_t offset) {
  TSPoint p{0, 0};
  uint32_t line_start = 0;
  const char* data = text.data();
  for (;;) {
    const void* nl = std::memchr(data + line_start, '\n', offset - line_start);
    if (nl == nullptr) break;
    ++p.row;
    line_start = static_cast<uint32_t>(static_cast<const char*>(nl) - data) + 1;
  }
  p.column = offset - line_start;
  return p;
}

}  // namespace

struct IncrementalMarkdownParser::State {
  std::unique_ptr<TSParser, ParserDeleter> parser;
  // The tree of `text`, or null. After fast-path edits it has been ts_tree_edit()ed but not re-parsed
  // yet; tree-sitter takes any number of edits before the next parse.
  std::unique_ptr<TSTree, TreeDeleter> tree;
  std::string text;
  MarkupResult result;  // parse()'s result for `text`, reused for untouched subtrees
};

namespace {

// A footnote definition changes how the block after it reads (footnote_open_), a dependency between
// siblings that subtree reuse does not track: texts that may hold one are walked whole.
bool may_hold_footnote(std::string_view text) { return text.find("[^") != std::string_view::npos; }

// Characters that cannot start, end or reshape a block when typed or deleted after a line's first word:
// letters, digits, spaces and sentence punctuation. Everything the block grammar reacts to anywhere in a
// line ('|' for tables, '<' '>' for HTML and quotes, '`' '~' for fences, '[' ']' ':' for definitions,
// '\\' for escapes, '-' '=' '*' '_' '#' '+' for breaks and underlines, '!' '(' ')' '&') is excluded, as are
// line breaks.
bool is_inert(unsigned char c) {
  if (c >= 0x80) return true;  // UTF-8 bytes: letters, curly quotes, dashes
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return c == ' ' || c == '.' || c == ',' || c == ';' || c == '?' || c == '\'' || c == '"' || c == '%' ||
         c == '$' || c == '/' || c == '@';
}

bool all_inert(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_inert(static_cast<unsigned char>(c)); });
}

/// Whether replacing `old`[start, old_end) by `text`[start, new_end) keeps every block boundary: the
/// edit lies strictly inside one prose block, on one line, after that line's first word (where every
/// block marker sits: "#", ">", "-", "1.", "```", "<tag", "|", "[label]:"), and only changes inert
/// characters. Then the block structure is the old one with offsets shifted, and tree-sitter need not
/// run (tests/lsp_random_edit_test.cpp compares with fresh parses).
bool keeps_blocks(std::string_view old, std::string_view text, const MarkupResult& result, uint32_t start,
                  uint32_t old_end, uint32_t new_end) {
  if (!all_inert(old.substr(start, old_end - start)) || !all_inert(text.substr(start, new_end - start))) {
    return false;
  }
  const auto it = std::upper_bound(result.blocks.begin(), result.blocks.end(), start,
                                   [](uint32_t at, const Block& b) { return at < b.range.start; });
  if (it == result.blocks.begin()) return false;
  const Block& block = *(it - 1);
  if (!(block.range.start < start && old_end < block.range.end)) return false;
  // The line's content starts after its container prefix (a hole) or at the block's start.
  uint32_t line = start;
  while (line > block.range.start && old[line - 1] != '\n') --line;
  for (const Range& hole : block.holes) {
    if (hole.start <= line && line < hole.end) line = hole.end;
  }
  while (line < start && (old[line] == ' ' || old[line] == '\t')) ++line;
  // A space between the first word and the edit, in the unchanged text before it.
  for (uint32_t i = line; i < start; ++i) {
    if (old[i] == ' ' || old[i] == '\t') return true;
  }
  return false;
}

/// `result` after the edit: items after it move by the size difference; the block holding it grows.
void shift_result(MarkupResult& result, uint32_t start, uint32_t old_end, uint32_t new_end) {
  auto shift = [&](uint32_t& offset) {
    if (offset >= old_end) offset = offset - old_end + new_end;
  };
  auto shift_range = [&](Range& r) {
    if (r.start > start) shift(r.start);
    shift(r.end);
  };
  for (Block& b : result.blocks) {
    if (b.range.end < start) continue;
    shift_range(b.range);
    for (Range& hole : b.holes) shift_range(hole);
  }
  for (Directive& d : result.directives) shift_range(d.range);
  for (LinkDefinition& d : result.link_definitions) {
    shift_range(d.label);
    shift_range(d.destination);
  }
  for (Range& r : result.footnote_definitions) shift_range(r);
}

}  // namespace

IncrementalMarkdownParser::IncrementalMarkdownParser() : state_(std::make_unique<State>()) {}
IncrementalMarkdownParser::~IncrementalMarkdownParser() = default;

MarkupResult IncrementalMarkdownParser::parse(std::string_view text) {
  State& st = *state_;
  // The same early exits as parse_markdown; the old tree is dropped so the next parse starts afresh.
  if (text.size() >= UINT32_MAX || may_nest_too_deep(text)) {
    st.tree.reset();
    st.text.clear();
    return text.size() >= UINT32_MAX ? MarkupResult{} : parse_plain(text);
  }
  const Grammar& g = grammar();
  if (!st.parser) {
    st.parser.reset(ts_parser_new());
    if (!ts_parser_set_language(st.parser.get(), g.language)) {
      st.parser.reset();
      return {};
    }
  }
  Walker::Reuse reuse;
  bool can_reuse = false;
  if (st.tree) {
    // One edit spanning everything that differs: the common prefix and suffix are kept.
    const std::string_view old = st.text;
    const size_t limit = std::min(old.size(), text.size());
    // memcmp over blocks first: a keystroke in a 1 MB buffer leaves ~1 MB equal.
    constexpr size_t kBlock = 4096;
    size_t prefix = 0;
    while (prefix + kBlock <= limit && std::memcmp(old.data() + prefix, text.data() + prefix, kBlock) == 0) {
      prefix += kBlock;
    }
    while (prefix < limit && old[prefix] == text[prefix]) ++prefix;
    size_t suffix = 0;
    while (suffix + kBlock <= limit - prefix &&
           std::memcmp(old.data() + old.size() - suffix - kBlock, text.data() + text.size() - suffix - kBlock,
                       kBlock) == 0) {
      suffix += kBlock;
    }
    while (suffix < limit - prefix && old[old.size() - 1 - suffix] == text[text.size() - 1 - suffix]) {
      ++suffix;
    }
    if (prefix == old.size() && prefix == text.size()) return st.result;
    TSInputEdit edit;
    edit.start_byte = static_cast<uint32_t>(prefix);
    edit.old_end_byte = static_cast<uint32_t>(old.size() - suffix);
    edit.new_end_byte = static_cast<uint32_t>(text.size() - suffix);
    edit.start_point = point_of(text, edit.start_byte);
    edit.old_end_point = advance_point(old, edit.start_byte, edit.start_point, edit.old_end_byte);
    edit.new_end_point = advance_point(text, edit.start_byte, edit.start_point, edit.new_end_byte);
    ts_tree_edit(st.tree.get(), &edit);
    if (keeps_blocks(old, text, st.result, edit.start_byte, edit.old_end_byte, edit.new_end_byte)) {
      shift_result(st.result, edit.start_byte, edit.old_end_byte, edit.new_end_byte);
      st.text.assign(text);
      return st.result;
    }
    reuse.edit_start = edit.start_byte;
    reuse.old_end = edit.old_end_byte;
    reuse.new_end = edit.new_end_byte;
    reuse.changed.push_back({edit.start_byte, edit.new_end_byte});
    can_reuse = !may_hold_footnote(old) && !may_hold_footnote(text);
  }
  std::unique_ptr<TSTree, TreeDeleter> tree(ts_parser_parse_string(
      st.parser.get(), st.tree.get(), text.data(), static_cast<uint32_t>(text.size())));
  if (!tree) {
    st.tree.reset();
    st.text.clear();
    return {};
  }
  if (can_reuse) {
    // Where the syntax differs between the edited old tree and the new one, besides the edit itself.
    uint32_t count = 0;
    TSRange* ranges = ts_tree_get_changed_ranges(st.tree.get(), tree.get(), &count);
    for (uint32_t i = 0; i < count; ++i) reuse.changed.push_back({ranges[i].start_byte, ranges[i].end_byte});
    std::free(ranges);
    std::sort(reuse.changed.begin(), reuse.changed.end(),
              [](const Range& a, const Range& b) { return a.start < b.start; });
    std::vector<Range> merged;
    for (const Range& r : reuse.changed) {
      if (!merged.empty() && r.start <= merged.back().end) merged.back().end = std::max(merged.back().end, r.end);
      else merged.push_back(r);
    }
    reuse.changed = std::move(merged);
    reuse.previous = &st.result;
  }
  st.tree = std::move(tree);
  st.text.assign(text);
  MarkupResult result;
  Walker walker(text, result);
  if (can_reuse) walker.set_reuse(&reuse);
  walker.walk(ts_tree_root_node(st.tree.get()));
  st.result = result;
  return result;
}

}  // namespace evidential::core
