// First cut of cue finding: whole-word lexicon matches per sentence, longest first.
#include "core/analysis/cues.h"

namespace evidential::core {

std::vector<Cue> find_cues(const Document& doc, const Lexicon& lexicon) {
  std::vector<Cue> cues;
  const PhraseList& hedges = lexicon.list("hedges");
  std::vector<std::string> norm;
  std::vector<std::string_view> words;
  std::vector<uint32_t> index;
  for (uint32_t s = 0; s < doc.sentences().size(); ++s) {
    const Sentence& sentence = doc.sentences()[s];
    norm.clear();
    index.clear();
    for (uint32_t t = sentence.token_begin; t < sentence.token_end; ++t) {
      const Token& tok = doc.tokens()[t];
      if (tok.kind != TokenKind::kWord) continue;
      norm.push_back(normalise_word(doc.slice(tok.range)));
      index.push_back(t);
    }
    words.assign(norm.begin(), norm.end());
    for (size_t i = 0; i < words.size();) {
      const LexiconEntry* e = hedges.longest_match(words, i);
      if (e == nullptr) {
        ++i;
        continue;
      }
      Cue c;
      c.kind = CueKind::kHedge;
      c.sentence = s;
      c.token_begin = index[i];
      c.token_end = index[i + e->words.size() - 1] + 1;
      c.range = {doc.tokens()[c.token_begin].range.start, doc.tokens()[c.token_end - 1].range.end};
      c.category = e->category;
      cues.push_back(c);
      i += e->words.size();
    }
  }
  return cues;
}

}  // namespace evidential::core
