#include "harmwatch/lexicon/dates.h"

#include <charconv>
#include <cstdio>

using namespace std::string_view_literals;

namespace harmwatch {
namespace {

using namespace std::chrono;

// Years outside this window are not publication-era dates ("since 1970", "Resolution 2254").
constexpr int kMinYear = 1990;
constexpr int kMaxYear = 2100;

std::optional<int> SmallInt(const Token& t) {
  if (!t.is_number || t.norm.size() > 4) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(t.norm.data(), t.norm.data() + t.norm.size(), v);
  if (ec != std::errc() || p != t.norm.data() + t.norm.size()) return std::nullopt;
  return v;
}

const LexEntry* EntryOf(const std::vector<Token>& tokens, uint32_t i, uint32_t end,
                        const Lexicon& lexicon, LexCategory category, uint32_t* len) {
  return lexicon.LongestOf(tokens, i, end, category, len);
}

// Range checks come first: chrono's month and day keep only a byte ("2023-2-771" would
// wrap to the 3rd).
bool ValidDay(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  return year_month_day{year{y}, month{unsigned(m)}, day{unsigned(d)}}.ok();
}

// "1st", "22nd": tokens are "1st" -> norm "1st"; accept digits followed by an ordinal suffix.
std::optional<int> DayNumber(const Token& t) {
  if (auto v = SmallInt(t)) return (*v >= 1 && *v <= 31) ? std::optional<int>(*v) : std::nullopt;
  const std::string& s = t.norm;
  if (s.size() < 3 || s.size() > 4) return std::nullopt;
  std::string_view suffix = std::string_view(s).substr(s.size() - 2);
  if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size() - 2, v);
  if (ec != std::errc() || p != s.data() + s.size() - 2 || v < 1 || v > 31) return std::nullopt;
  return v;
}

}  // namespace

std::vector<DateMention> FindDates(const std::vector<Token>& tokens, uint32_t begin, uint32_t end,
                                   const Lexicon& lexicon) {
  std::vector<DateMention> out;
  // Most tokens are neither numbers, ordinals ("1st") nor the start of a date word: one
  // mask test skips them.
  const uint64_t date_words = lexicon.BitOf("month") | lexicon.BitOf("weekday") |
                              lexicon.BitOf("anaphoric") | lexicon.BitOf("reltime");
  for (uint32_t i = begin; i < end; ++i) {
    const Token& t = tokens[i];
    const bool may_be_ordinal = t.norm.size() >= 3 && t.norm.size() <= 4 && t.norm[0] >= '0' && t.norm[0] <= '9';
    if (!t.is_number && !may_be_ordinal && !(lexicon.CategoriesAt(tokens, i) & date_words)) continue;
    uint32_t len = 0;
    // Numeric forms: 2020-05-02 (tokens 2020 -05 -02 joined by hyphens), 2020/06/05, 05/06/2020.
    if (t.is_number && i + 4 < end) {
      const Token& a = tokens[i + 1];
      const Token& b = tokens[i + 2];
      const Token& c = tokens[i + 3];
      const Token& d = tokens[i + 4];
      bool slash = (a.punct == '/' && c.punct == '/') || (a.punct == '.' && c.punct == '.');
      if (slash && b.is_number && d.is_number) {
        auto x = SmallInt(t), y = SmallInt(b), z = SmallInt(d);
        if (x && y && z) {
          DateMention m;
          m.first = i;
          m.last = i + 5;
          if (*x >= kMinYear && *x <= kMaxYear) {
            m.year = *x, m.month = *y, m.day = *z;
          } else if (*z >= kMinYear && *z <= kMaxYear) {
            m.year = *z, m.month = *y, m.day = *x;  // day/month/year, the order outside the US
          }
          if (m.year && ValidDay(*m.year, *m.month, *m.day)) {
            out.push_back(m);
            i += 4;
            continue;
          }
        }
      }
    }
    if (t.is_number && i + 2 < end && tokens[i + 1].hyphen_before && tokens[i + 2].hyphen_before) {
      auto x = SmallInt(t), y = SmallInt(tokens[i + 1]), z = SmallInt(tokens[i + 2]);
      if (x && y && z && *x >= kMinYear && *x <= kMaxYear && ValidDay(*x, *y, *z)) {
        DateMention m;
        m.first = i;
        m.last = i + 3;
        m.year = *x, m.month = *y, m.day = *z;
        out.push_back(m);
        i += 2;
        continue;
      }
    }
    // "2 May 2020", "2nd of May", "May 2, 2020", "May 2020", "May 2".
    if (auto dn = DayNumber(t)) {
      uint32_t k = i + 1;
      if (k < end && tokens[k].norm == "of"sv) ++k;
      if (const LexEntry* mo = EntryOf(tokens, k, end, lexicon, "month", &len)) {
        DateMention m;
        m.first = i;
        m.day = *dn;
        m.month = static_cast<int>(mo->number);
        k += len;
        if (k < end && tokens[k].punct == ',') ++k;
        if (k < end) {
          if (auto y = SmallInt(tokens[k]); y && *y >= kMinYear && *y <= kMaxYear) {
            m.year = *y;
            ++k;
          }
        }
        m.last = k;
        out.push_back(m);
        i = k - 1;
        continue;
      }
    }
    if (const LexEntry* mo = EntryOf(tokens, i, end, lexicon, "month", &len)) {
      // Month names that are also words ("may", "march") need a number beside them.
      DateMention m;
      m.first = i;
      m.month = static_cast<int>(mo->number);
      uint32_t k = i + len;
      if (k < end) {
        if (auto dn = DayNumber(tokens[k]); dn && !(SmallInt(tokens[k]) && *SmallInt(tokens[k]) >= kMinYear)) {
          m.day = *dn;
          ++k;
          if (k < end && tokens[k].punct == ',') ++k;
        }
      }
      if (k < end) {
        if (auto y = SmallInt(tokens[k]); y && *y >= kMinYear && *y <= kMaxYear) {
          m.year = *y;
          ++k;
        }
      }
      if (m.day || m.year) {
        m.last = k;
        out.push_back(m);
        i = k - 1;
        continue;
      }
      // "In April, the military bombed ...": a month alone after "in", "since", "early"
      // opening the sentence, written as a name (capitalized, or in a script without
      // capitals), dates the sentence to that month ("may" stays a verb; "the town, which
      // fell in May" only dates the town's fall).
      std::string_view before = i == begin + 1 ? std::string_view(tokens[i - 1].norm) : std::string_view();
      bool cue = before == "in" || before == "since" || before == "during" || before == "early" ||
                 before == "late" || before == "mid" || before == "until";
      bool name = !tokens[i].norm.empty() &&
                  (tokens[i].capitalized || static_cast<unsigned char>(tokens[i].norm[0]) >= 0x80);
      if (cue && name) {
        m.last = i + len;
        out.push_back(m);
        i = m.last - 1;
        continue;
      }
    }
    if (const LexEntry* wd = EntryOf(tokens, i, end, lexicon, "weekday", &len)) {
      DateMention m;
      m.first = i;
      m.last = i + len;
      m.weekday = static_cast<int>(wd->number);
      // "Sun 05 Jul 2015": abbreviations count only before a date ("sun" is a word).
      if (!wd->Attr("abbrev").empty() &&
          !(i + len < end && DayNumber(tokens[i + len]))) continue;
      // "Sun 05 Jul 2015": a weekday followed by a full date is that date.
      uint32_t k = i + len;
      if (k < end && tokens[k].punct == ',') ++k;
      if (k < end && (DayNumber(tokens[k]) || EntryOf(tokens, k, end, lexicon, "month", &len))) {
        out.push_back(m);
        continue;
      }
      out.push_back(m);
      i = m.last - 1;
      continue;
    }
    if (const LexEntry* told = EntryOf(tokens, i, end, lexicon, "anaphoric", &len)) {
      DateMention m;
      m.first = i;
      m.last = i + len;
      m.after_told_days = static_cast<int>(told->number);
      out.push_back(m);
      i = m.last - 1;
      continue;
    }
    if (const LexEntry* rel = EntryOf(tokens, i, end, lexicon, "reltime", &len)) {
      // Matching ignores the Arabic article, but "اليوم" (today) needs it: "يوم العيد".
      if (!rel->Attr("definite").empty() && !tokens[i + len - 1].norm.starts_with("\xD8\xA7\xD9\x84"))
        continue;
      DateMention m;
      m.first = i;
      m.last = i + len;
      if (rel->value == "vague") m.vague = true;
      else m.relative_days = static_cast<int>(rel->number);
      out.push_back(m);
      i = m.last - 1;
      continue;
    }
  }
  // A weekday right before a full date ("Sunday, 5 July 2015") adds nothing: drop it.
  std::vector<DateMention> kept;
  for (size_t k = 0; k < out.size(); ++k) {
    if (out[k].weekday >= 0 && k + 1 < out.size() && out[k + 1].day && out[k + 1].first <= out[k].last + 1)
      continue;
    kept.push_back(out[k]);
  }
  return kept;
}

ResolvedDate Resolve(const DateMention& m, std::optional<Day> published) {
  ResolvedDate r;
  if (m.day && m.month) {
    int y = m.year ? *m.year : 0;
    if (!m.year) {
      if (!published) return r;  // a day without a year and no publication date
      y = int(published->year());
      // "on 28 December" in a January report is last year.
      if (unsigned(*m.month) > unsigned(published->month())) --y;
    }
    if (!ValidDay(y, *m.month, *m.day)) return r;
    r.day = year_month_day{year{y}, month{unsigned(*m.month)}, day{unsigned(*m.day)}};
    r.precision = 1;
    return r;
  }
  if (m.month && m.year) {
    r.month = year_month{year{*m.year}, month{unsigned(*m.month)}};
    r.precision = 3;
    return r;
  }
  if (!published) return r;
  if (m.relative_days) {
    r.day = year_month_day{sys_days{*published} + days{*m.relative_days}};
    r.precision = 1;
    return r;
  }
  if (m.weekday >= 0) {
    // The most recent such weekday on or before publication.
    weekday pub_wd{sys_days{*published}};
    int pub_index = (int(pub_wd.c_encoding()) + 6) % 7;  // Monday = 0
    int back = (pub_index - m.weekday + 7) % 7;
    r.day = year_month_day{sys_days{*published} - days{back}};
    r.precision = 1;
    return r;
  }
  if (m.vague) {
    r.month = year_month{published->year(), published->month()};
    r.precision = 3;
  }
  return r;
}

std::optional<Day> ParseIsoDay(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  int y = 0, mo = 0, d = 0;
  auto num = [&](size_t at, size_t len, int& v) {
    auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + len, v);
    return ec == std::errc() && p == s.data() + at + len;
  };
  if (!num(0, 4, y) || (s[4] != '-' && s[4] != '/') || !num(5, 2, mo) || s[7] != s[4] ||
      !num(8, 2, d))
    return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  if (!ValidDay(y, mo, d)) return std::nullopt;
  return year_month_day{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
}

std::optional<std::chrono::year_month> ParseIsoMonth(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  int y = 0, mo = 0;
  auto [p1, e1] = std::from_chars(s.data(), s.data() + 4, y);
  auto [p2, e2] = std::from_chars(s.data() + 5, s.data() + 7, mo);
  if (e1 != std::errc() || e2 != std::errc() || p1 != s.data() + 4 || p2 != s.data() + 7 ||
      mo < 1 || mo > 12)
    return std::nullopt;
  return year_month{year{y}, month{unsigned(mo)}};
}

std::string FormatDay(Day d) {
  const int y = int(d.year());
  const unsigned m = unsigned(d.month()), day = unsigned(d.day());
  if (y >= 0 && y <= 9999 && m <= 99 && day <= 99) {  // every real date: no printf
    std::string out = "0000-00-00";
    out[0] = char('0' + y / 1000), out[1] = char('0' + y / 100 % 10);
    out[2] = char('0' + y / 10 % 10), out[3] = char('0' + y % 10);
    out[5] = char('0' + m / 10), out[6] = char('0' + m % 10);
    out[8] = char('0' + day / 10), out[9] = char('0' + day % 10);
    return out;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

}  // namespace harmwatch
