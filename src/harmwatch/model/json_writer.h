// A small streaming JSON writer for the extractor's hot path: one pass, no DOM.
// (nlohmann::json builds a tree first and cost a quarter of extraction time.) Strings
// must be valid UTF-8 (the readers guarantee it); control characters are escaped.
//
// It writes straight into the output string's bytes, keeping spare room at its end, so
// a value costs a copy, not a string append; Finish() cuts the string to what was
// written and must come before the string is read.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace harmwatch {

// An object key written in the source: checked at compile time to need no escapes, so
// the writer copies it as it is.
class JsonKey {
 public:
  consteval JsonKey(const char* key) : text_(key) {  // NOLINT: literals convert
    for (char c : text_)
      if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\') throw "JSON key needs escaping";
  }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

class JsonWriter {
 public:
  // Appends after what `out` holds.
  explicit JsonWriter(std::string& out) : out_(out), used_(out.size()) {
    out_.resize(std::max(out_.capacity(), used_ + 256));
  }
  // Cuts `out` to the bytes written. The writer is done after it.
  void Finish() { out_.resize(used_); }

  void BeginObject() { Value(); Put('{'); first_ = true; }
  void EndObject() { Put('}'); first_ = false; }
  void BeginArray() { Value(); Put('['); first_ = true; }
  void EndArray() { Put(']'); first_ = false; }
  // A key inside an object; the next call writes its value.
  void Key(JsonKey key) {
    const std::string_view k = key.text();
    char* p = Room(k.size() + 4);
    if (!first_) *p++ = ',';
    *p++ = '"';
    std::memcpy(p, k.data(), k.size());
    p += k.size();
    *p++ = '"';
    *p++ = ':';
    used_ = static_cast<size_t>(p - out_.data());
    first_ = false;
    after_key_ = true;
  }
  void String(std::string_view s) { Value(); Quoted(s); }
  void Int(int64_t v);
  void Bool(bool v) { Value(); Append(v ? std::string_view("true") : std::string_view("false")); }
  void Null() { Value(); Append("null"); }
  // Doubles with up to `decimals` decimals, trailing zeros dropped ("36.2", "35.93062").
  void Fixed(double v, int decimals);
  void Fixed5(double v) { Fixed(v, 5); }
  void Fixed2(double v) { Fixed(v, 2); }

 private:
  void Value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) Put(',');
    first_ = false;
  }
  void Quoted(std::string_view s);  // s in quotes, escaped as JSON needs
  // Room for `n` more bytes at the end of what was written.
  char* Room(size_t n) {
    if (out_.size() - used_ < n) Grow(n);
    return out_.data() + used_;
  }
  void Grow(size_t n);
  void Put(char c) {
    *Room(1) = c;
    ++used_;
  }
  void Append(std::string_view s) {
    std::memcpy(Room(s.size()), s.data(), s.size());
    used_ += s.size();
  }

  std::string& out_;
  size_t used_;  // bytes of out_ written; the rest is spare room
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace harmwatch
