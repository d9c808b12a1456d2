// `harmwatch extract [options] INPUT...`: reports in, one JSON record per document out.
//
// Shape: this thread reads every input in order (ReadInput) and pushes each document,
// or the error that replaced it, into an OrderedParallelMap; N workers run the engine
// and serialize; one writer prints in input order. So stdout is byte-identical for any
// --threads, and stderr messages come in input order too.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli_common.h"
#include "commands.h"
#include "harmwatch/ingest/readers.h"
#include "harmwatch/model/json_output.h"
#include "harmwatch/pipeline/engine.h"
#include "ordered_map.h"

namespace harmwatch::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> inputs;
  std::string published;
  std::vector<std::string> gazetteers;
  int threads = 1;
  std::string format = "jsonl";
  std::string data_dir;
};

// What a worker hands the writer: the text for stdout, or the message for stderr.
struct Output {
  bool ok = true;
  std::string text;
};

Output Render(const Engine& engine, const std::string& format, Result<InputDocument> item) {
  if (!item) return {false, item.error().message()};
  const InputDocument& doc = *item;
  DocumentRecord record = engine.Extract(doc);
  if (format == "pretty") return {true, ToPrettyJson(record)};
  if (format == "table") return {true, ToTable(record)};
  return {true, ToJsonLine(record) + "\n"};
}

int RunExtract(const ExtractArgs& args) {
  std::unique_ptr<Engine> engine = OpenEngine(args.data_dir, args.gazetteers);
  if (!engine) return 1;
  const Engine& eng = *engine;

  bool failed = false;
  bool write_error = false;
  {
    OrderedParallelMap<Result<InputDocument>, Output> pool(
        args.threads, kWindowPerThread * static_cast<size_t>(args.threads),
        [&](Result<InputDocument> item) { return Render(eng, args.format, std::move(item)); },
        [&](Output out) {
          // Runs on one thread at a time, in input order.
          if (!out.ok) {
            failed = true;
            std::fflush(stdout);  // keep stdout and stderr interleaved sensibly on a tty
            std::fprintf(stderr, "harmwatch: %s\n", out.text.c_str());
            return;
          }
          if (std::fwrite(out.text.data(), 1, out.text.size(), stdout) != out.text.size()) {
            write_error = true;
          }
        });

    ReadOptions options;
    options.published = args.published;
    for (const std::string& input : args.inputs) {
      Status st = ReadInput(input, options, [&](Result<InputDocument> doc) {
        pool.Push(std::move(doc));
      });
      // A whole input that cannot be opened: one message naming it, and on we go.
      if (!st.ok()) {
        pool.Push(Err(st.message().rfind(input, 0) == 0 ? st : st.WithContext(input)));
      }
    }
    pool.Finish();
  }
  if (std::fflush(stdout) != 0 || write_error) {
    std::cerr << "harmwatch: error writing to stdout\n";
    return 1;
  }
  return failed ? 1 : 0;
}

}  // namespace

void RegisterExtract(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExtractArgs>();
  args->data_dir = DataDir();
  CLI::App* cmd = app.add_subcommand(
      "extract", "Extract incident records from reports (.txt, .html, .jsonl, dirs, - for stdin)");
  cmd->add_option("INPUT", args->inputs, "Report files, directories, or - for stdin")
      ->required();
  cmd->add_option("--published", args->published,
                  "Publication date YYYY-MM-DD for inputs that carry none")
      ->check(CLI::Validator(
          [](std::string& s) {
            return IsIsoDay(s) ? std::string() : "expected YYYY-MM-DD, got '" + s + "'";
          },
          "YYYY-MM-DD"));
  cmd->add_option("--gazetteer", args->gazetteers,
                  "Extra gazetteer layer for this run (GeoNames dump or OCHA GeoJSON/CSV; "
                  "repeatable)");
  cmd->add_option("--threads", args->threads, "Worker threads (default 1)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--format", args->format, "Output format: jsonl (default), pretty, table")
      ->check(CLI::IsMember({"jsonl", "pretty", "table"}));
  cmd->add_option("--data-dir", args->data_dir, "Lexicons and actor tables")
      ->capture_default_str();
  cmd->callback([args, &exit_code] { exit_code = RunExtract(*args); });
}

}  // namespace harmwatch::cli
