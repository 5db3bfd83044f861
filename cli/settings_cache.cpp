// Configuration lookup for the batch linter. Nearest-file lookups are memoised per directory so that a
// walk over a large archive stats each directory's .evidential.json once.
#include "cli/settings_cache.h"

#include "config/config.h"

namespace evidential::cli {

namespace fs = std::filesystem;

namespace {

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p.empty() ? fs::path(".") : p, ec);
  if (ec) abs = p;
  abs = abs.lexically_normal();
  // "dir/" normalises to "dir/" (an empty last element); drop it so keys are canonical.
  if (!abs.has_filename() && abs.has_parent_path() && abs != abs.root_path()) abs = abs.parent_path();
  return abs;
}

}  // namespace

SettingsCache::SettingsCache(std::optional<std::string> config_path, bool no_config)
    : config_path_(std::move(config_path)), no_config_(no_config), defaults_(config::default_settings()) {}

const std::optional<fs::path>& SettingsCache::nearest(const fs::path& dir) {
  std::string key = dir.string();
  if (auto it = nearest_.find(key); it != nearest_.end()) return it->second;
  std::optional<fs::path> found;
  std::error_code ec;
  fs::path candidate = dir / config::kConfigFileName;
  if (fs::is_regular_file(candidate, ec)) {
    found = candidate;
  } else if (dir.has_parent_path() && dir.parent_path() != dir) {
    found = nearest(dir.parent_path());
  }
  return nearest_.emplace(std::move(key), std::move(found)).first->second;
}

DirectorySettings SettingsCache::load(const fs::path& config) {
  std::string key = config.string();
  auto it = loaded_.find(key);
  if (it == loaded_.end()) {
    auto result = config::load_config_file(config, defaults_);
    if (auto* err = std::get_if<config::ConfigError>(&result)) {
      it = loaded_.emplace(key, err->to_string()).first;
    } else {
      it = loaded_.emplace(key, std::make_unique<core::Settings>(std::get<core::Settings>(std::move(result))))
               .first;
    }
  }
  DirectorySettings out;
  out.base = absolute_normal(config).parent_path();
  if (auto* err = std::get_if<std::string>(&it->second)) {
    out.error = *err;
  } else {
    out.settings = std::get<std::unique_ptr<core::Settings>>(it->second).get();
  }
  return out;
}

DirectorySettings SettingsCache::for_directory(const fs::path& dir) {
  if (no_config_) return {&defaults_, {}, {}};
  std::lock_guard lock(mutex_);
  if (config_path_) return load(fs::path(*config_path_));
  const std::optional<fs::path>& config = nearest(absolute_normal(dir));
  if (!config) return {&defaults_, {}, {}};
  return load(*config);
}

DirectorySettings SettingsCache::for_file(const std::string& path) {
  fs::path dir = fs::path(path).parent_path();
  return for_directory(dir.empty() ? fs::path(".") : dir);
}

}  // namespace evidential::cli
