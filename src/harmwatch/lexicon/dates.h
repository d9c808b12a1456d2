// Time expressions and their resolution against the publication date.
//   "On 2 May 2020" -> 2020-05-02 (day)    "on Monday" (published Wed 2020-06-10) -> 2020-06-08
//   "yesterday" -> published - 1           "last night", "past midnight" -> published - 1
//   "earlier this month" -> month precision; no publication date -> weekday and
//   relative words resolve to nothing (never a guess).
// Month and weekday names and relative words come from the lexicon (categories
// `month`, `weekday`, `reltime`).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {

using Day = std::chrono::year_month_day;

struct DateMention {
  uint32_t first = 0, last = 0;  // tokens
  std::optional<int> year, month, day;
  int weekday = -1;                // 0 = Monday .. 6 = Sunday
  std::optional<int> relative_days;  // yesterday = -1, today = 0
  // "the same day" = 0, "the following day" = +1: days after the date told before, not
  // after publication (Resolve leaves these to the caller, who knows that date).
  std::optional<int> after_told_days;
  bool vague = false;               // "recently", "earlier this month": precision 2-3 at best
};

struct ResolvedDate {
  std::optional<Day> day;  // the event day when known
  int precision = 3;       // 1 day, 2 a few days, 3 month or unknown
  std::optional<std::chrono::year_month> month;  // when only the month is known
};

// Every time expression in tokens [begin, end).
std::vector<DateMention> FindDates(const std::vector<Token>& tokens, uint32_t begin, uint32_t end,
                                   const Lexicon& lexicon);

// Resolves a mention against the publication day (if any).
ResolvedDate Resolve(const DateMention& m, std::optional<Day> published);

// "2023-12-07", "2023/12/07", "2023-12-07T10:00:00Z" -> a day; "2023-12" -> nothing
// (see ParseIsoMonth).
std::optional<Day> ParseIsoDay(std::string_view s);
std::optional<std::chrono::year_month> ParseIsoMonth(std::string_view s);
std::string FormatDay(Day d);

}  // namespace harmwatch
