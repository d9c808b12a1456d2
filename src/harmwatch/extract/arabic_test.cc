// Unit tests for extract/arabic over the repository's lexicons and actor tables:
// proclitics split against the real data, Arabic casualty shapes, verb-subject actors.
#include "harmwatch/extract/arabic.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unistd.h>

#include "harmwatch/geo/layers.h"
#include "harmwatch/lexicon/dates.h"
#include "harmwatch/text/fold.h"

namespace harmwatch {
namespace {

struct Resources {
  Lexicon lexicon;
  ActorTable actors;
  std::unique_ptr<Gazetteer> gazetteer;
};

const Resources& Res() {
  static const Resources* r = [] {
    auto* res = new Resources;
    const std::string data = HARMWATCH_TEST_DATA_DIR;
    for (const char* lang : {"en", "ar"}) {
      Status s = res->lexicon.AddDirectory(data + "/lexicons/" + lang);
      if (!s.ok()) ADD_FAILURE() << s.message();
    }
    Status s = res->actors.Load(data + "/actors");
    if (!s.ok()) ADD_FAILURE() << s.message();
    auto gaz = Gazetteer::Open({});
    if (gaz) res->gazetteer = std::move(*gaz);
    return res;
  }();
  return *r;
}

TokenizedText Prepared(const std::string& text) {
  TokenizedText tt = Tokenize(text);
  PrepareArabicTokens(tt, text, Res().lexicon, Res().actors, *Res().gazetteer);
  return tt;
}

std::vector<CasualtyFigure> Figures(const std::string& text) {
  TokenizedText tt = Prepared(text);
  auto n = static_cast<uint32_t>(tt.tokens.size());
  auto figs = FindCasualties(tt.tokens, 0, n, Res().lexicon, "");
  FindArabicCasualties(tt.tokens, 0, n, Res().lexicon, figs);
  return figs;
}

std::optional<int> Value(const std::vector<CasualtyFigure>& figs, const std::string& kind) {
  for (const auto& f : figs)
    if (f.kind == kind || (f.kind == "both" && kind != "abducted")) return f.value;
  return std::nullopt;
}

TEST(ArabicTokens, LexiconPhrasesMatchThroughProclitics) {
  // "والطيران الحربي" -> and + "طيران حربي", a weapon phrase.
  const std::string text = "وشن الطيران الحربي غارات على بلدة سرمين";
  TokenizedText tt = Prepared(text);
  bool weapon = false;
  for (const auto& m : Res().lexicon.Match(tt.tokens, 0, static_cast<uint32_t>(tt.tokens.size())))
    if (m.entry->category == "weapon" && m.entry->value == "airstrike") weapon = true;
  EXPECT_TRUE(weapon);
  EXPECT_EQ(tt.tokens[0].norm, "and");
}

TEST(ArabicTokens, TwoNamesOfOneMonthAreOneMonthWord) {
  const std::string text = "قصفت الطائرات البلدة يوم 12 آذار/مارس 2024 صباحا";
  TokenizedText tt = Prepared(text);
  auto dates = FindDates(tt.tokens, 0, static_cast<uint32_t>(tt.tokens.size()), Res().lexicon);
  const DateMention* full = nullptr;
  for (const auto& d : dates)
    if (d.day) full = &d;
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->day, 12);
  EXPECT_EQ(full->month, 3);
  EXPECT_EQ(full->year, 2024);
  ASSERT_EQ(tt.sentences.size(), 1u);
  EXPECT_EQ(tt.sentences[0].last, tt.tokens.size());
}

TEST(ArabicCasualties, CommonShapes) {
  EXPECT_EQ(Value(Figures("ما أدى إلى مقتل خمسة مدنيين وإصابة 10 آخرين"), "killed"), 5);
  EXPECT_EQ(Value(Figures("ما أدى إلى مقتل خمسة مدنيين وإصابة 10 آخرين"), "injured"), 10);
  EXPECT_EQ(Value(Figures("أسفر القصف عن استشهاد ٣ أطفال"), "killed"), 3);
  EXPECT_EQ(Value(Figures("استشهد مدنيان بقصف مدفعي"), "killed"), 2);
  EXPECT_EQ(Value(Figures("ما أسفر عن استشهاد مدني على الفور"), "killed"), 1);
  EXPECT_EQ(Value(Figures("شهيدان بانفجار لغم"), "killed"), 2);
  EXPECT_EQ(Value(Figures("ما أسفر عن مقتل ما لا يقل عن 12 شخصا"), "killed"), 12);
  EXPECT_EQ(Value(Figures("ارتفعت حصيلة القتلى إلى 25"), "killed"), 25);
  EXPECT_EQ(Value(Figures("ما أسفر عن مقتلهما على الفور"), "killed"), 2);
  EXPECT_EQ(Value(Figures("مقتل خمسة وعشرين مدنيا"), "killed"), 25);
  // The toll named first, its new figure after the verb.
  auto toll = Figures("إن عدد قتلى قصف النظام على محافظة إدلب الليلة الماضية ارتفع إلى 55 بينهم 32 من عائلة واحدة");
  EXPECT_EQ(Value(toll, "killed"), 55);
  ASSERT_FALSE(toll.empty());
  EXPECT_TRUE(toll[0].total);
  // A number, the people, then the verb; "و" written onto the number.
  EXPECT_EQ(Value(Figures("أفاد مصدر بأن 497 شخصا أصيبوا بجروح"), "injured"), 497);
  EXPECT_EQ(Value(Figures("ارتقى 57 شهيدا و497 شخصا أصيبوا بجروح"), "injured"), 497);
  EXPECT_EQ(Value(Figures("وقالت المصادر إن 12 مدنيا قتلوا في القصف"), "killed"), 12);
}

TEST(ArabicCasualties, NoFigureWithoutANumber) {
  // "سقوط قتلى وجرحى": casualties, no figure.
  EXPECT_FALSE(Value(Figures("ما أدى إلى سقوط قتلى وجرحى"), "killed").has_value());
  // "عشرات" (dozens) is vague.
  EXPECT_FALSE(Value(Figures("وجرح عشرات المدنيين"), "injured").has_value());
}

TEST(ArabicCasualties, NoneReported) {
  auto figs = Figures("سقطت قذائف على البلدة دون وقوع إصابات");
  ASSERT_FALSE(figs.empty());
  EXPECT_TRUE(figs[0].zero);
  EXPECT_EQ(figs[0].value, 0);
}

TEST(ArabicSubject, TheActorAfterTheAttackWordsActs) {
  auto subject = [](const std::string& text) -> std::string {
    TokenizedText tt = Prepared(text);
    auto actors = Res().actors.Find(tt.tokens, text, 0, static_cast<uint32_t>(tt.tokens.size()));
    const ActorMention* a = ArabicSubject(tt.tokens, 0, actors, Res().lexicon);
    if (!a) return "";
    return a->role == "named" ? a->canonical : a->role;
  };
  EXPECT_EQ(subject("استهدفت طائرات النظام مدينة سراقب"), "military");
  EXPECT_EQ(subject("غارة جوية للطيران الحربي الروسي على بلدة جرجناز"), "Military Forces of Russia");
  EXPECT_EQ(subject("قصف مدفعي لقوات سوريا الديمقراطية"), "Syrian Democratic Forces");
  // The attack words name the attacker: "قصف تركي على قرية".
  EXPECT_EQ(subject("قصف تركي على قرية الدردارة"), "Military Forces of Turkey");
  // A target after the victims is not the subject: "مقتل عنصرين من قوات النظام".
  EXPECT_EQ(subject("مقتل عنصرين من قوات النظام"), "");
}

// "النظام" is the regime, written with its article or not ("نظام الأسد", "للنظام"); a bare
// "نظام" before a definite noun heads a construct: "نظام التهدئة" is the truce arrangement.
TEST(ArabicActors, ABareNounBeforeADefiniteOneIsNoActor) {
  auto roles = [](const std::string& text) {
    TokenizedText tt = Prepared(text);
    std::string out;
    for (const auto& a : Res().actors.Find(tt.tokens, text, 0, static_cast<uint32_t>(tt.tokens.size())))
      out += (out.empty() ? "" : " ") + (a.role == "named" ? a.canonical : a.role);
    return out;
  };
  EXPECT_EQ(roles("خرق جديد لنظام التهدئة في حلب"), "");
  EXPECT_EQ(roles("خرق جديد نظام التهدئة في حلب"), "");
  EXPECT_EQ(roles("قصف النظام مدينة سراقب"), "military");
  EXPECT_EQ(roles("قصف نظام الأسد مدينة سراقب"), "military");
  EXPECT_EQ(roles("قصف مدفعي للنظام على مدينة سراقب"), "military");
}

// Place mentions over the small in-repo GeoNames file (it has the Arabic names).
class ArabicPlaces : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    namespace fs = std::filesystem;
    dir_ = new fs::path(fs::temp_directory_path() / ("hw_arabic_places_" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    std::string layer = (*dir_ / "sy.hwg").string();
    std::vector<std::string> warnings;
    auto n = CompileLayer(std::string(HARMWATCH_SOURCE_DIR) + "/src/harmwatch/geo/testdata/sy_cities500.txt",
                          layer, {}, &warnings);
    ASSERT_TRUE(n.has_value()) << n.error().message();
    auto gaz = Gazetteer::Open({layer});
    ASSERT_TRUE(gaz.has_value());
    gaz_ = gaz->release();
  }
  static void TearDownTestSuite() {
    delete gaz_;
    gaz_ = nullptr;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  // Every mention of `text`, in text order.
  static std::vector<PlaceMention> Mentions(const std::string& text) {
    TokenizedText tt = Tokenize(text);
    PrepareArabicTokens(tt, text, Res().lexicon, Res().actors, *gaz_);
    PlaceContext ctx{gaz_, &Res().lexicon, &Res().actors};
    std::vector<PlaceMention> out;
    PlaceLookup lookup(*gaz_);
    for (uint32_t si = 0; si < tt.sentences.size(); ++si) {
      std::vector<uint8_t> blocked(tt.sentences[si].last - tt.sentences[si].first, 0);
      FindArabicPlaceMentions(tt, text, ctx, lookup, si, blocked, out);
    }
    return out;
  }
  static std::map<std::string, PlaceMention> ByText(const std::vector<PlaceMention>& out) {
    std::map<std::string, PlaceMention> by_text;
    for (const auto& m : out) by_text[m.text] = m;
    return by_text;
  }
  static const Gazetteer* gaz_;
  static std::filesystem::path* dir_;
};
const Gazetteer* ArabicPlaces::gaz_ = nullptr;
std::filesystem::path* ArabicPlaces::dir_ = nullptr;

TEST_F(ArabicPlaces, TypedListedAndReferencePlaces) {
  auto out = Mentions("قصفت قوات النظام بلدة سرمين وسراقب جنوب إدلب، ثم قرية كفرتخاريم الصغيرة.");
  auto by_text = ByText(out);
  ASSERT_TRUE(by_text.count("سرمين"));
  EXPECT_TRUE(by_text["سرمين"].typed);          // "بلدة سرمين"
  EXPECT_FALSE(by_text["سرمين"].candidates.empty());
  ASSERT_TRUE(by_text.count("سراقب"));           // "وسراقب": و split off, a list item
  EXPECT_TRUE(by_text["سراقب"].cued);
  ASSERT_TRUE(by_text.count("إدلب"));
  EXPECT_TRUE(by_text["إدلب"].reference);       // "جنوب إدلب" after other places
  ASSERT_TRUE(by_text.count("كفرتخاريم"));       // typed, kept even if no layer knows it
  EXPECT_TRUE(by_text["كفرتخاريم"].typed);
  // Mentions come in text order.
  for (size_t k = 1; k < out.size(); ++k) EXPECT_LE(out[k - 1].first, out[k].first);
}

// A name opened by "خان", "تل", "عين" that no layer knows, and the city that locates it.
TEST_F(ArabicPlaces, UnknownNamesOpenedByAPlaceWord) {
  // After "منطقة", which alone does not promise a name ("منطقة سكنية").
  auto a = ByText(Mentions("انفجرت سيارة مفخخة في سوق شعبي بمنطقة خان بني سعد شمال شرق إدلب."));
  ASSERT_TRUE(a.count("خان بني سعد"));
  EXPECT_FALSE(a["خان بني سعد"].reference);
  ASSERT_TRUE(a.count("إدلب"));
  EXPECT_TRUE(a["إدلب"].reference);
  // After "ب" only when a direction follows; the capital and its country in between.
  auto b = ByText(Mentions("انفجرت سيارة مفخخة بخان بني سعد شمال العاصمة السورية دمشق."));
  ASSERT_TRUE(b.count("خان بني سعد"));
  ASSERT_TRUE(b.count("دمشق"));
  EXPECT_TRUE(b["دمشق"].reference);
  EXPECT_FALSE(ByText(Mentions("جلس في بيت عائلته.")).count("بيت عائلته"));
  // An area right after a place holds it.
  auto c = ByText(Mentions("انفجرت قنبلة في الأراضي المحيطة لقرية سرمين في منطقة سهل الغاب."));
  ASSERT_TRUE(c.count("سهل الغاب"));
  EXPECT_TRUE(c["سهل الغاب"].reference);
  // A distance makes a direction a bearing even with no place named before it.
  auto d = ByText(Mentions("استهدف التفجير سوقا في البلدة الواقعة على مسافة 30 كيلومترا شمال شرقي العاصمة دمشق."));
  ASSERT_TRUE(d.count("دمشق"));
  EXPECT_TRUE(d["دمشق"].reference);
  auto e = ByText(Mentions("قصفت قوات النظام شمال دمشق."));
  ASSERT_TRUE(e.count("دمشق"));
  EXPECT_FALSE(e["دمشق"].reference);
}

}  // namespace
}  // namespace harmwatch
