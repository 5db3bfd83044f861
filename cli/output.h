// Output formats of `evidential check`: text (compiler-style), json, jsonl. Each file's findings are
// rendered to a string by workers, then written in path order by one thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/finding.h"

namespace evidential::cli {

enum class Format { kText, kJson, kJsonl, kSarif, kGithub };

bool parse_format(std::string_view name, Format* out);

struct FileResult {
  std::string path;  ///< as given or found (relative paths stay relative)
  std::vector<core::Finding> findings;
};

class Formatter {
 public:
  virtual ~Formatter() = default;
  virtual std::string begin() { return {}; }
  /// Renders one file's findings; `doc` gives the text for line/column and slices.
  virtual std::string file(const std::string& path, const core::Document& doc,
                           const std::vector<core::Finding>& findings) = 0;
  /// Called once at the end, in file order, for formats that need every result (SARIF).
  virtual std::string end() { return {}; }
};

struct FormatOptions {
  bool color = false;
};

std::unique_ptr<Formatter> make_formatter(Format format, const FormatOptions& options);

/// A finding as the JSON object of the output contract (README "Output formats"); used by json, jsonl.
std::string finding_json(const std::string& path, const core::Document& doc, const core::Finding& f);

}  // namespace evidential::cli
