// harmwatch-store-bench: builds an incident store of N events (default 1,000,000) and
// times bbox + time-window queries on it.
//
//   harmwatch-store-bench [--events N] [--db PATH] [--queries N] [--seed N]
//                         [--corpus DIR] [--markdown]
//
// Templates: the engine's records of the dev corpus (English articles and the ACLED
// notes), events with coordinates only. Document k copies template k mod T with its
// dates shifted by a random number of days (2011-2025) and its places by up to
// kShiftDegrees, so incidents spread over Syria-sized space and 15 years, and goes in
// through Store::PutDocument with the real merge matcher, one transaction each.
// Then `--queries` random queries (a kQueryDegrees box, a kQueryDays window):
// incidents::QueryIncidents (candidates + merged view + filter), timed one by one.
// Checks: the store holds exactly the events put in; every incident a query returns
// lies in its box and window (else exit 1).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "gazetteer_setup.h"
#include "harmwatch/incidents/incidents.h"
#include "harmwatch/ingest/readers.h"
#include "harmwatch/merge/merge.h"
#include "harmwatch/model/json_output.h"
#include "harmwatch/pipeline/engine.h"

namespace harmwatch {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Places move by up to this many degrees (about 100 km) from the template's.
constexpr double kShiftDegrees = 1.0;
// Dates move to a random day of 2011-2025.
constexpr int kFirstDay = 15000, kDaySpan = 5400;
// Moved copies of a template place get one of this many name keys each.
constexpr size_t kPlaces = 5000;
// A query: a box this wide (about 50 km) and a window this long.
constexpr double kQueryDegrees = 0.5;
constexpr int kQueryDays = 30;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

std::string IsoDay(int days) {
  // civil_from_days (Howard Hinnant).
  days += 719468;
  int era = (days >= 0 ? days : days - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(days - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y + (m <= 2), m, d);
  return buf;
}

struct Template {
  DocumentToStore doc;  // events with coordinates only
};

int Run(int argc, char** argv) {
  size_t target = 1000000;
  int queries = 200;
  unsigned seed = 1;
  bool markdown = false;
  std::string db = "store-bench.db";
  std::string corpus = HARMWATCH_SHARED_DIR "/corpus/dev";
  CLI::App app{"harmwatch-store-bench: incident store ingest and query figures"};
  app.add_option("--events", target, "Events to store")->capture_default_str();
  app.add_option("--db", db, "Database file (replaced)")->capture_default_str();
  app.add_option("--queries", queries, "Queries to time")->capture_default_str();
  app.add_option("--seed", seed, "Random seed")->capture_default_str();
  app.add_option("--corpus", corpus, "Dev corpus folder")->capture_default_str();
  app.add_flag("--markdown", markdown, "Print one BENCHLOG.md table row");
  CLI11_PARSE(app, argc, argv);

  // Templates from the engine.
  std::vector<std::string> warnings;
  auto layers = cli::ResolveGazetteerLayers(HARMWATCH_DEFAULT_VAR_DIR, {}, &warnings);
  if (!layers) {
    std::cerr << layers.error().message() << "\n";
    return 1;
  }
  auto engine = Engine::Create(EngineOptions{HARMWATCH_DEFAULT_DATA_DIR, *layers});
  if (!engine) {
    std::cerr << engine.error().message() << "\n";
    return 1;
  }
  std::vector<InputDocument> inputs;
  for (const std::string& in : {corpus + "/en", corpus + "/acled/acled-syria-dev.input.jsonl"}) {
    Status st = ReadInput(in, ReadOptions{}, [&](Result<InputDocument> d) {
      if (d) inputs.push_back(std::move(*d));
    });
    if (!st.ok()) std::cerr << st.message() << "\n";
  }
  std::vector<Template> templates;
  for (const auto& in : inputs) {
    DocumentRecord rec = (*engine)->Extract(in);
    auto doc = incidents::PrepareDocument(rec, "2026-01-01T00:00:00Z");
    if (!doc) continue;
    std::erase_if(doc->events, [](const EventRow& e) { return !e.lat || !e.lon; });
    if (doc->events.empty()) continue;
    templates.push_back({std::move(*doc)});
  }
  if (templates.empty()) {
    std::cerr << "no template events (is the gazetteer set up?)\n";
    return 1;
  }

  fs::remove(db);
  fs::remove(db + "-wal");
  fs::remove(db + "-shm");
  auto store = OpenSqliteStore(db);
  if (!store) {
    std::cerr << store.error().message() << "\n";
    return 1;
  }
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> shift(-kShiftDegrees, kShiftDegrees);
  // The shift of a copy depends on its place key's number, so one moved place keeps
  // one position.
  std::vector<std::pair<double, double>> moves(kPlaces);
  for (auto& m : moves) m = {shift(rng), shift(rng)};
  std::uniform_int_distribution<int> day(kFirstDay, kFirstDay + kDaySpan);
  IncidentMatcher matcher = incidents::DefaultMatcher();
  size_t events = 0, docs = 0;
  auto t0 = Clock::now();
  while (events < target) {
    const Template& t = templates[docs % templates.size()];
    DocumentToStore d = t.doc;
    d.id = "bench-" + std::to_string(docs);
    d.original += "\n[bench copy " + std::to_string(docs) + "]";
    d.text = d.original;
    d.sha256 = incidents::Sha256Hex(d.original);
    d.text_sha256 = d.sha256;
    // Copies of one template are near-duplicates by design; the bench measures the
    // store, so it skips that check (the conformance suite covers it).
    d.minhash.clear();
    d.bands.clear();
    auto [dlat, dlon] = moves[docs % kPlaces];
    int base = day(rng);
    int first = 0;
    for (size_t i = 0; i < d.events.size(); ++i) {
      EventRow& e = d.events[i];
      auto own = e.date ? merge::DayNumber(*e.date) : std::nullopt;
      if (i == 0) first = own.value_or(base);
      e.date = IsoDay(base + (own ? *own - first : 0));
      e.date_precision = std::min(e.date_precision, 2);
      *e.lat += dlat;
      *e.lon += dlon;
      e.doc_id = d.id;
      e.id = d.id + "#" + std::to_string(i);
      // A moved place is another place: its own name key, no gazetteer id. About
      // kPlaces distinct places, each a template place moved somewhere.
      e.geonameid.reset();
      e.pcode.clear();
      e.place_key += "~" + std::to_string(docs % kPlaces);
    }
    if (events + d.events.size() > target) d.events.resize(target - events);
    auto r = (*store)->PutDocument(d, matcher);
    if (!r) {
      std::cerr << r.error().message() << "\n";
      return 1;
    }
    events += d.events.size();
    ++docs;
    if (docs % 20000 == 0) {
      std::fprintf(stderr, "  %zu events, %.0f events/s\n", events,
                   static_cast<double>(events) / Seconds(t0, Clock::now()));
    }
  }
  double ingest_s = Seconds(t0, Clock::now());
  auto counts = (*store)->Counts();
  if (!counts || static_cast<size_t>(counts->events) != events) {
    std::cerr << "check failed: the store holds a different number of events\n";
    return 1;
  }
  store->reset();
  uintmax_t bytes = fs::file_size(db);
  if (fs::exists(db + "-wal")) bytes += fs::file_size(db + "-wal");
  auto reopened = OpenSqliteStore(db);
  if (!reopened) {
    std::cerr << reopened.error().message() << "\n";
    return 1;
  }

  // Queries: boxes centred on random template places, random windows.
  std::vector<double> ms;
  size_t returned = 0;
  for (int q = 0; q < queries; ++q) {
    const Template& t = templates[rng() % templates.size()];
    const EventRow& e = t.doc.events[0];
    double lat = *e.lat + shift(rng), lon = *e.lon + shift(rng);
    int from = day(rng);
    StoreQuery query;
    query.west = lon - kQueryDegrees / 2;
    query.east = lon + kQueryDegrees / 2;
    query.south = lat - kQueryDegrees / 2;
    query.north = lat + kQueryDegrees / 2;
    query.from = IsoDay(from);
    query.to = IsoDay(from + kQueryDays);
    auto q0 = Clock::now();
    auto found = incidents::QueryIncidents(**reopened, query);
    ms.push_back(Seconds(q0, Clock::now()) * 1000);
    if (!found) {
      std::cerr << found.error().message() << "\n";
      return 1;
    }
    for (const auto& inc : *found) {
      const EventRow& m = inc.merged;
      if (!m.date || *m.date < query.from || *m.date > query.to || *m.lat < *query.south ||
          *m.lat > *query.north || *m.lon < *query.west || *m.lon > *query.east) {
        std::cerr << "check failed: incident " << inc.id << " is outside the query\n";
        return 1;
      }
    }
    returned += found->size();
  }
  std::sort(ms.begin(), ms.end());
  double median = ms[ms.size() / 2];
  double p99 = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  double rate = static_cast<double>(events) / ingest_s;
  std::fprintf(stderr,
               "events %zu, documents %zu, incidents %lld, templates %zu\n"
               "ingest %.1f s = %.0f events/s (%.0f documents/s)\n"
               "database %.1f MB\n"
               "bbox %.1f deg + %d-day window: median %.2f ms, p99 %.2f ms, %.1f incidents per "
               "query (%d queries)\n",
               events, docs, static_cast<long long>(counts->incidents), templates.size(), ingest_s,
               rate, static_cast<double>(docs) / ingest_s, static_cast<double>(bytes) / 1e6,
               kQueryDegrees, kQueryDays, median, p99, static_cast<double>(returned) / queries,
               queries);
  if (markdown) {
    std::printf("| %zu | %zu | %lld | %.0f | %.0f | %.0f | %.2f | %.2f | %.1f | ok |\n", events,
                docs, static_cast<long long>(counts->incidents), ingest_s, rate,
                static_cast<double>(bytes) / 1e6, median, p99,
                static_cast<double>(returned) / queries);
  }
  return 0;
}

}  // namespace
}  // namespace harmwatch

int main(int argc, char** argv) { return harmwatch::Run(argc, argv); }
