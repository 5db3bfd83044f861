// Runs every check's annotated examples: `[[...]]` marks exactly the ranges the check must report, and
// an example without marks must produce no finding from that check.
#include <gtest/gtest.h>

#include "config/config.h"
#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

struct Example {
  std::string text;
  Markup markup = Markup::kPlain;
  std::vector<Range> expected;
};

Example parse_example(std::string_view annotated) {
  Example ex;
  if (annotated.rfind("md:", 0) == 0) {
    ex.markup = Markup::kMarkdown;
    annotated.remove_prefix(3);
  }
  std::vector<uint32_t> opens;
  for (size_t i = 0; i < annotated.size(); ++i) {
    if (annotated.substr(i, 2) == "[[") {
      opens.push_back(static_cast<uint32_t>(ex.text.size()));
      ++i;
    } else if (annotated.substr(i, 2) == "]]" && !opens.empty()) {
      ex.expected.push_back({opens.back(), static_cast<uint32_t>(ex.text.size())});
      opens.pop_back();
      ++i;
    } else {
      ex.text += annotated[i];
    }
  }
  std::sort(ex.expected.begin(), ex.expected.end(),
            [](Range a, Range b) { return a.start != b.start ? a.start < b.start : a.end < b.end; });
  return ex;
}

std::string describe(const std::string& text, const std::vector<Range>& ranges) {
  std::string out;
  for (Range r : ranges) out += " [[" + std::string(slice(text, r)) + "]]@" + std::to_string(r.start);
  return out.empty() ? " (none)" : out;
}

TEST(CheckExamples, EveryCheckHasDocumentationAndExamples) {
  ASSERT_FALSE(all_checks().empty());
  for (const Check* check : all_checks()) {
    const CheckInfo& info = check->info();
    EXPECT_FALSE(info.summary.empty()) << info.id;
    EXPECT_FALSE(info.rationale.empty()) << info.id;
    EXPECT_FALSE(info.advice.empty()) << info.id;
    bool flagged = false, clean = false;
    for (std::string_view e : info.examples) {
      (e.find("[[") != std::string_view::npos ? flagged : clean) = true;
    }
    EXPECT_TRUE(flagged) << info.id << " needs at least one flagged example";
    EXPECT_TRUE(clean) << info.id << " needs at least one clean example";
  }
}

TEST(CheckExamples, EveryExampleBehavesAsAnnotated) {
  Settings base = config::default_settings();
  for (const Check* check : all_checks()) {
    Settings settings = base;
    for (const Check* other : all_checks()) {
      if (other != check) settings.checks[std::string(other->info().id)] = std::nullopt;
    }
    for (std::string_view annotated : check->info().examples) {
      Example ex = parse_example(annotated);
      Document doc = parse_document(ex.text, ex.markup);
      std::vector<Finding> findings = analyze(doc, settings);
      std::vector<Range> got;
      for (const Finding& f : findings) got.push_back(f.range);
      EXPECT_EQ(describe(ex.text, got), describe(ex.text, ex.expected))
          << "check " << check->info().id << " on example: " << annotated;
    }
  }
}

}  // namespace
}  // namespace evidential::core
