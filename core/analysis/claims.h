// Claims: which sentences assert something check-worthy, and whether anything sources them.
#pragma once

#include <cstdint>
#include <vector>

#include "core/analysis/attributions.h"
#include "core/analysis/cues.h"
#include "core/document.h"

namespace evidential::core {

enum class ClaimStatus : uint8_t {
  kNone,                 ///< no check-worthy claim
  kAttributed,           ///< carries its own attribution, citation or link
  kAttributedByContext,  ///< continues an attributed neighbour
  kSpeculative,          ///< the writer's own hedged prediction or analysis
  kUnsourced,            ///< a check-worthy claim with nothing behind it
};

struct SentenceClaim {
  uint32_t sentence = 0;
  double score = 0;  ///< how check-worthy the sentence is, in [0, 1]
  ClaimStatus status = ClaimStatus::kNone;
  int32_t context = -1;  ///< for kAttributedByContext: the sentence whose attribution carries over
  /// The sentence tells the reader what to do ("Add a few drops of vanilla", "Keep three days of
  /// water"): it states nothing to check, however it counts.
  bool instruction = false;
};

/// Whether the sentence carries a citation, footnote, URL or link: what sources its claims and
/// answers an appeal to an unnamed source.
bool has_citation(const Document& doc, const Sentence& s);

/// Whether the sentence opens with a quotation mark (markup aside).
bool opens_with_quotation(const Document& doc, const Sentence& s);

/// One entry per sentence of the document, in order. `software_block`: software_blocks(doc).
std::vector<SentenceClaim> assess_claims(const Document& doc, const std::vector<Cue>& cues,
                                         const std::vector<Attribution>& attributions, double threshold,
                                         const std::vector<bool>& software_block);

}  // namespace evidential::core
