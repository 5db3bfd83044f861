// Which settings apply to each document. Precedence, lowest first: built-in defaults < the user's
// configuration ($XDG_CONFIG_HOME/evidential/config.json, else ~/.config/evidential/config.json) <
// initializationOptions < workspace/configuration (section "evidential") < the nearest .evidential.json.
// The project's file wins because it is what `evidential check` and CI read: the editor then shows
// what CI will report, and a user's own settings fill in for files outside any configured project.
// .evidential.json is looked for from the document's directory up to the workspace folder that holds
// it and never above; documents outside every workspace folder get no .evidential.json at all, so the
// server reads configuration only from the workspace and the user's configuration directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/settings.h"
#include "lsp/protocol.h"

namespace evidential::lsp {

/// Settings resolved for a document, with a generation that changes whenever the settings do (the
/// analysis caches results per generation).
struct ResolvedSettings {
  std::shared_ptr<const core::Settings> settings;
  uint64_t generation = 0;
  std::optional<std::filesystem::path> file;  ///< the .evidential.json that applies, if any
};

class Configuration {
 public:
  /// `report` receives every configuration error once, when it is found.
  /// `user_config`: the user's configuration file (read by load_user_config(), if it exists).
  explicit Configuration(std::function<void(const config::ConfigError&)> report,
                         std::optional<std::filesystem::path> user_config = default_user_config());

  /// $XDG_CONFIG_HOME/evidential/config.json when XDG_CONFIG_HOME is an absolute path, else
  /// $HOME/.config/evidential/config.json; nullopt when neither variable helps.
  static std::optional<std::filesystem::path> default_user_config();

  /// Reads the user's configuration file (a missing file is no error; a broken one is reported and
  /// the defaults stand in) and rebuilds the client layer over it. Called on initialize, before the
  /// client's layers are set, and again by reload_user_config_if_changed().
  void load_user_config();

  /// Re-stats the user's configuration file (it lies outside the workspace, so no client watches it
  /// for us) and reloads it when it appeared, disappeared or changed since it was last read. Returns
  /// whether the settings changed, i.e. whether open documents need to be re-resolved.
  bool reload_user_config_if_changed();

  /// The user's configuration file, if the environment names one.
  const std::optional<std::filesystem::path>& user_config_path() const { return user_config_; }

  /// The folders that bound the .evidential.json lookup.
  void set_workspace_folders(std::vector<std::filesystem::path> folders);

  /// Sets the client's layers. A bad object is reported and the previous layer kept; returns whether
  /// the layer was accepted.
  bool set_initialization_options(const json& options);
  bool set_workspace_settings(const json& settings);

  /// The settings for the document at `uri`. `recheck` re-stats the configuration files on the way
  /// (done on didOpen, so a client without file watching still sees edited files eventually).
  std::shared_ptr<const ResolvedSettings> resolve(const std::string& uri, bool recheck = false);

  /// Forgets every cached file and lookup, after a watched .evidential.json changed.
  void invalidate_files();

 private:
  bool rebuild_client_layer();
  /// The .evidential.json for documents in `dir`, searched up to the innermost workspace folder
  /// holding `dir`; nullopt outside every folder.
  std::optional<std::filesystem::path> find_file(const std::filesystem::path& dir) const;
  std::shared_ptr<const ResolvedSettings> make(core::Settings settings,
                                               std::optional<std::filesystem::path> file);

  std::function<void(const config::ConfigError&)> report_;
  std::optional<std::filesystem::path> user_config_;
  /// What the user's file looked like when last read: absent, or its modification time and size.
  struct FileStamp {
    bool exists = false;
    std::filesystem::file_time_type mtime{};
    uintmax_t size = 0;
    bool operator==(const FileStamp&) const = default;
  };
  FileStamp user_config_stamp_;
  FileStamp stamp_user_config() const;
  std::shared_ptr<const core::Settings> base_;  // defaults + the user's configuration
  std::vector<std::filesystem::path> workspace_folders_;
  json initialization_options_;
  json workspace_settings_;
  std::shared_ptr<const ResolvedSettings> client_layer_;  // defaults + the client's layers
  struct FileEntry {
    std::shared_ptr<const ResolvedSettings> good;  // last good settings from this file
    std::filesystem::file_time_type mtime{};
    bool loaded = false;
  };
  std::map<std::filesystem::path, FileEntry> files_;
  std::map<std::filesystem::path, std::optional<std::filesystem::path>> lookups_;  // dir -> file
  uint64_t next_generation_ = 1;
};

}  // namespace evidential::lsp
