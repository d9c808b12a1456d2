// The incident store's subcommands: `ingest` (extract and store reports), `reextract`
// (extract stored reports again with this engine and gazetteer), `query`, `export`,
// `correct` and `unmerge`. All go through the incidents library, as the web server will.
//
// `ingest` shape: this thread reads inputs in order; N workers extract and prepare each
// document (hashes, signature, event rows); one writer stores them in input order, one
// transaction per document, so a kill at any moment leaves whole documents only.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli_common.h"
#include "commands.h"
#include "harmwatch/incidents/export.h"
#include "harmwatch/incidents/incidents.h"
#include "harmwatch/ingest/readers.h"
#include "harmwatch/store/store.h"
#include "ordered_map.h"

namespace harmwatch::cli {
namespace {

constexpr const char* kDefaultDb = "harmwatch.db";

struct Prepared {
  Result<DocumentToStore> doc = Err(Status::Internal("unset"));
};

int Fail(const Status& st) {
  std::cerr << "harmwatch: " << st.message() << "\n";
  return 1;
}

// Opens a store that must already exist (query, export, correct).
std::unique_ptr<Store> OpenExisting(const std::string& path, int* code) {
  struct stat sb;
  if (stat(path.c_str(), &sb) != 0) {
    std::cerr << "harmwatch: " << path << ": no database here (run `harmwatch ingest` first)\n";
    *code = 1;
    return nullptr;
  }
  auto store = OpenSqliteStore(path);
  if (!store) {
    *code = Fail(store.error());
    return nullptr;
  }
  return std::move(*store);
}

struct IngestArgs {
  std::string db = kDefaultDb;
  std::vector<std::string> inputs, gazetteers;
  std::string published, data_dir;
  int threads = 1;
};

int RunIngest(const IngestArgs& args) {
  auto store = OpenSqliteStore(args.db);
  if (!store) return Fail(store.error());
  std::unique_ptr<Engine> engine = OpenEngine(args.data_dir, args.gazetteers);
  if (!engine) return 1;
  const std::string now = incidents::NowUtc();
  bool failed = false, store_broken = false;
  size_t counts[5] = {0, 0, 0, 0, 0}, events = 0;
  {
    OrderedParallelMap<Result<InputDocument>, Prepared> pool(
        args.threads, kWindowPerThread * static_cast<size_t>(args.threads),
        [&](Result<InputDocument> item) -> Prepared {
          if (!item) return {Err(item.error())};
          DocumentRecord record = engine->Extract(*item);
          return {incidents::PrepareDocument(record, now)};
        },
        [&](Prepared p) {
          if (!p.doc) {
            failed = true;
            std::cerr << "harmwatch: " << p.doc.error().message() << "\n";
            return;
          }
          if (store_broken) return;
          auto r = (*store)->PutDocument(*p.doc, incidents::DefaultMatcher());
          if (!r) {
            // The database itself failed (disk full, I/O): stop writing; what is
            // committed stays.
            failed = store_broken = true;
            std::cerr << "harmwatch: " << p.doc->id << ": not stored: " << r.error().message()
                      << "\n";
            return;
          }
          ++counts[static_cast<int>(r->outcome)];
          events += r->incident_ids.size();
          if (r->outcome == PutOutcome::kConflict) {
            failed = true;
            std::cerr << "harmwatch: " << p.doc->id
                      << ": another document with this id but different bytes is stored; "
                         "kept the stored one\n";
          }
        });
    ReadOptions options;
    options.published = args.published;
    for (const std::string& input : args.inputs) {
      Status st =
          ReadInput(input, options, [&](Result<InputDocument> doc) { pool.Push(std::move(doc)); });
      if (!st.ok()) {
        pool.Push(Err(st.message().rfind(input, 0) == 0 ? st : st.WithContext(input)));
      }
    }
    pool.Finish();
  }
  auto totals = (*store)->Counts();
  std::cerr << "harmwatch: " << args.db << ": " << counts[0] << " new, " << counts[1]
            << " unchanged, " << counts[2] << " copies, " << counts[3] << " near-duplicates, "
            << counts[4] << " conflicts; " << events << " events stored";
  if (totals) {
    std::cerr << "; now " << totals->documents << " documents, " << totals->events << " events, "
              << totals->incidents << " incidents";
  }
  std::cerr << "\n";
  return failed ? 1 : 0;
}

struct ReextractArgs {
  std::string db = kDefaultDb;
  std::vector<std::string> docs, gazetteers;
  std::string data_dir;
};

// One document at a time, each its own transaction: an interrupted run leaves every
// document either as it was or re-extracted.
int RunReextract(const ReextractArgs& args) {
  int code = 0;
  auto store = OpenExisting(args.db, &code);
  if (!store) return code;
  std::unique_ptr<Engine> engine = OpenEngine(args.data_dir, args.gazetteers);
  if (!engine) return 1;
  std::vector<std::string> ids = args.docs;
  if (ids.empty()) {
    auto all = store->DocumentIds();
    if (!all) return Fail(all.error());
    ids = std::move(*all);
  }
  const std::string now = incidents::NowUtc();
  bool failed = false;
  size_t done = 0, copies = 0, events = 0;
  for (const std::string& id : ids) {
    auto stored = store->GetDocument(id);
    if (!stored) return Fail(stored.error());
    if (!*stored) {
      std::cerr << "harmwatch: " << args.db << ": no document " << id << "\n";
      failed = true;
      continue;
    }
    auto input = incidents::StoredInput(**stored);
    if (!input) return Fail(input.error());
    auto r = incidents::ReplaceRecord(*store, engine->Extract(*input), now);
    if (!r) return Fail(r.error());  // the database failed: stop; done documents stay done
    if (r->outcome == PutOutcome::kNew) {
      ++done;
      events += r->incident_ids.size();
    } else {
      ++copies;
    }
  }
  auto totals = store->Counts();
  std::cerr << "harmwatch: " << args.db << ": " << done << " documents re-extracted (" << events
            << " events), " << copies << " copies left as they are";
  if (totals) std::cerr << "; now " << totals->events << " events, " << totals->incidents << " incidents";
  std::cerr << "\n";
  return failed ? 1 : 0;
}

struct QueryArgs {
  std::string db = kDefaultDb;
  std::string bbox, format;
  StoreQuery q;
  int min_killed = -1;
  size_t limit = 0;
};

void AddFilters(CLI::App* cmd, QueryArgs& a) {
  cmd->add_option("--db", a.db, "Database file")->capture_default_str();
  cmd->add_option("--from", a.q.from, "Incidents on or after YYYY-MM-DD");
  cmd->add_option("--to", a.q.to, "Incidents on or before YYYY-MM-DD");
  cmd->add_option("--bbox", a.bbox, "Box W,S,E,N in degrees");
  cmd->add_option("--admin1", a.q.admin1, "Province / governorate");
  cmd->add_option("--type", a.q.type, "Event or sub-event type (ACLED names)");
  cmd->add_option("--actor", a.q.actor, "Actor name (substring, any case)");
  cmd->add_option("--min-killed", a.min_killed, "At least this many killed");
  cmd->add_option("--text", a.q.text, "Words that a report of the incident contains");
  cmd->add_option("--limit", a.limit, "At most this many incidents");
}

// Fills the query from the options; exit code 2 with a message when a value is bad.
int BuildQuery(QueryArgs& a) {
  if (!a.bbox.empty()) {
    if (Status st = incidents::ParseBbox(a.bbox, a.q); !st.ok()) {
      std::cerr << "harmwatch: " << st.message() << "\n";
      return 2;
    }
  }
  if (a.min_killed != -1) a.q.min_killed = a.min_killed;
  a.q.limit = a.limit;
  if (Status st = incidents::CheckQuery(a.q); !st.ok()) {
    std::cerr << "harmwatch: " << st.message() << "\n";
    return 2;
  }
  return 0;
}

int RunQuery(QueryArgs& a, bool is_export) {
  if (int code = BuildQuery(a)) return code;
  int code = 0;
  auto store = OpenExisting(a.db, &code);
  if (!store) return code;
  auto found = incidents::QueryIncidents(*store, a.q);
  if (!found) return Fail(found.error());
  Status st;
  if (a.format == "jsonl")
    st = incidents::WriteJsonl(*found, std::cout);
  else if (a.format == "acled-csv")
    st = incidents::WriteAcledCsv(*store, *found, std::cout);
  else if (a.format == "geojson")
    st = incidents::WriteGeoJson(*found, std::cout);
  else
    st = incidents::WriteTable(*found, std::cout);
  std::cout.flush();
  if (!st.ok() || !std::cout) return Fail(Status::IoError("error writing to stdout"));
  if (!is_export) std::cerr << "harmwatch: " << found->size() << " incidents\n";
  return 0;
}

struct CorrectArgs {
  std::string db = kDefaultDb, incident, field, value, by, reason, doc;
};

}  // namespace

void RegisterStore(CLI::App& app, int& exit_code) {
  {
    auto a = std::make_shared<IngestArgs>();
    a->data_dir = DataDir();
    CLI::App* cmd = app.add_subcommand(
        "ingest", "Extract reports and store them, merged into incidents, in a database");
    cmd->add_option("INPUT", a->inputs, "Report files, directories, or - for stdin")->required();
    cmd->add_option("--db", a->db, "Database file (created when missing)")->capture_default_str();
    cmd->add_option("--gazetteer", a->gazetteers, "Extra gazetteer layer (repeatable)");
    cmd->add_option("--published", a->published,
                    "Publication date YYYY-MM-DD for inputs that carry none")
        ->check(CLI::Validator(
            [](std::string& s) {
              return IsIsoDay(s) ? std::string() : "expected YYYY-MM-DD, got '" + s + "'";
            },
            "YYYY-MM-DD"));
    cmd->add_option("--threads", a->threads, "Extraction threads (default 1)")
        ->check(CLI::Range(1, 256));
    cmd->add_option("--data-dir", a->data_dir, "Lexicons and actor tables")->capture_default_str();
    cmd->callback([a, &exit_code] { exit_code = RunIngest(*a); });
  }
  {
    auto a = std::make_shared<ReextractArgs>();
    a->data_dir = DataDir();
    CLI::App* cmd = app.add_subcommand(
        "reextract", "Extract stored reports again (a newer engine or gazetteer) and re-merge "
                     "them; corrections stay");
    cmd->add_option("--db", a->db, "Database file")->capture_default_str();
    cmd->add_option("--doc", a->docs, "Only this document (repeatable; default: all)");
    cmd->add_option("--gazetteer", a->gazetteers, "Extra gazetteer layer (repeatable)");
    cmd->add_option("--data-dir", a->data_dir, "Lexicons and actor tables")->capture_default_str();
    cmd->callback([a, &exit_code] { exit_code = RunReextract(*a); });
  }
  {
    auto a = std::make_shared<QueryArgs>();
    a->format = "table";
    CLI::App* cmd = app.add_subcommand("query", "List stored incidents that pass the filters");
    AddFilters(cmd, *a);
    cmd->add_option("--format", a->format, "table (default) or jsonl")
        ->check(CLI::IsMember({"table", "jsonl"}));
    cmd->callback([a, &exit_code] { exit_code = RunQuery(*a, false); });
  }
  {
    auto a = std::make_shared<QueryArgs>();
    CLI::App* cmd =
        app.add_subcommand("export", "Write stored incidents as JSONL, ACLED CSV or GeoJSON");
    AddFilters(cmd, *a);
    cmd->add_option("--format", a->format, "jsonl, acled-csv or geojson")
        ->required()
        ->check(CLI::IsMember({"jsonl", "acled-csv", "geojson"}));
    cmd->callback([a, &exit_code] { exit_code = RunQuery(*a, true); });
  }
  {
    auto a = std::make_shared<CorrectArgs>();
    CLI::App* cmd = app.add_subcommand(
        "correct", "Set one field of one incident (kept apart; wins over extracted values)");
    cmd->add_option("--db", a->db, "Database file")->capture_default_str();
    cmd->add_option("--incident", a->incident, "Incident id")->required();
    cmd->add_option("--field", a->field, "Field name (e.g. killed, actor1, date)")->required();
    cmd->add_option("--value", a->value, "New value (null clears)")->required();
    cmd->add_option("--by", a->by, "Who makes the correction")->required();
    cmd->add_option("--reason", a->reason, "Why")->required();
    cmd->callback([a, &exit_code] {
      int code = 0;
      auto store = OpenExisting(a->db, &code);
      if (!store) {
        exit_code = code;
        return;
      }
      auto id = incidents::CorrectIncident(*store, a->incident, a->field, a->value, a->by,
                                           a->reason, incidents::NowUtc());
      if (!id) {
        std::cerr << "harmwatch: " << id.error().message() << "\n";
        exit_code = id.error().code() == StatusCode::kInvalidArgument ? 2 : 1;
        return;
      }
      std::cerr << "harmwatch: correction " << *id << " recorded for " << a->incident << "\n";
      exit_code = 0;
    });
  }
  {
    auto a = std::make_shared<CorrectArgs>();
    CLI::App* cmd =
        app.add_subcommand("unmerge", "Undo a merge: take one report's events out of an incident");
    cmd->add_option("--db", a->db, "Database file")->capture_default_str();
    cmd->add_option("--incident", a->incident, "Incident id")->required();
    cmd->add_option("--doc", a->doc, "Document id to take out")->required();
    cmd->add_option("--reason", a->reason, "Why")->required();
    cmd->callback([a, &exit_code] {
      int code = 0;
      auto store = OpenExisting(a->db, &code);
      if (!store) {
        exit_code = code;
        return;
      }
      auto id = store->Unmerge(a->incident, a->doc, a->reason, incidents::NowUtc());
      if (!id) {
        exit_code = Fail(id.error());
        return;
      }
      std::cout << *id << "\n";
      exit_code = 0;
    });
  }
}

}  // namespace harmwatch::cli
