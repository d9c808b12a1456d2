#include "harmwatch/extract/casualties.h"

#include <algorithm>

#include "harmwatch/lexicon/numbers.h"

using namespace std::string_view_literals;

namespace harmwatch {
namespace {

// How far apart a number and its casualty word may be: "8 people, including women and
// children, were killed" still pairs, a number in the next clause does not.
constexpr uint32_t kMaxGapAfter = 9;
constexpr uint32_t kMaxGapBefore = 8;

const LexEntry* At(const Lexicon& lex, const std::vector<Token>& t, uint32_t i, uint32_t end,
                   LexCategory cat, uint32_t* len) {
  return lex.LongestOf(t, i, end, cat, len);
}

bool IsWord(const std::vector<Token>& t, uint32_t i, uint32_t end,
            std::initializer_list<std::string_view> words) {
  if (i >= end || !t[i].is_word) return false;
  for (std::string_view w : words)
    if (t[i].norm == w) return true;
  return false;
}

// "7-year-old", "7 years old", "aged 7": an age, not a count.
bool IsAge(const std::vector<Token>& t, uint32_t num_last, uint32_t end) {
  return num_last < end && (t[num_last].norm == "year"sv || t[num_last].norm == "years"sv ||
                            t[num_last].norm == "month"sv || t[num_last].norm == "months"sv) &&
         num_last + 1 < end && (t[num_last + 1].norm == "old"sv || t[num_last + 1].norm == "olds"sv);
}

// Where a figure starts with its qualifiers: "at least 8", "nearly 20".
uint32_t QualifiedStart(const std::vector<Token>& t, uint32_t begin, uint32_t first) {
  while (first > begin && (t[first - 1].norm == "least"sv || t[first - 1].norm == "at"sv ||
                           t[first - 1].norm == "about"sv || t[first - 1].norm == "nearly"sv ||
                           t[first - 1].norm == "some"sv || t[first - 1].norm == "around"sv ||
                           t[first - 1].norm == "almost"sv || t[first - 1].norm == "approximately"sv))
    --first;
  return first;
}

}  // namespace

std::vector<CasualtyFigure> FindCasualties(const std::vector<Token>& t, uint32_t begin,
                                           uint32_t end, const Lexicon& lex,
                                           const std::string& context_kind) {
  std::vector<CasualtyFigure> out;
  bool sentence_total = false;
  for (uint32_t i = begin; i < end; ++i) {
    if (IsWord(t, i, end, {"toll", "total", "overall", "tally"})) sentence_total = true;
  }
  for (uint32_t i = begin; i < end; ++i) {
    uint32_t len = 0;
    // Zero: "no casualties", "no fatalities", "neither injuries nor fatalities", "no one was hurt".
    if (IsWord(t, i, end, {"no", "neither", "without", "nor"})) {
      uint32_t k = i + 1;
      if (k < end && (t[k].norm == "one"sv || t[k].norm == "human"sv)) ++k;
      if (k < end && t[k].norm == "was"sv) ++k;
      const LexEntry* c = At(lex, t, k, end, "casualty", &len);
      if (c && t[i].norm != "nor"sv) {
        CasualtyFigure f;
        f.zero = true;
        f.value = 0;
        f.first = i;
        f.last = k + len;
        // "no casualties" covers both kinds; "no fatalities" only the dead.
        f.kind = t[k].norm == "casualties"sv ? "both" : c->value;
        f.span = t[i].span.Union(t[k + len - 1].span);
        out.push_back(f);
        // "neither injuries nor fatalities": the second kind too.
        if (k + len + 1 < end && t[k + len].norm == "nor"sv) {
          uint32_t len2 = 0;
          if (const LexEntry* c2 = At(lex, t, k + len + 1, end, "casualty", &len2)) {
            CasualtyFigure g = f;
            g.kind = c2->value;
            g.last = k + len + 1 + len2;
            g.span = t[i].span.Union(t[g.last - 1].span);
            out.push_back(g);
          }
        }
        i = f.last - 1;
        continue;
      }
    }
    auto num = ParseNumber(t, i, end, lex);
    // "between 43 and 52 persons were killed": the lower bound, ACLED's rule.
    if (num && i > begin && t[i - 1].norm == "between"sv && num->last + 1 < end && t[num->last].norm == "and"sv) {
      if (auto upper = ParseNumber(t, num->last + 1, end, lex); upper && upper->value > num->value) {
        num->last = upper->last;
        num->range = true;
      }
    }
    bool article = false;
    // "a number of", "a group of", "a few": vague, not one.
    bool vague_article = i + 1 < end && (t[i + 1].norm == "number"sv || t[i + 1].norm == "group"sv ||
                                         t[i + 1].norm == "few"sv || t[i + 1].norm == "lot"sv ||
                                         t[i + 1].norm == "series"sv || t[i + 1].norm == "wave"sv);
    if (!num && !vague_article && (t[i].norm == "a"sv || t[i].norm == "an"sv) && i + 1 < end) {
      // "killing a 7-year-old child", "a woman was injured": one person.
      uint32_t k = i + 1;
      auto age = ParseNumber(t, k, end, lex);
      if (age && IsAge(t, age->last, end)) k = age->last + 2;
      uint32_t vlen = 0;
      // "a 7-year-old child", "a young woman" - but "a family of five people" is five.
      while (k < end && t[k].is_word && !At(lex, t, k, end, "victim", &vlen) && k < i + 4 &&
             !ParseNumber(t, k, end, lex))
        ++k;
      if (At(lex, t, k, end, "victim", &vlen)) {
        num = NumberMatch{1, i, k, false, false};
        article = true;
      }
    }
    if (!num) continue;
    if (IsAge(t, num->last, end)) continue;
    // "shot to death by two armed men": a count after "by" is of the attackers (and in
    // "the toll rose by 5", of an increase).
    if (uint32_t b = QualifiedStart(t, begin, num->first); b > begin && t[b - 1].norm == "by"sv) continue;
    // Years and dates are not counts ("in 2016", "on 5 May").
    if (num->digits && num->value >= 1900 && num->value <= 2100) continue;
    uint32_t mlen = 0;
    if (num->last < end && At(lex, t, num->last, end, "month", &mlen)) continue;
    if (num->first > begin && At(lex, t, num->first - 1, end, "month", &mlen)) continue;
    // Units that make a number something else: "15 km", "10 minutes", "3 rockets".
    if (num->last < end && IsWord(t, num->last, end, {"km", "kilometers", "kilometres", "miles", "meters",
                                                         "metres", "minutes", "hours", "days", "weeks",
                                                         "percent", "per", "am", "pm", "years", "months"}))
      continue;

    CasualtyFigure f;
    f.value = static_cast<int>(num->value);
    f.first = num->first;
    f.last = num->last;
    // Right before: "killing 8", "injuring at least 42" - the verb owns its number even
    // when another casualty word follows ("killed 8 people, injuring 42").
    {
      uint32_t b = QualifiedStart(t, begin, num->first);
      if (b > begin) {
        if (const LexEntry* c = At(lex, t, b - 1, end, "casualty", &len); c && b - 1 + len == b) {
          f.kind = c->value;
          f.first = b - 1;
        }
      }
    }
    // After: "8 people were killed", "42 wounded", "8 martyrs", "five people killed".
    uint32_t k = num->last;
    bool saw_victim = article;
    uint32_t vlen = 0;
    const LexEntry* victim = nullptr;
    for (uint32_t g = 0; f.kind.empty() && k < end && g < kMaxGapAfter; ++g) {
      if (const LexEntry* c = At(lex, t, k, end, "casualty", &len)) {
        f.kind = c->value;
        f.last = k + len;
        break;
      }
      if (const LexEntry* v = At(lex, t, k, end, "victim", &vlen)) {
        saw_victim = true;
        if (!victim) victim = v;
        k += vlen;
        continue;
      }
      // Words allowed between: "people were", "civilians, including", "more", "others".
      if (t[k].is_word && (t[k].norm == "were"sv || t[k].norm == "was"sv || t[k].norm == "have"sv ||
                           t[k].norm == "had"sv || t[k].norm == "been"sv || t[k].norm == "are"sv ||
                           t[k].norm == "other"sv || t[k].norm == "more"sv || t[k].norm == "others"sv ||
                           t[k].norm == "reportedly"sv || t[k].norm == "also"sv || t[k].norm == "being"sv ||
                           t[k].norm == "got"sv || t[k].norm == "seriously"sv || t[k].norm == "critically"sv ||
                           t[k].norm == "severely"sv || t[k].norm == "lightly"sv || t[k].norm == "slightly"sv ||
                           t[k].norm == "at"sv || t[k].norm == "least"sv || t[k].norm == "of"sv ||
                           t[k].norm == "them"sv || t[k].norm == "whom"sv || t[k].norm == "fatally"sv ||
                           t[k].norm == "civilian"sv || t[k].norm == "syrian"sv || t[k].norm == "the"sv ||
                           t[k].norm == "found"sv || t[k].norm == "from"sv || t[k].norm == "in"sv ||
                           t[k].norm == "reportedly"sv || t[k].norm == "rural"sv)) {
        ++k;
        continue;
      }
      // "3 Ahrar al Sharqiyah fighters", "4 QSD fighters", "2 members of LaQ": names between.
      if (t[k].is_word && (t[k].capitalized || (t[k].hyphen_before && k > 0 && t[k - 1].capitalized) ||
                           t[k].norm == "al"sv || t[k].norm == "el"sv)) {
        ++k;
        continue;
      }
      // "16 security personnel were killed": up to two describing words before the people.
      if (!saw_victim && t[k].is_word && !t[k].is_number) {
        uint32_t vlen2 = 0;
        bool ahead = (k + 1 < end && At(lex, t, k + 1, end, "victim", &vlen2)) ||
                     (k + 2 < end && t[k + 1].is_word && At(lex, t, k + 2, end, "victim", &vlen2));
        if (ahead) {
          ++k;
          continue;
        }
      }
      // "Fourteen civilians including two children martyred": the breakdown in between.
      if (saw_victim && t[k].norm == "including"sv) {
        uint32_t j = k + 1;
        while (j < end && j < k + 6 && (t[j].is_word || t[j].punct == ',') &&
               !At(lex, t, j, end, "casualty", &len))
          ++j;
        if (j < end && j < k + 6 && At(lex, t, j, end, "casualty", &len)) {
          k = j;
          continue;
        }
      }
      // "8 people, including women, were killed" - but not "8 people, injuring 42".
      if (t[k].punct == ',' && saw_victim && !(k + 1 < end && At(lex, t, k + 1, end, "casualty", &len))) {
        ++k;
        continue;
      }
      break;
    }
    // Before: "killing 8", "killed 8 people", "toll rose to 8", "injuring at least 42".
    if (f.kind.empty()) {
      uint32_t b = num->first;
      for (uint32_t g = 0; b > begin && g < kMaxGapBefore; ++g) {
        --b;
        const std::string& w = t[b].norm;
        if (w == "least"sv || w == "at"sv || w == "to"sv || w == "about"sv || w == "around"sv ||
            w == "nearly"sv || w == "almost"sv || w == "some"sv || w == "approximately"sv || w == "over"sv ||
            w == "than"sv || w == "more"sv || w == "reached"sv || w == "risen"sv || w == "rose"sv ||
            w == "climbed"sv || w == "increased"sv || w == "jumped"sv || w == "stands"sv || w == "stood"sv ||
            w == "is"sv || w == "was"sv || w == "has"sv || w == "had"sv || w == "of"sv || w == "up"sv ||
            w == "are"sv || w == "were"sv || w == "totaled"sv || w == "totalled"sv || w == "in"sv ||
            w == "the"sv || w == "s"sv || w == "today"sv || w == "yesterday"sv || w == "massacre"sv ||
            w == "attack"sv || w == "attacks"sv || w == "bombing"sv || w == "shelling"sv || w == "so"sv ||
            w == "far"sv || w == "now"sv || w == "this"sv || w == "coded"sv || w == "recorded"sv ||
            w == "estimated"sv || w == "documented"sv || w == "reported"sv || w == "as"sv) {
          if (w == "risen"sv || w == "rose"sv || w == "climbed"sv || w == "reached"sv || w == "increased"sv ||
              w == "jumped"sv)
            f.update = true;
          continue;
        }
        if (t[b].punct == ':') continue;
        if (const LexEntry* c = At(lex, t, b, end, "casualty", &len)) {
          f.kind = c->value;
          f.first = b;
          break;
        }
        break;
      }
    }
    // Only short list items inherit the kind: "Balyoun town: two children."
    if (f.kind.empty() && saw_victim && !context_kind.empty() && !article && end - begin <= 24) {
      f.kind = context_kind;  // "Iblin town: a family of five people"
      f.implicit_kind = true;
    }
    if (f.kind.empty()) continue;
    if (!victim && num->last < end) victim = At(lex, t, num->last, end, "victim", &vlen);
    if (victim && !victim->Attr("combatant").empty()) f.combatants = true;
    if (victim) f.force = std::string(victim->Attr("force"));
    if (victim && !victim->Attr("child").empty() && f.kind == "killed"sv) f.children = f.value;
    if (victim && !victim->Attr("woman").empty() && f.kind == "killed"sv) f.women = f.value;
    f.total = sentence_total;
    f.span = t[f.first].span.Union(t[f.last - 1].span);
    out.push_back(f);
    i = std::max(i, f.last - 1);
  }
  // "including four children and a woman": children and women of the figure before.
  for (uint32_t i = begin; i + 1 < end; ++i) {
    if (!(t[i].norm == "including"sv || t[i].norm == "among"sv || t[i].norm == "incl"sv)) continue;
    CasualtyFigure* owner = nullptr;
    for (auto& f : out)
      if (f.last <= i && !f.zero) owner = &f;
    if (!owner) continue;
    for (uint32_t k = i + 1; k < end && k < i + 10; ++k) {
      if (t[k].punct == '.' || t[k].punct == ';') break;
      uint32_t vlen = 0;
      std::optional<NumberMatch> n = ParseNumber(t, k, end, lex);
      if (!n && (t[k].norm == "a"sv || t[k].norm == "an"sv)) n = NumberMatch{1, k, k + 1, false, false};
      if (!n) continue;
      const LexEntry* v = lex.LongestOf(t, n->last, end, "victim", &vlen);
      if (!v) continue;
      if (owner->kind == "killed"sv) {
        if (!v->Attr("child").empty()) owner->children = static_cast<int>(n->value);
        if (!v->Attr("woman").empty()) owner->women = static_cast<int>(n->value);
      }
      k = n->last + vlen - 1;
    }
  }
  return out;
}

}  // namespace harmwatch
