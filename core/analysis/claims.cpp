// Claims: how check-worthy each sentence is (a logistic model over word and number features, trained
// on ClaimBuster by tools/claim_model/train.py) and whether anything sources it — an attribution, a
// citation or link, or an attributed neighbour in the same paragraph that it continues.
#include "core/analysis/claims.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/analysis/weights.h"
#include "core/embedded.h"
#include "core/lexicon.h"

namespace evidential::core {
namespace {

using WordSet = std::unordered_set<std::string_view>;

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
  std::string text;  // normalised word, or a number class
  bool cap = false;
};

std::vector<ClaimToken> claim_tokens(const Document& doc, const Sentence& s) {
  std::vector<ClaimToken> out;
  auto [first, last] = doc.tokens_of(s);
  for (const Token* t = first; t != last; ++t) {
    std::string_view text = doc.slice(t->range);
    if (t->kind == TokenKind::kNumber) {
      out.push_back({std::string(number_class(text)), false});
    } else if (t->kind == TokenKind::kWord || t->kind == TokenKind::kAbbreviation) {
      out.push_back({normalise_word(text), starts_upper(text)});
    }
  }
  return out;
}

// The design's check-worthy elements (DESIGN.md section 4), as the model's features: figures, dates,
// ordinal and exclusive claims, superlatives, causes, named entities. Mirrors cue_features() in
// tools/claim_model/train.py.
const WordSet& ordinals() {
  static const WordSet s = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                            "eighth", "ninth", "tenth", "last"};
  return s;
}
const WordSet& exclusives() {
  static const WordSet s = {"only", "sole", "solely", "never", "ever", "unprecedented", "record"};
  return s;
}
const WordSet& months() {
  static const WordSet s = {"january", "february", "march", "april", "may", "june", "july",
                            "august", "september", "october", "november", "december"};
  return s;
}
bool is_superlative(std::string_view t) {
  static const WordSet explicit_ = {"most", "least", "best", "worst", "biggest"};
  static const WordSet not_ = {"interest", "honest", "protest", "suggest", "request", "arrest", "forest",
                               "invest", "west", "contest", "digest", "manifest", "modest", "harvest",
                               "guest", "chest", "rest", "test", "nest", "pest", "latest", "midwest",
                               "northwest", "southwest", "conquest", "inquest", "quest", "attest",
                               "detest", "unrest", "priest"};
  if (explicit_.count(t)) return true;
  return t.size() > 5 && t.ends_with("est") && !not_.count(t);
}
bool is_causal(std::string_view t) {
  static const WordSet s = {"because", "caused", "causes", "causing", "led", "resulted", "results",
                            "due", "consequence"};
  return s.count(t) > 0;
}

/// What in a sentence makes it checkable whatever its wording: the hard content a hedge cannot undo.
struct Checkables {
  bool figure = false, date = false, ordinal = false, exclusive = false, superlative = false;
  bool any() const { return figure || date || ordinal || exclusive || superlative; }
};

Checkables checkables(const std::vector<ClaimToken>& toks) {
  Checkables c;
  for (const ClaimToken& t : toks) {
    const std::string& w = t.text;
    if (w == "<num>" || w == "<pct>" || w == "<money>") c.figure = true;
    if (w == "<year>" || (t.cap && months().count(w))) c.date = true;
    if (ordinals().count(w) || w == "<ord>") c.ordinal = true;
    if (exclusives().count(w)) c.exclusive = true;
    if (is_superlative(w)) c.superlative = true;
  }
  return c;
}

double model_score(const std::vector<ClaimToken>& toks) {
  const WeightTable& model = claim_model();
  if (model.empty()) return 0;
  std::unordered_set<uint64_t> seen;
  double z = 0;
  auto f = [&](const FeatureHash& h) {
    if (seen.insert(h.value()).second) z += model.weight(h.value());
  };
  f(FeatureHash().add("bias"));
  for (const ClaimToken& t : toks) f(FeatureHash().add(t.text));
  for (size_t i = 0; i <= toks.size(); ++i) {
    std::string_view a = i == 0 ? std::string_view("<s>") : std::string_view(toks[i - 1].text);
    std::string_view b = i == toks.size() ? std::string_view("</s>") : std::string_view(toks[i].text);
    f(FeatureHash().add(a).add(" ").add(b));
  }
  size_t n = toks.size();
  f(FeatureHash().add("<len>").add(n < 6 ? "0" : n < 12 ? "1" : n < 25 ? "2" : "3"));
  size_t names = 0;
  for (size_t k = 0; k < toks.size(); ++k) {
    const ClaimToken& t = toks[k];
    if (ordinals().count(t.text) || t.text == "<ord>") f(FeatureHash().add("<ordinal>"));
    if (exclusives().count(t.text)) f(FeatureHash().add("<exclusive>"));
    if (is_superlative(t.text)) f(FeatureHash().add("<superlative>"));
    if (t.cap && months().count(t.text)) f(FeatureHash().add("<month>"));
    if (is_causal(t.text)) f(FeatureHash().add("<causal>"));
    if (t.text == "<num>" || t.text == "<pct>" || t.text == "<money>" || t.text == "<year>") {
      f(FeatureHash().add("<figure>"));
    }
    if (t.cap && k > 0 && t.text != "i") ++names;
  }
  // A ranking: "the first country to", "the only state in", "the largest ... since".
  for (size_t k = 0; k + 2 < toks.size(); ++k) {
    const std::string& t = toks[k + 1].text;
    if (toks[k].text != "the" || !(ordinals().count(t) || t == "only" || is_superlative(t))) continue;
    bool ranked = false;
    for (size_t m = k + 2; m < std::min(k + 7, toks.size()); ++m) {
      const std::string& w = toks[m].text;
      ranked = ranked || w == "to" || w == "in" || w == "since" || w == "ever";
    }
    if (ranked) f(FeatureHash().add("<ranking>"));
  }
  f(FeatureHash().add("<names>").add(std::to_string(std::min<size_t>(names, 3))));
  return 1.0 / (1.0 + std::exp(-std::clamp(z, -30.0, 30.0)));
}

// ---- sourcing -----------------------------------------------------------------------------------

/// Whether an attribution sources the claims of its sentence. The writer quoting themselves ("I
/// said", "we believe") sources nothing, and neither does a broad, learned attribution ("took aim
/// at"): only a report of what a source said, wrote, found or showed does.
bool sources_sentence(const Document& doc, const Attribution& a) {
  if (a.inferred) return false;
  if (!a.source.empty()) {
    std::string w = normalise_word(doc.slice(a.source));
    // "A lot of evidence points to ...": evidence nobody names is no source (the weasel check says so).
    static const WordSet non_sources = {"evidence", "signs", "indications", "facts", "everything"};
    size_t space = w.rfind(' ');
    if (non_sources.count(std::string_view(w).substr(space == std::string::npos ? 0 : space + 1))) {
      return false;
    }
    if (w == "i" || w == "we" || w == "me" || w == "us" || w == "you" || w == "i've" || w == "we've") {
      return false;
    }
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

bool has_citation(const Document& doc, const Sentence& s) {
  auto [first, last] = doc.tokens_of(s);
  for (const Token* t = first; t != last; ++t) {
    if (t->kind == TokenKind::kCitation || t->kind == TokenKind::kUrl || t->kind == TokenKind::kLink) {
      return true;
    }
  }
  return false;
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

}  // namespace

std::vector<SentenceClaim> assess_claims(const Document& doc, const std::vector<Cue>& cues,
                                         const std::vector<Attribution>& attributions,
                                         double threshold) {
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
  size_t cue_index = 0;
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

    std::vector<ClaimToken> toks = claim_tokens(doc, sentence);
    claim.score = model_score(toks);
    Checkables hard = checkables(toks);
    bool check_worthy = claim.score >= threshold && claim.score > 0;

    bool sourced = own[s] >= 0 || has_citation(doc, sentence);
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
      bool report_kind = a != nullptr && a->kind != SourceKind::kNamedPerson;
      bool adjacent = context == static_cast<int32_t>(s) - 1 ||
                      (context < static_cast<int32_t>(s) - 1 && out[s - 1].context == context);
      if (in_quotation[s] || refers_back || (report_kind && adjacent && !turns)) {
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
      check_worthy = claim.score >= threshold && claim.score > 0;
    }
    // Hedged analysis with nothing hard to check in it is speculation, not an unsourced fact; a hedge
    // on a figure, date or ordinal claim leaves the fact to be sourced ("may have sent weapons in
    // February").
    if (speculates(doc, cues, cue_index, s) && !hard.any()) {
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
