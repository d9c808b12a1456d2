#include "harmwatch/text/arabic.h"

#include <algorithm>
#include <cstring>

#include <unicode/utf8.h>

#include "harmwatch/text/fold.h"

using namespace std::string_view_literals;

namespace harmwatch {
namespace {

// Folded letters (UTF-8) of the proclitics.
constexpr std::string_view kWaw = "\xD9\x88";    // و and
constexpr std::string_view kFa = "\xD9\x81";     // ف so, then
constexpr std::string_view kBa = "\xD8\xA8";     // ب with, by, in
constexpr std::string_view kLam = "\xD9\x84";    // ل for, to
constexpr std::string_view kKaf = "\xD9\x83";    // ك like
constexpr std::string_view kArticle = "\xD8\xA7\xD9\x84";  // ال the
constexpr size_t kLetterBytes = 2;                // every letter above is two bytes

// A stem keeps at least two letters ("بأن" is not ب + "ان"); gazetteer-only stems three,
// since many two-letter words are also hamlet names somewhere.
constexpr size_t kMinStemLetters = 2;
constexpr size_t kMinPlaceStemLetters = 3;

bool IsArabicLetter(int32_t cp) { return (cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x06D3); }

bool IsArabicIndicDigit(int32_t cp) { return (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9); }

size_t Letters(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

struct Split {
  std::vector<std::string_view> proclitics;
  size_t offset = 0;     // folded bytes consumed by the proclitics
  std::string stem;      // folded stem, article kept when written
};

// Every way to read the word as [conjunction][preposition] + stem, least stripped first.
std::vector<Split> Splits(std::string_view w) {
  std::vector<Split> out;
  for (std::string_view conj : {""sv, kWaw, kFa}) {
    if (!w.starts_with(conj)) continue;
    std::string_view a = w.substr(conj.size());
    for (std::string_view prep : {""sv, kBa, kLam, kKaf}) {
      if (!a.starts_with(prep)) continue;
      std::string_view rest = a.substr(prep.size());
      if (conj.empty() && prep.empty()) continue;
      if (Letters(rest) < kMinStemLetters) continue;
      Split s;
      if (!conj.empty()) s.proclitics.push_back(conj);
      if (!prep.empty()) s.proclitics.push_back(prep);
      s.offset = conj.size() + prep.size();
      // "للمدنيين": ل + (ا)ل + مدنيين: the article's alef is not written after ل.
      if (prep == kLam && rest.starts_with(kLam) && Letters(rest) > kMinStemLetters) {
        Split article = s;
        article.stem = std::string(kArticle) + std::string(rest.substr(kLam.size()));
        out.push_back(std::move(article));
      }
      s.stem = std::string(rest);
      out.push_back(std::move(s));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Split& a, const Split& b) { return a.offset < b.offset; });
  return out;
}

// The form of a stem `known` accepts: as written, else without its article.
std::optional<std::string> KnownForm(const std::string& stem,
                                     const std::function<bool(std::string_view)>& known,
                                     size_t min_letters) {
  if (Letters(stem) >= min_letters && known(stem)) return stem;
  if (stem.starts_with(kArticle)) {
    std::string bare = stem.substr(kArticle.size());
    if (Letters(bare) >= min_letters && known(bare)) return bare;
  }
  return std::nullopt;
}

// Bytes of ASCII digits at the start of a folded word (Arabic-Indic digits are not
// folded to ASCII inside a word, and such words are rare).
// ASCII or Arabic-Indic digits only ("١٠", "10"), as ASCII; nothing otherwise.
std::optional<std::string> AsciiDigits(std::string_view w) {
  const auto* s = reinterpret_cast<const uint8_t*>(w.data());
  int32_t n = static_cast<int32_t>(w.size()), i = 0;
  if (n == 0) return std::nullopt;
  std::string ascii;
  while (i < n) {
    int32_t cp;
    U8_NEXT(s, i, n, cp);
    if (IsArabicIndicDigit(cp)) ascii += static_cast<char>('0' + (cp - (cp >= 0x06F0 ? 0x06F0 : 0x0660)));
    else if (cp >= '0' && cp <= '9') ascii += static_cast<char>(cp);
    else return std::nullopt;
  }
  return ascii;
}

// و, ف, ب, ل: one-letter proclitics.
bool IsProcliticLetter(std::string_view two_bytes) {
  return two_bytes == "\xD9\x88" || two_bytes == "\xD9\x81" || two_bytes == "\xD8\xA8" ||
         two_bytes == "\xD9\x84";
}

size_t LeadingDigits(std::string_view w) {
  size_t d = 0;
  while (d < w.size() && w[d] >= '0' && w[d] <= '9') ++d;
  return d;
}

}  // namespace

bool IsMostlyArabic(std::string_view text) {
  // Letters counted, not bytes: Arabic letters take two bytes each.
  constexpr size_t kMinArabicLetters = 20;
  size_t arabic = 0, latin = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t n = static_cast<int32_t>(text.size());
  // Every Arabic letter opens with a lead byte (11xxxxxx): a text with fewer lead bytes
  // than the minimum is not Arabic, and plain-ASCII stretches are skipped eight at a time.
  size_t leads = 0;
  size_t at = 0;
  for (; at + 8 <= text.size(); at += 8) {
    uint64_t word;
    std::memcpy(&word, s + at, 8);
    if (!(word & 0x8080808080808080ULL)) continue;
    for (size_t k = at; k < at + 8; ++k) leads += (s[k] & 0xC0) == 0xC0;
  }
  for (; at < text.size(); ++at) leads += (s[at] & 0xC0) == 0xC0;
  if (leads < kMinArabicLetters) return false;
  for (int32_t i = 0; i < n;) {
    if (s[i] < 0x80) {  // most bytes of most reports
      latin += ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z');
      ++i;
      continue;
    }
    int32_t cp;
    U8_NEXT(s, i, n, cp);
    if (cp < 0) continue;
    if (IsArabicLetter(cp)) ++arabic;
    else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) ++latin;
  }
  return arabic >= kMinArabicLetters && arabic > latin;
}

std::string DetectLanguage(std::string_view text) { return IsMostlyArabic(text) ? "ar" : "en"; }

bool IsArabicWord(std::string_view norm) {
  if (norm.size() < 2) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(norm.data());
  int32_t i = 0, cp;
  U8_NEXT(s, i, static_cast<int32_t>(norm.size()), cp);
  return IsArabicLetter(cp);
}

std::string_view WithoutArabicArticle(std::string_view w) {
  // Two bytes a letter: the article plus at least three more letters, since verbs folded
  // from "ألقت" (dropped) look like an article on "قت" (in "وقت", time).
  constexpr size_t kMinLetters = 3;
  if (w.size() >= kArticle.size() + kMinLetters * kLetterBytes && w.starts_with(kArticle))
    return w.substr(kArticle.size());
  return w;
}

std::optional<ArabicWordParts> AnalyzeArabicWord(std::string_view norm, const ArabicWordOracle& oracle) {
  if (!IsArabicWord(norm)) return std::nullopt;
  std::string word(norm);
  ArabicWordParts parts;
  std::vector<Split> splits = Splits(norm);
  // Lexicon words first over every reading, then place names (longer stems only).
  bool found = false;
  for (int pass = 0; pass < 2 && !found; ++pass) {
    const auto& pred = pass == 0 ? oracle.known : oracle.place;
    if (!pred) continue;
    if (auto known = KnownForm(word, pred, 1)) {
      parts.stem_norm = *known;
      found = true;
      break;
    }
    for (const Split& s : splits) {
      auto known = KnownForm(s.stem, pred, pass == 0 ? kMinStemLetters : kMinPlaceStemLetters);
      if (!known) continue;
      for (auto p : s.proclitics) parts.proclitics.emplace_back(p);
      parts.stem_offset = s.offset;
      parts.stem_norm = *known;
      found = true;
      break;
    }
  }
  if (!found) return std::nullopt;
  if (oracle.gloss) {
    if (auto g = oracle.gloss(parts.stem_norm)) parts.stem_norm = *g;
  }
  return parts;
}

void AnalyzeArabicTokens(TokenizedText& tt, std::string_view text, const ArabicWordOracle& oracle,
                         ArabicAnalyses* remembered) {
  // Most reports have no Arabic-block character at all (letters and Arabic-Indic digits
  // are U+0600..U+06FF, lead bytes D8..DB): nothing to do.
  bool arabic_block = false;
  for (const Token& t : tt.tokens) {
    if (!t.is_word) continue;
    for (unsigned char c : t.norm) arabic_block = arabic_block || (c >= 0xD8 && c <= 0xDB);
    if (arabic_block) break;
  }
  if (!arabic_block) return;
  bool any = false;
  for (const Token& t : tt.tokens) any = any || (t.is_word && IsArabicWord(t.norm));
  std::vector<Token> out;
  out.reserve(tt.tokens.size() + tt.tokens.size() / 4);
  std::vector<uint32_t> new_index(tt.tokens.size() + 1, 0);
  for (size_t k = 0; k < tt.tokens.size(); ++k) {
    Token& t = tt.tokens[k];
    new_index[k] = static_cast<uint32_t>(out.size());
    if (!t.is_word) {
      out.push_back(std::move(t));
      continue;
    }
    // "١٠" is the number 10, for every stage that reads digits.
    if (!t.is_number) {
      if (auto ascii = AsciiDigits(t.norm)) {
        t.is_number = true;
        t.norm = std::move(*ascii);
      }
    }
    if (!any || t.is_number) {
      out.push_back(std::move(t));
      continue;
    }
    // "و497 شخصا": a conjunction or preposition letter written onto a number.
    if (t.norm.size() > 2 && IsProcliticLetter(t.norm.substr(0, 2))) {
      if (auto ascii = AsciiDigits(std::string_view(t.norm).substr(2))) {
        FoldedText folded = FoldWithOffsets(text.substr(t.span.begin, t.span.size()));
        if (folded.offsets.size() > 2) {
          Token c;
          c.span = {t.span.begin, t.span.begin + folded.offsets[2]};
          c.is_word = true;
          c.norm = t.norm.substr(0, 2);
          if (oracle.gloss) {
            if (auto g = oracle.gloss(c.norm)) c.norm = *g;
          }
          c.newlines_before = t.newlines_before;
          c.hyphen_before = t.hyphen_before;
          out.push_back(std::move(c));
          t.span.begin += folded.offsets[2];
          t.norm = std::move(*ascii);
          t.is_number = true;
          t.newlines_before = 0;
          t.hyphen_before = false;
          out.push_back(std::move(t));
          continue;
        }
      }
    }
    // "15طفلا": digits written onto the noun they count are two words.
    if (size_t d = LeadingDigits(t.norm); d > 0 && d < t.norm.size() && IsArabicWord(t.norm.substr(d))) {
      FoldedText folded = FoldWithOffsets(text.substr(t.span.begin, t.span.size()));
      if (d < folded.offsets.size()) {
        Token num;
        num.span = {t.span.begin, t.span.begin + folded.offsets[d]};
        num.norm = t.norm.substr(0, d);
        num.is_word = num.is_number = true;
        num.newlines_before = t.newlines_before;
        num.hyphen_before = t.hyphen_before;
        out.push_back(std::move(num));
        t.span.begin += folded.offsets[d];
        t.norm = t.norm.substr(d);
        t.newlines_before = 0;
        t.hyphen_before = false;
      }
    }
    std::optional<ArabicWordParts> fresh;
    const std::optional<ArabicWordParts>* parts = &fresh;
    if (remembered) {
      auto it = remembered->find(t.norm);
      if (it == remembered->end()) it = remembered->emplace(t.norm, AnalyzeArabicWord(t.norm, oracle)).first;
      parts = &it->second;
    } else {
      fresh = AnalyzeArabicWord(t.norm, oracle);
    }
    if (!*parts) {
      out.push_back(std::move(t));
      continue;
    }
    if ((*parts)->proclitics.empty()) {
      t.norm = (*parts)->stem_norm;
      out.push_back(std::move(t));
      continue;
    }
    // Where each folded byte came from in the original word.
    FoldedText folded = FoldWithOffsets(text.substr(t.span.begin, t.span.size()));
    size_t pos = 0;
    bool first = true;
    for (const std::string& p : (*parts)->proclitics) {
      Token c;
      c.span.begin = t.span.begin + (pos < folded.offsets.size() ? folded.offsets[pos] : 0);
      size_t next = pos + p.size();
      c.span.end = t.span.begin + (next < folded.offsets.size() ? folded.offsets[next] : t.span.size());
      c.is_word = true;
      c.norm = p;
      if (oracle.gloss) {
        if (auto g = oracle.gloss(p)) c.norm = *g;
      }
      if (first) {
        c.newlines_before = t.newlines_before;
        c.hyphen_before = t.hyphen_before;
        first = false;
      }
      out.push_back(std::move(c));
      pos = next;
    }
    Token stem = std::move(t);
    stem.span.begin = stem.span.begin +
                      ((*parts)->stem_offset < folded.offsets.size() ? folded.offsets[(*parts)->stem_offset] : 0);
    stem.norm = (*parts)->stem_norm;
    stem.newlines_before = 0;
    stem.hyphen_before = false;
    stem.possessive = false;
    out.push_back(std::move(stem));
  }
  new_index[tt.tokens.size()] = static_cast<uint32_t>(out.size());
  for (Sentence& s : tt.sentences) {
    s.first = new_index[s.first];
    s.last = new_index[s.last];
  }
  tt.tokens = std::move(out);
  HashWords(tt.tokens);  // norms were rewritten
  if (!any) return;
  // Arabic chains clauses with commas: "قصفت الطائرات بلدة X، كما قصفت المدفعية قرية Y".
  // A comma before a clause opener ("كما", "فيما", "بينما", "في حين", glossed "as",
  // "while", "in when"; or "و" + an attack verb) ends a sentence, so each clause keeps its
  // own kind and figures.
  {
    std::vector<Sentence> split;
    for (const Sentence& s : tt.sentences) {
      Sentence cur = s;
      for (uint32_t k = s.first + 1; k + 1 < s.last; ++k) {
        if (tt.tokens[k].punct != ',' || k + 1 <= cur.first) continue;
        uint32_t n = k + 1;
        if (n < s.last && tt.tokens[n].norm == "and" && n + 1 < s.last) ++n;
        const std::string& w = tt.tokens[n].norm;
        bool opener = w == "as" || w == "while" ||
                      (w == "in" && n + 1 < s.last && tt.tokens[n + 1].norm == "when") ||
                      (n == k + 2 && oracle.opens_clause && oracle.opens_clause(w));
        if (!opener || k + 1 - cur.first < 3) continue;
        Sentence head = cur;
        head.last = k + 1;
        split.push_back(head);
        cur.first = k + 1;
        cur.headline = false;
      }
      split.push_back(cur);
    }
    tt.sentences = std::move(split);
  }
  // Arabic news often leaves a paragraph without a final stop: a long line at the top is
  // the body, not a headline (headlines are short).
  constexpr uint32_t kMaxHeadlineWords = 25;
  bool seen_body = false;
  for (Sentence& s : tt.sentences) {
    if (!s.headline) {
      seen_body = true;
      continue;
    }
    uint32_t words = 0;
    for (uint32_t k = s.first; k < s.last; ++k) words += tt.tokens[k].is_word;
    if (seen_body || words > kMaxHeadlineWords) {
      s.headline = false;
      seen_body = true;
    }
  }
}

}  // namespace harmwatch
