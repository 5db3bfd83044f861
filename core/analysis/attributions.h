// Attributions: who the text says a claim comes from ("according to X", "X said"), with the source's kind.
#pragma once

#include <string>
#include <vector>

#include "core/document.h"
#include "core/finding.h"
#include "core/lexicon.h"
#include "core/sources.h"

namespace evidential::core {

struct Attribution {
  Range cue;      ///< "according to", "said", "reportedly"
  Range source;   ///< the full noun phrase: "the Pyongyang news outlet NK News"; empty when none
  Range content;  ///< what is attributed, where it can be delimited
  SourceKind kind = SourceKind::kAnonymous;
  uint32_t sentence = 0;
  const SourceEntry* entry = nullptr;  ///< the registry entry the source names, if any
  /// Why the source deserves caution ("state-controlled media", "a party to the events"); empty
  /// when there is nothing to warn about.
  std::string caution;
  /// A non-neutral reporting verb ("asserted", "claimed"): the neutral verb to offer instead.
  std::string neutral_verb;
};

/// Every attribution in the document, in text order.
std::vector<Attribution> find_attributions(const Document& doc, const Lexicon& lexicon,
                                           const SourceRegistry& sources);

}  // namespace evidential::core
