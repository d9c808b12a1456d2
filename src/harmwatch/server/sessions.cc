#include "harmwatch/server/sessions.h"

#include <sodium.h>

#include <vector>

namespace harmwatch::server {
namespace {
constexpr size_t kTokenBytes = 32;
// Forget idle clients' buckets past this many, so the map cannot grow without bound.
constexpr size_t kMaxBuckets = 10000;
constexpr size_t kSweepAt = 10000;
}  // namespace

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

bool SecretsEqual(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string SessionTable::Create(const User& user) {
  std::string token = RandomHex(kTokenBytes);
  auto now = std::chrono::steady_clock::now();
  Session s{user.name, user.role, RandomHex(kTokenBytes), now};
  std::lock_guard<std::mutex> lock(mu_);
  // Sessions nobody comes back to are dropped on use; sweep them when many pile up.
  if (sessions_.size() >= kSweepAt) {
    std::erase_if(sessions_,
                  [&](const auto& kv) { return now - kv.second.last_used > kSessionIdle; });
  }
  sessions_[token] = s;
  return token;
}

std::optional<Session> SessionTable::Find(const std::string& token) {
  if (token.empty()) return std::nullopt;
  auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  if (now - it->second.last_used > kSessionIdle) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_used = now;
  return it->second;
}

void SessionTable::Remove(const std::string& token) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(token);
}

bool RateLimiter::Allow(const std::string& client) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  if (buckets_.size() > kMaxBuckets) buckets_.clear();
  auto [it, fresh] = buckets_.try_emplace(client, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) {
    double elapsed = std::chrono::duration<double>(now - b.at).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.at = now;
  }
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

}  // namespace harmwatch::server
