// The settings edge: `.evidential.json` files, the server's initializationOptions and the built-in
// source registry become core::Settings here. Every configuration error is reported from this file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json_fwd.hpp>

#include "core/settings.h"
#include "core/sources.h"

namespace evidential::config {

/// A configuration problem, located as precisely as the input allows (line and column are 1-based;
/// 0 when unknown).
struct ConfigError {
  std::string origin;  ///< file path, or "initializationOptions"
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;
  /// "path:line:col: message", the shape editors and terminals link.
  std::string to_string() const;
};

/// Built-in lexicon and registry, every check at its default severity.
core::Settings default_settings();

/// Parses configuration text (JSON with comments) and applies it on top of `base`.
std::variant<core::Settings, ConfigError> parse_config(std::string_view text, std::string_view origin,
                                                       const core::Settings& base);

/// Applies an already-parsed configuration object (e.g. LSP initializationOptions) on top of `base`.
std::variant<core::Settings, ConfigError> apply_config(const nlohmann::json& object,
                                                       std::string_view origin,
                                                       const core::Settings& base);

/// Reads and parses a configuration file; I/O errors become ConfigErrors naming the file.
std::variant<core::Settings, ConfigError> load_config_file(const std::filesystem::path& path,
                                                           const core::Settings& base);

/// The nearest `.evidential.json` in `start` (a file's directory or a directory) or its ancestors.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

inline constexpr std::string_view kConfigFileName = ".evidential.json";

/// Parses registry JSON (grammar/sources/registry.json's shape) into entries.
std::variant<std::vector<core::SourceEntry>, ConfigError> parse_registry(std::string_view json,
                                                                         std::string_view origin);

namespace detail {
/// The built-in registry's entries, compiled in from grammar/sources/registry.json by
/// cmake/registry_codegen.cpp (generated registry_data.cpp); false when the binary has none (the
/// generator itself), and default_settings() then parses the embedded JSON.
bool builtin_registry(std::vector<core::SourceEntry>* out);
}  // namespace detail

}  // namespace evidential::config
