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
#include <iterator>
#include <memory>
#include <string>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "harmwatch/base/flat_hash.h"
#include "harmwatch/base/status.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {

// The categories the stages ask about by name. Each has a fixed bit in per-token masks
// (see Lexicon::ScopedCache), known at compile time, so "is there an <category> phrase
// here?" is one bit test. A category a lexicon file adds beyond these still works: it
// gets a bit when loaded, and asking about it costs a lookup of that bit.
inline constexpr std::string_view kNamedCategories[] = {
    "attack", "weapon", "site", "victim", "casualty", "number", "protest", "background",
    "civilian", "placetype", "weekday", "reltime", "month", "direction", "irrealis", "gloss",
    "claim", "admin", "firstname", "responsibility", "placeword", "personnoun", "negation",
    "gang", "execution", "anaphoric", "org", "development", "warningfire", "area",
    "retaliation", "locator", "capital", "notplace", "actor", "country", "countryword"};

// A category name with its hash (and, for a named category, its bit) computed at compile
// time for literals ("attack"), so the many per-token questions compare numbers.
class LexCategory {
 public:
  consteval LexCategory(const char* name)  // NOLINT
      : name_(name), hash_(Hash(name_)), bit_(NamedBit(name_)) {}
  explicit constexpr LexCategory(std::string_view name)
      : name_(name), hash_(Hash(name)), bit_(NamedBit(name)) {}
  std::string_view name() const { return name_; }
  uint64_t hash() const { return hash_; }
  // The fixed mask bit of a named category, else 0 (the lexicon knows the bit).
  uint64_t named_bit() const { return bit_; }
  static constexpr uint64_t Hash(std::string_view s) {
    uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return h | 1;  // never 0: 0 marks an empty slot
  }
  static constexpr uint64_t NamedBit(std::string_view name) {
    for (size_t i = 0; i < std::size(kNamedCategories); ++i)
      if (kNamedCategories[i] == name) return uint64_t{1} << i;
    return 0;
  }
  static constexpr size_t kNamedBits = std::size(kNamedCategories);
  static_assert(kNamedBits <= 48, "leave mask bits for categories that files add");

 private:
  std::string_view name_;
  uint64_t hash_;
  uint64_t bit_;
};

struct LexEntry {
  std::string category;  // "attack", "weapon", "site", "kill", ...
  uint64_t category_hash = 0;  // LexCategory::Hash(category)
  uint64_t category_bit = 0;   // its bit in per-token masks (see Lexicon::ScopedCache)
  std::string value;     // the controlled value ("barrel_bomb")
  int64_t number = 0;    // value parsed as an integer when it is one
  // key=value pairs in file order (a handful: a scan beats hashing the key).
  std::vector<std::pair<std::string, std::string>> attrs;
  std::string_view Attr(std::string_view key, std::string_view fallback = {}) const {
    for (const auto& [k, v] : attrs)
      if (k == key) return v;
    return fallback;
  }
  void SetAttr(std::string_view key, std::string_view value) {
    for (auto& [k, v] : attrs)
      if (k == key) {
        v = value;
        return;
      }
    attrs.emplace_back(key, value);
  }
};

struct LexMatch {
  uint32_t first = 0, last = 0;     // tokens [first, last)
  const LexEntry* entry = nullptr;  // owned by the Lexicon
};

class Lexicon {
 public:
  // Phrases starting at one token: (length in tokens, entries), shortest first.
  using Phrases = std::vector<std::pair<uint32_t, const std::vector<const LexEntry*>*>>;

  Lexicon() = default;
  // The flat index points into this object's own maps: moves keep them, copies would not.
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;
  Lexicon(Lexicon&&) = default;
  Lexicon& operator=(Lexicon&&) = default;

  // Adds the lines of one TSV file; `name` is used in error messages ("file:line: ...").
  Status AddTsv(std::string_view tsv, const std::string& name);
  // Loads every *.tsv under `dir` (sorted).
  Status AddDirectory(const std::string& dir);

  // For each start token and each category, the entries of the longest phrase of that
  // category starting there (phrases never span punctuation other than hyphens).
  // Matches are ordered by first token. With `categories` (BitOf masks, or-ed), only
  // entries of those categories: a stage that wants a few of many skips the rest unread.
  std::vector<LexMatch> Match(const std::vector<Token>& tokens, uint32_t begin, uint32_t end,
                              uint64_t categories = ~uint64_t{0}) const;
  // The first entry of `category` in the longest such phrase starting exactly at token
  // `i`, or null; `length` receives its length in tokens. Stages ask this millions of
  // times, mostly to hear "no": under a ScopedCache that answer is inline.
  // Always inlined: the "no" is a few instructions, fewer than a call to it.
  [[gnu::always_inline]] inline const LexEntry* LongestOf(const std::vector<Token>& tokens, uint32_t i,
                                                          uint32_t end, LexCategory category,
                                                          uint32_t* length) const;
  // The category bits (BitOf) of every phrase starting at token i, so a stage that asks
  // about several categories learns with one test that a token opens none of them. All
  // bits ("maybe") when no ScopedCache covers `tokens`.
  uint64_t CategoriesAt(const std::vector<Token>& tokens, uint32_t i) const {
    uint64_t mask = ~uint64_t{0};
    bool found = false;
    Cached(tokens, i, &found, &mask);
    return found ? mask : ~uint64_t{0};
  }
  uint64_t BitOf(LexCategory category) const {
    return category.named_bit() ? category.named_bit() : CategoryBit(category.hash());
  }
  // The entries of an exact phrase (folded), e.g. for tests.
  std::vector<const LexEntry*> Lookup(std::string_view phrase) const;
  // True when a folded word occurs in any phrase (text/arabic splits proclitics off a
  // word only when the rest is a word some phrase uses).
  bool HasWord(std::string_view folded_word) const { return words_flat_.Find(HashWord(folded_word)) != 0; }

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
    // Computes every token's phrases now, in one tight pass: for a lexicon whose stages
    // ask about every token anyway, cheaper than computing them one question at a time.
    void ComputeAll();

    // What is known of one token: the category bits of every phrase starting there (so
    // the questions that find nothing, most of them, cost a bit test) and where its
    // phrases sit in `phrases`, one flat list for the whole text.
    struct TokenPhrases {
      static constexpr uint32_t kUnknown = UINT32_MAX;
      uint64_t mask = 0;
      uint32_t first = 0;
      uint32_t count = kUnknown;  // not computed yet
    };
    // Reused from document to document on each thread.
    struct Buffers {
      std::vector<TokenPhrases> at;  // per token
      Phrases phrases;
    };

   private:
    friend class Lexicon;
    const Lexicon* lexicon_;
    const std::vector<Token>* tokens_;
    Buffers b_;  // taken from (and given back to) this thread's spares: no allocation
    ScopedCache* previous_;       // the chain of this thread's caches
    ScopedCache* previous_hot_;   // what hot_[lexicon.hot_slot_] was before this one
  };

 private:
  // The phrases at token i from the active cache (computing them once), or null when no
  // cache covers `tokens`. `mask` (when given) receives the token's category bits.
  // `found` is false when no cache covers `tokens`.
  // Inline for the usual case (the hot cache, the token already computed).
  std::span<const Phrases::value_type> Cached(const std::vector<Token>& tokens, uint32_t i,
                                              bool* found, uint64_t* mask = nullptr) const {
    const ScopedCache* c = hot_[hot_slot_];
    if (c && c->lexicon_ == this && c->tokens_ == &tokens && i < c->b_.at.size()) {
      const ScopedCache::TokenPhrases& e = c->b_.at[i];
      if (e.count != ScopedCache::TokenPhrases::kUnknown) {
        *found = true;
        if (mask) *mask = e.mask;
        return {c->b_.phrases.data() + e.first, e.count};
      }
    }
    return CachedSlow(tokens, i, found, mask);
  }
  std::span<const Phrases::value_type> CachedSlow(const std::vector<Token>& tokens, uint32_t i,
                                                  bool* found, uint64_t* mask) const;

  // The mask bit of a category (0 when no entry has it). Categories past the 63rd share
  // the last bit, which then means only "maybe".
  uint64_t CategoryBit(uint64_t category_hash) const {
    const size_t n = category_slots_.size();
    for (size_t slot = category_hash & (n - 1);; slot = (slot + 1) & (n - 1)) {
      if (category_slots_[slot].hash == category_hash) return category_slots_[slot].bit;
      if (category_slots_[slot].hash == 0) return 0;
    }
  }
  const LexEntry* LongestOfSlow(const std::vector<Token>& tokens, uint32_t i, uint32_t end,
                                LexCategory category, uint32_t* length) const;

  // Each thread's newest cache per lexicon, by a slot number the lexicon draws once, so
  // the common question finds its cache without walking the chain (which stays the
  // fallback when two lexicons draw the same slot).
  static constexpr size_t kHotSlots = 16;
  static inline thread_local ScopedCache* hot_[kHotSlots] = {};
  static size_t NextHotSlot();
  size_t hot_slot_ = NextHotSlot();

  Status AddTsvLines(std::string_view tsv, const std::string& name);
  // Every phrase starting at token i: (length, entries), shortest first.
  // Appended to `out`.
  // Returns the category bits of the entries appended.
  uint64_t PhrasesAt(const std::vector<Token>& tokens, uint32_t i, uint32_t end, Phrases& out) const;
  // False when no phrase starts with this token (PhrasesAt would find none).
  bool MayOpenPhrase(const Token& t) const;
  static uint64_t HashWord(std::string_view w);
  static uint64_t HashOf(const Token& t);
  static uint64_t Combine(uint64_t h, uint64_t w);

  std::vector<std::unique_ptr<LexEntry>> entries_;
  std::vector<std::string> category_names_;  // in order of first appearance
  size_t unnamed_categories_ = 0;  // categories not in kNamedCategories
  // Open-addressed: category hash -> bit; 256 slots for at most 200 categories.
  struct CategorySlot {
    uint64_t hash = 0;
    uint64_t bit = 0;
  };
  std::vector<CategorySlot> category_slots_ = std::vector<CategorySlot>(256);
  std::unordered_map<uint64_t, std::vector<const LexEntry*>> phrases_;  // hash of word sequence
  std::unordered_map<uint64_t, std::string> phrase_text_;  // for collision checks
  std::unordered_set<uint64_t> open_prefixes_;  // hashes of word sequences some phrase extends
  std::unordered_set<uint64_t> words_;          // every word of every phrase
  // The same, flat, rebuilt after each file: the lookups per token use these. A step is
  // one word sequence: the phrases it completes and whether a longer one goes on, so a
  // walk from a token stops at the first word no phrase continues with ("the" opens
  // many phrases, "the man" none).
  void RebuildFlat();
  // The steps sit in the hash slots themselves: a walk reads one cache line per word.
  struct Step {
    const std::vector<const LexEntry*>* entries = nullptr;
    uint64_t categories = 0;  // the category bits of `entries`
    bool continues = false;
    bool operator==(const Step&) const = default;  // Step{} = no such word sequence
  };
  FlatHashMap<Step> steps_flat_;  // word-sequence hash -> step
  FlatHashMap<uint8_t> words_flat_;
};

[[gnu::always_inline]] inline const LexEntry* Lexicon::LongestOf(const std::vector<Token>& tokens,
                                                                 uint32_t i, uint32_t end,
                                                                 LexCategory category,
                                                                 uint32_t* length) const {
  const ScopedCache* c = hot_[hot_slot_];
  if (c && c->lexicon_ == this && c->tokens_ == &tokens && i < c->b_.at.size()) {
    const ScopedCache::TokenPhrases& e = c->b_.at[i];
    if (e.count != ScopedCache::TokenPhrases::kUnknown && !(e.mask & BitOf(category))) return nullptr;
  }
  return LongestOfSlow(tokens, i, end, category, length);
}

}  // namespace harmwatch
