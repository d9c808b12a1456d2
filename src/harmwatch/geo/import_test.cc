// Importers: GeoNames dumps, OCHA GeoJSON/CSV (synthetic and the real Syria layer),
// admin tables, and bad input of every kind.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "harmwatch/geo/gazetteer.h"
#include "harmwatch/geo/gazetteer_build.h"
#include "harmwatch/geo/test_util.h"

namespace harmwatch {
namespace {

using testing::GeoNamesLine;
using testing::ScratchDir;

bool AnyContains(const std::vector<std::string>& v, const std::string& needle) {
  return std::any_of(v.begin(), v.end(),
                     [&](const std::string& s) { return s.find(needle) != std::string::npos; });
}

const PlaceInput* FindByName(const IndexBuilder& b, const std::string& name, PlaceKind kind) {
  for (const PlaceInput& p : b.places()) {
    if (p.name == name && p.kind == kind) return &p;
  }
  return nullptr;
}

TEST(Utf8Test, RepairAndValidate) {
  EXPECT_TRUE(IsValidUtf8("Sarmin سرمين"));
  EXPECT_FALSE(IsValidUtf8("\xD8"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  std::string out;
  // "سر" then a lead byte cut off before the closing quote.
  EXPECT_EQ(RepairUtf8("\xD8\xB3\xD8\xB1\xD9\"", &out), 1u);
  EXPECT_EQ(out, "\xD8\xB3\xD8\xB1\xEF\xBF\xBD\"");
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(RepairUtf8("ok", &out), 0u);
  EXPECT_EQ(out, "ok");
}

TEST(GeoNamesImportTest, BadLinesAreSkippedWithWarnings) {
  ScratchDir dir;
  std::string dump =
      GeoNamesLine("1", "Good One", "Good One", "", "35.1", "36.2", "P", "PPL", "SY", "12", "",
                   "10") +
      "2\tToo\tFew\tcolumns\n" +
      GeoNamesLine("3", "Bad Coords", "Bad Coords", "", "north", "36.2", "P", "PPL", "SY", "12", "",
                   "0") +
      GeoNamesLine("4", "Good Two", "Good Two", "", "35.2", "36.3", "P", "PPL", "SY", "12", "",
                   "0") +
      GeoNamesLine("5", "Far", "Far", "", "135.2", "36.3", "P", "PPL", "SY", "12", "", "0");
  std::string path = dir.Write("SY.txt", dump);
  IndexBuilder b;
  std::vector<std::string> warnings;
  auto n = ImportGeoNames(path, {}, &b, &warnings);
  ASSERT_TRUE(n.has_value()) << n.error().message();
  EXPECT_TRUE(FindByName(b, "Good One", PlaceKind::kPopulated));
  EXPECT_TRUE(FindByName(b, "Good Two", PlaceKind::kPopulated));
  EXPECT_FALSE(FindByName(b, "Bad Coords", PlaceKind::kPopulated));
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_NE(warnings[0].find("SY.txt: line 2: expected 19 tab-separated columns, found 4"),
            std::string::npos)
      << warnings[0];
  EXPECT_NE(warnings[1].find("line 3"), std::string::npos);
  EXPECT_NE(warnings[2].find("line 5"), std::string::npos);
  // Admin1 from the built-in crosswalk even without admin tables.
  EXPECT_EQ(FindByName(b, "Good One", PlaceKind::kPopulated)->admin1, "Idlib");
  // Weighted mean: weights 11 and 1.
  const PlaceInput* admin1 = FindByName(b, "Idlib", PlaceKind::kAdmin1);
  ASSERT_TRUE(admin1);
  EXPECT_NEAR(admin1->lat, (35.1 * 11 + 35.2) / 12, 1e-9);
  EXPECT_TRUE(FindByName(b, "Syria", PlaceKind::kCountry));
}

TEST(GeoNamesImportTest, RejectsEmptyAndJunk) {
  ScratchDir dir;
  IndexBuilder b;
  std::vector<std::string> warnings;
  auto empty = ImportGeoNames(dir.Write("empty.txt", ""), {}, &b, &warnings);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(empty.error().message().find("empty.txt"), std::string::npos);

  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 7919) % 256);
  auto bin = ImportGeoNames(dir.Write("junk.txt", junk), {}, &b, &warnings);
  ASSERT_FALSE(bin.has_value());
  EXPECT_NE(bin.error().message().find("junk.txt"), std::string::npos);
  EXPECT_NE(bin.error().message().find("line"), std::string::npos) << bin.error().message();

  auto missing = ImportGeoNames(dir.Path("nope.txt"), {}, &b, &warnings);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(b.size(), 0u);
}

TEST(AdminTableTest, BothFormats) {
  ScratchDir dir;
  auto json = LoadAdminTable(dir.Write("a1.json", R"([{"code":"SY.12","name":"Idlib"}])"));
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(json->at("SY.12"), "Idlib");
  auto tsv = LoadAdminTable(dir.Write("a1.txt", "SY.12\tIdlib\tIdlib\t169387\n"));
  ASSERT_TRUE(tsv.has_value());
  EXPECT_EQ(tsv->at("SY.12"), "Idlib");
  auto bad = LoadAdminTable(dir.Write("bad.json", "[{\"code\": 1}"));
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("bad.json"), std::string::npos);
  std::string shared = testing::SharedPath("gazetteers/geonames/admin1CodesASCII.txt");
  if (std::filesystem::exists(shared)) {
    auto real = LoadAdminTable(shared);
    ASSERT_TRUE(real.has_value()) << real.error().message();
    EXPECT_EQ(real->at("SY.12"), "Idlib");
    EXPECT_GT(real->size(), 3000u);
  }
}

TEST(AdminTableTest, AreasGoByTheirBareNames) {
  EXPECT_EQ(BareAdminName("Kaduna State"), "Kaduna");
  EXPECT_EQ(BareAdminName("Cortés Department"), "Cortés");
  EXPECT_EQ(BareAdminName("Abidjan Autonomous District"), "Abidjan");
  EXPECT_EQ(BareAdminName("Diego Martin Regional Corporation"), "Diego Martin");
  EXPECT_EQ(BareAdminName("Idlib"), "Idlib");
  EXPECT_EQ(BareAdminName("State"), "State");  // the type word alone stays
  EXPECT_EQ(BareAdminName("Red Sea"), "Red Sea");

  // A NG place in an admin1 the table calls "Kaduna State": the place and the area take
  // "Kaduna", and the full name still finds the area.
  ScratchDir dir;
  std::string admin1 = dir.Write("admin1.json", R"([{"code":"NG.23","name":"Kaduna State"}])");
  std::string dump = GeoNamesLine("7", "Zaria", "Zaria", "", "11.08", "7.71", "P", "PPL", "NG",
                                  "23", "", "975153");
  IndexBuilder b;
  std::vector<std::string> warnings;
  ImportOptions options;
  options.admin1_path = admin1;
  auto n = ImportGeoNames(dir.Write("NG.txt", dump), options, &b, &warnings);
  ASSERT_TRUE(n.has_value()) << n.error().message();
  const PlaceInput* zaria = FindByName(b, "Zaria", PlaceKind::kPopulated);
  ASSERT_TRUE(zaria);
  EXPECT_EQ(zaria->admin1, "Kaduna");
  const PlaceInput* area = FindByName(b, "Kaduna", PlaceKind::kAdmin1);
  ASSERT_TRUE(area);
  EXPECT_NE(std::find(area->alt_names.begin(), area->alt_names.end(), "Kaduna State"),
            area->alt_names.end());
}

// A district with a name of its own becomes an area at its seat, so "(Kandhamal,
// Odisha)" resolves; one named like its town (Cuttack) does not compete with the town.
TEST(GeoNamesImportTest, DistrictsBecomeAreasUnlessATownHasTheirName) {
  ScratchDir dir;
  ImportOptions options;
  options.admin1_path = dir.Write("admin1.json", R"([{"code":"IN.21","name":"Odisha"}])");
  options.admin2_path = dir.Write(
      "admin2.json",
      R"([{"code":"IN.21.100","name":"Kandhamal District"},{"code":"IN.21.200","name":"Cuttack"}])");
  std::string dump =
      GeoNamesLine("1", "Phulbani", "Phulbani", "", "20.48", "84.23", "P", "PPLA2", "IN", "21", "100", "37000") +
      GeoNamesLine("2", "Baliguda", "Baliguda", "", "20.19", "83.91", "P", "PPL", "IN", "21", "100", "15000") +
      GeoNamesLine("3", "Cuttack", "Cuttack", "", "20.46", "85.88", "P", "PPLA2", "IN", "21", "200", "600000");
  IndexBuilder b;
  std::vector<std::string> warnings;
  auto n = ImportGeoNames(dir.Write("IN.txt", dump), options, &b, &warnings);
  ASSERT_TRUE(n.has_value()) << n.error().message();
  const PlaceInput* district = FindByName(b, "Kandhamal", PlaceKind::kAdmin2);
  ASSERT_TRUE(district);
  EXPECT_EQ(district->admin1, "Odisha");
  EXPECT_EQ(district->admin2, "Kandhamal");
  EXPECT_EQ(district->country, "IN");
  EXPECT_DOUBLE_EQ(district->lat, 20.48);  // the seat, Phulbani
  EXPECT_DOUBLE_EQ(district->lon, 84.23);
  EXPECT_EQ(district->population, 0u);  // not the sum that would outweigh its towns
  EXPECT_FALSE(FindByName(b, "Cuttack", PlaceKind::kAdmin2));
  EXPECT_TRUE(FindByName(b, "Cuttack", PlaceKind::kPopulated));
}

TEST(CountriesTest, BuiltInTableCoversIso) {
  auto c = LoadCountries("");
  ASSERT_TRUE(c.has_value()) << c.error().message();
  EXPECT_GE(c->size(), 245u);
  EXPECT_EQ(c->at("SY").name, "Syria");
  EXPECT_EQ(c->at("PS").name, "Palestine");
}

constexpr const char* kSyntheticGeoJson = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"NAME_EN":"Sarmin","NAM_EN_REF":"Sarmeen","NAME_ARA":"سرمين","PCODE":"C3910","ADMIN1_COD":"SY07","ADMIN1_EN":"Idleb","ADMIN1_ARA":"إدلب","ADMIN2_COD":"SY0700","ADMIN2_EN":"Idleb","ADMIN2_ARA":"إدلب","LATITUDE":35.904,"LONGITUDE":36.7238},"geometry":{"type":"MultiPoint","coordinates":[[36.7238,35.904]]}},
{"type":"Feature","properties":{"NAME_EN":"Broken","NAM_EN_REF":"Broken","NAME_ARA":"BROKEN","PCODE":"C9999","ADMIN1_COD":"SY07","ADMIN1_EN":"Idleb","ADMIN1_ARA":"إدلب","ADMIN2_COD":"SY0700","ADMIN2_EN":"Idleb","ADMIN2_ARA":"إدلب","LATITUDE":null,"LONGITUDE":null},"geometry":{"type":"Point","coordinates":[36.5,35.5]}},
{"type":"Feature","properties":{"NAME_EN":"Nowhere","PCODE":"C1","ADMIN1_COD":"SY07","LATITUDE":"x","LONGITUDE":null},"geometry":null}
]})";

TEST(OchaImportTest, SyntheticGeoJsonWithBrokenArabic) {
  ScratchDir dir;
  std::string text = kSyntheticGeoJson;
  // "بر" then a lead byte whose continuation was cut off.
  text.replace(text.find("BROKEN"), 6, "\xD8\xA8\xD8\xB1\xD9");
  std::string path = dir.Write("places.geojson", text);
  IndexBuilder b;
  std::vector<std::string> warnings;
  auto n = ImportOchaGeoJson(path, {}, &b, &warnings);
  ASSERT_TRUE(n.has_value()) << n.error().message();
  EXPECT_TRUE(AnyContains(warnings,
                          "places.geojson: feature 2 (PCODE C9999): NAME_ARA is not valid UTF-8; "
                          "Arabic name dropped"));
  EXPECT_TRUE(AnyContains(warnings, "feature 3"));  // no coordinates: skipped
  const PlaceInput* broken = FindByName(b, "Broken", PlaceKind::kPopulated);
  ASSERT_TRUE(broken);
  EXPECT_TRUE(broken->name_ar.empty());
  EXPECT_NEAR(broken->lat, 35.5, 1e-9);  // from the geometry
  const PlaceInput* sarmin = FindByName(b, "Sarmin", PlaceKind::kPopulated);
  ASSERT_TRUE(sarmin);
  EXPECT_EQ(sarmin->admin1, "Idlib");
  EXPECT_EQ(sarmin->admin1_code, "SY.12");
  EXPECT_EQ(sarmin->country, "SY");
  EXPECT_EQ(sarmin->pcode, "C3910");
  EXPECT_EQ(sarmin->feature_code, "OCHA");
  EXPECT_EQ(sarmin->geonameid, 0);
  EXPECT_EQ(sarmin->name_ar, "سرمين");
  const PlaceInput* gov = FindByName(b, "Idlib", PlaceKind::kAdmin1);
  ASSERT_TRUE(gov);
  EXPECT_EQ(gov->name_ar, "إدلب");
  EXPECT_EQ(gov->pcode, "SY07");
  EXPECT_NEAR(gov->lat, (35.904 + 35.5) / 2, 1e-9);
  EXPECT_TRUE(std::count(gov->alt_names.begin(), gov->alt_names.end(), "Idleb"));
  EXPECT_TRUE(FindByName(b, "Idleb", PlaceKind::kAdmin2));
  EXPECT_FALSE(FindByName(b, "Nowhere", PlaceKind::kPopulated));
}

TEST(OchaImportTest, Csv) {
  ScratchDir dir;
  std::string csv =
      "NAME_EN,NAM_EN_REF,NAME_ARA,PCODE,ADMIN1_COD,ADMIN1_EN,ADMIN1_ARA,ADMIN2_COD,ADMIN2_EN,"
      "ADMIN2_ARA,LATITUDE,LONGITUDE\n"
      "Sarmin,Sarmeen,سرمين,C3910,SY07,Idleb,إدلب,SY0700,Idleb,إدلب,35.904,36.7238\n"
      "\"Kafr Nubl, town\",Kafrnabel,\xD9,C1,SY07,Idleb,إدلب,SY0704,Maarrat An "
      "Nu'man,x,35.61,36.56\n"
      "Short,row\n";
  std::string path = dir.Write("places.csv", csv);
  IndexBuilder b;
  std::vector<std::string> warnings;
  auto n = ImportOchaCsv(path, {}, &b, &warnings);
  ASSERT_TRUE(n.has_value()) << n.error().message();
  EXPECT_TRUE(AnyContains(warnings, "places.csv: line 3 (PCODE C1): NAME_ARA is not valid UTF-8"));
  EXPECT_TRUE(AnyContains(warnings, "places.csv: line 4: expected 12 columns, found 2"));
  const PlaceInput* kafr = FindByName(b, "Kafr Nubl, town", PlaceKind::kPopulated);
  ASSERT_TRUE(kafr);
  EXPECT_EQ(kafr->admin1, "Idlib");
  EXPECT_NEAR(kafr->lon, 36.56, 1e-9);
  // ImportFile picks the CSV importer from the extension.
  IndexBuilder b2;
  ASSERT_TRUE(ImportFile(path, {}, &b2, nullptr).has_value());
  EXPECT_EQ(b2.size(), b.size());
}

TEST(OchaImportTest, RejectsBadFiles) {
  ScratchDir dir;
  IndexBuilder b;
  std::vector<std::string> warnings;
  for (const auto& [name, content] : std::vector<std::pair<std::string, std::string>>{
           {"empty.geojson", ""},
           {"notjson.geojson", "this is not json"},
           {"array.geojson", "[1,2,3]"},
           {"nofeatures.geojson", R"({"type":"FeatureCollection","features":[]})"},
           {"binary.geojson", std::string("\x00\x01\x02\xff\xfe", 5)}}) {
    auto r = ImportOchaGeoJson(dir.Write(name, content), {}, &b, &warnings);
    ASSERT_FALSE(r.has_value()) << name;
    EXPECT_EQ(r.error().code(), StatusCode::kInvalidArgument) << name;
    EXPECT_NE(r.error().message().find(name), std::string::npos) << r.error().message();
  }
  auto csv = ImportOchaCsv(dir.Write("bad.csv", "a,b,c\n1,2,3\n"), {}, &b, &warnings);
  ASSERT_FALSE(csv.has_value());
  EXPECT_NE(csv.error().message().find("bad.csv:1"), std::string::npos);
  EXPECT_EQ(b.size(), 0u);
}

TEST(OchaImportTest, RealSyriaLayer) {
  std::string path = testing::SharedPath("gazetteers/syria-ocha/syr_populated_places.geojson");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  IndexBuilder b;
  std::vector<std::string> warnings;
  auto n = ImportOchaGeoJson(path, {}, &b, &warnings);
  ASSERT_TRUE(n.has_value()) << n.error().message();
  size_t populated = 0, admin1 = 0, admin2 = 0;
  for (const PlaceInput& p : b.places()) {
    populated += p.kind == PlaceKind::kPopulated;
    admin1 += p.kind == PlaceKind::kAdmin1;
    admin2 += p.kind == PlaceKind::kAdmin2;
  }
  EXPECT_EQ(populated, 5251u);
  EXPECT_EQ(admin1, 14u);
  EXPECT_GT(admin2, 50u);
  ASSERT_FALSE(warnings.empty());
  for (const std::string& w : warnings) {
    EXPECT_NE(w.find("syr_populated_places.geojson: feature "), std::string::npos) << w;
    EXPECT_NE(w.find("(PCODE C"), std::string::npos) << w;
    EXPECT_NE(w.find("Arabic name dropped"), std::string::npos) << w;
  }
  // Every admin1 name is the news/ACLED one.
  std::vector<std::string> names;
  for (const PlaceInput& p : b.places()) {
    if (p.kind == PlaceKind::kAdmin1) names.push_back(p.name);
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names,
            (std::vector<std::string>{"Al-Hasakeh", "Aleppo", "Ar-Raqqa", "As-Suwayda", "Damascus",
                                      "Dar'a", "Deir ez-Zor", "Hama", "Homs", "Idlib", "Latakia",
                                      "Quneitra", "Rif Dimashq", "Tartus"}));

  ScratchDir dir;
  std::string out = dir.Path("ocha.hwg");
  ASSERT_TRUE(b.Write(out).ok());
  ASSERT_TRUE(VerifyGazetteerIndex(out).ok());
  auto g = Gazetteer::Open({out});
  ASSERT_TRUE(g.has_value());
  auto sarmin = (*g)->Lookup("Sarmin");
  ASSERT_FALSE(sarmin.empty());
  EXPECT_TRUE(std::any_of(sarmin.begin(), sarmin.end(), [](const Candidate& c) {
    return c.place.admin1 == "Idlib" && c.place.kind == PlaceKind::kPopulated &&
           !c.place.pcode.empty() && c.place.name_ar == "سرمين";
  }));
  // "Nairab" and "An Nayrab" meet on the compact key; the Idlib one is among them.
  auto nairab = (*g)->Lookup("Nairab");
  auto nayrab = (*g)->Lookup("An Nayrab");
  ASSERT_FALSE(nairab.empty());
  EXPECT_EQ(nairab.size(), nayrab.size());
  EXPECT_TRUE(std::any_of(nairab.begin(), nairab.end(),
                          [](const Candidate& c) { return c.place.admin1 == "Idlib"; }));
  EXPECT_FALSE((*g)->Lookup("النيرب").empty());
  auto idleb = (*g)->FindAdmin1("Idleb");
  ASSERT_EQ(idleb.size(), 1u);
  EXPECT_EQ(idleb[0].name, "Idlib");
  EXPECT_EQ(idleb[0].pcode, "SY07");
  EXPECT_EQ((*g)->FindAdmin1("إدلب").size(), 1u);
  EXPECT_EQ((*g)->FindAdmin1("Rural Damascus").size(), 1u);
}

}  // namespace
}  // namespace harmwatch
