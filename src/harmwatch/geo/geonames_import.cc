// GeoNames dumps (cities500.txt, SY.txt, allCountries.txt): 19 tab-separated columns
//   0 geonameid  1 name  2 asciiname  3 alternatenames  4 lat  5 lon  6 feature class
//   7 feature code  8 country  9 cc2  10 admin1  11 admin2  12 admin3  13 admin4
//   14 population  15 elevation  16 dem  17 timezone  18 modification date
// A bad line is skipped with a warning; a file with no good line is an error.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "harmwatch/geo/gazetteer_build.h"
#include "harmwatch/geo/import_util.h"
#include "harmwatch/geo/place_key.h"

namespace harmwatch {
namespace {

constexpr size_t kGeoNamesColumns = 19;
// Longer alternates are descriptions or lists, not names people write in news.
constexpr size_t kMaxAltNameBytes = 80;
// Postal codes and airport codes hide in alternate names ("75001", "SW1A", "DAM"); a
// short token with digits, or of two or three capitals, is taken for one.
constexpr size_t kMaxCodeLikeBytes = 10;
// A few bad lines are skipped; more bad lines than good ones beyond this is not a dump.
constexpr size_t kMaxBadLinesTolerated = 10;

bool IsAllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool KeepAlternate(std::string_view a) {
  if (a.empty() || a.size() > kMaxAltNameBytes || IsAllDigits(a)) return false;
  if (a.find("://") != std::string_view::npos || a.rfind("www.", 0) == 0 ||
      a.rfind("http", 0) == 0) {
    return false;
  }
  bool has_digit = std::any_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; });
  bool has_space = a.find(' ') != std::string_view::npos;
  if (has_digit && !has_space && a.size() <= kMaxCodeLikeBytes) return false;
  if (a.size() <= 3 &&
      std::all_of(a.begin(), a.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return false;
  }
  return true;
}

bool ParseDouble(const std::string& s, double lo, double hi, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v) || v < lo || v > hi) return false;
  *out = v;
  return true;
}

template <typename T>
bool ParseInt(const std::string& s, T* out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

PlaceKind KindOf(const std::string& cls, const std::string& code) {
  if (cls == "P") return PlaceKind::kPopulated;
  if (code == "ADM1") return PlaceKind::kAdmin1;
  if (code == "ADM2") return PlaceKind::kAdmin2;
  if (code == "PCLI" || code == "PCLD" || code == "PCLF" || code == "PCLS" || code == "PCLIX" ||
      code == "PCL" || code == "TERR") {
    return PlaceKind::kCountry;
  }
  return PlaceKind::kOther;
}

void SplitTabs(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  size_t start = 0;
  while (true) {
    size_t end = line.find('\t', start);
    fields.emplace_back(line.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
}

// Running coordinates of an area: the seat if one is seen, else the population-weighted
// mean of its places (weight population + 1, so villages without a count still count).
struct AreaAccumulator {
  double wlat = 0, wlon = 0, w = 0;
  uint64_t population = 0;
  bool has_seat = false;
  double seat_lat = 0, seat_lon = 0;
  int seat_rank = 0;  // PPLC = 2 beats PPLA = 1 for countries; reverse for admin1
  void Add(const PlaceInput& p) {
    double weight = static_cast<double>(p.population) + 1.0;
    wlat += p.lat * weight;
    wlon += p.lon * weight;
    w += weight;
    population += p.population;
  }
  void Seat(const PlaceInput& p, int rank) {
    if (!has_seat || rank > seat_rank) {
      has_seat = true;
      seat_rank = rank;
      seat_lat = p.lat;
      seat_lon = p.lon;
    }
  }
  void Place(PlaceInput* out) const {
    out->lat = has_seat ? seat_lat : (w > 0 ? wlat / w : 0);
    out->lon = has_seat ? seat_lon : (w > 0 ? wlon / w : 0);
    out->population = static_cast<uint32_t>(std::min<uint64_t>(population, UINT32_MAX));
  }
};

}  // namespace

Result<size_t> ImportGeoNames(const std::string& path, const ImportOptions& options,
                              IndexBuilder* builder, std::vector<std::string>* warnings) {
  const std::string file = BaseName(path);
  auto content = ReadWholeFile(path);
  if (!content) return Err(content.error());
  if (content->find_first_not_of(" \t\r\n") == std::string::npos) {
    return Err(Status::InvalidArgument(path + ": empty file, expected a GeoNames dump"));
  }
  std::unordered_map<std::string, std::string> admin1_names, admin2_names;
  if (!options.admin1_path.empty()) {
    auto t = LoadAdminTable(options.admin1_path);
    if (!t) return Err(t.error());
    admin1_names = std::move(*t);
  }
  if (!options.admin2_path.empty()) {
    auto t = LoadAdminTable(options.admin2_path);
    if (!t) return Err(t.error());
    admin2_names = std::move(*t);
  }
  auto countries = LoadCountries(options.countries_path);
  if (!countries) return Err(countries.error());
  auto crosswalk = LoadCrosswalk(options.crosswalk_path);
  if (!crosswalk) return Err(crosswalk.error());
  std::unordered_map<std::string, const CrosswalkRow*> by_code;
  for (const CrosswalkRow& r : *crosswalk) by_code[r.geonames_code] = &r;

  WarningSink warn(warnings, file);
  std::vector<PlaceInput> places;
  std::vector<std::string> fields;
  std::string repaired;
  size_t line_no = 0, bad_lines = 0;
  std::string_view text = *content;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::string where = "line " + std::to_string(line_no);
    if (RepairUtf8(line, &repaired) > 0) {
      warn.Add(where, "not valid UTF-8; bad bytes replaced by U+FFFD");
      line = repaired;
    }
    SplitTabs(line, fields);
    if (fields.size() != kGeoNamesColumns) {
      warn.Add(where, "expected 19 tab-separated columns, found " + std::to_string(fields.size()) +
                          "; line skipped");
      ++bad_lines;
      continue;
    }
    PlaceInput p;
    if (!ParseInt(fields[0], &p.geonameid)) {
      warn.Add(where, "geonameid '" + fields[0].substr(0, 20) + "' is not a number; line skipped");
      ++bad_lines;
      continue;
    }
    if (!ParseDouble(fields[4], -90, 90, &p.lat) || !ParseDouble(fields[5], -180, 180, &p.lon)) {
      warn.Add(where, "coordinates '" + fields[4].substr(0, 20) + "', '" + fields[5].substr(0, 20) +
                          "' are not numbers in range; line skipped");
      ++bad_lines;
      continue;
    }
    p.name = fields[1];
    if (p.name.empty()) p.name = fields[2];
    if (p.name.empty()) {
      warn.Add(where, "no name; line skipped");
      ++bad_lines;
      continue;
    }
    if (!fields[2].empty() && fields[2] != p.name) p.alt_names.push_back(fields[2]);
    std::string_view alts = fields[3];
    for (size_t s = 0; s <= alts.size();) {
      size_t comma = alts.find(',', s);
      std::string_view a = alts.substr(s, comma == std::string_view::npos ? comma : comma - s);
      s = comma == std::string_view::npos ? alts.size() + 1 : comma + 1;
      if (KeepAlternate(a)) p.alt_names.emplace_back(a);
    }
    p.kind = KindOf(fields[6], fields[7]);
    p.feature_code = fields[7];
    p.country = fields[8];
    if (!ParseInt(fields[14], &p.population)) p.population = 0;
    if (!fields[10].empty() && !p.country.empty()) {
      p.admin1_code = p.country + "." + fields[10];
      if (auto cw = by_code.find(p.admin1_code); cw != by_code.end()) {
        p.admin1 = cw->second->english;
      } else if (auto a = admin1_names.find(p.admin1_code); a != admin1_names.end()) {
        p.admin1 = BareAdminName(a->second);
      }
      if (!fields[11].empty()) {
        if (auto a = admin2_names.find(p.admin1_code + "." + fields[11]); a != admin2_names.end()) {
          p.admin2 = BareAdminName(a->second);
        }
      }
    }
    places.push_back(std::move(p));
  }
  // Binary junk splits into "lines" too; when most lines are bad this is not a dump.
  if (places.empty() || (bad_lines > kMaxBadLinesTolerated && bad_lines > places.size())) {
    return Err(Status::InvalidArgument(path +
                                       ": not a GeoNames dump: " + std::to_string(places.size()) +
                                       " good lines, " + std::to_string(bad_lines) + " bad" +
                                       (warn.first().empty() ? "" : " (" + warn.first() + ")")));
  }

  // Admin1 areas and countries as places of their own, so that "Idlib province" and
  // "Syria" resolve even when the dump has no ADM1/PCLI records.
  std::map<std::string, AreaAccumulator> admin1_areas, country_areas;
  std::map<std::string, size_t> existing_admin1, existing_country;
  // Districts too ("Kandhamal, Odisha", "Zaragoza, Nueva Ecija"): reports and monitors
  // locate villages by them, and cities500 lists few of their seats under that name.
  // Keyed by admin1 code + district name; a dump's own ADM2 records stay as they are.
  // A district named like one of its towns (Morelia, Quetta) is left out: the town
  // already answers to the name, and two entries for one name only compete.
  std::map<std::string, AreaAccumulator> admin2_areas;
  std::map<std::string, size_t> admin2_first;  // index of the district's first place
  std::set<std::string> existing_admin2, named_like_a_town;
  for (size_t i = 0; i < places.size(); ++i) {
    const PlaceInput& p = places[i];
    if (p.kind == PlaceKind::kAdmin1 && !p.admin1_code.empty()) existing_admin1[p.admin1_code] = i;
    if (p.kind == PlaceKind::kCountry && !p.country.empty()) existing_country[p.country] = i;
    if (p.kind == PlaceKind::kAdmin2 && !p.admin2.empty()) existing_admin2.insert(p.admin1_code + "|" + p.admin2);
    if (p.kind != PlaceKind::kPopulated) continue;
    if (!p.admin2.empty() && !p.admin1_code.empty()) {
      const std::string key = p.admin1_code + "|" + p.admin2;
      AreaAccumulator& d = admin2_areas[key];
      d.Add(p);
      if (p.feature_code == "PPLA2") d.Seat(p, 1);
      admin2_first.emplace(key, i);
      const std::string district = CompactKey(p.admin2);
      bool town_named_so = CompactKey(p.name) == district;
      for (const auto& alt : p.alt_names) town_named_so = town_named_so || CompactKey(alt) == district;
      if (town_named_so) named_like_a_town.insert(key);
    }
    if (!p.country.empty()) {
      AreaAccumulator& c = country_areas[p.country];
      c.Add(p);
      if (p.feature_code == "PPLC") c.Seat(p, 2);
    }
    if (!p.admin1_code.empty() && p.admin1_code.substr(p.admin1_code.size() - 3) != ".00") {
      AreaAccumulator& a = admin1_areas[p.admin1_code];
      a.Add(p);
      if (p.feature_code == "PPLA") a.Seat(p, 2);
      if (p.feature_code == "PPLC") a.Seat(p, 1);
    }
  }
  for (const auto& [code, area] : admin1_areas) {
    const CrosswalkRow* cw = by_code.count(code) ? by_code[code] : nullptr;
    auto table = admin1_names.find(code);
    std::string table_name = table != admin1_names.end() ? table->second : "";
    if (auto it = existing_admin1.find(code); it != existing_admin1.end()) {
      // The dump has the ADM1 record: give it the crosswalk's names too.
      PlaceInput& p = places[it->second];
      if (cw != nullptr) {
        p.alt_names.push_back(p.name);
        p.name = cw->english;
        for (const auto& n : cw->other_names) p.alt_names.push_back(n);
      } else if (std::string bare = BareAdminName(p.name); bare != p.name) {
        p.alt_names.push_back(p.name);
        p.name = std::move(bare);
      }
      p.admin1 = p.name;
      continue;
    }
    PlaceInput a;
    a.name = cw != nullptr ? cw->english : BareAdminName(table_name);
    if (a.name.empty()) continue;  // no name known for the code
    if (!table_name.empty() && table_name != a.name) a.alt_names.push_back(table_name);
    if (cw != nullptr) {
      for (const auto& n : cw->other_names) a.alt_names.push_back(n);
    }
    a.country = code.substr(0, code.find('.'));
    a.admin1 = a.name;
    a.admin1_code = code;
    a.feature_code = "ADM1";
    a.kind = PlaceKind::kAdmin1;
    area.Place(&a);
    places.push_back(std::move(a));
  }
  for (const auto& [key, area] : admin2_areas) {
    if (existing_admin2.count(key) || named_like_a_town.count(key)) continue;
    PlaceInput d;
    const PlaceInput& first = places[admin2_first.at(key)];
    d.name = first.admin2;
    d.country = first.country;
    d.admin1 = first.admin1;
    d.admin1_code = first.admin1_code;
    d.admin2 = first.admin2;
    d.feature_code = "ADM2";
    d.kind = PlaceKind::kAdmin2;
    area.Place(&d);
    // A district's summed population would outweigh the town it is named after.
    d.population = 0;
    places.push_back(std::move(d));
  }
  for (const auto& [cc, area] : country_areas) {
    if (existing_country.count(cc)) continue;
    PlaceInput c;
    auto row = countries->find(cc);
    c.name = row != countries->end() ? row->second.name : cc;
    if (row != countries->end()) c.alt_names = row->second.other_names;
    c.country = cc;
    c.feature_code = "PCLI";
    c.kind = PlaceKind::kCountry;
    area.Place(&c);
    places.push_back(std::move(c));
  }
  warn.Flush();
  size_t added = places.size();
  for (PlaceInput& p : places) builder->Add(std::move(p));
  return added;
}

}  // namespace harmwatch
