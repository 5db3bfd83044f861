// Edit-to-diagnostics latency of `evidential lsp`, measured through pipes against the real binary as an
// editor sees it: a generated Markdown document (100 KB and 1 MB of our own text) is opened, then
// single-character edits are sent one at a time and the time until the publishDiagnostics for that
// version arrives is recorded (debounce 0, so only the server's own work is measured). Also reports the
// server's resident memory with the document open. Because wall-clock time on a shared machine also
// counts the time the server waits for a CPU, the server's own CPU time per edit (all its threads, from
// /proc/<pid>/task/*/schedstat) is reported beside it.
// Usage: lsp_latency [BINARY] [--edits N] [--size 100k|1m] [--slow MS] | lsp_latency --write-document BYTES FILE
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// ---- a Markdown document of our own text ----

const char* const kSubjects[] = {"The harbour authority", "The city council", "A local bakery", "The ferry operator",
                                 "Residents of the north quay", "The regional museum", "Our survey team",
                                 "The rowing club", "A spokesperson for the port", "The weather service"};
const char* const kVerbs[] = {"may extend", "will review", "could delay", "reportedly plans", "has approved",
                              "appears to favour", "might reconsider", "expects to publish", "has postponed",
                              "is likely to widen"};
const char* const kObjects[] = {"the new pier", "the spring timetable", "its budget for repairs",
                                "a study of tidal flooding", "the footbridge over the canal",
                                "the summer market", "plans for a second lighthouse", "the fishing quota",
                                "the cost estimate of 4.5 million", "a survey of 1,200 households"};
const char* const kTails[] = {"before the end of March", "according to minutes of the meeting",
                              "officials said on Tuesday", "though details remain unclear",
                              "after a vote in 2023", "as “a matter of urgency,” one member put it",
                              "which some experts say is overdue", "perhaps by next year",
                              "citing a [report](https://example.org/report)", "despite objections [1]"};

std::string sentence(std::mt19937& rng) {
  auto pick = [&](const auto& list) { return list[rng() % (sizeof(list) / sizeof(list[0]))]; };
  return std::string(pick(kSubjects)) + " " + pick(kVerbs) + " " + pick(kObjects) + ", " + pick(kTails) + ".";
}

std::string paragraph(std::mt19937& rng) {
  std::string p;
  int n = 3 + static_cast<int>(rng() % 4);
  for (int i = 0; i < n; ++i) p += (i ? " " : "") + sentence(rng);
  return p;
}

std::string generate(size_t bytes, unsigned seed) {
  std::mt19937 rng(seed);
  std::string doc = "# Harbour notes\n\n";
  int section = 0;
  while (doc.size() < bytes) {
    switch (rng() % 10) {
      case 0:
        doc += "## Section " + std::to_string(++section) + "\n\n";
        break;
      case 1:
        doc += "- " + sentence(rng) + "\n- " + sentence(rng) + "\n- " + sentence(rng) + "\n\n";
        break;
      case 2:
        doc += "> " + sentence(rng) + "\n> " + sentence(rng) + "\n\n";
        break;
      case 3:
        doc += "```\nschedule = load(\"ferries.csv\")\n```\n\n";
        break;
      default:
        doc += paragraph(rng) + "\n\n";
    }
  }
  return doc;
}

// ---- the server over pipes ----

class Server {
 public:
  explicit Server(const std::string& binary) {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 2);
      close(in[1]);
      close(out[0]);
      execl(binary.c_str(), binary.c_str(), "lsp", "--debounce-ms", "0", "--log-level", "warn", nullptr);
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    to_ = in[1];
    from_ = out[0];
  }
  ~Server() {
    close(to_);
    close(from_);
    int status;
    waitpid(pid_, &status, 0);
  }

  void send(const json& message) {
    std::string body = message.dump();
    std::string frame = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    for (size_t done = 0; done < frame.size();) {
      ssize_t n = write(to_, frame.data() + done, frame.size() - done);
      if (n <= 0) throw std::runtime_error("the server stopped reading");
      done += static_cast<size_t>(n);
    }
  }

  /// The next message body (not parsed: a 1 MB document's diagnostics would dominate the timing). The
  /// header is parsed once and the body read straight into place: the client must not be slower than
  /// the server it times, or its reading, not the server's work, sets the latency (a reader that
  /// re-scanned the growing buffer per 64 KB chunk spent more CPU on a 4.5 MB message than the server).
  std::string next() {
    size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) fill();
    const size_t colon = buffer_.find(':');
    const size_t length = std::stoul(buffer_.substr(colon + 1, header_end - colon - 1));
    const size_t body_start = header_end + 4;
    buffer_.reserve(body_start + length);
    while (buffer_.size() < body_start + length) fill(body_start + length - buffer_.size());
    std::string body = buffer_.substr(body_start, length);
    buffer_.erase(0, body_start + length);
    return body;
  }

  /// Appends what the server has written, up to `wanted` bytes when the size of the rest is known.
  void fill(size_t wanted = 1 << 16) {
    const size_t old_size = buffer_.size();
    buffer_.resize(old_size + std::max<size_t>(wanted, 1 << 16));
    ssize_t n = read(from_, buffer_.data() + old_size, buffer_.size() - old_size);
    if (n <= 0) throw std::runtime_error("the server closed its output");
    buffer_.resize(old_size + static_cast<size_t>(n));
  }

  /// Waits for publishDiagnostics of `version` (keys are serialized in order, so "version" is last).
  void await_diagnostics(int version) {
    const std::string want = "\"version\":" + std::to_string(version) + "}";
    for (;;) {
      std::string body = next();
      if (body.find("\"method\":\"textDocument/publishDiagnostics\"") == std::string::npos) continue;
      if (body.size() >= want.size() + 1 && body.compare(body.size() - want.size() - 1, want.size(), want) == 0) return;
    }
  }

  /// CPU time the server has used so far, all threads, in nanoseconds.
  uint64_t cpu_ns() const {
    uint64_t total = 0;
    const std::string dir = "/proc/" + std::to_string(pid_) + "/task";
    if (DIR* d = opendir(dir.c_str())) {
      while (dirent* e = readdir(d)) {
        if (e->d_name[0] == '.') continue;
        std::ifstream in(dir + "/" + e->d_name + "/schedstat");
        uint64_t ns = 0;
        if (in >> ns) total += ns;
      }
      closedir(d);
    }
    return total;
  }

  /// VmRSS and VmHWM of the server process, in KiB.
  std::pair<long, long> memory() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    long rss = 0, hwm = 0;
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("VmRSS:", 0) == 0) rss = std::stol(line.substr(6));
      if (line.rfind("VmHWM:", 0) == 0) hwm = std::stol(line.substr(6));
    }
    return {rss, hwm};
  }

 private:
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  std::string buffer_;
};

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

/// UTF-16 length of `s` (the generated text is ASCII except for curly quotes, all in the BMP).
uint32_t utf16_length(std::string_view s) {
  uint32_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

/// `slow_ms` > 0: every edit whose server CPU time exceeds it is named on stderr, to find the tail.
void run(const std::string& binary, size_t size, int edits, const char* label, double slow_ms) {
  std::string text = generate(size, 1234);
  Server server(binary);
  server.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"},
               {"params", {{"capabilities", {{"general", {{"positionEncodings", {"utf-16"}}}}}}}}});
  server.next();
  server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  const std::string uri = "file:///bench/doc.md";
  auto open_start = Clock::now();
  server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", uri}, {"languageId", "markdown"}, {"version", 1}, {"text", text}}}}}});
  server.await_diagnostics(1);
  double open_ms = std::chrono::duration<double, std::milli>(Clock::now() - open_start).count();

  // Lines with prose, to type into.
  std::vector<std::pair<size_t, size_t>> lines;  // byte start, byte length
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end - start > 40 && text[start] != '`' && text[start] != '#') lines.emplace_back(start, end - start);
    start = end + 1;
  }
  std::vector<uint32_t> line_numbers(lines.size());
  {
    uint32_t line = 0;
    size_t k = 0;
    for (size_t i = 0; i < text.size() && k < lines.size(); ++i) {
      if (i == lines[k].first) line_numbers[k++] = line;
      if (text[i] == '\n') ++line;
    }
  }

  std::mt19937 rng(99);
  std::vector<double> latencies;
  std::vector<double> cpu;
  int version = 1;
  for (int i = 0; i < edits; ++i) {
    // Type a letter into a random line, then delete it again: single-character edits that keep the
    // document as it was.
    size_t k = rng() % lines.size();
    std::string_view line(text.data() + lines[k].first, lines[k].second);
    size_t byte = 10 + rng() % (line.size() - 20);
    while ((static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80) --byte;
    uint32_t column = utf16_length(line.substr(0, byte));
    json at = {{"line", line_numbers[k]}, {"character", column}};
    json after = {{"line", line_numbers[k]}, {"character", column + 1}};
    for (int step = 0; step < 2; ++step) {
      json change = step == 0 ? json{{"range", {{"start", at}, {"end", at}}}, {"text", "e"}}
                              : json{{"range", {{"start", at}, {"end", after}}}, {"text", ""}};
      json message = {{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
                      {"params", {{"textDocument", {{"uri", uri}, {"version", ++version}}}, {"contentChanges", {change}}}}};
      const uint64_t cpu_start = server.cpu_ns();
      auto start = Clock::now();
      server.send(message);
      server.await_diagnostics(version);
      latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      cpu.push_back(static_cast<double>(server.cpu_ns() - cpu_start) / 1e6);
      if (slow_ms > 0 && cpu.back() > slow_ms) {
        std::fprintf(stderr, "slow edit: %.1f ms wall, %.1f ms cpu, line %u: %.60s\n", latencies.back(),
                     cpu.back(), line_numbers[k], std::string(line).c_str());
      }
    }
  }
  auto [rss, hwm] = server.memory();
  // One didChange carrying many changes (a multi-cursor edit or a formatter): a letter typed into each
  // of kMany lines, given bottom to top as editors send them, then deleted again the same way.
  constexpr size_t kMany = 1000;
  std::vector<size_t> picked;
  for (size_t k = 0; k < lines.size() && picked.size() < kMany;
       k += std::max<size_t>(1, lines.size() / kMany)) {
    picked.push_back(k);
  }
  double many_wall = 0, many_cpu = 0;
  for (int step = 0; step < 2; ++step) {
    json changes = json::array();
    for (size_t n = picked.size(); n-- > 0;) {
      const uint32_t line = line_numbers[picked[n]];
      json at = {{"line", line}, {"character", 12}};
      json after = {{"line", line}, {"character", 13}};
      changes.push_back(step == 0 ? json{{"range", {{"start", at}, {"end", at}}}, {"text", "e"}}
                                  : json{{"range", {{"start", at}, {"end", after}}}, {"text", ""}});
    }
    json message = {
        {"jsonrpc", "2.0"},
        {"method", "textDocument/didChange"},
        {"params", {{"textDocument", {{"uri", uri}, {"version", ++version}}}, {"contentChanges", changes}}}};
    const uint64_t cpu_start = server.cpu_ns();
    auto start = Clock::now();
    server.send(message);
    server.await_diagnostics(version);
    many_wall += std::chrono::duration<double, std::milli>(Clock::now() - start).count() / 2;
    many_cpu += static_cast<double>(server.cpu_ns() - cpu_start) / 1e6 / 2;
  }
  std::printf("| %-6s | %8zu | %6zu | %8.1f | %6.2f | %6.2f | %6.2f | %7.2f | %7.2f | %7.1f | %7.1f |\n",
              label, text.size(), latencies.size(), open_ms, percentile(latencies, 0.5),
              percentile(latencies, 0.99), *std::max_element(latencies.begin(), latencies.end()),
              percentile(cpu, 0.5), percentile(cpu, 0.99), static_cast<double>(rss) / 1024.0,
              static_cast<double>(hwm) / 1024.0);
  std::printf(
      "|        | one didChange with %zu changes: %.1f ms, cpu %.1f ms (mean of typing and deleting)\n",
      picked.size(), many_wall, many_cpu);
  std::fflush(stdout);
  server.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}});
  server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
}

}  // namespace

int main(int argc, char** argv) {
  std::string binary = EVIDENTIAL_BINARY;
  int edits = 250;
  double slow_ms = 0;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--edits" && i + 1 < argc) {
      edits = std::stoi(argv[++i]);
    } else if (a == "--slow" && i + 1 < argc) {
      slow_ms = std::stod(argv[++i]);
    } else if (a == "--size" && i + 1 < argc) {
      only = argv[++i];
    } else if (a == "--write-document" && i + 2 < argc) {
      // The generated document itself, for profiling the analysis outside the server.
      std::ofstream(argv[i + 2], std::ios::binary) << generate(std::stoul(argv[i + 1]), 1234);
      return 0;
    } else {
      binary = a;
    }
  }
  signal(SIGPIPE, SIG_IGN);
  std::printf("edit-to-diagnostics latency, %d single-character edits per size (each typed, then deleted)\n", edits);
  std::printf(
      "wall ms: write of didChange to arrival of its publishDiagnostics; cpu ms: the server's CPU time\n");
  std::printf(
      "| doc    |    bytes |  edits |  open ms | p50 ms | p99 ms | max ms | cpu p50 | cpu p99 | RSS MiB | "
      "HWM MiB |\n");
  std::printf(
      "|--------|----------|--------|----------|--------|--------|--------|---------|---------|---------|----"
      "-----|\n");
  if (only.empty() || only == "100k") run(binary, 100 * 1024, edits, "100 KB", slow_ms);
  if (only.empty() || only == "1m") run(binary, 1024 * 1024, edits, "1 MB", slow_ms);
  return 0;
}
