// Each subcommand lives in its own file and registers itself here. A callback sets
// `exit_code`: 0 ok, 1 failure (some input failed), 2 usage.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace harmwatch::cli {

void RegisterExtract(CLI::App& app, int& exit_code);
void RegisterGazetteer(CLI::App& app, int& exit_code);
// ingest, query, export, correct, unmerge (store_cmd.cc).
void RegisterStore(CLI::App& app, int& exit_code);
// serve, user add (serve_cmd.cc).
void RegisterServe(CLI::App& app, int& exit_code);

// The folder of reviewable data (lexicons, actors): $HARMWATCH_DATA, else the
// repository's data/ compiled in.
std::string DataDir();
// The folder of compiled state (gazetteer layers): $HARMWATCH_HOME, else the
// repository's var/ compiled in.
std::string VarDir();

}  // namespace harmwatch::cli
