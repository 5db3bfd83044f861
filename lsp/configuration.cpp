// Settings layering and .evidential.json discovery per document, with the last good settings kept
// whenever a layer turns out to be invalid (DESIGN.md section 5).
#include "lsp/configuration.h"

#include "lsp/uri.h"

namespace evidential::lsp {

namespace fs = std::filesystem;

Configuration::Configuration(std::function<void(const config::ConfigError&)> report)
    : report_(std::move(report)) {
  client_layer_ = make(config::default_settings(), std::nullopt);
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
  core::Settings s = config::default_settings();
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
  fs::path dir = path->parent_path();
  auto found = lookups_.find(dir);
  if (found == lookups_.end() || recheck) {
    found = lookups_.insert_or_assign(dir, config::find_config(dir)).first;
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
