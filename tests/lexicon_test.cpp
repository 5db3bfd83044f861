// normalise_word lower-cases ASCII words several bytes at a time: it must agree, byte for byte, with
// the plain definition (ASCII capitals lowered, curly apostrophes straightened) on every shape of word.
#include "core/lexicon.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace evidential::core {
namespace {

std::string normalised_by_definition(std::string_view word) {
  std::string out;
  for (size_t i = 0; i < word.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (word.substr(i, 3) == "\u2019" || word.substr(i, 3) == "\u2018") {
      out += '\'';
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

TEST(Lexicon, NormaliseWordMatchesItsDefinition) {
  // Every byte class at every length around the 4- and 8-byte steps: the ASCII boundaries of the
  // capitals ('@', 'A', 'Z', '['), lower case, digits, UTF-8 bytes and curly apostrophes.
  const std::string pieces[] = {"@", "A", "Z", "[", "a", "z", "`", "{", "0", "'", "\x7f", "\u2019", "\u2018",
                                "\u00c9", "-", "M"};
  std::mt19937 rng(7);
  for (int round = 0; round < 20000; ++round) {
    std::string word;
    const size_t parts = rng() % 20;
    for (size_t k = 0; k < parts; ++k) word += pieces[rng() % std::size(pieces)];
    ASSERT_EQ(normalise_word(word), normalised_by_definition(word)) << word;
  }
  EXPECT_EQ(normalise_word("Don\u2019t"), "don't");
  EXPECT_EQ(normalise_word("INTERNATIONALISATION"), "internationalisation");
  EXPECT_EQ(normalise_word("Abc"), "abc");
}

}  // namespace
}  // namespace evidential::core
