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

#include <deque>
#include <string>
#include <string_view>
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
  // Answers by phrase. Open addressing over the phrases' hashes, so a question costs a
  // probe or two in one array (most phrases of new text are asked once and missed); the
  // answers sit in a deque, so one handed out stays where it is while the table grows.
  class Answers {
   public:
    // The answer for `phrase`, or null.
    const std::vector<Candidate>* Find(std::string_view phrase, uint64_t hash) const;
    const std::vector<Candidate>& Add(std::string_view phrase, uint64_t hash,
                                      std::vector<Candidate> found);
    void Clear();

   private:
    struct Entry {
      uint64_t hash;
      std::string phrase;
      std::vector<Candidate> found;
    };
    struct Slot {
      uint64_t hash = 0;
      uint32_t entry = 0;  // index in entries_ + 1; 0 = empty
    };
    void Grow();
    std::deque<Entry> entries_;
    std::vector<Slot> slots_;
  };
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
