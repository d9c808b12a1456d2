#include "harmwatch/ingest/boilerplate.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "harmwatch/ingest/readers.h"
#include "harmwatch/ingest/test_util.h"

namespace harmwatch {
namespace {

std::string Slurp(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const std::string &s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string line;
  while (std::getline(ss, line)) out.push_back(line);
  return out;
}

TEST(BoilerplateTest, BuiltinRulesCompile) {
  auto built = BoilerplateRules::FromTsv(
      {{"en.tsv", Slurp(std::string(HARMWATCH_TEST_DATA_DIR) + "/boilerplate/en.tsv")},
       {"ar.tsv", Slurp(std::string(HARMWATCH_TEST_DATA_DIR) + "/boilerplate/ar.tsv")}});
  ASSERT_TRUE(built) << built.error().message();
  EXPECT_EQ(built->size(), BoilerplateRules::Builtin().size());
  EXPECT_GT(BoilerplateRules::Builtin().size(), 30u);
}

TEST(BoilerplateTest, BadRuleNamesFileAndLine) {
  auto bad = BoilerplateRules::FromTsv({{"x.tsv", "# c\nok\t3\n(unclosed\t3\n"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message().rfind("x.tsv:3: bad pattern '(unclosed'", 0), 0u)
      << bad.error().message();
  auto words = BoilerplateRules::FromTsv({{"y.tsv", "share\tmany\n"}});
  ASSERT_FALSE(words);
  EXPECT_NE(words.error().message().find("y.tsv:1: max_words"), std::string::npos);
}

TEST(BoilerplateTest, LinesJudgedWholeAndShort) {
  const auto &r = BoilerplateRules::Builtin();
  for (const char *line : {"Please enter your comment!",
                           "  Please enter your name here ",
                           "Leave a Reply",
                           "Share this:",
                           "Share on Facebook",
                           "Tweet",
                           "WhatsApp",
                           "Telegram",
                           "Print",
                           "Email",
                           "Read more",
                           "Related Articles",
                           "Subscribe",
                           "Sign up for our newsletter",
                           "Follow us on Twitter",
                           "Advertisement",
                           "Skip to content",
                           "Home » News",
                           "Credit: (Social Media)",
                           "Photo: AFP",
                           "(Photo by OMAR HAJ KADOUR / AFP)",
                           "Image source, Getty Images",
                           "File photo",
                           "© 2023 Levant24. All rights reserved.",
                           "All rights reserved",
                           "We use cookies to give you the best experience on our site.",
                           "You have entered an incorrect email address!",
                           "Save my name, email, and website in this browser for the next time I "
                           "comment.",
                           "شارك",
                           "اقرأ أيضاً",
                           "تابعونا",
                           "مقالات ذات صلة"}) {
    EXPECT_TRUE(r.IsBoilerplateLine(line)) << line;
  }
  for (const char *line : {"Share prices fell after the shelling of the market.",
                           "Credit for the attack was claimed by a group that has previously "
                           "targeted civilians "
                           "in the western countryside of Aleppo.",
                           "Print media reported eight dead.", "Email from the minister", "",
                           "Assad Regime and Allies Attack Civilians in Aleppo and Idlib Province",
                           "شارك في الهجوم عناصر من قوات النظام"}) {
    EXPECT_FALSE(r.IsBoilerplateLine(line)) << line;
  }
}

TEST(BoilerplateTest, SeedReportStripsOnlyCruft) {
  const std::string original =
      Slurp(std::string(HARMWATCH_SHARED_DIR) + "/examples/seed-levant24.txt");
  ASSERT_FALSE(original.empty());
  const InputDocument doc = DocumentFromText(original);
  EXPECT_EQ(doc.original, original);
  ASSERT_FALSE(doc.text_to_original.empty());
  testing::ExpectOffsetsRoundTrip(doc);
  // Every text byte maps to an identical original byte: nothing is synthesised.
  for (size_t i = 0; i < doc.text.size(); ++i) {
    ASSERT_EQ(doc.text[i], original[doc.text_to_original[i]]) << i;
  }
  std::vector<std::string> kept;
  for (const std::string &line : Lines(original)) {
    if (line == "Please enter your comment!" || line == "Please enter your name here" ||
        line == "Credit: (Social Media)") {
      continue;
    }
    kept.push_back(line);
  }
  EXPECT_EQ(Lines(doc.text), kept);
  EXPECT_EQ(doc.text.find("Please enter"), std::string::npos);
  EXPECT_EQ(doc.text.find("Credit:"), std::string::npos);
}

TEST(BoilerplateTest, NothingRemovedKeepsIdentityMap) {
  const InputDocument doc = DocumentFromText("Shelling hit Sarmin.\nTwo were injured.");
  EXPECT_TRUE(doc.text_to_original.empty());
  EXPECT_EQ(doc.text, doc.original);
}

TEST(BoilerplateTest, SpansMapBackAfterRemoval) {
  const InputDocument doc = DocumentFromText("Share this:\nTweet\nRockets hit Idlib.\nPrint");
  EXPECT_EQ(doc.text, "Rockets hit Idlib.\n");
  const TextSpan in_text{8, 11};  // "hit"
  EXPECT_EQ(doc.ToOriginal(in_text).In(doc.original), "hit");
}

}  // namespace
}  // namespace harmwatch
