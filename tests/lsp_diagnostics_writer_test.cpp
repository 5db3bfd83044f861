// The direct diagnostics writer must produce the same JSON as to_diagnostic() + nlohmann, and the
// forward position sweep the same positions as to_position, in every encoding.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/analysis.h"
#include "core/document.h"
#include "core/incremental.h"
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

namespace {

using namespace evidential;

// The block-by-block writer, whose serialized blocks outlive the versions they were written for, must
// write exactly what write_diagnostics writes for the merged findings, version after version: blocks
// moving by lines and columns, suppression comments, reference links (findings placed in definitions),
// every encoding, with and without related information.
TEST(LspDiagnosticsWriter, BlockWriterEqualsMergedWriterAcrossEdits) {
  const std::string seed =
      "# Plans “may” change\n"
      "\n"
      "The council may approve it, officials said. Prices might rise 😀 soon.\n"
      "\n"
      "> A quote may hedge.\n"
      "> It continues — perhaps.\n"
      "\n"
      "- An item may matter\n"
      "  and could continue\n"
      "\n"
      "<!-- evidential-disable-next-line hedge -->\n"
      "This line may be quiet. Another might not.\n"
      "\n"
      "Critics reportedly see [the budget][b] as weak.\n"
      "\n"
      "[b]: https://example.org/budget\n";
  const std::vector<std::string> pieces = {"a",
                                           " ",
                                           "\n",
                                           "\n\n",
                                           "may ",
                                           "“",
                                           "😀",
                                           "> ",
                                           "- ",
                                           "  ",
                                           "<!-- evidential-disable hedge -->\n",
                                           "<!-- evidential-enable -->\n",
                                           "[b] ",
                                           "It could rain. ",
                                           "é"};
  const core::Settings settings = config::default_settings();
  for (auto encoding : {core::Encoding::kUtf8, core::Encoding::kUtf16, core::Encoding::kUtf32}) {
    for (bool related : {false, true}) {
      std::mt19937 rng(static_cast<unsigned>(encoding) * 2 + related);
      std::string text = seed;
      core::IncrementalAnalyzer analyzer(core::Markup::kMarkdown);
      lsp::BlockDiagnosticsWriter writer;
      size_t reused = 0, blocks = 0;
      for (int step = 0; step < 300; ++step) {
        // Insert or delete at a character boundary.
        size_t at = rng() % (text.size() + 1);
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
        if (rng() % 3 == 0 && at < text.size()) {
          size_t n = 1 + rng() % 3;
          size_t end = std::min(text.size(), at + n);
          while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
          text.erase(at, end - at);
        } else {
          text.insert(at, pieces[rng() % pieces.size()]);
        }
        if (text.size() > 4000) text = seed;
        std::optional<core::BlockedFindings> blocked = analyzer.analyze_blocks(text, settings, 1);
        ASSERT_TRUE(blocked.has_value());
        std::vector<core::Finding> merged = blocked->merged();
        core::LineIndex lines(text);
        lsp::AnalyzedDocument view;
        view.uri = "file:///w/edits.md";
        view.text = text;
        view.lines = &lines;
        view.findings = &merged;
        view.encoding = encoding;
        std::string expected;
        lsp::write_diagnostics(view, related, expected);
        std::string written = "prefix";
        writer.write(view, *blocked, related, written);
        ASSERT_EQ(written, "prefix" + expected) << "step " << step << "\n" << text;
        blocks += writer.last_stats().blocks;
        reused += writer.last_stats().blocks - writer.last_stats().serialized;
      }
      EXPECT_GT(reused * 2, blocks) << "most blocks should be copied, not serialized again";
    }
  }
}

}  // namespace
