// Unit tests for the extraction stages: casualty figures, named victims and actors.
#include <gtest/gtest.h>

#include <optional>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "harmwatch/extract/actors.h"
#include "harmwatch/extract/casualties.h"
#include "harmwatch/extract/events.h"
#include "harmwatch/extract/places.h"
#include "harmwatch/geo/layers.h"
#include "harmwatch/extract/victims.h"
#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {
namespace {

std::string DataDir() { return HARMWATCH_TEST_DATA_DIR; }

const Lexicon& En() {
  static const Lexicon* lex = [] {
    auto* l = new Lexicon;
    Status s = l->AddDirectory(DataDir() + "/lexicons/en");
    if (!s.ok()) ADD_FAILURE() << s.message();
    return l;
  }();
  return *lex;
}

const ActorTable& Actors() {
  static const ActorTable* table = [] {
    auto* t = new ActorTable;
    Status s = t->Load(DataDir() + "/actors");
    if (!s.ok()) ADD_FAILURE() << s.message();
    return t;
  }();
  return *table;
}

// ---------------------------------------------------------------- places

// A gazetteer of layers compiled from (file name, contents) pairs, in that order: a
// ".txt" is a GeoNames dump (19-column lines), a ".geojson" an OCHA populated-places
// layer. `admin1_rows`, if any, name the provinces the crosswalk does not
// (admin1CodesASCII rows).
std::unique_ptr<Gazetteer> LayersOf(const std::string& name,
                                    const std::vector<std::pair<std::string, std::string>>& sources,
                                    const std::string& admin1_rows = "") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("hw_" + name + "_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  ImportOptions options;
  if (!admin1_rows.empty()) {
    options.admin1_path = (dir / "admin1CodesASCII.txt").string();
    std::ofstream(options.admin1_path) << admin1_rows;
  }
  std::vector<std::string> layers;
  for (const auto& [file, contents] : sources) {
    std::ofstream(dir / file) << contents;
    layers.push_back((dir / (file + ".hwg")).string());
    std::vector<std::string> warnings;
    auto n = CompileLayer((dir / file).string(), layers.back(), options, &warnings);
    EXPECT_TRUE(n.has_value()) << n.error().message();
  }
  auto gaz = Gazetteer::Open(layers);
  EXPECT_TRUE(gaz.has_value());
  fs::remove_all(dir);  // the indexes stay mapped
  return gaz ? std::move(*gaz) : nullptr;
}

// A gazetteer of one GeoNames layer compiled from `rows`.
std::unique_ptr<Gazetteer> LayerOf(const std::string& name, const std::string& rows,
                                   const std::string& admin1_rows = "") {
  return LayersOf(name, {{name + ".txt", rows}}, admin1_rows);
}

// A writer of GeoNames dump lines for places of one country, all at one point
// ("LAT\tLON"), appended to `rows`.
auto RowsOf(std::string& rows, const char* country, const char* lat_lon, const char* timezone) {
  return [&rows, country, lat_lon, timezone](int id, const std::string& name, const char* feature_class,
                                             const char* code, const std::string& admin1, int population) {
    rows += std::to_string(id) + "\t" + name + "\t" + name + "\t\t" + lat_lon + "\t" + feature_class + "\t" +
            code + "\t" + country + "\t\t" + admin1 + "\t\t\t\t" + std::to_string(population) + "\t\t300\t" +
            timezone + "\t2020-01-01\n";
  };
}

// A GeoNames layer of one town.
std::unique_ptr<Gazetteer> TownLayer(const std::string& name, const char* country, const char* lat_lon,
                                     const char* timezone, int id, const std::string& town,
                                     const char* feature_code, const std::string& admin1, int population) {
  std::string rows;
  RowsOf(rows, country, lat_lon, timezone)(id, town, "P", feature_code, admin1, population);
  return LayerOf(name, rows);
}

// A GeoNames layer of two villages, one of them named like a common first name.
std::unique_ptr<Gazetteer> TwoVillages() {
  return LayerOf("villages",
                 "900001\tKhaled\tKhaled\t\t36.99\t40.98\tP\tPPL\tSY\t\t08\t\t\t\t0\t\t300\t"
                 "Asia/Damascus\t2020-01-01\n"
                 "900002\tSarmin\tSarmin\t\t35.90\t36.72\tP\tPPL\tSY\t\t10\t\t\t\t14000\t\t300\t"
                 "Asia/Damascus\t2020-01-01\n"
                 "900003\tIdlib Governorate\tIdlib Governorate\tIdlib\t35.83\t36.67\tA\tADM1\tSY\t\t10"
                 "\t\t\t\t1500000\t\t300\tAsia/Damascus\t2020-01-01\n");
}

std::vector<std::string> MentionsIn(const Gazetteer& gaz, const std::string& text) {
  TokenizedText tt = Tokenize(text);
  std::vector<std::string> out;
  for (const auto& m : FindPlaceMentions(tt, text, PlaceContext{&gaz, &En(), &Actors()}))
    out.push_back(m.text);
  return out;
}

TEST(FindPlaceMentions, ANameAfterAWordForAPersonIsNotAVillage) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  using V = std::vector<std::string>;
  EXPECT_EQ(MentionsIn(*gaz, "A mortar hit Sarmin, killing a farmer and his son Khaled, 17."),
            V{"Sarmin"});
  EXPECT_EQ(MentionsIn(*gaz, "A girl named Khaled was hurt in Sarmin."), V{"Sarmin"});
  // Written as a place, it is one.
  EXPECT_EQ(MentionsIn(*gaz, "Shells fell on the village of Khaled and on Sarmin."),
            (V{"Khaled", "Sarmin"}));
}

// "North Sinai": "North" alone is no place, but it opens a name the layer knows whole.
TEST(FindPlaceMentions, ADirectionOpeningAKnownNameIsPartOfIt) {
  auto gaz = LayerOf("north",
                     "900030\tNorth Sinai\tNorth Sinai\t\t31.13\t33.80\tA\tADM1\tEG\t\t27\t\t\t\t400000\t\t300\t"
                     "Africa/Cairo\t2020-01-01\n"
                     "900031\tSinnai\tSinnai\t\t39.30\t9.20\tP\tPPL\tIT\t\t14\t\t\t\t17000\t\t300\t"
                     "Europe/Rome\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  using V = std::vector<std::string>;
  EXPECT_EQ(MentionsIn(*gaz, "Airstrikes hit villages in North Sinai."), V{"North Sinai"});
  EXPECT_EQ(MentionsIn(*gaz, "Airstrikes hit North Sinai and Sinnai."), (V{"North Sinai", "Sinnai"}));
  // Where a comma chain names its area, the name is whole even when no layer knows it:
  // not Sinnai in Italy.
  EXPECT_EQ(MentionsIn(*gaz, "A bomb went off in Khaled, South Sinnai."), (V{"Khaled", "South Sinnai"}));
}

// ACLED's notes: "Kagara (Rafi LGA, Niger)" and "attacked Muaja" mark places; "Sabuwa LGA"
// names Sabuwa, the admin word saying what it is.
TEST(FindPlaceMentions, MonitorsNotesMarkPlacesByBracketsVerbsAndAdminWords) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  TokenizedText tt = Tokenize("Gunmen killed a resident of Kagara (Rafi LGA, Niger).");
  auto m = FindPlaceMentions(tt, "Gunmen killed a resident of Kagara (Rafi LGA, Niger).",
                             PlaceContext{gaz.get(), &En(), &Actors()});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].text, "Kagara");
  EXPECT_TRUE(m[0].cued);
  using V = std::vector<std::string>;
  EXPECT_EQ(MentionsIn(*gaz, "Islamic militants attacked Muaja and killed a man."), V{"Muaja"});
  auto lga = MentionsIn(*gaz, "Fulani militias attacked a village in Sabuwa LGA and killed five.");
  ASSERT_FALSE(lga.empty());
  EXPECT_EQ(lga[0], "Sabuwa");
}

// "across the LoC at Sarmin": an English preposition between capitalized words ends a name
// ("Bir at Tutah" keeps it: a name's first word comes before).
TEST(FindPlaceMentions, AnEnglishPrepositionEndsAName) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  auto found = MentionsIn(*gaz, "Troops exchanged fire across the LoC at Sarmin village.");
  EXPECT_NE(std::find(found.begin(), found.end(), "Sarmin"), found.end());
  for (const auto& m : found) EXPECT_EQ(m.find(" at "), std::string::npos) << m;
  auto arabic = MentionsIn(*gaz, "Shells fell in Bir at Tutah, killing two.");
  EXPECT_NE(std::find(arabic.begin(), arabic.end(), "Bir at Tutah"), arabic.end());
}

// "Sarmin security forces", "the Sarmin Vengeance Units": whose forces, not where; a place
// the text marks ("in Sarmin police ...") or a facility ("Sarmin Police Station") stays.
TEST(FindPlaceMentions, ANameForABodyOfMenIsNoPlace) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  using V = std::vector<std::string>;
  EXPECT_EQ(MentionsIn(*gaz, "Militants attacked Sarmin security forces near the village of Khaled."),
            V{"Khaled"});
  EXPECT_EQ(MentionsIn(*gaz, "The Sarmin Vengeance Units claimed a bombing in the village of Khaled."),
            V{"Khaled"});
  EXPECT_EQ(MentionsIn(*gaz, "A bomb exploded at the Sarmin Police Station."), V{"Sarmin"});
  EXPECT_EQ(MentionsIn(*gaz, "Gunmen opened fire in Sarmin police said."), V{"Sarmin"});
  // "the Gulf Cartel", "Los Pinas Cartel": a criminal group's name.
  EXPECT_EQ(MentionsIn(*gaz, "Members of the Sarmin Cartel clashed with police in the village of Khaled."),
            V{"Khaled"});
}

// "Around 4 May 2020 (week of), In Heroica Matamoros, ...": a capitalized preposition
// inside a sentence marks the place after it, as "in" would; it is no title before a
// person's name.
TEST(FindPlaceMentions, ACapitalizedPrepositionMarksThePlaceAfterIt) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  TokenizedText tt = Tokenize("Around 4 May (week of), In Sarmin, gunmen shot dead two civilians.");
  auto found = FindPlaceMentions(tt, "Around 4 May (week of), In Sarmin, gunmen shot dead two civilians.",
                                 PlaceContext{gaz.get(), &En(), &Actors()});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].text, "Sarmin");
  EXPECT_TRUE(found[0].cued);
}

// The record ExtractEvents makes of `text` over one gazetteer layer.
DocumentRecord RecordOf(const Gazetteer& gaz, const std::string& text, const std::string& published = "") {
  InputDocument doc;
  doc.id = "test";
  doc.text = doc.original = text;
  doc.published = published;
  return ExtractEvents(doc, ExtractResources{&En(), &Actors(), &gaz});
}

// The one event a short note tells (a failure, and an empty event, when it tells more
// or none).
Event OnlyEvent(const Gazetteer& gaz, const std::string& text, const std::string& published) {
  DocumentRecord rec = RecordOf(gaz, text, published);
  EXPECT_EQ(rec.events.size(), 1u) << text;
  return rec.events.empty() ? Event{} : rec.events[0];
}

// "In Libya, ... in Abu Salim": the only place the attack is told at has a namesake abroad
// (here in the West Bank) and none at home; the event is kept there, as written, in the
// report's country, not dropped.
TEST(ExtractEvents, AnAttackAtAPlaceKnownOnlyAbroadKeepsItsPlace) {
  auto gaz = LayerOf("abroad",
                     "900070\tAbu Salim\tAbu Salim\t\t31.90\t35.20\tP\tPPL\tPS\t\tWE\t\t\t\t2000\t\t500\t"
                     "Asia/Hebron\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  DocumentRecord rec = RecordOf(
      *gaz, "In Libya, on 7 May 2020, shells fired by LNA forces injured two health workers in Abu Salim.");
  ASSERT_EQ(rec.events.size(), 1u);
  EXPECT_EQ(rec.events[0].location.name, "Abu Salim");
  EXPECT_EQ(rec.events[0].location.country, "LY");
  EXPECT_FALSE(rec.events[0].location.geonameid);
}

// "Paletwa Township, Chin State": the town is unknown, so the province written after it
// holds it. "Chin" is also an old name of two Jinzhous in Liaoning; the two are one
// mention's namesakes, and neither names Liaoning for the other, so the province by its
// own name wins, and the event is in its country, whatever the namesakes voted.
TEST(ExtractEvents, AProvinceAfterAnUnknownTownHoldsItNotANamesakesProvince) {
  auto gaz = LayerOf("chin",
                     "900090\tJinzhou\tJinzhou\tChin\t41.10\t121.14\tP\tPPL\tCN\t\t19\t\t\t\t604000\t\t20\t"
                     "Asia/Shanghai\t2020-01-01\n"
                     "900091\tJinzhou\tJinzhou\tChin\t39.10\t121.71\tP\tPPL\tCN\t\t19\t\t\t\t215000\t\t20\t"
                     "Asia/Shanghai\t2020-01-01\n"
                     "900092\tChin\tChin\t\t22.64\t93.61\tA\tADM1\tMM\t\t02\t\t\t\t478000\t\t500\t"
                     "Asia/Yangon\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  DocumentRecord rec = RecordOf(
      *gaz, "On 8 May 2020, in Paletwa Township, Chin State, a bullet hit and injured a man at his house.");
  ASSERT_EQ(rec.events.size(), 1u);
  const Location& loc = rec.events[0].location;
  EXPECT_EQ(loc.name, "Paletwa");
  EXPECT_EQ(loc.country, "MM") << loc.resolution;
  ASSERT_TRUE(loc.lat.has_value());
  EXPECT_NEAR(*loc.lat, 22.64, 0.01);
}

// "Pong Hai village, ..., tambon Mae Salong Nai, Mae Fa Luang district of Chiang Rai":
// of the areas the sentence names, the one in the report's country holds the unknown
// village, not a French town that is also spelt "Nai".
TEST(ExtractEvents, AnUnknownVillageIsHeldByAnAreaOfTheReportsCountry) {
  auto gaz = LayerOf("pong",
                     "900093\tNay\tNay\tNai\t43.18\t-0.26\tP\tPPL\tFR\t\t75\t\t\t\t3500\t\t250\t"
                     "Europe/Paris\t2020-01-01\n"
                     "900094\tMae Fa Luang\tMae Fa Luang\t\t20.27\t99.80\tP\tPPL\tTH\t\t03\t\t\t\t2000\t\t500\t"
                     "Asia/Bangkok\t2020-01-01\n"
                     "900096\tBan Ho Mae Salong\tBan Ho Mae Salong\tMae Salong\t20.17\t99.63\tP\tPPL\tTH\t\t03\t\t\t\t900\t\t900\t"
                     "Asia/Bangkok\t2020-01-01\n"
                     "900095\tChiang Rai\tChiang Rai\t\t19.91\t99.83\tA\tADM1\tTH\t\t03\t\t\t\t0\t\t400\t"
                     "Asia/Bangkok\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  DocumentRecord rec = RecordOf(
      *gaz, "On 28 April 2020, soldiers clashed with armed drug traffickers in the forest of Pong Hai village, "
            "Moo 21, tambon Mae Salong Nai, Mae Fa Luang district of Chiang Rai, Thailand.");
  ASSERT_FALSE(rec.events.empty());
  const Location& loc = rec.events[0].location;
  EXPECT_EQ(loc.name, "Pong Hai");
  EXPECT_EQ(loc.country, "TH");
  ASSERT_TRUE(loc.lat.has_value());
  EXPECT_NEAR(*loc.lat, 20.0, 1.0) << loc.resolution;
}

// "in Deh-e Now area of Mohammad Agha district, Logar": the district encloses the village,
// so they are one place, not two events; the village of that name in another province is
// not it, and the village the gazetteer lacks is placed at its district. The ezafe joins
// "Now" (alone a word that is no place) to the name.
TEST(ExtractEvents, AnAreaOfADistrictIsOnePlaceInsideIt) {
  auto gaz = LayerOf("ezafe",
                     "900100\tDeh-e Now\tDeh-e Now\t\t34.75\t69.20\tP\tPPL\tAF\t\t13\t\t\t\t900\t\t1800\t"
                     "Asia/Kabul\t2020-01-01\n"
                     "900101\tMohammad Agha\tMohammad Agha\t\t34.21\t69.10\tA\tADM2\tAF\t\t17\t1701\t\t\t0\t\t1900\t"
                     "Asia/Kabul\t2020-01-01\n"
                     "900102\tLogar\tLogar\t\t34.00\t69.20\tA\tADM1\tAF\t\t17\t\t\t\t390000\t\t2000\t"
                     "Asia/Kabul\t2020-01-01\n"
                     "900103\tKabul\tKabul\t\t34.52\t69.18\tA\tADM1\tAF\t\t13\t\t\t\t4000000\t\t1800\t"
                     "Asia/Kabul\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  DocumentRecord rec = RecordOf(*gaz,
                                "On 2 May 2020, Afghan security forces repelled an attack by Taliban militants, "
                                "killing 5 militants, in Deh-e Now area of Mohammad Agha district, Logar.");
  ASSERT_EQ(rec.events.size(), 1u);
  const Location& loc = rec.events[0].location;
  EXPECT_EQ(loc.name, "Deh-e Now");
  EXPECT_FALSE(loc.geonameid) << loc.resolution;
  ASSERT_TRUE(loc.lat.has_value());
  EXPECT_NEAR(*loc.lat, 34.21, 0.01) << loc.resolution;
  EXPECT_EQ(loc.geo_precision, 2);
}

// Groups told together as the attackers: the first named is actor1. State media's
// "terrorists" in a later sentence that names no one are the group named beside the word
// before, in the same province; in another province they are unidentified.
TEST(ExtractEvents, TerroristsAreTheGroupNamedBeforeInTheSameProvince) {
  std::string rows;
  auto row = RowsOf(rows, "SY", "35.2\t36.7", "Asia/Damascus");
  row(930000, "Sheikh Hadid", "P", "PPL", "21", 3000);
  row(930001, "Mhardeh", "P", "PPL", "21", 20000);
  row(930002, "Saraqib", "P", "PPL", "12", 30000);
  row(930003, "Hama", "A", "ADM1", "21", 1600000);
  auto gaz = LayerOf("terrorists", rows, "SY.21\tHama\tHama\t1\nSY.12\tIdlib\tIdlib\t1\n");
  ASSERT_TRUE(gaz);
  DocumentRecord rec = RecordOf(*gaz,
                                "Terrorists of Jabhat al-Nusra and the so-called Ahrar al-Sham fired rockets at Sheikh Hadid "
                                "village in Hama countryside on Monday, killing 2 civilians.\n\n"
                                "On Monday, the terrorist groups fired rockets at houses in Mhardeh town.\n\n"
                                "On Monday, terrorists fired rockets at houses in Saraqib town.",
                                "2019-06-04");
  std::map<std::string, std::string> actor1;
  for (const Event& e : rec.events) actor1[e.location.name] = e.actor1.value;
  EXPECT_EQ(actor1["Sheikh Hadid"], "Hayat Tahrir al-Sham");
  EXPECT_EQ(actor1["Mhardeh"], "Hayat Tahrir al-Sham");
  EXPECT_EQ(actor1["Saraqib"], "Unidentified Armed Group (Syria)");
}

// The object of an attack verb is a place the text marks ("targeted Kafranbel"): a
// foreign force's adjective does not make it a look-alike in the force's country.
TEST(ExtractEvents, ThePlaceAnAttackVerbTakesIsMarked) {
  auto gaz = TownLayer("targeted", "SY", "35.61\t36.56", "Asia/Damascus", 930100, "Kafranbel", "PPL", "12", 15000);
  ASSERT_TRUE(gaz);
  for (const char* verb : {"targeted", "pounded", "bombarded"}) {
    DocumentRecord rec = RecordOf(
        *gaz, std::string("On Monday, Russian jets ") + verb + " Kafranbel, killing 5 civilians.", "2020-05-09");
    ASSERT_EQ(rec.events.size(), 1u) << verb;
    EXPECT_EQ(rec.events[0].location.name, "Kafranbel") << verb;
    EXPECT_EQ(rec.events[0].location.country, "SY") << verb;
  }
}

// Rebels nobody names are Syria's Opposition Rebels in a Syrian report, also when state
// media's "terrorists" stand for them; in South Sudan they are an unidentified group.
TEST(ExtractEvents, UnnamedRebelsAreTheReportCountrys) {
  std::string rows;
  RowsOf(rows, "SY", "33.51\t36.29", "Asia/Damascus")(930200, "Damascus", "P", "PPLC", "13", 2500000);
  RowsOf(rows, "SS", "4.85\t31.58", "Africa/Juba")(930201, "Lainya", "P", "PPL", "01", 9000);
  auto gaz = LayerOf("rebels", rows);
  ASSERT_TRUE(gaz);
  DocumentRecord sana = RecordOf(*gaz,
                                 "SANA said two people were killed in Damascus when mortars fired by \"terrorists\" "
                                 "- its term for rebel fighters - hit a neighbourhood of the capital.",
                                 "2020-05-09");
  ASSERT_EQ(sana.events.size(), 1u);
  EXPECT_EQ(sana.events[0].actor1.value, "Opposition Rebels (Syria)");
  EXPECT_EQ(sana.events[0].actor2.value, "Civilians (Syria)");
  DocumentRecord juba = RecordOf(*gaz, "On 7 May 2020, rebels attacked army positions in Lainya, South Sudan.",
                                 "2020-05-09");
  ASSERT_EQ(juba.events.size(), 1u);
  EXPECT_EQ(juba.events[0].actor1.value, "Unidentified Armed Group (South Sudan)");
}

// "the North Zone of Rio de Janeiro", "Rio de Janeiro's West Zone": a named zone of a city
// is the place, named as monitors name it, at the city's point; two zones of one city
// are two places.
TEST(ExtractEvents, ACityZoneIsNamedAfterTheCity) {
  auto gaz =
      TownLayer("zones", "BR", "-22.91\t-43.18", "America/Sao_Paulo", 930300, "Rio de Janeiro", "PPLA", "21", 6000000);
  ASSERT_TRUE(gaz);
  DocumentRecord scene = RecordOf(*gaz,
                                  "On 9 May 2020, in the North Zone of Rio de Janeiro, police carried out an "
                                  "operation. A shoot-out broke out and two suspects were injured.",
                                  "2020-05-10");
  ASSERT_EQ(scene.events.size(), 1u);
  EXPECT_EQ(scene.events[0].location.name, "Rio de Janeiro-North Zone");
  EXPECT_EQ(scene.events[0].location.sublocation, "North Zone");
  DocumentRecord two = RecordOf(*gaz,
                                "On 9 May 2020, police shot dead two suspects in Rio de Janeiro's West Zone. "
                                "On 9 May 2020, police shot dead a man in the North Zone of Rio de Janeiro.",
                                "2020-05-10");
  std::vector<std::string> names;
  for (const auto& ev : two.events) names.push_back(ev.location.name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"Rio de Janeiro-North Zone", "Rio de Janeiro-West Zone"}));
  DocumentRecord city = RecordOf(*gaz, "On 9 May 2020, police shot dead two suspects in Rio de Janeiro.", "2020-05-10");
  ASSERT_EQ(city.events.size(), 1u);
  EXPECT_EQ(city.events[0].location.name, "Rio de Janeiro");
}

// "Latakia's security chief described the attack": a city's office speaks; the attacks
// he then tells without a place did not happen in the city.
TEST(ExtractEvents, ACitysOfficeIsNoPlaceOfTheAttack) {
  std::string rows;
  auto row = RowsOf(rows, "SY", "35.36\t35.92", "Asia/Damascus");
  row(930400, "Jableh", "P", "PPL", "09", 80000);
  row(930401, "Latakia", "P", "PPLA", "09", 400000);
  auto gaz = LayerOf("office", rows);
  ASSERT_TRUE(gaz);
  DocumentRecord rec = RecordOf(*gaz,
                                "On Friday, gunmen attacked a checkpoint in Jableh, killing 3 soldiers. In a "
                                "statement later, the ministry quoted Latakia's security chief, who described the "
                                "attack as a premeditated assault. \"Multiple groups launched attacks on our "
                                "security posts and checkpoints,\" he said.",
                                "2020-05-10");
  ASSERT_EQ(rec.events.size(), 1u);
  EXPECT_EQ(rec.events[0].location.name, "Jableh");
}

// "1 policeman was killed by a Taliban-planted landmine": with no target named, the
// fallen police or soldiers say whom the attack hit; not when they are the attacker's.
TEST(ExtractEvents, TheFallenPoliceOrSoldiersAreTheTarget) {
  auto gaz = TownLayer("fallen", "AF", "31.61\t65.71", "Asia/Kabul", 930500, "Kandahar", "PPLA", "23", 390000);
  ASSERT_TRUE(gaz);
  auto only_event = [&](const std::string& text) { return OnlyEvent(*gaz, text, "2020-05-10"); };
  Event mine = only_event("On 9 May 2020, 1 policeman was killed by a Taliban-planted landmine in Kandahar city.");
  EXPECT_EQ(mine.actor1.value, "Taliban");
  EXPECT_EQ(mine.actor2.value, "Police Forces of Afghanistan");
  Event shot = only_event("On 9 May 2020, gunmen shot dead two soldiers in Kandahar city.");
  EXPECT_EQ(shot.actor2.value, "Military Forces of Afghanistan");
  EXPECT_EQ(shot.sub_event_type, "Armed clash");
  Event own = only_event("On 9 May 2020, Afghan soldiers repelled a Taliban attack in Kandahar; 2 soldiers were killed.");
  EXPECT_NE(own.actor2.value, own.actor1.value);
  // The soldier's fate after a comma is no second attacker's act.
  Event ambush = only_event("On 9 May 2020, Taliban militants ambushed and killed 1 Afghan soldier, and injured 1, in "
                            "Kandahar city.");
  EXPECT_EQ(ambush.actor1.value, "Taliban");
  EXPECT_EQ(ambush.actor2.value, "Military Forces of Afghanistan");
}

// "The Israeli army confirmed the strike ... the army shelled": "the army" is the army
// told before, not the report country's own.
TEST(ExtractEvents, TheArmyIsTheArmyToldBefore) {
  auto gaz = TownLayer("definite", "PS", "31.34\t34.30", "Asia/Gaza", 930600, "Khan Yunis", "PPL", "01", 200000);
  ASSERT_TRUE(gaz);
  DocumentRecord rec = RecordOf(*gaz,
                                "The Israeli army confirmed a raid near Khan Yunis on Friday.\n\n"
                                "On Saturday the army shelled Khan Yunis, killing 2 people.",
                                "2024-12-08");
  ASSERT_FALSE(rec.events.empty());
  for (const Event& e : rec.events) EXPECT_EQ(e.actor1.value, "Military Forces of Israel") << e.sub_event_type;
  // With no army told before it, it is the country's own.
  DocumentRecord own = RecordOf(*gaz, "On Saturday the army shelled Khan Yunis, killing 2 people.", "2024-12-08");
  ASSERT_EQ(own.events.size(), 1u);
  EXPECT_EQ(own.events[0].actor1.value, "Military Forces of Palestine");
}

// "Afghan forces repulsed their attacks", "soldiers repelled a Taliban attack": the
// attackers are actor1 and those who repelled them the target; men who "were killed"
// are no attackers of a clause of their own.
TEST(ExtractEvents, ThoseWhoRepelledAnAttackAreItsTarget) {
  auto gaz = TownLayer("repel", "AF", "31.61\t65.71", "Asia/Kabul", 930500, "Kandahar", "PPLA", "23", 390000);
  ASSERT_TRUE(gaz);
  for (const char* text :
       {"On 8 May 2020, 9 Taliban militants were killed when Afghan military forces repulsed their attacks in "
        "Kandahar city.",
        "On 8 May 2020, Taliban militants were wounded when Afghan forces repulsed their attack in Kandahar city.",
        "On 8 May 2020, Afghan soldiers repelled a Taliban attack in Kandahar city.",
        "On 8 May 2020, Afghan soldiers repelled a Taliban attack in Kandahar city; the attack left 2 militants "
        "injured."}) {
    DocumentRecord rec = RecordOf(*gaz, text, "2020-05-10");
    ASSERT_EQ(rec.events.size(), 1u) << text;
    EXPECT_EQ(rec.events[0].sub_event_type, "Armed clash") << text;
    EXPECT_EQ(rec.events[0].actor1.value, "Taliban") << text;
    EXPECT_EQ(rec.events[0].actor2.value, "Military Forces of Afghanistan") << text;
  }
}

// "... was killed after exchanging fire with military police forces during a patrol":
// the state's forces started a clash fought in their own operation, whichever side the
// sentence names first; without an operation the sentence's order stands.
TEST(ExtractEvents, TheSideWhoseOperationItWasStartedTheClash) {
  auto gaz = TownLayer("operation", "BR", "-10.91\t-37.07", "America/Maceio", 930400, "Aracaju", "PPLA", "28", 570000);
  ASSERT_TRUE(gaz);
  auto only_event = [&](const std::string& text) { return OnlyEvent(*gaz, text, "2020-05-09"); };
  for (const char* during : {"during a patrol", "during an operation to arrest him"}) {
    Event e = only_event(std::string("On 7 May 2020, in Aracaju, Sergipe, a man was killed after exchanging fire with "
                                     "military police forces ") + during + ".");
    EXPECT_EQ(e.sub_event_type, "Armed clash") << during;
    EXPECT_EQ(e.actor1.value, "Military Forces of Brazil") << during;
    EXPECT_NE(e.actor2.value, e.actor1.value) << during;
  }
  Event gang = only_event("On 7 May 2020, in Aracaju, Sergipe, armed men exchanged fire with military police forces "
                          "during a chase.");
  EXPECT_EQ(gang.actor1.value, "Military Forces of Brazil");
  Event plain = only_event("On 7 May 2020, in Aracaju, Sergipe, armed men exchanged fire with military police forces.");
  EXPECT_EQ(plain.actor2.value, "Military Forces of Brazil");
}

// "An air strike has killed 12 ... in the northern Gaza Strip. The bombing, which took
// place in Jabalia, ...": the attack told at a region is placed by the next sentence,
// and the town takes its figures.
TEST(ExtractEvents, TheTownNamedForAnAttackToldAtARegionTakesItsFigures) {
  std::string rows;
  auto row = RowsOf(rows, "PS", "31.5\t34.45", "Asia/Gaza");
  row(930200, "Jabalia", "P", "PPL", "01", 50000);
  row(930201, "Nuseirat", "P", "PPL", "01", 60000);
  row(930202, "Gaza Strip", "A", "ADM1", "01", 2000000);
  auto gaz = LayerOf("region", rows, "PS.01\tGaza Strip\tGaza Strip\t1\n");
  ASSERT_TRUE(gaz);
  for (const char* where : {" in the northern Gaza Strip", ""}) {
    DocumentRecord rec = RecordOf(
        *gaz,
        std::string("An Israeli air strike has killed 12 members of a family") + where +
            ", according to the civil defence agency. The bombing, which took place in Jabalia, saw victims "
            "pulled from the rubble.\n\nOn Friday, a drone struck a building in Nuseirat, killing 8 people.",
        "2024-12-08");
    std::map<std::string, int> killed;
    for (const Event& e : rec.events)
      if (e.killed) killed[e.location.name] = e.killed->value;
    EXPECT_EQ(killed["Jabalia"], 12) << where;
    EXPECT_EQ(killed["Nuseirat"], 8) << where;
  }
  // Another kind of violence is another attack: an execution's toll is not the blast's.
  DocumentRecord other = RecordOf(*gaz,
                                  "Gunmen shot dead 48 people in the northern Gaza Strip on Thursday, a monitor "
                                  "said. The explosion, which took place in Jabalia, destroyed a home.\n\n"
                                  "On Friday, a drone struck a building in Nuseirat, killing 8 people.",
                                  "2024-12-08");
  for (const Event& e : other.events)
    if (e.location.name == "Jabalia") EXPECT_FALSE(e.killed.has_value());
}

// A caption's "car bomb in Azez district" and the body's "the town of Azaz was rocked by
// a car bomb" are one event, at the town.
TEST(ExtractEvents, ADistrictDropsOutForATownOfItWithTheSameAttack) {
  auto gaz = LayerOf("district",
                     "900080\tAzaz\tAzaz\t\t36.586\t37.046\tP\tPPL\tSY\t\t09\t\t\t\t31000\t\t500\tAsia/Damascus\t2020-01-01\n"
                     "900081\tAzez\tAzez\t\t36.515\t37.205\tA\tADM2\tSY\t\t09\t\t\t\t0\t\t500\tAsia/Damascus\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  DocumentRecord rec = RecordOf(*gaz,
                                "A car bomb exploded in Azez district on Sunday.\n\n"
                                "The town of Azaz was rocked by a car bomb on Sunday, killing 14 people.",
                                "2019-06-03");
  ASSERT_EQ(rec.events.size(), 1u);
  EXPECT_EQ(rec.events[0].location.name, "Azaz");
  ASSERT_TRUE(rec.events[0].killed);
  EXPECT_EQ(rec.events[0].killed->value, 14);
}

// "Bridge Hamlet" is a village, not a bridge hit; "a bridge in Sarmin" is one.
TEST(ExtractEvents, ASiteWordInsideAPlaceNameIsNoSite) {
  auto gaz = LayerOf("sitename",
                     "900090\tBridge Hamlet\tBridge Hamlet\t\t56.15\t-3.95\tP\tPPL\tGB\t\tSCT\t\t\t\t5000\t\t80\t"
                     "Europe/London\t2020-01-01\n"
                     "900091\tSarmin\tSarmin\t\t35.90\t36.72\tP\tPPL\tSY\t\t10\t\t\t\t14000\t\t300\t"
                     "Asia/Damascus\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  auto sites_of = [&](const std::string& text) {
    DocumentRecord rec = RecordOf(*gaz, text, "2020-05-04");
    std::vector<std::string> out;
    for (const auto& e : rec.events) {
      for (const auto& site : e.sites) out.push_back(site.value);
    }
    EXPECT_EQ(rec.events.size(), 1u) << text;
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(sites_of("On 3 May 2020, gunmen attacked Bridge Hamlet, killing two people."), V{});
  EXPECT_EQ(sites_of("On 3 May 2020, gunmen attacked a bridge in Sarmin, killing two people."),
            V{"infrastructure"});
}

// "carried out a planned attack" tells an attack done; "planned to attack" one not done.
TEST(ExtractEvents, APlannedAttackCarriedOutHappened) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  auto events_in = [&](const std::string& text) { return RecordOf(*gaz, text, "2020-05-04").events.size(); };
  EXPECT_EQ(events_in("On 3 May 2020, gunmen carried out a planned attack on Sarmin, killing two."), 1u);
  EXPECT_EQ(events_in("On 3 May 2020, gunmen planned to attack Sarmin."), 0u);
}

// "Guatemala City": a town named after its country is the town, not the country.
TEST(FindPlaceMentions, ATownNamedAfterItsCountryIsTheTown) {
  auto gaz = LayerOf("capital",
                     "900040\tGuatemala City\tGuatemala City\t\t14.64\t-90.51\tP\tPPLC\tGT\t\t07\t\t\t\t994938"
                     "\t\t1500\tAmerica/Guatemala\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  using V = std::vector<std::string>;
  EXPECT_EQ(MentionsIn(*gaz, "Armed men attacked two police agents in Guatemala City."),
            V{"Guatemala City"});
  // The country alone stays a country mention.
  TokenizedText tt = Tokenize("Gunmen attacked a bus in Guatemala on Monday.");
  auto m = FindPlaceMentions(tt, "Gunmen attacked a bus in Guatemala on Monday.",
                             PlaceContext{gaz.get(), &En(), &Actors()});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].country_only);
  EXPECT_EQ(m[0].country_iso, "GT");
}

// The mention written `name` in `text` after places are found and chosen.
PlaceMention ChosenMention(const Gazetteer& gaz, const std::string& text, const std::string& name) {
  TokenizedText tt = Tokenize(text);
  PlaceContext ctx{&gaz, &En(), &Actors()};
  auto mentions = FindPlaceMentions(tt, text, ctx);
  ChoosePlaces(mentions, tt, ctx, "");
  for (const auto& m : mentions)
    if (m.text == name) return m;
  ADD_FAILURE() << "no mention of " << name << " in: " << text;
  return PlaceMention{};
}

// "in Dating" does not name Ōmachi in Japan by its alternate name "da ting", another
// language's romanization; "abu salim" is a plain spelling of "Abu Salim".
TEST(ChoosePlaces, ALowerCaseAlternateNameOfOtherWordsIsNoSpelling) {
  auto gaz = LayerOf("romanized",
                     "900110\tOmachi\tOmachi\tda ting\t36.50\t137.87\tP\tPPLA2\tJP\t\t26\t\t\t\t27000\t\t700\t"
                     "Asia/Tokyo\t2020-01-01\n"
                     "900111\tAbu Slim\tAbu Slim\tabu salim\t32.85\t13.18\tP\tPPL\tLY\t\t77\t\t\t\t9000\t\t50\t"
                     "Africa/Tripoli\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  PlaceMention dating = ChosenMention(*gaz, "Gunmen shot a former rebel in Dating on Monday.", "Dating");
  EXPECT_FALSE(dating.chosen.has_value()) << dating.resolution;
  PlaceMention salim = ChosenMention(*gaz, "Shells hit homes in Abu Salim on Monday.", "Abu Salim");
  ASSERT_TRUE(salim.chosen.has_value()) << salim.resolution;
  EXPECT_EQ(salim.chosen->geonameid, 900111);
}

// "Khaled (Ariha, Idlib)": the province in brackets holds the place; the only village of
// that name is in another province, so the mention stays unresolved.
TEST(ChoosePlaces, TheProvinceInBracketsHoldsThePlace) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  PlaceMention far = ChosenMention(*gaz, "Shells hit Khaled (Ariha, Idlib) on Monday.", "Khaled");
  EXPECT_FALSE(far.chosen.has_value());
  EXPECT_NE(far.resolution.find("province named beside it"), std::string::npos) << far.resolution;
  PlaceMention plain = ChosenMention(*gaz, "Shells hit the village of Khaled on Monday.", "Khaled");
  EXPECT_TRUE(plain.chosen.has_value());
}

// An OCHA populated-places feature: a village with a P-code in a Syrian province.
std::string OchaVillage(const std::string& name, const std::string& pcode, const std::string& admin1_code,
                        const std::string& admin1, const std::string& lat, const std::string& lon) {
  return R"({"type":"Feature","properties":{"NAME_EN":")" + name + R"(","PCODE":")" + pcode +
         R"(","ADMIN1_COD":")" + admin1_code + R"(","ADMIN1_EN":")" + admin1 + R"(","LATITUDE":)" + lat +
         R"(,"LONGITUDE":)" + lon + R"(},"geometry":{"type":"Point","coordinates":[)" + lon + "," + lat + "]}}";
}

// "the village of al-Fuah" in a Syrian report: Fuwwah in Egypt is also called "Fuah",
// but a namesake abroad found only by another name gives way to the Syrian village a
// detailed layer spells "Foah". Haditha in Iraq, found by its own name, stays Haditha
// (not Syria's Hadath); so does Fuwwah in a report set in Egypt.
TEST(ChoosePlaces, ANamesakeAbroadByAnotherNameGivesWayToTheReportsOwnVillage) {
  std::string rows;
  RowsOf(rows, "IQ", "34.13\t42.37", "Asia/Baghdad")(920001, "Haditha", "P", "PPL", "04", 30000);
  rows += "920002\tFuwwah\tFuwwah\tFuah\t31.20\t30.55\tP\tPPL\tEG\t\t21\t\t\t\t60000\t\t10\t"
          "Africa/Cairo\t2020-01-01\n";
  const std::string ocha = R"({"type":"FeatureCollection","features":[)" +
                           OchaVillage("Foah", "C3905", "SY07", "Idleb", "35.98", "36.70") + "," +
                           OchaVillage("Hadath", "C1001", "SY02", "Aleppo", "36.40", "37.10") + "]}";
  auto gaz = LayersOf("abroad_by_alias", {{"towns.txt", rows}, {"villages.geojson", ocha}});
  ASSERT_TRUE(gaz);
  PlaceMention fuah = ChosenMention(*gaz, "Rebels in Syria shelled the village of al-Fuah.", "al-Fuah");
  ASSERT_TRUE(fuah.chosen.has_value()) << fuah.resolution;
  EXPECT_EQ(fuah.chosen->pcode, "C3905") << fuah.resolution;
  PlaceMention haditha = ChosenMention(*gaz, "Rebels in Syria said they shelled Haditha.", "Haditha");
  ASSERT_TRUE(haditha.chosen.has_value()) << haditha.resolution;
  EXPECT_EQ(haditha.chosen->geonameid, 920001) << haditha.resolution;
  PlaceMention egypt = ChosenMention(*gaz, "Gunmen in Egypt attacked the village of Fuah.", "Fuah");
  ASSERT_TRUE(egypt.chosen.has_value()) << egypt.resolution;
  EXPECT_EQ(egypt.chosen->geonameid, 920002) << egypt.resolution;
}

// India's Jammu and Kashmir (IN.12) with its town Poonch, and a Shahpur in Karnataka,
// the only one the layer knows; the crosswalk gives the province the abbreviation "J&K".
std::unique_ptr<Gazetteer> KashmirAndKarnataka() {
  return LayerOf("kashmir",
                 "900103\tPoonch\tPoonch\t\t33.77\t74.09\tP\tPPL\tIN\t\t12\t\t\t\t40000\t\t1000\t"
                 "Asia/Kolkata\t2020-01-01\n"
                 "900100\tShahpur\tShahpur\t\t16.70\t76.84\tP\tPPL\tIN\t\t19\t\t\t\t31000\t\t400\t"
                 "Asia/Kolkata\t2020-01-01\n"
                 "900101\tJammu and Kashmir\tJammu and Kashmir\t\t33.50\t75.00\tA\tADM1\tIN\t\t12\t\t\t\t"
                 "12500000\t\t1500\tAsia/Kolkata\t2020-01-01\n"
                 "900102\tSabah\tSabah\t\t5.50\t117.00\tA\tADM1\tMY\t\t16\t\t\t\t3500000\t\t300\t"
                 "Asia/Kuching\t2020-01-01\n");
}

// "(Poonch district, J&K)": a province's abbreviation the gazetteer lists is that
// province, even after a word or two saying what the place is ("sector area"), so the
// Shahpur in Karnataka is not the one meant. A capitalized word that only sounds like a
// province ("SABA news agency", Sabah) is no abbreviation of it.
TEST(ChoosePlaces, AProvincesAbbreviationInBracketsHoldsThePlace) {
  auto gaz = KashmirAndKarnataka();
  ASSERT_TRUE(gaz);
  const std::string loc =
      "On 6 May 2020, military forces of India and Pakistan exchanged fire across the LoC in Shahpur "
      "sector area (Poonch district, J&K).";
  PlaceMention province = ChosenMention(*gaz, loc, "J&K");
  ASSERT_TRUE(province.chosen.has_value());
  EXPECT_EQ(province.chosen->name, "Jammu and Kashmir");
  PlaceMention shahpur = ChosenMention(*gaz, loc, "Shahpur");
  EXPECT_FALSE(shahpur.chosen.has_value()) << shahpur.resolution;
  PlaceMention elsewhere = ChosenMention(*gaz, "Shells hit Shahpur sector area on Monday.", "Shahpur");
  EXPECT_TRUE(elsewhere.chosen.has_value());
  // (It may still be a name, by its spelling, but not a province the text marks as one.)
  PlaceMention agency =
      ChosenMention(*gaz, "Rebel-controlled SABA news agency reported that planes bombed a house.", "SABA");
  EXPECT_FALSE(agency.admin_cued);
}

// "Tall Hamra, Idlib.": the name closing a comma chain is the area the place lies in.
// Forty-one bigger namesakes elsewhere crowd the small one out of the candidates kept for
// the name; the area brings it back. In a list ("Tall Hamra, Idlib and Hama") it does not.
TEST(ChoosePlaces, TheAreaClosingACommaChainHoldsThePlace) {
  std::string rows;
  auto row = RowsOf(rows, "SY", "35.5\t36.5", "Asia/Damascus");
  for (int i = 0; i < 41; ++i) row(910000 + i, "Tall Hamra", "P", "PPL", "08", 5000 + i);
  row(910100, "Tall Hamra", "P", "PPL", "12", 40);  // SY.12: Idlib (data/geo crosswalk)
  row(910200, "Idlib Governorate", "A", "ADM1", "12", 1500000);
  row(910201, "Hama Governorate", "A", "ADM1", "10", 1500000);
  rows += "910202\tHama\tHama\t\t35.1\t36.7\tP\tPPLA\tSY\t\t10\t\t\t\t700000\t\t300\tAsia/Damascus\t2020-01-01\n";
  auto gaz = LayerOf("namesakes", rows);
  ASSERT_TRUE(gaz);
  auto chosen_id = [&](const std::string& text) -> int64_t {
    PlaceMention m = ChosenMention(*gaz, text, "Tall Hamra");
    return m.chosen ? m.chosen->geonameid : -1;
  };
  EXPECT_EQ(chosen_id("Shells hit Tall Hamra, Idlib."), 910100);
  EXPECT_NE(chosen_id("Shells hit Tall Hamra, Idlib and Hama."), 910100);
  // The chain may end where the clause goes on ("in X, Province, a man was shot").
  EXPECT_EQ(chosen_id("In Tall Hamra, Idlib, a man was shot dead."), 910100);
  EXPECT_NE(chosen_id("Shells hit Tall Hamra, Idlib, and Hama."), 910100);
  // None of the namesakes lies in the province closing the chain: the place is one the
  // gazetteer lacks, and the closing name is the province, not a village of its name.
  const std::string text = "In Tall Hamra, Hama, a man was shot dead.";
  PlaceMention far = ChosenMention(*gaz, text, "Tall Hamra");
  EXPECT_FALSE(far.chosen.has_value());
  EXPECT_NE(far.resolution.find("province named beside it"), std::string::npos) << far.resolution;
  PlaceMention province = ChosenMention(*gaz, text, "Hama");
  ASSERT_TRUE(province.chosen.has_value());
  EXPECT_EQ(province.chosen->kind, PlaceKind::kAdmin1);
}

// "Barangay Guibonon, Esperanza, Agusan del Sur": a particle inside the closing name
// does not cut the chain short.
TEST(ChoosePlaces, AClosingAreaNameMayHoldParticles) {
  std::string rows;
  auto row = RowsOf(rows, "PH", "8.5\t125.5", "Asia/Manila");
  for (int i = 0; i < 41; ++i) row(920000 + i, "Esperanza", "P", "PPL", "10", 5000 + i);
  row(920100, "Esperanza", "P", "PPL", "99", 40);
  row(920200, "Agusan del Sur", "A", "ADM1", "99", 700000);
  auto gaz = LayerOf("particles", rows, "PH.99\tAgusan del Sur\tAgusan del Sur\t1\n");
  ASSERT_TRUE(gaz);
  PlaceMention m = ChosenMention(
      *gaz, "Soldiers clashed with rebels in Barangay Guibonon, Esperanza, Agusan del Sur.", "Esperanza");
  ASSERT_TRUE(m.chosen.has_value()) << m.resolution;
  EXPECT_EQ(m.chosen->geonameid, 920100) << m.resolution;
}


// A GeoNames district is a place only where the text treats it as an area: named as a
// district, beside its province, or closing a comma chain. Elsewhere its name is a word.
TEST(ChoosePlaces, ADistrictNeedsTheTextToTreatItAsAnArea) {
  std::string rows =
      "920000\tHarim\tHarim\t\t36.2\t36.5\tA\tADM2\tSY\t\t12\t\t\t\t0\t\t300\tAsia/Damascus\t2020-01-01\n"
      "920001\tIdlib\tIdlib\t\t35.9\t36.6\tA\tADM1\tSY\t\t12\t\t\t\t1500000\t\t300\tAsia/Damascus\t2020-01-01\n";
  auto gaz = LayerOf("districts", rows);
  ASSERT_TRUE(gaz);
  auto chosen = [&](const std::string& text) {
    return ChosenMention(*gaz, text, "Harim").chosen.has_value();
  };
  EXPECT_TRUE(chosen("Shells hit Harim district on Monday."));
  EXPECT_TRUE(chosen("Shells hit Harim in Idlib on Monday."));
  EXPECT_TRUE(chosen("Shells hit a school (Kafr, Harim)."));
  EXPECT_FALSE(chosen("Shells hit a school, the Harim agency said on Monday."));
}

// The report's country as ChoosePlaces votes it, with the sentences' actors known (as
// the engine passes them) or not; `mentions` receives the place mentions.
// The mention written `text`, or null.
const PlaceMention* MentionNamed(const std::vector<PlaceMention>& mentions, const std::string& text) {
  for (const auto& m : mentions)
    if (m.text == text) return &m;
  return nullptr;
}

std::string ReportCountry(const Gazetteer& gaz, const std::string& text, bool with_actors,
                          std::vector<PlaceMention>* mentions = nullptr) {
  TokenizedText tt = Tokenize(text);
  std::vector<std::vector<ActorMention>> actors;
  for (const auto& s : tt.sentences) actors.push_back(Actors().Find(tt.tokens, text, s.first, s.last));
  PlaceContext ctx{&gaz, &En(), &Actors()};
  if (with_actors) ctx.sentence_actors = [&](uint32_t si) -> const std::vector<ActorMention>& { return actors[si]; };
  auto found = FindPlaceMentions(tt, text, ctx);
  std::string country = ChoosePlaces(found, tt, ctx, "");
  if (mentions) *mentions = std::move(found);
  return country;
}

// "Afghan forces ... in the Sabzi Kar village": the army's country outweighs "Kar", the
// only known part of the village's name, which lies in France.
TEST(ChoosePlaces, AnActorsCountryOutweighsAPartialName) {
  auto gaz = LayerOf("partial",
                     "900020\tKar\tKar\t\t45.68\t1.07\tP\tPPL\tFR\t\t75\t\t\t\t500\t\t300\t"
                     "Europe/Paris\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  const std::string text = "Afghan forces repulsed an attack in the Sabzi Kar village.";
  EXPECT_EQ(ReportCountry(*gaz, text, true), "AF");
  EXPECT_EQ(ReportCountry(*gaz, text, false), "FR");  // the part alone still says France
}

// "Lawa LGA": "LGA" is a word for a place that Nigeria alone uses, so it votes for the
// country as its adjective would, and tips a name shared about evenly by two countries.
TEST(ChoosePlaces, AWordForAPlaceOnlyOneCountryUsesVotesForIt) {
  auto gaz = LayerOf("lga",
                     "900060\tLawa\tLawa\t\t-7.10\t110.40\tP\tPPL\tID\t\t07\t\t\t\t1200\t\t20\t"
                     "Asia/Jakarta\t2020-01-01\n"
                     "900061\tLawa\tLawa\t\t11.30\t7.90\tP\tPPL\tNG\t\t18\t\t\t\t1000\t\t600\t"
                     "Africa/Lagos\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  EXPECT_EQ(ReportCountry(*gaz, "Gunmen killed two farmers in Lawa LGA on Monday.", true), "NG");
  EXPECT_EQ(ReportCountry(*gaz, "Gunmen killed two farmers in Lawa on Monday.", true), "ID");
}

// True when some mention was offered a loose spelling match (the tests' premise).
bool AnyLooseCandidate(const std::vector<PlaceMention>& mentions) {
  for (const auto& m : mentions)
    for (const auto& c : m.candidates)
      if (c.match == MatchKind::kSkeleton) return true;
  return false;
}

// "Taliban militants ... Wardak ... Wardak province ... Wardak": a name known only by a
// loose spelling abroad (Wardok, in Papua), however often the text repeats it and marks
// it, never outvotes what else the report says of its country.
TEST(ChoosePlaces, LooseSpellingsNeverOutvoteTheRestOfTheReport) {
  auto gaz = LayerOf("wardok",
                     "900045\tWardok\tWardok\t\t-0.93\t135.8\tP\tPPL\tID\t\t36\t\t\t\t800\t\t300\t"
                     "Asia/Jayapura\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  const std::string text =
      "Suspected Taliban militants attacked a checkpoint in Wardak province. Two policemen died in "
      "the village of Wardak. The district of Wardak was calm later, officials in Wardak said.";
  std::vector<PlaceMention> mentions;
  EXPECT_EQ(ReportCountry(*gaz, text, true, &mentions), "AF");
  EXPECT_TRUE(AnyLooseCandidate(mentions)) << "the layer should offer Wardok as a loose match";
}

// "Taliban militants ... in Wardak": a loose spelling match abroad (Wardok, in Papua)
// weighs less than the named group's country.
TEST(ChoosePlaces, AGroupsCountryOutweighsALooseSpelling) {
  auto gaz = LayerOf("loose",
                     "900040\tWardok\tWardok\t\t-0.93\t135.8\tP\tPPL\tID\t\t36\t\t\t\t800\t\t300\t"
                     "Asia/Jayapura\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  std::vector<PlaceMention> mentions;
  EXPECT_EQ(ReportCountry(*gaz, "A policeman was killed by suspected Taliban militants in Wardak.", true,
                          &mentions),
            "AF");
  EXPECT_TRUE(AnyLooseCandidate(mentions)) << "the layer should offer Wardok as a loose match";
}

// "the central Syrian city of Homs": country adjectives the notplace list keeps out of
// names still vote, and one placing a town counts as "in Syria"; a tiny namesake abroad
// of a marked district ("the district of Waar") no longer decides the country.
TEST(ChoosePlaces, ACountryAdjectiveBeforeACityOfPlacesTheReport) {
  auto gaz = LayerOf("adjective",
                     "900050\tHoms\tHoms\t\t34.73\t36.72\tP\tPPLA\tSY\t\t11\t\t\t\t775404\t\t300\t"
                     "Asia/Damascus\t2020-01-01\n"
                     "900051\tAl Khums\tAl Khums\tHoms\t32.65\t14.26\tP\tPPLA\tLY\t\t30\t\t\t\t201943\t\t300\t"
                     "Africa/Tripoli\t2020-01-01\n"
                     "900052\tWaar\tWaar\t\t37.60\t-81.70\tP\tPPL\tUS\t\tWV\t\t\t\t800\t\t300\t"
                     "America/New_York\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  const std::string text =
      "Twin car bombs in the central Syrian city of Homs killed 18 people. Most of the city "
      "except the battered district of Waar has returned to government control.";
  std::vector<PlaceMention> mentions;
  EXPECT_EQ(ReportCountry(*gaz, text, true, &mentions), "SY");
  bool placed = false;
  for (const auto& m : mentions)
    if (m.country_only && m.text == "Syrian") placed = !m.hint_only;
  EXPECT_TRUE(placed) << "'Syrian city of' should say where Homs is";
  // Without the adjective the namesake abroad outvotes the city Homs shares with Libya.
  EXPECT_EQ(ReportCountry(*gaz,
                          "Twin car bombs in the city of Homs killed 18 people. Most of the city "
                          "except the battered district of Waar has returned to government control.",
                          true),
            "US");
}

// "in Celaya, ... in Camargo community", "the neighborhood of La Bodega": a part of the
// town named before it in the sentence; alone, a community is a place of its own.
TEST(FindPlaceMentions, ACommunityAfterATownIsPartOfIt) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  auto camp_of = [&](const std::string& text, const std::string& name) {
    TokenizedText tt = Tokenize(text);
    auto mentions = FindPlaceMentions(tt, text, PlaceContext{gaz.get(), &En(), &Actors()});
    const PlaceMention* m = MentionNamed(mentions, name);
    return m ? std::optional<bool>(m->camp) : std::nullopt;
  };
  EXPECT_EQ(camp_of("In Sarmin, Idlib, gunmen shot a man in Khaled community.", "Khaled"), true);
  EXPECT_EQ(camp_of("In Sarmin, gunmen shot a man in the neighborhood of Khaled.", "Khaled"), true);
  EXPECT_EQ(camp_of("Gunmen attacked Khaled community and killed two.", "Khaled"), false);
  // "Khaled neighborhood of Sarmin", "a neighbourhood of Sarmin": Sarmin is the town.
  EXPECT_EQ(camp_of("In Idlib, a bomb hit the Khaled neighborhood of Sarmin.", "Sarmin"), false);
  EXPECT_EQ(camp_of("Shells from Idlib hit a residential neighbourhood of Sarmin.", "Sarmin"), false);
  // "in Bangu and Tanque neighborhoods": the plural covers every name of the list.
  EXPECT_EQ(camp_of("In Idlib, shoot-outs took place in Sarmin and Khaled neighborhoods.", "Sarmin"), true);
  EXPECT_EQ(camp_of("In Idlib, shoot-outs took place in Sarmin and Khaled neighborhoods.", "Khaled"), true);
  EXPECT_EQ(camp_of("In Idlib, shells hit Sarmin and the Khaled neighborhood.", "Sarmin"), false);
}

// "Zhari district, Kandahar": monitors name the area around a place after it; that
// province says where the report is more surely than a town abroad that shares the
// district's name (Zary in Poland). "Idlib City, Sarmin" is a list, not an area.
TEST(ChoosePlaces, TheAreaNamedAroundAPlaceVotesForItsCountry) {
  auto gaz = LayerOf("enclosing",
                     "900060\tKandahar Province\tKandahar Province\tKandahar\t31.0\t65.5\tA\tADM1\tAF\t\t23"
                     "\t\t\t\t1200000\t\t1000\tAsia/Kabul\t2020-01-01\n"
                     "900061\tZary\tZary\tZhari\t51.64\t15.14\tP\tPPLA2\tPL\t\t76\t\t\t\t38000\t\t150\t"
                     "Europe/Warsaw\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  const std::string text =
      "On 27 April 2020, 4 Taliban militants were killed when Afghan policemen repulsed their "
      "attacks on check points in Zhari district, Kandahar.";
  std::vector<PlaceMention> mentions;
  EXPECT_EQ(ReportCountry(*gaz, text, true, &mentions), "AF");
  const PlaceMention* kandahar = MentionNamed(mentions, "Kandahar");
  ASSERT_TRUE(kandahar);
  EXPECT_TRUE(kandahar->encloses);

  auto villages = TwoVillages();
  ASSERT_TRUE(villages);
  std::vector<PlaceMention> listed;
  ReportCountry(*villages, "Rockets fell on Idlib City, Sarmin and Khaled.", false, &listed);
  for (const auto& m : listed) EXPECT_FALSE(m.encloses) << m.text;
}

// "Qarmazan village (Sarmin, Idlib)", "Tieba (Bankass, Mopti)": brackets after a place hold
// the areas around it; "west of Sarmin (Sarmin, Idlib)" names the town's own district.
TEST(FindPlaceMentions, BracketsAfterAPlaceHoldItsAreas) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  std::vector<PlaceMention> mentions;
  ReportCountry(*gaz, "Gunmen killed a man in Khaled village (Sarmin, Idlib).", false, &mentions);
  const PlaceMention* sarmin = MentionNamed(mentions, "Sarmin");
  ASSERT_TRUE(sarmin);
  EXPECT_TRUE(sarmin->encloses);
  ReportCountry(*gaz, "A sniper shot a man west of Sarmin (Sarmin, Idlib).", false, &mentions);
  for (const auto& m : mentions) EXPECT_FALSE(m.encloses) << m.text;
}

// "the Darraz Gard village of Ghorband district", "Cemce area (unknown location) of
// Kagizman district": a typed place "of" another lies in it; an untyped "of" ("the people
// of Sarmin") says nothing of the kind.
TEST(FindPlaceMentions, ATypedPlaceOfAnotherLiesInIt) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  for (const char* text : {"Gunmen killed a man in the Khaled village of Sarmin district.",
                           "Gunmen killed a man in Khaled area (unknown location) of Sarmin district."}) {
    std::vector<PlaceMention> mentions;
    ReportCountry(*gaz, text, false, &mentions);
    const PlaceMention* sarmin = MentionNamed(mentions, "Sarmin");
    ASSERT_TRUE(sarmin) << text;
    EXPECT_TRUE(sarmin->encloses) << text;
  }
  std::vector<PlaceMention> mentions;
  ReportCountry(*gaz, "Shelling hit Khaled and the people of Sarmin fled.", false, &mentions);
  for (const auto& m : mentions) EXPECT_FALSE(m.encloses) << m.text;
}

// "As Suwayda", "An Nuqat al Khams": inside a sentence a capitalized article before a
// capitalized word opens a name; the English word would be lower-case.
TEST(FindPlaceMentions, ACapitalizedArticleOpensAName) {
  auto gaz = LayerOf("article",
                     "900080\tAs Suwayda\tAs Suwayda\t\t32.70\t36.57\tP\tPPLA\tSY\t\t12\t\t\t\t70000\t\t900\t"
                     "Asia/Damascus\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  using V = std::vector<std::string>;
  EXPECT_EQ(MentionsIn(*gaz, "Gunmen shot a man in As Suwayda on Monday."), V{"As Suwayda"});
  EXPECT_EQ(MentionsIn(*gaz, "As Suwayda police said nothing."), V{});
}

// "Burundi troops": a country's name before its men says whose they are, as "Burundian"
// would, not where anything happened.
TEST(FindPlaceMentions, ACountrysNameBeforeItsMenIsOnlyAHint) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  std::vector<PlaceMention> mentions;
  ReportCountry(*gaz, "Militants attacked Burundi troops in Khaled village.", false, &mentions);
  bool hint = false;
  for (const auto& m : mentions)
    if (m.country_only && m.country_iso == "BI") hint = m.hint_only;
  EXPECT_TRUE(hint);
}

// "US forces", "Turkish guards": a country adjective used as a modifier hints at the
// report's country but does not mark that country as one where things happened.
TEST(FindPlaceMentions, ACountryAdjectiveAsAModifierIsOnlyAHint) {
  auto gaz = TwoVillages();
  ASSERT_TRUE(gaz);
  const std::string text = "US forces shot dead a civilian near the village of Sarmin.";
  TokenizedText tt = Tokenize(text);
  auto mentions = FindPlaceMentions(tt, text, PlaceContext{gaz.get(), &En(), &Actors()});
  bool hint = false;
  for (const auto& m : mentions)
    if (m.country_only && m.country_iso == "US") hint = m.hint_only && m.adjective;
  EXPECT_TRUE(hint);
}

// Damascus is told by two city entries and a province at one spot: still a sure anchor, and
// the town "east of Damascus" is the one near it, not a bigger town farther away that
// the gazetteer also knows by that name, as an alternate.
TEST(ChoosePlaces, ACityToldTwiceIsStillAnAnchor) {
  auto gaz = LayerOf("anchor",
                     "900060\tDamascus\tDamascus\t\t33.51\t36.29\tP\tPPLC\tSY\t\t13\t\t\t\t1569394\t\t300\t"
                     "Asia/Damascus\t2020-01-01\n"
                     "900061\tDamascus Governorate\tDamascus Governorate\tDamascus\t33.50\t36.30\tA\tADM1\tSY"
                     "\t\t13\t\t\t\t1569394\t\t300\tAsia/Damascus\t2020-01-01\n"
                     "900064\tDimashq\tDimashq\tDamascus\t33.52\t36.28\tP\tPPLA\tSY\t\t13\t\t\t\t1500000\t\t300\t"
                     "Asia/Damascus\t2020-01-01\n"
                     "900062\tDar'a\tDar'a\tAdra,Adraa\t32.62\t36.10\tP\tPPLA\tSY\t\t06\t\t\t\t97969\t\t300\t"
                     "Asia/Damascus\t2020-01-01\n"
                     "900063\tAdra\tAdra\t\t33.61\t36.52\tP\tPPL\tSY\t\t08\t\t\t\t20000\t\t300\t"
                     "Asia/Damascus\t2020-01-01\n");
  ASSERT_TRUE(gaz);
  std::vector<PlaceMention> mentions;
  ReportCountry(*gaz, "Rebels were killed near the town of Adra east of Damascus on Wednesday.", true,
                &mentions);
  bool found = false;
  for (const auto& m : mentions) {
    if (m.text != "Adra") continue;
    found = true;
    ASSERT_TRUE(m.chosen.has_value());
    EXPECT_EQ(m.chosen->admin1_code, "SY.08") << m.resolution;
    EXPECT_NE(m.resolution.find("km from another place"), std::string::npos) << m.resolution;
  }
  EXPECT_TRUE(found);
}

// ---------------------------------------------------------------- casualties

struct Figures {
  std::string text;
  TokenizedText tt;
  std::vector<CasualtyFigure> figures;
  const CasualtyFigure* Of(const std::string& kind) const {
    for (const auto& f : figures)
      if (f.kind == kind) return &f;
    return nullptr;
  }
};

Figures CasualtiesIn(const std::string& text, const std::string& context = "") {
  Figures f{text, Tokenize(text), {}};
  f.figures =
      FindCasualties(f.tt.tokens, 0, static_cast<uint32_t>(f.tt.tokens.size()), En(), context);
  return f;
}

void ExpectKilled(const std::string& text, int value) {
  Figures f = CasualtiesIn(text);
  const CasualtyFigure* k = f.Of("killed");
  ASSERT_NE(k, nullptr) << text;
  EXPECT_EQ(k->value, value) << text;
  // The span is inside the text and covers the figure's tokens.
  EXPECT_LE(k->span.end, text.size()) << text;
  EXPECT_LT(k->span.begin, k->span.end) << text;
  EXPECT_LT(k->first, k->last) << text;
}

TEST(FindCasualties, KilledShapes) {
  ExpectKilled("The shelling hit Sarmin, killing 8 civilians.", 8);
  ExpectKilled("8 people were killed in the shelling of Sarmin.", 8);
  ExpectKilled("Eight people were killed in the shelling of Sarmin.", 8);
  ExpectKilled("The strike killed at least 12 people.", 12);
  ExpectKilled("Sarmin mourned 8 martyrs after the shelling.", 8);
  ExpectKilled("A 7-year-old child was killed in the shelling.", 1);
  ExpectKilled("An inmate was stabbed to death in the prison.", 1);
}

// "by two armed men": the count of the attackers is no casualty figure.
TEST(FindCasualties, CountAfterByIsTheAttackers) {
  ExpectKilled("A man was shot to death by two armed men.", 1);
  Figures f = CasualtiesIn("The victims were shot by at least four gunmen.");
  for (const auto& fig : f.figures) EXPECT_NE(fig.value, 4) << fig.kind;
}

TEST(FindCasualties, DeathTollUpdatesAreTotals) {
  Figures f = CasualtiesIn("The death toll rose to 8 on Thursday.");
  const CasualtyFigure* k = f.Of("killed");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->value, 8);
  EXPECT_TRUE(k->update);
  EXPECT_TRUE(k->total);
}

TEST(FindCasualties, InjuredShapes) {
  for (const std::string text : {"The attack killed 8 people and injured 42 others.",
                                 "8 people were killed and 42 wounded."}) {
    Figures f = CasualtiesIn(text);
    ASSERT_NE(f.Of("killed"), nullptr) << text;
    EXPECT_EQ(f.Of("killed")->value, 8) << text;
    ASSERT_NE(f.Of("injured"), nullptr) << text;
    EXPECT_EQ(f.Of("injured")->value, 42) << text;
  }
  Figures w = CasualtiesIn("42 wounded were taken to hospital.");
  ASSERT_NE(w.Of("injured"), nullptr);
  EXPECT_EQ(w.Of("injured")->value, 42);
  EXPECT_EQ(w.Of("killed"), nullptr);
}

// Regression: the 8 before ", injuring 42" was read as a second injured figure
// (injured 8 + injured 42) and the killed figure was lost.
TEST(FindCasualties, KillingThenInjuringAfterComma) {
  Figures f = CasualtiesIn("The attack killed 8 people, injuring 42 others.");
  ASSERT_NE(f.Of("killed"), nullptr);
  EXPECT_EQ(f.Of("killed")->value, 8);
  int injured = 0;
  for (const auto& c : f.figures)
    if (c.kind == "injured") {
      ++injured;
      EXPECT_EQ(c.value, 42);
    }
  EXPECT_EQ(injured, 1);
}

TEST(FindCasualties, NoCasualtiesIsZero) {
  Figures f = CasualtiesIn("No casualties were reported.");
  ASSERT_FALSE(f.figures.empty());
  bool zero = false;
  for (const auto& c : f.figures) {
    if (c.zero) {
      zero = true;
      EXPECT_EQ(c.value, 0);
    }
  }
  EXPECT_TRUE(zero);
}

TEST(FindCasualties, IncludingChildren) {
  Figures f = CasualtiesIn("The strike killed 8 civilians, including four children.");
  const CasualtyFigure* k = f.Of("killed");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->value, 8);
  ASSERT_TRUE(k->children);
  EXPECT_EQ(*k->children, 4);
}

TEST(FindCasualties, VagueCountsGiveNothing) {
  EXPECT_EQ(CasualtiesIn("Dozens of people were killed.").Of("killed"), nullptr);
  EXPECT_EQ(CasualtiesIn("Several civilians were wounded.").Of("injured"), nullptr);
  EXPECT_TRUE(CasualtiesIn("The regime shelled Sarmin on Monday.").figures.empty());
  EXPECT_TRUE(CasualtiesIn("").figures.empty());
}

TEST(FindCasualties, CombatantsAreMarked) {
  Figures f = CasualtiesIn("Three soldiers were killed in the clashes.");
  const CasualtyFigure* k = f.Of("killed");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->value, 3);
  EXPECT_TRUE(k->combatants);
  Figures c = CasualtiesIn("Three civilians were killed in the shelling.");
  ASSERT_NE(c.Of("killed"), nullptr);
  EXPECT_FALSE(c.Of("killed")->combatants);
}

TEST(FindCasualties, ContextKindForBareItems) {
  Figures f = CasualtiesIn("Balyoun town: two children.", "killed");
  ASSERT_FALSE(f.figures.empty());
  EXPECT_EQ(f.figures[0].kind, "killed");
  EXPECT_EQ(f.figures[0].value, 2);
  EXPECT_TRUE(f.figures[0].implicit_kind);
}

// ---------------------------------------------------------------- victims

std::vector<VictimMention> VictimsIn(const std::string& text, const std::string& outcome) {
  TokenizedText tt = Tokenize(text);
  std::vector<uint8_t> blocked(tt.tokens.size(), 0);
  return FindVictims(tt.tokens, text, 0, static_cast<uint32_t>(tt.tokens.size()), En(), blocked,
                     outcome);
}

TEST(FindVictims, NamedChildAndSurnameAgeMerge) {
  auto a = VictimsIn("The shelling killed the child Hamza Al-Shibli in Sarmin.", "killed");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a[0].victim.name, "Hamza Al-Shibli");
  EXPECT_FALSE(a[0].surname_only);
  auto b = VictimsIn("The shelling killed a 7-year-old child (Al-Shibli).", "killed");
  ASSERT_FALSE(b.empty());
  EXPECT_TRUE(b[0].surname_only);
  EXPECT_EQ(b[0].victim.age, 7);

  std::vector<VictimMention> all = a;
  all.insert(all.end(), b.begin(), b.end());
  std::vector<Victim> merged = MergeVictims(all);
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].name, "Hamza Al-Shibli");
  EXPECT_EQ(merged[0].age, 7);
  EXPECT_EQ(merged[0].outcome, "killed");
}

TEST(FindVictims, KidnappedNamedPerson) {
  auto v = VictimsIn("Gunmen kidnapped Ahed Fayez al-Ayed near his home.", "abducted");
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].victim.name, "Ahed Fayez al-Ayed");
  EXPECT_EQ(v[0].victim.outcome, "abducted");
  const std::string text = "Gunmen kidnapped Ahed Fayez al-Ayed near his home.";
  EXPECT_EQ(text.substr(v[0].victim.span.begin, v[0].victim.span.end - v[0].victim.span.begin),
            "Ahed Fayez al-Ayed");
}

TEST(FindVictims, BlockedTokensAreNotNames) {
  const std::string text = "The shelling killed the child Hamza Al-Shibli in Sarmin.";
  TokenizedText tt = Tokenize(text);
  std::vector<uint8_t> blocked(tt.tokens.size(), 1);
  auto v = FindVictims(tt.tokens, text, 0, static_cast<uint32_t>(tt.tokens.size()), En(),
                       blocked, "killed");
  EXPECT_TRUE(v.empty());
}

TEST(MergeVictims, DistinctPeopleStayApart) {
  auto a = VictimsIn("The shelling killed the child Hamza Al-Shibli.", "killed");
  auto b = VictimsIn("The shelling killed the child Omar Haddad.", "killed");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  a.insert(a.end(), b.begin(), b.end());
  EXPECT_EQ(MergeVictims(a).size(), 2u);
  EXPECT_TRUE(MergeVictims({}).empty());
}

// ---------------------------------------------------------------- actors

std::vector<ActorMention> ActorsIn(const std::string& text) {
  TokenizedText tt = Tokenize(text);
  return Actors().Find(tt.tokens, text, 0, static_cast<uint32_t>(tt.tokens.size()));
}

TEST(ActorTable, RegimeForcesAreTheMilitary) {
  auto m = ActorsIn("Regime forces shelled the town of Sarmin.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].role, "military");
  EXPECT_TRUE(m[0].canonical.empty());
  EXPECT_EQ(m[0].first, 0u);
  EXPECT_EQ(m[0].last, 2u);
  EXPECT_EQ(Actors().NameFor("military", "SY"), "Military Forces of Syria");
  EXPECT_EQ(Actors().NameFor("police", "TR"), "Police Forces of Turkey");
  EXPECT_EQ(Actors().NameFor("military", ""), "");
}

TEST(ActorTable, CountryAdjectivePatterns) {
  auto m = ActorsIn("Russian jets struck the village.");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].role, "military");
  EXPECT_EQ(m[0].country, "RU");
  EXPECT_EQ(Actors().NameFor(m[0].role, m[0].country), "Military Forces of Russia");
  auto p = ActorsIn("Turkish police detained him.");
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0].role, "police");
  EXPECT_EQ(p[0].country, "TR");
}

TEST(ActorTable, ForcesOfTwoCountriesAreTwoMentions) {
  auto m = ActorsIn("Military forces of India and Pakistan exchanged fire.");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].role, "military");
  EXPECT_EQ(m[0].country, "IN");
  EXPECT_EQ(m[1].role, "military");
  EXPECT_EQ(m[1].country, "PK");
  EXPECT_EQ(m[1].first, 5u);  // "Pakistan"
  EXPECT_EQ(m[1].last, 6u);
  // A country after "and" with no force word before it is not made a force.
  auto one = ActorsIn("Russian jets and Syria's economy were discussed.");
  for (const auto& a : one) EXPECT_NE(a.country, "SY");
}

TEST(ActorTable, StateForcesByTheirOwnNames) {
  auto m = ActorsIn("ANDSF forces repulsed the attack.");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].canonical, "Military Forces of Afghanistan");
  auto p = ActorsIn("FARDC soldiers clashed with ADF rebels.");
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0].last, 2u);  // "FARDC soldiers": one mention
  EXPECT_EQ(p[0].canonical, "Military Forces of the Democratic Republic of Congo");
  // The canonical name is the pattern name the country gets anyway.
  EXPECT_EQ(p[0].canonical, Actors().NameFor("military", "CD"));
}

TEST(ActorTable, UnnamedIslamistsTakeTheCountrysName) {
  auto m = ActorsIn("Suspected Islamist militants attacked the village.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].role, "jihadist");
  EXPECT_EQ(Actors().NameFor("jihadist", "MZ"), "Islamist Militia (Mozambique)");
  EXPECT_EQ(Actors().NameFor("jihadist", "NE"), "Unidentified Armed Group (Niger)");
}

// "rebels" nobody names are Syria's Opposition Rebels only in Syria; elsewhere they are
// an unidentified armed group, and beside a group's name ("ADF rebels") they are its men.
TEST(ActorTable, UnnamedRebelsTakeTheCountrysName) {
  auto m = ActorsIn("Rebel fighters attacked the village.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].role, "rebels");
  EXPECT_EQ(Actors().NameFor("rebels", "SY"), "Opposition Rebels (Syria)");
  EXPECT_EQ(Actors().NameFor("rebels", "SS"), "Unidentified Armed Group (South Sudan)");
  auto adf = ActorsIn("ADF rebels attacked the village.");
  ASSERT_EQ(adf.size(), 1u);
  EXPECT_EQ(adf[0].canonical, "ADF: Allied Democratic Forces");
  EXPECT_EQ(adf[0].last, 2u);
}

TEST(ActorTable, NamedGroups) {
  auto m = ActorsIn("HTS fighters shelled the town.");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].canonical, "Hayat Tahrir al-Sham");
  EXPECT_EQ(m[0].role, "named");
  auto d = ActorsIn("Daesh cells attacked a checkpoint.");
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d[0].canonical, "Islamic State");
}

// "PKK militants": the group's men are the group, not an unidentified actor beside it.
TEST(ActorTable, GroupFollowedByAGenericWordIsOneMention) {
  auto m = ActorsIn("PKK militants attacked Turkish Army units.");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].role, "named");
  EXPECT_EQ(m[0].last - m[0].first, 2u);
  for (const auto& a : m) EXPECT_NE(a.role, "unidentified");
}

// Pattern names work for every country, not only those whose demonyms are listed.
TEST(ActorTable, PatternNamesForEveryCountry) {
  EXPECT_EQ(Actors().NameFor("civilians", "RO"), "Civilians (Romania)");
  EXPECT_EQ(Actors().NameFor("unidentified", "SD"), "Unidentified Armed Group (Sudan)");
  EXPECT_EQ(Actors().NameFor("military", "XX"), "");
  EXPECT_EQ(Actors().NameFor("gang", "MX"), "Unidentified Gang (Mexico)");
  // unnamed.tsv: names for the authors of execution-style and drug-trade killings.
  EXPECT_EQ(Actors().NameFor("execution", "MX"), "Unidentified Gang (Mexico)");
  EXPECT_EQ(Actors().NameFor("drugs", "BR"), "Unidentified Gang and/or Police Militia");
  EXPECT_EQ(Actors().NameFor("execution", "SY"), "");
}

// ACLED's names for local militias: after their people, clan or community.
TEST(ActorTable, MilitiasAreNamedByThePeopleTheTextGives) {
  auto stem = [](const std::string& text) {
    for (const auto& m : ActorsIn(text))
      if (m.role == "militia") return m.canonical.empty() ? std::string("(unnamed)") : m.canonical;
    return std::string("(none)");
  };
  EXPECT_EQ(stem("On 5 May 2020, Tiv militias attacked the village."), "Tiv Ethnic Militia");
  EXPECT_EQ(stem("Suspected Fulani militiamen attacked the village."), "Fulani Ethnic Militia");
  EXPECT_EQ(stem("Militiamen from the Leelkayse clan exchanged fire with police."),
            "Leelkayse Clan Militia");
  EXPECT_EQ(stem("Communal militias from Zamwara attacked settlers."), "Zamwara Communal Militia");
  EXPECT_EQ(stem("A local militia attacked the market."), "(unnamed)");
  // A patron's auxiliaries are not a local militia.
  EXPECT_EQ(stem("Regime and Iran-backed militias shelled the town."), "(none)");
  EXPECT_EQ(stem("Groups affiliated with Assad's militias attacked a patrol."), "(none)");
  EXPECT_EQ(Actors().NameFor("militia", "NG", "Tiv Ethnic Militia"), "Tiv Ethnic Militia (Nigeria)");
  EXPECT_EQ(Actors().NameFor("militia", "SS"), "Unidentified Communal Militia (South Sudan)");
}

TEST(ActorTable, CriminalGroupsAreGangs) {
  auto m = ActorsIn("Gang members shot dead a shopkeeper.");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].role, "gang");
}

TEST(ActorTable, UpperCaseOnlyAcronyms) {
  // "hts" in lower case is not the group; "is" is a verb, never Islamic State.
  for (const auto& m : ActorsIn("The town hts is quiet and there is no news."))
    EXPECT_NE(m.canonical, "Hayat Tahrir al-Sham");
  for (const auto& m : ActorsIn("The situation is tense. It is what it is."))
    EXPECT_NE(m.canonical, "Islamic State");
  auto is = ActorsIn("An IS cell attacked the checkpoint.");
  bool found = false;
  for (const auto& m : is) found |= m.canonical == "Islamic State";
  EXPECT_TRUE(found);
}

TEST(ActorTable, CountryOf) {
  TokenizedText tt = Tokenize("Syrian army");
  uint32_t len = 0;
  std::string form;
  EXPECT_EQ(Actors().CountryOf(tt.tokens, "Syrian army", 0, 2, &len, &form), "SY");
  EXPECT_EQ(len, 1u);
  EXPECT_EQ(form, "adjective");
  const CountryInfo* c = Actors().Country("SY");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name, "Syria");
  EXPECT_EQ(Actors().Country("XX"), nullptr);
}

TEST(ActorTable, LoadErrorsNameTheFolder) {
  ActorTable t;
  Status s = t.Load("/nonexistent/harmwatch/actors");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/harmwatch/actors"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace harmwatch
