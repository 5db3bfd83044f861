// Check `source-reliability`: attributions and links to sources that the registry or the context
// marks as state-controlled, partisan, a party to the events they report, or of low reliability.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 7> kExamples = {
    "[[Rodong Sinmun]] reported that the harvest had doubled.",
    "The town fell on Sunday, according to [[the rebels]].",
    "md:The harvest doubled, [[[the agency said](https://kcna.kp/en/article/1)]].",
    "md:See [[[this report](https://kcna.kp/en/article/2)]] for the figures.",
    "The town fell on Sunday, according to the Associated Press.",
    "Reuters reported that the harvest had doubled.",
    "md:The harvest doubled, [the agency said](https://www.reuters.com/world/1).",
};

constexpr CheckInfo kInfo{
    .id = "source-reliability",
    .summary = "A source is state-controlled, partisan, a party to the events, or of low reliability.",
    .rationale =
        "Who says something matters as much as what is said. State media report what their government "
        "allows; a partisan outlet or a campaign argues a side; rebels, armies and governments reporting "
        "on a conflict they fight in have reasons to shape the story. Such sources are often the only "
        "ones available, and quoting them is fine — as long as the reader is told what they are. The "
        "source registry (grammar/sources/registry.json, extended by \"sources\" in .evidential.json) "
        "says why each source needs care; context words such as \"rebels\" or \"campaign\" mark the "
        "rest. A source is warned about once, however many of its reports the sentence holds.",
    .advice =
        "Say what the source is (\"the state-run Rodong Sinmun\", \"the rebels, who control the town\"), "
        "and corroborate the claim with an independent source where one exists.",
    .default_severity = Severity::kWarning,
    .category = Category::kSourcing,
    .examples = kExamples,
};

/// Whether a source's phrase is plural by its head, the words before an attached phrase: "The
/// Donetsk rebels", "both sides"; not "A spokesman for the rebels", "Kordavia's state news agency".
bool plural_phrase(std::string_view who) {
  std::string lower(who);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t cut = lower.find(',');
  for (std::string_view p : {" for ", " of ", " in ", " from ", " at ", " on ", " who ", " that ", " with "}) {
    cut = std::min(cut, lower.find(p));
  }
  std::string_view head = std::string_view(lower).substr(0, cut);
  if (head.starts_with("both ")) return true;
  const size_t space = head.rfind(' ');
  const std::string_view last = space == std::string_view::npos ? head : head.substr(space + 1);
  return last.size() > 3 && last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("'s") &&
         last != "news" && last != "times" && last != "politics";
}

/// A caution said of a plural source: "a party to the events it describes" -> "... they describe",
/// "the conflict it reports on" -> "... they report on".
std::string they(std::string caution) {
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"it describes", "they describe"},
                          {"it reports", "they report"}}) {
    if (const size_t at = caution.find(from); at != std::string::npos) caution.replace(at, from.size(), to);
  }
  return caution;
}

class SourceReliabilityCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    const Document& doc = analysis.document();
    std::vector<Range> reported;
    const SourceRegistry& registry = *analysis.settings().sources;
    for (const Attribution& a : analysis.attributions()) {
      if (a.caution.empty()) continue;
      Range range = a.source.empty() ? a.cue : a.source;
      // When the caution comes from a link ("[the agency said](https://kcna.kp/...)") rather than from
      // the words of the source, the link is where the reader can see it.
      if (a.entry != nullptr && registry.find_in(doc.slice(a.source)) != a.entry) {
        for (const Citation& c : doc.citations()) {
          if ((c.kind == CitationKind::kLink || c.kind == CitationKind::kUrl) && !c.target.empty() &&
              (c.range.overlaps(a.cue) || c.range.overlaps(a.source)) &&
              registry.find_domain(doc.slice(c.target)) == a.entry) {
            range = c.range;
          }
        }
      }
      // One warning per source, however many of its reports the sentence holds ("RT repeated the
      // claim, citing ...").
      if (std::find(reported.begin(), reported.end(), range) != reported.end()) continue;
      // "who" after a name stands for it: "Democrats on Capitol Hill, who have argued" warns about
      // the Democrats.
      std::string who = a.source.empty()        ? "This source"
                        : !a.antecedent.empty() ? std::string(doc.slice(a.antecedent))
                                                : readable_text(doc.slice(a.source), doc.markup());
      Finding& f = out.report(range, who + (plural_phrase(who) ? " are " + they(a.caution) : " is " + a.caution));
      f.attribution = AttributionRef{a.cue, a.source, a.kind, a.caution};
      reported.push_back(range);
    }
    // Links are citations too: a link to a cautioned domain is flagged where no attribution already
    // named the same source.
    for (const Citation& c : doc.citations()) {
      if ((c.kind != CitationKind::kLink && c.kind != CitationKind::kUrl) || c.target.empty()) continue;
      const SourceEntry* e = registry.find_domain(doc.slice(c.target));
      if (e == nullptr) continue;
      std::string why = source_caution(*e);
      if (why.empty()) continue;
      bool covered = false;
      for (Range r : reported) covered = covered || r.overlaps(c.range);
      for (const Attribution& a : analysis.attributions()) {
        covered = covered || (a.entry == e && !a.caution.empty() && (a.cue.overlaps(c.range) ||
                                                                     a.source.overlaps(c.range)));
      }
      if (covered) continue;
      Finding& f = out.report(c.range, "This link goes to " + e->name + ", " + why);
      f.attribution = AttributionRef{c.range, {}, source_kind_of(*e), why};
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(SourceReliabilityCheck)
}  // namespace evidential::core
