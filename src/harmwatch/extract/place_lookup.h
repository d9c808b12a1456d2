// Gazetteer answers for the phrases of a report, remembered per thread and cut to the
// candidates worth scoring.
//
// Reports name the same places again and again, within one report and across a day's
// news, and the run matcher asks about the same word sequences several times: each
// distinct phrase goes to the gazetteer once per thread. Common names ("San", "Tal
// Ahmar") have hundreds of namesakes, and scoring each against a report's context
// costs more than it can change: an answer keeps every place of a detailed layer (one
// with P-codes), then the most populous, up to 40 (the gazetteer's `keep`). The
// answers depend only on the phrase and the gazetteer, so output does not depend on
// what was remembered.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "harmwatch/geo/gazetteer.h"

namespace harmwatch {

class PlaceLookup {
 public:
  explicit PlaceLookup(const Gazetteer& g);

  // Places with a name of the phrase's compact key (Gazetteer::Lookup).
  const std::vector<Candidate>& Exact(std::string_view phrase);
  // Other spellings close to the phrase ("Abzimo" / "Abzemo"): same consonants, same
  // first letter, about as long (Gazetteer::LookupSpellingVariants). Empty for
  // phrases whose compact key is shorter than three letters.
  const std::vector<Candidate>& SpellingVariants(std::string_view phrase);
  // Every place of the name, not only those Exact keeps: for a caller that knows the
  // area a place lies in and looks for the small namesake there. Not remembered.
  std::vector<Candidate> AllExact(std::string_view phrase) const;
  int max_name_words() const { return g_.max_name_words(); }

  // At most this many candidates besides detailed-layer places.
  static constexpr size_t kMaxCandidates = 40;

 private:
  // Looked up by string_view: the run matcher's probes are views of the report's text.
  struct PhraseHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Answers = std::unordered_map<std::string, std::vector<Candidate>, PhraseHash, std::equal_to<>>;
  struct Memo {
    uint64_t gazetteer = 0;
    size_t stored = 0;  // phrases + candidates, to bound memory
    Answers exact, variants;
  };
  static Memo& ForThisThread(const Gazetteer& g);

  const Gazetteer& g_;
  Memo& memo_;
};

}  // namespace harmwatch
