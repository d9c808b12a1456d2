#include "harmwatch/ingest/published_date.h"

namespace harmwatch::ingest {
namespace {

bool Digits(std::string_view s, size_t from, size_t n) {
  if (s.size() < from + n) return false;
  for (size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

int Number(std::string_view s, size_t from, size_t n) {
  int v = 0;
  for (size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

}  // namespace

std::optional<std::string> NormalizePublished(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (!Digits(s, 0, 4) || s.size() < 7 || s[4] != '-' || !Digits(s, 5, 2)) return std::nullopt;
  const int month = Number(s, 5, 2);
  if (month < 1 || month > 12) return std::nullopt;
  if (s.size() == 7) return std::string(s);
  if (s.size() < 10 || s[7] != '-' || !Digits(s, 8, 2)) return std::nullopt;
  const int day = Number(s, 8, 2);
  if (day < 1 || day > 31) return std::nullopt;
  // After the day only a time part may follow: "T14:00", " 14:00".
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  return std::string(s.substr(0, 10));
}

}  // namespace harmwatch::ingest
