#include "harmwatch/server/api_views.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "harmwatch/incidents/incidents.h"

namespace harmwatch::server {
namespace {

using Json = nlohmann::ordered_json;

const std::set<std::string>& FilterNames() {
  static const std::set<std::string> kNames = {"from",   "to",    "bbox",       "admin1",
                                               "type",   "actor", "min_killed", "text",
                                               "offset", "limit", "sort",       "order"};
  return kNames;
}

std::optional<size_t> ParseSize(const std::string& s) {
  size_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

// Appends the spans of one evidence value ({start,end,text} or a list of them).
void AddSpans(const std::string& field, const Json& ev, const std::string& event_id,
              const std::vector<uint32_t>& to16, Json& out) {
  if (ev.is_array()) {
    for (const Json& e : ev) AddSpans(field, e, event_id, to16, out);
    return;
  }
  if (!ev.is_object() || !ev.contains("start") || !ev.contains("end")) return;
  if (!ev["start"].is_number_unsigned() || !ev["end"].is_number_unsigned()) return;
  size_t start = ev["start"].get<size_t>(), end = ev["end"].get<size_t>();
  if (start > end || end >= to16.size()) return;  // a span outside the text: skip, never crash
  Json s;
  s["field"] = field;
  s["start"] = to16[start];
  s["end"] = to16[end];
  s["text"] = ev.value("text", "");
  if (ev.contains("value")) s["value"] = ev["value"];
  s["event_id"] = event_id;
  out.push_back(std::move(s));
}

}  // namespace

Result<ListRequest> ParseListRequest(const Params& params, const std::vector<std::string>& extra) {
  ListRequest req;
  for (const auto& [name, value] : params) {
    if (!FilterNames().count(name) && std::find(extra.begin(), extra.end(), name) == extra.end()) {
      return Err(Status::InvalidArgument("unknown parameter '" + name + "'"));
    }
    if (params.count(name) > 1) {
      return Err(Status::InvalidArgument("parameter '" + name + "' given more than once"));
    }
    StoreQuery& q = req.query;
    if (name == "from")
      q.from = value;
    else if (name == "to")
      q.to = value;
    else if (name == "admin1")
      q.admin1 = value;
    else if (name == "type")
      q.type = value;
    else if (name == "actor")
      q.actor = value;
    else if (name == "text")
      q.text = value;
    else if (name == "bbox") {
      HW_RETURN_IF_ERROR(incidents::ParseBbox(value, q));
    } else if (name == "min_killed") {
      auto v = ParseSize(value);
      if (!v || *v > 1000000) {
        return Err(Status::InvalidArgument("min_killed: expected a whole number >= 0, got '" +
                                           value + "'"));
      }
      q.min_killed = static_cast<int>(*v);
    } else if (name == "offset" || name == "limit") {
      auto v = ParseSize(value);
      if (!v)
        return Err(
            Status::InvalidArgument(name + ": expected a whole number, got '" + value + "'"));
      if (name == "offset")
        req.offset = *v;
      else if (*v == 0 || *v > kMaxPageSize) {
        return Err(Status::InvalidArgument("limit: expected 1 to " + std::to_string(kMaxPageSize) +
                                           ", got " + value));
      } else
        req.limit = *v;
    } else if (name == "sort") {
      static const std::set<std::string> kSorts = {"date",   "killed", "injured", "location",
                                                   "admin1", "type",   "id"};
      if (!kSorts.count(value)) {
        return Err(Status::InvalidArgument(
            "sort: expected date, killed, injured, location, admin1, type or id, got '" + value +
            "'"));
      }
      req.sort = value;
    } else if (name == "order") {
      if (value != "asc" && value != "desc") {
        return Err(Status::InvalidArgument("order: expected asc or desc, got '" + value + "'"));
      }
      req.descending = value == "desc";
    }
  }
  HW_RETURN_IF_ERROR(incidents::CheckQuery(req.query));
  return req;
}

void SortIncidents(std::vector<merge::Incident>& v, const ListRequest& req) {
  auto key = [&](const merge::Incident& i) -> std::tuple<std::string, int64_t> {
    const EventRow& m = i.merged;
    if (req.sort == "date") return {m.date.value_or(""), 0};
    if (req.sort == "killed") return {"", m.killed.value_or(-1)};
    if (req.sort == "injured") return {"", m.injured.value_or(-1)};
    if (req.sort == "location") return {m.place, 0};
    if (req.sort == "admin1") return {m.admin1, 0};
    if (req.sort == "type") return {m.sub_event_type, 0};
    return {i.id, 0};
  };
  // Stable, with the id as the last word, so pages never overlap or skip.
  std::sort(v.begin(), v.end(), [&](const merge::Incident& a, const merge::Incident& b) {
    auto ka = key(a), kb = key(b);
    if (ka != kb) return req.descending ? kb < ka : ka < kb;
    return a.id < b.id;
  });
}

Json IncidentSummary(const merge::Incident& inc, const std::string& review_status) {
  const EventRow& m = inc.merged;
  Json j;
  j["id"] = inc.id;
  j["date"] = OrNull(m.date);
  j["location"] = m.place;
  j["lat"] = OrNull(m.lat);
  j["lon"] = OrNull(m.lon);
  j["admin1"] = m.admin1;
  j["event_type"] = m.event_type;
  j["sub_event_type"] = m.sub_event_type;
  j["actor1"] = m.actor1;
  j["actor2"] = m.actor2;
  j["civilian_targeting"] = m.civilian_targeting;
  j["killed"] = OrNull(m.killed);
  j["killed_min"] = OrNull(inc.killed_min);
  j["killed_max"] = OrNull(inc.killed_max);
  j["injured"] = OrNull(m.injured);
  j["sources"] = inc.doc_ids.size();
  j["corrected"] = !inc.corrected_fields.empty();
  j["review"] = review_status;
  return j;
}

Json TimelineCounts(const std::vector<merge::Incident>& incidents) {
  std::map<std::string, std::pair<int64_t, int64_t>> days;
  int64_t undated = 0;
  for (const merge::Incident& i : incidents) {
    if (!i.merged.date) {
      ++undated;
      continue;
    }
    auto& d = days[*i.merged.date];
    ++d.first;
    d.second += i.merged.killed.value_or(0);
  }
  Json out;
  out["days"] = Json::array();
  for (const auto& [day, c] : days) {
    out["days"].push_back({{"day", day}, {"incidents", c.first}, {"killed", c.second}});
  }
  out["undated"] = undated;
  return out;
}

std::vector<uint32_t> Utf16Offsets(const std::string& s) {
  std::vector<uint32_t> out(s.size() + 1);
  uint32_t u = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    out[i] = u;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80 || c >= 0xC0) u += (c >= 0xF0) ? 2 : 1;  // lead bytes; 4-byte: surrogate pair
  }
  out[s.size()] = u;
  return out;
}

Result<Json> IncidentDetail(Store& store, Accounts& accounts, const std::string& id) {
  auto incident = incidents::LoadIncident(store, id);
  if (!incident) return Err(incident.error());
  Json j = merge::IncidentToJson(*incident);
  auto events = store.IncidentEvents(id);
  if (!events) return Err(events.error());

  // Group this incident's events by document, in the incident's source order.
  Json docs = Json::array();
  for (const std::string& doc_id : incident->doc_ids) {
    auto doc = store.GetDocument(doc_id);
    if (!doc) return Err(doc.error());
    if (!*doc) continue;
    const StoredDocument& d = **doc;
    std::vector<uint32_t> to16 = Utf16Offsets(d.original);
    Json spans = Json::array();
    for (const EventRow& ev : *events) {
      if (ev.doc_id != doc_id) continue;
      Json event = Json::parse(ev.json, nullptr, false);
      if (event.is_discarded() || !event.contains("evidence")) continue;
      for (const auto& [field, value] : event["evidence"].items()) {
        AddSpans(field, value, ev.id, to16, spans);
      }
    }
    Json dj;
    dj["id"] = d.id;
    dj["source"] = d.source;
    dj["title"] = d.title;
    dj["url"] = d.url;
    dj["published"] = d.published;
    dj["ingested_at"] = d.ingested_at;
    dj["text"] = d.original;
    dj["evidence"] = std::move(spans);
    docs.push_back(std::move(dj));
  }
  j["documents"] = std::move(docs);

  auto reviews = accounts.Reviews(id);
  if (!reviews) return Err(reviews.error());
  Json rj = Json::array();
  for (const Review& r : *reviews) {
    rj.push_back({{"status", r.status}, {"by", r.by}, {"reason", r.reason}, {"at", r.at}});
  }
  j["review"] = reviews->empty() ? "" : reviews->back().status;
  j["reviews"] = std::move(rj);

  auto log = accounts.AuditLog(id, 1000);
  if (!log) return Err(log.error());
  Json hj = Json::array();
  for (const AuditEntry& e : *log) {
    hj.push_back({{"at", e.at}, {"user", e.user}, {"action", e.action}, {"detail", e.detail}});
  }
  j["history"] = std::move(hj);
  return j;
}

}  // namespace harmwatch::server
