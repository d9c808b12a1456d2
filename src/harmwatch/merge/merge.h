// Same-incident merge and near-duplicate reports.
//
// An incident is the set of events, from different reports, that describe the same
// violence: same place (same gazetteer entry, or within kMergeRadiusKm, or the same
// name key when unresolved), same day allowing for each date's precision, compatible
// sub-event types and perpetrators. Incidents keep every source's claim; the merged
// view (BuildIncident) gives casualty min / max / latest, each perpetrator claim, the
// sources and dates, and applies analyst corrections last, so they always win.
//
// Everything here is a pure function of its arguments (no I/O, no clock) and safe to
// call from any thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/model/incident.h"

namespace harmwatch::merge {

// Two places this close (km) are the same place for merging: reports of one strike
// name the town, its neighbourhood or the next village. 5 km covers a town's extent.
inline constexpr double kMergeRadiusKm = 5.0;

// Two reports whose shingle similarity reaches this are one report syndicated with
// small edits (headline, byline, a sentence added): the copy is not a second source.
inline constexpr double kNearDuplicateThreshold = 0.9;

// Two reports of which at least one is undated must share this share of their words
// (Jaccard of TopicTerms) to be one incident: on the dev corpus, reports of one
// incident share 0.14-0.63, different incidents in the same town 0.08-0.17.
inline constexpr double kUndatedTopicSimilarity = 0.14;
// ... and name the same places: half of the smaller report's (at least one), but never
// more than this many. A monitor's daily bulletins about one front share their wording
// and a village; two accounts of one attack list mostly the same villages.
inline constexpr size_t kUndatedCommonPlaces = 2;
// ... unless the place is one no gazetteer knows and both give a toll this large and
// within this ratio: two attacks on one small place with such similar tolls are far
// rarer than two wordings of one attack (Arabic reports of one bombing share under a
// tenth of their words).
inline constexpr int kDistinctiveToll = 5;
inline constexpr double kCloseTollRatio = 0.8;
// Whether two death tolls are large and close enough to name one incident.
bool CloseTolls(std::optional<int> a, std::optional<int> b);

// The consonant skeleton of a place name, lowercased, vowels, punctuation and a
// leading article dropped, Arabic long vowels folded: "Kafr Nabl", "kafr-nabl" and
// "Kafranbel" give "kfrnbl". The merge key of places the gazetteer did not resolve.
std::string NameKey(std::string_view name);

// Great-circle distance.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

// Days since 1970-01-01 of an ISO "YYYY-MM-DD" (or "YYYY-MM", the 1st), else nullopt.
std::optional<int> DayNumber(std::string_view iso);
// How many days either side of a date its precision allows: day 1, a few days 3,
// a month 15 (a month-precision date is given as some day of that month).
int DateSlackDays(int date_precision);

// Builds the rows of one document's events from its record JSON (ToJson's shape).
// Fills every EventRow field but incident_id and ingested_at.
Result<std::vector<EventRow>> EventRowsFromRecord(const nlohmann::ordered_json& record,
                                                  const std::string& doc_id);

// Whether `a` and `b` can be the same incident; when they can, a short reason that
// says why ("same place Sarmin (geonameid 163345); same day 2023-12-05; ...").
std::optional<std::string> SameIncident(const EventRow& a, const EventRow& b);

// The incident `ev` joins among `candidates` (events already stored, incident_id set),
// with the reason, or nullopt to found a new incident. Candidates from `ev`'s own
// document are never chosen (the extractor already told those events apart). Picks
// the incident with most matching events, then the nearest, then the oldest id.
struct MergeChoice {
  std::string incident_id;
  std::string reason;
};
std::optional<MergeChoice> ChooseIncident(const EventRow& ev,
                                          const std::vector<EventRow>& candidates);

// One source's version of an incident.
struct Claim {
  std::string doc_id, event_id, source, published;
  std::optional<std::string> date;
  std::string place, actor1, actor2, sub_event_type;
  std::optional<int> killed, injured;
};

// The merged view of one incident.
struct Incident {
  std::string id;
  EventRow merged;  // merged values, corrections applied; id/doc_id empty
  std::vector<std::string> weapons, sites;
  std::vector<std::string> assoc_actor1;  // allies named as joint perpetrators, any source
  std::optional<int> killed_min, killed_max, injured_min, injured_max;
  std::vector<std::string> actor1_claims;  // distinct perpetrators claimed, first first
  std::vector<std::string> doc_ids, event_ids;
  std::vector<Claim> claims;
  std::vector<Correction> corrections;  // in force, oldest first
  std::vector<MergeRecord> merges;      // the log, oldest first
  // Fields of `merged` an analyst set (they override extracted values).
  std::vector<std::string> corrected_fields;
};

// Combines the member events (any order; oldest ingest first is "first") and applies
// corrections (later ones win). Members must not be empty.
Incident BuildIncident(const std::string& id, std::vector<EventRow> members,
                       std::vector<Correction> corrections, std::vector<MergeRecord> merges);

// The incident as one JSON object: EVENTS.md names, id, doc_ids, claims, the merge
// log and corrections.
nlohmann::ordered_json IncidentToJson(const Incident& incident);

// The fields `harmwatch correct` may set, and a check of a value for one of them
// (InvalidArgument naming the field and the expected form).
const std::vector<std::string>& CorrectableFields();
Status CheckCorrection(const std::string& field, const std::string& value);

// Near-duplicate detection: a MinHash signature of the text's word 5-shingles
// (normalized: lowercase, punctuation dropped), and the similarity estimate of two.
inline constexpr int kMinHashSize = 64;
std::vector<uint32_t> MinHashSignature(std::string_view text);
double SignatureSimilarity(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);
// LSH band keys of a signature (kMinHashSize / kBandRows bands): two texts with
// similarity >= 0.9 share a band with probability > 0.999.
inline constexpr int kBandRows = 4;
std::vector<int64_t> SignatureBands(const std::vector<uint32_t>& signature);
// The set of a text's words of 4+ characters, lowercased, as sorted unique hashes.
std::vector<uint32_t> TopicTerms(std::string_view text);
// Jaccard similarity of two sorted unique term sets (0 when either is empty).
double TermJaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);
// The set of places a report's events name (their NameKeys), as sorted unique hashes.
std::vector<uint32_t> PlaceTerms(const std::vector<EventRow>& events);
// How many members two sorted unique sets share.
size_t CommonTerms(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

// The text with whitespace runs collapsed and ends trimmed: the identity of a copy.
std::string NormalizeForHash(std::string_view text);

}  // namespace harmwatch::merge
