// Plain text -> prose blocks: paragraphs are runs of non-blank lines, and a short unpunctuated first line
// is a headline. Two kinds of paragraph run on into the next one, because their sentence does: one that
// ends with a colon (`He said:` above the quoted paragraph) and a lone time of day (`6:05 p.m.` heading an
// entry of a live report, a dateline like `WASHINGTON (AP) —`). One forward scan with memchr, no copies;
// any bytes (NUL, invalid UTF-8) are just bytes.
#include <algorithm>
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
  // A headline may ask ("Who owns the harbour?"); a full stop or an exclamation ends a sentence.
  if (end == 0 || (is_terminal(line[end - 1]) && line[end - 1] != '?')) return false;

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

// Lower-case ASCII letters, digits and the punctuation of file and option names.
constexpr bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '_' || c == '-' ||
         c == '+';
}

}  // namespace

bool is_plain_software_documentation(std::string_view text) {
  // Names a program's reader types or looks up: an absolute path of two parts or more ("/etc/groff",
  // "/usr/src/googletest"), a long option ("--force-process-config"), a file with an extension of
  // code or configuration ("nsswitch.conf", "CMakeLists.txt"). A news story or an essay names none.
  static constexpr std::string_view kExtensions[] = {".conf", ".cfg", ".ini", ".h", ".c", ".cc", ".cpp", ".py",
                                                     ".sh", ".json", ".yaml", ".yml", ".xml", ".so", ".deb",
                                                     ".el", ".toml", ".js", ".rs", ".go", ".java", ".mk"};
  int signals = 0;
  const size_t n = text.size();
  for (size_t i = 0; i < n && signals < 3; ++i) {
    const bool boundary = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n' ||
                          text[i - 1] == '(' || text[i - 1] == '"' || text[i - 1] == '`' || text[i - 1] == '\'';
    if (!boundary) continue;
    size_t e = i;
    if (text[i] == '/') {
      size_t parts = 0;
      while (e < n && text[e] == '/' && e + 1 < n && is_name_char(text[e + 1])) {
        ++parts;
        ++e;
        while (e < n && is_name_char(text[e])) ++e;
      }
      if (parts >= 2) ++signals;
    } else if (text[i] == '-' && i + 2 < n && text[i + 1] == '-' && text[i + 2] >= 'a' && text[i + 2] <= 'z') {
      // "--dry-run", "--prefix=/usr"; a transcript's "--and then" is a dash, so one word is not enough.
      e = i + 2;
      while (e < n && is_name_char(text[e])) ++e;
      const std::string_view option = text.substr(i + 2, e - i - 2);
      if (option.find('-') != std::string_view::npos || (e < n && text[e] == '=')) ++signals;
    } else if (is_name_char(text[i])) {
      while (e < n && is_name_char(text[e])) ++e;
      std::string_view word = text.substr(i, e - i);
      while (!word.empty() && word.back() == '.') word.remove_suffix(1);  // a sentence's full stop
      for (std::string_view ext : kExtensions) {
        if (word.size() > ext.size() + 1 && word.ends_with(ext)) {
          ++signals;
          break;
        }
      }
    }
    if (e > i) i = e - 1;
  }
  if (signals == 0) return false;
  if (signals >= 3) return true;
  // A README's sections are underlined ("Abstract" over "--------"): counted with the names above, but
  // never enough alone (an essay may underline its headings too).
  int underlines = 0;
  for (size_t line = 0; line < n && signals + underlines < 3;) {
    const size_t end = std::min(text.find('\n', line), n);
    std::string_view l = text.substr(line, end - line);
    while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    if (l.size() >= 3 && l.find_first_not_of(l.front() == '=' ? '=' : '-') == std::string_view::npos &&
        line > 1 && text[line - 2] != '\n') {
      ++underlines;
    }
    line = end + 1;
  }
  return signals + underlines >= 3;
}

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
  result.documents_software = is_plain_software_documentation(text);
  mark_line_labels(text, result);  // reads documents_software
  result.states_rules = states_rules(text.substr(0, std::min(text.find('\n'), text.size())));
  return result;
}

}  // namespace evidential::core
