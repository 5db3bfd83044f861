// Counts for --summary and the editor's document summary, from the same facts the checks use.
#include "core/summary.h"

namespace evidential::core {

DocumentSummary summarize(const Analysis& analysis) {
  DocumentSummary s;
  const Document& doc = analysis.document();
  s.sentences = doc.sentences().size();
  s.software_documentation = doc.documents_software();
  s.rules = doc.states_rules();
  for (const Token& t : doc.tokens()) {
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber || t.kind == TokenKind::kAbbreviation) {
      ++s.words;
    }
  }
  for (const Cue& c : analysis.cues()) {
    // Quoted words are the speaker's, not the writer's: the summary describes the writer's prose.
    if (c.in_quotation) continue;
    if (c.kind == CueKind::kHedge) ++s.hedges;
    else if (c.kind == CueKind::kWeasel) ++s.weasels;
    else if (c.kind == CueKind::kBooster) ++s.boosters;
    else if (c.kind == CueKind::kPeacock) ++s.peacock_terms;
    else if (c.kind == CueKind::kVagueQuantity) ++s.vague_quantities;
  }
  for (const Attribution& a : analysis.attributions()) {
    if (a.inferred) continue;  // a tagger's guess is shown as a hint, never counted as a source
    if (a.writer_source || a.writer_inference) continue;  // "I argue", "appears to": the writer's own
    ++s.attributions;
    ++s.sources_by_kind[static_cast<size_t>(a.kind)];
    if (!a.caution.empty()) ++s.cautioned_sources;
  }
  for (const SentenceClaim& c : analysis.claims()) {
    switch (c.status) {
      case ClaimStatus::kAttributed:
      case ClaimStatus::kAttributedByContext:
        if (c.score > 0) {
          ++s.claims;
          ++s.sourced;
        }
        break;
      case ClaimStatus::kUnsourced:
        ++s.claims;
        ++s.unsourced;
        break;
      case ClaimStatus::kSpeculative:
        ++s.speculative;
        break;
      case ClaimStatus::kNone:
        break;
    }
  }
  return s;
}

}  // namespace evidential::core
