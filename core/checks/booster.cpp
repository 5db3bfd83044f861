// Check `booster`: words that inflate the writer's certainty or the force of a claim beyond what the
// text shows — "clearly", "undoubtedly", "even", "constantly".
#include <array>
#include <optional>
#include <string>
#include <utility>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 11> kExamples = {
    "The plan has [[clearly]] failed.",
    "The sign was clearly visible from the road.",
    "Russia has [[even]] used its veto to shield its ally.",
    "Even though it rained, the march went ahead.",
    "The company broke even in the third quarter.",
    "The agency [[constantly]] releases statements praising the leader.",
    "[[Of course]], the results were never published.",
    "\"This is obviously wrong,\" the judge said.",
    "[[There is no doubt that]] the vote was rigged.",
    "The vote was counted twice.",
    "The lock is released even after a crash, and even on slow disks.",
};

constexpr CheckInfo kInfo{
    .id = "booster",
    .summary =
        "A booster inflates certainty or force: \"clearly\", \"undoubtedly\", \"even\", \"constantly\".",
    .rationale =
        "Boosters vouch for a claim instead of supporting it. \"Clearly\", \"obviously\", \"of course\" "
        "and \"there is no doubt that\" tell the reader to stop questioning; \"even\" presents a fact as "
        "beyond expectation and so editorialises; \"constantly\", \"totally\" and \"utterly\" stretch a "
        "claim past what was counted. They are often fine, which is why this check is a hint, but in "
        "reporting each one is a small assertion the writer may not be able to back. Context decides: "
        "\"clearly visible\" is manner, \"even though\", \"even with\", \"even on\" (a concession: where it "
        "still holds) and \"break even\" are not the booster. Boosters "
        "inside a direct quotation are the speaker's and are not reported.",
    .advice =
        "Let the evidence carry the claim: cite it, or give the number (\"released 40 statements this "
        "year\" rather than \"constantly\"). Where the word adds nothing, the quick fix removes it.",
    .default_severity = Severity::kHint,
    .category = Category::kHedging,
    .examples = kExamples,
};

std::string message_for(std::string_view cue, std::string_view category) {
  std::string q = "\"" + std::string(cue) + "\"";
  if (category == "focus") {
    return q + " presents this as beyond expectation: make sure the text shows why, or drop it";
  }
  if (category == "intensity") {
    return q + " stretches the claim: say how often or how much, or drop it";
  }
  return q + " vouches for the claim instead of showing it: cite the evidence, or let it speak";
}

class BoosterCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    const Document& doc = analysis.document();
    for (const Cue& cue : analysis.cues()) {
      if (cue.kind != CueKind::kBooster || cue.in_quotation) continue;
      Finding& f = out.report(cue.range, message_for(doc.slice(cue.range), cue.category));
      if (cue.removable) {
        if (std::optional<Fix> fix = removal_fix(doc, cue)) f.fixes.push_back(std::move(*fix));
      }
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(BoosterCheck)
}  // namespace evidential::core
