// Claims: how check-worthy each sentence is (a logistic model over features a writer would recognise —
// figures, dates, comparisons, rankings, names, causes, past-tense reports; opinion, questions, plans
// against — and frequent words, trained on ClaimBuster by tools/claim_model/train.py) and whether
// anything sources it — an attribution, a citation or link, or an attributed neighbour in the same
// paragraph that it continues.
#include "core/analysis/claims.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/analysis/text_map.h"
#include "core/analysis/weights.h"
#include "core/embedded.h"
#include "core/markup/markup.h"
#include "core/lexicon.h"

namespace evidential::core {
namespace {

using WordSet = TextSet;  // flat and inline-hashed: these are asked of nearly every token

// ---- the check-worthiness model -----------------------------------------------------------------

const WeightTable& claim_model() {
  // Never destroyed (Google style for statics): the weights live as long as the process.
  static const WeightTable* model = new WeightTable(embedded_file("lexicon/claim_model.tsv"));
  return *model;
}


/// Numbers are features by class, never by value: what matters is that a figure is stated.
std::string_view number_class(std::string_view t) {
  if (t.empty()) return "<num>";
  if (t[0] == '$' || t.starts_with("£") || t.starts_with("€")) return "<money>";
  if (t.back() == '%') return "<pct>";
  if (t.size() >= 2) {
    std::string_view end = t.substr(t.size() - 2);
    if (end == "st" || end == "nd" || end == "rd" || end == "th") return "<ord>";
  }
  std::string_view digits = t;
  if (!digits.empty() && digits.back() == 's') digits.remove_suffix(1);
  if (digits.size() == 4 && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int year = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 + (digits[2] - '0') * 10 + (digits[3] - '0');
    if (year >= 1800 && year <= 2099) return "<year>";
  }
  return "<num>";
}

struct ClaimToken {
  std::string_view text;  // normalised word (in the sentence's buffer), or a number class
  bool cap = false;
  uint32_t cues = 0;  // CueWord bits of the word
  bool is(std::string_view w) const { return text == w; }
};

// The writer-recognisable word classes (DESIGN.md section 4's check-worthy elements, and the marks of
// opinion, questions and plans that argue against a claim). Each list has a twin in
// tools/claim_model/train.py; a word may belong to several.
enum CueWord : uint32_t {
  kOrdinalWord = 1u << 0,
  kExclusiveWord = 1u << 1,
  kSuperlativeWord = 1u << 2,
  kNotSuperlative = 1u << 3,
  kMonthWord = 1u << 4,
  kCausalWord = 1u << 5,
  kMagnitudeWord = 1u << 6,
  kNumberWord = 1u << 7,
  kPercentWord = 1u << 8,
  kStatisticWord = 1u << 9,
  kComparativeWord = 1u << 10,
  kPastIrregular = 1u << 11,
  kNotPast = 1u << 12,
  kPerfectAux = 1u << 13,
  kFirstPerson = 1u << 14,
  kWeWord = 1u << 15,
  kSecondPerson = 1u << 16,
  kOpinionWord = 1u << 17,
  kFutureWord = 1u << 18,
  kModalWord = 1u << 19,
  kPhaticWord = 1u << 20,
  kNegationWord = 1u << 21,
  kSpanJoiner = 1u << 22,   // "of", "the", "and" inside a name: "the Department of Commerce"
  kRankingTail = 1u << 23,  // "to", "in", "since", "ever" after "the first/only/largest ..."
  kMeasurableWord = 1u << 24,   // what official statistics count: "jobs", "taxes", "crime", "troops"
  kLegislativeWord = 1u << 25,  // law-making and voting records: "voted", "bill", "vetoed"
};

using CueTable = TextMap<uint32_t>;

/// One hash probe per token gives every class the word belongs to.
const CueTable& cue_words() {
  static const auto* table = [] {
    auto* t = new CueTable;
    auto add = [t](uint32_t bit, std::initializer_list<std::string_view> words) {
      for (std::string_view w : words) (*t)[w] |= bit;
    };
    add(kOrdinalWord, {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                       "tenth", "last"});
    add(kExclusiveWord, {"only", "sole", "solely", "never", "ever", "unprecedented", "record"});
    add(kSuperlativeWord, {"most", "least", "best", "worst", "biggest"});
    add(kNotSuperlative,
        {"interest", "honest",  "protest", "suggest",  "request", "arrest",  "forest",    "invest",
         "west",     "contest", "digest",  "manifest", "modest",  "harvest", "guest",     "chest",
         "rest",     "test",    "nest",    "pest",     "latest",  "midwest", "northwest", "southwest",
         "conquest", "inquest", "quest",   "attest",   "detest",  "unrest",  "priest"});
    add(kMonthWord, {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"});
    add(kCausalWord, {"because", "caused", "cause", "causes", "causing", "led", "resulted", "result",
                      "results", "due", "consequence", "consequences", "therefore", "thus"});
    add(kMagnitudeWord, {"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
                         "billions", "trillion", "trillions"});
    add(kNumberWord, {"two",    "three", "four",   "five",    "six",     "seven",      "eight",
                      "nine",   "ten",   "eleven", "twelve",  "fifteen", "twenty",     "thirty",
                      "forty",  "fifty", "sixty",  "seventy", "eighty",  "ninety",     "dozen",
                      "dozens", "half",  "twice",  "doubled", "tripled", "quadrupled", "halved"});
    add(kPercentWord, {"percent", "percentage", "per-cent"});
    add(kStatisticWord,
        {"rate",     "rates",    "average",      "median",   "per",       "capita",    "total",
         "majority", "increase", "increased",    "decrease", "decreased", "rose",      "risen",
         "fell",     "fallen",   "grew",         "grown",    "dropped",   "declined",  "statistics",
         "census",   "survey",   "poll",         "polls",    "estimate",  "estimated", "figures",
         "data",     "gdp",      "unemployment", "poverty",  "income",    "wages",     "cost",
         "costs",    "spent",    "spending"});
    add(kComparativeWord, {"than", "more", "less", "fewer", "compared", "versus", "higher", "lower", "larger",
                           "smaller", "greater", "bigger", "faster", "slower", "cheaper", "worse", "better"});
    add(kPastIrregular,
        {"was",    "were",    "had",   "did",     "went",   "gone",   "made",    "took",  "taken",
         "gave",   "given",   "got",   "came",    "said",   "told",   "sent",    "lost",  "won",
         "built",  "brought", "spent", "paid",    "sold",   "left",   "became",  "began", "begun",
         "grew",   "grown",   "fell",  "fallen",  "rose",   "risen",  "cut",     "kept",  "held",
         "met",    "ran",     "wrote", "written", "signed", "saw",    "seen",    "found", "fought",
         "bought", "led",     "broke", "broken",  "chose",  "chosen", "drove",   "knew",  "known",
         "put",    "set",     "shot",  "stood",   "struck", "taught", "thought", "threw"});
    add(kNotPast, {"need",    "feed",    "seed",   "speed",   "bed",   "red",    "shed",   "fled",  "indeed",
                   "proceed", "succeed", "exceed", "hundred", "naked", "wicked", "sacred", "embed", "breed",
                   "greed",   "creed",   "weed",   "wed",     "bred",  "sled",   "led"});
    add(kPerfectAux, {"has", "have", "had", "haven't", "hasn't", "hadn't", "'ve"});
    add(kFirstPerson, {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd"});
    add(kWeWord, {"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd"});
    add(kSecondPerson,
        {"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd"});
    add(kOpinionWord,
        {"think", "believe", "feel",     "hope",    "wish",      "want",     "should", "must",
         "ought", "agree",   "disagree", "opinion", "convinced", "sure",     "need",   "needs",
         "let's", "let",     "guess",    "suppose", "frankly",   "honestly", "simply", "important",
         "wrong", "right",   "fair",     "great",   "wonderful", "terrible"});
    add(kFutureWord, {"will", "shall", "gonna", "i'll", "we'll", "you'll", "he'll", "she'll", "they'll",
                      "it'll", "won't", "tomorrow", "future", "plan", "propose", "proposal"});
    add(kModalWord, {"would", "could", "might", "may", "can", "can't", "cannot", "wouldn't", "couldn't"});
    add(kPhaticWord, {"thank", "thanks", "please", "welcome", "congratulations", "okay", "ok", "yes",
                      "applause", "laughter", "hello", "goodnight", "sorry"});
    add(kNegationWord, {"not", "no", "nobody", "nothing", "none", "neither", "nor"});
    add(kSpanJoiner, {"of", "the", "and"});
    add(kRankingTail, {"to", "in", "since", "ever"});
    add(kMeasurableWord, {"jobs", "job", "unemployment", "employment", "workers", "wages", "wage", "salaries",
        "salary", "income", "incomes", "prices", "price", "inflation", "economy", "growth", "gdp", "deficit",
        "deficits", "debt", "budget", "budgets", "taxes", "tax", "revenue", "revenues", "spending", "dollars",
        "money", "interest", "loans", "mortgage", "mortgages", "housing", "businesses", "companies",
        "manufacturing", "factories", "exports", "imports", "trade", "tariffs", "oil", "gas", "energy", "coal",
        "farmers", "farm", "stock", "market", "schools", "students", "teachers", "education", "college",
        "tuition", "hospitals", "doctors", "insurance", "premiums", "healthcare", "health", "medicare",
        "medicaid", "pension", "pensions", "benefits", "welfare", "poverty", "retirees", "seniors", "veterans",
        "security", "troops", "soldiers", "military", "army", "navy", "weapons", "missiles", "nuclear", "war",
        "wars", "defense", "terrorists", "terrorism", "attacks", "casualties", "deaths", "crime", "murders",
        "murder", "police", "prisons", "prison", "drugs", "guns", "immigrants", "immigration", "border",
        "refugees", "government", "federal", "administration", "agency", "agencies", "program", "programs"});
    add(kLegislativeWord, {"voted", "vote", "votes", "voting", "bill", "bills", "law", "laws", "legislation",
        "passed", "pass", "signed", "vetoed", "veto", "vetoes", "amendment", "act", "treaty", "treaties",
        "supported", "opposed", "sponsored", "cosponsored", "enacted", "repealed", "congress", "senate"});
    return t;
  }();
  return *table;
}

uint32_t cue_bits(std::string_view word) {
  const auto& table = cue_words();
  const uint32_t* bits = table.find(word);
  return bits == nullptr ? 0 : *bits;
}

bool is_figure(std::string_view t) { return t == "<num>" || t == "<pct>" || t == "<money>" || t == "<year>"; }

bool is_superlative(const ClaimToken& t) {
  if (t.cues & kSuperlativeWord) return true;
  return t.text.size() > 5 && t.text.ends_with("est") && !(t.cues & kNotSuperlative);
}

bool is_past(const ClaimToken& t) {
  if (t.cues & kPastIrregular) return true;
  return t.text.size() > 4 && t.text.ends_with("ed") && !(t.cues & kNotPast);
}

bool is_ordinal(const ClaimToken& t) { return (t.cues & kOrdinalWord) || t.is("<ord>"); }

/// The sentence's words as the model reads them, into `out`. Their normalised text is written to
/// `words`, one buffer for the sentence (a word never grows when normalised, so the views stay
/// valid), instead of a string per token. Both buffers are the caller's, reused from sentence to
/// sentence: most sentences of a document are short, and their allocations cost more than their words.
void claim_tokens(const Document& doc, const Sentence& s, std::string& words, std::vector<ClaimToken>& out) {
  out.clear();
  auto [first, last] = doc.tokens_of(s);
  // A live report's time of day on a line of its own ("7:45 a.m.", then the entry) dates the entry; it
  // is not a figure the entry states.
  const std::string_view text = doc.slice(s.range);
  if (const size_t eol = text.find('\n'); eol != std::string_view::npos) {
    std::string_view line = text.substr(0, eol);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.remove_suffix(1);
    if (is_time_of_day(line))
      while (first != last && first->range.start < s.range.start + eol) ++first;
  }
  size_t room = 0;
  for (const Token* t = first; t != last; ++t) room += t->range.size();
  words.resize(room);
  size_t used = 0;
  for (const Token* t = first; t != last; ++t) {
    std::string_view text = doc.slice(t->range);
    // A compound that starts with a figure ("15-year", "$50,000-a-year") is a word to the grammar
    // but states a figure all the same.
    bool figure = t->kind == TokenKind::kNumber || (t->kind == TokenKind::kWord && !text.empty() &&
                                                    ((text[0] >= '0' && text[0] <= '9') || text[0] == '$' ||
                                                     text.starts_with("£") || text.starts_with("€")));
    if (figure) {
      out.push_back({number_class(text), false, 0});
    } else if (t->kind == TokenKind::kWord || t->kind == TokenKind::kAbbreviation) {
      const size_t n = normalise_word_to(text, words.data() + used);
      ClaimToken c{std::string_view(words.data() + used, n), starts_upper(text), 0};
      used += n;
      c.cues = cue_bits(c.text);
      out.push_back(c);
    }
  }
}

/// Whether the sentence ends in a question mark.
bool is_question(const Document& doc, const Sentence& s) {
  auto [first, last] = doc.tokens_of(s);
  for (const Token* t = last; t != first;) {
    --t;
    if (t->kind == TokenKind::kTerminator) return doc.slice(t->range).find('?') != std::string_view::npos;
  }
  return false;
}

/// What in a sentence makes it checkable whatever its wording: the hard content a hedge cannot undo.
struct Checkables {
  bool figure = false, date = false, ordinal = false, exclusive = false, superlative = false;
  bool any() const { return figure || date || ordinal || exclusive || superlative; }
};

/// "the" + a ranking word + within five words a word that ends the ranking: the shape of "the first
/// country to", "the only state in", "the largest ... since".
template <typename Head, typename Tail>
bool ranked(const std::vector<ClaimToken>& toks, Head head, Tail tail, size_t window = 5) {
  for (size_t k = 0; k + 2 < toks.size(); ++k) {
    if (!toks[k].is("the") || !head(toks[k + 1])) continue;
    for (size_t m = k + 2; m < std::min(k + 2 + window, toks.size()); ++m) {
      if (tail(toks[m])) return true;
    }
  }
  return false;
}

bool is_ranking_tail(const ClaimToken& t) { return (t.cues & kRankingTail) != 0; }

/// A ranking, the model's <ranking> feature: "the first country to", "the only state in", "the
/// largest ... since" (train.py builds the same).
bool ranks(const std::vector<ClaimToken>& toks) {
  return ranked(toks, [](const ClaimToken& t) { return is_ordinal(t) || t.is("only") || is_superlative(t); },
                is_ranking_tail);
}

constexpr double kRankingFloor = 0.6;

/// A place counted in a series: "the third country to", "the fifth breach this month", "the 12th
/// time since". Not "the first" ("the first thing to do" is a plan) and not superlatives or "only",
/// which debates use for opinions ("the best way to", "the only answer").
bool counts_rank(const std::vector<ClaimToken>& toks) {
  auto place = [](const ClaimToken& t) { return is_ordinal(t) && !t.is("first") && !t.is("last"); };
  return ranked(toks, place, [](const ClaimToken& t) { return is_ranking_tail(t) || t.is("this"); }) ||
         // "the third fire at an empty building in Eastfield this year": the period counted in, further out.
         ranked(toks, place, [](const ClaimToken& t) { return t.is("this"); }, 9);
}

/// An association or an effect on health or risk stated as fact: "has been linked to lower IQ", "raises
/// the risk of stroke", "is associated with higher mortality". Fact-checkers check such claims first,
/// and the debates the model learned from hardly make them.
bool states_association(const std::vector<ClaimToken>& toks) {
  for (size_t k = 0; k + 2 < toks.size(); ++k) {
    const ClaimToken& t = toks[k];
    // "has been linked to", "are linked to" (not "is linked to the mainland").
    if (t.is("linked") && toks[k + 1].is("to") && k > 0 &&
        (toks[k - 1].is("been") || ((toks[k - 1].is("is") || toks[k - 1].is("are")) && !toks[k + 2].is("the")))) {
      return true;
    }
    // "raises the risk of", "cuts your risk of".
    static const WordSet change = {"increases", "increase", "increased", "raises", "raise", "raised", "reduces",
                                   "reduce", "reduced", "lowers", "lower", "lowered", "doubles", "double",
                                   "doubled", "halves", "halved", "cuts", "cut"};
    if (change.count(t.text) && (toks[k + 1].is("the") || toks[k + 1].is("your") || toks[k + 1].is("their")) &&
        k + 3 < toks.size() && toks[k + 2].is("risk") && toks[k + 3].is("of")) {
      return true;
    }
    // "is associated with higher mortality".
    if (t.is("associated") && toks[k + 1].is("with") && k > 0 &&
        (toks[k - 1].is("is") || toks[k - 1].is("are") || toks[k - 1].is("been"))) {
      static const WordSet direction = {"higher", "lower", "increased", "reduced", "greater", "less", "more",
                                        "fewer", "a", "an"};
      if (direction.count(toks[k + 2].text)) return true;
    }
  }
  return false;
}

constexpr double kAssociationFloor = 0.55;

Checkables checkables(const std::vector<ClaimToken>& toks) {
  Checkables c;
  for (const ClaimToken& t : toks) {
    if (t.is("<num>") || t.is("<pct>") || t.is("<money>")) c.figure = true;
    if (t.is("<year>") || (t.cap && (t.cues & kMonthWord))) c.date = true;
    if (is_ordinal(t)) c.ordinal = true;
    if (t.cues & kExclusiveWord) c.exclusive = true;
    if (is_superlative(t)) c.superlative = true;
  }
  return c;
}

/// The hash of a feature whose text is fixed, computed at compile time: a sentence has a dozen, and
/// hashing them per sentence was half of the model's cost on a corpus of short sentences.
consteval uint64_t fixed(std::string_view feature) { return FeatureHash(feature).value(); }

/// The model's score: a logistic regression over the writer-recognisable features of the sentence and
/// its frequent words and word pairs. Mirrors features() in tools/claim_model/train.py: every feature
/// counts once, and a feature absent from the weights file weighs nothing.
/// `feats` is the caller's buffer for the feature hashes, reused from sentence to sentence.
double model_score(const std::vector<ClaimToken>& toks, bool question, std::vector<uint64_t>& feats) {
  const WeightTable& model = claim_model();
  if (model.empty()) return 0;
  feats.clear();
  auto f = [&](const FeatureHash& h) { feats.push_back(h.value()); };
  auto cue = [&](uint64_t hash) { feats.push_back(hash); };
  cue(fixed("bias"));
  size_t past = 0, names = 0, spans = 0, quantities = 0;
  bool in_span = false;
  // Each word is in three features: "w:<word>", the pair "b:<previous> <word>" and the next pair
  // "b:<word> <next>". FNV-1a costs a multiply per byte, one after another, so the three hashes are
  // continued over the word's bytes in one loop, side by side, instead of in three passes.
  FeatureHash left = FeatureHash("b:<s> ");  // "b:<previous> ", the start of the word's pair
  for (size_t k = 0; k < toks.size(); ++k) {
    const ClaimToken& t = toks[k];
    const uint32_t c = t.cues;
    FeatureHash word("w:"), pair = left, next("b:");
    for (char ch : t.text) {
      const std::string_view byte(&ch, 1);
      word.add(byte);
      pair.add(byte);
      next.add(byte);
    }
    f(word);
    f(pair);
    left = next.add(" ");
    if (is_figure(t.text)) {
      cue(fixed("<figure>"));
      f(FeatureHash().add(t.text));
    }
    if (is_figure(t.text) || (c & (kNumberWord | kMagnitudeWord))) ++quantities;
    if (c & kMeasurableWord) cue(fixed("<measurable>"));
    if (c & kLegislativeWord) cue(fixed("<legislative>"));
    if (is_ordinal(t)) cue(fixed("<ordinal>"));
    if (c & kExclusiveWord) cue(fixed("<exclusive>"));
    if (is_superlative(t)) cue(fixed("<superlative>"));
    if ((c & kMonthWord) && t.cap) cue(fixed("<month>"));
    if (c & kCausalWord) cue(fixed("<causal>"));
    if (c & kMagnitudeWord) cue(fixed("<magnitude>"));
    if (c & kNumberWord) cue(fixed("<number-word>"));
    if (c & kPercentWord) cue(fixed("<percent>"));
    if (c & kStatisticWord) cue(fixed("<statistic>"));
    if (c & kComparativeWord) cue(fixed("<comparative>"));
    if (c & kFirstPerson) cue(fixed("<i>"));
    if (c & kWeWord) cue(fixed("<we>"));
    if (c & kSecondPerson) cue(fixed("<you>"));
    if (c & kOpinionWord) cue(fixed("<opinion>"));
    if ((c & kFutureWord) || (t.is("going") && k + 1 < toks.size() && toks[k + 1].is("to"))) {
      cue(fixed("<future>"));
    }
    if (c & kModalWord) cue(fixed("<modal>"));
    if (c & kPhaticWord) cue(fixed("<phatic>"));
    if ((c & kNegationWord) || t.text.ends_with("n't")) cue(fixed("<negation>"));
    if (is_past(t)) ++past;
    if ((c & kPerfectAux) && k + 1 < toks.size() && is_past(toks[k + 1])) cue(fixed("<perfect>"));
    // Names: capitalised words after the first ("the Department of Commerce" is one span).
    bool named = t.cap && k > 0 && !t.is("i") && !t.text.starts_with("i'");
    if (named) {
      ++names;
      if (!in_span) ++spans;
    }
    in_span = named || (in_span && (c & kSpanJoiner) && k + 1 < toks.size() && toks[k + 1].cap);
  }
  f(left.add("</s>"));  // "b:<last> </s>", or "b:<s> </s>" for no words
  if (ranks(toks)) cue(fixed("<ranking>"));
  if (question) cue(fixed("<question>"));
  // The counts in buckets ("<past>0".."<past>2"; the training script's spelling), hashed at compile time.
  static constexpr uint64_t kPast[] = {fixed("<past>0"), fixed("<past>1"), fixed("<past>2")};
  static constexpr uint64_t kNames[] = {fixed("<names>0"), fixed("<names>1"), fixed("<names>2"),
                                        fixed("<names>3")};
  static constexpr uint64_t kSpans[] = {fixed("<spans>0"), fixed("<spans>1"), fixed("<spans>2")};
  static constexpr uint64_t kQuantities[] = {fixed("<quantities>0"), fixed("<quantities>1"),
                                             fixed("<quantities>2"), fixed("<quantities>3")};
  static constexpr uint64_t kLength[] = {fixed("<len>0"), fixed("<len>1"), fixed("<len>2"),
                                         fixed("<len>3"), fixed("<len>4"), fixed("<len>5")};
  cue(kPast[std::min<size_t>(past, 2)]);
  cue(kQuantities[std::min<size_t>(quantities, 3)]);
  cue(kNames[std::min<size_t>(names, 3)]);
  cue(kSpans[std::min<size_t>(spans, 2)]);
  size_t n = toks.size();
  cue(kLength[n < 6 ? 0 : n < 10 ? 1 : n < 15 ? 2 : n < 22 ? 3 : n < 32 ? 4 : 5]);
  // A feature counts once however often it occurs. Most features are not in the model (the table's bit
  // filter says so cheaply), so only those that are get sorted and de-duplicated; they are summed in
  // hash order, as before, so the score is the same to the last bit.
  feats.erase(std::remove_if(feats.begin(), feats.end(), [&](uint64_t h) { return model.weight(h) == 0; }),
              feats.end());
  std::sort(feats.begin(), feats.end());
  feats.erase(std::unique(feats.begin(), feats.end()), feats.end());
  double z = 0;
  for (uint64_t h : feats) z += model.weight(h);
  return 1.0 / (1.0 + std::exp(-std::clamp(z, -30.0, 30.0)));
}

// ---- software described -------------------------------------------------------------------------

/// Whether the sentence compares or ranks software on what a reader would want a benchmark or a
/// survey for: "faster than", "3 times faster", "the smallest", "one of the most performant". A
/// comparison with other software is a claim all the same ("2 times faster than X" needs its
/// benchmark). A comparison with a number is a condition ("dividers that are bigger than 1", "a
/// status smaller than 300"), and a superlative of the program's own parts describes it ("the nearest
/// ancestor", "the most recent error", "the most common use case").
bool compares(const std::vector<ClaimToken>& toks) {
  static const WordSet comparatives = {"faster", "slower", "quicker", "smaller", "lighter", "cheaper",
                                       "better", "worse", "bigger", "times", "outperforms", "beats"};
  static const WordSet superlatives = {"fastest", "slowest", "quickest", "smallest", "lightest", "cheapest",
                                       "largest", "best", "worst", "leanest", "tiniest"};
  static const WordSet merits = {"performant", "efficient", "popular", "widely", "used", "downloaded",
                                 "complete", "comprehensive", "accurate", "robust", "reliable", "secure",
                                 "powerful", "advanced", "mature", "compact", "optimized", "optimised"};
  for (size_t k = 0; k < toks.size(); ++k) {
    const ClaimToken& t = toks[k];
    if (comparatives.count(t.text)) {
      // "bigger than 1", "smaller than `8PiB`" (a code span leaves no token), "greater than or equal".
      const bool condition = k + 1 < toks.size() && toks[k + 1].is("than") &&
                             (k + 2 >= toks.size() || is_figure(toks[k + 2].text) || toks[k + 2].is("or"));
      if (!condition) return true;
    }
    // A ranking names what it ranks among: "the fastest", "one of the most performant" ("It is best on
    // node 0.8" and "most popular readers" rank nothing).
    const bool among = k > 0 && (toks[k - 1].is("the") || toks[k - 1].is("of"));
    if (among && superlatives.count(t.text)) return true;
    if (among && (t.is("most") || t.is("least")) && k + 1 < toks.size() && merits.count(toks[k + 1].text)) {
      return true;
    }
  }
  return false;
}

/// A lead-in that ends in a colon ("The options supported are:", "Signing a token with 1 hour of
/// expiration:") introduces a list, a table, a code block or a quotation, which holds the content.
bool is_lead_in(const Document& doc, const Sentence& s) {
  auto [first, last] = doc.tokens_of(s);
  for (const Token* t = last; t != first;) {
    --t;
    if (t->kind == TokenKind::kMarkup) continue;
    return (t->kind == TokenKind::kPunctuation || t->kind == TokenKind::kTerminator) && doc.slice(t->range) == ":";
  }
  return false;
}

/// Whether a sentence has a word at all: "1." before "Water supply." in a numbered plain-text list
/// is the list's marker.
bool has_word(const Document& doc, const Sentence& s) {
  auto [first, last] = doc.tokens_of(s);
  return std::any_of(first, last, [](const Token& t) { return t.kind == TokenKind::kWord; });
}

/// A page's own record or a pointer, not a claim: a field of its metadata ("Last updated: Tue, 07 Nov
/// 2023", "Published: 3 May 2024") or an instruction to look elsewhere ("See RFC 3339 for details").
bool is_page_note(const std::vector<ClaimToken>& toks, const Document& doc, const Sentence& s) {
  if (toks.empty()) return false;
  if (toks[0].is("see") && toks[0].cap) return true;
  static const WordSet fields = {"updated", "published", "posted", "modified", "created", "date", "dated",
                                 "edited", "reviewed", "retrieved", "accessed",
                                 // A notice's fields: "Next meeting: 3 March, 7 pm", "Deadline: 1 May".
                                 "meeting", "deadline", "venue", "time", "location", "when", "where", "hours",
                                 // Minutes' record of who came: "Present: 23 members. Apologies: 4."
                                 "present", "apologies", "absent", "attendees", "attending", "chair",
                                 // A newspaper's own record: "Correction: October 2, 2016, Sunday."
                                 "correction", "corrections", "clarification"};
  // The field's name, one or two words, ends at a colon.
  auto [first, last] = doc.tokens_of(s);
  size_t words = 0;
  for (const Token* t = first; t != last && words <= 2; ++t) {
    if (t->kind == TokenKind::kWord) {
      ++words;
      continue;
    }
    if (t->kind == TokenKind::kMarkup) continue;
    return doc.slice(t->range) == ":" && words >= 1 && words <= 2 && fields.count(toks[words - 1].text);
  }
  return false;
}

// ---- sourcing -----------------------------------------------------------------------------------

/// Whether an attribution sources the claims of its sentence. The writer quoting themselves ("I
/// said", "we believe", "our team found") sources nothing, and neither does a broad, learned
/// attribution ("took aim at"): only a report of what a source said, wrote, found or showed does.
bool sources_sentence(const Document& doc, const Attribution& a) {
  if (a.inferred) return false;
  if (a.writer_source) {
    // The writer's view is no source, but their outlet's eyewitness is one: "our reporter there says",
    // "our correspondent in Kyiv reported".
    static const WordSet eyewitness = {"reporter", "reporters", "correspondent", "correspondents", "journalist",
                                       "journalists", "photographer", "crew"};
    std::string w = normalise_word(doc.slice(a.source));
    bool named = false;
    for (size_t at = 0; at <= w.size();) {
      size_t space = w.find(' ', at);
      if (space == std::string::npos) space = w.size();
      named = named || eyewitness.count(std::string_view(w).substr(at, space - at)) > 0;
      at = space + 1;
    }
    return named;
  }
  if (!a.source.empty()) {
    std::string w = normalise_word(doc.slice(a.source));
    // "A lot of evidence points to ...": evidence nobody names is no source (the weasel check says so).
    static const WordSet non_sources = {"evidence", "signs", "indications", "facts", "everything"};
    size_t space = w.rfind(' ');
    if (non_sources.count(std::string_view(w).substr(space == std::string::npos ? 0 : space + 1))) {
      return false;
    }
    if (w == "you") return false;
  }
  return true;
}

/// Nouns that refer back to a statement or report: "The declaration did not mention ...".
bool is_report_noun(std::string_view w) {
  static const WordSet s = {"statement", "declaration", "communique", "communiqué", "announcement",
                            "report", "reports", "study", "survey", "poll", "document", "memo",
                            "letter", "release", "readout", "briefing", "remarks", "comments",
                            "speech", "interview", "post", "tweet", "video", "filing", "complaint",
                            "indictment", "ruling", "analysis", "paper", "article", "book", "data",
                            "figures", "findings", "transcript", "message", "notice", "decree",
                            "resolution", "testimony", "account", "agency", "ministry", "newspaper"};
  return s.count(w) > 0;
}

/// Connectives by which the writer turns from the source to their own voice.
bool is_turn(std::string_view w) {
  static const WordSet s = {"however", "but", "yet", "still", "meanwhile", "nevertheless",
                            "nonetheless", "separately", "instead", "actually", "indeed", "although",
                            "though", "while", "whereas"};
  return s.count(w) > 0;
}

/// The first few normalised words of a sentence.
std::vector<std::string> leading_words(const Document& doc, const Sentence& s, size_t count) {
  std::vector<std::string> out;
  auto [first, last] = doc.tokens_of(s);
  for (const Token* t = first; t != last && out.size() < count; ++t) {
    if (t->kind == TokenKind::kWord || t->kind == TokenKind::kAbbreviation) {
      out.push_back(normalise_word(doc.slice(t->range)));
    }
  }
  return out;
}

/// Per sentence: whether it starts inside a quotation that opened in an earlier sentence (quotations
/// are paired within a block, so this never looks across blocks).
std::vector<bool> continued_quotations(const Document& doc) {
  const auto& sentences = doc.sentences();
  std::vector<bool> out(sentences.size(), false);
  for (const Quotation& q : doc.quotations()) {
    auto it = std::upper_bound(sentences.begin(), sentences.end(), q.range.start,
                               [](uint32_t pos, const Sentence& s) { return pos < s.range.start; });
    for (; it != sentences.end() && it->range.start < q.range.end; ++it) {
      out[static_cast<size_t>(it - sentences.begin())] = true;
    }
  }
  return out;
}

/// An elliptical sentence that only completes the previous one: "Donetsk and Luhansk do not.", "So
/// did the ministry."
bool is_elliptical(const Document& doc, const Sentence& s) {
  static const WordSet aux = {"do", "does", "did", "is", "are", "was", "were", "has", "have", "had",
                              "will", "would", "can", "could", "should", "don't", "doesn't", "didn't",
                              "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "won't"};
  static const WordSet tail = {"not", "too", "either", "also", "so", "neither"};
  std::vector<std::string> words;
  auto [first, last] = doc.tokens_of(s);
  for (const Token* t = first; t != last; ++t) {
    if (t->kind == TokenKind::kWord) words.push_back(normalise_word(doc.slice(t->range)));
  }
  if (words.empty() || words.size() > 8) return false;
  if ((words[0] == "so" || words[0] == "neither" || words[0] == "nor") && words.size() > 1 &&
      aux.count(words[1])) {
    return true;
  }
  size_t k = words.size();
  while (k > 0 && tail.count(words[k - 1])) --k;
  return k > 0 && k < words.size() + 1 && aux.count(words[k - 1]) && k >= 2;
}

/// A sentence that continues the previous one's subject: "However, it has ...", "They have ...".
bool continues_subject(const Document& doc, const Sentence& s) {
  static const WordSet connectives = {"however", "but", "and", "yet", "still", "also", "moreover",
                                      "furthermore", "since", "then", "meanwhile"};
  static const WordSet pronouns = {"it", "they", "he", "she", "this", "these", "its", "their"};
  std::vector<std::string> words = leading_words(doc, s, 4);
  size_t k = 0;
  while (k < words.size() && connectives.count(words[k])) ++k;
  return k < words.size() && pronouns.count(words[k]);
}

/// Hedges that make a sentence the writer's own speculation: modal verbs, "appears to", "probably".
/// Evidential adverbs ("reportedly") point to a source instead, and approximators ("mostly") only
/// blur a quantity.
bool speculates(const Document& doc, const std::vector<Cue>& cues, size_t first, uint32_t sentence) {
  static const WordSet evidential = {"reportedly", "allegedly", "purportedly", "reputedly",
                                     "supposedly", "ostensibly"};
  for (size_t i = first; i < cues.size() && cues[i].sentence == sentence; ++i) {
    const Cue& c = cues[i];
    if (c.kind != CueKind::kHedge || c.in_quotation) continue;
    if (c.category == "approximator") continue;
    if (evidential.count(normalise_word(doc.slice(c.range)))) continue;
    return true;
  }
  return false;
}

/// The writer states a hypothesis of their own: "We hypothesised that the rate would peak at 35 °C",
/// "we speculate that". What follows is not asserted as fact, figures or not.
bool own_hypothesis(const Document& doc, const Sentence& s) {
  // Not "expect", "predict" or "guess": "we expect to spend $43 billion" states a plan, "I predict"
  // often follows a fact ("It's now 12, and I predict ..."), "I guess" is a shrug (ClaimBuster
  // kfold25 marks such sentences check-worthy).
  static const std::string_view stems[] = {"hypothes", "conjectur", "speculat"};
  auto [first, last] = doc.tokens_of(s);
  bool after_person = false;  // the previous word (past adverbs) is "I" or "we"
  for (const Token* t = first; t != last; ++t) {
    if (t->kind != TokenKind::kWord) {
      after_person = false;
      continue;
    }
    const std::string_view raw = doc.slice(t->range);
    if (after_person) {
      const std::string w = normalise_word(raw);  // only the word after "I" or "we"
      for (std::string_view stem : stems) {
        if (w.starts_with(stem)) return true;
      }
      if (w.size() > 4 && w.ends_with("ly")) continue;  // "we initially expected"
    }
    after_person = raw == "I" || raw == "we" || raw == "We" || raw == "WE";
  }
  return false;
}

/// The writer's recommendation: "We recommend full electrification, starting in 2026", "I propose
/// that ...". A proposal, not an assertion of fact; one that states amounts ("I propose to spend 1.6
/// trillion dollars") puts figures up for checking all the same (ClaimBuster kfold25 marks it so).
bool recommends(const std::vector<ClaimToken>& toks) {
  static const WordSet verbs = {"recommend", "propose", "urge", "advise", "call", "ask"};
  for (const ClaimToken& t : toks) {
    if (t.is("<num>") || t.is("<money>") || t.is("<pct>") || (t.cues & (kMagnitudeWord | kPercentWord))) return false;
  }
  // "The use of badges is recommended to indicate ...", "It is advised that ...": advice with no
  // one giving it, as documentation words its recommendations.
  for (size_t j = 0; j + 1 < toks.size(); ++j) {
    if ((toks[j].is("is") || toks[j].is("are")) &&
        (toks[j + 1].is("recommended") || toks[j + 1].is("advised") || toks[j + 1].is("encouraged") ||
         toks[j + 1].is("discouraged"))) {
      return true;
    }
  }
  size_t k = 0;
  if (k < toks.size() && (toks[k].is("we") || toks[k].is("i"))) ++k;
  else return false;
  if (k < toks.size() && (toks[k].is("therefore") || toks[k].is("strongly") || toks[k].is("also"))) ++k;
  return k < toks.size() && verbs.count(toks[k].text) > 0;
}

/// A title that states no more than a date: "Minutes of the committee meeting, 4 February", "The
/// Harbour Riots of 1911", "Annual report 2024". Its figures are years, or days beside a month, and
/// nothing in it ranks, compares or counts.
bool dated_title(const std::vector<ClaimToken>& toks) {
  bool dated = false;
  for (size_t k = 0; k < toks.size(); ++k) {
    const ClaimToken& t = toks[k];
    if (t.is("<year>")) {
      dated = true;
    } else if (t.is("<num>") || t.is("<ord>")) {
      const bool by_month = (k > 0 && toks[k - 1].cap && (toks[k - 1].cues & kMonthWord)) ||
                            (k + 1 < toks.size() && toks[k + 1].cap && (toks[k + 1].cues & kMonthWord));
      if (!by_month) return false;
      dated = true;
    } else if (t.text.starts_with("<")) {
      return false;  // an amount of money, a percentage
    } else if (t.cues & (kSuperlativeWord | kComparativeWord | kExclusiveWord | kMagnitudeWord | kNumberWord |
                         kPercentWord | kCausalWord)) {
      return false;
    }
  }
  return dated;
}

/// A decision on record, as minutes keep it: "It was agreed to ask two plumbers for quotes", "It
/// was resolved to hold the fair in May". What the body will do, not a fact to source.
bool records_decision(const std::vector<ClaimToken>& toks) {
  return toks.size() > 4 && toks[0].is("it") && toks[1].is("was") &&
         (toks[2].is("agreed") || toks[2].is("decided") || toks[2].is("resolved")) && toks[3].is("to");
}

/// The writer's account of asking for comment: "The ministry did not respond to three requests for
/// comment", "Oredsson could not be reached for comment on Friday", "did not return calls seeking
/// comment". It reports the reporting, not a fact about the world to source.
bool asks_for_comment(const std::vector<ClaimToken>& toks) {
  for (size_t k = 1; k < toks.size(); ++k) {
    if (!toks[k].is("comment") && !toks[k].is("comments")) continue;
    const ClaimToken& before = toks[k - 1];
    if (before.is("for") || before.is("seeking") || before.is("requesting")) return true;
  }
  return false;
}

/// An instruction to the reader, not a claim: "Keep at least three days of water at home: about 4
/// litres per person per day", "Never run a generator indoors". "Keep in mind that ..." introduces a
/// claim and is not one.
bool instructs(const std::vector<ClaimToken>& toks) {
  static const WordSet imperative = {"keep", "charge", "store", "buy", "avoid", "turn", "put", "bring", "follow",
                                     "add", "remove", "set", "check", "use", "take", "wear", "drink", "eat", "stay",
                                     "never", "pack", "fill", "switch", "unplug", "install", "book", "plan", "bake",
                                     "stir", "mix", "pour", "heat", "boil", "cut", "chop", "serve"};
  if (toks.size() < 2 || !toks[0].cap || !imperative.count(toks[0].text)) return false;
  if (toks[0].is("keep") && toks[1].is("in")) return false;
  // A noun that opens the sentence is its subject: "Charge levels fell", "Use of the pier rose", "Set
  // operations are slower".
  static const WordSet finite = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could"};
  for (size_t k = 1; k < toks.size() && k < 4; ++k) {
    if (finite.count(toks[k].text)) return false;
  }
  return !toks[1].is("of") && !is_past(toks[1]);
}

/// Directions to a contact, not a claim: "For more information, call the helpline on 0800 555 0199",
/// "To book, email the office", "Visit the company's website", "Witnesses are asked to call 101".
bool gives_contact(const std::vector<ClaimToken>& toks) {
  static const WordSet contact = {"call", "phone", "ring", "email", "e-mail", "visit", "contact", "write", "text"};
  if (toks.empty()) return false;
  if (contact.count(toks[0].text)) return true;
  // "Anyone who saw the collision is asked to call 101", "Customers should contact the shop".
  for (size_t k = 1; k < toks.size(); ++k) {
    if (!contact.count(toks[k].text)) continue;
    const ClaimToken& before = toks[k - 1];
    if (before.is("should") || before.is("can") || before.is("may") || before.is("must") ||
        (before.is("to") && k >= 2 && (toks[k - 2].is("asked") || toks[k - 2].is("urged") ||
                                        toks[k - 2].is("encouraged") || toks[k - 2].is("invited")))) {
      return true;
    }
  }
  if (!toks[0].is("for") && !toks[0].is("to") && !toks[0].is("if")) return false;
  for (size_t k = 1; k < toks.size() && k < 7; ++k) {
    if (!contact.count(toks[k].text)) continue;
    const ClaimToken& before = toks[k - 1];
    // "For more information call", "If in doubt, you can call"; not "the call", "a visit".
    return !before.is("the") && !before.is("a") && !before.is("an") && !before.is("this") && !before.is("his") &&
           !before.is("her") && !before.is("their") && !before.is("its");
  }
  return false;
}

/// The writer's own measurement: "In my testing it managed about 70 km", "In our tests ...", "We
/// measured 142 tonnes", "I timed the crossing at 14 minutes". Its source is the writer's own work,
/// as in a Results section.
bool own_measurement(const std::vector<ClaimToken>& toks) {
  // "In my testing", "in our tests", "On our benchmark corpus", "In our survey of 1,100 families" (a
  // team of the writer's that reports, "Our survey team reported", is the writer citing themselves).
  static const WordSet work = {"testing", "tests", "test", "measurements", "benchmark", "benchmarks", "survey",
                               "surveys", "experiments", "experiment", "analysis", "calculations", "count"};
  for (size_t k = 0; k + 2 < toks.size(); ++k) {
    // "..., according to our analysis of insurance claims".
    if (toks[k].is("according") && k + 3 < toks.size() && toks[k + 1].is("to") &&
        (toks[k + 2].is("my") || toks[k + 2].is("our")) && work.count(toks[k + 3].text)) {
      return true;
    }
    if (k >= 12) continue;
    if ((toks[k].is("in") || toks[k].is("on") || toks[k].is("from") || toks[k].is("during")) &&
        (toks[k + 1].is("my") || toks[k + 1].is("our")) && work.count(toks[k + 2].text)) {
      return true;
    }
  }
  // The writer's own measurement: "We measured 142 tonnes", "I timed the crossing".
  static const WordSet measured = {"measured", "timed",    "weighed",   "counted",     "clocked",  "recorded",
                                   "tested",   "surveyed", "sampled",   "monitored",   "profiled", "benchmarked",
                                   "interviewed"};
  for (size_t k = 0; k + 1 < toks.size() && k < 12; ++k) {
    if (!toks[k].is("i") && !toks[k].is("we")) continue;
    size_t verb = k + 1;
    // One adverb may come between: "we only tested three", "we then sampled".
    if (verb + 1 < toks.size() && (toks[verb].is("only") || toks[verb].is("then") || toks[verb].is("also") ||
                                   toks[verb].is("first") || toks[verb].text.ends_with("ly"))) {
      ++verb;
    }
    if (measured.count(toks[verb].text)) return true;
    // A reviewer's own use: "I rode the bike for three weeks", "I wore it on two runs". Only "I": a
    // politician's "we used" is a record to check. ("ran", "spent", "tried" are records too.)
    // It opens the sentence: "When I walked into the Oval Office, I had a deficit" is a record.
    static const WordSet used = {"rode", "drove", "wore", "used", "stayed", "ate", "lived", "hiked", "cooked",
                                 "baked", "tasted", "owned"};
    if (k == 0 && toks[k].is("i") && used.count(toks[verb].text)) return true;
  }
  return false;
}

/// A statistical test reported with its result: "(p < 0.01)", "p = 0.03". Research prose reports its
/// own analysis that way; the figures it qualifies are the text's own findings.
bool reports_test_statistic(const Document& doc, const Sentence& s) {
  auto [first, last] = doc.tokens_of(s);
  for (const Token* t = first; t + 2 < last; ++t) {
    if (t->kind != TokenKind::kWord || (doc.slice(t->range) != "p" && doc.slice(t->range) != "P")) continue;
    const std::string_view op = doc.slice(t[1].range);
    if ((op == "<" || op == "=" || op == "≤" || op == "<=") && t[2].kind == TokenKind::kNumber) return true;
  }
  return false;
}

/// "Why our parser got three times faster", "How the levy was spent": a heading that promises an
/// explanation announces what the text goes on to show.
bool opens_with_why_or_how(const Document& doc, const Sentence& s) {
  const std::vector<std::string> lead = leading_words(doc, s, 1);
  return !lead.empty() && (lead[0] == "why" || lead[0] == "how");
}

}  // namespace

bool opens_with_quotation(const Document& doc, const Sentence& s) {
  auto [first, last] = doc.tokens_of(s);
  while (first != last && first->kind == TokenKind::kMarkup) ++first;
  return first != last && first->kind == TokenKind::kOpenQuote;
}

namespace {

/// A narrative citation: an author's name and the year of the work in brackets, "Cooper et al.
/// (2006)", "Smith and Jones (2019)", "Hollis (2004, p. 112)". `t` is the opening bracket. A film or
/// a book given with its year ("Titanic (1997)") has the same shape and counts too.
bool narrative_citation(const Document& doc, const Token* first, const Token* t, const Token* last) {
  if (t == first || t + 2 >= last || t[1].kind != TokenKind::kNumber) return false;
  const Token& name = t[-1];
  const std::string_view before = doc.slice(name.range);
  const bool author = (name.kind == TokenKind::kAbbreviation && before == "al.") ||
                      (name.kind == TokenKind::kWord && starts_upper(before));
  if (!author) return false;
  const std::string_view year = doc.slice(t[1].range);
  if (year.size() != 4 || !(year.starts_with("1") || year.starts_with("20"))) return false;
  if (std::any_of(year.begin(), year.end(), [](char c) { return c < '0' || c > '9'; })) return false;
  // The bracket closes right after the year, or after a page: "(2004, p. 112)".
  const Token* close = t + 2;
  if (doc.slice(close->range) == ",") {
    while (close != last && close - t < 8 && close->kind != TokenKind::kCloseBracket) ++close;
  }
  return close != last && close->kind == TokenKind::kCloseBracket;
}

}  // namespace

bool has_citation(const Document& doc, const Sentence& s) {
  auto [first, last] = doc.tokens_of(s);
  bool case_name = false;  // "Baker v. Selden": a court case, cited by its parties
  for (const Token* t = first; t != last; ++t) {
    if (t != first && t + 1 != last && (doc.slice(t->range) == "v." || doc.slice(t->range) == "vs.")) {
      auto capitalised = [&](const Token& x) {
        return (x.kind == TokenKind::kWord || x.kind == TokenKind::kAbbreviation) && starts_upper(doc.slice(x.range));
      };
      const Token* after = t + 1;
      while (after != last && after->kind == TokenKind::kMarkup) ++after;
      const Token* before = t - 1;
      while (before != first && (before->kind == TokenKind::kMarkup || doc.slice(before->range) == ",")) --before;
      case_name = case_name || (after != last && capitalised(*before) && capitalised(*after));
    }
    // ... with the year of its decision in brackets: "Baker v. Selden, 101 U.S. 99 (1879)".
    if (case_name && t->kind == TokenKind::kOpenBracket && t + 2 < last && t[1].kind == TokenKind::kNumber &&
        doc.slice(t[1].range).size() == 4 && t[2].kind == TokenKind::kCloseBracket) {
      return true;
    }
    if (t->kind == TokenKind::kOpenBracket && doc.slice(t->range) == "(" && narrative_citation(doc, first, t, last)) {
      return true;
    }
    if ((t->kind == TokenKind::kCitation && !asks_for_source(doc.slice(t->range))) || t->kind == TokenKind::kUrl ||
        t->kind == TokenKind::kLink) {
      return true;
    }
    // "(see Table 2)", "(Fig. 3)", "(Appendix B)": the text's own data, shown where the reader can
    // check it.
    if (t->kind == TokenKind::kOpenBracket && doc.slice(t->range) == "(") {
      const Token* w = t + 1;
      if (w != last && (w->kind == TokenKind::kWord || w->kind == TokenKind::kAbbreviation)) {
        std::string word = normalise_word(doc.slice(w->range));
        if ((word == "see" || word == "cf") && w + 1 != last) {
          ++w;
          if (w != last && doc.slice(w->range) == ".") ++w;
          if (w == last) break;
          word = normalise_word(doc.slice(w->range));
        }
        if (word.ends_with(".")) word.pop_back();
        static const WordSet exhibits = {"table", "tables", "tab", "figure", "figures", "fig", "figs",
                                         "appendix", "supplementary", "box", "chart", "exhibit"};
        if (exhibits.count(word) && w + 1 != last &&
            (w[1].kind == TokenKind::kNumber || w[1].kind == TokenKind::kWord ||
             doc.slice(w[1].range) == ".")) {
          return true;
        }
      }
    }
  }
  return false;
}

std::vector<SentenceClaim> assess_claims(const Document& doc, const std::vector<Cue>& cues,
                                         const std::vector<Attribution>& attributions, double threshold,
                                         const std::vector<bool>& software_block) {
  const auto& sentences = doc.sentences();
  std::vector<SentenceClaim> out(sentences.size());
  // Which sentences carry a sourcing attribution of their own, and of what kind.
  std::vector<int32_t> own(sentences.size(), -1);  // index into `attributions`
  for (size_t k = 0; k < attributions.size(); ++k) {
    const Attribution& a = attributions[k];
    if (a.sentence < own.size() && own[a.sentence] < 0 && sources_sentence(doc, a)) {
      own[a.sentence] = static_cast<int32_t>(k);
    }
  }
  std::vector<bool> in_quotation = continued_quotations(doc);
  // Blocks that document software: a paragraph or list item one of whose sentences names code, a
  // version or a flag is about that software throughout ("`cb` is called for each node. References
  // are not resolved.").
  size_t cue_index = 0;
  // The current sentence's tokens, their normalised words and the model's features, reused.
  std::vector<ClaimToken> toks;
  std::string words;
  std::vector<uint64_t> feats;
  // The last sourced sentence of the current block, and whether what follows it may inherit.
  int32_t context = -1;
  int32_t context_attribution = -1;
  for (uint32_t s = 0; s < sentences.size(); ++s) {
    const Sentence& sentence = sentences[s];
    SentenceClaim& claim = out[s];
    claim.sentence = s;
    if (s > 0 && sentences[s - 1].block != sentence.block) {
      context = -1;  // carry-over never crosses a paragraph: the server caches by block
      context_attribution = -1;
    }
    while (cue_index < cues.size() && cues[cue_index].sentence < s) ++cue_index;
    // A table cell is a datum, not a sentence: a report per cell would bury the rest of the document.
    if (doc.blocks()[sentence.block].kind == BlockKind::kTableCell) continue;
    // A heading that asks ("Fact check: Did the levy double?") announces what the text examines; one
    // that opens with a quotation ("“We were never told”: a pilot ...") announces whom it quotes.
    if (doc.blocks()[sentence.block].kind == BlockKind::kHeading &&
        (is_question(doc, sentence) || opens_with_quotation(doc, sentence) || opens_with_why_or_how(doc, sentence))) {
      continue;
    }

    claim_tokens(doc, sentence, words, toks);
    claim.instruction = instructs(toks);
    const bool question = is_question(doc, sentence);
    claim.score = model_score(toks, question, feats);
    // A ranking stated as fact ("the third country to", "the only state in") is what fact-checkers
    // check first, whatever the debates the model learned from made of its words.
    if (!question && counts_rank(toks)) claim.score = std::max(claim.score, kRankingFloor);
    if (!question && states_association(toks)) claim.score = std::max(claim.score, kAssociationFloor);
    Checkables hard = checkables(toks);
    bool check_worthy = claim.score >= threshold && claim.score > 0;
    // Documentation of software: a sentence that names code, a version or a flag describes what the
    // software does, which the reader checks by running it; so does every sentence of a Markdown
    // document that documents software. Only a comparison with other software or a ranking ("faster than",
    // "the smallest") stays a claim to source.
    auto describes_software = [&] {
      return (software_block[sentence.block] || doc.documents_software() || doc.states_rules()) && !compares(toks);
    };
    // A lead-in's content is what it introduces; a page's own notes and pointers state nothing.
    auto is_aside = [&] {
      // A live report's time stamp standing alone: "11:50 a.m."
      std::string_view text = doc.slice(sentence.range);
      while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
      if (is_time_of_day(text)) return true;
      return is_lead_in(doc, sentence) || is_page_note(toks, doc, sentence) || recommends(toks) ||
             records_decision(toks) || asks_for_comment(toks) || gives_contact(toks) || claim.instruction || !has_word(doc, sentence) ||
             (doc.blocks()[sentence.block].kind == BlockKind::kHeading && dated_title(toks));
    };
    if (check_worthy && (describes_software() || is_aside())) check_worthy = false;

    // In a "Results" or "Findings" section the text's own work is the source of its figures.
    // A footnote's text is where the writer names a source, not a claim of its own. A transcript's
    // speaker and an interview's answer speak for themselves.
    const Block& block = doc.blocks()[sentence.block];
    bool sourced = own[s] >= 0 || has_citation(doc, sentence) || block.own_findings || block.footnote ||
                   own_measurement(toks) || reports_test_statistic(doc, sentence) || block.spoken;
    bool by_context = false;
    if (!sourced && context >= 0) {
      // Carry-over: the sentence continues a quotation, refers back to the statement or report, or
      // directly follows a report from a document, an institution or an outlet (whose content the
      // next sentence usually goes on paraphrasing) without turning to the writer's own voice.
      std::vector<std::string> lead = leading_words(doc, sentence, 3);
      bool turns = !lead.empty() && is_turn(lead[0]);
      bool refers_back = lead.size() >= 2 && (lead[0] == "the" || lead[0] == "that" || lead[0] == "this") &&
                         is_report_noun(lead[1]);
      const Attribution* a = context_attribution >= 0 ? &attributions[static_cast<size_t>(context_attribution)] : nullptr;
      bool report_kind = a != nullptr && a->kind != SourceKind::kNamedPerson && !a->stance;
      bool adjacent = context == static_cast<int32_t>(s) - 1 ||
                      (context < static_cast<int32_t>(s) - 1 && out[s - 1].context == context);
      // '"We were surprised," Halvorsen said. "It reached three metres."': the next quotation in the
      // paragraph goes on with the same speaker's words.
      const Sentence& before = doc.sentences()[static_cast<size_t>(context)];
      bool quote_goes_on = a != nullptr && context == static_cast<int32_t>(s) - 1 && opens_with_quotation(doc, sentence);
      if (quote_goes_on) {
        // Quotations are in document order: the last one that starts before the sentence's end.
        const auto& quotes = doc.quotations();
        auto q = std::lower_bound(quotes.begin(), quotes.end(), before.range.end,
                                  [](const Quotation& x, uint32_t at) { return x.range.start < at; });
        quote_goes_on = q != quotes.begin() && std::prev(q)->range.overlaps(before.range);
      }
      if (in_quotation[s] || refers_back || quote_goes_on || (report_kind && adjacent && !turns)) {
        by_context = true;
      }
    }

    if (sourced) {
      claim.status = check_worthy ? ClaimStatus::kAttributed : ClaimStatus::kNone;
      context = static_cast<int32_t>(s);
      context_attribution = own[s];
      claim.context = -1;
      continue;
    }
    if (by_context) {
      claim.status = check_worthy ? ClaimStatus::kAttributedByContext : ClaimStatus::kNone;
      claim.context = context;
      continue;
    }
    // The rest is the writer's own. A sentence continuing an unsourced claim in the same paragraph
    // (an ellipsis, or the same subject taken up by a pronoun) is part of that claim.
    if (s > 0 && sentences[s - 1].block == sentence.block && out[s - 1].status == ClaimStatus::kUnsourced &&
        (is_elliptical(doc, sentence) || continues_subject(doc, sentence))) {
      claim.score = std::max(claim.score, 0.9 * out[s - 1].score);
      check_worthy = claim.score >= threshold && claim.score > 0 && !describes_software() && !is_aside();
    }
    // Hedged analysis with nothing hard to check in it is speculation, not an unsourced fact; a hedge
    // on a figure, date or ordinal claim leaves the fact to be sourced ("may have sent weapons in
    // February").
    if ((speculates(doc, cues, cue_index, s) && !hard.any()) || own_hypothesis(doc, sentence)) {
      claim.status = ClaimStatus::kSpeculative;
      context = -1;
      continue;
    }
    claim.status = check_worthy ? ClaimStatus::kUnsourced : ClaimStatus::kNone;
    // The writer's own claim ends any carry-over.
    if (check_worthy) context = -1;
  }
  return out;
}

}  // namespace evidential::core
