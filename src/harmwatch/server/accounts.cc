#include "harmwatch/server/accounts.h"

#include <sodium.h>
#include <sqlite3.h>

namespace harmwatch::server {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// A prepared statement that finalizes itself; binds text parameters in order.
class Query {
 public:
  Query(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Query() { sqlite3_finalize(stmt_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  Query& Bind(const std::string& v) {
    sqlite3_bind_text(stmt_, ++n_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& Bind(int v) {
    sqlite3_bind_int(stmt_, ++n_, v);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
  int n_ = 0;
};

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kViewer:
      return "viewer";
    case Role::kAnalyst:
      return "analyst";
    case Role::kAdmin:
      return "admin";
  }
  return "viewer";
}

std::optional<Role> ParseRole(const std::string& name) {
  if (name == "viewer") return Role::kViewer;
  if (name == "analyst") return Role::kAnalyst;
  if (name == "admin") return Role::kAdmin;
  return std::nullopt;
}

Result<std::unique_ptr<Accounts>> Accounts::Open(const std::string& path) {
  if (sodium_init() < 0) return Err(Status::Internal("libsodium failed to initialize"));
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Err(Status::IoError(path + ": cannot open: " + msg));
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  std::unique_ptr<Accounts> a(new Accounts(db, path));
  Query check(db, "SELECT count(*) FROM users");
  if (!check.ok()) return Err(Status::Corrupt(path + ": no users table (an older schema?)"));
  return a;
}

Accounts::~Accounts() { sqlite3_close(db_); }

Status Accounts::Error(const std::string& what) const {
  return Status::IoError(path_ + ": " + what + ": " + sqlite3_errmsg(db_));
}

Status Accounts::AddUser(const std::string& name, Role role, const std::string& password,
                         const std::string& now) {
  if (!ValidName(name)) {
    return Status::InvalidArgument("user name '" + name +
                                   "': use 1-64 letters, digits, '.', '_' or '-'");
  }
  if (password.size() < kMinPasswordLength) {
    return Status::InvalidArgument("password too short (at least " +
                                   std::to_string(kMinPasswordLength) + " characters)");
  }
  char hash[crypto_pwhash_STRBYTES];
  // Interactive limits: a login costs ~0.1 s and 64 MB, enough to make guessing dear.
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status::Internal("out of memory hashing the password");
  }
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)");
  q.Bind(name).Bind(std::string(RoleName(role))).Bind(std::string(hash)).Bind(now);
  int rc = q.Step();
  if (rc == SQLITE_CONSTRAINT) return Status::InvalidArgument("user '" + name + "' already exists");
  if (rc != SQLITE_DONE) return Error("cannot add user");
  return Status::Ok();
}

Result<std::optional<User>> Accounts::CheckPassword(const std::string& name,
                                                    const std::string& password) {
  std::string hash;
  User user;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Query q(db_, "SELECT role, password_hash, created_at FROM users WHERE name = ?");
    q.Bind(name);
    int rc = q.Step();
    if (rc == SQLITE_DONE) return std::optional<User>();
    if (rc != SQLITE_ROW) return Err(Error("cannot read users"));
    user.name = name;
    user.role = ParseRole(q.Text(0)).value_or(Role::kViewer);
    hash = q.Text(1);
    user.created_at = q.Text(2);
  }
  if (crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) != 0) {
    return std::optional<User>();
  }
  return std::optional<User>(user);
}

Result<std::vector<User>> Accounts::Users() {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "SELECT name, role, created_at FROM users ORDER BY name");
  std::vector<User> out;
  while (q.Step() == SQLITE_ROW) {
    out.push_back({q.Text(0), ParseRole(q.Text(1)).value_or(Role::kViewer), q.Text(2)});
  }
  return out;
}

Status Accounts::AddReview(const Review& r) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_,
          "INSERT INTO reviews (incident_id, status, by_whom, reason, at) VALUES (?, ?, ?, ?, ?)");
  q.Bind(r.incident_id).Bind(r.status).Bind(r.by).Bind(r.reason).Bind(r.at);
  if (q.Step() != SQLITE_DONE) return Error("cannot record the review");
  return Status::Ok();
}

Result<std::string> Accounts::ReviewStatus(const std::string& incident_id) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "SELECT status FROM reviews WHERE incident_id = ? ORDER BY id DESC LIMIT 1");
  q.Bind(incident_id);
  int rc = q.Step();
  if (rc == SQLITE_ROW) return q.Text(0);
  if (rc != SQLITE_DONE) return Err(Error("cannot read reviews"));
  return std::string();
}

Result<std::vector<Review>> Accounts::Reviews(const std::string& incident_id) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "SELECT status, by_whom, reason, at FROM reviews WHERE incident_id = ? ORDER BY id");
  q.Bind(incident_id);
  std::vector<Review> out;
  while (q.Step() == SQLITE_ROW) {
    out.push_back({incident_id, q.Text(0), q.Text(1), q.Text(2), q.Text(3)});
  }
  return out;
}

Result<std::map<std::string, std::string>> Accounts::LatestReviews() {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "SELECT incident_id, status FROM reviews ORDER BY id");
  std::map<std::string, std::string> out;
  while (q.Step() == SQLITE_ROW) out[q.Text(0)] = q.Text(1);
  return out;
}

Status Accounts::Log(const std::string& at, const std::string& user, const std::string& action,
                     const std::string& target, const std::string& detail) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "INSERT INTO audit (at, user, action, target, detail) VALUES (?, ?, ?, ?, ?)");
  q.Bind(at).Bind(user).Bind(action).Bind(target).Bind(detail);
  if (q.Step() != SQLITE_DONE) return Error("cannot write the audit log");
  return Status::Ok();
}

Result<std::vector<AuditEntry>> Accounts::AuditLog(const std::string& target, int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, target.empty() ? "SELECT id, at, user, action, target, detail FROM audit "
                                "WHERE ?1 = '' ORDER BY id DESC LIMIT ?2"
                              : "SELECT id, at, user, action, target, detail FROM audit "
                                "WHERE target = ?1 ORDER BY id DESC LIMIT ?2");
  q.Bind(target).Bind(limit);
  std::vector<AuditEntry> out;
  while (q.Step() == SQLITE_ROW) {
    out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5)});
  }
  return out;
}

}  // namespace harmwatch::server
