// The direct diagnostics writer must produce the same JSON as to_diagnostic() + nlohmann, and the
// forward position sweep the same positions as to_position, in every encoding.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "core/analysis.h"
#include "core/document.h"
#include "lsp/connection.h"
#include "lsp/diagnostics_writer.h"
#include "lsp/positions.h"

namespace {

using namespace evidential;

constexpr const char* kText =
    "# Notes “may” vary\n"
    "\n"
    "It may rain 😀 today, and prices might rise; officials said it could.\r\n"
    "> A quote may hedge — “perhaps” — twice.\n"
    "\n"
    "Tabs\there may\tmatter.\n";

TEST(LspDiagnosticsWriter, MatchesTheProtocolTypes) {
  std::string text = kText;
  core::Document doc = core::parse_document(text, core::Markup::kMarkdown);
  std::vector<core::Finding> findings = core::analyze(doc, config::default_settings());
  ASSERT_GE(findings.size(), 4u);
  // Findings the checks here do not produce yet: fixes and related places, an escaped message, and
  // bytes that are not UTF-8.
  core::Finding& f = findings.emplace_back(findings.front());
  f.message = "quote \" backslash \\ control \x01 tab \t newline \n end";
  f.fixes.push_back({"Use \"said\"", {{{5, 8}, "said"}}});
  f.related.push_back({{0, 3}, "here"});
  core::Finding& g = findings.emplace_back(findings.front());
  g.message = std::string("bad \xff byte");
  core::Finding& h = findings.emplace_back(findings.back());
  h.message = "plain";
  h.range = {static_cast<uint32_t>(text.size()), static_cast<uint32_t>(text.size())};

  core::LineIndex lines(text);
  for (auto encoding : {core::Encoding::kUtf8, core::Encoding::kUtf16, core::Encoding::kUtf32}) {
    for (bool related : {false, true}) {
      lsp::AnalyzedDocument view;
      view.uri = "file:///w/a.md";
      view.text = text;
      view.lines = &lines;
      view.findings = &findings;
      view.encoding = encoding;
      std::string written;
      lsp::write_diagnostics(view, related, written);
      lsp::json expected = lsp::json::array();
      for (const core::Finding& x : findings) expected.push_back(lsp::to_diagnostic(view, x, related));
      // Through a string, as a client would see both.
      EXPECT_EQ(lsp::json::parse(written), lsp::json::parse(lsp::serialize(expected)))
          << "encoding " << static_cast<int>(encoding) << " related " << related;
    }
  }
  std::string message = "stale";
  lsp::write_publish_diagnostics("file:///w/a \"b\".md", 7, nullptr, false, message);
  EXPECT_EQ(lsp::json::parse(message),
            lsp::json::parse(R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics",
                                 "params":{"uri":"file:///w/a \"b\".md","version":7,"diagnostics":[]}})"));
}

TEST(LspDiagnosticsWriter, PositionSweepEqualsToPosition) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Line “" + std::to_string(i) + "” 😀 é\tx\r\n";
  text += "\xff\xfe tail";
  core::LineIndex lines(text);
  std::mt19937 rng(3);
  for (auto encoding : {core::Encoding::kUtf8, core::Encoding::kUtf16, core::Encoding::kUtf32}) {
    lsp::PositionSweep sweep(lines, text, encoding);
    uint32_t offset = 0;
    for (int i = 0; i < 3000; ++i) {
      // Mostly forward, sometimes back, sometimes past the end.
      int step = static_cast<int>(rng() % 40) - 8;
      offset = static_cast<uint32_t>(std::clamp<int64_t>(int64_t{offset} + step, 0, int64_t(text.size()) + 3));
      EXPECT_EQ(sweep.at(offset), lsp::to_position(lines, offset, encoding)) << offset;
    }
  }
}

}  // namespace
