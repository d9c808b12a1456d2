// The incident store: documents (original bytes, SHA-256, metadata, ingest time,
// the extracted record), their events, incidents (groups of events), the merge log
// and analysts' corrections. An interface, so a PostgreSQL backend can follow the
// SQLite one; tests/store/ holds the conformance suite every backend must pass.
//
// The store keeps; it does not decide. Which incident an event joins comes from the
// caller's IncidentMatcher (merge/), run inside the document's transaction.
//
// Thread-safety: one Store object per thread (SQLite connections are not shared);
// several processes may open the same file (WAL, busy timeout).
// Errors: every method returns Status / Result; messages name the database file.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/model/incident.h"

namespace harmwatch {

// One document ready to store: everything is computed by the caller (no clock here).
struct DocumentToStore {
  std::string id;
  std::string source, url, title, published, language;
  std::string original;                   // the bytes as given
  std::string text;                       // the plain text the engine read (searched by --text)
  std::string sha256;                     // hex SHA-256 of `original`
  std::string text_sha256;                // hex SHA-256 of the normalized text: identity of a copy
  std::vector<uint32_t> minhash;          // near-duplicate signature (merge::MinHashSignature)
  std::vector<int64_t> bands;             // its LSH band keys (merge::SignatureBands)
  double near_duplicate_threshold = 0.9;  // signature similarity that makes a copy
  std::vector<uint32_t> terms;            // word set for merging undated reports (TopicTerms)
  std::vector<uint32_t> places;           // its events' places, likewise (PlaceTerms)
  std::string ingested_at;                // ISO 8601 UTC
  std::string record_json;                // the extracted record (ToJson), with evidence
  std::vector<EventRow> events;           // EventRowsFromRecord(record); incident_id ignored
};

// How a stored document relates to earlier ones.
enum class PutOutcome {
  kNew,            // stored with its events, merged into incidents
  kUnchanged,      // same id and same bytes already stored: nothing changed
  kCopy,           // identical text under another id: stored as a copy, no events
  kNearDuplicate,  // a syndicated copy of `linked_to`: stored, no events (not a source)
  kConflict,       // same id, different bytes: refused, the stored version is kept
};
const char* PutOutcomeName(PutOutcome outcome);

struct PutResult {
  PutOutcome outcome = PutOutcome::kNew;
  std::string linked_to;                  // the original of a copy or near-duplicate
  double similarity = 0.0;                // of a near-duplicate
  std::vector<std::string> incident_ids;  // one per stored event
};

// Decides the incident of a new event among stored candidates (events near it in
// space and time, or with its place key; incident_id set). nullopt founds one.
struct MatchDecision {
  std::string incident_id;
  std::string reason;
};
using IncidentMatcher = std::function<std::optional<MatchDecision>(
    const EventRow& event, const std::vector<EventRow>& candidates)>;

struct StoredDocument {
  std::string id, source, url, title, published, language, sha256, ingested_at;
  std::string original, record_json;
  std::string copy_of, near_duplicate_of;  // empty unless a copy
  double similarity = 0.0;
  std::string text;  // the plain text the engine read
};

// Filters of `harmwatch query`; empty/unset ones do not filter. Dates are ISO days.
struct StoreQuery {
  std::string from, to;
  std::optional<double> west, south, east, north;
  std::string admin1, type, actor, text;
  std::optional<int> min_killed;
  size_t limit = 0;  // 0: no limit
};

struct StoreCounts {
  int64_t documents = 0, copies = 0, events = 0, incidents = 0, corrections = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // One transaction: the document, its events, their incidents and merge records all
  // land, or none does. See PutOutcome for what happens to known documents.
  virtual Result<PutResult> PutDocument(const DocumentToStore& doc,
                                        const IncidentMatcher& matcher) = 0;
  virtual Result<std::optional<StoredDocument>> GetDocument(const std::string& id) = 0;

  // Incidents whose stored events may pass `q` (a superset: the caller checks the
  // merged, corrected values), plus every corrected incident. Sorted by id.
  virtual Result<std::vector<std::string>> CandidateIncidents(const StoreQuery& q) = 0;
  virtual Result<std::vector<std::string>> AllIncidents() = 0;
  virtual Result<std::vector<EventRow>> IncidentEvents(const std::string& incident_id) = 0;
  virtual Result<std::vector<MergeRecord>> MergeLog(const std::string& incident_id) = 0;
  virtual Result<std::vector<Correction>> Corrections(const std::string& incident_id) = 0;

  // Records an analyst's value (id and incident existence are checked; `at` set by
  // the caller). Returns the correction's id.
  virtual Result<int64_t> AddCorrection(const Correction& correction) = 0;

  // Undoes a merge: takes `doc_id`'s events out of `incident_id` into a new incident
  // whose id is derived from their first event ("<event id>", or "<event id>~2"...
  // when taken), logs it with `reason` at `at`, and remembers the split so re-merging
  // never rejoins them. Returns the new incident's id. Corrections stay with the
  // original incident. NotFound when the document has no event in that incident;
  // InvalidArgument when those are all its events.
  virtual Result<std::string> Unmerge(const std::string& incident_id, const std::string& doc_id,
                                      const std::string& reason, const std::string& at) = 0;

  // Replaces a stored document's events with a new extraction of it (a newer engine or
  // gazetteer), in one transaction: the old events leave their incidents (their merge
  // records closed at `at`), the new ones are matched as a new report's are. Event ids
  // (<doc>#<n>) are reused, so analysts' splits still hold, and an event that matches
  // nothing founds again the incident its id was in when that is now empty: incident
  // ids, and the corrections filed under them, stay put. Copies and near-duplicates have
  // no events: returned unchanged as kCopy / kNearDuplicate. NotFound for an unknown id.
  virtual Result<PutResult> ReplaceEvents(const std::string& doc_id,
                                          const std::string& record_json,
                                          const std::vector<EventRow>& events,
                                          const std::vector<uint32_t>& places,
                                          const std::string& at,
                                          const IncidentMatcher& matcher) = 0;
  // Every stored document's id (copies too), in ingest order.
  virtual Result<std::vector<std::string>> DocumentIds() = 0;

  // Joins incident `from` into `into` (an analyst's merge): every event of `from` moves
  // to `into`, the merge log records each with `reason` at `at` (the entries under
  // `from` are marked undone), and splits that kept them apart are forgotten. `from`
  // keeps its id and its corrections but no events, so queries skip it. NotFound when
  // either has no events; InvalidArgument when they are the same incident.
  virtual Status MergeIncidents(const std::string& into, const std::string& from,
                                const std::string& reason, const std::string& at) = 0;

  virtual Result<StoreCounts> Counts() = 0;
};

// Opens (creating if needed) an SQLite store and migrates it to the current schema.
// Errors name the file: not a database / truncated (Corrupt), a newer schema
// (Unsupported: "made by a newer harmwatch"), unwritable (IoError).
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

struct SqliteOptions {
  // Caps the file at this many pages (0: no cap). Tests use it to simulate a full
  // disk: a write past it fails with IoError "... disk full ..." and rolls back.
  int64_t max_page_count = 0;
};
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const SqliteOptions& options);

// The schema version this build writes.
int CurrentSchemaVersion();

}  // namespace harmwatch
