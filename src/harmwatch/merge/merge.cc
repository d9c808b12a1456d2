// Same-incident rules, with the phrase each one is for:
//  - place: "shelling of Sarmin" (geonameid 163345) and "Sarmin, east of Idlib" are one
//    place; "Al-Fardous neighbourhood" resolved to Aleppo and "Aleppo" too; two villages
//    3 km apart named by different reports of one barrage are kept together
//    (kMergeRadiusKm); an unresolved "Tal Tamr" matches "tal-tamr" by name key.
//  - date: "on Monday" (day) and "this week" (a few days) overlap; one day more is
//    allowed for reports written across midnight ("last night", "yesterday").
//    A report without any date matches on place, type and actor alone.
//  - type: reports disagree on the weapon, not on whether it was remote violence:
//    "air strike" vs "shelling" is one incident, "shelling" vs "armed clash" is not.
//  - perpetrator: equal, or unknown on one side ("unidentified gunmen"); different
//    named perpetrators only when place and day are both exact (state media blaming
//    "terrorists" for the shelling the opposition blames on the army).
#include "harmwatch/merge/merge.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

namespace harmwatch::merge {
namespace {

using Json = nlohmann::ordered_json;

// One more day than the precisions allow: sources date one strike a day apart when
// it happened at night or they count from publication ("yesterday").
constexpr int kDayTolerance = 1;

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

std::optional<double> Num(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::optional<int> Int(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

bool Unknown(const std::string& actor) {
  return actor.empty() || actor.rfind("Unidentified", 0) == 0;
}

// Sub-event types that reports of one incident may disagree on: the weapon seen from
// the ground ("shelling") or the air ("air strike"), and a chemical attack delivered
// by either. A suicide bombing, an IED or a grenade is not mistaken for those.
bool InterchangeableTypes(const std::string& a, const std::string& b) {
  static const std::set<std::string> kAerialOrArtillery = {
      "Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"};
  return kAerialOrArtillery.count(a) && kAerialOrArtillery.count(b);
}

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Days since 1970-01-01 (the standard calendar; a day past the month's end rolls over).
int DaysFromCivil(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return static_cast<int>(
      sys_days(year_month_day{year{y}, month{m}, day{d}}).time_since_epoch().count());
}

uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// Lowercase ASCII words; bytes >= 0x80 (Arabic, accents) stay inside words.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string cur;
  for (unsigned char c : text) {
    if (c >= 0x80 || std::isalnum(c)) {
      cur.push_back(static_cast<char>(c < 0x80 ? std::tolower(c) : c));
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

}  // namespace

std::string NameKey(std::string_view name) {
  // A consonant skeleton, so transliterations meet: "Dweil'a" and "Dwelaa" -> "dwl",
  // "Kafr Taal" and "Kafrta'al" -> "kfrtl"; Arabic drops its long vowels and
  // diacritics too ("الدويلعة" and "دويلعه" meet). A leading article goes first
  // ("al-Zawiya" = "Zawiya").
  std::string key;
  std::string_view s = name;
  for (std::string_view article : {"al-", "Al-", "el-", "El-", "al ", "Al "}) {
    if (s.size() > article.size() + 2 && s.substr(0, article.size()) == article) {
      s.remove_prefix(article.size());
      break;
    }
  }
  if (s.size() > 6 && s.substr(0, 4) == "\xD8\xA7\xD9\x84") s.remove_prefix(4);  // ال
  auto push = [&](std::string_view piece) {
    if (key.size() >= piece.size() &&
        key.compare(key.size() - piece.size(), piece.size(), piece) == 0) {
      return;  // doubled letters count once
    }
    key.append(piece);
  };
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      char l = static_cast<char>(std::tolower(c));
      if (!std::isalnum(c) || std::string_view("aeiouy").find(l) != std::string_view::npos) {
        continue;
      }
      push(std::string_view(&l, 1));
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > s.size()) break;
    std::string cp(s.substr(i, len));
    i += len - 1;
    if (len == 2) {
      unsigned char d = static_cast<unsigned char>(cp[1]);
      // Arabic: alef forms, waw, yeh, alef maksura, hamza, tatweel, diacritics drop;
      // teh marbuta reads as heh.
      if (c == 0xD8 &&
          (d == 0xA1 || d == 0xA2 || d == 0xA3 || d == 0xA4 || d == 0xA5 || d == 0xA6 || d == 0xA7))
        continue;
      if (c == 0xD9 &&
          (d == 0x88 || d == 0x89 || d == 0x8A || d == 0x80 || (d >= 0x8B && d <= 0x92)))
        continue;
      if (c == 0xD8 && d == 0xA9) cp = "\xD9\x87";
      // Latin letters with accents (Ḩ is 3 bytes and stays): ā ī ū ē drop as vowels.
      if (c == 0xC4 && (d == 0x81 || d == 0xAB || d == 0x93)) continue;
      if (c == 0xC5 && d == 0xAB) continue;
      if (c == 0xCA || c == 0xCB) continue;  // modifier letters: ʿ ʾ
    }
    if (len == 3 && static_cast<unsigned char>(cp[0]) == 0xE2) continue;  // ‘ ’ quotes
    push(cp);
  }
  return key;
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRad = M_PI / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

std::optional<int> DayNumber(std::string_view iso) {
  if (iso.size() != 10 && iso.size() != 7) return std::nullopt;
  auto digits = [&](size_t at, size_t n) -> int {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  if (iso[4] != '-') return std::nullopt;
  int y = digits(0, 4), m = digits(5, 2), d = iso.size() == 10 ? digits(8, 2) : 1;
  if (iso.size() == 10 && iso[7] != '-') return std::nullopt;
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

int DateSlackDays(int date_precision) {
  switch (date_precision) {
    case 1:
      return 0;
    case 2:
      return 3;
    default:
      return 15;
  }
}

Result<std::vector<EventRow>> EventRowsFromRecord(const Json& record, const std::string& doc_id) {
  std::vector<EventRow> rows;
  auto events = record.find("events");
  if (events == record.end() || !events->is_array()) {
    return Err(Status::InvalidArgument("record of " + doc_id + " has no events array"));
  }
  std::string source = Str(record, "source"), published = Str(record, "published");
  int ordinal = 0;
  for (const Json& e : *events) {
    EventRow r;
    r.doc_id = doc_id;
    r.ordinal = ordinal++;
    r.id = doc_id + "#" + std::to_string(r.ordinal);
    Json loc = e.value("location", Json::object());
    r.place = Str(loc, "name");
    if (r.place.empty()) r.place = Str(loc, "mention");
    r.place_key = NameKey(r.place);
    r.lat = Num(loc, "lat");
    r.lon = Num(loc, "lon");
    r.admin1 = Str(loc, "admin1");
    r.admin2 = Str(loc, "admin2");
    r.country = Str(loc, "country");
    r.pcode = Str(loc, "pcode");
    if (auto g = loc.find("geonameid"); g != loc.end() && g->is_number_integer()) {
      r.geonameid = g->get<int64_t>();
    }
    r.geo_precision = Int(loc, "geo_precision").value_or(3);
    if (std::string d = Str(e, "date"); !d.empty()) r.date = d;
    r.date_precision = Int(e, "date_precision").value_or(3);
    r.event_type = Str(e, "event_type");
    r.sub_event_type = Str(e, "sub_event_type");
    r.actor1 = Str(e, "actor1");
    r.actor2 = Str(e, "actor2");
    r.civilian_targeting = e.value("civilian_targeting", false);
    r.killed = Int(e, "killed");
    r.injured = Int(e, "injured");
    r.source = source;
    r.published = published;
    r.json = e.dump();
    rows.push_back(std::move(r));
  }
  return rows;
}

bool CloseTolls(std::optional<int> a, std::optional<int> b) {
  if (!a || !b || std::min(*a, *b) < kDistinctiveToll) return false;
  return std::min(*a, *b) >= kCloseTollRatio * std::max(*a, *b);
}

std::optional<std::string> SameIncident(const EventRow& a, const EventRow& b) {
  std::string why;
  // Place.
  bool exact_place = false;
  if (a.geonameid && b.geonameid && *a.geonameid == *b.geonameid) {
    why = "same place " + a.place + " (geonameid " + std::to_string(*a.geonameid) + ")";
    exact_place = true;
  } else if (!a.pcode.empty() && a.pcode == b.pcode) {
    why = "same place " + a.place + " (" + a.pcode + ")";
    exact_place = true;
  } else if (a.lat && a.lon && b.lat && b.lon && a.geo_precision <= 2 && b.geo_precision <= 2 &&
             DistanceKm(*a.lat, *a.lon, *b.lat, *b.lon) <= kMergeRadiusKm) {
    why = a.place + " and " + b.place + " " + Fmt(DistanceKm(*a.lat, *a.lon, *b.lat, *b.lon)) +
          " km apart";
  } else if (!a.place_key.empty() && a.place_key == b.place_key &&
             (a.country.empty() || b.country.empty() || a.country == b.country)) {
    why = "same place name " + a.place;
    exact_place = true;
  } else {
    return std::nullopt;
  }
  // Date.
  bool exact_day = false;
  if (a.date && b.date) {
    auto da = DayNumber(*a.date), db = DayNumber(*b.date);
    if (!da || !db) return std::nullopt;
    int gap = std::abs(*da - *db);
    if (gap > kDayTolerance + DateSlackDays(a.date_precision) + DateSlackDays(b.date_precision)) {
      return std::nullopt;
    }
    exact_day = gap == 0 && a.date_precision == 1 && b.date_precision == 1;
    why += gap == 0 ? "; same date " + *a.date
                    : "; dates " + *a.date + " and " + *b.date + " within their precision";
  } else {
    why += "; date unknown in " + std::string(a.date || b.date ? "one report" : "both reports");
    // Without a date to agree on, the reports must also tell the same story: in a small
    // place the same large toll, give or take the count rising ("90 killed", "more than
    // 100"); else the same words and places.
    // A place no gazetteer knows is a small one; a city sees many attacks with similar
    // tolls (Kharkiv shelled, 9 and 11 killed, on different days).
    bool small_place = !a.geonameid && !b.geonameid && a.pcode.empty() && b.pcode.empty();
    if (small_place && CloseTolls(a.killed, b.killed)) {
      why += " (the reports give close tolls: " + std::to_string(*a.killed) + " and " +
             std::to_string(*b.killed) + " killed)";
    } else if (!a.doc_terms.empty() && !b.doc_terms.empty()) {
      double sim = TermJaccard(a.doc_terms, b.doc_terms);
      if (sim < kUndatedTopicSimilarity) return std::nullopt;
      why += " (the reports share " + std::to_string(static_cast<int>(sim * 100)) + "% of words";
      if (!a.doc_places.empty() && !b.doc_places.empty()) {
        size_t common = CommonTerms(a.doc_places, b.doc_places);
        // Half the smaller report's places (at least one), two at most.
        size_t smaller = std::min(a.doc_places.size(), b.doc_places.size());
        size_t needed = std::min(kUndatedCommonPlaces, (smaller + 1) / 2);
        if (common < needed) return std::nullopt;
        why += " and " + std::to_string(common) + (common == 1 ? " place" : " places");
      }
      why += ")";
    }
  }
  // Type.
  if (a.sub_event_type == b.sub_event_type) {
    why += "; both " + a.sub_event_type;
  } else if (InterchangeableTypes(a.sub_event_type, b.sub_event_type)) {
    why += "; " + a.sub_event_type + " vs " + b.sub_event_type + " (sources differ on the weapon)";
  } else {
    return std::nullopt;
  }
  // Perpetrator.
  if (a.actor1 == b.actor1) {
    if (!a.actor1.empty()) why += "; both by " + a.actor1;
  } else if (Unknown(a.actor1) || Unknown(b.actor1)) {
    why += "; perpetrator unknown in one report";
  } else if (exact_place && exact_day) {
    why += "; perpetrator disputed: " + a.actor1 + " vs " + b.actor1;
  } else {
    return std::nullopt;
  }
  return why;
}

std::optional<MergeChoice> ChooseIncident(const EventRow& ev,
                                          const std::vector<EventRow>& candidates) {
  std::set<std::string> own;  // incidents already holding an event of this document
  for (const EventRow& c : candidates) {
    if (c.doc_id == ev.doc_id) own.insert(c.incident_id);
  }
  struct Score {
    int matches = 0;
    double nearest = std::numeric_limits<double>::infinity();
    std::string reason;
  };
  std::map<std::string, Score> scores;
  for (const EventRow& c : candidates) {
    if (c.doc_id == ev.doc_id || own.count(c.incident_id) || c.incident_id.empty()) continue;
    auto why = SameIncident(ev, c);
    if (!why) continue;
    Score& s = scores[c.incident_id];
    ++s.matches;
    double km =
        (ev.lat && ev.lon && c.lat && c.lon) ? DistanceKm(*ev.lat, *ev.lon, *c.lat, *c.lon) : 0.0;
    if (km < s.nearest) {
      s.nearest = km;
      s.reason = "matches " + c.id + ": " + *why;
    }
  }
  const std::pair<const std::string, Score>* best = nullptr;
  for (const auto& entry : scores) {  // map order: ties go to the smallest id
    if (!best || entry.second.matches > best->second.matches ||
        (entry.second.matches == best->second.matches &&
         entry.second.nearest < best->second.nearest)) {
      best = &entry;
    }
  }
  if (!best) return std::nullopt;
  return MergeChoice{best->first, best->second.reason};
}

std::vector<uint32_t> TopicTerms(std::string_view text) {
  constexpr size_t kMinChars = 4;
  std::vector<uint32_t> terms;
  for (const std::string& w : Words(text)) {
    size_t chars = 0;
    for (unsigned char c : w) chars += (c & 0xC0) != 0x80;  // UTF-8 code points
    if (chars >= kMinChars) terms.push_back(static_cast<uint32_t>(Fnv1a(w)));
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

std::vector<uint32_t> PlaceTerms(const std::vector<EventRow>& events) {
  std::vector<uint32_t> terms;
  for (const EventRow& e : events)
    if (!e.place_key.empty()) terms.push_back(static_cast<uint32_t>(Fnv1a(e.place_key)));
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

size_t CommonTerms(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return common;
}

double TermJaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.empty() || b.empty()) return 0.0;
  const size_t common = CommonTerms(a, b);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::string NormalizeForHash(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<uint32_t> MinHashSignature(std::string_view text) {
  constexpr size_t kShingleWords = 5;
  std::vector<std::string> words = Words(text);
  std::vector<uint64_t> shingles;
  if (words.size() < kShingleWords) {
    std::string all;
    for (const auto& w : words) all += w + " ";
    shingles.push_back(Fnv1a(all));
  } else {
    for (size_t i = 0; i + kShingleWords <= words.size(); ++i) {
      uint64_t h = 1469598103934665603ull;
      for (size_t k = 0; k < kShingleWords; ++k) h = Fnv1a(words[i + k] + " ", h);
      shingles.push_back(h);
    }
  }
  std::vector<uint32_t> sig(kMinHashSize, std::numeric_limits<uint32_t>::max());
  for (uint64_t s : shingles) {
    for (int i = 0; i < kMinHashSize; ++i) {
      uint32_t v = static_cast<uint32_t>(SplitMix(s ^ SplitMix(static_cast<uint64_t>(i) + 1)));
      sig[static_cast<size_t>(i)] = std::min(sig[static_cast<size_t>(i)], v);
    }
  }
  return sig;
}

double SignatureSimilarity(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.size() != b.size() || a.empty()) return 0.0;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

std::vector<int64_t> SignatureBands(const std::vector<uint32_t>& signature) {
  std::vector<int64_t> bands;
  for (size_t b = 0; b + kBandRows <= signature.size(); b += kBandRows) {
    uint64_t h = SplitMix(b);
    for (size_t r = 0; r < kBandRows; ++r) h = SplitMix(h ^ signature[b + r]);
    bands.push_back(static_cast<int64_t>(h >> 1));
  }
  return bands;
}

}  // namespace harmwatch::merge
