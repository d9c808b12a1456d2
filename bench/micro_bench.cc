// harmwatch-micro-bench: Google Benchmark timings of single stages on the bundled
// example report (decode, text and HTML readers, a JSON Lines record, the whole
// engine). For end-to-end corpus figures use harmwatch-bench (bench/run.sh).
#include <fstream>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include "harmwatch/ingest/readers.h"
#include "harmwatch/pipeline/engine.h"

namespace harmwatch {
namespace {

const std::string& Example() {
  static const std::string text = [] {
    std::ifstream f(HARMWATCH_SOURCE_DIR "/examples/idlib-shelling-2024-03.txt");
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }();
  return text;
}

std::string AsHtml(const std::string& text) {
  std::string html = "<html><head><title>Report</title><script>var x=1;</script></head><body>";
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) html += "<p>" + line + "</p>\n";
  return html + "</body></html>";
}

void SetBytes(benchmark::State& state, size_t n) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * n));
}

void BM_DecodeToUtf8(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(DecodeToUtf8(Example()));
  SetBytes(state, Example().size());
}
BENCHMARK(BM_DecodeToUtf8);

void BM_DocumentFromText(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(DocumentFromText(Example()));
  SetBytes(state, Example().size());
}
BENCHMARK(BM_DocumentFromText);

void BM_DocumentFromHtml(benchmark::State& state) {
  const std::string html = AsHtml(Example());
  for (auto _ : state) benchmark::DoNotOptimize(DocumentFromHtml(html));
  SetBytes(state, html.size());
}
BENCHMARK(BM_DocumentFromHtml);

void BM_DocumentFromJsonRecord(benchmark::State& state) {
  const std::string line =
      nlohmann::json{{"id", "x"}, {"published", "2024-03-14"}, {"text", Example()}}.dump();
  for (auto _ : state) benchmark::DoNotOptimize(DocumentFromJsonRecord(line));
  SetBytes(state, line.size());
}
BENCHMARK(BM_DocumentFromJsonRecord);

// The whole pipeline with no gazetteer layers (places unresolved): lexicons, numbers,
// dates, actors, events. Resolution cost is in harmwatch-bench's figures.
void BM_EngineExtract(benchmark::State& state) {
  auto engine = Engine::Create(EngineOptions{HARMWATCH_DEFAULT_DATA_DIR, {}});
  if (!engine) {
    state.SkipWithError(engine.error().message().c_str());
    return;
  }
  InputDocument doc = DocumentFromText(Example());
  doc.published = "2024-03-14";
  for (auto _ : state) benchmark::DoNotOptimize((*engine)->Extract(doc));
  SetBytes(state, doc.text.size());
}
BENCHMARK(BM_EngineExtract);

}  // namespace
}  // namespace harmwatch

BENCHMARK_MAIN();
