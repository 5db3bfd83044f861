// Check `hedge`: epistemic hedges — modal verbs, adverbs, verbs and approximators that weaken a claim.
#include <array>
#include <string>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 4> kExamples = {
    "The policy [[may]] reduce costs.",
    "The minister [[reportedly]] resigned on Tuesday.",
    "The bridge opened in 1932.",
    "Turnout was [[slightly]] higher than last year.",
};

constexpr CheckInfo kInfo{
    .id = "hedge",
    .summary = "A hedge weakens the writer's commitment to a claim.",
    .rationale =
        "Hedges such as \"may\", \"reportedly\" and \"appears to\" tell the reader the writer is not "
        "sure. Used on purpose they are honest; used by habit they blur which claims the writer stands "
        "behind and which are guesses.",
    .advice =
        "State the claim plainly if the evidence supports it; otherwise say where the uncertainty comes "
        "from (who reports it, what is not yet known) or quantify it.",
    .default_severity = Severity::kInformation,
    .category = Category::kHedging,
    .examples = kExamples,
};

class HedgeCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    for (const Cue& cue : analysis.cues()) {
      if (cue.kind != CueKind::kHedge) continue;
      std::string word(analysis.document().slice(cue.range));
      out.report(cue.range, "\"" + word + "\" hedges this claim: state it plainly, or say what the "
                            "uncertainty rests on");
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(HedgeCheck)
}  // namespace evidential::core
