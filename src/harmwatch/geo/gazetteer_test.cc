// Builder -> file -> mmap round trip, lookups over layers, and robustness against
// truncated and corrupted index files.
#include "harmwatch/geo/gazetteer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "harmwatch/geo/gazetteer_build.h"
#include "harmwatch/geo/layers.h"
#include "harmwatch/geo/test_util.h"

namespace harmwatch {
namespace {

using testing::GeoNamesLine;
using testing::ReadFile;
using testing::ScratchDir;

std::string SmallDump() {
  return GeoNamesLine("169389", "Idlib", "Idlib", "Edleb,Idleb,إدلب,ادلب", "35.93062", "36.63393",
                      "P", "PPLA", "SY", "12", "", "128840") +
         GeoNamesLine("164782", "Sarmīn", "Sarmin", "Sarmin,سرمين,12345,http://x.org/y", "35.90403",
                      "36.72501", "P", "PPLA3", "SY", "12", "", "14530") +
         GeoNamesLine("170063", "Aleppo", "Aleppo", "Halab,Haleb,حلب,ALP", "36.20124", "37.16117",
                      "P", "PPLA", "SY", "09", "", "1602264") +
         GeoNamesLine("170654", "Damascus", "Damascus", "Dimashq,Ash Sham,دمشق", "33.5102",
                      "36.29128", "P", "PPLC", "SY", "13", "", "1569394") +
         GeoNamesLine("170017", "Ḩamāh", "Hamah", "Hama,Hamah,حماة", "35.13179", "36.75783", "P",
                      "PPLA", "SY", "10", "", "460602");
}

std::string BuildSmall(const ScratchDir& dir, std::vector<std::string>* warnings = nullptr) {
  std::string dump = dir.Write("SY.txt", SmallDump());
  std::string admin1 = dir.Write(
      "admin1.json", R"([{"code":"SY.12","name":"Idlib"},{"code":"SY.09","name":"Aleppo"},)"
                     R"({"code":"SY.13","name":"Dimashq"},{"code":"SY.10","name":"Hama"}])");
  IndexBuilder builder;
  std::vector<std::string> w;
  auto n = ImportGeoNames(dump, ImportOptions{admin1, "", "", ""}, &builder, &w);
  EXPECT_TRUE(n.has_value()) << n.error().message();
  std::string out = dir.Path("small.hwg");
  Status s = builder.Write(out);
  EXPECT_TRUE(s.ok()) << s.message();
  if (warnings) *warnings = w;
  return out;
}

TEST(GazetteerTest, EmptyIsValid) {
  auto g = Gazetteer::Open({});
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ((*g)->size(), 0u);
  EXPECT_TRUE((*g)->Lookup("Idlib").empty());
  EXPECT_TRUE((*g)->FindCountry("SY").empty());
}

TEST(GazetteerTest, MissingFileIsNotFound) {
  auto g = Gazetteer::Open({"/nonexistent/x.hwg"});
  ASSERT_FALSE(g.has_value());
  EXPECT_EQ(g.error().code(), StatusCode::kNotFound);
  EXPECT_NE(g.error().message().find("/nonexistent/x.hwg"), std::string::npos);
}

TEST(GazetteerTest, RoundTrip) {
  ScratchDir dir;
  std::string path = BuildSmall(dir);
  ASSERT_TRUE(VerifyGazetteerIndex(path).ok());
  auto g = Gazetteer::Open({path});
  ASSERT_TRUE(g.has_value()) << g.error().message();
  // 5 places + 4 admin1 areas + 1 country.
  EXPECT_EQ((*g)->size(), 10u);

  auto sarmin = (*g)->Lookup("Sarmin");
  ASSERT_EQ(sarmin.size(), 1u);
  const Place& p = sarmin[0].place;
  EXPECT_EQ(p.name, "Sarmīn");
  EXPECT_EQ(p.admin1, "Idlib");
  EXPECT_EQ(p.admin1_code, "SY.12");
  EXPECT_EQ(p.country, "SY");
  EXPECT_EQ(p.feature_code, "PPLA3");
  EXPECT_EQ(p.kind, PlaceKind::kPopulated);
  EXPECT_EQ(p.population, 14530u);
  EXPECT_EQ(p.geonameid, 164782);
  EXPECT_EQ(p.layer, 0);
  EXPECT_NEAR(p.lat, 35.90403, 1e-9);
  EXPECT_EQ(sarmin[0].match, MatchKind::kCompact);

  // Arabic alternates are indexed; digits and URLs are not.
  EXPECT_EQ((*g)->Lookup("سرمين").size(), 1u);
  EXPECT_TRUE((*g)->Lookup("12345").empty());
  EXPECT_TRUE((*g)->Lookup("ALP").empty());
  // Variant spellings through the compact key.
  auto hama = (*g)->Lookup("Hamah");
  ASSERT_FALSE(hama.empty());
  EXPECT_EQ(hama[0].place.name, "Ḩamāh");
  // Crosswalk names the admin1 areas as the news does: Dimashq -> Damascus.
  auto damascus = (*g)->FindAdmin1("Dimashq");
  ASSERT_EQ(damascus.size(), 1u);
  EXPECT_EQ(damascus[0].name, "Damascus");
  EXPECT_EQ(damascus[0].kind, PlaceKind::kAdmin1);
  // The admin1 place sits at its PPLC/PPLA seat.
  EXPECT_NEAR(damascus[0].lat, 33.5102, 1e-6);
  auto idlib = (*g)->FindAdmin1("Idleb");
  ASSERT_EQ(idlib.size(), 1u);
  EXPECT_EQ(idlib[0].admin1_code, "SY.12");
  EXPECT_EQ((*g)->FindAdmin1("SY.12").size(), 1u);
  EXPECT_EQ((*g)->FindAdmin1("إدلب").size(), 1u);
  EXPECT_TRUE((*g)->FindAdmin1("Sarmin").empty());

  auto sy = (*g)->FindCountry("sy");
  ASSERT_EQ(sy.size(), 1u);
  EXPECT_EQ(sy[0].name, "Syria");
  EXPECT_NEAR(sy[0].lat, 33.5102, 1e-6);  // the PPLC
  EXPECT_EQ((*g)->FindCountry("Syrian Arab Republic").size(), 1u);
  EXPECT_TRUE((*g)->FindCountry("FR").empty());

  EXPECT_GE((*g)->max_name_words(), 2);  // "Ash Sham"
  // Skeleton lookups are broad: "Idleb" and "Edleb" share "dlb".
  auto skel = (*g)->LookupSpellingVariants("Idleeb", {}, 0);
  EXPECT_TRUE(std::any_of(skel.begin(), skel.end(), [](const Candidate& c) {
    return c.place.name == "Idlib" && c.match == MatchKind::kSkeleton;
  }));
}

// Loose lookups only offer names that start alike and are about as long: "Idleeb"
// (compact "idlib") meets "Adlab" (vowel class, same length) but not "Dalab" (other
// first letter) or "Idlibiyya" (three letters longer), though all share "dlb".
TEST(GazetteerTest, SpellingVariantsStartAlikeAndAreAboutAsLong) {
  ScratchDir dir;
  IndexBuilder b;
  for (const char* name : {"Idlib", "Adlab", "Dalab", "Idlibiyya"}) {
    PlaceInput p;
    p.name = name;
    p.country = "SY";
    b.Add(p);
  }
  std::string path = dir.Path("variants.hwg");
  ASSERT_TRUE(b.Write(path).ok());
  auto g = Gazetteer::Open({path});
  ASSERT_TRUE(g.has_value()) << g.error().message();
  std::vector<std::string> names;
  for (const Candidate& c : (*g)->LookupSpellingVariants("Idleeb", {}, 0)) names.emplace_back(c.place.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Idlib", "Adlab"}));
  // `accept` sees the matched names and can refuse them.
  auto none = (*g)->LookupSpellingVariants("Idleeb", [](std::string_view n) { return n != "Idlib"; }, 0);
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].place.name, "Adlab");
}

// "Salem" has namesakes everywhere: with a limit, the places with P-codes all stay, then
// the most populous of the rest; ties keep the gazetteer's order.
TEST(GazetteerTest, LimitKeepsDetailedPlacesThenTheMostPopulous) {
  ScratchDir dir;
  IndexBuilder b;
  struct Row {
    const char* country;
    uint32_t population;
    const char* pcode;
  };
  for (const Row& r : {Row{"US", 50, ""}, Row{"IN", 900, ""}, Row{"SY", 10, "C1"}, Row{"GB", 900, ""},
                       Row{"SY", 5, "C2"}, Row{"DE", 70, ""}}) {
    PlaceInput p;
    p.name = "Salem";
    p.country = r.country;
    p.population = r.population;
    p.pcode = r.pcode;
    b.Add(p);
  }
  std::string path = dir.Path("salem.hwg");
  ASSERT_TRUE(b.Write(path).ok());
  auto g = Gazetteer::Open({path});
  ASSERT_TRUE(g.has_value()) << g.error().message();
  auto countries = [](const std::vector<Candidate>& found) {
    std::string out;
    for (const Candidate& c : found) out += std::string(c.place.country) + std::string(c.place.pcode) + " ";
    return out;
  };
  EXPECT_EQ(countries((*g)->Lookup("Salem")), "US IN SYC1 GB SYC2 DE ");
  EXPECT_EQ(countries((*g)->Lookup("Salem", 6)), "US IN SYC1 GB SYC2 DE ");
  EXPECT_EQ(countries((*g)->Lookup("Salem", 4)), "SYC1 SYC2 IN GB ");
  EXPECT_EQ(countries((*g)->Lookup("Salem", 1)), "SYC1 SYC2 ");
  EXPECT_EQ(countries((*g)->LookupSpellingVariants("Saleem", {}, 3)), "SYC1 SYC2 IN ");
}

// Indexes written by version 1 (one skeleton key per name, not partitioned) still open
// and answer every lookup as a freshly built index of the same places does.
TEST(GazetteerTest, Version1IndexAnswersAsTheCurrentFormat) {
  ScratchDir dir;
  IndexBuilder builder;
  ASSERT_TRUE(ImportGeoNames(testing::GeoTestData("sy_cities500.txt"), {}, &builder, nullptr).has_value());
  std::string current = dir.Path("current.hwg");
  ASSERT_TRUE(builder.Write(current).ok());
  auto old_g = Gazetteer::Open({testing::GeoTestData("sy_cities500.v1.hwg")});
  auto new_g = Gazetteer::Open({current});
  ASSERT_TRUE(old_g.has_value()) << old_g.error().message();
  ASSERT_TRUE(new_g.has_value()) << new_g.error().message();
  // Populated places only: the built-in country table may have changed since.
  auto describe = [](const std::vector<Candidate>& found) {
    std::vector<std::string> out;
    for (const Candidate& c : found)
      if (c.place.kind == PlaceKind::kPopulated)
        out.push_back(std::string(c.place.name) + "|" + std::string(c.matched_name));
    return out;
  };
  std::istringstream dump(ReadFile(testing::GeoTestData("sy_cities500.txt")));
  std::string line;
  size_t queries = 0, variants = 0;
  while (std::getline(dump, line)) {
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string f; std::getline(fields, f, '\t');) cols.push_back(f);
    ASSERT_GT(cols.size(), 3u);
    for (const std::string& q : {cols[1], cols[2]}) {
      ++queries;
      EXPECT_EQ(describe((*old_g)->Lookup(q)), describe((*new_g)->Lookup(q))) << q;
      auto loose = describe((*new_g)->LookupSpellingVariants(q, {}, 0));
      variants += loose.size();
      EXPECT_EQ(describe((*old_g)->LookupSpellingVariants(q, {}, 0)), loose) << q;
    }
  }
  EXPECT_GT(queries, 500u);
  EXPECT_GT(variants, queries);  // every name finds at least itself, some others too
}

TEST(GazetteerTest, LayersAreNumberedAndIdsDistinct) {
  ScratchDir dir;
  std::string a = BuildSmall(dir);
  IndexBuilder b;
  PlaceInput p;
  p.name = "Sarmin";
  p.name_ar = "سرمين";
  p.lat = 35.904;
  p.lon = 36.7238;
  p.country = "SY";
  p.admin1 = "Idlib";
  p.admin1_code = "SY.12";
  p.pcode = "C3910";
  p.feature_code = "OCHA";
  b.Add(p);
  std::string second = dir.Path("ocha.hwg");
  ASSERT_TRUE(b.Write(second).ok());
  auto g = Gazetteer::Open({a, second});
  ASSERT_TRUE(g.has_value());
  auto found = (*g)->Lookup("Sarmin");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].place.layer, 0);
  EXPECT_EQ(found[1].place.layer, 1);
  EXPECT_EQ(found[1].place.pcode, "C3910");
  EXPECT_NE(found[0].place.id, found[1].place.id);
  EXPECT_EQ(found[1].place.id, 10u);  // after the 10 places of layer 0
}

TEST(GazetteerTest, DistanceKm) {
  // Idlib - Aleppo is about 58 km.
  EXPECT_NEAR(DistanceKm(35.93062, 36.63393, 36.20124, 37.16117), 57.0, 3.0);
  EXPECT_NEAR(DistanceKm(0, 0, 0, 0), 0.0, 1e-9);
}

// Every lookup kind on a gazetteer that opened; must not crash whatever the bytes.
void ExerciseAll(const Gazetteer& g) {
  for (const char* q : {"Idlib", "Sarmin", "Hama", "Syria", "Damascus", "dlb", "إدلب"}) {
    for (const Candidate& c : g.Lookup(q)) {
      volatile size_t n = c.place.name.size() + c.place.admin1.size() + c.matched_name.size();
      (void)n;
    }
    (void)g.LookupSpellingVariants(q, {}, 0);
    (void)g.FindAdmin1(q);
    (void)g.FindCountry(q);
  }
  (void)g.FindCountry("SY");
}

TEST(GazetteerTest, TruncatedFilesFailCleanly) {
  ScratchDir dir;
  std::string path = BuildSmall(dir);
  std::string bytes = testing::ReadFile(path);
  ASSERT_GT(bytes.size(), 200u);
  std::vector<size_t> cuts = {0,
                              1,
                              3,
                              4,
                              8,
                              64,
                              127,
                              128,
                              129,
                              bytes.size() / 3,
                              bytes.size() / 2,
                              bytes.size() - 9,
                              bytes.size() - 1};
  for (size_t cut : cuts) {
    std::string p = dir.Write("cut.hwg", bytes.substr(0, cut));
    auto g = Gazetteer::Open({p});
    ASSERT_FALSE(g.has_value()) << "cut at " << cut;
    EXPECT_EQ(g.error().code(), StatusCode::kCorrupt) << g.error().message();
    EXPECT_NE(g.error().message().find("cut.hwg"), std::string::npos);
  }
  std::string garbage = dir.Write("junk.hwg", std::string(4096, '\x5a'));
  auto g = Gazetteer::Open({garbage});
  ASSERT_FALSE(g.has_value());
  EXPECT_EQ(g.error().code(), StatusCode::kCorrupt);
}

TEST(GazetteerTest, FlippedBytesNeverCrash) {
  ScratchDir dir;
  std::string path = BuildSmall(dir);
  std::string bytes = testing::ReadFile(path);
  size_t opened = 0, rejected = 0, verify_rejected = 0;
  // Flip every byte of the header and a stride of the body, one at a time.
  for (size_t i = 0; i < bytes.size(); i += (i < 128 ? 1 : 7)) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0xFF);
    std::string p = dir.Write("flip.hwg", bad);
    auto g = Gazetteer::Open({p});
    if (!g.has_value()) {
      ++rejected;
      continue;
    }
    ++opened;
    ExerciseAll(**g);
    if (!VerifyGazetteerIndex(p).ok()) ++verify_rejected;
  }
  EXPECT_GT(rejected, 0u);         // header damage is caught at open
  EXPECT_GT(opened, 0u);           // body damage opens, and lookups above did not crash
  EXPECT_GT(verify_rejected, 0u);  // ... and the full check catches offset damage
}

TEST(GazetteerTest, ResolveLayerPathsOrderAndCache) {
  ScratchDir dir;
  std::string var = dir.Path("var");
  std::filesystem::create_directories(var + "/gazetteer/layers");
  std::string built = BuildSmall(dir);
  std::filesystem::copy_file(built, var + "/gazetteer/default.hwg");
  std::filesystem::copy_file(built, var + "/gazetteer/layers/b.hwg");
  std::filesystem::copy_file(built, var + "/gazetteer/layers/a.hwg");
  std::string src = dir.Write("extra.txt", SmallDump());
  std::vector<std::string> warnings;
  auto paths = ResolveLayerPaths(var, {src, built}, &warnings);
  ASSERT_TRUE(paths.has_value()) << paths.error().message();
  ASSERT_EQ(paths->size(), 5u);
  EXPECT_EQ((*paths)[0], var + "/gazetteer/default.hwg");
  EXPECT_EQ((*paths)[1], var + "/gazetteer/layers/a.hwg");
  EXPECT_EQ((*paths)[2], var + "/gazetteer/layers/b.hwg");
  EXPECT_NE((*paths)[3].find("/gazetteer/cache/"), std::string::npos);
  EXPECT_EQ((*paths)[4], built);
  auto again = ResolveLayerPaths(var, {src}, &warnings);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->back(), (*paths)[3]);  // reused, same content hash
  auto g = Gazetteer::Open(*paths);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ((*g)->Lookup("Sarmin").size(), 5u);

  auto missing = ResolveLayerPaths(var, {dir.Path("nope.geojson")}, &warnings);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace harmwatch
