// The analysts' page (web/, bundled by scripts/build-web.sh), compiled into the binary
// by scripts/embed_assets.py so `harmwatch serve` needs no files and no internet.
#pragma once

#include <optional>
#include <string_view>

namespace harmwatch::server {

struct WebAsset {
  std::string_view path;          // "/index.html", "/app.js", ...
  std::string_view content_type;  // "text/html; charset=utf-8", ...
  std::string_view body;
};

// The asset at exactly `path`, or nullopt.
std::optional<WebAsset> FindWebAsset(std::string_view path);

}  // namespace harmwatch::server
