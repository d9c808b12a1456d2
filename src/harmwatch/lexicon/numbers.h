// Numbers written in digits or words, read from tokens.
//   "8" -> 8   "1,200" -> 1200   "eight" -> 8   "twenty-one" -> 21   "a dozen" -> 12
//   "two hundred and fifty" -> 250   "٨" -> 8   "8 to 10" / "8-10" -> 8 (range, lower bound)
// Vague words ("dozens", "several") are not numbers. Number words come from the
// lexicon's `number` category (value = the number; attr scale=1 for hundred/thousand).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {

struct NumberMatch {
  int64_t value = 0;
  uint32_t first = 0, last = 0;  // tokens [first, last)
  bool range = false;            // "8 to 10": value is the lower bound
  bool digits = false;           // written in digits
};

// The number starting at token `i` (not past `end`), if there is one.
std::optional<NumberMatch> ParseNumber(const std::vector<Token>& tokens, uint32_t i, uint32_t end,
                                       const Lexicon& lexicon);

}  // namespace harmwatch
