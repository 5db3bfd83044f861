// Lines and columns exist only at the edges: this is the one place that maps byte offsets to them.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace evidential::core {

/// How a column counts characters: UTF-8 bytes, UTF-16 code units (LSP's default) or code points.
enum class Encoding : uint8_t { kUtf8, kUtf16, kUtf32 };

/// A 0-based line and a 0-based column counted in some Encoding.
struct LinePosition {
  uint32_t line = 0;
  uint32_t column = 0;
  friend bool operator==(LinePosition, LinePosition) = default;
};

/// Maps between byte offsets and line/column positions of one text. Lines end at "\n", "\r\n" or a lone
/// "\r", as LSP specifies; the terminator belongs to the line's end, never to a column. The text must
/// outlive the index.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  /// Byte offset where line `line` starts (clamped to the last line).
  uint32_t line_start(uint32_t line) const;
  /// The line containing byte `offset` (an offset past the end belongs to the last line).
  uint32_t line_of(uint32_t offset) const;

  /// The position of byte `offset`. An offset inside a multi-byte character counts as its start.
  LinePosition position(uint32_t offset, Encoding encoding) const;

  /// The byte offset of `pos`. Out-of-range lines clamp to the end of the text, columns past the end
  /// of the line clamp to the line's end, and a column that splits a character (for example one UTF-16
  /// unit of a surrogate pair) lands on that character's start.
  uint32_t offset(LinePosition pos, Encoding encoding) const;

 private:
  uint32_t line_end(uint32_t line) const;  // excluding "\r\n", "\n" or "\r"

  std::string_view text_;
  std::vector<uint32_t> line_starts_;
};

}  // namespace evidential::core
