// Arabic-script words for the stages that read tokens.
//
// Arabic writes short function words onto the next word: the conjunctions و ف, the
// prepositions ب ل ك and the article ال ("وبالقصف" = and + with + the + shelling;
// "للمدنيين" = for + the + civilians, alef elided). The stages match lexicon phrases
// and gazetteer names word by word, so each such word is split into its proclitics and
// its stem, and the stem's `norm` is the form the resources know ("القصف" -> "قصف" when
// only "قصف" is listed). Spans stay on the original bytes: "بريف" becomes [ب][ريف] with
// the two halves of the word's span.
//
// A prefix is split off only when what remains is a known word (the caller says which
// words it knows), so "فجر" (dawn) and "بلدة" (town) stay whole while "بقصف" splits.
// A few function words take the English word the stages test for ("و" -> "and", "في" ->
// "in"): the `gloss` category of data/lexicons/ar/.
//
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "harmwatch/text/tokenize.h"

namespace harmwatch {

// True when the text has more Arabic letters than Latin ones (and at least a few).
bool IsMostlyArabic(std::string_view text);

// "ar" for mostly Arabic text, else "en".
std::string DetectLanguage(std::string_view text);

// True when the folded word starts with an Arabic letter.
bool IsArabicWord(std::string_view norm);

// A folded word without its article when at least three letters remain ("المدفعيه" ->
// "مدفعيه"; "الي", "القت" stay): the lexicons compare words this way, so "القذائف المدفعية" in
// the text meets "قذائف مدفعية" in a TSV and the other way round.
std::string_view WithoutArabicArticle(std::string_view folded_word);

struct ArabicWordOracle {
  // Whether a folded word (one word, no spaces) is known to a lexicon or the actor
  // tables. Asked first, over every reading of the word.
  std::function<bool(std::string_view)> known;
  // Whether it is a place name (may be empty). Asked only when no reading is a known
  // word: "بريف" is ب + "ريف" even if some hamlet is called "بريف".
  std::function<bool(std::string_view)> place;
  // The gloss of a folded word ("في" -> "in"), if it has one.
  std::function<std::optional<std::string>(std::string_view)> gloss;
  // Whether a word (its norm) opens a clause of its own after ", و": an attack verb
  // ("، وألقت مروحيات الأسد", "، وقصفت"). May be empty.
  std::function<bool(std::string_view)> opens_clause;
};

// One word's analysis: proclitics (folded, in order) and the stem's chosen norm.
struct ArabicWordParts {
  std::vector<std::string> proclitics;  // "و", "ب", "ل", "ك", "ف"
  size_t stem_offset = 0;               // bytes of the folded word taken by the proclitics
  std::string stem_norm;                // what the stem token's norm becomes
};

// Analyses one folded Arabic word; nullopt when nothing is known about it (left as is).
std::optional<ArabicWordParts> AnalyzeArabicWord(std::string_view norm,
                                                 const ArabicWordOracle& oracle);

// Analyses already made with one oracle, by folded word.
using ArabicAnalyses = std::unordered_map<std::string, std::optional<ArabicWordParts>>;

// Splits and re-normalizes the Arabic-script words of `tt` (tokens of `text`), remapping
// sentence boundaries. Tokens written in Arabic-Indic digits become numbers. A text
// without Arabic letters is left untouched. `remembered` (optional) holds analyses made
// with an oracle that answers as this one does; new ones are added to it.
void AnalyzeArabicTokens(TokenizedText& tt, std::string_view text, const ArabicWordOracle& oracle,
                         ArabicAnalyses* remembered = nullptr);

}  // namespace harmwatch
