// The incident store's records: an extracted event flattened for storage and merging
// (EventRow), an analyst's correction, and the log entry that explains a merge. Plain
// values shared by store/ (which keeps them) and merge/ (which decides and combines);
// neither depends on the other.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace harmwatch {

// One extracted event of one stored document, with the fields merging and queries
// need as columns and the full event (EVENTS.md fields plus evidence) as JSON.
struct EventRow {
  std::string id;  // "<doc_id>#<ordinal>", stable across re-ingests
  std::string doc_id;
  int ordinal = 0;          // position in the document's events, from 0
  std::string incident_id;  // filled by the store

  std::string place;      // location.name
  std::string place_key;  // NameKey(place): the merge key when unresolved
  std::optional<double> lat, lon;
  std::string admin1, admin2, country, pcode;
  std::optional<int64_t> geonameid;
  int geo_precision = 3;

  std::optional<std::string> date;  // ISO day
  int date_precision = 3;

  std::string event_type, sub_event_type, actor1, actor2;
  bool civilian_targeting = false;
  std::optional<int> killed, injured;

  // The document's, copied here so a claim can say who said it and when.
  std::string source, published, ingested_at;

  std::string json;  // the event object of the document record, with evidence

  // The document's word set (merge::TopicTerms), for merge candidates only: what two
  // undated reports must share to be taken for the same incident. Not stored per event.
  std::vector<uint32_t> doc_terms;
  std::vector<uint32_t> doc_places;  // PlaceTerms of the report's events (empty: not known)
};

// An analyst's value for one field of one incident. Stored apart from extracted
// values; the latest correction of a field wins over anything extracted or merged.
struct Correction {
  int64_t id = 0;
  std::string incident_id;
  std::string field;  // one of CorrectableFields() (merge/merge.h)
  std::string value;  // as typed; "null" clears the field
  std::string by, reason, at;
};

// Why an event joined an incident (or founded it), and whether that was undone.
struct MergeRecord {
  int64_t id = 0;
  std::string incident_id;
  std::string event_id;
  std::string reason;
  std::string at;
  std::string undone_at;  // empty while in force
};

}  // namespace harmwatch
