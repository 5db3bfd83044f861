// file:// URIs <-> filesystem paths, for finding a document's .evidential.json. Other schemes
// (untitled:, vscode-notebook-cell:, ...) have no path and get the client's settings only.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace evidential::lsp {

/// The path a file:// URI names (percent-decoded), or nullopt for other schemes and malformed URIs.
std::optional<std::filesystem::path> uri_to_path(std::string_view uri);

/// A file:// URI for an absolute path, percent-encoding everything but unreserved characters and "/".
std::string path_to_uri(const std::filesystem::path& path);

}  // namespace evidential::lsp
