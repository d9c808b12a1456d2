// The incident service: what the CLI (and the web server next) call to put extracted
// documents into a Store, merge them into incidents, read incidents back through the
// `harmwatch query` filters, and correct them. Builds on store/ (keeping) and merge/
// (deciding, combining). No I/O of its own beyond the Store; "now" comes in as a string.
#pragma once

#include <string>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/merge/merge.h"
#include "harmwatch/model/document.h"
#include "harmwatch/store/store.h"

namespace harmwatch::incidents {

// Hex SHA-256 (libsodium).
std::string Sha256Hex(std::string_view bytes);

// Everything the store keeps of one extracted document. `now`: ISO 8601 UTC.
Result<DocumentToStore> PrepareDocument(const DocumentRecord& record, const std::string& now);

// The same-incident rules of merge/ as the store's matcher.
IncidentMatcher DefaultMatcher();

// PrepareDocument + Store::PutDocument with DefaultMatcher: one transaction.
Result<PutResult> IngestRecord(Store& store, const DocumentRecord& record, const std::string& now);

// The input a stored document was extracted from, rebuilt from its original bytes (as
// text or HTML, whichever gives back the stored text, so evidence spans land where they
// did) and its metadata: what a newer engine re-extracts.
Result<InputDocument> StoredInput(const StoredDocument& doc);

// A new extraction of a stored document replaces its events (Store::ReplaceEvents with
// DefaultMatcher): corrections, splits and, where nothing else matches, incident ids stay.
Result<PutResult> ReplaceRecord(Store& store, const DocumentRecord& record, const std::string& now);

// One incident, merged, with its corrections applied. NotFound when unknown.
Result<merge::Incident> LoadIncident(Store& store, const std::string& id);

// The incidents whose merged (corrected) values pass every filter of `q`, by id.
// Dates compare the incident's date (undated incidents fail --from/--to); the bbox
// its coordinates (unresolved ones fail it); --actor is a case-insensitive substring
// of actor1, actor2 or any source's perpetrator claim; --text must match the text of
// one of its reports (all words). `q.limit` caps the count (0: all).
Result<std::vector<merge::Incident>> QueryIncidents(Store& store, const StoreQuery& q);

// Checks filter values, naming the bad one: dates (YYYY-MM-DD, from <= to), the box
// (W,S,E,N within range, W <= E, S <= N), the type (an ACLED political-violence
// event or sub-event type), min_killed >= 0.
Status CheckQuery(const StoreQuery& q);
// Parses "W,S,E,N" into q.west..q.north (InvalidArgument naming the problem).
Status ParseBbox(const std::string& text, StoreQuery& q);
bool IsIsoDay(const std::string& s);

// Records an analyst's correction after checking the field and value. Returns its id.
Result<int64_t> CorrectIncident(Store& store, const std::string& incident_id,
                                const std::string& field, const std::string& value,
                                const std::string& by, const std::string& reason,
                                const std::string& now);

// The current time as ISO 8601 UTC, to the second (for front ends).
std::string NowUtc();

}  // namespace harmwatch::incidents
