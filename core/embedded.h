// Data files compiled into the binary (lexicons, the source registry), so nothing is read at run time.
#pragma once

#include <span>
#include <string_view>

namespace evidential::core {

struct EmbeddedFile {
  std::string_view path;  ///< relative to grammar/, e.g. "lexicon/hedges.tsv"
  std::string_view data;
};

/// Every embedded file; generated at build time by cmake/embed.cmake.
std::span<const EmbeddedFile> embedded_files();

/// The embedded file at `path`, or an empty view.
std::string_view embedded_file(std::string_view path);

}  // namespace evidential::core
