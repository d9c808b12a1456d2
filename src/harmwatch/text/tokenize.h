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

// The key every phrase table looks a folded word up by: FNV-1a of the word without an
// Arabic article (WithoutArabicArticle), so "القصف" meets "قصف".
uint64_t WordHash(std::string_view folded_word);

struct Token {
  TextSpan span;          // bytes in the document text
  std::string norm;       // FoldForMatch of the surface, possessive 's dropped
  uint64_t norm_hash = 0; // WordHash(norm) for words (Tokenize, HashWords), else 0
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

// The length of a closing possessive ("'s", "’s") of a word as written, else 0: what
// Token::possessive marks and Token::norm drops.
size_t PossessiveSuffixLength(std::string_view surface);

// Sets norm_hash of every word token from its norm: after a stage rewrites norms.
void HashWords(std::vector<Token>& tokens);

}  // namespace harmwatch
