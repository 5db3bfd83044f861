// Attribution detection on sentences written for these tests: the cue, the source's noun phrase and
// its kind, registry look-ups (built-in, user-supplied, by link domain) and the block-only context.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "config/config.h"
#include "core/analysis.h"

namespace evidential::core {
namespace {

struct Found {
  std::string cue, source, kind, caution, neutral;
  bool inferred = false;
  bool writer = false;
};

class Attributions : public ::testing::Test {
 protected:
  static const Settings& defaults() {
    static const Settings s = config::default_settings();
    return s;
  }

  std::vector<Found> find(const std::string& text, Markup markup = Markup::kPlain,
                          const Settings& settings = defaults()) {
    Document doc = parse_document(text, markup);
    std::vector<Found> out;
    for (const Attribution& a : find_attributions(doc, *settings.lexicon, *settings.sources)) {
      out.push_back({std::string(doc.slice(a.cue)), std::string(doc.slice(a.source)),
                     std::string(source_kind_name(a.kind)), a.caution, a.neutral_verb, a.inferred,
                     a.writer_source});
    }
    return out;
  }

  /// The one rule-based attribution whose cue is `cue`.
  Found only(const std::string& text, const std::string& cue, Markup markup = Markup::kPlain,
             const Settings& settings = defaults()) {
    Found hit;
    int n = 0;
    for (const Found& f : find(text, markup, settings)) {
      if (f.cue == cue) {
        hit = f;
        ++n;
      }
    }
    EXPECT_EQ(n, 1) << "cue \"" << cue << "\" in: " << text;
    return hit;
  }
};

TEST_F(Attributions, SubjectBeforeTheVerb) {
  Found f = only("The harbour master said the pier would reopen in June.", "said");
  EXPECT_EQ(f.source, "The harbour master");
  EXPECT_EQ(f.kind, "named_person");

  f = only("Ines Moreau, a spokeswoman for the port authority, said the cranes were idle.", "said");
  EXPECT_EQ(f.source, "Ines Moreau, a spokeswoman for the port authority");

  f = only("Officials told reporters that the dam was safe.", "told");
  EXPECT_EQ(f.source, "Officials");
  EXPECT_EQ(f.kind, "anonymous");

  f = only("The mayor has repeatedly said that the budget is balanced.", "has repeatedly said");
  EXPECT_EQ(f.source, "The mayor");
}

// A time phrase between the subject and the verb, and a dateline or clause joined by a spaced dash,
// are not part of the source; a hyphen inside a name is.
TEST_F(Attributions, SourceEndsBeforeTimePhrasesAndSpacedDashes) {
  Found f = only("Turnout fell, according to the harbour board on Monday.", "according to");
  EXPECT_EQ(f.source, "the harbour board");

  f = only("LISBON - Dock workers said the strike would go on.", "said");
  EXPECT_EQ(f.source, "Dock workers");

  f = only("Rep. Ana Ruiz (D-Calif.) said the levee held.", "said");
  EXPECT_EQ(f.source, "Rep. Ana Ruiz (D-Calif.)");

  f = only("The cranes stay idle, said a spokesman for Alves-Costa Shipping.", "said");
  EXPECT_EQ(f.source, "a spokesman for Alves-Costa Shipping");
}

// The source's edges as PolNeAR draws them: a coordination that opens the clause, a quantifier before
// a number, a bare title after an inverted name, an author after "by", and no time of day.
TEST_F(Attributions, SourceEdgesFollowTheCorpusConvention) {
  Found f = only("Ferry captains and harbour pilots said the channel was too shallow.", "said");
  EXPECT_EQ(f.source, "Ferry captains and harbour pilots");

  f = only("The crew repaired the crane and dock workers said it held.", "said");
  EXPECT_EQ(f.source, "dock workers");

  f = only("Lind and her rivals for the harbour seat have said the quay must stay open.", "have said");
  EXPECT_EQ(f.source, "Lind and her rivals for the harbour seat");

  f = only("Nearly six of 10 anglers said the season was poor.", "said");
  EXPECT_EQ(f.source, "Nearly six of 10 anglers");

  f = only("The pier will close in May, said Tomas Ek, head of the harbour trust.", "said");
  EXPECT_EQ(f.source, "Tomas Ek, head of the harbour trust");

  f = only("Catches fell by a third, according to a survey by the Fisheries Board.", "according to");
  EXPECT_EQ(f.source, "a survey by the Fisheries Board");

  f = only("4:10 p.m. Mayor Ida Berg has opened the new quay, saying it cost less than planned.", "saying");
  EXPECT_EQ(f.source, "Mayor Ida Berg");

  f = only("The good news is that 74 percent of anglers said the season was poor.", "said");
  EXPECT_EQ(f.source, "74 percent of anglers");
}

// A participle set off by a comma inside closing quotation marks, or by a dash, shares the subject
// of the clause before it; so does a verb after ", then".
TEST_F(Attributions, ParticiplesAfterQuotesAndDashes) {
  Found f = only("The skipper praised the \u201cquiet, steady crew,\u201d adding that the nets were new.",
                 "adding");
  EXPECT_EQ(f.source, "The skipper");

  f = only("Ana Lind changed her vote on the spot \u2013 saying the harbour needed it.", "saying");
  EXPECT_EQ(f.source, "Ana Lind");

  f = only("Ana Lind waved to the crowd in Bergen with her crew, declaring the race over.", "declaring");
  EXPECT_EQ(f.source, "Ana Lind");
}

// A preposition completes a cue that is not a plain verb of saying; after "said" it opens an adjunct.
TEST_F(Attributions, CuesTakeTheirPreposition) {
  EXPECT_EQ(only("The dockers' union called for a recount of the ballots.", "called for").source,
            "The dockers' union");
  std::vector<Found> all = find("The harbour master said on Monday that the pier was safe.");
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].cue, "said");
}

TEST_F(Attributions, InvertedSaidX) {
  Found f = only("“We will appeal the ruling,” said Ana Ruiz, the club’s lawyer.", "said");
  EXPECT_EQ(f.source, "Ana Ruiz, the club’s lawyer");
  EXPECT_EQ(f.kind, "named_person");

  f = only("The bridge will stay shut until May, said a spokesman.", "said");
  EXPECT_EQ(f.source, "a spokesman");

  f = only("“It was a long night,” he said.", "said");
  EXPECT_EQ(f.source, "he");
}

TEST_F(Attributions, AccordingTo) {
  Found f = only("Turnout fell sharply, according to the electoral commission.", "according to");
  EXPECT_EQ(f.source, "the electoral commission");
  EXPECT_EQ(f.kind, "official_statement");

  // At the start of a sentence the source ends at the comma, not at the end of the sentence.
  f = only("According to a new survey, most tenants pay more than a third of their income in rent.",
           "According to");
  EXPECT_EQ(f.source, "a new survey");
  EXPECT_EQ(f.kind, "document");

  f = only("According to reports, the talks collapsed on Friday.", "According to");
  EXPECT_EQ(f.source, "reports");
  EXPECT_EQ(f.kind, "anonymous");
}

TEST_F(Attributions, StatementsAndDocuments) {
  Found f = only("A statement from the fisheries ministry said the quota would be cut.", "said");
  EXPECT_EQ(f.source, "A statement from the fisheries ministry");
  EXPECT_EQ(f.kind, "official_statement");

  f = only("The ministry’s statement said the quota would be cut.", "said");
  EXPECT_EQ(f.kind, "official_statement");

  f = only("A study published in March found that the reef had lost half its coral.", "found");
  EXPECT_EQ(f.kind, "document");
}

// A transfer story and a letter to the editor written here.
TEST_F(Attributions, RaisingPassivesPossessorsAndRelativeClauses) {
  // "is understood to", "are also said to": unnamed sources, as "it is said that" is.
  Found f = only("The midfielder is understood to have agreed a five-year contract.", "is understood");
  EXPECT_TRUE(f.source.empty());
  EXPECT_EQ(f.kind, "anonymous");
  EXPECT_EQ(only("Several clubs are also said to be watching him.", "are also said").kind, "anonymous");
  // A report noun with a that-clause after its possessor.
  f = only("Your report repeats the council's claim that the road will cut journey times by 40 percent.", "claim");
  EXPECT_EQ(f.source, "the council's");
  EXPECT_EQ(f.kind, "official_statement");
  // A relative clause between the subject and its verb.
  EXPECT_EQ(only("Every study of new roads that I have read finds the same thing.", "finds").source,
            "Every study of new roads that I have read");
  // "close to" stays in the source.
  EXPECT_EQ(only("The deal is near, according to sources close to the negotiations.", "according to").source,
            "sources close to the negotiations");
}

TEST_F(Attributions, AnonymousSources) {
  EXPECT_EQ(only("Sources said the deal was close.", "said").kind, "anonymous");
  EXPECT_EQ(only("A person familiar with the talks said no deal was near.", "said").kind, "anonymous");
  EXPECT_EQ(only("It is reported that the mine will close.", "It is reported").kind, "anonymous");
  Found f = only("The minister reportedly resigned on Tuesday.", "reportedly");
  EXPECT_TRUE(f.source.empty());
  EXPECT_EQ(f.kind, "anonymous");
  // With a named source in the same sentence, "reportedly" only echoes it.
  std::vector<Found> all = find("The minister reportedly resigned, according to the newspaper Le Soir.");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].cue, "according to");
  // An adverb inside a noun phrase qualifies a word, not the report.
  for (const Found& a : find("The shop sold the allegedly stolen paintings.")) {
    EXPECT_NE(a.cue, "allegedly");
  }
}

TEST_F(Attributions, RegistryAndStateMedia) {
  Found f = only("Reuters reported that the refinery had closed.", "reported");
  EXPECT_EQ(f.kind, "media_outlet");
  EXPECT_TRUE(f.caution.empty());

  f = only("Rodong Sinmun reported that the harvest had doubled.", "reported");
  EXPECT_EQ(f.kind, "state_media");
  EXPECT_NE(f.caution.find("state-controlled"), std::string::npos) << f.caution;

  // The name nearest the head wins: the outlet, not the city it is named after.
  f = only("The figures were confirmed, according to the Seoul-based news outlet NK News.", "according to");
  EXPECT_EQ(f.kind, "media_outlet");

  f = only("State media reported that the harvest had doubled.", "reported");
  EXPECT_EQ(f.kind, "state_media");
  EXPECT_FALSE(f.caution.empty());
}

TEST_F(Attributions, PartisanByContext) {
  Found f = only("The town fell on Sunday, according to the rebels.", "according to");
  EXPECT_EQ(f.source, "the rebels");
  EXPECT_EQ(f.kind, "partisan");
  EXPECT_FALSE(f.caution.empty());

  f = only("The Ruiz campaign said the poll was rigged.", "said");
  EXPECT_EQ(f.kind, "partisan");
}

TEST_F(Attributions, GovernmentSpeakingOfItself) {
  Found f = only("The Japanese defense ministry said its forces had tracked the missile.", "said");
  EXPECT_EQ(f.kind, "official_statement");
  EXPECT_NE(f.caution.find("its own side"), std::string::npos) << f.caution;
  // The same body reporting on someone else is not flagged for that reason.
  f = only("The Japanese defense ministry said the storm had closed two airports.", "said");
  EXPECT_TRUE(f.caution.empty()) << f.caution;
}

TEST_F(Attributions, LoadedVerbsGetTheNeutralForm) {
  EXPECT_EQ(only("The minister claimed that the bridge was safe.", "claimed").neutral, "said");
  EXPECT_EQ(only("The company claims that the figures are right.", "claims").neutral, "says");
  EXPECT_EQ(only("The mayor has admitted that the figures were wrong.", "has admitted").neutral, "said");
  EXPECT_EQ(only("“We did nothing wrong,” the coach insisted.", "insisted").neutral, "said");
  EXPECT_TRUE(only("The mayor said the figures were wrong.", "said").neutral.empty());
  // Not a report, so no rule makes it one (the learned tagger may still mark it, as an inferred cue
  // that no warning uses).
  for (const Found& a : find("The champion claimed the title in 2019.")) {
    if (a.cue == "claimed") {
      EXPECT_TRUE(a.inferred);
      EXPECT_TRUE(a.neutral.empty());
    }
  }
}

// The learned tagger (grammar/lexicon/source_cue_model.tsv, Viterbi over inside/outside a cue) finds
// cues no rule lists, whole when they run over several words, and marks them inferred.
TEST_F(Attributions, TaggerFindsWholeCuesNoRuleLists) {
  Found f = only("Harbour residents are furious about the new toll.", "are furious about");
  EXPECT_TRUE(f.inferred);
  EXPECT_EQ(f.source, "Harbour residents");
  f = only("The baker's guild has long been skeptical of the new flour rules.", "has long been skeptical of");
  EXPECT_TRUE(f.inferred);
  EXPECT_EQ(f.source, "The baker's guild");
  f = only("The regional council is pushing for a second bridge over the estuary.", "is pushing for");
  EXPECT_TRUE(f.inferred);
  EXPECT_EQ(f.source, "The regional council");
}

// A capitalised opening participle is a cue whose source is the main clause's, not a label.
TEST_F(Attributions, TaggerKeepsOpeningParticiples) {
  Found f = only("Citing a shortage of drivers, the bus company cut its evening timetable.", "Citing");
  EXPECT_TRUE(f.inferred);
  f = only("Asked about the delay, the ferry operator blamed the weather.", "Asked about");
  EXPECT_TRUE(f.inferred);
  // The rules still find the main clause's own verb.
  EXPECT_EQ(only("Asked about the delay, the ferry operator blamed the weather.", "blamed").source,
            "the ferry operator");
}

TEST_F(Attributions, QuotedSpeechIsTheSpeakers) {
  // "we think" inside the quotation is the speaker's, not a second attribution by the writer.
  std::vector<Found> all = find("“We think the plan works,” she said.");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].cue, "said");
  EXPECT_EQ(all[0].source, "she");
}

TEST_F(Attributions, PronounsResolveWithinTheBlockOnly) {
  std::vector<Found> same = find(
      "Rodong Sinmun reported that the harvest had doubled. It said that rice exports would follow.");
  ASSERT_EQ(same.size(), 2u);
  EXPECT_EQ(same[1].source, "It");
  EXPECT_EQ(same[1].kind, "state_media");

  std::vector<Found> apart = find(
      "Rodong Sinmun reported that the harvest had doubled.\n\nIt said that rice exports would follow.");
  ASSERT_EQ(apart.size(), 2u);
  EXPECT_NE(apart[1].kind, "state_media");
}

TEST_F(Attributions, HeadlineAndTranscriptColons) {
  Found f = only("Ruiz: “We Will Appeal the Ruling.”", ":");
  EXPECT_EQ(f.source, "Ruiz");
  for (const Found& a : find("Note: the office is closed on Mondays.")) EXPECT_NE(a.cue, ":");
  // A label with a lower-case "-ing" word names no one.
  for (const Found& a : find("Further reading: the ferry timetable and the harbour map.")) {
    EXPECT_NE(a.cue, ":") << a.source;
  }
}

// A lead-in ending in ":" runs on into the next paragraph as one sentence; a speaker's label that
// opens that paragraph is still a source.
TEST_F(Attributions, TranscriptLabelAfterALeadIn) {
  std::vector<std::string> sources;
  for (const Found& a : find("The exchange went as follows:\n\n\"HOST: Let us begin with the harbour "
                             "vote and what it means for the ferries.\n")) {
    if (a.cue == ":") sources.push_back(a.source);
  }
  EXPECT_EQ(sources, std::vector<std::string>{"HOST"});
}

// A long opening phrase is introductory when it begins with a preposition or a participle, and a
// verb before a name ends the subject: the participle's source is the clause's subject.
TEST_F(Attributions, ParticipleSubjectsPastLongOpenings) {
  Found f = only("In a long column printed the week before the harbour vote, two former pilots "
                 "urged the board to wait, arguing that the channel was unsafe.", "arguing");
  EXPECT_EQ(f.source, "two former pilots");

  f = only("Early on, Ana Lind thanked Bergen for its support, adding that the quay would open.",
           "adding");
  EXPECT_EQ(f.source, "Ana Lind");
}

TEST_F(Attributions, QuestionsAboutASourceNameNone) {
  EXPECT_TRUE(find("# Who says so\n\nThe pier reopened.", Markup::kMarkdown).empty());
  EXPECT_TRUE(find("Who said the pier would reopen?").empty());
  // A relative "who" after its noun is still a source.
  Found f = only("The engineer who inspected the pier said the ferry would run.", "said");
  EXPECT_EQ(f.source, "The engineer who inspected the pier");
}

TEST_F(Attributions, ThatBeforeANameIsNoDeterminer) {
  Found f = only("The ferry was late, and the trouble is that Moreau reported the storm early.",
                 "reported");
  EXPECT_EQ(f.source, "Moreau");
}

// A capitalised "May" is a name, not an auxiliary of the cue; a bracketed party before a bare title
// still ends a name; a post-modifier that runs back to the start of the clause belongs to the source.
TEST_F(Attributions, NamesTitlesAndPostModifiers) {
  Found f = only("Prime Minister Ada May said the ferry would run.", "said");
  EXPECT_EQ(f.source, "Prime Minister Ada May");

  f = only("Sen. Ada Lind (D-Maine), chair of the harbour committee, said the pier was safe.", "said");
  EXPECT_EQ(f.source, "Sen. Ada Lind (D-Maine), chair of the harbour committee");
  f = only("\"The pier is safe,\" said Sen. Ada Lind (D-Maine), chair of the harbour committee.", "said");
  EXPECT_EQ(f.source, "Sen. Ada Lind (D-Maine), chair of the harbour committee");

  EXPECT_EQ(only("People briefed on the plan said the quay would close.", "said").source,
            "People briefed on the plan");
  EXPECT_EQ(only("Minutes released in March show that the board knew.", "show").source,
            "Minutes released in March");
  EXPECT_EQ(only("A review by the Harbour Gazette shows that the dredging ran late.", "shows").source,
            "A review by the Harbour Gazette");
  // A clause of its own before the source is not a post-modifier.
  EXPECT_EQ(only("The captain visited Bergen when dock workers said the crane failed.", "said").source,
            "dock workers");
}

// A quantifier can be the whole subject; a connective set off by commas and a time phrase with
// "ago" stand between subject and verb without belonging to the source.
TEST_F(Attributions, QuantifiersConnectivesAndAgo) {
  EXPECT_EQ(only("In the survey, most said the pier was safe.", "said").source, "most");
  EXPECT_EQ(only("None of those three have said whether they will run.", "have said").source,
            "None of those three");
  EXPECT_EQ(only("The two said the pier was safe.", "said").source, "The two");
  EXPECT_EQ(only("Others, however, say the pier is safe.", "say").source, "Others");
  EXPECT_EQ(only("The mayor, meanwhile, said the pier was safe.", "said").source, "The mayor");
  EXPECT_EQ(only("The harbour board less than two weeks ago said the pier was safe.", "said").source,
            "The harbour board");
}

// After its cue, a source takes a participle phrase or restrictive relative clause that ends the
// clause; an apposition may give a past or present role; a participle after a comma shares the
// subject of its clause whichever way its cue was found.
TEST_F(Attributions, PostModifiersAfterTheCue) {
  Found f = only("Turnout rose, according to a poll released on Thursday.", "according to");
  EXPECT_EQ(f.source, "a poll released on Thursday");
  EXPECT_EQ(f.kind, "document");
  EXPECT_EQ(only("Turnout rose, according to three people briefed on the talks.", "according to").source,
            "three people briefed on the talks");
  EXPECT_EQ(only("Turnout rose, according to anglers who spoke to the board.", "according to").source,
            "anglers who spoke to the board");
  EXPECT_EQ(only("\"It held,\" said three pilots briefed on the survey.", "said").source,
            "three pilots briefed on the survey");
  EXPECT_EQ(only("\"It held,\" said Ida Berg, then head of the harbour trust.", "said").source,
            "Ida Berg, then head of the harbour trust");
  EXPECT_EQ(only("\"It held,\" said Ida Berg, 52, of Bergen, Nor. \"We were lucky.\"", "said").source,
            "Ida Berg, 52, of Bergen, Nor");
}

// A list or a chain of appositions belongs to the source when its first item opens the clause.
TEST_F(Attributions, ListsAndApposedChains) {
  EXPECT_EQ(only("Lind, Berg and Moreau have said the quay must stay open.", "have said").source,
            "Lind, Berg and Moreau");
  EXPECT_EQ(only("Ida Berg, 52, of Tromso, Nor., said the quay must stay open.", "said").source,
            "Ida Berg, 52, of Tromso, Nor.");
  EXPECT_EQ(only("Ida Berg, chair of the harbour trust, the port's owner, said it held.", "said").source,
            "Ida Berg, chair of the harbour trust, the port's owner");
  EXPECT_EQ(only("In Bergen, the mayor, a Liberal, said the quay must stay open.", "said").source,
            "the mayor, a Liberal");
  EXPECT_EQ(only("After the storm, Lind, Berg and Moreau said the quay held.", "said").source,
            "Lind, Berg and Moreau");
}

// A quotation inside an apposition, with the closing comma inside its marks, does not hide the
// subject; a participle shares the subject of its main clause, not of a clause before it.
TEST_F(Attributions, QuotedAppositionsAndMainClauses) {
  EXPECT_EQ(only("Ida Berg, who called the plan \"rushed,\" said the quay must stay open.", "said")
                .source,
            "Ida Berg, who called the plan \"rushed,\"");
  EXPECT_EQ(only("Since she took office, the mayor has backed the harbour trust, saying it works.",
                 "saying")
                .source,
            "the mayor");
}

// An intensifying reflexive belongs to the source; an irregular past verb ends the subject of a
// coordinated report.
TEST_F(Attributions, ReflexivesAndIrregularVerbs) {
  EXPECT_EQ(only("The harbour master himself has said the quay must stay open.", "has said").source,
            "The harbour master himself");
  EXPECT_EQ(only("Ida Berg took a moment and said the quay must stay open.", "said").source, "Ida Berg");
}

// After a name, "in", "on" or "at" opens an adjunct of the report: not part of the source, and not
// a second report. "That" before a plural is a complementiser.
TEST_F(Attributions, AdjunctsAfterNamesAndThatBeforePlurals) {
  std::vector<Found> all = find("\"The quay is safe,\" said Ida Berg in a statement.");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].source, "Ida Berg");
  EXPECT_EQ(only("The quay is safe, according to Ida Berg on Twitter.", "according to").source, "Ida Berg");
  EXPECT_EQ(only("Officials in Bergen said the quay was safe.", "said").source, "Officials in Bergen");
  EXPECT_EQ(only("The trouble is that inspectors said the records were lost.", "said").source,
            "inspectors");
}

// A passive's source is its agent; without one it names none, whoever the subject is.
TEST_F(Attributions, PassivesNameTheirAgent) {
  EXPECT_EQ(only("The plan has been criticized by several harbour pilots.", "has been criticized").source,
            "several harbour pilots");
  for (const Found& f : find("The pier is expected to reopen in June.")) {
    EXPECT_NE(f.source, "The pier") << f.cue;
  }
}

// Saying that a source did not answer reports no statement of theirs; declining to comment is an
// answer. A consortium speaks as an organisation, not as a named person.
TEST_F(Attributions, NoResponseIsNoAttribution) {
  EXPECT_TRUE(find("The ferry operator did not respond to a request for comment.").empty());
  EXPECT_TRUE(find("The harbour trust has not replied to our questions.").empty());
  EXPECT_TRUE(find("The dredging firm did not immediately return calls seeking comment.").empty());
  EXPECT_EQ(only("The ferry operator did not deny the report.", "did not deny").source,
            "The ferry operator");
  EXPECT_EQ(only("The ferry operator did not reply, saying the timetable was final.", "saying").source,
            "The ferry operator");
  EXPECT_EQ(only("The dredging consortium declined to comment.", "declined").kind, "official_statement");
}

// The reader in a supposition ("if you think", "you might think") is no source the text cites; a
// "you" spoken to in an interview is.
TEST_F(Attributions, TheReaderInASuppositionIsNoSource) {
  EXPECT_TRUE(find("If you think the harbour levy will cost $160,000, look again.").empty());
  EXPECT_TRUE(find("Let's say you believe the ferry will run on time.").empty());
  EXPECT_TRUE(find("You might think the pier is safe.").empty());
  EXPECT_TRUE(find("You'd think the pier is safe.").empty());
  EXPECT_EQ(only("You said the pier would reopen in June.", "said").source, "You");
}

// A report inside another's complement is part of what the outer source says: one attribution, as
// in the corpus convention. A comma ends the complement, so a participle after it is the outer
// source's own report.
TEST_F(Attributions, NestedReportsBelongToTheOuterSource) {
  std::vector<Found> all = find("The harbour master said she believes the pier will reopen in June.");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].cue, "said");
  EXPECT_EQ(all[0].source, "The harbour master");

  all = find("Ana Ruiz told reporters that a survey found the quay was unsafe.");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].source, "Ana Ruiz");

  EXPECT_EQ(only("Ana Ruiz said she doubted the figures, arguing that the survey was too small.",
                 "arguing").source,
            "Ana Ruiz");
  EXPECT_EQ(only("Ana Ruiz said the quay was unsafe, and the mayor claimed it was fine.", "claimed")
                .source,
            "the mayor");
}

TEST_F(Attributions, UnnamedGroupsAndDocumentNouns) {
  Found f = only("Fishing groups say the quota is too low.", "say");
  EXPECT_EQ(f.kind, "anonymous");
  f = only("The quay will close, according to the board's published minutes.", "according to");
  EXPECT_EQ(f.kind, "document");
}

// A group named by its trade is unnamed; the same trade before a name is a person's description.
TEST_F(Attributions, TradesAloneAreUnnamedAndBeforeANameDescribe) {
  Found f = only("Historians say the chapel is older than the keep.", "say");
  EXPECT_EQ(f.kind, "anonymous");
  f = only("Investigators said the fire began in the boiler room.", "said");
  EXPECT_EQ(f.kind, "anonymous");
  f = only("The historian Ana Ruiz said the chapel is older than the keep.", "said");
  EXPECT_EQ(f.source, "The historian Ana Ruiz");
  EXPECT_EQ(f.kind, "named_person");
}

TEST_F(Attributions, PollstersPartiesAndAgencies) {
  Found f = only("The Congressional Budget Office said the bill would add to the deficit.", "said");
  EXPECT_EQ(f.kind, "official_statement");
  f = only("The Republican National Committee said the ads were misleading.", "said");
  EXPECT_EQ(f.kind, "partisan");
  EXPECT_NE(f.caution.find("partisan"), std::string::npos) << f.caution;
  f = only("A Quinnipiac poll found that most voters favoured the levy, according to Quinnipiac.",
           "according to");
  EXPECT_EQ(f.kind, "document");
}

TEST_F(Attributions, UserSourcesAddAndOverride) {
  auto parsed = config::parse_config(R"({"sources": [
      {"name": "The Valley Courier", "aliases": ["Valley Courier"], "kind": "partisan",
       "note": "Owned by a party official."},
      {"name": "Reuters", "aliases": ["Reuters"], "kind": "state_media", "note": "Test override."}
    ]})", "test.json", defaults());
  ASSERT_TRUE(std::holds_alternative<Settings>(parsed)) << std::get<config::ConfigError>(parsed).to_string();
  const Settings& s = std::get<Settings>(parsed);

  Found f = only("The Valley Courier reported that the mill would close.", "reported", Markup::kPlain, s);
  EXPECT_EQ(f.kind, "partisan");
  EXPECT_NE(f.caution.find("Owned by a party official."), std::string::npos) << f.caution;

  f = only("Reuters reported that the mill would close.", "reported", Markup::kPlain, s);
  EXPECT_EQ(f.kind, "state_media");
  EXPECT_NE(f.caution.find("Test override."), std::string::npos);
}

TEST_F(Attributions, LinksAreClassifiedByDomain) {
  Found f = only("The harvest doubled, [the agency said](https://kcna.kp/en/article/1).", "said",
                 Markup::kMarkdown);
  EXPECT_EQ(f.kind, "state_media");
  EXPECT_FALSE(f.caution.empty());

  // And the check shows the warning on the link.
  Document doc = parse_document("The harvest doubled, [the agency said](https://kcna.kp/en/article/1).",
                                Markup::kMarkdown);
  int warnings = 0;
  for (const Finding& finding : analyze(doc, defaults())) {
    if (finding.check == "source-reliability") {
      ++warnings;
      ASSERT_TRUE(finding.attribution.has_value());
      EXPECT_EQ(finding.attribution->kind, SourceKind::kStateMedia);
    }
  }
  EXPECT_EQ(warnings, 1);
}

TEST_F(Attributions, FindingsCarryCueSourceAndFix) {
  Document doc = parse_document("Putin asserted that the treaty had lapsed.", Markup::kPlain);
  bool attribution = false, loaded = false;
  for (const Finding& f : analyze(doc, defaults())) {
    if (f.check == "attribution") {
      attribution = true;
      ASSERT_TRUE(f.attribution.has_value());
      EXPECT_EQ(doc.slice(f.attribution->cue), "asserted");
      EXPECT_EQ(doc.slice(f.attribution->source), "Putin");
      EXPECT_EQ(f.attribution->kind, SourceKind::kNamedPerson);
    }
    if (f.check == "loaded-reporting-verb") {
      loaded = true;
      ASSERT_EQ(f.fixes.size(), 1u);
      ASSERT_EQ(f.fixes[0].edits.size(), 1u);
      EXPECT_EQ(doc.slice(f.fixes[0].edits[0].range), "asserted");
      EXPECT_EQ(f.fixes[0].edits[0].replacement, "said");
    }
  }
  EXPECT_TRUE(attribution);
  EXPECT_TRUE(loaded);
}

TEST_F(Attributions, TheWriterInTheFirstPersonIsNamedAndSaysSo) {
  Found f = only("I argue that the harbour needs a second pier.", "argue");
  EXPECT_TRUE(f.writer);
  EXPECT_EQ(f.kind, "named_person");
  f = only("We found that the tide gauge had drifted by four centimetres.", "found");
  EXPECT_TRUE(f.writer);
  EXPECT_EQ(f.kind, "named_person");  // not an unnamed "we": the writers sign the text
  f = only("Our survey team reported that the pier was sound.", "reported");
  EXPECT_TRUE(f.writer);
  EXPECT_EQ(f.source, "Our survey team");
  f = only("The harbour master said the pier was sound.", "said");
  EXPECT_FALSE(f.writer);
}

TEST_F(Attributions, AGroupNoOneInItIsNamedIsAnonymous) {
  EXPECT_EQ(only("Residents said the water was brown for a week.", "said").kind, "anonymous");
  EXPECT_EQ(only("Local fishermen said the catch had halved.", "said").kind, "anonymous");
  EXPECT_EQ(only("Some 3,000 residents said the water was brown.", "said").kind, "anonymous");
  // A word of the list that ends a name is part of the name.
  EXPECT_NE(only("The Harbour Observer reported that the water was brown.", "reported").kind, "anonymous");
  EXPECT_EQ(only("Observers reported that the water was brown.", "reported").kind, "anonymous");
  EXPECT_EQ(only("Forty percent said the plan would fail.", "said").kind, "document");  // a poll's figure
  // Pointing back to people already identified, or belonging to someone named: not anonymous.
  EXPECT_EQ(only("The neighbours said the crane was noisy at night.", "said").kind, "named_person");
  EXPECT_EQ(only("Her neighbours said the appeal would be filed.", "said").kind, "named_person");
  EXPECT_EQ(only("Mayor Varga's neighbours said the vote was close.", "said").kind, "named_person");
  EXPECT_EQ(only("Both candidates said the vote was close.", "said").kind, "named_person");
}

TEST_F(Attributions, EvidenceAndRecordsAreDocuments) {
  EXPECT_EQ(only("Tide readings showed that the water had risen.", "showed").kind, "document");
  EXPECT_EQ(only("According to the parish register, forty families left.", "According to").kind, "document");
  EXPECT_EQ(only("The ship's logbook says the storm lasted two days.", "says").kind, "document");
}

TEST_F(Attributions, AHeadingThatEndsOnItsVerbIsALabel) {
  EXPECT_TRUE(find("# Survey notes\n\nThe pier was rebuilt in 2021.\n", Markup::kMarkdown).empty());
  EXPECT_EQ(only("# Harbour board says pier will reopen\n", "says", Markup::kMarkdown).source, "Harbour board");
  EXPECT_EQ(only("# Pier repairs delayed again, harbour board admits\n", "admits", Markup::kMarkdown).source,
            "harbour board");
}

TEST_F(Attributions, AHeadlineColonNamesASpeakerNotADocument) {
  Found f = only("# Harbour board: the pier will reopen in June\n", ":", Markup::kMarkdown);
  EXPECT_EQ(f.source, "Harbour board");
  EXPECT_EQ(f.kind, "official_statement");
  EXPECT_TRUE(find("# Quarterly report: the bakery sold more bread than ever\n", Markup::kMarkdown).empty());
  EXPECT_TRUE(find("# Field survey: the dunes moved four metres\n", Markup::kMarkdown).empty());
  // Labels of analysis and reporting name no speaker either.
  EXPECT_TRUE(find("# Assessment: grain exports will fall\n", Markup::kMarkdown).empty());
  EXPECT_TRUE(find("# Explainer: why the levy rose\n", Markup::kMarkdown).empty());
}

TEST_F(Attributions, TheLearnedTaggerCanBeSwitchedOff) {
  const std::string text =
      "Customers clearly prefer the sourdough. The volunteers hoped for dry weather. Critics of the "
      "scheme pointed to its cost. The mayor said the bakery would stay open.";
  Document doc = parse_document(text, Markup::kPlain);
  auto count = [](const std::vector<Attribution>& all, bool inferred) {
    return std::count_if(all.begin(), all.end(), [&](const Attribution& a) { return a.inferred == inferred; });
  };
  auto with = find_attributions(doc, *defaults().lexicon, *defaults().sources, true);
  auto without = find_attributions(doc, *defaults().lexicon, *defaults().sources, false);
  EXPECT_GT(count(with, true), 0);  // the tagger reads some of these broad cues
  EXPECT_EQ(count(without, true), 0);
  ASSERT_EQ(without.size(), 2u);  // the reporting-verb rules' cues stay
  EXPECT_EQ(doc.slice(without[0].cue), "pointed to");
  EXPECT_EQ(doc.slice(without[1].cue), "said");

  // The option reaches the analysis from a configuration file.
  auto parsed = config::parse_config(R"({"checks": {"attribution": {"model": 0}}})", "test.json", defaults());
  ASSERT_TRUE(std::holds_alternative<Settings>(parsed)) << std::get<config::ConfigError>(parsed).to_string();
  Analysis analysis(doc, std::get<Settings>(parsed));
  EXPECT_EQ(analysis.attributions().size(), 2u);
  EXPECT_EQ(count(analysis.attributions(), true), 0);
}

TEST_F(Attributions, ParticiplesThatModifyANounReportNothing) {
  EXPECT_TRUE(find("The archive has a hidden field called `size`.", Markup::kMarkdown).empty());
  EXPECT_TRUE(find("The fields described below are optional.").empty());
  EXPECT_TRUE(find("It is a small tool written in Rust.").empty());
  EXPECT_TRUE(find("For details refer to the guide.").empty());
  EXPECT_TRUE(find("Scripts should add generated files to the commit.").empty());
  // The same verbs reporting speech or writing.
  EXPECT_EQ(only("The mayor added that the pier would reopen.", "added").source, "The mayor");
  EXPECT_EQ(only("Critics write that the plan is too costly.", "write").source, "Critics");
  EXPECT_EQ(only("The harbour master told the crews to leave.", "told").source, "The harbour master");
}

TEST_F(Attributions, IdiomsOfSayingReportNothing) {
  EXPECT_TRUE(find("Rebuilding the pier is easier said than done.").empty());
  EXPECT_TRUE(find("When all is said and done, the pier will cost more.").empty());
  EXPECT_EQ(only("The mayor said that the pier would cost more than planned.", "said").source, "The mayor");
}

// A Markdown document that shows code documents software: its attributions keep only a source a
// reader could ask (a person, a body, a specification, the writer), never a part of the program.
TEST_F(Attributions, DocumentationKeepsOnlySourcesSomeoneCouldAsk) {
  const std::string prose =
      "The function adds a header to every request. If you write a pattern, the parser tells you "
      "whether it matches. The `root` property refers to the top node. Note that the cache is "
      "cleared on exit. The spec says that names are case-sensitive. We recommend pinning the "
      "version. Ana Ruiz wrote the first parser. It is recommended to run the tests first. "
      "Lead maintainer: Ana Ruiz. Harbourlang adds optional types to the language. These definitions "
      "were written by Tom Berg. There are cases where we can tell the two apart.\n";
  auto cues = [](const Document& doc, const std::vector<Attribution>& all) {
    std::vector<std::string> out;
    for (const Attribution& a : all) out.emplace_back(doc.slice(a.cue));
    return out;
  };
  const Document code = parse_document(prose + "\nInstall:\n\n```sh\nmake\n```\n\nTest:\n\n```sh\nmake test\n```\n", Markup::kMarkdown);
  ASSERT_TRUE(code.documents_software());
  Analysis documented(code, defaults());
  EXPECT_EQ(cues(code, documented.attributions()), (std::vector<std::string>{"says", "wrote"}));

  // The same prose with no code in the document is read as any other text.
  const Document plain = parse_document(prose, Markup::kMarkdown);
  ASSERT_FALSE(plain.documents_software());
  Analysis read(plain, defaults());
  std::vector<std::string> all = cues(plain, read.attributions());
  EXPECT_GT(all.size(), 3u);
  EXPECT_NE(std::find(all.begin(), all.end(), "refers to"), all.end());
  EXPECT_NE(std::find(all.begin(), all.end(), ":"), all.end());
}

// The text's own conditions and instructions to the reader report nobody; "as noted by" names its
// source as "as reported by" does; specifications, rules and laws are documents.
TEST_F(Attributions, ConditionsAndInstructionsAreNoReports) {
  EXPECT_TRUE(find("Unless stated otherwise, all photographs are by the harbour trust.").empty());
  EXPECT_TRUE(find("For the timetable, please see the harbour office.").empty());
  EXPECT_TRUE(find("Don't ask the pilots to extend it!").empty());
  EXPECT_EQ(only("As noted by the harbour master, the pier is closed.", "As noted by").source, "the harbour master");
  EXPECT_EQ(only("The field is a date, according to the timetable specification.", "according to").kind, "document");
  EXPECT_EQ(only("Mooring is free, according to the harbour rules.", "according to").kind, "document");
  EXPECT_EQ(only("As reported by the Harbour Gazette, the pier is closed.", "As reported by").kind, "media_outlet");
}

// A comma after an opening phrase is no sign that the claim came before; a fall is no refusal.
TEST_F(Attributions, ClaimingCreditAndFallingReportNothing) {
  // The rules see no claim made; at most the learned tagger guesses at a broad cue, which sources nothing.
  for (const Found& f : find("Under current rules, harbours can claim credit for restoring seagrass.")) {
    EXPECT_TRUE(f.inferred) << f.cue;
  }
  EXPECT_EQ(only("The pier is unsafe, she claimed.", "claimed").source, "she");
  EXPECT_TRUE(find("Seagrass has declined by about 30 percent since the 1930s.").empty());
  EXPECT_TRUE(find("Ferry bookings declined sharply in 2023.").empty());
  EXPECT_EQ(only("The harbour trust declined to comment.", "declined").source, "The harbour trust");
}

TEST_F(Attributions, EmphasisOpenedInTheSourceClosesWithIt) {
  EXPECT_EQ(only("Stocks doubled, according to a study in the journal *Coastal Ecology*.", "according to",
                 Markup::kMarkdown)
                .source,
            "a study in the journal *Coastal Ecology*");
}

// "who" after a name and a comma stands for that name; the source span stays "who", as the corpus
// marks it, and the name is the antecedent the message shows.
TEST_F(Attributions, ARelativeWhoStandsForTheNameBeforeIt) {
  Document doc = parse_document("The mayor met Ana Ruiz, who said the pier was unsafe.", Markup::kPlain);
  const Settings settings = defaults();
  std::vector<Attribution> all = find_attributions(doc, *settings.lexicon, *settings.sources);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(doc.slice(all[0].source), "who");
  EXPECT_EQ(doc.slice(all[0].antecedent), "Ana Ruiz");
  EXPECT_EQ(all[0].kind, SourceKind::kNamedPerson);
  // The antecedent stops at the name: "placate" is no part of it.
  Document party = parse_document("The change will placate nervous Democrats on Capitol Hill, who have argued that it helps.",
                                  Markup::kPlain);
  all = find_attributions(party, *settings.lexicon, *settings.sources);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(party.slice(all[0].antecedent), "Democrats on Capitol Hill");
  EXPECT_EQ(all[0].kind, SourceKind::kPartisan);
}

TEST_F(Attributions, APolicyBriefsTitleAndResidentsNearAPlace) {
  for (const Found& f : find("Policy brief: charging the harbour's ferries\n\nThe ferries burn diesel.")) {
    EXPECT_NE(f.cue, ":") << f.source;
  }
  EXPECT_EQ(only("Residents near the terminal said the fumes were worse.", "said").source,
            "Residents near the terminal");
}

// A history written here: a refusal to act is no statement; unnamed eyewitnesses are anonymous.
TEST_F(Attributions, ARefusalToActReportsNothing) {
  for (const Found& f : find("That morning the dockers refused to unload a grain ship.")) {
    EXPECT_TRUE(f.inferred) << f.cue;  // at most the tagger's broad guess, which sources nothing
  }
  EXPECT_EQ(only("The dockers refused to comment on the strike.", "refused to comment on").source, "The dockers");
  EXPECT_EQ(only("Eyewitnesses later said that officers fired into the crowd.", "later said").kind, "anonymous");
  EXPECT_EQ(only("The official inquiry found that officers had fired without warning.", "found").kind,
            "official_statement");
}

TEST_F(Attributions, SeemingIsTheWritersInferenceHoweverLongTheCue) {
  for (const Found& f : find("The brakes seem slightly underpowered for a bike this heavy.")) {
    EXPECT_TRUE(f.source.empty()) << f.cue << " / " << f.source;
  }
}

TEST_F(Attributions, ByTheirOwnAdmission) {
  EXPECT_EQ(only("By Ruiz's own admission, the pier cost twice the estimate.", "own admission").source, "Ruiz's");
  EXPECT_EQ(only("By his own account, he paid 40 percent.", "own account").source, "his");
  EXPECT_TRUE(find("The pier was built by the mayor's own company in 2019.").empty());
}

// An annual report written here: a heading that asks what others say is a label; an authority is a body.
TEST_F(Attributions, AQuestionHeadingIsALabel) {
  EXPECT_TRUE(find("# What others say\n\nThe ferries run late.\n", Markup::kMarkdown).empty());
  EXPECT_EQ(only("The port authority claims that emissions fell by 12 percent.", "claims").kind, "official_statement");
}

TEST_F(Attributions, GroupsNamedByWhatTheyDoAreAnonymous) {
  EXPECT_EQ(only("Voters told us the levy was too high.", "told").kind, "anonymous");
  EXPECT_EQ(only("Dockers said the ship was unsafe.", "said").kind, "anonymous");
  EXPECT_EQ(only("The dockers' union said the ship was unsafe.", "said").kind, "official_statement");
}

// A fact-check and a press release written here.
TEST_F(Attributions, APluralHeadBeforeAnAttachedPhraseSays) {
  Found f = only("Critics of the levy argue that it was never needed.", "argue");
  EXPECT_EQ(f.source, "Critics of the levy");
  EXPECT_EQ(f.kind, "anonymous");
  EXPECT_FALSE(f.inferred);
  EXPECT_EQ(only("Opponents of the levy say it doubled bills.", "say").kind, "anonymous");
  EXPECT_EQ(only("Nearly eight of 10 voters say they will vote.", "say").source, "Nearly eight of 10 voters");
  // A singular head is no subject of a base form: "a report of the council say" is not English.
  for (const Found& x : find("A report of the council say the levy doubled bills.")) EXPECT_TRUE(x.inferred);
}

TEST_F(Attributions, CompanyNamesAreBodies) {
  EXPECT_EQ(only("Lumora Systems said the plant would open in May.", "said").kind, "official_statement");
  EXPECT_EQ(only("Northgate Holdings said the plant would open in May.", "said").kind, "official_statement");
  EXPECT_EQ(only("Acme Corp. said the plant would open in May.", "said").kind, "official_statement");
  // An announcement with an object reports all the same: "announced record revenue".
  Found f = only("Lumora Systems today announced record revenue of 84 million euros.", "announced");
  EXPECT_EQ(f.source, "Lumora Systems");
  EXPECT_FALSE(f.inferred);
}

TEST_F(Attributions, ADeadlineIsNoAgent) {
  for (const Found& f : find("The plant is expected to triple production by the end of 2027.")) {
    EXPECT_EQ(f.source, "") << f.cue;
  }
  for (const Found& f : find("The plant is expected to open by 2027.")) EXPECT_EQ(f.source, "") << f.cue;
  EXPECT_EQ(only("The plan was supported by 42 percent of voters.", "was supported").source, "42 percent of voters");
}

TEST_F(Attributions, ALabelBeforeAColonReportsNothing) {
  const std::string text = "**The claim:** \"Bills have doubled,\" said Petra Vasko on March 3.";
  std::vector<Found> all = find(text, Markup::kMarkdown);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].cue, "said");
}

TEST_F(Attributions, TheTextItselfIsTheWriter) {
  Found f = only("This essay argues that the evidence for homework is weak.", "argues");
  EXPECT_TRUE(f.writer);
  EXPECT_FALSE(only("This study argues that the evidence for homework is weak.", "argues").writer);
}

// A war report written here: a side named only in the attached phrase still calls for caution.
TEST_F(Attributions, ASideInTheEventsCallsForCaution) {
  Found f = only("A spokesman for the rebels said the depot was a target.", "said");
  EXPECT_EQ(f.kind, "partisan");
  EXPECT_EQ(f.caution, "a party to the events it describes");
  f = only("A spokesman for the Free Velmar Brigade, the armed group that holds the villages, said the depot was hit.",
           "said");
  EXPECT_EQ(f.kind, "partisan");
  EXPECT_EQ(only("Both sides say a drone struck the depot.", "say").kind, "partisan");
  EXPECT_TRUE(only("A spokesman for the port said the depot was a target.", "said").caution.empty());
  EXPECT_EQ(only("According to satellite images reviewed by The Harbour Times, three tanks burned.", "According to").kind,
            "document");
}

TEST_F(Attributions, ACourtRulesAndAParticipleNamesItsAgent) {
  Found f = only("The High Court in Brennick ruled on Tuesday that the operator was liable.", "ruled");
  EXPECT_EQ(f.source, "The High Court in Brennick");
  EXPECT_FALSE(f.inferred);
  EXPECT_TRUE(find("The court heard that the rules of the port were old.").empty());
  for (const Found& x : find("Profit beat the 365 million euros expected by analysts polled by the bank.")) {
    if (x.cue == "expected") EXPECT_EQ(x.source, "analysts polled by the bank");
  }
}

// A match report and an obituary written here.
TEST_F(Attributions, AddingAGoalAndNamingACometReportNothing) {
  for (const Found& f : find("Marsh equalised on 58 minutes and then added a second twelve minutes later.")) {
    EXPECT_TRUE(f.inferred) << f.cue;
  }
  EXPECT_EQ(only("\"We will win,\" he added.", "added").source, "he");
  EXPECT_EQ(only("She added that the pier would reopen in June.", "added").source, "She");
  for (const Found& f : find("He is the only keeper to have a comet named after him.")) EXPECT_NE(f.cue, "named");
  for (const Found& f : find("He spotted a comet in 1973, a discovery later confirmed by the observatory in Oslo.")) {
    if (f.cue == "later confirmed") {
      EXPECT_EQ(f.source, "the observatory in Oslo");
      EXPECT_EQ(f.kind, "official_statement");
    }
  }
}

// A government announcement written here.
TEST_F(Attributions, AFigureBeforeTheCommaEndsTheClauseBefore) {
  EXPECT_EQ(only("Routes cut since 2015 will return, the minister, Karin Holm, announced on Wednesday.", "announced")
                .source,
            "the minister, Karin Holm");
  EXPECT_EQ(only("# Ministry announces 40 million for rural bus routes\n", "announces", Markup::kMarkdown).source,
            "Ministry");
  EXPECT_EQ(only("The opposition called the announcement \"a stunt\".", "called").kind, "partisan");
}

TEST_F(Attributions, ALoneVerbIsNoSource) {
  for (const Found& f : find("The findings could help explain why microplastic levels are lower than models predict.")) {
    EXPECT_NE(f.source, "help") << f.cue;
  }
}

// A university press release written here: researchers of a named institution publish under its name.
TEST_F(Attributions, ResearchersOfANamedInstitution) {
  EXPECT_EQ(only("Researchers at the University of Vastervik have found that copepods remove plastic.", "have found")
                .kind,
            "official_statement");
  EXPECT_EQ(only("Economists at Northgate Bank said growth would slow.", "said").kind, "official_statement");
  EXPECT_EQ(only("Officials at the Pentagon said the plan was dead.", "said").kind, "anonymous");
  EXPECT_EQ(only("Researchers said the plan was dead.", "said").kind, "anonymous");
}

TEST_F(Attributions, AnExhibitionIsADocument) {
  EXPECT_EQ(only("A small exhibition tells how the keeper found two comets.", "tells").kind, "document");
}

// A benchmark blog written here: an activity's results are evidence, a surname in "-ing" is a person.
TEST_F(Attributions, AnActivityIsEvidence) {
  EXPECT_EQ(only("Profiling showed that 60 percent of the time went to malloc.", "showed").kind, "document");
  EXPECT_EQ(only("Downing said the race is close.", "said").kind, "named_person");
}

// A study or an audit reports what it found, with or without a that-clause; a person who found
// something did not report it.
TEST_F(Attributions, ADocumentReportsWhatItFound) {
  EXPECT_EQ(only("A 2021 study by a harbour economist found 31 collisions in ten years.", "found").source,
            "A 2021 study by a harbour economist");
  EXPECT_EQ(only("The audit revealed gaps in the pilots' training records.", "revealed").kind, "document");
  EXPECT_TRUE(find("The divers found 31 anchors on the seabed.").empty());
}

// A press briefing, an obituary and a live blog written here.
TEST_F(Attributions, GroupsAtTheStartAndWhereTheSourceIs) {
  EXPECT_EQ(only("Fishermen say catches in the basin have fallen.", "say").kind, "anonymous");
  EXPECT_EQ(only("Q: Fishermen say catches in the basin have fallen.", "say").kind, "anonymous");
  EXPECT_EQ(only("Officials there said the queues were long.", "said").source, "Officials");
  EXPECT_TRUE(find("Election night: live updates").empty());
  EXPECT_TRUE(find("Memo: options for the ferry timetable").empty());
  EXPECT_TRUE(find("Thread: what the new bus timetable changes").empty());
  EXPECT_EQ(only("A Harbour Observer article said the road would cost 82 million pounds.", "said").kind,
            "media_outlet");
}

// A weather story written here: an "-ing" noun before the clause's verb heads its phrase.
TEST_F(Attributions, AWarningInPlaceIsNoReport) {
  EXPECT_TRUE(find("An amber heat warning is in place until Friday evening.").empty());
}

// A subject pronoun opens the reported clause; a newsroom that has learned something reports it.
TEST_F(Attributions, APronounOpensTheReportedClause) {
  Found f = only("The mayor admitted she took the money.", "admitted");
  EXPECT_EQ(f.source, "The mayor");
  EXPECT_EQ(only("The mayor was taken to hospital on Sunday, the Harbour Observer has learned.", "has learned").source,
            "the Harbour Observer");
  EXPECT_EQ(only("Her views were echoed by two harbour pilots.", "were echoed").source, "two harbour pilots");
}

// A literature review written here: an author with the team they lead is named.
TEST_F(Attributions, AnAuthorAndColleaguesAreNamed) {
  EXPECT_EQ(only("Unsworth and colleagues argue that the loss is significant.", "argue").kind, "named_person");
  EXPECT_EQ(only("Tourists and locals said the road was closed.", "said").kind, "anonymous");
  Found poll = only("Sixty-two percent of Republicans agreed that the returns should be released.", "agreed");
  EXPECT_EQ(poll.kind, "document");
  EXPECT_EQ(poll.caution, "");
  EXPECT_EQ(only("According to local tradition, the lens was sold to a collector.", "According to").kind,
            "anonymous");
}

// A fact check written here: a subordinate clause is no complement; a fee schedule is a document.
TEST_F(Attributions, ASubordinateClauseIsNoComplement) {
  EXPECT_EQ(only("The levy rose 36 percent, according to the council's published fee schedule.", "according to").kind,
            "document");
  for (const Found& f : find("The levy added 0.40 euros per tonne when it was introduced in 2023.")) {
    EXPECT_TRUE(f.inferred) << f.cue;
  }
}

TEST_F(Attributions, AnOperatorIsABody) {
  EXPECT_EQ(only("The port operator, Harbourline, said it had offered a 6 percent rise.", "said").kind,
            "official_statement");
}

TEST_F(Attributions, ASourceKeptUnnamedOnRequestIsAnonymous) {
  EXPECT_EQ(only("Its author, who asked not to be named, said she had rounded the figures.", "said").kind,
            "anonymous");
  EXPECT_EQ(only("A harbour official, speaking on condition of anonymity, said the pier was unsafe.", "said").kind,
            "anonymous");
  EXPECT_EQ(only("Its author, Ana Ruiz, said she had rounded the figures.", "said").kind, "named_person");
  // Budgets are documents.
  EXPECT_EQ(only("According to the council's budget, the levy rose to 61 pounds.", "According to").kind,
            "document");
}

TEST_F(Attributions, InATranscriptLineTheFirstPersonIsTheSpeaker) {
  const std::string text = "**BERG:** The fog came in fast. I asked the port control twice, and maybe they lied.\n";
  Document doc = parse_document(text, Markup::kMarkdown);
  Analysis analysis(doc, defaults());
  bool asked = false;
  for (const Attribution& a : analysis.attributions()) {
    if (doc.slice(a.cue) != "asked") continue;
    asked = true;
    EXPECT_FALSE(a.writer_source);
    EXPECT_EQ(doc.slice(a.antecedent), "BERG");
  }
  EXPECT_TRUE(asked);
  // The speaker's hedges are theirs, as inside quotation marks.
  for (const Cue& c : analysis.cues()) EXPECT_TRUE(c.in_quotation) << doc.slice(c.range);
  EXPECT_FALSE(analysis.cues().empty());
  // Outside a transcript the first person is the writer.
  Document essay = parse_document("I asked the port control twice.\n", Markup::kMarkdown);
  Analysis plain(essay, defaults());
  ASSERT_EQ(plain.attributions().size(), 1u);
  EXPECT_TRUE(plain.attributions()[0].writer_source);
  // A glossary's term is no speaker.
  EXPECT_TRUE(transcript_speaker(essay, plain.attributions(), 0).empty());
  Document glossary = parse_document("Chemical peel: it may reduce scars.\n", Markup::kMarkdown);
  Analysis term(glossary, defaults());
  for (const Cue& c : term.cues()) EXPECT_FALSE(c.in_quotation) << glossary.slice(c.range);
}

TEST_F(Attributions, AGlossaryTermIsNoSpeaker) {
  EXPECT_TRUE(find("Kellan Bridge: A stone arch over the River Dane, completed in 1784.").empty());
  EXPECT_EQ(only("Ana Ruiz: We will appeal the ruling.", ":").source, "Ana Ruiz");
  EXPECT_EQ(only("HARBOURWATCH: A Storm Of Protest Over The Levy", ":").source, "HARBOURWATCH");
}

// In the body of a text that names no speaker twice, "Mosul:" is a dateline: the claim after it is
// the writer's. A headline and a transcript name speakers that way, in capitals or not.
TEST_F(Attributions, ADatelineIsNoSpeaker) {
  auto colon_sources = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const Found& a : find(text)) {
      if (a.cue == ":") out.push_back(a.source);
    }
    return out;
  };
  EXPECT_EQ(colon_sources("Ruiz: We Will Appeal\n\nThe talks in Geneva broke up on Friday.\n\n"
                          "Mosul: Six people were shot dead at a checkpoint.\n\nRemember: the port is closed.\n"),
            std::vector<std::string>{"Ruiz"});
  EXPECT_EQ(colon_sources("Harbour hearing\n\nAna Ruiz: The levy doubled last year.\n\n"
                          "Tom Berg: And the ferries stopped running?\n\nRuiz: They stopped in March.\n"),
            (std::vector<std::string>{"Ana Ruiz", "Tom Berg", "Ruiz"}));
  EXPECT_EQ(colon_sources("Harbour hearing\n\nThe hearing opened late.\n\nBERG: I asked about the levy.\n"),
            std::vector<std::string>{"BERG"});
}

TEST_F(Attributions, EveryoneIsNoOneInParticular) {
  EXPECT_EQ(only("Everyone said the pier was failing.", "said").kind, "anonymous");
  EXPECT_EQ(only("Nobody told the crews that the channel was closed.", "told").kind, "anonymous");
  EXPECT_EQ(only("The fund holds 4 million pounds, according to the council's accounts.", "according to").kind,
            "document");
}

TEST_F(Attributions, ABodyTheTextDoesNotNameIsAnonymous) {
  EXPECT_EQ(only("The levy rose, according to a local aid group.", "according to").kind, "anonymous");
  EXPECT_EQ(only("The levy rose, according to an advocacy group.", "according to").kind, "anonymous");
  EXPECT_EQ(only("A statement from the fisheries ministry said the levy rose.", "said").kind, "official_statement");
  EXPECT_EQ(only("The levy rose, according to a local aid group, Harbour Help.", "according to").kind,
            "official_statement");
  EXPECT_EQ(only("The levy rose, according to the local aid group.", "according to").kind, "official_statement");
}

TEST_F(Attributions, AFindingThatSuggestsIsEvidence) {
  EXPECT_EQ(only("The rate fell above 40 degrees, which suggests that the enzymes denatured.", "suggests").kind,
            "document");
  EXPECT_EQ(only("The ministry, which said the dam was safe, closed the road.", "said").kind,
            "official_statement");
}

TEST_F(Attributions, OneReliabilityWarningPerSource) {
  Document doc = parse_document("The state broadcaster Harbour TV repeated the claim on Tuesday, citing local sources.",
                                Markup::kPlain);
  int warnings = 0, reports = 0;
  for (const Finding& finding : analyze(doc, defaults())) {
    warnings += finding.check == "source-reliability";
    reports += finding.check == "attribution";
  }
  EXPECT_EQ(reports, 2);  // "repeated" and "citing", both the broadcaster's
  EXPECT_EQ(warnings, 1);
}

TEST_F(Attributions, ADescriptorBeforeANameGivesItsKind) {
  Found f = only("The state broadcaster Harbour TV reported that the dam had failed.", "reported");
  EXPECT_EQ(f.kind, "state_media");
  EXPECT_FALSE(f.caution.empty());
  EXPECT_EQ(only("The news site Quayside Daily reported that the dam had failed.", "reported").kind, "media_outlet");
  EXPECT_EQ(only("Spokesman Tom Berg said the dam was safe.", "said").kind, "named_person");
  // A document made by someone is a document; an outlet's report is the outlet's.
  EXPECT_EQ(only("According to a survey by the Quayside Residents' Association, most flats flooded.",
                 "According to").kind,
            "document");
  EXPECT_EQ(only("According to a report by Reuters, the talks failed.", "According to").kind, "media_outlet");
}

TEST_F(Attributions, NounsAndObjectsAreNoReports) {
  // "claims" after "of": a noun. "maintains a program to": an object and a purpose, not a claim.
  EXPECT_TRUE(find("The fact-checkers rated 22 percent of Republican claims as false.").empty());
  EXPECT_TRUE(find("The harbour trust maintains a program to train young pilots.").empty());
  EXPECT_EQ(only("The harbour trust maintains that the pier is safe.", "maintains").source, "The harbour trust");
  EXPECT_EQ(only("The harbour master told the crews to leave at once.", "told").source, "The harbour master");
  // A noun given its name; a name given a judgement.
  EXPECT_TRUE(find("The pier was built near a stream called Miracle Run.").empty());
  EXPECT_EQ(only("The pilots who signed the letter called Varga a danger to the port.", "called").source,
            "The pilots who signed the letter");
}

TEST_F(Attributions, AnyBytesAreSafe) {
  std::mt19937 rng(7);
  const std::string pieces[] = {"said", " ", ",", "“", "”", "according to", "\n\n", "The", "(", ")",
                                "reported", ":", "—", "he", "\xff", "[x](http://a.b)", ".", "\"", "who"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) text += pieces[rng() % std::size(pieces)];
    Document doc = parse_document(text, round % 2 ? Markup::kMarkdown : Markup::kPlain);
    for (const Finding& f : analyze(doc, defaults())) {
      EXPECT_LE(f.range.end, text.size());
      EXPECT_LE(f.range.start, f.range.end);
    }
  }
}

}  // namespace
}  // namespace evidential::core
