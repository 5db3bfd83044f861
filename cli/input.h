// Reading checked files: whole files and stdin, the "is this text?" test, and the plan that lets a
// large plain-text file be analysed in segments, so memory stays bounded whatever the file's size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evidential::cli {

/// Reads all of `path` ("-" for stdin) into `out`. Returns why it was skipped instead: unreadable, or
/// larger than `limit` bytes.
std::optional<std::string> read_input(const std::string& path, uint64_t limit, std::string* out);

/// Reads bytes [start, end) of `path`.
std::optional<std::string> read_range(const std::string& path, uint64_t start, uint64_t end,
                                      std::string* out);

/// Why `text` is not checked as prose, or nullopt: a NUL byte (binary, or UTF-16) or invalid UTF-8.
std::optional<std::string> reject_text(std::string_view text, uint64_t base = 0);

/// One piece of a large plain-text file. Findings are kept for [core_start, core_end); the Document is
/// built over [read_start, read_end), which adds a margin of whole paragraphs on each side so that
/// context-dependent analysis (attribution carried over from a neighbour) sees what it would see in the
/// whole file. All four offsets are paragraph starts (a line after a blank line) or the file's ends.
struct Segment {
  uint64_t read_start = 0;
  uint64_t core_start = 0;
  uint64_t core_end = 0;
  uint64_t read_end = 0;
  uint64_t read_line = 0;  ///< 0-based line number of read_start
};

/// Scans `path` once: rejects it as reject_text() would (the message names the file offset), else cuts
/// it into segments whose cores hold about `segment_bytes` each, with margins of at least
/// `margin_bytes`. A file with no paragraph break yields one segment.
std::optional<std::string> plan_segments(const std::string& path, uint64_t segment_bytes,
                                         uint64_t margin_bytes, std::vector<Segment>* out);

}  // namespace evidential::cli
