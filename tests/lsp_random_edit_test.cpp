// Thousands of random edits (UTF-16 positions, multi-byte characters, surrogate pairs, newlines, Markdown
// syntax, suppression comments, reference links) checked three ways against a fresh analysis of the
// same text: text sync (lsp::apply_changes), core::IncrementalAnalyzer, and the server end to end.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "core/analysis.h"
#include "core/document.h"
#include "core/incremental.h"
#include "core/markup/markup.h"
#include "core/utf8.h"
#include "lsp/documents.h"
#include "lsp/server.h"
#include "lsp/transport.h"
#include "tests/lsp/pipe_client.h"

namespace {

using nlohmann::json;

// Our own text: hedges, quotes, links, Markdown containers and a suppression comment.
constexpr const char* kSeed =
    "# Harbour plans may change\n"
    "\n"
    "The council could approve the plan on Tuesday, officials said. It “might” cost more.\n"
    "Residents reportedly disagree [1] and see [the budget][b].\n"
    "\n"
    "> A quoted line may hedge.\n"
    "> It continues here — perhaps.\n"
    "\n"
    "- First item may matter\n"
    "- Second item 😀 could too\n"
    "\n"
    "<!-- evidential-disable-next-line hedge -->\n"
    "This line may be quiet.\n"
    "\n"
    "| Column | Note |\n"
    "|---|---|\n"
    "| cell | it may vary |\n"
    "\n"
    "[b]: https://example.org/budget\n";

const std::vector<std::u16string>& pieces() {
  static const std::vector<std::u16string> kPieces = {
      u"a", u"e", u"x", u" ", u" ", u"\n", u"\n\n", u".", u",", u"é", u"“", u"”", u"’", u"—", u"😀", u"𝒜",
      u"may ", u"might ", u"could ", u"reportedly ", u"perhaps ", u"May ", u"said ", u"# ", u"> ",
      u"- ", u"1. ", u"`code` ", u"[link](https://example.org) ", u"[b] ", u"[text][b] ", u"\"", u"'",
      u"<!-- evidential-disable-next-line hedge -->\n", u"<!-- evidential-disable -->\n",
      u"<!-- evidential-enable -->\n", u"[c]: https://example.net\n", u"| a | b |\n", u"```\n", u"    ",
      u"The plan may work. ", u"Officials said it could.\n", u"[^1] ", u"[^1]: A note.\n", u"===\n", u"---\n",
      u"## Results\n", u"Yields fell by 14 percent in 2023. ", u"# House rules\n", u"## Sources\n",
      u"Q: ", u"A: ", u"\nVANCE: ", u"The levy raised 4 million euros in 2025. "};
  return kPieces;
}

std::string to_utf8(const std::u16string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < s.size()) {
      c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    }
    evidential::core::append_utf8(out, c);
  }
  return out;
}

std::u16string to_utf16(std::string_view s) {
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    char32_t c;
    int n;
    if (b < 0x80) { c = b; n = 1; }
    else if (b < 0xE0) { c = b & 0x1F; n = 2; }
    else if (b < 0xF0) { c = b & 0x0F; n = 3; }
    else { c = b & 0x07; n = 4; }
    for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<size_t>(n);
    if (c >= 0x10000) {
      out.push_back(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(c));
    }
  }
  return out;
}

/// LSP position (UTF-16) of unit offset `at`, counted independently of core::LineIndex.
std::pair<uint32_t, uint32_t> position16(const std::u16string& text, size_t at) {
  uint32_t line = 0, column = 0;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == u'\n') {
      ++line;
      column = 0;
    } else {
      ++column;
    }
  }
  return {line, column};
}

bool splits_pair(const std::u16string& text, size_t at) {
  return at > 0 && at < text.size() && text[at] >= 0xDC00 && text[at] < 0xE000;
}

struct RandomEdit {
  size_t start, end;  // UTF-16 units
  std::u16string insert;
};

RandomEdit random_edit(std::mt19937& rng, const std::u16string& text) {
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n)(rng); };
  RandomEdit e;
  do e.start = pick(text.size()); while (splits_pair(text, e.start));
  size_t max_delete = std::min<size_t>(text.size() - e.start, pick(3) == 0 ? 40 : 4);
  do e.end = e.start + pick(max_delete); while (splits_pair(text, e.end));
  // Keep the document from shrinking to nothing or growing without bound.
  if (text.size() > 6000 && e.end - e.start < 10) e.end = std::min(text.size(), e.start + 30);
  while (splits_pair(text, e.end)) ++e.end;
  int count = static_cast<int>(pick(2));
  if (text.size() < 500) count += 3;
  for (int i = 0; i < count; ++i) e.insert += pieces()[pick(pieces().size() - 1)];
  return e;
}

/// Findings as comparable lines: "line:col-line:col code severity message", with UTF-16 columns
/// computed here from byte offsets.
std::vector<std::string> describe(const std::vector<evidential::core::Finding>& findings, const std::string& text) {
  std::vector<uint32_t> unit_of(text.size() + 1, 0);  // byte offset -> UTF-16 offset
  uint32_t units = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    for (size_t k = 0; k < n && i + k <= text.size(); ++k) unit_of[i + k] = units;
    units += n == 4 ? 2 : 1;
    i += n;
  }
  unit_of[text.size()] = units;
  std::u16string t16 = to_utf16(text);
  std::vector<std::string> out;
  for (const auto& f : findings) {
    auto [l1, c1] = position16(t16, unit_of[f.range.start]);
    auto [l2, c2] = position16(t16, unit_of[f.range.end]);
    out.push_back(std::to_string(l1) + ":" + std::to_string(c1) + "-" + std::to_string(l2) + ":" +
                  std::to_string(c2) + " " + std::string(f.check) + " " +
                  std::to_string(static_cast<int>(f.severity)) + " " + f.message);
  }
  return out;
}

std::vector<std::string> describe(const json& diagnostics) {
  std::vector<std::string> out;
  for (const json& d : diagnostics) {
    const json& r = d["range"];
    out.push_back(std::to_string(r["start"]["line"].get<int>()) + ":" +
                  std::to_string(r["start"]["character"].get<int>()) + "-" +
                  std::to_string(r["end"]["line"].get<int>()) + ":" +
                  std::to_string(r["end"]["character"].get<int>()) + " " + d["code"].get<std::string>() + " " +
                  std::to_string(d["severity"].get<int>()) + " " + d["message"].get<std::string>());
  }
  return out;
}

// The markup layer alone: the incremental Markdown parse must find exactly the blocks a fresh parse
// finds, whatever tree-sitter reused.
TEST(LspRandomEdits, IncrementalMarkdownParseEqualsFreshParse) {
  std::mt19937 rng(20261128);
  std::u16string text = to_utf16(kSeed);
  evidential::core::IncrementalMarkdownParser parser;
  for (int step = 0; step < 1500; ++step) {
    RandomEdit e = random_edit(rng, text);
    text.replace(e.start, e.end - e.start, e.insert);
    const std::string utf8 = to_utf8(text);
    auto a = parser.parse(utf8);
    auto b = evidential::core::parse_markdown(utf8);
    ASSERT_EQ(a.blocks.size(), b.blocks.size()) << "step " << step << "\n" << utf8;
    for (size_t i = 0; i < a.blocks.size(); ++i) {
      ASSERT_EQ(a.blocks[i].range, b.blocks[i].range) << "step " << step << " block " << i << "\n" << utf8;
      ASSERT_EQ(a.blocks[i].holes, b.blocks[i].holes) << "step " << step;
      ASSERT_EQ(a.blocks[i].kind, b.blocks[i].kind) << "step " << step;
      ASSERT_EQ(a.blocks[i].heading_level, b.blocks[i].heading_level) << "step " << step;
      ASSERT_EQ(a.blocks[i].quote_depth, b.blocks[i].quote_depth) << "step " << step;
      ASSERT_EQ(a.blocks[i].list_depth, b.blocks[i].list_depth) << "step " << step;
      ASSERT_EQ(a.blocks[i].own_findings, b.blocks[i].own_findings) << "step " << step;
          ASSERT_EQ(a.blocks[i].no_speaker_labels, b.blocks[i].no_speaker_labels) << "step " << step;
          ASSERT_EQ(a.blocks[i].spoken, b.blocks[i].spoken) << "step " << step;
          ASSERT_EQ(a.blocks[i].footnote, b.blocks[i].footnote) << "step " << step;
    }
    ASSERT_EQ(a.directives.size(), b.directives.size()) << "step " << step;
    ASSERT_EQ(a.link_definitions.size(), b.link_definitions.size()) << "step " << step;
    ASSERT_EQ(a.documents_software, b.documents_software) << "step " << step << "\n" << utf8;
    ASSERT_EQ(a.states_rules, b.states_rules) << "step " << step << "\n" << utf8;
  }
}

// Typing: single characters (letters, spaces, punctuation, curly quotes) typed and deleted anywhere,
// the edits the parser handles without re-parsing when they cannot move a block boundary.
TEST(LspRandomEdits, TypingKeepsMarkdownBlocksExact) {
  std::mt19937 rng(5);
  std::string text = kSeed;
  evidential::core::IncrementalMarkdownParser parser;
  const std::vector<std::string> keys = {"a", "e", "t", " ", " ", ".", ",", "1", "’", "“", "\n", "-", "#", ">", "|", "`", "["};
  for (int step = 0; step < 4000; ++step) {
    size_t at = rng() % (text.size() + 1);
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
    if (rng() % 3 == 0 && at < text.size()) {
      size_t n = 1;
      while (at + n < text.size() && (static_cast<unsigned char>(text[at + n]) & 0xC0) == 0x80) ++n;
      text.erase(at, n);
    } else {
      text.insert(at, keys[rng() % keys.size()]);
    }
    auto a = parser.parse(text);
    auto b = evidential::core::parse_markdown(text);
    ASSERT_EQ(a.blocks.size(), b.blocks.size()) << "step " << step << "\n" << text;
    for (size_t i = 0; i < a.blocks.size(); ++i) {
      ASSERT_EQ(a.blocks[i].range, b.blocks[i].range) << "step " << step << " block " << i << "\n" << text;
      ASSERT_EQ(a.blocks[i].holes, b.blocks[i].holes) << "step " << step;
      ASSERT_EQ(a.blocks[i].kind, b.blocks[i].kind) << "step " << step;
      ASSERT_EQ(a.blocks[i].quote_depth, b.blocks[i].quote_depth) << "step " << step;
      ASSERT_EQ(a.blocks[i].list_depth, b.blocks[i].list_depth) << "step " << step;
    }
    ASSERT_EQ(a.directives.size(), b.directives.size()) << "step " << step;
    for (size_t i = 0; i < a.directives.size(); ++i) ASSERT_EQ(a.directives[i].range, b.directives[i].range);
    ASSERT_EQ(a.link_definitions.size(), b.link_definitions.size()) << "step " << step;
    for (size_t i = 0; i < a.link_definitions.size(); ++i) {
      ASSERT_EQ(a.link_definitions[i].label, b.link_definitions[i].label) << "step " << step;
      ASSERT_EQ(a.link_definitions[i].destination, b.link_definitions[i].destination) << "step " << step;
    }
    ASSERT_EQ(a.footnote_definitions, b.footnote_definitions) << "step " << step;
  }
}

// A fact of the whole text that one block needs: whether its "VANCE:" or "A:" names a speaker. The
// server analyses block by block, so the fact must travel with the block: the answer after a question
// and the speaker's later sentences are theirs in the editor as on the command line.
TEST(LspRandomEdits, SpeakersOfTranscriptsAndInterviewsAreKnownBlockByBlock) {
  const evidential::core::Settings settings = evidential::config::default_settings();
  const std::string texts[] = {
      "Q: How busy was the port?\n\nA: We handled 4.2 million tonnes in 2025, the most since 1998.\n",
      "VANCE: Thank you. The levy raised 4.2 million euros in 2025.\n\nOKAFOR: No.\n\nVANCE: It did.\n",
      "A: We handled 4.2 million tonnes in 2025, the most since 1998.\n"};
  size_t findings = 0;
  for (auto markup : {evidential::core::Markup::kMarkdown, evidential::core::Markup::kPlain}) {
    for (const std::string& text : texts) {
      evidential::core::IncrementalAnalyzer analyzer(markup);
      auto incremental = analyzer.analyze(text, settings, 1);
      auto full = evidential::core::analyze(evidential::core::parse_document(text, markup), settings);
      EXPECT_EQ(describe(incremental, text), describe(full, text)) << text;
      for (const auto& f : incremental) findings += f.check == "unsourced-claim";
    }
  }
  // Only the answer with no question is a claim of the writer's (once per markup).
  EXPECT_EQ(findings, 2u);
}

// Every document of our own (the bundled example, the markup golden files), analysed block by block as
// the server does, gives what the command line's analysis of the whole text gives. A developer can add
// files of their own, colon-separated, in EVIDENTIAL_BLOCK_TEST_FILES (a .md file is read as Markdown).
TEST(LspRandomEdits, BlockByBlockEqualsWholeTextOnOurDocuments) {
  const evidential::core::Settings settings = evidential::config::default_settings();
  const std::filesystem::path root = EVIDENTIAL_SOURCE_DIR;
  std::vector<std::filesystem::path> files;
  for (const auto& dir : {root / "examples", root / "tests" / "golden" / "markup"}) {
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      const std::string ext = e.path().extension().string();
      if (ext == ".md" || ext == ".txt") files.push_back(e.path());
    }
  }
  if (const char* extra = std::getenv("EVIDENTIAL_BLOCK_TEST_FILES")) {
    std::string list = extra;
    for (size_t at = 0; at < list.size();) {
      size_t end = list.find(':', at);
      if (end == std::string::npos) end = list.size();
      if (end > at) files.emplace_back(list.substr(at, end - at));
      at = end + 1;
    }
  }
  ASSERT_GT(files.size(), 5u);
  size_t findings = 0;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto markup = path.extension() == ".md" ? evidential::core::Markup::kMarkdown : evidential::core::Markup::kPlain;
    evidential::core::IncrementalAnalyzer analyzer(markup);
    auto blocks = analyzer.analyze(text, settings, 1);
    auto whole = evidential::core::analyze(evidential::core::parse_document(text, markup), settings);
    EXPECT_EQ(describe(blocks, text), describe(whole, text)) << path;
    findings += whole.size();
  }
  EXPECT_GT(findings, 20u);
}

// Text sync and the per-block analysis: after every edit, the server's way of applying the change
// (UTF-16 range -> bytes) gives the model's text, and IncrementalAnalyzer gives a full analysis' findings.
TEST(LspRandomEdits, SyncAndIncrementalAnalysisEqualFullAnalysis) {
  const evidential::core::Settings settings = evidential::config::default_settings();
  for (auto markup : {evidential::core::Markup::kMarkdown, evidential::core::Markup::kPlain}) {
    std::mt19937 rng(markup == evidential::core::Markup::kMarkdown ? 7 : 11);
    std::u16string model = to_utf16(kSeed);
    std::string synced = kSeed;
    evidential::core::IncrementalAnalyzer analyzer(markup);
    evidential::core::IncrementalMarkdownParser shadow;
    size_t reused = 0, blocks = 0, findings = 0;
    for (int step = 0; step < 2000; ++step) {
      RandomEdit e = random_edit(rng, model);
      auto [l1, c1] = position16(model, e.start);
      auto [l2, c2] = position16(model, e.end);
      evidential::lsp::TextDocumentContentChangeEvent change;
      change.range = evidential::lsp::Range{{l1, c1}, {l2, c2}};
      change.text = to_utf8(e.insert);
      evidential::lsp::apply_changes(synced, {change}, evidential::core::Encoding::kUtf16);
      model.replace(e.start, e.end - e.start, e.insert);
      const std::string expected_text = to_utf8(model);
      ASSERT_EQ(synced, expected_text) << "step " << step;

      if (markup == evidential::core::Markup::kMarkdown) {
        // The analyzer's own incremental parse sees the same texts; compare its markup first.
        auto a = shadow.parse(synced);
        auto b = evidential::core::parse_markdown(synced);
        ASSERT_EQ(a.blocks.size(), b.blocks.size()) << "step " << step;
        for (size_t i = 0; i < a.blocks.size(); ++i) {
          ASSERT_EQ(a.blocks[i].range, b.blocks[i].range) << "step " << step << " block " << i << "\n" << synced;
          ASSERT_EQ(a.blocks[i].holes, b.blocks[i].holes) << "step " << step;
          ASSERT_EQ(a.blocks[i].kind, b.blocks[i].kind) << "step " << step;
          ASSERT_EQ(a.blocks[i].own_findings, b.blocks[i].own_findings) << "step " << step;
          ASSERT_EQ(a.blocks[i].no_speaker_labels, b.blocks[i].no_speaker_labels) << "step " << step;
          ASSERT_EQ(a.blocks[i].spoken, b.blocks[i].spoken) << "step " << step;
          ASSERT_EQ(a.blocks[i].footnote, b.blocks[i].footnote) << "step " << step;
        }
        ASSERT_EQ(a.directives.size(), b.directives.size()) << "step " << step;
        for (size_t i = 0; i < a.directives.size(); ++i) ASSERT_EQ(a.directives[i].range, b.directives[i].range) << "step " << step;
        ASSERT_EQ(a.link_definitions.size(), b.link_definitions.size()) << "step " << step;
        for (size_t i = 0; i < a.link_definitions.size(); ++i) {
          ASSERT_EQ(a.link_definitions[i].label, b.link_definitions[i].label) << "step " << step << "\n" << synced;
          ASSERT_EQ(a.link_definitions[i].destination, b.link_definitions[i].destination) << "step " << step;
        }
        ASSERT_EQ(a.documents_software, b.documents_software) << "step " << step << "\n" << synced;
        ASSERT_EQ(a.states_rules, b.states_rules) << "step " << step << "\n" << synced;
      }
      auto incremental = analyzer.analyze(synced, settings, 1);
      blocks += analyzer.last_stats().blocks;
      reused += analyzer.last_stats().blocks - analyzer.last_stats().analysed;
      auto full = evidential::core::analyze(evidential::core::parse_document(synced, markup), settings);
      ASSERT_EQ(describe(incremental, synced), describe(full, synced))
          << (markup == evidential::core::Markup::kMarkdown ? "markdown" : "plain") << " step " << step << "\n" << synced;
      findings += full.size();
    }
    EXPECT_GT(findings, 2000u) << "the edits should keep hedges in the text";
    // The point of the cache: most blocks survive an edit.
    EXPECT_GT(reused * 2, blocks) << "reused " << reused << " of " << blocks;
  }
}

using evidential::testing::PipeClient;

// End to end: the server's published diagnostics, after bursts of random incremental edits, equal a
// fresh analysis of the model's text (positions converted here, independently).
TEST(LspRandomEdits, ServerDiagnosticsFollowTheText) {
  spdlog::set_level(spdlog::level::warn);  // the in-process server logs through the default logger
  const evidential::core::Settings settings = evidential::config::default_settings();
  std::mt19937 rng(42);
  std::u16string model = to_utf16(kSeed);
  const std::string uri = "file:///random/doc.md";
  {
    PipeClient client;
    client.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}});
    ASSERT_EQ(client.read()["id"], 1);
    client.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
                 {"params", {{"textDocument", {{"uri", uri}, {"languageId", "markdown"}, {"version", 1}, {"text", kSeed}}}}}});
    client.diagnostics_for(1);
    int version = 1;
    for (int burst = 0; burst < 60; ++burst) {
      for (int k = 0; k < 50; ++k) {
        RandomEdit e = random_edit(rng, model);
        auto [l1, c1] = position16(model, e.start);
        auto [l2, c2] = position16(model, e.end);
        model.replace(e.start, e.end - e.start, e.insert);
        json change = {{"range", {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}}},
                       {"text", to_utf8(e.insert)}};
        client.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
                     {"params", {{"textDocument", {{"uri", uri}, {"version", ++version}}}, {"contentChanges", {change}}}}});
      }
      json published = client.diagnostics_for(version);
      const std::string text = to_utf8(model);
      auto expected = evidential::core::analyze(evidential::core::parse_document(text, evidential::core::Markup::kMarkdown), settings);
      ASSERT_EQ(describe(published), describe(expected, text)) << "after version " << version << "\n" << text;
    }
    client.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}});
    for (json m = client.read(); !m.is_null() && m.value("id", 0) != 2; m = client.read()) {
    }
    client.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  }
}

}  // namespace
