// Which compiled gazetteer layers a run uses, in precedence order (first = lowest).
#pragma once

#include <string>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/geo/gazetteer_build.h"

namespace harmwatch {

// var_dir/gazetteer/default.hwg (if present), then var_dir/gazetteer/layers/*.hwg
// (sorted by name), then each extra source in order: a .hwg is used as it is; any
// other file (GeoNames dump, OCHA GeoJSON/CSV) is compiled once into
// var_dir/gazetteer/cache/<hash of its content>.hwg, reused while the content is
// unchanged. Import warnings for newly compiled sources go to `warnings` (may be null).
// Errors: NotFound for a missing source, the importer's error for a bad one, IoError
// when the cache cannot be written.
Result<std::vector<std::string>> ResolveLayerPaths(const std::string& var_dir,
                                                   const std::vector<std::string>& extra_sources,
                                                   std::vector<std::string>* warnings,
                                                   const ImportOptions& options = {});

// Imports `source` (any format ImportFile knows) and writes the layer to `out_path`,
// creating parent folders. Returns the number of places.
Result<size_t> CompileLayer(const std::string& source, const std::string& out_path,
                            const ImportOptions& options, std::vector<std::string>* warnings);

// FNV-1a 64 of a file's bytes as 16 hex digits (the cache name of a compiled source).
Result<std::string> ContentHash(const std::string& path);

}  // namespace harmwatch
