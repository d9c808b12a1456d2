// Exports of merged incidents: JSON Lines (our fields), ACLED-column CSV, GeoJSON.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/merge/merge.h"
#include "harmwatch/store/store.h"

namespace harmwatch::incidents {

// ACLED's columns, in ACLED's order (the 2023 layout), then ours.
const std::vector<std::string>& AcledColumns();
const std::vector<std::string>& ExtraColumns();

// One incident per line: merge::IncidentToJson.
Status WriteJsonl(const std::vector<merge::Incident>& incidents, std::ostream& out);

// Header, then one row per incident. `fatalities` follows ACLED's one-number-per-row
// rule: the incident's own figure when a source states one; otherwise, when a report
// gives only a total for several events, that total (less the figures it ties to
// events) divided evenly over its events without a figure, the remainder one each to
// the first ones — and `fatalities_split` says so. Reads the reports' totals from
// `store`.
Status WriteAcledCsv(Store& store, const std::vector<merge::Incident>& incidents,
                     std::ostream& out);

// A FeatureCollection: [lon, lat] points, null geometry when the place is unresolved,
// the incident's JSON as properties.
Status WriteGeoJson(const std::vector<merge::Incident>& incidents, std::ostream& out);

// One line per incident for people: id, date, place, type, actor1, killed, sources.
Status WriteTable(const std::vector<merge::Incident>& incidents, std::ostream& out);

}  // namespace harmwatch::incidents
