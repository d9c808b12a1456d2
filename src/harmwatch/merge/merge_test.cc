#include "harmwatch/merge/merge.h"

#include <gtest/gtest.h>

namespace harmwatch::merge {
namespace {

EventRow Ev(const std::string& doc, const std::string& place, double lat, double lon,
            std::optional<std::string> date, const std::string& type = "Air/drone strike",
            const std::string& actor = "Military Forces of Syria") {
  EventRow r;
  r.doc_id = doc;
  r.id = doc + "#0";
  r.incident_id = r.id;
  r.place = place;
  r.place_key = NameKey(place);
  r.lat = lat;
  r.lon = lon;
  r.geo_precision = 1;
  r.country = "SY";
  r.date = date;
  r.date_precision = 1;
  r.event_type = type == "Armed clash" ? "Battles" : "Explosions/Remote violence";
  r.sub_event_type = type;
  r.actor1 = actor;
  r.json = "{}";
  return r;
}

TEST(NameKey, FoldsCaseAndPunctuation) {
  EXPECT_EQ(NameKey("Kafr Nabl"), NameKey("kafr-nabl"));
  EXPECT_EQ(NameKey("أريحا"), NameKey("اريحا"));
  EXPECT_EQ(NameKey("Dweil'a"), NameKey("Dwelaa"));
  EXPECT_EQ(NameKey("al-Zawiya"), NameKey("Zawiya"));
  EXPECT_EQ(NameKey("Kafranbel"), NameKey("Kafr Nabl"));
  EXPECT_NE(NameKey("Homs"), NameKey("Hama"));
}

TEST(DayNumber, CivilCalendar) {
  EXPECT_EQ(DayNumber("1970-01-01"), 0);
  EXPECT_EQ(*DayNumber("2024-03-01") - *DayNumber("2024-02-28"), 2);  // leap year
  EXPECT_EQ(DayNumber("2023-12"), DayNumber("2023-12-01"));
  EXPECT_FALSE(DayNumber("2023-13-01"));
  EXPECT_FALSE(DayNumber("yesterday"));
}

TEST(SameIncident, NearbyPlacesSameDay) {
  auto a = Ev("a", "Sarmin", 35.9, 36.72, "2023-12-05");
  auto b = Ev("b", "Afes", 35.92, 36.74, "2023-12-05");  // ~3 km
  auto why = SameIncident(a, b);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("km apart"), std::string::npos);
}

TEST(SameIncident, FarPlacesDoNotMerge) {
  EXPECT_FALSE(SameIncident(Ev("a", "Sarmin", 35.9, 36.72, "2023-12-05"),
                            Ev("b", "Aleppo", 36.2, 37.16, "2023-12-05")));
}

TEST(SameIncident, DatePrecisionWidensTheWindow) {
  auto a = Ev("a", "Sarmin", 35.9, 36.72, "2023-12-05");
  auto b = Ev("b", "Sarmin", 35.9, 36.72, "2023-12-09");
  EXPECT_FALSE(SameIncident(a, b));
  b.date_precision = 2;  // "this week"
  EXPECT_TRUE(SameIncident(a, b));
  b.date = "2023-12-06";
  b.date_precision = 1;  // "last night" a day apart
  EXPECT_TRUE(SameIncident(a, b));
}

TEST(SameIncident, TypesMustBeCompatible) {
  auto a = Ev("a", "Sarmin", 35.9, 36.72, "2023-12-05");
  auto b = Ev("b", "Sarmin", 35.9, 36.72, "2023-12-05", "Shelling/artillery/missile attack");
  EXPECT_TRUE(SameIncident(a, b));
  auto c = Ev("c", "Sarmin", 35.9, 36.72, "2023-12-05", "Armed clash");
  EXPECT_FALSE(SameIncident(a, c));
  auto d = Ev("d", "Sarmin", 35.9, 36.72, "2023-12-05", "Suicide bomb");
  EXPECT_FALSE(SameIncident(a, d));
}

TEST(SameIncident, UndatedReportsMustShareTheirWords) {
  auto a = Ev("a", "Aleppo", 36.2, 37.16, std::nullopt);
  auto b = Ev("b", "Aleppo", 36.2, 37.16, std::nullopt);
  a.doc_terms = TopicTerms("warplanes struck the Fardous market killing dozens of shoppers");
  b.doc_terms = TopicTerms("warplanes struck Fardous market in Aleppo killing shoppers today");
  EXPECT_TRUE(SameIncident(a, b));
  b.doc_terms = TopicTerms("rebels announced a new offensive on the western districts");
  EXPECT_FALSE(SameIncident(a, b));
  b.date = "2016-10-12";  // a dated report still needs the words when the other is not
  EXPECT_FALSE(SameIncident(a, b));
}

// Arabic reports of one bombing share few words; in a place too small for the gazetteer
// the same large toll tells that they are one incident, in a city it does not.
TEST(SameIncident, UndatedReportsWithCloseTollsInASmallPlace) {
  auto a = Ev("a", "خان بني سعد", 0, 0, "2015-07-17");
  auto b = Ev("b", "خان بني سعد", 0, 0, std::nullopt);
  a.lat = a.lon = b.lat = b.lon = std::nullopt;
  a.place_key = b.place_key = NameKey("خان بني سعد");
  a.doc_terms = TopicTerms("أعلنت الشرطة مقتل 100 شخص بتفجير سيارة مفخخة");
  b.doc_terms = TopicTerms("تجاوزت الحصيلة قتيل من بينهم طفلا في تفجير يوم العيد");
  a.killed = 100;
  b.killed = 90;
  auto why = SameIncident(a, b);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("close tolls"), std::string::npos) << *why;
  b.killed = 60;  // not close
  EXPECT_FALSE(SameIncident(a, b));
  a.killed = 4;  // too small to tell one attack from another
  b.killed = 4;
  EXPECT_FALSE(SameIncident(a, b));
  a.killed = 11;
  b.killed = 9;
  a.geonameid = b.geonameid = 706483;  // a city: many attacks with such tolls
  EXPECT_FALSE(SameIncident(a, b));
  EXPECT_TRUE(CloseTolls(11, 9));
  EXPECT_FALSE(CloseTolls(11, std::nullopt));
}

// A monitor's daily bulletins about one front read alike and share a village or two;
// two accounts of one attack list the same villages.
TEST(SameIncident, UndatedReportsMustNameTheSamePlaces) {
  auto place_terms = [](std::vector<std::string> names) {
    std::vector<EventRow> rows;
    for (auto& n : names) rows.push_back(Ev("x", n, 35.7, 36.5, std::nullopt));
    return PlaceTerms(rows);
  };
  auto a = Ev("a", "Iblin", 35.7, 36.5, std::nullopt);
  auto b = Ev("b", "Iblin", 35.7, 36.5, std::nullopt);
  a.doc_terms = b.doc_terms = TopicTerms("regime forces shelled villages of Jabal al-Zawiya");
  a.doc_places = place_terms({"Iblin", "Balyun", "Balshun", "Ariha"});
  b.doc_places = place_terms({"Iblin", "Masbah", "Hmeimat", "Kawkaba"});
  EXPECT_FALSE(SameIncident(a, b));  // one village in common: another day's bulletin
  b.doc_places = place_terms({"Iblin", "Balshun", "Idlib"});
  auto why = SameIncident(a, b);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("2 places"), std::string::npos) << *why;
  b.doc_places = place_terms({"Iblin", "Idlib"});  // half of a two-place report is enough
  EXPECT_TRUE(SameIncident(a, b));
  b.doc_places = place_terms({"Iblin"});  // a one-place report: its place is enough
  EXPECT_TRUE(SameIncident(a, b));
  b.doc_places.clear();  // not known (a document stored before places were kept)
  EXPECT_TRUE(SameIncident(a, b));
}

TEST(SameIncident, DisputedPerpetratorOnlyWhenPlaceAndDayExact) {
  auto a = Ev("a", "Tal Tamr", 36.65, 40.37, "2015-03-01");
  auto b = Ev("b", "Tal Tamr", 36.65, 40.37, "2015-03-01", "Air/drone strike", "Islamic State");
  a.geonameid = b.geonameid = 1;
  auto why = SameIncident(a, b);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("disputed"), std::string::npos);
  b.date = "2015-03-02";
  EXPECT_FALSE(SameIncident(a, b));
  b.actor1 = "Unidentified Armed Group (Syria)";
  EXPECT_TRUE(SameIncident(a, b));
}

TEST(ChooseIncident, NeverJoinsItsOwnDocumentsIncident) {
  auto ev = Ev("a", "Sarmin", 35.9, 36.72, "2023-12-05");
  ev.id = "a#1";
  auto own = Ev("a", "Sarmin", 35.9, 36.72, "2023-12-05");
  own.incident_id = "x#0";
  auto same_inc_other_doc = Ev("b", "Sarmin", 35.9, 36.72, "2023-12-05");
  same_inc_other_doc.incident_id = "x#0";
  EXPECT_FALSE(ChooseIncident(ev, {own, same_inc_other_doc}));
  auto other = Ev("c", "Sarmin", 35.9, 36.72, "2023-12-05");
  other.incident_id = "c#0";
  auto choice = ChooseIncident(ev, {own, same_inc_other_doc, other});
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->incident_id, "c#0");
}

TEST(BuildIncident, CasualtiesMinMaxLatestAndCorrectionsWin) {
  auto a = Ev("a", "Sarmin", 35.9, 36.72, "2023-12-05");
  a.killed = 5;
  a.published = "2023-12-05";
  a.ingested_at = "2024-01-01T00:00:00Z";
  auto b = Ev("b", "Sarmin", 35.9, 36.72, "2023-12-05", "Air/drone strike", "Islamic State");
  b.killed = 8;
  b.published = "2023-12-06";
  b.ingested_at = "2024-01-01T00:00:01Z";
  a.json = R"({"assoc_actor_1":["Military Forces of Russia"],"weapons":["airstrike"]})";
  Incident inc = BuildIncident("a#0", {b, a}, {}, {});
  EXPECT_EQ(inc.assoc_actor1, std::vector<std::string>{"Military Forces of Russia"});
  EXPECT_EQ(inc.weapons, std::vector<std::string>{"airstrike"});
  EXPECT_EQ(inc.killed_min, 5);
  EXPECT_EQ(inc.killed_max, 8);
  EXPECT_EQ(inc.merged.killed, 8);  // the later report: "the toll has risen to 8"
  auto undated = Ev("c", "Sarmin", 35.9, 36.72, std::nullopt);
  undated.killed = 2;
  undated.ingested_at = "2024-01-02T00:00:00Z";  // ingested later, but not known newer
  EXPECT_EQ(BuildIncident("a#0", {a, b, undated}, {}, {}).merged.killed, 8);
  EXPECT_EQ(inc.doc_ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(inc.actor1_claims.size(), 2u);
  Correction c;
  c.id = 1;
  c.field = "killed";
  c.value = "7";
  Incident corrected = BuildIncident("a#0", {a, b}, {c}, {});
  EXPECT_EQ(corrected.merged.killed, 7);
  auto j = IncidentToJson(corrected);
  EXPECT_EQ(j["killed"], 7);
  EXPECT_EQ(j["claims"].size(), 2u);
}

TEST(CheckCorrection, RejectsBadFieldsAndValues) {
  EXPECT_TRUE(CheckCorrection("killed", "12").ok());
  EXPECT_TRUE(CheckCorrection("killed", "null").ok());
  EXPECT_FALSE(CheckCorrection("killed", "many").ok());
  EXPECT_FALSE(CheckCorrection("colour", "red").ok());
  EXPECT_FALSE(CheckCorrection("date", "2023-02-30x").ok());
  EXPECT_FALSE(CheckCorrection("lat", "123").ok());
}

TEST(MinHash, NearCopiesAreSimilarOthersAreNot) {
  std::string base;
  for (int i = 0; i < 60; ++i) base += "word" + std::to_string(i) + " and the shelling of town ";
  std::string edited = "BEIRUT (AFP) - " + base + " Reporting by someone.";
  std::string other;
  for (int i = 0; i < 60; ++i) other += "another" + std::to_string(i) + " unrelated story text ";
  auto sa = MinHashSignature(base), sb = MinHashSignature(edited), sc = MinHashSignature(other);
  EXPECT_GE(SignatureSimilarity(sa, sb), 0.85);
  EXPECT_LT(SignatureSimilarity(sa, sc), 0.2);
  auto ba = SignatureBands(sa), bb = SignatureBands(sb);
  int shared = 0;
  for (size_t i = 0; i < ba.size(); ++i) shared += ba[i] == bb[i];
  EXPECT_GT(shared, 0);
}

}  // namespace
}  // namespace harmwatch::merge
