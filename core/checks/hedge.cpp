// Check `hedge`: epistemic hedges — modals, adverbs, evidential and belief verbs, adjectives and
// approximators by which the writer commits to less than the claim. Context decides (core/analysis/cues.cpp).
#include <array>
#include <string>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 39> kExamples = {
    "The new policy [[may]] reduce costs.",
    "The talks resumed in May and ended in June.",
    "Kim [[May]] Side With Putin In Border Dispute",
    "Theresa May spoke first.",
    "The minister [[reportedly]] resigned on Tuesday.",
    "The river [[appears to be]] rising again.",
    "The band appears on stage at nine.",
    "The new dam [[could]] not hold back a flood of that size.",
    "The mayor could not be reached for comment.",
    "The country's military might is unmatched in the region.",
    "These results [[suggest]] a role for the second gene.",
    "She suggested a new name for the bridge.",
    "[[It is possible that]] the fire started in the kitchen.",
    "Turnout was [[slightly]] higher than last year.",
    "Turnout was slightly above 60 percent.",
    "\"We may lose the vote,\" the senator said.",
    "Analysts [[expect]] the merger to close in March.",
    "Prices tend to rise in spring.",
    "Investigators are still trying to establish [[whether]] the fire was set deliberately.",
    "If the dam fails, the valley floods.",
    "The senator was [[accused]] of taking bribes.",
    "The accused was released on bail.",
    "Engineers [[cannot rule out]] a second leak in the cooling system.",
    "The enzyme [[is proposed]] to stabilise the membrane [12].",
    "The kinase [[has been implicated]] in wound healing.",
    "How the signal reaches the nucleus [[remains to be determined]].",
    "Much remains to be done before the bridge opens.",
    "The new assay [[should prove]] useful for screening.",
    "Visitors should wear helmets on the site.",
    "The band on the gel is [[similar or identical]] to the yeast enzyme.",
    "Buses or trams run every ten minutes.",
    "To test this hypothesis, we loaded the pump for a week.",
    "The drug had no apparent effect on sleep.",
    "md:`timeout` may be omitted; a boolean indicating whether the socket is open is returned.",
    "md:The callback [[may]] be called twice when the connection drops.",
    "md:The same file is read regardless of whether `cache` is set.",
    "md:`STALE` indicates that the entry must be fetched again.",
    "md:Keys may contain dots, and `make`, `make test` and `make install` test whether they parse.",
    "md:Run `make`, `make test` and `make install`. It [[may]] require a newer compiler.",
};

constexpr CheckInfo kInfo{
    .id = "hedge",
    .summary = "A hedge weakens the writer's commitment to a claim: \"may\", \"reportedly\", \"appears to\".",
    .rationale =
        "Hedges tell the reader that the writer is not sure: modal verbs (may, might, could), adverbs "
        "(possibly, probably, reportedly, allegedly), evidential and belief verbs (appears to, seems, "
        "suggests, is expected to), adjectives and nouns (possible, unclear, the likelihood) and "
        "approximators (slightly, mostly, to some extent), what cannot be excluded (\"cannot rule "
        "out\", \"feasible that\"), a mechanism proposed (\"is proposed to\", cited or not) or a link others have "
        "drawn (\"has been implicated in\"), a forecast (\"should prove useful\"; \"should\" of obligation is "
        "no hedge), open questions (\"investigating whether\", \"to see if\", \"remains to be determined\"), "
        "two identities offered because the writer cannot tell which (\"similar or identical to\"; a plain list "
        "with \"or\" is no hedge) and charges (\"accused of\"). Used on purpose they are honest; used by habit "
        "they blur which claims the writer stands behind and which are guesses, and \"reportedly\" or "
        "\"allegedly\" pass a claim on without saying who made it. Context decides what is a hedge: "
        "\"in May\" and \"May 2014\" are the month but a title-case headline's \"May\" is the modal; "
        "\"military might\" is a noun; \"could not be reached\" is ability, not doubt (Evidential does not "
        "flag \"can\" at all); \"appears on stage\" and \"suggested a new name\" hedge nothing; \"to test this "
        "hypothesis\" names a claim stated before, \"no apparent effect\" reports that none was seen; an "
        "approximator before a number (\"slightly above 60 percent\") has been quantified, and \"mostly false\" "
        "is a fact-checker's rating; advice and suppositions addressed to the reader (\"You may want to\", "
        "\"If you think you have found a bug\") doubt nothing the writer says. In "
        "documentation, a modal after the name of a parameter or function (\"`options` may be omitted\") "
        "states what the interface allows, and \"whether\" after a value or word that selects between "
        "cases (\"a boolean indicating whether\", \"controls whether\", \"regardless of whether\") asks "
        "no open question; \"The callback may be called twice\" is still a hedge, since the writer states "
        "a possibility without saying when it happens. A Markdown document that shows code (two fenced "
        "code blocks, one with a code span, or three code spans) or is a changelog, and a plain text that names three paths, long options or "
        "files of code or configuration, document software throughout: there \"whether\" and \"determine if\" never ask "
        "an open question, \"Possible values are\" and \"fixes possible type errors\" list cases, \"may be "
        "nested\", \"may also contain\", \"may have a leading point\", \"may be an identifier\", \"could "
        "also be an instance\" and \"may be either a string or a URL\" state what the format allows, "
        "\"are expected to follow\" what it requires, and \"the service expects\", \"the examples "
        "assume\", \"indicates that\", \"it implies `x`\" and \"is unknown\" describe the program; "
        "\"may not be present\", \"there may be\", \"could contain\", \"we expect\", \"probably\" "
        "and \"might\" still hedge. A text titled as rules (\"Ticket terms and conditions\", \"Terms of service\", "
        "\"Privacy policy\", \"Code of conduct\", \"House rules\") grants and withholds: its \"may\" is "
        "permission (\"The company may refuse boarding\"), as is that of software roles anywhere "
        "(\"Subclasses may implement\"); a measured ratio (\"22 percent less likely\", \"twice as likely\") "
        "is a statistic. A belief verb whose holder the sentence names (\"the minister believes\", "
        "\"Hastings (1995) estimated\") is still a hedge, and the message names the holder and asks only "
        "what the belief rests on. On about "
        "twenty-five ambiguous words (\"unknown\", \"appeared\", \"likely\", \"tend to\") a small "
        "model, learned from annotated Wikipedia, news and biomedical text, then reviews each hedge the "
        "rules found and drops those its neighbouring words show to be another sense (\"prices tend "
        "to rise in spring\" states a habit, not a doubt); it never adds one, and "
        "{\"checks\": {\"hedge\": {\"model\": 0}}} leaves the rules to decide alone. Hedges inside a "
        "direct quotation, or after the speaker's name in a transcript line (\"BERG: maybe twenty "
        "minutes\"), are the speaker's words, which a writer must not change, so by default they "
        "are not reported; {\"checks\": {\"hedge\": {\"quotations\": 1}}} reports them too, as the "
        "speaker's, so that a paraphrase keeps them. Two hedges on one claim (\"could potentially\") are "
        "reported once, by `stacked-hedge`; when that check is off, this one reports each of them.",
    .advice =
        "If the evidence supports the claim, state it plainly. If it does not, keep one hedge and say "
        "where the uncertainty comes from (who reports it, what is not yet known, what it depends on), "
        "or quantify it (\"a 30 percent chance\", \"turnout rose 2 points\"). For \"reportedly\" and "
        "\"allegedly\", name the source. Add or remove cue words per project with "
        "{\"lexicon\": {\"hedges\": {\"add\": [...], \"remove\": [...]}}} in .evidential.json.",
    .default_severity = Severity::kInformation,
    .category = Category::kHedging,
    .examples = kExamples,
};

/// What the hedge does to the claim and what the writer can do, by the cue's lexicon category.
std::string message_for(std::string_view cue, std::string_view category) {
  std::string q = "\"" + std::string(cue) + "\"";
  if (category == "modal") {
    return q +
           " presents this as a possibility, not a fact: state it plainly if you know it, or say "
           "what it depends on or how likely it is";
  }
  if (category == "hearsay") {
    return q +
           " passes the claim on from someone it does not name: name the source, or state it "
           "plainly if you have checked it";
  }
  if (category == "adverb") {
    return q +
           " weakens the claim without saying why: state it plainly, give the source of the "
           "doubt, or quantify it";
  }
  if (category == "verb") {
    return q +
           " reports an impression or an inference, not a finding: say what it rests on, or "
           "state the finding plainly";
  }
  if (category == "belief") {
    return q +
           " reports a belief or a forecast, not a fact: make clear whose it is and what it "
           "rests on";
  }
  if (category == "approximator") {
    return q + " leaves the amount vague: give the figure if you have it";
  }
  if (category == "question") {
    return q +
           " leaves the claim an open question: if it has been settled, say how; if not, say what is "
           "known so far";
  }
  if (category == "allegation") {
    return q +
           " reports a charge, not a finding: say who makes it and on what evidence, and whether it "
           "has been proven";
  }
  if (category == "adjective" || category == "noun") {
    return q + " marks this as uncertain: say what is known and what is not, or how likely it is";
  }
  return q + " hedges this claim: state it plainly, say what the uncertainty rests on, or quantify it";
}

class HedgeCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    // Hedges in a stack belong to the `stacked-hedge` finding, unless the user has switched it off.
    const Check* stacked = find_check("stacked-hedge");
    bool stacks_reported = stacked != nullptr && analysis.settings().severity_of(stacked->info());
    bool quoted = analysis.settings().option("hedge", "quotations", 0) != 0;
    for (const Cue& cue : analysis.cues()) {
      if (cue.kind != CueKind::kHedge) continue;
      if (cue.in_quotation) {
        if (!quoted) continue;
        std::string word(analysis.document().slice(cue.range));
        out.report(cue.range, "\"" + word +
                                  "\" is the speaker's hedge, inside a quotation: keep it, and keep it "
                                  "when you paraphrase");
        continue;
      }
      if (cue.stack >= 0 && stacks_reported) continue;
      const Document& doc = analysis.document();
      if (cue.category == "belief") {
        // "The minister believes", "Hastings (1995) estimated": whose belief it is, the text says.
        const Attribution* holder = nullptr;
        for (const Attribution& a : attributions_of_sentence(analysis.attributions(), cue.sentence)) {
          if (a.cue.start <= cue.range.start && cue.range.end <= a.cue.end && !a.inferred &&
              !a.writer_source && !a.source.empty() && a.kind != SourceKind::kAnonymous) {
            holder = &a;
            break;
          }
        }
        if (holder != nullptr) {
          std::string who = readable_text(doc.slice(holder->source), doc.markup());
          // Mid-sentence, "The minister" is "the minister"; a name keeps its capital.
          if (who.starts_with("The ") || who.starts_with("A ") || who.starts_with("An ")) {
            who[0] = static_cast<char>(who[0] - 'A' + 'a');
          }
          out.report(cue.range, "\"" + std::string(doc.slice(cue.range)) + "\" reports what " + who +
                                    " believes or expects, not a fact: say what it rests on");
          continue;
        }
      }
      out.report(cue.range, message_for(doc.slice(cue.range), cue.category));
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(HedgeCheck)
}  // namespace evidential::core
