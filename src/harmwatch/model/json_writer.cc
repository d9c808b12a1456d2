#include "harmwatch/model/json_writer.h"

#include "harmwatch/base/fixed_format.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace harmwatch {
namespace {

// Bytes JSON strings must escape: controls, the quote and the backslash.
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

bool PlainString(std::string_view s) {
  for (unsigned char c : s)
    if (kEscaped[c]) return false;
  return true;
}

}  // namespace

void JsonWriter::Grow(size_t n) {
  out_.resize(std::max(out_.size() * 2, used_ + n + 256));
}

void JsonWriter::Int(int64_t v) {
  Value();
  char* p = Room(24);
  auto [end, ec] = std::to_chars(p, p + 24, v);
  used_ += static_cast<size_t>(end - p);
}

void JsonWriter::Fixed(double v, int decimals) {
  Value();
  if (!std::isfinite(v)) {
    Append("null");
    return;
  }
  char buf[kFixedFormatRoom];
  const size_t len = FormatFixed(v, decimals, buf);
  if (len == 0) return;
  std::string_view s(buf, len);
  if (s.find('.') != std::string_view::npos) {
    while (s.back() == '0') s.remove_suffix(1);
    if (s.back() == '.') s.remove_suffix(1);
  }
  if (s == "-0") s = "0";
  Append(s);
}

void JsonWriter::Quoted(std::string_view s) {
  // Most strings (every key, most values) need no escapes: one copy.
  if (PlainString(s)) {
    char* p = Room(s.size() + 2);
    *p++ = '"';
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '"';
    used_ += s.size() + 2;
    return;
  }
  static const char* kHex = "0123456789abcdef";
  Put('"');
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    Append(s.substr(start, i - start));
    start = i + 1;
    switch (c) {
      case '"': Append("\\\""); break;
      case '\\': Append("\\\\"); break;
      case '\n': Append("\\n"); break;
      case '\r': Append("\\r"); break;
      case '\t': Append("\\t"); break;
      case '\b': Append("\\b"); break;
      case '\f': Append("\\f"); break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        Append(std::string_view(esc, 6));
      }
    }
  }
  Append(s.substr(start));
  Put('"');
}

}  // namespace harmwatch
