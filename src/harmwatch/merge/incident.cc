// The merged view of an incident: how the sources' claims combine, and corrections.
//  - place: the most precise member (town before district before province), first
//    reported on ties; date likewise by date precision.
//  - type and perpetrator: the most claimed, first reported on ties; a named
//    perpetrator beats "Unidentified ..."; every distinct perpetrator claim is listed.
//  - casualties: min and max over the sources, and the latest claim (by publication
//    date, undated reports counting as older, then ingest time) as `killed` /
//    `injured`: "the toll has risen to 8".
#include <algorithm>
#include <map>
#include <set>

#include "harmwatch/merge/merge.h"

namespace harmwatch::merge {
namespace {

using Json = nlohmann::ordered_json;

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

// Orders claims for "the latest figure": dated reports by publication date, after
// every undated one (an undated report is not known to be newer), then by ingest time.
std::string ClaimTime(const EventRow& r) {
  return (r.published.empty() ? "0" : "1" + r.published) + " " + r.ingested_at;
}

// The most frequent non-empty value, first seen on ties; `weak` values lose to any other.
std::string Vote(const std::vector<EventRow>& members, std::string EventRow::*field,
                 bool (*weak)(const std::string&) = nullptr) {
  std::map<std::string, int> count;
  std::vector<std::string> order;
  for (const auto& m : members) {
    const std::string& v = m.*field;
    if (v.empty()) continue;
    if (count[v]++ == 0) order.push_back(v);
  }
  std::string best;
  auto rank = [&](const std::string& v) {
    return std::make_pair(weak && weak(v) ? 0 : 1, count[v]);
  };
  for (const auto& v : order) {
    if (best.empty() || rank(v) > rank(best)) best = v;
  }
  return best;
}

bool WeakActor(const std::string& a) { return a.rfind("Unidentified", 0) == 0; }

std::optional<int> ParseInt(const std::string& v) {
  if (v.empty() || v.size() > 9) return std::nullopt;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoi(v);
}

std::optional<double> ParseDouble(const std::string& v) {
  try {
    size_t used = 0;
    double d = std::stod(v, &used);
    if (used != v.size()) return std::nullopt;
    return d;
  } catch (...) {
    return std::nullopt;
  }
}

void Apply(EventRow& m, const Correction& c) {
  const std::string& v = c.value;
  bool null = v == "null" || v.empty();
  const std::string& f = c.field;
  if (f == "location" || f == "place")
    m.place = null ? "" : v;
  else if (f == "lat")
    m.lat = null ? std::nullopt : ParseDouble(v);
  else if (f == "lon")
    m.lon = null ? std::nullopt : ParseDouble(v);
  else if (f == "admin1")
    m.admin1 = null ? "" : v;
  else if (f == "admin2")
    m.admin2 = null ? "" : v;
  else if (f == "country")
    m.country = null ? "" : v;
  else if (f == "geo_precision")
    m.geo_precision = ParseInt(v).value_or(m.geo_precision);
  else if (f == "date")
    m.date = null ? std::nullopt : std::optional<std::string>(v);
  else if (f == "date_precision")
    m.date_precision = ParseInt(v).value_or(m.date_precision);
  else if (f == "event_type")
    m.event_type = v;
  else if (f == "sub_event_type")
    m.sub_event_type = v;
  else if (f == "actor1")
    m.actor1 = null ? "" : v;
  else if (f == "actor2")
    m.actor2 = null ? "" : v;
  else if (f == "civilian_targeting")
    m.civilian_targeting = v == "true";
  else if (f == "killed")
    m.killed = null ? std::nullopt : ParseInt(v);
  else if (f == "injured")
    m.injured = null ? std::nullopt : ParseInt(v);
}

}  // namespace

const std::vector<std::string>& CorrectableFields() {
  static const std::vector<std::string> kFields = {"location",
                                                   "lat",
                                                   "lon",
                                                   "admin1",
                                                   "admin2",
                                                   "country",
                                                   "geo_precision",
                                                   "date",
                                                   "date_precision",
                                                   "event_type",
                                                   "sub_event_type",
                                                   "actor1",
                                                   "actor2",
                                                   "civilian_targeting",
                                                   "killed",
                                                   "injured"};
  return kFields;
}

Status CheckCorrection(const std::string& field, const std::string& value) {
  const auto& fields = CorrectableFields();
  if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
    std::string list;
    for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f;
    return Status::InvalidArgument("unknown field '" + field + "' (one of: " + list + ")");
  }
  bool null = value == "null";
  auto bad = [&](const std::string& want) {
    return Status::InvalidArgument("field " + field + ": expected " + want + ", got '" + value +
                                   "'");
  };
  if (field == "lat" || field == "lon") {
    auto d = ParseDouble(value);
    double limit = field == "lat" ? 90 : 180;
    if (!null && (!d || *d < -limit || *d > limit)) return bad("degrees or null");
  } else if (field == "killed" || field == "injured") {
    if (!null && !ParseInt(value)) return bad("a whole number or null");
  } else if (field == "geo_precision" || field == "date_precision") {
    auto p = ParseInt(value);
    if (!p || *p < 1 || *p > 3) return bad("1, 2 or 3");
  } else if (field == "date") {
    if (!null && (value.size() != 10 || !DayNumber(value))) return bad("YYYY-MM-DD or null");
  } else if (field == "civilian_targeting") {
    if (value != "true" && value != "false") return bad("true or false");
  } else if (field == "event_type" || field == "sub_event_type") {
    if (value.empty() || null) return bad("a type name");
  }
  return Status::Ok();
}

Incident BuildIncident(const std::string& id, std::vector<EventRow> members,
                       std::vector<Correction> corrections, std::vector<MergeRecord> merges) {
  Incident inc;
  inc.id = id;
  std::stable_sort(members.begin(), members.end(), [](const EventRow& a, const EventRow& b) {
    return std::tie(a.ingested_at, a.doc_id, a.ordinal) <
           std::tie(b.ingested_at, b.doc_id, b.ordinal);
  });
  if (members.empty()) return inc;

  // Place and date: the most precise member, first on ties.
  const EventRow* place = &members[0];
  const EventRow* date = nullptr;
  for (const auto& m : members) {
    bool has = m.lat.has_value(), best_has = place->lat.has_value();
    if (std::make_pair(!has, m.geo_precision) < std::make_pair(!best_has, place->geo_precision)) {
      place = &m;
    }
    if (m.date && (!date || m.date_precision < date->date_precision)) date = &m;
  }
  EventRow& out = inc.merged;
  out.place = place->place;
  out.place_key = place->place_key;
  out.lat = place->lat;
  out.lon = place->lon;
  out.admin1 = place->admin1;
  out.admin2 = place->admin2;
  out.country = place->country;
  out.pcode = place->pcode;
  out.geonameid = place->geonameid;
  out.geo_precision = place->geo_precision;
  if (date) {
    out.date = date->date;
    out.date_precision = date->date_precision;
  }
  out.sub_event_type = Vote(members, &EventRow::sub_event_type);
  for (const auto& m : members) {
    if (m.sub_event_type == out.sub_event_type) {
      out.event_type = m.event_type;
      break;
    }
  }
  out.actor1 = Vote(members, &EventRow::actor1, WeakActor);
  out.actor2 = Vote(members, &EventRow::actor2, WeakActor);

  // Casualties: range and latest claim.
  const EventRow* latest_killed = nullptr;
  const EventRow* latest_injured = nullptr;
  std::set<std::string> weapons, sites, docs;
  for (const auto& m : members) {
    out.civilian_targeting = out.civilian_targeting || m.civilian_targeting;
    if (m.killed) {
      inc.killed_min = std::min(inc.killed_min.value_or(*m.killed), *m.killed);
      inc.killed_max = std::max(inc.killed_max.value_or(*m.killed), *m.killed);
      if (!latest_killed || ClaimTime(m) >= ClaimTime(*latest_killed)) latest_killed = &m;
    }
    if (m.injured) {
      inc.injured_min = std::min(inc.injured_min.value_or(*m.injured), *m.injured);
      inc.injured_max = std::max(inc.injured_max.value_or(*m.injured), *m.injured);
      if (!latest_injured || ClaimTime(m) >= ClaimTime(*latest_injured)) latest_injured = &m;
    }
    if (!m.actor1.empty() && std::find(inc.actor1_claims.begin(), inc.actor1_claims.end(),
                                       m.actor1) == inc.actor1_claims.end()) {
      inc.actor1_claims.push_back(m.actor1);
    }
    Json ev = Json::parse(m.json, nullptr, /*allow_exceptions=*/false);
    if (ev.is_object()) {
      if (auto assoc = ev.find("assoc_actor_1"); assoc != ev.end() && assoc->is_array()) {
        for (const auto& a : *assoc) {
          if (a.is_string() && std::find(inc.assoc_actor1.begin(), inc.assoc_actor1.end(),
                                         a.get<std::string>()) == inc.assoc_actor1.end()) {
            inc.assoc_actor1.push_back(a.get<std::string>());
          }
        }
      }
      for (const char* key : {"weapons", "sites"}) {
        auto it = ev.find(key);
        if (it == ev.end() || !it->is_array()) continue;
        for (const auto& w : *it) {
          if (w.is_string()) (std::string(key) == "weapons" ? weapons : sites).insert(w);
        }
      }
    }
    if (docs.insert(m.doc_id).second) inc.doc_ids.push_back(m.doc_id);
    inc.event_ids.push_back(m.id);
    inc.claims.push_back(Claim{m.doc_id, m.id, m.source, m.published, m.date, m.place, m.actor1,
                               m.actor2, m.sub_event_type, m.killed, m.injured});
  }
  if (latest_killed) out.killed = latest_killed->killed;
  if (latest_injured) out.injured = latest_injured->injured;
  inc.weapons.assign(weapons.begin(), weapons.end());
  inc.sites.assign(sites.begin(), sites.end());

  // Corrections last: they always win.
  std::stable_sort(corrections.begin(), corrections.end(),
                   [](const Correction& a, const Correction& b) { return a.id < b.id; });
  for (const auto& c : corrections) {
    Apply(out, c);
    if (std::find(inc.corrected_fields.begin(), inc.corrected_fields.end(), c.field) ==
        inc.corrected_fields.end()) {
      inc.corrected_fields.push_back(c.field);
    }
  }
  inc.corrections = std::move(corrections);
  inc.merges = std::move(merges);
  return inc;
}

Json IncidentToJson(const Incident& inc) {
  const EventRow& m = inc.merged;
  Json j;
  j["id"] = inc.id;
  Json loc;
  loc["name"] = m.place;
  loc["lat"] = OrNull(m.lat);
  loc["lon"] = OrNull(m.lon);
  loc["admin1"] = OrNull(m.admin1);
  loc["admin2"] = OrNull(m.admin2);
  loc["country"] = OrNull(m.country);
  if (!m.pcode.empty()) loc["pcode"] = m.pcode;
  if (m.geonameid) loc["geonameid"] = *m.geonameid;
  loc["geo_precision"] = m.geo_precision;
  j["location"] = loc;
  j["date"] = OrNull(m.date);
  j["date_precision"] = m.date_precision;
  j["event_type"] = m.event_type;
  j["sub_event_type"] = m.sub_event_type;
  j["actor1"] = OrNull(m.actor1);
  j["assoc_actor_1"] = inc.assoc_actor1;
  j["actor1_claims"] = inc.actor1_claims;
  j["actor2"] = OrNull(m.actor2);
  j["civilian_targeting"] = m.civilian_targeting;
  j["weapons"] = inc.weapons;
  j["sites"] = inc.sites;
  j["killed"] = OrNull(m.killed);
  j["killed_min"] = OrNull(inc.killed_min);
  j["killed_max"] = OrNull(inc.killed_max);
  j["injured"] = OrNull(m.injured);
  j["injured_min"] = OrNull(inc.injured_min);
  j["injured_max"] = OrNull(inc.injured_max);
  j["doc_ids"] = inc.doc_ids;
  Json claims = Json::array();
  for (const auto& c : inc.claims) {
    Json cj;
    cj["doc_id"] = c.doc_id;
    cj["event_id"] = c.event_id;
    cj["source"] = OrNull(c.source);
    cj["published"] = OrNull(c.published);
    cj["date"] = OrNull(c.date);
    cj["location"] = c.place;
    cj["sub_event_type"] = c.sub_event_type;
    cj["actor1"] = OrNull(c.actor1);
    cj["actor2"] = OrNull(c.actor2);
    cj["killed"] = OrNull(c.killed);
    cj["injured"] = OrNull(c.injured);
    claims.push_back(cj);
  }
  j["claims"] = claims;
  Json corr = Json::array();
  for (const auto& c : inc.corrections) {
    corr.push_back(
        {{"field", c.field}, {"value", c.value}, {"by", c.by}, {"reason", c.reason}, {"at", c.at}});
  }
  j["corrections"] = corr;
  Json merges = Json::array();
  for (const auto& r : inc.merges) {
    Json mj = {{"event_id", r.event_id}, {"reason", r.reason}, {"at", r.at}};
    if (!r.undone_at.empty()) mj["undone_at"] = r.undone_at;
    merges.push_back(mj);
  }
  j["merges"] = merges;
  return j;
}

}  // namespace harmwatch::merge
