// UTF-8 helpers: decoding that never fails (invalid bytes count as one code point each) and validation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace evidential::core {

/// Decodes the code point starting at `text[i]`. Stores its byte length in `*length` (>= 1 whenever
/// i < text.size()). An invalid or truncated sequence decodes as U+FFFD with length 1, so every byte
/// string walks to its end.
char32_t decode_utf8(std::string_view text, size_t i, int* length);

/// Number of UTF-16 code units that encode `c` (1 or 2).
inline int utf16_length(char32_t c) { return c >= 0x10000 ? 2 : 1; }

/// The offset of the first byte that is not valid UTF-8 (overlong forms, surrogates and values above
/// U+10FFFF are invalid), or npos when the text is valid.
size_t find_invalid_utf8(std::string_view text);

/// Appends the UTF-8 encoding of `c` to `out`.
template <typename String>
void append_utf8(String& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace evidential::core
