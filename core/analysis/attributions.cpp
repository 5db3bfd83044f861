// Placeholder until attribution detection lands: no attributions are found yet.
#include "core/analysis/attributions.h"

namespace evidential::core {

std::vector<Attribution> find_attributions(const Document&, const Lexicon&, const SourceRegistry&) {
  return {};
}

}  // namespace evidential::core
