// Every message the server drops without a reply leaves one line in its log at debug level, so a
// client author can tell "ignored" from "lost": notifications before initialize or after shutdown,
// unknown notifications ("$/" ones included), notifications with unusable params, changes and closes
// for documents that are not open, and versions that do not increase (applied, but noted).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/hostile/hostile.h"
#include "tests/hostile/lsp_client.h"

namespace evidential {
namespace {

using hostile::LspProcess;
using hostile::TempDir;
using json = nlohmann::json;

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

TEST(RobustLspDropped, EachDroppedMessageLogsOneDebugLine) {
  TempDir dir;
  const auto log = dir.path() / "server.log";
  int exit_code = -1;
  {
    LspProcess server(EVIDENTIAL_BINARY, dir.path(), {"--log-level", "debug", "--log-file", log.string()});
    server.notify("textDocument/didSave", {{"textDocument", {{"uri", "file:///early.md"}}}});
    server.initialize();
    server.notify("$/progress", {{"token", 1}, {"value", {{"kind", "end"}}}});
    server.notify("evidential/nothing", json::object());
    server.send(json{{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"}, {"params", "text"}});
    server.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///never.md"}, {"version", 2}}},
                                             {"contentChanges", {{{"text", "x"}}}}});
    server.notify("textDocument/didClose", {{"textDocument", {{"uri", "file:///never.md"}}}});
    server.open("file:///doc.md", "It may rain.\n", 5);
    server.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///doc.md"}, {"version", 3}}},
                                             {"contentChanges", {{{"text", "It might rain.\n"}}}}});
    // The change is applied all the same.
    auto published = server.diagnostics("file:///doc.md", 3);
    ASSERT_TRUE(published);
    const int id = server.request("shutdown", nullptr);
    ASSERT_TRUE(server.response(id));
    server.notify("textDocument/didSave", {{"textDocument", {{"uri", "file:///late.md"}}}});
    server.notify("exit", nullptr);
    server.close_input();
    exit_code = server.wait_exit(std::chrono::seconds(60));
  }
  EXPECT_EQ(exit_code, 0);
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  const std::string logged = text.str();
  for (const std::string& line : {
           std::string("dropped notification textDocument/didSave: the server is not initialized yet"),
           std::string("ignored notification $/progress"),
           std::string("ignored notification evidential/nothing"),
           std::string(
               "dropped notification textDocument/didOpen: \"params\" is neither an object nor an array"),
           std::string("dropped didChange for file:///never.md: not open"),
           std::string("dropped didClose for file:///never.md: not open"),
           std::string("didChange file:///doc.md: version 3 does not follow 5"),
           std::string("dropped notification textDocument/didSave: the server is shut down"),
       }) {
    EXPECT_EQ(count(logged, line), 1u) << line << "\nlog:\n" << logged.substr(0, 4000);
  }
  EXPECT_NE(logged.find("[debug]"), std::string::npos) << "debug lines are marked as such";
}

}  // namespace
}  // namespace evidential
