#include "cli_common.h"

#include <iostream>

#include "commands.h"
#include "gazetteer_setup.h"

namespace harmwatch::cli {

bool IsIsoDay(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

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
