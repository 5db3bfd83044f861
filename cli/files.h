// Which files `evidential check` reads: explicit paths, directories walked recursively, ignore globs.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/settings.h"

namespace evidential::cli {

struct FileSelection {
  std::vector<std::string> include;  ///< globs a file must match (any), when not empty
  std::vector<std::string> exclude;  ///< globs that drop a file
  bool respect_gitignore = true;
};

/// Expands `paths` into files in a deterministic order (sorted within each directory). Explicit file
/// paths are always kept; files found by walking a directory must have a known extension (from
/// `settings.languages`) and pass the selection, the settings' ignore globs and .gitignore files.
/// Unreadable directories and symlink loops are reported in `errors` and skipped.
std::vector<std::string> collect_files(const std::vector<std::string>& paths,
                                       const core::Settings& settings,
                                       const FileSelection& selection,
                                       std::vector<std::string>& errors);

/// Shell-style glob match: `*` within a path segment, `**` across segments, `?`, and `[...]` classes.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace evidential::cli
