// Hedge, booster, weasel, peacock and vague-quantity cues found in context: the facts the hedging checks report.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/analysis/attributions.h"
#include "core/document.h"
#include "core/finding.h"
#include "core/lexicon.h"

namespace evidential::core {

enum class CueKind : uint8_t { kHedge, kBooster, kWeasel, kPeacock, kVagueQuantity };

struct Cue {
  Range range;  ///< the whole cue, one range even for multi-word cues ("appears to be")
  CueKind kind = CueKind::kHedge;
  uint32_t sentence = 0;     ///< index into Document::sentences
  uint32_t token_begin = 0;  ///< first token of the cue
  uint32_t token_end = 0;
  std::string_view category;  ///< from the lexicon: "modal", "adverb", "approximator", ...
  bool in_quotation = false;  ///< inside a direct quotation: the speaker's words, not the writer's
  /// For hedges: the index (into the cue list) of the first hedge of the stack this hedge belongs to
  /// ("could potentially": two hedges on one claim), or -1 when it stands alone.
  int32_t stack = -1;
  /// A sentence adverb ("potentially", "possibly") whose deletion leaves a grammatical sentence: the
  /// quick fix for a stack removes it.
  bool removable = false;
};

/// Every cue in the document, in text order. Cues never overlap. Hedges inside a direct quotation are
/// found (with in_quotation set) but never join a stack. Lists read: "hedges", "boosters", "weasels",
/// "peacock", "vague_quantities" and "cue_context" (the context words of the rules).
///
/// With `use_model` (the default; option "hedge.model"), the hedge-cue disambiguator learned from
/// tune-on data (grammar/lexicon/hedge_model.tsv, trained by tools/hedge_model/train.py) reviews the
/// hedges the rules accept on the ambiguous words it lists ("unknown", "appeared", "tend to", ...):
/// from the neighbouring words it keeps or drops each one; it never adds a hedge. Without it the rules
/// alone decide.
std::vector<Cue> find_cues(const Document& doc, const Lexicon& lexicon, bool use_model = true);

/// Whether any hedge belongs to a stack (cheap: lets a caller skip release_reported_stacks).
bool has_stacks(const std::vector<Cue>& cues);

/// Takes out of its stack a hedge that is the cue of someone else's report ("the mayor believes the
/// levy could fall", "critics suggested that the claims may"): what follows is that source's view,
/// hedged or not, and the writer has stacked nothing. A stack left with one hedge dissolves. The
/// writer's own reports ("I think it may") still stack.
void release_reported_stacks(std::vector<Cue>& cues, const std::vector<Attribution>& attributions);

/// The edit that deletes `cue` (a removable single word) cleanly: the word and the space after it, or
/// the space before it when punctuation follows ("is, potentially, true" keeps its commas). Empty
/// when no clean deletion exists: the word starts its sentence (the next word would need a capital)
/// or is followed by a comma.
Range removal_range(const Document& doc, const Cue& cue);

/// The cues of `kind` that are the writer's own: not inside a quotation, not in a sentence where someone
/// else reports (someone_reports: "Critics called it one of the finest films", "Police said several
/// people were injured"), and not behind a weasel appeal ("is widely regarded as one of the finest",
/// "many residents say"), where the weasel check speaks. In text order.
std::vector<const Cue*> writers_own(const Document& doc, const std::vector<Cue>& cues,
                                    const std::vector<Attribution>& attributions, CueKind kind);

/// The quick fix "Remove "<cue>"" that applies removal_range(), or nullopt when there is no clean
/// deletion.
std::optional<Fix> removal_fix(const Document& doc, const Cue& cue);

}  // namespace evidential::core
