// File discovery. Directory walks are sorted and the final list is sorted by path, so output order never
// depends on the file system or the order of arguments; directory symlinks are not followed.
#include "cli/files.h"

#include <algorithm>
#include <fstream>
#include <set>

namespace evidential::cli {

namespace fs = std::filesystem;

namespace {

/// Matches pattern[p...] against path[s...]. Recursive at stars; the patterns people write are a few
/// characters long, so the backtracking stays small.
bool glob_at(std::string_view pattern, size_t p, std::string_view path, size_t s) {
  while (p < pattern.size()) {
    char c = pattern[p];
    if (pattern.substr(p, 2) == "**") {
      size_t rest = p + 2;
      bool segments = rest < pattern.size() && pattern[rest] == '/';
      if (segments) ++rest;  // "**/": zero or more whole directories
      for (size_t k = s; k <= path.size(); ++k) {
        if (segments && k > s && path[k - 1] != '/') continue;
        if (glob_at(pattern, rest, path, k)) return true;
      }
      // "dir/**" also matches "dir" itself, as in .gitignore.
      return rest == pattern.size() && p > 0 && pattern[p - 1] == '/' && s == path.size();
    }
    if (c == '*') {
      for (size_t k = s; k <= path.size(); ++k) {
        if (glob_at(pattern, p + 1, path, k)) return true;
        if (k < path.size() && path[k] == '/') break;  // '*' stays within a segment
      }
      return false;
    }
    if (c == '/' && pattern.substr(p) == "/**" && s == path.size()) return true;
    if (s >= path.size()) return false;
    if (c == '?') {
      if (path[s] == '/') return false;
    } else if (c == '[' && pattern.find(']', p + 1) != std::string_view::npos) {
      size_t close = pattern.find(']', p + 1);
      std::string_view set = pattern.substr(p + 1, close - p - 1);
      bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
      if (negate) set.remove_prefix(1);
      bool hit = false;
      for (size_t i = 0; i < set.size(); ++i) {
        if (i + 2 < set.size() && set[i + 1] == '-') {
          hit |= set[i] <= path[s] && path[s] <= set[i + 2];
          i += 2;
        } else {
          hit |= set[i] == path[s];
        }
      }
      if (hit == negate || path[s] == '/') return false;
      p = close;
    } else if (c == '\\' && p + 1 < pattern.size()) {
      if (pattern[p + 1] != path[s]) return false;  // an escaped metacharacter matches itself
      ++p;
    } else if (c != path[s]) {
      return false;
    }
    ++p;
    ++s;
  }
  return s == path.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) { return glob_at(pattern, 0, path, 0); }

bool ignore_pattern_matches(std::string_view pattern, std::string_view rel, bool is_dir) {
  std::string_view pat = pattern;
  if (pat.empty()) return false;
  bool dir_only = pat.back() == '/';
  if (dir_only) {
    if (!is_dir) return false;
    pat.remove_suffix(1);
  }
  bool anchored = pat.find('/') != std::string_view::npos;
  if (!pat.empty() && pat[0] == '/') pat.remove_prefix(1);
  if (pat.empty()) return false;
  if (anchored) return glob_match(pat, rel);
  size_t start = 0;
  for (;;) {
    size_t slash = rel.find('/', start);
    std::string_view seg =
        rel.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    // A segment before the last names a directory, which a directory-only pattern may match too.
    if (glob_match(pat, seg)) return true;
    if (slash == std::string_view::npos) return false;
    start = slash + 1;
  }
}

namespace {

/// .gitignore rules in the order git applies them: later rules win, deeper files come later.
class GitIgnore {
 public:
  struct Rule {
    std::string base;  // absolute directory of the .gitignore file, generic form, no trailing '/'
    std::string pattern;
    bool negate;
  };

  /// Loads `file` (a .gitignore or .git/info/exclude) whose patterns are relative to `base`.
  /// Returns how many rules were added, so a recursive walk can drop them when it leaves `base`.
  size_t load(const fs::path& file, const std::string& base) {
    std::ifstream in(file);
    std::string line;
    size_t added = 0;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      // Trailing spaces are dropped unless escaped.
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t') &&
             !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
        line.pop_back();
      }
      if (line.empty() || line[0] == '#') continue;
      bool negate = line[0] == '!';
      if (negate) line.erase(0, 1);
      if (!line.empty() && line[0] == '\\') line.erase(0, 1);  // "\#name", "\!name"
      if (line.empty()) continue;
      rules_.push_back({base, line, negate});
      ++added;
    }
    return added;
  }

  void drop(size_t n) { rules_.resize(rules_.size() - n); }

  bool ignored(const std::string& abs, bool is_dir) const {
    bool result = false;
    for (const Rule& r : rules_) {
      if (abs.size() <= r.base.size() || abs.compare(0, r.base.size(), r.base) != 0) continue;
      size_t from = r.base.size();
      if (r.base != "/") {
        if (abs[from] != '/') continue;
        ++from;
      }
      if (ignore_pattern_matches(r.pattern, std::string_view(abs).substr(from), is_dir)) {
        result = !r.negate;
      }
    }
    return result;
  }

 private:
  std::vector<Rule> rules_;
};

/// Legal texts a project ships beside its prose: LICENSE, LICENCE.md, COPYING, NOTICE.txt, COPYRIGHT,
/// LICENSE-MIT. Their terms are neither claims to source nor prose to edit, so a walk passes them by.
bool is_legal_text(std::string_view name) {
  for (std::string_view stem : {"license", "licence", "copying", "notice", "copyright"}) {
    if (name.size() < stem.size()) continue;
    bool same = true;
    for (size_t i = 0; i < stem.size() && same; ++i) {
      char c = name[i];
      same = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) == stem[i];
    }
    if (same && (name.size() == stem.size() || name[stem.size()] == '.' || name[stem.size()] == '-' ||
                 name[stem.size()] == '_')) {
      return true;
    }
  }
  return false;
}

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

/// `abs` relative to `base` in generic form, or empty when `abs` is not below `base`.
std::string relative_to(const std::string& abs, const fs::path& base) {
  std::string b = base.generic_string();
  if (b.empty()) return {};
  if (b == "/") return abs.size() > 1 ? abs.substr(1) : std::string();
  if (abs.size() <= b.size() || abs.compare(0, b.size(), b) != 0 || abs[b.size()] != '/') return {};
  return abs.substr(b.size() + 1);
}

/// A configured `ignore` glob: .gitignore semantics, and "dir/**" also prunes "dir" itself.
bool config_ignores(const DirectorySettings& ds, const std::string& abs, bool is_dir) {
  if (ds.settings == nullptr || ds.settings->ignore.empty()) return false;
  std::string rel = relative_to(abs, ds.base);
  if (rel.empty()) return false;
  for (const std::string& g : ds.settings->ignore) {
    if (ignore_pattern_matches(g, rel, is_dir)) return true;
  }
  return false;
}

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) abs = p;
  abs = abs.lexically_normal();
  if (!abs.has_filename() && abs.has_parent_path() && abs != abs.root_path()) abs = abs.parent_path();
  return abs;
}

/// How a path is printed: as given, normalised ("./a//b.md" -> "a/b.md"), generic separators.
std::string display_form(const std::string& arg) {
  std::string d = fs::path(arg).lexically_normal().generic_string();
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  return d.empty() ? "." : d;
}

class Walker {
 public:
  Walker(const FileSelection& selection, SettingsCache& settings, CollectedFiles& out)
      : selection_(selection), settings_(settings), out_(out) {}

  void walk_root(const std::string& display_root, const fs::path& abs_root) {
    size_t loaded = 0;
    if (selection_.respect_gitignore) loaded = load_ancestor_ignores(abs_root);
    walk(abs_root, display_root == "." ? std::string() : display_root, std::string());
    ignore_.drop(loaded);
  }

  /// Whether --exclude or the configuration drops an explicitly named file (with --force-exclude).
  bool excluded(const std::string& display, const fs::path& abs) {
    DirectorySettings ds = settings_.for_file(abs.string());
    std::string a = abs.generic_string();
    if (config_ignores(ds, a, false)) return true;
    for (const std::string& g : selection_.exclude) {
      if (ignore_pattern_matches(g, display, false)) return true;
    }
    return false;
  }

 private:
  /// .gitignore files above the walked directory, from the repository root down (none outside a
  /// repository: a stray ~/.gitignore must not hide a directory someone asked to check).
  size_t load_ancestor_ignores(const fs::path& root) {
    std::vector<fs::path> chain;
    std::error_code ec;
    bool in_repo = false;
    for (fs::path dir = root;; dir = dir.parent_path()) {
      chain.push_back(dir);
      if (fs::exists(dir / ".git", ec)) {
        in_repo = true;
        break;
      }
      if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    }
    if (!in_repo) return 0;
    size_t added = 0;
    const fs::path& top = chain.back();
    added += ignore_.load(top / ".git" / "info" / "exclude", top.generic_string());
    // The root's own .gitignore is read by walk(); here only its ancestors'.
    for (size_t i = chain.size(); i-- > 1;) {
      added += ignore_.load(chain[i] / ".gitignore", chain[i].generic_string());
    }
    return added;
  }

  bool selected(const std::string& display, const std::string& rel) const {
    for (const std::string& g : selection_.exclude) {
      if (ignore_pattern_matches(g, rel, false) || ignore_pattern_matches(g, display, false)) return false;
    }
    if (selection_.include.empty()) return true;
    for (const std::string& g : selection_.include) {
      if (ignore_pattern_matches(g, rel, false) || ignore_pattern_matches(g, display, false)) return true;
    }
    return false;
  }

  bool excluded_dir(const std::string& display, const std::string& rel) const {
    for (const std::string& g : selection_.exclude) {
      if (ignore_pattern_matches(g, rel, true) || ignore_pattern_matches(g, display, true)) return true;
    }
    return false;
  }

  // Recursive, so each directory's .gitignore rules apply exactly to its subtree. Depth is bounded by
  // the path length limit because symlinks are never followed.
  void walk(const fs::path& dir, const std::string& display_dir, const std::string& rel_dir) {
    DirectorySettings ds = settings_.for_directory(dir);
    if (!ds.error.empty()) {
      // Nothing under a broken configuration can be checked as the user meant; the run exits 2.
      if (config_errors_.insert(ds.error).second) out_.errors.push_back(ds.error);
      return;
    }
    std::string abs_dir = dir.generic_string();
    size_t loaded = 0;
    if (selection_.respect_gitignore) {
      std::error_code gec;
      if (fs::exists(dir / ".gitignore", gec)) loaded = ignore_.load(dir / ".gitignore", abs_dir);
    }

    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      out_.warnings.push_back((display_dir.empty() ? "." : display_dir) + ": " + ec.message());
      ignore_.drop(loaded);
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        out_.warnings.push_back((display_dir.empty() ? "." : display_dir) + ": " + ec.message());
        break;
      }
      entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });

    for (const fs::directory_entry& e : entries) {
      std::string name = e.path().filename().string();
      std::string display = display_dir.empty() ? name : display_dir + "/" + name;
      std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
      std::string abs = abs_dir == "/" ? "/" + name : abs_dir + "/" + name;
      std::error_code sec;
      if (e.is_symlink(sec)) {
        // A link to a file is read like the file; a link to a directory is not followed: no loops,
        // no escaping the tree. A dangling or looping link is neither and is passed over.
        if (!e.is_regular_file(sec)) continue;
      } else if (e.is_directory(sec)) {
        if (name == ".git" || name == "node_modules") continue;
        if (selection_.respect_gitignore && ignore_.ignored(abs, true)) continue;
        if (config_ignores(ds, abs, true) || excluded_dir(display, rel)) continue;
        walk(e.path(), display, rel);
        continue;
      } else if (!e.is_regular_file(sec)) {
        continue;  // sockets, FIFOs, devices
      }
      if (ds.settings->languages.count(lower_extension(e.path())) == 0) continue;
      if (is_legal_text(name)) continue;
      if (selection_.respect_gitignore && ignore_.ignored(abs, false)) continue;
      if (config_ignores(ds, abs, false) || !selected(display, rel)) continue;
      out_.files.push_back(display);
    }
    ignore_.drop(loaded);
  }

  const FileSelection& selection_;
  SettingsCache& settings_;
  CollectedFiles& out_;
  GitIgnore ignore_;
  std::set<std::string> config_errors_;
};

}  // namespace

CollectedFiles collect_files(const std::vector<std::string>& paths, const FileSelection& selection,
                             SettingsCache& settings) {
  CollectedFiles out;
  Walker walker(selection, settings, out);
  bool stdin_too = false;
  for (const std::string& arg : paths) {
    if (arg == "-") {
      stdin_too = true;
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      // ELOOP and EACCES say more than "no such file".
      std::string why =
          ec && ec != std::errc::no_such_file_or_directory ? ec.message() : "no such file or directory";
      out.errors.push_back(arg + ": " + why);
      continue;
    }
    std::string display = display_form(arg);
    if (fs::is_directory(st)) {
      walker.walk_root(display, absolute_normal(arg));
    } else if (!selection.force_exclude || !walker.excluded(display, absolute_normal(arg))) {
      out.files.push_back(display);
    }
  }
  std::sort(out.files.begin(), out.files.end());
  out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
  if (stdin_too) out.files.insert(out.files.begin(), "-");
  return out;
}

}  // namespace evidential::cli
