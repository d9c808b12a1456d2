// Unit tests for the lexicon stage: the phrase matcher, numbers and dates.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "harmwatch/lexicon/dates.h"
#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/text/fold.h"
#include "harmwatch/lexicon/numbers.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

// The shipped English lexicon, loaded once for the whole binary.
const Lexicon& En() {
  static const Lexicon* lex = [] {
    auto* l = new Lexicon;
    Status s = l->AddDirectory(std::string(HARMWATCH_TEST_DATA_DIR) + "/lexicons/en");
    if (!s.ok()) {
      ADD_FAILURE() << s.message();
    }
    return l;
  }();
  return *lex;
}

Day D(int y, unsigned m, unsigned d) { return Day{year(y), month(m), day(d)}; }

// ---------------------------------------------------------------- Lexicon

TEST(Lexicon, AddTsvErrorsNameFileAndLine) {
  Lexicon lex;
  Status s = lex.AddTsv("# comment\nbarrel bomb\tweapon\tbarrel_bomb\nbroken line\n", "w.tsv");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("w.tsv:3"), std::string::npos) << s.message();

  Lexicon lex2;
  s = lex2.AddTsv("ok\tweapon\tx\n\n...\tweapon\ty\n", "p.tsv");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("p.tsv:3"), std::string::npos) << s.message();

  Lexicon lex3;
  s = lex3.AddTsv("phrase\t\tvalue\n", "e.tsv");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("e.tsv:1"), std::string::npos) << s.message();
}

TEST(Lexicon, AddDirectoryMissingIsNotFound) {
  Lexicon lex;
  Status s = lex.AddDirectory("/nonexistent/harmwatch/lexicons");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
}

// The first entry of `category` in the longest phrase at the start of `text`.
const LexEntry* EntryAtStart(const Lexicon& lex, const std::string& text,
                             std::string_view category) {
  static TokenizedText tt;  // entries outlive the call; tokens need not
  tt = Tokenize(text);
  uint32_t len = 0;
  return lex.LongestOf(tt.tokens, 0, static_cast<uint32_t>(tt.tokens.size()), LexCategory(category), &len);
}

TEST(Lexicon, ParsesValuesNumbersAndAttributes) {
  Lexicon lex;
  ASSERT_TRUE(lex.AddTsv("Barrel-Bombs\tweapon\tbarrel_bomb\tsub=air,heavy\n"
                         "a dozen\tnumber\t12\n",
                         "t.tsv")
                  .ok());
  EXPECT_EQ(lex.size(), 2u);
  // Case, hyphens and spaces do not matter.
  const LexEntry* e = EntryAtStart(lex, "barrel bombs", "weapon");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->category, "weapon");
  EXPECT_EQ(e->value, "barrel_bomb");
  EXPECT_EQ(e->Attr("sub"), "air");
  EXPECT_EQ(e->Attr("heavy"), "1");
  EXPECT_EQ(e->Attr("missing", "fb"), "fb");
  const LexEntry* n = EntryAtStart(lex, "A Dozen", "number");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->number, 12);
  EXPECT_EQ(EntryAtStart(lex, "a dozen", "weapon"), nullptr);
}

// Regression: Lookup split a temporary folded string into string_views and hashed them
// after the string was gone (ASan: stack-use-after-scope in HashWord).
TEST(Lexicon, LookupExactPhrase) {
  Lexicon lex;
  ASSERT_TRUE(lex.AddTsv("barrel bombs\tweapon\tbarrel_bomb\n", "t.tsv").ok());
  auto e = lex.Lookup("Barrel-Bombs");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0]->value, "barrel_bomb");
  EXPECT_TRUE(lex.Lookup("barrel").empty());
}

TEST(Lexicon, LongestMatchPerCategory) {
  Lexicon lex;
  ASSERT_TRUE(lex.AddTsv("air\tweapon\tair\n"
                         "air strike\tattack\tAIR\n"
                         "air strike on\tattack\tAIR_ON\n"
                         "strike\tattack\tGENERIC\n"
                         "barrel bomb\tweapon\tbarrel_bomb\n",
                         "t.tsv")
                  .ok());
  const std::string text = "An air-strike on Sarmin and a barrel bomb.";
  TokenizedText tt = Tokenize(text);
  auto n = static_cast<uint32_t>(tt.tokens.size());
  auto matches = lex.Match(tt.tokens, 0, n);
  // At "air": weapon "air" (1 token) and attack "air strike on" (3 tokens), the longest
  // attack phrase; "strike" (at token 2) is matched on its own start too.
  int air_weapon = 0, air_attack = 0, barrel = 0;
  uint32_t prev_first = 0;
  for (const LexMatch& m : matches) {
    EXPECT_GE(m.first, prev_first);  // ordered by first token
    prev_first = m.first;
    if (m.first == 1 && m.entry->category == "weapon") {
      ++air_weapon;
      EXPECT_EQ(m.last, 2u);
    }
    if (m.first == 1 && m.entry->category == "attack") {
      ++air_attack;
      EXPECT_EQ(m.entry->value, "AIR_ON");
      EXPECT_EQ(m.last, 4u);
    }
    if (m.entry->value == "barrel_bomb") ++barrel;
  }
  EXPECT_EQ(air_weapon, 1);
  EXPECT_EQ(air_attack, 1);
  EXPECT_EQ(barrel, 1);

  uint32_t len = 0;
  const LexEntry* e = lex.LongestOf(tt.tokens, 1, n, "attack", &len);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->value, "AIR_ON");
  EXPECT_EQ(len, 3u);
  EXPECT_EQ(lex.LongestOf(tt.tokens, 1, 3, "attack", &len)->value, "AIR");  // bounded by end
  EXPECT_EQ(lex.LongestOf(tt.tokens, 0, n, "attack", &len), nullptr);
}

// Asked for some categories, Match gives exactly the matches of those, with and without
// a cache: the weapon "air" still stands beside the longer attack phrase.
TEST(Lexicon, MatchKeepsOnlyTheCategoriesAskedFor) {
  Lexicon lex;
  ASSERT_TRUE(lex.AddTsv("air\tweapon\tair\n"
                         "air strike\tattack\tAIR\n"
                         "barrel bomb\tweapon\tbarrel_bomb\n"
                         "sarmin\tcolour\tgrey\n",
                         "t.tsv")
                  .ok());
  const std::string text = "An air strike on Sarmin and a barrel bomb.";
  TokenizedText tt = Tokenize(text);
  auto n = static_cast<uint32_t>(tt.tokens.size());
  auto values = [&](uint64_t categories) {
    std::vector<std::string> out;
    for (const LexMatch& m : lex.Match(tt.tokens, 0, n, categories)) out.push_back(m.entry->value);
    return out;
  };
  const std::vector<std::string> weapons = {"air", "barrel_bomb"};
  EXPECT_EQ(values(lex.BitOf("weapon")), weapons);
  EXPECT_EQ(values(lex.BitOf("colour")), std::vector<std::string>{"grey"});
  EXPECT_EQ(values(lex.BitOf("weapon") | lex.BitOf("attack")).size(), 3u);
  EXPECT_EQ(values(~uint64_t{0}).size(), 4u);
  Lexicon::ScopedCache cache(lex, tt.tokens);
  cache.ComputeAll();
  EXPECT_EQ(values(lex.BitOf("weapon")), weapons);
  EXPECT_EQ(values(lex.BitOf("colour")), std::vector<std::string>{"grey"});
}

// What a stage learns must not depend on whether a cache answers: for categories with
// fixed bits ("attack"), ones a file adds ("colour"), and past 63 categories, where the
// added ones share the last bit.
TEST(Lexicon, ACacheAnswersAsTheLexiconDoes) {
  std::string tsv = "air strike\tattack\tAIR\nstrike\tattack\tGENERIC\nred cross\tcolour\tred\n"
                    "red\tcolour\tred\nsarmin\tnotplace\t1\n";
  for (int k = 0; k < 70; ++k) tsv += "word" + std::to_string(k) + "\textra" + std::to_string(k) + "\tx\n";
  tsv += "sarmin red\textra69\tlate\n";
  Lexicon lex;
  ASSERT_TRUE(lex.AddTsv(tsv, "t.tsv").ok());
  EXPECT_EQ(lex.BitOf("attack"), LexCategory("attack").named_bit());
  EXPECT_NE(lex.BitOf(LexCategory(std::string_view("colour"))), 0u);
  EXPECT_EQ(LexCategory(std::string_view("colour")).named_bit(), 0u);

  const TokenizedText tt = Tokenize("An air strike hit the Red Cross in Sarmin red word3 word69.");
  const auto n = static_cast<uint32_t>(tt.tokens.size());
  struct Answers {
    std::vector<std::string> longest;
    std::vector<std::string> matches;
  };
  auto ask = [&] {
    Answers a;
    for (std::string_view cat : {"attack", "colour", "notplace", "extra3", "extra69", "absent"}) {
      for (uint32_t i = 0; i < n; ++i) {
        uint32_t len = 0;
        const LexEntry* e = lex.LongestOf(tt.tokens, i, n, LexCategory(cat), &len);
        a.longest.push_back(e ? std::string(cat) + "@" + std::to_string(i) + "+" + std::to_string(len) + "=" + e->value
                              : "-");
      }
    }
    for (const LexMatch& m : lex.Match(tt.tokens, 0, n))
      a.matches.push_back(m.entry->category + "@" + std::to_string(m.first) + "-" + std::to_string(m.last));
    return a;
  };
  const Answers uncached = ask();
  EXPECT_EQ(std::count(uncached.longest.begin(), uncached.longest.end(), "colour@5+2=red"), 1);
  EXPECT_EQ(std::count(uncached.longest.begin(), uncached.longest.end(), "extra69@8+2=late"), 1);
  {
    Lexicon::ScopedCache lazy(lex, tt.tokens);
    const Answers cached = ask();
    EXPECT_EQ(cached.longest, uncached.longest);
    EXPECT_EQ(cached.matches, uncached.matches);
  }
  {
    Lexicon::ScopedCache eager(lex, tt.tokens);
    eager.ComputeAll();
    const Answers cached = ask();
    EXPECT_EQ(cached.longest, uncached.longest);
    EXPECT_EQ(cached.matches, uncached.matches);
    // A token that opens no phrase says so for every category at once.
    EXPECT_EQ(lex.CategoriesAt(tt.tokens, 3), 0u);  // "hit"
  }
}

TEST(Lexicon, PhrasesDoNotSpanPunctuation) {
  Lexicon lex;
  ASSERT_TRUE(lex.AddTsv("air strike\tattack\tAIR\n", "t.tsv").ok());
  TokenizedText tt = Tokenize("the air, strike");
  uint32_t len = 0;
  EXPECT_EQ(lex.LongestOf(tt.tokens, 1, static_cast<uint32_t>(tt.tokens.size()), "attack", &len),
            nullptr);
}

TEST(Lexicon, ShippedLexiconsLoad) {
  EXPECT_GT(En().size(), 1000u);
  const LexEntry* e = EntryAtStart(En(), "barrel bombs", "weapon");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->value, "barrel_bomb");
}

// ---------------------------------------------------------------- numbers

std::optional<NumberMatch> NumberIn(const std::string& text, uint32_t at = 0) {
  TokenizedText tt = Tokenize(text);
  return ParseNumber(tt.tokens, at, static_cast<uint32_t>(tt.tokens.size()), En());
}

TEST(ParseNumber, Digits) {
  auto n = NumberIn("8 people");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->value, 8);
  EXPECT_TRUE(n->digits);
  EXPECT_EQ(n->first, 0u);
  EXPECT_EQ(n->last, 1u);
  EXPECT_FALSE(n->range);
  ASSERT_TRUE(NumberIn("1,200 people"));
  EXPECT_EQ(NumberIn("1,200 people")->value, 1200);
}

TEST(ParseNumber, Words) {
  EXPECT_EQ(NumberIn("eight people")->value, 8);
  EXPECT_FALSE(NumberIn("eight people")->digits);
  auto tw = NumberIn("twenty-one people");
  ASSERT_TRUE(tw);
  EXPECT_EQ(tw->value, 21);
  EXPECT_EQ(tw->last, 2u);  // "twenty" "one"
  EXPECT_EQ(NumberIn("a dozen people")->value, 12);
  EXPECT_EQ(NumberIn("two hundred and fifty people")->value, 250);
  EXPECT_EQ(NumberIn("Eleven civilians")->value, 11);
}

TEST(ParseNumber, VagueWordsAreNotNumbers) {
  EXPECT_FALSE(NumberIn("dozens of people"));
  EXPECT_FALSE(NumberIn("several people"));
  EXPECT_FALSE(NumberIn("people"));
  EXPECT_FALSE(NumberIn(", 8"));  // punctuation at i
}

TEST(ParseNumber, Ranges) {
  auto r = NumberIn("8 to 10 people");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->value, 8);
  EXPECT_TRUE(r->range);
  EXPECT_EQ(r->last, 3u);
  auto h = NumberIn("8-10 people");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->value, 8);
  EXPECT_TRUE(h->range);
}

TEST(ParseNumber, ArabicIndicDigits) {
  auto n = NumberIn("٨ شهداء");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->value, 8);
  auto m = NumberIn("١٢ جريحا");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->value, 12);
  auto p = NumberIn("۱۵");  // extended (Persian) digits
  ASSERT_TRUE(p);
  EXPECT_EQ(p->value, 15);
}

TEST(ParseNumber, RespectsEnd) {
  TokenizedText tt = Tokenize("twenty one");
  auto n = ParseNumber(tt.tokens, 0, 1, En());
  ASSERT_TRUE(n);
  EXPECT_EQ(n->value, 20);
  EXPECT_FALSE(ParseNumber(tt.tokens, 2, 2, En()));
}

// ---------------------------------------------------------------- dates

std::vector<DateMention> DatesIn(const std::string& text, TokenizedText* keep = nullptr) {
  TokenizedText tt = Tokenize(text);
  auto out = FindDates(tt.tokens, 0, static_cast<uint32_t>(tt.tokens.size()), En());
  if (keep) *keep = std::move(tt);
  return out;
}

TEST(FindDates, ExplicitDates) {
  for (const std::string text : {"On 2 May 2020, shelling hit the town.",
                                 "On May 2, 2020, shelling hit the town."}) {
    auto d = DatesIn(text);
    ASSERT_EQ(d.size(), 1u) << text;
    EXPECT_EQ(d[0].year, 2020);
    EXPECT_EQ(d[0].month, 5);
    EXPECT_EQ(d[0].day, 2);
    ResolvedDate r = Resolve(d[0], std::nullopt);
    ASSERT_TRUE(r.day) << text;
    EXPECT_EQ(*r.day, D(2020, 5, 2));
    EXPECT_EQ(r.precision, 1);
  }
}

// "In April, the military bombed ...": a month opening the sentence dates it; one inside
// a clause ("which fell in May") or the verb "may" does not.
TEST(FindDates, AMonthOpeningTheSentence) {
  auto d = DatesIn("In April, the military bombed a gathering.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].month, 4);
  EXPECT_FALSE(d[0].day);
  EXPECT_FALSE(d[0].year);
  EXPECT_TRUE(DatesIn("The town, which fell in May, was shelled.").empty());
  EXPECT_TRUE(DatesIn("In may be true.").empty());
}

TEST(FindDates, DayAndMonthTakeTheYearOfPublication) {
  auto d = DatesIn("On 5 December the regime shelled Sarmin.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_FALSE(d[0].year);
  ResolvedDate r = Resolve(d[0], D(2023, 12, 7));
  ASSERT_TRUE(r.day);
  EXPECT_EQ(*r.day, D(2023, 12, 5));
  // Published early January: "30 December" is last year.
  auto d2 = DatesIn("On 30 December the regime shelled Sarmin.");
  ASSERT_EQ(d2.size(), 1u);
  ResolvedDate r2 = Resolve(d2[0], D(2024, 1, 2));
  ASSERT_TRUE(r2.day);
  EXPECT_EQ(*r2.day, D(2023, 12, 30));
}

TEST(FindDates, WeekdayResolvesAgainstPublication) {
  auto d = DatesIn("On Monday, the regime shelled Sarmin.");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].weekday, 0);
  // Published Wednesday 2020-06-10: Monday is 2020-06-08.
  ResolvedDate r = Resolve(d[0], D(2020, 6, 10));
  ASSERT_TRUE(r.day);
  EXPECT_EQ(*r.day, D(2020, 6, 8));
  EXPECT_EQ(r.precision, 1);
  // Published on a Monday: "on Monday" is that day (or the week before, never after).
  ResolvedDate same = Resolve(d[0], D(2020, 6, 8));
  ASSERT_TRUE(same.day);
  EXPECT_LE(std::chrono::sys_days(*same.day), std::chrono::sys_days(D(2020, 6, 8)));
  // "Sunday" published Wednesday 2020-06-10 -> 2020-06-07.
  auto s = DatesIn("Late on Sunday night, drones struck.");
  ASSERT_FALSE(s.empty());
  ResolvedDate rs = Resolve(s[0], D(2020, 6, 10));
  ASSERT_TRUE(rs.day);
  EXPECT_EQ(*rs.day, D(2020, 6, 7));
}

TEST(FindDates, YesterdayAndLastNight) {
  for (const std::string text : {"Yesterday, the regime shelled Sarmin.",
                                 "Last night, the regime shelled Sarmin.",
                                 "The regime shelled Sarmin last night."}) {
    auto d = DatesIn(text);
    ASSERT_EQ(d.size(), 1u) << text;
    EXPECT_EQ(d[0].relative_days, -1) << text;
    ResolvedDate r = Resolve(d[0], D(2023, 3, 1));
    ASSERT_TRUE(r.day) << text;
    EXPECT_EQ(*r.day, D(2023, 2, 28)) << text;
    EXPECT_EQ(r.precision, 1);
  }
  auto t = DatesIn("Today, the regime shelled Sarmin.");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(*Resolve(t[0], D(2023, 3, 1)).day, D(2023, 3, 1));
}

// "On the same day", "the following day" count from the date told before them (the
// assembler knows it), never from publication.
TEST(FindDates, DaysToldByTheDateBefore) {
  auto same = DatesIn("On the same day, a landmine wounded two shepherds.");
  ASSERT_EQ(same.size(), 1u);
  EXPECT_EQ(same[0].after_told_days, 0);
  EXPECT_FALSE(same[0].relative_days);
  EXPECT_FALSE(Resolve(same[0], D(2023, 6, 5)).day);
  auto next = DatesIn("The following day, gunmen attacked the market.");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].after_told_days, 1);
  auto before = DatesIn("The day before yesterday, gunmen attacked the market.");
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].relative_days, -2);
  EXPECT_FALSE(before[0].after_told_days);
}

TEST(FindDates, NoPublicationDateNoDay) {
  for (const std::string text : {"On Monday, the regime shelled Sarmin.",
                                 "Yesterday, the regime shelled Sarmin.",
                                 "On 5 December the regime shelled Sarmin."}) {
    auto d = DatesIn(text);
    ASSERT_EQ(d.size(), 1u) << text;
    ResolvedDate r = Resolve(d[0], std::nullopt);
    EXPECT_FALSE(r.day) << text;
    EXPECT_EQ(r.precision, 3) << text;
  }
}

TEST(FindDates, VagueWordsGiveNoDay) {
  auto d = DatesIn("Earlier this month, the regime shelled Sarmin.");
  ASSERT_FALSE(d.empty());
  EXPECT_TRUE(d[0].vague);
  ResolvedDate r = Resolve(d[0], D(2023, 12, 7));
  EXPECT_FALSE(r.day);
  EXPECT_GE(r.precision, 2);
}

TEST(FindDates, NumbersAreNotDates) {
  EXPECT_TRUE(DatesIn("The shelling killed 8 people and injured 42.").empty());
  EXPECT_TRUE(DatesIn("").empty());
}

TEST(IsoDates, ParseAndFormat) {
  EXPECT_EQ(ParseIsoDay("2023-12-07"), D(2023, 12, 7));
  EXPECT_EQ(ParseIsoDay("2023/12/07"), D(2023, 12, 7));
  EXPECT_EQ(ParseIsoDay("2023-12-07T10:00:00Z"), D(2023, 12, 7));
  EXPECT_FALSE(ParseIsoDay("2023-12"));
  EXPECT_FALSE(ParseIsoDay("2023-02-30"));
  EXPECT_FALSE(ParseIsoDay("yesterday"));
  EXPECT_FALSE(ParseIsoDay(""));
  auto m = ParseIsoMonth("2023-12");
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, std::chrono::year_month(year(2023), month(12)));
  EXPECT_EQ(FormatDay(D(2023, 1, 5)), "2023-01-05");
}

// Arabic words compare without their article: the TSV may write either form.
TEST(Lexicon, ArabicArticleDoesNotMatter) {
  Lexicon lex;
  ASSERT_TRUE(lex.AddTsv("قذائف مدفعية\tweapon\tartillery\nالمدفعية الثقيلة\tweapon\tartillery\n", "t").ok());
  EXPECT_EQ(lex.Lookup("القذائف المدفعية").size(), 1u);
  EXPECT_EQ(lex.Lookup("قذائف مدفعية").size(), 1u);
  EXPECT_EQ(lex.Lookup("مدفعية ثقيلة").size(), 1u);
  EXPECT_TRUE(lex.HasWord(FoldForMatch("المدفعية")));
  EXPECT_TRUE(lex.HasWord(FoldForMatch("مدفعية")));
  // Same phrase twice, once with articles: one phrase, no collision error.
  EXPECT_TRUE(lex.AddTsv("القذائف المدفعية\tweapon\tartillery\n", "t2").ok());
}

}  // namespace
// The flat table behind phrase lookups: every key built is found, others are not,
// including keys whose slots collide (sequential keys share their low bits).
TEST(FlatHashMap, FindsExactlyTheKeysBuilt) {
  std::unordered_map<uint64_t, uint32_t> source;
  for (uint64_t k = 1; k <= 5000; ++k) source.emplace(k << 32, static_cast<uint32_t>(k));
  source.emplace(0, 7);  // key 0 is a key like any other
  FlatHashMap<uint32_t> flat;
  flat.Build(source, [](uint32_t v) { return v; });
  for (const auto& [k, v] : source) EXPECT_EQ(flat.Find(k), v) << k;
  for (uint64_t k = 1; k <= 5000; ++k) EXPECT_EQ(flat.Find((k << 32) + 1), 0u);
  FlatHashMap<uint32_t> empty;
  EXPECT_EQ(empty.Find(42), 0u);
}

}  // namespace harmwatch
