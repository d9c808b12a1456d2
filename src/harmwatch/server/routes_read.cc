// Read routes (viewer role, or anyone with --public-read): incidents, one incident,
// the timeline, documents, and exports (admin).
#include <sstream>

#include "harmwatch/incidents/export.h"
#include "harmwatch/incidents/incidents.h"
#include "harmwatch/server/api_views.h"
#include "harmwatch/server/server_impl.h"

namespace harmwatch::server {
namespace {

// The incidents passing the request's filters, sorted; fills `res` on error. With
// `capped`, more than options.max_matching candidates is a 400 asking for narrower
// filters.
std::optional<std::vector<merge::Incident>> Matching(Server::Impl& s, const ListRequest& req,
                                                     httplib::Response& res, bool capped) {
  auto store = s.stores.Borrow();
  if (!store) {
    SendStatus(res, store.error());
    return std::nullopt;
  }
  if (capped) {
    auto candidates = (*store)->CandidateIncidents(req.query);
    if (!candidates) {
      SendStatus(res, candidates.error());
      return std::nullopt;
    }
    if (candidates->size() > s.options.max_matching) {
      SendError(res, 400,
                "up to " + std::to_string(candidates->size()) +
                    " incidents may match; narrow the dates or the box (at most " +
                    std::to_string(s.options.max_matching) + ")");
      return std::nullopt;
    }
  }
  auto found = incidents::QueryIncidents(**store, req.query);
  if (!found) {
    SendStatus(res, found.error());
    return std::nullopt;
  }
  SortIncidents(*found, req);
  return std::move(*found);
}

}  // namespace

void Server::Impl::AddReadRoutes() {
  http.Get("/api/incidents", [this](const httplib::Request& req, httplib::Response& res) {
    if (!Authorize(req, res, Role::kViewer, false)) return;
    auto lr = ParseListRequest(req.params);
    if (!lr) return SendStatus(res, lr.error());
    auto found = Matching(*this, *lr, res, true);
    if (!found) return;
    auto reviews = accounts->LatestReviews();
    if (!reviews) return SendStatus(res, reviews.error());
    Json out;
    out["total"] = found->size();
    out["offset"] = lr->offset;
    out["limit"] = lr->limit;
    Json items = Json::array();
    for (size_t i = lr->offset; i < found->size() && i < lr->offset + lr->limit; ++i) {
      const merge::Incident& inc = (*found)[i];
      auto it = reviews->find(inc.id);
      items.push_back(IncidentSummary(inc, it == reviews->end() ? "" : it->second));
    }
    out["incidents"] = std::move(items);
    SendJson(res, out);
  });

  http.Get("/api/timeline", [this](const httplib::Request& req, httplib::Response& res) {
    if (!Authorize(req, res, Role::kViewer, false)) return;
    auto lr = ParseListRequest(req.params);
    if (!lr) return SendStatus(res, lr.error());
    auto found = Matching(*this, *lr, res, true);
    if (!found) return;
    SendJson(res, TimelineCounts(*found));
  });

  http.Get(R"(/api/incidents/([^/]+))",
           [this](const httplib::Request& req, httplib::Response& res) {
             if (!Authorize(req, res, Role::kViewer, false)) return;
             auto store = stores.Borrow();
             if (!store) return SendStatus(res, store.error());
             auto detail = IncidentDetail(**store, *accounts, req.matches[1]);
             if (!detail) return SendStatus(res, detail.error());
             SendJson(res, *detail);
           });

  // The stored reports, newest first, a page at a time.
  http.Get("/api/documents", [this](const httplib::Request& req, httplib::Response& res) {
    if (!Authorize(req, res, Role::kViewer, false)) return;
    for (const auto& [name, value] : req.params)
      if (name != "offset" && name != "limit")
        return SendError(res, 400,
                         "unknown parameter '" + name + "' (documents take offset and limit)");
    auto lr = ParseListRequest(req.params);
    if (!lr) return SendStatus(res, lr.error());
    auto store = stores.Borrow();
    if (!store) return SendStatus(res, store.error());
    auto ids = (*store)->DocumentIds();
    if (!ids) return SendStatus(res, ids.error());
    Json items = Json::array();
    for (size_t i = lr->offset; i < ids->size() && i < lr->offset + lr->limit; ++i) {
      const std::string& id = (*ids)[ids->size() - 1 - i];
      auto doc = (*store)->GetDocument(id);
      if (!doc) return SendStatus(res, doc.error());
      if (!*doc) continue;
      const StoredDocument& d = **doc;
      items.push_back({{"id", d.id},
                       {"title", d.title},
                       {"source", d.source},
                       {"url", d.url},
                       {"published", d.published},
                       {"language", d.language},
                       {"ingested_at", d.ingested_at},
                       {"copy_of", d.copy_of},
                       {"near_duplicate_of", d.near_duplicate_of}});
    }
    SendJson(res, Json{{"total", ids->size()},
                       {"offset", lr->offset},
                       {"limit", lr->limit},
                       {"documents", std::move(items)}});
  });

  http.Get(R"(/api/documents/([^/]+))",
           [this](const httplib::Request& req, httplib::Response& res) {
             if (!Authorize(req, res, Role::kViewer, false)) return;
             auto store = stores.Borrow();
             if (!store) return SendStatus(res, store.error());
             auto doc = (*store)->GetDocument(req.matches[1]);
             if (!doc) return SendStatus(res, doc.error());
             if (!*doc)
               return SendError(res, 404, "no document '" + std::string(req.matches[1]) + "'");
             const StoredDocument& d = **doc;
             Json j = {{"id", d.id},
                       {"source", d.source},
                       {"url", d.url},
                       {"title", d.title},
                       {"published", d.published},
                       {"language", d.language},
                       {"sha256", d.sha256},
                       {"ingested_at", d.ingested_at},
                       {"copy_of", d.copy_of},
                       {"near_duplicate_of", d.near_duplicate_of},
                       {"text", d.original}};
             Json record = Json::parse(d.record_json, nullptr, false);
             j["record"] = record.is_discarded() ? Json(nullptr) : record;
             SendJson(res, j);
           });

  http.Get("/api/export", [this](const httplib::Request& req, httplib::Response& res) {
    auto who = Authorize(req, res, Role::kAdmin, false);
    if (!who) return;
    std::string format = req.get_param_value("format");
    if (format != "jsonl" && format != "acled-csv" && format != "geojson") {
      return SendError(res, 400,
                       "format: expected jsonl, acled-csv or geojson, got '" + format + "'");
    }
    auto lr = ParseListRequest(req.params, {"format"});
    if (!lr) return SendStatus(res, lr.error());
    lr->sort = "id";
    lr->descending = false;
    // Uncapped: exporting everything is what an admin may want (memory grows with it).
    auto found = Matching(*this, *lr, res, false);
    if (!found) return;
    std::ostringstream out;
    Status st;
    const char* type = "application/x-ndjson";
    if (format == "jsonl") {
      st = incidents::WriteJsonl(*found, out);
    } else if (format == "acled-csv") {
      auto store = stores.Borrow();
      if (!store) return SendStatus(res, store.error());
      st = incidents::WriteAcledCsv(**store, *found, out);
      type = "text/csv; charset=utf-8";
    } else {
      st = incidents::WriteGeoJson(*found, out);
      type = "application/geo+json";
    }
    if (!st.ok()) return SendStatus(res, st);
    std::string ext = format == "acled-csv" ? "csv" : format;
    res.set_header("Content-Disposition", "attachment; filename=\"harmwatch." + ext + "\"");
    res.set_content(out.str(), type);
    Audit(*who, "export", "", format + ", " + std::to_string(found->size()) + " incidents");
  });
}

}  // namespace harmwatch::server
