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

using Word = std::u32string;

constexpr char32_t kArabicAlef = 0x0627;
constexpr char32_t kArabicLam = 0x0644;
constexpr char32_t kArabicWaw = 0x0648;
constexpr char32_t kArabicYa = 0x064A;
constexpr char32_t kArabicHamza = 0x0621;

// Decodes the (already valid, folded) UTF-8 from FoldForMatch into words.
std::vector<Word> SplitWords(const std::string& folded) {
  std::vector<Word> words;
  Word cur;
  for (size_t i = 0; i < folded.size();) {
    auto c = static_cast<unsigned char>(folded[i]);
    char32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c >> 5) == 0x6) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c >> 4) == 0xE) {
      cp = c & 0x0F;
      len = 3;
    } else {
      cp = c & 0x07;
      len = 4;
    }
    if (i + len > folded.size()) break;
    for (size_t k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(folded[i + k]) & 0x3F);
    i += len;
    if (cp == U' ') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(cp);
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// "Al-Shuhada", "Ash Sham", "Deir ez-Zor": Latin renderings of the Arabic article.
bool IsArticle(const Word& w) {
  static const std::array<std::u32string_view, 14> kArticles = {U"al",  U"el", U"an", U"ar", U"as",
                                                                U"ash", U"ad", U"az", U"at", U"ath",
                                                                U"ed",  U"es", U"et", U"ez"};
  for (auto a : kArticles) {
    if (w == a) return true;
  }
  return false;
}

// "Kafr Nubl village" names the same place as "Kafr Nubl". "camp" is kept: a camp is
// a different place from the town it is named after.
bool IsGenericWord(const Word& w) { return w == U"city" || w == U"town" || w == U"village"; }

bool IsLatinVowel(char32_t c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// "الرقة" and "رقة" are one name, as are "Ar-Raqqa" and "Raqqa".
void StripArabicArticle(Word& w) {
  constexpr size_t kMinStemLetters = 2;  // "ال" + at least two letters
  if (w.size() >= 2 + kMinStemLetters && w[0] == kArabicAlef && w[1] == kArabicLam) {
    w.erase(0, 2);
  }
}

// q->k, ou->u, ee->i, oo->u, ai/ei/ey->ay, ph->f on the joined Latin letters.
Word UnifyVariants(const Word& in) {
  Word out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char32_t c = in[i];
    char32_t next = i + 1 < in.size() ? in[i + 1] : 0;
    if (c == 'q') {
      out += U'k';
      continue;
    }
    if (c == 'o' && next == 'u') {
      out += U'u';
      ++i;
      continue;
    }
    if (c == 'e' && next == 'e') {
      out += U'i';
      ++i;
      continue;
    }
    if (c == 'o' && next == 'o') {
      out += U'u';
      ++i;
      continue;
    }
    if ((c == 'a' && next == 'i') || (c == 'e' && next == 'i') || (c == 'e' && next == 'y')) {
      out += U"ay";
      ++i;
      continue;
    }
    if (c == 'p' && next == 'h') {
      out += U'f';
      ++i;
      continue;
    }
    out += c;
  }
  return out;
}

Word CollapseDoubles(const Word& in) {
  Word out;
  out.reserve(in.size());
  for (char32_t c : in) {
    if (!out.empty() && out.back() == c) continue;
    out += c;
  }
  return out;
}

Word CompactKeyWord(std::string_view name) {
  std::vector<Word> words = SplitWords(FoldForMatch(name));
  for (Word& w : words) StripArabicArticle(w);
  if (words.size() > 1) {
    std::vector<Word> kept;
    for (Word& w : words) {
      if (!IsArticle(w) && !IsGenericWord(w)) kept.push_back(std::move(w));
    }
    // "As Sa" keeps something: a name made only of articles is its own key.
    if (!kept.empty()) words = std::move(kept);
  }
  Word joined;
  for (const Word& w : words) joined += w;
  joined = UnifyVariants(joined);
  // "Hamah" -> "Hama", "Izzah" -> "Izza".
  if (joined.size() > 2 && joined.back() == 'h' && IsLatinVowel(joined[joined.size() - 2])) {
    joined.pop_back();
  }
  return CollapseDoubles(joined);
}

// CompactKeyWord for plain-ASCII names (most Latin spellings), by the same steps on
// bytes, without the UTF-32 words and their allocations. Returns false when `name`
// is not plain ASCII. place_key_test checks both paths agree.
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
  auto dropped = [](std::string_view w) {
    if (w.size() < 2 || w.size() > 7) return false;
    static constexpr std::string_view kDropped[] = {"al", "el", "an", "ar", "as", "ash", "ad",
                                                    "az", "at", "ath", "ed", "es", "et", "ez",
                                                    "city", "town", "village"};
    for (auto d : kDropped)
      if (w == d) return true;
    return false;
  };
  char joined[kMax];
  size_t jlen = 0;
  if (count > 1)
    for (size_t k = 0; k < count; ++k)
      if (!dropped(words[k]))
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

std::string ToUtf8(const Word& w) {
  std::string out;
  out.reserve(w.size() * 2);
  for (char32_t c : w) AppendUtf8(c, out);
  return out;
}

}  // namespace

std::string CompactKey(std::string_view name) {
  std::string ascii;
  if (CompactKeyAscii(name, ascii)) return ascii;
  return ToUtf8(CompactKeyWord(name));
}

std::string SkeletonKey(std::string_view name) {
  std::string ascii;
  Word compact;
  if (CompactKeyAscii(name, ascii)) compact.assign(ascii.begin(), ascii.end());
  else compact = CompactKeyWord(name);
  Word consonants;
  for (char32_t c : compact) {
    if (IsLatinVowel(c) || c == 'y' || c == 'w' || c == 'h') continue;
    // The Arabic long vowels and hamza carry the same uncertainty as Latin vowels.
    if (c == kArabicAlef || c == kArabicWaw || c == kArabicYa || c == kArabicHamza) continue;
    consonants += c;
  }
  return ToUtf8(CollapseDoubles(consonants));
}

}  // namespace harmwatch
