// Write routes (analyst role, CSRF token): ingest a report, correct a field, confirm or
// reject an incident, merge another incident into it, split a source out of it. Each is logged in
// the audit table.
#include "harmwatch/incidents/incidents.h"
#include "harmwatch/ingest/readers.h"
#include "harmwatch/pipeline/engine.h"
#include "harmwatch/server/server_impl.h"

namespace harmwatch::server {
namespace {

// A correction's value as `harmwatch correct` takes it: JSON strings as they are,
// numbers and booleans in their JSON spelling, null as "null".
std::optional<std::string> ValueText(const Json& body, httplib::Response& res) {
  if (!body.contains("value")) {
    SendError(res, 400, "'value' is missing (null clears the field)");
    return std::nullopt;
  }
  const Json& v = body["value"];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number() || v.is_boolean() || v.is_null()) return v.dump();
  SendError(res, 400, "'value' must be a string, number, boolean or null");
  return std::nullopt;
}

// The document a request body holds, by Content-Type: text/plain, text/html, or
// application/json (one record as in JSON Lines: text or html, id, title, ...).
Result<InputDocument> DocumentFromRequest(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  InputDocument doc;
  if (type.rfind("application/json", 0) == 0) {
    auto d = DocumentFromJsonRecord(req.body);
    if (!d) return Err(d.error());
    doc = std::move(*d);
  } else if (type.rfind("text/plain", 0) == 0 || type.rfind("text/html", 0) == 0) {
    auto text = DecodeToUtf8(req.body);
    if (!text) return Err(text.error());
    doc = type.rfind("text/html", 0) == 0 ? DocumentFromHtml(std::move(*text))
                                          : DocumentFromText(std::move(*text));
  } else {
    return Err(
        Status::Unsupported("expected Content-Type text/plain, text/html or application/json"));
  }
  // Query parameters fill what the body does not say.
  auto fill = [&](std::string& field, const char* name) {
    if (field.empty() && req.has_param(name)) field = req.get_param_value(name);
  };
  fill(doc.id, "id");
  fill(doc.title, "title");
  fill(doc.source, "source");
  fill(doc.url, "url");
  fill(doc.published, "published");
  if (!doc.published.empty() && !incidents::IsIsoDay(doc.published) &&
      !(doc.published.size() == 7 && incidents::IsIsoDay(doc.published + "-01"))) {
    return Err(
        Status::InvalidArgument("published: expected YYYY-MM-DD, got '" + doc.published + "'"));
  }
  if (doc.id.empty()) doc.id = "upload-" + incidents::Sha256Hex(doc.original).substr(0, 16);
  doc.origin = "POST /api/documents (" + doc.id + ")";
  return doc;
}

}  // namespace

void Server::Impl::AddWriteRoutes() {
  http.Post("/api/documents", [this](const httplib::Request& req, httplib::Response& res) {
    auto who = Authorize(req, res, Role::kAnalyst, true);
    if (!who) return;
    if (!engine) return SendError(res, 503, "this server was started without an extraction engine");
    auto doc = DocumentFromRequest(req);
    if (!doc) return SendStatus(res, doc.error());
    DocumentRecord record = engine->Extract(*doc);
    auto store = stores.Borrow();
    if (!store) return SendStatus(res, store.error());
    auto put = incidents::IngestRecord(**store, record, incidents::NowUtc());
    if (!put) return SendStatus(res, put.error());
    Json out = {{"id", doc->id},
                {"outcome", PutOutcomeName(put->outcome)},
                {"linked_to", put->linked_to},
                {"incident_ids", put->incident_ids}};
    Audit(*who, "ingest", doc->id,
          std::string(PutOutcomeName(put->outcome)) + ", " +
              std::to_string(put->incident_ids.size()) + " events");
    SendJson(res, out,
             put->outcome == PutOutcome::kConflict ? 409
             : put->outcome == PutOutcome::kNew    ? 201
                                                   : 200);
  });

  http.Post(R"(/api/incidents/([^/]+)/corrections)",
            [this](const httplib::Request& req, httplib::Response& res) {
              auto who = Authorize(req, res, Role::kAnalyst, true);
              if (!who) return;
              auto body = ReadJsonObject(req, res);
              if (!body) return;
              auto field = StringField(*body, "field", res);
              if (!field) return;
              auto reason = StringField(*body, "reason", res);
              if (!reason) return;
              auto value = ValueText(*body, res);
              if (!value) return;
              const std::string id = req.matches[1];
              auto store = stores.Borrow();
              if (!store) return SendStatus(res, store.error());
              auto cid = incidents::CorrectIncident(**store, id, *field, *value, who->user, *reason,
                                                    incidents::NowUtc());
              if (!cid) return SendStatus(res, cid.error());
              Audit(*who, "correct", id, *field + " = " + *value + " (" + *reason + ")");
              SendJson(res, {{"correction_id", *cid}, {"incident_id", id}}, 201);
            });

  http.Post(R"(/api/incidents/([^/]+)/review)", [this](const httplib::Request& req,
                                                       httplib::Response& res) {
    auto who = Authorize(req, res, Role::kAnalyst, true);
    if (!who) return;
    auto body = ReadJsonObject(req, res);
    if (!body) return;
    auto status = StringField(*body, "status", res);
    if (!status) return;
    auto reason = StringField(*body, "reason", res);
    if (!reason) return;
    if (*status != "confirmed" && *status != "rejected") {
      return SendError(res, 400, "status: expected confirmed or rejected, got '" + *status + "'");
    }
    if (reason->empty()) return SendError(res, 400, "a review needs a reason");
    const std::string id = req.matches[1];
    auto store = stores.Borrow();
    if (!store) return SendStatus(res, store.error());
    if (auto inc = incidents::LoadIncident(**store, id); !inc) return SendStatus(res, inc.error());
    Status st = accounts->AddReview({id, *status, who->user, *reason, incidents::NowUtc()});
    if (!st.ok()) return SendStatus(res, st);
    Audit(*who, *status == "confirmed" ? "confirm" : "reject", id, *reason);
    SendJson(res, {{"incident_id", id}, {"review", *status}}, 201);
  });

  http.Post(R"(/api/incidents/([^/]+)/merge)",
            [this](const httplib::Request& req, httplib::Response& res) {
              auto who = Authorize(req, res, Role::kAnalyst, true);
              if (!who) return;
              auto body = ReadJsonObject(req, res);
              if (!body) return;
              auto other = StringField(*body, "other", res);
              if (!other) return;
              auto reason = StringField(*body, "reason", res);
              if (!reason) return;
              if (other->empty())
                return SendError(res, 400, "'other' names the incident to merge in");
              if (reason->empty()) return SendError(res, 400, "a merge needs a reason");
              const std::string id = req.matches[1];
              auto store = stores.Borrow();
              if (!store) return SendStatus(res, store.error());
              Status st = (*store)->MergeIncidents(id, *other, *reason, incidents::NowUtc());
              if (!st.ok()) return SendStatus(res, st);
              Audit(*who, "merge", id, *other + " merged in (" + *reason + ")");
              Audit(*who, "merge", *other, "merged into " + id + " (" + *reason + ")");
              SendJson(res, {{"incident_id", id}, {"merged", *other}}, 201);
            });

  http.Post(R"(/api/incidents/([^/]+)/split)",
            [this](const httplib::Request& req, httplib::Response& res) {
              auto who = Authorize(req, res, Role::kAnalyst, true);
              if (!who) return;
              auto body = ReadJsonObject(req, res);
              if (!body) return;
              auto doc_id = StringField(*body, "doc_id", res);
              if (!doc_id) return;
              auto reason = StringField(*body, "reason", res);
              if (!reason) return;
              if (doc_id->empty())
                return SendError(res, 400, "'doc_id' names the source to split out");
              if (reason->empty()) return SendError(res, 400, "a split needs a reason");
              const std::string id = req.matches[1];
              auto store = stores.Borrow();
              if (!store) return SendStatus(res, store.error());
              auto made = (*store)->Unmerge(id, *doc_id, *reason, incidents::NowUtc());
              if (!made) return SendStatus(res, made.error());
              Audit(*who, "split", id, *doc_id + " -> " + *made + " (" + *reason + ")");
              Audit(*who, "split", *made, "from " + id + ": " + *doc_id + " (" + *reason + ")");
              SendJson(res, {{"incident_id", id}, {"new_incident_id", *made}}, 201);
            });
}

}  // namespace harmwatch::server
