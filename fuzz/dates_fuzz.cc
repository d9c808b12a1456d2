// FindDates and Resolve on arbitrary text with and without a publication date (the
// English lexicon loaded once): never crash; mentions stay inside the tokens; without
// a publication date only a mention with year, month and day gives a day; with one,
// weekdays fall in the week up to it and relative words land exactly that many days
// from it.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "fuzz_check.h"
#include "harmwatch/ingest/utf8.h"
#include "harmwatch/lexicon/dates.h"
#include "harmwatch/lexicon/lexicon.h"
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

using std::chrono::sys_days;

void CheckResolved(const harmwatch::DateMention &m, const harmwatch::ResolvedDate &r,
                   std::optional<harmwatch::Day> pub) {
  HW_FUZZ_CHECK(r.precision >= 1 && r.precision <= 3);
  if (r.day) {
    HW_FUZZ_CHECK(r.day->ok());
    HW_FUZZ_CHECK(harmwatch::ParseIsoDay(harmwatch::FormatDay(*r.day)) == *r.day);
  }
  if (!pub) {
    // No publication date: no guesses.
    if (r.day) HW_FUZZ_CHECK(m.year && m.month && m.day);
    return;
  }
  const bool explicit_date = m.year || m.month || m.day;
  if (r.day && !explicit_date && m.weekday >= 0 && !m.relative_days) {
    auto diff = (sys_days(*pub) - sys_days(*r.day)).count();
    HW_FUZZ_CHECK(diff >= 0 && diff <= 7);
  }
  if (r.day && !explicit_date && m.weekday < 0 && m.relative_days) {
    auto diff = (sys_days(*r.day) - sys_days(*pub)).count();
    HW_FUZZ_CHECK(diff == *m.relative_days);
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The first two bytes choose a publication day between 2000 and ~2179.
  std::optional<harmwatch::Day> pub;
  if (size >= 2) {
    const int offset = (data[0] << 8) | data[1];
    pub = harmwatch::Day(sys_days(harmwatch::Day{std::chrono::year(2000), std::chrono::January,
                                                 std::chrono::day(1)}) +
                         std::chrono::days(offset));
    data += 2;
    size -= 2;
  }
  const std::string text = harmwatch::ingest::SanitizeUtf8(
      std::string_view(reinterpret_cast<const char *>(data), size));
  const harmwatch::TokenizedText tt = harmwatch::Tokenize(text);
  const auto n = static_cast<uint32_t>(tt.tokens.size());
  for (const harmwatch::DateMention &m : harmwatch::FindDates(tt.tokens, 0, n, En())) {
    HW_FUZZ_CHECK(m.first < m.last && m.last <= n);
    HW_FUZZ_CHECK(m.weekday >= -1 && m.weekday <= 6);
    if (m.month) HW_FUZZ_CHECK(*m.month >= 1 && *m.month <= 12);
    if (m.day) HW_FUZZ_CHECK(*m.day >= 1 && *m.day <= 31);
    CheckResolved(m, harmwatch::Resolve(m, std::nullopt), std::nullopt);
    if (pub) CheckResolved(m, harmwatch::Resolve(m, pub), pub);
  }
  // ISO parsing of the raw text never crashes either.
  (void)harmwatch::ParseIsoDay(text);
  (void)harmwatch::ParseIsoMonth(text);
  return 0;
}
