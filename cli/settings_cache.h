// The settings that apply to each directory `evidential check` visits: the nearest .evidential.json
// (or --config / --no-config), each file loaded once and shared by the walk and the workers.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

#include "core/settings.h"

namespace evidential::cli {

/// What applies to one directory: its settings, and the directory that the configuration's `ignore`
/// globs are relative to (the configuration file's own directory, as with .gitignore).
struct DirectorySettings {
  const core::Settings* settings = nullptr;  ///< null exactly when `error` is set
  std::filesystem::path base;                ///< absolute; empty for the built-in defaults
  std::string error;                         ///< "file:line:col: message" for a broken configuration
};

class SettingsCache {
 public:
  /// `config_path`: --config (used for every file); `no_config`: --no-config (built-in defaults).
  SettingsCache(std::optional<std::string> config_path, bool no_config);

  /// The settings for files in `dir` (any form; made absolute here). Thread-safe; every directory and
  /// ancestor is looked up once, so a walk costs one stat per directory, not one per level per file.
  DirectorySettings for_directory(const std::filesystem::path& dir);

  /// The settings for a file, or for stdin named `path` by --stdin-filename.
  DirectorySettings for_file(const std::string& path);

  const core::Settings& defaults() const { return defaults_; }

 private:
  /// The nearest configuration file at or above `dir` (absolute, normal), or nullopt. Needs mutex_.
  const std::optional<std::filesystem::path>& nearest(const std::filesystem::path& dir);
  DirectorySettings load(const std::filesystem::path& config);  // needs mutex_

  std::optional<std::string> config_path_;
  bool no_config_;
  core::Settings defaults_;
  std::mutex mutex_;
  std::map<std::string, std::optional<std::filesystem::path>> nearest_;
  std::map<std::string, std::variant<std::unique_ptr<core::Settings>, std::string>> loaded_;
};

}  // namespace evidential::cli
