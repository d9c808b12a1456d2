// WordSet: a fixed set of folded words that stages ask tokens about ("said", "forces",
// "camp"). A word token carries its hash (Token::norm_hash), so asking about a token is
// one probe of a small open-addressed table and, on a hit, one string compare, where a
// std::set<std::string> compares strings all the way down its tree. Build sets once
// (function-local statics); they are immutable and safe to share between threads.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "harmwatch/text/tokenize.h"

namespace harmwatch {

class WordSet {
 public:
  // The words must be folded as Token::norm is (lower case, no accents). They are
  // string literals, so the set keeps views of them.
  WordSet(std::initializer_list<std::string_view> words);

  bool Has(const Token& t) const { return t.is_word && Find(t.norm_hash, t.norm); }
  bool Has(std::string_view folded_word) const { return Find(WordHash(folded_word), folded_word); }

 private:
  bool Find(uint64_t hash, std::string_view word) const {
    // Words that share a hash (an Arabic word with and without its article) sit in
    // neighbouring slots: probe on to the first empty one.
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.word.data() == nullptr) return false;
      if (s.hash == hash && s.word == word) return true;
    }
  }
  struct Slot {
    uint64_t hash = 0;
    std::string_view word;  // null data: empty slot
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace harmwatch
