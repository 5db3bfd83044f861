// WeightTable's constructor: the precompiled slots of a built-in model, or a parse of any other text.
#include "core/analysis/weights.h"

namespace evidential::core {

WeightTable::WeightTable(std::string_view tsv) {
  std::span<const WeightSlot> slots;
  size_t size = 0;
  if (precompiled_weights(tsv, &slots, &size)) {
    *this = view(slots, size);
  } else {
    *this = parse(tsv);
  }
}

}  // namespace evidential::core
