#include "harmwatch/model/json_output.h"

#include <cmath>
#include <sstream>

namespace harmwatch {
namespace {

using Json = nlohmann::ordered_json;

// Evidence: where in the original input (bytes) and what it says (decoded text).
Json SpanJson(const InputDocument& doc, TextSpan span) {
  TextSpan orig = doc.ToOriginal(span);
  Json j;
  j["start"] = orig.begin;
  j["end"] = orig.end;
  j["text"] = std::string(span.In(doc.text));
  return j;
}

// Coordinates rounded to 5 decimals (about a metre): stable text across platforms.
double Round5(double v) { return std::round(v * 1e5) / 1e5; }

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

template <typename T>
Json NumberOrNull(const std::optional<Evidenced<T>>& v) {
  return v ? Json(v->value) : Json(nullptr);
}

Json LocationJson(const Location& loc) {
  Json j;
  j["name"] = loc.name;
  j["mention"] = loc.mention;
  j["lat"] = loc.lat ? Json(Round5(*loc.lat)) : Json(nullptr);
  j["lon"] = loc.lon ? Json(Round5(*loc.lon)) : Json(nullptr);
  j["admin1"] = OrNull(loc.admin1);
  j["admin2"] = OrNull(loc.admin2);
  j["country"] = OrNull(loc.country);
  if (!loc.pcode.empty()) j["pcode"] = loc.pcode;
  if (loc.geonameid) j["geonameid"] = *loc.geonameid;
  j["geo_precision"] = loc.geo_precision;
  return j;
}

Json EventJson(const InputDocument& doc, const Event& ev) {
  Json j;
  j["location"] = LocationJson(ev.location);
  j["sublocation"] = OrNull(ev.location.sublocation);
  j["date"] = ev.date ? Json(*ev.date) : Json(nullptr);
  j["date_precision"] = ev.date_precision;
  j["event_type"] = ev.event_type;
  j["sub_event_type"] = ev.sub_event_type;
  j["actor1"] = OrNull(ev.actor1.value);
  j["assoc_actor_1"] = ev.assoc_actor1;
  j["actor2"] = OrNull(ev.actor2.value);
  j["civilian_targeting"] = ev.civilian_targeting;
  Json weapons = Json::array(), sites = Json::array(), claims = Json::array();
  for (const auto& w : ev.weapons) weapons.push_back(w.value);
  for (const auto& s : ev.sites) sites.push_back(s.value);
  for (const auto& c : ev.source_claims) claims.push_back(c.value);
  j["weapons"] = weapons;
  j["sites"] = sites;
  j["killed"] = NumberOrNull(ev.killed);
  j["injured"] = NumberOrNull(ev.injured);
  j["killed_children"] = NumberOrNull(ev.killed_children);
  j["killed_women"] = NumberOrNull(ev.killed_women);
  Json victims = Json::array();
  for (const auto& v : ev.victims) {
    Json vj;
    vj["name"] = v.name;
    vj["age"] = v.age ? Json(*v.age) : Json(nullptr);
    vj["outcome"] = v.outcome;
    victims.push_back(vj);
  }
  j["victims"] = victims;
  j["source_claims"] = claims;
  j["confidence"] = std::round(ev.confidence * 100) / 100;

  Json evidence;
  evidence["location"] = SpanJson(doc, ev.location.span);
  if (!ev.date_span.empty()) evidence["date"] = SpanJson(doc, ev.date_span);
  evidence["sub_event_type"] = SpanJson(doc, ev.type_span);
  if (!ev.actor1.span.empty()) evidence["actor1"] = SpanJson(doc, ev.actor1.span);
  if (!ev.actor2.span.empty()) evidence["actor2"] = SpanJson(doc, ev.actor2.span);
  if (ev.civilian_targeting && !ev.civilian_span.empty())
    evidence["civilian_targeting"] = SpanJson(doc, ev.civilian_span);
  auto list = [&](const std::vector<Evidenced<std::string>>& items) {
    Json arr = Json::array();
    for (const auto& it : items) {
      Json e = SpanJson(doc, it.span);
      e["value"] = it.value;
      arr.push_back(e);
    }
    return arr;
  };
  if (!ev.weapons.empty()) evidence["weapons"] = list(ev.weapons);
  if (!ev.sites.empty()) evidence["sites"] = list(ev.sites);
  if (!ev.source_claims.empty()) evidence["source_claims"] = list(ev.source_claims);
  auto number = [&](const char* name, const std::optional<Evidenced<int>>& v) {
    if (v && !v->span.empty()) evidence[name] = SpanJson(doc, v->span);
  };
  number("killed", ev.killed);
  number("injured", ev.injured);
  number("killed_children", ev.killed_children);
  number("killed_women", ev.killed_women);
  if (!ev.victims.empty()) {
    Json arr = Json::array();
    for (const auto& v : ev.victims) arr.push_back(SpanJson(doc, v.span));
    evidence["victims"] = arr;
  }
  j["evidence"] = evidence;
  if (!ev.location.resolution.empty()) j["geo_resolution"] = ev.location.resolution;
  return j;
}

const InputDocument& EmptyDoc() {
  static const InputDocument empty;
  return empty;
}

}  // namespace

nlohmann::ordered_json ToJson(const DocumentRecord& record) {
  const InputDocument& doc = record.input ? *record.input : EmptyDoc();
  Json j;
  j["id"] = doc.id;
  j["title"] = OrNull(doc.title);
  j["source"] = OrNull(doc.source);
  j["url"] = OrNull(doc.url);
  j["published"] = record.published ? Json(*record.published) : OrNull(doc.published);
  j["language"] = OrNull(record.language);
  Json events = Json::array();
  for (const auto& ev : record.events) events.push_back(EventJson(doc, ev));
  j["events"] = events;
  Json totals;
  totals["killed"] = NumberOrNull(record.totals.killed);
  totals["injured"] = NumberOrNull(record.totals.injured);
  j["totals"] = totals;
  Json totals_evidence = Json::object();
  if (record.totals.killed) totals_evidence["killed"] = SpanJson(doc, record.totals.killed->span);
  if (record.totals.injured) totals_evidence["injured"] = SpanJson(doc, record.totals.injured->span);
  j["totals_evidence"] = totals_evidence;
  j["diagnostics"] = record.diagnostics;
  return j;
}

std::string ToJsonLine(const DocumentRecord& record) {
  // Invalid UTF-8 cannot reach here (readers validate), but never throw on it.
  return ToJson(record).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string ToPrettyJson(const DocumentRecord& record) {
  return ToJson(record).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string ToTable(const DocumentRecord& record) {
  const InputDocument& doc = record.input ? *record.input : EmptyDoc();
  std::ostringstream out;
  out << "# " << doc.id;
  if (!doc.title.empty()) out << "  " << doc.title;
  out << "\n";
  if (record.events.empty()) out << "  (no events)\n";
  for (const auto& ev : record.events) {
    const Location& loc = ev.location;
    out << "  " << (ev.date ? *ev.date : std::string("date?")) << "  " << loc.name;
    if (!loc.admin1.empty()) out << ", " << loc.admin1;
    if (!loc.country.empty()) out << " (" << loc.country << ")";
    if (loc.lat && loc.lon) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " [%.4f, %.4f]", *loc.lat, *loc.lon);
      out << buf;
    }
    out << "\n    " << ev.sub_event_type << ": " << ev.actor1.value;
    if (!ev.actor2.value.empty()) out << " -> " << ev.actor2.value;
    if (ev.killed) out << "; killed " << ev.killed->value;
    if (ev.injured) out << "; injured " << ev.injured->value;
    if (!ev.weapons.empty()) {
      out << "; weapons";
      for (const auto& w : ev.weapons) out << " " << w.value;
    }
    if (!ev.sites.empty()) {
      out << "; sites";
      for (const auto& s : ev.sites) out << " " << s.value;
    }
    for (const auto& v : ev.victims) {
      out << "; victim " << v.name;
      if (v.age) out << " (" << *v.age << ")";
    }
    out << "\n";
  }
  if (record.totals.killed || record.totals.injured) {
    out << "  totals:";
    if (record.totals.killed) out << " killed " << record.totals.killed->value;
    if (record.totals.injured) out << " injured " << record.totals.injured->value;
    out << "\n";
  }
  return out.str();
}

}  // namespace harmwatch
