// Helpers of core/markup/markdown.cpp that IncrementalMarkdownParser (markdown_incremental.cpp) also
// needs. Internal to the markup layer: nothing outside core/markup includes this.
#pragma once

#include <string_view>

#include "core/markup/markup.h"

namespace evidential::core::markdown_internal {

/// Whether some line might open more nested containers than the block grammar survives; parse_markdown
/// then reads the text as plain text. Decided line by line.
bool may_nest_too_deep(std::string_view text);

/// Whether the text holds bytes the line scanner does not model (control characters other than tab and
/// line feed, a carriage return outside "\r\n"); parse_markdown then uses the grammar alone. Decided
/// byte by byte (a '\r' looks at the byte after it).
bool has_unusual_controls(std::string_view text);

/// parse_markdown without the facts of the whole text (add_text_facts()): a segment's blocks.
MarkupResult parse_blocks(std::string_view text);

}  // namespace evidential::core::markdown_internal
