#include "harmwatch/model/json_writer.h"

#include <cmath>
#include <charconv>

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

}  // namespace

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
