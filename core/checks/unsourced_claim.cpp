// Check `unsourced-claim`: a check-worthy factual claim with no attribution, citation or link in its
// sentence and none carried over from the sentences before it in the same paragraph.
#include <algorithm>
#include <array>
#include <string>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 15> kExamples = {
    "[[Unemployment fell to 3.1 percent in March, the lowest rate since 1974.]]",
    "[[House prices may have reached a 15-year high.]]",
    "Should the council approve the harbour budget?",
    "Unemployment fell to 3.1 percent in March, the statistics office said.",
    "md:Unemployment fell to 3.1 percent in March, [the lowest since 1974](https://stats.example/2024).",
    "The ministry said on Friday that prices had risen. The rate rose to 3.1 percent in March.",
    "The new policy could perhaps help some families.",
    "We should all read more poetry.",
    "md:| Year | Containers |\n|---|---|\n| 2023 | 1.2 million |\n",
    "md:The `retries` option defaults to 3 and accepts values up to 10.",
    "md:Version 2.1.0 dropped support for the old configuration format, released in 2019.",
    "md:[[The parser is 3 times faster than `fastparse` on files over 10MB.]]",
    "Since 2019 the following settings were added to the configuration file:",
    "md:Copyright 2019-2024 Ana Ruiz. Licensed under the MIT License.",
    "[[Prisoners are released under supervision after 12 months, a rule in force since 2021.]]",
};

constexpr CheckInfo kInfo{
    .id = "unsourced-claim",
    .summary = "A check-worthy factual claim has no source.",
    .rationale =
        "Figures, dates, rankings (\"the only\", \"the third country to\"), named events and causes are "
        "the claims readers and fact-checkers check first. When the text gives no source for them — no "
        "attribution, citation or link in the sentence, and none carried over from the sentence it "
        "continues (a quotation right after a quoted speaker's sentence goes on with that speaker's words) "
        "— the reader has only the writer's word (a tag such as \"[citation needed]\" asks "
        "for a source and gives none; a reference to the text's own table or figure, \"(see Table "
        "2)\", \"(Fig. 3)\", shows the data and sources it; so does the writer's own measurement or study (\"In my testing it managed 70 km\", \"We measured 142 tonnes\", \"We surveyed three bays\", \"On our benchmark corpus\", a result given with its test statistic, \"(p < 0.01)\"), an answer in an interview printed as questions and answers (\"A: ...\" where the text also asks \"Q: ...\") and a speaker's paragraph in a transcript (\"VANCE: ...\" where a name opens two lines), and so does a section whose heading presents the writer's own work, "
        "\"Results\", \"Findings\", \"Materials and methods\", down to the next heading of its level). Each finding carries a score: how "
        "check-worthy the sentence is, from a model trained on claims that fact-checkers chose to check. "
        "The score rests mostly on what any reader can see: figures, amounts and dates (\"a 15-year "
        "high\" too), comparisons and rankings, names, causes and reported events raise it; questions, "
        "opinions, plans and the writer's own \"I think\" lower it; a place counted in a series "
        "(\"the third country to\", \"the fifth breach this month\") scores at least 0.6. "
        "A hedged sentence with nothing hard to check in it (\"could potentially help\") is the writer's "
        "speculation, not an unsourced fact, and is not reported at the default threshold; a hedge on "
        "a figure, date or ranking does not source it. The writer's own hypothesis (\"we hypothesised "
        "that the rate would peak at 35 °C\", \"we speculate that\") is not asserted as fact, figures "
        "or not. Table cells are data, not sentences, and are not "
        "reported one by one. Documentation of software is not reported either: in a paragraph or list "
        "item that names code (a code span), a version (\"2.1.0\", \"v18\", \"4.x\", \"version 3\"), a "
        "command-line flag or a size in bytes, figures are defaults, limits and releases that the reader "
        "checks by running the software; only a comparison or ranking that needs a benchmark or a survey there (\"3 times faster than\", "
        "\"the smallest\", \"one of the most performant\") is still reported, not a condition (\"values "
        "bigger than 1\") or a superlative of the program's own parts (\"the most recent error\"). A Markdown document that shows code (two fenced code "
        "blocks, one with a code span, or three code spans) or is a changelog (two headings that name a release, or one titled \"Changelog\" or \"Release notes\") is documentation of software throughout, and every paragraph of "
        "it is read that way; so is a plain text that names three paths, long options or files of code or "
        "configuration (\"/etc/harbour\", \"--dry-run\", \"tides.conf\"; underlined section headings count "
        "with them), as a README or an INSTALL file does. A text titled as rules (\"Ticket terms and conditions\", "
        "\"Terms of service\", \"Privacy policy\", \"Code of conduct\", \"House rules\") states terms, not "
        "facts, and is read the same way. A licence or copyright notice (\"Copyright 2019 ...\", "
        "\"Licensed under the MIT License\") states the software's terms, and its paragraph is treated "
        "the same way. A heading that asks a question (\"Did the levy double?\") or promises an explanation (\"Why our "
        "parser got faster\", \"How the levy was spent\") announces what the text examines and is "
        "not reported. A lead-in that ends in a colon introduces the list, table "
        "or quotation that holds the content, and is not reported; neither are a page's own notes "
        "(\"Last updated: 7 Nov 2023\") and pointers (\"See RFC 3339 for details\"), the writer's "
        "recommendation (\"We recommend full electrification from 2026\"; one that states amounts is "
        "checked all the same), the text of a footnote or of a reference list (a section headed "
        "\"References\", \"Sources\", \"Bibliography\", \"Notes\", \"Further reading\" and the like), where "
        "the writer names a source, the writer's account of asking for comment (\"did not respond to "
        "requests for comment\"), a decision on record (\"It was agreed to ask two plumbers for "
        "quotes\"), the marker of a numbered line (\"1.\") or a heading that states no more than a date "
        "(\"Minutes of the committee meeting, 4 February\", \"The Harbour Riots of 1911\"). An author "
        "and year in the running text (\"Cooper et al. (2006) found\", \"Hollis (2004, p. 112)\") cite a "
        "work, as a bracketed citation does; a film or book given with its year has the same shape and "
        "counts as cited too.",
    .advice =
        "Say where the claim comes from: who reported it, a citation, or a link to the data. If it is "
        "common knowledge for your readers, raise the threshold (\"checks\": {\"unsourced-claim\": "
        "{\"threshold\": 0.7}}) or silence this sentence with a suppression comment. To list every "
        "check-worthy claim, sourced or not — say, to pick claims to fact-check in a debate transcript, "
        "where \"my opponent said ...\" is itself the claim — use \"checks\": {\"unsourced-claim\": "
        "{\"threshold\": 0, \"attributed\": 1}}: every candidate is then listed with its score.",
    .default_severity = Severity::kWarning,
    .category = Category::kClaims,
    .examples = kExamples,
};

/// Speculation counts at half its check-worthiness: below the default threshold, still ranked when the
/// threshold is lowered to list every candidate claim.
constexpr double kSpeculationWeight = 0.5;

class UnsourcedClaimCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    const Document& doc = analysis.document();
    double threshold = analysis.settings().option("unsourced-claim", "threshold", 0.5);
    const auto& sentences = doc.sentences();
    const auto& attributions = analysis.attributions();
    bool list_attributed = analysis.settings().option("unsourced-claim", "attributed", 0) >= 1;
    // Attributions are in text order, so those of a sentence are found by bisection: a scan from
    // either end per claim made the check quadratic in the length of the document.
    auto first_of_sentence = [&](uint32_t sentence) {
      return std::partition_point(attributions.begin(), attributions.end(),
                                  [&](const Attribution& a) { return a.sentence < sentence; });
    };
    for (const SentenceClaim& c : analysis.claims()) {
      double score = c.score;
      std::string message;
      switch (c.status) {
        case ClaimStatus::kUnsourced:
          message = "This claim has no source: say who reports it, or cite or link it";
          break;
        case ClaimStatus::kSpeculative:
          score *= kSpeculationWeight;
          if (score < threshold || score <= 0) continue;
          message = "This hedged claim has no source: say what it rests on";
          break;
        case ClaimStatus::kAttributed:
        case ClaimStatus::kAttributedByContext:
          if (!list_attributed) continue;
          message = "This claim is attributed; it is listed because \"attributed\" is on";
          break;
        case ClaimStatus::kNone:
          continue;
      }
      const Sentence& s = sentences[c.sentence];
      Finding& f = out.report(s.range, std::move(message));
      f.score = score;
      if (c.status == ClaimStatus::kAttributedByContext && c.context >= 0) {
        for (auto it = first_of_sentence(static_cast<uint32_t>(c.context)); it != attributions.end(); ++it) {
          const Attribution& a = *it;
          if (static_cast<int32_t>(a.sentence) != c.context) break;
          if (!a.inferred) {
            f.related.push_back(Related{a.cue, "the attribution this sentence continues"});
            break;
          }
        }
        continue;
      }
      if (c.status == ClaimStatus::kAttributed) continue;
      // Point to the paragraph's last attribution before the claim: it does not carry over here (the
      // sentence turns to the writer's own voice), which is worth seeing next to the finding.
      for (size_t k = static_cast<size_t>(first_of_sentence(c.sentence) - attributions.begin()); k-- > 0;) {
        const Attribution& a = attributions[k];
        if (a.inferred) continue;
        if (sentences[a.sentence].block != s.block) break;
        f.related.push_back(Related{a.cue, "the nearest attribution in this paragraph does not cover this sentence"});
        break;
      }
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(UnsourcedClaimCheck)
}  // namespace evidential::core
