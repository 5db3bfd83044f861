// Check `stacked-hedge`: two or more hedges on one claim ("could potentially", "may possibly"), reported
// once over the whole stack, with a quick fix that deletes a redundant adverb.
#include <array>
#include <optional>
#include <string>
#include <utility>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 10> kExamples = {
    "The deal [[could potentially]] shift the balance of power.",
    "Prices [[may possibly]] rise again next year.",
    "[[It is possible that the plan may]] fail.",
    "Investors [[probably might]] wait for the results.",
    "The deal could shift the balance of power.",
    "Prices may rise again, and wages possibly too.",
    "The bridge might close; it is possibly unsafe.",
    "\"It could potentially fail,\" the engineer said.",
    "The river may be slightly higher tomorrow.",
    "The mayor believes the levy could fall next year.",
};

constexpr CheckInfo kInfo{
    .id = "stacked-hedge",
    .summary = "Two or more hedges on one claim: \"could potentially\", \"may possibly\".",
    .rationale =
        "One hedge tells the reader a claim is uncertain; a second on the same claim (\"could "
        "potentially\", \"may possibly\", \"it is possible that ... may\") adds no information and makes "
        "the sentence sound evasive. Hedges count as stacked when they sit in one clause with at most "
        "three words between them and no punctuation; approximators (\"may be slightly higher\") "
        "qualify an amount, not the claim, and do not stack. The whole stack is one finding, and the "
        "`hedge` check does not report its parts again. Stacks inside direct quotations are the "
        "speaker's and are not reported; so is a hedge inside someone else's reported view (\"the mayor "
        "believes the levy could fall\": the belief is the mayor's), where each hedge is reported on its "
        "own. The writer's own \"I think ... may\" still stacks.",
    .advice =
        "Keep the one hedge that says what you mean — usually the modal (\"could\") — and drop the rest; "
        "better still, say what the uncertainty rests on. The quick fix removes a redundant adverb "
        "(\"potentially\", \"possibly\") with its space.",
    .default_severity = Severity::kWarning,
    .category = Category::kHedging,
    .examples = kExamples,
};

class StackedHedgeCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    const Document& doc = analysis.document();
    const std::vector<Cue>& cues = analysis.cues();
    for (size_t k = 0; k < cues.size(); ++k) {
      if (cues[k].kind != CueKind::kHedge || cues[k].stack != static_cast<int32_t>(k)) continue;
      // k heads a stack: its members are the hedges that name it, all in the same sentence.
      std::vector<const Cue*> members;
      for (size_t m = k; m < cues.size() && cues[m].sentence == cues[k].sentence; ++m) {
        if (cues[m].kind == CueKind::kHedge && cues[m].stack == static_cast<int32_t>(k)) {
          members.push_back(&cues[m]);
        }
      }
      if (members.size() < 2) continue;
      Range range{members.front()->range.start, members.back()->range.end};
      std::string names;
      for (size_t m = 0; m < members.size(); ++m) {
        if (m > 0) names += m + 1 == members.size() ? " and " : ", ";
        names += "\"" + std::string(doc.slice(members[m]->range)) + "\"";
      }
      Finding& f = out.report(range, names + " stack " + std::to_string(members.size()) +
                                         " hedges on one claim: keep the one that says what you mean, "
                                         "or say what the uncertainty rests on");
      for (const Cue* c : members) {
        if (!c->removable) continue;
        if (std::optional<Fix> fix = removal_fix(doc, *c)) f.fixes.push_back(std::move(*fix));
      }
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(StackedHedgeCheck)
}  // namespace evidential::core
