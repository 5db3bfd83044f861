// The source registry: alias and domain look-ups against the built-in data.
#include "core/sources.h"

#include <gtest/gtest.h>

#include "config/config.h"

namespace evidential::core {
namespace {

const SourceRegistry& registry() { return *config::default_settings().sources; }

TEST(Sources, BuiltInRegistryLoads) { EXPECT_GE(registry().entries().size(), 150u); }

TEST(Sources, FindsAliasesWithAndWithoutTheArticle) {
  const SourceEntry* e = registry().find_alias("Rodong Sinmun");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, "state_media");
  const SourceEntry* ap = registry().find_alias("the Associated Press");
  ASSERT_NE(ap, nullptr);
  EXPECT_EQ(ap->kind, "wire_service");
}

TEST(Sources, CapitalisedAliasesNeedCapitals) {
  EXPECT_NE(registry().find_alias("The Sun"), nullptr);
  EXPECT_EQ(registry().find_alias("the sun"), nullptr);
  size_t pos = 0, len = 0;
  EXPECT_EQ(registry().find_in("the sun rose over the hill", &pos, &len), nullptr);
}

TEST(Sources, FindsTheLongestAliasInText) {
  std::string text = "a report by the Pyongyang news outlet NK News said";
  size_t pos = 0, len = 0;
  const SourceEntry* e = registry().find_in(text, &pos, &len);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(text.substr(pos, len), "NK News");
}

TEST(Sources, ClassifiesLinksByDomain) {
  const SourceEntry* e = registry().find_domain("https://www.reuters.com/world/some-story");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, "wire_service");
  EXPECT_EQ(registry().find_domain("https://example.org/x"), nullptr);
  EXPECT_EQ(registry().find_domain("https://com/"), nullptr);
}

}  // namespace
}  // namespace evidential::core

namespace evidential::core {
namespace {

TEST(Sources, NamesInsideQuotesAndPossessives) {
  size_t pos = 0, len = 0;
  std::string quoted = "a statement from the “Donetsk People’s Republic” said";
  const SourceEntry* e = registry().find_in(quoted, &pos, &len);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(quoted.substr(pos, len), "Donetsk People’s Republic");
  std::string possessive = "Reuters’s reporters said";
  e = registry().find_in(possessive, &pos, &len);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(possessive.substr(pos, len), "Reuters");
}

}  // namespace
}  // namespace evidential::core
