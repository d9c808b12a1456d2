// OCHA Common Operational Dataset populated places (GeoJSON or CSV): NAME_EN,
// NAM_EN_REF, NAME_ARA, PCODE, ADMIN1_COD/EN/ARA, ADMIN2_COD/EN/ARA, LATITUDE,
// LONGITUDE. OCHA admin1 codes ("SY07") go through the crosswalk to GeoNames codes
// ("SY.12") and the English names news uses ("Idlib", not "Idleb").
//
// The real Syria file has Arabic names cut mid-character. A strict JSON parser rejects
// the whole file for that, so the bytes are repaired first (U+FFFD per bad sequence),
// and any name that then holds U+FFFD is dropped with a warning naming the feature.
#include <simdjson.h>

#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <unordered_map>

#include "harmwatch/geo/gazetteer_build.h"
#include "harmwatch/geo/import_util.h"

namespace harmwatch {
namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";

// The text properties we read, in the order of kFieldNames.
enum Field {
  kNameEn,
  kNameEnRef,
  kNameAra,
  kPcode,
  kAdmin1Cod,
  kAdmin1En,
  kAdmin1Ara,
  kAdmin2Cod,
  kAdmin2En,
  kAdmin2Ara,
  kFieldCount
};
constexpr const char* kFieldNames[kFieldCount] = {
    "NAME_EN",   "NAM_EN_REF", "NAME_ARA",   "PCODE",     "ADMIN1_COD",
    "ADMIN1_EN", "ADMIN1_ARA", "ADMIN2_COD", "ADMIN2_EN", "ADMIN2_ARA"};

struct OchaRecord {
  std::string where;  // "feature 12" / "line 13"
  std::string f[kFieldCount];
  double lat = NAN, lon = NAN;
};

// Drops text fields that came out of UTF-8 repair broken, saying which.
void DropBrokenFields(OchaRecord& r, WarningSink& warn) {
  for (int i = 0; i < kFieldCount; ++i) {
    if (r.f[i].find(kReplacementChar) == std::string::npos) continue;
    r.f[i].clear();
    bool arabic = i == kNameAra || i == kAdmin1Ara || i == kAdmin2Ara;
    std::string id = r.f[kPcode].empty() ? "" : " (PCODE " + r.f[kPcode] + ")";
    warn.Add(r.where + id, std::string(kFieldNames[i]) + " is not valid UTF-8; " +
                               (arabic ? "Arabic name" : "value") + " dropped");
  }
}

bool ValidCoordinates(double lat, double lon) {
  return std::isfinite(lat) && std::isfinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 &&
         lon <= 180;
}

struct AreaSum {
  double lat = 0, lon = 0;
  size_t n = 0;
  std::string code, en, ar, admin1_code_ocha;
};

Result<size_t> AddOchaPlaces(std::vector<OchaRecord>& records, const std::string& path,
                             const ImportOptions& options, IndexBuilder* builder,
                             WarningSink& warn) {
  auto crosswalk = LoadCrosswalk(options.crosswalk_path);
  if (!crosswalk) return Err(crosswalk.error());
  std::unordered_map<std::string, const CrosswalkRow*> by_pcode;
  for (const CrosswalkRow& r : *crosswalk)
    if (!r.ocha_pcode.empty()) by_pcode[r.ocha_pcode] = &r;  // rows of countries OCHA files lack

  std::map<std::string, AreaSum> admin1_areas, admin2_areas;
  std::map<std::string, bool> unknown_codes;
  size_t added = 0;
  for (OchaRecord& r : records) {
    DropBrokenFields(r, warn);
    PlaceInput p;
    p.name = !r.f[kNameEn].empty()      ? r.f[kNameEn]
             : !r.f[kNameEnRef].empty() ? r.f[kNameEnRef]
                                        : r.f[kNameAra];
    if (p.name.empty()) {
      warn.Add(r.where, "no NAME_EN, NAM_EN_REF or NAME_ARA; feature skipped");
      continue;
    }
    if (!ValidCoordinates(r.lat, r.lon)) {
      warn.Add(r.where, "no valid LATITUDE/LONGITUDE or point geometry; feature skipped");
      continue;
    }
    p.name_ar = r.f[kNameAra];
    if (!r.f[kNameEnRef].empty() && r.f[kNameEnRef] != p.name)
      p.alt_names.push_back(r.f[kNameEnRef]);
    p.lat = r.lat;
    p.lon = r.lon;
    p.pcode = r.f[kPcode];
    p.feature_code = "OCHA";
    p.kind = PlaceKind::kPopulated;
    const std::string& a1 = r.f[kAdmin1Cod];
    const CrosswalkRow* cw = by_pcode.count(a1) ? by_pcode[a1] : nullptr;
    if (cw != nullptr) {
      p.country = cw->country;
      p.admin1 = cw->english;
      p.admin1_code = cw->geonames_code;
    } else {
      if (!a1.empty() && !unknown_codes[a1]) {
        unknown_codes[a1] = true;
        warn.Add(r.where,
                 "ADMIN1_COD " + a1 + " is not in the admin1 crosswalk; OCHA name and code kept");
      }
      p.admin1 = r.f[kAdmin1En];
      p.admin1_code = a1;
      if (a1.size() >= 2 && std::isalpha(static_cast<unsigned char>(a1[0])) &&
          std::isalpha(static_cast<unsigned char>(a1[1]))) {
        p.country = a1.substr(0, 2);
      }
    }
    p.admin2 = r.f[kAdmin2En];
    if (!a1.empty()) {
      AreaSum& s = admin1_areas[a1];
      s.lat += p.lat, s.lon += p.lon, ++s.n;
      s.code = a1;
      if (s.en.empty()) s.en = r.f[kAdmin1En];
      if (s.ar.empty()) s.ar = r.f[kAdmin1Ara];
    }
    if (!r.f[kAdmin2Cod].empty()) {
      AreaSum& s = admin2_areas[r.f[kAdmin2Cod]];
      s.lat += p.lat, s.lon += p.lon, ++s.n;
      s.code = r.f[kAdmin2Cod];
      s.admin1_code_ocha = a1;
      if (s.en.empty()) s.en = r.f[kAdmin2En];
      if (s.ar.empty()) s.ar = r.f[kAdmin2Ara];
    }
    builder->Add(std::move(p));
    ++added;
  }
  if (added == 0) {
    return Err(Status::InvalidArgument(path + ": no places imported" +
                                       (warn.first().empty() ? "" : " (" + warn.first() + ")")));
  }
  // Governorates ("Idleb" / "إدلب") and districts as places, at the mean of their places.
  for (const auto& [code, s] : admin1_areas) {
    const CrosswalkRow* cw = by_pcode.count(code) ? by_pcode[code] : nullptr;
    PlaceInput a;
    a.name = cw != nullptr ? cw->english : s.en;
    if (a.name.empty()) a.name = s.ar;
    if (a.name.empty()) continue;
    a.name_ar = s.ar;
    if (!s.en.empty() && s.en != a.name) a.alt_names.push_back(s.en);
    if (cw != nullptr) {
      for (const auto& n : cw->other_names) a.alt_names.push_back(n);
    }
    a.lat = s.lat / static_cast<double>(s.n);
    a.lon = s.lon / static_cast<double>(s.n);
    a.country = cw != nullptr ? cw->country : code.substr(0, 2);
    a.admin1 = a.name;
    a.admin1_code = cw != nullptr ? cw->geonames_code : code;
    a.pcode = code;
    a.feature_code = "ADM1";
    a.kind = PlaceKind::kAdmin1;
    builder->Add(std::move(a));
    ++added;
  }
  for (const auto& [code, s] : admin2_areas) {
    const CrosswalkRow* cw =
        by_pcode.count(s.admin1_code_ocha) ? by_pcode[s.admin1_code_ocha] : nullptr;
    PlaceInput a;
    a.name = !s.en.empty() ? s.en : s.ar;
    if (a.name.empty()) continue;
    a.name_ar = s.ar;
    a.lat = s.lat / static_cast<double>(s.n);
    a.lon = s.lon / static_cast<double>(s.n);
    a.country = cw != nullptr ? cw->country : code.substr(0, 2);
    a.admin1 = cw != nullptr ? cw->english : admin1_areas[s.admin1_code_ocha].en;
    a.admin1_code = cw != nullptr ? cw->geonames_code : s.admin1_code_ocha;
    a.admin2 = s.en;
    a.pcode = code;
    a.feature_code = "ADM2";
    a.kind = PlaceKind::kAdmin2;
    builder->Add(std::move(a));
    ++added;
  }
  return added;
}

// A JSON value as text: strings as they are, numbers printed, null/absent as "".
std::string JsonText(simdjson::dom::element e) {
  std::string_view sv;
  if (!e.get_string().get(sv)) return std::string(sv);
  int64_t i;
  if (!e.get_int64().get(i)) return std::to_string(i);
  return "";
}

double JsonNumber(simdjson::dom::element e) {
  double d;
  if (!e.get_double().get(d)) return d;
  std::string_view sv;
  if (!e.get_string().get(sv)) {
    std::string s(sv);
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size()) return v;
  }
  return NAN;
}

// [lon, lat] of a Point, or of the first point of a MultiPoint.
void GeometryPoint(simdjson::dom::element geometry, double* lat, double* lon) {
  simdjson::dom::array coords;
  if (geometry["coordinates"].get_array().get(coords)) return;
  simdjson::dom::element first;
  if (coords.at(0).get(first)) return;
  simdjson::dom::array inner;
  if (!first.get_array().get(inner)) coords = inner;  // MultiPoint
  simdjson::dom::element x, y;
  if (coords.at(0).get(x) || coords.at(1).get(y)) return;
  *lon = JsonNumber(x);
  *lat = JsonNumber(y);
}

// One CSV record (RFC 4180: quoted fields, doubled quotes, newlines inside quotes).
bool NextCsvRecord(std::string_view text, size_t* pos, std::vector<std::string>* fields,
                   size_t* lines) {
  fields->clear();
  if (*pos >= text.size()) return false;
  std::string cur;
  bool quoted = false;
  size_t i = *pos;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cur += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++*lines;
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields->push_back(std::move(cur));
      cur.clear();
    } else if (c == '\n') {
      ++i;
      break;
    } else if (c != '\r') {
      cur += c;
    }
  }
  ++*lines;
  fields->push_back(std::move(cur));
  *pos = i;
  return true;
}

}  // namespace

Result<size_t> ImportOchaGeoJson(const std::string& path, const ImportOptions& options,
                                 IndexBuilder* builder, std::vector<std::string>* warnings) {
  auto content = ReadWholeFile(path);
  if (!content) return Err(content.error());
  if (content->find_first_not_of(" \t\r\n") == std::string::npos) {
    return Err(Status::InvalidArgument(path + ": empty file, expected GeoJSON"));
  }
  std::string repaired;
  RepairUtf8(*content, &repaired);
  content->clear();
  content->shrink_to_fit();
  simdjson::dom::parser parser;
  simdjson::padded_string padded(repaired);
  simdjson::dom::element doc;
  if (auto err = parser.parse(padded).get(doc); err) {
    return Err(Status::InvalidArgument(path + ": not valid JSON: " + simdjson::error_message(err)));
  }
  simdjson::dom::array features;
  if (doc["features"].get_array().get(features)) {
    return Err(Status::InvalidArgument(
        path + ": not a GeoJSON FeatureCollection (no \"features\" array)"));
  }
  WarningSink warn(warnings, BaseName(path));
  std::vector<OchaRecord> records;
  size_t n = 0;
  for (simdjson::dom::element feature : features) {
    ++n;
    OchaRecord r;
    r.where = "feature " + std::to_string(n);
    simdjson::dom::object props;
    if (feature["properties"].get_object().get(props)) {
      warn.Add(r.where, "no properties object; feature skipped");
      continue;
    }
    for (int i = 0; i < kFieldCount; ++i) {
      simdjson::dom::element v;
      if (!props[kFieldNames[i]].get(v)) r.f[i] = JsonText(v);
    }
    simdjson::dom::element v;
    if (!props["LATITUDE"].get(v)) r.lat = JsonNumber(v);
    if (!props["LONGITUDE"].get(v)) r.lon = JsonNumber(v);
    simdjson::dom::element geometry;
    if (!ValidCoordinates(r.lat, r.lon) && !feature["geometry"].get(geometry)) {
      GeometryPoint(geometry, &r.lat, &r.lon);
    }
    records.push_back(std::move(r));
  }
  return AddOchaPlaces(records, path, options, builder, warn);
}

Result<size_t> ImportOchaCsv(const std::string& path, const ImportOptions& options,
                             IndexBuilder* builder, std::vector<std::string>* warnings) {
  auto content = ReadWholeFile(path);
  if (!content) return Err(content.error());
  std::string_view text = *content;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Err(Status::InvalidArgument(path + ": empty file, expected CSV with a header"));
  }
  size_t pos = 0, lines = 0;
  std::vector<std::string> header, fields;
  NextCsvRecord(text, &pos, &header, &lines);
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  int field_col[kFieldCount];
  for (int i = 0; i < kFieldCount; ++i) {
    field_col[i] = column.count(kFieldNames[i]) ? static_cast<int>(column[kFieldNames[i]]) : -1;
  }
  if ((field_col[kNameEn] < 0 && field_col[kNameAra] < 0) || !column.count("LATITUDE") ||
      !column.count("LONGITUDE")) {
    return Err(Status::InvalidArgument(path + ":1: not an OCHA populated-places CSV (header needs "
                                              "NAME_EN or NAME_ARA, LATITUDE, LONGITUDE)"));
  }
  size_t lat_col = column["LATITUDE"], lon_col = column["LONGITUDE"];
  WarningSink warn(warnings, BaseName(path));
  std::vector<OchaRecord> records;
  std::string repaired;
  while (true) {
    size_t line = lines + 1;
    if (!NextCsvRecord(text, &pos, &fields, &lines)) break;
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    OchaRecord r;
    r.where = "line " + std::to_string(line);
    if (fields.size() != header.size()) {
      warn.Add(r.where, "expected " + std::to_string(header.size()) + " columns, found " +
                            std::to_string(fields.size()) + "; line skipped");
      continue;
    }
    for (int i = 0; i < kFieldCount; ++i) {
      if (field_col[i] < 0) continue;
      RepairUtf8(fields[static_cast<size_t>(field_col[i])], &repaired);
      r.f[i] = repaired;
    }
    auto number = [](const std::string& s) {
      char* end = nullptr;
      double v = std::strtod(s.c_str(), &end);
      return !s.empty() && end == s.c_str() + s.size() ? v : NAN;
    };
    r.lat = number(fields[lat_col]);
    r.lon = number(fields[lon_col]);
    records.push_back(std::move(r));
  }
  return AddOchaPlaces(records, path, options, builder, warn);
}

Result<size_t> ImportFile(const std::string& path, const ImportOptions& options,
                          IndexBuilder* builder, std::vector<std::string>* warnings) {
  auto ends_with = [&](std::string_view suffix) {
    if (path.size() < suffix.size()) return false;
    std::string tail = path.substr(path.size() - suffix.size());
    for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return tail == suffix;
  };
  if (ends_with(".geojson") || ends_with(".json"))
    return ImportOchaGeoJson(path, options, builder, warnings);
  if (ends_with(".csv")) return ImportOchaCsv(path, options, builder, warnings);
  if (ends_with(".txt") || ends_with(".tsv"))
    return ImportGeoNames(path, options, builder, warnings);
  // No telling extension: look at the first bytes.
  auto content = ReadWholeFile(path);
  if (!content) return Err(content.error());
  size_t first = content->find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && (*content)[first] == '{') {
    return ImportOchaGeoJson(path, options, builder, warnings);
  }
  std::string_view head = std::string_view(*content).substr(0, content->find('\n'));
  if (head.find('\t') == std::string_view::npos && head.find(',') != std::string_view::npos) {
    return ImportOchaCsv(path, options, builder, warnings);
  }
  return ImportGeoNames(path, options, builder, warnings);
}

}  // namespace harmwatch
