// Placeholder until claim detection lands: every sentence is reported as making no claim.
#include "core/analysis/claims.h"

namespace evidential::core {

std::vector<SentenceClaim> assess_claims(const Document& doc, const std::vector<Cue>&,
                                         const std::vector<Attribution>&, double) {
  std::vector<SentenceClaim> out(doc.sentences().size());
  for (uint32_t i = 0; i < out.size(); ++i) out[i].sentence = i;
  return out;
}

}  // namespace evidential::core
