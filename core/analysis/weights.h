// Linear-model weights from a `feature<TAB>weight` file (grammar/lexicon/*_model.tsv), looked up by a
// hash built piece by piece, so scoring a token allocates nothing and costs one probe per feature.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace evidential::core {

/// FNV-1a over a feature's text, fed in pieces: FeatureHash().add("w=").add(word) equals the hash of
/// the whole string "w=<word>" as the weights file spells it.
class FeatureHash {
 public:
  FeatureHash() = default;
  explicit FeatureHash(std::string_view prefix) { add(prefix); }
  FeatureHash& add(std::string_view s) {
    for (char c : s) {
      h_ ^= static_cast<unsigned char>(c);
      h_ *= 1099511628211ULL;
    }
    return *this;
  }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 14695981039346656037ULL;
};

/// One slot of a WeightTable: a feature hash (0 marks an empty slot) and its weight.
struct WeightSlot {
  uint64_t key = 0;
  float weight = 0.0f;
};

/// An open-addressing table of feature hashes to weights: flat arrays, so a look-up touches one or two
/// cache lines instead of chasing a node pointer. Built from the weights file; lines starting with '#'
/// and malformed lines are skipped (the files are generated and reviewed). The built-in models are
/// hashed at build time (cmake/weights_codegen.cpp), so a table over an embedded model file only points
/// at the slots compiled into the binary and start-up parses nothing.
class WeightTable {
 public:
  /// The table for `tsv`: the precompiled slots when `tsv` is an embedded model file, else parsed.
  explicit WeightTable(std::string_view tsv);

  /// Parses `tsv` whatever it is (the build-time generator uses this).
  static WeightTable parse(std::string_view tsv) {
    WeightTable t;
    size_t lines = static_cast<size_t>(std::count(tsv.begin(), tsv.end(), '\n')) + 1;
    size_t capacity = 16;
    while (capacity < lines * 2) capacity <<= 1;
    t.owned_.assign(capacity, WeightSlot{});
    t.slots_ = t.owned_.data();
    t.mask_ = capacity - 1;
    size_t pos = 0;
    while (pos < tsv.size()) {
      size_t nl = tsv.find('\n', pos);
      std::string_view line =
          tsv.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      pos = nl == std::string_view::npos ? tsv.size() : nl + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line[0] == '#') continue;
      size_t tab = line.rfind('\t');
      if (tab == std::string_view::npos) continue;
      std::string_view num = line.substr(tab + 1);
      float w = 0;
      auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), w);
      if (ec != std::errc() || ptr != num.data() + num.size()) continue;
      t.insert(FeatureHash(line.substr(0, tab)).value(), w);
    }
    return t;
  }

  /// A table over slots that live elsewhere (static data): `slots.size()` is a power of two.
  static WeightTable view(std::span<const WeightSlot> slots, size_t size) {
    WeightTable t;
    t.slots_ = slots.data();
    t.mask_ = slots.size() - 1;
    t.size_ = size;
    return t;
  }

  WeightTable(WeightTable&& other) noexcept { *this = std::move(other); }
  WeightTable& operator=(WeightTable&& other) noexcept {
    const bool owns = other.slots_ == other.owned_.data();
    owned_ = std::move(other.owned_);
    slots_ = owns ? owned_.data() : other.slots_;
    mask_ = other.mask_;
    size_ = other.size_;
    other.slots_ = nullptr;
    other.mask_ = 0;
    other.size_ = 0;
    return *this;
  }
  WeightTable(const WeightTable&) = delete;
  WeightTable& operator=(const WeightTable&) = delete;

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  std::span<const WeightSlot> slots() const { return {slots_, slots_ == nullptr ? 0 : mask_ + 1}; }

  float weight(uint64_t key) const {
    if (slots_ == nullptr) return 0.0f;
    if (key == 0) key = 1;  // 0 marks an empty slot
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return slots_[i].weight;
      if (slots_[i].key == 0) return 0.0f;
    }
  }

 private:
  WeightTable() = default;

  void insert(uint64_t key, float w) {
    if (key == 0) key = 1;
    size_t i = key & mask_;
    while (owned_[i].key != 0 && owned_[i].key != key) i = (i + 1) & mask_;
    if (owned_[i].key == 0) ++size_;
    owned_[i] = WeightSlot{key, w};
  }

  std::vector<WeightSlot> owned_;      // empty for a view of precompiled slots
  const WeightSlot* slots_ = nullptr;  // key and weight side by side: one cache line per probe
  size_t mask_ = 0;
  size_t size_ = 0;
};

/// The precompiled table of an embedded model file, when `tsv` is one (the same bytes at the same
/// address as embedded_file() returns); defined in the generated weights_data.cpp.
bool precompiled_weights(std::string_view tsv, std::span<const WeightSlot>* slots, size_t* size);

}  // namespace evidential::core
