// What the language server may do to the machine it runs on: read documents' configuration and write
// to its stdout (and a log file the user names). It never writes files (edits go back to the client as
// WorkspaceEdits), never starts a process, and never opens a socket. The soak test
// (tests/lsp/soak/run) watches the running server for all three; this test keeps the calls that could do
// them out of the code the server is built from (core/, config/, lsp/), so a change that adds one is a
// deliberate decision made here, not an accident.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace evidential {
namespace {

namespace fs = std::filesystem;

/// The source without comments and string literals, so prose about a call does not count as one.
std::string code_only(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "//") == 0) {
      i = text.find('\n', i);
      if (i == std::string::npos) break;
      out += '\n';
    } else if (text.compare(i, 2, "/*") == 0) {
      i = text.find("*/", i + 2);
      if (i == std::string::npos) break;
      ++i;
    } else if (text[i] == '"' && (i == 0 || text[i - 1] != '\'')) {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      out += "\"\"";
    } else {
      out += text[i];
    }
  }
  return out;
}

TEST(HostileSecurity, TheServerNeverWritesFilesStartsProcessesOrOpensSockets) {
  const std::vector<std::pair<std::string, std::regex>> forbidden = {
      {"network", std::regex(R"(\b(socket|connect|bind|listen|accept|getaddrinfo|gethostbyname)\s*\()")},
      {"processes", std::regex(R"(\b(fork|vfork|exec[lv]p?e?|posix_spawnp?|system|popen)\s*\()")},
      {"file writes", std::regex(R"(std::ofstream|std::fstream|\bfopen\s*\(|\bO_(WRONLY|RDWR|CREAT|TRUNC|APPEND)\b)")},
      {"file system changes",
       std::regex(R"(\b(std::filesystem|fs)::(remove_all|remove|rename|create_directories|create_directory_symlink)"
                  R"(|create_directory|create_hard_link|create_symlink|copy_file|copy_symlink|copy|resize_file)"
                  R"(|permissions)\b|\blast_write_time\s*\([^,)]*,[^,)]*,|\b(unlink|rmdir|mkdir|truncate|chmod|chown)\s*\()")},
  };
  size_t files = 0;
  for (const char* dir : {"core", "config", "lsp"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(EVIDENTIAL_SOURCE_DIR) / dir)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".h") continue;
      std::ifstream in(entry.path());
      std::ostringstream text;
      text << in.rdbuf();
      const std::string code = code_only(text.str());
      ++files;
      for (const auto& [what, pattern] : forbidden) {
        std::smatch m;
        if (std::regex_search(code, m, pattern)) {
          ADD_FAILURE() << entry.path() << " calls " << m.str() << " (" << what << ")";
        }
      }
    }
  }
  EXPECT_GT(files, 20u);
}

}  // namespace
}  // namespace evidential
