#include "harmwatch/extract/place_lookup.h"

#include <algorithm>
#include <cctype>

#include "harmwatch/geo/place_key.h"

namespace harmwatch {
namespace {

// "al-Bab", "el Fasher", "ash-Shaykh": a lower-case Arabic article opening a name.
bool HasArticle(std::string_view name) {
  static constexpr std::string_view kArticles[] = {"al", "el", "ad", "an", "ar", "as", "ash", "at",
                                                   "az", "ed", "en", "er", "es", "et", "ez"};
  for (std::string_view article : kArticles)
    if (name.size() > article.size() + 1 && name.substr(0, article.size()) == article &&
        (name[article.size()] == '-' || name[article.size()] == ' '))
      return true;
  return false;
}

// Other spellings are kept only when close: the gazetteer offers names whose compact
// keys start with the same letter (or both with a vowel) and are within two letters as
// long; here the written names must also be of about the same length, and a plain
// Latin name must start with the phrase's first letter, a vowel for a vowel, or an
// article ("Al-Shibli", "Ad Dana").
std::vector<Candidate> CloseSpellings(const Gazetteer& gaz, std::string_view phrase) {
  std::string key = CompactKey(phrase);
  if (key.size() < 3) return {};
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  auto close = [&](std::string_view name) {
    if (name.size() + 6 < phrase.size() || name.size() > phrase.size() + 8) return false;
    unsigned char f = static_cast<unsigned char>(name.empty() ? 0 : name[0]);
    if (f < 0x80 && std::isalpha(f)) {
      // A lower-case name is another language's romanization ("gizubon" for Gisborne),
      // not a spelling of the place; Arabic articles are the exception ("al-Bab").
      if (std::islower(f) && !HasArticle(name)) return false;
      char lower = static_cast<char>(std::tolower(f));
      if (!(lower == key[0] || (vowel(lower) && vowel(key[0])) ||
            ((lower == 'a' || lower == 'e') && name.size() > 3)))
        return false;
    }
    return true;
  };
  return gaz.LookupSpellingVariants(phrase, close, PlaceLookup::kMaxCandidates);
}

size_t WordCount(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool sep = c == ' ' || c == '-';
    if (!sep && !in_word) ++words;
    in_word = !sep;
  }
  return words;
}

// "Dating" is not Ōmachi in Japan by its alternate name "da ting": a lower-case alternate
// name cut into other words than the text's is another language's romanization, not a
// way of writing the place ("abu salim" for "Abu Salim" is).
void DropForeignRomanizations(std::vector<Candidate>& found, std::string_view phrase) {
  const unsigned char first = phrase.empty() ? 0 : static_cast<unsigned char>(phrase[0]);
  if (!(first < 0x80 && std::isupper(first))) return;
  const size_t words = WordCount(phrase);
  std::erase_if(found, [&](const Candidate& c) {
    const unsigned char f = c.matched_name.empty() ? 0 : static_cast<unsigned char>(c.matched_name[0]);
    return c.alternate_name && f < 0x80 && std::islower(f) && WordCount(c.matched_name) != words;
  });
}

// Marks the spelling variants found under a name other than their own (Candidate::
// alternate_name; Gazetteer::Lookup marks its own answers). Candidates share a few
// matched names: each name's key is computed once.
void MarkAlternateNames(std::vector<Candidate>& found) {
  std::vector<std::pair<std::string_view, std::string>> matched_keys;
  for (Candidate& c : found) {
    if (c.matched_name == c.place.name) continue;
    auto it = std::find_if(matched_keys.begin(), matched_keys.end(),
                           [&](const auto& e) { return e.first == c.matched_name; });
    if (it == matched_keys.end())
      it = matched_keys.emplace(matched_keys.end(), c.matched_name, CompactKey(c.matched_name));
    c.alternate_name = it->second != CompactKey(c.place.name);
  }
}

}  // namespace

PlaceLookup::PlaceLookup(const Gazetteer& g) : g_(g), memo_(ForThisThread(g)) {}

const std::vector<Candidate>* PlaceLookup::Answers::Find(std::string_view phrase,
                                                         uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.entry == 0) return nullptr;
    if (s.hash == hash && entries_[s.entry - 1].phrase == phrase) return &entries_[s.entry - 1].found;
  }
}

const std::vector<Candidate>& PlaceLookup::Answers::Add(std::string_view phrase, uint64_t hash,
                                                        std::vector<Candidate> found) {
  if ((entries_.size() + 1) * 2 > slots_.size()) Grow();  // at most half full
  entries_.push_back({hash, std::string(phrase), std::move(found)});
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].entry != 0) i = (i + 1) & mask;
  slots_[i] = {hash, static_cast<uint32_t>(entries_.size())};
  return entries_.back().found;
}

void PlaceLookup::Answers::Grow() {
  slots_.assign(std::max<size_t>(1024, slots_.size() * 2), Slot{});
  const size_t mask = slots_.size() - 1;
  for (uint32_t k = 0; k < entries_.size(); ++k) {
    size_t i = entries_[k].hash & mask;
    while (slots_[i].entry != 0) i = (i + 1) & mask;
    slots_[i] = {entries_[k].hash, k + 1};
  }
}

void PlaceLookup::Answers::Clear() {
  entries_.clear();
  slots_.clear();
}

namespace {
uint64_t PhraseHash(std::string_view phrase) { return std::hash<std::string_view>{}(phrase); }
}  // namespace

const std::vector<Candidate>& PlaceLookup::Exact(std::string_view phrase) {
  const uint64_t hash = PhraseHash(phrase);
  if (const auto* known = memo_.exact.Find(phrase, hash)) return *known;
  auto found = g_.Lookup(phrase, kMaxCandidates);
  DropForeignRomanizations(found, phrase);
  memo_.stored += found.size() + 1;
  return memo_.exact.Add(phrase, hash, std::move(found));
}

std::vector<Candidate> PlaceLookup::AllExact(std::string_view phrase) const {
  auto found = g_.Lookup(phrase);
  DropForeignRomanizations(found, phrase);
  return found;
}

const std::vector<Candidate>& PlaceLookup::SpellingVariants(std::string_view phrase) {
  const uint64_t hash = PhraseHash(phrase);
  if (const auto* known = memo_.variants.Find(phrase, hash)) return *known;
  auto found = CloseSpellings(g_, phrase);
  MarkAlternateNames(found);
  memo_.stored += found.size() + 1;
  return memo_.variants.Add(phrase, hash, std::move(found));
}

// Emptied when another gazetteer asks or when full (about 30 MB). A PlaceLookup is made
// once per report, so the answers it hands out stay valid for the whole report.
PlaceLookup::Memo& PlaceLookup::ForThisThread(const Gazetteer& g) {
  constexpr size_t kMaxStored = 100000;
  thread_local Memo memo;
  if (memo.gazetteer != g.instance_id() || memo.stored > kMaxStored) {
    memo.exact.Clear();
    memo.variants.Clear();
    memo.stored = 0;
    memo.gazetteer = g.instance_id();
  }
  return memo;
}

}  // namespace harmwatch
