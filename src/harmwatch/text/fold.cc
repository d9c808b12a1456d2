#include "harmwatch/text/fold.h"

#include <array>
#include <memory>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace harmwatch {
namespace {

// Arabic letter forms that writers use interchangeably: 'أحمد' / 'احمد',
// 'مدرسة' / 'مدرسه', 'مستشفى' / 'مستشفي'.
int32_t FoldArabic(int32_t cp) {
  switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;  // alef forms
    case 0x0629: return 0x0647;                                      // ta marbuta -> ha
    case 0x0649: return 0x064A;                                      // alef maqsura -> ya
    case 0x0624: return 0x0648;                                      // hamza on waw
    case 0x0626: return 0x064A;                                      // hamza on ya
    case 0x06CC: return 0x064A;                                      // Farsi ya
    case 0x06A9: return 0x0643;                                      // keheh -> kaf
    default: return cp;
  }
}

bool IsDroppedMark(int32_t cp) {
  // Arabic tashkeel, superscript alef, tatweel: never change a word's identity.
  if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640) return true;
  // Apostrophes and ayn/hamza signs in transliterations: Ta'al, Ta’al, Taʿal are one name.
  switch (cp) {
    case '\'': case '`': case 0x00B4: case 0x2018: case 0x2019: case 0x201B:
    case 0x02BC: case 0x02BE: case 0x02BF: case 0x02B9: case 0x02BB: case 0x2032:
      return true;
    default: break;
  }
  int8_t type = u_charType(cp);
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR;
}

// Latin letters with no decomposition that writers replace by plain letters: "Şırnak"
// is written "Sirnak", "Łódź" "Lodz", "Tromsø" "Tromso" (after case folding).
const char* PlainLatin(int32_t cp) {
  switch (cp) {
    case 0x0131: return "i";   // dotless i
    case 0x0142: return "l";   // l with stroke
    case 0x0111: return "d";   // d with stroke
    case 0x00F0: return "d";   // eth
    case 0x0127: return "h";   // h with stroke
    case 0x00F8: return "o";   // o with stroke
    case 0x00E6: return "ae";
    case 0x0153: return "oe";
    case 0x00DF: return "ss";
    case 0x00FE: return "th";  // thorn
    default: return nullptr;
  }
}

void AppendUtf8(int32_t cp, std::string& out) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, cp, error);
  if (!error) out.append(buf, static_cast<size_t>(len));
}

std::string ComputeFold(int32_t cp) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return std::string(1, char(cp));
    if (cp >= 'A' && cp <= 'Z') return std::string(1, char(cp + 32));
    if (IsDroppedMark(cp)) return "";
    return " ";
  }
  if (IsDroppedMark(cp)) return "";
  int32_t arabic = FoldArabic(cp);
  if (arabic != cp) {
    std::string out;
    AppendUtf8(arabic, out);
    return out;
  }
  if (!u_isalnum(cp)) return " ";
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(err);
  icu::UnicodeString decomposed;
  if (U_FAILURE(err) || !nfkd->getDecomposition(cp, decomposed)) decomposed = icu::UnicodeString(cp);
  std::string out;
  for (int32_t i = 0; i < decomposed.length();) {
    int32_t c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (IsDroppedMark(c)) continue;
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    if (const char* plain = PlainLatin(c)) {
      out += plain;
      continue;
    }
    if (!u_isalnum(c)) {
      out += ' ';
      continue;
    }
    AppendUtf8(FoldArabic(c), out);
  }
  return out;
}

// Folded forms of the Basic Multilingual Plane, computed once.
const std::vector<std::string>& BmpTable() {
  static const std::vector<std::string> table = [] {
    std::vector<std::string> t(0x10000);
    for (int32_t cp = 0; cp < 0x10000; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        t[cp] = " ";
        continue;
      }
      t[cp] = ComputeFold(cp);
    }
    return t;
  }();
  return table;
}

}  // namespace

void AppendFoldedCodepoint(int32_t cp, std::string& out) {
  if (cp >= 0 && cp < 0x10000) {
    out += BmpTable()[static_cast<size_t>(cp)];
  } else if (cp >= 0) {
    out += ComputeFold(cp);
  } else {
    out += ' ';
  }
}

bool IsWordCodepoint(int32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' ? true : (cp >= '0' && cp <= '9');
  return u_isalnum(cp) || IsDroppedMark(cp);
}

namespace {

// Folds `utf8` code point by code point, runs of separators as one space and none at
// the start, calling emit(byte, offset of the code point it came from) per output byte.
template <typename Emit>
void FoldCodepoints(std::string_view utf8, Emit&& emit) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t n = static_cast<int32_t>(utf8.size());
  bool last_space = true;
  std::string beyond_bmp;
  const std::vector<std::string>& bmp = BmpTable();
  for (int32_t i = 0; i < n;) {
    int32_t start = i;
    int32_t cp;
    U8_NEXT(s, i, n, cp);
    std::string_view piece;
    if (cp >= 0 && cp < 0x10000) {
      piece = bmp[static_cast<size_t>(cp)];
    } else {
      beyond_bmp.clear();
      AppendFoldedCodepoint(cp, beyond_bmp);
      piece = beyond_bmp;
    }
    for (char c : piece) {
      if (c == ' ') {
        if (last_space) continue;
        last_space = true;
      } else {
        last_space = false;
      }
      emit(c, start);
    }
  }
}

}  // namespace

FoldedText FoldWithOffsets(std::string_view utf8) {
  FoldedText out;
  out.text.reserve(utf8.size());
  out.offsets.reserve(utf8.size() + 1);
  FoldCodepoints(utf8, [&](char c, int32_t start) {
    out.text += c;
    out.offsets.push_back(static_cast<uint32_t>(start));
  });
  out.offsets.push_back(static_cast<uint32_t>(utf8.size()));
  return out;
}

const std::array<char, 128>& AsciiFoldTable() {
  // One byte in, at most one byte out: 0 = dropped (apostrophes), ' ' = separator.
  static const std::array<char, 128> kAscii = [] {
    std::array<char, 128> t{};
    for (int c = 0; c < 128; ++c) {
      std::string f = ComputeFold(c);
      t[c] = f.empty() ? 0 : f[0];
    }
    return t;
  }();
  return kAscii;
}

size_t FoldAscii(std::string_view ascii, char* out) {
  const std::array<char, 128>& kAscii = AsciiFoldTable();
  size_t len = 0;
  bool last_space = true;
  for (unsigned char c : ascii) {
    char x = kAscii[c & 0x7F];
    if (x == 0) continue;
    if (x == ' ') {
      if (last_space) continue;
      last_space = true;
    } else {
      last_space = false;
    }
    out[len++] = x;
  }
  while (len > 0 && out[len - 1] == ' ') --len;
  return len;
}

std::string FoldForMatch(std::string_view utf8) {
  // Most words are plain ASCII: fold them without the offset map.
  bool ascii = true;
  for (unsigned char c : utf8) ascii = ascii && c < 0x80;
  if (ascii) {
    std::string out(utf8.size(), '\0');
    out.resize(FoldAscii(utf8, out.data()));
    return out;
  }
  std::string out;
  out.reserve(utf8.size());
  FoldCodepoints(utf8, [&](char c, int32_t) { out += c; });
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace harmwatch
