#include "harmwatch/geo/layers.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "harmwatch/geo/import_util.h"
#include "harmwatch/geo/index_format.h"

namespace harmwatch {

namespace fs = std::filesystem;

Result<std::string> ContentHash(const std::string& path) {
  auto content = ReadWholeFile(path);
  if (!content) return Err(content.error());
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : *content) {
    h ^= c;
    h *= 1099511628211ull;
  }
  // A new index format must not reuse caches written by an older one.
  h ^= geo_format::kVersion;
  h *= 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
  return std::string(buf);
}

Result<size_t> CompileLayer(const std::string& source, const std::string& out_path,
                            const ImportOptions& options, std::vector<std::string>* warnings) {
  IndexBuilder builder;
  auto n = ImportFile(source, options, &builder, warnings);
  if (!n) return Err(n.error());
  std::error_code ec;
  fs::path parent = fs::path(out_path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) return Err(Status::IoError(parent.string() + ": cannot create folder: " + ec.message()));
  HW_RETURN_IF_ERROR(builder.Write(out_path));
  return builder.size();
}

Result<std::vector<std::string>> ResolveLayerPaths(const std::string& var_dir,
                                                   const std::vector<std::string>& extra_sources,
                                                   std::vector<std::string>* warnings,
                                                   const ImportOptions& options) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::path gz = fs::path(var_dir) / "gazetteer";
  if (fs::is_regular_file(gz / "default.hwg", ec)) out.push_back((gz / "default.hwg").string());
  std::vector<std::string> layers;
  if (fs::is_directory(gz / "layers", ec)) {
    for (const auto& entry : fs::directory_iterator(gz / "layers", ec)) {
      if (entry.is_regular_file(ec) && entry.path().extension() == ".hwg") {
        layers.push_back(entry.path().string());
      }
    }
  }
  std::sort(layers.begin(), layers.end());
  out.insert(out.end(), layers.begin(), layers.end());
  for (const std::string& src : extra_sources) {
    if (!fs::is_regular_file(src, ec))
      return Err(Status::NotFound(src + ": no such gazetteer file"));
    if (fs::path(src).extension() == ".hwg") {
      out.push_back(src);
      continue;
    }
    auto hash = ContentHash(src);
    if (!hash) return Err(hash.error());
    std::string cached = (gz / "cache" / (*hash + ".hwg")).string();
    if (!fs::is_regular_file(cached, ec)) {
      auto n = CompileLayer(src, cached, options, warnings);
      if (!n) return Err(n.error());
    }
    out.push_back(cached);
  }
  return out;
}

}  // namespace harmwatch
