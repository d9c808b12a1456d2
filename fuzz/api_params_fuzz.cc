// The server's query-parameter parser (ParseListRequest) and its UTF-16 offset map on
// arbitrary bytes: never crashes; an accepted request keeps its limits (page size,
// box within range, from <= to); the offset map is monotone and ends at the UTF-16
// length. Input: "name=value" pairs separated by '&' or newlines, as a query string.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "harmwatch/server/api_views.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string input(reinterpret_cast<const char *>(data), size);
  harmwatch::server::Params params;
  size_t pos = 0;
  while (pos <= input.size()) {
    size_t end = input.find_first_of("&\n", pos);
    if (end == std::string::npos) end = input.size();
    std::string pair = input.substr(pos, end - pos);
    size_t eq = pair.find('=');
    if (!pair.empty()) {
      params.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
    }
    pos = end + 1;
  }
  auto req = harmwatch::server::ParseListRequest(params);
  if (req) {
    HW_FUZZ_CHECK(req->limit >= 1 && req->limit <= harmwatch::server::kMaxPageSize);
    const auto &q = req->query;
    if (q.west) HW_FUZZ_CHECK(*q.west >= -180 && *q.west <= *q.east && *q.east <= 180);
    if (q.south) HW_FUZZ_CHECK(*q.south >= -90 && *q.south <= *q.north && *q.north <= 90);
    if (!q.from.empty() && !q.to.empty()) HW_FUZZ_CHECK(q.from <= q.to);
  } else {
    HW_FUZZ_CHECK(!req.error().message().empty());
  }
  auto offsets = harmwatch::server::Utf16Offsets(input);
  HW_FUZZ_CHECK(offsets.size() == input.size() + 1);
  for (size_t i = 1; i < offsets.size(); ++i) HW_FUZZ_CHECK(offsets[i] >= offsets[i - 1]);
  HW_FUZZ_CHECK(offsets.back() <= input.size());
  return 0;
}
