// Whom "he" or "she" stands for as an attribution's source: the one person quoted or reported earlier
// in the same paragraph, and nobody when two could be meant. Sentences written for these tests.
#include <gtest/gtest.h>

#include <string>

#include "config/config.h"
#include "core/analysis.h"

namespace evidential::core {
namespace {

struct Pronoun {
  std::string source, antecedent, kind;
};

/// The attribution whose source is `pronoun` (the last one, when there are several).
Pronoun resolve(const std::string& text, const std::string& pronoun = "She") {
  static const Settings settings = config::default_settings();
  Document doc = parse_document(text, Markup::kPlain);
  Analysis analysis(doc, settings);
  Pronoun out;
  for (const Attribution& a : analysis.attributions()) {
    if (doc.slice(a.source) != pronoun) continue;
    out = {std::string(doc.slice(a.source)), std::string(doc.slice(a.antecedent)),
           std::string(source_kind_name(a.kind))};
  }
  EXPECT_EQ(out.source, pronoun) << "no attribution to \"" << pronoun << "\" in: " << text;
  return out;
}

TEST(PersonPronouns, TheOnePersonEarlierInTheParagraph) {
  Pronoun p = resolve(
      "\"The pier is safe,\" the harbour master, Ines Moreau, told reporters. She said repairs would "
      "start in June.");
  EXPECT_EQ(p.antecedent, "the harbour master, Ines Moreau");
  EXPECT_EQ(p.kind, "named_person");
}

TEST(PersonPronouns, OnePersonUnderTwoNamesKeepsTheFullerOne) {
  Pronoun p = resolve(
      "The harbour master, Ines Moreau, said the pier was safe. Moreau added that divers had inspected "
      "it. She said repairs would start in June.");
  EXPECT_EQ(p.antecedent, "The harbour master, Ines Moreau");
}

TEST(PersonPronouns, TwoPeopleMeanNobody) {
  Pronoun p = resolve(
      "Ines Moreau said the pier was safe. Tomas Reyes said it was not. She said repairs would start "
      "in June.");
  EXPECT_EQ(p.antecedent, "");
}

TEST(PersonPronouns, NeverFromAnotherParagraph) {
  Pronoun p = resolve("Ines Moreau said the pier was safe.\n\nShe said repairs would start in June.\n");
  EXPECT_EQ(p.antecedent, "");
}

TEST(PersonPronouns, ASpokespersonCarriesTheKind) {
  Pronoun p = resolve(
      "A spokesman for the transport ministry said the line would close. He said buses would replace "
      "the trains.",
      "He");
  EXPECT_EQ(p.antecedent, "A spokesman for the transport ministry");
  EXPECT_EQ(p.kind, "official_statement");
}

TEST(PersonPronouns, AnOutletIsNotAPerson) {
  Pronoun p = resolve("The Aldermoor Gazette reported the closure. She said the line would reopen.");
  EXPECT_EQ(p.antecedent, "");
}

}  // namespace
}  // namespace evidential::core
