// Who "he" or "she" is, for an attribution whose source is that pronoun: the one person quoted or
// reported earlier in the paragraph. Deliberately cautious: with two candidates it says nothing, as
// a wrong name on a quotation is worse than none.
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/attributions.h"
#include "core/lexicon.h"

namespace evidential::core {
namespace {

bool is_he_or_she(std::string_view word) {
  const std::string w = normalise_word(word);
  return w == "he" || w == "she";
}

/// Nouns that make an official-statement or partisan source a person: "a spokeswoman for the port",
/// "a rebel commander".
bool names_a_person(std::string_view source) {
  const std::string s = normalise_word(source);
  for (std::string_view noun : {"spokes", "official", "minister", "secretary", "commander", "leader",
                                "president", "director", "chief", "chairman", "chairwoman", "adviser",
                                "advisor", "ambassador", "governor", "mayor", "senator"}) {
    if (s.find(noun) != std::string::npos) return true;
  }
  return false;
}

/// The last capitalised word of a source, lower-cased: "the mayor, Ilse Varga" -> "varga". Two names
/// with the same last name are taken for one person; a source with no capital has none.
std::string surname(std::string_view source) {
  std::string last;
  size_t i = 0;
  while (i < source.size()) {
    while (i < source.size() && !(source[i] >= 'A' && source[i] <= 'Z')) ++i;
    size_t b = i;
    while (i < source.size() && source[i] != ' ' && source[i] != ',' && source[i] != '(' && source[i] != ')') ++i;
    if (i > b) last = normalise_word(source.substr(b, i - b));
  }
  return last;
}

}  // namespace

void resolve_person_pronouns(const Document& doc, std::vector<Attribution>& attributions) {
  const auto& sentences = doc.sentences();
  size_t block_first = 0;
  for (size_t k = 0; k < attributions.size(); ++k) {
    Attribution& a = attributions[k];
    if (a.sentence >= sentences.size()) continue;
    const uint32_t block = sentences[a.sentence].block;
    while (block_first < k && (attributions[block_first].sentence >= sentences.size() ||
                               sentences[attributions[block_first].sentence].block != block)) {
      ++block_first;
    }
    if (a.source.empty() || !is_he_or_she(doc.slice(a.source))) continue;
    const Attribution* found = nullptr;
    std::string found_name;
    bool ambiguous = false;
    for (size_t j = block_first; j < k && !ambiguous; ++j) {
      const Attribution& c = attributions[j];
      if (c.inferred || c.source.empty() || is_he_or_she(doc.slice(c.source))) continue;
      const std::string_view text = doc.slice(c.source);
      const bool person = c.kind == SourceKind::kNamedPerson ||
                          ((c.kind == SourceKind::kOfficialStatement || c.kind == SourceKind::kPartisan) &&
                           names_a_person(text));
      if (!person) continue;
      std::string name = surname(text);
      if (found != nullptr && (name.empty() || name != found_name) &&
          normalise_word(doc.slice(found->source)) != normalise_word(text)) {
        ambiguous = true;
        break;
      }
      // The latest mention of the one person: "Varga" after "the mayor, Ilse Varga" keeps the fuller
      // name, which tells the reader more.
      if (found == nullptr || text.size() > doc.slice(found->source).size()) found = &c;
      if (found_name.empty()) found_name = name;
    }
    if (found == nullptr || ambiguous) continue;
    a.antecedent = found->source;
    a.kind = found->kind;
    if (a.entry == nullptr) a.entry = found->entry;
    if (a.caution.empty()) a.caution = found->caution;
  }
}

}  // namespace evidential::core
