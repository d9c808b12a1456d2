// FlatHashMap: a read-mostly map from 64-bit hashes to small values, built once from a
// std::unordered_map. Open addressing with linear probing in one array, so a lookup
// touches a cache line or two instead of walking list nodes: the lexicon asks it about
// every token of every report.
//
// In front of the slots sits a bit filter of about two bytes per key: most words of a
// report (its names, its rare words) open no phrase, and the filter, small enough to
// stay in the L1 cache, answers those without touching the slots, which would miss it.
#pragma once

#include <bit>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace harmwatch {

// V must be small and cheap to copy, and a default V{} means "absent": store only other
// values.
template <typename V>
class FlatHashMap {
 public:
  template <typename Source, typename Convert>
  void Build(const Source& from, Convert convert) {
    // At most half full: probe runs stay short.
    size_t n = std::bit_ceil(std::max<size_t>(16, from.size() * 2));
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    for (const auto& [key, value] : from) {
      size_t i = Mix(key) & mask_;
      while (slots_[i].value != V{}) i = (i + 1) & mask_;
      slots_[i] = {key, convert(value)};
    }
    filter_.assign(std::bit_ceil(std::max<size_t>(8, from.size() / 4)), 0);
    filter_shift_ = 64 - std::countr_zero(filter_.size());
    for (const auto& entry : from) {
      const uint64_t f = FilterMix(entry.first);
      filter_[f >> filter_shift_] |= FilterBits(f);
    }
  }
  // False when `key` is surely absent (the filter alone); true when it may be present.
  bool MayContain(uint64_t key) const {
    if (slots_.empty()) return false;
    const uint64_t f = FilterMix(key);
    const uint64_t bits = FilterBits(f);
    return (filter_[f >> filter_shift_] & bits) == bits;
  }
  // The value stored for `key`, or V{}.
  V Find(uint64_t key) const {
    if (!MayContain(key)) return V{};
    for (size_t i = Mix(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == V{}) return V{};
      if (s.key == key) return s.value;
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    V value{};
  };
  // The keys are FNV hashes already; the multiply spreads their low bits.
  static size_t Mix(uint64_t k) { return static_cast<size_t>((k * 0x9E3779B97F4A7C15ull) >> 20); }
  // Two bits of one 64-bit word per key; the word from the top bits, the bits from
  // the bottom ones of another multiply than Mix's.
  static uint64_t FilterMix(uint64_t k) { return k * 0xC2B2AE3D27D4EB4Full; }
  static uint64_t FilterBits(uint64_t f) { return (uint64_t{1} << (f & 63)) | (uint64_t{1} << ((f >> 6) & 63)); }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<uint64_t> filter_;
  int filter_shift_ = 64;
};

}  // namespace harmwatch
