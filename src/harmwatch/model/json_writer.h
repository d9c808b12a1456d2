// A small streaming JSON writer for the extractor's hot path: one pass, no DOM.
// (nlohmann::json builds a tree first and cost a quarter of extraction time.) Strings
// must be valid UTF-8 (the readers guarantee it); control characters are escaped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace harmwatch {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject() { Value(); out_ += '{'; first_ = true; }
  void EndObject() { out_ += '}'; first_ = false; }
  void BeginArray() { Value(); out_ += '['; first_ = true; }
  void EndArray() { out_ += ']'; first_ = false; }
  // A key inside an object; the next call writes its value.
  void Key(std::string_view key);
  void String(std::string_view s) { Value(); String(s, true); }
  void Int(int64_t v);
  void Bool(bool v) { Value(); out_ += v ? "true" : "false"; }
  void Null() { Value(); out_ += "null"; }
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
    if (!first_) out_ += ',';
    first_ = false;
  }
  void String(std::string_view s, bool as_value);

  std::string& out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace harmwatch
