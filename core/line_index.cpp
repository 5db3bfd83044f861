// Offsets <-> line/column, for the CLI's 1-based code-point columns and the server's negotiated encoding.
#include "core/line_index.h"

#include <algorithm>

#include "core/utf8.h"

namespace evidential::core {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  // Most text has no "\r": its lines end at each "\n", which find() (memchr) skips to many bytes at
  // a time instead of testing every byte for both terminators.
  if (text.find('\r') == std::string_view::npos) {
    for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
    return;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // "\r\n" ends a line at its "\n"; a "\r" on its own (classic Mac OS files) ends one too.
    if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
}

uint32_t LineIndex::line_start(uint32_t line) const {
  return line_starts_[std::min<size_t>(line, line_starts_.size() - 1)];
}

uint32_t LineIndex::line_of(uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<uint32_t>(it - line_starts_.begin() - 1);
}

uint32_t LineIndex::line_end(uint32_t line) const {
  // The byte before the next line's start is the terminator: "\n" (of "\n" or "\r\n") or a lone "\r".
  uint32_t end =
      line + 1 < line_starts_.size() ? line_starts_[line + 1] - 1 : static_cast<uint32_t>(text_.size());
  if (line + 1 < line_starts_.size() && text_[end] == '\n' && end > line_starts_[line] &&
      text_[end - 1] == '\r') {
    --end;
  }
  return end;
}

LinePosition LineIndex::position(uint32_t offset, Encoding encoding) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  uint32_t line = line_of(offset);
  uint32_t start = line_starts_[line];
  if (encoding == Encoding::kUtf8) return {line, offset - start};
  uint32_t column = 0;
  size_t i = start;
  while (i < offset) {
    int len = 1;
    char32_t c = decode_utf8(text_, i, &len);
    if (i + static_cast<size_t>(len) > offset) break;  // offset inside a character: count its start
    column += encoding == Encoding::kUtf16 ? static_cast<uint32_t>(utf16_length(c)) : 1;
    i += static_cast<size_t>(len);
  }
  return {line, column};
}

uint32_t LineIndex::offset(LinePosition pos, Encoding encoding) const {
  if (pos.line >= line_starts_.size()) return static_cast<uint32_t>(text_.size());
  uint32_t start = line_starts_[pos.line];
  uint32_t end = line_end(pos.line);
  if (encoding == Encoding::kUtf8) {
    uint32_t off = start + std::min(pos.column, end - start);
    // Never land inside a character.
    while (off > start && off < text_.size() && (static_cast<unsigned char>(text_[off]) & 0xC0) == 0x80) {
      --off;
    }
    return off;
  }
  uint32_t column = 0;
  size_t i = start;
  while (i < end && column < pos.column) {
    int len = 1;
    char32_t c = decode_utf8(text_, i, &len);
    uint32_t width = encoding == Encoding::kUtf16 ? static_cast<uint32_t>(utf16_length(c)) : 1;
    if (column + width > pos.column) break;  // the column splits this character
    column += width;
    i += static_cast<size_t>(len);
  }
  return static_cast<uint32_t>(std::min<size_t>(i, end));
}

}  // namespace evidential::core
