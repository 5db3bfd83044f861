// Check `unattributed-quote`: a direct quotation with no speaker — none in its sentence and none
// carried from the sentence before it in the same paragraph. Quotations of one to three words are
// left alone: they are scare quotes, terms or titles ("so-called “People’s Republics”"), not speech;
// so are names in title case and a series of quotations in a list ("“only”, “never”, “the first to”"),
// which cite words as examples.
#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 17> kExamples = {
    "The plan was [[“a betrayal of every promise we made”]], and the vote was delayed.",
    "“We will appeal the ruling,” said Ana Ruiz, the club's lawyer.",
    "Ruiz spoke after the hearing. “We will appeal the ruling and we expect to win.”",
    "The so-called “People’s Republics” are not recognised.",
    "Critics called the plan “a betrayal of every promise we made”.",
    "The song “All Along the Watchtower” closed the show.",
    "The form is sent to the Office of Fair Trading for review.",
    "Words of degree such as “rather”, “fairly”, “to some extent” and “more or less than” soften a claim.",
    "Editors strike “in my humble opinion,” “it goes without saying,” and “at the end of the day.”",
    "md:The upload stops with an “invalid archive signature detected” error when the file is cut short.",
    "md:- “the token has expired and must be renewed”\n- “the token was signed with an unknown key”\n",
    "md:The log shows lines such as “could not open the lock file” after a crash.",
    "md:Run `make` first. [[“Nothing else is needed to build the whole project”]] was the reply.",
    "md:Run `make`, `make test` and `make install`. Revert “use the old parser for long files”.",
    "“Does anybody here know what the plan for the harbour is?” Ana Ruiz asked the council.",
    "[[“Does anybody here know what the plan is?”]] The council met again on Monday.",
    "md:# “We were never told the channel was closed”: a harbour pilot on the night of the collision",
};

constexpr CheckInfo kInfo{
    .id = "unattributed-quote",
    .summary = "A direct quotation has no speaker.",
    .rationale =
        "Quotation marks promise the reader someone's exact words. Without a speaker the reader cannot "
        "tell who said them, when, or whether they were said at all — and a quotation cut loose from "
        "its speaker is easy to misread or to fabricate. Short quotations of one to three words are "
        "not flagged: they mark terms, titles or irony rather than speech. Neither are names in title "
        "case (\"the Department of Commerce\") nor quotations in a series (\"“only”, “never” or “the "
        "first country to”\"), which cite words as examples. Nor, in documentation, quotations that "
        "name a string: followed by what they name (an “invalid signature” error, the “number of this "
        "disk” field), introduced as an example (\"e.g.\", \"such as\", \"instead of\"), holding code, "
        "or making up a whole list item or heading (a list of error messages). A heading that opens with "
        "a quotation and a colon names its speaker after the colon (\"“We were never told”: a harbour "
        "pilot on the night of the collision\"). A Markdown document "
        "that documents software (it shows code, or is a changelog) gets no findings from this check: "
        "its quotations name strings, commits and terms (on 252 READMEs and 40 changelogs, none of "
        "the 11 found was speech).",
    .advice =
        "Name the speaker in the same sentence (\"..., said Ana Ruiz\") or in the sentence just before, "
        "or drop the quotation marks and paraphrase. (A quotation that ends with its own question or "
        "exclamation mark may take its speaker from the words right after it: \"“Who knew?” Ruiz "
        "asked.\")",
    .default_severity = Severity::kWarning,
    .category = Category::kSourcing,
    .examples = kExamples,
};

/// The 3-word line below which a quotation is a term, a title or irony rather than reported speech.
constexpr size_t kMinQuotedWords = 4;

/// How far into the sentence after a quotation its cue may start and still introduce it: '“...?”
/// Graham asked.', '“...!” said Ana Ruiz, the club's lawyer.' (bytes: a name and a title or two).
constexpr uint32_t kSpeakerReach = 40;

/// Short words a title leaves in lower case.
bool is_title_function_word(std::string_view w) {
  static const std::unordered_set<std::string_view> s = {"the", "of", "a", "an", "and", "in", "on",
                                                         "to", "for", "at", "by", "with", "or", "from"};
  return s.count(w) > 0;
}

/// Whether quotation `qi` is one of a series separated only by commas, semicolons, slashes, "and" or
/// "or": a list of words or phrases cited as examples, not someone's speech.
bool in_series(const Document& doc, const std::vector<Quotation>& quotes, size_t qi) {
  auto joins = [&](uint32_t from, uint32_t to) {
    if (from > to || to - from > 8) return false;
    std::string_view gap = doc.text().substr(from, to - from);
    bool mark = false;
    size_t words = 0;
    for (size_t i = 0; i < gap.size();) {
      char c = gap[i];
      if (c == ',' || c == ';' || c == '/') {
        mark = true;
        ++i;
      } else if (c == ' ' || c == '\t' || c == '\n') {
        ++i;
      } else if (gap.substr(i).starts_with("and") || gap.substr(i).starts_with("or")) {
        i += gap[i] == 'a' ? 3 : 2;
        ++words;
      } else {
        return false;
      }
    }
    // American style puts the comma inside the marks: “rather,” “fairly,” and “somewhat”.
    if (!mark && from > 0 && from - 1 < doc.text().size()) {
      for (size_t k = from; k-- > 0 && k + 5 > from;) {
        char c = doc.text()[k];
        if (c == ',' || c == ';') mark = true;
        if (mark || (c != '"' && c != '\'' && (c & 0x80) == 0)) break;
      }
    }
    return (mark || words == 1) && words <= 1;
  };
  const Quotation& q = quotes[qi];
  if (qi > 0 && joins(quotes[qi - 1].range.end, q.range.start)) return true;
  return qi + 1 < quotes.size() && joins(q.range.end, quotes[qi + 1].range.start);
}

/// Whether quotation `q` names or cites a string rather than reporting speech: followed by the kind of
/// thing it names (the "number of this disk" field, erroneous "invalid signature" errors, a "cache as
/// long as possible" approach), introduced as an example ("e.g.", "such as", "instead of"), holding
/// code (“find all `node_modules` folders”), or making up a whole list item or heading on its own (a
/// list of error messages, a section named by a phrase).
bool names_a_string(const Document& doc, const Quotation& q) {
  static const std::unordered_set<std::string_view> kinds = {
      "error", "errors", "message", "messages", "field", "fields", "bit", "flag", "option", "string",
      "strings", "approach", "warning", "warnings", "exception", "exceptions", "header", "value", "key",
      "label", "button", "column", "setting", "prompt", "text", "status", "response", "entry", "section",
      "tab", "menu", "dialog", "command", "keyword", "mode", "pattern", "syntax", "promise", "event",
      "property", "parameter", "argument", "slogan", "sign", "banner", "notice", "link", "page"};
  static const std::unordered_set<std::string_view> introducers = {"e.g.", "eg.", "i.e.", "such as",
                                                                    "instead of", "for example", "for instance"};
  const auto& tokens = doc.tokens();
  auto it = std::lower_bound(tokens.begin(), tokens.end(), q.range.start,
                             [](const Token& t, uint32_t pos) { return t.range.start < pos; });
  for (auto k = it; k != tokens.end() && k->range.start < q.inner.end; ++k) {
    if (k->kind == TokenKind::kCode) return true;
  }
  auto after = std::lower_bound(tokens.begin(), tokens.end(), q.range.end,
                                [](const Token& t, uint32_t pos) { return t.range.start < pos; });
  if (after != tokens.end() && after->kind == TokenKind::kWord && kinds.count(normalise_word(doc.slice(after->range)))) {
    return true;
  }
  // The two words before the opening mark.
  std::string before;
  for (auto k = it; k != tokens.begin() && before.size() < 24;) {
    --k;
    if (k->kind != TokenKind::kWord && k->kind != TokenKind::kAbbreviation) break;
    std::string w = normalise_word(doc.slice(k->range));
    if (introducers.count(w)) return true;
    before = before.empty() ? w : w + " " + before;
    if (introducers.count(before)) return true;
  }
  // A whole list item or heading.
  const auto& blocks = doc.blocks();
  auto bi = std::upper_bound(blocks.begin(), blocks.end(), q.range.start,
                             [](uint32_t pos, const Block& b) { return pos < b.range.start; });
  if (bi != blocks.begin()) {
    const Block& b = *(bi - 1);
    if (!b.range.contains(q.range)) return false;
    if (b.kind != BlockKind::kHeading && b.list_depth == 0) return false;
    auto is_edge = [&](std::string_view gap) {
      return std::all_of(gap.begin(), gap.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '.' || c == ',' || c == ';' || c == ':' || c == '*' || c == '_';
      });
    };
    return is_edge(doc.text().substr(b.range.start, q.range.start - b.range.start)) &&
           is_edge(doc.text().substr(q.range.end, b.range.end - q.range.end));
  }
  return false;
}

/// A heading that opens with a quotation and a colon names the speaker after it: "“We were never
/// told”: a harbour pilot on the night of the collision".
template <typename SentenceOf>
bool headline_names_speaker(const Document& doc, const Quotation& q, const SentenceOf& sentence_of) {
  const int64_t s = sentence_of(q.range.start);
  if (s < 0) return false;
  const Sentence& sentence = doc.sentences()[static_cast<size_t>(s)];
  if (doc.blocks()[sentence.block].kind != BlockKind::kHeading) return false;
  const std::string_view text = doc.text();
  uint32_t before = sentence.range.start;
  while (before < q.range.start && (text[before] == ' ' || text[before] == '*' || text[before] == '_')) ++before;
  uint32_t after = q.range.end;
  while (after < sentence.range.end && (text[after] == ' ' || text[after] == '*' || text[after] == '_')) ++after;
  return before == q.range.start && after < sentence.range.end && text[after] == ':' &&
         after + 2 < sentence.range.end;
}

class UnattributedQuoteCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    const Document& doc = analysis.document();
    if (doc.documents_software()) return;  // quotations there name strings, commits and terms
    const auto& sentences = doc.sentences();
    const auto& attributions = analysis.attributions();
    // Per sentence: an attribution that names a speaker, and any attribution at all (which is enough
    // for the sentence before a quotation). One pass, so the check stays linear in the document.
    std::vector<bool> has_speaker(sentences.size(), false);
    std::vector<bool> has_attribution(sentences.size(), false);
    // Per sentence, where its first speaker-naming cue starts (for a quotation the sentence after it
    // attributes: '“Who would have believed it?” Trump said.').
    std::vector<uint32_t> first_cue(sentences.size(), UINT32_MAX);
    for (const Attribution& a : attributions) {
      if (a.sentence >= sentences.size()) continue;
      has_attribution[a.sentence] = true;
      if (!a.inferred || !a.source.empty()) {
        has_speaker[a.sentence] = true;
        first_cue[a.sentence] = std::min(first_cue[a.sentence], a.cue.start);
      }
    }
    auto sentence_of = [&](uint32_t offset) -> int64_t {
      auto it = std::upper_bound(sentences.begin(), sentences.end(), offset,
                                 [](uint32_t pos, const Sentence& s) { return pos < s.range.start; });
      if (it == sentences.begin()) return -1;
      return static_cast<int64_t>(it - sentences.begin()) - 1;
    };
    std::vector<int8_t> introduces(sentences.size(), -1);  // -1: not yet looked at
    const auto& quotes = doc.quotations();
    std::vector<Range> open;  // enclosing quotations, outermost first (quotations are sorted by start)
    for (size_t qi = 0; qi < quotes.size(); ++qi) {
      const Quotation& q = quotes[qi];
      while (!open.empty() && open.back().end <= q.range.start) open.pop_back();
      // A quotation inside another is the speaker quoting someone: the outer quotation's business.
      bool nested = !open.empty() && open.back().contains(q.range);
      open.push_back(q.range);
      if (nested) continue;
      if (in_series(doc, quotes, qi) || names_a_string(doc, q)) continue;
      if (headline_names_speaker(doc, q, sentence_of)) continue;
      size_t words = 0, title_words = 0, capitalised = 0;
      bool first_capitalised = false;
      auto it = std::lower_bound(doc.tokens().begin(), doc.tokens().end(), q.inner.start,
                                 [](const Token& t, uint32_t pos) { return t.range.start < pos; });
      for (; it != doc.tokens().end() && it->range.start < q.inner.end; ++it) {
        const Token& t = *it;
        if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber && t.kind != TokenKind::kAbbreviation) continue;
        char c = doc.text()[t.range.start];
        bool cap = c >= 'A' && c <= 'Z';
        if (words == 0) first_capitalised = cap;
        ++words;
        capitalised += cap ? 1 : 0;
        if (cap || is_title_function_word(normalise_word(doc.slice(t.range)))) ++title_words;
      }
      // Short quotations are terms or irony; one in title case is a title ("All Along the Watchtower")
      // or a name after its article ("the Department of Commerce").
      const bool title = title_words == words && (first_capitalised || capitalised >= 2);
      if (words < kMinQuotedWords || title) continue;
      int64_t first = sentence_of(q.range.start);
      int64_t last = sentence_of(q.range.end > 0 ? q.range.end - 1 : 0);
      if (first < 0) continue;
      bool speaker = false;
      for (int64_t s = first; s <= last && s >= 0; ++s) speaker = speaker || has_speaker[static_cast<size_t>(s)];
      // Carried from context: the speaker named in the sentence just before, in the same paragraph
      // ("Ruiz spoke after the hearing. “We will appeal.”").
      if (!speaker && first > 0 && sentences[first - 1].block == sentences[first].block) {
        const Sentence& prev = sentences[first - 1];
        speaker = has_attribution[static_cast<size_t>(first - 1)];
        // A sentence that names someone and ends by introducing them ("Ruiz spoke after the hearing.",
        // "The mayor was blunt:") also counts.
        // Decided once per sentence, however many quotations follow it.
        if (!speaker) {
          int8_t& known = introduces[static_cast<size_t>(first - 1)];
          if (known < 0) {
            known = 0;
            auto [b, e] = doc.tokens_of(prev);
            for (const Token* t = b; t != e && known == 0; ++t) {
              std::string w = normalise_word(doc.slice(t->range));
              if (w == "spoke" || w == "speaking" || w == "interview" || w == "statement" || w == ":") {
                known = 1;
              }
            }
          }
          speaker = known == 1;
        }
      }
      // A quotation that ends with its own "?" or "!" splits from the report after it: '“Does anybody
      // know?” Graham asked.' The next sentence, in the same paragraph, starting right after the
      // quotation with a speaker and a cue within its first words, names the speaker.
      if (!speaker && last >= 0 && static_cast<size_t>(last) + 1 < sentences.size()) {
        const Sentence& next = sentences[static_cast<size_t>(last) + 1];
        const bool adjacent = next.block == sentences[static_cast<size_t>(last)].block &&
                              next.range.start >= q.range.end && next.range.start - q.range.end <= 2;
        speaker = adjacent && first_cue[static_cast<size_t>(last) + 1] <= next.range.start + kSpeakerReach;
      }
      if (speaker) continue;
      out.report(q.range, "This quotation has no speaker: say who said it");
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(UnattributedQuoteCheck)
}  // namespace evidential::core
