// FoldWithOffsets and Tokenize on arbitrary text (made valid UTF-8 first, as every
// reader guarantees): never crash; folded offsets are complete, non-decreasing and
// inside the input; tokens are non-empty, in order, inside the text; sentences tile
// the tokens.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "harmwatch/ingest/utf8.h"
#include "harmwatch/text/fold.h"
#include "harmwatch/text/tokenize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string text = harmwatch::ingest::SanitizeUtf8(
      std::string_view(reinterpret_cast<const char *>(data), size));

  const harmwatch::FoldedText f = harmwatch::FoldWithOffsets(text);
  HW_FUZZ_CHECK(f.offsets.size() == f.text.size() + 1);
  HW_FUZZ_CHECK(f.offsets.back() == text.size());
  for (size_t i = 0; i < f.text.size(); ++i) {
    HW_FUZZ_CHECK(f.offsets[i] < text.size());
    HW_FUZZ_CHECK(f.offsets[i] <= f.offsets[i + 1]);
  }
  // FoldForMatch is the same text without the trailing separator FoldWithOffsets keeps.
  std::string trimmed = f.text;
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
  HW_FUZZ_CHECK(trimmed == harmwatch::FoldForMatch(text));
  HW_FUZZ_CHECK(f.text.empty() || f.text.front() != ' ');
  HW_FUZZ_CHECK(f.text.find("  ") == std::string::npos);

  const harmwatch::TokenizedText tt = harmwatch::Tokenize(text);
  uint32_t prev_end = 0;
  for (const harmwatch::Token &t : tt.tokens) {
    HW_FUZZ_CHECK(t.span.begin < t.span.end);
    HW_FUZZ_CHECK(t.span.end <= text.size());
    HW_FUZZ_CHECK(t.span.begin >= prev_end);
    prev_end = t.span.end;
    HW_FUZZ_CHECK(!(t.is_number && !t.is_word));
    HW_FUZZ_CHECK(t.punct == 0 || !t.is_word);
  }
  uint32_t next = 0;
  for (const harmwatch::Sentence &s : tt.sentences) {
    HW_FUZZ_CHECK(s.first == next);
    HW_FUZZ_CHECK(s.first < s.last);
    HW_FUZZ_CHECK(s.last <= tt.tokens.size());
    next = s.last;
  }
  HW_FUZZ_CHECK(next == tt.tokens.size());
  return 0;
}
