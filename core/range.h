// Byte ranges into a document's original UTF-8 text: the only coordinates the core speaks.
#pragma once

#include <cstdint>
#include <string_view>

namespace evidential::core {

/// A half-open range [start, end) of byte offsets into the original text.
struct Range {
  uint32_t start = 0;
  uint32_t end = 0;

  constexpr uint32_t size() const { return end - start; }
  constexpr bool empty() const { return end <= start; }
  constexpr bool contains(uint32_t offset) const { return start <= offset && offset < end; }
  constexpr bool contains(Range other) const { return start <= other.start && other.end <= end; }
  constexpr bool overlaps(Range other) const { return start < other.end && other.start < end; }
  friend constexpr bool operator==(Range, Range) = default;
};

/// The text a range covers. Ranges are always produced from the same text, so they are in bounds;
/// an out-of-bounds range is clamped rather than trusted.
inline std::string_view slice(std::string_view text, Range range) {
  if (range.start > text.size()) return {};
  return text.substr(range.start, range.end > range.start ? range.end - range.start : 0);
}

}  // namespace evidential::core
