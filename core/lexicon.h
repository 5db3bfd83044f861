// Word lists as data (grammar/lexicon/*.tsv): hedge cues, boosters, weasel phrases, reporting verbs.
// Phrases match whole tokens, case-insensitively; the checks add context on top.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/text_map.h"

namespace evidential::core {

struct LexiconEntry {
  std::vector<std::string> words;  ///< normalised (lower case, straight apostrophes)
  std::string category;            ///< e.g. "modal", "adverb", "approximator"; list-specific
  std::string flags;               ///< free-form, comma-separated markers that context rules read
  bool has_flag(std::string_view flag) const;
};

/// One named list of phrases with an index by first word.
class PhraseList {
 public:
  void add(LexiconEntry entry);
  /// Removes every entry whose phrase equals `phrase` (normalised); returns how many.
  size_t remove(std::string_view phrase);
  const std::vector<LexiconEntry>& entries() const { return entries_; }

  /// The longest entry matching words[i...], or nullptr. `words` are normalised token texts.
  const LexiconEntry* longest_match(const std::vector<std::string_view>& words, size_t i) const;

 private:
  void reindex();
  std::vector<LexiconEntry> entries_;
  // Looked up by string_view (no key string built per token), flat, with an inline FNV-1a hash.
  TextMap<std::vector<size_t>> by_first_word_;
};

/// All lists by name ("hedges", "boosters", "weasels", "reporting_verbs", ...).
class Lexicon {
 public:
  /// Parses one list file: lines of `phrase<TAB>category[<TAB>flags]`; `#` starts a comment line.
  /// Malformed lines are skipped (the data is ours and tested; user additions go through add()).
  void load_tsv(std::string_view list, std::string_view tsv);
  void add(std::string_view list, std::string_view phrase, std::string_view category = "",
           std::string_view flags = "");
  size_t remove(std::string_view list, std::string_view phrase);

  const PhraseList& list(std::string_view name) const;
  std::vector<std::string> list_names() const;

  /// The built-in lexicon compiled from grammar/lexicon/.
  static const Lexicon& builtin();

 private:
  std::map<std::string, PhraseList, std::less<>> lists_;
};

/// Lower-cases ASCII letters and maps curly apostrophes to "'", as lexicon phrases are stored.
std::string normalise_word(std::string_view word);

/// normalise_word() written to `out`, which has room for word.size() bytes (the normalised word is
/// never longer); returns its length. For callers that keep many words in one buffer.
size_t normalise_word_to(std::string_view word, char* out);

/// Whether a word starts with a capital letter (ASCII, or Latin-1 capitals such as "É").
bool starts_upper(std::string_view word);

/// Splits a phrase into normalised words on spaces.
std::vector<std::string> split_phrase(std::string_view phrase);

}  // namespace evidential::core
