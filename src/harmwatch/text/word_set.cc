#include "harmwatch/text/word_set.h"

#include <algorithm>
#include <bit>

namespace harmwatch {

WordSet::WordSet(std::initializer_list<std::string_view> words) {
  // At most a quarter full: a miss, the common answer, meets an empty slot at once.
  const size_t n = std::bit_ceil(std::max<size_t>(16, words.size() * 4));
  slots_.assign(n, Slot{});
  mask_ = n - 1;
  for (std::string_view w : words) {
    if (Has(w)) continue;
    const uint64_t h = WordHash(w);
    size_t i = h & mask_;
    while (slots_[i].word.data() != nullptr) i = (i + 1) & mask_;
    slots_[i] = {h, w};
  }
}

}  // namespace harmwatch
