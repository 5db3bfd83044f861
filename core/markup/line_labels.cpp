// Which "Name: ..." lines name a speaker. A transcript repeats its speakers at the start of their lines
// ("MATTHEWS: ...", "Lopez: ..."); a dateline ("Mosul: Six people were ...") or a term being defined
// opens one line and is not heard from again. A fact of the whole text, recorded per block
// (Block::no_speaker_labels, Block::spoken) so that a paragraph analysed on its own still knows it.
#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/markup/markup.h"

namespace evidential::core {
namespace {

// More than this many words before the colon is a sentence, not a name.
constexpr int kMaxLabelWords = 4;

constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

/// "Name:" at `at` (the start of a line or block): after indentation, block-quote markers, emphasis and
/// an opening quotation mark, one to four words that each start with a capital, then a colon (emphasis
/// may close around it: "**Lopez:**", "**Lopez**:") and a space or the line's end. Returns the last
/// word lower-cased, the name's key: "matthews" for "Chris Matthews:" and "Matthews:".
std::optional<std::string> line_label(std::string_view text, size_t at) {
  size_t i = at;
  const size_t n = text.size();
  for (;;) {
    if (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '>' || text[i] == '*' || text[i] == '_' ||
                  text[i] == '"')) {
      ++i;
    } else if (text.compare(i, 3, "\xE2\x80\x9C") == 0) {  // “
      i += 3;
    } else {
      break;
    }
  }
  size_t last_word = i;
  int words = 0;
  for (;;) {
    if (i >= n || !is_upper(text[i])) return std::nullopt;
    last_word = i;
    ++words;
    // Letters, and the dots, apostrophes and hyphens of "Mr.", "O'Neil", "Seitz-Wald"; bytes of UTF-8
    // sequences are letters ("José", "O’Neil").
    while (i < n && (is_upper(text[i]) || is_lower(text[i]) || text[i] == '.' || text[i] == '\'' ||
                     text[i] == '-' || static_cast<unsigned char>(text[i]) >= 0x80)) {
      ++i;
    }
    if (i < n && text[i] == ' ' && words < kMaxLabelWords) {
      ++i;
      continue;
    }
    break;
  }
  size_t end = i;
  while (i < n && (text[i] == '*' || text[i] == '_')) ++i;
  if (i >= n || text[i] != ':') return std::nullopt;
  ++i;
  while (i < n && (text[i] == '*' || text[i] == '_')) ++i;
  if (i < n && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r') return std::nullopt;
  while (end > last_word && text[end - 1] == '.') --end;
  std::string key(text.substr(last_word, end - last_word));
  for (char& c : key) {
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

/// Labels that recur in texts that are no transcript: notes, updates, captions, a Q&A's "Q:" and "A:", the
/// sections of a structured abstract ("METHODS:", "CONCLUSION:") in a text that holds several, a
/// changelog's "BREAKING CHANGE:".
bool is_recurring_layout_label(std::string_view key) {
  static constexpr std::array<std::string_view, 56> kLabels = {
      "note", "notes", "update", "updated", "photo", "source", "edit", "q", "a", "step", "example", "warning",
      "tip", "correction", "background", "method", "methods", "result", "results", "conclusion", "conclusions",
      "purpose", "objective", "objectives", "aim", "aims", "design", "setting", "participants", "patients",
      "interventions", "measurements", "measures", "findings", "introduction", "discussion", "summary", "context",
      "materials", "limitations", "importance", "abstract", "keywords", "question", "change", "changes", "fix",
      "fixes", "feature", "features", "deprecated", "deprecation", "security", "todo", "fixme", "important"};
  for (std::string_view l : kLabels) {
    if (key == l) return true;
  }
  return false;
}

/// Whether the label of the line at `at` is written in capitals, as a transcript writes its speakers
/// ("VANCE:", "MS. LINDQVIST:"); a field of a form or a list is not ("What:", "Status:").
bool label_in_capitals(std::string_view text, size_t at) {
  const size_t colon = text.find(':', at);
  if (colon == std::string_view::npos) return false;
  int upper = 0;
  for (size_t i = at; i < colon; ++i) {
    if (is_lower(text[i])) return false;
    upper += is_upper(text[i]);
  }
  return upper >= 2;
}

/// Whether the line at `at`, after its label's colon, says something in words: a speaker's line does
/// ("VANCE: The levy raised ...", "SANDOVAL: Maybe."), a tally's does not ("Clinton: 1,769.").
bool speaks_after_label(std::string_view text, size_t at) {
  const size_t colon = text.find(':', at);
  if (colon == std::string_view::npos) return false;
  for (size_t i = colon + 1; i < text.size() && text[i] != '\n'; ++i) {
    if (is_upper(text[i]) || is_lower(text[i]) || static_cast<unsigned char>(text[i]) >= 0x80) return true;
  }
  return false;
}

}  // namespace

void mark_line_labels(std::string_view text, MarkupResult& result) {
  // A transcript: some name opens two or more lines.
  // An interview printed as questions and answers: some line opens with "Q:".
  std::unordered_map<std::string, int> seen;
  bool transcript = false;
  bool asked = false;
  for (size_t line = 0; line < text.size() && !(transcript && asked);) {
    const void* nl = std::memchr(text.data() + line, '\n', text.size() - line);
    const size_t next = nl ? static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1 : text.size();
    if (auto label = line_label(text.substr(0, next), line); label && !label->empty()) {
      if (*label == "q") asked = true;
      if (!is_recurring_layout_label(*label) && ++seen[*label] >= 2) transcript = true;
    }
    line = next;
  }
  for (size_t b = 0; b < result.blocks.size(); ++b) {
    Block& block = result.blocks[b];
    // The first block and headings are where a headline names its speaker ("Graham: Trump's rhetoric ...").
    block.no_speaker_labels = !transcript && b > 0 && block.kind != BlockKind::kHeading;
    block.spoken = false;
    // Software documentation has fields and notes, not speakers ("Status: stable", "BREAKING CHANGE:").
    if (block.kind == BlockKind::kHeading || (!transcript && !asked) || result.documents_software) continue;
    const size_t end = std::min<size_t>(block.range.end, text.size());
    if (auto label = line_label(text.substr(0, end), block.range.start); label && !label->empty()) {
      const std::string_view line = text.substr(0, end);
      block.spoken = (*label == "a" ? asked
                                    : transcript && !is_recurring_layout_label(*label) &&
                                          label_in_capitals(line, block.range.start)) &&
                     speaks_after_label(line, block.range.start);
    }
  }
}

}  // namespace evidential::core
