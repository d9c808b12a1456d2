// The SQLite backend. WAL journal (readers never block the writer; a kill -9 loses
// only the transaction in flight), foreign keys on, a busy timeout for concurrent
// processes, parameterized SQL only. Schema: see migrations.cc and docs/store.md.
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "harmwatch/store/migrations.h"
#include "harmwatch/store/sqlite_util.h"
#include "harmwatch/store/store.h"

namespace harmwatch {
namespace {

using namespace store::sqlite;  // NOLINT(google-build-using-namespace): this file is its user

// How long a writer waits for another process' transaction before giving up.
constexpr int kBusyTimeoutMs = 10000;
// The candidate box around a new event: wider than any merge rule (5 km, 31 days),
// so the matcher sees every event that could match. 0.1 degree of latitude = 11 km.
constexpr double kCandidateDegrees = 0.1;
constexpr int kCandidateDays = 40;
// The most days two events of one incident can be apart (1 + 15 + 15, see
// merge::SameIncident): queries widen their window by it before the exact check.
constexpr int kMergeSpanDays = 31;
// At most this many candidates per event (nearest by day first): a dense city with
// thousands of reports a month stays fast.
constexpr int kMaxCandidates = 400;
// At most this many stored documents per shared LSH band are compared: boilerplate
// shared by thousands of reports must not make each ingest scan them all.
constexpr int kMaxBandCandidates = 64;
// Undated events span every day in the R*Tree, so any time window finds them as
// merge candidates (queries with --from/--to then check the real date).
constexpr double kUndatedMin = -1e7, kUndatedMax = 1e7;

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path)
      : db_(db), path_(std::move(path)), cache_(std::make_unique<StmtCache>(db)) {}
  ~SqliteStore() override {
    cache_.reset();  // finalizes the cached statements first
    sqlite3_close_v2(db_);
  }

  Status Error(const std::string& what) const {
    int code = sqlite3_extended_errcode(db_);
    std::string msg = path_ + ": " + what + ": " + sqlite3_errmsg(db_);
    int primary = code & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return Status::Corrupt(msg);
    if (primary == SQLITE_FULL) return Status::IoError(msg + " (disk full; nothing was stored)");
    return Status::IoError(msg);
  }

  Status Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "unknown error";
      sqlite3_free(err);
      return Error(std::string("cannot run '") + std::string(sql).substr(0, 40) + "'");
    }
    return Status::Ok();
  }

  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT, rolling back on any failure.
  template <typename F>
  auto InTransaction(F&& body) -> decltype(body()) {
    if (Status st = Exec("BEGIN IMMEDIATE"); !st.ok()) return ErrorReturn{st};
    auto result = body();
    if (!result) {
      Exec("ROLLBACK").ok();
      return result;
    }
    if (Status st = Exec("COMMIT"); !st.ok()) {
      Exec("ROLLBACK").ok();
      return ErrorReturn{st};
    }
    return result;
  }

  Status Migrate() {
    HW_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys = ON"));
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // The first read of the file: a garbage or truncated file fails here.
    {
      Stmt s(*cache_, "PRAGMA journal_mode = WAL");
      if (!s.ok() || (s.Step() != SQLITE_ROW)) return Error("cannot open as a database");
    }
    HW_RETURN_IF_ERROR(Exec("PRAGMA synchronous = NORMAL"));
    HW_RETURN_IF_ERROR(Exec("PRAGMA cache_size = -65536"));  // 64 MB of pages
    // Checkpoint the WAL every 64 MB instead of 4 MB: fewer syncs during a long ingest
    // (1,940 -> 2,170 events/s over 150,000 events in harmwatch-store-bench).
    HW_RETURN_IF_ERROR(Exec("PRAGMA wal_autocheckpoint = 16384"));
    // Reads through a memory map, not a pread per page: a third of ingest time went
    // to copying pages in the kernel.
    HW_RETURN_IF_ERROR(Exec("PRAGMA mmap_size = 1073741824"));
    if (sqlite3_db_readonly(db_, "main") == 1) {
      return Status::IoError(path_ + ": the database is read-only (check its permissions)");
    }
    Result<bool> done = InTransaction([&]() -> Result<bool> {
      HW_RETURN_IF_ERROR(
          Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
      int version = 0;
      {
        Stmt s(*cache_, "SELECT max(version) FROM schema_version");
        if (!s.ok() || s.Step() != SQLITE_ROW)
          return ErrorReturn{Error("cannot read schema_version")};
        version = static_cast<int>(s.Int(0));
      }
      const auto& migrations = store::Migrations();
      if (version > static_cast<int>(migrations.size())) {
        return ErrorReturn{Status::Unsupported(
            path_ + ": made by a newer harmwatch (schema version " + std::to_string(version) +
            ", this build knows up to " + std::to_string(migrations.size()) +
            "); upgrade harmwatch to open it")};
      }
      for (size_t v = static_cast<size_t>(version); v < migrations.size(); ++v) {
        char* err = nullptr;
        if (sqlite3_exec(db_, migrations[v], nullptr, nullptr, &err) != SQLITE_OK) {
          std::string m = err ? err : "";
          sqlite3_free(err);
          return ErrorReturn{
              Status::Internal(path_ + ": migration " + std::to_string(v + 1) + " failed: " + m)};
        }
        Stmt s(*cache_, "INSERT INTO schema_version (version) VALUES (?)");
        s.Bind(1, static_cast<int64_t>(v + 1));
        if (s.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot record migration")};
      }
      return true;
    });
    if (!done) return done.error();
    return Status::Ok();
  }

  Result<PutResult> PutDocument(const DocumentToStore& doc,
                                const IncidentMatcher& matcher) override {
    return InTransaction([&]() -> Result<PutResult> { return PutLocked(doc, matcher); });
  }

  Result<PutResult> PutLocked(const DocumentToStore& doc, const IncidentMatcher& matcher) {
    PutResult result;
    {
      Stmt s(*cache_, "SELECT sha256 FROM documents WHERE id = ?");
      s.Bind(1, doc.id);
      int rc = s.Step();
      if (rc == SQLITE_ROW) {
        result.outcome = s.Text(0) == doc.sha256 ? PutOutcome::kUnchanged : PutOutcome::kConflict;
        return result;
      }
      if (rc != SQLITE_DONE) return ErrorReturn{Error("cannot look up document " + doc.id)};
    }
    // An identical text under another id.
    {
      Stmt s(*cache_,
             "SELECT id FROM documents WHERE text_sha256 = ? AND copy_of IS NULL "
             "ORDER BY rowid LIMIT 1");
      s.Bind(1, doc.text_sha256);
      if (s.Step() == SQLITE_ROW) {
        result.outcome = PutOutcome::kCopy;
        result.linked_to = s.Text(0);
        result.similarity = 1.0;
      }
    }
    // A near-duplicate: candidates sharing an LSH band, checked by signature, and
    // telling the same facts. Formulaic reports ("On 8 May 2020, citizens protested
    // in Belgrade ..." and the same on 9 May) agree on 90% of their shingles yet are
    // different events: a copy must have the same events (place key, date, type).
    if (result.outcome == PutOutcome::kNew && !doc.minhash.empty()) {
      std::set<std::string> seen;
      std::vector<std::pair<double, std::string>> similar;
      for (int64_t band : doc.bands) {
        Stmt s(*cache_,
               "SELECT d.id, d.minhash FROM doc_bands b JOIN documents d ON d.id = b.doc_id "
               "WHERE b.band = ? AND d.copy_of IS NULL AND d.near_duplicate_of IS NULL "
               "LIMIT ?");
        s.Bind(1, band).Bind(2, static_cast<int64_t>(kMaxBandCandidates));
        while (s.Step() == SQLITE_ROW) {
          std::string id = s.Text(0);
          if (!seen.insert(id).second) continue;
          double sim = Similarity(doc.minhash, U32FromBlob(s.Blob(1)));
          if (sim >= doc.near_duplicate_threshold) similar.emplace_back(sim, id);
        }
      }
      std::sort(similar.begin(), similar.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      std::multiset<std::string> facts;
      for (const EventRow& e : doc.events) {
        facts.insert(e.place_key + "|" + e.date.value_or("") + "|" + e.sub_event_type);
      }
      std::string mine = Numbers(doc.text);
      for (const auto& [sim, id] : similar) {
        std::multiset<std::string> theirs;
        Stmt f(*cache_,
               "SELECT place_key, coalesce(date, ''), sub_event_type FROM events WHERE doc_id = ?");
        f.Bind(1, id);
        while (f.Step() == SQLITE_ROW) theirs.insert(f.Text(0) + "|" + f.Text(1) + "|" + f.Text(2));
        if (theirs != facts) continue;
        Stmt t(*cache_, "SELECT text FROM documents WHERE id = ?");
        t.Bind(1, id);
        if (t.Step() != SQLITE_ROW) continue;
        std::string other = Numbers(t.Text(0));
        // One side's numbers all appear in the other's: a copy may add a dateline,
        // never change a date or a toll.
        if (!Includes(mine, other) && !Includes(other, mine)) continue;
        result.outcome = PutOutcome::kNearDuplicate;
        result.linked_to = id;
        result.similarity = sim;
        break;
      }
    }
    {
      Stmt s(*cache_,
             "INSERT INTO documents (id, sha256, text_sha256, source, url, title, published, "
             "language, ingested_at, original, text, record_json, minhash, copy_of, "
             "near_duplicate_of, similarity, terms, places) "
             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      std::string blob = U32Blob(doc.minhash);
      s.Bind(1, doc.id).Bind(2, doc.sha256).Bind(3, doc.text_sha256);
      s.BindOrNull(4, doc.source).BindOrNull(5, doc.url).BindOrNull(6, doc.title);
      s.BindOrNull(7, doc.published).BindOrNull(8, doc.language).Bind(9, doc.ingested_at);
      s.BindBlob(10, doc.original.data(), doc.original.size()).Bind(11, doc.text);
      s.Bind(12, doc.record_json).BindBlob(13, blob.data(), blob.size());
      if (result.outcome == PutOutcome::kCopy)
        s.Bind(14, result.linked_to);
      else
        s.BindNull(14);
      if (result.outcome == PutOutcome::kNearDuplicate)
        s.Bind(15, result.linked_to);
      else
        s.BindNull(15);
      s.Bind(16, result.similarity);
      std::string terms = U32Blob(doc.terms);
      s.BindBlob(17, terms.data(), terms.size());
      std::string places = U32Blob(doc.places);
      s.BindBlob(18, places.data(), places.size());
      if (s.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot store document " + doc.id)};
    }
    if (result.outcome != PutOutcome::kNew) return result;
    {
      Stmt s(*cache_, "INSERT INTO documents_fts (rowid, text) VALUES (last_insert_rowid(), ?)");
      s.Bind(1, doc.text);
      if (s.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot index text of " + doc.id)};
    }
    for (int64_t band : doc.bands) {
      Stmt s(*cache_, "INSERT OR IGNORE INTO doc_bands (band, doc_id) VALUES (?, ?)");
      s.Bind(1, band).Bind(2, doc.id);
      if (s.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot store bands of " + doc.id)};
    }
    HW_RETURN_IF_ERROR(MergeEvents(doc.id, doc.ingested_at, doc.ingested_at, doc.terms,
                                   doc.places, doc.events, {}, matcher, result));
    return result;
  }

  // Stores a document's events, each joining the incident `matcher` picks or founding
  // one. `revivable`: incidents that the same event id belonged to before (a
  // re-extraction), founded again under their old id when nothing else matches.
  Status MergeEvents(const std::string& doc_id, const std::string& ingested_at,
                     const std::string& now, const std::vector<uint32_t>& terms,
                     const std::vector<uint32_t>& places, const std::vector<EventRow>& events,
                     const std::map<std::string, std::string>& revivable,
                     const IncidentMatcher& matcher, PutResult& result) {
    std::set<std::string> taken;  // incidents this document's events already joined
    for (EventRow ev : events) {
      ev.doc_id = doc_id;
      ev.ingested_at = ingested_at;
      ev.doc_terms = terms;
      ev.doc_places = places;
      auto cands = Candidates(ev);
      if (!cands) return ErrorReturn{cands.error()};
      // A re-extracted event stays apart from events an analyst split off its incident.
      auto old = revivable.find(ev.id);
      std::vector<EventRow> usable;
      for (auto& c : *cands) {
        if (taken.count(c.incident_id)) continue;
        if (old != revivable.end() && IsBlocked(c.id, old->second)) continue;
        usable.push_back(std::move(c));
      }
      std::optional<MatchDecision> match = matcher ? matcher(ev, usable) : std::nullopt;
      std::string reason;
      if (match) {
        ev.incident_id = match->incident_id;
        reason = match->reason;
      } else if (old != revivable.end() && !taken.count(old->second) && IsEmpty(old->second)) {
        ev.incident_id = old->second;
        reason = "founded again after re-extraction: no stored event matched";
      } else {
        auto id = NewIncidentId(ev.id, now);
        if (!id) return id.error();
        ev.incident_id = *id;
        reason = "founded: no stored event matched";
      }
      taken.insert(ev.incident_id);
      HW_RETURN_IF_ERROR(InsertEvent(ev));
      HW_RETURN_IF_ERROR(LogMerge(ev.incident_id, ev.id, reason, now));
      result.incident_ids.push_back(ev.incident_id);
    }
    return Status::Ok();
  }

  bool IsBlocked(const std::string& event_id, const std::string& incident_id) {
    Stmt s(*cache_, "SELECT 1 FROM merge_blocks WHERE event_id = ? AND incident_id = ?");
    s.Bind(1, event_id).Bind(2, incident_id);
    return s.Step() == SQLITE_ROW;
  }

  bool IsEmpty(const std::string& incident_id) {
    Stmt s(*cache_, "SELECT 1 FROM events WHERE incident_id = ? LIMIT 1");
    s.Bind(1, incident_id);
    return s.Step() == SQLITE_DONE;
  }

  Result<PutResult> ReplaceEvents(const std::string& doc_id, const std::string& record_json,
                                  const std::vector<EventRow>& events,
                                  const std::vector<uint32_t>& places, const std::string& at,
                                  const IncidentMatcher& matcher) override {
    return InTransaction([&]() -> Result<PutResult> {
      PutResult result;
      std::string ingested_at;
      std::vector<uint32_t> terms;
      {
        Stmt s(*cache_,
               "SELECT ingested_at, terms, copy_of, near_duplicate_of FROM documents WHERE id = ?");
        s.Bind(1, doc_id);
        int rc = s.Step();
        if (rc == SQLITE_DONE)
          return ErrorReturn{Status::NotFound(path_ + ": no document " + doc_id)};
        if (rc != SQLITE_ROW) return ErrorReturn{Error("cannot read document " + doc_id)};
        ingested_at = s.Text(0);
        terms = U32FromBlob(s.Blob(1));
        if (!s.Text(2).empty() || !s.Text(3).empty()) {  // a copy: no events of its own
          result.outcome = s.Text(2).empty() ? PutOutcome::kNearDuplicate : PutOutcome::kCopy;
          result.linked_to = s.Text(2).empty() ? s.Text(3) : s.Text(2);
          return result;
        }
      }
      // The old events leave their incidents; their merge records are closed.
      std::map<std::string, std::string> revivable;  // event id -> its incident
      {
        Stmt s(*cache_, "SELECT id, incident_id FROM events WHERE doc_id = ?");
        s.Bind(1, doc_id);
        int rc;
        while ((rc = s.Step()) == SQLITE_ROW) revivable[s.Text(0)] = s.Text(1);
        if (rc != SQLITE_DONE) return ErrorReturn{Error("cannot read events of " + doc_id)};
      }
      for (const auto& [event_id, incident_id] : revivable) {
        HW_RETURN_IF_ERROR(CloseMerge(incident_id, event_id, at));
      }
      // The merge log refers to events by id: the new events take the old ids back before
      // the transaction ends, and the log of an event the new extraction no longer finds
      // goes with it.
      HW_RETURN_IF_ERROR(Exec("PRAGMA defer_foreign_keys = ON"));
      std::set<std::string> kept;
      for (const EventRow& e : events) kept.insert(e.id);
      for (const auto& [event_id, incident_id] : revivable) {
        if (kept.count(event_id)) continue;
        Stmt d(*cache_, "DELETE FROM merges WHERE event_id = ?");
        d.Bind(1, event_id);
        if (d.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot update merge log")};
      }
      for (const char* sql :
           {"DELETE FROM events_rtree WHERE id IN (SELECT rowid FROM events WHERE doc_id = ?)",
            "DELETE FROM events WHERE doc_id = ?"}) {
        Stmt d(*cache_, sql);
        d.Bind(1, doc_id);
        if (d.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot remove events of " + doc_id)};
      }
      {
        Stmt u(*cache_, "UPDATE documents SET record_json = ?, places = ? WHERE id = ?");
        std::string blob = U32Blob(places);
        u.Bind(1, record_json).BindBlob(2, blob.data(), blob.size()).Bind(3, doc_id);
        if (u.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot update document " + doc_id)};
      }
      HW_RETURN_IF_ERROR(
          MergeEvents(doc_id, ingested_at, at, terms, places, events, revivable, matcher, result));
      return result;
    });
  }

  Result<std::vector<std::string>> DocumentIds() override {
    Stmt s(*cache_, "SELECT id FROM documents ORDER BY ingested_at, rowid");
    return Strings(s, "document ids");
  }

  Result<std::vector<EventRow>> Candidates(const EventRow& ev) {
    std::vector<EventRow> out;
    std::set<std::string> seen;
    auto collect = [&](Stmt& s) -> Status {
      int rc;
      while ((rc = s.Step()) == SQLITE_ROW) {
        EventRow r = ReadEvent(s);
        r.doc_terms = U32FromBlob(s.Blob(27));
        r.doc_places = U32FromBlob(s.Blob(28));
        if (seen.insert(r.id).second) out.push_back(std::move(r));
      }
      return rc == SQLITE_DONE ? Status::Ok() : Error("cannot read merge candidates");
    };
    std::string blocked =
        " AND NOT EXISTS (SELECT 1 FROM merge_blocks b WHERE b.event_id = ?1 AND "
        "b.incident_id = e.incident_id)";
    if (ev.lat && ev.lon) {
      double dlat = kCandidateDegrees;
      double dlon = kCandidateDegrees / std::max(0.1, std::cos(*ev.lat * M_PI / 180));
      auto day = ev.date ? Day(*ev.date) : std::nullopt;
      std::string sql = std::string("SELECT ") + kCandidateColumns +
                        " FROM events e WHERE e.rowid IN (SELECT id FROM events_rtree WHERE "
                        "max_lon >= ?2 AND min_lon <= ?3 AND max_lat >= ?4 AND "
                        "min_lat <= ?5 AND max_day >= ?6 AND min_day <= ?7)" +
                        blocked + " ORDER BY abs(coalesce(e.day, ?8) - ?8) LIMIT ?9";
      Stmt s(*cache_, sql.c_str());
      s.Bind(1, ev.id).Bind(2, *ev.lon - dlon).Bind(3, *ev.lon + dlon);
      s.Bind(4, *ev.lat - dlat).Bind(5, *ev.lat + dlat);
      s.Bind(6, day ? static_cast<double>(*day - kCandidateDays) : kUndatedMin);
      s.Bind(7, day ? static_cast<double>(*day + kCandidateDays) : kUndatedMax);
      s.Bind(8, static_cast<int64_t>(day.value_or(0)));
      s.Bind(9, static_cast<int64_t>(kMaxCandidates));
      HW_RETURN_IF_ERROR(collect(s));
    }
    if (!ev.place_key.empty()) {
      // Same name key: dated events within the window, then undated ones (a busy
      // city's key holds years of events; the index on (place_key, day) keeps this a
      // range scan).
      auto day = ev.date ? Day(*ev.date) : std::nullopt;
      std::string head =
          std::string("SELECT ") + kCandidateColumns + " FROM events e WHERE e.place_key = ?2 AND ";
      std::string tail = blocked + " LIMIT ?5";
      if (day) {
        Stmt s(*cache_, (head + "e.day BETWEEN ?3 AND ?4" + tail).c_str());
        s.Bind(1, ev.id).Bind(2, ev.place_key).Bind(3, static_cast<int64_t>(*day - kCandidateDays));
        s.Bind(4, static_cast<int64_t>(*day + kCandidateDays));
        s.Bind(5, static_cast<int64_t>(kMaxCandidates));
        HW_RETURN_IF_ERROR(collect(s));
      }
      Stmt s(*cache_, (head + "e.day IS NULL AND ?3 = ?4" + tail).c_str());
      s.Bind(1, ev.id).Bind(2, ev.place_key).Bind(3, int64_t{0}).Bind(4, int64_t{0});
      s.Bind(5, static_cast<int64_t>(kMaxCandidates));
      HW_RETURN_IF_ERROR(collect(s));
      if (!day) {
        // An undated event may match a dated one on any day: the most recent ones.
        Stmt all(*cache_, (head + "e.day IS NOT NULL AND ?3 = ?4" + blocked +
                           " ORDER BY e.place_key DESC, e.day DESC LIMIT ?5")
                              .c_str());
        all.Bind(1, ev.id).Bind(2, ev.place_key).Bind(3, int64_t{0}).Bind(4, int64_t{0});
        all.Bind(5, static_cast<int64_t>(kMaxCandidates));
        HW_RETURN_IF_ERROR(collect(all));
      }
    }
    return out;
  }

  // The incident id an event founds: its own id, or "<id>~N" when that is taken (an
  // event that was split off an incident named after it).
  Result<std::string> NewIncidentId(const std::string& event_id, const std::string& at) {
    for (int n = 1;; ++n) {
      std::string id = n == 1 ? event_id : event_id + "~" + std::to_string(n);
      Stmt s(*cache_, "INSERT OR IGNORE INTO incidents (id, created_at) VALUES (?, ?)");
      s.Bind(1, id).Bind(2, at);
      if (s.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot create incident " + id)};
      if (sqlite3_changes(db_) == 1) return id;
    }
  }

  Status InsertEvent(const EventRow& ev) {
    std::string sql = std::string("INSERT INTO events (") + kEventColumns +
                      ", day) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    Stmt s(*cache_, sql.c_str());
    s.Bind(1, ev.id).Bind(2, ev.doc_id).Bind(3, static_cast<int64_t>(ev.ordinal));
    s.Bind(4, ev.incident_id).Bind(5, ev.place).Bind(6, ev.place_key);
    s.BindOpt(7, ev.lat).BindOpt(8, ev.lon).BindOrNull(9, ev.admin1).BindOrNull(10, ev.admin2);
    s.BindOrNull(11, ev.country).BindOrNull(12, ev.pcode).BindOpt(13, ev.geonameid);
    s.Bind(14, static_cast<int64_t>(ev.geo_precision)).BindOpt(15, ev.date);
    s.Bind(16, static_cast<int64_t>(ev.date_precision)).Bind(17, ev.event_type);
    s.Bind(18, ev.sub_event_type).BindOrNull(19, ev.actor1).BindOrNull(20, ev.actor2);
    s.Bind(21, static_cast<int64_t>(ev.civilian_targeting)).BindOpt(22, ev.killed);
    s.BindOpt(23, ev.injured).BindOrNull(24, ev.source).BindOrNull(25, ev.published);
    s.Bind(26, ev.ingested_at).Bind(27, ev.json);
    auto day = ev.date ? Day(*ev.date) : std::nullopt;
    s.BindOpt(28, day);
    if (s.Step() != SQLITE_DONE) return Error("cannot store event " + ev.id);
    if (ev.lat && ev.lon) {
      Stmt r(*cache_,
             "INSERT INTO events_rtree (id, min_lon, max_lon, min_lat, max_lat, min_day, "
             "max_day) VALUES (last_insert_rowid(), ?, ?, ?, ?, ?, ?)");
      r.Bind(1, *ev.lon).Bind(2, *ev.lon).Bind(3, *ev.lat).Bind(4, *ev.lat);
      r.Bind(5, day ? static_cast<double>(*day) : kUndatedMin);
      r.Bind(6, day ? static_cast<double>(*day) : kUndatedMax);
      if (r.Step() != SQLITE_DONE) return Error("cannot index event " + ev.id);
    }
    return Status::Ok();
  }

  // Marks the open merge record of `event` in `incident` undone at `at`.
  Status CloseMerge(const std::string& incident, const std::string& event,
                    const std::string& at) {
    Stmt l(*cache_,
           "UPDATE merges SET undone_at = ? WHERE incident_id = ? AND event_id = ? AND "
           "undone_at IS NULL");
    l.Bind(1, at).Bind(2, incident).Bind(3, event);
    return l.Step() == SQLITE_DONE ? Status::Ok() : Error("cannot update merge log");
  }

  Status LogMerge(const std::string& incident, const std::string& event, const std::string& why,
                  const std::string& at) {
    Stmt s(*cache_, "INSERT INTO merges (incident_id, event_id, reason, at) VALUES (?, ?, ?, ?)");
    s.Bind(1, incident).Bind(2, event).Bind(3, why).Bind(4, at);
    return s.Step() == SQLITE_DONE ? Status::Ok() : Error("cannot log merge of " + event);
  }

  Result<std::optional<StoredDocument>> GetDocument(const std::string& id) override {
    Stmt s(*cache_,
           "SELECT id, source, url, title, published, language, sha256, ingested_at, original, "
           "record_json, copy_of, near_duplicate_of, similarity, text FROM documents WHERE id = ?");
    s.Bind(1, id);
    int rc = s.Step();
    if (rc == SQLITE_DONE) return std::optional<StoredDocument>();
    if (rc != SQLITE_ROW) return ErrorReturn{Error("cannot read document " + id)};
    StoredDocument d{s.Text(0),  s.Text(1),  s.Text(2),   s.Text(3), s.Text(4),
                     s.Text(5),  s.Text(6),  s.Text(7),   s.Blob(8), s.Text(9),
                     s.Text(10), s.Text(11), s.Double(12), s.Text(13)};
    return std::optional<StoredDocument>(std::move(d));
  }

  Result<std::vector<std::string>> Strings(Stmt& s, const std::string& what) {
    std::vector<std::string> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Text(0));
    if (rc != SQLITE_DONE) return ErrorReturn{Error("cannot read " + what)};
    return out;
  }

  Result<std::vector<std::string>> CandidateIncidents(const StoreQuery& q) override {
    std::string where = "1";
    std::vector<std::function<void(Stmt&, int)>> binds;
    auto add = [&](const std::string& clause, std::function<void(Stmt&, int)> bind) {
      where += " AND " + clause;
      binds.push_back(std::move(bind));
    };
    auto from = Day(q.from), to = Day(q.to);
    if (q.west && q.south && q.east && q.north) {
      // One R*Tree probe for the box and the time window together.
      // The window widened by the most two merged dates may differ (31 days), so an
      // incident whose located member is dated apart from its merged date is found.
      double lo = from ? *from - kMergeSpanDays : kUndatedMin;
      double hi = to ? *to + kMergeSpanDays : kUndatedMax;
      double w = *q.west, s = *q.south, e = *q.east, n = *q.north;
      where +=
          " AND e.rowid IN (SELECT id FROM events_rtree WHERE max_lon >= ? AND "
          "min_lon <= ? AND max_lat >= ? AND min_lat <= ? AND max_day >= ? AND "
          "min_day <= ?)";
      binds.push_back([=](Stmt& st, int i) { st.Bind(i, w); });
      binds.push_back([=](Stmt& st, int i) { st.Bind(i, e); });
      binds.push_back([=](Stmt& st, int i) { st.Bind(i, s); });
      binds.push_back([=](Stmt& st, int i) { st.Bind(i, n); });
      binds.push_back([=](Stmt& st, int i) { st.Bind(i, lo); });
      binds.push_back([=](Stmt& st, int i) { st.Bind(i, hi); });
    }
    if (from) {
      add("e.day >= ?", [v = *from - kMergeSpanDays](Stmt& s, int i) { s.Bind(i, int64_t{v}); });
    }
    if (to) {
      add("e.day <= ?", [v = *to + kMergeSpanDays](Stmt& s, int i) { s.Bind(i, int64_t{v}); });
    }
    if (!q.admin1.empty()) {
      add("e.admin1 = ? COLLATE NOCASE", [v = q.admin1](Stmt& s, int i) { s.Bind(i, v); });
    }
    if (!q.type.empty()) {
      add("(e.sub_event_type = ? OR e.event_type = ?)",
          [v = q.type](Stmt& s, int i) { s.Bind(i, v).Bind(i + 1, v); });
      binds.push_back(nullptr);  // the second parameter of the clause
    }
    if (!q.actor.empty()) {
      add("(e.actor1 LIKE ? OR e.actor2 LIKE ?)",
          [v = "%" + q.actor + "%"](Stmt& s, int i) { s.Bind(i, v).Bind(i + 1, v); });
      binds.push_back(nullptr);
    }
    if (q.min_killed) {
      add("e.killed >= ?", [v = *q.min_killed](Stmt& s, int i) { s.Bind(i, int64_t{v}); });
    }
    if (!q.text.empty()) {
      add("e.doc_id IN (SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid "
          "WHERE documents_fts MATCH ?)",
          [v = FtsQuery(q.text)](Stmt& s, int i) { s.Bind(i, v); });
    }
    std::string sql = "SELECT DISTINCT e.incident_id FROM events e WHERE " + where;
    // Corrections can move an incident into the filters; the caller re-checks them all.
    if (q.text.empty()) sql += " UNION SELECT incident_id FROM corrections";
    sql += " ORDER BY 1";
    Stmt s(*cache_, sql.c_str());
    if (!s.ok()) return ErrorReturn{Error("cannot prepare query")};
    int i = 1;
    for (auto& b : binds) {
      if (b) b(s, i);
      ++i;
    }
    return Strings(s, "incidents");
  }

  Result<std::vector<std::string>> AllIncidents() override {
    Stmt s(*cache_, "SELECT DISTINCT incident_id FROM events ORDER BY 1");
    return Strings(s, "incidents");
  }

  Result<std::vector<EventRow>> IncidentEvents(const std::string& incident_id) override {
    std::string sql = std::string("SELECT ") + kEventColumns +
                      " FROM events WHERE incident_id = ? ORDER BY ingested_at, rowid";
    Stmt s(*cache_, sql.c_str());
    s.Bind(1, incident_id);
    std::vector<EventRow> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadEvent(s));
    if (rc != SQLITE_DONE) return ErrorReturn{Error("cannot read incident " + incident_id)};
    return out;
  }

  Result<std::vector<MergeRecord>> MergeLog(const std::string& incident_id) override {
    Stmt s(*cache_,
           "SELECT id, incident_id, event_id, reason, at, coalesce(undone_at, '') FROM merges "
           "WHERE incident_id = ? ORDER BY id");
    s.Bind(1, incident_id);
    std::vector<MergeRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)});
    }
    if (rc != SQLITE_DONE) return ErrorReturn{Error("cannot read merges of " + incident_id)};
    return out;
  }

  Result<std::vector<Correction>> Corrections(const std::string& incident_id) override {
    Stmt s(*cache_,
           "SELECT id, incident_id, field, value, by_whom, reason, at FROM corrections WHERE "
           "incident_id = ? ORDER BY id");
    s.Bind(1, incident_id);
    std::vector<Correction> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      out.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6)});
    }
    if (rc != SQLITE_DONE) return ErrorReturn{Error("cannot read corrections of " + incident_id)};
    return out;
  }

  Result<int64_t> AddCorrection(const Correction& c) override {
    return InTransaction([&]() -> Result<int64_t> {
      {
        Stmt s(*cache_, "SELECT 1 FROM incidents WHERE id = ?");
        s.Bind(1, c.incident_id);
        if (s.Step() != SQLITE_ROW) {
          return ErrorReturn{Status::NotFound(path_ + ": no incident " + c.incident_id)};
        }
      }
      Stmt s(*cache_,
             "INSERT INTO corrections (incident_id, field, value, by_whom, reason, at) VALUES "
             "(?, ?, ?, ?, ?, ?)");
      s.Bind(1, c.incident_id).Bind(2, c.field).Bind(3, c.value).Bind(4, c.by);
      s.Bind(5, c.reason).Bind(6, c.at);
      if (s.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot store correction")};
      return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
    });
  }

  Result<std::string> Unmerge(const std::string& incident_id, const std::string& doc_id,
                              const std::string& reason, const std::string& at) override {
    return InTransaction([&]() -> Result<std::string> {
      auto members = IncidentEvents(incident_id);
      if (!members) return ErrorReturn{members.error()};
      std::vector<EventRow> moving;
      for (const auto& m : *members) {
        if (m.doc_id == doc_id) moving.push_back(m);
      }
      if (moving.empty()) {
        return ErrorReturn{Status::NotFound(path_ + ": incident " + incident_id +
                                            " has no event of document " + doc_id)};
      }
      if (moving.size() == members->size()) {
        return ErrorReturn{Status::InvalidArgument(path_ + ": document " + doc_id +
                                                   " is the only source of incident " +
                                                   incident_id + "; nothing to split")};
      }
      auto new_id = NewIncidentId(moving.front().id, at);
      if (!new_id) return ErrorReturn{new_id.error()};
      for (const auto& m : moving) {
        Stmt u(*cache_, "UPDATE events SET incident_id = ? WHERE id = ?");
        u.Bind(1, *new_id).Bind(2, m.id);
        if (u.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot move event " + m.id)};
        HW_RETURN_IF_ERROR(CloseMerge(incident_id, m.id, at));
        Stmt b(*cache_, "INSERT OR IGNORE INTO merge_blocks (event_id, incident_id) VALUES (?, ?)");
        b.Bind(1, m.id).Bind(2, incident_id);
        if (b.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot record split")};
        HW_RETURN_IF_ERROR(
            LogMerge(*new_id, m.id, "split from " + incident_id + ": " + reason, at));
      }
      return *new_id;
    });
  }

  Status MergeIncidents(const std::string& into, const std::string& from,
                        const std::string& reason, const std::string& at) override {
    if (into == from) {
      return Status::InvalidArgument(path_ + ": cannot merge incident " + into + " into itself");
    }
    Result<bool> done = InTransaction([&]() -> Result<bool> {
      auto target = IncidentEvents(into);
      if (!target) return ErrorReturn{target.error()};
      if (target->empty()) return ErrorReturn{Status::NotFound(path_ + ": no incident " + into)};
      auto moving = IncidentEvents(from);
      if (!moving) return ErrorReturn{moving.error()};
      if (moving->empty()) return ErrorReturn{Status::NotFound(path_ + ": no incident " + from)};
      for (const auto& m : *moving) {
        Stmt u(*cache_, "UPDATE events SET incident_id = ? WHERE id = ?");
        u.Bind(1, into).Bind(2, m.id);
        if (u.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot move event " + m.id)};
        HW_RETURN_IF_ERROR(CloseMerge(from, m.id, at));
        // The analyst's word now: an earlier split between these two no longer holds.
        Stmt b(*cache_, "DELETE FROM merge_blocks WHERE event_id = ? AND incident_id = ?");
        b.Bind(1, m.id).Bind(2, into);
        if (b.Step() != SQLITE_DONE) return ErrorReturn{Error("cannot update splits")};
        HW_RETURN_IF_ERROR(LogMerge(into, m.id, "merged by hand from " + from + ": " + reason, at));
      }
      return true;
    });
    return done ? Status::Ok() : done.error();
  }

  Result<StoreCounts> Counts() override {
    Stmt s(*cache_,
           "SELECT (SELECT count(*) FROM documents WHERE copy_of IS NULL AND near_duplicate_of "
           "IS NULL), (SELECT count(*) FROM documents WHERE copy_of IS NOT NULL OR "
           "near_duplicate_of IS NOT NULL), (SELECT count(*) FROM events), "
           "(SELECT count(DISTINCT incident_id) FROM events), (SELECT count(*) FROM corrections)");
    if (s.Step() != SQLITE_ROW) return ErrorReturn{Error("cannot count")};
    return StoreCounts{s.Int(0), s.Int(1), s.Int(2), s.Int(3), s.Int(4)};
  }

 private:
  sqlite3* db_;
  std::string path_;
  std::unique_ptr<StmtCache> cache_;
};

}  // namespace

const char* PutOutcomeName(PutOutcome outcome) {
  switch (outcome) {
    case PutOutcome::kNew:
      return "new";
    case PutOutcome::kUnchanged:
      return "unchanged";
    case PutOutcome::kCopy:
      return "copy";
    case PutOutcome::kNearDuplicate:
      return "near-duplicate";
    case PutOutcome::kConflict:
      return "conflict";
  }
  return "?";
}

int CurrentSchemaVersion() { return static_cast<int>(store::Migrations().size()); }

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  return OpenSqliteStore(path, SqliteOptions{});
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const SqliteOptions& options) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Err(Status::IoError(path + ": cannot open or create the database (" + msg +
                               "; is the folder there and writable?)"));
  }
  auto store = std::make_unique<SqliteStore>(db, path);
  if (Status st = store->Migrate(); !st.ok()) {
    if (st.code() == StatusCode::kCorrupt) {
      return Err(Status::Corrupt(st.message() + " (not a harmwatch database, or truncated)"));
    }
    return Err(st);
  }
  if (options.max_page_count > 0) {
    std::string pragma = "PRAGMA max_page_count = " + std::to_string(options.max_page_count);
    if (Status st = store->Exec(pragma.c_str()); !st.ok()) return Err(st);
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace harmwatch
