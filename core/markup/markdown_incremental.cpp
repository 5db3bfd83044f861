// IncrementalMarkdownParser: parse_markdown for an editor's buffer that changes a little at a time,
// without keeping a syntax tree.
//
// The text is kept as a list of segments (about segment_bytes each) cut where nothing stays open: a
// line at column 0 starting with an ASCII letter after a blank line, where the text before the cut
// leaves the block grammar at the top level with no container or leaf block open. Then the document's
// Markdown is the concatenation of each segment's own parse_markdown, so an edit re-parses only the
// segment(s) it touches (parse_markdown's line scanner reads ~40 MB/s, a 16 KB segment well under a
// millisecond) and no tree is kept between edits: tree-sitter-markdown's tree of a 1 MB document held
// ~40 MB, most of the language server's memory.
//
// Whether a cut is clean is not guessed from the text (fences, HTML blocks of several kinds, front
// matter and the grammar's own quirks can stay open past blank lines): it is observed. A segment is
// parsed with a probe line "z\n" appended; the text before the cut leaves nothing open exactly when the
// probe comes back as a top-level paragraph of its own. A segment whose end is not clean (an edit opened
// a code fence, deleted the blank line before the next segment) is merged with what follows until it is,
// so every edit's result equals parse_markdown(text); tests/lsp_random_edit_test.cpp checks that with
// segments of a few bytes.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "core/markup/markdown_internal.h"
#include "core/markup/markup.h"

namespace evidential::core {

namespace {

struct Segment {
  uint32_t start = 0;
};

/// Whether parse_markdown would not run its line scanner on `text` (see markdown_internal.h). Both
/// conditions are decided line by line, so a text has them exactly when one of its segments does, and
/// then the whole text is parsed at once.
bool needs_whole_text(std::string_view text) {
  return markdown_internal::may_nest_too_deep(text) || markdown_internal::has_unusual_controls(text);
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// A cut candidate: `at` starts a line that begins with an ASCII letter and follows a blank line (only
/// spaces and tabs, perhaps a '\r' before its '\n'). Whether the text before it is clean is for the
/// probe to tell.
bool is_cut(std::string_view text, uint32_t at) {
  if (at < 2 || at >= text.size() || text[at - 1] != '\n' || !is_ascii_letter(text[at])) return false;
  uint32_t i = at - 1;
  if (i > 0 && text[i - 1] == '\r') --i;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  return i == 0 || text[i - 1] == '\n';
}

/// Whether the first segment, `piece` (the text's start), closes front matter that its first line may
/// open. Front matter is the one construct the probe cannot see: left unclosed it is no front matter at
/// all, so a probe after an unclosed opening reads as clean although a closing line further on would
/// turn everything before it into metadata. As parse_markdown's scanner: a first line of three or more
/// '-' or '+' (trailing spaces allowed) opens it, an exact "---" or "+++" line closes it.
bool closes_front_matter(std::string_view piece) {
  const size_t nl = piece.find('\n');
  if (nl == std::string_view::npos) return false;
  std::string_view first = piece.substr(0, nl);
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  while (!first.empty() && (first.back() == ' ' || first.back() == '\t')) first.remove_suffix(1);
  const char c = first.empty() ? '\0' : first.front();
  if ((c != '-' && c != '+') || first.size() < 3 || first.find_first_not_of(c) != std::string_view::npos) {
    return true;  // nothing opened
  }
  const std::string_view marker = c == '-' ? "---" : "+++";
  for (size_t at = nl + 1; at < piece.size();) {
    size_t end = piece.find('\n', at);
    if (end == std::string_view::npos) end = piece.size();
    std::string_view line = piece.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == marker) return true;
    at = end + 1;
  }
  return false;
}

/// The first cut candidate at or after `from`, or the text's size.
uint32_t next_cut(std::string_view text, uint64_t from) {
  const uint32_t size = static_cast<uint32_t>(text.size());
  if (from >= size) return size;
  uint32_t at = static_cast<uint32_t>(from);
  if (at > 0 && text[at - 1] != '\n') {
    const void* nl = std::memchr(text.data() + at, '\n', size - at);
    if (nl == nullptr) return size;
    at = static_cast<uint32_t>(static_cast<const char*>(nl) - text.data()) + 1;
  }
  while (at < size) {
    if (is_cut(text, at)) return at;
    const void* nl = std::memchr(text.data() + at, '\n', size - at);
    if (nl == nullptr) return size;
    at = static_cast<uint32_t>(static_cast<const char*>(nl) - text.data()) + 1;
  }
  return size;
}

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
/// characters. Then the block structure is the old one with offsets shifted, and nothing need be parsed
/// (tests/lsp_random_edit_test.cpp compares with fresh parses).
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

/// `to` = `text` without std::string's doubling: a 1 MB buffer that grows by a keystroke would otherwise
/// hold 2 MB. The margin keeps typing from reallocating at every character.
void assign_text(std::string& to, std::string_view text) {
  if (to.capacity() < text.size() || to.capacity() > text.size() + text.size() / 8 + (64 << 10)) {
    std::string fresh;
    fresh.reserve(text.size() + text.size() / 64 + 256);
    to.swap(fresh);
  }
  to.assign(text);
}

Range moved(Range r, int64_t by) {
  return {static_cast<uint32_t>(r.start + by), static_cast<uint32_t>(r.end + by)};
}

void move_block(Block& b, int64_t by) {
  b.range = moved(b.range, by);
  for (Range& hole : b.holes) hole = moved(hole, by);
}
void move_directive(Directive& d, int64_t by) { d.range = moved(d.range, by); }
void move_definition(LinkDefinition& d, int64_t by) {
  d.label = moved(d.label, by);
  d.destination = moved(d.destination, by);
}
void move_footnote(Range& r, int64_t by) { r = moved(r, by); }

uint32_t start_of(const Block& b) { return b.range.start; }
uint32_t start_of(const Directive& d) { return d.range.start; }
uint32_t start_of(const LinkDefinition& d) { return d.label.start; }
uint32_t start_of(const Range& r) { return r.start; }

/// Replaces the items of `list` that start in [from, to) by `replacement` (already placed) and moves
/// the items after them by `by`. Every list is in document order.
template <typename T, typename Move>
void splice(std::vector<T>& list, uint32_t from, uint32_t to, std::vector<T>& replacement, int64_t by,
            Move move) {
  auto less = [](const T& item, uint32_t at) { return start_of(item) < at; };
  const auto first = std::lower_bound(list.begin(), list.end(), from, less);
  const auto last = std::lower_bound(first, list.end(), to, less);
  const size_t at = static_cast<size_t>(first - list.begin());
  const size_t removed = static_cast<size_t>(last - first);
  if (by != 0) {
    for (auto it = last; it != list.end(); ++it) move(*it, by);
  }
  // Overwrite what the replacement can reuse, then erase or insert the difference.
  const size_t common = std::min(removed, replacement.size());
  std::move(replacement.begin(), replacement.begin() + static_cast<ptrdiff_t>(common),
            list.begin() + static_cast<ptrdiff_t>(at));
  if (removed > common) {
    list.erase(list.begin() + static_cast<ptrdiff_t>(at + common), list.begin() + static_cast<ptrdiff_t>(at + removed));
  } else if (replacement.size() > common) {
    list.insert(list.begin() + static_cast<ptrdiff_t>(at + common),
                std::make_move_iterator(replacement.begin() + static_cast<ptrdiff_t>(common)),
                std::make_move_iterator(replacement.end()));
  }
}

/// Appends `part`, the result for the text at `offset`, to `out`.
void append(MarkupResult& out, MarkupResult&& part, uint32_t offset) {
  for (Block& b : part.blocks) {
    move_block(b, offset);
    out.blocks.push_back(std::move(b));
  }
  for (Directive& d : part.directives) {
    move_directive(d, offset);
    out.directives.push_back(std::move(d));
  }
  for (LinkDefinition& d : part.link_definitions) {
    move_definition(d, offset);
    out.link_definitions.push_back(d);
  }
  for (Range& r : part.footnote_definitions) out.footnote_definitions.push_back(moved(r, offset));
}

}  // namespace

struct IncrementalMarkdownParser::State {
  uint32_t segment_bytes = 0;
  bool has_text = false;  // parse() was called: `text` and `result` belong together
  std::string text;
  MarkupResult result;  // parse()'s result for `text`
  /// Empty when the text is parsed whole (it needs the grammar or plain text throughout, or is too
  /// large for 32-bit offsets); otherwise the segments in order, the first at 0.
  std::vector<Segment> segments;
  std::string probe;  // scratch: a segment followed by the probe line

  uint32_t segment_end(size_t i) const {
    return i + 1 < segments.size() ? segments[i + 1].start : static_cast<uint32_t>(text.size());
  }

  enum class Piece : uint8_t { kClean, kOpen, kWholeText };

  /// parse_markdown of text[from, to) as the text there reads: into `out` (relative to `from`) when
  /// kClean, i.e. when `to` is the end of the text or the text before `to` leaves nothing open.
  Piece parse_piece(std::string_view text, uint32_t from, uint32_t to, MarkupResult& out) {
    const std::string_view piece = text.substr(from, to - from);
    if (needs_whole_text(piece)) return Piece::kWholeText;
    if (to == text.size()) {
      out = markdown_internal::parse_blocks(piece);
      return Piece::kClean;
    }
    if (from == 0 && !closes_front_matter(piece)) return Piece::kOpen;
    probe.assign(piece);
    probe += "z\n";
    out = markdown_internal::parse_blocks(probe);
    const uint32_t at = to - from;
    if (out.blocks.empty()) return Piece::kOpen;
    const Block& last = out.blocks.back();
    if (last.kind != BlockKind::kParagraph || last.range != Range{at, at + 1} || !last.holes.empty() ||
        last.quote_depth != 0 || last.list_depth != 0) {
      return Piece::kOpen;
    }
    out.blocks.pop_back();
    return Piece::kClean;
  }

  void parse_whole(std::string_view text) {
    segments.clear();
    result = markdown_internal::parse_blocks(text);
  }

  /// Re-parses the new `text` (`this->text` is still the old one) from the old segment `first`'s start,
  /// in pieces of about segment_bytes, until a piece ends clean at an old segment boundary after the
  /// edit (then the rest of the old result is kept, moved by the size difference) or the text ends.
  /// With no old segments it parses everything. Returns false when the text must be parsed whole
  /// instead.
  bool reparse(std::string_view text, size_t first, uint32_t old_end, uint32_t new_end) {
    const int64_t delta = static_cast<int64_t>(text.size()) - static_cast<int64_t>(this->text.size());
    const uint32_t size = static_cast<uint32_t>(text.size());
    const uint32_t from = first < segments.size() ? segments[first].start : 0;
    // Old boundaries after the edit, moved into the new text: where a clean piece may end the work.
    size_t next_old = first + 1;
    while (next_old < segments.size() && segments[next_old].start < old_end) ++next_old;

    std::vector<Segment> fresh;
    MarkupResult parsed;
    MarkupResult part;
    uint32_t at = from;
    size_t resume = segments.size();  // the first old segment kept
    while (at < size) {
      // An old boundary serves only while its line still follows a blank line (the edit may have
      // touched the line before it).
      while (next_old < segments.size() &&
             (segments[next_old].start + delta <= at || !is_cut(text, static_cast<uint32_t>(segments[next_old].start + delta)))) {
        ++next_old;
      }
      const uint32_t sync = next_old < segments.size() ? static_cast<uint32_t>(segments[next_old].start + delta)
                                                       : size;
      uint32_t end = sync - at <= 2 * uint64_t{segment_bytes} ? sync
                                                             : std::min(sync, next_cut(text, uint64_t{at} + segment_bytes));
      for (bool retried = false;; retried = true) {
        const Piece outcome = parse_piece(text, at, end, part);
        if (outcome == Piece::kWholeText) return false;
        if (outcome == Piece::kClean) break;
        // Something stays open at `end`: try the next cut, then take in at least as much again each
        // time, so that a fence left open costs a few parses of the rest, not one per segment.
        end = retried ? next_cut(text, uint64_t{at} + 2 * uint64_t{end - at}) : next_cut(text, uint64_t{end} + 1);
      }
      fresh.push_back({at});
      append(parsed, std::move(part), at);
      at = end;
      if (at < size && next_old < segments.size() && at == sync && at >= new_end) {
        resume = next_old;
        break;
      }
    }
    // Splice: the old items from `from` to the resumed boundary (old coordinates) give way to `parsed`.
    const uint32_t old_to = resume < segments.size() ? segments[resume].start : static_cast<uint32_t>(this->text.size() + 1);
    const uint32_t old_from = from;
    if (first >= segments.size()) {
      result = std::move(parsed);
    } else {
      splice(result.blocks, old_from, old_to, parsed.blocks, delta, move_block);
      splice(result.directives, old_from, old_to, parsed.directives, delta, move_directive);
      splice(result.link_definitions, old_from, old_to, parsed.link_definitions, delta, move_definition);
      splice(result.footnote_definitions, old_from, old_to, parsed.footnote_definitions, delta, move_footnote);
    }
    for (size_t i = resume; i < segments.size(); ++i) {
      segments[i].start = static_cast<uint32_t>(segments[i].start + delta);
      fresh.push_back(segments[i]);
    }
    if (first < segments.size()) {
      fresh.insert(fresh.begin(), segments.begin(), segments.begin() + static_cast<ptrdiff_t>(first));
    }
    segments = std::move(fresh);
    return true;
  }
};

IncrementalMarkdownParser::IncrementalMarkdownParser(uint32_t segment_bytes) : state_(std::make_unique<State>()) {
  state_->segment_bytes = std::max<uint32_t>(segment_bytes, 1);
}
IncrementalMarkdownParser::~IncrementalMarkdownParser() = default;

size_t IncrementalMarkdownParser::segment_count() const { return state_->segments.size(); }

const MarkupResult& IncrementalMarkdownParser::parse(std::string_view text) {
  parse_blocks(text);  // always leaves its result in state_->result
  // The facts of the whole text depend on all of it: one pass per edit, as in parse_markdown.
  add_text_facts(text, state_->result);
  return state_->result;
}

const MarkupResult& IncrementalMarkdownParser::parse_blocks(std::string_view text) {
  State& st = *state_;
  auto finish = [&]() -> const MarkupResult& {
    assign_text(st.text, text);
    st.has_text = true;
    return st.result;
  };
  if (text.size() >= UINT32_MAX) {
    st.parse_whole(text);
    return finish();
  }
  if (!st.has_text || st.segments.empty()) {
    // A first parse, or a text parsed whole: segment it afresh unless it still needs the whole text.
    if (st.has_text && st.text == text) return st.result;
    if (needs_whole_text(text)) {
      st.parse_whole(text);
      return finish();
    }
    st.segments.clear();
    if (!st.reparse(text, 0, 0, 0)) st.parse_whole(text);
    return finish();
  }

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
  while (suffix < limit - prefix && old[old.size() - 1 - suffix] == text[text.size() - 1 - suffix]) ++suffix;
  if (prefix == old.size() && prefix == text.size()) return st.result;
  const uint32_t start = static_cast<uint32_t>(prefix);
  const uint32_t old_end = static_cast<uint32_t>(old.size() - suffix);
  const uint32_t new_end = static_cast<uint32_t>(text.size() - suffix);

  // The segment holding the edit's start (the last one when the edit appends).
  size_t first = static_cast<size_t>(
      std::upper_bound(st.segments.begin(), st.segments.end(), start,
                       [](uint32_t at, const Segment& s) { return at < s.start; }) -
      st.segments.begin());
  first = first == 0 ? 0 : first - 1;

  // A segment that grew large (a fence was open across it for a while) is cut again by the slow path
  // the next time an edit touches it.
  const bool oversized = st.segment_end(first) - st.segments[first].start > 4 * uint64_t{st.segment_bytes};
  if (!oversized && keeps_blocks(old, text, st.result, start, old_end, new_end)) {
    shift_result(st.result, start, old_end, new_end);
    const int64_t delta = static_cast<int64_t>(new_end) - static_cast<int64_t>(old_end);
    for (size_t i = first + 1; i < st.segments.size(); ++i) {
      st.segments[i].start = static_cast<uint32_t>(st.segments[i].start + delta);
    }
    // Digits and dots typed after a line's first word can add list markers to what may_nest_too_deep
    // counts; the edited segment is checked again.
    assign_text(st.text, text);
    const uint32_t seg_start = st.segments[first].start;
    if (needs_whole_text(std::string_view(st.text).substr(seg_start, st.segment_end(first) - seg_start))) {
      st.parse_whole(text);
    }
    return st.result;
  }

  // The cut before the segment is still clean if its line still starts with a letter (the text before
  // it is unchanged); if not, the segment before is parsed again too.
  while (first > 0 && !is_cut(text, st.segments[first].start)) --first;
  if (!st.reparse(text, first, old_end, new_end)) st.parse_whole(text);
  return finish();
}

}  // namespace evidential::core
