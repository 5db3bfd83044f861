// Output formats of `evidential check`: text (compiler-style), json, jsonl, sarif, github. Workers render
// each file (or segment of a large file) to a string in parallel; one writer emits them in path order,
// adding what only it can know (separators, per-file counters).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.h"
#include "core/finding.h"
#include "core/line_index.h"

namespace evidential::cli {

enum class Format { kText, kJson, kJsonl, kSarif, kGithub };

bool parse_format(std::string_view name, Format* out);

/// One file's findings, or one segment's: `doc` covers bytes [offset, offset + size) of the file,
/// starting on 0-based line `line`, and every range in `doc` and `findings` is relative to it.
struct FileChunk {
  const std::string& path;
  const core::Document& doc;
  const std::vector<core::Finding>& findings;
  uint64_t offset = 0;
  uint64_t line = 0;
};

/// A rendered chunk. `slots` mark where the writer inserts a per-file occurrence number for a key
/// (SARIF fingerprints), in increasing position order.
struct Rendered {
  std::string text;
  std::vector<std::pair<size_t, uint64_t>> slots;
};

/// What the run saw besides findings, for formats that record it (SARIF invocations).
struct RunInfo {
  struct Notification {
    bool error = false;  ///< an error (exit 2) rather than a skipped file
    std::string text;    ///< as printed on stderr
  };
  std::vector<Notification> notifications;
  bool successful = true;  ///< false when the run exits 2
};

class Formatter {
 public:
  virtual ~Formatter() = default;
  /// Written before anything else.
  virtual std::string begin() { return {}; }
  /// Renders one chunk. Const and thread-safe: workers call it concurrently.
  virtual Rendered render(const FileChunk& chunk) const = 0;
  /// Called by the single writer in output order; returns the bytes to write.
  virtual std::string emit(const std::string& path, Rendered&& rendered) {
    (void)path;
    return std::move(rendered.text);
  }
  /// Written last.
  virtual std::string end(const RunInfo& info) {
    (void)info;
    return {};
  }
};

struct FormatOptions {
  bool color = false;
};

std::unique_ptr<Formatter> make_formatter(Format format, const FormatOptions& options);

/// 1-based line and code-point column of byte offsets, for queries that mostly move forward (findings
/// in order): each query walks on from the previous one instead of from the line's start. A query
/// behind the cursor on the same line (a finding's start after the previous finding's end, a related
/// range) restarts from the nearest checkpoint, the column recorded every kStride bytes as the cursor
/// passed, so a file of one long line costs O(size + queries x kStride), not O(size x queries).
/// Columns agree with LineIndex::position(offset, Encoding::kUtf32) on valid UTF-8, which is all the
/// CLI analyses.
class PositionCursor {
 public:
  static constexpr uint32_t kStride = 256;

  PositionCursor(std::string_view text, const core::LineIndex& lines) : text_(text), lines_(lines) {}
  /// 0-based line and column of `offset`; an offset inside a character counts as its start.
  core::LinePosition at(uint32_t offset);
  /// Bytes walked so far, over all queries: what the tests hold to O(size + queries x kStride).
  uint64_t bytes_walked() const { return walked_; }

 private:
  std::string_view text_;
  const core::LineIndex& lines_;
  uint32_t line_ = UINT32_MAX;
  uint32_t line_start_ = 0;
  uint32_t next_line_start_ = 0;
  uint32_t byte_ = 0;
  uint32_t column_ = 0;
  std::vector<uint32_t> checkpoints_;  // column at line_start_ + k * kStride, for each k passed
  uint64_t walked_ = 0;
};

// Shared by the formats in output.cpp and ci_formats.cpp.
namespace detail {
std::unique_ptr<Formatter> make_sarif_formatter();
std::unique_ptr<Formatter> make_github_formatter();
}  // namespace detail

}  // namespace evidential::cli
