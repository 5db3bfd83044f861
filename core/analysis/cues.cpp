// Finds hedge, booster, weasel, peacock and vague-quantity cues in context. A word costs one hash look-up (everything
// the lists say about it); the rules then read a few neighbouring tokens, so the pass is linear in the
// text. Vocabulary and context words are data:
// grammar/lexicon/{hedges,boosters,weasels,peacock,vague_quantities,cue_context}.tsv. On the ambiguous hedge words it
// lists, a learned disambiguator (grammar/lexicon/hedge_model.tsv) may drop a hedge the rules accepted:
// five hash probes per such hedge, nothing for any other word.
#include "core/analysis/cues.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "core/analysis/software.h"
#include "core/analysis/text_map.h"
#include "core/analysis/weights.h"
#include "core/embedded.h"

namespace evidential::core {
namespace {

/// The hedge-cue disambiguator's weights (tools/hedge_model/train.py), parsed once per process.
const WeightTable& hedge_model() {
  // Never destroyed (Google style for statics): the weights live as long as the process.
  static const WeightTable* model = new WeightTable(embedded_file("lexicon/hedge_model.tsv"));
  return *model;
}

// ---- context classes: the `category` column of cue_context.tsv ----

enum Ctx : uint64_t {
  kArticle = 1ull << 0,
  kIndefinite = 1ull << 1,
  kSubjectPronoun = 1ull << 2,
  kObjectPronoun = 1ull << 3,
  kBe = 1ull << 4,
  kHave = 1ull << 5,
  kPreposition = 1ull << 6,
  kNegation = 1ull << 7,
  kAdverb = 1ull << 8,
  kAuxiliary = 1ull << 9,
  kClauseBreak = 1ull << 10,
  kClauseStart = 1ull << 11,
  kNumberWord = 1ull << 12,
  kDynamicAfter = 1ull << 13,
  kComplementizer = 1ull << 14,
  kModalNotBefore = 1ull << 15,
  kMonthBefore = 1ull << 16,
  kMonthAfter = 1ull << 17,
  kNounBefore = 1ull << 18,
  kNounAfter = 1ull << 19,
  kAbilityVerb = 1ull << 20,
  kAbilityPassive = 1ull << 21,
  kPermissionSubject = 1ull << 22,
  kPermissionPassive = 1ull << 23,
  kLinkingComplement = 1ull << 24,
  kEvidenceSubject = 1ull << 25,
  kNameNoun = 1ull << 26,
  kDiscussionVerb = 1ull << 27,
  kStatisticBefore = 1ull << 28,
  kStatisticAfter = 1ull << 29,
  kBeliefParticle = 1ull << 30,
  kBeliefComplement = 1ull << 31,
  kClauseOpener = 1ull << 32,
  kTakeOnObject = 1ull << 33,
  kForecastObject = 1ull << 34,
  kPossibleNotAfter = 1ull << 35,
  kEnablingVerb = 1ull << 36,
  kEvidentAfter = 1ull << 37,
  kEvidentBefore = 1ull << 38,
  kQuantityWord = 1ull << 39,
  kPredicateAdjective = 1ull << 40,
  kEvenNotBefore = 1ull << 41,
  kEvenNotAfter = 1ull << 42,
  kMannerComplement = 1ull << 43,
  kAbilityBefore = 1ull << 44,
  kPastAuxiliary = 1ull << 45,
  kNounMarker = 1ull << 46,
  kExplanationNoun = 1ull << 47,
  kDeterminer = 1ull << 48,
  kPollTerm = 1ull << 49,
  kMandative = 1ull << 50,
  kParticle = 1ull << 51,
  kIntensifier = 1ull << 52,
  kQuestionNotAfter = 1ull << 53,
  kDemonstrative = 1ull << 54,
};

constexpr std::pair<std::string_view, uint64_t> kCtxNames[] = {
    {"article", kArticle},
    {"indefinite", kIndefinite},
    {"subject-pronoun", kSubjectPronoun},
    {"object-pronoun", kObjectPronoun},
    {"be", kBe},
    {"have", kHave},
    {"preposition", kPreposition},
    {"negation", kNegation},
    {"adverb", kAdverb},
    {"auxiliary", kAuxiliary},
    {"clause-break", kClauseBreak},
    {"clause-start", kClauseStart},
    {"number-word", kNumberWord},
    {"dynamic-after", kDynamicAfter},
    {"complementizer", kComplementizer},
    {"modal-not-before", kModalNotBefore},
    {"month-before", kMonthBefore},
    {"month-after", kMonthAfter},
    {"noun-before", kNounBefore},
    {"noun-after", kNounAfter},
    {"ability-verb", kAbilityVerb},
    {"ability-passive", kAbilityPassive},
    {"ability-before", kAbilityBefore},
    {"permission-subject", kPermissionSubject},
    {"permission-passive", kPermissionPassive},
    {"linking-complement", kLinkingComplement},
    {"evidence-subject", kEvidenceSubject},
    {"name-noun", kNameNoun},
    {"discussion-verb", kDiscussionVerb},
    {"statistic-before", kStatisticBefore},
    {"statistic-after", kStatisticAfter},
    {"belief-particle", kBeliefParticle},
    {"belief-complement", kBeliefComplement},
    {"clause-opener", kClauseOpener},
    {"take-on-object", kTakeOnObject},
    {"forecast-object", kForecastObject},
    {"possible-not-after", kPossibleNotAfter},
    {"enabling-verb", kEnablingVerb},
    {"evident-after", kEvidentAfter},
    {"evident-before", kEvidentBefore},
    {"quantity-word", kQuantityWord},
    {"predicate-adjective", kPredicateAdjective},
    {"even-not-before", kEvenNotBefore},
    {"even-not-after", kEvenNotAfter},
    {"manner-complement", kMannerComplement},
    {"past-auxiliary", kPastAuxiliary},
    {"noun-marker", kNounMarker},
    {"explanation-noun", kExplanationNoun},
    {"determiner", kDeterminer},
    {"poll-term", kPollTerm},
    {"question-not-after", kQuestionNotAfter},
    {"mandative", kMandative},
    {"particle", kParticle},
    {"intensifier", kIntensifier},
    {"demonstrative", kDemonstrative},
};

// ---- entry flags: the `flags` column of hedges.tsv, boosters.tsv, weasels.tsv and peacock.tsv ----

enum Flag : uint64_t {
  kMonth = 1ull << 0,
  kNoun = 1ull << 1,
  kModal = 1ull << 2,
  kPermission = 1ull << 3,
  kAbility = 1ull << 4,
  kComplement = 1ull << 5,
  kProposal = 1ull << 6,
  kClause = 1ull << 7,
  kBelief = 1ull << 8,
  kParticiple = 1ull << 9,
  kTakeOn = 1ull << 10,
  kPassiveOrComplement = 1ull << 11,
  kThatClause = 1ull << 12,
  kForecast = 1ull << 13,
  kAttributive = 1ull << 14,
  kEvident = 1ull << 15,
  kDynamic = 1ull << 16,
  kNumber = 1ull << 17,
  kTopic = 1ull << 18,
  kStatistic = 1ull << 19,
  kRedundant = 1ull << 20,
  kFocus = 1ull << 21,
  kManner = 1ull << 22,
  kQuantified = 1ull << 23,
  kSingular = 1ull << 24,
  kConsensus = 1ull << 25,
  kPredicate = 1ull << 26,
  kPronoun = 1ull << 27,
  kCited = 1ull << 28,
  kExplanatory = 1ull << 29,
  kPoll = 1ull << 30,
  kDeontic = 1ull << 31,
  kPerfect = 1ull << 32,
  kReason = 1ull << 33,
  kNaming = 1ull << 34,
  kObjectAs = 1ull << 35,
  kAnaphoric = 1ull << 36,
  kRate = 1ull << 37,
  kPlace = 1ull << 38,
  kRanked = 1ull << 39,
  kTechnical = 1ull << 40,
  kPlural = 1ull << 41,
};

constexpr std::pair<std::string_view, uint64_t> kFlagNames[] = {
    {"month", kMonth},
    {"noun", kNoun},
    {"modal", kModal},
    {"permission", kPermission},
    {"ability", kAbility},
    {"complement", kComplement},
    {"proposal", kProposal},
    {"clause", kClause},
    {"belief", kBelief},
    {"participle", kParticiple},
    {"take-on", kTakeOn},
    {"passive-or-complement", kPassiveOrComplement},
    {"that-clause", kThatClause},
    {"forecast", kForecast},
    {"attributive", kAttributive},
    {"evident", kEvident},
    {"dynamic", kDynamic},
    {"number", kNumber},
    {"topic", kTopic},
    {"statistic", kStatistic},
    {"redundant", kRedundant},
    {"focus", kFocus},
    {"manner", kManner},
    {"quantified", kQuantified},
    {"singular", kSingular},
    {"consensus", kConsensus},
    {"predicate", kPredicate},
    {"pronoun", kPronoun},
    {"cited", kCited},
    {"explanatory", kExplanatory},
    {"poll", kPoll},
    {"deontic", kDeontic},
    {"perfect", kPerfect},
    {"reason", kReason},
    {"naming", kNaming},
    {"object-as", kObjectAs},
    {"anaphoric", kAnaphoric},
    {"rate", kRate},
    {"place", kPlace},
    {"ranked", kRanked},
    {"technical", kTechnical},
    {"plural", kPlural},
};

uint64_t parse_flags(std::string_view flags) {
  uint64_t out = 0;
  while (!flags.empty()) {
    size_t comma = flags.find(',');
    std::string_view item = flags.substr(0, comma);
    for (const auto& [name, bit] : kFlagNames) {
      if (item == name) out |= bit;
    }
    if (comma == std::string_view::npos) break;
    flags.remove_prefix(comma + 1);
  }
  return out;
}

// ---- weasel word classes: the `category` column of weasels.tsv ----

enum WeaselClass : uint8_t {
  kQuantifierClass,
  kGroupClass,
  kAttitudeClass,
  kEvidenceClass,
  kEvidenceVerbClass,
  kVagueClass,
  kPassiveClass,
  kConsensusClass,
  kWeaselClassCount,
};

constexpr std::pair<std::string_view, WeaselClass> kWeaselClassNames[] = {
    {"quantifier", kQuantifierClass},
    {"group", kGroupClass},
    {"attitude", kAttitudeClass},
    {"evidence", kEvidenceClass},
    {"evidence-verb", kEvidenceVerbClass},
    {"vague", kVagueClass},
    {"passive", kPassiveClass},
    {"consensus", kConsensusClass},
};

struct Candidate {
  const LexiconEntry* entry = nullptr;
  uint64_t flags = 0;
};

/// A multi-word member of a weasel class ("a number of", "point to").
struct ClassPhrase {
  const LexiconEntry* entry = nullptr;
  uint64_t flags = 0;
  WeaselClass cls = kQuantifierClass;
};

/// A single word's weasel classes, with the flags of each.
struct WordClasses {
  uint8_t mask = 0;
  uint8_t starts = 0;  ///< the classes a member of which starts with the word, one word or more
  uint64_t flags[kWeaselClassCount] = {};
};

/// Everything the rules need to know about one word form, found with a single hash look-up.
struct WordInfo {
  uint64_t ctx = 0;               ///< its context classes (cue_context.tsv)
  std::vector<Candidate> hedges;  ///< entries starting with the word, longest first
  std::vector<Candidate> boosters;
  std::vector<Candidate> peacocks;
  std::vector<Candidate> vague;  ///< vague quantities
  std::vector<Candidate> weasel_phrases;
  std::vector<ClassPhrase> weasel_multi;  ///< multi-word class members starting with it
  WordClasses weasel_classes;             ///< its single-word weasel classes
  /// The word as the model spells it, when the model decides its hedges ("<word>|b" is weighted).
  std::string_view model_word;
};

/// The lexicon lists indexed by first word for this pass: one map, so a token costs one look-up. Keys
/// view the lexicon's own strings, so building it copies no text; it lives for one find_cues() call.
class Tables {
 public:
  Tables(const Lexicon& lexicon, const WeightTable* model) : model_(model) {
    for (const LexiconEntry& e : lexicon.list("hedges").entries()) {
      words_[e.words.front()].hedges.push_back({&e, parse_flags(e.flags)});
    }
    for (const LexiconEntry& e : lexicon.list("boosters").entries()) {
      words_[e.words.front()].boosters.push_back({&e, parse_flags(e.flags)});
    }
    for (const LexiconEntry& e : lexicon.list("peacock").entries()) {
      words_[e.words.front()].peacocks.push_back({&e, parse_flags(e.flags)});
    }
    for (const LexiconEntry& e : lexicon.list("vague_quantities").entries()) {
      words_[e.words.front()].vague.push_back({&e, parse_flags(e.flags)});
    }
    for (const LexiconEntry& e : lexicon.list("weasels").entries()) {
      const WeaselClass* cls = weasel_class(e.category);
      uint64_t flags = parse_flags(e.flags);
      WordInfo& info = words_[e.words.front()];
      if (cls == nullptr) {
        info.weasel_phrases.push_back({&e, flags});
      } else if (e.words.size() == 1) {
        info.weasel_classes.mask |= static_cast<uint8_t>(1u << *cls);
        info.weasel_classes.flags[*cls] |= flags;
      } else {
        info.weasel_multi.push_back({&e, flags, *cls});
      }
      if (cls != nullptr) info.weasel_classes.starts |= static_cast<uint8_t>(1u << *cls);
    }
    // The file lists each class in one run of lines, so the class name is looked up once per run.
    std::string_view last_category;
    uint64_t last_bit = 0;
    for (const LexiconEntry& e : lexicon.list("cue_context").entries()) {
      if (e.words.size() != 1) continue;
      if (e.category != last_category) {
        last_category = e.category;
        last_bit = 0;
        for (const auto& [name, bit] : kCtxNames) {
          if (e.category == name) last_bit = bit;
        }
      }
      words_[e.words.front()].ctx |= last_bit;
    }
    auto longest_first = [](const auto& a, const auto& b) {
      return a.entry->words.size() > b.entry->words.size();
    };
    words_.for_each([&](std::string_view word, WordInfo& info) {
      // The model decides only words the hedge list still holds: a user's removal wins.
      if (model_ != nullptr && !info.hedges.empty() &&
          model_->weight(FeatureHash().add(word).add("|b").value()) != 0.0f) {
        info.model_word = word;
      }
      std::stable_sort(info.hedges.begin(), info.hedges.end(), longest_first);
      std::stable_sort(info.boosters.begin(), info.boosters.end(), longest_first);
      std::stable_sort(info.peacocks.begin(), info.peacocks.end(), longest_first);
      std::stable_sort(info.vague.begin(), info.vague.end(), longest_first);
      std::stable_sort(info.weasel_phrases.begin(), info.weasel_phrases.end(), longest_first);
      std::stable_sort(info.weasel_multi.begin(), info.weasel_multi.end(), longest_first);
    });
  }

  /// The word's entry, or nullptr for a word no list mentions (most words).
  const WordInfo* info(std::string_view w) const {
    return words_.find(w);
  }

  /// The disambiguator's weights, or nullptr when it is switched off.
  const WeightTable* model() const { return model_; }

 private:
  static const WeaselClass* weasel_class(std::string_view category) {
    for (const auto& [name, cls] : kWeaselClassNames) {
      if (category == name) return &cls;
    }
    return nullptr;
  }

  TextMap<WordInfo> words_;  // never grows once built, so the WordInfo pointers handed out stay valid
  const WeightTable* model_ = nullptr;
};

/// One token of the sentence being read, with what the rules ask of it precomputed.
struct Word {
  std::string norm;                ///< normalised text of a word; empty for every other token
  const WordInfo* info = nullptr;  ///< what the lexicon knows of the word, if anything
  uint64_t ctx = 0;
  TokenKind kind = TokenKind::kSymbol;
  bool capitalised = false;
  bool comma = false;
  bool in_quotation = false;
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// Suffixes of adjectives ("military", "economic", "naval"): before "might" they make it a noun, after
/// "is considered" a judgement.
bool adjective_like(std::string_view w) {
  static constexpr std::string_view kSuffixes[] = {"ary", "ic",  "al",  "ian", "ese", "ish",  "ern",
                                                   "ful", "ous", "ive", "ent", "ant", "able", "ible"};
  if (w.size() < 5) return false;
  for (std::string_view s : kSuffixes) {
    if (ends_with(w, s)) return true;
  }
  return false;
}

/// Reads one sentence at a time. Indices are positions in `words_` (the sentence's tokens); every
/// accessor is safe for any index, so the rules can look around freely.
class Finder {
 public:
  Finder(const Document& doc, const Tables& tables) : doc_(doc), tables_(tables) {}

  void run(std::vector<Cue>& out) {
    const auto& quotations = doc_.quotations();
    size_t q = 0;
    for (uint32_t s = 0; s < doc_.sentences().size(); ++s) {
      const Sentence& sentence = doc_.sentences()[s];
      load(sentence, quotations, q);
      size_t first = out.size();
      scan(s, sentence.token_begin, out);
      mark_stacks(out, first);
    }
  }

 private:
  // ---- the sentence ----

  void load(const Sentence& sentence, const std::vector<Quotation>& quotations, size_t& q) {
    size_t n = sentence.token_end - sentence.token_begin;
    if (words_.size() < n) words_.resize(n);
    n_ = n;
    cited_ = false;
    past_ = false;
    question_ = false;
    uint32_t terminators = 0, long_words = 0, capitalised = 0, word_count = 0;
    for (size_t i = 0; i < n; ++i) {
      const Token& t = doc_.tokens()[sentence.token_begin + i];
      Word& w = words_[i];
      w.kind = t.kind;
      w.norm.clear();
      w.info = nullptr;
      w.ctx = 0;
      w.capitalised = false;
      w.comma = false;
      std::string_view text = doc_.slice(t.range);
      // Quotations may span sentences; both lists are in text order, so one cursor serves all.
      while (q < quotations.size() && quotations[q].inner.end <= t.range.start) ++q;
      w.in_quotation = q < quotations.size() && quotations[q].inner.contains(t.range);
      switch (t.kind) {
        case TokenKind::kWord:
          // Into the slot's own string, kept between sentences: no string is built per word.
          w.norm.resize(text.size());
          w.norm.resize(normalise_word_to(text, w.norm.data()));
          w.info = tables_.info(w.norm);
          w.ctx = w.info ? w.info->ctx : 0;
          w.capitalised = !text.empty() && text.front() >= 'A' && text.front() <= 'Z';
          if (w.ctx & kPastAuxiliary) past_ = true;
          ++word_count;
          if (text.size() > 3) {
            ++long_words;
            if (w.capitalised) ++capitalised;
          }
          break;
        case TokenKind::kCitation:
          // "[citation needed]" asks for the source the appeal lacks.
          if (!asks_for_source(text)) cited_ = true;
          break;
        case TokenKind::kUrl:
        case TokenKind::kLink:
          cited_ = true;
          break;
        case TokenKind::kTerminator:
          ++terminators;
          question_ = text.find('?') != std::string_view::npos;
          break;
        case TokenKind::kPunctuation:
          w.comma = text == ",";
          break;
        default:
          break;
      }
    }
    // A title-case line without a stop ("Kim Jong Un May Side With Putin"): its capitals carry no
    // information, so a capitalised "May" there is read as the modal.
    headline_ = terminators == 0 && word_count >= 3 && long_words > 0 && capitalised * 4 >= long_words * 3;
  }

  bool in(size_t i) const { return i < n_; }
  bool is_word(size_t i) const { return in(i) && words_[i].kind == TokenKind::kWord; }
  /// The normalised word at i, or "" for anything else (punctuation, numbers, out of range).
  std::string_view w(size_t i) const {
    return is_word(i) ? std::string_view(words_[i].norm) : std::string_view();
  }
  bool has(size_t i, uint64_t ctx) const { return is_word(i) && (words_[i].ctx & ctx) != 0; }
  bool is_number(size_t i) const {
    return in(i) && (words_[i].kind == TokenKind::kNumber || has(i, kNumberWord));
  }
  /// "Russia's", "the agency's" — but not "he's", "it's", which are a pronoun and "is".
  bool possessive(size_t i) const { return ends_with(w(i), "'s") && !has(i, kBe); }
  /// i - k, or an out-of-range index when that would fall before the sentence.
  static size_t back(size_t i, size_t k) { return k > i ? static_cast<size_t>(-1) : i - k; }

  /// The token before i is a code span (`options`, `cb()`): the name of a parameter, value or function.
  bool code_before(size_t i) const { return i > 0 && in(i - 1) && words_[i - 1].kind == TokenKind::kCode; }

  /// The entry's words match the sentence at i.
  bool matches(const LexiconEntry& e, size_t i) const {
    for (size_t k = 0; k < e.words.size(); ++k) {
      if (w(i + k) != e.words[k]) return false;
    }
    return true;
  }

  // ---- the scan ----

  void scan(uint32_t sentence, uint32_t token_base, std::vector<Cue>& out) {
    for (size_t i = 0; i < n_;) {
      if (!is_word(i)) {
        ++i;
        continue;
      }
      // Every cue starts with a word some list mentions (the weasel patterns start with a quantifier,
      // a group, "according", "it" or a form of "be", all listed); most words are in no list.
      const WordInfo* info = words_[i].info;
      if (info == nullptr) {
        ++i;
        continue;
      }
      // Every cue kind proposes its longest acceptable match here; the longest wins, and on a tie a
      // weasel beats a hedge beats a booster beats a peacock term beats a vague quantity ("it is said" is
      // a weasel, not the hedge "said").
      size_t best_end = i;
      CueKind best_kind = CueKind::kHedge;
      const Candidate* best = nullptr;
      std::string_view weasel_category;
      size_t weasel_end = weasel_at(i, &weasel_category);
      if (weasel_end > best_end) {
        best_end = weasel_end;
        best_kind = CueKind::kWeasel;
      }
      // A candidate of `kind` that passed its rule wins when it is longer than the best so far.
      auto propose = [&](const Candidate* c, CueKind kind) {
        if (c != nullptr && i + c->entry->words.size() > best_end) {
          best_end = i + c->entry->words.size();
          best_kind = kind;
          best = c;
        }
      };
      const Candidate* hedge = first_acceptable(&info->hedges, i, &Finder::hedge_ok);
      if (hedge != nullptr && !info->model_word.empty() && !model_keeps(i, *info, *hedge)) hedge = nullptr;
      propose(hedge, CueKind::kHedge);
      propose(first_acceptable(&info->boosters, i, &Finder::booster_ok), CueKind::kBooster);
      propose(first_acceptable(&info->peacocks, i, &Finder::peacock_ok), CueKind::kPeacock);
      propose(first_acceptable(&info->vague, i, &Finder::vague_ok), CueKind::kVagueQuantity);
      if (best_end == i) {
        ++i;
        continue;
      }
      // "one of the most important": the ranking's frame joins the finding, unless a cue holds it.
      size_t start = i;
      if (best_kind == CueKind::kPeacock && best->entry->category == "ranking") {
        start = ranking_frame(i);
        if (start < i && !out.empty() && out.back().sentence == sentence &&
            out.back().token_end > token_base + start) {
          start = i;
        }
      }
      Cue cue;
      cue.kind = best_kind;
      cue.sentence = sentence;
      cue.token_begin = token_base + static_cast<uint32_t>(start);
      cue.token_end = token_base + static_cast<uint32_t>(best_end);
      cue.range = {doc_.tokens()[cue.token_begin].range.start, doc_.tokens()[cue.token_end - 1].range.end};
      cue.category =
          best_kind == CueKind::kWeasel ? weasel_category : std::string_view(best->entry->category);
      cue.in_quotation = words_[i].in_quotation;
      cue.removable = best != nullptr && (best->flags & kRedundant) != 0;
      if (best_kind == CueKind::kPeacock && cue.removable) cue.removable = attributive_slot(i, best_end);
      out.push_back(cue);
      i = best_end;
    }
  }

  using Rule = bool (Finder::*)(size_t, const Candidate&) const;

  /// The longest candidate that matches at i and passes its context rule.
  const Candidate* first_acceptable(const std::vector<Candidate>* candidates, size_t i, Rule rule) const {
    if (candidates == nullptr) return nullptr;
    for (const Candidate& c : *candidates) {
      if (matches(*c.entry, i) && (this->*rule)(i, c)) return &c;
    }
    return nullptr;
  }

  // ---- the learned disambiguator ----

  /// A token as the model's features spell it: the normalised word, or a mark for anything else.
  /// Must match tokenize() in tools/hedge_model/train.py.
  std::string_view model_token(size_t k, bool before) const {
    if (!in(k)) return before ? "<s>" : "</s>";
    switch (words_[k].kind) {
      case TokenKind::kWord:
        return words_[k].norm;
      case TokenKind::kNumber:
        return "<num>";
      case TokenKind::kPunctuation:
        return words_[k].comma ? std::string_view(",") : std::string_view("<p>");
      case TokenKind::kTerminator:
        return "<t>";
      default:
        return "<o>";
    }
  }

  /// The model's review of a hedge the rules accepted on an ambiguous word at i: keep it or drop it. It
  /// never adds one, so every rule that recognises another sense still holds. Features, which
  /// features() in tools/hedge_model/train.py mirrors: the word itself, the length of the rules' entry
  /// (one word or more), the word before, the word after, and the two words after.
  bool model_keeps(size_t i, const WordInfo& info, const Candidate& rule) const {
    const WeightTable& model = *tables_.model();
    const std::string_view v = info.model_word;
    const std::string_view p1 = model_token(back(i, 1), true), n1 = model_token(i + 1, false),
                           n2 = model_token(i + 2, false);
    const std::string_view verdict = rule.entry->words.size() > 1 ? "|r=2" : "|r=1";
    float z = model.weight(FeatureHash(v).add("|b").value());
    z += model.weight(FeatureHash(v).add(verdict).value());
    z += model.weight(FeatureHash(v).add("|p1=").add(p1).value());
    z += model.weight(FeatureHash(v).add("|n1=").add(n1).value());
    z += model.weight(FeatureHash(v).add("|n12=").add(n1).add("_").add(n2).value());
    return z > 0.0f;
  }

  /// Two hedges or more on one claim: hedges (not approximators, not quoted) with at most three
  /// words between them and no punctuation or clause boundary ("could potentially", "may possibly",
  /// "it is possible that the plan may").
  void mark_stacks(std::vector<Cue>& cues, size_t first) const {
    int32_t prev = -1;
    for (size_t k = first; k < cues.size(); ++k) {
      Cue& c = cues[k];
      // An open question ("unclear whether") is what the hedge is about, not a second hedge on it.
      if (c.kind != CueKind::kHedge || c.in_quotation || c.category == "approximator" ||
          c.category == "question") {
        continue;
      }
      if (prev >= 0) {
        const Cue& p = cues[static_cast<size_t>(prev)];
        size_t base = doc_.sentences()[c.sentence].token_begin;
        size_t from = p.token_end - base, to = c.token_begin - base;
        bool joined = to - from <= 3;
        for (size_t g = from; joined && g < to; ++g) joined = is_word(g) && !has(g, kClauseBreak);
        if (joined) {
          Cue& head = cues[static_cast<size_t>(p.stack >= 0 ? p.stack : prev)];
          head.stack = p.stack >= 0 ? p.stack : prev;
          c.stack = head.stack;
        }
      }
      prev = static_cast<int32_t>(k);
    }
  }

  // ---- hedges ----

  bool hedge_ok(size_t i, const Candidate& c) const {
    const size_t end = i + c.entry->words.size();
    const uint64_t f = c.flags;
    const std::string_view prev = w(back(i, 1)), next = w(end);

    // A value, flag or function that selects between cases ("a boolean indicating whether", "`force`
    // controls whether", "returns whether", "regardless of whether") asks no open question.
    if (c.entry->category == "question" && w(i) == "whether") {
      if (code_before(i) || has(back(i, 1), kQuestionNotAfter) ||
          (prev == "of" && has(back(i, 2), kQuestionNotAfter))) {
        return false;
      }
    }
    // Software documentation (a Markdown document that shows code or is a changelog) states what an interface does
    // and allows: "tests whether", "Possible values are", "Options may be nested", "Keys may
    // contain dots". Its "may not", "might" and "could" stay hedges: "may not be present for older
    // packages".
    if (doc_.documents_software()) {
      // "tests whether", "Determine if the engine supports ...": what a function or a flag decides.
      // Not knowing still hedges: "wonder if", "asked if".
      if (c.entry->category == "question" && !w(i).starts_with("wonder") && !w(i).starts_with("ask")) return false;
      // "could also be an `ignore` instance", "This promise could be ignored": what an interface
      // accepts, as "may" says it.
      if (((f & kPermission) && w(i) == "may") || (w(i) == "could" && c.entry->words.size() == 1)) {
        size_t k = end;
        if (w(k) == "also" || w(k) == "optionally") ++k;
        static const TextSet irregular = {"set",  "given", "written", "run",   "put",
                                          "read", "built", "sent",    "found", "shown"};
        const std::string_view verb = w(k + 1);
        if (w(k) == "be" && verb != "called" && (verb.ends_with("ed") || irregular.count(verb))) return false;
        static const TextSet contents = {"include", "contain", "have", "hold", "start", "begin", "end", "continue"};
        const bool program_subject = is_program_part(prev) || code_before(i) || prev == "that" || prev == "which";
        if (w(i) == "may" && contents.count(w(k)) && program_subject) return false;
        // "Numbers may have a leading point", "Keys may contain dots": the forms a value may take,
        // whatever it is called; "may have been", "may have changed" are still a guess about the past.
        if (w(i) == "may" && (w(k) == "include" || w(k) == "contain" || w(k) == "hold")) return false;
        static const TextSet amounts = {"a", "an", "any", "one", "multiple", "several", "up", "at", "no", "zero", "only"};
        if (w(i) == "may" && w(k) == "have" && (amounts.count(verb) || is_number(k + 1))) return false;
        // "This option may be either a string or a URL", "Object keys may be an IdentifierName": the
        // types a value takes.
        if (w(k) == "be" && (verb == "either" || verb == "one") && program_subject) return false;
        if (w(k) == "be" && (verb == "a" || verb == "an" || verb == "any") && prev != "there") return false;
      }
      // "the function expects", "the examples assume": what a program or an example takes for granted.
      static const TextSet assumptions = {"assume", "assumes"};
      if (assumptions.count(w(i)) && (is_program_part(prev) || code_before(i) || prev == "it" || prev == "which" ||
                                      prev == "that")) {
        return false;
      }
      // "Indicates that `Path` objects should be returned", "a flag indicating", "its presence will imply
      // `true`": a value or an input signals; "the service expects", "expect a hostname after it",
      // "validators should not expect to download": what a program takes or a reader may rely on. Only
      // "we expect" and "I expect" are the writer's forecast there. (In the spot check of
      // tools/eval/README.md, 21 of these 21 findings named no doubt of the writer.)
      static const TextSet signals = {"indicate", "indicates", "indicating", "indicated", "imply", "implies",
                                      "implying"};
      if (signals.count(w(i))) return false;
      if (w(i).starts_with("expect") && w(i) != "expected" && prev != "we" && prev != "i") return false;
      // "are expected to follow the Code of Conduct", "`HttpClient`s are expected to make the request":
      // what the interface requires.
      if (c.entry->words.size() == 3 && w(i + 1) == "expected") return false;
      if (w(i) == "expected" && next == "to" &&
          (prev == "is" || prev == "are" || prev == "be" || prev == "was" || prev == "were")) {
        return false;
      }
      // "Possible values are", "possible improvements", "the possible labels": the cases a reader may
      // meet, listed; "it is possible that a match will be added" still hedges.
      if (w(i) == "possible" && next != "that" && next != "to" && next != "for" && is_word(end)) return false;
      // "The whole API is considered public", "It is assumed that you cache": a decision of the
      // maintainers, stated in the passive.
      static const TextSet decided = {"considered", "assumed", "presumed", "regarded", "deemed"};
      if (decided.count(w(i)) && (prev == "is" || prev == "are" || prev == "be" || prev == "was" ||
                                  prev == "were" || prev == "been" || prev == "also" || prev == "now")) {
        return false;
      }
      // "Suggested fix", "stop suggesting `--force`": a proposal, not an inference. ("This suggests
      // that the cache is stale" still hedges.)
      if ((w(i) == "suggested" || w(i) == "suggesting") && prev != "which" && prev != "this" && prev != "it") {
        return false;
      }
      // "Returns true if the type is unknown": a state the program reports.
      if (w(i) == "unknown" && (prev == "is" || prev == "are" || prev == "be")) return false;
    }
    // "What sort of bridge", "this kind of data": the noun. ("the", "wrong", "every" ... are the
    // lexicon's noun markers.)
    if ((f & kNoun) && c.entry->words.size() == 2 && (w(i) == "sort" || w(i) == "kind") &&
        (prev == "what" || prev == "which" || prev == "this" || prev == "that" || prev == "these" ||
         prev == "those" || prev == "some" || prev == "any" || prev == "all")) {
      return false;
    }
    // "It looks like this:", "the result looks like that": it shows what follows, it doubts nothing.
    if (c.entry->words.back() == "like" && (next == "this" || next == "that" || next == "so") && !is_word(end + 1)) {
      return false;
    }
    // "the 75 tonnes assumed in national inventories", "the figure presumed by the ministry": a figure
    // someone else took as given, named after it; not the writer's belief.
    if ((w(i) == "assumed" || w(i) == "presumed") && (next == "in" || next == "by") && i > 0 && is_word(i - 1) &&
        !has(back(i, 1), kBe | kHave) && prev != "it" && prev != "we" && prev != "i") {
      return false;
    }
    // "If you think you have found a bug", "when you believe the cache is stale": the reader's belief in
    // a supposition, not the writer's doubt.
    if (c.entry->category == "belief" && prev == "you" && i >= 2 &&
        (w(i - 2) == "if" || w(i - 2) == "when" || w(i - 2) == "unless" || w(i - 2) == "whenever")) {
      return false;
    }
    // "Mostly false", "mostly true", "mostly or entirely false": a fact-checker's rating, not a vague amount.
    if (w(i) == "mostly") {
      const std::string_view rated = next == "or" && w(end + 1) == "entirely" ? w(end + 2) : next;
      if (rated == "true" || rated == "false" || rated == "accurate" || rated == "inaccurate" || rated == "correct") {
        return false;
      }
    }
    if ((f & kMonth) && words_[i].capitalised) {
      // "in May", "May 2014", "3 May", "May and June": the month.
      if (has(back(i, 1), kMonthBefore) || is_number(back(i, 1)) || is_number(end) || has(end, kMonthAfter) ||
          !is_word(end)) {
        return false;
      }
      // Mid-sentence, a capital means a name (Theresa May) or the month, unless the whole line is
      // title case; after an opening quote or bracket a sentence starts afresh.
      bool fresh_start = i == 0 || words_[i - 1].kind == TokenKind::kOpenQuote ||
                         words_[i - 1].kind == TokenKind::kOpenBracket;
      if (!fresh_start && !headline_) return false;
    }
    if (f & kNoun) {
      // "military might", "a thought", "the suspect", "fear of flying": nouns.
      if (has(back(i, 1), kNounMarker | kNounBefore) || possessive(back(i, 1))) return false;
      if (!(f & kModal) && (has(back(i, 1), kArticle | kDeterminer) || is_number(back(i, 1)))) return false;
      // Capitalised mid-sentence, only the modal keeps its verb reading ("Terror Suspect Named").
      if (!(f & kModal) && words_[i].capitalised && i > 0) return false;
      // A noun's next word is a verb ("might is right") or punctuation; a modal may take a comma
      // ("might, however, close").
      if (has(end, kNounAfter)) return false;
      if (!is_word(end) && !((f & kModal) && in(end) && words_[end].comma)) return false;
    }
    if (f & kModal) {
      // A modal verb has a verb after it: "may be", "might not", "may, in fact," — never "might of"
      // or "its members may."
      if (!in(end) || (!is_word(end) && words_[end].kind != TokenKind::kPunctuation)) return false;
      if (has(end, kModalNotBefore)) return false;
      // "You may want to use", "readers might wish to skip": advice to the reader, not doubt.
      if ((next == "want" || next == "wish") && w(end + 1) == "to") return false;
      // "You might also be interested in ...", "you may like": a pointer for the reader.
      {
        size_t k = end;
        if (w(k) == "also") ++k;
        if (w(back(i, 1)) == "you" && ((w(k) == "be" && w(k + 1) == "interested") || w(k) == "like" ||
                                       w(k) == "enjoy" || w(k) == "prefer")) {
          return false;
        }
      }
    }
    if (f & kPermission) {
      // "Users may download", "may be purchased": permission, not possibility. After the name of a
      // parameter or function ("`options` may be omitted") it states what the interface allows.
      if (has(back(i, 1), kPermissionSubject) || code_before(i)) return false;
      // Terms, policies and codes of conduct grant and withhold: "The company may refuse boarding".
      if (doc_.states_rules()) return false;
      if (next == "be" && has(end + 1, kPermissionPassive)) return false;
    }
    if (f & kAbility) {
      // "could not be reached", "he could barely see", "as soon as they could": ability.
      size_t k = end;
      bool negated = ends_with(w(i), "n't");
      if (has(k, kNegation)) {
        ++k;
        negated = true;
      }
      if (has(k, kAbilityVerb)) return false;
      if (w(k) == "be" && has(k + 1, kAbilityPassive)) return false;
      // "could not be verified", "could not be independently verified": one adverb may come between.
      const size_t participle = w(k + 1).size() > 4 && ends_with(w(k + 1), "ly") ? k + 2 : k + 1;
      if (negated && w(k) == "be" && ends_with(w(participle), "ed")) return false;
      if (has(back(i, 1), kSubjectPronoun)) return false;
      if (has(back(i, 2), kAbilityBefore)) return false;
      // In a past-tense narrative ("was", "had", "did" elsewhere in the sentence) "could" is the past
      // of "can": what someone was able to do. On the Szeged DEV splits only 14% of such "could" were
      // hedges, against 51% elsewhere. "could have" stays a hedge.
      if (past_ && w(k) != "have") return false;
    }
    if (f & kComplement) {
      // "appears to be", "appears that", "appears unlikely", "appears as if" hedge; "appears on stage",
      // "appeared to the court", "appeared as a guest" do not.
      // One adverb may come between: "appears increasingly eager".
      size_t k = end;
      if (ends_with(w(k), "ly") && !has(k, kLinkingComplement)) ++k;
      if (w(k) == "to") {
        if (w(k + 1).empty() || has(k + 1, kArticle | kObjectPronoun)) return false;
      } else if (w(k) == "as") {
        if (w(k + 1) != "if" && w(k + 1) != "though") return false;
      } else if (!has(k, kLinkingComplement) && !adjective_like(w(k))) {
        return false;
      }
    }
    if (f & kProposal) {
      // "as the name suggests" explains a name; "she suggested a new name", "suggested moving" propose.
      if (has(back(i, 1), kNameNoun) || has(back(i, 2), kNameNoun)) return false;
      // A participle ("..., thus suggesting a new mechanism") reports what the finding shows.
      // "suggested that the party should change course" proposes; the modal of obligation shows it.
      if (next == "that") {
        for (size_t k = end + 1; k < end + 7 && is_word(k); ++k) {
          if (has(k, kMandative)) return false;
        }
      }
      if (next != "that" && !next.empty() && !ends_with(w(i), "ing")) {
        bool object = has(end, kArticle) || next == "to" || (next.size() > 5 && ends_with(next, "ing")) ||
                      is_number(end);
        if (object && !evidence_subject(i) && !explanation_object(end)) return false;
      }
    }
    if (f & kClause) {
      // "indicates that" and "these results indicate a role" hedge; "as indicated in the table" and
      // "the arrows indicate the site" do not.
      if (prev == "as" || has(back(i, 1), kBe)) return false;
      // "indicating whether", "`MISSING` indicates that": a value signals a case; nothing is inferred.
      if (next == "whether" || next == "if" || code_before(i)) return false;
      if (!is_word(end) || (has(end, kPreposition) && next != "to")) return false;
      if (next != "that" && !ends_with(w(i), "ing") && !evidence_subject(i)) return false;
    }
    if (f & kBelief) {
      // "as expected", "than thought", "think about", "was expected." are not beliefs about a claim.
      if (prev == "as" || prev == "than") return false;
      // "Suppose the archive is empty.", "Consider a list of ten names.": an imperative that opens the
      // sentence sets up an example for the reader; it states nobody's belief.
      if (i == 0 && words_[i].capitalised && (w(i) == "suppose" || w(i) == "assume" || w(i) == "consider")) {
        return false;
      }
      if (!in(end) || words_[end].kind == TokenKind::kTerminator ||
          words_[end].kind == TokenKind::kPunctuation || has(end, kBeliefParticle)) {
        return false;
      }
    }
    if ((f & kParticiple) && (has(back(i, 1), kArticle) || possessive(back(i, 1)))) return false;
    if ((f & kTakeOn) && has(end, kArticle | kTakeOnObject)) return false;  // "assumed office"
    if (f & kPassiveOrComplement) {
      // "is considered", "considered to be", "regarded as", "is expected in May"; not "considered
      // the offer" or "was considered for the post".
      if (next == "for") return false;
      if (!after_be(i) && !has(end, kBeliefComplement)) return false;
    }
    // "A path is considered absolute if ...", "`x` is regarded as empty": a rule of classification
    // (see agentless_passive), not the writer's judgement held at arm's length.
    if ((f & kPredicate) && after_be(i) && states_rule()) return false;
    if ((f & kPredicate) && !has(end, kBeliefComplement) &&
        !(after_be(i) && next != "by" && judgement_follows(end)) && !object_as(end)) {
      // "regarded as", "considered him a traitor", "is considered the best", "regarded the king as a
      // puppet"; not "considered the offer" or "was considered for a week", which deliberate.
      return false;
    }
    if ((f & kThatClause) && !has(end, kClauseOpener)) return false;  // "feel they", not "felt the heat"
    if (f & kForecast) {
      // "analysts predict a slowdown"; not "used to predict the structure", "the predicted structure".
      if (prev == "to" || has(back(i, 1), kArticle) || next == "by") return false;
      if (!has(end, kForecastObject)) return false;
    }
    if ((f & kAttributive) && next != "that") {
      // "a possible cause" hedges; "as soon as possible", "if possible", "possible to", "the most
      // specific concept possible", "made it possible" do not.
      if (!is_word(end) || has(end, kPreposition | kClauseBreak)) return false;
      if (has(back(i, 1), kBe | kPossibleNotAfter) || ends_with(prev, "ly") || ends_with(prev, "est") ||
          (is_number(back(i, 1)) && prev != "one")) {
        return false;  // "is possible" (dynamic), "all 4096 possible salts" (combinatorial)
      }
      for (size_t k = 1; k <= 4; ++k) {
        if (w(back(i, k)) == "most") return false;
      }
      if (prev == "it" && has(back(i, 2), kEnablingVerb)) return false;
    }
    if ((f & kEvident) && (!is_word(end) || has(end, kEvidentAfter) || has(back(i, 1), kEvidentBefore))) {
      return false;  // "it became apparent that" is evident, not hedged
    }
    if ((f & kDynamic) && has(end, kDynamicAfter)) return false;  // "possible to", "unknown to him"
    if ((f & kPoll) && has(end, kPollTerm)) return false;         // "likely voters" is a pollster's term
    // "it appears on the coat of arms", "it appeared in 1998": where something is seen, not a doubt.
    if ((f & kPlace) && has(end, kPreposition) && next != "to" && next != "as") return false;
    if (f & kRate) {
      // "22 percent less likely", "twice as likely", "three times more likely": a measured ratio of
      // rates, a statistic, not a doubt.
      size_t b = back(i, 1);
      if (w(b) == "as" || w(b) == "more" || w(b) == "less") b = back(b, 1);
      const std::string_view q = w(b);
      if (is_number(b) || q == "twice" || q == "thrice" || q == "times" || q == "percent" || q == "fold" ||
          q == "half" || ends_with(q, "%") || ends_with(q, "-fold")) {
        return false;
      }
    }
    // "are not supposed to confer" is a rule; "is supposed to be haunted" a hearsay belief.
    if ((f & kDeontic) && next == "to" && w(end + 1) != "be" && w(end + 1) != "have") return false;
    // "a potential role", "potential mechanisms" hedge an explanation; "potential buyers" and
    // "potential energy" hedge nothing. Up to two adjectives may come between: "a potential molecular
    // mechanism", "a potential functional analog".
    if (f & kExplanatory) {
      size_t k = end;
      for (int skipped = 0; skipped < 2 && is_word(k) && !has(k, kExplanationNoun) &&
                            (adjective_like(w(k)) || ends_with(w(k), "ular"));
           ++skipped) {
        ++k;
      }
      if (!has(k, kExplanationNoun)) return false;
    }
    if (f & kNumber) {
      // "slightly more than 50%" and "roughly 300" are quantified: the writer has done the work.
      for (size_t k = end, steps = 0; in(k) && steps < 5; ++k, ++steps) {
        if (is_number(k)) return false;
        if (!has(k, kQuantityWord)) break;
      }
    }
    if (f & kTopic) {
      // "did not mention the possibility": the possibility is a topic, not the writer's hedge.
      for (size_t k = 1; k <= 4; ++k) {
        if (has(back(i, k), kDiscussionVerb)) return false;
      }
    }
    // "To test this hypothesis", "consistent with this possibility": the demonstrative points back to a
    // claim already stated (and hedged there); the noun names it as a topic and hedges nothing new.
    if ((f & kAnaphoric) && has(back(i, 1), kDemonstrative)) return false;
    if ((f & kStatistic) && (has(back(i, 1), kStatisticBefore) || has(end, kStatisticAfter))) {
      return false;  // "maximum likelihood", "likelihood ratio", "null hypothesis"
    }
    return true;
  }

  /// An object that names an explanation ("a role for", "a novel mechanism", "the involvement of"):
  /// one proposes a name or a plan, but suggests a role or a cause only as an inference.
  /// A person who suggests ("she suggested a new role for him") still proposes, so a subject pronoun
  /// just before the verb keeps that reading.
  bool explanation_object(size_t k) const {
    if (has(back(k, 2), kSubjectPronoun)) return false;
    if (has(k, kArticle)) ++k;
    for (int skipped = 0; skipped < 2 && is_word(k) && !has(k, kExplanationNoun); ++skipped) ++k;
    return has(k, kExplanationNoun);
  }

  /// After "is considered": a judgement ("the best", "one of", "important", "biologically inert",
  /// "a \"classic\"") rather than a deliberation ("was considered for a week", "considered.").
  bool judgement_follows(size_t k) const {
    if (in(k) && words_[k].kind == TokenKind::kOpenQuote) return true;
    if (possessive(k)) return true;  // "is considered Hill's finest work"
    // "considered very active", "considered more appealing": a degree word before the judged quality.
    if (has(k, kIntensifier) && is_word(k + 1) && !has(k + 1, kPreposition | kClauseBreak)) return true;
    if (ends_with(w(k), "ly") && !has(k, kPredicateAdjective)) {
      // "biologically inert": an adverb of degree or domain before the judged quality; "considered
      // carefully by", "considered briefly." deliberate.
      ++k;
      return is_word(k) && !has(k, kPreposition | kClauseBreak);
    }
    return has(k, kPredicateAdjective | kBeliefComplement) || adjective_like(w(k)) || ends_with(w(k), "est");
  }

  /// A short object, then "as": "regarded Dong Khanh as a puppet", "considered the treaty as void".
  bool object_as(size_t k) const {
    for (size_t steps = 0; steps < 4 && is_word(k); ++steps, ++k) {
      if (steps > 0 && w(k) == "as") return true;
      if (has(k, kPreposition | kClauseBreak) || (words_[k].info != nullptr && !has(k, kArticle))) break;
    }
    return false;
  }

  /// A form of "be" just before i, past at most two adverbs ("is widely expected").
  bool after_be(size_t i) const {
    size_t k = back(i, 1);
    for (int skipped = 0; skipped < 2 && has(k, kAdverb); ++skipped) k = back(k, 1);
    return has(k, kBe);
  }

  /// The subject before a verb at i is evidence ("these data", "the results"), not a person: then
  /// "suggest"/"indicate" with an object is evidential ("suggest a role for"), not a proposal.
  bool evidence_subject(size_t i) const {
    // ", suggesting a role for": a participle clause whose subject is the finding just stated.
    if (i > 0 && words_[i - 1].comma) return true;
    for (size_t k = 1; k <= 5; ++k) {
      size_t j = back(i, k);
      if (!is_word(j)) return false;
      if (has(j, kEvidenceSubject)) return true;
      if (has(j, kSubjectPronoun) || (words_[j].capitalised && j > 0)) return false;
    }
    return false;
  }

  // ---- boosters ----

  bool booster_ok(size_t i, const Candidate& c) const {
    const size_t end = i + c.entry->words.size();
    if (c.flags & kFocus) {
      // "even though", "even if", "break even", "an even number" are not the focus "even"; nor are
      // "even now", "even Friday" (a time stressed) and "even tougher" (a comparative made stronger).
      if (has(end, kEvenNotBefore) || has(back(i, 1), kEvenNotAfter)) return false;
      if (is_word(end) && w(end).size() > 4 && ends_with(w(end), "er") && has(back(i, 1), kBe)) return false;
      if (!in(end)) return false;
      TokenKind k = words_[end].kind;
      if (k != TokenKind::kWord && k != TokenKind::kNumber && k != TokenKind::kOpenQuote) return false;
    }
    // "it cannot prove that", "does not prove that": a proof denied vouches for nothing.
    if (c.entry->words.size() > 1 && c.entry->words.back() == "that") {
      const std::string_view before = w(back(i, 1));
      if (has(back(i, 1), kNegation) || ends_with(before, "n't") || before == "cannot" ||
          (has(back(i, 2), kNegation) && is_word(back(i, 1)))) {
        return false;
      }
    }
    if (c.flags & kManner) {
      // "clearly visible", "spoke clearly." describe manner; they vouch for nothing.
      if (has(end, kMannerComplement)) return false;
      if (!is_word(end) && i > 0) return false;
    }
    return true;
  }

  // ---- peacock terms ----

  /// The start of the frame that makes a superlative a member of a class: "one of the", "among the",
  /// "some of his", "one of Europe's", "the very" before i; i when there is none.
  size_t ranking_frame(size_t i) const {
    const size_t d = back(i, 1);
    if (w(d) == "very" && w(back(i, 2)) == "the") return back(i, 2);
    if (!has(d, kArticle) && !possessive(d)) return i;
    if (w(back(i, 2)) == "among") return back(i, 2);
    if (w(back(i, 2)) == "of" &&
        (w(back(i, 3)) == "one" || w(back(i, 3)) == "some" || w(back(i, 3)) == "two" ||
         w(back(i, 3)) == "three" || w(back(i, 3)) == "several")) {
      return back(i, 3);
    }
    return i;
  }

  /// An ordinal or a number before a superlative ranks from data: "the 60th most successful", "the
  /// third most popular", "the second best".
  bool ordinal_before(size_t i) const {
    const size_t k = back(i, 1);
    if (is_number(k)) return true;
    static constexpr std::string_view kOrdinals[] = {"second",  "third",  "fourth", "fifth", "sixth",
                                                     "seventh", "eighth", "ninth",  "tenth"};
    const std::string_view word = w(k);
    for (std::string_view o : kOrdinals) {
      if (word == o) return true;
    }
    return word.size() > 2 && word.front() >= '0' && word.front() <= '9';
  }

  /// An adjective at [i, end) between a definite determiner and its noun, which can go without
  /// touching the rest: "its world-class terminal" -> "its terminal". After "a"/"an" the article might
  /// have to change ("an iconic building"), so no.
  bool attributive_slot(size_t i, size_t end) const {
    static constexpr std::string_view kDeterminers[] = {"the",   "its", "his",   "her",   "their", "our",
                                                        "my",    "your", "this", "these", "those"};
    if (!noun_phrase_goes_on(end) || w(end) == "and" || w(end) == "or") return false;
    const std::string_view before = w(back(i, 1));
    if (possessive(back(i, 1))) return true;
    for (std::string_view d : kDeterminers) {
      if (before == d) return true;
    }
    return false;
  }

  /// A word at `end` that carries the noun phrase on, as the noun after an adjective does; not an
  /// article, a preposition, a clause break or punctuation.
  bool noun_phrase_goes_on(size_t end) const {
    return is_word(end) && !has(end, kArticle | kPreposition | kClauseBreak);
  }

  bool peacock_ok(size_t i, const Candidate& c) const {
    const size_t end = i + c.entry->words.size();
    // "the Famous Five", "Legendary Pictures released": a capital inside a sentence, or a capitalised
    // word after it, makes the word part of a name; in a title-case headline every word has one.
    if (!headline_ && words_[i].capitalised && (i > 0 || (is_word(end) && words_[end].capitalised)))
      return false;
    // A citation or link gives the praise a source; the code span before it makes it a name (`best`).
    if (cited_ || code_before(i)) return false;
    // "well-known ports", "the list of well-known bugs": in software documentation, a convention.
    if ((c.flags & kTechnical) && doc_.documents_software()) return false;
    if (c.entry->category == "ranking") {
      if (ordinal_before(i)) return false;
      if ((c.flags & kRanked) && ranking_frame(i) == i) return false;
      // "Most important, the levy ..." and "most importantly" open a point; they rank nothing.
      if (i == 0 && in(end) && words_[end].comma) return false;
    }
    if (c.flags & kAttributive) {
      // "the celebrated painter", "her revered teacher"; not "Mass was celebrated by the bishop", "the
      // town celebrated its anniversary", "a pioneering of".
      const size_t p = back(i, 1);
      const bool framed = i == 0 || has(p, kArticle | kIntensifier) || possessive(p) || w(p) == "most" ||
                          w(p) == "much" || w(p) == "widely" || w(p) == "long";
      if (!framed || !noun_phrase_goes_on(end)) return false;
    }
    return true;
  }

  // ---- vague quantities ----

  bool vague_ok(size_t i, const Candidate& c) const {
    const size_t end = i + c.entry->words.size();
    // Documentation and rules say "some options", "several formats" of what they define; a citation
    // or link holds the figure; a question asks for it.
    if (doc_.documents_software() || doc_.states_rules() || cited_ || question_ || headline_) return false;
    for (size_t k = i; k < end; ++k) {
      if (k > 0 && words_[k].capitalised) return false;  // "Many Rivers", "Just Give Us a Few Figures"
    }
    // "how many", "as many as 40", "so many", "too many", "twice as many", "the many".
    const std::string_view before = w(back(i, 1));
    if (before == "how" || before == "as" || before == "so" || before == "too" || before == "the") {
      return false;
    }
    // "some 200", "many more", "many thanks".
    if (is_number(end) || w(end) == "more" || w(end) == "as" || w(end) == "thanks") return false;
    // The figure set beside it, in brackets or after a comma: "a majority of Republican statements
    // (52%)", "several shops, 12 in all"; not a date in the clause ("many left in 2019").
    for (size_t k = end + 1; k < end + 5 && in(k); ++k) {
      if (words_[k].kind == TokenKind::kNumber && !is_word(k - 1)) return false;
    }
    // The head noun, past up to two modifiers: "some local shops", "many painful years", "some ant
    // species", "some commercially available kits", "many other ways"; a function word (a listed context
    // word) ends it.
    size_t head = end;
    while (head < end + 2 && is_word(head + 1) && (words_[head].ctx == 0 || w(head) == "other") &&
           !is_plural_noun(w(head)) && !words_[head].capitalised) {
      ++head;
    }
    static constexpr std::string_view kSpans[] = {"years",   "decades", "centuries", "months",   "weeks",
                                                  "days",    "hours",   "minutes",   "seconds",  "ways",
                                                  "respects", "generations"};
    for (std::string_view span : kSpans) {
      if (w(head) == span) return false;  // "for many years", "in some ways": time and manner, no count
    }
    // "some shops", "some of the shops"; not "some time", "some evidence", "for some reason".
    if ((c.flags & kPlural) && w(end) != "of" && !(is_word(head) && is_plural_noun(w(head)))) return false;
    // "Several residents we spoke to believed", "what many expect": the group is a source, and the
    // sourcing checks speak for it.
    for (size_t k = end; k < end + 8 && is_word(k) && !has(k, kClauseBreak); ++k) {
      const std::string_view v = w(k);
      if (cls(k, kAttitudeClass) > 0 || v == "report" || v == "reported" || v == "expect" ||
          v == "expected" || v == "swear" || v == "told" || v == "wrote" || v == "complain" ||
          v == "complained") {
        return false;
      }
    }
    return true;
  }

  // ---- weasels ----

  /// The end of the longest weasel at i (i when none), and its category.
  size_t weasel_at(size_t i, std::string_view* category) const {
    size_t best = i;
    if (const WordInfo* info = words_[i].info) {
      for (const Candidate& c : info->weasel_phrases) {
        if (!matches(*c.entry, i)) continue;
        if (cited_ && !(c.flags & kCited)) break;
        best = i + c.entry->words.size();
        *category =
            c.entry->category.empty() ? std::string_view("phrase") : std::string_view(c.entry->category);
        break;
      }
    }
    // A citation or link in the sentence answers an appeal to unnamed authority.
    if (cited_) return best;
    struct Pattern {
      size_t (Finder::*fn)(size_t) const;
      std::string_view category;
    };
    static constexpr Pattern kPatterns[] = {
        {&Finder::according_to, "according"},    {&Finder::quantified_appeal, "appeal"},
        {&Finder::group_appeal, "appeal"},       {&Finder::evidence_appeal, "evidence"},
        {&Finder::agentless_passive, "passive"},
    };
    for (const Pattern& p : kPatterns) {
      // Software documentation states in the passive what its maintainers decided ("The whole API is
      // considered public", "a fd, which is presumed to be open", "It is assumed that you cache"): no
      // appeal to an unnamed authority. Its "contrary to popular belief" and "studies show" still are.
      if (p.fn == &Finder::agentless_passive && (doc_.documents_software() || doc_.states_rules())) continue;
      size_t end = (this->*p.fn)(i);
      if (end > best) {
        best = end;
        *category = p.category;
      }
    }
    return best;
  }

  /// Length of a member of weasel class `cls` at i (0 if none), with its flags.
  size_t cls(size_t i, WeaselClass c, uint64_t* flags = nullptr) const {
    if (!is_word(i) || words_[i].info == nullptr) return 0;
    const WordInfo& info = *words_[i].info;
    for (const ClassPhrase& p : info.weasel_multi) {
      if (p.cls == c && matches(*p.entry, i)) {
        if (flags) *flags = p.flags;
        return p.entry->words.size();
      }
    }
    if (info.weasel_classes.mask & (1u << c)) {
      if (flags) *flags = info.weasel_classes.flags[c];
      return 1;
    }
    return 0;
  }

  /// Some member of class `c` may start at i: the cheap test that lets the patterns below skip most
  /// words before reading further.
  bool may_start(size_t i, WeaselClass c) const {
    return is_word(i) && words_[i].info != nullptr &&
           (words_[i].info->weasel_classes.starts & (1u << c)) != 0;
  }

  /// After a group: an optional auxiliary and adverbs, then a verb of saying or believing ("have long
  /// argued"). Returns the end of the verb, or 0.
  size_t attitude_after(size_t j) const {
    size_t k = j;
    // A parenthetical word between commas: "Others, however, claimed".
    if (in(k + 2) && words_[k].comma && is_word(k + 1) && !words_[k + 1].capitalised && words_[k + 2].comma) {
      k += 3;
    }
    if (has(k, kAuxiliary)) ++k;
    // A progressive: "Many people are saying".
    if (has(k, kBe) && ends_with(w(k + 1), "ing")) ++k;
    for (int skipped = 0; skipped < 3 && has(k, kAdverb); ++skipped) ++k;
    uint64_t flags = 0;
    size_t n = cls(k, kAttitudeClass, &flags);
    if (!n) return 0;
    // "critics described it as", not "others described in detail".
    if ((flags & kPredicate) && !names_something(k + n, false, true)) return 0;
    if ((flags & kObjectAs) && !as_within(k + n, 5)) return 0;
    return k + n;
  }

  /// "as" within `span` words from k, with no punctuation or preposition before it: "see him as",
  /// "saw the treaty as"; not "saw the film", "see it in".
  bool as_within(size_t k, size_t span) const {
    for (size_t steps = 0; steps < span && is_word(k); ++steps, ++k) {
      if (w(k) == "as") return true;
      if (has(k, kPreposition | kClauseBreak)) return false;
    }
    return false;
  }

  /// What a passive or a verb of calling calls the thing: a quotation or "as" ("described as"); with
  /// `reason` also "for" ("praised for", "criticized for"); with `naming` also a word that is not a
  /// preposition, a particle or an adverb ("called a disaster", "dubbed unrealistic"; not "called off",
  /// "described in detail", "described previously").
  bool names_something(size_t k, bool reason, bool naming) const {
    if (!in(k)) return false;
    if (words_[k].kind == TokenKind::kOpenQuote) return true;
    if (!is_word(k)) return false;
    if (w(k) == "as" || (reason && w(k) == "for")) return true;
    return naming && !has(k, kPreposition | kParticle | kClauseBreak | kAdverb) && !ends_with(w(k), "ly");
  }

  /// A word that may qualify a group without naming it ("legal experts", "Russian historians"): a word
  /// no list knows, or one shaped like an adjective; lower case unless shaped like an adjective; no
  /// possessive. "Harvard researchers" and "Smith's critics" name who they are.
  bool vague_modifier(size_t k) const {
    if (!is_word(k) || possessive(k)) return false;
    const bool adjective = adjective_like(w(k));
    // A capital opening the sentence says nothing: "Industry analysts widely regard ...".
    const bool opening = k == 0 || words_[k - 1].kind == TokenKind::kOpenQuote;
    if (words_[k].capitalised && !adjective && !opening) return false;
    const WordInfo* info = words_[k].info;
    return info == nullptr || (adjective && info->weasel_classes.mask == 0);
  }

  /// Up to two modifiers and then a group, after a quantifier: "some modern scholars". Returns the length
  /// of the modifiers and the group together, or 0.
  size_t modified_group(size_t j, uint64_t* flags) const {
    for (size_t m = 0; m <= 2; ++m) {
      if (size_t g = cls(j + m, kGroupClass, flags)) return m + g;
      if (m == 2 || !vague_modifier(j + m)) return 0;
    }
    return 0;
  }

  /// The word before i does not tie i to a preceding noun phrase: i starts a clause.
  bool clause_initial(size_t i) const { return i == 0 || !is_word(i - 1) || has(i - 1, kClauseStart); }

  /// "some critics argue", "many believe", "others have claimed".
  size_t quantified_appeal(size_t i) const {
    // Not "causing some worry", "the many critics"...: the quantifier starts a clause.
    if (!may_start(i, kQuantifierClass) || !clause_initial(i)) return 0;
    uint64_t qflags = 0;
    size_t q = cls(i, kQuantifierClass, &qflags);
    if (!q) return 0;
    size_t j = i + q;
    uint64_t gflags = 0;
    if (size_t g = modified_group(j, &gflags)) return attitude_after(j + g);
    if (qflags & kPronoun) return attitude_after(j);
    return 0;
  }

  /// "Experts say", "critics have long argued" — a group named by its trade alone.
  /// The group may follow up to two modifiers ("Polish legal experts maintained"); the finding then
  /// starts at the group.
  size_t group_appeal(size_t i) const {
    if (!may_start(i, kGroupClass)) return 0;
    uint64_t flags = 0;
    size_t g = cls(i, kGroupClass, &flags);
    if (!g || (flags & kQuantified)) return 0;
    // A capital inside the sentence makes the group a name: "Christian Scientists believe".
    if (words_[i].capitalised && i > 0 && words_[i - 1].kind != TokenKind::kOpenQuote) return 0;
    size_t first = i;
    for (int m = 0; m < 2 && !clause_initial(first) && vague_modifier(first - 1); ++m) --first;
    if (!clause_initial(first)) return 0;
    return attitude_after(i + g);
  }

  /// "Studies show", "recent research suggests", "a new study found".
  size_t evidence_appeal(size_t i) const {
    size_t j = i;
    bool singular = has(i, kIndefinite);
    if (!singular && !may_start(i, kVagueClass) && !may_start(i, kEvidenceClass)) return 0;
    if (singular) {
      ++j;
    } else if (!clause_initial(i)) {
      return 0;
    }
    for (int vague = 0; cls(j, kVagueClass); ++vague, ++j) {
      if (vague == 2) return 0;
    }
    uint64_t flags = 0;
    size_t n = cls(j, kEvidenceClass, &flags);
    if (!n || ((flags & kSingular) != 0) != singular) return 0;
    size_t k = j + n;
    if (has(k, kHave)) ++k;
    for (int skipped = 0; skipped < 2 && has(k, kAdverb); ++skipped) ++k;
    size_t v = cls(k, kEvidenceVerbClass);
    return v ? k + v : 0;
  }

  /// "according to reports", "according to some experts".
  size_t according_to(size_t i) const {
    if (w(i) != "according" || w(i + 1) != "to") return 0;
    size_t j = i + 2;
    size_t q = cls(j, kQuantifierClass);
    j += q;
    for (int vague = 0; vague < 2 && cls(j, kVagueClass); ++vague) ++j;
    uint64_t flags = 0;
    if (size_t g = cls(j, kGroupClass, &flags); g && (q || !(flags & kQuantified))) return j + g;
    if (size_t e = cls(j, kEvidenceClass, &flags); e && !(flags & kSingular)) return j + e;
    return 0;
  }

  /// "it is said", "is widely believed", "has been suggested", "is considered the best" — a view
  /// with nobody holding it. "by <someone named>" after the verb names the holder.
  size_t agentless_passive(size_t i) const {
    // Every form below starts with "it", "it's", a form of "have" or "be", or a consensus word.
    // ... or, after a comma, a passive participle or an adverb before one.
    const bool after_comma = i > 0 && words_[i - 1].comma;
    if (w(i) != "it" && w(i) != "it's" && !has(i, kHave | kBe) && !may_start(i, kConsensusClass) &&
        !after_comma) {
      return 0;
    }
    bool expletive = w(i) == "it";
    size_t j = i + (expletive ? 1 : 0);
    size_t been = j + 1;
    if (has(been, kAdverb)) ++been;  // "has also been"
    bool consensus = false;
    bool perfect = false;   // "has been described as"
    bool relative = false;  // ", regarded as", ", thought to be"
    if (w(i) == "it's") {
      // "it's said that", "it's been reported that": the expletive and its verb in one token.
      expletive = true;
      j = i + 1;
      if (w(j) == "been") ++j;
    } else if (has(j, kHave) && w(been) == "been") {
      j = been + 1;
      perfect = true;
    } else if (has(j, kBe) && w(j) != "being" && !(w(j) == "be" && w(back(j, 1)) == "to")) {
      j += 1;  // not "wants to be seen as", which is about appearances, not a claim
    } else if (!expletive && cls(j, kConsensusClass) && cls(j + 1, kPassiveClass) &&
               (after_comma || j == 0 || !is_word(back(j, 1)))) {
      // A reduced relative: "Brook, generally considered the finest director of his time". With a
      // subject right before it the verb is active: "my father often said", "Trump has often cited".
      consensus = true;
      j += 1;
    } else if (!expletive && after_comma &&
               (cls(j, kPassiveClass) || (has(j, kAdverb) && cls(j + 1, kPassiveClass)))) {
      // A reduced relative after a comma: "the pistol, considered by many to be", "the team, then
      // considered the best", "the castle, said to be haunted".
      relative = true;
    } else {
      return 0;
    }
    for (int skipped = 0; skipped < 3; ++skipped) {
      if (cls(j, kConsensusClass)) {
        consensus = true;
        ++j;
      } else if (has(j, kAdverb)) {
        ++j;
      } else {
        break;
      }
    }
    uint64_t flags = 0;
    size_t n = cls(j, kPassiveClass, &flags);
    if (!n) return 0;
    size_t end = j + n;
    if (w(end) == "by") {
      uint64_t qflags = 0;
      size_t q = cls(end + 1, kQuantifierClass, &qflags);
      size_t g = cls(end + 1 + q, kGroupClass);
      if (q && (g || (qflags & kPronoun))) return end + 1 + q + g;  // "by many", "by some critics"
      if (g && !has(end + 1, kArticle)) return end + 1 + g;         // "by historians"
      return 0;                                                     // "by the committee"
    }
    // After a comma, "said that" is an attribution ("Ortiz, the mayor, said that"): a reduced relative
    // needs "as" or "to be" / "to have".
    if (relative && (flags & kComplement) && !consensus && w(end) != "as" &&
        !(w(end) == "to" && (w(end + 1) == "be" || w(end + 1) == "have"))) {
      return 0;
    }
    // After "since", "after", "when" and the like, "it" is the thing the sentence is about: "has
    // campaigned against the levy since it was proposed" reports an event, not an unheld view.
    static constexpr std::string_view kSubordinators[] = {"since", "after", "before", "when", "until", "till",
                                                          "once", "because", "as", "while", "whenever", "unless"};
    if (expletive && w(i) == "it" && i > 0 && std::ranges::find(kSubordinators, w(back(i, 1))) != std::end(kSubordinators) &&
        !has(end, kComplementizer) &&
        w(end) != "to") {
      expletive = false;
    }
    if ((flags & kComplement) && !(expletive || consensus || has(end, kComplementizer))) return 0;
    if ((flags & kConsensus) && !consensus &&
        !(perfect && (flags & kPerfect) &&
          names_something(end, (flags & kReason) != 0, (flags & kNaming) != 0))) {
      return 0;
    }
    if ((flags & kPredicate) && !(expletive || consensus || judgement_follows(end))) return 0;
    // A rule, not an opinion: "A pattern is considered static if ...", "`%6A` is reported as
    // malformed". In a sentence that names code or states a condition, an agentless "is considered",
    // "is reported as", "is presumed" says how the software classifies things; only a consensus
    // ("widely considered") still appeals to unnamed judges.
    if (!consensus && states_rule()) return 0;
    return end;
  }

  /// The sentence holds a code span or a condition ("if", "unless").
  bool states_rule() const {
    for (size_t k = 0; k < n_; ++k) {
      if (words_[k].kind == TokenKind::kCode) return true;
      if (w(k) == "if" || w(k) == "unless") return true;
    }
    return false;
  }

  const Document& doc_;
  const Tables& tables_;
  std::vector<Word> words_;
  size_t n_ = 0;
  bool cited_ = false;
  bool past_ = false;
  bool headline_ = false;
  bool question_ = false;  ///< the sentence ends with a question mark
};

}  // namespace

bool has_stacks(const std::vector<Cue>& cues) {
  return std::any_of(cues.begin(), cues.end(), [](const Cue& c) { return c.stack >= 0; });
}

void release_reported_stacks(std::vector<Cue>& cues, const std::vector<Attribution>& attributions) {
  // Both lists are in text order: one sweep (attribution cues never overlap one another).
  size_t j = 0;
  for (size_t k = 0; k < cues.size(); ++k) {
    if (cues[k].stack != static_cast<int32_t>(k)) continue;  // k heads a stack
    const Range head = cues[k].range;
    while (j < attributions.size() && attributions[j].cue.end <= head.start) ++j;
    bool reported = false;
    for (size_t a = j; a < attributions.size() && attributions[a].cue.start < head.end && !reported; ++a) {
      reported = !attributions[a].source.empty() && !attributions[a].writer_source;
    }
    if (!reported) continue;
    // The members after the head, in text order (a stack lies within one sentence).
    std::vector<size_t> rest;
    for (size_t m = k + 1; m < cues.size() && cues[m].sentence == cues[k].sentence; ++m) {
      if (cues[m].stack == static_cast<int32_t>(k)) rest.push_back(m);
    }
    cues[k].stack = -1;
    const int32_t head_now = rest.size() >= 2 ? static_cast<int32_t>(rest.front()) : -1;
    for (size_t m : rest) cues[m].stack = head_now;
  }
}

Range removal_range(const Document& doc, const Cue& cue) {
  const Sentence& s = doc.sentences()[cue.sentence];
  if (cue.token_begin <= s.token_begin || cue.token_end >= s.token_end) return {};
  const Token& before = doc.tokens()[cue.token_begin - 1];
  const Token& after = doc.tokens()[cue.token_end];
  if (before.kind != TokenKind::kWord && before.kind != TokenKind::kNumber) return {};
  std::string_view text = doc.text();
  if (after.kind == TokenKind::kWord || after.kind == TokenKind::kNumber) {
    // "could potentially move" -> "could move": the word and the spaces up to the next word.
    return {cue.range.start, after.range.start};
  }
  if (after.kind == TokenKind::kTerminator && before.range.end <= cue.range.start &&
      text.substr(before.range.end, cue.range.start - before.range.end).find_first_not_of(' ') ==
          std::string_view::npos) {
    return {before.range.end, cue.range.end};  // "... true possibly." -> "... true."
  }
  return {};
}

std::vector<const Cue*> writers_own(const Document& doc, const std::vector<Cue>& cues,
                                    const std::vector<Attribution>& attributions, CueKind kind) {
  std::vector<bool> appeal(doc.sentences().size(), false);
  for (const Cue& c : cues) {
    if (c.kind == CueKind::kWeasel && c.sentence < appeal.size()) appeal[c.sentence] = true;
  }
  std::vector<const Cue*> out;
  for (const Cue& c : cues) {
    if (c.kind != kind || c.in_quotation || appeal[c.sentence]) continue;
    if (!someone_reports(attributions, c.sentence)) out.push_back(&c);
  }
  return out;
}

std::optional<Fix> removal_fix(const Document& doc, const Cue& cue) {
  const Range cut = removal_range(doc, cue);
  if (cut.empty()) return std::nullopt;
  return Fix{"Remove \"" + std::string(doc.slice(cue.range)) + "\"", {Edit{cut, ""}}};
}

std::vector<Cue> find_cues(const Document& doc, const Lexicon& lexicon, bool use_model) {
  std::vector<Cue> cues;
  if (doc.sentences().empty()) return cues;
  const WeightTable* model = use_model ? &hedge_model() : nullptr;
  Tables tables(lexicon, model != nullptr && !model->empty() ? model : nullptr);
  Finder(doc, tables).run(cues);
  return cues;
}

}  // namespace evidential::core
