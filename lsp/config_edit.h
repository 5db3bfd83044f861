// The edit that turns a check off in a .evidential.json, computed from its text (JSON with comments)
// so the user's formatting and comments survive. The server proposes it; the client applies it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/range.h"

namespace evidential::lsp {

struct TextReplacement {
  core::Range range;  ///< bytes of the configuration text to replace (empty: an insertion)
  std::string text;
};

/// The edit that sets `check_id` to "off" in `config_text`: replaces an existing level (or the
/// "severity" of an object entry), or inserts the entry (and the "checks" object if needed).
/// nullopt when the text is not a JSON object with an object-valued "checks" (if present).
std::optional<TextReplacement> disable_check_edit(std::string_view config_text, std::string_view check_id);

/// The content of a new .evidential.json that turns `check_id` off.
std::string new_config_disabling(std::string_view check_id);

}  // namespace evidential::lsp
