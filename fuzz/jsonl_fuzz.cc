// DocumentFromJsonRecord on arbitrary bytes: never crashes; an accepted record
// has non-blank text, text of valid UTF-8, and a consistent offset map.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "harmwatch/ingest/readers.h"
#include "harmwatch/ingest/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view line(reinterpret_cast<const char *>(data), size);
  auto doc = harmwatch::DocumentFromJsonRecord(line);
  if (!doc) {
    HW_FUZZ_CHECK(!doc.error().message().empty());
    return 0;
  }
  HW_FUZZ_CHECK(!doc->text.empty());
  HW_FUZZ_CHECK(harmwatch::ingest::IsValidUtf8(doc->text));
  if (!doc->text_to_original.empty()) {
    HW_FUZZ_CHECK(doc->text_to_original.size() == doc->text.size() + 1);
    for (size_t i = 0; i < doc->text.size(); ++i) {
      HW_FUZZ_CHECK(doc->text_to_original[i] < doc->original.size());
    }
  } else {
    HW_FUZZ_CHECK(doc->text == doc->original);
  }
  return 0;
}
