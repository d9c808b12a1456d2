// Pieces of the SQLite backend: cached prepared statements, row reading and small
// helpers. Internal to store/ (sqlite_store.cc); not part of the Store interface.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harmwatch/model/incident.h"

namespace harmwatch::store::sqlite {

// Days since 1970-01-01 of "YYYY-MM-DD" (civil calendar), or nullopt.
inline std::optional<int> Day(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
  }
  int y = std::stoi(iso.substr(0, 4));
  unsigned m = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
  unsigned d = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  using namespace std::chrono;
  return static_cast<int>(
      sys_days(year_month_day{year{y}, month{m}, day{d}}).time_since_epoch().count());
}

// Prepared statements, cached per connection: an ingest runs the same dozen
// statements per document, and parsing them was a third of its time.
class StmtCache {
 public:
  explicit StmtCache(sqlite3* db) : db_(db) {}
  ~StmtCache() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  }
  // The statement for `sql`, reset with no bindings; nullptr (and rc) on error.
  sqlite3_stmt* Get(const std::string& sql, int* rc) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) {
      *rc = SQLITE_OK;
      return it->second;
    }
    sqlite3_stmt* stmt = nullptr;
    *rc = sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (*rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return nullptr;
    }
    cache_.emplace(sql, stmt);
    return stmt;
  }

 private:
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*> cache_;
};

class Stmt {
 public:
  Stmt(StmtCache& cache, const std::string& sql) { stmt_ = cache.Get(sql, &rc_); }
  ~Stmt() {
    if (stmt_) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  Stmt& Bind(int i, const std::string& v) {
    if (stmt_) sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& BindBlob(int i, const void* p, size_t n) {
    if (stmt_) sqlite3_bind_blob(stmt_, i, n ? p : "", static_cast<int>(n), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    if (stmt_) sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& Bind(int i, double v) {
    if (stmt_) sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Stmt& BindNull(int i) {
    if (stmt_) sqlite3_bind_null(stmt_, i);
    return *this;
  }
  template <typename T>
  Stmt& BindOpt(int i, const std::optional<T>& v) {
    if (!v) return BindNull(i);
    if constexpr (std::is_same_v<T, double>)
      return Bind(i, *v);
    else if constexpr (std::is_same_v<T, std::string>)
      return Bind(i, *v);
    else
      return Bind(i, static_cast<int64_t>(*v));
  }
  Stmt& BindOrNull(int i, const std::string& v) { return v.empty() ? BindNull(i) : Bind(i, v); }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return stmt_ ? (rc_ = sqlite3_step(stmt_)) : rc_; }
  std::string Text(int c) const {
    const unsigned char* t = sqlite3_column_text(stmt_, c);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, c)))
             : std::string();
  }
  std::string Blob(int c) const {
    const void* p = sqlite3_column_blob(stmt_, c);
    return p ? std::string(static_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, c)))
             : std::string();
  }
  int64_t Int(int c) const { return sqlite3_column_int64(stmt_, c); }
  double Double(int c) const { return sqlite3_column_double(stmt_, c); }
  bool Null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  int rc() const { return rc_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

inline const char* kEventColumns =
    "id, doc_id, ordinal, incident_id, place, place_key, lat, lon, admin1, admin2, country, "
    "pcode, geonameid, geo_precision, date, date_precision, event_type, sub_event_type, actor1, "
    "actor2, civilian_targeting, killed, injured, source, published, ingested_at, json";

inline EventRow ReadEvent(const Stmt& s) {
  EventRow r;
  r.id = s.Text(0);
  r.doc_id = s.Text(1);
  r.ordinal = static_cast<int>(s.Int(2));
  r.incident_id = s.Text(3);
  r.place = s.Text(4);
  r.place_key = s.Text(5);
  if (!s.Null(6)) r.lat = s.Double(6);
  if (!s.Null(7)) r.lon = s.Double(7);
  r.admin1 = s.Text(8);
  r.admin2 = s.Text(9);
  r.country = s.Text(10);
  r.pcode = s.Text(11);
  if (!s.Null(12)) r.geonameid = s.Int(12);
  r.geo_precision = static_cast<int>(s.Int(13));
  if (!s.Null(14)) r.date = s.Text(14);
  r.date_precision = static_cast<int>(s.Int(15));
  r.event_type = s.Text(16);
  r.sub_event_type = s.Text(17);
  r.actor1 = s.Text(18);
  r.actor2 = s.Text(19);
  r.civilian_targeting = s.Int(20) != 0;
  if (!s.Null(21)) r.killed = static_cast<int>(s.Int(21));
  if (!s.Null(22)) r.injured = static_cast<int>(s.Int(22));
  r.source = s.Text(23);
  r.published = s.Text(24);
  r.ingested_at = s.Text(25);
  r.json = s.Text(26);
  return r;
}

// Merge candidates carry their document's word set too.
inline const char* kCandidateColumns =
    "id, doc_id, ordinal, incident_id, place, place_key, lat, lon, admin1, admin2, country, "
    "pcode, geonameid, geo_precision, date, date_precision, event_type, sub_event_type, actor1, "
    "actor2, civilian_targeting, killed, injured, source, published, ingested_at, json, "
    "(SELECT d.terms FROM documents d WHERE d.id = e.doc_id), "
    "(SELECT d.places FROM documents d WHERE d.id = e.doc_id)";

inline std::string U32Blob(const std::vector<uint32_t>& sig) {
  std::string b(sig.size() * 4, '\0');
  if (!sig.empty()) std::memcpy(b.data(), sig.data(), b.size());
  return b;
}

inline std::vector<uint32_t> U32FromBlob(const std::string& b) {
  std::vector<uint32_t> sig(b.size() / 4);
  if (!sig.empty()) std::memcpy(sig.data(), b.data(), sig.size() * 4);
  return sig;
}

inline double Similarity(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.size() != b.size() || a.empty()) return 0;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

// The numbers of a text, sorted, NUL-separated: "On 9 May 2020, 3 killed" -> 2020 3 9.
inline std::string Numbers(const std::string& text) {
  std::vector<std::string> nums;
  std::string cur;
  for (char c : text + " ") {
    if (c >= '0' && c <= '9') {
      cur.push_back(c);
    } else if (!cur.empty()) {
      nums.push_back(cur);
      cur.clear();
    }
  }
  std::sort(nums.begin(), nums.end());
  std::string out;
  for (const auto& n : nums) out += n + '\0';
  return out;
}

// Whether every number of `small` (with repeats) is in `big`.
inline bool Includes(const std::string& big, const std::string& small) {
  auto split = [](const std::string& s) {
    std::vector<std::string> v;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\0') {
        v.push_back(s.substr(start, i - start));
        start = i + 1;
      }
    }
    return v;
  };
  auto b = split(big), sm = split(small);
  return std::includes(b.begin(), b.end(), sm.begin(), sm.end());
}

// FTS5 query matching every word: each word quoted ("" escapes a quote).
inline std::string FtsQuery(const std::string& words) {
  std::string q, cur;
  auto flush = [&] {
    if (cur.empty()) return;
    std::string esc;
    for (char c : cur) esc += c == '"' ? std::string("\"\"") : std::string(1, c);
    q += (q.empty() ? "" : " ") + ("\"" + esc + "\"");
    cur.clear();
  };
  for (char c : words) {
    if (c == ' ' || c == '\t' || c == '\n')
      flush();
    else
      cur.push_back(c);
  }
  flush();
  return q;
}

}  // namespace harmwatch::store::sqlite
