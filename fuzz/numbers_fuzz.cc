// ParseNumber at every token and FindCasualties over the whole input, with the
// shipped English lexicon (loaded once): never crash; matches stay inside the
// tokens and the text; values are not negative.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "harmwatch/extract/casualties.h"
#include "harmwatch/ingest/utf8.h"
#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/lexicon/numbers.h"
#include "harmwatch/text/tokenize.h"

namespace {
const harmwatch::Lexicon &En() {
  static const harmwatch::Lexicon *lex = [] {
    auto *l = new harmwatch::Lexicon;
    harmwatch::Status s = l->AddDirectory(std::string(HARMWATCH_FUZZ_DATA_DIR) + "/lexicons/en");
    HW_FUZZ_CHECK(s.ok());
    return l;
  }();
  return *lex;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string text = harmwatch::ingest::SanitizeUtf8(
      std::string_view(reinterpret_cast<const char *>(data), size));
  const harmwatch::TokenizedText tt = harmwatch::Tokenize(text);
  const auto n = static_cast<uint32_t>(tt.tokens.size());
  for (uint32_t i = 0; i < n; ++i) {
    auto m = harmwatch::ParseNumber(tt.tokens, i, n, En());
    if (!m) continue;
    HW_FUZZ_CHECK(m->first == i);
    HW_FUZZ_CHECK(m->first < m->last && m->last <= n);
    HW_FUZZ_CHECK(m->value >= 0);
  }
  for (const char *context : {"", "killed"}) {
    for (const harmwatch::CasualtyFigure &f :
         harmwatch::FindCasualties(tt.tokens, 0, n, En(), context)) {
      // "both": "no casualties were reported" (zero dead and zero injured).
      HW_FUZZ_CHECK(f.kind == "killed" || f.kind == "injured" || f.kind == "abducted" ||
                    (f.kind == "both" && f.zero));
      HW_FUZZ_CHECK(f.value >= 0);
      HW_FUZZ_CHECK(f.first < f.last && f.last <= n);
      HW_FUZZ_CHECK(f.span.begin <= f.span.end && f.span.end <= text.size());
      HW_FUZZ_CHECK(!f.zero || f.value == 0);
      HW_FUZZ_CHECK(!f.children || *f.children >= 0);
      HW_FUZZ_CHECK(!f.women || *f.women >= 0);
    }
  }
  return 0;
}
