// TextMap, the analysis's flat map keyed by text: it must behave as a map of strings whatever the
// callers' keys point into, across growth, and keep insertion order.
#include "core/analysis/text_map.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace evidential::core {
namespace {

TEST(TextMap, BehavesAsAMapOfStringsAcrossGrowth) {
  TextMap<int> map;
  std::map<std::string, int> expected;
  for (int i = 0; i < 5000; ++i) {
    std::string key = "w" + std::to_string(i * 7919 % 3001);  // repeats, so some inserts find a key
    auto [value, added] = map.emplace(key, text_hash(key));
    EXPECT_EQ(added, expected.count(key) == 0) << key;
    value += i;
    expected[key] += i;
    key.assign(key.size(), '#');  // the map holds its own copy of the key
  }
  EXPECT_EQ(map.size(), expected.size());
  for (const auto& [key, value] : expected) {
    const int* found = map.find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value) << key;
  }
  EXPECT_EQ(map.find("absent"), nullptr);
  EXPECT_EQ(map.find("w"), nullptr);
  EXPECT_EQ(map.entries().front().first, "w0");  // insertion order
}

TEST(TextMap, EmptyKeysAndSets) {
  TextMap<int> map{{"", 1}, {"a", 2}};
  EXPECT_EQ(*map.find(""), 1);
  EXPECT_EQ(*map.find("a"), 2);
  TextMap<int> copy = map;
  map.clear();
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(*copy.find("a"), 2);
  const TextSet set{"said", "told"};
  EXPECT_TRUE(set.contains("said"));
  EXPECT_EQ(set.count("says"), 0u);
}

}  // namespace
}  // namespace evidential::core
