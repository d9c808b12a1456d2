// Unit tests for text/arabic: language detection, proclitic splitting with spans on the
// original bytes, glosses, and Arabic-Indic digits.
#include "harmwatch/text/arabic.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "harmwatch/text/fold.h"

namespace harmwatch {
namespace {

std::string Surface(std::string_view text, const Token& t) {
  return std::string(text.substr(t.span.begin, t.span.end - t.span.begin));
}

// A small oracle: words the "lexicon" knows, place names the "gazetteer" knows, glosses.
ArabicWordOracle TestOracle() {
  static const std::set<std::string> words = [] {
    std::set<std::string> w;
    for (const char* s : {"قصف", "ريف", "مدنيين", "فجر", "بلدة", "طيران", "حربي", "و", "في"})
      w.insert(FoldForMatch(s));
    return w;
  }();
  static const std::set<std::string> places = {FoldForMatch("سرمين"), FoldForMatch("إدلب")};
  ArabicWordOracle o;
  o.known = [](std::string_view w) { return words.count(std::string(w)) > 0; };
  o.place = [](std::string_view w) { return places.count(std::string(w)) > 0; };
  o.gloss = [](std::string_view w) -> std::optional<std::string> {
    if (w == FoldForMatch("و")) return "and";
    if (w == FoldForMatch("في")) return "in";
    return std::nullopt;
  };
  return o;
}

TEST(DetectLanguage, ArabicScriptWins) {
  EXPECT_EQ(DetectLanguage("قصفت قوات النظام بلدة سرمين بريف إدلب الشرقي صباح اليوم"), "ar");
  EXPECT_EQ(DetectLanguage("Regime forces shelled Sarmin (سرمين) in the Idlib countryside."), "en");
  EXPECT_EQ(DetectLanguage(""), "en");
  EXPECT_EQ(DetectLanguage("قصف"), "en");  // too little to tell
}

TEST(WithoutArabicArticle, DropsTheArticleBeforeThreeLettersOrMore) {
  EXPECT_EQ(WithoutArabicArticle(FoldForMatch("المدفعية")), FoldForMatch("مدفعية"));
  EXPECT_EQ(WithoutArabicArticle(FoldForMatch("مدفعية")), FoldForMatch("مدفعية"));
  // "ألقت" (dropped) folds to "القت": not the article on "قت".
  EXPECT_EQ(WithoutArabicArticle(FoldForMatch("ألقت")), FoldForMatch("ألقت"));
  EXPECT_EQ(WithoutArabicArticle(FoldForMatch("إلى")), FoldForMatch("إلى"));
  EXPECT_EQ(WithoutArabicArticle("alley"), "alley");
}

TEST(AnalyzeArabicWord, SplitsProcliticsOnlyBeforeKnownStems) {
  auto o = TestOracle();
  auto p = AnalyzeArabicWord(FoldForMatch("بقصف"), o);
  ASSERT_TRUE(p.has_value());
  ASSERT_EQ(p->proclitics.size(), 1u);
  EXPECT_EQ(p->proclitics[0], FoldForMatch("ب"));
  EXPECT_EQ(p->stem_norm, FoldForMatch("قصف"));

  // Conjunction + preposition + article: "وبالقصف" -> و ب + القصف -> "قصف".
  p = AnalyzeArabicWord(FoldForMatch("وبالقصف"), o);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->proclitics.size(), 2u);
  EXPECT_EQ(p->stem_norm, FoldForMatch("قصف"));

  // "للمدنيين": ل + (ا)لمدنيين, the article's alef elided.
  p = AnalyzeArabicWord(FoldForMatch("للمدنيين"), o);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->stem_norm, FoldForMatch("مدنيين"));

  // Known words stay whole: "فجر" (dawn) is not ف + "جر"; "بلدة" is not ب + "لدة".
  p = AnalyzeArabicWord(FoldForMatch("فجر"), o);
  ASSERT_TRUE(p.has_value());
  EXPECT_TRUE(p->proclitics.empty());
  p = AnalyzeArabicWord(FoldForMatch("بلدة"), o);
  ASSERT_TRUE(p.has_value());
  EXPECT_TRUE(p->proclitics.empty());

  // Unknown words are left alone.
  EXPECT_FALSE(AnalyzeArabicWord(FoldForMatch("بكذا"), o).has_value());
  // Latin words are not Arabic.
  EXPECT_FALSE(AnalyzeArabicWord("shelling", o).has_value());
}

TEST(AnalyzeArabicWord, PlaceNamesAfterLexiconWords) {
  auto o = TestOracle();
  // "وسرمين": و + a place name.
  auto p = AnalyzeArabicWord(FoldForMatch("وسرمين"), o);
  ASSERT_TRUE(p.has_value());
  ASSERT_EQ(p->proclitics.size(), 1u);
  EXPECT_EQ(p->proclitics[0], FoldForMatch("و"));
  // The article alone: "الطيران" -> "طيران".
  p = AnalyzeArabicWord(FoldForMatch("الطيران"), o);
  ASSERT_TRUE(p.has_value());
  EXPECT_TRUE(p->proclitics.empty());
  EXPECT_EQ(p->stem_norm, FoldForMatch("طيران"));
  // Glosses: "في" reads as "in".
  p = AnalyzeArabicWord(FoldForMatch("في"), o);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->stem_norm, "in");
}

TEST(AnalyzeArabicTokens, SpansStayOnTheOriginalBytes) {
  // Tashkeel on the proclitic stays with it: "وَ" + "القصف".
  const std::string text = "وَالقصف بريف إدلب، قتل ١٠ مدنيين.";
  TokenizedText tt = Tokenize(text);
  AnalyzeArabicTokens(tt, text, TestOracle());
  std::vector<std::string> surfaces, norms;
  for (const auto& t : tt.tokens) {
    surfaces.push_back(Surface(text, t));
    norms.push_back(t.norm);
  }
  ASSERT_GE(tt.tokens.size(), 9u);
  EXPECT_EQ(surfaces[0], "وَ");
  EXPECT_EQ(norms[0], "and");
  EXPECT_EQ(surfaces[1], "القصف");
  EXPECT_EQ(norms[1], FoldForMatch("قصف"));
  EXPECT_EQ(surfaces[2], "ب");
  EXPECT_EQ(surfaces[3], "ريف");
  EXPECT_EQ(surfaces[4], "إدلب");
  // "١٠" is the number 10.
  const Token* ten = nullptr;
  for (const auto& t : tt.tokens)
    if (Surface(text, t) == "١٠") ten = &t;
  ASSERT_NE(ten, nullptr);
  EXPECT_TRUE(ten->is_number);
  EXPECT_EQ(ten->norm, "10");
  // One sentence, covering every token.
  ASSERT_EQ(tt.sentences.size(), 1u);
  EXPECT_EQ(tt.sentences[0].first, 0u);
  EXPECT_EQ(tt.sentences[0].last, tt.tokens.size());
}

TEST(AnalyzeArabicTokens, DigitsWrittenOntoANounAreTwoWords) {
  const std::string text = "قتل 57 مدنيين بينهم 15طفلا";
  TokenizedText tt = Tokenize(text);
  AnalyzeArabicTokens(tt, text, TestOracle());
  ASSERT_GE(tt.tokens.size(), 2u);
  const Token& num = tt.tokens[tt.tokens.size() - 2];
  const Token& noun = tt.tokens.back();
  EXPECT_TRUE(num.is_number);
  EXPECT_EQ(num.norm, "15");
  EXPECT_EQ(Surface(text, num), "15");
  EXPECT_EQ(Surface(text, noun), "طفلا");
}

TEST(AnalyzeArabicTokens, LatinTextIsUntouched) {
  const std::string text = "Regime forces shelled Sarmin. Two civilians were killed.";
  TokenizedText tt = Tokenize(text);
  TokenizedText before = tt;
  AnalyzeArabicTokens(tt, text, TestOracle());
  ASSERT_EQ(tt.tokens.size(), before.tokens.size());
  for (size_t i = 0; i < tt.tokens.size(); ++i) EXPECT_EQ(tt.tokens[i].norm, before.tokens[i].norm);
  ASSERT_EQ(tt.sentences.size(), 2u);
  EXPECT_EQ(tt.sentences[1].first, before.sentences[1].first);
}

}  // namespace
}  // namespace harmwatch
