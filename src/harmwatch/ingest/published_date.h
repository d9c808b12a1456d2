// Publication dates as the readers accept them. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace harmwatch::ingest {

// "2023-10-05", "2023-10-05T14:00:00+03:00" -> "2023-10-05"; "2023-10" ->
// "2023-10"; anything else (including impossible months/days) -> nullopt.
std::optional<std::string> NormalizePublished(std::string_view s);

}  // namespace harmwatch::ingest
