// A flat open-addressing hash map keyed by text: looked up by string_view with an inline hash,
// so the analysis's per-token look-ups build no key string and chase no node pointer.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace evidential::core {

/// The hash TextMap keys by, inline (std::hash<string_view> is an out-of-line call that costs more
/// than the probe it feeds). Eight bytes per multiply, not one as FNV-1a: the analysis hashes every
/// word several times (FNV-1a was 7% of the instructions on the plain-text corpus), and a word is
/// mostly one or two such steps. The weight tables keep FNV-1a, which the model files are keyed by.
inline uint64_t text_hash(std::string_view s) {
  auto load64 = [](const char* at) {
    uint64_t w;
    std::memcpy(&w, at, 8);
    return w;
  };
  auto load32 = [](const char* at) {
    uint32_t w;
    std::memcpy(&w, at, 4);
    return uint64_t{w};
  };
  auto byte = [](char c) { return uint64_t{static_cast<unsigned char>(c)}; };
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  uint64_t last = 0;  // the last up to eight bytes, read whole (overlapping what came before)
  if (n > 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      h = (h ^ load64(p + i)) * 0xBF58476D1CE4E5B9ULL;
      h ^= h >> 31;
    }
    last = load64(p + n - 8);
  } else if (n >= 4) {
    last = load32(p) | (load32(p + n - 4) << 32);
  } else if (n > 0) {
    last = (byte(p[0]) << 16) | (byte(p[n / 2]) << 8) | byte(p[n - 1]);
  }
  h = (h ^ last) * 0x94D049BB133111EBULL;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;  // a last mix: the slot index is the low bits
  return h ^ (h >> 32);
}

/// Whether two texts are equal, compared inline: the keys are short words, for which the call to
/// memcmp that string_view's == makes cost more than the comparison itself. Eight or four bytes at a
/// time, the last read overlapping the one before.
inline bool same_text(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  auto same = [&](size_t at, size_t width) { return std::memcmp(a.data() + at, b.data() + at, width) == 0; };
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      if (!same(i, 8)) return false;
    }
    return same(n - 8, 8);
  }
  if (n >= 4) return same(0, 4) && same(n - 4, 4);
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

/// Text to V. Keys are copied into storage the map owns, so callers may look up and insert slices
/// of short-lived strings. Entries keep insertion order; a reference to a value stays valid until
/// the next insertion.
template <class V>
class TextMap {
 public:
  TextMap() = default;
  TextMap(std::initializer_list<std::pair<std::string_view, V>> items) {
    for (const auto& [key, value] : items) (*this)[key] = value;
  }
  TextMap(TextMap&&) noexcept = default;
  TextMap& operator=(TextMap&&) noexcept = default;
  TextMap(const TextMap& other) { *this = other; }
  TextMap& operator=(const TextMap& other) {
    if (this == &other) return *this;
    clear();
    for (const auto& [key, value] : other.entries_) (*this)[key] = value;
    return *this;
  }

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  const V* find(std::string_view key) const { return find(key, text_hash(key)); }
  V* find(std::string_view key) { return const_cast<V*>(std::as_const(*this).find(key)); }
  /// With the key's text_hash() already at hand.
  const V* find(std::string_view key, uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.entry == kEmpty) return nullptr;
      if (s.hash == hash && same_text(entries_[s.entry].first, key)) return &entries_[s.entry].second;
    }
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }

  /// The value for `key`, inserted value-initialised when absent.
  V& operator[](std::string_view key) { return emplace(key, text_hash(key)).first; }

  /// The value for `key` and whether it was inserted (value-initialised) just now.
  std::pair<V&, bool> emplace(std::string_view key, uint64_t hash) {
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();
    size_t i = hash & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.entry == kEmpty) break;
      if (s.hash == hash && same_text(entries_[s.entry].first, key)) return {entries_[s.entry].second, false};
    }
    slots_[i] = Slot{hash, static_cast<uint32_t>(entries_.size())};
    entries_.emplace_back(store(key), V{});
    return {entries_.back().second, true};
  }

  void clear() {
    entries_.clear();
    slots_.clear();
    mask_ = 0;
    chunks_.clear();
    room_ = 0;
  }

  /// Calls f(key, value) for every entry in insertion order, the value mutable.
  template <class F>
  void for_each(F&& f) {
    for (auto& [key, value] : entries_) f(key, value);
  }

  /// The entries in insertion order, as (key, value) pairs.
  const std::vector<std::pair<std::string_view, V>>& entries() const { return entries_; }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint64_t hash = 0;
    uint32_t entry = kEmpty;
  };

  // At most half full, so an absent key's probe ends after a slot or two.
  void grow() {
    const size_t capacity = slots_.empty() ? 16 : slots_.size() * 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (uint32_t e = 0; e < entries_.size(); ++e) {
      const uint64_t hash = text_hash(entries_[e].first);
      size_t i = hash & mask_;
      while (slots_[i].entry != kEmpty) i = (i + 1) & mask_;
      slots_[i] = Slot{hash, e};
    }
  }

  // Keys live in chunks that never move, so the entries' string_views stay valid as the map grows.
  std::string_view store(std::string_view key) {
    if (key.empty()) return {};
    if (key.size() > room_) {
      const size_t size = std::max<size_t>(kChunk, key.size());
      chunks_.push_back(std::make_unique<char[]>(size));
      next_ = chunks_.back().get();
      room_ = size;
    }
    std::memcpy(next_, key.data(), key.size());
    std::string_view stored(next_, key.size());
    next_ += key.size();
    room_ -= key.size();
    return stored;
  }

  static constexpr size_t kChunk = 16 * 1024;
  std::vector<std::pair<std::string_view, V>> entries_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* next_ = nullptr;
  size_t room_ = 0;
};

/// A set of words: the closed word classes the rules test membership of.
class TextSet {
 public:
  TextSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) map_[w] = true;
  }
  bool contains(std::string_view w) const { return map_.find(w) != nullptr; }
  /// As std::unordered_set::count, so call sites read the same.
  size_t count(std::string_view w) const { return contains(w) ? 1 : 0; }

 private:
  TextMap<bool> map_;
};

}  // namespace evidential::core
