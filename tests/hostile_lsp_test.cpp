// Hostile input to the real `evidential lsp` process over pipes: strings JSON cannot hold (lone
// surrogates, raw invalid UTF-8), NUL bytes, positions past the end or inside a surrogate pair, changes
// to documents never opened, versions going backwards, wrong types, absurd nesting and numbers, broken
// configuration, and large documents. Each must get a clear error or a sane result, and the server must
// keep serving the other documents and end with exit code 0 after shutdown + exit.
#include <gtest/gtest.h>

#include <string>

#include "core/document.h"
#include "core/line_index.h"
#include "lsp/documents.h"
#include "tests/hostile/hostile.h"
#include "tests/hostile/lsp_client.h"

namespace evidential {
namespace {

using hostile::LspProcess;
using hostile::TempDir;
using json = nlohmann::json;

constexpr const char* kBinary = EVIDENTIAL_BINARY;

bool is_error(const std::optional<json>& m, int code) {
  return m && m->contains("error") && (*m)["error"].value("code", 0) == code;
}

/// The error reply with a null id that a message the server could not read gets.
std::optional<json> next_unaddressed_error(LspProcess& server) {
  return server.wait_for([](const json& m) { return m.contains("error") && m["id"].is_null(); });
}

/// The hedges in a publishDiagnostics, as "line:character word-length".
std::vector<std::string> hedges(const std::optional<json>& published) {
  std::vector<std::string> out;
  if (!published) return out;
  for (const json& d : (*published)["params"]["diagnostics"]) {
    if (d.value("code", "") != "hedge") continue;
    const json& r = d["range"];
    out.push_back(std::to_string(r["start"]["line"].get<int>()) + ":" +
                  std::to_string(r["start"]["character"].get<int>()) + "+" +
                  std::to_string(r["end"]["character"].get<int>() - r["start"]["character"].get<int>()));
  }
  return out;
}

/// A document that keeps working beside the hostile ones: its hedge is at 0:9 ("The pier may close.").
constexpr const char* kGoodUri = "file:///hostile/good.md";

void open_good_document(LspProcess& server) {
  server.open(kGoodUri, "The pier may close.\n");
  EXPECT_EQ(hedges(server.diagnostics(kGoodUri, 1)), std::vector<std::string>{"0:9+3"});
}

void expect_good_document_served(LspProcess& server) {
  const int id = server.request("textDocument/hover",
                                {{"textDocument", {{"uri", kGoodUri}}}, {"position", {{"line", 0}, {"character", 10}}}});
  auto reply = server.response(id);
  ASSERT_TRUE(reply) << "the server stopped answering";
  ASSERT_TRUE((*reply)["result"].is_object()) << reply->dump();
}

TEST(HostileLsp, StringsJsonCannotHoldAreParseErrors) {
  TempDir dir;
  LspProcess server(kBinary, dir.path());
  server.initialize();
  open_good_document(server);
  auto open_body = [](const std::string& escaped_text) {
    return R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///hostile/b.md","languageId":"markdown","version":1,"text":")" +
           escaped_text + R"("}}})";
  };
  // Lone and reversed surrogates, and raw bytes that are not UTF-8, inside a didOpen's text.
  for (const std::string& text : {std::string(R"(A \ud800 may)"), std::string(R"(\udc00 may)"),
                                  std::string(R"(\ud800\ud800 may)"), std::string(R"(\udc00\ud800)"),
                                  std::string("raw \xFF byte may"), std::string("overlong \xC0\xAF may"),
                                  std::string("cesu \xED\xA0\x80 may")}) {
    SCOPED_TRACE(text);
    server.send_body(open_body(text));
    auto error = next_unaddressed_error(server);
    ASSERT_TRUE(is_error(error, -32700)) << (error ? error->dump() : "no reply");
  }
  // A request whose id cannot be read (the message is not JSON) is answered with a null id too.
  server.send_body(R"({"jsonrpc":"2.0","id":77,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///\ud800.md"},"position":{"line":0,"character":0}}})");
  EXPECT_TRUE(is_error(next_unaddressed_error(server), -32700));
  // None of the broken didOpens opened the document.
  const int id = server.request("textDocument/hover", {{"textDocument", {{"uri", "file:///hostile/b.md"}}},
                                                       {"position", {{"line", 0}, {"character", 0}}}});
  auto hover = server.response(id);
  ASSERT_TRUE(hover);
  EXPECT_TRUE((*hover)["result"].is_null());

  // A proper pair counts two UTF-16 units; NUL is an ordinary character.
  server.send_body(open_body(R"(\ud83c\udf0a It may rain.\u0000 It might snow.)"));
  EXPECT_EQ(hedges(server.diagnostics("file:///hostile/b.md", 1)), (std::vector<std::string>{"0:6+3", "0:20+5"}));
  expect_good_document_served(server);
  EXPECT_EQ(server.shutdown_and_exit(), 0);
}

TEST(HostileLsp, DocumentsOutOfOrder) {
  TempDir dir;
  LspProcess server(kBinary, dir.path());
  server.initialize();
  open_good_document(server);
  const std::string uri = "file:///hostile/order.md";
  auto change = [&](const std::string& u, int version, const std::string& text) {
    server.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", u}, {"version", version}}}, {"contentChanges", {{{"text", text}}}}});
  };
  auto hover_is_null = [&](const std::string& u) {
    const int id = server.request("textDocument/hover",
                                  {{"textDocument", {{"uri", u}}}, {"position", {{"line", 0}, {"character", 4}}}});
    std::vector<json> seen = server.until_response(id);
    EXPECT_FALSE(seen.empty()) << "no reply to hover";
    for (const json& m : seen) {
      EXPECT_NE(m.value("method", ""), "textDocument/publishDiagnostics") << "diagnostics for " << m.dump();
    }
    return !seen.empty() && seen.back()["result"].is_null();
  };

  // didChange and didClose for a document never opened: nothing to change, nothing published.
  change(uri, 3, "The pier may close.");
  server.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
  EXPECT_TRUE(hover_is_null(uri));

  // The version going backwards: the text still follows the changes, and each publication names the
  // version it was computed for.
  server.open(uri, "The pier is open.\n", 5);
  EXPECT_EQ(hedges(server.diagnostics(uri, 5)), std::vector<std::string>{});
  change(uri, 3, "The pier may close.\n");
  EXPECT_EQ(hedges(server.diagnostics(uri, 3)), std::vector<std::string>{"0:9+3"});
  change(uri, -7, "It might rain. The pier may close.\n");
  EXPECT_EQ(hedges(server.diagnostics(uri, -7)), (std::vector<std::string>{"0:3+5", "0:24+3"}));

  // Opened twice: the second open replaces the first.
  server.open(uri, "It might rain.\n", 1);
  EXPECT_EQ(hedges(server.diagnostics(uri, 1)), std::vector<std::string>{"0:3+5"});

  // Closed, then changed: the change is ignored; the close cleared the diagnostics.
  server.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
  auto cleared = server.diagnostics(uri);
  ASSERT_TRUE(cleared);
  EXPECT_TRUE((*cleared)["params"]["diagnostics"].empty());
  change(uri, 2, "The pier may close.\n");
  EXPECT_TRUE(hover_is_null(uri));
  expect_good_document_served(server);
  EXPECT_EQ(server.shutdown_and_exit(), 0);
}

TEST(HostileLsp, PositionsPastTheEndOrInsideASurrogatePair) {
  TempDir dir;
  LspProcess server(kBinary, dir.path());
  server.initialize();  // no positionEncodings: UTF-16
  open_good_document(server);
  const std::string uri = "file:///hostile/positions.md";
  // "Rain " is 5 units, the wave 2 (a surrogate pair), so "may" starts at 8.
  server.open(uri, "Rain \xF0\x9F\x8C\x8A may fall.\n");
  EXPECT_EQ(hedges(server.diagnostics(uri, 1)), std::vector<std::string>{"0:8+3"});
  int version = 1;
  auto edit = [&](json range, const std::string& text) {
    server.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", ++version}}},
                                             {"contentChanges", {{{"range", range}, {"text", text}}}}});
    return hedges(server.diagnostics(uri, version));
  };
  auto pos = [](int64_t line, int64_t character) { return json{{"line", line}, {"character", character}}; };

  // Character 6 splits the pair: the insertion lands before the whole character.
  EXPECT_EQ(edit({{"start", pos(0, 6)}, {"end", pos(0, 6)}}, "x"), std::vector<std::string>{"0:9+3"});
  // A range from inside the pair (7) to the space after it (8) covers the whole wave: "Rain x may".
  EXPECT_EQ(edit({{"start", pos(0, 7)}, {"end", pos(0, 8)}}, ""), std::vector<std::string>{"0:7+3"});
  // Lines past the end append at the end of the text.
  EXPECT_EQ(edit({{"start", pos(50, 0)}, {"end", pos(60, 3)}}, "It could rain.\n"),
            (std::vector<std::string>{"0:7+3", "1:3+5"}));
  // Characters past a line's end stop at that line's end (before its line break).
  EXPECT_EQ(edit({{"start", pos(0, 1000)}, {"end", pos(0, 4000)}}, " Perhaps."),
            (std::vector<std::string>{"0:7+3", "0:17+7", "1:3+5"}));
  // A range given backwards is the same range: "could" goes.
  EXPECT_EQ(edit({{"start", pos(1, 8)}, {"end", pos(1, 3)}}, ""), (std::vector<std::string>{"0:7+3", "0:17+7"}));
  // The largest positions the protocol allows.
  EXPECT_EQ(edit({{"start", pos(4294967295, 4294967295)}, {"end", pos(4294967295, 4294967295)}}, ""),
            (std::vector<std::string>{"0:7+3", "0:17+7"}));

  for (const json& p : {pos(4294967295, 4294967295), pos(0, 4294967295), pos(0, 7)}) {
    const int id = server.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", p}});
    auto reply = server.response(id);
    ASSERT_TRUE(reply);
    EXPECT_TRUE(reply->contains("result")) << reply->dump();
  }
  // Out of the protocol's range: InvalidParams.
  for (const json& p : {pos(-1, 0), pos(0, -1), pos(4294967296, 0)}) {
    const int id = server.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", p}});
    EXPECT_TRUE(is_error(server.response(id), -32602)) << p.dump();
  }
  // Code actions over a range past the end, echoing diagnostics that lie past it too.
  const json far = {{"start", pos(0, 0)}, {"end", pos(900, 900)}};
  const int id = server.request(
      "textDocument/codeAction",
      {{"textDocument", {{"uri", uri}}},
       {"range", far},
       {"context", {{"diagnostics", {{{"range", far}, {"code", "hedge"}, {"message", "x"}},
                                     {{"range", {{"start", pos(70, 1)}, {"end", pos(70, 9)}}}, {"code", "hedge"}, {"message", "y"}}}}}}});
  auto actions = server.response(id);
  ASSERT_TRUE(actions);
  EXPECT_TRUE((*actions)["result"].is_array()) << actions->dump();
  expect_good_document_served(server);
  EXPECT_EQ(server.shutdown_and_exit(), 0);
}

TEST(HostileLsp, WrongTypesAreInvalidParamsOrDropped) {
  TempDir dir;
  LspProcess server(kBinary, dir.path());
  server.initialize();
  open_good_document(server);
  // Notifications with wrong types are dropped (and logged): the document never opens.
  const std::string uri = "file:///hostile/types.md";
  server.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "markdown"}, {"version", "1"}, {"text", "It may."}}}});
  server.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "markdown"}, {"version", 1}, {"text", 42}}}});
  server.notify("textDocument/didOpen", {{"textDocument", {{"uri", 7}, {"languageId", "markdown"}, {"version", 1}, {"text", "x"}}}});
  server.notify("textDocument/didChange", {{"textDocument", {{"uri", kGoodUri}, {"version", 2}}}, {"contentChanges", {{"text", "x"}}}});
  server.notify("textDocument/didChange", {{"textDocument", {{"uri", kGoodUri}, {"version", 2}}}, {"contentChanges", {{{"range", "all"}, {"text", "x"}}}}});
  server.notify("textDocument/didChange", {{"textDocument", {{"uri", kGoodUri}, {"version", 1e300}}}, {"contentChanges", json::array()}});
  server.notify("workspace/didChangeWatchedFiles", {{"changes", "all of them"}});
  server.notify("$/cancelRequest", {{"id", json::array()}});
  server.notify("$/setTrace", {{"value", 3}});
  // Requests with wrong types are InvalidParams.
  const std::vector<std::pair<std::string, json>> bad_requests = {
      {"textDocument/hover", {{"textDocument", {{"uri", kGoodUri}}}, {"position", {{"line", "0"}, {"character", 0}}}}},
      {"textDocument/hover", {{"textDocument", {{"uri", kGoodUri}}}, {"position", {{"line", 0.5}, {"character", 0}}}}},
      {"textDocument/hover", {{"textDocument", "file:///x"}, {"position", {{"line", 0}, {"character", 0}}}}},
      {"textDocument/hover", json::array({1, 2})},
      {"textDocument/codeAction", {{"textDocument", {{"uri", kGoodUri}}}, {"range", {{"start", 0}, {"end", 1}}}, {"context", {{"diagnostics", json::array()}}}}},
      {"textDocument/codeAction", {{"textDocument", {{"uri", kGoodUri}}}, {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}}, {"context", {{"diagnostics", {{{"range", 5}}}}}}}},
      {"textDocument/diagnostic", {{"textDocument", {{"uri", 12}}}}},
  };
  for (const auto& [method, params] : bad_requests) {
    const int id = server.request(method, params);
    EXPECT_TRUE(is_error(server.response(id), -32602)) << method << " " << params.dump();
  }
  // Envelopes that are not JSON-RPC requests: InvalidRequest.
  for (const std::string& body :
       {std::string(R"([{"jsonrpc":"2.0","id":90,"method":"shutdown"}])"), std::string(R"({"jsonrpc":"1.0","id":91,"method":"shutdown"})"),
        std::string(R"({"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"})"), std::string(R"({"jsonrpc":"2.0","id":92,"method":7})"),
        std::string(R"({"jsonrpc":"2.0","id":93})"), std::string(R"("just a string")"), std::string("null"),
        std::string(R"({"jsonrpc":"2.0","id":94,"method":"textDocument/hover","params":"x"})")}) {
    server.send_body(body);
    auto reply = server.wait_for([](const json& m) { return m.contains("error"); });
    ASSERT_TRUE(reply) << body;
    const int code = (*reply)["error"]["code"];
    EXPECT_TRUE(code == -32600 || code == -32602) << body << " -> " << reply->dump();
  }
  auto hover = server.response(server.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 0}, {"character", 0}}}}));
  ASSERT_TRUE(hover);
  EXPECT_TRUE((*hover)["result"].is_null()) << "no broken didOpen opened the document";
  expect_good_document_served(server);
  EXPECT_EQ(server.shutdown_and_exit(), 0);
}

TEST(HostileLsp, AbsurdNestingAndNumbers) {
  TempDir dir;
  LspProcess server(kBinary, dir.path());
  server.initialize();
  open_good_document(server);
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  // These ended the server: a stack overflow copying the nested value, and an exception for a number
  // beyond a double.
  server.send_body(R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":)" + deep + "}}");
  EXPECT_TRUE(next_unaddressed_error(server)) << "no reply to a nested cancel";
  server.send_body(R"({"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":)" + deep + "}}");
  EXPECT_TRUE(next_unaddressed_error(server)) << "no reply to nested settings";
  server.send_body(R"({"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":)" + deep + "}");
  EXPECT_TRUE(next_unaddressed_error(server)) << "no reply to a nested request";
  server.send_body(R"({"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"position":{"line":1e999,"character":0}}})");
  EXPECT_TRUE(is_error(next_unaddressed_error(server), -32700));
  server.send_body(R"({"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"options":{"unsourced-claim":{"threshold":-1e999}}}}})");
  EXPECT_TRUE(is_error(next_unaddressed_error(server), -32700));
  // Deep but reasonable nesting is still accepted.
  const std::string fine = std::string(100, '[') + std::string(100, ']');
  server.send_body(R"({"jsonrpc":"2.0","id":7,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///hostile/good.md"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":3}},"context":{"diagnostics":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":3}},"message":"m","data":)" + fine + "}]}}}");
  auto actions = server.response(7);
  ASSERT_TRUE(actions);
  EXPECT_TRUE((*actions)["result"].is_array());
  ASSERT_TRUE(server.alive());
  expect_good_document_served(server);
  EXPECT_EQ(server.shutdown_and_exit(), 0);
}

TEST(HostileLsp, BrokenConfigurationIsReportedAndDefaultsKept) {
  TempDir dir;
  const std::string deep = "{\"checks\": {\"hedge\": {\"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}}}";
  const std::vector<std::pair<std::string, std::string>> configs = {
      {"not-json", "this is not JSON {"},
      {"wrong-types", "{\n  \"checks\": {\"hedge\": 3}\n}"},
      {"unknown-check", "{\"checks\": {\"hedges\": \"error\"}}"},
      {"remove-not-boolean", "{\"sources\": [{\"name\": \"Quay Times\", \"remove\": \"yes\"}]}"},
      {"number-overflow", "{\"options\": {\"unsourced-claim\": {\"threshold\": 1e999}}}"},
      {"deep", deep},
      {"empty", ""},
  };
  for (const auto& [name, text] : configs) dir.write(name + "/.evidential.json", text);
  LspProcess server(kBinary, dir.path());
  server.initialize(json::object(), {{"rootUri", "file://" + dir.path().string()}});
  open_good_document(server);
  for (const auto& [name, text] : configs) {
    SCOPED_TRACE(name);
    const std::string uri = "file://" + (dir.path() / name / "doc.md").string();
    server.open(uri, "The pier may close.\n");
    auto shown = server.wait_for([](const json& m) { return m.value("method", "") == "window/showMessage"; });
    ASSERT_TRUE(shown);
    EXPECT_EQ((*shown)["params"]["type"], 1);
    EXPECT_NE((*shown)["params"]["message"].get<std::string>().find(name + "/.evidential.json"), std::string::npos)
        << "the message names the file: " << shown->dump();
    // Analysed with the defaults all the same.
    EXPECT_EQ(hedges(server.diagnostics(uri, 1)), std::vector<std::string>{"0:9+3"});
  }
  // Client settings of the wrong shape: reported, the previous settings kept.
  for (const json& settings : {json{{"checks", {{"hedge", 7}}}}, json{{"sources", {{{"name", "X"}, {"remove", "no"}}}}},
                               json{{"lexicon", "none"}}, json("a string")}) {
    server.notify("workspace/didChangeConfiguration", {{"settings", settings}});
    auto shown = server.wait_for([](const json& m) { return m.value("method", "") == "window/showMessage"; });
    ASSERT_TRUE(shown) << settings.dump();
    EXPECT_EQ((*shown)["params"]["type"], 1);
  }
  expect_good_document_served(server);
  EXPECT_EQ(server.shutdown_and_exit(), 0);
}

TEST(HostileLsp, BrokenWorkspaceConfigurationResponse) {
  // The answer to the server's own workspace/configuration request is read outside the request
  // handlers; a bad one must still only be reported.
  TempDir dir;
  LspProcess server(kBinary, dir.path());
  server.initialize({{"workspace", {{"configuration", true}}}});
  for (const json& answer : {json::array({{{"sources", {{{"name", "X"}, {"remove", "yes"}}}}}}),
                             json::array({{{"checks", {{"hedge", 1}}}}}), json("not an array"), json::array({nullptr}),
                             json::array({{{"lexicon", {{"hedges", {{"add", {{{"phrase", 5}}}}}}}}}})}) {
    auto request = server.wait_for([](const json& m) { return m.value("method", "") == "workspace/configuration"; });
    ASSERT_TRUE(request) << "the server asks for its settings after initialized and each change";
    server.send({{"jsonrpc", "2.0"}, {"id", (*request)["id"]}, {"result", answer}});
    server.notify("workspace/didChangeConfiguration", {{"settings", nullptr}});
  }
  open_good_document(server);
  ASSERT_TRUE(server.alive());
  expect_good_document_served(server);
  EXPECT_EQ(server.shutdown_and_exit(), 0);
}

TEST(HostileLsp, LargeAndDeepDocuments) {
  TempDir dir;
  LspProcess server(kBinary, dir.path());
  server.initialize();
  open_good_document(server);
  std::string quotes;
  for (int i = 0; i < 10000; ++i) quotes += "\xE2\x80\x9C(";
  quotes += "The pier may close.\n";
  std::string items;
  for (size_t i = 0; i < hostile::scaled(100000); ++i) items += "- item " + std::to_string(i) + "\n";
  items += "\nThe pier may close.\n";
  const std::vector<std::pair<std::string, std::string>> documents = {
      {"line.md", hostile::prose(1 << 20, /*one_line=*/true)},
      {"quotes.md", quotes},
      {"items.md", items},
      {"large.txt", hostile::prose(hostile::scaled(8u << 20))},
  };
  for (const auto& [name, text] : documents) {
    SCOPED_TRACE(name);
    const std::string uri = "file:///hostile/" + name;
    server.open(uri, text, 1, name.ends_with(".md") ? "markdown" : "plaintext");
    auto published = server.diagnostics(uri, 1, std::chrono::seconds(240));
    ASSERT_TRUE(published) << "no diagnostics";
    EXPECT_FALSE((*published)["params"]["diagnostics"].empty());
    // An edit at the far end of it.
    const json far = {{"line", 1 << 30}, {"character", 0}};
    const json change = {{"range", {{"start", far}, {"end", far}}}, {"text", "\nIt might rain.\n"}};
    server.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", json::array({change})}});
    ASSERT_TRUE(server.diagnostics(uri, 2, std::chrono::seconds(240)));
    expect_good_document_served(server);
    server.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
  }
  EXPECT_EQ(server.shutdown_and_exit(), 0);
}

// Text sync on its own, where positions are exact: the unit under the server tests above.
TEST(HostileLsp, TextSyncClampsAndNeverSplitsACharacter) {
  using lsp::TextDocumentContentChangeEvent;
  auto apply = [](std::string text, lsp::Range range, const std::string& insert, core::Encoding encoding) {
    TextDocumentContentChangeEvent change;
    change.range = range;
    change.text = insert;
    lsp::apply_changes(text, {change}, encoding);
    return text;
  };
  const std::string wave = "a\xF0\x9F\x8C\x8A" "b\r\nc";
  // UTF-16: unit 2 is inside the pair.
  EXPECT_EQ(apply(wave, {{0, 2}, {0, 2}}, "|", core::Encoding::kUtf16), "a|\xF0\x9F\x8C\x8A" "b\r\nc");
  EXPECT_EQ(apply(wave, {{0, 2}, {0, 3}}, "", core::Encoding::kUtf16), "ab\r\nc");
  // UTF-8: bytes 2-4 are inside the wave.
  for (uint32_t c = 2; c <= 4; ++c) {
    EXPECT_EQ(apply(wave, {{0, c}, {0, c}}, "|", core::Encoding::kUtf8), "a|\xF0\x9F\x8C\x8A" "b\r\nc") << c;
  }
  // Past the line's end: before the "\r\n"; past the last line: the end of the text.
  EXPECT_EQ(apply(wave, {{0, 99}, {0, 99}}, "|", core::Encoding::kUtf16), "a\xF0\x9F\x8C\x8A" "b|\r\nc");
  EXPECT_EQ(apply(wave, {{7, 0}, {9, 9}}, "|", core::Encoding::kUtf32), wave + "|");
  EXPECT_EQ(apply(wave, {{1, 1}, {0, 1}}, "", core::Encoding::kUtf32), "a");
  EXPECT_EQ(apply("", {{UINT32_MAX, UINT32_MAX}, {UINT32_MAX, UINT32_MAX}}, "x", core::Encoding::kUtf16), "x");
}

}  // namespace
}  // namespace evidential
