// The gazetteer: places (populated places and admin areas) from one or more layers,
// each a compiled index file that loads by mmap. Later layers take precedence in
// their area (an OCHA layer over GeoNames in Syria).
//
// Thread-safety: immutable after Open(); every method is const and may be called
// from any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harmwatch/base/status.h"

namespace harmwatch {

enum class PlaceKind : uint8_t {
  kPopulated = 0,  // city, town, village, camp (GeoNames class P, OCHA communities)
  kAdmin1 = 1,     // governorate / province / state
  kAdmin2 = 2,     // district
  kCountry = 3,
  kOther = 4,      // a named area, mountain, plain (GeoNames classes L, T, ...)
};

// One place. The string_views point into the mmapped index and live as long as the
// Gazetteer.
struct Place {
  uint32_t id = 0;               // index across all layers, stable for one Gazetteer
  std::string_view name;         // primary English/Latin name
  std::string_view name_ar;      // Arabic name when the layer has one
  double lat = 0, lon = 0;
  std::string_view country;      // ISO alpha-2
  std::string_view admin1;       // English admin1 name, e.g. "Idlib"
  std::string_view admin2;       // English admin2 name, may be empty
  std::string_view admin1_code;  // "SY.12" (GeoNames style, after the crosswalk)
  std::string_view feature_code; // GeoNames feature code ("PPL", "PPLA", "ADM1"...), or "OCHA"
  PlaceKind kind = PlaceKind::kPopulated;
  uint32_t population = 0;
  int64_t geonameid = 0;         // 0 when the layer has none
  std::string_view pcode;        // OCHA P-code, empty otherwise
  uint16_t layer = 0;            // 0 = default layer, then in the order given
};

enum class MatchKind : uint8_t { kCompact = 0, kSkeleton = 1 };

struct Candidate {
  Place place;
  MatchKind match = MatchKind::kCompact;
  std::string_view matched_name;  // the (alternate) name whose key matched
  // Matched by another name than its own, one with a different key ("Adraa" for Dar'a).
  // Set by Lookup; for spelling variants by extract's PlaceLookup.
  bool alternate_name = false;
};

class Gazetteer {
 public:
  // Opens compiled layer files in order (first = lowest precedence). An empty list
  // gives an empty gazetteer (every lookup finds nothing), which is valid.
  // Errors: NotFound / Corrupt naming the file.
  static Result<std::unique_ptr<Gazetteer>> Open(const std::vector<std::string>& index_paths);
  virtual ~Gazetteer() = default;

  // Places whose some name has CompactKey(name) == CompactKey(phrase).
  virtual std::vector<Candidate> Lookup(std::string_view phrase) const = 0;
  // As Lookup, but common names ("San", "Salem") have hundreds of namesakes: when more
  // than `keep` are found (0 = no limit), every place with a P-code (a detailed layer's)
  // is kept, then the most populous of the rest up to `keep` in all, in that order
  // (ties in the order Lookup gives).
  virtual std::vector<Candidate> Lookup(std::string_view phrase, size_t keep) const = 0;
  // Other spellings of the phrase: places with a name of the same SkeletonKey
  // (consonants only) whose CompactKey starts with the same letter (the Latin vowels
  // count as one) and is at most two bytes longer or shorter than the phrase's
  // ("Idleeb" finds Idlib; "Abzimo" finds Abzemo). Still broad: the caller checks them.
  // `accept`, unless empty, vets each matched name before its place is built; `keep`
  // limits the answer as for Lookup (0 = no limit).
  virtual std::vector<Candidate> LookupSpellingVariants(
      std::string_view phrase, const std::function<bool(std::string_view matched_name)>& accept,
      size_t keep) const = 0;
  // The admin1 area of a country by name ("Idlib", "Idleb", "إدلب"), if known.
  virtual std::vector<Place> FindAdmin1(std::string_view name) const = 0;
  // The country place for an ISO code, if the layers have it.
  virtual std::vector<Place> FindCountry(std::string_view name_or_iso2) const = 0;
  // Number of places over all layers.
  virtual size_t size() const = 0;
  // Largest number of words in any indexed name (bounds phrase lookups).
  virtual int max_name_words() const = 0;

  // A number no other Gazetteer object of this process has had: a key for caches of
  // lookups that outlive one document (an address may be reused by a later object).
  uint64_t instance_id() const { return instance_id_; }

 protected:
  Gazetteer();

 private:
  uint64_t instance_id_;
};

// Checks every record of one index file (string offsets, postings, hash slots), which
// Open leaves to the accessors. For tests. Errors: as Open.
Status VerifyGazetteerIndex(const std::string& path);

// The format version an index file was written in (index_format.h kVersion), from its
// header. Older versions still read; `gazetteer list` names them so they get rebuilt.
// Errors: as Open.
Result<uint32_t> GazetteerIndexVersion(const std::string& path);

// Great-circle distance in km.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

}  // namespace harmwatch
