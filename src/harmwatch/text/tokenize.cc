#include "harmwatch/text/tokenize.h"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "harmwatch/text/arabic.h"
#include "harmwatch/text/fold.h"

namespace harmwatch {
namespace {

bool IsApostrophe(int32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BF || cp == 0x02BE ||
         cp == 0x02BC || cp == '`';
}

bool IsHyphen(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

// Abbreviations whose final period does not end a sentence ("Dr. Hussein Bazar").
bool IsAbbreviation(std::string_view norm) {
  static constexpr std::string_view kAbbrevs[] = {"mr", "mrs", "ms", "dr", "st", "lt", "col", "gen", "sgt",
                                   "capt", "maj", "brig", "prof", "eng", "no", "vs", "etc",
                                   "jan", "feb", "aug", "sept", "oct", "nov", "dec", "u",
                                   "s", "a", "p", "m", "km", "sen", "rep", "gov", "inc", "co"};
  for (std::string_view a : kAbbrevs)
    if (norm == a) return true;
  return false;
}

// What the tokenizer needs to know of each byte, computed once from the same predicates
// the general path uses, so both paths agree by construction. Bytes from 0x80 are
// neither spaces nor word bytes here: they take the general path.
struct AsciiClass {
  bool space[256];
  bool word[256];
  char word_fold[256];  // a word byte's folded form (its lower case); 0 for other bytes
};

const AsciiClass& Ascii() {
  static const AsciiClass table = [] {
    AsciiClass t{};
    const std::array<char, 128>& fold = AsciiFoldTable();
    for (int32_t c = 0; c < 128; ++c) {
      t.space[c] = u_isUWhiteSpace(c);
      t.word[c] = IsWordCodepoint(c);
      // Letters and digits fold to letters and digits, never to 0 (a dropped byte).
      t.word_fold[c] = t.word[c] ? fold[c] : 0;
    }
    return t;
  }();
  return table;
}

constexpr uint64_t kFnvBasis = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

// A plain-ASCII word read in one pass: where it ends, by the same rules as the general
// path, and its norm and norm_hash exactly as FoldForMatch + the possessive and space
// rules of the general path and WordHash make them (an ASCII word has no Arabic article
// to drop). Inside a word only the joiners of "1,200" and "Ta'al" fold to separators or
// nothing, and those the norm leaves out: the norm is the word bytes, folded.
struct AsciiWord {
  static constexpr int32_t kMaxLength = 64;  // longer words take the general path
  int32_t end = 0;  // 0: the general path decides (a non-ASCII byte, or too long)
  bool digits_only = true;
  uint32_t len = 0;
  uint64_t hash = kFnvBasis;
  char folded[kMaxLength];
};

// Reads the word starting at `start` (a word byte) into `w`. Not inlined: inside the
// tokenizer's loop the per-byte loop's counters would live on the stack.
[[gnu::noinline]] void ReadAsciiWord(const AsciiClass& a, const uint8_t* s, int32_t start, int32_t n,
                                     AsciiWord& w) {
  auto digit = [](uint8_t c) { return c >= '0' && c <= '9'; };
  w.end = 0;
  int32_t end = start;
  const int32_t limit = std::min(n, start + AsciiWord::kMaxLength);
  // In locals: a store to `folded` (chars) could alias any member the loop reads.
  uint32_t len = 0;
  uint64_t hash = kFnvBasis;
  uint32_t letters = 0;  // non-zero once a letter was read
  while (true) {
    // A run of letters and digits, folded and hashed as it is read; one table read
    // per byte says both whether it is a word byte and what it folds to.
    for (char x; end < limit && (x = a.word_fold[s[end]]) != 0; ++end) {
      letters |= static_cast<uint8_t>(x - '0') > 9;
      w.folded[len++] = x;
      hash = (hash ^ static_cast<unsigned char>(x)) * kFnvPrime;
    }
    w.len = len;
    w.hash = hash;
    w.digits_only = letters == 0;
    if (end >= limit) {
      if (end < n && end - start >= AsciiWord::kMaxLength) return;
      break;
    }
    const uint8_t c = s[end];
    if (c >= 0x80) return;
    bool apostrophe = c == '\'' || c == '`';
    bool joiner = apostrophe || ((c == ',' || c == '.') && w.digits_only);
    int32_t j = end + 1;
    if (joiner && c == '.') {
      int32_t q = j;
      while (q < n && digit(s[q])) ++q;
      if (q > j && q + 1 < n && s[q] == '.' && digit(s[q + 1])) joiner = false;
    }
    if (!joiner || j >= n) break;
    if (s[j] >= 0x80) {
      if (apostrophe) return;  // is "’é" a word character? ask ICU
      break;
    }
    if (!(apostrophe ? a.word[s[j]] : digit(s[j]))) break;
    end = j;  // the joiner folds to nothing in the norm
  }
  if (end - start >= AsciiWord::kMaxLength) return;
  w.end = end;
}

}  // namespace

uint64_t WordHash(std::string_view folded_word) {
  std::string_view w = WithoutArabicArticle(folded_word);
  uint64_t h = kFnvBasis;
  for (unsigned char c : w) h = (h ^ c) * kFnvPrime;
  return h;
}

void HashWords(std::vector<Token>& tokens) {
  for (Token& t : tokens) t.norm_hash = t.is_word ? WordHash(t.norm) : 0;
}

size_t PossessiveSuffixLength(std::string_view surface) {
  if (surface.size() > 2 && surface.ends_with("'s")) return 2;
  if (surface.size() > 4 && surface.ends_with("\xE2\x80\x99s")) return 4;
  return 0;
}

TokenizedText Tokenize(std::string_view text) {
  TokenizedText out;
  auto& toks = out.tokens;
  toks.reserve(text.size() / 5 + 8);  // about one token per five bytes of news text
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int newlines = 0;
  bool hyphen_pending = false;
  const AsciiClass& ascii = Ascii();
  AsciiWord w;
  // A word token joins the list with what the scan knows of it; the caller sets its norm
  // (and hash) in place, so tokens are never moved.
  auto add_word = [&](int32_t start, int32_t end, bool digits_only, bool capitalized) -> Token& {
    const bool joined = hyphen_pending && !toks.empty() && toks.back().is_word;
    Token& t = toks.emplace_back();
    t.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
    t.is_word = true;
    t.is_number = digits_only;
    t.capitalized = capitalized;
    t.hyphen_before = joined;
    t.newlines_before = static_cast<uint8_t>(newlines > 255 ? 255 : newlines);
    newlines = 0;
    hyphen_pending = false;
    return t;
  };
  int32_t i = 0;
  while (i < n) {
    int32_t start = i;
    int32_t cp;
    U8_NEXT(s, i, n, cp);
    if (cp == '\n') {
      ++newlines;
      hyphen_pending = false;
      continue;
    }
    if (cp < 0 || (cp < 0x80 ? ascii.space[cp]
                             : (u_isUWhiteSpace(cp) || cp == 0xFEFF || cp == 0x200B))) {
      hyphen_pending = false;
      continue;
    }
    // Plain-ASCII words (most of an English report) take a table-driven path.
    if (cp < 0x80 && ascii.word[cp]) {
      ReadAsciiWord(ascii, s, start, n, w);
      if (w.end > 0) {
        i = w.end;
        Token& t = add_word(start, w.end, w.digits_only, cp >= 'A' && cp <= 'Z');
        // "regime's" -> "regime".
        if (w.len > 2 && w.folded[w.len - 1] == 's' && w.end - start > 2 && s[w.end - 1] == 's' &&
            s[w.end - 2] == '\'') {
          --w.len;
          w.hash = WordHash(std::string_view(w.folded, w.len));
          t.possessive = true;
        }
        t.norm.assign(w.folded, w.len);
        t.norm_hash = w.hash;
        continue;
      }
    }
    if (IsWordCodepoint(cp)) {
      // A word: word code points, plus apostrophes and , . between digits / letters.
      int32_t end = i;
      bool digits_only = cp < 0x80 && cp >= '0' && cp <= '9';
      while (end < n) {
        int32_t j = end, c;
        U8_NEXT(s, j, n, c);
        if (IsWordCodepoint(c)) {
          if (!(c >= '0' && c <= '9')) digits_only = false;
          end = j;
          continue;
        }
        // "Kafrta’al", "1,200", "3.5": joiner followed by a word character. A dotted date
        // ("02.06.2019") stays three numbers.
        bool joiner = IsApostrophe(c) || ((c == ',' || c == '.') && digits_only);
        if (joiner && c == '.') {
          int32_t q = j;
          while (q < n && s[q] >= '0' && s[q] <= '9') ++q;
          if (q > j && q + 1 < n && s[q] == '.' && s[q + 1] >= '0' && s[q + 1] <= '9') joiner = false;
        }
        if (!joiner || j >= n) break;
        int32_t k = j, next;
        U8_NEXT(s, k, n, next);
        if (IsApostrophe(c) ? IsWordCodepoint(next) : (next >= '0' && next <= '9')) {
          end = j;
          continue;
        }
        break;
      }
      i = end;
      Token& t = add_word(start, end, digits_only, u_isupper(cp) || u_istitle(cp));
      std::string_view surface = text.substr(start, end - start);
      t.norm = FoldForMatch(surface);
      // "regime's" -> "regime"; "Assad’s" -> "assad".
      if (t.norm.size() > 2 && t.norm.ends_with('s') && PossessiveSuffixLength(surface) > 0) {
        t.norm.pop_back();
        t.possessive = true;
      }
      // Spaces inside norm (from folded punctuation such as "1,200") are removed.
      std::erase(t.norm, ' ');
      t.norm_hash = WordHash(t.norm);
      continue;
    }
    if (IsHyphen(cp) && !toks.empty() && toks.back().is_word && toks.back().span.end == uint32_t(start)) {
      hyphen_pending = true;  // joins the next word if it follows directly
      if (i < n) {
        int32_t k = i, next;
        U8_NEXT(s, k, n, next);
        if (IsWordCodepoint(next)) continue;
      }
      hyphen_pending = false;
    }
    Token& t = toks.emplace_back();
    t.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(i)};
    t.punct = cp < 0x80 ? static_cast<char>(cp) : (cp == 0x2014 || cp == 0x2013 ? '-' :
              (cp == 0x201C || cp == 0x201D || cp == 0x00AB || cp == 0x00BB) ? '"' :
              (cp == 0x060C ? ',' : (cp == 0x061F ? '?' : (cp == 0x061B ? ';' : '*'))));
    t.newlines_before = static_cast<uint8_t>(newlines > 255 ? 255 : newlines);
    newlines = 0;
    hyphen_pending = false;
  }


  // Sentences: end at . ! ? (not after an abbreviation or inside a number), and at
  // line breaks (headlines, list items and datelines have no final punctuation).
  uint32_t paragraph = 0;
  Sentence cur;
  bool seen_body = false;
  auto close = [&](uint32_t end) {
    if (end > cur.first) {
      cur.last = end;
      cur.paragraph = paragraph;
      const Token& last = toks[end - 1];
      cur.headline = !seen_body && !(last.punct == '.' || last.punct == '!' || last.punct == '?' ||
                                     last.punct == '"');
      if (!cur.headline) seen_body = true;
      out.sentences.push_back(cur);
    }
    cur = Sentence{};
    cur.first = end;
  };
  for (uint32_t k = 0; k < toks.size(); ++k) {
    const Token& t = toks[k];
    if (k > cur.first && t.newlines_before > 0) {
      close(k);
      if (t.newlines_before > 1) ++paragraph;
    } else if (k == cur.first && t.newlines_before > 1 && k > 0) {
      ++paragraph;
    }
    if (t.punct == '.' || t.punct == '!' || t.punct == '?') {
      if (t.punct == '.' && k > 0 && toks[k - 1].is_word && IsAbbreviation(toks[k - 1].norm) &&
          toks[k - 1].span.end == t.span.begin && k + 1 < toks.size() &&
          toks[k + 1].newlines_before == 0)
        continue;
      // The dots of a dotted date ("DW | 02.06.2019") end nothing.
      if (t.punct == '.' && k > 0 && k + 1 < toks.size() && toks[k - 1].is_number &&
          toks[k + 1].is_number && toks[k - 1].span.end == t.span.begin &&
          toks[k + 1].span.begin == t.span.end)
        continue;
      // Keep a closing quote with its sentence: 'said “... so far.”'
      uint32_t end = k + 1;
      while (end < toks.size() && toks[end].punct == '"' && toks[end].newlines_before == 0) ++end;
      close(end);
      k = end - 1;
    }
  }
  close(static_cast<uint32_t>(toks.size()));
  return out;
}

}  // namespace harmwatch
