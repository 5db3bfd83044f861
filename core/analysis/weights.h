// Linear-model weights from a `feature<TAB>weight` file (grammar/lexicon/*_model.tsv), looked up by a
// hash built piece by piece, so scoring a token allocates nothing and costs one probe per feature.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string_view>
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

/// An open-addressing table of feature hashes to weights: flat arrays, so a look-up touches one or two
/// cache lines instead of chasing a node pointer. Built once from the weights file; lines starting with
/// '#' and malformed lines are skipped (the files are generated and reviewed).
class WeightTable {
 public:
  explicit WeightTable(std::string_view tsv) {
    size_t lines = static_cast<size_t>(std::count(tsv.begin(), tsv.end(), '\n')) + 1;
    size_t capacity = 16;
    while (capacity < lines * 2) capacity <<= 1;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    size_t pos = 0;
    while (pos < tsv.size()) {
      size_t nl = tsv.find('\n', pos);
      std::string_view line = tsv.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      pos = nl == std::string_view::npos ? tsv.size() : nl + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line[0] == '#') continue;
      size_t tab = line.rfind('\t');
      if (tab == std::string_view::npos) continue;
      std::string_view num = line.substr(tab + 1);
      float w = 0;
      auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), w);
      if (ec != std::errc() || ptr != num.data() + num.size()) continue;
      insert(FeatureHash(line.substr(0, tab)).value(), w);
    }
  }

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }

  float weight(uint64_t key) const {
    if (key == 0) key = 1;  // 0 marks an empty slot
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return slots_[i].weight;
      if (slots_[i].key == 0) return 0.0f;
    }
  }

 private:
  void insert(uint64_t key, float w) {
    if (key == 0) key = 1;
    size_t i = key & mask_;
    while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask_;
    if (slots_[i].key == 0) ++size_;
    slots_[i] = Slot{key, w};
  }

  struct Slot {
    uint64_t key = 0;
    float weight = 0.0f;
  };
  std::vector<Slot> slots_;  // key and weight side by side: one cache line per probe
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace evidential::core
