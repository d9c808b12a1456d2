// Which compiled gazetteer layers a command opens, shared by `extract` and the
// benchmark so both resolve --gazetteer sources the same way.
#pragma once

#include <string>
#include <vector>

#include "harmwatch/base/status.h"

namespace harmwatch::cli {

// The layer files to open, lowest precedence first: var/gazetteer/default.hwg,
// var/gazetteer/layers/*.hwg, then each of `extra_sources` (GeoNames dump, OCHA
// GeoJSON/CSV, or an already compiled .hwg) compiled to a cached layer. Messages about
// skipped records go to `warnings`, and so does "no gazetteer layers found; run
// scripts/setup-gazetteer.sh" when the default layer has not been built (the run goes on
// with whatever layers there are, possibly none).
Result<std::vector<std::string>> ResolveGazetteerLayers(const std::string& var_dir,
                                                        const std::vector<std::string>& extra_sources,
                                                        std::vector<std::string>* warnings);

}  // namespace harmwatch::cli
