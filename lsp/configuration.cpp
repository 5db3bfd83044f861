// Settings layering and .evidential.json discovery per document, with the last good settings kept
// whenever a layer turns out to be invalid (DESIGN.md section 5).
#include "lsp/configuration.h"

#include <cstdlib>

#include "lsp/uri.h"

namespace evidential::lsp {

namespace fs = std::filesystem;

namespace {

// A folder or file path without "." / ".." segments or a trailing separator, for comparisons.
fs::path normal(const fs::path& p) {
  fs::path n = p.lexically_normal();
  if (!n.has_filename() && n.has_parent_path() && n != n.root_path()) n = n.parent_path();
  return n;
}

bool contains(const fs::path& folder, const fs::path& path) {
  const fs::path rel = path.lexically_relative(folder);
  return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

Configuration::Configuration(std::function<void(const config::ConfigError&)> report,
                             std::optional<fs::path> user_config)
    : report_(std::move(report)), user_config_(std::move(user_config)) {
  base_ = std::make_shared<const core::Settings>(config::default_settings());
  client_layer_ = make(*base_, std::nullopt);
}

std::optional<fs::path> Configuration::default_user_config() {
  // XDG Base Directory: a relative XDG_CONFIG_HOME is invalid and ignored.
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && xdg[0] == '/') {
    return fs::path(xdg) / "evidential" / "config.json";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
    return fs::path(home) / ".config" / "evidential" / "config.json";
  }
  return std::nullopt;
}

Configuration::FileStamp Configuration::stamp_user_config() const {
  FileStamp stamp;
  std::error_code ec;
  if (!user_config_ || !fs::is_regular_file(*user_config_, ec)) return stamp;
  stamp.exists = true;
  stamp.mtime = fs::last_write_time(*user_config_, ec);
  stamp.size = fs::file_size(*user_config_, ec);
  return stamp;
}

bool Configuration::reload_user_config_if_changed() {
  if (stamp_user_config() == user_config_stamp_) return false;
  const uint64_t before = client_layer_->generation;
  load_user_config();
  return client_layer_->generation != before;
}

void Configuration::load_user_config() {
  core::Settings settings = config::default_settings();
  std::error_code ec;
  user_config_stamp_ = stamp_user_config();
  if (user_config_ && fs::is_regular_file(*user_config_, ec)) {
    auto loaded = config::load_config_file(*user_config_, settings);
    if (auto* error = std::get_if<config::ConfigError>(&loaded)) {
      report_(*error);  // the defaults stand in for it
    } else {
      settings = std::move(std::get<core::Settings>(loaded));
    }
  }
  base_ = std::make_shared<const core::Settings>(std::move(settings));
  // On initialize the client's layers are still empty, so this cannot fail. On a reload a client layer
  // that no longer applies over the new base is reported, and the previous client layer stays.
  rebuild_client_layer();
}

void Configuration::set_workspace_folders(std::vector<fs::path> folders) {
  workspace_folders_.clear();
  for (const fs::path& f : folders) workspace_folders_.push_back(normal(f));
  lookups_.clear();
}

std::optional<fs::path> Configuration::find_file(const fs::path& dir) const {
  const fs::path* folder = nullptr;
  for (const fs::path& f : workspace_folders_) {
    if (contains(f, dir) && (folder == nullptr || f.native().size() > folder->native().size())) folder = &f;
  }
  if (folder == nullptr) return std::nullopt;
  std::error_code ec;
  for (fs::path d = dir;; d = d.parent_path()) {
    fs::path candidate = d / config::kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (d == *folder || d == d.parent_path() || !contains(*folder, d)) break;
  }
  return std::nullopt;
}

std::shared_ptr<const ResolvedSettings> Configuration::make(core::Settings settings,
                                                            std::optional<fs::path> file) {
  auto r = std::make_shared<ResolvedSettings>();
  r->settings = std::make_shared<const core::Settings>(std::move(settings));
  r->generation = next_generation_++;
  r->file = std::move(file);
  return r;
}

bool Configuration::rebuild_client_layer() {
  core::Settings s = *base_;
  const std::pair<const json*, const char*> layers[] = {
      {&initialization_options_, "initializationOptions"},
      {&workspace_settings_, "workspace/configuration (evidential)"}};
  for (const auto& [layer, origin] : layers) {
    if (layer->is_null() || (layer->is_object() && layer->empty())) continue;
    auto applied = config::apply_config(*layer, origin, s);
    if (auto* error = std::get_if<config::ConfigError>(&applied)) {
      report_(*error);
      return false;
    }
    s = std::move(std::get<core::Settings>(applied));
  }
  client_layer_ = make(std::move(s), std::nullopt);
  // Files layer on top of the client's settings, so each is re-read over the new layer (keeping its
  // last good settings should it now fail).
  for (auto& [path, entry] : files_) entry.loaded = false;
  return true;
}

bool Configuration::set_initialization_options(const json& options) {
  if (options == initialization_options_) return true;
  json previous = std::exchange(initialization_options_, options);
  if (rebuild_client_layer()) return true;
  initialization_options_ = std::move(previous);
  return false;
}

bool Configuration::set_workspace_settings(const json& settings) {
  // Unchanged settings keep the same generation, so nothing is re-analysed for them.
  if (settings == workspace_settings_) return true;
  json previous = std::exchange(workspace_settings_, settings);
  if (rebuild_client_layer()) return true;
  workspace_settings_ = std::move(previous);
  return false;
}

void Configuration::invalidate_files() {
  lookups_.clear();
  for (auto& [path, entry] : files_) entry.loaded = false;
}

std::shared_ptr<const ResolvedSettings> Configuration::resolve(const std::string& uri, bool recheck) {
  std::optional<fs::path> path = uri_to_path(uri);
  if (!path) return client_layer_;
  fs::path dir = normal(*path).parent_path();
  auto found = lookups_.find(dir);
  if (found == lookups_.end() || recheck) {
    found = lookups_.insert_or_assign(dir, find_file(dir)).first;
  }
  if (!found->second) return client_layer_;
  const fs::path& file = *found->second;
  FileEntry& entry = files_[file];
  std::error_code ec;
  fs::file_time_type mtime = fs::last_write_time(file, ec);
  if (entry.loaded && (!recheck || mtime == entry.mtime)) {
    return entry.good ? entry.good : client_layer_;
  }
  entry.loaded = true;
  entry.mtime = mtime;
  auto loaded = config::load_config_file(file, *client_layer_->settings);
  if (auto* error = std::get_if<config::ConfigError>(&loaded)) {
    report_(*error);  // the last good settings from this file (if any) stay in force
  } else {
    entry.good = make(std::move(std::get<core::Settings>(loaded)), file);
  }
  return entry.good ? entry.good : client_layer_;
}

}  // namespace evidential::lsp
