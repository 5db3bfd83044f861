// Runs every tests/lsp/transcripts/*.txt against the real `evidential lsp` binary over pipes. The format
// is described in tests/lsp/transcripts/README.md: "---"-separated sections (send, raw, expect, file,
// close, exit), "#" comments, and patterns ("<any>", "<re>...", "<more>", "<contains>", "<capture:x>")
// for values that vary from run to run.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kTimeoutMs = 15000;

struct Section {
  std::string keyword;  // args, file, send, raw, expect, close, exit
  std::string argument;  // text after the keyword on its line
  std::string body;      // the following lines
  int line = 0;          // where the section starts, for messages
};

std::vector<Section> parse_transcript(const std::string& text) {
  std::vector<Section> sections;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  Section current;
  bool open = false;
  auto flush = [&] {
    if (open) sections.push_back(current);
    current = Section{};
    open = false;
  };
  while (std::getline(in, line)) {
    ++number;
    if (line == "---") {
      flush();
      continue;
    }
    if (!line.empty() && line[0] == '#') continue;
    if (!open) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      size_t colon = line.find(':');
      current.keyword = line.substr(0, colon);
      current.argument = colon == std::string::npos ? "" : line.substr(colon + 1);
      size_t first = current.argument.find_first_not_of(' ');
      current.argument = first == std::string::npos ? "" : current.argument.substr(first);
      current.line = number;
      open = true;
      continue;
    }
    current.body += line + "\n";
  }
  flush();
  return sections;
}

/// Expands ${ROOT}, ${ROOT_URI}, captured values ${name} and {{repeat N}}...{{/repeat}}.
std::string expand(std::string s, const std::map<std::string, std::string>& vars) {
  for (;;) {
    size_t open = s.find("{{repeat ");
    if (open == std::string::npos) break;
    size_t close_tag = s.find("}}", open);
    size_t end = s.find("{{/repeat}}", close_tag);
    if (close_tag == std::string::npos || end == std::string::npos) break;
    int n = std::stoi(s.substr(open + 9, close_tag - open - 9));
    std::string unit = s.substr(close_tag + 2, end - close_tag - 2);
    std::string repeated;
    repeated.reserve(unit.size() * static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) repeated += unit;
    s = s.substr(0, open) + repeated + s.substr(end + 11);
  }
  for (const auto& [name, value] : vars) {
    std::string key = "${" + name + "}";
    for (size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size())) {
      s.replace(at, key.size(), value);
    }
  }
  return s;
}

/// "\r", "\n", "\\" and "\xHH" escapes for raw sections; the body's own line breaks are dropped, so
/// every byte is explicit.
std::string unescape_raw(const std::string& body) {
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\n') continue;
    if (c != '\\' || i + 1 >= body.size()) {
      out.push_back(c);
      continue;
    }
    char e = body[++i];
    if (e == 'r') out.push_back('\r');
    else if (e == 'n') out.push_back('\n');
    else if (e == 'x' && i + 2 < body.size()) {
      out.push_back(static_cast<char>(std::stoi(body.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else out.push_back(e);
  }
  return out;
}

std::string frame(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

/// Matches `actual` against a pattern; on mismatch explains where in `*why`.
bool matches(const json& pattern, const json& actual, std::map<std::string, json>& captures,
             const std::string& path, std::string* why) {
  if (pattern.is_string()) {
    const std::string p = pattern.get<std::string>();
    if (p == "<any>") return true;
    if (p.starts_with("<capture:") && p.ends_with(">")) {
      captures[p.substr(9, p.size() - 10)] = actual;
      return true;
    }
    if (p.starts_with("<re>")) {
      if (actual.is_string() && std::regex_match(actual.get<std::string>(), std::regex(p.substr(4)))) return true;
      *why = path + ": " + actual.dump() + " does not match /" + p.substr(4) + "/";
      return false;
    }
  }
  if (pattern.is_object()) {
    if (!actual.is_object()) {
      *why = path + ": expected an object, got " + actual.dump().substr(0, 200);
      return false;
    }
    bool more = pattern.contains("<more>");
    for (const auto& [key, value] : pattern.items()) {
      if (key == "<more>") continue;
      if (!actual.contains(key)) {
        *why = path + "." + key + ": missing";
        return false;
      }
      if (!matches(value, actual[key], captures, path + "." + key, why)) return false;
    }
    if (!more) {
      for (const auto& [key, value] : actual.items()) {
        if (!pattern.contains(key)) {
          *why = path + "." + key + ": unexpected (" + value.dump().substr(0, 200) + ")";
          return false;
        }
      }
    }
    return true;
  }
  if (pattern.is_array()) {
    if (!actual.is_array()) {
      *why = path + ": expected an array, got " + actual.dump().substr(0, 200);
      return false;
    }
    if (!pattern.empty() && pattern[0] == "<contains>") {
      // Every further pattern must match some element (in any order).
      for (size_t i = 1; i < pattern.size(); ++i) {
        bool found = false;
        for (const json& a : actual) {
          std::string ignored;
          auto trial = captures;
          if (matches(pattern[i], a, trial, path, &ignored)) {
            captures = std::move(trial);
            found = true;
            break;
          }
        }
        if (!found) {
          *why = path + ": no element matches " + pattern[i].dump();
          return false;
        }
      }
      return true;
    }
    if (pattern.size() != actual.size()) {
      *why = path + ": expected " + std::to_string(pattern.size()) + " elements, got " +
             std::to_string(actual.size()) + ": " + actual.dump().substr(0, 600);
      return false;
    }
    for (size_t i = 0; i < pattern.size(); ++i) {
      if (!matches(pattern[i], actual[i], captures, path + "[" + std::to_string(i) + "]", why)) return false;
    }
    return true;
  }
  if (pattern.is_number() && actual.is_number()) {
    if (pattern.get<double>() == actual.get<double>()) return true;
  } else if (pattern == actual) {
    return true;
  }
  *why = path + ": expected " + pattern.dump() + ", got " + actual.dump().substr(0, 200);
  return false;
}

/// The server process with pipes on its stdin and stdout; stderr goes to a log file.
class ServerProcess {
 public:
  ServerProcess(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& log) {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      int err = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (err >= 0) dup2(err, 2);
      close(in[1]);
      close(out[0]);
      if (chdir(cwd.c_str()) != 0) _exit(127);
      // The user's configuration directory is the test's own (empty unless a transcript writes
      // xdg/evidential/config.json), so a developer's ~/.config cannot change the replies.
      setenv("XDG_CONFIG_HOME", (cwd / "xdg").c_str(), 1);
      std::vector<char*> argv;
      static std::string binary = EVIDENTIAL_BINARY;
      argv.push_back(binary.data());
      std::vector<std::string> copy = args;
      for (std::string& a : copy) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    to_server_ = in[1];
    from_server_ = out[0];
  }
  ~ServerProcess() {
    close_input();
    if (from_server_ >= 0) close(from_server_);
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  void write(const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(to_server_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) throw std::runtime_error("the server stopped reading");
      done += static_cast<size_t>(n);
    }
  }

  void close_input() {
    if (to_server_ >= 0) close(to_server_);
    to_server_ = -1;
  }

  /// The next message, or nullopt at end of stream or after the timeout.
  std::optional<json> read(int timeout_ms, bool* eof) {
    *eof = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      size_t header_end = buffer_.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        size_t length = std::stoul(buffer_.substr(buffer_.find(':') + 1, header_end));
        if (buffer_.size() >= header_end + 4 + length) {
          std::string body = buffer_.substr(header_end + 4, length);
          buffer_.erase(0, header_end + 4 + length);
          return json::parse(body);
        }
      }
      int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                      deadline - std::chrono::steady_clock::now())
                                      .count());
      if (left <= 0) return std::nullopt;
      pollfd p{from_server_, POLLIN, 0};
      if (poll(&p, 1, left) <= 0) continue;
      char chunk[65536];
      ssize_t n = ::read(from_server_, chunk, sizeof chunk);
      if (n <= 0) {
        *eof = true;
        return std::nullopt;
      }
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

  /// Waits for the process to end; its exit code, or -1 on timeout or signal.
  int wait(int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      usleep(5000);
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  int to_server_ = -1;
  int from_server_ = -1;
  std::string buffer_;
  bool exited_ = false;
};

/// window/logMessage and $/logTrace: skipped unless a pattern of the same group asks for that method.
bool is_log(const json& m) {
  return m.contains("method") && (m["method"] == "window/logMessage" || m["method"] == "$/logTrace");
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class TranscriptTest : public testing::TestWithParam<std::string> {};

TEST_P(TranscriptTest, Replays) {
  const fs::path file = fs::path(EVIDENTIAL_SOURCE_DIR) / "tests/lsp/transcripts" / GetParam();
  std::vector<Section> sections = parse_transcript(read_file(file));
  ASSERT_FALSE(sections.empty()) << file;

  // Each transcript gets a fresh workspace directory for its files.
  fs::path root = fs::temp_directory_path() /
                  ("evidential-transcript-" + std::to_string(getpid()) + "-" + fs::path(GetParam()).stem().string());
  fs::remove_all(root);
  fs::create_directories(root);
  std::map<std::string, std::string> vars = {{"ROOT", root.string()}, {"ROOT_URI", "file://" + root.string()}};
  std::map<std::string, json> captures;
  auto variables = [&] {
    auto v = vars;
    for (const auto& [name, value] : captures) v[name] = value.dump();
    return v;
  };

  std::vector<std::string> args = {"lsp", "--debounce-ms", "0", "--log-level", "debug"};
  size_t first = 0;
  // Files written before the server starts (a workspace's .evidential.json) and the arguments.
  for (; first < sections.size(); ++first) {
    const Section& s = sections[first];
    if (s.keyword == "args") {
      std::istringstream words(s.argument + " " + s.body);
      for (std::string w; words >> w;) args.push_back(w);
    } else if (s.keyword == "file") {
      fs::path target = root / s.argument;
      fs::create_directories(target.parent_path());
      std::ofstream(target, std::ios::binary) << expand(s.body, variables());
    } else {
      break;
    }
  }
  const fs::path log = root / "server.log";
  ServerProcess server(args, root, log);
  auto context = [&](const Section& s) {
    return GetParam() + ":" + std::to_string(s.line) + " (" + s.keyword + ")\nserver log:\n" +
           read_file(log).substr(0, 4000);
  };

  for (size_t i = first; i < sections.size(); ++i) {
    const Section& s = sections[i];
    if (s.keyword == "send") {
      std::string body = expand(s.argument + s.body, variables());
      json parsed = json::parse(body, nullptr, false);
      ASSERT_FALSE(parsed.is_discarded()) << "bad JSON in " << GetParam() << ":" << s.line;
      server.write(frame(parsed.dump()));
    } else if (s.keyword == "raw") {
      server.write(unescape_raw(expand(s.argument + s.body, variables())));
    } else if (s.keyword == "file") {
      std::ofstream(root / s.argument, std::ios::binary) << expand(s.body, variables());
    } else if (s.keyword == "expect") {
      // Consecutive expect sections form a group matched in any order: replies from the message
      // thread and notifications from the analysis thread may interleave.
      std::vector<json> patterns;
      std::vector<int> lines;
      size_t j = i;
      for (; j < sections.size() && sections[j].keyword == "expect"; ++j) {
        json p = json::parse(expand(sections[j].argument + sections[j].body, variables()), nullptr, false);
        ASSERT_FALSE(p.is_discarded()) << "bad pattern in " << GetParam() << ":" << sections[j].line;
        patterns.push_back(p);
        lines.push_back(sections[j].line);
      }
      std::vector<bool> done(patterns.size(), false);
      size_t remaining = patterns.size();
      while (remaining > 0) {
        bool eof = false;
        std::optional<json> m = server.read(kTimeoutMs, &eof);
        ASSERT_TRUE(m.has_value()) << (eof ? "the server closed its output" : "timed out") << " waiting for "
                                   << patterns[std::find(done.begin(), done.end(), false) - done.begin()].dump()
                                   << "\nat " << context(s);
        std::string why_first;
        bool matched = false;
        for (size_t k = 0; k < patterns.size() && !matched; ++k) {
          if (done[k]) continue;
          std::string why;
          auto trial = captures;
          if (matches(patterns[k], *m, trial, "$", &why)) {
            captures = std::move(trial);
            done[k] = true;
            --remaining;
            matched = true;
          } else if (why_first.empty()) {
            why_first = why + " (pattern at line " + std::to_string(lines[k]) + ")";
          }
        }
        if (matched) continue;
        if (is_log(*m) && !std::any_of(patterns.begin(), patterns.end(), [&](const json& p) {
              return p.is_object() && p.value("method", "") == (*m)["method"];
            })) {
          continue;  // log messages are skipped unless a pattern asks for them
        }
        FAIL() << "unexpected message " << m->dump().substr(0, 1500) << "\n" << why_first << "\nat " << context(s);
      }
      i = j - 1;
    } else if (s.keyword == "close") {
      server.close_input();
    } else if (s.keyword == "exit") {
      server.close_input();
      // Nothing but log messages may remain.
      for (;;) {
        bool eof = false;
        std::optional<json> m = server.read(kTimeoutMs, &eof);
        if (!m) {
          ASSERT_TRUE(eof) << "the server did not close its output\nat " << context(s);
          break;
        }
        ASSERT_TRUE(is_log(*m)) << "unexpected message " << m->dump().substr(0, 1500) << "\nat " << context(s);
      }
      EXPECT_EQ(server.wait(kTimeoutMs), std::stoi(s.argument)) << context(s);
    } else {
      FAIL() << "unknown section \"" << s.keyword << "\" at " << GetParam() << ":" << s.line;
    }
  }
  fs::remove_all(root);
}

std::vector<std::string> transcripts() {
  std::vector<std::string> names;
  fs::path dir = fs::path(EVIDENTIAL_SOURCE_DIR) / "tests/lsp/transcripts";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".txt") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Lsp, TranscriptTest, testing::ValuesIn(transcripts()), test_name);

}  // namespace
