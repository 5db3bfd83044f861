// A document's summary: how much it claims, how much of that is sourced, how it hedges, whom it cites.
#pragma once

#include <array>
#include <cstddef>

#include "core/analysis.h"

namespace evidential::core {

struct DocumentSummary {
  size_t words = 0;
  size_t sentences = 0;
  size_t claims = 0;       ///< sentences with a check-worthy claim (sourced or not)
  size_t sourced = 0;      ///< of those, attributed in the sentence or by context
  size_t unsourced = 0;
  size_t speculative = 0;  ///< the writer's own hedged predictions
  size_t hedges = 0;
  size_t weasels = 0;
  size_t boosters = 0;
  size_t peacock_terms = 0;     ///< praise in place of information: "legendary", "one of the finest"
  size_t vague_quantities = 0;  ///< "many", "several" where a number belongs
  size_t attributions = 0;
  std::array<size_t, 7> sources_by_kind{};  ///< indexed by SourceKind
  size_t cautioned_sources = 0;             ///< sources the registry or context warns about
  /// Read as software documentation (Document::documents_software): only comparisons and rankings
  /// are claims, and attributions need a source a reader could ask.
  bool software_documentation = false;
  /// Read as rules (Document::states_rules: terms, a policy, a code of conduct): "may" grants
  /// permission, and only comparisons and rankings are claims.
  bool rules = false;

  double share_sourced() const { return claims ? double(sourced) / double(claims) : 1.0; }
  double hedges_per_1000_words() const { return words ? 1000.0 * double(hedges) / double(words) : 0; }
};

DocumentSummary summarize(const Analysis& analysis);

}  // namespace evidential::core
