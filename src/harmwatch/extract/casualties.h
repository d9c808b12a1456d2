// Casualty figures in a sentence, in all the common shapes:
//   "killing 8", "8 people were killed", "the death toll rose to 8", "8 martyrs",
//   "injuring 42", "42 wounded", "a 7-year-old child was killed" (1),
//   "no casualties were reported" (0), "including four children" (children of the
//   figure before it), "Total fatalities 2".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harmwatch/base/text_span.h"
#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {

struct CasualtyFigure {
  std::string kind;      // "killed", "injured", "abducted", or "both" for "no casualties"
  int value = 0;
  uint32_t first = 0, last = 0;  // tokens covering number and casualty word
  TextSpan span;
  bool update = false;   // "rose to", "climbed to", "reached": a later toll
  bool total = false;    // "death toll", "in total", "total fatalities"
  bool combatants = false;  // the people counted are fighters/soldiers
  std::string force;     // "military" or "police": they are a state's soldiers or police
  std::optional<int> children, women;
  bool zero = false;     // "no casualties were reported"
  bool implicit_kind = false;  // "Balyoun town: two children" - kind from context
};

// Figures in tokens [begin, end). `context_kind` is the casualty kind the surrounding
// text is about ("The breakdown of fatalities was as follows:"), used for bare
// "number + people" items; pass "" when there is none.
std::vector<CasualtyFigure> FindCasualties(const std::vector<Token>& tokens, uint32_t begin,
                                           uint32_t end, const Lexicon& lexicon,
                                           const std::string& context_kind);

}  // namespace harmwatch
