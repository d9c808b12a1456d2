// FlatHashMap: a read-mostly map from 64-bit hashes to small values, built once from a
// std::unordered_map. Open addressing with linear probing in one array, so a lookup
// touches a cache line or two instead of walking list nodes: the lexicon asks it about
// every token of every report.
#pragma once

#include <bit>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace harmwatch {

// V must be cheap to copy, and a default V{} means "absent": store only other values.
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
  }
  // The value stored for `key`, or V{}.
  V Find(uint64_t key) const {
    if (slots_.empty()) return V{};
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
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace harmwatch
