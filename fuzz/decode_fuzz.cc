// DecodeToUtf8 on arbitrary bytes: never crashes; success means valid UTF-8
// without NUL bytes, and valid UTF-8 input (without BOM or NUL) comes back
// unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "harmwatch/ingest/readers.h"
#include "harmwatch/ingest/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char *>(data), size);
  auto decoded = harmwatch::DecodeToUtf8(bytes);
  if (!decoded) {
    HW_FUZZ_CHECK(!decoded.error().message().empty());
    return 0;
  }
  HW_FUZZ_CHECK(!decoded->empty());
  HW_FUZZ_CHECK(harmwatch::ingest::IsValidUtf8(*decoded));
  HW_FUZZ_CHECK(decoded->find('\0') == std::string::npos);
  const bool bom = bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF" ||
                   bytes.substr(0, 3) == "\xEF\xBB\xBF";
  if (!bom && harmwatch::ingest::IsValidUtf8(bytes)) HW_FUZZ_CHECK(*decoded == bytes);
  return 0;
}
