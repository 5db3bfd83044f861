// Position conversion through core::LineIndex: the encoding is negotiated once per session and passed
// down; nothing else in the server counts columns.
#include "lsp/positions.h"

#include <algorithm>

#include "core/utf8.h"

namespace evidential::lsp {

core::Encoding negotiate_encoding(const std::vector<std::string>& offered) {
  auto has = [&](std::string_view name) {
    return std::find(offered.begin(), offered.end(), name) != offered.end();
  };
  if (has("utf-8")) return core::Encoding::kUtf8;
  if (has("utf-16") || !has("utf-32")) return core::Encoding::kUtf16;
  return core::Encoding::kUtf32;
}

std::string_view encoding_name(core::Encoding encoding) {
  switch (encoding) {
    case core::Encoding::kUtf8: return "utf-8";
    case core::Encoding::kUtf16: return "utf-16";
    case core::Encoding::kUtf32: return "utf-32";
  }
  return "utf-16";
}

uint32_t to_offset(const core::LineIndex& lines, Position pos, core::Encoding encoding) {
  return lines.offset({pos.line, pos.character}, encoding);
}

Position to_position(const core::LineIndex& lines, uint32_t offset, core::Encoding encoding) {
  core::LinePosition p = lines.position(offset, encoding);
  return {p.line, p.column};
}

Range to_range(const core::LineIndex& lines, core::Range range, core::Encoding encoding) {
  return {to_position(lines, range.start, encoding), to_position(lines, range.end, encoding)};
}

core::Range to_byte_range(const core::LineIndex& lines, Range range, core::Encoding encoding) {
  uint32_t a = to_offset(lines, range.start, encoding);
  uint32_t b = to_offset(lines, range.end, encoding);
  return {std::min(a, b), std::max(a, b)};
}

Position PositionSweep::at(uint32_t offset) {
  if (encoding_ == core::Encoding::kUtf8) return to_position(lines_, offset, encoding_);
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  const uint32_t line = lines_.line_of(offset);
  if (line != line_ || offset < offset_) {
    line_ = line;
    offset_ = lines_.line_start(line);
    column_ = 0;
  }
  size_t i = offset_;
  while (i < offset) {
    int len = 1;
    char32_t c = core::decode_utf8(text_, i, &len);
    if (i + static_cast<size_t>(len) > offset) break;  // inside a character: count its start
    column_ += encoding_ == core::Encoding::kUtf16 ? static_cast<uint32_t>(core::utf16_length(c)) : 1;
    i += static_cast<size_t>(len);
  }
  offset_ = static_cast<uint32_t>(i);
  return {line, column_};
}

}  // namespace evidential::lsp
