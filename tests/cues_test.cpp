// Hedge, booster, weasel and peacock cues in context (core/analysis/cues.cpp) and the hedging checks built
// on them: the context cases that word lists get wrong, one finding per multi-word cue or stack, quick
// fixes, and user lexicon changes through .evidential.json.
#include "core/analysis/cues.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

/// "kind:text" for every cue, e.g. {"hedge:may", "weasel:Some experts say"}.
std::vector<std::string> cues_of(std::string_view text, const Lexicon& lexicon = Lexicon::builtin(),
                                 Markup markup = Markup::kPlain) {
  Document doc = parse_document(std::string(text), markup);
  std::vector<std::string> out;
  for (const Cue& c : find_cues(doc, lexicon)) {
    std::string_view kind = c.kind == CueKind::kHedge     ? "hedge"
                            : c.kind == CueKind::kWeasel  ? "weasel"
                            : c.kind == CueKind::kPeacock ? "peacock"
                            : c.kind == CueKind::kBooster ? "booster"
                                                          : "vague";
    out.push_back(std::string(kind) + ":" + std::string(doc.slice(c.range)));
  }
  return out;
}

using Cues = std::vector<std::string>;

/// The findings of the hedging checks only, as "check:text".
std::vector<std::string> findings_of(std::string_view text, Settings settings = config::default_settings()) {
  for (const Check* c : all_checks()) {
    std::string_view id = c->info().id;
    if (id != "hedge" && id != "stacked-hedge" && id != "weasel" && id != "booster" &&
        settings.checks.find(id) == settings.checks.end()) {
      settings.checks[std::string(id)] = std::nullopt;
    }
  }
  Document doc = parse_document(std::string(text), Markup::kPlain);
  std::vector<std::string> out;
  for (const Finding& f : analyze(doc, settings)) {
    out.push_back(std::string(f.check) + ":" + std::string(doc.slice(f.range)));
  }
  return out;
}

/// The texts of one check's findings on a plain-text document, every other check off.
std::vector<std::string> texts_of(std::string_view id, std::string_view text) {
  Settings settings = config::default_settings();
  for (const Check* c : all_checks()) {
    if (c->info().id != id) settings.checks[std::string(c->info().id)] = std::nullopt;
  }
  Document doc = parse_document(std::string(text), Markup::kPlain);
  std::vector<std::string> out;
  for (const Finding& f : analyze(doc, settings)) out.push_back(std::string(doc.slice(f.range)));
  return out;
}

Settings configured(std::string_view json) {
  auto r = config::parse_config(json, "test.json", config::default_settings());
  EXPECT_TRUE(std::holds_alternative<Settings>(r)) << std::get<config::ConfigError>(r).to_string();
  return std::get<Settings>(r);
}

TEST(Cues, MayIsTheMonthAfterPrepositionsAndBeforeNumbers) {
  EXPECT_EQ(cues_of("The talks resumed in May."), Cues{});
  EXPECT_EQ(cues_of("May 2014 was the wettest month on record."), Cues{});
  EXPECT_EQ(cues_of("The vote was held on 3 May after a long delay."), Cues{});
  EXPECT_EQ(cues_of("Prices rose between May and July."), Cues{});
  EXPECT_EQ(cues_of("Prices may rise again."), Cues{"hedge:may"});
  EXPECT_EQ(cues_of("May I ask a question?"), Cues{"hedge:May"});
}

TEST(Cues, HeadlineMayIsTheModalButANameIsNot) {
  EXPECT_EQ(cues_of("Kim May Side With Putin In Border Dispute"), Cues{"hedge:May"});
  EXPECT_EQ(cues_of("Elections Expected In May Across The Region"), Cues{});
  EXPECT_EQ(cues_of("Theresa May spoke to reporters on Monday."), Cues{});
}

TEST(Cues, MightAsANounIsNoHedge) {
  EXPECT_EQ(cues_of("The country's military might is unmatched."), Cues{});
  EXPECT_EQ(cues_of("She pushed with all her might."), Cues{});
  EXPECT_EQ(cues_of("The agency might close the office."), Cues{"hedge:might"});
  EXPECT_EQ(cues_of("This might explain the delay."), Cues{"hedge:might"});
}

TEST(Cues, CanOfAbilityAndCanTheNounAreNoHedges) {
  EXPECT_EQ(cues_of("She can swim across the lake."), Cues{});
  EXPECT_EQ(cues_of("He opened a can of beans."), Cues{});
  EXPECT_EQ(cues_of("The mayor could not be reached for comment."), Cues{});
  EXPECT_EQ(cues_of("As soon as they could, they left the city."), Cues{});
  // "could not" of possibility still hedges.
  EXPECT_EQ(cues_of("The new dam could not hold back a flood of that size."), Cues{"hedge:could"});
  EXPECT_EQ(cues_of("The merger could collapse next week."), Cues{"hedge:could"});
}

TEST(Cues, CouldNotBeVerifiedIsAbility) {
  EXPECT_EQ(cues_of("The claim could not be verified."), Cues{});
  EXPECT_EQ(cues_of("The claim could not be independently verified."), Cues{});
  EXPECT_EQ(cues_of("The claim could be independently verified."), Cues{"hedge:could"});
}

TEST(Cues, AppearOnStageIsNoHedge) {
  EXPECT_EQ(cues_of("The band appears on stage at nine."), Cues{});
  EXPECT_EQ(cues_of("She appeared in two films last year."), Cues{});
  EXPECT_EQ(cues_of("The river appears to be rising."), Cues{"hedge:appears to be"});
  EXPECT_EQ(cues_of("The patient appears stable."), Cues{"hedge:appears"});
}

TEST(Cues, SuggestAsProposalIsNoHedge) {
  EXPECT_EQ(cues_of("She suggested a new name for the bridge."), Cues{});
  EXPECT_EQ(cues_of("As its name suggests, the lake is salty."), Cues{});
  EXPECT_EQ(cues_of("These results suggest a role for the gene."), Cues{"hedge:suggest"});
  EXPECT_EQ(cues_of("The data suggest that the drug works."), Cues{"hedge:suggest"});
}

TEST(Cues, OtherContextRules) {
  EXPECT_EQ(cues_of("Turnout was slightly above 60 percent."), Cues{});  // quantified
  EXPECT_EQ(cues_of("Turnout was slightly higher than last year."), Cues{"hedge:slightly"});
  EXPECT_EQ(cues_of("Please reply as soon as possible."), Cues{});
  EXPECT_EQ(cues_of("Police are studying a possible link."), Cues{"hedge:possible"});
  EXPECT_EQ(cues_of("The statement did not mention the possibility of talks."), Cues{});
  EXPECT_EQ(cues_of("The model uses maximum likelihood estimation."), Cues{});
  EXPECT_EQ(cues_of("Sales were better than expected."), Cues{});
  EXPECT_EQ(cues_of("Sales are expected to fall."), Cues{"hedge:are expected to"});
  EXPECT_EQ(cues_of("He assumed office in 2019."), Cues{});
}

TEST(Cues, OpenQuestionsButNotConditions) {
  EXPECT_EQ(cues_of("Police are investigating whether the fire was set."), Cues{"hedge:whether"});
  EXPECT_EQ(cues_of("We tested if the drug lowers blood pressure."), Cues{"hedge:tested if"});
  EXPECT_EQ(cues_of("Officials will wait to see if the river rises."), Cues{"hedge:to see if"});
  EXPECT_EQ(cues_of("If the river rises, the town floods."), Cues{});
  EXPECT_EQ(cues_of("The town floods if the river rises."), Cues{});
  // The question is what an uncertainty word is about, so the two make no stack.
  EXPECT_EQ(findings_of("It is unclear whether the plan will work."),
            (Cues{"hedge:It is unclear", "hedge:whether"}));
}

TEST(Cues, ChargesAreNotFindings) {
  EXPECT_EQ(cues_of("The senator was accused of taking bribes."), Cues{"hedge:accused"});
  EXPECT_EQ(cues_of("Two men suspected of arson were arrested."), Cues{"hedge:suspected of"});
  EXPECT_EQ(cues_of("The accused was released on bail."), Cues{});
}

TEST(Cues, SuggestingAnExplanationIsAnInference) {
  EXPECT_EQ(cues_of("The genes share a promoter and suggest a common mechanism."),
            Cues{"hedge:suggest"});
  EXPECT_EQ(cues_of("She suggested a new role for the agency."), Cues{});
  EXPECT_EQ(cues_of("Smith proposed that the protein binds DNA."), Cues{"hedge:proposed"});
  EXPECT_EQ(cues_of("The mayor proposed a new tax."), Cues{});
  EXPECT_EQ(cues_of("He proposed that the council should vote again."), Cues{});
}

TEST(Cues, ResearchProseHedgesLinksForecastsAndOpenQuestions) {
  // A link others have drawn, not a finding the writer reports.
  EXPECT_EQ(cues_of("The kinase has been implicated in wound healing."), Cues{"hedge:has been implicated"});
  EXPECT_EQ(cues_of("Two ministers have also been implicated in the scheme."),
            Cues{"hedge:have also been implicated"});
  // What is still to be found out is an open question; work still to be done is not.
  EXPECT_EQ(cues_of("How the signal reaches the nucleus remains to be determined."),
            Cues{"hedge:remains to be determined"});
  EXPECT_EQ(cues_of("Much remains to be done before the bridge opens."), Cues{});
  // "should" of expectation in the turns only a forecast takes; "should" of obligation is no hedge.
  EXPECT_EQ(cues_of("The new assay should prove useful for screening."), Cues{"hedge:should prove"});
  EXPECT_EQ(cues_of("Visitors should wear helmets on the site."), Cues{});
  EXPECT_EQ(cues_of("A public archive of the recordings should be useful to later studies."),
            Cues{"hedge:should be useful"});
  // "potential" before an explanation, also past one or two adjectives; not before a plain noun.
  EXPECT_EQ(cues_of("We describe a potential molecular mechanism for the defect."), Cues{"hedge:potential"});
  EXPECT_EQ(cues_of("The lamp converts potential energy into light."), Cues{});
  EXPECT_EQ(cues_of("The firm met potential buyers of the plant."), Cues{});
  // Two identities offered because the writer cannot tell which; a plain list offers no doubt.
  EXPECT_EQ(cues_of("The band on the gel is similar or identical to the yeast enzyme."),
            Cues{"hedge:similar or identical"});
  EXPECT_EQ(cues_of("The serum or a closely related fraction blocks the effect."),
            Cues{"hedge:or a closely related"});
  EXPECT_EQ(cues_of("Buses or trams run every ten minutes."), Cues{});
  // A demonstrative points back to a claim already stated: the noun names a topic, not a new doubt.
  EXPECT_EQ(cues_of("One hypothesis is that the pump fails under load."), Cues{"hedge:hypothesis"});
  EXPECT_EQ(cues_of("To test this hypothesis, we loaded the pump for a week."), Cues{});
  EXPECT_EQ(cues_of("Consistent with this possibility, the pump failed twice."), Cues{});
  // "no apparent effect" reports that none was seen; "an apparent suicide" still hedges.
  EXPECT_EQ(cues_of("The drug had no apparent effect on sleep."), Cues{});
  EXPECT_EQ(cues_of("Police are treating it as an apparent suicide."), Cues{"hedge:apparent"});
}

// A literature review written here: a named holder's belief is reported as theirs.
TEST(Cues, ABeliefWithANamedHolderSaysWhose) {
  Settings settings = config::default_settings();
  Document doc = parse_document("Hastings (1995) estimated that a mooring clears 300 square metres.", Markup::kPlain);
  std::vector<std::string> messages;
  for (const Finding& f : analyze(doc, settings)) {
    if (f.check == "hedge") messages.push_back(f.message);
  }
  EXPECT_EQ(messages, std::vector<std::string>{"\"estimated\" reports what Hastings (1995) believes or expects, not a "
                                               "fact: say what it rests on"});
}

// A podcast transcript written here: every line after a speaker's name is theirs, however short.
TEST(Cues, ATranscriptsHedgesAreTheSpeakers) {
  const std::string text = "HOST: Why?\n\nSANDOVAL: Critics said the price was too low, and I think they had a point.\n\n"
                           "HOST: Really?\n\nSANDOVAL: Maybe.\n";
  EXPECT_EQ(findings_of(text), std::vector<std::string>{});
  // Outside a transcript the writer hedges; the sections of structured abstracts are no speakers.
  EXPECT_EQ(findings_of("Maybe."), std::vector<std::string>{"hedge:Maybe"});
  EXPECT_EQ(findings_of("RESULTS: Cover rose in two bays.\n\nCONCLUSION: Moorings may harm eelgrass.\n\n"
                        "RESULTS: Cover fell.\n\nCONCLUSION: Dredging may harm eelgrass.\n"),
            (std::vector<std::string>{"hedge:may", "hedge:may"}));
  // Fields of a list are no speakers either, in capitals or not.
  EXPECT_EQ(findings_of("What: the archive format\nDescription: the format may change.\n\n"
                        "What: the index\nDescription: stable.\n"),
            std::vector<std::string>{"hedge:may"});
  EXPECT_EQ(findings_of("BREAKING CHANGE: the format may change.\n\nBREAKING CHANGE: the index may move.\n"),
            (std::vector<std::string>{"hedge:may", "hedge:may"}));
}

TEST(Cues, NewsIdioms) {
  EXPECT_EQ(cues_of("She leads among likely voters."), Cues{});
  EXPECT_EQ(cues_of("Half of the statements were rated as mostly or entirely false."), Cues{});
  EXPECT_EQ(cues_of("The likely outcome is a recount."), Cues{"hedge:likely"});
  EXPECT_EQ(cues_of("He was loath to be seen as gloating."), Cues{});
  EXPECT_EQ(cues_of("The delay is causing some worry in the party."), Cues{});
  EXPECT_EQ(cues_of("It's been reported that the mayor resigned."), Cues{"weasel:It's been reported"});
  EXPECT_EQ(cues_of("She suggested that the party should change course."), Cues{});
  EXPECT_EQ(cues_of("San Bernardino Terror Suspect Named By Police"), Cues{});
  EXPECT_EQ(cues_of("Candidates are not supposed to confer with staff."), Cues{});
  // A sports story written here: "is understood to" passes on what unnamed people say.
  EXPECT_EQ(cues_of("The midfielder is understood to have agreed terms."), Cues{"weasel:is understood"});
  EXPECT_EQ(cues_of("The mechanism is poorly understood."), Cues{"hedge:poorly understood"});
}

TEST(Cues, BoostersInContext) {
  EXPECT_EQ(cues_of("Russia has even used its veto."), Cues{"booster:even"});
  EXPECT_EQ(cues_of("Even though it rained, we marched."), Cues{});
  EXPECT_EQ(cues_of("The firm broke even last year."), Cues{});
  EXPECT_EQ(cues_of("The sign was clearly visible."), Cues{});
  EXPECT_EQ(cues_of("The plan has clearly failed."), Cues{"booster:clearly"});
  EXPECT_EQ(cues_of("What is clear is that the plan failed."), Cues{"booster:What is clear is that"});
  // "almost certainly" is a hedge, not the booster "certainly".
  EXPECT_EQ(cues_of("The fire was almost certainly arson."), Cues{"hedge:almost certainly"});
}

TEST(Cues, WeaselsNeedAnUnnamedSourceAndNoCitation) {
  EXPECT_EQ(cues_of("Some experts say the bridge is unsafe."), Cues{"weasel:Some experts say"});
  EXPECT_EQ(cues_of("Critics have long argued that it leaks."), Cues{"weasel:Critics have long argued"});
  EXPECT_EQ(cues_of("Her critics argue that it leaks."), Cues{});
  // No weasel: nobody is appealed to. The count is vague, which is another check's business.
  EXPECT_EQ(cues_of("Many people died in the flood."), Cues{"vague:Many"});
  EXPECT_EQ(cues_of("Studies show that it leaks."), Cues{"weasel:Studies show"});
  // A forum post written here.
  EXPECT_EQ(cues_of("Scientists have proven that radio waves damage cells."), Cues{"weasel:Scientists have proven"});
  EXPECT_EQ(cues_of("Many people are saying the masts were rushed."), Cues{"weasel:Many people are saying"});
  EXPECT_EQ(cues_of("Experts recommend keeping fees below 0.5 percent."), Cues{"weasel:Experts recommend"});
  EXPECT_EQ(cues_of("Studies show that it leaks [4]."), Cues{});
  // A tag that asks for a source gives none.
  EXPECT_EQ(cues_of("Studies show that it leaks.[citation needed]"), Cues{"weasel:Studies show"});
  EXPECT_EQ(cues_of("Studies show that it leaks [by whom?]."), Cues{"weasel:Studies show"});
  EXPECT_EQ(cues_of("The castle is widely believed to be haunted."), Cues{"weasel:is widely believed"});
  EXPECT_EQ(cues_of("It has also been suggested that the tower fell."),
            Cues{"weasel:It has also been suggested"});
  EXPECT_EQ(cues_of("The plan was considered by the council in May."), Cues{});
  EXPECT_EQ(cues_of("The plan was considered for a week."), Cues{});
  EXPECT_EQ(cues_of("According to reports, talks failed."), Cues{"weasel:According to reports"});
  EXPECT_EQ(cues_of("According to the ministry, talks failed."), Cues{});
}

TEST(Cues, MultiWordCuesAreOneRange) {
  EXPECT_EQ(cues_of("It is possible that the dam failed."), Cues{"hedge:It is possible that"});
  EXPECT_EQ(cues_of("The plan worked to some extent."), Cues{"hedge:to some extent"});
  EXPECT_EQ(cues_of("The tower appears to have tilted."), Cues{"hedge:appears to have"});
  EXPECT_EQ(cues_of("A lot of evidence points to the fact that it was arson."),
            Cues{"weasel:A lot of evidence points to the fact that"});
  EXPECT_EQ(findings_of("It is possible that the dam failed."), Cues{"hedge:It is possible that"});
}

TEST(Cues, QuotedHedgesBelongToTheSpeaker) {
  Document doc = parse_document("\"We may lose,\" she said. We may lose.", Markup::kPlain);
  std::vector<Cue> cues = find_cues(doc, Lexicon::builtin());
  ASSERT_EQ(cues.size(), 2u);
  EXPECT_TRUE(cues[0].in_quotation);
  EXPECT_FALSE(cues[1].in_quotation);
  // Found, but not reported: the writer cannot change a quotation.
  EXPECT_EQ(findings_of("\"We may lose,\" she said. We may lose."), Cues{"hedge:may"});
  EXPECT_EQ(findings_of("“It could potentially fail,” he said. “Some say it is obviously wrong.”"), Cues{});
}

TEST(StackedHedge, IsOneFindingOverTheStackWithAFix) {
  std::string text = "The move could potentially shift the balance.";
  EXPECT_EQ(findings_of(text), Cues{"stacked-hedge:could potentially"});

  Settings settings = config::default_settings();
  Document doc = parse_document(text, Markup::kPlain);
  std::vector<Finding> findings = analyze(doc, settings);
  auto it = std::find_if(findings.begin(), findings.end(),
                         [](const Finding& f) { return f.check == "stacked-hedge"; });
  ASSERT_NE(it, findings.end());
  ASSERT_EQ(it->fixes.size(), 1u);  // "could" is not removable; "potentially" is
  ASSERT_EQ(it->fixes[0].edits.size(), 1u);
  std::string fixed = text;
  const Edit& e = it->fixes[0].edits[0];
  fixed.replace(e.range.start, e.range.size(), e.replacement);
  EXPECT_EQ(fixed, "The move could shift the balance.");
}

TEST(Booster, OffersToRemoveAnAdverbButNotAtTheStartOfASentence) {
  Settings settings = config::default_settings();
  Document doc = parse_document("The plan has clearly failed. Clearly, it failed.", Markup::kPlain);
  std::vector<Finding> boosters;
  for (Finding& f : analyze(doc, settings)) {
    if (f.check == "booster") boosters.push_back(f);
  }
  ASSERT_EQ(boosters.size(), 2u);
  ASSERT_EQ(boosters[0].fixes.size(), 1u);
  const Edit& e = boosters[0].fixes[0].edits[0];
  EXPECT_EQ(doc.slice(e.range), "clearly ");
  EXPECT_TRUE(boosters[1].fixes.empty());  // the next word would need a capital
}

TEST(StackedHedge, StacksNeedOneClause) {
  EXPECT_EQ(findings_of("Prices may possibly rise."), Cues{"stacked-hedge:may possibly"});
  EXPECT_EQ(findings_of("It is possible that the plan may fail."),
            Cues{"stacked-hedge:It is possible that the plan may"});
  EXPECT_EQ(findings_of("Prices may rise, and wages possibly too."), (Cues{"hedge:may", "hedge:possibly"}));
  EXPECT_EQ(findings_of("The river may be slightly higher."), (Cues{"hedge:may", "hedge:slightly"}));
}

TEST(StackedHedge, WhenSwitchedOffTheHedgesAreReportedOneByOne) {
  Settings settings = configured(R"({"checks": {"stacked-hedge": "off"}})");
  EXPECT_EQ(findings_of("The move could potentially shift the balance.", settings),
            (Cues{"hedge:could", "hedge:potentially"}));
}

TEST(Lexicon, UsersAddAndRemoveCuesInTheirConfig) {
  Settings settings = configured(R"({
    "lexicon": {
      "hedges": {"add": ["in theory", {"phrase": "on paper", "category": "phrase"}], "remove": ["may"]},
      "weasels": {"add": [{"phrase": "pundits", "category": "group"}, "the chatter in the bars"]},
      "boosters": {"remove": ["even"]},
      "peacock": {"add": [{"phrase": "jaw-dropping", "category": "praise"}]},
      "vague_quantities": {"remove": ["several"]}
    }
  })");
  EXPECT_EQ(cues_of("In theory the plan works.", *settings.lexicon), Cues{"hedge:In theory"});
  EXPECT_EQ(cues_of("On paper the plan works.", *settings.lexicon), Cues{"hedge:On paper"});
  EXPECT_EQ(cues_of("Prices may rise.", *settings.lexicon), Cues{});
  EXPECT_EQ(cues_of("Pundits say prices will rise.", *settings.lexicon), Cues{"weasel:Pundits say"});
  EXPECT_EQ(cues_of("The chatter in the bars is that prices will rise.", *settings.lexicon),
            Cues{"weasel:The chatter in the bars"});
  EXPECT_EQ(cues_of("The chatter in the bars is that prices will rise."), Cues{});
  EXPECT_EQ(cues_of("Russia has even used its veto.", *settings.lexicon), Cues{});
  EXPECT_EQ(cues_of("The jaw-dropping view drew crowds.", *settings.lexicon), Cues{"peacock:jaw-dropping"});
  EXPECT_EQ(cues_of("Several shops closed.", *settings.lexicon), Cues{});
  // The built-in lexicon is untouched.
  EXPECT_EQ(cues_of("Prices may rise."), Cues{"hedge:may"});
}

/// "kind:text" for every cue of `text`, with the learned disambiguator on or off.
Cues cues_with_model(std::string_view text, bool use_model) {
  Document doc = parse_document(std::string(text), Markup::kPlain);
  Cues out;
  for (const Cue& c : find_cues(doc, Lexicon::builtin(), use_model)) {
    out.push_back(std::to_string(static_cast<int>(c.kind)) + ":" + std::string(doc.slice(c.range)));
  }
  return out;
}

TEST(HedgeModel, OnlyEverDropsAHedgeTheRulesFound) {
  // Sentences written for this test, rich in the words the model reviews.
  const std::string_view texts[] = {
      "Prices tend to rise in spring, and rents tended to follow.",
      "He felt that the plan was unfair, and she felt the cold.",
      "The results indicate the position of the gene and may explain the defect.",
      "Its function is unknown; the cause of the outage is unknown to us.",
      "A possible cause was found, but it is possible to repair it as soon as possible.",
      "The tower appeared normal, and the river appears to be rising.",
      "Sales are expected to grow; the expected loss was small.",
      "We believe in the plan. They thought it might work, and it seems likely.",
      "Kim May Side With Putin. The talks resumed in May. Likely voters back her.",
  };
  size_t dropped = 0;
  for (std::string_view text : texts) {
    Cues with = cues_with_model(text, true), without = cues_with_model(text, false);
    // Every cue the model keeps, the rules found too, at the same place: it adds nothing.
    for (const std::string& cue : with) {
      EXPECT_NE(std::find(without.begin(), without.end(), cue), without.end()) << text << " | " << cue;
    }
    dropped += without.size() - with.size();
    // Boosters and weasels are the rules' alone.
    for (const std::string& cue : without) {
      if (cue.front() != '0') EXPECT_NE(std::find(with.begin(), with.end(), cue), with.end()) << cue;
    }
  }
  // The weights are built in and reviewed something ("tend to" is rarely a hedge in annotated text).
  EXPECT_GT(dropped, 0u);
}

TEST(HedgeModel, AnOptionLeavesTheRulesToDecideAlone) {
  const std::string text = "Prices tend to rise in spring.";
  EXPECT_EQ(findings_of(text, configured(R"({"options": {"hedge": {"model": 0}}})")), Cues{"hedge:tend to"});
  EXPECT_EQ(findings_of(text), Cues{});
  // Switching it off changes nothing the rules decide: the month is still no hedge.
  EXPECT_EQ(findings_of("The talks resumed in May.", configured(R"({"options": {"hedge": {"model": 0}}})")),
            Cues{});
}

TEST(HedgeModel, LeavesToTheRulesTheWordsItDoesNotCarryOverOn) {
  // The corpus rarely marks "apparent", "possible" or "I think"; a model that learned that vetoed these
  // hedges in news too, so cross-validation took those words from it (tools/hedge_model/README.md).
  EXPECT_EQ(cues_of("Police are treating it as an apparent suicide."), Cues{"hedge:apparent"});
  EXPECT_EQ(cues_of("A possible link was found."), Cues{"hedge:possible"});
  EXPECT_EQ(cues_of("I think the plan will fail."), Cues{"hedge:I think"});
}

TEST(Hedge, AdviceAndExamplesAddressTheReader) {
  // Advice to the reader and an example set up for them hold no doubt about a claim.
  EXPECT_EQ(cues_of("You may want to use the faster parser."), Cues{});
  EXPECT_EQ(cues_of("Readers might wish to skip the appendix."), Cues{});
  EXPECT_EQ(cues_of("Suppose the archive is empty."), Cues{});
  EXPECT_EQ(cues_of("Consider a list of ten names."), Cues{});
  EXPECT_EQ(cues_of("If you think you have found a bug, report it."), Cues{});
  // The same words with a subject, or a modal before another verb, still hedge.
  EXPECT_EQ(cues_of("We suppose the archive is empty."), Cues{"hedge:suppose"});
  EXPECT_EQ(cues_of("The parser may fail on long files."), Cues{"hedge:may"});
  EXPECT_EQ(cues_of("Voters may want a change of government."), Cues{"hedge:may"});
}

// A Markdown document that shows code documents software: what its interface allows, selects or
// takes for granted is no doubt; the writer's own possibilities still hedge.
TEST(Hedge, DocumentationStatesWhatAnInterfaceAllows) {
  const std::string fence = "\n\nInstall:\n\n```sh\nmake\n```\n\nTest:\n\n```sh\nmake test\n```\n";
  auto in_docs = [&](const std::string& prose) { return cues_of(prose + fence, Lexicon::builtin(), Markup::kMarkdown); };
  EXPECT_EQ(in_docs("The rule tests whether a name is valid."), Cues{});
  EXPECT_EQ(in_docs("Possible values are all and none."), Cues{});
  EXPECT_EQ(in_docs("Braces may be nested. Keys may also contain dots."), Cues{});
  EXPECT_EQ(in_docs("This option may be either a string or a URL."), Cues{});
  EXPECT_EQ(in_docs("Numbers may have a leading point. Lists may hold up to 10 items."), Cues{});
  EXPECT_EQ(in_docs("The cache may have been cleared."), Cues{"hedge:may"});
  EXPECT_EQ(in_docs("Object keys may be an identifier. `pattern` could also be an instance."), Cues{});
  EXPECT_EQ(in_docs("Determine if the engine supports it. The flag indicates that paths are returned."), Cues{});
  EXPECT_EQ(in_docs("The service expects a token. Members are expected to follow the code of conduct."), Cues{});
  EXPECT_EQ(in_docs("Fixes possible type errors."), Cues{});
  EXPECT_EQ(in_docs("There may be a mix of values. The buffer could contain old data."), (Cues{"hedge:may", "hedge:could"}));
  EXPECT_EQ(in_docs("We expect to ship it in May."), Cues{"hedge:expect"});
  EXPECT_EQ(in_docs("Stop suggesting the old flag. Suggested fix: pin it. The empty string is now considered valid."),
            Cues{});
  EXPECT_EQ(in_docs("This suggests that the cache is stale."), Cues{"hedge:suggests"});
  EXPECT_EQ(in_docs("The function expects a path. Returns true if the type is unknown."), Cues{});
  EXPECT_EQ(in_docs("The below examples assume a fresh install."), Cues{});
  // The writer's own doubt, and what may happen, still hedge there.
  EXPECT_EQ(in_docs("It may require migrating your schemas."), Cues{"hedge:may"});
  EXPECT_EQ(in_docs("The callback may be called twice."), Cues{"hedge:may"});
  EXPECT_EQ(in_docs("The field may not be present for older packages."), Cues{"hedge:may"});
  EXPECT_EQ(in_docs("It is probably a custom type."), Cues{"hedge:probably"});
  // Without code in the document the same sentences are read as any prose.
  EXPECT_EQ(cues_of("Investigators will establish whether the fire was set deliberately."), Cues{"hedge:whether"});
  EXPECT_EQ(cues_of("Analysts expect a rise. Braces may be nested.", Lexicon::builtin(), Markup::kMarkdown),
            (Cues{"hedge:expect", "hedge:may"}));
}

TEST(Hedge, AFactCheckersRatingIsNoVagueAmount) {
  EXPECT_EQ(cues_of("Verdict: Mostly false."), Cues{});
  EXPECT_EQ(cues_of("The claim is mostly true."), Cues{});
  EXPECT_EQ(cues_of("The levy is mostly spent on repairs."), Cues{"hedge:mostly"});
}

TEST(Hedge, ASortOfThingAndWhatItLooksLikeAreNoDoubt) {
  EXPECT_EQ(cues_of("It is the wrong sort of pier for ferries. What kind of levy is it?"), Cues{});
  EXPECT_EQ(cues_of("With the new schedule it looks like this:"), Cues{});
  EXPECT_EQ(cues_of("The pier is sort of finished."), Cues{"hedge:sort of"});
  EXPECT_EQ(cues_of("It looks like the pier will close."), Cues{"hedge:It looks like"});
}

TEST(Hedge, AFigureSomeoneElseAssumedIsNoBelief) {
  EXPECT_EQ(cues_of("They found 142 tonnes, against the 75 tonnes assumed in national inventories."), Cues{});
  EXPECT_EQ(cues_of("The figure presumed by the ministry was 75 tonnes."), Cues{});
  EXPECT_EQ(cues_of("We assume that the meadows are healthy."), Cues{"hedge:We assume that"});
}

TEST(StackedHedge, SomeoneElsesReportedViewIsNotTheWritersStack) {
  // "believes" is the mayor's, "could" is in what the mayor believes: two hedges, no stack.
  EXPECT_EQ(findings_of("The mayor believes the levy could fall next year."),
            (Cues{"hedge:believes", "hedge:could"}));
  EXPECT_EQ(findings_of("I think the levy may fall next year."), Cues{"stacked-hedge:I think the levy may"});
  EXPECT_EQ(findings_of("The levy could potentially fall next year."), Cues{"stacked-hedge:could potentially"});
}

TEST(Booster, EvenBeforeATimeOrAComparativeIsNoFocus) {
  EXPECT_EQ(cues_of("The moderators will be even tougher on the candidates."), Cues{});
  EXPECT_EQ(cues_of("Even now, at 86, she still writes letters."), Cues{});
  EXPECT_EQ(cues_of("Even Friday, he repeated the claim."), Cues{});
  EXPECT_EQ(cues_of("Even China voted for the sanctions."), Cues{"booster:Even"});
  EXPECT_EQ(cues_of("He has even tried to buy the mill."), Cues{"booster:even"});
  // An even chance is a probability, not a stress.
  EXPECT_EQ(cues_of("There is a roughly even chance that the terminal closes."), Cues{});
}

TEST(Hedge, ReckoningWithSomethingIsNoBelief) {
  EXPECT_EQ(cues_of("The candidates will have to reckon with the deficit."), Cues{});
  EXPECT_EQ(cues_of("I reckon the deficit will grow."), Cues{"hedge:reckon"});
}

// Software documentation states its maintainers' decisions in the passive; an appeal to popular
// belief is a weasel there too.
TEST(Weasel, DocumentationStatesDecisionsInThePassive) {
  const std::string fence = "\n\n```sh\nmake\n```\n\n```sh\nmake test\n```\n";
  EXPECT_EQ(cues_of("The whole API is considered public. It is assumed that you cache the result." + fence,
                    Lexicon::builtin(), Markup::kMarkdown),
            Cues{});
  EXPECT_EQ(cues_of("Contrary to popular belief, the name is no acronym." + fence, Lexicon::builtin(), Markup::kMarkdown),
            Cues{"weasel:popular belief"});
  EXPECT_EQ(cues_of("The whole pier is considered unsafe."), Cues{"weasel:is considered"});
}

TEST(Weasel, AdverbsBetweenTheGroupAndItsVerb) {
  EXPECT_EQ(cues_of("Historians now largely agree that the strike grew out of falling wages."),
            Cues{"weasel:Historians now largely agree"});
}

// A capital that opens the sentence makes no name of a modifier; one inside it does.
TEST(Weasel, AGroupWithAModifierOpeningTheSentence) {
  EXPECT_EQ(cues_of("Industry analysts widely regard Lumora as the clear leader."),
            Cues{"weasel:analysts widely regard"});
  EXPECT_EQ(cues_of("Since then Harvard analysts have regarded Lumora as the clear leader."), Cues{"hedge:regarded"});
}

// After "since", "when" and the like, "it" is the thing spoken of, not an expletive.
TEST(Weasel, ItAfterASubordinatorIsNoExpletive) {
  EXPECT_EQ(cues_of("The group has campaigned against the levy since it was proposed."), Cues{});
  EXPECT_EQ(cues_of("The levy was dropped after it was proposed in 2021."), Cues{});
  EXPECT_EQ(cues_of("It was proposed that the levy be doubled."), Cues{"weasel:It was proposed"});
  EXPECT_EQ(cues_of("Nobody objected when it was proposed that the levy be doubled."),
            Cues{"weasel:it was proposed"});
}

// A health story written here: a measured ratio of rates is a statistic, not a doubt.
TEST(Cues, AMeasuredRatioOfRatesIsNoHedge) {
  EXPECT_EQ(cues_of("People who walk are 22 percent less likely to develop heart failure."), Cues{});
  EXPECT_EQ(cues_of("Smokers are twice as likely to die before 70."), Cues{});
  EXPECT_EQ(cues_of("Smokers are three times more likely to die before 70."), Cues{});
  EXPECT_EQ(cues_of("The plan is less likely to fail now."), Cues{"hedge:less likely"});
}

// A Wikipedia-style article written here: where a thing is seen is no doubt about it.
TEST(Cues, ItAppearsOnIsNoHedge) {
  EXPECT_EQ(cues_of("The bridge is a symbol of the town, and it appears on the coat of arms."), Cues{});
  EXPECT_EQ(cues_of("It appeared in 1998 in a local paper."), Cues{});
  EXPECT_EQ(cues_of("It appears that the cables were replaced."), Cues{"hedge:It appears"});
  EXPECT_EQ(cues_of("It appears the cables were replaced."), Cues{"hedge:It appears"});
}

// Software documentation: what a subclass or a caller may do is allowed, and a pointer to another
// package is a suggestion, not a doubt.
TEST(Cues, PermissionAndPointersInDocumentation) {
  EXPECT_EQ(cues_of("Subclasses may implement this method."), Cues{});
  EXPECT_EQ(cues_of("Callers may pass a second argument."), Cues{});
  EXPECT_EQ(cues_of("You might also be interested in the ferry timetable."), Cues{});
  EXPECT_EQ(cues_of("The ferry may be late on Sundays."), Cues{"hedge:may"});
}

// A travel piece written here: "improbably" marks a surprise; "improbable" still doubts.
TEST(Cues, ImprobablyIsASurprise) {
  EXPECT_EQ(cues_of("Skarvik has one hotel and, improbably, three bakeries."), Cues{});
  EXPECT_EQ(cues_of("It is improbable that the bakeries will close."), Cues{"hedge:improbable"});
}

// In terms and conditions "may" grants permission.
TEST(Cues, TermsGrantPermission) {
  EXPECT_EQ(cues_of("# Ferry ticket terms and conditions\n\nThe company may refuse boarding to passengers who "
                    "arrive late.\n",
                    Lexicon::builtin(), Markup::kMarkdown),
            Cues{});
  EXPECT_EQ(cues_of("# Ferry news\n\nThe company may refuse boarding to passengers who arrive late.\n",
                    Lexicon::builtin(), Markup::kMarkdown),
            Cues{"hedge:may"});
}

TEST(Weasel, WidelyExpected) {
  EXPECT_EQ(cues_of("The central bank is widely expected to cut rates in December."),
            Cues{"weasel:is widely expected"});
  EXPECT_EQ(cues_of("The central bank is expected to cut rates in December."), Cues{"hedge:is expected to"});
}

TEST(Booster, AProofDeniedVouchesForNothing) {
  EXPECT_EQ(cues_of("The study proves that walking lowers the risk."), Cues{"booster:proves that"});
  EXPECT_EQ(cues_of("The study cannot prove that walking lowers the risk."), Cues{});
  EXPECT_EQ(cues_of("The study does not prove that walking lowers the risk."), Cues{});
}

TEST(Weasel, RumourAndWordOnTheStreet) {
  EXPECT_EQ(cues_of("Rumour has it that the mine will close."), Cues{"weasel:Rumour has it"});
  EXPECT_EQ(cues_of("The word on the street is that the mine will close."), Cues{"weasel:The word on the street"});
  EXPECT_EQ(cues_of("The word mine comes from Old French."), Cues{});
}

TEST(Weasel, ANamedSubjectHoldsItsOwnView) {
  EXPECT_EQ(cues_of("My father often said that work was prayer."), Cues{});
  EXPECT_EQ(cues_of("The mayor has often cited the new pier as proof."), Cues{});
  // With nobody before it, the participle's view belongs to no one. (The praise it carries is a
  // peacock cue, which the peacock check leaves to the weasel finding.)
  EXPECT_EQ(cues_of("Brook, generally considered the finest director of his time, retired in 1990."),
            (Cues{"weasel:generally considered", "peacock:finest"}));
  EXPECT_EQ(cues_of("Generally considered the finest director of his time, Brook retired in 1990."),
            (Cues{"weasel:Generally considered", "peacock:finest"}));
}

TEST(Peacock, PraiseAndRankingsWithoutAMeasure) {
  EXPECT_EQ(cues_of("The legendary conductor retired."), Cues{"peacock:legendary"});
  EXPECT_EQ(cues_of("She is best known for her maps."), Cues{"peacock:best known"});
  // The ranking frame joins the finding: one range for "one of the most influential".
  EXPECT_EQ(cues_of("The mill is one of the most influential in Europe."),
            Cues{"peacock:one of the most influential"});
  EXPECT_EQ(cues_of("It was among the finest harbours on the coast."), Cues{"peacock:among the finest"});
  EXPECT_EQ(cues_of("It was one of Europe's greatest harbours."), Cues{"peacock:one of Europe's greatest"});
  EXPECT_EQ(cues_of("The tour was a great success."), Cues{"peacock:great success"});
  EXPECT_EQ(cues_of("The parser is blazing fast."), Cues{"peacock:blazing fast"});
  // The longer peacock phrase beats the booster "extremely".
  EXPECT_EQ(cues_of("The route is extremely popular."), Cues{"peacock:extremely popular"});
}

TEST(Peacock, NamesDataAndOtherSensesAreNoPraise) {
  EXPECT_EQ(cues_of("Legendary Pictures released it in March."), Cues{});
  EXPECT_EQ(cues_of("It is the third most visited museum in the city."), Cues{});
  EXPECT_EQ(cues_of("It is the 60th most successful school in the country."), Cues{});
  EXPECT_EQ(cues_of("The best way to reach the island is by ferry."), Cues{});
  EXPECT_EQ(cues_of("The most important factor is the price of fuel."), Cues{});
  EXPECT_EQ(cues_of("Most important, the levy falls on landlords."), Cues{});
  EXPECT_EQ(cues_of("Mass was celebrated by the bishop."), Cues{});
  EXPECT_EQ(cues_of("The town celebrated its anniversary."), Cues{});
  EXPECT_EQ(cues_of("The celebrated painter died in 1911."), Cues{"peacock:celebrated"});
  // A citation gives the praise its source.
  EXPECT_EQ(cues_of("It is one of the finest bridges in the county [4]."), Cues{});
}

TEST(Peacock, SoftwareConventionsAndReportedPraise) {
  const std::string docs = "Run `make`.\n\nUse `--port` or `PORT`.\n\nThe server listens on the well-known ports.\n";
  Document doc = parse_document(docs, Markup::kMarkdown);
  ASSERT_TRUE(doc.documents_software());
  for (const Cue& c : find_cues(doc, Lexicon::builtin())) EXPECT_NE(c.kind, CueKind::kPeacock);
  EXPECT_EQ(cues_of("The well-known novelist spoke first."), Cues{"peacock:well-known"});

  auto peacocks = [](std::string_view text) { return texts_of("peacock", text); };
  EXPECT_EQ(peacocks("The legendary coach retired."), (std::vector<std::string>{"legendary"}));
  // Someone else's praise, attributed in the sentence or quoted, is theirs.
  EXPECT_TRUE(peacocks("Critics called it one of the finest films of the decade.").empty());
  EXPECT_TRUE(peacocks("\"He was a legendary coach,\" the mayor said.").empty());
  EXPECT_TRUE(peacocks("The legendary coach retired, the club said.").empty());
  // So is praise behind an appeal to unnamed people, which the weasel check reports.
  EXPECT_TRUE(peacocks("The bridge is widely regarded as one of the finest in the county.").empty());
}

TEST(Peacock, OffersToRemoveAnAdjectiveBetweenADeterminerAndItsNoun) {
  Settings settings = config::default_settings();
  Document doc = parse_document(
      "Its world-class terminal opens in May. An iconic crane stands there. The harbour's legendary "
      "pilots stayed. The terminal is world-class.",
      Markup::kPlain);
  std::vector<Finding> found;
  for (Finding& f : analyze(doc, settings)) {
    if (f.check == "peacock") found.push_back(f);
  }
  ASSERT_EQ(found.size(), 4u);
  ASSERT_EQ(found[0].fixes.size(), 1u);
  EXPECT_EQ(found[0].fixes[0].title, "Remove \"world-class\"");
  EXPECT_EQ(doc.slice(found[0].fixes[0].edits[0].range), "world-class ");
  EXPECT_TRUE(found[1].fixes.empty());  // "An crane" would need another article
  ASSERT_EQ(found[2].fixes.size(), 1u);
  EXPECT_EQ(doc.slice(found[2].fixes[0].edits[0].range), "legendary ");
  EXPECT_TRUE(found[3].fixes.empty());  // a predicate: the sentence needs it
}

TEST(VagueQuantity, AQuantifierWhereANumberBelongs) {
  EXPECT_EQ(cues_of("Many residents left the island."), Cues{"vague:Many"});
  EXPECT_EQ(cues_of("The storm closed several shops."), Cues{"vague:several"});
  EXPECT_EQ(cues_of("Some local fishermen sold their boats."), Cues{"vague:Some"});
  EXPECT_EQ(cues_of("Some of the boats sank."), Cues{"vague:Some"});
  EXPECT_EQ(cues_of("A number of ferries were cancelled."), Cues{"vague:A number of"});
  EXPECT_EQ(cues_of("Some ant species can lift a beetle."), Cues{"vague:Some"});
  EXPECT_EQ(cues_of("The pier was repaired many times."), Cues{"vague:many"});
  EXPECT_EQ(cues_of("It lacks the leaves that many other ferns have."), Cues{"vague:many"});
  EXPECT_EQ(cues_of("The vast majority of the workers were women."), Cues{"vague:The vast majority of"});
  // An approximation, a span of time, a mass noun and a comparison are no vague count.
  EXPECT_EQ(cues_of("Some 200 people came."), Cues{});
  EXPECT_EQ(cues_of("As many as 40 boats were lost."), Cues{});
  EXPECT_EQ(cues_of("They lived there for many painful years."), Cues{});
  EXPECT_EQ(cues_of("As in many other ways, the vote was unusual."), Cues{});
  EXPECT_EQ(cues_of("The storm lasted some time."), Cues{});
  EXPECT_EQ(cues_of("The pier needs some repair."), Cues{});
  EXPECT_EQ(cues_of("How many boats were lost?"), Cues{});
  EXPECT_EQ(cues_of("A majority of the statements (52%) were false."), Cues{});
  EXPECT_EQ(cues_of("Many residents left in 2019."), Cues{"vague:Many"});
  EXPECT_EQ(cues_of("Many thanks to everyone who helped."), Cues{});
  EXPECT_EQ(cues_of("The village of Many Rivers lies on the coast."), Cues{});
  // A group that says or believes is a source: the sourcing checks speak for it.
  EXPECT_EQ(cues_of("Several residents we spoke to believed the levy had doubled."), Cues{"hedge:believed"});
  EXPECT_EQ(cues_of("Some owners on the forums report that the disc squeals."), Cues{});
}

TEST(VagueQuantity, QuietInDocumentationAndWhereSomeoneElseCounts) {
  const std::string docs = "Run `make`.\n\nUse `--port` or `PORT`.\n\nSeveral options accept a file name.\n";
  Document doc = parse_document(docs, Markup::kMarkdown);
  ASSERT_TRUE(doc.documents_software());
  for (const Cue& c : find_cues(doc, Lexicon::builtin())) EXPECT_NE(c.kind, CueKind::kVagueQuantity);

  auto vague = [](std::string_view text) { return texts_of("vague-quantity", text); };
  EXPECT_EQ(vague("Many residents left the island."), (std::vector<std::string>{"Many"}));
  EXPECT_TRUE(vague("Police said several people were injured.").empty());
  EXPECT_TRUE(vague("\"Many of us will leave,\" the ferryman said.").empty());
  EXPECT_TRUE(vague("Several studies found the same effect [2].").empty());
}

TEST(Cues, AnyInputIsSafe) {
  EXPECT_EQ(cues_of(""), Cues{});
  EXPECT_EQ(cues_of("may"), Cues{});
  EXPECT_EQ(cues_of("\xff\xfe may \x00 possibly", Lexicon::builtin()), Cues{});
  std::string many(20000, 'a');
  for (size_t i = 0; i < many.size(); i += 7) many[i] = ' ';
  EXPECT_EQ(cues_of(many), Cues{});
  cues_of("could could could could potentially possibly perhaps maybe may might.");
}

}  // namespace
}  // namespace evidential::core
