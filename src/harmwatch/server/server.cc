// Server set-up and what every request goes through: rate limit, body limit, security
// headers, session / role / CSRF checks, JSON errors. Routes live in routes_*.cc.
#include "harmwatch/server/server.h"

#include <chrono>
#include <thread>

#include "harmwatch/incidents/incidents.h"
#include "harmwatch/server/server_impl.h"
#include "harmwatch/server/web_assets.h"

namespace harmwatch::server {
namespace {

// Leaflet positions tiles and markers through element.style (CSSOM, allowed by
// style-src 'self'); tiles from a user-set tile server are the only outside images.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// Slow clients must not hold a thread for long.
constexpr int kReadTimeoutSeconds = 10;

}  // namespace

Result<StorePool::Lease> StorePool::Borrow() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_.empty()) {
      auto s = std::move(free_.back());
      free_.pop_back();
      return Lease(this, std::move(s));
    }
  }
  auto s = OpenSqliteStore(path_);
  if (!s) return Err(s.error());
  return Lease(this, std::move(*s));
}

void StorePool::Return(std::unique_ptr<Store> store) {
  std::lock_guard<std::mutex> lock(mu_);
  free_.push_back(std::move(store));
}

void SendJson(httplib::Response& res, const Json& body, int status) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, Json{{"error", {{"status", status}, {"message", message}}}}, status);
}

int HttpStatus(const Status& st) {
  switch (st.code()) {
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kUnsupported:
      return 415;
    default:
      return 500;
  }
}

void SendStatus(httplib::Response& res, const Status& st) {
  SendError(res, HttpStatus(st), st.message());
}

std::optional<Json> ReadJsonObject(const httplib::Request& req, httplib::Response& res) {
  std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    SendError(res, 415, "expected Content-Type: application/json");
    return std::nullopt;
  }
  Json body = Json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    SendError(res, 400, "malformed JSON body");
    return std::nullopt;
  }
  if (!body.is_object()) {
    SendError(res, 400, "expected a JSON object");
    return std::nullopt;
  }
  return body;
}

std::optional<std::string> StringField(const Json& body, const char* name, httplib::Response& res) {
  if (!body.contains(name) || body[name].is_null()) return std::string();
  if (!body[name].is_string()) {
    SendError(res, 400, std::string("'") + name + "' must be a string");
    return std::nullopt;
  }
  return body[name].get<std::string>();
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 &&
        part[name.size()] == '=') {
      return part.substr(name.size() + 1);
    }
    pos = end + 1;
  }
  return "";
}

std::optional<Caller> Server::Impl::Authorize(const httplib::Request& req, httplib::Response& res,
                                              Role need, bool write) {
  std::optional<Session> s = sessions.Find(CookieValue(req, kSessionCookie));
  if (!s) {
    if (!write && need == Role::kViewer && options.public_read) return Caller{};
    SendError(res, 401, "log in first (POST /api/session)");
    return std::nullopt;
  }
  if (write && !SecretsEqual(req.get_header_value(kCsrfHeader), s->csrf)) {
    Audit({s->user, s->role}, "refused", req.path, "missing or wrong CSRF token");
    SendError(res, 403, "missing or wrong CSRF token (send X-CSRF-Token from GET /api/session)");
    return std::nullopt;
  }
  if (static_cast<int>(s->role) < static_cast<int>(need)) {
    Audit({s->user, s->role}, "refused", req.path,
          std::string("needs role ") + RoleName(need) + ", has " + RoleName(s->role));
    SendError(res, 403,
              std::string("this needs the ") + RoleName(need) + " role; " + s->user + " is " +
                  RoleName(s->role));
    return std::nullopt;
  }
  return Caller{s->user, s->role};
}

void Server::Impl::Audit(const Caller& who, const std::string& action, const std::string& target,
                         const std::string& detail) {
  // The log must not make a request fail after its change is committed; a failed
  // log write is rare (disk full) and shows in the next one.
  (void)accounts->Log(incidents::NowUtc(), who.user.empty() ? "-" : who.user, action, target,
                      detail);
}

void Server::Impl::AddStaticRoutes() {
  // The files come from a table compiled into the binary: no file system path is ever
  // built from the request, so there is nothing to traverse.
  http.Get(R"(/(?!api/).*)", [](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.path == "/" ? "/index.html" : req.path;
    if (path.find("..") != std::string::npos) {
      SendError(res, 400, "bad path");
      return;
    }
    std::optional<WebAsset> asset = FindWebAsset(path);
    if (!asset) {
      SendError(res, 404, "no such file: " + path);
      return;
    }
    res.set_header("Cache-Control", path == "/index.html" ? "no-cache" : "max-age=300");
    res.set_content(std::string(asset->body), std::string(asset->content_type).c_str());
  });
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options, const Engine* engine) {
  {
    auto store = OpenSqliteStore(options.db);  // creates and migrates
    if (!store) return Err(store.error());
  }
  auto impl = std::make_unique<Impl>(options, engine);
  auto accounts = Accounts::Open(options.db);
  if (!accounts) return Err(accounts.error());
  impl->accounts = std::move(*accounts);
  Impl* s = impl.get();
  httplib::Server& http = s->http;

  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(kReadTimeoutSeconds, 0);
  // Without it Nagle's algorithm meets the client's delayed ACK: 40 ms per keep-alive
  // response (the serve bench measured p50 43 ms for sub-millisecond queries).
  http.set_tcp_nodelay(true);
  http.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                            {"X-Content-Type-Options", "nosniff"},
                            {"X-Frame-Options", "DENY"},
                            {"Referrer-Policy", "no-referrer"},
                            {"Cross-Origin-Opener-Policy", "same-origin"}});
  http.set_pre_routing_handler([s](const httplib::Request& req, httplib::Response& res) {
    if (!s->limiter.Allow(req.remote_addr)) {
      res.set_header("Retry-After", "1");
      SendError(res, 429, "too many requests; slow down");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Errors httplib raises itself (413, 404 of unknown routes, 400 of bad requests)
  // get a JSON body like ours.
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string msg = res.status == 413   ? "request body too large"
                      : res.status == 404 ? "no such route"
                      : res.status == 405 ? "method not allowed"
                                          : "bad request";
    SendError(res, res.status, msg);
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                std::exception_ptr) { SendError(res, 500, "internal error"); });

  s->AddSessionRoutes();
  s->AddReadRoutes();
  s->AddWriteRoutes();
  s->AddAdminRoutes();
  s->AddStaticRoutes();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::Bind() {
  int port = impl_->options.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(impl_->options.bind);
    if (port < 0) return Err(Status::IoError("cannot bind " + impl_->options.bind));
  } else if (!impl_->http.bind_to_port(impl_->options.bind, port)) {
    return Err(Status::IoError("cannot bind " + impl_->options.bind + ":" + std::to_string(port) +
                               " (in use?)"));
  }
  return port;
}

Status Server::Run() {
  impl_->run_entered = true;
  bool ok = impl_->stopping || impl_->http.listen_after_bind();
  impl_->run_exited = true;
  return ok ? Status::Ok() : Status::IoError("the server stopped with an error");
}

void Server::Stop() {
  impl_->stopping = true;
  while (impl_->run_entered && !impl_->run_exited) {
    if (impl_->http.is_running()) {
      impl_->http.stop();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace harmwatch::server
