// LSP positions <-> byte offsets. The one file in lsp/ that knows columns can count UTF-8 bytes, UTF-16
// code units or code points; it delegates the counting to core::LineIndex.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/line_index.h"
#include "core/range.h"
#include "lsp/protocol.h"

namespace evidential::lsp {

/// The encoding to use given the client's `general.positionEncodings` (in its order of preference):
/// UTF-8 when offered (no conversion at all), else UTF-16 (every client supports it), else UTF-32 when it
/// is the only thing offered.
core::Encoding negotiate_encoding(const std::vector<std::string>& offered);

/// "utf-8", "utf-16" or "utf-32", as the spec's PositionEncodingKind spells them.
std::string_view encoding_name(core::Encoding encoding);

/// Offset of `pos` in the text `lines` indexes. Positions past a line's end clamp to it; lines past the
/// end clamp to the end of the text (LSP asks servers to be lenient here).
uint32_t to_offset(const core::LineIndex& lines, Position pos, core::Encoding encoding);

Position to_position(const core::LineIndex& lines, uint32_t offset, core::Encoding encoding);

Range to_range(const core::LineIndex& lines, core::Range range, core::Encoding encoding);

/// The byte range of `range`; start and end are ordered even if the client sent them reversed.
core::Range to_byte_range(const core::LineIndex& lines, Range range, core::Encoding encoding);

/// to_position for offsets that mostly increase (findings in document order): each call continues
/// counting from the previous offset when it is on the same line and not before it, instead of from the
/// line's start, so a long paragraph-line with many findings is scanned once. Same results as
/// to_position for any sequence. (Column counting as core::LineIndex::position does it; a batched form
/// there would let this go.)
class PositionSweep {
 public:
  PositionSweep(const core::LineIndex& lines, std::string_view text, core::Encoding encoding)
      : lines_(lines), text_(text), encoding_(encoding) {}
  Position at(uint32_t offset);

 private:
  const core::LineIndex& lines_;
  std::string_view text_;
  core::Encoding encoding_;
  uint32_t line_ = UINT32_MAX;
  uint32_t offset_ = 0;  // where counting stopped last time, on line_
  uint32_t column_ = 0;  // the column at offset_
};

}  // namespace evidential::lsp
