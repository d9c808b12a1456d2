// The Store conformance suite: what every backend must do, run over each one
// (SQLite now; add PostgreSQL to Backends()). Then SQLite-only checks of the file:
// garbage, truncation, newer schema, read-only paths.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "harmwatch/incidents/incidents.h"
#include "harmwatch/merge/merge.h"
#include "harmwatch/store/store.h"

namespace harmwatch {
namespace {

namespace fs = std::filesystem;

struct Backend {
  std::string name;
  // Opens a store in `dir`, the same one each time for the same dir.
  std::function<Result<std::unique_ptr<Store>>(const std::string& dir)> open;
};

std::vector<Backend> Backends() {
  return {{"sqlite", [](const std::string& dir) { return OpenSqliteStore(dir + "/test.db"); }}};
}

std::string TempDir() {
  std::string t = (fs::temp_directory_path() / "hw-store-XXXXXX").string();
  return mkdtemp(t.data());
}

EventRow Event(const std::string& place, double lat, double lon, const std::string& date,
               std::optional<int> killed = std::nullopt) {
  EventRow e;
  e.place = place;
  e.place_key = merge::NameKey(place);
  e.lat = lat;
  e.lon = lon;
  e.geo_precision = 1;
  e.country = "SY";
  e.admin1 = "Idlib";
  e.date = date;
  e.date_precision = 1;
  e.event_type = "Explosions/Remote violence";
  e.sub_event_type = "Air/drone strike";
  e.actor1 = "Military Forces of Syria";
  e.actor2 = "Civilians (Syria)";
  e.killed = killed;
  e.json = R"({"weapons":["airstrike"],"sites":[]})";
  return e;
}

DocumentToStore Doc(const std::string& id, const std::string& text, std::vector<EventRow> events,
                    const std::string& at = "2024-01-01T00:00:00Z") {
  DocumentToStore d;
  d.id = id;
  d.source = "Source " + id;
  d.original = text;
  d.text = text;
  d.sha256 = incidents::Sha256Hex(text);
  d.text_sha256 = incidents::Sha256Hex(merge::NormalizeForHash(text));
  d.minhash = merge::MinHashSignature(text);
  d.bands = merge::SignatureBands(d.minhash);
  d.ingested_at = at;
  d.record_json = R"({"events":[],"totals":{"killed":null}})";
  for (size_t i = 0; i < events.size(); ++i) {
    events[i].doc_id = id;
    events[i].ordinal = static_cast<int>(i);
    events[i].id = id + "#" + std::to_string(i);
  }
  d.events = std::move(events);
  return d;
}

std::string Words(const std::string& seed, int n) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s += seed + std::to_string(i * 7 % 13) + "w" + std::to_string(i) + " ";
  return s;
}

class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    auto s = GetParam().open(dir_);
    ASSERT_TRUE(s) << s.error().message();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  PutResult Put(const DocumentToStore& d) {
    auto r = store_->PutDocument(d, incidents::DefaultMatcher());
    EXPECT_TRUE(r) << (r ? "" : r.error().message());
    return r ? *r : PutResult{};
  }
  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformance, StoresADocumentWithItsEvents) {
  auto r = Put(Doc("a", Words("alpha", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05", 3)}));
  EXPECT_EQ(r.outcome, PutOutcome::kNew);
  ASSERT_EQ(r.incident_ids.size(), 1u);
  EXPECT_EQ(r.incident_ids[0], "a#0");  // an incident is named after its first event
  auto doc = store_->GetDocument("a");
  ASSERT_TRUE(doc && *doc);
  EXPECT_EQ((*doc)->original, Words("alpha", 40));
  EXPECT_EQ((*doc)->sha256, incidents::Sha256Hex(Words("alpha", 40)));
  auto events = store_->IncidentEvents("a#0");
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].killed, 3);
  EXPECT_EQ((*events)[0].json, R"({"weapons":["airstrike"],"sites":[]})");
}

TEST_P(StoreConformance, SameDocumentAgainChangesNothing) {
  auto d = Doc("a", Words("alpha", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05")});
  Put(d);
  auto before = store_->Counts();
  EXPECT_EQ(Put(d).outcome, PutOutcome::kUnchanged);
  auto after = store_->Counts();
  EXPECT_EQ(before->events, after->events);
  EXPECT_EQ(before->documents, after->documents);
  auto changed = Doc("a", Words("beta", 40), {});
  EXPECT_EQ(Put(changed).outcome, PutOutcome::kConflict);
  EXPECT_EQ(store_->Counts()->events, 1);
}

TEST_P(StoreConformance, IdenticalTextUnderAnotherIdIsACopy) {
  Put(Doc("a", Words("alpha", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05")}));
  auto r = Put(Doc("b", Words("alpha", 40) + "\n\n", {Event("Sarmin", 35.9, 36.72, "2023-12-05")}));
  EXPECT_EQ(r.outcome, PutOutcome::kCopy);
  EXPECT_EQ(r.linked_to, "a");
  auto doc = store_->GetDocument("b");
  ASSERT_TRUE(doc && *doc);
  EXPECT_EQ((*doc)->copy_of, "a");
  EXPECT_EQ(store_->Counts()->events, 1);  // a copy is not a second source
}

TEST_P(StoreConformance, NearDuplicateIsLinkedNotASecondSource) {
  std::string text = Words("alpha", 200);
  Put(Doc("a", text, {Event("Sarmin", 35.9, 36.72, "2023-12-05")}));
  auto r = Put(Doc("b", "BEIRUT (AFP) - " + text + " Editing by someone.",
                   {Event("Sarmin", 35.9, 36.72, "2023-12-05")}));
  EXPECT_EQ(r.outcome, PutOutcome::kNearDuplicate);
  EXPECT_EQ(r.linked_to, "a");
  EXPECT_GE(r.similarity, 0.9);
  auto inc = incidents::LoadIncident(*store_, "a#0");
  ASSERT_TRUE(inc);
  EXPECT_EQ(inc->doc_ids, std::vector<std::string>{"a"});
  // A different report is not a near-duplicate.
  EXPECT_EQ(Put(Doc("c", Words("gamma", 200), {})).outcome, PutOutcome::kNew);
  // Nor is a formulaic report of another event: same words, another place or day.
  auto other_day = Put(Doc("d", "On 9 May: " + text, {Event("Sarmin", 35.9, 36.72, "2023-12-06")}));
  EXPECT_EQ(other_day.outcome, PutOutcome::kNew);
}

TEST_P(StoreConformance, ReportsOfOneIncidentMergeAndKeepEachClaim) {
  Put(Doc("a", Words("alpha", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05", 3)}));
  auto r = Put(Doc("b", Words("beta", 40),
                   {Event("Sarmin", 35.901, 36.721, "2023-12-05", 5),
                    Event("Aleppo", 36.2, 37.16, "2023-12-05")},
                   "2024-01-02T00:00:00Z"));
  ASSERT_EQ(r.incident_ids.size(), 2u);
  EXPECT_EQ(r.incident_ids[0], "a#0");
  EXPECT_EQ(r.incident_ids[1], "b#1");
  auto inc = incidents::LoadIncident(*store_, "a#0");
  ASSERT_TRUE(inc);
  EXPECT_EQ(inc->doc_ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(inc->killed_min, 3);
  EXPECT_EQ(inc->killed_max, 5);
  ASSERT_EQ(inc->merges.size(), 2u);
  EXPECT_NE(inc->merges[1].reason.find("same"), std::string::npos) << inc->merges[1].reason;
  EXPECT_EQ(store_->Counts()->incidents, 2);
}

TEST_P(StoreConformance, UnmergeSplitsWithAStableNewIdAndCorrectionsStay) {
  Put(Doc("a", Words("alpha", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05", 3)}));
  Put(Doc("b", Words("beta", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05", 5)}));
  auto cid = incidents::CorrectIncident(*store_, "a#0", "killed", "4", "analyst", "checked",
                                        "2024-02-01T00:00:00Z");
  ASSERT_TRUE(cid) << cid.error().message();
  auto split = store_->Unmerge("a#0", "b", "different strike", "2024-02-02T00:00:00Z");
  ASSERT_TRUE(split) << split.error().message();
  EXPECT_EQ(*split, "b#0");
  auto a = incidents::LoadIncident(*store_, "a#0");
  auto b = incidents::LoadIncident(*store_, "b#0");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->doc_ids, std::vector<std::string>{"a"});
  EXPECT_EQ(a->merged.killed, 4);  // the correction stays with the incident
  EXPECT_EQ(b->merged.killed, 5);
  EXPECT_FALSE(a->merges.back().undone_at.empty());
  // Splitting the founding document gets an id derived from its own first event.
  Put(Doc("c", Words("gamma", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05", 6)}));
  auto again = store_->Unmerge("a#0", "a", "wrong", "2024-02-03T00:00:00Z");
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_EQ(*again, "a#0~2");
  EXPECT_FALSE(store_->Unmerge("c#0", "zzz", "", "").has_value());
}

// A newer engine re-extracts a stored report: its events are replaced and re-merged, and
// what analysts did (corrections, splits) and the incident ids stay.
TEST_P(StoreConformance, ReplacingEventsKeepsIdsCorrectionsAndSplits) {
  Put(Doc("a", Words("alpha", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05", 3),
                                    Event("Ariha", 35.81, 36.61, "2023-12-05", 1)}));
  Put(Doc("b", Words("beta", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05", 5)}));
  ASSERT_TRUE(incidents::CorrectIncident(*store_, "a#1", "killed", "2", "ana", "morgue list",
                                         "2024-02-01T00:00:00Z"));
  ASSERT_TRUE(store_->Unmerge("a#0", "b", "another strike", "2024-02-02T00:00:00Z"));
  // The new extraction finds a higher toll in Sarmin and no longer finds Ariha's event
  // first: the order changes, so event ids move to other places.
  DocumentToStore again = Doc("a", Words("alpha", 40),
                              {Event("Sarmin", 35.9, 36.72, "2023-12-05", 4),
                               Event("Ariha", 35.81, 36.61, "2023-12-05", 1),
                               Event("Afes", 35.93, 36.8, "2023-12-06", 0)});
  auto r = store_->ReplaceEvents("a", R"({"events":[]})", again.events, {}, "2024-03-01T00:00:00Z",
                                 incidents::DefaultMatcher());
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->outcome, PutOutcome::kNew);
  EXPECT_EQ(r->incident_ids, (std::vector<std::string>{"a#0", "a#1", "a#2"}));
  auto sarmin = incidents::LoadIncident(*store_, "a#0");
  ASSERT_TRUE(sarmin) << sarmin.error().message();
  EXPECT_EQ(sarmin->doc_ids, std::vector<std::string>{"a"});  // the split still holds
  EXPECT_EQ(sarmin->merged.killed, 4);
  auto ariha = incidents::LoadIncident(*store_, "a#1");
  ASSERT_TRUE(ariha);
  EXPECT_EQ(ariha->merged.killed, 2);  // the analyst's value wins
  auto counts = store_->Counts();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->events, 4);
  // Fewer events than before: the vanished one's log goes with it, the rest stays.
  DocumentToStore fewer = Doc("a", Words("alpha", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05", 4)});
  r = store_->ReplaceEvents("a", "{}", fewer.events, {}, "2024-03-02T00:00:00Z",
                            incidents::DefaultMatcher());
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->incident_ids, std::vector<std::string>{"a#0"});
  EXPECT_FALSE(incidents::LoadIncident(*store_, "a#1").has_value());
  EXPECT_EQ(store_->Corrections("a#1")->size(), 1u);  // kept under its id
  // Unknown documents and copies.
  EXPECT_EQ(store_->ReplaceEvents("zzz", "{}", {}, {}, "t", incidents::DefaultMatcher())
                .error()
                .code(),
            StatusCode::kNotFound);
  Put(Doc("copy-of-a", Words("alpha", 40), {}));
  auto copy = store_->ReplaceEvents("copy-of-a", "{}", fewer.events, {}, "t",
                                    incidents::DefaultMatcher());
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->outcome, PutOutcome::kCopy);
  EXPECT_EQ(store_->DocumentIds()->size(), 3u);
}

TEST_P(StoreConformance, MergeIncidentsJoinsTwoAndLogsWhy) {
  Put(Doc("a", Words("alpha", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05", 3)}));
  Put(Doc("b", Words("beta", 40), {Event("Ariha", 35.81, 36.61, "2023-12-05", 5)}));
  ASSERT_EQ(store_->Counts()->incidents, 2);
  Status st = store_->MergeIncidents("a#0", "b#0", "one strike, two names", "2024-02-02T00:00:00Z");
  ASSERT_TRUE(st.ok()) << st.message();
  auto a = incidents::LoadIncident(*store_, "a#0");
  ASSERT_TRUE(a) << a.error().message();
  EXPECT_EQ(a->doc_ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_NE(a->merges.back().reason.find("one strike, two names"), std::string::npos);
  EXPECT_FALSE(incidents::LoadIncident(*store_, "b#0").has_value());  // empty now
  EXPECT_EQ(store_->Counts()->incidents, 1);
  auto all = incidents::QueryIncidents(*store_, StoreQuery{});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 1u);
  // Split again, then merge back by hand: the analyst's merge overrides the split.
  auto split = store_->Unmerge("a#0", "b", "no, two strikes", "2024-02-03T00:00:00Z");
  ASSERT_TRUE(split) << split.error().message();
  EXPECT_TRUE(store_->MergeIncidents("a#0", *split, "yes, one", "2024-02-04T00:00:00Z").ok());
  EXPECT_EQ(incidents::LoadIncident(*store_, "a#0")->doc_ids.size(), 2u);
  EXPECT_EQ(store_->MergeIncidents("a#0", "a#0", "x", "t").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->MergeIncidents("a#0", "nope", "x", "t").code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, CorrectionsWinAndAreKeptApart) {
  Put(Doc("a", Words("alpha", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05", 3)}));
  ASSERT_TRUE(incidents::CorrectIncident(*store_, "a#0", "actor1", "Islamic State", "ana",
                                         "video evidence", "2024-02-01T00:00:00Z"));
  EXPECT_FALSE(incidents::CorrectIncident(*store_, "nope", "killed", "1", "ana", "x", "t"));
  EXPECT_FALSE(incidents::CorrectIncident(*store_, "a#0", "killed", "lots", "ana", "x", "t"));
  // A new report of the same incident does not overwrite the analyst's value.
  Put(Doc("b", Words("beta", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05", 9)}));
  auto inc = incidents::LoadIncident(*store_, "a#0");
  ASSERT_TRUE(inc);
  EXPECT_EQ(inc->merged.actor1, "Islamic State");
  EXPECT_EQ(inc->doc_ids.size(), 2u);
  auto corr = store_->Corrections("a#0");
  ASSERT_EQ(corr->size(), 1u);
  EXPECT_EQ((*corr)[0].by, "ana");
  EXPECT_EQ((*corr)[0].reason, "video evidence");
}

TEST_P(StoreConformance, QueryFilters) {
  Put(Doc("a", Words("alpha", 40) + " barrel", {Event("Sarmin", 35.9, 36.72, "2023-12-05", 3)}));
  Put(Doc("b", Words("beta", 40), {Event("Aleppo", 36.2, 37.16, "2024-03-01", 10)}));
  auto q = [&](StoreQuery query) {
    std::vector<std::string> ids;
    auto r = incidents::QueryIncidents(*store_, query);
    EXPECT_TRUE(r) << (r ? "" : r.error().message());
    if (r)
      for (const auto& i : *r) ids.push_back(i.id);
    return ids;
  };
  EXPECT_EQ(q({}).size(), 2u);
  StoreQuery box;
  ASSERT_TRUE(incidents::ParseBbox("36.5,35.5,36.9,36.0", box).ok());
  EXPECT_EQ(q(box), std::vector<std::string>{"a#0"});
  StoreQuery dates{.from = "2024-01-01", .to = "2024-12-31"};
  EXPECT_EQ(q(dates), std::vector<std::string>{"b#0"});
  StoreQuery killed{.min_killed = 5};
  EXPECT_EQ(q(killed), std::vector<std::string>{"b#0"});
  StoreQuery text{.text = "barrel"};
  EXPECT_EQ(q(text), std::vector<std::string>{"a#0"});
  StoreQuery actor{.actor = "military forces"};
  EXPECT_EQ(q(actor).size(), 2u);
  StoreQuery type{.type = "Air/drone strike"};
  EXPECT_EQ(q(type).size(), 2u);
  StoreQuery admin{.admin1 = "idlib"};
  EXPECT_EQ(q(admin).size(), 2u);
  StoreQuery bad{.type = "Picnic"};
  EXPECT_FALSE(incidents::QueryIncidents(*store_, bad));
  StoreQuery bad_box;
  EXPECT_FALSE(incidents::ParseBbox("1,2,3", bad_box).ok());
  EXPECT_FALSE(incidents::ParseBbox("a,b,c,d", bad_box).ok());
}

TEST_P(StoreConformance, AFailedDocumentLeavesNothingBehind) {
  auto d =
      Doc("a", Words("alpha", 40),
          {Event("Sarmin", 35.9, 36.72, "2023-12-05"), Event("Afes", 35.92, 36.74, "2023-12-05")});
  d.events[1].id = d.events[0].id;  // a duplicate event id makes the second insert fail
  EXPECT_FALSE(store_->PutDocument(d, incidents::DefaultMatcher()));
  auto doc = store_->GetDocument("a");
  ASSERT_TRUE(doc);
  EXPECT_FALSE(*doc);
  EXPECT_EQ(store_->Counts()->events, 0);
}

TEST_P(StoreConformance, ReopenKeepsEverything) {
  Put(Doc("a", Words("alpha", 40), {Event("Sarmin", 35.9, 36.72, "2023-12-05")}));
  store_.reset();
  auto s = GetParam().open(dir_);
  ASSERT_TRUE(s) << s.error().message();
  store_ = std::move(*s);
  EXPECT_EQ(store_->Counts()->events, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::ValuesIn(Backends()),
                         [](const auto& p) { return p.param.name; });

// SQLite files.
class SqliteFile : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = TempDir(); }
  void TearDown() override {
    chmod(dir_.c_str(), 0700);
    fs::remove_all(dir_);
  }
  std::string dir_;
};

TEST_F(SqliteFile, GarbageFileIsRefusedNamingIt) {
  std::string path = dir_ + "/junk.db";
  std::ofstream(path) << std::string(5000, 'x');
  auto s = OpenSqliteStore(path);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), StatusCode::kCorrupt);
  EXPECT_NE(s.error().message().find(path), std::string::npos) << s.error().message();
  EXPECT_EQ(fs::file_size(path), 5000u);  // left as it was
}

TEST_F(SqliteFile, TruncatedDatabaseGivesAClearError) {
  std::string path = dir_ + "/t.db";
  {
    auto s = OpenSqliteStore(path);
    ASSERT_TRUE(s);
    for (int i = 0; i < 50; ++i) {
      auto d = Doc("d" + std::to_string(i), Words("doc" + std::to_string(i), 300), {});
      ASSERT_TRUE((*s)->PutDocument(d, nullptr));
    }
  }
  ASSERT_GT(fs::file_size(path), 8192u);
  fs::resize_file(path, fs::file_size(path) / 3);
  auto s = OpenSqliteStore(path);
  if (s) {  // the header survived: reading must fail cleanly instead
    auto all = (*s)->Counts();
    ASSERT_FALSE(all);
    EXPECT_NE(all.error().message().find(path), std::string::npos) << all.error().message();
  } else {
    EXPECT_NE(s.error().message().find(path), std::string::npos) << s.error().message();
  }
}

TEST_F(SqliteFile, NewerSchemaIsRefused) {
  std::string path = dir_ + "/new.db";
  { ASSERT_TRUE(OpenSqliteStore(path)); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_version VALUES (999)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto s = OpenSqliteStore(path);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), StatusCode::kUnsupported);
  EXPECT_NE(s.error().message().find("newer harmwatch"), std::string::npos);
  EXPECT_NE(s.error().message().find(path), std::string::npos);
}

TEST_F(SqliteFile, SchemaVersionIsRecorded) {
  std::string path = dir_ + "/v.db";
  { ASSERT_TRUE(OpenSqliteStore(path)); }
  { ASSERT_TRUE(OpenSqliteStore(path)); }  // a second open migrates nothing
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*), max(version) FROM schema_version", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), CurrentSchemaVersion());
  EXPECT_EQ(sqlite3_column_int(st, 1), CurrentSchemaVersion());
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(SqliteFile, DiskFullFailsCleanlyAndKeepsWhatWasStored) {
  std::string path = dir_ + "/full.db";
  int64_t pages = 0;
  {
    auto s = OpenSqliteStore(path);
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->PutDocument(
        Doc("first", Words("first", 50), {Event("Sarmin", 35.9, 36.72, "2023-12-05")}),
        incidents::DefaultMatcher()));
  }
  pages = static_cast<int64_t>(fs::file_size(path) / 4096) + 40;
  auto s = OpenSqliteStore(path, SqliteOptions{pages});
  ASSERT_TRUE(s) << s.error().message();
  Status failure;
  int stored = 0;
  for (int i = 0; i < 200 && failure.ok(); ++i) {
    auto r = (*s)->PutDocument(Doc("d" + std::to_string(i), Words("big" + std::to_string(i), 2000),
                                   {Event("Aleppo", 36.2, 37.16, "2024-01-01")}),
                               incidents::DefaultMatcher());
    if (r)
      ++stored;
    else
      failure = r.error();
  }
  ASSERT_FALSE(failure.ok()) << "the page cap never bit";
  EXPECT_NE(failure.message().find("disk full"), std::string::npos) << failure.message();
  EXPECT_NE(failure.message().find(path), std::string::npos) << failure.message();
  s->reset();
  auto again = OpenSqliteStore(path);
  ASSERT_TRUE(again) << again.error().message();
  auto counts = (*again)->Counts();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->documents, stored + 1);  // the failed document left nothing
  EXPECT_EQ(counts->events, stored + 1);
  auto first = (*again)->GetDocument("first");
  ASSERT_TRUE(first && *first);
}

TEST_F(SqliteFile, ReadOnlyPlacesAreRefusedNamingThem) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores permissions";
  chmod(dir_.c_str(), 0500);
  std::string path = dir_ + "/x.db";
  auto s = OpenSqliteStore(path);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message().find(path), std::string::npos) << s.error().message();
}

TEST_F(SqliteFile, MissingFolderIsRefusedNamingIt) {
  std::string path = dir_ + "/no/such/folder/x.db";
  auto s = OpenSqliteStore(path);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message().find(path), std::string::npos) << s.error().message();
}

}  // namespace
}  // namespace harmwatch
