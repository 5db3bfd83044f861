// WeightTable's constructor: the precompiled slots of a built-in model, or a parse of any other text.
#include "core/analysis/weights.h"

namespace evidential::core {

WeightTable::WeightTable(std::string_view tsv) {
  PrecompiledWeights compiled;
  if (precompiled_weights(tsv, &compiled)) {
    *this = view(compiled.slots, compiled.filter, compiled.size);
  } else {
    *this = parse(tsv);
  }
}

}  // namespace evidential::core
