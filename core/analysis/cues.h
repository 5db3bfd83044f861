// Hedge, booster and weasel cues found in context: the facts the hedging checks report.
#pragma once

#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/lexicon.h"

namespace evidential::core {

enum class CueKind : uint8_t { kHedge, kBooster, kWeasel };

struct Cue {
  Range range;  ///< the whole cue, one range even for multi-word cues ("appears to be")
  CueKind kind = CueKind::kHedge;
  uint32_t sentence = 0;       ///< index into Document::sentences
  uint32_t token_begin = 0;    ///< first token of the cue
  uint32_t token_end = 0;
  std::string_view category;   ///< from the lexicon: "modal", "adverb", "approximator", ...
  bool in_quotation = false;   ///< inside a direct quotation: the speaker's words, not the writer's
};

/// Every cue in the document, in text order.
std::vector<Cue> find_cues(const Document& doc, const Lexicon& lexicon);

}  // namespace evidential::core
