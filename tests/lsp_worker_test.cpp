// The analysis worker's protocol duties: $/logTrace at the client's trace level, cancellation of a
// request whose analysis is already running, and didChange messages carrying many changes.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/analysis.h"
#include "core/document.h"
#include "lsp/documents.h"
#include "lsp/positions.h"
#include "tests/lsp/pipe_client.h"

namespace {

using evidential::testing::PipeClient;
using nlohmann::json;
namespace lsp = evidential::lsp;
namespace core = evidential::core;

json message(const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

json request(int id, const std::string& method, json params) {
  json m = message(method, std::move(params));
  m["id"] = id;
  return m;
}

json open_params(const std::string& uri, const std::string& text) {
  return {{"textDocument", {{"uri", uri}, {"languageId", "markdown"}, {"version", 1}, {"text", text}}}};
}

json append_change(const std::string& uri, int version, uint32_t line) {
  json at = {{"line", line}, {"character", 0}};
  return message(
      "textDocument/didChange",
      {{"textDocument", {{"uri", uri}, {"version", version}}},
       {"contentChanges", {{{"range", {{"start", at}, {"end", at}}}, {"text", "It may rain.\n\n"}}}}});
}

/// Reads up to and including the publishDiagnostics of `version` (and, when tracing, the trace that
/// reports it, which follows it); returns the $/logTrace params seen.
std::vector<json> traces_until(PipeClient& client, int version, bool tracing) {
  std::vector<json> traces;
  bool published = false;
  for (;;) {
    json m = client.read();
    if (m.is_null()) return traces;
    const std::string method = m.value("method", "");
    if (method == "$/logTrace") {
      traces.push_back(m["params"]);
      const std::string t = m["params"]["message"];
      if (published && t.starts_with("published") && t.ends_with(" v" + std::to_string(version)))
        return traces;
    }
    if (method == "textDocument/publishDiagnostics" && m["params"].value("version", -1) == version) {
      published = true;
      if (!tracing) return traces;
    }
  }
}

void finish(PipeClient& client) {
  client.send({{"jsonrpc", "2.0"}, {"id", 99}, {"method", "shutdown"}});
  for (json m = client.read(); !m.is_null() && m.value("id", 0) != 99; m = client.read()) {
  }
  client.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
}

TEST(LspWorker, LogTraceFollowsTheTraceSetting) {
  spdlog::set_level(spdlog::level::warn);
  const std::string uri = "file:///trace/doc.md";
  PipeClient client;
  client.send(request(1, "initialize", {{"capabilities", json::object()}, {"trace", "off"}}));
  ASSERT_EQ(client.read()["id"], 1);
  client.send(message("textDocument/didOpen", open_params(uri, "# Notes\n\nThe plan may work.\n")));
  EXPECT_TRUE(traces_until(client, 1, false).empty()) << "trace is off";

  client.send(message("$/setTrace", {{"value", "messages"}}));
  client.send(append_change(uri, 2, 2));
  std::vector<json> traces = traces_until(client, 2, true);
  ASSERT_FALSE(traces.empty()) << "trace is messages";
  bool received = false;
  for (const json& t : traces) {
    EXPECT_TRUE(t["message"].is_string());
    EXPECT_FALSE(t.contains("verbose")) << "messages level has no verbose part: " << t.dump();
    if (t["message"].get<std::string>().find("textDocument/didChange") != std::string::npos) received = true;
  }
  EXPECT_TRUE(received);

  client.send(message("$/setTrace", {{"value", "verbose"}}));
  client.send(append_change(uri, 3, 2));
  traces = traces_until(client, 3, true);
  ASSERT_FALSE(traces.empty());
  bool verbose = false;
  for (const json& t : traces) verbose = verbose || (t.contains("verbose") && t["verbose"].is_string());
  EXPECT_TRUE(verbose) << "trace is verbose";

  client.send(message("$/setTrace", {{"value", "off"}}));
  client.send(append_change(uri, 4, 2));
  // The $/setTrace itself is still traced (it arrives while tracing); nothing after it.
  std::vector<json> after = traces_until(client, 4, false);
  if (!after.empty() && after.front()["message"].get<std::string>().find("$/setTrace") != std::string::npos) {
    after.erase(after.begin());
  }
  EXPECT_TRUE(after.empty()) << "trace is off again: " << (after.empty() ? "" : after.front().dump());
  finish(client);
}

TEST(LspWorker, InitializeSetsTheTraceLevel) {
  spdlog::set_level(spdlog::level::warn);
  const std::string uri = "file:///trace/init.md";
  PipeClient client;
  client.send(request(1, "initialize", {{"capabilities", json::object()}, {"trace", "verbose"}}));
  ASSERT_EQ(client.read()["id"], 1);
  client.send(message("textDocument/didOpen", open_params(uri, "The plan may work.\n")));
  std::vector<json> traces = traces_until(client, 1, true);
  ASSERT_FALSE(traces.empty());
  bool verbose = false;
  for (const json& t : traces) verbose = verbose || t.contains("verbose");
  EXPECT_TRUE(verbose);
  finish(client);
}

// A pull whose analysis is already running (the worker says "analysing" first) stops between blocks
// and answers RequestCancelled; the blocks analysed before the cancel are kept for the next pull.
TEST(LspWorker, CancelStopsARunningPull) {
  spdlog::set_level(spdlog::level::warn);
  const std::string uri = "file:///cancel/big.md";
  constexpr int kParagraphs = 20000;
  std::string text;
  for (int i = 0; i < kParagraphs; ++i)
    text += "The council may approve plan " + std::to_string(i) + " soon.\n\n";
  PipeClient client;
  client.send(request(
      1, "initialize",
      {{"capabilities", {{"textDocument", {{"diagnostic", json::object()}}}}}, {"trace", "messages"}}));
  ASSERT_EQ(client.read()["id"], 1);
  client.send(message("textDocument/didOpen", open_params(uri, text)));
  client.send(request(2, "textDocument/diagnostic", {{"textDocument", {{"uri", uri}}}}));
  bool cancel_sent = false;
  bool answered = false;
  std::string stopped;
  while (!answered || stopped.empty()) {
    json m = client.read();
    ASSERT_FALSE(m.is_null());
    if (m.value("method", "") == "$/logTrace") {
      const std::string t = m["params"]["message"];
      if (!cancel_sent && t.starts_with("analysing " + uri)) {
        client.send(message("$/cancelRequest", {{"id", 2}}));
        cancel_sent = true;
      }
      if (t.find("cancelled after") != std::string::npos) stopped = t;
      ASSERT_FALSE(t.starts_with("analysed " + uri)) << "the analysis ran to its end: " << t;
    } else if (m.contains("id") && m["id"] == 2) {
      ASSERT_TRUE(cancel_sent);
      ASSERT_TRUE(m.contains("error")) << m.dump().substr(0, 300);
      EXPECT_EQ(m["error"]["code"], -32800);
      answered = true;
    }
  }
  // "... cancelled after N blocks": fewer than all of them.
  const size_t after = stopped.find("after ") + 6;
  EXPECT_LT(std::stoi(stopped.substr(after)), kParagraphs) << stopped;

  client.send(request(3, "textDocument/diagnostic", {{"textDocument", {{"uri", uri}}}}));
  json reply;
  do reply = client.read();
  while (!reply.is_null() && !(reply.contains("id") && reply["id"] == 3));
  ASSERT_TRUE(reply.contains("result"));
  const auto expected = core::analyze(core::parse_document(text, core::Markup::kMarkdown),
                                      evidential::config::default_settings());
  EXPECT_EQ(reply["result"]["items"].size(), expected.size());
  finish(client);
}

// A new version stops the push analysis of the previous one, which is outdated before it ends: no
// diagnostics are published for it, and the new version's analysis reuses the blocks it got through.
TEST(LspWorker, NewVersionStopsAStaleAnalysis) {
  spdlog::set_level(spdlog::level::warn);
  const std::string uri = "file:///stale/big.md";
  constexpr int kParagraphs = 20000;
  std::string text;
  for (int i = 0; i < kParagraphs; ++i)
    text += "The council may approve plan " + std::to_string(i) + " soon.\n\n";
  PipeClient client;
  client.send(request(1, "initialize", {{"capabilities", json::object()}, {"trace", "messages"}}));
  ASSERT_EQ(client.read()["id"], 1);
  client.send(message("textDocument/didOpen", open_params(uri, text)));
  bool changed = false;
  std::string stopped;
  json published;
  while (published.is_null()) {
    json m = client.read();
    ASSERT_FALSE(m.is_null());
    const std::string method = m.value("method", "");
    if (method == "$/logTrace") {
      const std::string t = m["params"]["message"];
      if (!changed && t == "analysing " + uri + " v1") {
        client.send(append_change(uri, 2, 2 * kParagraphs));
        changed = true;
      }
      if (t.starts_with("analysis of " + uri + " v1 cancelled after")) stopped = t;
    } else if (method == "textDocument/publishDiagnostics") {
      ASSERT_EQ(m["params"]["version"], 2) << "a result for the outdated version was published";
      published = m["params"]["diagnostics"];
    }
  }
  ASSERT_FALSE(stopped.empty()) << "the analysis of version 1 ran to its end";
  const size_t after = stopped.find("after ") + 6;
  EXPECT_LT(std::stoi(stopped.substr(after)), kParagraphs) << stopped;
  text += "It may rain.\n\n";
  const auto expected = core::analyze(core::parse_document(text, core::Markup::kMarkdown),
                                      evidential::config::default_settings());
  EXPECT_EQ(published.size(), expected.size());
  finish(client);
}

// One didChange with many changes (a multi-cursor edit, a formatter) must give the text that applying
// them one after another gives, whatever their order, overlap or clamping.
TEST(LspDocuments, ManyChangesEqualOneAfterAnother) {
  std::mt19937 rng(17);
  const std::vector<std::string> pieces = {"a", "é", "“", "😀", "\n", "\r\n", "", "xyz", "\n\n"};
  std::string text;
  for (int i = 0; i < 300; ++i) text += pieces[rng() % pieces.size()] + "word ";
  for (auto encoding : {core::Encoding::kUtf8, core::Encoding::kUtf16, core::Encoding::kUtf32}) {
    for (int round = 0; round < 300; ++round) {
      core::LineIndex lines(text);
      const uint32_t line_count = lines.line_count();
      // Random byte offsets, mostly descending (the fast path), sometimes ascending or overlapping, with
      // positions past line ends and past the last line now and then.
      std::vector<lsp::TextDocumentContentChangeEvent> changes;
      const int n = 1 + static_cast<int>(rng() % 30);
      const int order = static_cast<int>(rng() % 4);  // 0, 1: descending; 2: ascending; 3: random
      uint32_t cursor = order < 2 ? static_cast<uint32_t>(text.size()) : 0;
      for (int k = 0; k < n; ++k) {
        lsp::TextDocumentContentChangeEvent c;
        uint32_t a, b;
        if (order < 2) {
          b = cursor - std::min<uint32_t>(cursor, rng() % 40);
          a = b - std::min<uint32_t>(b, rng() % 6);
          cursor = a;
        } else if (order == 2) {
          a = std::min<uint32_t>(static_cast<uint32_t>(text.size()), cursor + rng() % 40);
          b = std::min<uint32_t>(static_cast<uint32_t>(text.size()), a + rng() % 6);
          cursor = b;
        } else {
          a = static_cast<uint32_t>(rng() % (text.size() + 1));
          b = std::min<uint32_t>(static_cast<uint32_t>(text.size()), a + rng() % 6);
        }
        lsp::Position start = lsp::to_position(lines, a, encoding);
        lsp::Position end = lsp::to_position(lines, b, encoding);
        if (rng() % 8 == 0) end.character += 50;         // past the line's end
        if (rng() % 40 == 0) end = {line_count + 2, 0};  // past the last line
        if (rng() % 40 == 0) std::swap(start, end);      // reversed
        c.range = lsp::Range{start, end};
        c.text = pieces[rng() % pieces.size()];
        changes.push_back(std::move(c));
      }
      if (rng() % 20 == 0) {
        lsp::TextDocumentContentChangeEvent whole;
        whole.text = text + "tail\n";
        changes.insert(changes.begin() + static_cast<long>(rng() % changes.size()), whole);
      }
      std::string one_by_one = text;
      for (const auto& c : changes) lsp::apply_changes(one_by_one, {c}, encoding);
      std::string at_once = text;
      lsp::apply_changes(at_once, changes, encoding, &lines);
      ASSERT_EQ(at_once, one_by_one) << "encoding " << static_cast<int>(encoding) << " round " << round;
      text = std::move(at_once);
      if (text.size() > 6000) text.resize(3000);
      while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0x80) != 0) text.pop_back();
    }
  }
}

}  // namespace
