// Checks data/geo/admin1-crosswalk.tsv against the data: for each Syrian governorate,
// GeoNames places of the mapped GeoNames code (testdata/sy_cities500.txt, the Syrian
// rows of GeoNames cities500) must lie among OCHA places of the mapped OCHA P-code
// (../shared/gazetteers/syria-ocha). A swapped row would send Idlib's towns to Hama.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "harmwatch/geo/gazetteer.h"
#include "harmwatch/geo/gazetteer_build.h"
#include "harmwatch/geo/place_key.h"
#include "harmwatch/geo/test_util.h"

namespace harmwatch {
namespace {

TEST(CrosswalkTest, SyriaRowsAreComplete) {
  auto rows = LoadCrosswalk("");
  ASSERT_TRUE(rows.has_value()) << rows.error().message();
  std::set<std::string> gn, ocha, iso;
  for (const CrosswalkRow& r : *rows) {
    if (r.country != "SY") continue;
    gn.insert(r.geonames_code);
    ocha.insert(r.ocha_pcode);
    iso.insert(r.iso_3166_2);
    EXPECT_EQ(r.geonames_code.substr(0, 3), "SY.");
    EXPECT_EQ(r.ocha_pcode.substr(0, 2), "SY");
    EXPECT_EQ(r.iso_3166_2.substr(0, 3), "SY-");
    EXPECT_FALSE(r.english.empty());
  }
  EXPECT_EQ(gn.size(), 14u);
  EXPECT_EQ(ocha.size(), 14u);
  EXPECT_EQ(iso.size(), 14u);
  // Every GeoNames code exists in the GeoNames admin1 table.
  std::string table = testing::SharedPath("gazetteers/geonames/admin1CodesASCII.txt");
  if (std::filesystem::exists(table)) {
    auto names = LoadAdminTable(table);
    ASSERT_TRUE(names.has_value());
    for (const std::string& code : gn) EXPECT_TRUE(names->count(code)) << code;
  }
}

TEST(CrosswalkTest, SyriaGeoNamesPlacesFallInMappedOchaGovernorate) {
  std::string ocha_path = testing::SharedPath("gazetteers/syria-ocha/syr_populated_places.geojson");
  if (!std::filesystem::exists(ocha_path)) GTEST_SKIP() << "no " << ocha_path;
  IndexBuilder ocha;
  auto n = ImportOchaGeoJson(ocha_path, {}, &ocha, nullptr);
  ASSERT_TRUE(n.has_value());
  // Raw OCHA admin1 code per populated place: the crosswalk maps it into admin1_code,
  // so compare through the admin1 P-code of the place's governorate entry instead.
  std::map<std::string, std::string> gn_code_to_pcode;
  auto rows = LoadCrosswalk("");
  ASSERT_TRUE(rows.has_value());
  for (const CrosswalkRow& r : *rows) gn_code_to_pcode[r.geonames_code] = r.ocha_pcode;
  std::map<std::string, std::string> admin1_of_pcode;  // OCHA place -> OCHA admin1 P-code
  std::vector<const PlaceInput*> ocha_places;
  for (const PlaceInput& p : ocha.places()) {
    if (p.kind == PlaceKind::kPopulated) ocha_places.push_back(&p);
  }

  IndexBuilder gn;
  auto m = ImportGeoNames(testing::GeoTestData("sy_cities500.txt"), {}, &gn, nullptr);
  ASSERT_TRUE(m.has_value()) << m.error().message();
  // For each GeoNames place, the nearest OCHA place: its governorate (through the
  // crosswalk applied on the OCHA side) must be the one the GeoNames code maps to.
  std::map<std::string, std::pair<int, int>> agree;  // code -> (agree, total)
  for (const PlaceInput& g : gn.places()) {
    if (g.kind != PlaceKind::kPopulated || g.admin1_code.empty()) continue;
    const PlaceInput* best = nullptr;
    double best_km = 1e9;
    for (const PlaceInput* o : ocha_places) {
      double d = DistanceKm(g.lat, g.lon, o->lat, o->lon);
      if (d < best_km) best_km = d, best = o;
    }
    ASSERT_TRUE(best);
    auto& [ok, total] = agree[g.admin1_code];
    ++total;
    // The OCHA place's admin1_code is the GeoNames code the crosswalk gave its P-code.
    if (best->admin1_code == g.admin1_code) ++ok;
  }
  EXPECT_EQ(agree.size(), 14u);
  for (const auto& [code, counts] : agree) {
    // Border towns may sit nearer a neighbour's village; the bulk must agree.
    constexpr double kMinAgreement = 0.8;
    EXPECT_GE(counts.first, kMinAgreement * counts.second)
        << code << " (OCHA " << gn_code_to_pcode[code] << "): " << counts.first << " of "
        << counts.second << " GeoNames places nearest an OCHA place of the mapped governorate";
  }
}

// A row gives an area ACLED's spelling: the GeoNames admin1 table's own name for the
// row's code must be one of the row's names, by the key places are looked up by. A row
// under the wrong code would send that area's towns to another province.
TEST(CrosswalkTest, EveryRowNamesItsGeoNamesArea) {
  auto rows = LoadCrosswalk("");
  ASSERT_TRUE(rows.has_value()) << rows.error().message();
  std::string table = testing::SharedPath("gazetteers/geonames/admin1CodesASCII.txt");
  if (!std::filesystem::exists(table)) GTEST_SKIP() << "no " << table;
  auto names = LoadAdminTable(table);
  ASSERT_TRUE(names.has_value()) << names.error().message();
  std::set<std::string> seen;
  for (const CrosswalkRow& r : *rows) {
    EXPECT_TRUE(seen.insert(r.geonames_code).second) << r.geonames_code << " twice";
    EXPECT_EQ(r.geonames_code.substr(0, 3), r.country + ".") << r.geonames_code;
    auto it = names->find(r.geonames_code);
    ASSERT_NE(it, names->end()) << r.geonames_code << " is not a GeoNames admin1 code";
    std::set<std::string> keys = {CompactKey(r.english)};
    for (const auto& n : r.other_names) keys.insert(CompactKey(n));
    EXPECT_TRUE(keys.count(CompactKey(BareAdminName(it->second))) || keys.count(CompactKey(it->second)))
        << r.geonames_code << " is '" << it->second << "' in GeoNames, not " << r.english;
  }
}

}  // namespace
}  // namespace harmwatch
