// UTF-8 decoding per RFC 3629: the decoder maps every malformed byte to U+FFFD so callers can walk any
// byte string without special cases.
#include "core/utf8.h"

namespace evidential::core {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

inline bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

char32_t decode_utf8(std::string_view text, size_t i, int* length) {
  *length = 1;
  if (i >= text.size()) return kReplacement;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  unsigned char b0 = s[i];
  if (b0 < 0x80) return b0;
  if (b0 < 0xC2) return kReplacement;  // continuation byte or overlong 2-byte lead
  if (b0 < 0xE0) {
    if (i + 1 >= n || !is_continuation(s[i + 1])) return kReplacement;
    *length = 2;
    return (char32_t(b0 & 0x1F) << 6) | (s[i + 1] & 0x3F);
  }
  if (b0 < 0xF0) {
    if (i + 2 >= n || !is_continuation(s[i + 1]) || !is_continuation(s[i + 2])) return kReplacement;
    char32_t c = (char32_t(b0 & 0x0F) << 12) | (char32_t(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) return kReplacement;  // overlong or surrogate
    *length = 3;
    return c;
  }
  if (b0 < 0xF5) {
    if (i + 3 >= n || !is_continuation(s[i + 1]) || !is_continuation(s[i + 2]) ||
        !is_continuation(s[i + 3])) {
      return kReplacement;
    }
    char32_t c = (char32_t(b0 & 0x07) << 18) | (char32_t(s[i + 1] & 0x3F) << 12) |
                 (char32_t(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
    if (c < 0x10000 || c > 0x10FFFF) return kReplacement;
    *length = 4;
    return c;
  }
  return kReplacement;
}

size_t find_invalid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    int len = 1;
    char32_t c = decode_utf8(text, i, &len);
    // A genuine U+FFFD is encoded in three bytes; a length of one means the decoder rejected the byte.
    if (c == kReplacement && len == 1) return i;
    i += static_cast<size_t>(len);
  }
  return std::string_view::npos;
}

}  // namespace evidential::core
