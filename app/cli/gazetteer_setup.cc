#include "gazetteer_setup.h"

#include <filesystem>
#include <system_error>

#include "harmwatch/geo/layers.h"

namespace harmwatch::cli {

Result<std::vector<std::string>> ResolveGazetteerLayers(const std::string& var_dir,
                                                        const std::vector<std::string>& extra_sources,
                                                        std::vector<std::string>* warnings) {
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::path(var_dir) / "gazetteer" / "default.hwg", ec)) {
    warnings->push_back("no gazetteer layers found; run scripts/setup-gazetteer.sh");
  }
  return ResolveLayerPaths(var_dir, extra_sources, warnings);
}

}  // namespace harmwatch::cli
