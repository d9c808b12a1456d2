#include "harmwatch/lexicon/numbers.h"

#include <string_view>

using namespace std::string_view_literals;

namespace harmwatch {
namespace {

// Largest count we accept as a casualty-style number; bigger digit strings are years,
// phone numbers or ids.
constexpr int64_t kMaxNumber = 10'000'000;

std::optional<int64_t> DigitValue(const Token& t) {
  std::string_view s = t.norm;
  if (s.empty() || s.size() > 12) return std::nullopt;
  int64_t v = 0;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int d = -1;
    if (c >= '0' && c <= '9') {
      d = c - '0';
      ++i;
    } else if (c == 0xD9 && i + 1 < s.size()) {  // Arabic-Indic digits U+0660..U+0669
      unsigned char c2 = static_cast<unsigned char>(s[i + 1]);
      if (c2 >= 0xA0 && c2 <= 0xA9) d = c2 - 0xA0;
      i += 2;
    } else if (c == 0xDB && i + 1 < s.size()) {  // Extended Arabic-Indic U+06F0..U+06F9
      unsigned char c2 = static_cast<unsigned char>(s[i + 1]);
      if (c2 >= 0xB0 && c2 <= 0xB9) d = c2 - 0xB0;
      i += 2;
    } else {
      return std::nullopt;
    }
    if (d < 0) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

const LexEntry* NumberWordAt(const std::vector<Token>& tokens, uint32_t i, uint32_t end,
                             const Lexicon& lexicon, uint32_t* len) {
  return lexicon.LongestOf(tokens, i, end, "number", len);
}

std::optional<NumberMatch> ParseSingle(const std::vector<Token>& tokens, uint32_t i, uint32_t end,
                                       const Lexicon& lexicon) {
  if (i >= end || !tokens[i].is_word) return std::nullopt;
  if (auto v = DigitValue(tokens[i])) {
    // "3.5" is not a count; "1,200" and "1.200" are.
    if (*v > kMaxNumber) return std::nullopt;
    return NumberMatch{*v, i, i + 1, false, true};
  }
  int64_t total = 0, current = 0;
  uint32_t k = i, last = i;
  bool any = false;
  while (k < end) {
    uint32_t len = 0;
    const LexEntry* e = NumberWordAt(tokens, k, end, lexicon, &len);
    if (!e) {
      // "two hundred and fifty": 'and' continues a number only between number words.
      if (any && tokens[k].norm == "and"sv && k + 1 < end) {
        uint32_t len2 = 0;
        const LexEntry* next = NumberWordAt(tokens, k + 1, end, lexicon, &len2);
        if (next && next->Attr("scale").empty()) {
          ++k;
          continue;
        }
      }
      break;
    }
    if (!e->Attr("scale").empty()) {
      if (!any && e->Attr("standalone").empty()) break;  // "hundreds" is vague, "hundred" alone too
      current = (current == 0 ? 1 : current) * e->number;
      if (e->number >= 1000) {
        total += current;
        current = 0;
      }
    } else {
      if (any && current % 10 != 0 && e->number < 10) break;  // "five six" is two numbers
      current += e->number;
    }
    any = true;
    k += len;
    last = k;
  }
  if (!any) return std::nullopt;
  return NumberMatch{total + current, i, last, false, false};
}

}  // namespace

std::optional<NumberMatch> ParseNumber(const std::vector<Token>& tokens, uint32_t i, uint32_t end,
                                       const Lexicon& lexicon) {
  auto first = ParseSingle(tokens, i, end, lexicon);
  if (!first) return std::nullopt;
  // Ranges: "8 to 10", "8-10", "between 8 and 10" (the caller handles 'between').
  uint32_t k = first->last;
  if (k < end) {
    bool joined = tokens[k].hyphen_before && first->digits;
    bool to = tokens[k].norm == "to"sv || tokens[k].norm == "or"sv;
    if (joined || (to && k + 1 < end)) {
      auto second = ParseSingle(tokens, joined ? k : k + 1, end, lexicon);
      if (second && second->value > first->value) {
        first->last = second->last;
        first->range = true;
      }
    }
  }
  return first;
}

}  // namespace harmwatch
