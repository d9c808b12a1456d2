#include "harmwatch/geo/place_key.h"

#include <gtest/gtest.h>

namespace harmwatch {
namespace {

TEST(CompactKeyTest, HeaderExamples) {
  EXPECT_EQ(CompactKey("Kafrta’al"), "kafrtal");
  EXPECT_EQ(CompactKey("Kafr Ta'al"), "kafrtal");
  EXPECT_EQ(CompactKey("An Nayrab"), "nayrab");
  EXPECT_EQ(CompactKey("Al-Zahraa"), "zahra");
  EXPECT_EQ(SkeletonKey("Nairab"), "nrb");
  EXPECT_EQ(SkeletonKey("Nayrab"), "nrb");
}

TEST(CompactKeyTest, ArticlesAndVariants) {
  EXPECT_EQ(CompactKey("Al-Shuhada"), "shuhada");
  EXPECT_EQ(CompactKey("Nairab"), CompactKey("An Nayrab"));
  EXPECT_EQ(CompactKey("Hamah"), CompactKey("Hama"));
  EXPECT_EQ(CompactKey("Raqqa"), CompactKey("Ar-Raqqa"));
  EXPECT_EQ(CompactKey("Raqa"), CompactKey("Raqqa"));
  EXPECT_EQ(CompactKey("Deir ez-Zor"), CompactKey("Deir-ez-Zor"));
  EXPECT_EQ(CompactKey("Qusair"), CompactKey("Kusayr"));
  // A single word is never dropped even if it looks like an article.
  EXPECT_EQ(CompactKey("As"), "as");
  // "camp" is not generic: the camp is not the town.
  EXPECT_NE(CompactKey("Atmeh camp"), CompactKey("Atmeh"));
  EXPECT_EQ(CompactKey("Sarmin village"), CompactKey("Sarmin"));
  EXPECT_EQ(CompactKey(""), "");
  EXPECT_EQ(CompactKey("  - "), "");
}

TEST(CompactKeyTest, DaratIzza) {
  EXPECT_EQ(CompactKey("Darat Izza"), CompactKey("Dārat ‘Izzah"));
  EXPECT_EQ(SkeletonKey("Darat Izza"), SkeletonKey("Dārat ‘Izzah"));
}

TEST(CompactKeyTest, Arabic) {
  EXPECT_EQ(CompactKey("إدلب"), CompactKey("ادلب"));
  EXPECT_EQ(CompactKey("الرقة"), CompactKey("الرقه"));
  EXPECT_EQ(CompactKey("الرقة"), CompactKey("رقة"));
  EXPECT_FALSE(CompactKey("إدلب").empty());
}

TEST(SkeletonKeyTest, Variants) {
  EXPECT_EQ(SkeletonKey("Idlib"), SkeletonKey("Idleb"));
  EXPECT_EQ(SkeletonKey("Idlib"), "dlb");
  EXPECT_NE(SkeletonKey("Aleppo"), SkeletonKey("Halab"));
  EXPECT_NE(CompactKey("Aleppo"), CompactKey("Halab"));
  EXPECT_EQ(SkeletonKey("Kafr Nubl"), SkeletonKey("Kfar Nobol"));
  EXPECT_EQ(SkeletonKey("aeiou"), "");
}

// Plain-ASCII names take a fast path; a combining mark (dropped by folding) sends the
// same name down the general one. Both must give the same keys.
TEST(CompactKeyTest, AsciiPathAgreesWithGeneralPath) {
  const char* names[] = {"Kafr Ta'al", "An Nayrab", "Al-Zahraa", "Hamah", "Ar-Raqqa",
                         "Deir ez-Zor", "Qusair", "As", "As Sa", "Atmeh camp", "Sarmin village",
                         "Al Bab city", "phoenix", "Ouled Djellal", "Beit Lahia", "Zeitoun",
                         "Tell Abyad", "Maarat al-Numan", "  - ", "", "a", "ah", "aah", "Ash",
                         "12 de Octubre", "Sheikh Maqsoud", "Kfar  Zeita", "x'y`z", "O'Neill",
                         "Eeyore Poohh", "Village Town City", "Raqqa's"};
  for (const char* name : names) {
    std::string general = std::string(name) + "\u0301";
    EXPECT_EQ(CompactKey(name), CompactKey(general)) << name;
    EXPECT_EQ(SkeletonKey(name), SkeletonKey(general)) << name;
  }
}

}  // namespace
}  // namespace harmwatch
