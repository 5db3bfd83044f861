// `evidential check`: the batch linter. Files are analysed by -j workers; results are written by one
// thread in input order, so output is deterministic and memory is bounded by a small window.
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/files.h"
#include "cli/output.h"
#include "cli/summary.h"
#include "config/config.h"
#include "core/analysis.h"
#include "core/utf8.h"

namespace evidential::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCheckUsage = R"(usage: evidential check [options] [PATH ...]

Checks Markdown and plain-text files (directories are walked; "-" reads stdin).

options:
  --format FORMAT        text (default), json, jsonl, sarif, github
  --fail-on LEVEL        exit 1 when a finding is at or above LEVEL: error, warning (default),
                         information, hint, or never
  --config FILE          use this configuration instead of the nearest .evidential.json
  --no-config            use the built-in defaults only
  --stdin-filename NAME  the name (and markup, by extension) of the text read from stdin
  --include GLOB         only check files matching GLOB (repeatable)
  --exclude GLOB         skip files matching GLOB (repeatable)
  --no-gitignore         do not read .gitignore files
  -j, --jobs N           analyse N files at once (default: every core)
  --shard K/N            check only the K-th of N equal shares of the files (1-based)
  --summary              print a document summary per file (claims, sourcing, hedging)
  --max-file-size BYTES  skip larger files with a note (default 52428800)
  --quiet                print nothing but findings and errors
  --color WHEN           auto (default), always, never
)";

struct Options {
  std::vector<std::string> paths;
  Format format = Format::kText;
  std::optional<core::Severity> fail_on = core::Severity::kWarning;
  std::optional<std::string> config_path;
  bool no_config = false;
  std::string stdin_filename = "<stdin>";
  FileSelection selection;
  unsigned jobs = 0;
  unsigned shard_index = 0, shard_count = 0;
  bool summary = false;
  bool quiet = false;
  std::string color = "auto";
  uint64_t max_file_size = 50ull * 1024 * 1024;
};

/// Parses arguments; returns an error message for a usage error.
std::optional<std::string> parse_args(const std::vector<std::string>& args, Options& o) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) -> bool {
      size_t eq = a.find('=');
      if (a.rfind("--", 0) == 0 && eq != std::string::npos) {
        *out = a.substr(eq + 1);
        return true;
      }
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    auto is = [&](std::string_view name) {
      return a == name || (a.rfind(std::string(name) + "=", 0) == 0 && name.rfind("--", 0) == 0);
    };
    std::string v;
    if (is("--format")) {
      if (!value(&v) || !parse_format(v, &o.format)) return "--format takes text, json, jsonl, sarif or github";
    } else if (is("--fail-on")) {
      if (!value(&v)) return "--fail-on takes a level";
      core::Severity s;
      if (v == "never") o.fail_on.reset();
      else if (core::parse_severity(v, &s)) o.fail_on = s;
      else return "--fail-on takes error, warning, information, hint or never";
    } else if (is("--config")) {
      if (!value(&v)) return "--config takes a file";
      o.config_path = v;
    } else if (a == "--no-config") {
      o.no_config = true;
    } else if (is("--stdin-filename")) {
      if (!value(&v)) return "--stdin-filename takes a name";
      o.stdin_filename = v;
    } else if (is("--include")) {
      if (!value(&v)) return "--include takes a glob";
      o.selection.include.push_back(v);
    } else if (is("--exclude")) {
      if (!value(&v)) return "--exclude takes a glob";
      o.selection.exclude.push_back(v);
    } else if (a == "--no-gitignore") {
      o.selection.respect_gitignore = false;
    } else if (a == "-j" || is("--jobs") || (a.rfind("-j", 0) == 0 && a.size() > 2)) {
      if (a.rfind("-j", 0) == 0 && a.size() > 2) v = a.substr(2);
      else if (!value(&v)) return "--jobs takes a number";
      try {
        o.jobs = static_cast<unsigned>(std::stoul(v));
      } catch (...) {
        return "--jobs takes a number";
      }
      if (o.jobs == 0) return "--jobs takes a number of at least 1";
    } else if (is("--shard")) {
      if (!value(&v)) return "--shard takes K/N";
      unsigned k = 0, n = 0;
      char slash = 0;
      std::istringstream in(v);
      if (!(in >> k >> slash >> n) || slash != '/' || n == 0 || k == 0 || k > n || !in.eof()) {
        return "--shard takes K/N with 1 <= K <= N";
      }
      o.shard_index = k;
      o.shard_count = n;
    } else if (a == "--summary") {
      o.summary = true;
    } else if (is("--max-file-size")) {
      if (!value(&v)) return "--max-file-size takes a number of bytes";
      try {
        o.max_file_size = std::stoull(v);
      } catch (...) {
        return "--max-file-size takes a number of bytes";
      }
    } else if (a == "--quiet" || a == "-q") {
      o.quiet = true;
    } else if (is("--color")) {
      if (!value(&v) || (v != "auto" && v != "always" && v != "never")) return "--color takes auto, always or never";
      o.color = v;
    } else if (a == "-") {
      o.paths.push_back(a);
    } else if (a.size() > 1 && a[0] == '-') {
      return "unknown option " + a;
    } else {
      o.paths.push_back(a);
    }
  }
  return std::nullopt;
}

/// Settings per configuration file, loaded once; and the nearest configuration per directory.
class SettingsCache {
 public:
  SettingsCache(const Options& o) : options_(o), defaults_(config::default_settings()) {}

  /// The settings for a file, or an error message naming the configuration file.
  std::variant<const core::Settings*, std::string> for_file(const std::string& path) {
    std::lock_guard lock(mutex_);
    if (options_.no_config) return &defaults_;
    std::optional<fs::path> cfg;
    if (options_.config_path) {
      cfg = fs::path(*options_.config_path);
    } else {
      fs::path dir = path == "-" ? fs::current_path() : fs::path(path).parent_path();
      if (dir.empty()) dir = ".";
      std::string key = dir.string();
      auto it = nearest_.find(key);
      if (it == nearest_.end()) it = nearest_.emplace(key, config::find_config(dir)).first;
      cfg = it->second;
    }
    if (!cfg) return &defaults_;
    std::string key = cfg->string();
    auto it = loaded_.find(key);
    if (it == loaded_.end()) {
      auto result = config::load_config_file(*cfg, defaults_);
      if (auto* err = std::get_if<config::ConfigError>(&result)) {
        it = loaded_.emplace(key, err->to_string()).first;
      } else {
        it = loaded_.emplace(key, std::make_unique<core::Settings>(std::get<core::Settings>(std::move(result)))).first;
      }
    }
    if (auto* err = std::get_if<std::string>(&it->second)) return *err;
    return std::get<std::unique_ptr<core::Settings>>(it->second).get();
  }

  const core::Settings& defaults() const { return defaults_; }

 private:
  const Options& options_;
  core::Settings defaults_;
  std::mutex mutex_;
  std::map<std::string, std::optional<fs::path>> nearest_;
  std::map<std::string, std::variant<std::unique_ptr<core::Settings>, std::string>> loaded_;
};

struct Result {
  bool ready = false;
  std::string display_path;
  std::optional<core::Document> doc;
  std::vector<core::Finding> findings;
  std::string summary;  ///< rendered --summary, when asked for
  std::string error;  ///< a file that could not be checked (stays in the output as a note)
  bool fatal = false; ///< an error that makes the run exit 2 (bad configuration)
};

std::optional<std::string> read_all(std::istream& in, uint64_t limit, std::string* out) {
  std::ostringstream buf;
  buf << in.rdbuf();
  *out = std::move(buf).str();
  if (out->size() > limit) {
    return "larger than --max-file-size (" + std::to_string(out->size()) + " bytes); skipped";
  }
  return std::nullopt;
}

void analyse_one(const std::string& path, const Options& o, SettingsCache& cache, Result& r) {
  r.display_path = path == "-" ? o.stdin_filename : path;
  auto settings_or = cache.for_file(path == "-" ? r.display_path : path);
  if (auto* err = std::get_if<std::string>(&settings_or)) {
    r.error = *err;
    r.fatal = true;
    return;
  }
  const core::Settings& settings = *std::get<const core::Settings*>(settings_or);
  std::string text;
  if (path == "-") {
    if (auto err = read_all(std::cin, o.max_file_size, &text)) {
      r.error = r.display_path + ": " + *err;
      return;
    }
  } else {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (!ec && size > o.max_file_size) {
      r.error = path + ": larger than --max-file-size (" + std::to_string(size) + " bytes); skipped";
      return;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      r.error = path + ": cannot read the file";
      return;
    }
    if (auto err = read_all(in, o.max_file_size, &text)) {
      r.error = path + ": " + *err;
      return;
    }
  }
  if (text.find('\0') != std::string::npos) {
    r.error = r.display_path + ": looks binary (contains NUL bytes); skipped";
    return;
  }
  if (size_t bad = core::find_invalid_utf8(text); bad != std::string_view::npos) {
    r.error = r.display_path + ": not valid UTF-8 (first bad byte at offset " + std::to_string(bad) +
              "); skipped";
    return;
  }
  std::string ext = fs::path(r.display_path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto lang = settings.languages.find(ext);
  core::Markup markup = lang != settings.languages.end() ? lang->second : core::Markup::kPlain;
  r.doc = core::parse_document(std::move(text), markup);
  core::Analysis analysis(*r.doc, settings);
  r.findings = core::run_checks(analysis);
  if (o.summary) r.summary = render_summary(r.display_path, core::summarize(analysis), o.format);
}

}  // namespace

int run_check(const std::vector<std::string>& args) {
  Options o;
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << kCheckUsage;
      return kExitOk;
    }
  }
  if (auto err = parse_args(args, o)) {
    std::cerr << "evidential check: " << *err << "\n\n" << kCheckUsage;
    return kExitError;
  }
  if (o.paths.empty()) o.paths.push_back(".");

  SettingsCache cache(o);
  std::vector<std::string> errors;
  std::vector<std::string> files = collect_files(o.paths, cache.defaults(), o.selection, errors);
  if (o.shard_count > 0) {
    // Every file goes to exactly one shard: the i-th file (in sorted order) to shard i mod N.
    std::vector<std::string> mine;
    for (size_t i = 0; i < files.size(); ++i) {
      if (i % o.shard_count == o.shard_index - 1) mine.push_back(files[i]);
    }
    files = std::move(mine);
  }
  for (const std::string& e : errors) std::cerr << "evidential: " << e << "\n";

  FormatOptions fo;
  fo.color = o.color == "always" || (o.color == "auto" && o.format == Format::kText &&
                                     isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
  std::unique_ptr<Formatter> formatter = make_formatter(o.format, fo);

  unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, std::max<size_t>(1, files.size()));
  std::vector<Result> results(files.size());
  std::mutex mutex;
  std::condition_variable ready_cv, space_cv;
  std::atomic<size_t> next{0};
  size_t written = 0;  // guarded by mutex
  const size_t window = static_cast<size_t>(jobs) * 4;

  auto worker = [&] {
    for (;;) {
      size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      {
        std::unique_lock lock(mutex);
        space_cv.wait(lock, [&] { return i < written + window; });
      }
      Result r;
      analyse_one(files[i], o, cache, r);
      {
        std::lock_guard lock(mutex);
        results[i] = std::move(r);
        results[i].ready = true;
      }
      ready_cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);

  size_t counts[5] = {0, 0, 0, 0, 0};
  bool fatal = false, any_read = false, any_skipped = !errors.empty();
  std::string out = formatter->begin();
  std::fwrite(out.data(), 1, out.size(), stdout);
  for (size_t i = 0; i < files.size(); ++i) {
    Result r;
    {
      std::unique_lock lock(mutex);
      ready_cv.wait(lock, [&] { return results[i].ready; });
      r = std::move(results[i]);
      results[i] = Result{};
      written = i + 1;
    }
    space_cv.notify_all();
    if (!r.error.empty()) {
      std::cerr << "evidential: " << r.error << "\n";
      fatal |= r.fatal;
      any_skipped = true;
      continue;
    }
    any_read = true;
    for (const core::Finding& f : r.findings) ++counts[static_cast<int>(f.severity)];
    out = formatter->file(r.display_path, *r.doc, r.findings);
    out += r.summary;
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  for (std::thread& t : threads) t.join();
  out = formatter->end();
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);

  if (!o.quiet && o.format == Format::kText && isatty(STDERR_FILENO)) {
    size_t total = counts[1] + counts[2] + counts[3] + counts[4];
    std::cerr << files.size() << " file(s) checked, " << total << " finding(s): " << counts[1]
              << " error, " << counts[2] << " warning, " << counts[3] << " information, " << counts[4]
              << " hint\n";
  }
  if (fatal) return kExitError;
  if (!any_read && any_skipped) return kExitError;
  if (o.fail_on) {
    for (int s = 1; s <= static_cast<int>(*o.fail_on); ++s) {
      if (counts[s] > 0) return kExitFindings;
    }
  }
  return kExitOk;
}

}  // namespace evidential::cli
