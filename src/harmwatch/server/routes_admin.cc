// Session routes (log in, who am I, log out) and the admin's: users and the audit log.
#include <charconv>

#include "harmwatch/incidents/incidents.h"
#include "harmwatch/server/server_impl.h"

namespace harmwatch::server {
namespace {

// Set-Cookie for the session: HttpOnly (no script reads it), SameSite=Strict (no
// other site's page sends it), whole site.
std::string SessionCookie(const std::string& token, bool clear) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (clear ? "; Max-Age=0" : "");
}

}  // namespace

void Server::Impl::AddSessionRoutes() {
  http.Post("/api/session", [this](const httplib::Request& req, httplib::Response& res) {
    if (!login_limiter.Allow(req.remote_addr)) {
      res.set_header("Retry-After", "1");
      return SendError(res, 429, "too many log-in attempts; wait a second");
    }
    auto body = ReadJsonObject(req, res);
    if (!body) return;
    auto name = StringField(*body, "name", res);
    if (!name) return;
    auto password = StringField(*body, "password", res);
    if (!password) return;
    auto user = accounts->CheckPassword(*name, *password);
    if (!user) return SendStatus(res, user.error());
    if (!*user) {
      Audit({*name, Role::kViewer}, "login-failed", "", "from " + req.remote_addr);
      return SendError(res, 401, "wrong name or password");
    }
    std::string token = sessions.Create(**user);
    auto session = sessions.Find(token);
    Audit({(*user)->name, (*user)->role}, "login", "", "from " + req.remote_addr);
    res.set_header("Set-Cookie", SessionCookie(token, false));
    SendJson(res,
             {{"user", (*user)->name}, {"role", RoleName((*user)->role)}, {"csrf", session->csrf}});
  });

  http.Get("/api/session", [this](const httplib::Request& req, httplib::Response& res) {
    auto s = sessions.Find(CookieValue(req, kSessionCookie));
    // Not logged in is a normal answer here (the page asks before showing the login).
    if (!s) return SendJson(res, {{"user", nullptr}, {"public_read", options.public_read}});
    SendJson(res, {{"user", s->user},
                   {"role", RoleName(s->role)},
                   {"csrf", s->csrf},
                   {"public_read", options.public_read}});
  });

  http.Delete("/api/session", [this](const httplib::Request& req, httplib::Response& res) {
    auto who = Authorize(req, res, Role::kViewer, true);
    if (!who) return;
    sessions.Remove(CookieValue(req, kSessionCookie));
    Audit(*who, "logout", "", "");
    res.set_header("Set-Cookie", SessionCookie("", true));
    SendJson(res, {{"ok", true}});
  });
}

void Server::Impl::AddAdminRoutes() {
  http.Get("/api/users", [this](const httplib::Request& req, httplib::Response& res) {
    if (!Authorize(req, res, Role::kAdmin, false)) return;
    auto users = accounts->Users();
    if (!users) return SendStatus(res, users.error());
    Json out = Json::array();
    for (const User& u : *users) {
      out.push_back({{"name", u.name}, {"role", RoleName(u.role)}, {"created_at", u.created_at}});
    }
    SendJson(res, {{"users", out}});
  });

  http.Post("/api/users", [this](const httplib::Request& req, httplib::Response& res) {
    auto who = Authorize(req, res, Role::kAdmin, true);
    if (!who) return;
    auto body = ReadJsonObject(req, res);
    if (!body) return;
    auto name = StringField(*body, "name", res);
    if (!name) return;
    auto role_name = StringField(*body, "role", res);
    if (!role_name) return;
    auto password = StringField(*body, "password", res);
    if (!password) return;
    auto role = ParseRole(*role_name);
    if (!role) return SendError(res, 400, "role: expected viewer, analyst or admin");
    Status st = accounts->AddUser(*name, *role, *password, incidents::NowUtc());
    if (!st.ok()) return SendStatus(res, st);
    Audit(*who, "add-user", *name, *role_name);
    SendJson(res, {{"name", *name}, {"role", *role_name}}, 201);
  });

  http.Get("/api/audit", [this](const httplib::Request& req, httplib::Response& res) {
    if (!Authorize(req, res, Role::kAdmin, false)) return;
    int limit = 200;
    std::string l = req.get_param_value("limit");
    if (!l.empty()) {
      auto [p, ec] = std::from_chars(l.data(), l.data() + l.size(), limit);
      if (ec != std::errc() || p != l.data() + l.size() || limit < 1 || limit > 10000) {
        return SendError(res, 400, "limit: expected 1 to 10000");
      }
    }
    auto log = accounts->AuditLog(req.get_param_value("target"), limit);
    if (!log) return SendStatus(res, log.error());
    Json out = Json::array();
    for (const AuditEntry& e : *log) {
      out.push_back({{"id", e.id},
                     {"at", e.at},
                     {"user", e.user},
                     {"action", e.action},
                     {"target", e.target},
                     {"detail", e.detail}});
    }
    SendJson(res, {{"entries", out}});
  });
}

}  // namespace harmwatch::server
