// Check `peacock`: puffery — words that praise or rank the subject instead of informing the reader:
// "legendary", "world-renowned", "one of the most important", "a great success", "blazing fast".
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 21> kExamples = {
    "The festival was founded by the [[legendary]] conductor Ilse Marek.",
    "Marek is [[best known]] for her recordings of Janáček.",
    "The abbey is [[one of the most important]] buildings in the valley.",
    "The abbey is the third most visited building in the valley.",
    "It was [[among the finest]] harbours on the coast.",
    "The best way to reach the abbey is by ferry.",
    "The ferry was a [[great success]] with visitors.",
    "md:The library is [[blazing fast]] and uses no allocator.",
    "The library parses 2 GB per second on one core.",
    "Critics called it one of the finest films of the decade.",
    "The school is widely seen as one of the best in the state [4].",
    "\"She was a legendary teacher,\" the headmaster said.",
    "Mass was celebrated by the bishop at noon.",
    "The [[celebrated]] painter Jonas Ek died in 1911.",
    "The town celebrated its anniversary with a parade.",
    "Legendary Pictures released the film in March.",
    "The bridge is widely regarded as one of the finest in the county.",
    "Most important, the levy will fall on landlords.",
    "The [[award-winning]] bakery closed on Sunday.",
    "Hers was [[one of the best]] essays submitted.",
    "The route is [[hugely popular]] with cyclists.",
};

constexpr CheckInfo kInfo{
    .id = "peacock",
    .summary =
        "Puffery praises instead of informing: \"legendary\", \"world-renowned\", \"one of the most "
        "important\".",
    .rationale =
        "A peacock term tells the reader what to think of the subject instead of telling them "
        "something they could check: \"legendary\", \"world-renowned\", \"iconic\", \"award-winning\", "
        "\"one of the most important\", \"a great success\", \"hugely popular\", \"blazing fast\". Each "
        "one is a claim without its evidence: famous to whom, important by what measure, a success by "
        "what figure? Encyclopaedias forbid them, careful newsrooms cut them, and in documentation they "
        "read as marketing. Evidential flags four kinds: fame (\"renowned\", \"best known\", "
        "\"celebrated\" before a noun), evaluative superlatives (\"the most influential\", \"among the "
        "finest\"; \"one of the\" joins the finding), verdicts of success or quality (\"a great "
        "success\", \"groundbreaking\", \"masterpiece\") and sales claims (\"world-class\", "
        "\"cutting-edge\", \"blazing fast\"). Context decides: a capitalised word inside a sentence, or one "
        "opening it before another capital, is part of a name (\"Legendary Pictures released\"); an ordinal "
        "or number before a superlative ranks from "
        "data (\"the third most visited\"); \"best\" and \"greatest\" count only in a ranking frame "
        "(\"one of the best\", not \"the best way to\"), and so do \"most important\" and \"most "
        "significant\" (\"the most important factor is\" orders the writer's own points); \"well-known\" "
        "in software documentation names a convention (\"well-known ports\"); \"celebrated\" only as "
        "an adjective (\"the "
        "celebrated painter\", not \"was celebrated by the bishop\"); \"Most important,\" opening a "
        "sentence introduces a point. A citation, link or attribution in the sentence gives the praise "
        "its source (\"Critics called it one of the finest films\"; behind an appeal to unnamed "
        "people, \"is widely regarded as one of the finest\", the weasel check speaks), and praise "
        "inside a direct quotation is the speaker's: none of these is reported.",
    .advice =
        "Replace the praise with what earned it: the award, the sales or audience figure, the "
        "benchmark, what the work changed, or who judges it so (\"which the Royal Institute named the "
        "building of the year\"). If nothing specific backs it, drop the word; between a determiner "
        "and its noun (\"its world-class terminal\") the quick fix removes it.",
    .default_severity = Severity::kInformation,
    .category = Category::kHedging,
    .examples = kExamples,
};

std::string message_for(std::string_view cue, std::string_view category) {
  std::string q = "\"" + std::string(cue) + "\"";
  if (category == "ranking") {
    return q + " ranks without a measure: say by what measure and who ranks it, or say what it did";
  }
  if (category == "praise") {
    return q + " is a verdict, not a fact: give what it rests on (figures, awards, reviews) or who gave it";
  }
  if (category == "sales") {
    return q + " is a sales claim: give a measurement (a benchmark, a figure) instead";
  }
  return q + " praises instead of informing: say what the subject is known for, and to whom, or drop it";
}

class PeacockCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    const Document& doc = analysis.document();
    // Praise someone else gives ("Critics called it one of the finest films") is theirs.
    for (const Cue* cue : writers_own(doc, analysis.cues(), analysis.attributions(), CueKind::kPeacock)) {
      Finding& f = out.report(cue->range, message_for(doc.slice(cue->range), cue->category));
      if (cue->removable) {
        if (std::optional<Fix> fix = removal_fix(doc, *cue)) f.fixes.push_back(std::move(*fix));
      }
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(PeacockCheck)
}  // namespace evidential::core
