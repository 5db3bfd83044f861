// The source-reliability registry (grammar/sources/registry.json): who an attribution names and how far
// that kind of source can be trusted. Loaded at the edges (config/), queried by the analysis.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace evidential::core {

struct SourceEntry {
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::string> domains;
  std::string kind;         ///< registry kind: "state_media", "wire_service", "partisan", ...
  std::string country;      ///< ISO 3166-1 alpha-2, or "INT"
  std::string reliability;  ///< "high", "medium", "low", "mixed"
  std::string note;
};

class SourceRegistry {
 public:
  SourceRegistry() = default;
  explicit SourceRegistry(std::vector<SourceEntry> entries);

  const std::vector<SourceEntry>& entries() const { return entries_; }

  /// The entry one of whose aliases equals `name`, or nullptr. Matching ignores case except that a word
  /// the alias capitalises must be capitalised in `name` too ("The Sun" is not "the sun"); a leading
  /// "the" in `name` may be dropped ("the Associated Press" finds "Associated Press").
  const SourceEntry* find_alias(std::string_view name) const;

  /// The longest alias that occurs in `text` as whole words, with its position; nullptr when none.
  const SourceEntry* find_in(std::string_view text, size_t* pos = nullptr, size_t* len = nullptr) const;

  /// The entry for a URL's host (www. and subdomains stripped down to a registered domain), or nullptr.
  const SourceEntry* find_domain(std::string_view url) const;

  /// Longest alias length in words: bounds how far find_in looks.
  size_t max_alias_words() const { return max_alias_words_; }

 private:
  std::vector<SourceEntry> entries_;
  struct AliasRef {
    size_t entry;
    std::string spelling;  // the alias as written, for the capitalisation test
  };
  const SourceEntry* match(std::string_view name) const;
  std::unordered_map<std::string, AliasRef> by_alias_;  // normalised alias -> entry
  std::unordered_map<std::string, size_t> by_domain_;  // lower-case domain -> entry
  size_t max_alias_words_ = 0;
};

/// Lower-cases ASCII letters, folds curly apostrophes to "'" and runs of white space to one space, for
/// matching names.
std::string normalise_name(std::string_view text);

}  // namespace evidential::core
