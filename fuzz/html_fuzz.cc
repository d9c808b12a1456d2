// DocumentFromHtml on arbitrary bytes: never crashes or hangs; the text is
// valid UTF-8 and its offset map is complete, non-decreasing and inside the
// HTML.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "harmwatch/ingest/readers.h"
#include "harmwatch/ingest/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string html(reinterpret_cast<const char *>(data), size);
  const harmwatch::InputDocument doc = harmwatch::DocumentFromHtml(html);
  HW_FUZZ_CHECK(doc.original == html);
  HW_FUZZ_CHECK(harmwatch::ingest::IsValidUtf8(doc.text));
  HW_FUZZ_CHECK(harmwatch::ingest::IsValidUtf8(doc.title));
  HW_FUZZ_CHECK(doc.text_to_original.size() == doc.text.size() + 1);
  for (size_t i = 0; i < doc.text.size(); ++i) {
    HW_FUZZ_CHECK(doc.text_to_original[i] < html.size());
    HW_FUZZ_CHECK(doc.text_to_original[i] <= doc.text_to_original[i + 1]);
  }
  HW_FUZZ_CHECK(doc.text_to_original.back() <= html.size());
  // "YYYY-MM-DD" or "YYYY-MM" (a <time datetime="2023-10">), as InputDocument
  // promises.
  HW_FUZZ_CHECK(doc.published.empty() || doc.published.size() == 10 || doc.published.size() == 7);
  return 0;
}
