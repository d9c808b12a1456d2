#include "cli_common.h"

#include "harmwatch/incidents/incidents.h"

#include <iostream>

#include "commands.h"
#include "gazetteer_setup.h"

namespace harmwatch::cli {

// One definition of a valid day, the store's (query filters use it too).
bool IsIsoDay(const std::string& s) { return incidents::IsIsoDay(s); }

std::unique_ptr<Engine> OpenEngine(const std::string& data_dir,
                                   const std::vector<std::string>& gazetteers) {
  std::vector<std::string> warnings;
  Result<std::vector<std::string>> layers = ResolveGazetteerLayers(VarDir(), gazetteers, &warnings);
  for (const auto& w : warnings) std::cerr << "harmwatch: " << w << "\n";
  if (!layers) {
    std::cerr << "harmwatch: " << layers.error().message() << "\n";
    return nullptr;
  }
  auto engine = Engine::Create(EngineOptions{data_dir, *layers});
  if (!engine) {
    std::cerr << "harmwatch: " << engine.error().message() << "\n";
    return nullptr;
  }
  return std::move(*engine);
}

}  // namespace harmwatch::cli
