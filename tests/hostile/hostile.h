// Shared by the hostile-input tests (tests/hostile_*_test.cpp): generated documents, temporary
// directories, and running the real `evidential` binary with a deadline, its exit status and peak memory.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace evidential::hostile {

namespace fs = std::filesystem;

/// Under ASan + UBSan (the `sanitize` preset) everything runs ~10x slower. The sanitizers look for
/// memory errors, which the same code paths show at a tenth of the size; the normal build runs the
/// full sizes.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

inline size_t scaled(size_t full) { return kSanitized ? full / 10 : full; }

/// Our own prose, paragraph after paragraph, with hedges, attributions, quotes and citations, until
/// `bytes` is reached. Paragraphs are separated by blank lines unless `one_line`.
inline std::string prose(size_t bytes, bool one_line = false, unsigned seed = 1) {
  static const char* const kSentences[] = {
      "The harbour board may vote on the new breakwater next month.",
      "Officials said the dredging would finish before the autumn storms.",
      "Some fishermen argue that the channel is clearly too narrow.",
      "According to the port authority, freight rose 4.5 percent in 2023.",
      "\xE2\x80\x9CWe will keep the ferry running,\xE2\x80\x9D the mayor told reporters.",
      "A source familiar with the budget said costs could double.",
      "The tide tables were revised after the survey [2].",
      "Perhaps the old pier will reopen, perhaps not.",
      "Engineers reportedly found cracks in the sea wall (Lindqvist 2019).",
      "Nobody has explained why the lighthouse went dark.",
  };
  std::mt19937 rng(seed);
  std::string out;
  out.reserve(bytes + 256);
  while (out.size() < bytes) {
    const int sentences = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < sentences; ++i) {
      out += kSentences[rng() % std::size(kSentences)];
      out += ' ';
    }
    out.back() = one_line ? ' ' : '\n';
    if (!one_line) out += '\n';
  }
  return out;
}

/// A fresh directory under the system's temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "evidential-hostile-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    // Make read-only directories writable again so they can be removed.
    for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) fs::permissions(it->path(), fs::perms::owner_all, ec);
    }
    fs::permissions(path_, fs::perms::owner_all, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  fs::path write(const std::string& name, const std::string& content) const {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  fs::path path_;
};

struct ProcessResult {
  int exit_code = -1;  ///< -1: killed by a signal or by the deadline
  int signal = 0;
  bool timed_out = false;
  std::string out;
  std::string err;
  long max_rss_kb = 0;
};

/// Runs `args` (args[0] is the program) in `cwd` with `input` on stdin; kills it after `deadline`.
inline ProcessResult run_process(const std::vector<std::string>& args, const fs::path& cwd,
                                 const std::string& input = {},
                                 std::chrono::seconds deadline = std::chrono::seconds(600)) {
  // A child that exits before reading all its input must not take the test down with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  int in[2], out[2], err[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) std::abort();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  ProcessResult r;
  size_t written = 0;
  int to_child = in[1];
  if (input.empty()) {
    ::close(to_child);
    to_child = -1;
  } else {
    ::fcntl(to_child, F_SETFL, O_NONBLOCK);
  }
  const auto end = std::chrono::steady_clock::now() + deadline;
  int open_outputs = 2;
  char buf[65536];
  while (open_outputs > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      r.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {to_child, POLLOUT, 0}};
    ::poll(fds, to_child >= 0 ? 3 : 2, static_cast<int>(std::min<long>(left.count(), 1000)));
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
      } else {
        ::close(fds[i].fd);
        (i == 0 ? out[0] : err[0]) = -1;
        --open_outputs;
      }
    }
    if (to_child >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = ::write(to_child, input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      if (n < 0 && errno != EAGAIN) written = input.size();
      if (written == input.size()) {
        ::close(to_child);
        to_child = -1;
      }
    }
  }
  if (to_child >= 0) ::close(to_child);
  if (out[0] >= 0) ::close(out[0]);
  if (err[0] >= 0) ::close(err[0]);
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  r.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

}  // namespace evidential::hostile
