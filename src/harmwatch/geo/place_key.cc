// Place-name keys. Transliterations of Arabic names vary in predictable ways: the
// article ("Al-", "An ", "Ash-"), doubled consonants (Raqqa/Raqa), q/k, ou/u, ee/i,
// ay/ai/ei, a final "-ah" (Hamah/Hama), and the apostrophe for ayn (Ta'al/Taal). The
// compact key erases exactly those differences; the skeleton key keeps only the
// consonants and is a broad fallback whose candidates the caller must check.
//
// Note on ay/ai: the canonical diphthong spelling is "ay" (not "ai") so that the
// documented example CompactKey("An Nayrab") == "nayrab" holds and "Nairab" meets it.
#include "harmwatch/geo/place_key.h"

#include <array>
#include <string>
#include <vector>

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

// q->k, ou->u, ee->i, oo->u, ai/ei/ey->ay, ph->f, on Latin letters (bytes of other
// letters are never ASCII, so they pass through).
std::string UnifyVariants(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    char next = i + 1 < in.size() ? in[i + 1] : 0;
    if (c == 'q') {
      out += 'k';
    } else if ((c == 'o' && next == 'u') || (c == 'o' && next == 'o')) {
      out += 'u';
      ++i;
    } else if (c == 'e' && next == 'e') {
      out += 'i';
      ++i;
    } else if ((c == 'a' && next == 'i') || (c == 'e' && next == 'i') || (c == 'e' && next == 'y')) {
      out += "ay";
      ++i;
    } else if (c == 'p' && next == 'h') {
      out += 'f';
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}

// A code point repeated at once is written once ("Raqqa" -> "Raqa").
std::string CollapseDoubles(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::string_view previous;
  for (size_t i = 0; i < in.size();) {
    size_t len = CodePointLength(static_cast<unsigned char>(in[i]));
    if (i + len > in.size()) len = in.size() - i;
    std::string_view cp = in.substr(i, len);
    if (cp != previous) out.append(cp);
    previous = cp;
    i += len;
  }
  return out;
}

// CompactKey for any script, on the UTF-8 of FoldForMatch.
std::string CompactKeyUtf8(std::string_view name) {
  const std::string folded = FoldForMatch(name);
  std::vector<std::string_view> words;
  for (size_t i = 0; i < folded.size();) {
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    if (j > i) words.push_back(WithoutArabicArticlePrefix(std::string_view(folded).substr(i, j - i)));
    i = j + 1;
  }
  std::string joined;
  if (words.size() > 1)
    for (auto w : words)
      if (!IsDroppedWord(w)) joined += w;
  // "As Sa" keeps something: a name made only of articles is its own key.
  if (joined.empty())
    for (auto w : words) joined += w;
  joined = UnifyVariants(joined);
  // "Hamah" -> "Hama", "Izzah" -> "Izza" (a name of more than two letters).
  if (joined.size() > 2 && joined.back() == 'h' && IsLatinVowel(joined[joined.size() - 2])) {
    size_t letters = 0;
    for (size_t i = 0; i < joined.size() && letters < 3; i += CodePointLength(static_cast<unsigned char>(joined[i])))
      ++letters;
    if (letters > 2) joined.pop_back();
  }
  return CollapseDoubles(joined);
}

// CompactKeyUtf8 for plain-ASCII names (most Latin spellings), by the same steps in
// fixed buffers, without allocations. Returns false when `name` is not plain ASCII.
// place_key_test checks both paths agree.
bool CompactKeyAscii(std::string_view name, std::string& out) {
  // Fixed buffers: no allocation on this path (longer names take the general one).
  constexpr size_t kMax = 96;
  if (name.size() > kMax) return false;
  for (unsigned char c : name)
    if (c >= 0x80) return false;
  char folded[kMax];
  const size_t flen = FoldAscii(name, folded);
  // Words; with more than one, articles and generic words go (unless nothing is left).
  std::string_view words[kMax / 2 + 1];
  size_t count = 0;
  for (size_t i = 0; i < flen;) {
    size_t j = i;
    while (j < flen && folded[j] != ' ') ++j;
    words[count++] = std::string_view(folded + i, j - i);
    i = j + 1;
  }
  char joined[kMax];
  size_t jlen = 0;
  if (count > 1)
    for (size_t k = 0; k < count; ++k)
      if (!IsDroppedWord(words[k]))
        for (char c : words[k]) joined[jlen++] = c;
  if (jlen == 0)
    for (size_t k = 0; k < count; ++k)
      for (char c : words[k]) joined[jlen++] = c;
  // UnifyVariants (never longer: "ai" -> "ay", the rest shrink or stay).
  char unified[kMax];
  size_t ulen = 0;
  for (size_t i = 0; i < jlen; ++i) {
    char c = joined[i];
    char next = i + 1 < jlen ? joined[i + 1] : 0;
    if (c == 'q') {
      unified[ulen++] = 'k';
    } else if ((c == 'o' && next == 'u') || (c == 'o' && next == 'o')) {
      unified[ulen++] = 'u';
      ++i;
    } else if (c == 'e' && next == 'e') {
      unified[ulen++] = 'i';
      ++i;
    } else if ((c == 'a' && next == 'i') || (c == 'e' && next == 'i') || (c == 'e' && next == 'y')) {
      unified[ulen++] = 'a';
      unified[ulen++] = 'y';
      ++i;
    } else if (c == 'p' && next == 'h') {
      unified[ulen++] = 'f';
      ++i;
    } else {
      unified[ulen++] = c;
    }
  }
  if (ulen > 2 && unified[ulen - 1] == 'h' && IsLatinVowel(unified[ulen - 2])) --ulen;
  out.clear();
  for (size_t i = 0; i < ulen; ++i)
    if (out.empty() || out.back() != unified[i]) out += unified[i];
  return true;
}

}  // namespace

std::string CompactKey(std::string_view name) {
  std::string ascii;
  if (CompactKeyAscii(name, ascii)) return ascii;
  return CompactKeyUtf8(name);
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
  return CollapseDoubles(consonants);
}

}  // namespace harmwatch
