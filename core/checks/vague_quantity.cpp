// Check `vague-quantity`: a quantifier standing where a number belongs in a factual claim — "many
// residents left", "several shops closed", "a number of studies".
#include <array>
#include <string>
#include <vector>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 19> kExamples = {
    "[[Many]] residents left the island after the storm.",
    "[[Several]] shops on the quay have closed.",
    "[[Some]] fishermen sold their boats.",
    "[[A number of]] ferries were cancelled.",
    "The storm lasted some time.",
    "Some 200 people attended the meeting.",
    "As many as 40 boats were lost.",
    "How many boats were lost?",
    "The family has lived there for many years.",
    "Police said several people were injured.",
    "Many residents say the pier is unsafe.",
    "\"Many of us will leave,\" the ferryman said.",
    "Several studies found the same effect [2].",
    "md:Several options accept `--quiet` or `--json` or `--color`.",
    "For some reason the ferry was late.",
    "Only [[a few]] boats returned.",
    "The village of Many Rivers lies on the coast.",
    "[[Numerous]] complaints reached the council.",
    "Add a few drops of vanilla and stir several times.",
};

constexpr CheckInfo kInfo{
    .id = "vague-quantity",
    .summary = "A vague quantity stands where a number belongs: \"many residents\", \"several shops\".",
    .rationale =
        "\"Many residents left\", \"several shops closed\", \"a number of studies\": the claim is "
        "factual, but its size is left to the reader's imagination, so it cannot be checked and can be "
        "stretched. Encyclopaedias tag such wording with \"how many?\", and fact-checkers ask for the "
        "figure first. Evidential flags \"many\", \"several\", \"numerous\", \"countless\", \"a number "
        "of\", \"scores of\", \"a few\", \"a handful of\", \"the majority of\", and \"some\" or \"a lot of\" "
        "before a plural "
        "noun. It is a hint: the word is often the honest choice when nobody counted. Context decides: "
        "not before a number (\"some 200\" approximates a count it gives) or a span of "
        "time or manner (\"for many years\", \"in some ways\"); not after \"how\", \"as\", \"so\", "
        "\"too\", \"the\" (\"as many as 40\"); not \"some time\" or \"some evidence\"; not with the "
        "figure beside it (\"a majority of the statements (52%)\"); not when the group says or believes "
        "something (\"several residents we spoke to believed\": a source, for the sourcing checks); not in a "
        "question, an instruction (\"Add a few drops of vanilla\"), a headline, software documentation or "
        "rules (\"several options accept\" describes what is defined); not where a citation or link holds the figure, where someone else speaks in the "
        "sentence (\"Police said several people were injured\" reports their count faithfully), or "
        "where a weasel appeal covers it (\"many residents say\"). Quantities inside a direct quotation "
        "are the speaker's and are not reported.",
    .advice =
        "Give the number, a range or a share (\"42 of the 60 shops\", \"about a third\"), or say who "
        "counted. If nobody did, say so, or keep the word knowingly.",
    .default_severity = Severity::kHint,
    .category = Category::kHedging,
    .examples = kExamples,
};

std::string message_for(std::string_view cue, std::string_view category) {
  std::string q = "\"" + std::string(cue) + "\"";
  if (category == "few") return q + " leaves the number open: how few? Give the figure, or who counted";
  if (category == "share")
    return q + " leaves the share open: give the percentage or the count, or who counted";
  return q + " leaves the number open: how many? Give the figure, a range or a share, or who counted";
}

class VagueQuantityCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    const Document& doc = analysis.document();
    // A count someone else gives ("Police said several people were injured") is theirs, faithfully
    // reported; an instruction ("Add a few drops of vanilla") states nothing to check.
    const std::vector<const Cue*> cues =
        writers_own(doc, analysis.cues(), analysis.attributions(), CueKind::kVagueQuantity);
    if (cues.empty()) return;  // the claims analysis is asked only when there is something to ask
    const std::vector<SentenceClaim>& claims = analysis.claims();
    for (const Cue* cue : cues) {
      if (cue->sentence < claims.size() && claims[cue->sentence].instruction) continue;
      out.report(cue->range, message_for(doc.slice(cue->range), cue->category));
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(VagueQuantityCheck)
}  // namespace evidential::core
