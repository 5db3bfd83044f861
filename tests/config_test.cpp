// Configuration: comments allowed, every error names file, line and column, and the built-in registry
// loads.
#include "config/config.h"
#include "core/embedded.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace evidential::config {
namespace {

TEST(Config, AcceptsCommentsAndSetsSeverities) {
  auto r = parse_config(R"({
    // switch hedges down
    "checks": {"hedge": "hint"},
    /* block comments too */
    "options": {"hedge": {"threshold": 0.7}},
    "languages": {".mdx": "markdown"}
  })", ".evidential.json", default_settings());
  ASSERT_TRUE(std::holds_alternative<core::Settings>(r)) << std::get<ConfigError>(r).to_string();
  const core::Settings& s = std::get<core::Settings>(r);
  EXPECT_EQ(s.checks.at("hedge"), core::Severity::kHint);
  EXPECT_DOUBLE_EQ(s.option("hedge", "threshold", 0.5), 0.7);
  auto off = parse_config(R"({"checks": {"hedge": "off"}})", "c", default_settings());
  ASSERT_TRUE(std::holds_alternative<core::Settings>(off));
  EXPECT_FALSE(std::get<core::Settings>(off).checks.at("hedge").has_value());
  EXPECT_EQ(s.languages.at(".mdx"), core::Markup::kMarkdown);
}

TEST(Config, SyntaxErrorsNameLineAndColumn) {
  auto r = parse_config("{\n  \"checks\": {\"hedge\": \"hint\",}\n}", "cfg.json", default_settings());
  ASSERT_TRUE(std::holds_alternative<ConfigError>(r));
  const ConfigError& e = std::get<ConfigError>(r);
  EXPECT_EQ(e.line, 2u);
  EXPECT_GT(e.column, 20u);
  EXPECT_NE(e.to_string().find("cfg.json:2:"), std::string::npos) << e.to_string();
}

TEST(Config, WrongTypesAndUnknownNamesAreErrors) {
  auto bad_level = parse_config("{\"checks\": {\"hedge\": \"loud\"}}", "c", default_settings());
  ASSERT_TRUE(std::holds_alternative<ConfigError>(bad_level));
  EXPECT_NE(std::get<ConfigError>(bad_level).message.find("checks.hedge"), std::string::npos);

  auto unknown_check = parse_config("{\"checks\": {\"hedges\": \"off\"}}", "c", default_settings());
  ASSERT_TRUE(std::holds_alternative<ConfigError>(unknown_check));
  EXPECT_NE(std::get<ConfigError>(unknown_check).message.find("unknown check"), std::string::npos);

  auto wrong_type = parse_config("{\"ignore\": \"drafts/*\"}", "c", default_settings());
  ASSERT_TRUE(std::holds_alternative<ConfigError>(wrong_type));

  auto not_object = parse_config("[1, 2]", "c", default_settings());
  ASSERT_TRUE(std::holds_alternative<ConfigError>(not_object));
}

TEST(Config, LexiconAndSourceOverrides) {
  auto r = parse_config(R"({
    "lexicon": {"hedges": {"add": ["arguably", {"phrase": "in all likelihood", "category": "phrase"}],
                           "remove": ["slightly"]}},
    "sources": [{"name": "The Example Gazette", "aliases": ["Example Gazette"], "kind": "partisan",
                 "note": "A test outlet."}]
  })", "c", default_settings());
  ASSERT_TRUE(std::holds_alternative<core::Settings>(r)) << std::get<ConfigError>(r).to_string();
  const core::Settings& s = std::get<core::Settings>(r);
  std::vector<std::string_view> words = {"arguably"};
  EXPECT_NE(s.lexicon->list("hedges").longest_match(words, 0), nullptr);
  words = {"slightly"};
  EXPECT_EQ(s.lexicon->list("hedges").longest_match(words, 0), nullptr);
  const core::SourceEntry* e = s.sources->find_alias("the Example Gazette");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, "partisan");
  // The built-in defaults are untouched.
  EXPECT_NE(default_settings().lexicon->list("hedges").longest_match(words, 0), nullptr);
}

TEST(Config, FindsTheNearestFileWalkingUp) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("evidential-config-test-" + std::to_string(::getpid()));
  fs::create_directories(root / "a" / "b");
  std::ofstream(root / ".evidential.json") << "{}";
  EXPECT_EQ(find_config(root / "a" / "b"), root / ".evidential.json");
  std::ofstream(root / "a" / ".evidential.json") << "{}";
  EXPECT_EQ(find_config(root / "a" / "b" / "doc.md"), root / "a" / ".evidential.json");
  fs::remove_all(root);
}


TEST(Config, CompiledRegistryEqualsTheParsedJson) {
  // The registry compiled in at build time (cmake/registry_codegen.cpp) is what parsing the embedded
  // JSON at run time gives, entry for entry and byte for byte.
  std::vector<core::SourceEntry> builtin;
  ASSERT_TRUE(config::detail::builtin_registry(&builtin));
  auto parsed = config::parse_registry(core::embedded_file("sources/registry.json"), "registry.json");
  ASSERT_TRUE(std::holds_alternative<std::vector<core::SourceEntry>>(parsed));
  const auto& want = std::get<std::vector<core::SourceEntry>>(parsed);
  ASSERT_EQ(builtin.size(), want.size());
  ASSERT_GT(want.size(), 100u);
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(builtin[i].name, want[i].name);
    EXPECT_EQ(builtin[i].aliases, want[i].aliases) << want[i].name;
    EXPECT_EQ(builtin[i].domains, want[i].domains) << want[i].name;
    EXPECT_EQ(builtin[i].kind, want[i].kind) << want[i].name;
    EXPECT_EQ(builtin[i].country, want[i].country) << want[i].name;
    EXPECT_EQ(builtin[i].reliability, want[i].reliability) << want[i].name;
    EXPECT_EQ(builtin[i].note, want[i].note) << want[i].name;
  }
  EXPECT_EQ(config::default_settings().sources->entries().size(), want.size());
}

}  // namespace
}  // namespace evidential::config
