// Which files `evidential check` reads: explicit paths, directories walked recursively, ignore globs
// from each directory's configuration, --include/--exclude and .gitignore files.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cli/settings_cache.h"

namespace evidential::cli {

struct FileSelection {
  std::vector<std::string> include;  ///< globs a walked file must match (any), when not empty
  std::vector<std::string> exclude;  ///< globs that drop a file
  bool respect_gitignore = true;
  /// Apply --exclude and the configuration's `ignore` to files named explicitly too (pre-commit and
  /// editors pass file names one by one, and expect the project's ignores to hold).
  bool force_exclude = false;
};

struct CollectedFiles {
  std::vector<std::string> files;     ///< sorted by path, each once; "-" (stdin) first
  std::vector<std::string> errors;    ///< missing paths, broken configurations: the run exits 2
  std::vector<std::string> warnings;  ///< unreadable directories: reported and skipped
};

/// Expands `paths` into files. A walked directory contributes the files whose extension its nearest
/// configuration's `languages` knows, minus its `ignore` globs (relative to that configuration file's
/// directory), .gitignore rules (the walked tree's and its ancestors' up to the repository root) and
/// the selection's globs. Explicit files are always kept unless `force_exclude`. Directory symlinks are
/// not followed, so a symlink loop cannot recurse; `.git` and `node_modules` are never entered.
CollectedFiles collect_files(const std::vector<std::string>& paths, const FileSelection& selection,
                             SettingsCache& settings);

/// Shell-style glob match: `*` within a path segment, `**` across segments, `?`, and `[...]` classes.
bool glob_match(std::string_view pattern, std::string_view path);

/// Whether a .gitignore-style pattern matches `rel` (a '/'-separated path relative to the pattern's
/// base): a pattern with no inner slash matches any segment, a trailing '/' matches directories only.
bool ignore_pattern_matches(std::string_view pattern, std::string_view rel, bool is_dir);

}  // namespace evidential::cli
