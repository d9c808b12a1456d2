#include "harmwatch/model/json_output.h"

#include <cmath>
#include <sstream>

#include "harmwatch/model/json_writer.h"

namespace harmwatch {
namespace {

// Evidence: where in the original input (bytes) and what it says (decoded text), and for
// list fields the controlled value it supports.
void WriteSpan(JsonWriter& w, const InputDocument& doc, TextSpan span,
               const std::string* value = nullptr) {
  TextSpan orig = doc.ToOriginal(span);
  w.BeginObject();
  w.Key("start");
  w.Int(orig.begin);
  w.Key("end");
  w.Int(orig.end);
  w.Key("text");
  w.String(span.In(doc.text));
  if (value) {
    w.Key("value");
    w.String(*value);
  }
  w.EndObject();
}

void StringOrNull(JsonWriter& w, const std::string& s) {
  if (s.empty()) w.Null();
  else w.String(s);
}

void NumberOrNull(JsonWriter& w, const std::optional<Evidenced<int>>& v) {
  if (v) w.Int(v->value);
  else w.Null();
}

void WriteLocation(JsonWriter& w, const Location& loc) {
  w.BeginObject();
  w.Key("name");
  w.String(loc.name);
  w.Key("mention");
  w.String(loc.mention);
  // Coordinates to 5 decimals (about a metre): stable text across platforms.
  w.Key("lat");
  if (loc.lat) w.Fixed5(*loc.lat); else w.Null();
  w.Key("lon");
  if (loc.lon) w.Fixed5(*loc.lon); else w.Null();
  w.Key("admin1");
  StringOrNull(w, loc.admin1);
  w.Key("admin2");
  StringOrNull(w, loc.admin2);
  w.Key("country");
  StringOrNull(w, loc.country);
  if (!loc.pcode.empty()) {
    w.Key("pcode");
    w.String(loc.pcode);
  }
  if (loc.geonameid) {
    w.Key("geonameid");
    w.Int(*loc.geonameid);
  }
  w.Key("geo_precision");
  w.Int(loc.geo_precision);
  w.EndObject();
}

void WriteValues(JsonWriter& w, const std::vector<Evidenced<std::string>>& items) {
  w.BeginArray();
  for (const auto& it : items) w.String(it.value);
  w.EndArray();
}

void WriteEvidenceList(JsonWriter& w, const InputDocument& doc,
                       const std::vector<Evidenced<std::string>>& items) {
  w.BeginArray();
  for (const auto& it : items) WriteSpan(w, doc, it.span, &it.value);
  w.EndArray();
}

void WriteEvent(JsonWriter& w, const InputDocument& doc, const Event& ev) {
  w.BeginObject();
  w.Key("location");
  WriteLocation(w, ev.location);
  w.Key("sublocation");
  StringOrNull(w, ev.location.sublocation);
  w.Key("date");
  if (ev.date) w.String(*ev.date); else w.Null();
  w.Key("date_precision");
  w.Int(ev.date_precision);
  w.Key("event_type");
  w.String(ev.event_type);
  w.Key("sub_event_type");
  w.String(ev.sub_event_type);
  w.Key("actor1");
  StringOrNull(w, ev.actor1.value);
  w.Key("assoc_actor_1");
  w.BeginArray();
  for (const auto& a : ev.assoc_actor1) w.String(a);
  w.EndArray();
  w.Key("actor2");
  StringOrNull(w, ev.actor2.value);
  w.Key("civilian_targeting");
  w.Bool(ev.civilian_targeting);
  w.Key("weapons");
  WriteValues(w, ev.weapons);
  w.Key("sites");
  WriteValues(w, ev.sites);
  w.Key("killed");
  NumberOrNull(w, ev.killed);
  w.Key("injured");
  NumberOrNull(w, ev.injured);
  w.Key("killed_children");
  NumberOrNull(w, ev.killed_children);
  w.Key("killed_women");
  NumberOrNull(w, ev.killed_women);
  w.Key("victims");
  w.BeginArray();
  for (const auto& v : ev.victims) {
    w.BeginObject();
    w.Key("name");
    w.String(v.name);
    w.Key("age");
    if (v.age) w.Int(*v.age); else w.Null();
    w.Key("outcome");
    w.String(v.outcome);
    w.EndObject();
  }
  w.EndArray();
  w.Key("source_claims");
  WriteValues(w, ev.source_claims);
  w.Key("confidence");
  w.Fixed2(std::round(ev.confidence * 100) / 100);

  w.Key("evidence");
  w.BeginObject();
  w.Key("location");
  WriteSpan(w, doc, ev.location.span);
  if (!ev.date_span.empty()) {
    w.Key("date");
    WriteSpan(w, doc, ev.date_span);
  }
  w.Key("sub_event_type");
  WriteSpan(w, doc, ev.type_span);
  if (!ev.actor1.span.empty()) {
    w.Key("actor1");
    WriteSpan(w, doc, ev.actor1.span);
  }
  if (!ev.actor2.span.empty()) {
    w.Key("actor2");
    WriteSpan(w, doc, ev.actor2.span);
  }
  if (ev.civilian_targeting && !ev.civilian_span.empty()) {
    w.Key("civilian_targeting");
    WriteSpan(w, doc, ev.civilian_span);
  }
  if (!ev.weapons.empty()) {
    w.Key("weapons");
    WriteEvidenceList(w, doc, ev.weapons);
  }
  if (!ev.sites.empty()) {
    w.Key("sites");
    WriteEvidenceList(w, doc, ev.sites);
  }
  if (!ev.source_claims.empty()) {
    w.Key("source_claims");
    WriteEvidenceList(w, doc, ev.source_claims);
  }
  auto number = [&](JsonKey name, const std::optional<Evidenced<int>>& v) {
    if (v && !v->span.empty()) {
      w.Key(name);
      WriteSpan(w, doc, v->span);
    }
  };
  number("killed", ev.killed);
  number("injured", ev.injured);
  number("killed_children", ev.killed_children);
  number("killed_women", ev.killed_women);
  if (!ev.victims.empty()) {
    w.Key("victims");
    w.BeginArray();
    for (const auto& v : ev.victims) WriteSpan(w, doc, v.span);
    w.EndArray();
  }
  w.EndObject();
  if (!ev.location.resolution.empty()) {
    w.Key("geo_resolution");
    w.String(ev.location.resolution);
  }
  w.EndObject();
}

const InputDocument& EmptyDoc() {
  static const InputDocument empty;
  return empty;
}

}  // namespace

std::string ToJsonLine(const DocumentRecord& record) {
  const InputDocument& doc = record.input ? *record.input : EmptyDoc();
  std::string out;
  out.reserve(1024 + record.events.size() * 1024);
  JsonWriter w(out);
  w.BeginObject();
  w.Key("id");
  w.String(doc.id);
  w.Key("title");
  StringOrNull(w, doc.title);
  w.Key("source");
  StringOrNull(w, doc.source);
  w.Key("url");
  StringOrNull(w, doc.url);
  w.Key("published");
  if (record.published) w.String(*record.published);
  else StringOrNull(w, doc.published);
  w.Key("language");
  StringOrNull(w, record.language);
  w.Key("events");
  w.BeginArray();
  for (const auto& ev : record.events) WriteEvent(w, doc, ev);
  w.EndArray();
  w.Key("totals");
  w.BeginObject();
  w.Key("killed");
  NumberOrNull(w, record.totals.killed);
  w.Key("injured");
  NumberOrNull(w, record.totals.injured);
  w.EndObject();
  w.Key("totals_evidence");
  w.BeginObject();
  if (record.totals.killed) {
    w.Key("killed");
    WriteSpan(w, doc, record.totals.killed->span);
  }
  if (record.totals.injured) {
    w.Key("injured");
    WriteSpan(w, doc, record.totals.injured->span);
  }
  w.EndObject();
  w.Key("diagnostics");
  w.BeginArray();
  for (const auto& d : record.diagnostics) w.String(d);
  w.EndArray();
  w.EndObject();
  w.Finish();
  return out;
}

nlohmann::ordered_json ToJson(const DocumentRecord& record) {
  // One definition of the shape (the writer above); the tree is for callers that edit it.
  return nlohmann::ordered_json::parse(ToJsonLine(record), nullptr, /*allow_exceptions=*/false);
}

std::string ToPrettyJson(const DocumentRecord& record) {
  return ToJson(record).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
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
