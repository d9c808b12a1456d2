// Logged-in sessions, kept in memory (a restart logs everyone out), and a per-client
// request rate limit. Both are safe to share between request threads.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "harmwatch/server/accounts.h"

namespace harmwatch::server {

// A session ends this long after it was last used.
inline constexpr std::chrono::hours kSessionIdle{12};

struct Session {
  std::string user;
  Role role = Role::kViewer;
  std::string csrf;  // sent back in X-CSRF-Token on every write
  std::chrono::steady_clock::time_point last_used;
};

class SessionTable {
 public:
  // A new session; returns its token (256 random bits, hex) for the cookie.
  std::string Create(const User& user);
  // The live session of `token` (touching it), or nullopt.
  std::optional<Session> Find(const std::string& token);
  void Remove(const std::string& token);

 private:
  std::mutex mu_;
  std::map<std::string, Session> sessions_;
};

// Hex of `bytes` random bytes (libsodium).
std::string RandomHex(size_t bytes);
// Compares two secrets in time independent of where they differ.
bool SecretsEqual(const std::string& a, const std::string& b);

// A token bucket per client address: `per_second` requests on average, bursts of
// `burst`. Allow() says whether one more request from `client` may run now.
class RateLimiter {
 public:
  RateLimiter(double per_second, double burst) : rate_(per_second), burst_(burst) {}
  bool Allow(const std::string& client);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  std::mutex mu_;
  double rate_, burst_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace harmwatch::server
