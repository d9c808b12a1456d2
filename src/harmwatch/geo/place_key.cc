// Place-name keys. Transliterations of Arabic names vary in predictable ways: the
// article ("Al-", "An ", "Ash-"), doubled consonants (Raqqa/Raqa), q/k, ou/u, ee/i,
// ay/ai/ei, a final "-ah" (Hamah/Hama), and the apostrophe for ayn (Ta'al/Taal). The
// compact key erases exactly those differences; the skeleton key keeps only the
// consonants and is a broad fallback whose candidates the caller must check.
//
// Note on ay/ai: the canonical diphthong spelling is "ay" (not "ai") so that the
// documented example CompactKey("An Nayrab") == "nayrab" holds and "Nairab" meets it.
#include "harmwatch/geo/place_key.h"

#include <algorithm>
#include <string>

#include "harmwatch/text/fold.h"

namespace harmwatch {
namespace {

// The byte length of the UTF-8 code point that starts with `lead` (keys are valid UTF-8:
// FoldForMatch writes them).
size_t CodePointLength(unsigned char lead) {
  return lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
}

// The code point at s[i], and in `len` its byte length.
char32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  auto c = static_cast<unsigned char>(s[i]);
  *len = CodePointLength(c);
  if (i + *len > s.size()) *len = s.size() - i;
  char32_t cp = *len == 1 ? c : *len == 2 ? c & 0x1F : *len == 3 ? c & 0x0F : c & 0x07;
  for (size_t k = 1; k < *len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

// "Al-Shuhada", "Ash Sham", "Deir ez-Zor": Latin renderings of the Arabic article, and
// "Kafr Nubl village" names the same place as "Kafr Nubl" ("camp" is kept: a camp is
// a different place from the town it is named after).
bool IsDroppedWord(std::string_view w) {
  if (w.size() < 2 || w.size() > 7) return false;
  static constexpr std::string_view kDropped[] = {"al", "el", "an", "ar", "as", "ash", "ad",
                                                  "az", "at", "ath", "ed", "es", "et", "ez",
                                                  "city", "town", "village"};
  for (auto d : kDropped)
    if (w == d) return true;
  return false;
}

bool IsLatinVowel(char32_t c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// "الرقة" and "رقة" are one name, as are "Ar-Raqqa" and "Raqqa": the article "ال" goes
// when at least two letters follow it.
std::string_view WithoutArabicArticlePrefix(std::string_view w) {
  constexpr std::string_view kAlefLam = "\xD8\xA7\xD9\x84";
  if (!w.starts_with(kAlefLam)) return w;
  size_t letters = 0;
  for (size_t i = kAlefLam.size(); i < w.size() && letters < 2; i += CodePointLength(static_cast<unsigned char>(w[i])))
    ++letters;
  return letters >= 2 ? w.substr(kAlefLam.size()) : w;
}

// Calls fn(word) for every word of a folded name (words are separated by spaces; empty
// ones are skipped), each without an Arabic article prefix.
template <typename Fn>
void ForEachWord(std::string_view folded, Fn&& fn) {
  for (size_t i = 0; i < folded.size();) {
    size_t j = folded.find(' ', i);
    if (j == std::string_view::npos) j = folded.size();
    if (j > i) fn(WithoutArabicArticlePrefix(folded.substr(i, j - i)));
    i = j + 1;
  }
}

// q->k, ou->u, ee->i, oo->u, ai/ei/ey->ay, ph->f, on Latin letters (bytes of other
// letters are never ASCII, so they pass through). In place: no rule lengthens the text.
size_t UnifyVariants(char* s, size_t n) {
  size_t o = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[i];
    if (c != 'q' && c != 'o' && c != 'e' && c != 'a' && c != 'p') {  // most letters
      s[o++] = c;
      continue;
    }
    const char next = i + 1 < n ? s[i + 1] : 0;
    if (c == 'q') {
      s[o++] = 'k';
    } else if (c == 'o' && (next == 'u' || next == 'o')) {
      s[o++] = 'u';
      ++i;
    } else if (c == 'e' && next == 'e') {
      s[o++] = 'i';
      ++i;
    } else if (((c == 'a' || c == 'e') && next == 'i') || (c == 'e' && next == 'y')) {
      s[o++] = 'a';
      s[o++] = 'y';
      ++i;
    } else if (c == 'p' && next == 'h') {
      s[o++] = 'f';
      ++i;
    } else {
      s[o++] = c;
    }
  }
  return o;
}

// A code point repeated at once is written once ("Raqqa" -> "Raqa"). In place; byte
// loops, since a code point is one to four bytes.
size_t CollapseDoubles(char* s, size_t n) {
  size_t o = 0, previous = 0, previous_len = 0;
  for (size_t i = 0; i < n;) {
    const size_t len = std::min(CodePointLength(static_cast<unsigned char>(s[i])), n - i);
    bool same = len == previous_len;
    for (size_t k = 0; same && k < len; ++k) same = s[previous + k] == s[i + k];
    if (!same) {
      for (size_t k = 0; k < len; ++k) s[o + k] = s[i + k];
      previous = o;
      previous_len = len;
      o += len;
    }
    i += len;
  }
  return o;
}

// CompactKey of a name already folded (FoldForMatch, or FoldAscii for plain ASCII).
std::string CompactKeyOfFolded(std::string_view folded) {
  // With more than one word, articles and generic words go, unless nothing is left ("As Sa").
  size_t words = 0, kept = 0;
  ForEachWord(folded, [&](std::string_view w) {
    ++words;
    kept += !IsDroppedWord(w);
  });
  const bool drop = words > 1 && kept > 0;
  std::string key;
  key.reserve(folded.size());
  ForEachWord(folded, [&](std::string_view w) {
    if (!drop || !IsDroppedWord(w)) key.append(w);
  });
  size_t n = UnifyVariants(key.data(), key.size());
  // "Hamah" -> "Hama", "Izzah" -> "Izza" (a name of more than two letters).
  if (n > 2 && key[n - 1] == 'h' && IsLatinVowel(key[n - 2])) {
    size_t letters = 0;
    for (size_t i = 0; i < n && letters < 3; i += CodePointLength(static_cast<unsigned char>(key[i])))
      ++letters;
    if (letters > 2) --n;
  }
  key.resize(CollapseDoubles(key.data(), n));
  return key;
}

}  // namespace

std::string CompactKey(std::string_view name) {
  // Plain ASCII (most Latin spellings) folds by table into a buffer, without ICU.
  constexpr size_t kMaxAscii = 96;
  if (name.size() <= kMaxAscii &&
      std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    char folded[kMaxAscii];
    return CompactKeyOfFolded(std::string_view(folded, FoldAscii(name, folded)));
  }
  return CompactKeyOfFolded(FoldForMatch(name));
}

std::string SkeletonKey(std::string_view name) { return SkeletonKeyOfCompact(CompactKey(name)); }

std::string SkeletonKeyOfCompact(std::string_view compact) {
  constexpr char32_t kArabicAlef = 0x0627, kArabicWaw = 0x0648, kArabicYa = 0x064A, kArabicHamza = 0x0621;
  std::string consonants;
  for (size_t i = 0; i < compact.size();) {
    size_t len = 0;
    char32_t c = DecodeAt(compact, i, &len);
    // The Arabic long vowels and hamza carry the same uncertainty as Latin vowels.
    bool vowel_like = IsLatinVowel(c) || c == 'y' || c == 'w' || c == 'h' || c == kArabicAlef ||
                      c == kArabicWaw || c == kArabicYa || c == kArabicHamza;
    if (!vowel_like) consonants.append(compact.substr(i, len));
    i += len;
  }
  consonants.resize(CollapseDoubles(consonants.data(), consonants.size()));
  return consonants;
}

}  // namespace harmwatch
