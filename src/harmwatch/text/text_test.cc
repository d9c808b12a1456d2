// Unit tests for the text stage: folding (with its offset map) and tokenization.
#include <gtest/gtest.h>

#include <string>

#include "harmwatch/text/fold.h"
#include "harmwatch/text/tokenize.h"
#include "harmwatch/text/word_set.h"

namespace harmwatch {
namespace {

std::string Surface(std::string_view text, const Token& t) {
  return std::string(text.substr(t.span.begin, t.span.end - t.span.begin));
}

TEST(FoldForMatch, LowerCasesAndDropsAccents) {
  EXPECT_EQ(FoldForMatch("Dārat ‘Izzah"), "darat izzah");
  EXPECT_EQ(FoldForMatch("ÉLAN Café"), "elan cafe");
  EXPECT_EQ(FoldForMatch("Kafrta’al"), "kafrtaal");
  EXPECT_EQ(FoldForMatch("Kafrta'al"), "kafrtaal");
}

// Letters without a decomposition still meet their plain spellings: "Sirnak" is Şırnak.
TEST(FoldForMatch, PlainsLettersThatDoNotDecompose) {
  EXPECT_EQ(FoldForMatch("Şırnak"), "sirnak");
  EXPECT_EQ(FoldForMatch("ŁÓDŹ"), "lodz");
  EXPECT_EQ(FoldForMatch("Tromsø"), "tromso");
  EXPECT_EQ(FoldForMatch("Straße"), "strasse");
  EXPECT_EQ(FoldWithOffsets("Straße").text, "strasse");
}

TEST(FoldForMatch, PunctuationBecomesOneSpaceAndIsTrimmed) {
  EXPECT_EQ(FoldForMatch("  Deir ez-Zor,  (city) "), "deir ez zor city");
  EXPECT_EQ(FoldForMatch("air-strike"), FoldForMatch("air strike"));
  EXPECT_EQ(FoldForMatch(""), "");
  EXPECT_EQ(FoldForMatch("..."), "");
}

TEST(FoldForMatch, UnifiesArabicLetterForms) {
  EXPECT_EQ(FoldForMatch("إدلب"), "ادلب");
  EXPECT_EQ(FoldForMatch("أدلب"), FoldForMatch("ادلب"));
  // Diacritics (harakat) are dropped.
  EXPECT_EQ(FoldForMatch("إِدْلِب"), "ادلب");
}

TEST(FoldWithOffsets, OffsetsPointIntoTheOriginalBytes) {
  const std::string in = "Dārat ‘Izzah";
  FoldedText f = FoldWithOffsets(in);
  ASSERT_EQ(f.offsets.size(), f.text.size() + 1);
  EXPECT_EQ(f.offsets.back(), in.size());
  // Every folded letter maps to the original code point it came from.
  for (size_t i = 0; i < f.text.size(); ++i) {
    ASSERT_LT(f.offsets[i], in.size());
    if (i > 0) {
      EXPECT_LE(f.offsets[i - 1], f.offsets[i]);
    }
  }
  // "a" from "ā" (2 bytes at offset 1) maps to offset 1; the "r" after it to byte 3.
  size_t a = f.text.find("arat");
  ASSERT_NE(a, std::string::npos);
  EXPECT_EQ(f.offsets[a], 1u);
  EXPECT_EQ(f.offsets[a + 1], 3u);
  size_t iz = f.text.find("izzah");
  ASSERT_NE(iz, std::string::npos);
  EXPECT_EQ(in.substr(f.offsets[iz], 1), "I");
}

TEST(FoldWithOffsets, ArabicOffsetsLandOnCharacterStarts) {
  const std::string in = "قصف إدلب";
  FoldedText f = FoldWithOffsets(in);
  ASSERT_EQ(f.offsets.size(), f.text.size() + 1);
  EXPECT_EQ(f.offsets.back(), in.size());
  for (size_t i = 0; i + 1 < f.offsets.size(); ++i) {
    ASSERT_LT(f.offsets[i], in.size());
    // Never inside a UTF-8 sequence: the byte is not a continuation byte.
    EXPECT_NE(static_cast<unsigned char>(in[f.offsets[i]]) & 0xC0, 0x80) << i;
  }
  size_t idlib = f.text.find(FoldForMatch("إدلب"));
  ASSERT_NE(idlib, std::string::npos);
  EXPECT_EQ(f.offsets[idlib], in.find("إدلب"));
}

TEST(FoldWithOffsets, AgreesWithFoldForMatch) {
  for (const char* s : {"Dārat ‘Izzah", "  Deir ez-Zor, city", "إدلب", "1,200 killed"}) {
    EXPECT_EQ(FoldWithOffsets(s).text, FoldForMatch(s)) << s;
  }
}

TEST(Tokenize, OffsetsCoverTheSurface) {
  const std::string text = "Darat Izza, in the western countryside of Aleppo.";
  TokenizedText tt = Tokenize(text);
  ASSERT_EQ(tt.tokens.size(), 10u);
  EXPECT_EQ(Surface(text, tt.tokens[0]), "Darat");
  EXPECT_EQ(Surface(text, tt.tokens[1]), "Izza");
  EXPECT_EQ(tt.tokens[2].punct, ',');
  EXPECT_FALSE(tt.tokens[2].is_word);
  EXPECT_EQ(Surface(text, tt.tokens[8]), "Aleppo");
  EXPECT_EQ(tt.tokens[8].norm, "aleppo");
  EXPECT_TRUE(tt.tokens[8].capitalized);
  EXPECT_FALSE(tt.tokens[3].capitalized);
  EXPECT_EQ(tt.tokens[9].punct, '.');
  ASSERT_EQ(tt.sentences.size(), 1u);
  EXPECT_EQ(tt.sentences[0].first, 0u);
  EXPECT_EQ(tt.sentences[0].last, 10u);
}

TEST(Tokenize, SplitsSentencesButNotAfterAbbreviations) {
  const std::string text = "Dr. Hussein treated them. Two died later! Was it shelling? Yes.";
  TokenizedText tt = Tokenize(text);
  ASSERT_EQ(tt.sentences.size(), 4u);
  // "Dr. Hussein" stays in the first sentence.
  const Sentence& s0 = tt.sentences[0];
  EXPECT_EQ(Surface(text, tt.tokens[s0.first]), "Dr");
  EXPECT_EQ(Surface(text, tt.tokens[s0.last - 2]), "them");
  EXPECT_EQ(Surface(text, tt.tokens[tt.sentences[1].first]), "Two");
  EXPECT_EQ(Surface(text, tt.tokens[tt.sentences[3].first]), "Yes");
  // Sentences tile the tokens in order.
  uint32_t next = 0;
  for (const Sentence& s : tt.sentences) {
    EXPECT_EQ(s.first, next);
    EXPECT_LT(s.first, s.last);
    next = s.last;
  }
  EXPECT_EQ(next, tt.tokens.size());
}

TEST(Tokenize, HyphenJoinsAreRemembered) {
  const std::string text = "the al-Zahraa neighbourhood";
  TokenizedText tt = Tokenize(text);
  std::vector<std::string> words;
  for (const Token& t : tt.tokens)
    if (t.is_word) words.push_back(Surface(text, t));
  ASSERT_EQ(words, (std::vector<std::string>{"the", "al", "Zahraa", "neighbourhood"}));
  const Token* zahraa = nullptr;
  for (const Token& t : tt.tokens)
    if (t.norm == "zahraa") zahraa = &t;
  ASSERT_NE(zahraa, nullptr);
  EXPECT_TRUE(zahraa->hyphen_before);
  EXPECT_TRUE(zahraa->capitalized);
  EXPECT_FALSE(tt.tokens[0].hyphen_before);
}

TEST(Tokenize, PossessivesAreDroppedFromNorm) {
  for (const std::string text : {"the regime's forces", "the regime’s forces"}) {
    TokenizedText tt = Tokenize(text);
    ASSERT_GE(tt.tokens.size(), 3u) << text;
    EXPECT_EQ(tt.tokens[1].norm, "regime") << text;
    EXPECT_TRUE(tt.tokens[1].possessive) << text;
    EXPECT_EQ(tt.tokens[2].norm, "forces") << text;
    EXPECT_FALSE(tt.tokens[2].possessive);
  }
}

TEST(Tokenize, InternalApostrophesStayInTheWord) {
  const std::string text = "shelling on Kafrta’al today";
  TokenizedText tt = Tokenize(text);
  ASSERT_EQ(tt.tokens.size(), 4u);
  EXPECT_EQ(Surface(text, tt.tokens[2]), "Kafrta’al");
  EXPECT_EQ(tt.tokens[2].norm, "kafrtaal");
}

TEST(Tokenize, NumbersKeepSeparators) {
  const std::string text = "1,200 people and 3.5 tonnes, 42.";
  TokenizedText tt = Tokenize(text);
  ASSERT_GE(tt.tokens.size(), 7u);
  EXPECT_EQ(Surface(text, tt.tokens[0]), "1,200");
  EXPECT_TRUE(tt.tokens[0].is_number);
  EXPECT_EQ(Surface(text, tt.tokens[3]), "3.5");
  EXPECT_TRUE(tt.tokens[3].is_number);
  EXPECT_FALSE(tt.tokens[1].is_number);
  // A comma after the number is punctuation, and "42." ends the sentence.
  EXPECT_EQ(tt.tokens[5].punct, ',');
  EXPECT_EQ(Surface(text, tt.tokens[6]), "42");
  EXPECT_EQ(tt.tokens.back().punct, '.');
}

TEST(Tokenize, DottedDateEndsNoSentence) {
  const std::string text = "Azaz hit by car bombing | News | DW | 02.06.2019\n\nA car bomb hit Azaz. 14 died.";
  TokenizedText tt = Tokenize(text);
  ASSERT_EQ(tt.sentences.size(), 3u);
  EXPECT_TRUE(tt.sentences[0].headline);
  EXPECT_EQ(Surface(text, tt.tokens[tt.sentences[0].last - 1]), "06.2019");
  // A full stop after a number still ends its sentence.
  EXPECT_FALSE(tt.sentences[1].headline);
  EXPECT_EQ(Surface(text, tt.tokens[tt.sentences[2].first]), "14");
}

TEST(Tokenize, CountsNewlinesAndParagraphs) {
  const std::string text = "Shelling on Sarmin\n\nThe regime shelled the town. Two died.\nMore later.";
  TokenizedText tt = Tokenize(text);
  ASSERT_GE(tt.sentences.size(), 3u);
  EXPECT_TRUE(tt.sentences[0].headline);
  EXPECT_FALSE(tt.sentences[1].headline);
  EXPECT_LT(tt.sentences[0].paragraph, tt.sentences[1].paragraph);
  EXPECT_EQ(tt.tokens[tt.sentences[1].first].newlines_before, 2);
}

TEST(Tokenize, EmptyAndPunctuationOnly) {
  EXPECT_TRUE(Tokenize("").tokens.empty());
  EXPECT_TRUE(Tokenize("").sentences.empty());
  TokenizedText tt = Tokenize("  \n\t ");
  EXPECT_TRUE(tt.tokens.empty());
}

TEST(WordSet, AnswersForTokensAndForWords) {
  const WordSet said = {"said", "reported", "air force"};
  auto tt = Tokenize("The Observatory Said it, and SANA reported nothing.");
  std::vector<std::string> hits;
  for (const Token& t : tt.tokens)
    if (said.Has(t)) hits.push_back(t.norm);
  EXPECT_EQ(hits, (std::vector<std::string>{"said", "reported"}));
  EXPECT_TRUE(said.Has("air force"));
  EXPECT_FALSE(said.Has("air"));
  EXPECT_FALSE(said.Has(""));
}

TEST(WordSet, KeepsArabicWordsWithAndWithoutTheArticleApart) {
  // The word hash drops the article, so both share a hash; only the one listed is in.
  const WordSet camp = {"\xD9\x85\xD8\xAE\xD9\x8A\xD9\x85"};  // مخيم
  EXPECT_TRUE(camp.Has("\xD9\x85\xD8\xAE\xD9\x8A\xD9\x85"));
  EXPECT_FALSE(camp.Has("\xD8\xA7\xD9\x84\xD9\x85\xD8\xAE\xD9\x8A\xD9\x85"));  // المخيم
  const WordSet both = {"\xD9\x85\xD8\xAE\xD9\x8A\xD9\x85", "\xD8\xA7\xD9\x84\xD9\x85\xD8\xAE\xD9\x8A\xD9\x85"};
  EXPECT_TRUE(both.Has("\xD8\xA7\xD9\x84\xD9\x85\xD8\xAE\xD9\x8A\xD9\x85"));
  EXPECT_TRUE(both.Has("\xD9\x85\xD8\xAE\xD9\x8A\xD9\x85"));
}

}  // namespace
}  // namespace harmwatch
