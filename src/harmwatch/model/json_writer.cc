#include "harmwatch/model/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace harmwatch {
namespace {

void AppendTrimmed(std::string& out, double v, int decimals) {
  char buf[400];  // enough for any double in fixed notation
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (ec != std::errc()) return;
  std::string_view s(buf, static_cast<size_t>(end - buf));
  if (s.find('.') != std::string_view::npos) {
    while (s.back() == '0') s.remove_suffix(1);
    if (s.back() == '.') s.remove_suffix(1);
  }
  if (s == "-0") s = "0";
  out.append(s);
}

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

// Appends `prefix`, `s` in quotes and `suffix` with one append: most strings (every key,
// most values) need no escapes, and this is the serializer's hottest path.
void AppendQuoted(std::string& out, std::string_view prefix, std::string_view s, std::string_view suffix) {
  char buf[128];
  const size_t n = prefix.size() + s.size() + suffix.size() + 2;
  if (n > sizeof buf) {
    out.append(prefix);
    out += '"';
    out.append(s);
    out += '"';
    out.append(suffix);
    return;
  }
  char* p = buf;
  std::memcpy(p, prefix.data(), prefix.size());
  p += prefix.size();
  *p++ = '"';
  std::memcpy(p, s.data(), s.size());
  p += s.size();
  *p++ = '"';
  std::memcpy(p, suffix.data(), suffix.size());
  out.append(buf, n);
}

}  // namespace

void JsonWriter::Key(std::string_view key) {
  const bool comma = !first_;
  first_ = false;
  after_key_ = true;
  if (PlainString(key)) {
    AppendQuoted(out_, comma ? "," : "", key, ":");
    return;
  }
  if (comma) out_ += ',';
  String(key, /*as_value=*/false);
  out_ += ':';
}

void JsonWriter::Int(int64_t v) {
  Value();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, static_cast<size_t>(end - buf));
}

void JsonWriter::Fixed(double v, int decimals) {
  Value();
  if (!std::isfinite(v)) {
    out_ += "null";
    return;
  }
  AppendTrimmed(out_, v, decimals);
}

void JsonWriter::String(std::string_view s, bool) {
  static const char* kHex = "0123456789abcdef";
  if (PlainString(s)) {
    AppendQuoted(out_, "", s, "");
    return;
  }
  out_ += '"';
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.data() + start, i - start);
    start = i + 1;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 15];
    }
  }
  out_.append(s.data() + start, s.size() - start);
  out_ += '"';
}

}  // namespace harmwatch
