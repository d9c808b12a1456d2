// `harmwatch serve`: the JSON API of docs/http-api.md and the analysts' page (embedded
// in the binary) over one incident database.
//
// Security: every route but the page's files and POST /api/session needs a session
// cookie (HttpOnly, SameSite=Strict) unless `public_read` lets anyone read; writes need
// the session's CSRF token in X-CSRF-Token and the role the route names (viewer reads,
// analyst reviews and ingests, admin manages users and exports). Bodies over
// `max_body_bytes` get 413, clients over the rate limit 429; every response carries a
// strict Content-Security-Policy. Who did what goes to the audit table.
//
// Thread-safety: Run() serves requests on a pool of threads; Stop() may be called
// from any thread.
#pragma once

#include <memory>
#include <string>

#include "harmwatch/base/status.h"

namespace harmwatch {
class Engine;
}

namespace harmwatch::server {

struct ServerOptions {
  std::string db;  // an existing or new incident database
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  bool public_read = false;
  // Largest request body: reports are rarely over a megabyte; 8 MB leaves room.
  size_t max_body_bytes = size_t{8} << 20;
  // The most incidents a list or timeline request may match (kMaxMatching, api_views.h).
  size_t max_matching = 100000;  // = kMaxMatching
  // Requests per second per client address, and the burst allowed above it.
  double rate_per_second = 200, rate_burst = 400;
  // Log-in attempts per second per address, and the burst: a user who mistypes a few
  // times is never slowed; a password guesser gets 86,400 tries a day at most.
  double logins_per_second = 1, login_burst = 10;
};

class Server {
 public:
  // Opens the database (migrating it) and builds the routes. `engine` extracts posted
  // reports; nullptr makes POST /api/documents answer 503. It must outlive the Server.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options, const Engine* engine);
  ~Server();

  // Binds the address; returns the port (the chosen one when options.port is 0).
  Result<int> Bind();
  // Serves until Stop(). Call after Bind().
  Status Run();
  void Stop();

  struct Impl;  // server_impl.h: shared by the route files, opaque to everyone else

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace harmwatch::server
