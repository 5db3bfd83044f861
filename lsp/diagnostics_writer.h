// publishDiagnostics and pull reports written straight to text. The one message whose size grows with
// the document (a 1 MB article has ~13k findings) skips nlohmann's object tree, which cost ~100 ms per
// edit there (bench/lsp/README.md); tests/lsp_diagnostics_writer_test.cpp checks the output parses to
// exactly what to_diagnostic() + nlohmann produce.
#pragma once

#include <optional>
#include <string>

#include "lsp/features.h"

namespace evidential::lsp {

/// Appends the JSON array of `doc`'s diagnostics to `out`.
void write_diagnostics(const AnalyzedDocument& doc, bool related_information, std::string& out);

/// A whole textDocument/publishDiagnostics notification ("version" written last), written into `out`
/// (cleared first; its capacity is reused, so a 1 MB document's 4 MB message costs no new pages).
void write_publish_diagnostics(const std::string& uri, std::optional<int32_t> version,
                               const AnalyzedDocument* doc, bool related_information, std::string& out);

/// Appends `s` as a JSON string literal, escaped as nlohmann does (UTF-8 kept as is).
void write_json_string(std::string_view s, std::string& out);

}  // namespace evidential::lsp
