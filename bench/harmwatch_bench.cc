// harmwatch-bench: throughput, start-up and memory of the extraction engine over the
// dev corpus, checking its own output as it goes.
//
//   harmwatch-bench [--corpus DIR] [--gazetteer SRC]... [--reps N] [--threads N]
//                   [--data-dir DIR] [--var-dir DIR] [--markdown LABEL]
//
// It reads every document of the corpus into memory first (ReadInput, as the CLI
// does), so the figures are the engine's and the serializer's, not the disk's. Then:
//   start-up     Engine::Create + the first document's record serialized, from cold
//   1 thread     best of N passes; every pass must give the same event count and the
//                same output digest
//   T threads    the CLI's OrderedParallelMap; output digest must equal 1 thread's
//   peak memory  getrusage ru_maxrss at the end
// Exit status 1 when a check fails. --markdown prints one BENCHLOG.md table row.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "gazetteer_setup.h"
#include "harmwatch/ingest/readers.h"
#include "harmwatch/model/json_output.h"
#include "harmwatch/pipeline/engine.h"
#include "ordered_map.h"

namespace harmwatch {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// FNV-1a over the output lines in order: the same digest means byte-identical output.
struct Digest {
  uint64_t h = 1469598103934665603ull;
  void Add(const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ '\n') * 1099511628211ull;
  }
};

// Computed after the clock stops: the check is the bench's, not the engine's work.
uint64_t DigestOf(const std::vector<std::string>& lines) {
  Digest digest;
  for (const auto& line : lines) digest.Add(line);
  return digest.h;
}

struct PassResult {
  double seconds = 0;
  size_t events = 0;
  uint64_t digest = 0;
};

// The corpus inputs as the CLI test passes them: folders of articles (.txt), and the
// *.input.jsonl files of the ACLED and FA-KES sets (their gold files are skipped).
std::vector<std::string> CorpusInputs(const std::string& dev) {
  std::vector<std::string> inputs;
  std::vector<fs::path> subs;
  for (const auto& e : fs::directory_iterator(dev)) {
    if (e.is_directory()) subs.push_back(e.path());
  }
  std::sort(subs.begin(), subs.end());
  for (const auto& d : subs) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(d)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    bool has_txt = std::any_of(files.begin(), files.end(),
                               [](const fs::path& p) { return p.extension() == ".txt"; });
    if (has_txt) {
      inputs.push_back(d.string());
      continue;
    }
    for (const auto& f : files) {
      const std::string name = f.filename().string();
      if (name.size() > 12 && name.ends_with(".input.jsonl")) inputs.push_back(f.string());
    }
  }
  return inputs;
}

PassResult SerialPass(const Engine& engine, const std::vector<InputDocument>& docs) {
  PassResult r;
  std::vector<std::string> lines;
  lines.reserve(docs.size());
  auto t0 = Clock::now();
  for (const auto& doc : docs) {
    DocumentRecord rec = engine.Extract(doc);
    r.events += rec.events.size();
    lines.push_back(ToJsonLine(rec));
  }
  r.seconds = Seconds(t0, Clock::now());
  r.digest = DigestOf(lines);
  return r;
}

struct Rendered {
  size_t events = 0;
  std::string line;
};

PassResult ParallelPass(const Engine& engine, const std::vector<InputDocument>& docs,
                        int threads) {
  PassResult r;
  std::vector<std::string> lines;
  lines.reserve(docs.size());
  auto t0 = Clock::now();
  {
    cli::OrderedParallelMap<const InputDocument*, Rendered> pool(
        threads, cli::kWindowPerThread * static_cast<size_t>(threads),
        [&](const InputDocument* doc) {
          DocumentRecord rec = engine.Extract(*doc);
          return Rendered{rec.events.size(), ToJsonLine(rec)};
        },
        [&](Rendered out) {
          r.events += out.events;
          lines.push_back(std::move(out.line));
        });
    for (const auto& doc : docs) pool.Push(&doc);
    pool.Finish();
  }
  r.seconds = Seconds(t0, Clock::now());
  r.digest = DigestOf(lines);
  return r;
}

int Run(int argc, char** argv) {
  CLI::App app{"harmwatch-bench: engine throughput, start-up and memory over the dev corpus"};
  std::string corpus = std::string(HARMWATCH_SHARED_DIR) + "/corpus/dev";
  std::string data_dir = HARMWATCH_DEFAULT_DATA_DIR;
  std::string var_dir = HARMWATCH_DEFAULT_VAR_DIR;
  std::vector<std::string> gazetteers;
  int reps = 3, threads = 2;
  std::string markdown;
  app.add_option("--corpus", corpus, "Corpus folder (default ../shared/corpus/dev)");
  app.add_option("--gazetteer", gazetteers, "Extra gazetteer layer, as extract --gazetteer");
  app.add_option("--reps", reps, "Single-thread passes (best is reported)")
      ->check(CLI::Range(1, 100));
  app.add_option("--threads", threads, "Threads for the parallel pass")->check(CLI::Range(2, 256));
  app.add_option("--data-dir", data_dir, "Lexicons and actor tables");
  app.add_option("--var-dir", var_dir, "Compiled gazetteer layers");
  app.add_option("--markdown", markdown, "Also print a BENCHLOG.md row with this label");
  CLI11_PARSE(app, argc, argv);

  // 1. Read the corpus (not timed).
  std::vector<InputDocument> docs;
  size_t read_errors = 0;
  for (const auto& input : CorpusInputs(corpus)) {
    Status st = ReadInput(input, ReadOptions{}, [&](Result<InputDocument> doc) {
      if (doc) {
        docs.push_back(std::move(*doc));
      } else {
        ++read_errors;
        std::cerr << "bench: " << doc.error().message() << "\n";
      }
    });
    if (!st.ok()) {
      std::cerr << "bench: " << input << ": " << st.message() << "\n";
      ++read_errors;
    }
  }
  if (docs.empty()) {
    std::cerr << "bench: no documents under " << corpus << "\n";
    return 1;
  }
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.text.size();
  const double mb = static_cast<double>(bytes) / 1e6;

  // 2. Start-up: layers resolved (imports cached beforehand), engine created, first
  //    document out. The --gazetteer import itself is timed separately: it runs once
  //    and is cached for later runs.
  std::vector<std::string> warnings;
  auto t_resolve = Clock::now();
  auto layers = cli::ResolveGazetteerLayers(var_dir, gazetteers, &warnings);
  const double resolve_s = Seconds(t_resolve, Clock::now());
  for (const auto& w : warnings) std::cerr << "bench: " << w << "\n";
  if (!layers) {
    std::cerr << "bench: " << layers.error().message() << "\n";
    return 1;
  }
  auto t_start = Clock::now();
  auto engine_or = Engine::Create(EngineOptions{data_dir, *layers});
  if (!engine_or) {
    std::cerr << "bench: " << engine_or.error().message() << "\n";
    return 1;
  }
  const double create_s = Seconds(t_start, Clock::now());
  const Engine& engine = **engine_or;
  std::string first = ToJsonLine(engine.Extract(docs.front()));
  const double startup_s = Seconds(t_start, Clock::now());

  // 3. Single thread: a warm-up pass, then `reps` timed passes that must agree. Each
  //    timed pass gets a new engine (created untimed): the engine remembers gazetteer
  //    answers across documents, and a pass over text it has already seen would
  //    overstate the speed on new text.
  bool ok = true;
  PassResult base = SerialPass(engine, docs);
  PassResult best = base;
  engine_or->reset();  // one engine at a time: the peak-memory figure is one engine's
  for (int i = 0; i < reps; ++i) {
    auto fresh = Engine::Create(EngineOptions{data_dir, *layers});
    if (!fresh) {
      std::cerr << "bench: " << fresh.error().message() << "\n";
      return 1;
    }
    PassResult r = SerialPass(**fresh, docs);
    if (r.events != base.events || r.digest != base.digest) {
      std::cerr << "bench: FAIL: pass " << i + 1 << " differs from the first (" << r.events
                << " vs " << base.events << " events)\n";
      ok = false;
    }
    if (r.seconds < best.seconds) best = r;
  }

  // 4. T threads: same digest as one thread, each pass on a new engine too.
  auto fresh_parallel = [&]() -> PassResult {
    auto fresh = Engine::Create(EngineOptions{data_dir, *layers});
    if (!fresh) {
      std::cerr << "bench: " << fresh.error().message() << "\n";
      std::exit(1);
    }
    return ParallelPass(**fresh, docs, threads);
  };
  PassResult par = fresh_parallel();
  for (int i = 1; i < reps; ++i) {
    PassResult r = fresh_parallel();
    if (r.digest != par.digest) ok = false;
    if (r.seconds < par.seconds) par = r;
  }
  if (par.events != base.events || par.digest != base.digest) {
    std::cerr << "bench: FAIL: " << threads << " threads differ from 1 thread (" << par.events
              << " vs " << base.events << " events)\n";
    ok = false;
  }

  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  const double peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: KiB

  const double mbps = mb / best.seconds;
  const double docps = static_cast<double>(docs.size()) / best.seconds;
  const double speedup = best.seconds / par.seconds;
  std::printf("corpus           %s: %zu documents, %.2f MB of text, %zu read errors\n",
              corpus.c_str(), docs.size(), mb, read_errors);
  std::printf("gazetteer        %zu layer file(s)%s; resolve/import %.3f s\n", layers->size(),
              gazetteers.empty() ? " (default)" : " (default + --gazetteer)", resolve_s);
  std::printf("start-up         %.3f s (Engine::Create %.3f s, then first record)\n", startup_s,
              create_s);
  std::printf("1 thread         %.2f MB/s, %.0f documents/s (best of %d, %.3f s/pass), %zu "
              "events\n",
              mbps, docps, reps, best.seconds, best.events);
  std::printf("%d threads        %.2f MB/s, speed-up %.2fx\n", threads, mb / par.seconds,
              speedup);
  std::printf("peak memory      %.1f MB (ru_maxrss)\n", peak_mb);
  std::printf("checks           %s (event count and output digest equal on every pass and "
              "thread count)\n",
              ok ? "ok" : "FAILED");
  if (!markdown.empty()) {
    std::printf("| %s | %zu | %.2f | %.2f | %.0f | %.3f | %.1f | %.2fx | %zu | %s |\n",
                markdown.c_str(), docs.size(), mb, mbps, docps, startup_s, peak_mb, speedup,
                best.events, ok ? "ok" : "FAILED");
  }
  (void)first;
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace harmwatch

int main(int argc, char** argv) { return harmwatch::Run(argc, argv); }
