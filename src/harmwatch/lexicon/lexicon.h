// Phrase lexicons: reviewable TSV files (data/lexicons/<lang>/*.tsv) compiled into
// one matcher over folded tokens. A line is
//   phrase <TAB> category <TAB> value [<TAB> key=value,key=value]
// e.g. "barrel bombs\tweapon\tbarrel_bomb\tsub=air". Phrases are folded with
// FoldForMatch, so case, accents and apostrophes do not matter; hyphens and spaces
// are the same ("air-strike" = "air strike"). Lines starting with # are comments.
//
// Thread-safety: immutable after Load; Match is const.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {

struct LexEntry {
  std::string category;  // "attack", "weapon", "site", "kill", ...
  std::string value;     // the controlled value ("barrel_bomb")
  int64_t number = 0;    // value parsed as an integer when it is one
  std::unordered_map<std::string, std::string> attrs;
  std::string Attr(const std::string& key, const std::string& fallback = "") const {
    auto it = attrs.find(key);
    return it == attrs.end() ? fallback : it->second;
  }
};

struct LexMatch {
  uint32_t first = 0, last = 0;     // tokens [first, last)
  const LexEntry* entry = nullptr;  // owned by the Lexicon
};

class Lexicon {
 public:
  // Adds the lines of one TSV file; `name` is used in error messages ("file:line: ...").
  Status AddTsv(std::string_view tsv, const std::string& name);
  // Loads every *.tsv under `dir` (sorted).
  Status AddDirectory(const std::string& dir);

  // For each start token and each category, the entries of the longest phrase of that
  // category starting there (phrases never span punctuation other than hyphens).
  // Matches are ordered by first token.
  std::vector<LexMatch> Match(const std::vector<Token>& tokens, uint32_t begin, uint32_t end) const;
  // The first entry of `category` in the longest such phrase starting exactly at token
  // `i`, or null; `length` receives its length in tokens.
  const LexEntry* LongestOf(const std::vector<Token>& tokens, uint32_t i, uint32_t end,
                            std::string_view category, uint32_t* length) const;
  // The entries of an exact phrase (folded), e.g. for tests.
  std::vector<const LexEntry*> Lookup(std::string_view phrase) const;
  // True when a folded word occurs in any phrase (text/arabic splits proclitics off a
  // word only when the rest is a word some phrase uses).
  bool HasWord(std::string_view folded_word) const { return words_.count(HashWord(folded_word)) > 0; }

  size_t size() const { return entries_.size(); }

  // While alive, phrase lookups over `tokens` on this thread are computed once per token
  // and reused: every stage asks about the same tokens many times. Scopes must not nest
  // for the same Lexicon on one thread; the cache dies with the scope.
  class ScopedCache {
   public:
    ScopedCache(const Lexicon& lexicon, const std::vector<Token>& tokens);
    ~ScopedCache();
    ScopedCache(const ScopedCache&) = delete;
    ScopedCache& operator=(const ScopedCache&) = delete;

   private:
    friend class Lexicon;
    const Lexicon* lexicon_;
    const std::vector<Token>* tokens_;
    std::vector<uint8_t> done_;
    std::vector<std::vector<std::pair<uint32_t, const std::vector<const LexEntry*>*>>> phrases_;
    ScopedCache* previous_;
  };

 private:
  // The phrases at token i from the active cache (computing them once), or null when no
  // cache covers `tokens`.
  const std::vector<std::pair<uint32_t, const std::vector<const LexEntry*>*>>* Cached(
      const std::vector<Token>& tokens, uint32_t i) const;

  // Every phrase starting at token i: (length, entries), shortest first.
  void PhrasesAt(const std::vector<Token>& tokens, uint32_t i, uint32_t end,
                 std::vector<std::pair<uint32_t, const std::vector<const LexEntry*>*>>& out) const;
  static uint64_t HashWord(std::string_view w);
  static uint64_t Combine(uint64_t h, uint64_t w);

  std::vector<std::unique_ptr<LexEntry>> entries_;
  std::unordered_map<uint64_t, std::vector<const LexEntry*>> phrases_;  // hash of word sequence
  std::unordered_map<uint64_t, std::string> phrase_text_;  // for collision checks
  std::unordered_map<uint64_t, uint32_t> first_words_;     // first word hash -> max phrase length
  std::unordered_set<uint64_t> words_;                     // every word of every phrase
};

}  // namespace harmwatch
