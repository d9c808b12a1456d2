#include "harmwatch/incidents/incidents.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <set>

#include "harmwatch/ingest/readers.h"
#include "harmwatch/model/json_output.h"

namespace harmwatch::incidents {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool Contains(const std::string& hay, const std::string& needle) {
  return Lower(hay).find(Lower(needle)) != std::string::npos;
}

const std::set<std::string>& KnownTypes() {
  static const std::set<std::string> kTypes = {"Battles",
                                               "Explosions/Remote violence",
                                               "Violence against civilians",
                                               "Armed clash",
                                               "Government regains territory",
                                               "Non-state actor overtakes territory",
                                               "Air/drone strike",
                                               "Shelling/artillery/missile attack",
                                               "Remote explosive/landmine/IED",
                                               "Suicide bomb",
                                               "Grenade",
                                               "Chemical weapon",
                                               "Attack",
                                               "Abduction/forced disappearance",
                                               "Sexual violence"};
  return kTypes;
}

bool Passes(const merge::Incident& inc, const StoreQuery& q) {
  const EventRow& m = inc.merged;
  if (!q.from.empty() || !q.to.empty()) {
    if (!m.date) return false;
    if (!q.from.empty() && *m.date < q.from) return false;
    if (!q.to.empty() && *m.date > q.to) return false;
  }
  if (q.west && q.south && q.east && q.north) {
    if (!m.lat || !m.lon) return false;
    if (*m.lon < *q.west || *m.lon > *q.east || *m.lat < *q.south || *m.lat > *q.north) {
      return false;
    }
  }
  if (!q.admin1.empty() && Lower(m.admin1) != Lower(q.admin1)) return false;
  if (!q.type.empty() && m.sub_event_type != q.type && m.event_type != q.type) return false;
  if (!q.actor.empty()) {
    bool any = Contains(m.actor1, q.actor) || Contains(m.actor2, q.actor);
    for (const auto& a : inc.actor1_claims) any = any || Contains(a, q.actor);
    if (!any) return false;
  }
  if (q.min_killed && (!m.killed || *m.killed < *q.min_killed)) return false;
  return true;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  static const bool kInit = sodium_init() >= 0;
  (void)kInit;
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : out) {
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 15]);
  }
  return hex;
}

std::string NowUtc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<DocumentToStore> PrepareDocument(const DocumentRecord& record, const std::string& now) {
  if (!record.input) return Err(Status::Internal("record without its input document"));
  const InputDocument& in = *record.input;
  DocumentToStore d;
  d.id = in.id;
  d.source = in.source;
  d.url = in.url;
  d.title = in.title;
  d.published = record.published.value_or(in.published);
  d.language = record.language;
  d.original = in.original;
  d.text = in.text;
  d.sha256 = Sha256Hex(in.original);
  d.text_sha256 = Sha256Hex(merge::NormalizeForHash(in.text));
  d.minhash = merge::MinHashSignature(in.text);
  d.bands = merge::SignatureBands(d.minhash);
  d.near_duplicate_threshold = merge::kNearDuplicateThreshold;
  d.terms = merge::TopicTerms(in.text);
  d.ingested_at = now;
  nlohmann::ordered_json json = ToJson(record);
  d.record_json = json.dump();
  auto rows = merge::EventRowsFromRecord(json, d.id);
  if (!rows) return Err(rows.error());
  d.places = merge::PlaceTerms(*rows);
  d.events = std::move(*rows);
  for (auto& e : d.events) {
    e.source = d.source;
    e.published = d.published;
  }
  return d;
}

IncidentMatcher DefaultMatcher() {
  return
      [](const EventRow& ev, const std::vector<EventRow>& cands) -> std::optional<MatchDecision> {
        auto choice = merge::ChooseIncident(ev, cands);
        if (!choice) return std::nullopt;
        return MatchDecision{choice->incident_id, choice->reason};
      };
}

Result<PutResult> IngestRecord(Store& store, const DocumentRecord& record, const std::string& now) {
  auto doc = PrepareDocument(record, now);
  if (!doc) return Err(doc.error());
  return store.PutDocument(*doc, DefaultMatcher());
}

Result<InputDocument> StoredInput(const StoredDocument& doc) {
  InputDocument in = DocumentFromText(doc.original);
  if (in.text != doc.text) in = DocumentFromHtml(doc.original);
  if (in.text != doc.text) {
    // Read some other way (a JSON record's text field, say): the stored text is the input.
    in = InputDocument{};
    in.original = doc.text;
    in.text = doc.text;
  }
  in.id = doc.id;
  in.origin = "stored document " + doc.id;
  in.title = doc.title;
  in.source = doc.source;
  in.url = doc.url;
  in.published = doc.published;
  in.language = doc.language;
  return in;
}

Result<PutResult> ReplaceRecord(Store& store, const DocumentRecord& record,
                                const std::string& now) {
  auto doc = PrepareDocument(record, now);
  if (!doc) return Err(doc.error());
  return store.ReplaceEvents(doc->id, doc->record_json, doc->events, doc->places, now,
                             DefaultMatcher());
}

Result<merge::Incident> LoadIncident(Store& store, const std::string& id) {
  auto events = store.IncidentEvents(id);
  if (!events) return Err(events.error());
  if (events->empty()) return Err(Status::NotFound("no incident " + id));
  auto corrections = store.Corrections(id);
  if (!corrections) return Err(corrections.error());
  auto merges = store.MergeLog(id);
  if (!merges) return Err(merges.error());
  return merge::BuildIncident(id, std::move(*events), std::move(*corrections), std::move(*merges));
}

Result<std::vector<merge::Incident>> QueryIncidents(Store& store, const StoreQuery& q) {
  HW_RETURN_IF_ERROR(CheckQuery(q));
  auto ids = store.CandidateIncidents(q);
  if (!ids) return Err(ids.error());
  std::vector<merge::Incident> out;
  for (const auto& id : *ids) {
    auto inc = LoadIncident(store, id);
    if (!inc) {
      if (inc.error().code() == StatusCode::kNotFound) continue;
      return Err(inc.error());
    }
    if (!Passes(*inc, q)) continue;
    out.push_back(std::move(*inc));
    if (q.limit && out.size() >= q.limit) break;
  }
  return out;
}

bool IsIsoDay(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

Status ParseBbox(const std::string& text, StoreQuery& q) {
  std::vector<double> v;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string part =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    try {
      size_t used = 0;
      double d = std::stod(part, &used);
      if (used != part.size()) throw std::invalid_argument(part);
      v.push_back(d);
    } catch (...) {
      return Status::InvalidArgument("--bbox: expected W,S,E,N in degrees, got '" + text + "'");
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (v.size() != 4) {
    return Status::InvalidArgument("--bbox: expected 4 numbers W,S,E,N, got '" + text + "'");
  }
  q.west = v[0];
  q.south = v[1];
  q.east = v[2];
  q.north = v[3];
  return Status::Ok();
}

Status CheckQuery(const StoreQuery& q) {
  if (!q.from.empty() && !IsIsoDay(q.from)) {
    return Status::InvalidArgument("--from: expected YYYY-MM-DD, got '" + q.from + "'");
  }
  if (!q.to.empty() && !IsIsoDay(q.to)) {
    return Status::InvalidArgument("--to: expected YYYY-MM-DD, got '" + q.to + "'");
  }
  if (!q.from.empty() && !q.to.empty() && q.from > q.to) {
    return Status::InvalidArgument("--from " + q.from + " is after --to " + q.to);
  }
  if (q.west || q.south || q.east || q.north) {
    if (!(q.west && q.south && q.east && q.north)) {
      return Status::InvalidArgument("--bbox: all of W,S,E,N are needed");
    }
    if (*q.west < -180 || *q.east > 180 || *q.south < -90 || *q.north > 90) {
      return Status::InvalidArgument(
          "--bbox: longitudes must be in -180..180, latitudes in -90..90");
    }
    if (*q.west > *q.east || *q.south > *q.north) {
      return Status::InvalidArgument("--bbox: expected W <= E and S <= N (W,S,E,N)");
    }
  }
  if (!q.type.empty() && !KnownTypes().count(q.type)) {
    std::string list;
    for (const auto& t : KnownTypes()) list += (list.empty() ? "" : "; ") + t;
    return Status::InvalidArgument("--type: unknown type '" + q.type + "' (one of: " + list + ")");
  }
  if (q.min_killed && *q.min_killed < 0) {
    return Status::InvalidArgument("--min-killed: must be 0 or more");
  }
  return Status::Ok();
}

Result<int64_t> CorrectIncident(Store& store, const std::string& incident_id,
                                const std::string& field, const std::string& value,
                                const std::string& by, const std::string& reason,
                                const std::string& now) {
  HW_RETURN_IF_ERROR(merge::CheckCorrection(field, value));
  if (by.empty()) return Err(Status::InvalidArgument("a correction needs who made it (--by)"));
  if (reason.empty()) return Err(Status::InvalidArgument("a correction needs a reason (--reason)"));
  Correction c;
  c.incident_id = incident_id;
  c.field = field;
  c.value = value;
  c.by = by;
  c.reason = reason;
  c.at = now;
  return store.AddCorrection(c);
}

}  // namespace harmwatch::incidents
