// Named victims with ages:
//   "the child Hamza Al-Shibli" -> {Hamza Al-Shibli}; "killing a 7-year-old child
//   (Al-Shibli)" -> age 7 for the victim whose name ends in Al-Shibli;
//   "kidnapped Ahed Fayez al-Ayed" -> {Ahed Fayez al-Ayed, abducted}.
#pragma once

#include <string>
#include <vector>

#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/model/document.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {

struct VictimMention {
  Victim victim;
  uint32_t first = 0, last = 0;  // tokens of the name
  bool surname_only = false;     // "(Al-Shibli)": only an age to merge into a full name
};

// `blocked[i]` marks tokens that are places or actors (never person names).
// `outcome` is the sentence's outcome ("killed", "injured", "abducted").
std::vector<VictimMention> FindVictims(const std::vector<Token>& tokens, std::string_view text,
                                       uint32_t begin, uint32_t end, const Lexicon& lexicon,
                                       const std::vector<uint8_t>& blocked,
                                       const std::string& outcome);

// Merges mentions of the same person (full name and surname) into one victim each.
std::vector<Victim> MergeVictims(const std::vector<VictimMention>& mentions);

}  // namespace harmwatch
