// `evidential check`: the batch linter. Files are analysed by -j workers and written by one thread in
// path order, so output is deterministic; each file's output is rendered by its worker and dropped once
// written, and large plain-text files are analysed in segments, so memory stays bounded.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/files.h"
#include "cli/input.h"
#include "cli/output.h"
#include "cli/settings_cache.h"
#include "cli/summary.h"
#include "core/analysis.h"
#include "core/document.h"
#include "core/line_index.h"
#include "core/markup/markup.h"
#include "core/summary.h"

namespace evidential::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCheckUsage = R"(usage: evidential check [options] [PATH ...]

Checks Markdown and plain-text files. Directories are walked (files whose extension the nearest
.evidential.json's "languages" knows, minus its "ignore" globs, .gitignore rules and licence texts
such as LICENSE.md or COPYING.txt, which are checked only when named); "-" reads stdin.

output:
  --format FORMAT        text (default), json, jsonl, sarif, github
  --summary              add a summary per file (claims, sourcing, hedging); text, json and jsonl
  --fail-on LEVEL        exit 1 when a finding is at or above LEVEL: error, warning (default),
                         information, hint, or never
  --quiet, -q            print nothing but findings and errors
  --color WHEN           colour text output: auto (default: on a terminal, unless NO_COLOR is set),
                         always, never

files:
  --config FILE          use this configuration for every file instead of the nearest .evidential.json
  --no-config            use the built-in defaults only
  --stdin-filename NAME  the name (and so the markup and configuration) of the text read from stdin
  --include GLOB         only check walked files matching GLOB (repeatable)
  --exclude GLOB         skip files matching GLOB (repeatable)
  --force-exclude        apply --exclude and "ignore" to files named on the command line too
  --no-gitignore         do not read .gitignore files
  --max-file-size BYTES  skip larger files with a note (default 52428800)

scale:
  -j, --jobs N           analyse N files at once (default: every core)
  --shard K/N            check only the K-th of N shares of the files (1-based): every file falls in
                         exactly one share, so N CI jobs together check everything once

exit status: 0 no finding at or above --fail-on, 1 some, 2 usage, configuration or I/O error (a file
that is binary, not UTF-8 or unreadable is reported and skipped; 2 only when nothing could be read).
)";

struct Options {
  std::vector<std::string> paths;
  Format format = Format::kText;
  std::optional<core::Severity> fail_on = core::Severity::kWarning;
  std::optional<std::string> config_path;
  bool no_config = false;
  std::optional<std::string> stdin_filename;
  FileSelection selection;
  unsigned jobs = 0;
  unsigned shard_index = 0, shard_count = 0;
  bool summary = false;
  bool quiet = false;
  std::string color = "auto";
  uint64_t max_file_size = 50ull * 1024 * 1024;
  /// Plain-text files over twice this size are analysed in segments of about this size. Not in the
  /// usage text: it exists so tests can prove segmenting changes no finding, on small files.
  uint64_t segment_bytes = 1ull << 20;
};

bool parse_count(const std::string& v, uint64_t* out) {
  if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos) return false;
  try {
    *out = std::stoull(v);
  } catch (...) {
    return false;
  }
  return true;
}

/// Parses arguments; returns an error message for a usage error.
std::optional<std::string> parse_args(const std::vector<std::string>& args, Options& o) {
  bool only_paths = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_paths || a == "-" || a.empty() || a[0] != '-') {
      o.paths.push_back(a);
      continue;
    }
    if (a == "--") {
      only_paths = true;
      continue;
    }
    // "--name=value" or "--name value"; "-j4" or "-j 4".
    std::string name = a, v;
    bool inline_value = false;
    if (size_t eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = a.substr(0, eq);
      v = a.substr(eq + 1);
      inline_value = true;
    } else if (a.rfind("-j", 0) == 0 && a.size() > 2) {
      name = "-j";
      v = a.substr(2);
      inline_value = true;
    }
    auto value = [&]() -> bool {
      if (inline_value) return true;
      if (i + 1 >= args.size()) return false;
      v = args[++i];
      return true;
    };
    auto flag = [&]() -> bool { return !inline_value; };
    if (name == "--format") {
      if (!value() || !parse_format(v, &o.format)) return "--format takes text, json, jsonl, sarif or github";
    } else if (name == "--fail-on") {
      core::Severity s;
      if (!value()) return "--fail-on takes a level";
      if (v == "never" || v == "none")
        o.fail_on.reset();
      else if (core::parse_severity(v, &s))
        o.fail_on = s;
      else
        return "--fail-on takes error, warning, information, hint or never";
    } else if (name == "--config") {
      if (!value() || v.empty()) return "--config takes a file";
      o.config_path = v;
    } else if (name == "--no-config" && flag()) {
      o.no_config = true;
    } else if (name == "--stdin-filename") {
      if (!value() || v.empty()) return "--stdin-filename takes a name";
      o.stdin_filename = v;
    } else if (name == "--include") {
      if (!value() || v.empty()) return "--include takes a glob";
      o.selection.include.push_back(v);
    } else if (name == "--exclude") {
      if (!value() || v.empty()) return "--exclude takes a glob";
      o.selection.exclude.push_back(v);
    } else if (name == "--force-exclude" && flag()) {
      o.selection.force_exclude = true;
    } else if (name == "--no-gitignore" && flag()) {
      o.selection.respect_gitignore = false;
    } else if (name == "-j" || name == "--jobs") {
      uint64_t n = 0;
      if (!value() || !parse_count(v, &n) || n == 0 || n > 4096)
        return "--jobs takes a number from 1 to 4096";
      o.jobs = static_cast<unsigned>(n);
    } else if (name == "--shard") {
      if (!value()) return "--shard takes K/N";
      size_t slash = v.find('/');
      uint64_t k = 0, n = 0;
      if (slash == std::string::npos || !parse_count(v.substr(0, slash), &k) ||
          !parse_count(v.substr(slash + 1), &n) || n == 0 || k == 0 || k > n || n > UINT32_MAX) {
        return "--shard takes K/N with 1 <= K <= N";
      }
      o.shard_index = static_cast<unsigned>(k);
      o.shard_count = static_cast<unsigned>(n);
    } else if (name == "--summary" && flag()) {
      o.summary = true;
    } else if (name == "--max-file-size") {
      if (!value() || !parse_count(v, &o.max_file_size)) return "--max-file-size takes a number of bytes";
    } else if (name == "--segment-size") {
      if (!value() || !parse_count(v, &o.segment_bytes) || o.segment_bytes == 0) {
        return "--segment-size takes a number of bytes";
      }
    } else if ((name == "--quiet" || name == "-q") && flag()) {
      o.quiet = true;
    } else if (name == "--color" || name == "--colour") {
      if (!value() || (v != "auto" && v != "always" && v != "never"))
        return "--color takes auto, always or never";
      o.color = v;
    } else {
      return "unknown option " + a;
    }
  }
  return std::nullopt;
}

/// One file's (or segment's) rendered output with its finding counts by severity.
struct Chunk {
  Rendered rendered;
  std::array<size_t, 5> counts{};
};

/// What the writer needs to know about a file besides its chunks.
struct FileOutcome {
  std::string error;   ///< why the file was skipped, or a configuration error
  bool fatal = false;  ///< the error makes the run exit 2
  bool read = false;   ///< the file was analysed
};

std::string lower_extension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

class Checker {
 public:
  Checker(const Options& o, SettingsCache& cache, const Formatter& formatter)
      : o_(o), cache_(cache), formatter_(formatter) {}

  /// Analyses `path` and hands its chunks, in order, to `sink`.
  FileOutcome check(const std::string& path, const std::function<void(Chunk&&)>& sink) const {
    // Core never throws on any input; what can (allocation, a JSON writer) must not end a worker
    // thread, which would terminate the process. It becomes this file's error, and exit 2.
    try {
      return check_file(path, sink);
    } catch (const std::exception& e) {
      FileOutcome out;
      out.error = (path == "-" ? o_.stdin_filename.value_or("<stdin>") : path) + ": " + e.what();
      out.fatal = true;
      return out;
    }
  }

 private:
  FileOutcome check_file(const std::string& path, const std::function<void(Chunk&&)>& sink) const {
    FileOutcome out;
    const bool is_stdin = path == "-";
    const std::string display = is_stdin ? o_.stdin_filename.value_or("<stdin>") : path;
    // stdin takes the configuration of the directory --stdin-filename names (else the current one).
    DirectorySettings ds = cache_.for_file(display);
    if (!ds.error.empty()) {
      out.error = ds.error;
      out.fatal = true;
      return out;
    }
    const core::Settings& settings = *ds.settings;
    auto lang = settings.languages.find(lower_extension(display));
    core::Markup markup = lang != settings.languages.end() ? lang->second : core::Markup::kPlain;

    // Large plain text is analysed in segments (see Segment); Markdown is not, because reference
    // links, footnotes and fenced blocks reach across the whole file. --summary needs the whole file.
    struct stat st {};
    if (!is_stdin && markup == core::Markup::kPlain && !o_.summary && ::stat(path.c_str(), &st) == 0 &&
        S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > 2 * o_.segment_bytes) {
      if (static_cast<uint64_t>(st.st_size) > o_.max_file_size) {
        out.error = display + ": larger than --max-file-size (" + std::to_string(st.st_size) + " > " +
                    std::to_string(o_.max_file_size) + " bytes); skipped";
        return out;
      }
      return check_segmented(path, display, settings, sink);
    }

    std::string text;
    if (auto why = read_input(path, o_.max_file_size, &text)) {
      out.error = display + ": " + *why;
      return out;
    }
    if (auto why = reject_text(text)) {
      out.error = display + ": " + *why;
      return out;
    }
    if (markup == core::Markup::kMarkdown && !o_.summary && text.size() > 2 * o_.segment_bytes &&
        text.size() < UINT32_MAX) {
      return check_markdown_segmented(display, text, settings, sink);
    }
    core::Document doc = core::parse_document(std::move(text), markup);
    core::Analysis analysis(doc, settings);
    std::vector<core::Finding> findings = core::run_checks(analysis);
    Chunk chunk = render(display, doc, findings, 0, 0);
    if (o_.summary) {
      std::string summary = render_summary(display, core::summarize(analysis), o_.format);
      if (o_.format == Format::kJson && !summary.empty() && !chunk.rendered.text.empty()) {
        chunk.rendered.text += ",\n";
      }
      chunk.rendered.text += summary;
    }
    sink(std::move(chunk));
    out.read = true;
    return out;
  }

  FileOutcome check_segmented(const std::string& path, const std::string& display,
                              const core::Settings& settings,
                              const std::function<void(Chunk&&)>& sink) const {
    FileOutcome out;
    std::vector<Segment> segments;
    const uint64_t margin = std::max<uint64_t>(1, std::min<uint64_t>(32 * 1024, o_.segment_bytes / 4));
    if (auto why = plan_segments(path, o_.segment_bytes, margin, &segments)) {
      out.error = display + ": " + *why;
      return out;
    }
    std::string text;
    for (const Segment& s : segments) {
      if (auto why = read_range(path, s.read_start, s.read_end, &text)) {
        out.error = display + ": " + *why;
        return out;
      }
      core::Document doc = core::parse_document(std::move(text), core::Markup::kPlain);
      std::vector<core::Finding> findings = core::analyze(doc, settings);
      const uint64_t lo = s.core_start - s.read_start, hi = s.core_end - s.read_start;
      std::erase_if(findings,
                    [&](const core::Finding& f) { return f.range.start < lo || f.range.start >= hi; });
      sink(render(display, doc, findings, s.read_start, s.read_line));
      text.clear();
    }
    out.read = true;
    return out;
  }

  // A large Markdown file: its markup is found once for the whole text (so fenced blocks, link
  // definitions and suppression comments are read as the whole file reads them), then its blocks are
  // analysed in runs of about segment_bytes with a margin of whole blocks on each side, like plain text.
  // Each run's Document holds its own bytes plus a copy of every link definition, so reference links
  // resolve; suppression comments are applied with file offsets. The whole text stays in memory (it is
  // at most --max-file-size), the per-token structures only for one run at a time.
  FileOutcome check_markdown_segmented(const std::string& display, const std::string& text,
                                       const core::Settings& settings,
                                       const std::function<void(Chunk&&)>& sink) const {
    FileOutcome out;
    out.read = true;
    core::MarkupResult markup = core::parse_markdown(text);
    const std::vector<core::Block>& blocks = markup.blocks;
    auto line_start = [&](uint32_t at) {
      while (at > 0 && text[at - 1] != '\n') --at;
      return at;
    };
    // Cut candidates: the start of the line where a block begins, when no earlier block reaches it.
    std::vector<uint32_t> cuts{0};
    const uint64_t margin = std::max<uint64_t>(1, std::min<uint64_t>(32 * 1024, o_.segment_bytes / 4));
    for (size_t b = 1; b < blocks.size(); ++b) {
      const uint32_t at = line_start(blocks[b].range.start);
      if (at >= blocks[b - 1].range.end && at - cuts.back() >= margin) cuts.push_back(at);
    }
    const uint32_t size = static_cast<uint32_t>(text.size());
    std::vector<size_t> bounds{0};  // indices into cuts where cores start
    for (size_t k = 1; k < cuts.size(); ++k) {
      if (cuts[k] - cuts[bounds.back()] >= o_.segment_bytes) bounds.push_back(k);
    }
    if (bounds.size() > 1 && size - cuts[bounds.back()] < o_.segment_bytes / 2) bounds.pop_back();

    core::LineIndex lines(text);
    for (size_t j = 0; j < bounds.size(); ++j) {
      const uint32_t core_start = cuts[bounds[j]];
      const uint32_t core_end = j + 1 < bounds.size() ? cuts[bounds[j + 1]] : size;
      const uint32_t read_start = cuts[bounds[j] > 0 ? bounds[j] - 1 : 0];
      const uint32_t read_end =
          j + 1 < bounds.size() && bounds[j + 1] + 1 < cuts.size() ? cuts[bounds[j + 1] + 1] : size;
      std::string part(text, read_start, read_end - read_start);
      core::MarkupResult part_markup;
      part_markup.documents_software = markup.documents_software;  // a fact of the whole file
      part_markup.states_rules = markup.states_rules;
      auto first = std::lower_bound(blocks.begin(), blocks.end(), read_start,
                                    [](const core::Block& b, uint32_t at) { return b.range.start < at; });
      for (auto it = first; it != blocks.end() && it->range.end <= read_end; ++it) {
        core::Block& b = part_markup.blocks.emplace_back(*it);
        b.range = {b.range.start - read_start, b.range.end - read_start};
        for (core::Range& hole : b.holes) hole = {hole.start - read_start, hole.end - read_start};
      }
      for (const core::LinkDefinition& def : markup.link_definitions) {
        auto append = [&](core::Range r) {
          part.push_back('\n');
          const uint32_t at = static_cast<uint32_t>(part.size());
          part.append(text, r.start, r.size());
          return core::Range{at, at + r.size()};
        };
        core::LinkDefinition& copy = part_markup.link_definitions.emplace_back();
        copy.label = append(def.label);
        copy.destination = append(def.destination);
      }
      core::Document doc =
          core::parse_document(std::move(part), core::Markup::kMarkdown, std::move(part_markup));
      std::vector<core::Finding> findings = core::analyze(doc, settings);
      std::erase_if(findings, [&](const core::Finding& f) {
        return f.range.start + read_start < core_start || f.range.start + read_start >= core_end;
      });
      if (!markup.directives.empty()) {
        for (core::Finding& f : findings) f.range = {f.range.start + read_start, f.range.end + read_start};
        core::apply_directives(text, markup.directives, findings);
        for (core::Finding& f : findings) f.range = {f.range.start - read_start, f.range.end - read_start};
      }
      sink(render(display, doc, findings, read_start, lines.line_of(read_start)));
    }
    return out;
  }

  Chunk render(const std::string& display, const core::Document& doc,
               const std::vector<core::Finding>& findings, uint64_t offset, uint64_t line) const {
    Chunk chunk;
    for (const core::Finding& f : findings) ++chunk.counts[static_cast<size_t>(f.severity)];
    chunk.rendered = formatter_.render(FileChunk{display, doc, findings, offset, line});
    return chunk;
  }

  const Options& o_;
  SettingsCache& cache_;
  const Formatter& formatter_;
};

/// The single writer: output in order, counts, notes on stderr, progress on a terminal.
class Writer {
 public:
  Writer(Formatter& formatter, const Options& o, size_t total)
      : formatter_(formatter), o_(o), total_(total), start_(std::chrono::steady_clock::now()) {
    // Progress only when findings go elsewhere: on a shared terminal it would tangle with them.
    progress_ = !o.quiet && isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO);
  }

  void begin() { put(formatter_.begin()); }

  void chunk(const std::string& path, Chunk&& c) {
    for (size_t s = 0; s < c.counts.size(); ++s) counts_[s] += c.counts[s];
    put(formatter_.emit(path, std::move(c.rendered)));
  }

  void finish_file(const std::string& display, const FileOutcome& outcome) {
    ++done_;
    if (!outcome.error.empty()) {
      clear_progress();
      std::fflush(stdout);
      std::cerr << "evidential: " << outcome.error << "\n";
      info_.notifications.push_back({outcome.fatal, outcome.error});
      if (outcome.fatal)
        fatal_ = true;
      else
        skipped_ = true;
    }
    if (outcome.read) any_read_ = true;
    (void)display;
    show_progress();
  }

  void note(const std::string& message, bool fatal) {
    std::cerr << "evidential: " << message << "\n";
    info_.notifications.push_back({fatal, message});
    if (fatal)
      fatal_ = true;
    else
      skipped_ = true;
  }

  int finish(size_t files) {
    clear_progress();
    info_.successful = !fatal_ && !(skipped_ && !any_read_);
    put(formatter_.end(info_));
    std::fflush(stdout);
    size_t total = counts_[1] + counts_[2] + counts_[3] + counts_[4];
    if (!o_.quiet && isatty(STDERR_FILENO)) {
      std::cerr << files << (files == 1 ? " file" : " files") << " checked, " << total
                << (total == 1 ? " finding" : " findings") << ": " << counts_[1] << " error, " << counts_[2]
                << " warning, " << counts_[3] << " information, " << counts_[4] << " hint\n";
    }
    if (fatal_) return kExitError;
    if (skipped_ && !any_read_) return kExitError;
    if (o_.fail_on) {
      for (size_t s = 1; s <= static_cast<size_t>(*o_.fail_on); ++s) {
        if (counts_[s] > 0) return kExitFindings;
      }
    }
    return kExitOk;
  }

 private:
  void put(const std::string& s) {
    if (!s.empty()) std::fwrite(s.data(), 1, s.size(), stdout);
  }

  void show_progress() {
    if (!progress_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_progress_ < std::chrono::milliseconds(200))
      return;
    last_progress_ = now;
    std::cerr << "\r\x1b[Kevidential: " << done_ << "/" << total_ << " files" << std::flush;
    progress_shown_ = true;
  }

  void clear_progress() {
    if (progress_shown_) std::cerr << "\r\x1b[K" << std::flush;
    progress_shown_ = false;
  }

  Formatter& formatter_;
  const Options& o_;
  size_t total_;
  size_t done_ = 0;
  std::array<size_t, 5> counts_{};
  bool fatal_ = false, skipped_ = false, any_read_ = false;
  RunInfo info_;
  bool progress_ = false, progress_shown_ = false;
  std::chrono::steady_clock::time_point start_, last_progress_{};
};

/// -j N: workers take files in order and analyse them; the writer takes their chunks in file order. A
/// worker stays at most `kWindow` files ahead of the writer and a file at most `kPending` chunks ahead,
/// so memory does not grow with the size of the archive.
void run_parallel(const std::vector<std::string>& files, unsigned jobs, const Checker& checker,
                  Writer& writer, const std::vector<std::string>& display) {
  struct Slot {
    std::deque<Chunk> chunks;
    bool done = false;
    FileOutcome outcome;
  };
  const size_t kWindow = static_cast<size_t>(jobs) * 4;
  constexpr size_t kPending = 2;
  std::vector<Slot> slots(files.size());
  std::mutex mutex;
  std::condition_variable to_writer, to_workers;
  std::atomic<size_t> next{0};
  size_t written = 0;  // files fully written; guarded by mutex

  auto worker = [&] {
    for (;;) {
      size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      {
        std::unique_lock lock(mutex);
        to_workers.wait(lock, [&] { return i < written + kWindow; });
      }
      FileOutcome outcome = checker.check(files[i], [&](Chunk&& c) {
        std::unique_lock lock(mutex);
        to_workers.wait(lock, [&] { return slots[i].chunks.size() < kPending; });
        slots[i].chunks.push_back(std::move(c));
        to_writer.notify_all();
      });
      {
        std::lock_guard lock(mutex);
        slots[i].outcome = std::move(outcome);
        slots[i].done = true;
      }
      to_writer.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);

  for (size_t i = 0; i < files.size(); ++i) {
    for (;;) {
      Chunk c;
      {
        std::unique_lock lock(mutex);
        to_writer.wait(lock, [&] { return !slots[i].chunks.empty() || slots[i].done; });
        if (slots[i].chunks.empty()) break;  // done and drained
        c = std::move(slots[i].chunks.front());
        slots[i].chunks.pop_front();
      }
      to_workers.notify_all();
      writer.chunk(display[i], std::move(c));
    }
    FileOutcome outcome;
    {
      std::lock_guard lock(mutex);
      outcome = std::move(slots[i].outcome);
      slots[i] = Slot{};
      written = i + 1;
    }
    to_workers.notify_all();
    writer.finish_file(display[i], outcome);
  }
  for (std::thread& t : threads) t.join();
}

}  // namespace

int run_check(const std::vector<std::string>& args) {
  Options o;
  for (const std::string& a : args) {
    if (a == "--") break;
    if (a == "--help" || a == "-h") {
      std::cout << kCheckUsage;
      return kExitOk;
    }
  }
  if (auto err = parse_args(args, o)) {
    std::cerr << "evidential check: " << *err << "\n(run \"evidential check --help\" for the options)\n";
    return kExitError;
  }
  if (o.paths.empty()) o.paths.push_back(o.stdin_filename ? "-" : ".");
  if (std::count(o.paths.begin(), o.paths.end(), "-") > 1) {
    std::cerr << "evidential check: \"-\" (stdin) can be given once\n";
    return kExitError;
  }

  SettingsCache cache(o.config_path, o.no_config);
  CollectedFiles collected = collect_files(o.paths, o.selection, cache);
  std::vector<std::string> files = std::move(collected.files);
  if (o.shard_count > 0) {
    // The i-th file in path order goes to shard (i mod N) + 1: shares differ by at most one file, and
    // the same file list always splits the same way on every machine.
    std::vector<std::string> mine;
    for (size_t i = 0; i < files.size(); ++i) {
      if (i % o.shard_count == o.shard_index - 1) mine.push_back(std::move(files[i]));
    }
    files = std::move(mine);
  }
  std::vector<std::string> display = files;
  for (std::string& d : display) {
    if (d == "-") d = o.stdin_filename.value_or("<stdin>");
  }

  FormatOptions fo;
  const char* term = std::getenv("TERM");
  fo.color = o.format == Format::kText &&
             (o.color == "always" ||
              (o.color == "auto" && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr &&
               !(term != nullptr && std::string_view(term) == "dumb")));
  std::unique_ptr<Formatter> formatter = make_formatter(o.format, fo);
  Checker checker(o, cache, *formatter);
  Writer writer(*formatter, o, files.size());

  writer.begin();
  for (const std::string& e : collected.errors) writer.note(e, true);
  for (const std::string& w : collected.warnings) writer.note(w, false);
  if (files.empty() && collected.errors.empty() && !o.quiet && o.shard_count == 0) {
    std::cerr << "evidential: no files to check\n";
  }

  unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(1, files.size())));
  if (jobs == 1) {
    // One job: no threads at all, each file written as soon as it is analysed.
    for (size_t i = 0; i < files.size(); ++i) {
      FileOutcome outcome =
          checker.check(files[i], [&](Chunk&& c) { writer.chunk(display[i], std::move(c)); });
      writer.finish_file(display[i], outcome);
    }
  } else {
    run_parallel(files, jobs, checker, writer, display);
  }
  return writer.finish(files.size());
}

}  // namespace evidential::cli
