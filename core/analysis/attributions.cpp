// Attribution detection: rules over the prose grammar's tokens, one sentence at a time, with the block
// (paragraph) as the only wider context. Reporting cues come from grammar/lexicon/reporting_verbs.tsv;
// source kinds from the registry first, then from the source's head noun (anonymous_sources.tsv,
// source_nouns.tsv), then from its shape (a capitalised name, a pronoun).
#include "core/analysis/attributions.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <string_view>

#include "core/analysis/text_map.h"
#include "core/analysis/weights.h"
#include "core/embedded.h"

namespace evidential::core {

SourceKind source_kind_of(const SourceEntry& e) {
  if (e.kind == "state_media") return SourceKind::kStateMedia;
  if (e.kind == "partisan" || e.kind == "party_to_conflict") return SourceKind::kPartisan;
  if (e.kind == "official_body") return SourceKind::kOfficialStatement;
  if (e.kind == "research" || e.kind == "ngo") return SourceKind::kDocument;
  return SourceKind::kMediaOutlet;
}

std::string source_caution(const SourceEntry& e) {
  std::string why;
  if (e.kind == "state_media") why = "state-controlled media";
  else if (e.kind == "party_to_conflict") why = "a party to the conflict it reports on";
  else if (e.kind == "partisan") why = "a partisan source";
  else if (e.reliability == "low") why = "a source of low reliability";
  if (why.empty()) return why;
  if (!e.note.empty()) why += ": " + e.note;
  return why;
}

namespace {

using WordSet = TextSet;  // flat and inline-hashed: these are asked of nearly every token

// ---- closed word classes ------------------------------------------------------------------------
// Function words are grammar, not vocabulary a user would tune, so they live here rather than in a
// lexicon file. Everything is lower case with straight apostrophes, as normalise_word() gives.

const WordSet& determiners() {
  static const WordSet s = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their",
                            "its", "our", "my", "your", "some", "many", "several", "most", "all",
                            "both", "each", "every", "any", "another", "one", "two", "three", "four",
                            "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
                            "thousands", "few", "other", "such", "no"};
  return s;
}

bool is_indefinite(std::string_view w) {
  static const WordSet s = {"a", "an", "some", "one", "two", "three", "four", "five", "several",
                            "many", "few", "dozens", "hundreds", "thousands", "another", "other"};
  return s.count(w) > 0;
}

// Prepositions that can sit inside a source noun phrase: "a spokesman for the ministry", "Joel Pollak
// of Breitbart", "an official statement from the ...", "officials in Kyiv", "a source at the agency".
bool is_np_preposition(std::string_view w) {
  static const WordSet s = {"of", "for", "from", "at", "with", "in", "on", "close", "familiar", "near"};
  return s.count(w) > 0;
}

// Words before a reporting verb that belong to the cue in the corpus convention (PARC/PolNeAR):
// auxiliaries, negation and a few adverbs of time or manner — "has also said", "did not respond".
bool is_cue_auxiliary(std::string_view w) {
  static const WordSet s = {
      "has", "have", "had", "'ve", "is", "was", "are", "were", "be", "been", "being", "will",
      "would", "could", "can", "may", "might", "must", "should", "shall", "do", "does", "did", "not",
      "never", "also", "later", "since", "repeatedly", "then", "now", "previously", "already", "again",
      "first", "once", "publicly", "privately", "recently", "further", "hasn't", "haven't", "hadn't",
      "didn't", "doesn't", "don't", "won't", "wouldn't", "isn't", "wasn't", "can't", "couldn't",
      "often", "frequently", "initially", "subsequently", "simply", "just", "even", "still", "quickly",
      "flatly", "openly", "explicitly", "bluntly", "angrily", "loudly", "finally", "ultimately"};
  return s.count(w) > 0;
}

// Words that end a source noun phrase when walking away from the cue: verbs and auxiliaries,
// conjunctions and complementisers, adverbs, object pronouns, prepositions that do not attach
// inside a source. Sentence connectives ("But", "Meanwhile") are here too, which is what keeps them
// out of sources at the start of a sentence.
bool is_np_stop(std::string_view w) {
  static const WordSet s = {
      // auxiliaries, copulas, common verbs
      "is", "was", "are", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did",
      "will", "would", "could", "can", "may", "might", "must", "should", "shall", "get", "got", "gets",
      "make", "made", "makes", "go", "went", "goes", "come", "came", "take", "took", "give", "gave",
      "spoke", "speaking", "let", "become", "became", "seem", "seems", "seemed", "'s", "'re", "'ve",
      "'d", "'ll", "it's", "that's", "there's", "he's", "she's", "they're", "we're", "i'm",
      // negation, complementisers, conjunctions, relatives
      "not", "never", "no", "nor", "n't", "that", "which", "who", "whom", "whose", "what", "whether",
      "when", "whenever", "where", "while", "whereas", "because", "although", "though", "if", "unless",
      "as", "than", "so", "but", "or", "yet", "and", "after", "before", "since", "until", "till",
      "once", "how", "why", "whatever", "whoever",
      // pronouns in object or reflexive form, and expletives
      "him", "them", "me", "us", "himself", "herself", "themselves", "itself", "myself", "ourselves",
      "yourself", "there", "here", "it",
      // prepositions that do not attach inside a source
      "to", "by", "into", "onto", "about", "over", "under", "against", "during", "through", "without",
      "within", "like", "unlike", "via", "per", "upon", "toward", "towards", "amid", "amidst", "among",
      "despite", "including", "across", "around", "behind", "beyond", "near", "outside", "inside",
      "off", "out", "up", "down", "between", "throughout", "following", "regarding", "concerning",
      // adverbs and connectives
      "also", "later", "then", "now", "still", "however", "meanwhile", "instead", "again", "already",
      "even", "just", "only", "always", "often", "earlier", "recently", "previously", "today",
      "yesterday", "tonight", "tomorrow", "too", "very", "well", "indeed", "moreover", "furthermore",
      "nevertheless", "nonetheless", "thus", "therefore", "hence", "otherwise", "separately",
      "similarly", "likewise", "finally", "first", "second", "third", "lastly", "perhaps", "maybe",
      "yes", "oh", "please", "ago", "afterward", "afterwards", "soon", "quickly", "specifically",
      "ultimately", "additionally", "overall", "anyway", "besides", "rather", "actually", "apparently",
      "reportedly", "allegedly", "purportedly", "really", "certainly", "clearly", "obviously",
      "surely", "simply", "mostly", "largely", "partly", "particularly", "especially", "notably",
      "eventually", "initially", "originally", "currently", "immediately", "subsequently",
      // a time of day: the live blogs' "9:45 p.m. Donald Trump said" must not take the time in
      "a.m.", "p.m.", "a.m", "p.m"};
  return s.count(w) > 0;
}

bool is_personal_pronoun(std::string_view w) {
  static const WordSet s = {"he", "she", "they", "i", "we", "you", "it", "who", "which"};
  return s.count(w) > 0;
}

// Finite auxiliaries and modals: a clause with one of these has its own verb.
bool is_finite_auxiliary(std::string_view w) {
  static const WordSet s = {"is", "was", "are", "were", "am", "has", "have", "had", "will", "would",
                            "can", "could", "should", "shall", "may", "might", "must", "do", "does",
                            "did", "isn't", "wasn't", "aren't", "weren't", "hasn't", "haven't",
                            "hadn't", "won't", "wouldn't", "can't", "couldn't", "shouldn't", "don't",
                            "doesn't", "didn't", "'s", "'re", "'ve", "'d", "'ll"};
  return s.count(w) > 0;
}

bool is_day_or_time(std::string_view w) {
  static const WordSet s = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                            "sunday", "yesterday", "today", "tonight", "recently", "earlier",
                            "overnight", "afterward", "afterwards", "late", "early"};
  return s.count(w) > 0;
}

// Whether the punctuation token at `i` stands apart, with a space on either side: a dash between
// clauses ("BRUSSELS - European leaders", "predictable - Donald J. Trump"), not the hyphen or slash
// inside a name ("D-R.I.", "Urban-Brookings").
template <class V>
bool spaced(const V& v, size_t i) {
  return (i > 0 && v[i - 1].range.end < v[i].range.start) ||
         (i + 1 < v.size() && v[i].range.end < v[i + 1].range.start);
}

// Partitive heads: in "one of his aides" or "part of an official statement" the source's kind is
// decided by what follows "of".
bool is_partitive(std::string_view w) {
  static const WordSet s = {"part", "one", "some", "many", "most", "all", "none", "each", "any",
                            "several", "both", "half", "members", "member", "few", "two", "three",
                            "dozens", "hundreds", "thousands", "majority", "number", "portion",
                            "copy", "excerpt", "excerpts", "text", "version", "draft"};
  return s.count(w) > 0;
}

// Lower-case words ending in "-ly" that are nouns or adjectives, not adverbs.
bool is_ly_nonadverb(std::string_view w) {
  static const WordSet s = {"family", "ally", "rally", "daily", "weekly", "monthly", "yearly",
                            "quarterly", "assembly", "supply", "anomaly", "monopoly", "italy", "bully",
                            "fly", "belly", "early", "elderly", "friendly", "costly", "deadly", "lonely",
                            "likely", "unlikely", "holy", "ugly", "silly", "only", "july", "homily"};
  return s.count(w) > 0;
}

// ---- the sentence as the rules see it -----------------------------------------------------------

struct Tok {
  uint32_t index = 0;  // into Document::tokens
  TokenKind kind = TokenKind::kSymbol;
  Range range;
  std::string_view norm;  // normalised word text (in the View's buffer); the raw text for punctuation
  bool cap = false;  // begins with an upper-case letter
  bool word = false;  // word, abbreviation or number
  bool quoted = false;  // inside a direct quotation
  bool initial = false;  // first word of the sentence, or of a quotation or clause after a colon
  bool reporting = false;  // a reporting verb form: never part of a source
  std::string_view category;  // the word's reporting_verbs category, if it has one on its own
  const LexiconEntry* verb = nullptr;  // the longest reporting_verbs phrase starting here, if any
};


struct Span {
  size_t begin = 0;  // token positions in the View
  size_t end = 0;
  bool empty() const { return end <= begin; }
};

class View {
 public:
  /// `quoted` flags, per document token, the tokens inside a direct quotation. One View reads every
  /// sentence of the document in turn (read()), so its buffers are allocated once, not per sentence.
  View(const Document& doc, const PhraseList& verbs, const std::vector<bool>& quoted)
      : doc_(doc), verbs_(verbs), quoted_(quoted) {}

  void read(const Sentence& s) {
    const Document& doc = doc_;
    const PhraseList& verbs = verbs_;
    const std::vector<bool>& quoted = quoted_;
    toks_.clear();
    auto [first, last] = doc.tokens_of(s);
    // The normalised words, one buffer per sentence: a word never grows when normalised, so the
    // sentence's length is room enough and the views into it stay valid.
    size_t room = 0;
    for (const Token* t = first; t != last; ++t) room += t->range.size();
    norms_.resize(room);
    size_t used = 0;
    uint32_t link_end = 0;  // inside a Markdown link, only the words of its text are prose
    for (const Token* t = first; t != last; ++t) {
      if (t->kind == TokenKind::kLink) {
        link_end = t->range.end;
        continue;
      }
      if (t->kind == TokenKind::kMarkup) continue;
      if (t->range.start < link_end && !t->in_link_text) continue;
      Tok k;
      k.index = static_cast<uint32_t>(t - doc.tokens().data());
      k.kind = t->kind;
      k.range = t->range;
      std::string_view text = doc.slice(t->range);
      k.word = t->kind == TokenKind::kWord || t->kind == TokenKind::kAbbreviation ||
               t->kind == TokenKind::kNumber;
      if (k.word) {
        const size_t n = normalise_word_to(text, norms_.data() + used);
        k.norm = std::string_view(norms_.data() + used, n);
        used += n;
      } else {
        k.norm = text;
      }
      k.cap = k.word && starts_upper(text);
      k.quoted = quoted[k.index];
      if (k.word) {
        bool after_opening = true;
        for (size_t j = toks_.size(); j-- > 0 && after_opening;) {
          const Tok& p = toks_[j];
          if (p.word) after_opening = false;
          else if (p.kind == TokenKind::kOpenQuote || p.norm == ":" || p.kind == TokenKind::kOpenBracket) break;
        }
        k.initial = after_opening;
      }
      toks_.push_back(std::move(k));
    }
    // The reporting-verb phrases, looked up once per word over the whole sentence (a phrase never
    // spans punctuation, since no lexicon word is punctuation).
    std::vector<std::string_view>& norms = verb_words_;
    norms.resize(toks_.size());
    for (size_t i = 0; i < toks_.size(); ++i) norms[i] = toks_[i].norm;
    for (size_t i = 0; i < toks_.size(); ++i) {
      Tok& k = toks_[i];
      if (!k.word) continue;
      const LexiconEntry* longest = verbs.longest_match(norms, i);
      if (longest == nullptr) continue;
      k.verb = longest;
      const LexiconEntry* e = longest;
      if (e->words.size() > 1) {
        const std::vector<std::string_view> one_word{k.norm};  // rare: multi-word verbs only
        e = verbs.longest_match(one_word, 0);
        if (e == nullptr) continue;
      }
      k.category = e->category;
      // Only the forms that cannot be nouns: "said", "saying", "says" — not "report" or "claims".
      if (!k.cap) {
        k.reporting = e->category != "adverb" && e->category != "according" &&
                      (e->has_flag("past") || e->has_flag("pp") || e->has_flag("ger") ||
                       k.norm == "says" || k.norm == "tells" || k.norm == "writes" || k.norm == "adds");
      }
    }
  }

  size_t size() const { return toks_.size(); }
  const Tok& operator[](size_t i) const { return toks_[i]; }
  const Document& doc() const { return doc_; }

  /// Text-level range of tokens [b, e).
  Range range(Span s) const {
    if (s.empty()) return {};
    return {toks_[s.begin].range.start, toks_[s.end - 1].range.end};
  }
  bool is(size_t i, std::string_view w) const { return i < toks_.size() && toks_[i].norm == w; }
  bool punct(size_t i, std::string_view p) const {
    return i < toks_.size() && !toks_[i].word && toks_[i].norm == p;
  }
  bool open_quote(size_t i) const { return i < toks_.size() && toks_[i].kind == TokenKind::kOpenQuote; }
  bool close_quote(size_t i) const {
    return i < toks_.size() && toks_[i].kind == TokenKind::kCloseQuote;
  }
  bool end_of_clause(size_t i) const {
    if (i >= toks_.size()) return true;
    const Tok& t = toks_[i];
    return t.kind == TokenKind::kTerminator || t.kind == TokenKind::kCitation ||
           (t.kind == TokenKind::kPunctuation &&
            (t.norm == "," || t.norm == ";" || t.norm == ":" || t.norm == "—" || t.norm == "–" ||
             t.norm == "--"));
  }

 private:
  const Document& doc_;
  const PhraseList& verbs_;
  const std::vector<bool>& quoted_;
  std::string norms_;  // the words' normalised text; Tok::norm views it
  std::vector<Tok> toks_;
  std::vector<std::string_view> verb_words_;  // toks_' norms, as PhraseList::longest_match reads them
};

// A word that may be part of a source noun phrase.
bool np_word(const Tok& t) {
  if (!t.word) return false;
  if (t.kind == TokenKind::kNumber) return true;
  if (t.cap) {
    // A capitalised word inside a sentence is a name ("USA Today", "The Hill"); at the start of one,
    // connectives and auxiliaries ("But", "Later") are still not names.
    if (!t.initial) return t.norm != "i";
    // "In a column ...", "With Clinton ...": a preposition opening the sentence is no name.
    static const WordSet opening = {"in", "on", "at", "of", "for", "from", "with"};
    return !is_np_stop(t.norm) && !is_personal_pronoun(t.norm) && !opening.count(t.norm);
  }
  if (t.reporting || is_np_stop(t.norm) || is_personal_pronoun(t.norm)) return false;
  if (t.norm.size() > 4 && t.norm.ends_with("ly") && !is_ly_nonadverb(t.norm)) return false;
  return true;
}

// A lower-case word that looks like a participle or past tense: "attended", "going".
// Irregular past forms that are never nouns: "Bush thought for a moment", "Clinton won Iowa".
bool is_irregular_past(const Tok& t) {
  if (t.cap || t.kind != TokenKind::kWord) return false;
  static const WordSet irregular = {
      "took", "went", "came", "gave", "got", "met", "sent", "spent", "won", "lost", "held", "kept",
      "brought", "bought", "began", "ran", "saw", "knew", "felt", "found", "stood", "sat", "wrote",
      "sought", "fought", "taught", "caught", "struck", "drew", "grew", "threw", "flew", "rose",
      "fell", "chose", "broke", "wore", "paid", "built", "heard", "meant", "thought", "led", "left",
      "made", "shown", "known", "taken", "given", "written", "chosen", "driven"};
  return irregular.count(t.norm) > 0;
}

bool is_verbish(const Tok& t) {
  if (t.cap || t.kind != TokenKind::kWord) return false;
  return (t.norm.size() > 4 && t.norm.ends_with("ed")) || (t.norm.size() > 5 && t.norm.ends_with("ing")) ||
         is_irregular_past(t);
}

// Adverbs and ordinals that act as adjectives after a determiner: "an earlier report", "the first
// lady", "a recent poll".
bool is_adjective_after_determiner(std::string_view w) {
  static const WordSet s = {"earlier", "later", "first", "second", "third", "last", "recent", "only",
                            "same", "other", "such", "previous", "former", "new", "top", "senior"};
  return s.count(w) > 0;
}

// ---- lexicon access -----------------------------------------------------------------------------

struct Lists {
  const PhraseList& verbs;
  const PhraseList& anonymous;
  const PhraseList& nouns;
};

std::string_view flag_value(const LexiconEntry& e, std::string_view key) {
  std::string_view f = e.flags;
  while (!f.empty()) {
    size_t comma = f.find(',');
    std::string_view item = f.substr(0, comma);
    if (item.size() > key.size() && item.substr(0, key.size()) == key && item[key.size()] == '=') {
      return item.substr(key.size() + 1);
    }
    if (comma == std::string_view::npos) break;
    f.remove_prefix(comma + 1);
  }
  return {};
}

/// The longest phrase of `list` starting at token i, made of adjacent word tokens; its length in
/// tokens, or 0.
size_t match_at(const View& v, size_t i, const PhraseList& list, const LexiconEntry** out,
                size_t limit) {
  if (i >= limit || !v[i].word) return 0;
  std::vector<std::string_view> words;
  for (size_t j = i; j < limit && j < i + 6 && v[j].word; ++j) {
    // A possessor that ends the phrase is its noun: the source of "the council's claim" is "the
    // council's", a council. Inside the phrase it qualifies the head: "Salem Radio's Hugh Hewitt".
    std::string_view w = v[j].norm;
    if (j + 1 == limit && w.size() > 3 && w.ends_with("'s")) w.remove_suffix(2);
    else if (j + 1 == limit && w.size() > 3 && w.ends_with("s'")) w.remove_suffix(1);
    words.push_back(w);
  }
  const LexiconEntry* e = list.longest_match(words, 0);
  if (e == nullptr) return 0;
  *out = e;
  return e->words.size();
}

// ---- noun phrases ---------------------------------------------------------------------------------

constexpr size_t kMaxNpTokens = 16;

/// A quotation of capitalised words used as a name inside a noun phrase: the “Donetsk People’s
/// Republic”. `open` is the opening mark; returns the position after the closing mark, or `open`.
size_t quoted_name_end(const View& v, size_t open, size_t limit) {
  if (!v.open_quote(open)) return open;
  size_t j = open + 1;
  size_t words = 0;
  while (j < limit && j < open + 8 && v[j].word && (v[j].cap || v[j].norm == "of")) {
    ++words;
    ++j;
  }
  if (words == 0 || !v.close_quote(j)) return open;
  return j + 1;
}

/// The noun phrase that starts at token i and runs rightwards: "Mr. Trump", "the Donetsk rebels",
/// "a congressional report", "a spokesman for the “Donetsk People’s Republic”".
Span right_np(const View& v, size_t i, size_t limit) {
  Span s{i, i};
  size_t j = i;
  size_t words = 0;
  while (j < limit && j - i < kMaxNpTokens) {
    const Tok& t = v[j];
    if (t.word && determiners().count(t.norm) && !t.cap) {
      // A determiner right after a noun starts another phrase: "In the next eight weeks the campaign".
      if (words > 0 && j > i && np_word(v[j - 1]) && !is_np_preposition(v[j - 1].norm)) break;
      ++j;
      continue;
    }
    if (t.word && determiners().count(t.norm) && t.cap && words == 0) {  // "The", "A" at a start
      ++j;
      continue;
    }
    // "according to the board on Monday": a time phrase is not part of the source.
    if (words > 0 && t.word && is_np_preposition(t.norm) && j + 1 < limit && is_day_or_time(v[j + 1].norm)) {
      break;
    }
    // After a name, "in", "on" and "at" open an adjunct of the report, not part of the name: "said
    // House Speaker Paul Ryan in a statement", "wrote Larry O'Connor on Hot Air".
    if (words > 0 && t.word && (t.norm == "in" || t.norm == "on" || t.norm == "at") && v[j - 1].cap &&
        v[j - 1].word) {
      break;
    }
    if (np_word(t)) {
      // After the head, a lower-case "-ed" word is the next clause's verb: "The Arizona Republican
      // survived ..."; before it, an adjective: "the embattled governor".
      // A preposition or a determiner after it marks a verb too: "Clinton celebrated in Florida",
      // "Rubio flipped his choice", "a news report published in".
      // So does a name: "Trump attacked Clinton", "Cruz exhorted Republicans".
      if (words > 0 && is_verbish(t) &&
          !(j + 1 < limit && np_word(v[j + 1]) && !is_verbish(v[j + 1]) && !v[j + 1].cap &&
            !is_np_preposition(v[j + 1].norm) && !determiners().count(v[j + 1].norm))) {
        break;
      }
      ++words;
      ++j;
      s.end = j;
      continue;
    }
    // "sources close to the negotiations": "close" takes its "to".
    const bool close_to = t.norm == "to" && j > i && v.is(j - 1, "close");
    if (words > 0 && t.word && (is_np_preposition(t.norm) || close_to) && j + 1 < limit &&
        (np_word(v[j + 1]) || determiners().count(v[j + 1].norm) || v.open_quote(j + 1))) {
      ++j;
      continue;
    }
    // "according to a count by The Associated Press", "an analysis by Lily Batchelder": an author.
    if (words > 0 && t.norm == "by" && j + 1 < limit && v[j + 1].word && !v[j - 1].cap &&
        (v[j + 1].cap || determiners().count(v[j + 1].norm))) {
      ++j;
      continue;
    }
    if (words > 0 && (t.norm == "and" || t.norm == "&") && j + 1 < limit &&
        (v[j + 1].cap || determiners().count(v[j + 1].norm))) {
      ++j;
      continue;
    }
    if (t.kind == TokenKind::kOpenQuote) {
      size_t e = quoted_name_end(v, j, limit);
      if (e == j) break;
      words += e - j - 2;
      j = e;
      s.end = j;
      continue;
    }
    if (words > 0 && t.kind == TokenKind::kOpenBracket) {
      // A short bracketed qualifier: "Sen. Jack Reed (D-R.I.)".
      size_t k = j + 1;
      while (k < limit && k < j + 6 && v[k].kind != TokenKind::kCloseBracket) ++k;
      if (k < limit && v[k].kind == TokenKind::kCloseBracket) {
        j = k + 1;
        s.end = j;
        continue;
      }
      break;
    }
    if (words > 0 && !t.word && (t.norm == "/" || t.norm == "-") && !spaced(v, j) && j + 1 < limit &&
        v[j + 1].word) {
      ++j;
      continue;
    }
    break;
  }
  if (words == 0) return {i, i};
  return s;
}

/// Extends a noun phrase that follows its cue over a participle phrase or a restrictive relative
/// clause that ends the clause: "according to a poll conducted in February", "according to three
/// people briefed on the discussions", "according to members who spoke with reporters afterward".
/// A past participle counts only before a preposition or a time ("released Thursday"); with an
/// object after it, it is the next clause's verb.
Span with_post_clause(const View& v, Span np, size_t limit) {
  if (np.empty() || np.end >= limit) return np;
  const Tok& t = v[np.end];
  if (!t.word || t.cap) return np;
  bool opens = t.norm == "who" || t.norm == "that";
  if (!opens && is_verbish(t) && t.norm.ends_with("ing")) opens = true;
  if (!opens && is_verbish(t) && np.end + 1 < limit) {
    const Tok& after = v[np.end + 1];
    opens = after.word && (after.norm == "by" || is_np_preposition(after.norm) ||
                           is_day_or_time(after.norm) || after.norm == "last" || after.norm == "this");
  }
  if (!opens) return np;
  size_t e = np.end + 1;
  while (e < limit && !v.end_of_clause(e) && !v.open_quote(e) && !v.close_quote(e) &&
         v[e].kind != TokenKind::kOpenBracket) {
    if (v[e].word && (v[e].reporting || is_finite_auxiliary(v[e].norm)) && t.norm != "who" &&
        t.norm != "that") {
      return np;  // the participle is the next clause's verb
    }
    ++e;
  }
  if (e - np.end > 15) return np;
  return {np.begin, e};
}

/// Whether a noun phrase ends in a name, past a bracketed qualifier: "Len Burman", "Sen. Jack Reed
/// (D-R.I.)".
bool ends_in_name(const View& v, Span np) {
  size_t e = np.end;
  if (e > np.begin && v[e - 1].kind == TokenKind::kCloseBracket) {
    while (e > np.begin && v[e - 1].kind != TokenKind::kOpenBracket) --e;
    if (e > np.begin) --e;
  }
  return e > np.begin && v[e - 1].cap;
}

/// Extends a noun phrase over a final apposition: "said Edwin Truman, a fellow at the institute."
Span with_apposition(const View& v, Span np, size_t limit) {
  if (np.empty() || !v.punct(np.end, ",")) return np;
  size_t k = np.end + 1;
  if (k >= limit || !v[k].word) return np;
  bool starts = determiners().count(v[k].norm) || v[k].cap || v[k].kind == TokenKind::kNumber ||
                v[k].norm == "who" || v[k].norm == "which" || v[k].norm == "whose";
  // A bare title after a name: "said Len Burman, head of the centre."
  if (!starts && ends_in_name(v, np) && np_word(v[k]) && !is_verbish(v[k])) starts = true;
  // A past or present role: "asked Bennett, now a conservative radio host."
  if (!starts && (v.is(k, "now") || v.is(k, "then") || v.is(k, "formerly")) && k + 1 < limit &&
      (np_word(v[k + 1]) || determiners().count(v[k + 1].norm))) {
    starts = true;
  }
  if (!starts) return np;
  // The apposition must run to the end of the sentence (or a closing bracket or quote): only then is
  // it certainly a description of the source and not the next clause.
  size_t e = k;
  while (e < limit && v[e].kind != TokenKind::kTerminator && v[e].kind != TokenKind::kOpenQuote &&
         !(v[e].kind == TokenKind::kPunctuation && (v[e].norm == ";" || v[e].norm == ":"))) {
    ++e;
  }
  if (e - k > 30) return np;
  size_t last = e;
  while (last > k && !v[last - 1].word && v[last - 1].kind != TokenKind::kCloseBracket) --last;
  if (last <= k) return np;
  return {np.begin, last};
}

/// The noun phrase that ends just before token `end`, walking leftwards: the subject of "X said".
// Whether a blank line separates token `i` from the one before it: a plain-text paragraph that runs
// on (a `6:05 p.m.` dateline line, a line ending in a colon) puts one inside a sentence.
bool after_blank_line(const View& v, size_t i) {
  if (i == 0 || i >= v.size()) return false;
  const uint32_t from = v[i - 1].range.end;
  const uint32_t to = v[i].range.start;
  if (to <= from) return false;
  std::string_view gap = v.doc().text().substr(from, to - from);
  size_t nl = gap.find('\n');
  return nl != std::string_view::npos && gap.find('\n', nl + 1) != std::string_view::npos;
}

/// Determiners that can stand for a whole noun phrase: "most", "several", "both", "two".
bool is_standalone_quantifier(std::string_view w) {
  static const WordSet s = {"some", "many", "most", "all", "both", "each", "any", "another", "one",
                            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                            "dozens", "hundreds", "thousands", "few", "several"};
  return s.count(w) > 0;
}

Span left_np_core(const View& v, size_t end, size_t floor) {
  if (end == 0 || end <= floor) return {end, end};
  // "The Security Council on Friday pledged": the time phrase before the verb is not the source's.
  if (end >= floor + 3 && v[end - 1].word && is_day_or_time(v[end - 1].norm) && v[end - 2].word &&
      (v[end - 2].norm == "on" || v[end - 2].norm == "in" || v[end - 2].norm == "at")) {
    end -= 2;
  }
  size_t j = end;
  size_t b = end;
  size_t words = 0;
  size_t before_and = end;  // where the phrase began before an "and" taken on trial, or `end`
  while (j > floor && end - j < kMaxNpTokens) {
    if (after_blank_line(v, j)) break;  // a source never reaches back over a paragraph break
    const Tok& t = v[j - 1];
    if (words == 0 && t.word && !t.cap && is_np_preposition(t.norm)) break;  // no phrase ends in "in"
    bool adjective_stop = t.word && is_adjective_after_determiner(t.norm) && j >= floor + 2 &&
                          v[j - 2].word && determiners().count(v[j - 2].norm);
    if ((np_word(t) || adjective_stop) && !(t.word && determiners().count(t.norm))) {
      // A lower-case "-ed" or "-ing" word belongs to the phrase only after a word that can precede it
      // inside a noun phrase ("the embattled governor", "registered voters", "a letter obtained by"):
      // "people who attended said" must not make "attended" part of the source.
      // An irregular past form is never an adjective: "The decisive victory led X to declare".
      if (is_irregular_past(t)) break;
      if (is_verbish(t)) {
        bool inside = j >= floor + 2 && (np_word(v[j - 2]) || (v[j - 2].word && determiners().count(v[j - 2].norm)) ||
                                         v[j - 2].norm.ends_with("'s"));
        // Before an attaching preposition it is a verb ("Politifact seized on Trump's claim") unless a
        // determiner opens the phrase it follows ("a study published in March").
        if (j < end && v[j].word && is_np_preposition(v[j].norm)) {
          bool determined = false;
          for (size_t k = j - 1; k > floor && k + 4 > j && !determined; --k) {
            const Tok& p = v[k - 1];
            if (p.word && determiners().count(p.norm)) determined = true;
            else if (!np_word(p)) break;
          }
          inside = inside && determined;
        }
        if (!inside) break;
      }
      ++words;
      --j;
      b = j;
      continue;
    }
    if (t.word && determiners().count(t.norm)) {
      // A quantifier or a number standing alone is the head: "Most said", "None of those three
      // have declared", "the two said".
      if (words == 0 && !t.cap && !is_standalone_quantifier(t.norm)) break;
      if (words == 0 && t.cap && !(t.initial && is_standalone_quantifier(t.norm))) break;
      if (words == 0) {
        ++words;
        --j;
        b = j;
        continue;
      }
      // "that" before a name or a pronoun is a complementiser, not a determiner: "reported that
      // Trump said".
      // So is "that" before a number or another determiner: "found that 74 percent of voters said".
      // So is "that" before a plural, which it cannot determine: "that investigators said".
      if (t.norm == "that" && (v[j].cap || is_personal_pronoun(v[j].norm) ||
                               v[j].kind == TokenKind::kNumber || determiners().count(v[j].norm) ||
                               is_plural_noun(v[j].norm))) {
        break;
      }
      --j;
      b = j;
      // "a spokesman for the ministry", "a letter obtained by the AP": continue over an attaching
      // preposition.
      if (j >= floor + 2 && v[j - 1].word &&
          (is_np_preposition(v[j - 1].norm) || (v[j - 1].norm == "by" && is_verbish(v[j - 2]))) &&
          np_word(v[j - 2])) {
        --j;
        continue;
      }
      // "Bush and his rivals": the coordination below decides.
      if (j >= floor + 2 && (v.is(j - 1, "and") || v.punct(j - 1, "&"))) continue;
      break;
    }
    if (words > 0 && t.word && j >= floor + 2 && np_word(v[j - 2]) &&
        (is_np_preposition(t.norm) || (t.norm == "by" && is_verbish(v[j - 2])))) {
      --j;
      continue;
    }
    // "Bush and his rivals", "Sanders and Clinton": coordination after a name.
    if (words > 0 && (t.norm == "and" || t.norm == "&") && j >= floor + 2 &&
        (v[j - 2].cap || v[j - 2].kind == TokenKind::kNumber) &&
        (v[b].cap || determiners().count(v[b].norm))) {
      --j;
      continue;
    }
    // "Regulators and environmental groups said", "Federal and state officials": other
    // coordinations are taken on trial and kept only if the phrase then opens its clause, since
    // "He toured Iowa and voters said" must not make "Iowa" a source.
    if (words > 0 && t.norm == "and" && before_and == end && j >= floor + 2 && np_word(v[j - 2])) {
      before_and = b;
      --j;
      continue;
    }
    if (t.kind == TokenKind::kCloseQuote) {
      // A quoted name inside the phrase ("the “Donetsk People’s Republic”"), never a quotation.
      size_t k = j - 1;
      while (k > floor && k + 8 > j && v[k - 1].word && (v[k - 1].cap || v[k - 1].norm == "of")) --k;
      if (k > floor && k < j - 1 && v.open_quote(k - 1) && k - 1 > floor &&
          (determiners().count(v[k - 2].norm) || is_np_preposition(v[k - 2].norm))) {
        words += j - 1 - k;
        j = k - 1;
        b = j;
        continue;
      }
      break;
    }
    if (t.kind == TokenKind::kCloseBracket) {
      // "Sen. Jack Reed (D-R.I.) said": a short bracketed qualifier inside the phrase.
      size_t k = j - 1;
      while (k > floor && k + 6 > j && v[k - 1].kind != TokenKind::kOpenBracket) --k;
      if (k > floor && v[k - 1].kind == TokenKind::kOpenBracket) {
        j = k - 1;
        continue;
      }
      break;
    }
    if (words > 0 && !t.word && (t.norm == "/" || t.norm == "-") && !spaced(v, j - 1) &&
        j >= floor + 2 && v[j - 2].word) {
      --j;
      continue;
    }
    break;
  }
  // Never begin with an attaching preposition or a conjunction.
  while (b < end && v[b].word && (is_np_preposition(v[b].norm) || v[b].norm == "and")) ++b;
  if (words == 0 || b >= end) return {end, end};
  if (before_and < end) {
    bool opens_clause = b <= floor || !v[b - 1].word || (v[b - 1].initial && is_np_stop(v[b - 1].norm));
    if (!opens_clause) b = before_and;
  }
  // "Nearly eight of 10 voters", "Only 52 percent", "Not everyone": PolNeAR counts a quantifier
  // before a number or a quantity word as part of the source.
  static const WordSet counted = {"one", "two", "three", "four", "five", "six", "seven", "eight",
                                  "nine", "ten", "half", "everyone", "everybody", "all", "most",
                                  "many", "few", "dozens", "hundreds", "thousands", "some"};
  if (b > floor && (v[b].kind == TokenKind::kNumber || counted.count(v[b].norm))) {
    static const WordSet single = {"about", "nearly", "almost", "roughly", "only", "just", "not",
                                   "approximately", "around", "some"};
    if (b >= floor + 2 && v.is(b - 1, "than") &&
        (v.is(b - 2, "more") || v.is(b - 2, "fewer") || v.is(b - 2, "less"))) {
      b -= 2;
    } else if (b >= floor + 2 && v.is(b - 1, "least") && v.is(b - 2, "at")) {
      b -= 2;
    } else if (v[b - 1].word && single.count(v[b - 1].norm) && v[b - 1].norm != v[b].norm) {
      b -= 1;
    }
  }
  return {b, end};
}



/// A noun phrase with a post-modifier that opens its clause: "People briefed on the move said",
/// "Depositions released in March show", "Democrats trying to regain the Senate say", "A review by
/// The Times shows", "The deputy head of China's delegation to the forum said". The plain walk stops
/// at the participle, the infinitive's "to" or the preposition; the whole phrase is the source only
/// when it runs back to the start of its clause (the sentence, or a comma after an opening phrase)
/// without a finite verb, a pronoun, a relative or a conjunction, so "Trump visited Iowa when voters
/// said" keeps "voters".
Span with_post_modifier(const View& v, Span np, size_t floor) {
  if (np.empty() || np.begin <= floor + 1) return np;
  const Tok& stop = v[np.begin - 1];
  if (!stop.word || stop.cap) return np;
  const std::string_view w = stop.norm;
  if (!(w == "to" || w == "by" || w == "out" || is_np_preposition(w) || is_verbish(stop))) return np;
  // Back to where the clause begins.
  size_t k = np.begin - 1;
  while (k > floor && np.end - k < 20) {
    if (after_blank_line(v, k)) break;
    const Tok& t = v[k - 1];
    if (!t.word) {
      if ((t.norm == "-" || t.norm == "/") && !spaced(v, k - 1)) {
        --k;
        continue;
      }
      break;
    }
    --k;
  }
  if (k > floor && !after_blank_line(v, k)) {
    const Tok& t = v[k - 1];
    bool opens = t.kind == TokenKind::kTerminator || t.kind == TokenKind::kOpenQuote ||
                 t.kind == TokenKind::kCloseQuote || v.end_of_clause(k - 1);
    if (!opens) return np;
  }
  // Past a connective that opens the sentence: "But", "And", "Still".
  while (k < np.begin && v[k].word && is_np_stop(v[k].norm) && !determiners().count(v[k].norm)) ++k;
  if (k >= np.begin - 1) return np;
  const Tok& first = v[k];
  static const WordSet opening = {"nearly", "almost", "about", "roughly", "only", "neither", "both",
                                  "either", "not"};
  if (!first.word || (!np_word(first) && !determiners().count(first.norm) && !opening.count(first.norm))) {
    return np;
  }
  if (is_verbish(first)) return np;  // "..., referring to the plan", "Careening from ..."
  static const WordSet inside = {"to", "by", "and", "or", "nor", "out", "than", "about", "over",
                                 "under", "across", "among", "including", "like", "between"};
  for (size_t j = k; j < np.begin; ++j) {
    const Tok& t = v[j];
    if (!t.word) continue;
    if (t.reporting || is_finite_auxiliary(t.norm) || is_personal_pronoun(t.norm)) return np;
    if (t.norm.find('\'') != std::string_view::npos && !t.norm.ends_with("'s") && !t.norm.ends_with("s'")) {
      return np;  // "he's", "they've"
    }
    if (j > k && is_np_stop(t.norm) && !inside.count(t.norm)) return np;
    if (j > k && !t.cap && t.norm.size() > 4 && t.norm.ends_with("ly") && !is_ly_nonadverb(t.norm)) return np;
    if (t.category == "according") return np;
    // A past participle after a common noun, before a preposition or a time: "depositions released in
    // March", "a poll released Sunday by". After a name, or before an object, it is the clause's verb:
    // "Carson shared a syllabus", "Clinton earned her latest win".
    if (is_verbish(t) && t.norm.ends_with("ed")) {
      const Tok& before = v[j - 1];
      const bool plural_opening = before.cap && before.initial && is_plural_noun(before.norm);
      if (!before.word || (before.cap && !plural_opening) || is_verbish(before)) return np;
      const Tok& after = v[j + 1];
      if (after.word && !is_day_or_time(after.norm) &&
          (determiners().count(after.norm) || after.norm.ends_with("'s") ||
           after.cap ||
           is_personal_pronoun(after.norm) || after.norm == "him" || after.norm == "them")) {
        return np;
      }
    }
  }
  return {k, np.end};
}

/// Whether a phrase starting at `b` opens its clause: it starts the sentence, follows a quotation
/// mark, colon or dash, a connective ("But", "And"), or the comma after a short opening phrase that
/// begins with a preposition, a subordinator, a time or an adverb ("On Monday, X ...", "In 2008, X").
bool opens_clause(const View& v, size_t b, size_t floor) {
  if (b <= floor) return true;
  if (after_blank_line(v, b)) return true;
  const Tok& t = v[b - 1];
  if (!t.word) {
    if (!v.punct(b - 1, ",")) {
      return t.kind == TokenKind::kTerminator || v.open_quote(b - 1) || v.close_quote(b - 1) ||
             v.end_of_clause(b - 1);
    }
    // The comma after an opening phrase.
    size_t k = b - 1;
    while (k > floor && !after_blank_line(v, k) && (v[k - 1].word || v.punct(k - 1, "-"))) --k;
    if (k > floor && !after_blank_line(v, k) && !v.end_of_clause(k - 1) && !v.open_quote(k - 1) &&
        !v.close_quote(k - 1) && v[k - 1].kind != TokenKind::kTerminator) {
      return false;
    }
    if (b - 1 - k > 10 || k >= b - 1) return false;
    const Tok& first = v[k];
    static const WordSet subordinators = {"after", "before", "during", "when", "while", "since", "as",
                                          "despite", "although", "though", "if", "once", "until",
                                          "following", "like", "unlike", "instead", "still", "yet"};
    return first.kind == TokenKind::kNumber || is_np_preposition(first.norm) ||
           subordinators.count(first.norm) || is_day_or_time(first.norm) ||
           (first.norm.size() > 4 && first.norm.ends_with("ly")) || is_np_stop(first.norm);
  }
  // A connective that opens the sentence: "But hacking specialists say".
  return t.initial && is_np_stop(t.norm) && !determiners().count(t.norm) && opens_clause(v, b - 1, floor);
}

/// A list whose last items the walk took as a coordination, run back to its first item when that
/// opens the clause: "Carson, Fiorina and Huckabee have", "A group of 67 artists, writers, actors
/// and scientists published".
Span with_list(const View& v, Span np, size_t floor) {
  if (np.empty() || opens_clause(v, np.begin, floor)) return np;
  bool coordination = false;
  for (size_t k = np.begin + 1; k < np.end && !coordination; ++k) {
    coordination = v.is(k, "and") || v.is(k, "or") || v.is(k, "nor");
  }
  if (!coordination) return np;
  Span head = np;
  for (int round = 0; round < 6 && head.begin > floor + 1 && v.punct(head.begin - 1, ","); ++round) {
    Span item = left_np_core(v, head.begin - 1, floor);
    if (item.empty() || item.end != head.begin - 1) break;
    bool name_or_noun = false;
    for (size_t k = item.begin; k < item.end; ++k) {
      if (v[k].word && (is_verbish(v[k]) || is_personal_pronoun(v[k].norm))) return np;
      name_or_noun = name_or_noun || np_word(v[k]);
    }
    if (!name_or_noun) break;
    head = item;
    if (opens_clause(v, head.begin, floor)) return {head.begin, np.end};
  }
  return np;
}

Span left_np_simple(const View& v, size_t end, size_t floor) {
  return with_list(v, with_post_modifier(v, left_np_core(v, end, floor), floor), floor);
}

/// The subject before a reporting verb, including an apposition or relative clause set off by commas
/// ("Nina Turner, a surrogate for the campaign, said"; "The mayor, who spoke at the rally, said").
Span left_np(const View& v, size_t end, size_t floor) {
  if (end == 0 || end <= floor) return {end, end};
  const Tok& last = v[end - 1];
  // An intensifying reflexive belongs to its noun phrase: "Sanders himself has made", "the
  // candidates themselves agreed".
  if (last.word && end >= floor + 2 && v[end - 2].word &&
      (last.norm == "himself" || last.norm == "herself" || last.norm == "themselves" ||
       last.norm == "itself")) {
    Span np = left_np(v, end - 1, floor);
    if (!np.empty() && np.end == end - 1) return {np.begin, end};
    return {end, end};
  }
  if (last.word && is_personal_pronoun(last.norm)) return {end - 1, end};
  // Contractions of a pronoun and an auxiliary: "he's said", "they've argued".
  if (last.word) {
    std::string_view n = last.norm;
    for (std::string_view p : {"he's", "she's", "they've", "we've", "i've", "he'd", "she'd",
                               "they'd", "we'd", "i'd", "you've", "it's"}) {
      if (n == p) return {end - 1, end};
    }
  }
  // The comma that closes an apposition may stand inside closing quotation marks: 'Humphrey, who
  // calls Trump a "sociopath," said'. `comma` is where it is, `stop` where the source ends.
  size_t comma = end - 1;
  size_t stop = end - 1;
  int depth = 0;  // quotations open between here and the comma, walking left
  if (end >= 2 && v.close_quote(end - 1) && v.punct(end - 2, ",")) {
    comma = end - 2;
    stop = end;
    depth = 1;
  }
  if (v.punct(comma, ",")) {
    // Find the comma that opens the apposition, past whole quotations inside it.
    size_t k = comma;
    while (k > floor && end - k < 40) {
      --k;
      const Tok& t = v[k];
      if (t.kind == TokenKind::kTerminator) return {end, end};
      if (t.kind == TokenKind::kCloseQuote) ++depth;
      if (t.kind == TokenKind::kOpenQuote && depth-- == 0) return {end, end};
      if (depth == 0 && v.punct(k, ",")) break;
    }
    if (depth != 0 || !v.punct(k, ",") || k + 1 >= comma) return {end, end};
    const Tok& first = v[k + 1];
    bool appositive = first.word && (determiners().count(first.norm) || first.cap ||
                                     first.kind == TokenKind::kNumber || first.norm == "who" ||
                                     first.norm == "whose" || first.norm == "which" ||
                                     first.norm == "including" || is_verbish(first));
    Span base = left_np_simple(v, k, floor);
    if (base.empty()) return {end, end};
    // A parenthetical phrase between subject and verb belongs to neither: "Hillary Clinton, at a
    // press gaggle, said".
    if (first.word && !first.cap && (is_np_preposition(first.norm) || first.norm == "during" ||
                                     first.norm == "after" || first.norm == "before" ||
                                     first.norm == "speaking" || first.norm == "according")) {
      return base;
    }
    // So is a connective or an adverbial clause: "Others, however, say", "Clinton, meanwhile,
    // co-sponsored", "Clinton, though she praised Garland, stopped short".
    if (first.word && !first.cap && !appositive && first.norm != "and" && first.norm != "or" &&
        (is_np_stop(first.norm) ||
         (first.norm.size() > 4 && first.norm.ends_with("ly") && !is_ly_nonadverb(first.norm)))) {
      return base;
    }
    // A bare title after a name: "Richard Revesz, director of the institute, said".
    if (!appositive && np_word(first) && ends_in_name(v, base)) appositive = true;
    if (!appositive) return {end, end};
    // An introductory phrase, not a subject, before the comma ("After winning Ohio, Gov. John Kasich,
    // said"): the part after the comma is the subject.
    if (base.begin > floor && v[base.begin - 1].word &&
        (is_verbish(v[base.begin - 1]) || v[base.begin - 1].norm == "after" ||
         v[base.begin - 1].norm == "before" || v[base.begin - 1].norm == "while" ||
         v[base.begin - 1].norm == "in" || v[base.begin - 1].norm == "at") &&
        first.cap) {
      Span own = left_np_simple(v, comma, k + 1);
      if (!own.empty() && own.begin == k + 1) return own;
    }
    // Several appositions in a row: "Clinton, 35, the daughter of ..., said".
    for (int round = 0; round < 2 && base.begin > floor + 1 && v.punct(base.begin - 1, ",") &&
                        (v[base.begin].kind == TokenKind::kNumber ||
                         determiners().count(v[base.begin].norm));
         ++round) {
      Span earlier = left_np_simple(v, base.begin - 1, floor);
      if (earlier.empty()) break;
      base = earlier;
    }
    // Longer chains, as long as the name at their head opens the clause: "Mark Holden, chairman of
    // Freedom Partners, the network's funding arm, said", "Dewayne Smithy, 33, of Baldwin, Miss.,
    // dismisses", "Trump's campaign manager, Corey Lewandowski, who ..., declined".
    if (!opens_clause(v, base.begin, floor)) {
      Span head = base;
      for (int round = 0; round < 4 && head.begin > floor + 1; ++round) {
        size_t comma = head.begin - 1;
        size_t seg = head.begin;
        if (v.is(comma, "of") && comma > floor + 1 && v.punct(comma - 1, ",") && v[seg].cap) {
          seg = comma;
          --comma;
        }
        if (!v.punct(comma, ",")) break;
        const Tok& f = v[seg];
        bool appositive_segment =
            f.word && (determiners().count(f.norm) || f.kind == TokenKind::kNumber || f.cap ||
                       f.norm == "of" || (np_word(f) && !is_verbish(f)));
        if (!appositive_segment) break;
        Span earlier = left_np_simple(v, comma, floor);
        if (earlier.empty() || earlier.end != comma) break;
        head = earlier;
        if (opens_clause(v, head.begin, floor)) {
          if (end - head.begin < 48) base = head;
          break;
        }
      }
    }
    return {base.begin, stop};
  }
  // A relative clause without commas: "The official who spoke on condition of anonymity said".
  for (size_t k = end; k > floor && end - k < 14;) {
    --k;
    const Tok& t = v[k];
    if (!t.word && t.kind != TokenKind::kPunctuation) break;
    if (t.kind == TokenKind::kPunctuation && t.norm != "-" && t.norm != "/") break;
    if (t.norm == "who" || t.norm == "whose") {
      if (k + 1 == end) break;  // "who said": the relative pronoun is the source (handled above)
      Span base = left_np_simple(v, k, floor);
      if (!base.empty()) return {base.begin, end};
      break;
    }
  }
  return left_np_simple(v, end, floor);
}

// ---- source kinds -----------------------------------------------------------------------------

struct Kind {
  SourceKind kind = SourceKind::kNamedPerson;
  const SourceEntry* entry = nullptr;
  std::string caution;
  bool pronoun = false;
  bool writer = false;  // "I", "we", "our team": the writer speaks for themselves
};

/// A source in the first person is the writer: "I", "we", "my colleagues", "our team".
bool first_person_source(const View& v, Span np) {
  size_t i = np.begin;
  while (i < np.end && !v[i].word) ++i;
  if (i >= np.end) return false;
  std::string_view w = v[i].norm;
  if (np.end - i == 1) return w == "i" || w == "we" || w == "us" || w.starts_with("i'") || w.starts_with("we'");
  // The text itself: "This essay argues", "this paper shows", "This article will argue".
  if (w == "this" && np.end - i == 2) {
    static const WordSet own_text = {"essay", "paper", "article", "thesis", "dissertation", "chapter",
                                     "post", "piece", "column", "section", "book", "guide", "brief"};
    return own_text.count(v[i + 1].norm) > 0;
  }
  return w == "my" || w == "our";
}

/// The registry entry named inside [b, e), preferring the one that ends last (nearest the head of
/// the phrase), then the longest: "the Pyongyang news outlet NK News" names NK News.
const SourceEntry* registry_in(const View& v, Span s, const SourceRegistry& reg, Span* where) {
  const SourceEntry* best = nullptr;
  size_t max_words = std::max<size_t>(1, std::min<size_t>(reg.max_alias_words(), 8));
  for (size_t e = s.end; e > s.begin && best == nullptr; --e) {
    if (!v[e - 1].word && !v.close_quote(e - 1)) continue;
    for (size_t b = s.begin; b < e; ++b) {
      if (e - b > max_words + 2) continue;  // quote marks and dots are tokens too
      if (!v[b].word && !v.open_quote(b)) continue;
      Range r = v.range({b, e});
      if (const SourceEntry* found = reg.find_alias(v.doc().slice(r))) {
        best = found;
        if (where) *where = {b, e};
        break;
      }
    }
  }
  return best;
}

/// The first chunk of a noun phrase (before an attaching preposition or comma), past a partitive
/// head: "part of an official statement from X" -> "an official statement".
Span head_chunk(const View& v, Span np) {
  size_t b = np.begin;
  for (size_t round = 0; round < 2; ++round) {
    size_t e = b;
    // A participle or a relative clause after the head ends the chunk too: "a poll released
    // Thursday", "people who spoke to reporters".
    while (e < np.end && !(v[e].word && is_np_preposition(v[e].norm) && e > b) &&
           !v.punct(e, ",") && v[e].kind != TokenKind::kOpenBracket &&
           !(e > b && v[e].word && (is_verbish(v[e]) || v[e].norm == "who" || v[e].norm == "that") &&
             np_word(v[e - 1]) && !is_verbish(v[e - 1]) && !determiners().count(v[e - 1].norm) &&
             !v[e - 1].norm.ends_with("'s") && !v[e - 1].norm.ends_with("s'"))) {
      ++e;
    }
    // A partitive head hands over to the phrase after "of".
    size_t last_word = e;
    while (last_word > b && !v[last_word - 1].word) --last_word;
    if (round == 0 && last_word > b && is_partitive(v[last_word - 1].norm) && v.is(e, "of")) {
      b = e + 1;
      continue;
    }
    return {b, e};
  }
  return {b, np.end};
}

/// Whether the head of the phrase `np` is a document's noun: "A 2014 study by a law professor", "the
/// city's audit", "Census figures" (not "Police", "the researchers").
bool names_document(const View& v, Span np, const Lists& lists) {
  Span head = head_chunk(v, np);
  size_t last = head.end;
  for (size_t k = head.begin + 1; k < head.end; ++k) {
    if (v.is(k, "by")) {
      last = k;  // the agent follows: "a study by a law professor"
      break;
    }
  }
  while (last > head.begin && !v[last - 1].word) --last;
  if (last == head.begin) return false;
  const LexiconEntry* e = nullptr;
  return (!v[last - 1].cap || v[last - 1].initial) && match_at(v, last - 1, lists.nouns, &e, last) > 0 &&
         e->category == "document";
}

/// A plural head with no determiner and no name in its phrase: "residents", "local leaders",
/// "multiple lawmakers" — a group no one in it is named. "The senators" and "both candidates" point
/// back to people the text has identified; "his lawyers", "Smith's aides" belong to someone named.
bool bare_plural(const View& v, Span head, size_t last_word) {
  if (last_word <= head.begin || !is_plural_noun(v[last_word - 1].norm)) return false;
  for (size_t i = head.begin; i < last_word; ++i) {
    if (!v[i].word) continue;
    if (determiners().count(v[i].norm) || v[i].norm == "both" || v[i].norm.ends_with("'s") ||
        v[i].norm.ends_with("s'") || (v[i].cap && i > 0)) {
      return false;
    }
    // "Unsworth and colleagues": a name with the team it leads, even at the start of the sentence.
    static const WordSet team = {"colleagues", "co-workers", "coworkers", "co-authors", "coauthors",
                                 "collaborators", "students"};
    if (v[i].cap && i + 3 == last_word && v.is(i + 1, "and") && team.count(v[last_word - 1].norm)) return false;
  }
  return true;
}

Kind classify(const View& v, Span np, const SourceRegistry& reg, const Lists& lists) {
  Kind k;
  if (np.empty()) {
    k.kind = SourceKind::kAnonymous;
    return k;
  }
  // The writer as the source: identifiable (it is whoever signs the text), never unnamed.
  if (first_person_source(v, np)) {
    k.writer = true;
    k.pronoun = np.end - np.begin == 1;
    return k;
  }
  // A source the text says is kept unnamed: "its author, who asked not to be named", "an aide who
  // spoke on condition of anonymity".
  for (size_t i = np.begin; i < np.end; ++i) {
    if (v.is(i, "anonymity") || v.is(i, "anonymously") ||
        ((v.is(i, "named") || v.is(i, "identified")) && i >= np.begin + 2 && v.is(i - 1, "be") &&
         (v.is(i - 2, "to") || v.is(i - 2, "being")))) {
      k.kind = SourceKind::kAnonymous;
      return k;
    }
  }
  // A pronoun stands for someone named elsewhere; the block-level pass may refine it.
  if (np.end - np.begin == 1 && v[np.begin].word) {
    std::string_view w = v[np.begin].norm;
    if (is_personal_pronoun(w) || w.find('\'') != std::string_view::npos) {
      k.pronoun = true;
      if (w.starts_with("they") || w == "we" || w.starts_with("we'")) k.kind = SourceKind::kAnonymous;
      else if (w == "it" || w == "which") k.kind = SourceKind::kOfficialStatement;
      else k.kind = SourceKind::kNamedPerson;
      return k;
    }
  }
  Span head = head_chunk(v, np);
  // 1. The registry, within the head chunk: it knows outlets, agencies and bodies by name.
  Span where;
  if (const SourceEntry* e = registry_in(v, head, reg, &where)) {
    k.entry = e;
    k.kind = source_kind_of(*e);
    k.caution = source_caution(*e);
  }
  // 2. The head noun: the rightmost source noun or anonymous-source phrase in the chunk.
  int noun_pos = -1;
  std::string_view noun_category;
  bool anonymous_noun = false;
  size_t by = head.end;  // where an agent's "by" follows the head noun
  for (size_t i = head.begin; i < head.end;) {
    const LexiconEntry* e = nullptr;
    size_t n = match_at(v, i, lists.anonymous, &e, head.end);
    // Capitalised inside the sentence, such a noun ends a name: "The Charlotte Observer".
    if (n > 0 && i + n - 1 > 0 && v[i + n - 1].cap && !v[i + n - 1].initial) n = 0;
    const LexiconEntry* e2 = nullptr;
    size_t n2 = match_at(v, i, lists.nouns, &e2, head.end);
    if (n2 >= n && n2 > 0) {
      noun_pos = static_cast<int>(i + n2 - 1);
      noun_category = e2->category;
      anonymous_noun = false;
    } else if (n > 0) {
      noun_pos = static_cast<int>(i + n - 1);
      noun_category = e->category;
      anonymous_noun = true;
    }
    // Past the whole match: "state media" is one phrase, not "state" and then "media".
    i += std::max<size_t>(1, std::max(n, n2));
    // "a survey by the residents' association" is a survey: the agent after "by" made it.
    if (noun_pos >= 0 && i < head.end && v.is(i, "by")) {
      by = i;
      break;
    }
  }
  size_t last_word = by < head.end ? by : head.end;
  while (last_word > head.begin && !v[last_word - 1].word) --last_word;
  // A capitalised word after the head noun is a name: "spokesman John Smith", "the outlet NK News".
  bool name_after_noun = false;
  for (size_t i = (noun_pos < 0 ? head.begin : static_cast<size_t>(noun_pos) + 1); i < last_word; ++i) {
    if (v[i].cap) name_after_noun = true;
  }
  // A name after a media, state-media or partisan descriptor is that kind of source: "the state
  // broadcaster CCTV", "the rebel group Ansar" (after a title it is a person: "spokesman John Smith").
  bool descriptor = k.entry == nullptr && !anonymous_noun &&
                    (noun_category == "media" || noun_category == "state_media" || noun_category == "partisan");
  if (noun_pos >= 0 && (!name_after_noun || descriptor)) {
    if (anonymous_noun) {
      // "White House officials" are still unnamed people, whatever institution they speak for.
      if (k.entry == nullptr || static_cast<size_t>(noun_pos) + 1 >= where.end) k.kind = SourceKind::kAnonymous;
    } else if (noun_category == "statement") {
      k.kind = SourceKind::kOfficialStatement;
    } else if (noun_category == "document") {
      // "a report by Reuters" is the outlet's journalism; "a report from the ministry" a document.
      if (k.entry == nullptr || k.kind == SourceKind::kOfficialStatement) k.kind = SourceKind::kDocument;
    } else if (noun_category == "official" || noun_category == "organisation") {
      if (k.entry == nullptr) k.kind = SourceKind::kOfficialStatement;
    } else if (noun_category == "media") {
      if (k.entry == nullptr) k.kind = SourceKind::kMediaOutlet;
    } else if (noun_category == "state_media") {
      k.kind = SourceKind::kStateMedia;
      if (k.caution.empty()) k.caution = "state-controlled media";
    } else if (noun_category == "partisan") {
      k.kind = SourceKind::kPartisan;
      if (k.caution.empty()) k.caution = "a party to the events it describes";
    } else if (noun_category == "title") {
      k.kind = SourceKind::kNamedPerson;
    }
  } else if (k.entry == nullptr && noun_pos >= 0 && anonymous_noun && noun_category == "person") {
    // A person named after their trade: "the historian Ana Ruiz", "analyst Mark Kim".
    k.kind = SourceKind::kNamedPerson;
  } else if (k.entry == nullptr) {
    // 3. The phrase's shape.
    bool definite = false, indefinite = false;
    for (size_t i = head.begin; i < head.end; ++i) {
      if (!v[i].word) continue;
      if (v[i].norm == "the") definite = true;
      // "3,000 residents": a count of people no one in it is named (a bare "2010" is no source at all).
      if ((is_indefinite(v[i].norm) && !v[i].cap) ||
          (v[i].kind == TokenKind::kNumber && last_word > i + 1 && is_plural_noun(v[last_word - 1].norm))) {
        indefinite = true;
      }
      break;
    }
    bool head_cap = last_word > head.begin && v[last_word - 1].cap;
    // "Profiling showed that", "Polling suggests": an activity's results, not a person ("Manning said"
    // is one: only these words).
    static const WordSet activities = {"profiling", "polling", "testing", "monitoring", "modelling", "modeling",
                                       "sampling", "screening", "benchmarking", "surveying", "sequencing",
                                       "tracking", "auditing", "fact-checking", "mapping"};
    const bool activity = last_word == head.begin + 1 && activities.count(v[head.begin].norm) > 0;
    if (activity ||
        (last_word > head.begin && (v[last_word - 1].norm == "percent" || v[last_word - 1].norm == "cent"))) {
      k.kind = SourceKind::kDocument;  // "Forty percent said": a poll's figure; the poll is the source
    } else if (head_cap && definite) {
      k.kind = SourceKind::kOfficialStatement;  // "the American Legion": an organisation
    } else if (head_cap) {
      k.kind = SourceKind::kNamedPerson;
    } else if (indefinite) {
      k.kind = SourceKind::kAnonymous;  // "a man", "one voter"
    } else if (bare_plural(v, head, last_word)) {
      k.kind = SourceKind::kAnonymous;  // "residents", "local leaders": a group no one in it is named
    } else {
      k.kind = SourceKind::kNamedPerson;  // "his wife", "the candidate": someone identifiable
    }
  }
  // 3b. Researchers of a named institution publish under its name: "Researchers at the University of
  // Vastervik have found", "economists at Northgate Bank said". The institution answers for the work,
  // as it does not for what its officials or aides say off the record.
  if (k.kind == SourceKind::kAnonymous && anonymous_noun && noun_pos >= 0 && static_cast<size_t>(noun_pos) + 1 == last_word &&
      head.end < np.end) {
    static const WordSet research = {"researchers", "scientists", "scholars", "academics", "economists",
                                     "engineers", "astronomers", "epidemiologists", "statisticians"};
    size_t at = head.end;
    if (research.count(v[static_cast<size_t>(noun_pos)].norm) && (v.is(at, "at") || v.is(at, "from"))) {
      ++at;
      if (v.is(at, "the")) ++at;
      if (at < np.end && v[at].cap) k.kind = SourceKind::kOfficialStatement;
    }
  }
  // 4. A body named further out in the phrase can still call for caution: "an official statement
  // from the Donetsk People's Republic".
  if (k.caution.empty()) {
    Span rest{head.end, np.end};
    if (!rest.empty()) {
      if (const SourceEntry* e = registry_in(v, rest, reg, nullptr)) {
        std::string why = source_caution(*e);
        if (!why.empty()) {
          k.caution = why;
          if (k.entry == nullptr) k.entry = e;
        }
      }
    }
    // ... and so can a side in the events described there: "a spokesman for the rebels", "the Free
    // Velmar Brigade, the armed group that holds the villages". A poll's share of a side is the poll's
    // figure, not the side speaking: "Sixty-two percent of Republicans agreed".
    const bool share = k.kind == SourceKind::kDocument && head.end > head.begin &&
                       (v.is(head.end - 1, "percent") || v.is(head.end - 1, "cent") || v.is(head.end - 1, "%"));
    for (size_t i = rest.begin; i < rest.end && k.caution.empty() && k.entry == nullptr && !share; ++i) {
      const LexiconEntry* e = nullptr;
      if (match_at(v, i, lists.nouns, &e, rest.end) == 0) continue;
      if (e->category == "partisan") {
        k.caution = "a party to the events it describes";
        if (k.kind == SourceKind::kOfficialStatement) k.kind = SourceKind::kPartisan;
      } else if (e->category == "state_media") {
        k.caution = "state-controlled media";
      }
    }
  }
  return k;
}

// ---- finding cues -------------------------------------------------------------------------------

struct Candidate {
  Attribution a;
  Span cue;
  Span source;
  bool weak = false;  // "reportedly": dropped when the sentence names its source another way
};

bool has_flag(const LexiconEntry& e, std::string_view f) { return e.has_flag(f); }

/// Whether a reporting verb at [cb, ce) has a complement that makes it a report: a that-clause, a
/// quotation, a colon or comma, a wh-clause, an infinitive (after an object only when
/// `object_infinitive`: "told reporters to leave"), or a clause with its own finite verb.
bool has_complement(const View& v, size_t ce, size_t limit, bool object_infinitive) {
  size_t j = ce;
  // Skip an addressee or a short adverbial: "told reporters that", "said Tuesday that".
  for (size_t k = 0; k < 4 && j < limit && v[j].word && !v.is(j, "that") && !v.is(j, "to"); ++k) {
    if (v.is(j, "whether") || v.is(j, "if") || v.is(j, "how") || v.is(j, "why") || v.is(j, "what")) {
      return true;
    }
    ++j;
  }
  if (j >= limit || ce >= limit) return false;
  // A comma counts only before a quotation: 'insisted, "We will win."'
  if (v.open_quote(ce) || v.punct(ce, ":") || (v.punct(ce, ",") && v.open_quote(ce + 1))) return true;
  // "to" opens an infinitive ("told them to leave"), not a destination ("added files to the list").
  // An object before it ("told reporters to leave") only for verbs that take one: "maintains a
  // program to train leaders" reports nothing.
  bool infinitive = v.is(j, "to") && !(j + 1 < limit && v[j + 1].word && determiners().count(v[j + 1].norm)) &&
                    (j == ce || object_infinitive);
  if (v.is(j, "that") || infinitive || v.open_quote(j) || v.punct(j, ":")) return true;
  if (v.is(ce, "whether") || v.is(ce, "if") || v.is(ce, "how") || v.is(ce, "why")) return true;
  // A subject pronoun opens a clause: "documents show he took a loss" ("show him" would be an object).
  static const WordSet subjects = {"he", "she", "they", "we", "i"};
  if (v[ce].word && subjects.count(v[ce].norm) && ce + 1 < limit && v[ce + 1].word) return true;
  // A zero that-clause: "claimed the election was stolen" has a finite verb after its subject.
  static const WordSet finite = {"is", "was", "are", "were", "had", "has", "have", "will", "would",
                                 "could", "should", "can", "did", "does", "do", "may", "might",
                                 "must", "wasn't", "isn't", "weren't", "won't", "wouldn't"};
  // A subordinate clause is no complement: "The levy added 0.40 euros when it was introduced".
  static const WordSet subordinators = {"when", "while", "because", "after", "before", "if", "since", "until",
                                        "although", "though", "unless", "whereas", "once"};
  for (size_t k = ce + 1; k < limit && k < ce + 9; ++k) {
    if (!v[k].word || subordinators.count(v[k].norm)) break;
    if (finite.count(v[k].norm)) return true;
  }
  return false;
}

/// Skips what stands between a subject and its verb without belonging to either: time adverbials
/// ("Trump on Tuesday said", "Clinton last week said") and adverbs ("Wells Fargo just announced").
size_t skip_gap(const View& v, size_t end, size_t floor) {
  size_t e = end;
  for (size_t guard = 0; guard < 4 && e > floor; ++guard) {
    const Tok& t = v[e - 1];
    if (!t.word) break;
    // "Officials there said", "our reporter there says": where the source is, not part of its name.
    if ((t.norm == "there" || t.norm == "here") && !t.cap && e >= floor + 2 && v[e - 2].word &&
        !is_cue_auxiliary(v[e - 2].norm)) {
      --e;
      continue;
    }
    if (is_day_or_time(t.norm) || (is_cue_auxiliary(t.norm) && !t.cap)) {
      --e;
      if (e > floor && (v.is(e - 1, "on") || v.is(e - 1, "late") || v.is(e - 1, "early"))) --e;
      continue;
    }
    // "less than two weeks ago", "days ago".
    if (t.norm == "ago") {
      static const WordSet span = {"a", "an", "few", "several", "than", "less", "more", "about",
                                   "nearly", "just", "only", "some", "two", "three", "four", "five",
                                   "six", "seven", "eight", "nine", "ten", "one", "couple", "of"};
      size_t k = e - 1;
      if (k > floor && v[k - 1].word && !v[k - 1].cap) --k;  // the unit: "weeks", "days"
      while (k > floor && e - k < 7 && v[k - 1].word && !v[k - 1].cap &&
             (span.count(v[k - 1].norm) || v[k - 1].kind == TokenKind::kNumber)) {
        --k;
      }
      if (k + 2 <= e - 1) {
        e = k;
        continue;
      }
      break;
    }
    if ((t.norm == "week" || t.norm == "month" || t.norm == "year" || t.norm == "night" ||
         t.norm == "weekend" || t.norm == "morning" || t.norm == "afternoon" || t.norm == "evening") &&
        e >= floor + 2 && (v.is(e - 2, "last") || v.is(e - 2, "this") || v.is(e - 2, "next"))) {
      e -= 2;
      continue;
    }
    break;
  }
  return e;
}

/// The subject ending before token `b` (the first token of a cue), past a gap. A subject that a
/// sentence-initial prepositional phrase runs into without a comma ("In a Bloomberg interview Trump
/// declared") is cut back to the name at its end.
Span subject_before(const View& v, size_t b, size_t floor) {
  // "Every study of new roads that I have read finds": a relative clause between the subject and its
  // verb, its own subject a pronoun: the source is the phrase before "that".
  {
    size_t k = b;
    if (k > floor + 3 && v[k - 1].word && !v[k - 1].cap && !is_personal_pronoun(v[k - 1].norm)) {
      --k;
      while (k > floor && v[k - 1].word && is_cue_auxiliary(v[k - 1].norm) && !v[k - 1].cap) --k;
      if (k > floor + 1 && v[k - 1].word && is_personal_pronoun(v[k - 1].norm) && !v.is(k - 1, "it") &&
          !v.is(k - 1, "who") && !v.is(k - 1, "which") && (v.is(k - 2, "that") || v.is(k - 2, "which"))) {
        Span head = left_np(v, k - 2, floor);
        if (!head.empty() && head.end == k - 2) return {head.begin, b};
      }
    }
  }
  Span src = left_np(v, skip_gap(v, b, floor), floor);
  // "... cut since 2015, the minister, Karin Holm, announced", "Routes will return, the minister
  // said": a lone figure or lower-case word before the comma, itself after a word of its own clause,
  // ends the clause before; the source is set off after it.
  if (src.end > src.begin + 2 && v.punct(src.begin + 1, ",") && src.begin > 0 && v[src.begin - 1].word &&
      (v[src.begin].kind == TokenKind::kNumber || (v[src.begin].word && !v[src.begin].cap)) &&
      !v.is(src.begin - 1, "that") && !v.is(src.begin - 1, "and") && !v.is(src.begin - 1, "but") &&
      (v[src.begin + 2].cap || determiners().count(v[src.begin + 2].norm))) {
    src.begin += 2;
  }
  if (src.empty() || src.begin == 0) return src;
  static const WordSet fronted = {"in", "on", "at", "during", "after", "following", "under", "with",
                                  "before", "since", "from", "speaking", "asked"};
  const Tok& before = v[src.begin - 1];
  bool initial_pp = before.word && fronted.count(before.norm);
  for (size_t k = 0; initial_pp && k + 1 < src.begin; ++k) {
    if (v[k].word && !is_np_stop(v[k].norm)) initial_pp = false;
  }
  if (!initial_pp) return src;
  // "In Iowa, the mayor, a Democrat, said": the comma closes the opening phrase.
  for (size_t c = src.begin; c + 1 < src.end; ++c) {
    if (v.punct(c, ",")) return {c + 1, src.end};
  }
  size_t k = src.end;
  while (k > src.begin && (v[k - 1].cap || !v[k - 1].word)) --k;
  if (k > src.begin && k < src.end) return {k, src.end};
  return src;
}

/// Where a participle at `b` continues the clause before it: the comma ("..., saying"), the comma that
/// closes a quotation ('... party," claiming that'), or a dash between clauses ("on the spot – saying").
/// Returns `b` when nothing sets it off.
size_t clause_break_before(const View& v, size_t b) {
  if (b == 0) return b;
  if (v.punct(b - 1, ",")) return b - 1;
  if (b >= 2 && v.close_quote(b - 1) && v.punct(b - 2, ",")) return b - 2;
  const std::string_view d = v[b - 1].norm;
  if (!v[b - 1].word && (d == "—" || d == "–" || d == "--" || d == "-") && spaced(v, b - 1)) return b - 1;
  return b;
}

/// Whether `c` sits inside the complement of an earlier report `o` in the same sentence: "X said she
/// believes ...", "X told reporters that a study found ...". The report is X's; what X says others
/// think is part of its content. PolNeAR annotates no such nested attribution (none of its 19,868
/// train cues lies inside another attribution's content), and "X said he wants" makes one claim.
/// Nothing may set the two apart: a comma, a dash, a quotation mark or the end of a clause between
/// the outer cue and the inner report ("X said, adding ...", "X said; Y claimed") ends the content.
bool nested_in(const View& v, const Candidate& c, const Candidate& o) {
  if (&c == &o || o.weak || o.source.empty() || o.source.end > o.cue.begin) return false;
  size_t start = c.cue.begin;
  if (!c.source.empty()) start = std::min(start, c.source.begin);
  if (o.cue.end > start || o.cue.begin >= c.cue.begin) return false;
  // An adverbial or relative clause, or a coordinated one, is no complement: "X attacked him after Y
  // accused him of ...", "X declined to comment and Y said ...", "X praised the mayor, who said ...".
  // A free relative is: "X condemned what Y called a breach" is X's report (PolNeAR marks no "called").
  static const WordSet opens_clause = {
      "when", "whenever", "after", "before", "as", "while", "where", "because", "since", "until",
      "although", "though", "if", "unless", "whereas", "and", "but", "or", "nor", "yet", "with",
      "without", "who", "whom", "whose", "which"};
  for (size_t k = o.cue.end; k < start; ++k) {
    if (v.end_of_clause(k) || v.open_quote(k) || v.close_quote(k)) return false;
    if (v[k].word && opens_clause.count(v[k].norm)) return false;
  }
  return true;
}

bool nested(const View& v, const Candidate& c, const std::vector<Candidate>& all) {
  return std::any_of(all.begin(), all.end(), [&](const Candidate& o) { return nested_in(v, c, o); });
}

/// The subject of a participial report after a comma ("..., saying ...", "..., adding that"): the
/// source of the last earlier attribution in the sentence that is not nested in another one ("Ruiz
/// said he doubted it, arguing ..." is Ruiz arguing), else the sentence's first noun phrase.
Span participle_subject(const View& v, size_t cue, const std::vector<Candidate>& earlier) {
  // Only reports before the participle, in its main clause: not one inside a subordinate or relative
  // clause ("Ever since she endorsed Clinton, Warren has been a surrogate, attacking ...").
  static const WordSet subordinate = {"since", "when", "after", "before", "while", "as", "because",
                                      "if", "although", "though", "until", "once", "whether", "unless"};
  const Candidate* last = nullptr;
  for (const Candidate& c : earlier) {
    if (c.cue.begin >= cue || nested(v, c, earlier)) continue;
    if (!c.source.empty()) {
      const size_t b = c.source.begin;
      if (b > 0 && v[b - 1].word && subordinate.count(v[b - 1].norm)) continue;
      if (c.source.end == b + 1 && (v.is(b, "who") || v.is(b, "which") || v.is(b, "that"))) continue;
    }
    if (last == nullptr || c.cue.begin > last->cue.begin) last = &c;
  }
  if (last != nullptr && !last->source.empty()) return last->source;
  size_t i = 0;
  // Skip a short introductory phrase: "Hours later, Trump ...", "On Monday, the campaign ...". It is
  // known by its first or its last word; a preposition inside the clause ("Clinton celebrated in
  // Florida with supporters, declaring") does not make one.
  auto intro_word = [&](const Tok& t) {
    return t.word && (is_np_stop(t.norm) || is_np_preposition(t.norm) || is_day_or_time(t.norm) ||
                      t.kind == TokenKind::kNumber);
  };
  size_t first = 0;
  while (first < cue && !v[first].word) ++first;
  // A sentence that opens with a preposition or a participle ("In a column read the day before the
  // debate, ...", "Chastened by the analyses, ...") is introduced however long the phrase runs.
  bool opens_intro = false;
  if (first < cue && v[first].kind == TokenKind::kWord) {
    const std::string_view w = v[first].norm;
    opens_intro = is_np_preposition(w) || (w.size() > 4 && w.ends_with("ed")) ||
                  (w.size() > 5 && w.ends_with("ing"));
  }
  for (size_t k = first; k < cue && (k < 10 || opens_intro); ++k) {
    if (v.punct(k, ",")) {
      if (k > first && (intro_word(v[first]) || intro_word(v[k - 1]) || opens_intro)) i = k + 1;
      break;
    }
  }
  // Past connectives, adverbs and a live blog's time of day ("9:34 p.m. Donald Trump has ...").
  while (i < cue && (!v[i].word || is_np_stop(v[i].norm) || (v[i].norm.ends_with("ly") && !v[i].cap) ||
                     (v[i].kind == TokenKind::kNumber && i + 1 < cue && is_np_stop(v[i + 1].norm)))) {
    ++i;
  }
  if (i < cue && v[i].word && is_personal_pronoun(v[i].norm)) return {i, i + 1};
  Span np = right_np(v, i, cue);
  if (np.empty()) return np;
  // The subject must be followed by its verb, not by a comma of an introductory phrase.
  if (v.punct(np.end, ",")) return {cue, cue};
  return np;
}

void add_content(const View& v, Candidate& c, bool source_after, size_t limit) {
  // Content after the cue: skip an addressee, "that" and punctuation; before it: from the start of the
  // sentence to the comma or quotation that precedes the cue and its source.
  size_t after = std::max(c.cue.end, c.source.end);
  size_t before = c.source.empty() ? c.cue.begin : std::min(c.cue.begin, c.source.begin);
  size_t j = after;
  while (j < limit && (v.is(j, "that") || v.punct(j, ",") || v.punct(j, ":"))) ++j;
  size_t e = limit;
  while (e > j && (v[e - 1].kind == TokenKind::kTerminator)) --e;
  if (e > j + 1 && !source_after) {
    c.a.content = v.range({j, e});
    return;
  }
  size_t b = 0;
  size_t k = before;
  while (k > b && (v.punct(k - 1, ",") || v[k - 1].kind == TokenKind::kPunctuation)) --k;
  if (k > b) c.a.content = v.range({b, k});
  else if (e > j) c.a.content = v.range({j, e});
}

/// "sorted according to the rules", "a full date according to RFC 3339", "went according to plan":
/// conformity, not a report. The phrase follows a word directly (a report's "according to" opens the
/// sentence or follows a comma: in PolNeAR train and dev every "according to" before such a noun does)
/// and names a rule, a plan or a standard.
bool conforms(const View& v, size_t according, Span source) {
  if (according == 0 || !v[according - 1].word || v.is(according - 1, "and") || v.is(according - 1, "but")) {
    return false;
  }
  static const WordSet rules = {
      "plan", "plans", "schedule", "rule", "rules", "law", "laws", "standard", "standards",
      "specification", "specifications", "spec", "protocol", "instructions", "guidelines", "regulations",
      "pattern", "format", "type", "schema", "algorithm", "formula", "criteria", "order", "size",
      "priority", "need", "needs", "script", "tradition", "custom", "procedure", "procedures", "options",
      "settings", "configuration", "recipe", "template", "grammar", "syntax"};
  size_t k = source.begin;
  while (k < source.end && (!v[k].word || determiners().count(v[k].norm) || v[k].norm.ends_with("'s"))) ++k;
  for (size_t j = k; j < source.end && j < k + 2; ++j) {
    if (!v[j].word) break;
    std::string_view w = v[j].norm;
    if (rules.count(w)) return true;
    // A standard by its number: "RFC 3339", "RFC4122", "ISO 8601".
    if ((w.starts_with("rfc") || w == "iso" || w == "ieee" || w == "ecma") && j == k) return true;
  }
  return false;
}

// ---- attributions by layout ---------------------------------------------------------------------
// Headlines and transcripts attribute with a colon ("Graham: Trump's rhetoric is hateful", "PENCE:
// Well, look ..."), letters and vox pops with a dash before the name ("― Sonya Herridge").

/// Whether every word of `s` is in capitals, as a transcript's speaker is ("BERG", "HUFFPOLLSTER").
bool in_capitals(const View& v, Span s) {
  for (size_t k = s.begin; k < s.end; ++k) {
    const std::string_view w = v.doc().slice(v[k].range);
    if (std::any_of(w.begin(), w.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; })) return false;
  }
  return true;
}

bool is_colon_label(std::string_view w) {
  static const WordSet s = {
      "note", "notes", "update", "updated", "updates", "correction", "clarification", "warning", "photo",
      "photos", "video", "watch", "related", "read", "more", "tip", "tips", "example", "q", "a", "step",
      "question", "answer", "summary", "abstract", "contact", "disclaimer", "date", "time", "location",
      "title", "subject", "re", "fwd", "from", "to", "cc", "ps", "p.s.", "breaking", "exclusive",
      "analysis", "opinion", "commentary", "review", "background", "context", "bonus", "fact", "facts",
      "truth", "verdict", "rating", "claim", "pros", "cons", "ingredients", "directions", "transcript",
      "partial", "full", "here", "what", "why", "how", "who", "where", "when", "but", "and", "so", "yes",
      "no", "also", "first", "second", "third", "finally", "meanwhile", "plus", "editor's", "editors",
      "live", "latest", "developing", "watch", "listen", "see", "sign", "share", "follow", "credit",
      "credits", "image", "caption", "chart", "table", "figure", "map", "graphic", "part", "chapter",
      "episode", "season", "day", "week", "lesson", "rule", "reason", "problem", "solution", "result",
      "results", "bottom", "line", "takeaway", "key", "quick", "hint", "caution", "danger", "important",
      "attention", "reminder", "p", "pp", "vol", "no.", "fig", "fig.", "source", "sources", "via",
      "further", "references", "resources", "links", "appendix", "glossary",
      // Labels of analysis and reporting ("Assessment: grain exports", "Explainer: the levy").
      "assessment", "assessments", "explainer", "overview", "profile", "obituary", "editorial", "recap",
      "preview", "faq", "roundup", "outlook", "forecast", "conclusion", "conclusions", "brief", "backgrounder",
      "factsheet", "primer", "guide", "handbook", "letter", "letters", "comment", "column", "essay", "podcast",
      "interview", "dispatch", "feature", "memo", "memorandum", "agenda", "night", "morning", "evening",
      "recall", "notice", "alert", "thread",
      "recommendation", "recommendations", "findings", "methodology", "purpose", "introduction",
      // Labels of reference documentation ("Type: `number`", "**Default**: `true`").
      "type", "types", "default", "defaults", "description", "argument", "arguments", "parameter",
      "parameters", "param", "params", "returns", "return", "value", "values", "usage", "option",
      "options", "examples", "output", "input", "syntax", "signature", "method", "methods", "class",
      "property", "properties", "event", "events", "status", "version", "license", "installation",
      "install", "requires", "required", "deprecated", "since", "string", "number", "boolean", "object",
      "array", "function", "callback", "name", "format", "mode", "scope", "alias", "aliases", "notice",
      "remove", "added", "changed", "fixed", "removed", "security", "features", "feature", "limitations"};
  return s.count(w) > 0;
}

/// "Name: content" at the start of a sentence, of a quoted line, or of a paragraph that a lead-in
/// ending in ":" runs on into ("Partial transcript:" then "\"SMITH: Let's start ..."): the name is the
/// source. `b` is where the sentence or paragraph starts.
bool colon_attribution(const View& v, size_t b, const Lists& lists, Candidate& c) {
  while (b < v.size() && (v.open_quote(b) || (!v[b].word && v[b].kind == TokenKind::kMarkup))) ++b;
  size_t e = b;
  size_t words = 0;
  while (e < v.size() && e < b + 8 && v[e].word) {
    ++words;
    ++e;
  }
  if (words == 0 || words > 6 || !v.punct(e, ":")) return false;
  if (!v[b].cap || is_colon_label(v[b].norm) || is_colon_label(v[e - 1].norm)) return false;
  // A numbered part is a label: "Book II:", "Category IV:".
  if (e - b >= 2 && v[e - 1].word && v[e - 1].norm.size() >= 2 &&
      v[e - 1].norm.find_first_not_of("ivxlcdm") == std::string::npos) {
    return false;
  }
  if (determiners().count(v[b].norm)) return false;  // "Two questions:", "The problem:"
  // A definition follows a term with "a" or "an": "Isengard: A fortress at the southern end ...",
  // "Labiaplasty: a surgical ..."; speech after a speaker's name rarely opens that way. A name in
  // capitals is a speaker or an outlet all the same ("HUFFPOLLSTER: A 'Seismic Shift' ...").
  if (e + 1 < v.size() && (v.is(e + 1, "a") || v.is(e + 1, "an")) && !in_capitals(v, {b, e})) return false;
  for (size_t k = b; k < e; ++k) {
    if (v[k].kind == TokenKind::kNumber) return false;
    // A headline phrase is not a name: "Stealth Over Health:".
    if (is_np_stop(v[k].norm) || (is_np_preposition(v[k].norm) && v[k].norm != "of")) return false;
    if (!v[k].cap && !(np_word(v[k]) && words <= 3) && v[k].norm != "of") return false;
    // A lower-case "-ing" or "-ed" word makes a label, not a name: "Further reading:", "Related:".
    if (!v[k].cap && is_verbish(v[k])) return false;
  }
  // A title names a document, not a speaker: "Quarterly report:", "Field survey:".
  const LexiconEntry* head = nullptr;
  if (!v[e - 1].cap && match_at(v, e - 1, lists.nouns, &head, e) > 0 && head->category == "document") {
    return false;
  }
  size_t after = 0;
  for (size_t k = e + 1; k < v.size(); ++k) after += v[k].word;
  if (after < 2) return false;
  c.cue = {e, e + 1};
  c.source = {b, e};
  return true;
}

/// "― Sonya Herridge" at the start of a sentence, after a quotation: the signature of what precedes.
bool dash_attribution(const View& v, Candidate& c) {
  if (v.size() < 2 || v[0].word) return false;
  std::string_view d = v[0].norm;
  if (d != "―" && d != "—" && d != "–" && d != "--") return false;
  size_t e = 1;
  while (e < v.size() && e < 7 && v[e].word && v[e].cap) ++e;
  if (e == 1 || e - 1 > 5) return false;
  if (e < v.size() && v[e].kind != TokenKind::kTerminator && !v.open_quote(e) && !v.punct(e, ",")) {
    return false;
  }
  c.cue = {0, 1};
  c.source = {1, e};
  return true;
}

// ---- the learned cue tagger --------------------------------------------------------------------
// An averaged structured perceptron over word and context features (tools/claim_model/train_cues.py,
// trained on PolNeAR train), decoded by Viterbi over inside/outside a cue, marks words inside
// attribution cues the reporting-verb rules do not know ("took aim at", "his remarks on"). Against the
// greedy left-to-right tagger it replaced, with three more feature groups: PolNeAR dev cue F1 through
// the binary 0.646 -> 0.658 (tools/claim_model/README.md). The weights file keys each feature by the
// FNV-1a hash of its text ("w-1w=he|said"); the hash of each template's prefix is a compile-time
// constant and is continued over the words, so a feature costs only its words' bytes and one probe.
// Features with a handful of values (bias, previous label, category, shape, position) are looked up
// once per process.

/// FNV-1a continued over `s`: the same values as FeatureHash.
constexpr uint64_t fnv(uint64_t h, std::string_view s) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}
constexpr uint64_t fnv(std::string_view s) { return fnv(14695981039346656037ULL, s); }

/// fnv() continued from two states over the same text in one pass: FNV-1a is a chain of multiplies,
/// one per byte, and two chains side by side take about the time of one.
constexpr std::pair<uint64_t, uint64_t> fnv2(uint64_t a, uint64_t b, std::string_view s) {
  for (char c : s) {
    a = (a ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    b = (b ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return {a, b};
}

constexpr uint64_t kW = fnv("w="), kS3 = fnv("s3="), kS2 = fnv("s2="), kSh = fnv("sh="),
                   kWm1 = fnv("w-1="), kWp1 = fnv("w+1="), kWm2 = fnv("w-2="), kWp2 = fnv("w+2="),
                   kWm3 = fnv("w-3="), kWp3 = fnv("w+3="), kWm1W = fnv("w-1w="), kWWp1 = fnv("ww+1="),
                   kWm1Wp1 = fnv("w-1w+1="), kWm2Wm1 = fnv("w-2w-1="), kWp1Wp2 = fnv("w+1w+2="),
                   kPW = fnv("pw="), kPWp1 = fnv("pw+1="), kC = fnv("c="), kCm1 = fnv("c-1="),
                   kCp1 = fnv("c+1="), kCm2 = fnv("c-2="), kCp2 = fnv("c+2="), kShm1 = fnv("sh-1="),
                   kShp1 = fnv("sh+1="), kShm1W = fnv("sh-1w="), kWShp1 = fnv("wsh+1=");

/// The model and the weights of its small-valued features, looked up once.
struct CueModel {
  explicit CueModel(const WeightTable& t) : table(t) {
    auto w = [&](std::string_view f) { return t.weight(fnv(f)); };
    bias = w("b");
    prev[0] = w("p=O");
    prev[1] = w("p=C");
    quoted[0] = w("q=0");
    quoted[1] = w("q=1");
    pronoun[0] = w("pr-1=0");
    pronoun[1] = w("pr-1=1");
    static constexpr std::string_view kPositions[] = {"0", "1", "2", "3", "4", "5"};
    for (size_t i = 0; i < 6; ++i) position[i] = t.weight(fnv(fnv("pos="), kPositions[i]));
    // Category "-" (no reporting_verbs entry, or outside the sentence) is by far the commonest.
    const uint64_t cats[5] = {kC, kCm1, kCp1, kCm2, kCp2};
    for (size_t i = 0; i < 5; ++i) no_category[i] = t.weight(fnv(cats[i], "-"));
    static constexpr std::string_view kShapes[] = {"C", "l", "D", "<s>", "</s>"};
    const uint64_t shapes[3] = {kSh, kShm1, kShp1};
    for (size_t i = 0; i < 3; ++i) {
      for (size_t j = 0; j < 5; ++j) shape[i][j] = t.weight(fnv(shapes[i], kShapes[j]));
    }
  }
  float weight(uint64_t h) const { return table.weight(h); }

  const WeightTable& table;
  float bias = 0, prev[2] = {}, quoted[2] = {}, pronoun[2] = {}, position[6] = {}, no_category[5] = {};
  float shape[3][5] = {};  // [sh=, sh-1=, sh+1=][C, l, D, <s>, </s>]
};

const CueModel& cue_model() {
  // Never destroyed (Google style for statics): the weights live as long as the process.
  static const WeightTable* table = new WeightTable(embedded_file("lexicon/source_cue_model.tsv"));
  static const CueModel* model = new CueModel(*table);
  return *model;
}

/// The shape class the tagger sees: digits, capitalised, lower-case, or the punctuation itself.
std::string_view shape_of(const Document& doc, const Tok& t) {
  std::string_view text = doc.slice(t.range);
  if (text.empty()) return "";
  unsigned char c = static_cast<unsigned char>(text[0]);
  if ((c >= '0' && c <= '9') || c == '$' ||
      ((c == 0xC2 || c == 0xE2) && (text.starts_with("£") || text.starts_with("€")))) {
    return "D";
  }
  if (t.word ? t.cap : starts_upper(text)) return "C";  // a word's `cap` is starts_upper already
  if ((c >= 'a' && c <= 'z') || c >= 0x80) return c >= 0x80 && !t.word ? text : "l";
  return text;
}

/// The index of a shape among the common ones (C, l, D), or -1 for punctuation spelled out.
int shape_index(std::string_view shape) {
  if (shape.size() != 1) return -1;
  return shape[0] == 'C' ? 0 : shape[0] == 'l' ? 1 : shape[0] == 'D' ? 2 : -1;
}

bool counts_as_quote(std::string_view t) {
  if (t.empty()) return false;
  unsigned char c = static_cast<unsigned char>(t[0]);
  if (c == '"') return t.size() == 1;
  if (c != 0xE2 && c != 0xC2) return false;  // the lead bytes of the marks below
  return t == "“" || t == "”" || t == "«" || t == "»" || t == "„";
}

bool is_pronoun_feature(std::string_view w) {
  switch (w.size()) {
    case 1: return w == "i";
    case 2: return w == "he" || w == "we" || w == "it";
    case 3: return w == "she" || w == "you" || w == "who";
    case 4: return w == "they";
    case 5: return w == "which";
    default: return false;
  }
}

/// The weights of the features that depend on one word alone, for one word type: as the word itself,
/// its suffixes, as each neighbour, and after each previous label (O, C) as the word or the next.
/// For the word-pair features, the hash of each template up to and including "<word>|", so a pair
/// costs only the second word's bytes.
struct WordWeights {
  float w = 0, s3 = 0, s2 = 0, wm1 = 0, wp1 = 0, wm2 = 0, wp2 = 0, wm3 = 0, wp3 = 0;
  float pw[2] = {}, pwp1[2] = {};
  // "w-1w=<word>|", "ww+1=<word>|", "w-1w+1=<word>|", "w-2w-1=<word>|", "w+1w+2=<word>|", "wsh+1=<word>|"
  uint64_t wm1w = 0, wwp1 = 0, wm1wp1 = 0, wm2wm1 = 0, wp1wp2 = 0, wshp1 = 0;
  // "sh-1w=<shape>|<word>" for the three common shapes before it (C, l, D)
  float shm1w[3] = {};
};

/// The tagger over one document's sentences. Most of a word's features depend on one word alone, so
/// their weights are kept per word type: a repeated word (most words of running text) costs one probe
/// of this small, warm table instead of a dozen hashes and probes of the multi-megabyte model, which
/// missed the cache on nearly every probe (a fifth of the whole run's time on the plain-text corpus).
class CueTagger {
 public:
  /// Which words of the sentence the tagger puts inside a cue (features mirror train_cues.py); none
  /// in a heading. Valid until the next call: the flags live in a buffer kept between sentences.
  const std::vector<bool>& tag(const View& v, bool heading);

 private:
  /// The index in the word cache of a word type's weights, looked up in the model the first time.
  uint32_t weights_of(std::string_view w);

  /// The weights of the word types seen so far on this thread, kept from one document to the next:
  /// they depend on the word and the built-in model alone, and a short document's words are mostly
  /// words the documents before it had (on 1,000 small Markdown files the tagger otherwise probed the
  /// model anew for every word of every file). Emptied when a document leaves more than kMaxWords in
  /// it, so a thread keeps a megabyte at most and a long document's words are freed with it.
  struct WordCache {
    TextMap<uint32_t> by_word;  // word type -> index in weights
    std::vector<WordWeights> weights;
  };
  static constexpr size_t kMaxWords = size_t{1} << 13;
  static WordCache& word_cache() {
    thread_local WordCache cache;
    return cache;
  }

 public:
  CueTagger() = default;
  CueTagger(const CueTagger&) = delete;
  CueTagger& operator=(const CueTagger&) = delete;
  ~CueTagger() {
    if (words_.weights.size() > kMaxWords) words_ = WordCache{};
  }

 private:

  // Per token of the sentence being tagged, with three boundary words on each side; kept between
  // sentences so tagging one allocates nothing. The word-type weights are referred to, not copied
  // (copying them was a tenth of tag()'s time).
  struct Pre {
    std::string_view norm;
    const WordWeights* weights = nullptr;
    std::string_view cat;  // empty when none ("-" in the weights file)
    std::string_view shape;
    int shape_index = -1;  // 0-2 for C, l, D; 3 and 4 for the boundaries
    bool quoted = false;
  };
  static constexpr size_t kPad = 3;

  const CueModel& model_ = cue_model();
  WordCache& words_ = word_cache();
  std::vector<Pre> pre_;
  std::vector<uint32_t> index_;        // per token of pre_, its index in words_.weights
  std::vector<bool> tagged_;
  // Viterbi: per token, the previous label on the best path into O and into C.
  std::vector<std::pair<bool, bool>> back_;
};

uint32_t CueTagger::weights_of(std::string_view w) {
  auto [index, added] = words_.by_word.emplace(w, text_hash(w));
  if (!added) return index;
  index = static_cast<uint32_t>(words_.weights.size());
  WordWeights& ww = words_.weights.emplace_back();
  auto weight = [&](uint64_t prefix, std::string_view s) { return model_.weight(fnv(prefix, s)); };
  ww.w = weight(kW, w);
  ww.s3 = weight(kS3, w.size() > 3 ? w.substr(w.size() - 3) : w);
  ww.s2 = weight(kS2, w.size() > 2 ? w.substr(w.size() - 2) : w);
  ww.wm1 = weight(kWm1, w);
  ww.wp1 = weight(kWp1, w);
  ww.wm2 = weight(kWm2, w);
  ww.wp2 = weight(kWp2, w);
  ww.wm3 = weight(kWm3, w);
  ww.wp3 = weight(kWp3, w);
  static constexpr std::string_view kPrevious[2] = {"O|", "C|"};
  for (size_t p = 0; p < 2; ++p) {
    ww.pw[p] = weight(fnv(kPW, kPrevious[p]), w);
    ww.pwp1[p] = weight(fnv(kPWp1, kPrevious[p]), w);
  }
  static constexpr std::string_view kShapes[3] = {"C|", "l|", "D|"};
  for (size_t s = 0; s < 3; ++s) ww.shm1w[s] = weight(fnv(kShm1W, kShapes[s]), w);
  ww.wm1w = fnv(fnv(kWm1W, w), "|");
  ww.wwp1 = fnv(fnv(kWWp1, w), "|");
  ww.wm1wp1 = fnv(fnv(kWm1Wp1, w), "|");
  ww.wm2wm1 = fnv(fnv(kWm2Wm1, w), "|");
  ww.wp1wp2 = fnv(fnv(kWp1Wp2, w), "|");
  ww.wshp1 = fnv(fnv(kWShp1, w), "|");
  return index;
}

const std::vector<bool>& CueTagger::tag(const View& v, bool heading) {
  const CueModel& model = model_;
  size_t n = v.size();
  std::vector<bool>& out = tagged_;
  out.assign(n, false);
  if (heading || model.table.empty() || n == 0) return out;
  const Document& doc = v.doc();
  // Per token, once: its word (with three boundary words on each side, so neighbours need no range
  // checks), its word-type weights, category, shape and whether it lies inside quotation marks.
  std::vector<Pre>& pre = pre_;
  pre.assign(n + 2 * kPad, Pre{});
  std::vector<uint32_t>& index = index_;
  index.resize(n + 2 * kPad);
  const uint32_t start = weights_of("<s>"), end = weights_of("</s>");
  for (size_t k = 0; k < kPad; ++k) {
    pre[k].norm = "<s>";
    index[k] = start;
    pre[k].shape = "<s>";
    pre[k].shape_index = 3;
    pre[n + kPad + k].norm = "</s>";
    index[n + kPad + k] = end;
    pre[n + kPad + k].shape = "</s>";
    pre[n + kPad + k].shape_index = 4;
  }
  bool inside = false;
  for (size_t i = 0; i < n; ++i) {
    Pre& p = pre[i + kPad];
    p.norm = v[i].norm;
    index[i + kPad] = weights_of(p.norm);
    p.cat = v[i].category;
    p.shape = shape_of(doc, v[i]);
    p.shape_index = shape_index(p.shape);
    p.quoted = inside;
    if (!v[i].word && counts_as_quote(v[i].norm)) inside = !inside;
  }
  // The cache no longer grows in this sentence: its addresses hold.
  for (size_t k = 0; k < pre.size(); ++k) pre[k].weights = &words_.weights[index[k]];
  static constexpr uint64_t kCatPrefix[5] = {kC, kCm1, kCp1, kCm2, kCp2};
  static constexpr ptrdiff_t kCatOffset[5] = {0, -1, 1, -2, 2};
  static constexpr uint64_t kShapePrefix[3] = {kSh, kShm1, kShp1};
  static constexpr ptrdiff_t kShapeOffset[3] = {0, -1, 1};
  // Viterbi over the two labels. A word inside a cue scores its features (the bias included, and
  // those after the previous word's label); a word outside scores 0; punctuation is never tagged and
  // passes the previous label on. Inside a direct quotation the tagger's answer is never used (cues
  // there are the speaker's): its words are held outside and not scored, so the first word after the
  // quotation starts afresh.
  std::vector<std::pair<bool, bool>>& back = back_;
  back.assign(n, {false, false});
  constexpr float kNever = -std::numeric_limits<float>::infinity();
  float best_o = 0, best_c = kNever;  // the best path ending outside / inside a cue
  for (size_t i = 0; i < n; ++i) {
    if (!v[i].word) continue;
    if (v[i].quoted) {
      back[i] = {best_c > best_o, best_c > best_o};
      best_o = std::max(best_o, best_c);
      best_c = kNever;
      continue;
    }
    const Pre* at = &pre[i + kPad];
    std::string_view w = at->norm, wm1 = at[-1].norm, wp1 = at[1].norm;
    // The features are added in the training script's order.
    float sum = model.bias + model.quoted[at->quoted] + model.position[std::min<size_t>(i, 5)] +
                model.pronoun[is_pronoun_feature(wm1)];
    sum += at->weights->w;
    sum += at->weights->s3;
    sum += at->weights->s2;
    sum += at[-1].weights->wm1;
    sum += at[1].weights->wp1;
    sum += at[-2].weights->wm2;
    sum += at[2].weights->wp2;
    sum += at[-3].weights->wm3;
    sum += at[3].weights->wp3;
    // "ww+1=<word>|<next>" and "w-1w+1=<previous>|<next>" both end with the next word.
    const auto [wwp1, wm1wp1] = fnv2(at->weights->wwp1, at[-1].weights->wm1wp1, wp1);
    sum += model.weight(fnv(at[-1].weights->wm1w, w));
    sum += model.weight(wwp1);
    sum += model.weight(wm1wp1);
    sum += model.weight(fnv(at[-2].weights->wm2wm1, wm1));
    sum += model.weight(fnv(at[1].weights->wp1wp2, at[2].norm));
    for (size_t slot = 0; slot < 5; ++slot) {
      std::string_view cat = at[kCatOffset[slot]].cat;
      sum += cat.empty() ? model.no_category[slot] : model.weight(fnv(kCatPrefix[slot], cat));
    }
    for (size_t slot = 0; slot < 3; ++slot) {
      const Pre& q = at[kShapeOffset[slot]];
      sum += q.shape_index >= 0 ? model.shape[slot][q.shape_index]
                                : model.weight(fnv(kShapePrefix[slot], q.shape));
    }
    // "sh-1w=<previous shape>|<word>", "wsh+1=<word>|<next shape>".
    const Pre& before = at[-1];
    sum += before.shape_index >= 0 && before.shape_index < 3
               ? at->weights->shm1w[before.shape_index]
               : model.weight(fnv(fnv(fnv(kShm1W, before.shape), "|"), w));
    sum += model.weight(fnv(at->weights->wshp1, at[1].shape));
    const float after_o = sum + (model.prev[0] + at->weights->pw[0] + at[1].weights->pwp1[0]);
    const float after_c = sum + (model.prev[1] + at->weights->pw[1] + at[1].weights->pwp1[1]);
    const float c_from_o = best_o + after_o, c_from_c = best_c + after_c;
    back[i] = {best_c > best_o, c_from_c > c_from_o};  // ties go to O, as in train_cues.py
    best_o = std::max(best_o, best_c);
    best_c = std::max(c_from_o, c_from_c);
  }
  bool label = best_c > best_o;
  for (size_t i = n; i-- > 0;) {
    if (!v[i].word) continue;
    out[i] = label;
    label = label ? back[i].second : back[i].first;
  }
  return out;
}

/// The plain verbs of saying, whose following preposition opens an adjunct ("said on Monday", "told
/// of") rather than completing the cue.
bool says_plainly(std::string_view w) {
  static const WordSet s = {"say", "says", "said", "saying", "tell", "tells", "told", "telling",
                            "write", "writes", "wrote", "writing", "add", "adds", "added", "adding",
                            "state", "states", "stated", "according", "statement", "interview"};
  return s.count(w) > 0;
}

/// "Unless stated otherwise", "except where noted": a condition of the text's own, nobody's report.
/// "See the release notes", "Please ask the maintainers", "Don't ask": instructions to the reader.
bool idiom_or_instruction(const View& v, const Candidate& c) {
  if (!c.source.empty() || c.cue.empty()) return false;
  size_t b = c.cue.begin;
  while (b + 1 < c.cue.end && (v.is(b, "please") || v.is(b, "don't") || v.is(b, "do") || v.is(b, "not"))) ++b;
  const std::string_view verb = v[b].norm;
  static const WordSet conditional = {"stated", "noted", "specified", "indicated", "mentioned"};
  if (conditional.count(verb) && b > 0 &&
      (v.is(b - 1, "unless") || v.is(b - 1, "otherwise") || v.is(b - 1, "where") || v.is(b - 1, "except"))) {
    return true;
  }
  static const WordSet instructions = {"see", "ask", "tell", "note", "read", "check", "consult", "refer",
                                       "contact", "email", "recall", "remember"};
  if (!instructions.count(verb)) return false;
  if (b > 0 && v.is(b - 1, "please")) return true;
  size_t k = b;
  while (k > 0 && (v.is(k - 1, "also") || v.is(k - 1, "don't") || v.is(k - 1, "not") || v.is(k - 1, "do") ||
                   v.is(k - 1, "never"))) {
    --k;
  }
  return k == 0 || !v[k - 1].word;
}

/// "If you think the plan will cost $160,000", "let's say you believe", "you might think": the reader
/// in a supposition, not a source the text cites. ("You said the bridge would open", said to someone
/// in an interview, still attributes.)
bool reader_supposition(const View& v, const Candidate& c) {
  if (c.source.end != c.source.begin + 1 || c.source.begin >= c.cue.begin) return false;
  if (v.is(c.source.begin, "you'd")) return true;
  if (!v.is(c.source.begin, "you")) return false;
  static const WordSet opens = {"if", "say", "suppose", "supposing", "imagine", "unless", "when", "whenever",
                                "whether", "assume", "assuming", "perhaps", "maybe"};
  static const WordSet modals = {"might", "may", "could", "would", "'d", "d"};
  const size_t s = c.source.begin;
  if (s > 0 && v[s - 1].word && opens.count(v[s - 1].norm)) return true;
  return s + 1 < v.size() && v[s + 1].word && modals.count(v[s + 1].norm);
}

/// "The company did not respond to a request for comment", "has not replied", "did not immediately
/// return calls": a report that no statement was made attributes nothing. (A refusal is different:
/// "declined to comment" tells the reader the source's answer.)
bool non_response(const View& v, const Candidate& c) {
  if (c.cue.empty()) return false;
  // The negated verb may stand just before a cue the tagger found on its object: "did not return
  // calls seeking comment".
  size_t from = c.cue.begin;
  while (from > 0 && c.cue.begin - from < 5 && v[from - 1].word) --from;
  bool negated = false;
  size_t verb = c.cue.end;
  for (size_t k = from; k < c.cue.end; ++k) {
    if (!v[k].word) continue;
    const std::string_view w = v[k].norm;
    if (w == "not" || w == "never" || w.ends_with("n't")) {
      negated = true;
    } else if (negated && verb == c.cue.end && !is_cue_auxiliary(w) && !w.ends_with("ly")) {
      verb = k;
    }
  }
  if (!negated || verb == c.cue.end) return false;
  const std::string_view w = v[verb].norm;
  if (w.starts_with("respond") || w.starts_with("repl") || w.starts_with("answer")) return true;
  if (!w.starts_with("return")) return false;
  // "return" says nothing of a statement unless what was not returned is a call or a message.
  static const WordSet messages = {"call", "calls", "message", "messages", "email", "emails", "e-mail",
                                   "e-mails", "request", "requests", "inquiry", "inquiries", "phone"};
  for (size_t k = verb + 1; k < v.size() && k < verb + 5 && v[k].word; ++k) {
    if (messages.count(v[k].norm)) return true;
  }
  return false;
}

/// Whether [b, e) holds only adverbs ("later", "widely", "first"), or nothing.
bool only_adverbs(const View& v, size_t b, size_t e) {
  static const WordSet adverbs = {"later", "first", "also", "since", "then", "now", "once", "often", "still"};
  for (size_t k = b; k < e; ++k) {
    if (!v[k].word || !(adverbs.count(v[k].norm) || (v[k].norm.size() > 4 && v[k].norm.ends_with("ly")))) {
      return false;
    }
  }
  return true;
}

/// Whether the "by" at k sets a deadline, not an agent: "by the end of 2027", "by then", "by Monday".
bool deadline_by(const View& v, size_t k) {
  // Besides the days and times of is_day_or_time(): "by then", "by March", "by hand", "by default".
  static const WordSet times = {"then", "now", "next", "tomorrow", "midnight", "noon", "mid", "january",
                                "february", "march", "april", "june", "july", "august", "september",
                                "october", "november", "december", "hand", "chance", "mistake", "default",
                                "design"};
  static const WordSet points = {"end", "time", "middle", "start", "beginning", "close", "turn", "summer",
                                 "spring", "autumn", "fall", "winter", "weekend", "deadline"};
  if (k + 1 >= v.size()) return false;
  const std::string_view d = v[k + 1].norm;
  const bool year = v[k + 1].kind == TokenKind::kNumber && d.size() == 4 && (d.starts_with("19") || d.starts_with("20"));
  return year || (v[k + 1].word && (times.count(d) || is_day_or_time(d))) ||
         (v.is(k + 1, "the") && k + 2 < v.size() && points.count(v[k + 2].norm));
}

/// Whether a cue at [b, e) is a passive ("was criticized", "has been met with", "is expected"): if so,
/// the position after its agent's "by" ("... by some of his rivals"), or v.size() when it names no
/// agent; 0 when it is no passive. The auxiliaries may stand before the cue.
size_t passive_agent(const View& v, size_t b, size_t e) {
  static const WordSet be = {"is", "was", "are", "were", "be", "been", "being", "'s", "'re", "isn't",
                             "wasn't", "aren't", "weren't"};
  static const WordSet irregular = {"known", "seen", "shown", "taken", "given", "held", "made",
                                    "told", "said", "thought", "found", "brought", "written", "sent",
                                    "met", "felt", "kept", "heard", "led", "left", "paid", "put",
                                    "shot", "struck", "understood", "won", "driven", "drawn", "hit",
                                    "caught", "beaten", "chosen", "forgotten", "hidden", "sought"};
  size_t a = b;
  while (a > 0 && v[a - 1].word && !v[a - 1].cap && (is_cue_auxiliary(v[a - 1].norm) ||
                                                      be.count(v[a - 1].norm))) {
    --a;
  }
  bool passive = false;
  for (size_t k = a; k < e && !passive; ++k) {
    if (!v[k].word || !be.count(v[k].norm)) continue;
    size_t j = k + 1;
    // Adverbs between "be" and the participle: "is widely cited", "is often cited", "was never told".
    static const WordSet adverbs = {"often", "also", "still", "never", "not", "long", "once", "already",
                                    "again", "seldom", "always", "since", "now"};
    while (j < e && v[j].word && !v[j].cap &&
           ((v[j].norm.size() > 4 && v[j].norm.ends_with("ly")) || adverbs.count(v[j].norm))) {
      ++j;
    }
    if (j < v.size() && j <= e && v[j].word && !v[j].cap &&
        ((v[j].norm.size() > 4 && v[j].norm.ends_with("ed")) || irregular.count(v[j].norm)) &&
        j < e) {
      passive = true;
    }
  }
  if (!passive) return 0;
  for (size_t k = e; k < v.size() && k < e + 15; ++k) {
    if (v.end_of_clause(k) || v.open_quote(k) || v.close_quote(k)) break;
    if (!v[k].word) continue;
    if (is_finite_auxiliary(v[k].norm) || v[k].reporting) break;
    if (v[k].norm == "by") {
      if (deadline_by(v, k)) return v.size();
      return k + 1 < v.size() && v[k + 1].word && !is_verbish(v[k + 1]) ? k + 1 : v.size();
    }
  }
  return v.size();
}

/// "Who says so?", "Who said that": a question about a source at the start of a sentence names none.
bool asks_for_source(const View& v, Span src) {
  return src.begin == 0 && src.end == 1 && (v.is(0, "who") || v.is(0, "which") || v.is(0, "what"));
}

void find_in_sentence(const View& v, uint32_t sentence, bool heading, bool learned, const Lists& lists,
                      const SourceRegistry& reg, CueTagger& tagger, std::vector<bool>& used,
                      std::vector<Candidate>& out) {
  size_t n = v.size();
  std::vector<Candidate> found;
  used.assign(n, false);  // tokens already in a cue or a source (the caller's buffer, reused)
  // Fills in what every attribution carries once its cue and source are known.
  auto complete = [&](Candidate& c, bool source_after) {
    c.a.sentence = sentence;
    c.a.cue = v.range(c.cue);
    c.a.source = v.range(c.source);
    // Emphasis opened inside the source closes with it: "the journal *Coastal Ecology*".
    if (!c.a.source.empty()) {
      const std::vector<Token>& all = v.doc().tokens();
      auto t = std::lower_bound(all.begin(), all.end(), c.a.source.start,
                                [](const Token& k, uint32_t at) { return k.range.start < at; });
      size_t open = 0;
      for (; t != all.end() && t->range.start < c.a.source.end; ++t) open += t->kind == TokenKind::kMarkup;
      if (open % 2 == 1 && t != all.end() && t->kind == TokenKind::kMarkup && t->range.start == c.a.source.end) {
        c.a.source.end = t->range.end;
      }
    }
    Kind kind = classify(v, c.source, reg, lists);
    c.a.kind = kind.kind;
    c.a.entry = kind.entry;
    c.a.caution = std::move(kind.caution);
    c.a.writer_source = kind.writer;
    // "Kolev, who denied the charges": the relative stands for the name before its comma, which is
    // the antecedent (the corpus convention keeps "who" as the source span).
    if (c.source.end == c.source.begin + 1 && v.is(c.source.begin, "who") && c.source.begin >= 2 &&
        v.punct(c.source.begin - 1, ",")) {
      // A name ("Ana Ruiz", "Democrats on Capitol Hill"), or a short phrase with its determiner ("the
      // rebels"); anything longer may have run into a verb ("placate nervous Democrats").
      const size_t comma = c.source.begin - 1;
      Span np{comma, comma};
      if (v[comma - 1].word && v[comma - 1].cap) {
        size_t b = comma;
        while (b > 0 && v[b - 1].word &&
               (v[b - 1].cap || ((v.is(b - 1, "of") || v.is(b - 1, "on") || v.is(b - 1, "for")) && b >= 2 &&
                                 v[b - 2].word && v[b - 2].cap))) {
          --b;
        }
        np = {b, comma};
      } else {
        const Span core = left_np_core(v, comma, 0);
        if (!core.empty() && core.end == comma && core.end - core.begin <= 4 &&
            determiners().count(v[core.begin].norm)) {
          np = core;
        }
      }
      if (!np.empty()) {
        Kind of = classify(v, np, reg, lists);
        c.a.antecedent = v.range(np);
        c.a.kind = of.kind;
        c.a.entry = of.entry;
        c.a.caution = std::move(of.caution);
      }
    }
    // "a local aid group", "an advocacy group", "one broadcaster": a body the text does not name.
    if (c.a.entry == nullptr && !c.source.empty() &&
        (c.a.kind == SourceKind::kOfficialStatement || c.a.kind == SourceKind::kMediaOutlet) &&
        (v.is(c.source.begin, "a") || v.is(c.source.begin, "an") || v.is(c.source.begin, "another") ||
         v.is(c.source.begin, "one"))) {
      // A name, or a body it belongs to ("a statement from the fisheries ministry"), identifies it.
      bool named = false;
      for (size_t k = c.source.begin + 1; k < c.source.end && !named; ++k) {
        named = v[k].word && (v[k].cap || v[k].norm == "the" || v[k].norm.ends_with("'s"));
      }
      if (!named) c.a.kind = SourceKind::kAnonymous;
    }
    // ", which suggests that ...": the relative stands for the finding before it, evidence rather
    // than an institution speaking.
    if (c.source.end == c.source.begin + 1 && v.is(c.source.begin, "which") && c.cue.end > c.cue.begin) {
      const std::string_view verb = v[c.cue.end - 1].norm;
      if (verb.starts_with("suggest") || verb.starts_with("indicat") || verb.starts_with("show") ||
          verb.starts_with("impl") || verb.starts_with("point")) {
        c.a.kind = SourceKind::kDocument;
      }
    }
    add_content(v, c, source_after, n);
  };
  for (size_t i = 0; i < n; ++i) {
    // Attributions inside a quotation are the speaker's, not the writer's ("We know that ..."); a
    // capitalised word mid-sentence is a name ("the Washington Post", "United States").
    if (used[i] || !v[i].word || v[i].quoted || (v[i].cap && i > 0)) continue;
    const LexiconEntry* e = v[i].verb;
    if (e == nullptr) continue;
    size_t len = e->words.size();
    // After a determiner or a possessive the word is a noun: "his reply", "Obama's promises".
    if (i > 0 && v[i - 1].word && (!v[i - 1].cap || i == 1) &&
        (determiners().count(v[i - 1].norm) || v[i - 1].norm.ends_with("'s") ||
         v[i - 1].norm.ends_with("s'")) && e->category != "according") {
      continue;
    }
    if (i > 0 && v[i - 1].word && v[i - 1].cap && (v[i - 1].norm.ends_with("'s"))) continue;
    // After a preposition, with at most one word between, a form in -s is a plural noun: "22% of
    // Democratic claims", "in reports".
    if (has_flag(*e, "3sg") && ((i > 0 && is_np_preposition(v[i - 1].norm)) ||
                                (i > 1 && v[i - 1].word && is_np_preposition(v[i - 2].norm)))) {
      continue;
    }
    // Idioms that report nothing: "easier said than done", "when all is said and done".
    if (v[i + len - 1].norm == "said" &&
        (v.is(i + len, "than") || (v.is(i + len, "and") && v.is(i + len + 1, "done")))) {
      for (size_t k = i; k < i + len; ++k) used[k] = true;
      continue;
    }
    Candidate c;
    c.cue = {i, i + len};
    std::string_view cat = e->category;
    size_t floor = 0;
    if (cat == "according") {
      c.source = with_apposition(v, with_post_clause(v, right_np(v, i + len, n), n), n);
      if (c.source.empty() && i + len < n && v[i + len].word) {
        static const WordSet objects = {"him", "her", "them", "me", "us", "it", "you"};
        if (objects.count(v[i + len].norm)) c.source = {i + len, i + len + 1};
      }
      if (c.source.empty()) continue;
      if (conforms(v, i, c.source)) {
        for (size_t k = i; k < i + len; ++k) used[k] = true;  // nor is it the tagger's
        continue;
      }
      // "according to X" mid-sentence or at its start ends at the next comma; only at the end of the
      // sentence may an apposition follow ("according to Y, a spokesman for Z.").
      bool leading = true;
      for (size_t k = 0; k < i && leading; ++k) {
        leading = !v[k].word || is_np_stop(v[k].norm) || v[k].norm == "that's";
      }
      if (leading || (c.source.end < n && v[c.source.end].kind != TokenKind::kTerminator &&
                      !v.close_quote(c.source.end))) {
        Span plain = with_post_clause(v, right_np(v, i + len, n), n);
        if (!plain.empty()) c.source = plain;
      }
    } else if (cat == "adverb") {
      // Inside a noun phrase the adverb qualifies a word, not the report: "the purportedly unbreakable
      // bond", "the allegedly stolen car".
      if (i > 0 && v[i - 1].word && determiners().count(v[i - 1].norm)) continue;
      c.weak = true;
    } else if (cat == "passive") {
      // "it is reported that": anonymous by construction, no source to find.
    } else {
      // A participle used as an adjective is no report: "the alleged attack", "a reported 500".
      if (i > 0 && v[i - 1].word && determiners().count(v[i - 1].norm) &&
          (has_flag(*e, "pp") || has_flag(*e, "past") || has_flag(*e, "ger"))) {
        continue;
      }
      // A passive with its agent: "was first reported by Politico".
      size_t b = i;
      // A capitalised word inside the sentence is a name, not an auxiliary: "Theresa May said".
      while (b > 0 && v[b - 1].word && is_cue_auxiliary(v[b - 1].norm) &&
             !(v[b - 1].cap && !v[b - 1].initial)) {
        --b;
      }
      bool passive = false;
      for (size_t k = b; k < i; ++k) {
        if (v.is(k, "is") || v.is(k, "was") || v.is(k, "were") || v.is(k, "are") || v.is(k, "been") ||
            v.is(k, "be") || v.is(k, "being")) {
          passive = has_flag(*e, "pp");
        }
      }
      if (passive) {
        if (!v.is(i + len, "by")) continue;
        c.source = with_apposition(v, with_post_clause(v, right_np(v, i + len + 1, n), n), n);
        if (c.source.empty()) continue;
        // The agent's "by" belongs to neither cue nor source: PolNeAR train leaves it out of the
        // cue twice as often as it puts it in (134 to 72).
        c.cue = {b, i + len};
      } else {
        // A participle that modifies the noun before it reports nothing: "a tool written in C" (a
        // participle alone, no auxiliary), "the fields described below" (a cross-reference),
        // "schemas added to the list", "a member called `argv`" (a name given).
        // Nor is it the tagger's to read as a report.
        // "a stream called Miracle Run", "a group named Ansar": a noun given its name. With a second
        // object it is a judgement: "the doctors who sent the letter called Oz a quack".
        bool naming = (v[i].norm == "called" || v[i].norm == "named" || v[i].norm == "dubbed") && b == i &&
                      i > 0 && v[i - 1].word && !v[i - 1].cap && !is_personal_pronoun(v[i - 1].norm) &&
                      i + len < n && v[i + len].cap;
        if (naming) {
          size_t k = i + len;
          while (k < n && (v[k].cap || (!v[k].word && v[k].norm == "-"))) ++k;
          naming = !(k < n && (v.is(k, "a") || v.is(k, "an") || v.is(k, "the") || v.open_quote(k)));
        }
        if ((b == i && has_flag(*e, "pp") && !has_flag(*e, "past")) || v.is(i + len, "below") ||
            v.is(i + len, "above") || (v[i].norm.starts_with("add") && v.is(i + len, "to")) ||
            (i + len < n && v[i + len].kind == TokenKind::kCode) || naming) {
          for (size_t k = b; k < i + len; ++k) used[k] = true;
          continue;
        }
        c.cue = {b, i + len};
        // "said in a statement", "said in an interview": part of the cue by the corpus convention.
        if (v.is(c.cue.end, "in") && (v.is(c.cue.end + 1, "a") || v.is(c.cue.end + 1, "an")) &&
            (v.is(c.cue.end + 2, "statement") || v.is(c.cue.end + 2, "interview"))) {
          c.cue.end += 3;
        }
        // A progressive ("is saying", "he's claiming") has its subject on the left like any verb; a
        // bare participle ("..., saying") shares the subject of the clause it follows.
        bool gerund = has_flag(*e, "ger") && b == i &&
                      !(i > 0 && v[i - 1].word && v[i - 1].norm.find('\'') != std::string::npos &&
                        is_personal_pronoun(v[i - 1].norm.substr(0, v[i - 1].norm.find('\''))));
        Span src = gerund ? Span{b, b} : subject_before(v, b, floor);
        // The object of an opening preposition is no subject: "For details refer to the guide".
        if (src.begin == 1 && v[0].word && v[0].cap && is_np_preposition(v[0].norm)) src = {b, b};
        // A base form ("say", "report") needs a plural or personal subject: "a news report" is a
        // noun phrase, not "a news" reporting.
        if (!src.empty() && b == i && has_flag(*e, "base") && !has_flag(*e, "past")) {
          auto plural = [](const Tok& head) {
            return head.word && (head.norm == "i" || head.norm == "we" || head.norm == "you" || head.norm == "they" ||
                                 head.norm == "who" ||
                                 (head.norm.ends_with("s") && !head.norm.ends_with("'s") &&
                                  !head.norm.ends_with("ss")) ||
                                 is_plural_noun(head.norm));  // "people", "police", "fishermen"
          };
          // The phrase's last word, or its head before an attached phrase: "Critics of the levy argue".
          Span chunk = head_chunk(v, src);
          size_t last = chunk.end;
          while (last > chunk.begin + 1 && !v[last - 1].word) --last;
          if (!plural(v[src.end - 1]) && !(last > chunk.begin && plural(v[last - 1]))) src = {b, b};
        }
        // A participle after a comma ("..., saying that"), or a verb coordinated with an earlier
        // one ("... and said", "..., then says"), shares the subject of the clause it continues.
        size_t before = b;
        if (before > 0 && v[before - 1].word && !gerund &&
            (v[before - 1].norm == "then" || v[before - 1].norm == "now")) {
          --before;
        }
        // ", then says" continues the clause as "and says" does.
        bool coordinated = before > 0 && ((v[before - 1].word && (v[before - 1].norm == "and" ||
                                                                  v[before - 1].norm == "but" ||
                                                                  v[before - 1].norm == "or")) ||
                                          (before < b && v.punct(before - 1, ",")));
        const size_t set_off = clause_break_before(v, b);
        if (src.empty() && ((gerund && set_off < b) || (coordinated && !gerund))) {
          src = participle_subject(v, coordinated ? before - 1 : set_off, found);
        }
        bool inverted = false;
        if (src.empty() && has_flag(*e, "inv") && b == i) {
          // Inversion: '"...," said Mr. Trump' or "..., said a spokesman."
          bool after_quote_or_comma =
              i > 0 && (v.punct(i - 1, ",") || v.close_quote(i - 1) || v.punct(i - 1, "—"));
          if (after_quote_or_comma) {
            Span base = with_post_clause(v, right_np(v, i + len, n), n);
            Span r = with_apposition(v, base, n);
            auto ends_clause = [&](size_t k) {
              static const WordSet clause = {"when", "after", "as", "while", "before", "in", "on",
                                             "at", "during", "who", "whose", "adding", "noting"};
              // An opening quotation mark starts the next quotation: 'said X, 20, of Y, Fla. "She ...'
              return k >= n || v.end_of_clause(k) || v.close_quote(k) || v.open_quote(k) ||
                     (v[k].word && clause.count(v[k].norm));
            };
            if (!base.empty() && r.end == base.end && v.is(base.end, "who")) {
              // "said six people who lost their insurance": the relative clause describes the source.
              size_t k = base.end;
              while (k < n && !v.end_of_clause(k)) ++k;
              src = {base.begin, k};
              inverted = true;
            } else if (!base.empty() && ends_clause(r.end)) {
              src = r;
              inverted = true;
            } else if (!base.empty() && ends_clause(base.end)) {
              src = base;
              inverted = true;
            } else if ((v.is(i + len, "he") || v.is(i + len, "she")) && ends_clause(i + len + 1)) {
              src = {i + len, i + len + 1};
              inverted = true;
            }
          }
        }
        if (src.empty()) continue;
        if (asks_for_source(v, src)) continue;
        // A heading of a subject and its verb alone is a label, not a report: "Migration notes",
        // "What the data shows". A headline's report has more: "Mayor says bridge will reopen",
        // "Defences delayed again, council admits".
        if (heading && !inverted) {
          bool content = false;
          for (size_t k = c.cue.end; k < n && !content; ++k) content = v[k].word;
          // A question word before the subject asks nothing more: "What others say", "How critics see it".
          for (size_t k = 0; k < src.begin && !content; ++k) {
            content = v[k].word && !(k == 0 && (v.is(k, "what") || v.is(k, "how") || v.is(k, "why")));
          }
          if (!content) continue;
        }
        if (has_flag(*e, "comp") && !inverted) {
          size_t after = c.cue.end;
          // "... unsafe," she claimed; "The pier is unsafe, she claimed.": the claim came before. After
          // an opening phrase ("Under current rules, countries can claim credit for ...") the comma
          // is no such sign: the verb still needs its complement.
          const bool ends_clause = after >= n || !v[after].word;
          bool post_quote = b > 0 && src.begin > 0 &&
                            (v.close_quote(src.begin - 1) || (v.punct(src.begin - 1, ",") && ends_clause));
          // A study, survey or audit reports what it found, whatever the verb's object: "A 2014 study
          // found 31 incidents", "The audit revealed gaps in the records" ("Police found a car" does not).
          const bool document_finding = cat == "evidence" && after < n && v[after].word &&
                                        names_document(v, src, lists);
          if (!post_quote && !document_finding && !has_complement(v, after, n, cat != "loaded")) continue;
          // A refusal reports a statement when what is refused is one: "declined to comment",
          // "refused to say"; "dockers refused to unload a grain ship" is an act.
          const std::string_view head = v[i].norm;
          // "learned to invoke" is a skill acquired, not something found out.
          if (head.starts_with("learn") && v.is(after, "to")) continue;
          if ((head.starts_with("refus") || head.starts_with("declin")) && v.is(after, "to") && after + 1 < n) {
            static const WordSet statements = {
                "comment", "say", "answer", "discuss", "confirm", "deny", "disclose", "elaborate", "reveal",
                "respond", "speak", "name", "identify", "specify", "explain", "talk", "address", "detail",
                "provide", "give", "release", "share", "testify", "endorse", "apologize", "apologise",
                "retract", "recant", "accept", "acknowledge", "concede", "rule", "sign", "join", "back",
                "support", "condemn", "criticize", "criticise", "denounce", "repudiate", "disavow", "state",
                "predict", "speculate", "characterize", "describe", "offer", "take", "be"};
            if (!statements.count(v[after + 1].norm)) continue;
          }
        }
        c.source = src;
        c.a.verb = v.range({i, i + len});
        c.a.stance = cat == "stance";
        std::string_view fix = flag_value(*e, "fix");
        if (!fix.empty()) c.a.neutral_verb = std::string(fix);
      }
    }
    for (size_t k = c.cue.begin; k < c.cue.end && k < n; ++k) used[k] = true;
    for (size_t k = c.source.begin; k < c.source.end && k < n; ++k) used[k] = true;
    complete(c, !c.source.empty() && c.source.begin >= c.cue.end);
    found.push_back(std::move(c));
  }
  // A phrase found by its own pattern below: taken unless a word of [first, last] is already used.
  auto take = [&](size_t first, size_t last, Span cue, Span source) {
    for (size_t m = first; m <= last; ++m) {
      if (used[m]) return false;
    }
    for (size_t m = first; m <= last; ++m) used[m] = true;
    Candidate c;
    c.cue = cue;
    c.source = source;
    complete(c, false);
    found.push_back(std::move(c));
    return true;
  };
  // "By Trump's own admission", "by his own account": the possessor is the source.
  for (size_t i = 0; i + 2 < n; ++i) {
    if (!v.is(i, "by") || used[i]) continue;
    size_t k = i + 1;
    size_t owner_end = k;
    while (owner_end < n && owner_end < i + 6 && v[owner_end].word && !v[owner_end].norm.ends_with("'s") &&
           !v.is(owner_end, "his") && !v.is(owner_end, "her") && !v.is(owner_end, "their") && !v.is(owner_end, "its")) {
      ++owner_end;
    }
    if (owner_end >= n || !v[owner_end].word) continue;
    size_t j = owner_end + 1;
    if (v.is(j, "own")) ++j;
    if (!(v.is(j, "admission") || v.is(j, "account") || v.is(j, "accounts") || v.is(j, "reckoning"))) {
      continue;
    }
    // The cue follows its source, as in "Kerry's announcement of": "[Trump's] own admission".
    if (take(i, j, {owner_end + 1, j + 1}, {k, owner_end + 1})) i = j;
  }
  // "The midfielder is understood to have agreed terms", "Several clubs are also said to be watching":
  // a raising passive passes on what unnamed people say or believe, as "it is said that" does.
  for (size_t i = 0; i + 3 < n; ++i) {
    if (used[i] || !(v.is(i, "is") || v.is(i, "are") || v.is(i, "was") || v.is(i, "were"))) continue;
    size_t j = i + 1;
    if (v.is(j, "also") || v.is(j, "widely") || v.is(j, "now") || v.is(j, "still") || v.is(j, "generally")) ++j;
    static const WordSet raising = {"said", "believed", "understood", "thought", "reported", "rumored",
                                    "rumoured", "alleged", "reputed"};
    if (j + 2 >= n || !v[j].word || !raising.count(v[j].norm) || !v.is(j + 1, "to") || !v[j + 2].word) continue;
    if (take(i, j, {i, j + 1}, {})) i = j;
  }
  // "the council's claim that the road will cut journey times by 40 percent": a report noun after its
  // possessor, with a that-clause, reports what the possessor said or holds.
  for (size_t i = 1; i + 2 < n; ++i) {
    static const WordSet nouns = {
        "claim", "claims", "statement", "assertion", "argument", "announcement", "insistence", "warning",
        "prediction", "contention", "allegation", "allegations", "charge", "promise", "pledge", "admission",
        "suggestion", "conclusion", "finding", "findings", "forecast", "complaint", "accusation", "boast",
        "denial", "estimate", "assurance", "assurances", "view", "belief"};
    if (used[i] || used[i - 1] || !v[i].word || v[i].cap || v[i].quoted || !nouns.count(v[i].norm) ||
        !v.is(i + 1, "that") || !v[i + 2].word) {
      continue;
    }
    const std::string_view p = v[i - 1].norm;
    if (!v[i - 1].word || !(p.ends_with("'s") || p.ends_with("s'"))) continue;
    // The possessor's own phrase: "Donald Trump's", "the city council's", not "a fact-check on Donald Trump's".
    size_t b = i - 1;
    while (b > 0 && b + 6 > i && v[b - 1].word && !is_np_preposition(v[b - 1].norm) && !v[b - 1].quoted &&
           !is_np_stop(v[b - 1].norm) && !v[b - 1].norm.ends_with("'s") &&
           (v[b - 1].cap || determiners().count(v[b - 1].norm) || (np_word(v[b - 1]) && !is_verbish(v[b - 1])))) {
      --b;
      if (determiners().count(v[b].norm)) break;
    }
    take(b, i, {i, i + 1}, {b, i});
  }
  // Layout attributions: a headline's or transcript's "Name:", a signature's "― Name".
  {
    Candidate c;
    bool layout = colon_attribution(v, 0, lists, c) || dash_attribution(v, c);
    for (size_t k = 1; k < n && !layout; ++k) {
      if (after_blank_line(v, k)) layout = colon_attribution(v, k, lists, c);
    }
    // In a list item, "Label: text" defines or describes ("- **Caching**: keeps the last ..."); a
    // transcript's speaker starts a paragraph of their own.
    const Document& doc = v.doc();
    const Block& block = doc.blocks()[doc.sentences()[sentence].block];
    if (layout && v.is(c.cue.begin, ":") && block.list_depth > 0) layout = false;
    // Outside a transcript and a headline, a name in mixed case before a colon is a dateline, a term
    // or a lead-in ("Mosul: Six people were shot dead", "Remember: the world ..."). PolNeAR train
    // (first 300 documents): colon cues 60 right, 17 wrong -> 59 right, 13 wrong.
    if (layout && v.is(c.cue.begin, ":") && block.no_speaker_labels) layout = in_capitals(v, c.source);
    if (layout) {
      bool clash = false;
      for (size_t k = c.source.begin; k < c.source.end; ++k) clash = clash || used[k];
      if (!clash) {
        for (size_t k = c.cue.begin; k < c.cue.end; ++k) used[k] = true;
        for (size_t k = c.source.begin; k < c.source.end; ++k) used[k] = true;
        complete(c, false);
        found.push_back(std::move(c));
      }
    }
  }
  // The learned tagger adds the cues no rule knows; each gets its source the way a verb does.
  // Headings are labels, not reports: the tagger, trained on running news text, stays out of them.
  const std::vector<bool>& tagged = tagger.tag(v, heading || !learned);
  for (size_t i = 0; i < n;) {
    if (!tagged[i] || used[i]) {
      ++i;
      continue;
    }
    size_t e = i + 1;
    while (e < n && (tagged[e] || (!v[e].word && e + 1 < n && tagged[e + 1] && v[e].norm == "-"))) ++e;
    bool overlaps_rule = false;
    // A reporting verb the rules turned down ("claimed the title") may still be a cue in the broad,
    // PARC sense ("claimed responsibility"): the tagger decides, and its attribution stays inferred.
    for (size_t k = i; k < e; ++k) overlaps_rule = overlaps_rule || used[k];
    if (overlaps_rule || v[i].quoted) {
      i = e;
      continue;
    }
    // Words the tagger adds right next to a rule's cue extend that cue ("said Monday", "has long
    // said") instead of making a second attribution.
    Candidate* neighbour = nullptr;
    for (Candidate& r : found) {
      if (!r.a.inferred && (r.cue.end == i || r.cue.begin == e)) neighbour = &r;
    }
    if (neighbour != nullptr) {
      neighbour->cue = {std::min(neighbour->cue.begin, i), std::max(neighbour->cue.end, e)};
      neighbour->a.cue = v.range(neighbour->cue);
      for (size_t k = i; k < e; ++k) used[k] = true;
      i = e;
      continue;
    }
    // "said Paul Ryan in a statement": the adjunct after an inverted source is part of that report.
    bool adjunct = false;
    size_t p = i;
    while (p > 0 && v[p - 1].word && !v[p - 1].cap && determiners().count(v[p - 1].norm)) --p;
    for (const Candidate& r : found) {
      adjunct = adjunct || (!r.source.empty() && r.source.begin > r.cue.begin && p >= 1 &&
                            r.source.end == p - 1 &&
                            (v.is(p - 1, "in") || v.is(p - 1, "on") || v.is(p - 1, "at")));
    }
    if (adjunct) {
      i = e;
      continue;
    }
    // A cue of function words alone ("has", "are", "on", "has never") is the tagger reading a clause
    // boundary, not a report: with no word that could say, think or intend, it is left out.
    bool content = false;
    for (size_t k = i; k < e && !content; ++k) {
      const std::string_view w = v[k].norm;
      // "seems" and "seemed" are stop words for noun phrases but cues of the writer's own inference
      // (PolNeAR train: 95 of the 160 outside quotations are gold cues).
      content = v[k].word && !is_cue_auxiliary(w) && (!is_np_stop(w) || w.starts_with("seem")) &&
                !determiners().count(w) && !is_np_preposition(w);
    }
    if (!content) {
      i = e;
      continue;
    }
    // "Seagrass has declined by 30 percent", "exports declined sharply": a fall, not a refusal, which
    // declines something ("declined to comment", "declined comment", "declined an interview").
    bool falls = false;
    for (size_t k = i; k < e && !falls; ++k) {
      if (v[k].norm.starts_with("declin") && !(e < n && (v.is(e, "to") || v.is(e, "comment") || v.is(e, "an") ||
                                                         v.is(e, "requests") || v.is(e, "multiple")))) {
        falls = true;
      }
    }
    if (falls) {
      i = e;
      continue;
    }
    // "a comet named after him", "a street called after the poet": a name given, no report.
    if (e - i == 1 && (v[i].norm == "named" || v[i].norm == "called" || v[i].norm == "renamed") &&
        (v.is(e, "after") || v.is(e, "for"))) {
      i = e;
      continue;
    }
    // A label before a colon at the start of the sentence ("**The claim:** ...", "Our verdict:")
    // announces what follows; the text after it carries its own attribution, if any.
    bool label = v.punct(e, ":");
    for (size_t k = 0; k < i && label; ++k) {
      label = !v[k].word ? v[k].kind == TokenKind::kMarkup : determiners().count(v[k].norm) > 0 ||
                                                                  v[k].norm == "our" || v[k].norm == "my";
    }
    if (label) {
      i = e;
      continue;
    }
    Candidate c;
    c.cue = {i, e};
    c.a.inferred = true;
    Span src;
    const size_t agent = passive_agent(v, i, e);
    if (i > 0 && v[i - 1].word &&
        (v[i - 1].norm.ends_with("'s") || v[i - 1].norm.ends_with("s'") || v[i - 1].norm == "his" ||
         v[i - 1].norm == "her" || v[i - 1].norm == "their" || v[i - 1].norm == "its")) {
      // A noun cue after a possessive: "Kerry's announcement of", "his remarks on".
      size_t b = i - 1;
      while (b > 0 && v[b - 1].cap && !v[b - 1].initial && v[b].cap) --b;
      if (b > 0 && v[b - 1].cap && v[b - 1].initial && v[b].cap) --b;
      src = {b, i};
    } else if (v[i].kind == TokenKind::kWord && !v[i].cap && v[i].norm.size() > 5 &&
               v[i].norm.ends_with("ing") && clause_break_before(v, i) < i) {
      // A participle set off from its clause shares the clause's subject, as for the rules' verbs:
      // "On Monday, Clinton tried to turn the tables, portraying Sanders as ...".
      src = participle_subject(v, clause_break_before(v, i), found);
    } else if (agent == 0 && e + 1 < n && !v[e - 1].cap && v[e - 1].norm.ends_with("ed") && v.is(e, "by") &&
               v[e + 1].word && !is_verbish(v[e + 1]) && !deadline_by(v, e) && only_adverbs(v, i, e - 1)) {
      // A participle after its noun names its source the same way: "the 365 million euros expected
      // by analysts polled by the company", "a discovery later confirmed by the observatory".
      src = with_apposition(v, with_post_clause(v, right_np(v, e + 1, n), n), n);
      if (src.empty()) src = {i, i};
    } else if (agent != 0) {
      // A passive names its source as the agent, or names none: "Trump has been criticized by some
      // of his rivals", "Clinton is expected to win".
      src = agent < n ? with_apposition(v, with_post_clause(v, right_np(v, agent, n), n), n) : Span{i, i};
      if (src.empty()) src = {i, i};
    } else {
      src = subject_before(v, i, 0);
    }
    const bool infinitive = v.is(i, "to") || (i > 0 && v.is(i - 1, "to"));
    if (agent != 0) {
      // No subject to look for.
    } else if (infinitive && (src.empty() || src.end == (v.is(i, "to") ? i : i - 1))) {
      // An infinitive after a verb or adjective of control or raising has that verb's subject:
      // "Yellen is likely to stress", "he has yet to explain", "he won't be able to brag about".
      static const WordSet control = {
          "likely", "unlikely", "able", "unable", "yet", "ready", "eager", "quick", "willing",
          "unwilling", "going", "about", "trying", "tried", "tries", "try", "want", "wants",
          "wanted", "plan", "plans", "planned", "planning", "hope", "hopes", "hoped", "hoping",
          "expected", "expects", "expect", "seeks", "sought", "seek", "seeking", "refused",
          "refuses", "declined", "declines", "vowed", "vows", "pledged", "promised", "promises",
          "agreed", "agrees", "decided", "decides", "continues", "continued", "began", "begins",
          "need", "needs", "needed", "used", "determined", "poised", "prepared", "due", "set",
          "intends", "intended", "wished", "wishes", "aims", "aimed", "managed", "failed", "fails"};
      size_t g = v.is(i, "to") ? i : i - 1;
      const size_t to = g;
      while (g > 0 && to - g < 6 && v[g - 1].word && !v[g - 1].cap &&
             (is_cue_auxiliary(v[g - 1].norm) || is_finite_auxiliary(v[g - 1].norm) ||
              control.count(v[g - 1].norm) || v.is(g - 1, "be") || v.is(g - 1, "been") ||
              (v[g - 1].norm.size() > 4 && v[g - 1].norm.ends_with("ly")))) {
        --g;
      }
      if (g < to) src = subject_before(v, g, 0);  // past "needs": "Donald Trump needs to tell"
    } else if (src.empty() && i > 0 && (v.is(i - 1, "and") || v.is(i - 1, "but"))) {
      src = participle_subject(v, i - 1, found);
    } else if (src.empty() && clause_break_before(v, i) < i) {
      src = participle_subject(v, clause_break_before(v, i), found);
    }
    // "Trump seemed nervous", "the estimate appears to be old" are the writer's inference, not a
    // claim of Trump's or of the estimate's: the cue names no source. (PolNeAR train: of 105 gold cues
    // on "appear", 87 have no source.)
    bool inference = true;
    for (size_t k = i; k < e && inference; ++k) {
      inference = !v[k].word || is_cue_auxiliary(v[k].norm) || v.is(k, "to") || v[k].norm.starts_with("seem") ||
                  v[k].norm == "appear" || v[k].norm == "appears" || v[k].norm == "appeared";
      // The tagger may run on past the verb: "The brakes seem slightly underpowered for".
      if (v[k].norm.starts_with("seem")) break;
    }
    if (inference) {
      src = {i, i};
      c.a.writer_inference = true;
    }
    // A capitalised opening word with no source used to be dropped as a label ("Notes"), but in
    // running text it is mostly a participle or a clause whose source lies elsewhere ("Asked about
    // the plan, she ...", "Citing a poll, ..."); headings never reach the tagger. PolNeAR cue F1
    // without the filter: dev 0.644 -> 0.646, train (150 documents) 0.736 -> 0.742.
    if (asks_for_source(v, src)) {
      i = e;
      continue;
    }
    // An "-ing" noun that heads its noun phrase, the clause's verb after it, is no report by the words
    // before it: "An amber heat warning is in place". ("a campaign ad hitting Clinton" reports.)
    if (e - i == 1 && src.end == i && src.end > src.begin && v[i].norm.size() > 5 && v[i].norm.ends_with("ing") &&
        v[src.begin].word && (v.is(src.begin, "a") || v.is(src.begin, "an") || v.is(src.begin, "the")) &&
        !v[i - 1].cap && e < n && v[e].word && is_cue_auxiliary(v[e].norm) && !v.is(e, "not")) {
      i = e;
      continue;
    }
    // A lone lower-case verb is no source: "The findings could help explain why" gave "help".
    if (src.end == src.begin + 1 && v[src.begin].word && !v[src.begin].cap &&
        (is_verbish(v[src.begin]) || v.is(src.begin, "help") || v.is(src.begin, "helps") || v.is(src.begin, "to"))) {
      src = {i, i};
    }
    c.source = src;
    complete(c, false);
    found.push_back(std::move(c));
    i = e;
  }
  // Auxiliaries and an infinitive's "to" before a cue belong to it, as the rules already take them
  // for their verbs: on PolNeAR train gold cues open with "has" 725 times and leave a "has" before
  // them out 7 times ("is" 440:15, "also" 281:21, "to" 200:57). The tagger often marks only the verb.
  for (Candidate& c : found) {
    size_t b = c.cue.begin;
    auto free = [&](size_t k) { return !used[k] && !(c.source.begin <= k && k < c.source.end); };
    if (b > 0 && v.is(b - 1, "to") && free(b - 1) && v[b].word && !v[b].cap) --b;
    if (c.a.inferred) {
      while (b > 0 && v[b - 1].word && !v[b - 1].cap && is_cue_auxiliary(v[b - 1].norm) && free(b - 1)) --b;
    }
    if (b == c.cue.begin) continue;
    for (size_t k = b; k < c.cue.begin; ++k) used[k] = true;
    c.cue.begin = b;
    c.a.cue = v.range(c.cue);
  }
  // A preposition after a cue that is not a plain verb of saying is part of it: "called for", "talked
  // about", "criticism of", "warned against", "focused on", "referring to the plan". On PolNeAR train
  // such cues take the preposition in about nine cases of ten; "said on Monday", "said of", "told to"
  // and infinitives ("expected to win") do not.
  for (Candidate& c : found) {
    size_t e = c.cue.end;
    if (e >= n || !v[e].word || used[e] || e + 1 >= n || c.cue.empty() || !v[e - 1].word) continue;
    if (c.source.begin <= e && e < c.source.end) continue;
    if (says_plainly(v[e - 1].norm) || is_day_or_time(v[e + 1].norm)) continue;
    const std::string_view p = v[e].norm;
    bool attaches = p == "for" || p == "about" || p == "against" || p == "of" || p == "on" || p == "with";
    // "to" before a noun phrase, not before a verb: "responded to the charge", not "vowed to fight".
    if (p == "to") {
      const Tok& next = v[e + 1];
      attaches = next.word && (next.cap || next.kind == TokenKind::kNumber ||
                               determiners().count(next.norm) || next.norm == "him" || next.norm == "her" ||
                               next.norm == "them" || next.norm == "it" || next.norm == "us" ||
                               next.norm.ends_with("'s"));
    }
    if (!attaches) continue;
    c.cue.end = e + 1;
    c.a.cue = v.range(c.cue);
    used[e] = true;
  }
  std::sort(found.begin(), found.end(),
            [](const Candidate& a, const Candidate& b) { return a.cue.begin < b.cue.begin; });
  // "reportedly" only attributes when nothing else in the sentence names a source.
  bool named = std::any_of(found.begin(), found.end(), [](const Candidate& c) {
    return !c.weak && !c.source.empty() && !c.a.inferred;
  });
  std::vector<bool> inner(found.size(), false);
  for (size_t k = 0; k < found.size(); ++k) inner[k] = nested(v, found[k], found);
  for (size_t k = 0; k < found.size(); ++k) {
    if ((found[k].weak && named) || inner[k] || non_response(v, found[k]) || reader_supposition(v, found[k]) ||
        idiom_or_instruction(v, found[k])) {
      continue;
    }
    out.push_back(std::move(found[k]));
  }
}

/// A Markdown link on the cue or source names the source by its domain: "[the agency said](https://
/// kcna.kp/...)" is KCNA speaking. The link decides when the words did not name a registry entry.
void link_source(const Document& doc, const SourceRegistry& reg, Attribution& a) {
  if (a.entry != nullptr) return;
  for (const Citation& c : doc.citations()) {
    if (c.range.start >= std::max(a.cue.end, a.source.end)) break;
    if ((c.kind != CitationKind::kLink && c.kind != CitationKind::kUrl) || c.target.empty()) continue;
    if (!c.range.overlaps(a.cue) && !c.range.overlaps(a.source)) continue;
    if (const SourceEntry* e = reg.find_domain(doc.slice(c.target))) {
      a.entry = e;
      a.kind = source_kind_of(*e);
      a.caution = source_caution(*e);
      return;
    }
  }
}

/// The adjective by which news prose names a country's own forces and officials.
std::string_view demonym(std::string_view country) {
  static const std::pair<std::string_view, std::string_view> kDemonyms[] = {
      {"RU", "russian"}, {"UA", "ukrainian"}, {"IL", "israeli"}, {"IR", "iranian"}, {"CN", "chinese"},
      {"US", "american"}, {"GB", "british"}, {"KP", "north korean"}, {"KR", "south korean"},
      {"JP", "japanese"}, {"IN", "indian"}, {"SD", "sudanese"}, {"MM", "myanmar"}, {"PS", "palestinian"},
      {"VE", "venezuelan"}, {"SY", "syrian"}, {"TR", "turkish"}, {"SA", "saudi"}, {"PK", "pakistani"},
      {"BY", "belarusian"}, {"EG", "egyptian"}, {"YE", "yemeni"}, {"LB", "lebanese"}, {"IQ", "iraqi"}};
  for (const auto& [code, adjective] : kDemonyms) {
    if (code == country) return adjective;
  }
  return {};
}

/// A government speaking of itself: an official body of one country whose reported content is about
/// that country's own forces or government ("the Russian defence ministry said its forces ...").
void self_reference_caution(const Document& doc, const SourceRegistry& reg, Attribution& a) {
  if (!a.caution.empty() || a.entry == nullptr || a.entry->kind != "official_body") return;
  if (a.content.empty() || a.entry->country.empty() || a.entry->country == "INT") return;
  std::string content = normalise_name(doc.slice(a.content));
  bool own = false;
  const SourceEntry* named = reg.find_in(doc.slice(a.content));
  if (named != nullptr && named->kind == "official_body" && named->country == a.entry->country) own = true;
  static const std::string_view kOwners[] = {"its", "our", "their"};
  static const std::string_view kAssets[] = {"forces", "troops", "army", "military", "soldiers",
                                             "government", "officials", "units", "navy", "air force",
                                             "strikes", "operation", "operations", "missile", "missiles"};
  std::string_view adjective = demonym(a.entry->country);
  for (std::string_view asset : kAssets) {
    for (std::string_view owner : kOwners) {
      own = own || content.find(std::string(owner) + " " + std::string(asset)) != std::string::npos ||
            content.find(std::string(owner) + " own " + std::string(asset)) != std::string::npos;
    }
    if (!adjective.empty()) {
      own = own || content.find(std::string(adjective) + " " + std::string(asset)) != std::string::npos;
    }
  }
  if (!own) return;
  a.caution = "an official body speaking about its own side's actions";
  if (!a.entry->note.empty()) a.caution += ": " + a.entry->note;
}

}  // namespace

bool is_plural_noun(std::string_view w) {
  static const WordSet irregular = {"people", "police", "men", "women", "children", "staff", "data"};
  static const WordSet singular_men = {"specimen", "abdomen", "regimen", "acumen", "stamen"};
  if (w.size() > 5 && w.ends_with("men") && !singular_men.count(w)) return true;  // "fishermen"
  return irregular.count(w) > 0 ||
         (w.size() > 3 && w.ends_with("s") && !w.ends_with("ss") && !w.ends_with("'s") && !w.ends_with("us"));
}


std::vector<Attribution> find_attributions(const Document& doc, const Lexicon& lexicon,
                                           const SourceRegistry& sources, bool learned) {
  Lists lists{lexicon.list("reporting_verbs"), lexicon.list("anonymous_sources"),
              lexicon.list("source_nouns")};
  std::vector<Attribution> out;
  const auto& sentences = doc.sentences();
  // Which tokens lie inside a direct quotation: one pass over the quotations (sorted by start, each
  // within one block), so the answer never depends on text outside the token's block.
  std::vector<bool> quoted(doc.tokens().size(), false);
  for (const Quotation& q : doc.quotations()) {
    auto it = std::lower_bound(doc.tokens().begin(), doc.tokens().end(), q.inner.start,
                               [](const Token& t, uint32_t pos) { return t.range.start < pos; });
    for (; it != doc.tokens().end() && it->range.start < q.inner.end; ++it) {
      quoted[static_cast<size_t>(it - doc.tokens().begin())] = true;
    }
  }
  CueTagger tagger;
  View v(doc, lists.verbs, quoted);
  std::vector<bool> used;
  size_t block_first = 0;  // index into `out` of the current block's first attribution
  uint32_t block = UINT32_MAX;
  for (uint32_t s = 0; s < sentences.size(); ++s) {
    if (sentences[s].block != block) {
      block = sentences[s].block;
      block_first = out.size();
    }
    v.read(sentences[s]);
    std::vector<Candidate> found;
    bool heading = doc.blocks()[sentences[s].block].kind == BlockKind::kHeading;
    find_in_sentence(v, s, heading, learned, lists, sources, tagger, used, found);
    for (Candidate& c : found) {
      Attribution& a = c.a;
      // A pronoun source takes what is known about the last named source of the same block ("Rodong
      // Sinmun reported ... It said ..."), never one from another block.
      if (c.source.end == c.source.begin + 1 && v[c.source.begin].word &&
          (v[c.source.begin].norm == "it" || v[c.source.begin].norm == "they" ||
           v[c.source.begin].norm == "which")) {
        for (size_t k = out.size(); k-- > block_first;) {
          const Attribution& prev = out[k];
          if (prev.source.empty() || prev.source.size() <= 5) continue;  // another pronoun
          if (prev.kind == SourceKind::kNamedPerson) break;
          a.kind = prev.kind;
          a.entry = prev.entry;
          a.caution = prev.caution;
          break;
        }
      }
      link_source(doc, sources, a);
      self_reference_caution(doc, sources, a);
      out.push_back(std::move(a));
    }
  }
  return out;
}

}  // namespace evidential::core
