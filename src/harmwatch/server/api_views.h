// The JSON the API answers with, built from the incident store: query parameters to a
// StoreQuery (the filters of `harmwatch query`, same names, plus paging and sorting),
// incident summaries for the map and table, day counts for the timeline, and the full
// incident view with each source's text and its evidence spans. No HTTP here: the
// routes (server.cc) call these and turn Status codes into HTTP ones.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/merge/merge.h"
#include "harmwatch/server/accounts.h"
#include "harmwatch/store/store.h"

namespace harmwatch::server {

using Params = std::multimap<std::string, std::string>;

// Incidents per page when the request names no limit, and the most it may ask for
// (the map of a zoomed-out view asks for many; beyond this, narrow the filters).
inline constexpr size_t kDefaultPageSize = 1000;
inline constexpr size_t kMaxPageSize = 20000;

// The most incidents a list or timeline request may match by default
// (ServerOptions::max_matching). Each one is loaded and merged (about 3 KB of memory
// and 0.15 ms each): the unfiltered timeline of a 1,000,000-event store took 57 s and
// 3 GB. Beyond this, narrow the dates or the box.
inline constexpr size_t kMaxMatching = 100000;

struct ListRequest {
  StoreQuery query;  // limit 0: paging happens after sorting
  size_t offset = 0, limit = kDefaultPageSize;
  std::string sort = "date";  // date | killed | injured | location | admin1 | type | id
  bool descending = true;
};

// Reads from, to, bbox, admin1, type, actor, min_killed, text, offset, limit, sort,
// order. Unknown names and bad values are InvalidArgument naming them. `extra` lists
// further names the caller accepts (e.g. "format").
Result<ListRequest> ParseListRequest(const Params& params,
                                     const std::vector<std::string>& extra = {});

// Sorts `incidents` as asked.
void SortIncidents(std::vector<merge::Incident>& incidents, const ListRequest& req);

// One row of the table / one marker: id, date, location, lat, lon, admin1, types,
// actors, killed/injured (merged, with min and max), sources, review status.
nlohmann::ordered_json IncidentSummary(const merge::Incident& incident,
                                       const std::string& review_status);

// Incidents per day: [{"day": "2024-03-14", "incidents": 3, "killed": 12}, ...],
// oldest first; undated incidents counted apart.
nlohmann::ordered_json TimelineCounts(const std::vector<merge::Incident>& incidents);

// The incident (IncidentToJson) plus "documents": each source's metadata, text and
// evidence spans (field, start, end in UTF-16 code units of `text`, quoted text, event
// id), "reviews" and "history" (audit entries about it). NotFound when unknown.
Result<nlohmann::ordered_json> IncidentDetail(Store& store, Accounts& accounts,
                                              const std::string& id);

// UTF-16 code-unit index of every byte offset of `utf8` (size()+1 entries), so the
// page can slice JavaScript strings at the extractor's byte spans.
std::vector<uint32_t> Utf16Offsets(const std::string& utf8);

}  // namespace harmwatch::server
