// Plain text -> prose blocks: paragraphs are runs of non-blank lines, and a short unpunctuated first line
// is a headline. Two kinds of paragraph run on into the next one, because their sentence does: one that
// ends with a colon (`He said:` above the quoted paragraph) and a lone time of day (`6:05 p.m.` heading an
// entry of a live report, a dateline like `WASHINGTON (AP) —`). One forward scan with memchr, no copies;
// any bytes (NUL, invalid UTF-8) are just bytes.
#include <cstring>
#include <string_view>

#include "core/markup/markup.h"

namespace evidential::core {
namespace {

// A longer first line reads as a sentence that lost its full stop, not as a title.
constexpr int kMaxHeadlineWords = 20;

constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr bool is_terminal(char c) {
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',';
}

// Whether `line` (already trimmed, non-empty) ends the way a headline does: without terminal
// punctuation, also when a closing quote or bracket follows it (`He said "no."` is a sentence).
bool looks_like_headline(std::string_view line) {
  size_t end = line.size();
  // Step back over closing quotes and brackets: ASCII ones and the UTF-8 right quotes U+2019, U+201D
  // (E2 80 99, E2 80 9D) and U+00BB (C2 BB).
  for (;;) {
    if (end >= 1 && (line[end - 1] == '"' || line[end - 1] == '\'' || line[end - 1] == ')')) {
      --end;
    } else if (end >= 3 && line[end - 3] == '\xE2' && line[end - 2] == '\x80' &&
               (line[end - 1] == '\x99' || line[end - 1] == '\x9D')) {
      end -= 3;
    } else if (end >= 2 && line[end - 2] == '\xC2' && line[end - 1] == '\xBB') {
      end -= 2;
    } else {
      break;
    }
  }
  if (end == 0 || is_terminal(line[end - 1])) return false;

  // Needs something to read (a rule of dashes is not a title) and a bounded number of words.
  bool has_word_byte = false;
  int words = 0;
  bool in_word = false;
  for (char c : line) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z')) has_word_byte = true;
    if (is_space(c)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      if (++words > kMaxHeadlineWords) return false;
    }
  }
  return has_word_byte;
}

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool is_time_of_day(std::string_view line) {
  size_t i = 0;
  auto digits = [&](size_t most) {
    size_t n = 0;
    while (i < line.size() && n < most && is_digit(line[i])) ++i, ++n;
    return n;
  };
  if (digits(2) == 0) return false;
  if (i < line.size() && line[i] == ':') {
    ++i;
    if (digits(2) != 2) return false;
  }
  while (i < line.size() && line[i] == ' ') ++i;
  // `a.m.`, `p.m.`, `am`, `PM`, with or without the dots.
  if (i >= line.size()) return false;
  const char half = static_cast<char>(line[i] | 0x20);
  if (half != 'a' && half != 'p') return false;
  ++i;
  if (i < line.size() && line[i] == '.') ++i;
  if (i >= line.size() || (line[i] | 0x20) != 'm') return false;
  ++i;
  if (i < line.size() && line[i] == '.') ++i;
  // An optional time zone: `EDT`, `ET`, `GMT`.
  if (i < line.size() && line[i] == ' ') {
    ++i;
    size_t letters = 0;
    while (i < line.size() && line[i] >= 'A' && line[i] <= 'Z') ++i, ++letters;
    if (letters < 2 || letters > 4) return false;
  }
  return i == line.size();
}

MarkupResult parse_plain(std::string_view text) {
  MarkupResult result;
  if (text.size() >= UINT32_MAX) return result;  // ranges are 32-bit; see parse_markdown
  const char* data = text.data();
  const size_t size = text.size();

  // [para_start, para_end) spans the trimmed non-blank lines seen since the last blank line (or since
  // the blank line before the paragraph this one continues).
  bool in_paragraph = false;
  size_t para_start = 0;
  size_t para_end = 0;
  size_t lines = 0;            // non-blank lines since the last blank line
  size_t last_line_start = 0;  // where the latest non-blank line starts (trimmed)
  bool first_line = true;
  // Whether the paragraph seen so far runs on across the blank line after it.
  auto runs_on = [&] {
    if (!in_paragraph) return false;
    if (data[para_end - 1] == ':') return true;
    return lines == 1 && is_time_of_day(text.substr(last_line_start, para_end - last_line_start));
  };
  auto flush = [&] {
    if (in_paragraph) {
      Block& block = result.blocks.emplace_back();
      block.range = {static_cast<uint32_t>(para_start), static_cast<uint32_t>(para_end)};
    }
    in_paragraph = false;
  };

  size_t line = 0;
  while (line < size) {
    const void* nl = std::memchr(data + line, '\n', size - line);
    const size_t line_end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data) : size;
    const size_t next = nl ? line_end + 1 : size;

    size_t first = line;
    while (first < line_end && is_space(data[first])) ++first;
    if (first == line_end) {  // blank, including "\r" alone and whitespace-only lines
      if (lines > 0 && !runs_on()) flush();
      lines = 0;
      line = next;
      continue;
    }
    size_t last = line_end;
    while (last > first && is_space(data[last - 1])) --last;

    if (first_line) {
      first_line = false;
      // A headline needs the line break after it; a one-line document without one is a sentence.
      if (nl != nullptr && looks_like_headline(text.substr(first, last - first))) {
        Block& block = result.blocks.emplace_back();
        block.kind = BlockKind::kHeading;
        block.range = {static_cast<uint32_t>(first), static_cast<uint32_t>(last)};
        block.heading_level = 1;
        line = next;
        continue;
      }
    }
    if (!in_paragraph) {
      in_paragraph = true;
      para_start = first;
    }
    para_end = last;
    last_line_start = first;
    ++lines;
    line = next;
  }
  flush();
  mark_line_labels(text, result);
  return result;
}

}  // namespace evidential::core
