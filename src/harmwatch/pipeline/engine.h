// The Engine: resources (lexicons, actor table, gazetteer layers) loaded once,
// then Extract() runs every stage on one document. This is the library's front door.
//
// Thread-safety: Create() once; Extract() is const and may run on any number of
// threads at the same time (per-call scratch only).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/model/document.h"

namespace harmwatch {

class Gazetteer;

struct EngineOptions {
  std::string data_dir;                     // lexicons and actor tables (repo data/)
  std::vector<std::string> gazetteer_paths; // compiled layers, lowest precedence first
};

class Engine {
 public:
  // Loads every resource; errors name the file and line that failed.
  static Result<std::unique_ptr<Engine>> Create(const EngineOptions& options);
  // For tests: an engine over an already opened gazetteer (may be empty).
  static Result<std::unique_ptr<Engine>> Create(const std::string& data_dir,
                                                std::shared_ptr<const Gazetteer> gazetteer);
  ~Engine();

  // Runs the pipeline on one document. Never fails: a document with nothing in it
  // gives a record with no events and a diagnostic. `doc` must outlive the record.
  DocumentRecord Extract(const InputDocument& doc) const;

  const Gazetteer& gazetteer() const;

 private:
  struct Resources;
  explicit Engine(std::unique_ptr<Resources> resources);
  std::unique_ptr<Resources> resources_;
};

}  // namespace harmwatch
