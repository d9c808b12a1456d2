// Folding for matching: the one function that decides when two spellings are
// "the same" for lexicons and the gazetteer. Lower-case, accents and Arabic
// diacritics dropped, Arabic letter forms unified, apostrophes dropped, other
// punctuation turned into single spaces.
//   "Kafrta’al" -> "kafrtaal"   "Dārat ‘Izzah" -> "darat izzah"   "إدلب" -> "ادلب"
// Thread-safe; the tables behind it are built once, on first use.
#pragma once

#include <cstdint>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace harmwatch {

// Appends the folded form of one code point to `out`: "" (dropped), " " (a separator)
// or one or more letters/digits.
void AppendFoldedCodepoint(int32_t cp, std::string& out);

// Folds a whole string; runs of separators become one space, no space at either end.
std::string FoldForMatch(std::string_view utf8);

// FoldForMatch of plain-ASCII text (every byte < 0x80) into `out`, which has room for
// ascii.size() bytes; returns the folded length. For hot paths that fold short words.
size_t FoldAscii(std::string_view ascii, char* out);
// The table FoldAscii folds by: per ASCII byte, its folded byte, ' ' for a separator or
// 0 for a byte that is dropped (apostrophes).
const std::array<char, 128>& AsciiFoldTable();

// True for code points that belong inside a word (letters, digits, combining marks).
bool IsWordCodepoint(int32_t cp);

// Folded text with a map back to the original bytes: folded[i] came from the
// original code point starting at offsets[i]; offsets has one extra entry = input size.
struct FoldedText {
  std::string text;
  std::vector<uint32_t> offsets;
};
FoldedText FoldWithOffsets(std::string_view utf8);

}  // namespace harmwatch
