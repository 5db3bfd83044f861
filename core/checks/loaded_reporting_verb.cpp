// Check `loaded-reporting-verb`: reporting verbs that judge what they report — "claimed" and
// "insisted" cast doubt, "admitted" and "conceded" vouch for it. The quick fix is the neutral "said".
#include <array>
#include <string>
#include <unordered_set>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 5> kExamples = {
    "The minister [[claimed]] that the bridge was safe.",
    "The company has [[admitted]] that the figures were wrong.",
    "\"We did nothing wrong,\" the mayor [[insisted]].",
    "The minister said that the bridge was safe.",
    "The champion claimed the title in 2019.",
};

constexpr CheckInfo kInfo{
    .id = "loaded-reporting-verb",
    .summary = "A reporting verb takes sides on what it reports.",
    .rationale =
        "\"Said\" reports; \"claimed\", \"asserted\", \"alleged\" and \"insisted\" hint that the writer "
        "doubts the statement, while \"admitted\", \"conceded\" and \"confessed\" present it as a truth "
        "the speaker was forced to own. Either way the verb passes judgement the text has not argued. "
        "Style guides for news and encyclopedic writing prefer the neutral verb unless the judgement is "
        "itself sourced.",
    .advice =
        "Use \"said\" (or \"says\", \"saying\"), and if the statement is disputed, say by whom and on "
        "what evidence.",
    .default_severity = Severity::kInformation,
    .category = Category::kSourcing,
    .examples = kExamples,
};

/// Verbs that vouch for what they report rather than doubting it.
bool vouches(std::string_view verb) {
  static const std::unordered_set<std::string_view> s = {
      "admit", "admits", "admitted", "admitting", "concede", "concedes", "conceded", "conceding",
      "confess", "confesses", "confessed", "confessing"};
  return s.count(verb) > 0;
}

/// Verbs that judge the speaker's manner rather than the statement's truth.
bool colours(std::string_view verb) {
  static const std::unordered_set<std::string_view> s = {
      "boast", "boasts", "boasted", "boasting", "brag", "brags", "bragged", "bragging", "proclaim",
      "proclaims", "proclaimed", "proclaiming"};
  return s.count(verb) > 0;
}

class LoadedReportingVerbCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    const Document& doc = analysis.document();
    for (const Attribution& a : analysis.attributions()) {
      if (a.neutral_verb.empty() || a.verb.empty()) continue;
      std::string verb(doc.slice(a.verb));
      std::string replacement = a.neutral_verb;
      if (!verb.empty() && verb[0] >= 'A' && verb[0] <= 'Z' && !replacement.empty()) {
        replacement[0] = static_cast<char>(replacement[0] - 'a' + 'A');
      }
      std::string lowered = normalise_word(verb);
      std::string judgement = vouches(lowered)   ? "presents the statement as an admission of fact"
                              : colours(lowered) ? "judges the speaker's manner"
                                                 : "suggests the statement is doubtful";
      std::string message = "\"" + verb + "\" " + judgement + "; \"" + replacement +
                            "\" reports it without judging it";
      Finding& f = out.report(a.verb, std::move(message));
      f.attribution = AttributionRef{a.cue, a.source, a.kind, a.caution};
      f.fixes.push_back(Fix{"Replace \"" + verb + "\" with \"" + replacement + "\"", {Edit{a.verb, replacement}}});
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(LoadedReportingVerbCheck)
}  // namespace evidential::core
