// FoldWithOffsets, Tokenize and the Arabic word analysis on arbitrary text (made valid
// UTF-8 first, as every reader guarantees): never crash; folded offsets are complete,
// non-decreasing and inside the input; tokens are non-empty, in order, inside the text;
// a word's norm is its folded surface (the tokenizer's ASCII fast path agrees with
// FoldForMatch) and its hash is WordHash(norm); sentences tile the tokens, before and
// after the Arabic pass splits proclitics and clauses.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "harmwatch/ingest/utf8.h"
#include "harmwatch/text/arabic.h"
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

  auto check_tiling = [&](const harmwatch::TokenizedText &tt) {
    uint32_t prev_end = 0;
    for (const harmwatch::Token &t : tt.tokens) {
      HW_FUZZ_CHECK(t.span.begin < t.span.end);
      HW_FUZZ_CHECK(t.span.end <= text.size());
      HW_FUZZ_CHECK(t.span.begin >= prev_end);
      prev_end = t.span.end;
      HW_FUZZ_CHECK(!(t.is_number && !t.is_word));
      HW_FUZZ_CHECK(t.punct == 0 || !t.is_word);
      HW_FUZZ_CHECK(t.norm_hash == (t.is_word ? harmwatch::WordHash(t.norm) : 0));
    }
    uint32_t next = 0;
    for (const harmwatch::Sentence &s : tt.sentences) {
      HW_FUZZ_CHECK(s.first == next);
      HW_FUZZ_CHECK(s.first < s.last);
      HW_FUZZ_CHECK(s.last <= tt.tokens.size());
      next = s.last;
    }
    HW_FUZZ_CHECK(next == tt.tokens.size());
  };

  harmwatch::TokenizedText tt = harmwatch::Tokenize(text);
  check_tiling(tt);
  for (const harmwatch::Token &t : tt.tokens) {
    if (!t.is_word) continue;
    // The norm as the general path defines it: folded, possessive 's dropped, no spaces.
    std::string_view surface = std::string_view(text).substr(t.span.begin, t.span.size());
    std::string norm = harmwatch::FoldForMatch(surface);
    if (norm.size() > 2 && norm.back() == 's' && surface.size() > 2 &&
        (surface.ends_with("'s") || (surface.size() > 4 && surface.ends_with("\xE2\x80\x99s"))))
      norm.pop_back();
    std::erase(norm, ' ');
    HW_FUZZ_CHECK(t.norm == norm);
  }

  // The Arabic pass with a small vocabulary: splits only where the rest is known.
  harmwatch::ArabicWordOracle oracle;
  oracle.known = [](std::string_view w) {
    return w == "\xD9\x82\xD8\xB5\xD9\x81" /* قصف */ || w == "\xD8\xB1\xD9\x8A\xD9\x81" /* ريف */;
  };
  harmwatch::AnalyzeArabicTokens(tt, text, oracle);
  check_tiling(tt);
  return 0;
}
