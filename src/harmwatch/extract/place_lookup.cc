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

const std::vector<Candidate>& PlaceLookup::Exact(std::string_view phrase) {
  auto it = memo_.exact.find(phrase);
  if (it == memo_.exact.end()) {
    auto found = g_.Lookup(phrase, kMaxCandidates);
    memo_.stored += found.size() + 1;
    it = memo_.exact.emplace(std::string(phrase), std::move(found)).first;
  }
  return it->second;
}

std::vector<Candidate> PlaceLookup::AllExact(std::string_view phrase) const {
  return g_.Lookup(phrase);
}

const std::vector<Candidate>& PlaceLookup::SpellingVariants(std::string_view phrase) {
  auto it = memo_.variants.find(phrase);
  if (it == memo_.variants.end()) {
    auto found = CloseSpellings(g_, phrase);
    MarkAlternateNames(found);
    memo_.stored += found.size() + 1;
    it = memo_.variants.emplace(std::string(phrase), std::move(found)).first;
  }
  return it->second;
}

// Emptied when another gazetteer asks or when full (about 30 MB). A PlaceLookup is made
// once per report, so the answers it hands out stay valid for the whole report.
PlaceLookup::Memo& PlaceLookup::ForThisThread(const Gazetteer& g) {
  constexpr size_t kMaxStored = 100000;
  thread_local Memo memo;
  if (memo.gazetteer != g.instance_id() || memo.stored > kMaxStored) {
    memo.exact.clear();
    memo.variants.clear();
    memo.stored = 0;
    memo.gazetteer = g.instance_id();
  }
  return memo;
}

}  // namespace harmwatch
