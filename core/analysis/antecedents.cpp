// Who "he" or "she" is, for an attribution whose source is that pronoun: the one person quoted or
// reported earlier in the paragraph. Deliberately cautious: with two candidates it says nothing, as
// a wrong name on a quotation is worse than none.
#include <algorithm>
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

namespace {

/// The colon layout's attribution that opens `block` ("BERG: ..."), or nullptr.
const Attribution* opening_speaker(const Document& doc, const std::vector<Attribution>& attributions,
                                   uint32_t block) {
  const Block& b = doc.blocks()[block];
  // Attributions are in sentence order; the block's earliest cue is the only candidate.
  const auto& sentences = doc.sentences();
  const uint32_t first_sentence = static_cast<uint32_t>(
      std::lower_bound(sentences.begin(), sentences.end(), block,
                       [](const Sentence& s, uint32_t at) { return s.block < at; }) -
      sentences.begin());
  auto it = std::lower_bound(attributions.begin(), attributions.end(), first_sentence,
                             [](const Attribution& a, uint32_t at) { return a.sentence < at; });
  const Attribution* earliest = nullptr;
  for (; it != attributions.end() && it->sentence < sentences.size() && sentences[it->sentence].block == block;
       ++it) {
    if (earliest == nullptr || it->cue.start < earliest->cue.start) earliest = &*it;
  }
  if (earliest == nullptr) return nullptr;
  const Attribution& a = *earliest;
  if (a.source.empty() || a.source.start < b.range.start || doc.slice(a.cue) != ":") return nullptr;
  // Only markup may come before the speaker: "**BERG:**".
  const auto& tokens = doc.tokens();
  auto t = std::lower_bound(tokens.begin(), tokens.end(), b.range.start,
                            [](const Token& tok, uint32_t at) { return tok.range.start < at; });
  for (; t != tokens.end() && t->range.start < a.source.start; ++t) {
    if (t->kind != TokenKind::kMarkup) return nullptr;
  }
  // A speaker is a name: every word capitalised ("BERG", "Chris Matthews"), unlike a glossary's
  // term ("Chemical peel: a treatment ...").
  for (; t != tokens.end() && t->range.start < a.source.end; ++t) {
    if (t->kind != TokenKind::kWord) continue;
    const std::string_view w = doc.slice(t->range);
    if (w.empty() || !(w.front() >= 'A' && w.front() <= 'Z')) return nullptr;
  }
  return &a;
}

}  // namespace

std::span<const Attribution> attributions_of_sentence(const std::vector<Attribution>& attributions,
                                                      uint32_t sentence) {
  auto first = std::partition_point(attributions.begin(), attributions.end(),
                                    [&](const Attribution& x) { return x.sentence < sentence; });
  auto last = std::partition_point(first, attributions.end(),
                                   [&](const Attribution& x) { return x.sentence == sentence; });
  return {first, last};
}

bool someone_reports(const std::vector<Attribution>& attributions, uint32_t sentence) {
  for (const Attribution& a : attributions_of_sentence(attributions, sentence)) {
    if (!a.writer_source && !a.writer_inference && !a.inferred) return true;
  }
  return false;
}

Range transcript_speaker(const Document& doc, const std::vector<Attribution>& attributions, uint32_t block) {
  if (block >= doc.blocks().size()) return {};
  // The whole text says it is a transcript or an interview (Block::spoken): the label alone is enough,
  // however short the line ("SANDOVAL: Maybe." has no colon attribution).
  const Block& b = doc.blocks()[block];
  if (b.spoken) {
    const size_t colon = doc.slice(b.range).find(':');
    if (colon != std::string_view::npos) return {b.range.start, b.range.start + static_cast<uint32_t>(colon) + 1};
  }
  const Attribution* a = opening_speaker(doc, attributions, block);
  return a ? Range{a->source.start, a->cue.end} : Range{};
}

void resolve_transcript_speakers(const Document& doc, std::vector<Attribution>& attributions) {
  const auto& sentences = doc.sentences();
  for (Attribution& a : attributions) {
    if (!a.writer_source || a.sentence >= sentences.size()) continue;
    const Attribution* speaker = opening_speaker(doc, attributions, sentences[a.sentence].block);
    if (speaker == nullptr || speaker == &a || a.cue.start < speaker->cue.end) continue;
    a.writer_source = false;
    a.antecedent = speaker->source;
    a.kind = speaker->kind;
    a.entry = speaker->entry;
    a.caution = speaker->caution;
  }
}

}  // namespace evidential::core
