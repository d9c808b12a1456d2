// Byte ranges into a document's original input.
#pragma once

#include <cstdint>
#include <string_view>

namespace harmwatch {

// [begin, end) in bytes. Every extracted field carries one: the evidence.
struct TextSpan {
  uint32_t begin = 0;
  uint32_t end = 0;

  bool empty() const { return end <= begin; }
  uint32_t size() const { return end > begin ? end - begin : 0; }
  std::string_view In(std::string_view text) const {
    if (begin >= text.size()) return {};
    return text.substr(begin, (end > text.size() ? text.size() : end) - begin);
  }
  // The smallest span covering both.
  TextSpan Union(TextSpan o) const {
    if (empty()) return o;
    if (o.empty()) return *this;
    return {begin < o.begin ? begin : o.begin, end > o.end ? end : o.end};
  }
  friend bool operator==(TextSpan a, TextSpan b) = default;
};

}  // namespace harmwatch
