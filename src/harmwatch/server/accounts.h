// Accounts, review verdicts and the audit log of the web server, kept in the incident
// database (tables of migration 4, docs/store.md). Passwords are stored as libsodium
// argon2id strings (crypto_pwhash_str), never in clear.
//
// Thread-safety: one Accounts may be shared by every request thread; calls serialize
// on an internal mutex except password hashing and checking, which run outside it.
// Errors: Status values naming the database file or the bad input.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "harmwatch/base/status.h"

struct sqlite3;

namespace harmwatch::server {

// What a user may do; each role can do everything of the ones before it.
enum class Role { kViewer = 0, kAnalyst = 1, kAdmin = 2 };
const char* RoleName(Role role);
std::optional<Role> ParseRole(const std::string& name);

struct User {
  std::string name;
  Role role = Role::kViewer;
  std::string created_at;
};

struct Review {
  std::string incident_id, status, by, reason, at;  // status: confirmed | rejected
};

struct AuditEntry {
  int64_t id = 0;
  std::string at, user, action, target, detail;
};

// Shortest password `user add` accepts: a guessable password defeats argon2.
inline constexpr size_t kMinPasswordLength = 8;

class Accounts {
 public:
  // Opens the tables in the database at `path`, which OpenSqliteStore has migrated.
  static Result<std::unique_ptr<Accounts>> Open(const std::string& path);
  ~Accounts();

  // Creates a user (InvalidArgument: bad name, short password, name taken).
  Status AddUser(const std::string& name, Role role, const std::string& password,
                 const std::string& now);
  // The user when the name and password match; nullopt otherwise (no hint which).
  Result<std::optional<User>> CheckPassword(const std::string& name, const std::string& password);
  Result<std::vector<User>> Users();

  Status AddReview(const Review& review);
  // Latest verdict per incident id (empty when none).
  Result<std::string> ReviewStatus(const std::string& incident_id);
  Result<std::vector<Review>> Reviews(const std::string& incident_id);
  // Latest verdict of every reviewed incident, by id (for lists: one read, not one each).
  Result<std::map<std::string, std::string>> LatestReviews();

  Status Log(const std::string& at, const std::string& user, const std::string& action,
             const std::string& target, const std::string& detail);
  // Entries about `target` ("" for all), newest first, at most `limit`.
  Result<std::vector<AuditEntry>> AuditLog(const std::string& target, int limit);

 private:
  Accounts(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Error(const std::string& what) const;
  std::mutex mu_;
  sqlite3* db_;
  std::string path_;
};

}  // namespace harmwatch::server
