// publishDiagnostics and pull reports written straight to text. The one message whose size grows with
// the document (a 1 MB article has ~13k findings) skips nlohmann's object tree, which cost ~100 ms per
// edit there (bench/lsp/README.md); tests/lsp_diagnostics_writer_test.cpp checks the output parses to
// exactly what to_diagnostic() + nlohmann produce.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/incremental.h"
#include "lsp/features.h"

namespace evidential::lsp {

/// Appends the JSON array of `doc`'s diagnostics to `out`.
void write_diagnostics(const AnalyzedDocument& doc, bool related_information, std::string& out);

/// A whole textDocument/publishDiagnostics notification ("version" written last), written into `out`
/// (cleared first; its capacity is reused, so a 1 MB document's 4 MB message costs no new pages).
void write_publish_diagnostics(const std::string& uri, std::optional<int32_t> version,
                               const AnalyzedDocument* doc, bool related_information, std::string& out);

/// Writes a document's diagnostics block by block (core::BlockedFindings) and keeps each block's
/// serialized diagnostics for the next version: a block whose findings are the same shared vector and
/// which starts at the same column is copied with its line numbers shifted, so an edit re-serializes only
/// the blocks it changed. Same output as write_diagnostics of the merged findings. One per document.
class BlockDiagnosticsWriter {
 public:
  BlockDiagnosticsWriter();
  ~BlockDiagnosticsWriter();
  BlockDiagnosticsWriter(const BlockDiagnosticsWriter&) = delete;
  BlockDiagnosticsWriter& operator=(const BlockDiagnosticsWriter&) = delete;

  /// Appends the JSON array of the diagnostics of `blocks` (`doc` gives text, lines, uri and encoding;
  /// its `findings` are not read) to `out`.
  void write(const AnalyzedDocument& doc, const core::BlockedFindings& blocks, bool related_information,
             std::string& out);

  struct Stats {
    size_t blocks = 0;      ///< blocks with findings in the last write
    size_t serialized = 0;  ///< of those, how many were serialized afresh
  };
  Stats last_stats() const { return stats_; }

 private:
  struct Fragment;
  std::unordered_map<const void*, Fragment> fragments_;   // nodes never move: order_ points into them
  std::vector<std::pair<const void*, Fragment*>> order_;  // the blocks of the last write, in order
  std::string uri_;
  core::Encoding encoding_ = core::Encoding::kUtf16;
  bool related_ = false;
  uint64_t round_ = 0;
  size_t last_size_ = 0;  // of the last array written
  Stats stats_;
};

/// The publishDiagnostics notification of `blocks`, written by `writer` into `out` (cleared first).
void write_publish_diagnostics(const std::string& uri, int32_t version, const AnalyzedDocument& doc,
                               const core::BlockedFindings& blocks, BlockDiagnosticsWriter& writer,
                               bool related_information, std::string& out);

/// Appends `s` as a JSON string literal, escaped as nlohmann does (UTF-8 kept as is).
void write_json_string(std::string_view s, std::string& out);

}  // namespace evidential::lsp
