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
  constexpr FeatureHash() = default;
  constexpr explicit FeatureHash(std::string_view prefix) { add(prefix); }
  constexpr FeatureHash& add(std::string_view s) {
    for (char c : s) {
      h_ ^= static_cast<unsigned char>(c);
      h_ *= 1099511628211ULL;
    }
    return *this;
  }
  constexpr uint64_t value() const { return h_; }

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
    t.owned_filter_.assign(capacity * kFilterBitsPerSlot / 64, 0);
    t.slots_ = t.owned_.data();
    t.filter_ = t.owned_filter_.data();
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

  /// A table over slots and filter words that live elsewhere (static data): `slots.size()` is a power
  /// of two and `filter` holds kFilterBitsPerSlot bits per slot.
  static WeightTable view(std::span<const WeightSlot> slots, std::span<const uint64_t> filter, size_t size) {
    WeightTable t;
    t.slots_ = slots.data();
    t.filter_ = filter.data();
    t.mask_ = slots.size() - 1;
    t.size_ = size;
    return t;
  }

  WeightTable(WeightTable&& other) noexcept { *this = std::move(other); }
  WeightTable& operator=(WeightTable&& other) noexcept {
    const bool owns = other.slots_ == other.owned_.data();
    owned_ = std::move(other.owned_);
    owned_filter_ = std::move(other.owned_filter_);
    slots_ = owns ? owned_.data() : other.slots_;
    filter_ = owns ? owned_filter_.data() : other.filter_;
    mask_ = other.mask_;
    size_ = other.size_;
    other.slots_ = nullptr;
    other.filter_ = nullptr;
    other.mask_ = 0;
    other.size_ = 0;
    return *this;
  }
  WeightTable(const WeightTable&) = delete;
  WeightTable& operator=(const WeightTable&) = delete;

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  std::span<const WeightSlot> slots() const { return {slots_, slots_ == nullptr ? 0 : mask_ + 1}; }
  std::span<const uint64_t> filter() const {
    return {filter_, slots_ == nullptr ? 0 : (mask_ + 1) * kFilterBitsPerSlot / 64};
  }

  float weight(uint64_t key) const {
    if (slots_ == nullptr) return 0.0f;
    if (key == 0) key = 1;  // 0 marks an empty slot
    return may_hold(key) ? probe(key) : 0.0f;
  }

  /// Bits of the filter per slot: 8, so the filter is half the slots' size over 16 (256 KB for the cue
  /// tagger's 4 MB of slots, which stays in the core's L2 cache) and, the table being at most half
  /// full, answers "maybe" for at most one absent feature in sixteen.
  static constexpr size_t kFilterBitsPerSlot = 8;

 private:
  WeightTable() = default;

  // Most probes are for features the model does not have (six in seven on the plain-text corpus, for
  // the cue tagger's word pairs and rare words), and the slots are too large for the caches: a bit per
  // feature, indexed by the hash's high half (the slot index uses the low bits), answers most of them
  // without touching the slots.
  size_t filter_bit(uint64_t key) const { return (key >> 32) & ((mask_ + 1) * kFilterBitsPerSlot - 1); }
  bool may_hold(uint64_t key) const {
    const size_t bit = filter_bit(key);
    return (filter_[bit / 64] >> (bit % 64)) & 1;
  }
  // Kept out of line so that weight(), the filter test most calls end at, is inlined at its callers.
  [[gnu::noinline]] float probe(uint64_t key) const {
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return slots_[i].weight;
      if (slots_[i].key == 0) return 0.0f;
    }
  }

  void insert(uint64_t key, float w) {
    if (key == 0) key = 1;
    size_t i = key & mask_;
    while (owned_[i].key != 0 && owned_[i].key != key) i = (i + 1) & mask_;
    if (owned_[i].key == 0) ++size_;
    owned_[i] = WeightSlot{key, w};
    const size_t bit = filter_bit(key);
    owned_filter_[bit / 64] |= uint64_t{1} << (bit % 64);
  }

  std::vector<WeightSlot> owned_;      // empty for a view of precompiled slots
  std::vector<uint64_t> owned_filter_;
  const WeightSlot* slots_ = nullptr;  // key and weight side by side: one cache line per probe
  const uint64_t* filter_ = nullptr;
  size_t mask_ = 0;
  size_t size_ = 0;
};

/// The compiled-in form of an embedded model file: its slots, filter words and feature count.
struct PrecompiledWeights {
  std::span<const WeightSlot> slots;
  std::span<const uint64_t> filter;
  size_t size = 0;
};

/// The precompiled table of an embedded model file, when `tsv` is one (the same bytes at the same
/// address as embedded_file() returns); defined in the generated weights_data.cpp.
bool precompiled_weights(std::string_view tsv, PrecompiledWeights* out);

}  // namespace evidential::core
