// Internal to server/: the state behind Server and the helpers its route files share.
#pragma once

#include <httplib.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harmwatch/server/accounts.h"
#include "harmwatch/server/server.h"
#include "harmwatch/server/sessions.h"
#include "harmwatch/store/store.h"

namespace harmwatch::server {

using Json = nlohmann::ordered_json;

// Stores for request threads: a Store is one SQLite connection, not to be shared, so
// each request borrows one and gives it back.
class StorePool {
 public:
  explicit StorePool(std::string path) : path_(std::move(path)) {}
  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<Store> store) : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (store_) pool_->Return(std::move(store_));
    }
    Store& operator*() { return *store_; }
    Store* operator->() { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };
  Result<Lease> Borrow();

 private:
  void Return(std::unique_ptr<Store> store);
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> free_;
};

// Who is asking: a logged-in user, or nobody (public reads).
struct Caller {
  std::string user;  // "" when anonymous
  Role role = Role::kViewer;
};

struct Server::Impl {
  ServerOptions options;
  const Engine* engine = nullptr;
  httplib::Server http;
  StorePool stores;
  std::unique_ptr<Accounts> accounts;
  SessionTable sessions;
  RateLimiter limiter;
  // Log-in attempts per client address: guessing passwords is slow on top of argon2.
  RateLimiter login_limiter;
  // Run() and Stop() may race (a test stops a server whose thread has not started
  // listening yet): Stop() before Run() makes Run() return at once.
  std::atomic<bool> stopping{false}, run_entered{false}, run_exited{false};

  Impl(const ServerOptions& o, const Engine* e)
      : options(o),
        engine(e),
        stores(o.db),
        limiter(o.rate_per_second, o.rate_burst),
        login_limiter(o.logins_per_second, o.login_burst) {}

  // Checks the session, role and (for writes) CSRF token; on refusal fills `res`
  // (401/403) and returns nullopt.
  std::optional<Caller> Authorize(const httplib::Request& req, httplib::Response& res, Role need,
                                  bool write);
  void Audit(const Caller& who, const std::string& action, const std::string& target,
             const std::string& detail);

  void AddSessionRoutes();
  void AddReadRoutes();
  void AddWriteRoutes();
  void AddAdminRoutes();
  void AddStaticRoutes();
};

// Response helpers: JSON bodies, and errors as {"error": {"status", "message"}}.
void SendJson(httplib::Response& res, const Json& body, int status = 200);
void SendError(httplib::Response& res, int status, const std::string& message);
// The HTTP status of a library error (InvalidArgument 400, NotFound 404, else 500).
int HttpStatus(const Status& st);
void SendStatus(httplib::Response& res, const Status& st);
// Parses a JSON object body, or sends 400/415 and returns nullopt.
std::optional<Json> ReadJsonObject(const httplib::Request& req, httplib::Response& res);
// A string member of `body` (missing: ""); a non-string value sends 400 and returns nullopt.
std::optional<std::string> StringField(const Json& body, const char* name, httplib::Response& res);
// The value of one cookie in the request, or "".
std::string CookieValue(const httplib::Request& req, const std::string& name);

inline constexpr const char* kSessionCookie = "hw_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

}  // namespace harmwatch::server
