// The linear models are hashed at build time (cmake/weights_codegen.cpp): the compiled slot arrays must
// be exactly what parsing the embedded model text gives, and only the embedded text itself may map to
// them.
#include "core/analysis/weights.h"

#include <gtest/gtest.h>

#include <string>

#include "core/embedded.h"

namespace evidential::core {
namespace {

TEST(Weights, PrecompiledModelsEqualTheParsedText) {
  int models = 0;
  for (const EmbeddedFile& file : embedded_files()) {
    if (!file.path.ends_with("_model.tsv")) continue;
    ++models;
    SCOPED_TRACE(std::string(file.path));
    PrecompiledWeights precompiled;
    ASSERT_TRUE(precompiled_weights(file.data, &precompiled));
    const WeightTable compiled(file.data);
    EXPECT_EQ(compiled.slots().data(), precompiled.slots.data());  // a view, nothing parsed
    EXPECT_EQ(compiled.filter().data(), precompiled.filter.data());
    const WeightTable parsed = WeightTable::parse(file.data);
    EXPECT_GT(parsed.size(), 1000u);
    EXPECT_EQ(compiled.size(), parsed.size());
    ASSERT_EQ(compiled.slots().size(), parsed.slots().size());
    for (size_t i = 0; i < parsed.slots().size(); ++i) {
      ASSERT_EQ(compiled.slots()[i].key, parsed.slots()[i].key) << "slot " << i;
      ASSERT_EQ(compiled.slots()[i].weight, parsed.slots()[i].weight) << "slot " << i;
    }
    // The filter in front of the slots: the same bits, and none of the model's features filtered out.
    ASSERT_EQ(compiled.filter().size(), parsed.filter().size());
    for (size_t i = 0; i < parsed.filter().size(); ++i) {
      ASSERT_EQ(compiled.filter()[i], parsed.filter()[i]) << "filter word " << i;
    }
    for (const WeightSlot& slot : parsed.slots()) {
      if (slot.key != 0) ASSERT_EQ(compiled.weight(slot.key), slot.weight);
    }
    // The same bytes elsewhere (a user's model, say) are parsed, and weigh the same.
    const std::string copy(file.data);
    EXPECT_FALSE(precompiled_weights(copy, &precompiled));
    const WeightTable from_copy(copy);
    EXPECT_NE(from_copy.slots().data(), compiled.slots().data());
    EXPECT_EQ(from_copy.size(), compiled.size());
  }
  EXPECT_GE(models, 2);
}

TEST(Weights, LookupFindsEachFeatureOnce) {
  WeightTable t(std::string("# comment\nw=may\t1.5\nw=might\t-0.25\nbad line\nw=x\tnot-a-number\n"));
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.weight(FeatureHash("w=").add("may").value()), 1.5f);
  EXPECT_EQ(t.weight(FeatureHash("w=might").value()), -0.25f);
  EXPECT_EQ(t.weight(FeatureHash("w=x").value()), 0.0f);
  // Absent features weigh nothing whether the filter or the slots turn them away.
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(t.weight(FeatureHash("w=absent").add(std::to_string(i)).value()), 0.0f);
  // Moving keeps an owning table's slots valid.
  WeightTable moved = std::move(t);
  EXPECT_EQ(moved.weight(FeatureHash("w=may").value()), 1.5f);
}

}  // namespace
}  // namespace evidential::core
