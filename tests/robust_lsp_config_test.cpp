// Where the language server reads configuration from: the user's file ($XDG_CONFIG_HOME, else
// ~/.config) under the client's settings, .evidential.json only inside a workspace folder and never
// above it. The real `evidential lsp` process runs with the environment each test sets.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "tests/hostile/hostile.h"
#include "tests/hostile/lsp_client.h"

namespace evidential {
namespace {

using hostile::LspProcess;
using hostile::TempDir;
using json = nlohmann::json;

constexpr const char* kBinary = EVIDENTIAL_BINARY;

/// Sets (or, with nullopt, unsets) an environment variable for the scope; the server inherits it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      ::setenv(name, value->c_str(), 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

/// The severity of the hedge on "may" in "It may rain." once `path` is opened (0: none found).
int hedge_severity(LspProcess& server, const std::filesystem::path& path) {
  const std::string uri = "file://" + path.string();
  server.open(uri, "It may rain.\n");
  auto published = server.diagnostics(uri, 1);
  if (!published) return -1;
  for (const json& d : (*published)["params"]["diagnostics"]) {
    if (d.value("code", "") == "hedge") return d.value("severity", 0);
  }
  return 0;
}

json workspace(const std::filesystem::path& folder) {
  return {{"workspaceFolders", {{{"uri", "file://" + folder.string()}, {"name", "ws"}}}}};
}

TEST(RobustLspConfig, UserConfigurationFromXdgConfigHome) {
  TempDir dir;
  dir.write("xdg/evidential/config.json", R"({"checks": {"hedge": "error"}})");
  dir.write("ws/project/.evidential.json", R"({"checks": {"hedge": "hint"}})");
  // Above the workspace folder: never read.
  dir.write(".evidential.json", R"({"checks": {"hedge": "warning"}})");
  ScopedEnv xdg("XDG_CONFIG_HOME", (dir.path() / "xdg").string());
  LspProcess server(kBinary, dir.path());
  server.initialize(json::object(), workspace(dir.path() / "ws"));
  // Outside every workspace folder, and inside one with no .evidential.json on the way up: the user's.
  EXPECT_EQ(hedge_severity(server, dir.path() / "outside" / "a.md"), 1);
  EXPECT_EQ(hedge_severity(server, dir.path() / "ws" / "b.md"), 1);
  // The project's file wins over the user's.
  EXPECT_EQ(hedge_severity(server, dir.path() / "ws" / "project" / "docs" / "c.md"), 4);
  EXPECT_EQ(server.shutdown_and_exit(), 0);
}

TEST(RobustLspConfig, ClientSettingsLayerOverTheUserConfiguration) {
  TempDir dir;
  dir.write("xdg/evidential/config.json", R"({"checks": {"hedge": "error", "booster": "off"}})");
  ScopedEnv xdg("XDG_CONFIG_HOME", (dir.path() / "xdg").string());
  {
    // initializationOptions that say nothing of hedge leave the user's hedge setting in force...
    LspProcess server(kBinary, dir.path());
    json extra = workspace(dir.path() / "ws");
    extra["initializationOptions"] = {{"checks", {{"booster", "hint"}}}};
    server.initialize(json::object(), extra);
    EXPECT_EQ(hedge_severity(server, dir.path() / "ws" / "a.md"), 1);
    EXPECT_EQ(server.shutdown_and_exit(), 0);
  }
  {
    // ...and override it when they do.
    LspProcess server(kBinary, dir.path());
    json extra = workspace(dir.path() / "ws");
    extra["initializationOptions"] = {{"checks", {{"hedge", "warning"}}}};
    server.initialize(json::object(), extra);
    EXPECT_EQ(hedge_severity(server, dir.path() / "ws" / "a.md"), 2);
    // workspace/didChangeConfiguration (a client that does not pull settings) layers over both.
    server.notify("workspace/didChangeConfiguration",
                  {{"settings", {{"evidential", {{"checks", {{"hedge", "hint"}}}}}}}});
    auto republished = server.diagnostics("file://" + (dir.path() / "ws" / "a.md").string(), 1);
    ASSERT_TRUE(republished);
    int severity = 0;
    for (const json& d : (*republished)["params"]["diagnostics"]) {
      if (d.value("code", "") == "hedge") severity = d.value("severity", 0);
    }
    EXPECT_EQ(severity, 4) << republished->dump();
    EXPECT_EQ(server.shutdown_and_exit(), 0);
  }
}

TEST(RobustLspConfig, UserConfigurationIsReReadWhenItChanges) {
  TempDir dir;
  dir.write("xdg/evidential/config.json", R"({"checks": {"hedge": "error"}})");
  ScopedEnv xdg("XDG_CONFIG_HOME", (dir.path() / "xdg").string());
  LspProcess server(kBinary, dir.path());
  server.initialize(json::object(), workspace(dir.path() / "ws"));
  const std::filesystem::path first = dir.path() / "ws" / "a.md";
  EXPECT_EQ(hedge_severity(server, first), 1);
  // Edited while the server runs (a different size, so the change shows even within one mtime tick):
  // the next didOpen re-reads it, and the document already open is published again with it.
  dir.write("xdg/evidential/config.json", R"({"checks": {"hedge": "hint"}})");
  const std::filesystem::path second = dir.path() / "ws" / "b.md";
  server.open("file://" + second.string(), "It may rain.\n");
  std::map<std::string, int> severity;  // uri -> hedge severity in its latest publication
  auto both = server.wait_for([&](const json& m) {
    if (m.value("method", "") != "textDocument/publishDiagnostics") return false;
    int found = 0;
    for (const json& d : m["params"]["diagnostics"]) {
      if (d.value("code", "") == "hedge") found = d.value("severity", 0);
    }
    severity[m["params"].value("uri", "")] = found;
    return severity.size() == 2;
  });
  ASSERT_TRUE(both);
  EXPECT_EQ(severity["file://" + first.string()], 4);
  EXPECT_EQ(severity["file://" + second.string()], 4);
  // Removed, and announced by a watched-files event for it: the built-in default (information) again.
  std::filesystem::remove(dir.path() / "xdg" / "evidential" / "config.json");
  server.notify("workspace/didChangeWatchedFiles",
                {{"changes", {{{"uri", "file://" + (dir.path() / "xdg" / "evidential" / "config.json").string()},
                               {"type", 3}}}}});
  EXPECT_EQ(hedge_severity(server, dir.path() / "outside" / "c.md"), 3);
  EXPECT_EQ(server.shutdown_and_exit(), 0);
}

TEST(RobustLspConfig, UserConfigurationFromHomeWhenXdgIsUnsetOrRelative) {
  TempDir dir;
  dir.write("home/.config/evidential/config.json", R"({"checks": {"hedge": "warning"}})");
  dir.write("xdg/evidential/config.json", R"({"checks": {"hedge": "error"}})");
  ScopedEnv home("HOME", (dir.path() / "home").string());
  for (const std::optional<std::string>& xdg :
       {std::optional<std::string>(), std::optional<std::string>("xdg")}) {
    SCOPED_TRACE(xdg.value_or("(unset)"));
    // A relative XDG_CONFIG_HOME is invalid (XDG Base Directory): ignored, even though "xdg" exists in
    // the server's working directory.
    ScopedEnv unset("XDG_CONFIG_HOME", xdg);
    LspProcess server(kBinary, dir.path());
    server.initialize(json::object(), workspace(dir.path() / "ws"));
    EXPECT_EQ(hedge_severity(server, dir.path() / "elsewhere" / "a.md"), 2);
    EXPECT_EQ(server.shutdown_and_exit(), 0);
  }
}

TEST(RobustLspConfig, BrokenUserConfigurationIsReportedAndDefaultsApply) {
  TempDir dir;
  dir.write("xdg/evidential/config.json", "{\"checks\": {\"hedge\": \"loud\"}}");
  ScopedEnv xdg("XDG_CONFIG_HOME", (dir.path() / "xdg").string());
  LspProcess server(kBinary, dir.path());
  const int id = server.request("initialize", {{"capabilities", json::object()}});
  std::vector<json> seen = server.until_response(id);
  ASSERT_FALSE(seen.empty());
  bool reported = false;
  for (const json& m : seen) {
    if (m.value("method", "") != "window/showMessage") continue;
    const std::string message = m["params"].value("message", "");
    reported = reported || (message.find("evidential/config.json") != std::string::npos &&
                            message.find("unknown level") != std::string::npos);
  }
  EXPECT_TRUE(reported) << "no showMessage naming the user's file";
  server.notify("initialized", json::object());
  EXPECT_EQ(hedge_severity(server, dir.path() / "a.md"), 3);  // hedge's default severity
  EXPECT_EQ(server.shutdown_and_exit(), 0);
}

}  // namespace
}  // namespace evidential
