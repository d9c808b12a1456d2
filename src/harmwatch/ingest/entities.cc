#include "harmwatch/ingest/entities.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "harmwatch/ingest/utf8.h"

namespace harmwatch::ingest {
namespace {

struct NamedEntity {
  std::string_view name;
  char32_t cp;
};

// The references news pages actually use (HTML 4 Latin-1, symbols and
// punctuation subsets, plus &apos;). Sorted by name for binary search.
constexpr NamedEntity kNamed[] = {
    {"AElig", 0xC6},   {"Aacute", 0xC1},  {"Acirc", 0xC2},    {"Agrave", 0xC0},   {"Aring", 0xC5},
    {"Atilde", 0xC3},  {"Auml", 0xC4},    {"Ccedil", 0xC7},   {"Eacute", 0xC9},   {"Ecirc", 0xCA},
    {"Egrave", 0xC8},  {"Euml", 0xCB},    {"Iacute", 0xCD},   {"Icirc", 0xCE},    {"Iuml", 0xCF},
    {"Ntilde", 0xD1},  {"Oacute", 0xD3},  {"Ocirc", 0xD4},    {"Ograve", 0xD2},   {"Oslash", 0xD8},
    {"Otilde", 0xD5},  {"Ouml", 0xD6},    {"Prime", 0x2033},  {"Scaron", 0x160},  {"Uacute", 0xDA},
    {"Ucirc", 0xDB},   {"Ugrave", 0xD9},  {"Uuml", 0xDC},     {"Yacute", 0xDD},   {"aacute", 0xE1},
    {"acirc", 0xE2},   {"acute", 0xB4},   {"aelig", 0xE6},    {"agrave", 0xE0},   {"amp", 0x26},
    {"apos", 0x27},    {"aring", 0xE5},   {"atilde", 0xE3},   {"auml", 0xE4},     {"bdquo", 0x201E},
    {"brvbar", 0xA6},  {"bull", 0x2022},  {"ccedil", 0xE7},   {"cedil", 0xB8},    {"cent", 0xA2},
    {"copy", 0xA9},    {"curren", 0xA4},  {"dagger", 0x2020}, {"deg", 0xB0},      {"divide", 0xF7},
    {"eacute", 0xE9},  {"ecirc", 0xEA},   {"egrave", 0xE8},   {"emsp", 0x2003},   {"ensp", 0x2002},
    {"eth", 0xF0},     {"euml", 0xEB},    {"euro", 0x20AC},   {"frac12", 0xBD},   {"frac14", 0xBC},
    {"frac34", 0xBE},  {"gt", 0x3E},      {"hellip", 0x2026}, {"iacute", 0xED},   {"icirc", 0xEE},
    {"iexcl", 0xA1},   {"igrave", 0xEC},  {"iquest", 0xBF},   {"iuml", 0xEF},     {"laquo", 0xAB},
    {"ldquo", 0x201C}, {"lrm", 0x200E},   {"lsaquo", 0x2039}, {"lsquo", 0x2018},  {"lt", 0x3C},
    {"macr", 0xAF},    {"mdash", 0x2014}, {"micro", 0xB5},    {"middot", 0xB7},   {"minus", 0x2212},
    {"nbsp", 0xA0},    {"ndash", 0x2013}, {"not", 0xAC},      {"ntilde", 0xF1},   {"oacute", 0xF3},
    {"ocirc", 0xF4},   {"ograve", 0xF2},  {"ordf", 0xAA},     {"ordm", 0xBA},     {"oslash", 0xF8},
    {"otilde", 0xF5},  {"ouml", 0xF6},    {"para", 0xB6},     {"permil", 0x2030}, {"plusmn", 0xB1},
    {"pound", 0xA3},   {"prime", 0x2032}, {"quot", 0x22},     {"raquo", 0xBB},    {"rdquo", 0x201D},
    {"reg", 0xAE},     {"rlm", 0x200F},   {"rsaquo", 0x203A}, {"rsquo", 0x2019},  {"sbquo", 0x201A},
    {"scaron", 0x161}, {"sect", 0xA7},    {"shy", 0xAD},      {"sup1", 0xB9},     {"sup2", 0xB2},
    {"sup3", 0xB3},    {"szlig", 0xDF},   {"thinsp", 0x2009}, {"thorn", 0xFE},    {"times", 0xD7},
    {"trade", 0x2122}, {"uacute", 0xFA},  {"ucirc", 0xFB},    {"ugrave", 0xF9},   {"uml", 0xA8},
    {"uuml", 0xFC},    {"yacute", 0xFD},  {"yen", 0xA5},      {"yuml", 0xFF},     {"zwj", 0x200D},
    {"zwnj", 0x200C},
};

// Browsers read &#128;..&#159; as windows-1252 ("&#146;" is a right quote).
constexpr std::array<char16_t, 32> kWindows1252C1 = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

// Longest name in kNamed; a longer run of letters cannot be a known reference.
constexpr size_t kMaxNameLength = 8;
// Digits beyond this cannot be a code point; stops overflow on
// "&#99999999999999;".
constexpr size_t kMaxDigits = 8;

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

size_t DecodeNumeric(std::string_view s, size_t pos, std::string &out) {
  size_t i = pos + 2;  // after "&#"
  const bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
  if (hex) ++i;
  const size_t digits_begin = i;
  uint32_t value = 0;
  while (i < s.size() && i - digits_begin < kMaxDigits) {
    const int d = hex ? HexValue(s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
    if (d < 0) break;
    value = value * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    ++i;
  }
  if (i == digits_begin) return 0;
  // Swallow any further digits so "&#99999999999;" is one (invalid) reference.
  while (i < s.size() && (hex ? HexValue(s[i]) >= 0 : (s[i] >= '0' && s[i] <= '9'))) {
    value = 0x110000;
    ++i;
  }
  if (i < s.size() && s[i] == ';') ++i;
  char32_t cp = value;
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    cp = kReplacementChar;
  } else if (cp >= 0x80 && cp <= 0x9F) {
    cp = kWindows1252C1[cp - 0x80];
  }
  AppendUtf8(cp, out);
  return i - pos;
}

}  // namespace

size_t DecodeEntityAt(std::string_view s, size_t pos, std::string &out) {
  if (pos + 1 >= s.size() || s[pos] != '&') return 0;
  if (s[pos + 1] == '#') return DecodeNumeric(s, pos, out);
  size_t i = pos + 1;
  while (i < s.size() && IsAlnum(s[i]) && i - pos <= kMaxNameLength) ++i;
  const std::string_view name = s.substr(pos + 1, i - pos - 1);
  if (name.empty()) return 0;
  const bool semicolon = i < s.size() && s[i] == ';';
  auto it = std::lower_bound(std::begin(kNamed), std::end(kNamed), name,
                             [](const NamedEntity &e, std::string_view n) { return e.name < n; });
  if (it == std::end(kNamed) || it->name != name) return 0;
  if (!semicolon) {
    // Legacy references browsers accept bare: "AT&amp T" is rare, "&nbsp"
    // common.
    const bool legacy =
        name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "nbsp";
    if (!legacy || (i < s.size() && IsAlnum(s[i]))) return 0;
  }
  AppendUtf8(it->cp, out);
  return i - pos + (semicolon ? 1 : 0);
}

std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      const size_t n = DecodeEntityAt(s, i, out);
      if (n > 0) {
        i += n;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

}  // namespace harmwatch::ingest
