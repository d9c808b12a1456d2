// Tokens and sentences with byte offsets into the document text.
//   "Darat Izza, in the western countryside of Aleppo." ->
//   [Darat][Izza][,][in][the][western][countryside][of][Aleppo][.]  one sentence
// Words keep internal apostrophes ("Kafrta’al") and decimal/thousand separators
// ("1,200"); hyphens split words but are remembered ("al-Zahraa" = al + Zahraa,
// joined) so phrase matching can treat "al-Zahraa" and "al Zahraa" alike.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harmwatch/base/text_span.h"

namespace harmwatch {

// FNV-1a of a folded word: the key every phrase table looks words up by.
inline uint64_t WordHash(std::string_view w) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : w) h = (h ^ c) * 1099511628211ULL;
  return h;
}

struct Token {
  TextSpan span;          // bytes in the document text
  std::string norm;       // FoldForMatch of the surface, possessive 's dropped
  uint64_t norm_hash = 0; // WordHash(norm) for words (set by Tokenize), else 0
  char punct = 0;         // the ASCII punctuation for a punctuation token, else 0
  bool is_word = false;   // letters/digits
  bool is_number = false; // all digits (after removing , and .)
  bool capitalized = false;   // first letter upper-case (Latin) — names in English
  bool possessive = false;    // "regime's"
  bool hyphen_before = false; // joined to the previous word by a hyphen
  uint8_t newlines_before = 0;  // line breaks between this token and the previous one
};

struct Sentence {
  uint32_t first = 0;  // token index
  uint32_t last = 0;   // one past the last token
  uint32_t paragraph = 0;
  bool headline = false;  // a line without final punctuation at the top of the text
};

struct TokenizedText {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
};

TokenizedText Tokenize(std::string_view text);

}  // namespace harmwatch
