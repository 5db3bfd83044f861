// A minimal LSP client over pipes to the real `evidential lsp` process, for the hostile server tests: it
// writes whatever bytes a test wants (framed or not), drains the server's output on its own thread so
// neither side can block the other, and waits for messages with a deadline.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace evidential::hostile {

class LspProcess {
 public:
  using json = nlohmann::json;

  LspProcess(const std::string& binary, const std::filesystem::path& cwd, std::vector<std::string> extra = {}) {
    ::signal(SIGPIPE, SIG_IGN);
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) std::abort();
    std::vector<std::string> args = {binary, "lsp", "--debounce-ms", "0", "--log-level", "warn"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      // The server's log (stderr) goes where the test's goes, for the record of a failure.
      if (::chdir(cwd.c_str()) != 0) ::_exit(126);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    to_server_ = in[1];
    from_server_ = out[0];
    reader_ = std::thread([this] { read_loop(); });
  }

  ~LspProcess() {
    close_input();
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (reader_.joinable()) reader_.join();
    if (from_server_ >= 0) ::close(from_server_);
  }

  pid_t pid() const { return pid_; }

  void send_raw(std::string_view bytes) {
    for (size_t done = 0; done < bytes.size();) {
      ssize_t n = ::write(to_server_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) return;  // the server is gone; the test notices when it waits
      done += static_cast<size_t>(n);
    }
  }
  void send_body(std::string_view body) {
    send_raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n");
    send_raw(body);
  }
  void send(const json& message) { send_body(message.dump()); }
  /// Null `params` are left out, as JSON-RPC asks.
  void notify(const std::string& method, json params) {
    json m = {{"jsonrpc", "2.0"}, {"method", method}};
    if (!params.is_null()) m["params"] = std::move(params);
    send(m);
  }
  /// Sends a request and returns its id.
  int request(const std::string& method, json params) {
    const int id = next_id_++;
    json m = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null()) m["params"] = std::move(params);
    send(m);
    return id;
  }

  /// The first message (in arrival order, skipping earlier ones) that `match` accepts, or nullopt when
  /// none arrives within `timeout` or the server's output ends.
  std::optional<json> wait_for(const std::function<bool(const json&)>& match,
                               std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto end = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      while (!inbox_.empty()) {
        json m = std::move(inbox_.front());
        inbox_.pop_front();
        if (match(m)) return m;
      }
      if (output_ended_) return std::nullopt;
      if (cv_.wait_until(lock, end) == std::cv_status::timeout && inbox_.empty()) return std::nullopt;
    }
  }
  /// Every message up to and including the response to `id` (empty if it never comes).
  std::vector<json> until_response(int id, std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    std::vector<json> seen;
    auto last = wait_for(
        [&](const json& m) {
          seen.push_back(m);
          return m.contains("id") && m["id"] == id && !m.contains("method");
        },
        timeout);
    if (!last) seen.clear();
    return seen;
  }
  std::optional<json> response(int id, std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    return wait_for([id](const json& m) { return m.contains("id") && m["id"] == id && !m.contains("method"); },
                    timeout);
  }
  /// The next publishDiagnostics for `uri` (and `version`, when given).
  std::optional<json> diagnostics(const std::string& uri, std::optional<int> version = std::nullopt,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    return wait_for(
        [&](const json& m) {
          if (m.value("method", "") != "textDocument/publishDiagnostics") return false;
          const json& p = m["params"];
          return p.value("uri", "") == uri && (!version || p.value("version", -1) == *version);
        },
        timeout);
  }

  void initialize(json capabilities = json::object(), json extra = json::object()) {
    json params = {{"capabilities", std::move(capabilities)}};
    params.update(extra);
    const int id = request("initialize", params);
    if (!response(id)) std::abort();
    notify("initialized", json::object());
  }
  void open(const std::string& uri, const std::string& text, int version = 1,
            const std::string& language = "markdown") {
    notify("textDocument/didOpen",
           {{"textDocument", {{"uri", uri}, {"languageId", language}, {"version", version}, {"text", text}}}});
  }
  bool alive() const { return !exited_ && ::kill(pid_, 0) == 0; }

  void close_input() {
    if (to_server_ >= 0) {
      ::close(to_server_);
      to_server_ = -1;
    }
  }
  /// shutdown + exit; the process's exit code (-1 when it did not exit within the deadline).
  int shutdown_and_exit(std::chrono::seconds deadline = std::chrono::seconds(60)) {
    const int id = request("shutdown", nullptr);
    if (!response(id, deadline)) return -1;
    notify("exit", nullptr);
    close_input();
    return wait_exit(deadline);
  }
  int wait_exit(std::chrono::seconds deadline) {
    const auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }

 private:
  void read_loop() {
    std::string buffer;
    char chunk[65536];
    for (;;) {
      ssize_t n = ::read(from_server_, chunk, sizeof chunk);
      if (n <= 0) break;
      buffer.append(chunk, static_cast<size_t>(n));
      for (;;) {
        size_t header_end = buffer.find("\r\n\r\n");
        if (header_end == std::string::npos) break;
        size_t length_at = buffer.find("Content-Length: ");
        if (length_at == std::string::npos || length_at > header_end) std::abort();  // the server's framing is ours
        size_t length = std::stoul(buffer.substr(length_at + 16, header_end - length_at - 16));
        if (buffer.size() < header_end + 4 + length) break;
        // Anything that is not JSON stays in the inbox as a discarded value for the test to see.
        json m = json::parse(buffer.substr(header_end + 4, length), nullptr, /*allow_exceptions=*/false);
        buffer.erase(0, header_end + 4 + length);
        std::lock_guard<std::mutex> lock(mutex_);
        inbox_.push_back(std::move(m));
        cv_.notify_all();
      }
    }
    std::lock_guard<std::mutex> lock(mutex_);
    output_ended_ = true;
    cv_.notify_all();
  }

  pid_t pid_ = -1;
  int to_server_ = -1;
  int from_server_ = -1;
  bool exited_ = false;
  int next_id_ = 1;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<json> inbox_;
  bool output_ended_ = false;
};

}  // namespace evidential::hostile
