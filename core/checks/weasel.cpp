// Check `weasel`: vague appeals to unnamed authority, consensus or evidence — "some experts say", "it is
// said", "studies show", "is widely believed", "according to reports" — with no citation to back them.
#include <array>
#include <string>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 26> kExamples = {
    "[[Some experts say]] the bridge is unsafe.",
    "[[Critics argue]] that the plan is too costly.",
    "Her critics argue that the plan is too costly.",
    "[[Studies show]] that coffee protects the liver.",
    "Studies show that coffee protects the liver [3].",
    "md:[[Studies show]] that coffee protects the liver.",
    "md:Studies show that coffee protects the [liver](https://example.org/study).",
    "[[It is said that]] the castle is haunted.",
    "The castle [[is widely believed]] to be haunted.",
    "The castle is believed by Dr. Ortiz to date from 1240.",
    "[[A lot of evidence points to the fact that]] the fire was set.",
    "[[According to reports]], the talks have failed.",
    "According to the ministry, the talks have failed.",
    "The committee considered the proposal for an hour.",
    "The novel [[has been praised]] for its pacing.",
    "The final has been called off.",
    "The old mill, [[considered by many]] to be the oldest in the county, burned down.",
    "Ortiz, the mayor, said that the talks had failed.",
    "[[Others, however, argue]] that the dam leaks.",
    "Local [[historians maintain]] that the mill burned twice.",
    "[[By all accounts]], the winter was harsh.",
    "[[Some see]] the treaty as a surrender.",
    "Many saw the film twice.",
    "A path is considered absolute if it starts with a slash.",
    "md:An empty `name` field is reported as malformed.",
    "The old bridge [[is widely considered]] the most beautiful in the region, even if it is slow.",
};

constexpr CheckInfo kInfo{
    .id = "weasel",
    .summary = "A vague appeal to unnamed authority or evidence: \"some experts say\", \"studies show\".",
    .rationale =
        "\"Some experts say\", \"critics argue\", \"it is said\", \"is widely believed\", \"studies "
        "show\", \"a lot of evidence points to\" and \"according to reports\" lend a claim the weight "
        "of authority or evidence without naming either, so the reader can neither check it nor weigh "
        "its source. Evidential flags a group named only by its trade (\"experts\", \"critics\") or by a "
        "quantifier (\"some\", \"many\") followed by a verb of saying or believing; evidence with no "
        "source (\"studies\", \"research\", \"a recent study\") followed by \"show\", \"suggest\", "
        "\"found\"; passives that hide who holds a view (\"it is said\", \"is considered the best\", "
        "\"has been suggested\"), unless \"by\" names someone or the sentence states a rule (a condition "
        "with \"if\" or \"unless\", or a code span: \"a path is considered absolute if it starts with a "
        "slash\" says how software classifies things; \"widely considered\" still appeals to a consensus; a Markdown document that shows code "
        "states its maintainers' decisions that way throughout, \"The whole API is considered public\", and "
        "only its appeals to people or evidence are flagged); the same after a comma (\"the mill, "
        "considered by many to be the oldest\", \"the castle, said to be haunted\"); praise or blame in "
        "the perfect with no one giving it (\"has been praised for\", \"have been described as\", "
        "\"has been criticized as\"), which is where an editor asks \"by whom?\"; \"according to\" an "
        "unnamed source, and \"by all accounts\", \"legend has it\", \"it is understood that\". A "
        "group may carry modifiers (\"legal experts say\"), but a capital inside the sentence makes it "
        "a name (\"Christian Scientists believe\"). "
        "A citation, footnote or link in the sentence answers the appeal, so the sentence is not "
        "flagged; a tag that asks for a source (\"[citation needed]\", \"[by whom?]\") answers nothing. "
        "A named group (\"her critics\", \"the ministry\") is not vague. Weasel words inside a "
        "direct quotation are the speaker's and are not reported.",
    .advice =
        "Name who says it and cite them (\"Engineers at the state transport agency said ...\"), cite "
        "the study or the report, or state the claim on your own authority and take responsibility for "
        "it. The vocabulary is data: add a phrase with {\"lexicon\": {\"weasels\": {\"add\": [\"pundits "
        "agree\"]}}}, or a word to a class with {\"phrase\": \"pundits\", \"category\": \"group\"}.",
    .default_severity = Severity::kWarning,
    .category = Category::kHedging,
    .examples = kExamples,
};

/// What the appeal hides and what to do, by the cue's pattern or its phrase's category.
std::string message_for(std::string_view cue, std::string_view category) {
  std::string q = "\"" + std::string(cue) + "\"";
  if (category.starts_with("appeal")) {
    return q +
           " appeals to people it does not name: say who they are and cite them, or state the "
           "claim on your own authority";
  }
  if (category.starts_with("evidence")) {
    return q +
           " appeals to evidence without citing it: cite the study or report, or say who found "
           "what";
  }
  if (category.starts_with("passive")) {
    return q +
           " hides who holds this view: name them and cite them, or state the claim on your own "
           "authority";
  }
  if (category.starts_with("according")) {
    return q + " names no source: say which report or whom, and cite it";
  }
  return q + " is a vague appeal to unnamed authority or evidence: name the source and cite it";
}

class WeaselCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    for (const Cue& cue : analysis.cues()) {
      if (cue.kind != CueKind::kWeasel || cue.in_quotation) continue;
      out.report(cue.range, message_for(analysis.document().slice(cue.range), cue.category));
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(WeaselCheck)
}  // namespace evidential::core
