// Helpers shared by the subcommands: date checks and opening the engine with its
// gazetteer layers, so `extract` and `ingest` read inputs the same way.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harmwatch/pipeline/engine.h"

namespace harmwatch::cli {

// "YYYY-MM-DD" with a real month and day (2023-02-30 is refused).
bool IsIsoDay(const std::string& s);

// Resolves the gazetteer layers (var dir plus --gazetteer sources) and creates the
// engine. Prints warnings and the error to stderr; nullptr on failure.
std::unique_ptr<Engine> OpenEngine(const std::string& data_dir,
                                   const std::vector<std::string>& gazetteers);

}  // namespace harmwatch::cli
