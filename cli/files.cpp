// File discovery. Directory walks are sorted so output order never depends on the file system, and
// directory symlinks are not followed (a loop cannot recurse forever).
#include "cli/files.h"

#include <algorithm>
#include <fstream>
#include <set>

namespace evidential::cli {

namespace fs = std::filesystem;

bool glob_match(std::string_view pattern, std::string_view path) {
  // Iterative matcher with backtracking for '*' (one segment) and '**' (any depth).
  size_t p = 0, s = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  bool star_any = false;
  while (s < path.size()) {
    if (p < pattern.size()) {
      if (pattern.substr(p, 2) == "**") {
        star_any = true;
        p += 2;
        if (p < pattern.size() && pattern[p] == '/') ++p;
        star_p = p;
        star_s = s;
        continue;
      }
      char c = pattern[p];
      if (c == '*') {
        star_any = false;
        star_p = ++p;
        star_s = s;
        continue;
      }
      if (c == '?' && path[s] != '/') {
        ++p;
        ++s;
        continue;
      }
      if (c == '[') {
        size_t close = pattern.find(']', p + 1);
        if (close != std::string_view::npos) {
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
          if (hit != negate) {
            p = close + 1;
            ++s;
            continue;
          }
        }
      } else if (c == path[s]) {
        ++p;
        ++s;
        continue;
      }
    }
    if (star_p != std::string_view::npos && (star_any || path[star_s] != '/')) {
      p = star_p;
      s = ++star_s;
      continue;
    }
    return false;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {

/// A pattern matches a relative path if it matches the whole path or, when it has no slash, any
/// single segment (as .gitignore does); a pattern ending in '/' matches directories only.
bool ignored_by(const std::string& pattern, const std::string& rel, bool is_dir) {
  std::string pat = pattern;
  if (pat.empty()) return false;
  bool dir_only = pat.back() == '/';
  if (dir_only) {
    if (!is_dir) return false;
    pat.pop_back();
  }
  bool anchored = pat.find('/') != std::string::npos;
  if (!pat.empty() && pat[0] == '/') pat.erase(0, 1);
  if (anchored) return glob_match(pat, rel) || glob_match(pat + "/**", rel);
  size_t start = 0;
  while (start <= rel.size()) {
    size_t slash = rel.find('/', start);
    std::string seg = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (glob_match(pat, seg)) return true;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return false;
}

struct IgnoreRules {
  // (base directory relative to walk root, pattern, negated)
  struct Rule {
    std::string base;
    std::string pattern;
    bool negate;
  };
  std::vector<Rule> rules;

  void load_gitignore(const fs::path& dir, const std::string& base) {
    std::ifstream in(dir / ".gitignore");
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      bool negate = line[0] == '!';
      if (negate) line.erase(0, 1);
      rules.push_back({base, line, negate});
    }
  }

  bool ignored(const std::string& rel, bool is_dir) const {
    bool result = false;
    for (const Rule& r : rules) {
      if (!r.base.empty() && rel.rfind(r.base + "/", 0) != 0) continue;
      std::string sub = r.base.empty() ? rel : rel.substr(r.base.size() + 1);
      if (ignored_by(r.pattern, sub, is_dir)) result = !r.negate;
    }
    return result;
  }
};

std::string generic(const fs::path& p) { return p.generic_string(); }

}  // namespace

std::vector<std::string> collect_files(const std::vector<std::string>& paths,
                                       const core::Settings& settings,
                                       const FileSelection& selection,
                                       std::vector<std::string>& errors) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto known_extension = [&](const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return settings.languages.count(ext) > 0;
  };
  auto selected = [&](const std::string& rel) {
    for (const std::string& g : selection.exclude) {
      if (ignored_by(g, rel, false)) return false;
    }
    for (const std::string& g : settings.ignore) {
      if (ignored_by(g, rel, false)) return false;
    }
    if (selection.include.empty()) return true;
    for (const std::string& g : selection.include) {
      if (ignored_by(g, rel, false)) return true;
    }
    return false;
  };
  auto add = [&](const std::string& path) {
    if (seen.insert(path).second) out.push_back(path);
  };

  for (const std::string& arg : paths) {
    std::error_code ec;
    if (arg == "-") {
      add(arg);
      continue;
    }
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      errors.push_back(arg + ": no such file or directory");
      continue;
    }
    if (!fs::is_directory(st)) {
      add(arg);
      continue;
    }
    // Walk the directory depth-first in sorted order, pruning ignored directories early.
    IgnoreRules ignore;
    size_t first_found = out.size();
    std::vector<std::pair<fs::path, std::string>> stack;  // (path, relative path)
    stack.push_back({fs::path(arg), ""});
    while (!stack.empty()) {
      auto [dir, rel_dir] = stack.back();
      stack.pop_back();
      if (selection.respect_gitignore) ignore.load_gitignore(dir, rel_dir);
      std::vector<fs::directory_entry> entries;
      fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
      if (ec) {
        errors.push_back(generic(dir) + ": " + ec.message());
        continue;
      }
      for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) {
          errors.push_back(generic(dir) + ": " + ec.message());
          break;
        }
        entries.push_back(*it);
      }
      std::sort(entries.begin(), entries.end(),
                [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
      std::vector<std::pair<fs::path, std::string>> subdirs;
      for (const fs::directory_entry& e : entries) {
        std::string name = e.path().filename().string();
        std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
        std::error_code sec;
        bool is_link = e.is_symlink(sec);
        bool is_dir = e.is_directory(sec);
        if (is_dir) {
          if (is_link) continue;  // never follow directory links: no loops, no escaping the tree
          if (name == ".git" || name == "node_modules") continue;
          if (ignore.ignored(rel, true)) continue;
          subdirs.push_back({e.path(), rel});
        } else if (e.is_regular_file(sec) && known_extension(e.path())) {
          if (ignore.ignored(rel, false) || !selected(rel)) continue;
          add(generic(e.path()));
        }
      }
      // Push in reverse so the smallest name is walked first: files of a directory come before the
      // files of its subdirectories, each group sorted.
      for (auto s = subdirs.rbegin(); s != subdirs.rend(); ++s) stack.push_back(*s);
    }
    // Output is ordered by path, so a tree's files are too.
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first_found), out.end());
  }
  return out;
}

}  // namespace evidential::cli
