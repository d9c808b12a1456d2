#include "gazetteer_setup.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace harmwatch::cli {
namespace fs = std::filesystem;

Result<std::vector<std::string>> ResolveGazetteerLayers(const std::string& var_dir,
                                                        const std::vector<std::string>& extra_sources,
                                                        std::vector<std::string>* warnings) {
  std::vector<std::string> paths;
  std::error_code ec;
  fs::path dir = fs::path(var_dir) / "gazetteer";
  bool have_default = fs::exists(dir / "default.hwg", ec);
  if (have_default) paths.push_back((dir / "default.hwg").string());
  std::vector<std::string> layers;
  for (auto it = fs::directory_iterator(dir / "layers", ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (it->path().extension() == ".hwg") layers.push_back(it->path().string());
  }
  std::sort(layers.begin(), layers.end());
  paths.insert(paths.end(), layers.begin(), layers.end());
  for (const auto& src : extra_sources) {
    if (fs::path(src).extension() != ".hwg") {
      return Err(Status::Unsupported(src + ": importing gazetteer sources is not wired yet"));
    }
    paths.push_back(src);
  }
  if (!have_default) {
    warnings->push_back("no gazetteer layers found; run scripts/setup-gazetteer.sh");
  }
  return paths;
}

}  // namespace harmwatch::cli
