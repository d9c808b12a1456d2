#include "harmwatch/incidents/export.h"

#include <cstdio>
#include <map>

namespace harmwatch::incidents {
namespace {

using Json = nlohmann::ordered_json;

// RFC 4180: quote a field holding a comma, quote or line break; double its quotes.
std::string Csv(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// ACLED lists several actors in one cell separated by "; ".
std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : "; ") + x;
  return out;
}

std::string Opt(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

std::string Coord(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.5f", *v);
  return buf;
}

// ACLED's numeric ISO 3166 codes, country names and regions for the countries our
// corpora cover; others keep their alpha-2 code as the country and leave iso blank.
struct CountryInfo {
  const char* iso;
  const char* name;
  const char* region;
};
CountryInfo Country(const std::string& alpha2) {
  static const std::map<std::string, CountryInfo> kCountries = {
      {"SY", {"760", "Syria", "Middle East"}},      {"IQ", {"368", "Iraq", "Middle East"}},
      {"LB", {"422", "Lebanon", "Middle East"}},    {"YE", {"887", "Yemen", "Middle East"}},
      {"PS", {"275", "Palestine", "Middle East"}},  {"IL", {"376", "Israel", "Middle East"}},
      {"TR", {"792", "Turkey", "Middle East"}},     {"JO", {"400", "Jordan", "Middle East"}},
      {"MM", {"104", "Myanmar", "Southeast Asia"}}, {"SD", {"729", "Sudan", "Northern Africa"}},
      {"UA", {"804", "Ukraine", "Europe"}}};
  auto it = kCountries.find(alpha2);
  if (it != kCountries.end()) return it->second;
  return {"", nullptr, ""};
}

// ACLED 'inter' codes from our canonical actor patterns (EVENTS.md); blank when the
// name alone does not say.
std::string Inter(const std::string& actor) {
  auto starts = [&](const char* p) { return actor.rfind(p, 0) == 0; };
  if (starts("Military Forces of") || starts("Police Forces of")) return "1";
  if (starts("Unidentified Armed Group")) return "3";
  if (starts("Rioters")) return "5";
  if (starts("Protesters")) return "6";
  if (starts("Civilians")) return "7";
  return "";
}

// Seconds since the epoch of an ISO 8601 UTC time ("2024-01-01T10:00:00Z").
std::string Timestamp(const std::string& iso) {
  auto day = merge::DayNumber(iso.substr(0, 10));
  if (!day || iso.size() < 19) return "";
  int h = std::atoi(iso.substr(11, 2).c_str()), m = std::atoi(iso.substr(14, 2).c_str()),
      s = std::atoi(iso.substr(17, 2).c_str());
  return std::to_string(static_cast<int64_t>(*day) * 86400 + h * 3600 + m * 60 + s);
}

// A report's total split over its events without a figure: event ordinal -> share.
struct Split {
  std::map<int, int> share;
  int total = 0;
  size_t events = 0;
};
Split SplitTotal(const std::string& record_json) {
  Split split;
  Json rec = Json::parse(record_json, nullptr, false);
  if (!rec.is_object()) return split;
  auto totals = rec.find("totals");
  if (totals == rec.end() || !totals->is_object()) return split;
  auto killed = totals->find("killed");
  if (killed == totals->end() || !killed->is_number_integer()) return split;
  int total = killed->get<int>();
  std::vector<int> open;
  int known = 0;
  const Json& events = rec["events"];
  for (size_t i = 0; i < events.size(); ++i) {
    const Json& k = events[i]["killed"];
    if (k.is_number_integer())
      known += k.get<int>();
    else
      open.push_back(static_cast<int>(i));
  }
  int rest = total - known;
  if (rest <= 0 || open.empty()) return split;
  int n = static_cast<int>(open.size());
  for (int i = 0; i < n; ++i)
    split.share[open[static_cast<size_t>(i)]] = rest / n + (i < rest % n ? 1 : 0);
  split.total = total;
  split.events = open.size();
  return split;
}

}  // namespace

const std::vector<std::string>& AcledColumns() {
  static const std::vector<std::string> kColumns = {
      "event_id_cnty", "event_date",     "year",     "time_precision", "disorder_type",
      "event_type",    "sub_event_type", "actor1",   "assoc_actor_1",  "inter1",
      "actor2",        "assoc_actor_2",  "inter2",   "interaction",    "civilian_targeting",
      "iso",           "region",         "country",  "admin1",         "admin2",
      "admin3",        "location",       "latitude", "longitude",      "geo_precision",
      "source",        "source_scale",   "notes",    "fatalities",     "tags",
      "timestamp"};
  return kColumns;
}

const std::vector<std::string>& ExtraColumns() {
  static const std::vector<std::string> kColumns = {
      "harmwatch_id", "fatalities_split", "killed_min", "killed_max",
      "injured",      "actor1_claims",    "doc_ids",    "n_sources"};
  return kColumns;
}

Status WriteJsonl(const std::vector<merge::Incident>& incidents, std::ostream& out) {
  for (const auto& inc : incidents) out << merge::IncidentToJson(inc).dump() << "\n";
  return out ? Status::Ok() : Status::IoError("error writing the export");
}

Status WriteAcledCsv(Store& store, const std::vector<merge::Incident>& incidents,
                     std::ostream& out) {
  std::string line;
  for (const auto& c : AcledColumns()) line += (line.empty() ? "" : ",") + c;
  for (const auto& c : ExtraColumns()) line += "," + c;
  out << line << "\r\n";
  std::map<std::string, Split> splits;  // by document
  for (const auto& inc : incidents) {
    const EventRow& m = inc.merged;
    std::string fatalities = Opt(m.killed), split_note;
    if (!m.killed) {
      for (const auto& claim : inc.claims) {
        auto it = splits.find(claim.doc_id);
        if (it == splits.end()) {
          auto doc = store.GetDocument(claim.doc_id);
          if (!doc) return doc.error();
          it = splits.emplace(claim.doc_id, *doc ? SplitTotal((*doc)->record_json) : Split{}).first;
        }
        size_t hash = claim.event_id.rfind('#');
        int ordinal = hash == std::string::npos ? -1 : std::atoi(claim.event_id.c_str() + hash + 1);
        auto share = it->second.share.find(ordinal);
        if (share != it->second.share.end()) {
          fatalities = std::to_string(share->second);
          split_note = "split: " + claim.doc_id + " reports " + std::to_string(it->second.total) +
                       " killed over " + std::to_string(it->second.events) +
                       " events without their own figure";
          break;
        }
      }
      if (fatalities.empty()) fatalities = "0";  // ACLED: no reported fatality is 0
    }
    CountryInfo country = Country(m.country);
    std::string sources, claims, docs;
    for (const auto& c : inc.claims) {
      if (!c.source.empty() && sources.find(c.source) == std::string::npos) {
        sources += (sources.empty() ? "" : "; ") + c.source;
      }
    }
    for (const auto& a : inc.actor1_claims) claims += (claims.empty() ? "" : "; ") + a;
    for (const auto& d : inc.doc_ids) docs += (docs.empty() ? "" : "; ") + d;
    std::string inter1 = Inter(m.actor1), inter2 = Inter(m.actor2);
    std::string interaction;
    if (!inter1.empty() && !inter2.empty()) {
      interaction = std::min(inter1, inter2) + std::max(inter1, inter2);
    }
    std::vector<std::string> row = {
        inc.id,
        m.date.value_or(""),
        m.date ? m.date->substr(0, 4) : "",
        std::to_string(m.date_precision),
        "Political violence",
        m.event_type,
        m.sub_event_type,
        m.actor1,
        Join(inc.assoc_actor1),
        inter1,
        m.actor2,
        "",
        inter2,
        interaction,
        m.civilian_targeting ? "Civilian targeting" : "",
        country.iso,
        country.region,
        country.name ? country.name : m.country,
        m.admin1,
        m.admin2,
        "",
        m.place,
        Coord(m.lat),
        Coord(m.lon),
        std::to_string(m.geo_precision),
        sources,
        "",
        "harmwatch: " + std::to_string(inc.doc_ids.size()) + " report(s); merged by rule",
        fatalities,
        "",
        inc.merges.empty() ? "" : Timestamp(inc.merges.back().at),
        // ours
        inc.id,
        split_note,
        Opt(inc.killed_min),
        Opt(inc.killed_max),
        Opt(m.injured),
        claims,
        docs,
        std::to_string(inc.doc_ids.size()),
    };
    line.clear();
    for (size_t i = 0; i < row.size(); ++i) line += (i ? "," : "") + Csv(row[i]);
    out << line << "\r\n";
  }
  return out ? Status::Ok() : Status::IoError("error writing the export");
}

Status WriteGeoJson(const std::vector<merge::Incident>& incidents, std::ostream& out) {
  out << "{\"type\":\"FeatureCollection\",\"features\":[";
  bool first = true;
  for (const auto& inc : incidents) {
    Json f;
    f["type"] = "Feature";
    f["id"] = inc.id;
    if (inc.merged.lat && inc.merged.lon) {
      f["geometry"] = {{"type", "Point"}, {"coordinates", {*inc.merged.lon, *inc.merged.lat}}};
    } else {
      f["geometry"] = nullptr;
    }
    f["properties"] = merge::IncidentToJson(inc);
    out << (first ? "\n" : ",\n") << f.dump();
    first = false;
  }
  out << "\n]}\n";
  return out ? Status::Ok() : Status::IoError("error writing the export");
}

Status WriteTable(const std::vector<merge::Incident>& incidents, std::ostream& out) {
  for (const auto& inc : incidents) {
    const EventRow& m = inc.merged;
    out << inc.id << "\t" << m.date.value_or("undated") << "\t" << m.place << "\t"
        << m.sub_event_type << "\t" << (m.actor1.empty() ? "-" : m.actor1) << "\tkilled "
        << (m.killed ? std::to_string(*m.killed) : "-") << "\t" << inc.doc_ids.size()
        << " source(s)\n";
  }
  return out ? Status::Ok() : Status::IoError("error writing the output");
}

}  // namespace harmwatch::incidents
