// Claims on sentences written for these tests: what is check-worthy, what sources it (attribution,
// citation, link, a neighbour it continues in the same paragraph), and how hedging interacts.
#include <gtest/gtest.h>

#include <string>

#include "config/config.h"
#include "core/analysis.h"
#include "core/summary.h"

namespace evidential::core {
namespace {

class Claims : public ::testing::Test {
 protected:
  static Settings with_threshold(double threshold) {
    Settings s = config::default_settings();
    s.options["unsourced-claim.threshold"] = threshold;
    return s;
  }

  /// The claims of `text` at `threshold`, and the document they index.
  std::vector<SentenceClaim> assess(const std::string& text, Markup markup = Markup::kPlain,
                                    double threshold = 0.5) {
    settings_ = with_threshold(threshold);
    doc_ = parse_document(text, markup);
    Analysis analysis(doc_, settings_);
    return analysis.claims();
  }

  /// Sentences that get an `unsourced-claim` finding.
  std::vector<std::string> flagged(const std::string& text, Markup markup = Markup::kPlain,
                                   double threshold = 0.5) {
    settings_ = with_threshold(threshold);
    doc_ = parse_document(text, markup);
    std::vector<std::string> out;
    for (const Finding& f : analyze(doc_, settings_)) {
      if (f.check == "unsourced-claim") {
        EXPECT_TRUE(f.score.has_value());
        out.emplace_back(doc_.slice(f.range));
      }
    }
    return out;
  }

  Settings settings_;
  Document doc_ = parse_document("", Markup::kPlain);
};

TEST_F(Claims, FiguresDatesAndRankingsAreCheckWorthy) {
  auto c = assess("Unemployment fell to 3.1 percent in March, the lowest rate since 1974.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, ClaimStatus::kUnsourced);
  EXPECT_GE(c[0].score, 0.5);

  c = assess("Portugal was the first country in Europe to ban the practice.");
  EXPECT_EQ(c[0].status, ClaimStatus::kUnsourced);

  c = assess("We should all read more poetry.");
  EXPECT_EQ(c[0].status, ClaimStatus::kNone);
  EXPECT_LT(c[0].score, 0.5);
}

// A Markdown document that shows code documents software throughout: what the software does and
// supports is checked by running it; a comparison with other software still needs its benchmark.
TEST_F(Claims, DocumentationReportsOnlyComparisons) {
  const std::string prose =
      "The parser was rewritten in 2019 and supports 14 output formats.\n\n"
      "It is now three times faster than the old parser on large files.\n";
  EXPECT_EQ(flagged(prose + "\nInstall:\n\n```sh\nmake\n```\n\nTest:\n\n```sh\nmake test\n```\n", Markup::kMarkdown),
            (std::vector<std::string>{"It is now three times faster than the old parser on large files."}));
  // Without code in the document, the first paragraph is an unsourced claim like any other.
  EXPECT_EQ(flagged(prose, Markup::kMarkdown).size(), 2u);
}

// A live report heads each entry with its time of day; plain text runs that line on into the entry's
// first sentence. The time dates the entry and is not a figure the entry states.
TEST_F(Claims, ALiveReportsTimeOfDayIsNoFigure) {
  const std::string entry = "Mayor Ana Ruiz is doubling down on her attacks on the ferry operator.";
  auto bare = assess(entry);
  auto stamped = assess("7:25 a.m.\n\n" + entry);
  ASSERT_EQ(bare.size(), 1u);
  ASSERT_EQ(stamped.size(), 1u);
  EXPECT_DOUBLE_EQ(stamped[0].score, bare[0].score);
  // A time inside the sentence is part of what it states.
  EXPECT_GT(assess("The ferry sank at 7:25 a.m. on Friday.")[0].score, 0.5);
}

// In documentation, a comparison with a number is a condition and a superlative of the program's own
// parts describes it; a benchmark or a ranking among other software still needs its source.
TEST_F(Claims, DocumentationComparesOnlyWhatNeedsABenchmark) {
  const std::string fence = "\n\n```sh\nmake\n```\n\n```sh\nmake test\n```\n";
  auto in_docs = [&](const std::string& prose) { return flagged(prose + fence, Markup::kMarkdown); };
  EXPECT_TRUE(in_docs("It works for tide tables that are bigger than 1 in 2019.").empty());
  EXPECT_TRUE(in_docs("The most recent error of 2024 is stored on the stream.").empty());
  EXPECT_TRUE(in_docs("It is best on release 0.8 from 2012.").empty());
  EXPECT_EQ(in_docs("Since 2021 the parser is 3 times faster than the old one.").size(), 1u);
  EXPECT_EQ(in_docs("As of January 2022, version 7 of this library is one of the most performant tide parsers in Rust.").size(), 1u);
}

// A page's own record ("Last updated: ...") and a pointer ("See RFC 3339 ...") state nothing.
TEST_F(Claims, APagesOwnNotesAreNoClaims) {
  EXPECT_TRUE(flagged("The tide tables\n\nLast updated: Tue, 07 Nov 2023 20:08:00 GMT\n").empty());
  EXPECT_TRUE(flagged("See RFC 3339 for the date format used since 2002.").empty());
  EXPECT_EQ(flagged("The levy rose 40 percent in 2023.").size(), 1u);
}

// A footnote's text names a source; it is no claim of its own.
TEST_F(Claims, AFootnoteNamesASource) {
  EXPECT_TRUE(flagged("Emissions fell by a fifth in 2023.[^1]\n\n[^1]: Port of Varna emissions inventory, 2023, "
                      "table 4, published in March 2024.\n",
                      Markup::kMarkdown)
                  .empty());
}

// A reference list names sources, whatever heading it goes under; the text above it still needs its own.
TEST_F(Claims, AReferenceListNamesSources) {
  const std::string body = "Water bills rose by 31 percent between 2021 and 2024.\n\n";
  const std::string list = "- Interview with Mira Sandor, March 6, 2025\n- Brennick Water annual report 2024, p. 12\n";
  for (const char* heading : {"## Our sources", "## References", "### Further reading", "## 4. Notes"}) {
    EXPECT_EQ(flagged(body + heading + "\n\n" + list, Markup::kMarkdown),
              std::vector<std::string>{"Water bills rose by 31 percent between 2021 and 2024."})
        << heading;
  }
  // The list ends where the next section of the same level begins.
  EXPECT_EQ(flagged("## Sources\n\n" + list + "\n## Background\n\nThe levy took effect in July 2022.\n",
                    Markup::kMarkdown),
            std::vector<std::string>{"The levy took effect in July 2022."});
  // A heading that only starts like one is no reference list.
  EXPECT_EQ(flagged("## Notes on the levy\n\nThe levy took effect in July 2022.\n", Markup::kMarkdown).size(), 1u);
}

// An author and year named in the running text cite a work: "Cooper et al. (2006) reviewed ...".
TEST_F(Claims, ANarrativeCitationSources) {
  EXPECT_TRUE(flagged("Cooper et al. (2006) reviewed more than 60 studies and found a strong link.").empty());
  EXPECT_TRUE(flagged("As Hollis (2004, p. 112) notes, she opened a furnace in 1952.").empty());
  EXPECT_EQ(flagged("Cooper reviewed more than 60 studies in 2006 and found a strong link.").size(), 1u);
  EXPECT_EQ(flagged("Cooper reviewed more than 60 studies (2006 was the peak year).").size(), 1u);
}

// The writer's own reporting (asking for comment), a decision in minutes, a numbered list's marker
// and a dated title state nothing to source.
TEST_F(Claims, RecordsOfTheWritersOwnWorkAreNoClaims) {
  EXPECT_TRUE(flagged("Vasko's office did not respond to three requests for comment.").empty());
  EXPECT_TRUE(flagged("The campaign did not return two calls seeking comment on Friday.").empty());
  EXPECT_EQ(flagged("The repair last year cost 220 pounds. It was agreed to ask two plumbers for quotes."),
            std::vector<std::string>{"The repair last year cost 220 pounds."});
  EXPECT_EQ(flagged("1. Water supply. The repair last year cost 220 pounds."),
            std::vector<std::string>{"The repair last year cost 220 pounds."});
  EXPECT_TRUE(flagged("Minutes of the allotment committee meeting, 4 February\n\nPresent: four members.\n").empty());
  EXPECT_TRUE(flagged("# The Harbour Riots of 1911\n\nThe riots began on a Tuesday.\n", Markup::kMarkdown).empty());
  // A title that counts or ranks is still a claim.
  EXPECT_EQ(flagged("# Floods kill 12 in the worst March since 1911\n", Markup::kMarkdown).size(), 1u);
  EXPECT_EQ(flagged("Next meeting: 3 March, 7 pm, at the pavilion.").size(), 0u);
}

// An interview printed as questions and answers: the answers are the interviewee's words.
TEST_F(Claims, AnInterviewsAnswersAreTheIntervieweesWords) {
  const std::string qa = "**Q: When did you first see the corrosion?**\n\nA: In 2019, during a routine check of 40 "
                         "cranes.\n\n**Q: Harbourline says the crane passed.**\n\nA: It passed a visual inspection in 2020.\n";
  EXPECT_TRUE(flagged(qa, Markup::kMarkdown).empty());
  // Without questions, "A:" is no answer.
  EXPECT_EQ(flagged("A: In 2019, during a routine check of 40 cranes.\n", Markup::kMarkdown).size(), 1u);
}

// A transcript written here: what follows a speaker's name is that speaker's, however many sentences.
TEST_F(Claims, ATranscriptsSpeakersSpeakForThemselves) {
  const std::string debate =
      "MODERATOR: Councillor Vance, you proposed the levy.\n\n"
      "VANCE: Thank you. The levy raised 4.2 million euros last year. We cut berth waiting times by a third.\n\n"
      "OKAFOR: That is not true. Waiting times rose in 2025, and the harbour lost two shipping lines.\n\n"
      "VANCE: They rose in one month of 2025, the month of the strike.\n";
  EXPECT_TRUE(flagged(debate).empty());
  EXPECT_TRUE(flagged(debate, Markup::kMarkdown).empty());
  // A tally is no speech: "Vance: 1,769." is a figure to source.
  EXPECT_EQ(flagged("Votes cast on 3 May\n\nVance: 1,769.\n\nOkafor: 1,501.\n\nVance: 547 postal votes.\n").size(), 2u);
  // One labelled line is no transcript: a dateline opens a news story.
  EXPECT_EQ(flagged("Report from the harbour\n\nRostock: Waiting times rose in 2025, and the harbour lost two "
                    "shipping lines.\n")
                .size(),
            1u);
}

// Research prose and a technical blog written here: the writer's own survey, benchmark and tests.
TEST_F(Claims, TheWritersOwnStudyIsItsSource) {
  EXPECT_TRUE(flagged("We surveyed eelgrass cover in three bays before and four years after 120 moorings were removed.")
                  .empty());
  EXPECT_TRUE(flagged("Cover increased from 31% to 58% in treated areas (p < 0.01).").empty());
  EXPECT_TRUE(flagged("On our benchmark corpus of 2,000 files, parsing now takes 41 ms instead of 127 ms.").empty());
  EXPECT_EQ(flagged("Cover increased from 31% to 58% in treated areas in 2023.").size(), 1u);
  // A reviewer's own use, but not a record a "we" or a later "I" states.
  EXPECT_TRUE(flagged("I rode the bike for three weeks, on my 14 km commute and on two weekend rides.").empty());
  EXPECT_EQ(flagged("We used 40 percent less water in 2024 than in 2019.").size(), 1u);
  // A heading that promises an explanation announces; one that asserts still claims.
  EXPECT_TRUE(flagged("# Why our parser got three times faster\n\nText.\n", Markup::kMarkdown).empty());
  EXPECT_EQ(flagged("# Our parser got three times faster in 2024\n\nText.\n", Markup::kMarkdown).size(), 1u);
}

// A recipe written here: its ingredients and steps are the writer's own, not claims about the world.
TEST_F(Claims, ARecipesIngredientsAreNoClaims) {
  EXPECT_TRUE(flagged("## Ingredients\n\n- 200 g plain flour\n- 250 ml hot coffee\n\n## Method\n\n1. Bake for 35 "
                      "minutes at 180°C.\n",
                      Markup::kMarkdown)
                  .empty());
  EXPECT_EQ(flagged("## Shopping\n\n- 200 g plain flour cost 4 euros in 2024\n", Markup::kMarkdown).size(), 1u);
}

// An NGO report written here: its own analysis sources its figures; its calls are recommendations.
TEST_F(Claims, AReportsOwnAnalysisAndItsCalls) {
  EXPECT_TRUE(flagged("Flooding cost households 210 million euros between 2015 and 2024, according to our analysis of "
                      "insurance claims.")
                  .empty());
  EXPECT_EQ(flagged("Flooding cost households 210 million euros between 2015 and 2024, according to our readers.")
                .size(),
            1u);
  EXPECT_TRUE(flagged("We call on the government to create a national flood fund by 2027.").empty());
}

// A court case cited by its parties and the year of its decision names its source; advice given in
// the passive is a recommendation.
TEST_F(Claims, ACaseCitationAndPassiveAdvice) {
  EXPECT_TRUE(flagged("In Baker v. Selden, 101 U.S. 99 (1879), the court held that a book is not a patent.").empty());
  EXPECT_TRUE(flagged("- _Feist Publications, Inc., v. Rural Telephone Service Co._,\n  499 U.S. 340 (1991)\n",
                      Markup::kMarkdown)
                  .empty());
  EXPECT_EQ(flagged("Baker v. Selden was decided in 1879 by nine judges.").size(), 1u);
  EXPECT_TRUE(flagged("The use of badges is recommended to indicate the minimum version of Node-API required for the "
                      "module.")
                  .empty());
}

// An organisation answering for itself: its FAQ and the report on its own incident.
TEST_F(Claims, AnFaqAndAnIncidentReportAreTheWritersOwn) {
  EXPECT_TRUE(flagged("# Frequently asked questions\n\n## Can I bring my bike?\n\nBikes cost 3 euros each way, except "
                      "on the 08:15 sailing.\n",
                      Markup::kMarkdown)
                  .empty());
  EXPECT_TRUE(flagged("# Incident report: checkout outage on 12 March\n\n## Summary\n\nBetween 14:02 and 15:47 UTC "
                      "about 38% of checkout requests failed.\n",
                      Markup::kMarkdown)
                  .empty());
  EXPECT_EQ(flagged("# Ferry news\n\n## Can I bring my bike?\n\nBikes cost 3 euros each way since the 2024 rise.\n",
                    Markup::kMarkdown)
                .size(),
            1u);
}

// Terms and conditions state rules: their figures are terms, not claims to source.
TEST_F(Claims, TermsStateRules) {
  const std::string terms = "# Ferry ticket terms and conditions\n\n1. A ticket may be exchanged once, free of "
                            "charge, up to 24 hours before departure.\n\n2. Refunds will be paid within 14 days.\n";
  EXPECT_TRUE(flagged(terms, Markup::kMarkdown).empty());
  EXPECT_EQ(flagged("# Ferry news\n\nRefunds were paid within 14 days in 2024.\n", Markup::kMarkdown).size(), 1u);
}

// The writer's recommendation proposes; it asserts no fact. One that states amounts still does.
TEST_F(Claims, ARecommendationIsNoClaim) {
  EXPECT_TRUE(flagged("We recommend full electrification, starting with the two oldest ferries in 2026.").empty());
  EXPECT_EQ(flagged("I propose to spend 1.6 trillion dollars on the harbour between now and 2030.").size(), 1u);
}

// A review written here: the writer's own measurement is sourced by the writer's own work.
TEST_F(Claims, TheWritersOwnMeasurementIsItsOwnSource) {
  EXPECT_TRUE(flagged("In my testing the battery managed about 70 kilometres, better than most rivals.").empty());
  EXPECT_TRUE(flagged("We measured 142 tonnes of carbon per hectare in 2023.").empty());
  EXPECT_EQ(flagged("The battery managed about 70 kilometres, better than most rivals.").size(), 1u);
}

// One unnamed source, one anonymous-source warning, however many of its reports the text gives.
TEST_F(Claims, AnUnnamedSourceIsWarnedAboutOnce) {
  settings_ = with_threshold(0.5);
  doc_ = parse_document("A company spokesperson told me a lighter frame is planned, but would not say when.",
                        Markup::kPlain);
  int warnings = 0;
  for (const Finding& f : analyze(doc_, settings_)) warnings += f.check == "anonymous-source";
  EXPECT_EQ(warnings, 1);
}

// When the text says why a source is unnamed, the warning asks only how the source knows.
TEST_F(Claims, AnExplainedAnonymityIsAcknowledged) {
  auto messages = [&](const std::string& text) {
    settings_ = with_threshold(0.5);
    doc_ = parse_document(text, Markup::kPlain);
    std::vector<std::string> out;
    for (const Finding& f : analyze(doc_, settings_)) {
      if (f.check == "anonymous-source") out.push_back(f.message);
    }
    return out;
  };
  std::vector<std::string> m = messages("Shippers are diverting cargo, according to two brokers who asked not to be named.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_NE(m[0].find("the text says why"), std::string::npos) << m[0];
  m = messages("Two people familiar with the polling said it shows a similar trend. They spoke on condition of "
               "anonymity.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_NE(m[0].find("the text says why"), std::string::npos) << m[0];
  m = messages("Two people familiar with the polling said it shows a similar trend.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_NE(m[0].find("say why it cannot be named"), std::string::npos) << m[0];
  // A group that names a member is named; a poll's share of a side is the poll's figure.
  EXPECT_TRUE(messages("Proponents, including the Harbour Traders' Association, have urged the council to keep "
                       "the levy.")
                  .empty());
  // An interview written here: the interviewee's unnamed sources are theirs.
  EXPECT_TRUE(messages("HOST: When did you hear?\n\nRUIZ: In 2019. A crane operator told me the legs were rusting."
                       "\n\nHOST: And then?\n\nRUIZ: Nothing.\n")
                  .empty());
  // A science story written here: a group the next sentence illustrates with a named member.
  EXPECT_TRUE(messages("Other scientists said the cores were too shallow. Jonas Keller, of the Baltic Institute, "
                       "said the bays were unusual.")
                  .empty());
  EXPECT_EQ(messages("Officials said the cores were too shallow. Jonas Keller, of the Baltic Institute, said the "
                     "bays were unusual.")
                .size(),
            1u);
}

TEST_F(Claims, APlainTextReadmeDocumentsSoftware) {
  const std::string readme =
      "Harbour tools\n\nSince 2019 the tools have been installed into /usr/local/bin. Edit\n"
      "/etc/harbour/tides.conf to set the 12 ports you follow, and try --dry-run first.\n\n"
      "The parser is 3 times faster than the old one.\n";
  EXPECT_EQ(flagged(readme), std::vector<std::string>{"The parser is 3 times faster than the old one."});
}

// A wellness blog written here: an association or a risk stated as fact is what fact-checkers check.
TEST_F(Claims, AnAssociationStatedAsFactIsCheckWorthy) {
  EXPECT_EQ(flagged("Fluoride, for example, has been linked to lower IQ in children.").size(), 1u);
  EXPECT_EQ(flagged("Filtered water lowers the risk of kidney stones.").size(), 1u);
  EXPECT_EQ(flagged("Night shifts are associated with higher rates of diabetes.").size(), 1u);
  EXPECT_TRUE(flagged("The island is linked to the mainland by a causeway.").empty());
  EXPECT_TRUE(flagged("Fluoride has been linked to lower IQ in children [3].").empty());
}

TEST_F(Claims, APlaceCountedInASeriesIsCheckWorthy) {
  EXPECT_EQ(flagged("Portugal was the third country to ban the practice.").size(), 1u);
  EXPECT_EQ(flagged("It is the third breach of the ceasefire this month.").size(), 1u);
  EXPECT_EQ(flagged("It is the third fire at an empty commercial building in Eastfield this year.").size(), 1u);
  // An enumeration is no count: "The second area, taxation, we agree on."
  EXPECT_TRUE(flagged("The second area, taxation, is where we agree that rates should come down in time.").empty());
  EXPECT_TRUE(flagged("Is it the third breach of the ceasefire this month?").empty());
}

TEST_F(Claims, AResultsSectionIsTheTextsOwnFinding) {
  const std::string text =
      "## Results\n\nYields fell by 14 percent in 2023.\n\n## Discussion\n\nYields fell by 14 percent in 2021.\n";
  EXPECT_EQ(flagged(text, Markup::kMarkdown), (std::vector<std::string>{"Yields fell by 14 percent in 2021."}));
}

TEST_F(Claims, ATableOrFigureOfTheTextIsItsSource) {
  EXPECT_TRUE(flagged("The rate doubled between 20 and 30 degrees (see Table 2).").empty());
  EXPECT_TRUE(flagged("Yields fell by 14 percent in the second trial (Fig. 3).").empty());
  EXPECT_EQ(flagged("Yields fell by 14 percent in the second trial (all strains).").size(), 1u);
}

TEST_F(Claims, TheWritersOwnHypothesisIsNoFact) {
  EXPECT_TRUE(flagged("We hypothesised that the rate would peak between 30 and 35 degrees.").empty());
  EXPECT_EQ(flagged("The rate peaked between 30 and 35 degrees in 2019.").size(), 1u);
}

TEST_F(Claims, ATagAskingForASourceSourcesNothing) {
  EXPECT_TRUE(flagged("The bridge was completed in 1784.[1]\n").empty());
  EXPECT_EQ(flagged("The bridge was completed in 1784.[citation needed]\n").size(), 1u);
  EXPECT_TRUE(asks_for_source("[citation needed]"));
  EXPECT_TRUE(asks_for_source("[according to whom?]"));
  EXPECT_TRUE(asks_for_source("[dubious – discuss]"));
  EXPECT_FALSE(asks_for_source("[12]"));
  EXPECT_FALSE(asks_for_source("[Smith 2020, p. 4]"));
}

TEST_F(Claims, AHeadingThatAsksIsNoClaim) {
  EXPECT_TRUE(flagged("# Fact check: did the harbour levy double in five years?\n\nText.\n", Markup::kMarkdown).empty());
  EXPECT_TRUE(flagged("# “The levy doubled in five years”: a councillor on the budget\n\nText.\n", Markup::kMarkdown)
                  .empty());
  EXPECT_EQ(flagged("# The harbour levy doubled in five years\n\nText.\n", Markup::kMarkdown).size(), 1u);
}

TEST_F(Claims, RecognisableEvidenceMovesTheScore) {
  auto score = [this](const std::string& text) { return assess(text, Markup::kPlain, 0.0)[0].score; };
  const double plain = score("The council approved the harbour budget.");
  // Figures, magnitudes and dates make a sentence more check-worthy ...
  EXPECT_GT(score("The council approved a harbour budget of 40 million pounds in 2019."), plain);
  // ... questions, opinions and plans less.
  EXPECT_LT(score("Did the council approve the harbour budget?"), plain);
  EXPECT_LT(score("I think the council should approve the harbour budget."), plain);
  EXPECT_LT(score("The council will approve the harbour budget."), plain);
  // Words the model never saw do not hide the evidence around them.
  EXPECT_GE(score("The Quorvath council approved a zintle levy of 40 million pounds in 2019."), 0.5);
}

TEST_F(Claims, FigureCompoundsAreFigures) {
  // "15-year" is one word to the grammar, but it states a figure: a hedge does not make it speculation.
  auto c = assess("House prices may have reached a 15-year high.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].status, ClaimStatus::kUnsourced);
}

TEST_F(Claims, AttributionCitationOrLinkSources) {
  EXPECT_TRUE(flagged("Unemployment fell to 3.1 percent in March, the statistics office said.").empty());
  EXPECT_TRUE(flagged("Unemployment fell to 3.1 percent in March [4].").empty());
  EXPECT_TRUE(flagged("Unemployment fell to 3.1 percent in March.[^stats]\n\n[^stats]: Office figures.",
                      Markup::kMarkdown)
                  .empty());
  EXPECT_TRUE(flagged("Unemployment fell to [3.1 percent](https://stats.example/march) in March.",
                      Markup::kMarkdown)
                  .empty());
  auto c = assess("Unemployment fell to 3.1 percent in March, the statistics office said.");
  EXPECT_EQ(c[0].status, ClaimStatus::kAttributed);
  // The writer citing themselves sources nothing.
  EXPECT_EQ(flagged("I said that unemployment fell to 3.1 percent in March.").size(), 1u);
  EXPECT_EQ(flagged("Our survey team reported that unemployment fell to 3.1 percent in March.").size(), 1u);
  EXPECT_EQ(flagged("I've argued that unemployment fell to 3.1 percent in March.").size(), 1u);
}

TEST_F(Claims, CarryOverWithinAParagraph) {
  auto c = assess(
      "The ministry said on Friday that exports had collapsed in April. Imports fell by 40 percent in "
      "May.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].status, ClaimStatus::kAttributedByContext);
  EXPECT_EQ(c[1].context, 0);

  // A sentence that refers back to the report is covered by it too.
  c = assess(
      "According to a leaked memo, the plant will close in 2026. The memo did not mention the 400 "
      "workers at the second site.");
  EXPECT_EQ(c[1].status, ClaimStatus::kAttributedByContext);

  // So is the rest of a quotation that runs over several sentences.
  c = assess(
      "The minister said: “Exports collapsed in April. Imports fell by 40 percent in May.”");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].status, ClaimStatus::kAttributedByContext);
}

// A quotation that follows a quoted speaker in the same paragraph goes on with the speaker's words.
TEST_F(Claims, AQuotationGoesOnWithTheSameSpeaker) {
  const std::string quoted = "\"We were surprised by the depth,\" Halvorsen said in an interview. ";
  EXPECT_TRUE(flagged(quoted + "\"In 2023 some cores reached 3 metres, twice the 2019 depth.\"").empty());
  // Without the quotation marks the sentence is the writer's own again.
  EXPECT_EQ(flagged(quoted + "In 2023 some cores reached 3 metres, twice the 2019 depth.").size(), 1u);
  // And a quotation in the next paragraph needs its own speaker.
  EXPECT_EQ(flagged(quoted + "\n\n\"In 2023 some cores reached 3 metres, twice the 2019 depth.\"").size(), 1u);
}

TEST_F(Claims, CarryOverStopsAtTheParagraphAndAtATurn) {
  auto c = assess(
      "The ministry said on Friday that exports had collapsed in April.\n\nImports fell by 40 percent "
      "in May.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].status, ClaimStatus::kUnsourced);

  c = assess(
      "The ministry said on Friday that exports had collapsed in April. However, imports rose by 40 "
      "percent in May.");
  EXPECT_EQ(c[1].status, ClaimStatus::kUnsourced);

  // A person's statement is not assumed to cover the writer's next sentence.
  c = assess("The mayor said the pier would reopen. It was built in 1932 for 40,000 pounds.");
  EXPECT_EQ(c[1].status, ClaimStatus::kUnsourced);

  // An appeal or a judgement passes on no report: what follows is the writer's.
  c = assess("Water companies have urged customers to use water sparingly. Reservoir levels stood at 71 percent "
             "on Monday.");
  EXPECT_EQ(c[1].status, ClaimStatus::kUnsourced);
  c = assess("The water company said demand had doubled. Reservoir levels stood at 71 percent on Monday.");
  EXPECT_EQ(c[1].status, ClaimStatus::kAttributedByContext);
}

// A product recall written here: directions to a helpline are no claim, whatever their digits.
TEST_F(Claims, DirectionsToAContactAreNoClaim) {
  EXPECT_TRUE(flagged("For more information, call the Brisa helpline on 0800 555 0199 or visit the website.").empty());
  EXPECT_TRUE(flagged("To book, email the harbour office before 3 June.").empty());
  EXPECT_TRUE(flagged("Anyone who saw the collision at 6.15 pm is asked to call 101, quoting incident 412.").empty());
  EXPECT_EQ(flagged("The helpline took 4,000 calls in the first 2 days of the recall.").size(), 1u);
}

// Allotment minutes written here: who came is a record, an officer's report is the officer's, and
// what inspections found is theirs.
TEST_F(Claims, MinutesRecordTheirOwnMeeting) {
  EXPECT_TRUE(flagged("# AGM\n\nPresent: 23 members. Apologies: 4.\n\n## Treasurer's report\n\nThe surplus was 412 "
                      "euros. Water charges rose by 18 percent.\n\n## Plots\n\nInspections found 6 plots "
                      "uncultivated.\n",
                      Markup::kMarkdown)
                  .empty());
  EXPECT_EQ(flagged("# AGM\n\n## Plots\n\nSix plots were left uncultivated in 2025.\n", Markup::kMarkdown).size(), 1u);
}

// Storm advice written here: an instruction is no claim, the fact that motivates it is one.
// A live blog's time stamp standing alone and a correction's date are the page's own record.
TEST_F(Claims, ALiveBlogsStampsAndACorrectionsDateAreRecords) {
  EXPECT_TRUE(flagged("Live: the harbour vote\n\n___.\n\n11:50 a.m.\n").empty());
  EXPECT_TRUE(flagged("Correction: October 2, 2016, Sunday.").empty());
}

TEST_F(Claims, AnInstructionIsNoClaim) {
  EXPECT_TRUE(flagged("Keep at least three days of water at home: about 4 litres per person per day.").empty());
  EXPECT_EQ(flagged("Carbon monoxide kills 40 people every year, and most of those deaths happen at home.").size(), 1u);
  EXPECT_EQ(flagged("Keep in mind that the levy raised 4.2 million euros in 2025.").size(), 1u);
  EXPECT_EQ(flagged("Set operations are 40 percent slower than the fastest other options.").size(), 1u);
}

// A live blog written here: the outlet's eyewitness is a source, the writer's own view is not.
TEST_F(Claims, OurReporterIsASource) {
  EXPECT_TRUE(flagged("Queues were still forming outside two polling stations in Westbrook, our reporter there says.")
                  .empty());
  EXPECT_EQ(flagged("Queues were forming outside 2 of the 40 polling stations by 8 pm, we think.").size(), 1u);
}

TEST_F(Claims, HedgedSpeculationIsNotAnUnsourcedFact) {
  auto c = assess("The new rules could perhaps help some families.");
  EXPECT_EQ(c[0].status, ClaimStatus::kSpeculative);
  EXPECT_TRUE(flagged("The new rules could perhaps help some families.").empty());
  // A hedge on a figure, a date or a ranking leaves the fact to be sourced.
  EXPECT_EQ(assess("The plan may cut emissions by 40 percent by 2030.")[0].status, ClaimStatus::kUnsourced);
}

TEST_F(Claims, ContinuationsShareTheClaim) {
  auto f = flagged("Only three states recognise the territory as a country. The others do not.");
  EXPECT_EQ(f.size(), 2u);
}

TEST_F(Claims, ThresholdOption) {
  const std::string text = "Unemployment fell to 3.1 percent in March. We should all read more poetry.";
  EXPECT_EQ(flagged(text, Markup::kPlain, 0.5).size(), 1u);
  EXPECT_EQ(flagged(text, Markup::kPlain, 0.999).size(), 0u);
  // At 0 every sentence with a positive score is listed, for ranking.
  EXPECT_EQ(flagged(text, Markup::kPlain, 0.0).size(), 2u);
  // Scores stay in [0, 1] and are threshold-independent.
  auto a = assess(text, Markup::kPlain, 0.0);
  auto b = assess(text, Markup::kPlain, 0.9);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_DOUBLE_EQ(a[i].score, b[i].score);
    EXPECT_GE(a[i].score, 0.0);
    EXPECT_LE(a[i].score, 1.0);
  }
}

TEST_F(Claims, ThresholdFromConfiguration) {
  auto parsed = config::parse_config(R"({"checks": {"unsourced-claim": {"threshold": 0.999}}})", "t.json",
                                     config::default_settings());
  ASSERT_TRUE(std::holds_alternative<Settings>(parsed));
  Document doc = parse_document("Unemployment fell to 3.1 percent in March.", Markup::kPlain);
  for (const Finding& f : analyze(doc, std::get<Settings>(parsed))) EXPECT_NE(f.check, "unsourced-claim");
}

TEST_F(Claims, ListingAttributedClaimsOnRequest) {
  Settings s = with_threshold(0.5);
  s.options["unsourced-claim.attributed"] = 1;
  Document doc = parse_document(
      "The ministry said that exports fell by 40 percent in April. Imports fell by 30 percent in May.",
      Markup::kPlain);
  int listed = 0, related = 0;
  for (const Finding& f : analyze(doc, s)) {
    if (f.check != "unsourced-claim") continue;
    ++listed;
    related += !f.related.empty();
  }
  EXPECT_EQ(listed, 2);
  EXPECT_EQ(related, 1);  // the second sentence points at the attribution it continues
}

TEST_F(Claims, TheSummaryCountsOnlyOtherPeoplesSources) {
  doc_ = parse_document(
      "I argue that the pier needs repair. The survey appears to be old. The harbour master said the "
      "pier was sound. Residents said it shook in storms.",
      Markup::kPlain);
  settings_ = config::default_settings();
  Analysis analysis(doc_, settings_);
  DocumentSummary s = summarize(analysis);
  EXPECT_EQ(s.attributions, 2u);  // the harbour master and the residents; not "I", not "appears"
  EXPECT_EQ(s.sources_by_kind[static_cast<size_t>(SourceKind::kNamedPerson)], 1u);
  EXPECT_EQ(s.sources_by_kind[static_cast<size_t>(SourceKind::kAnonymous)], 1u);
}

}  // namespace
}  // namespace evidential::core
