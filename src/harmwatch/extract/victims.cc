#include "harmwatch/extract/victims.h"

#include <unordered_set>

#include "harmwatch/lexicon/numbers.h"
#include "harmwatch/text/fold.h"
#include "harmwatch/text/word_set.h"

using namespace std::string_view_literals;

namespace harmwatch {
namespace {

bool IsNameParticle(const std::string& w) {
  return w == "al"sv || w == "el"sv || w == "bin"sv || w == "ibn"sv || w == "abu"sv || w == "abd"sv ||
         w == "de"sv || w == "ad"sv || w == "as"sv || w == "ash"sv || w == "an"sv || w == "ar"sv;
}

// A person name: 2..5 capitalized words (particles allowed inside), none blocked.
uint32_t NameEnd(const std::vector<Token>& t, uint32_t i, uint32_t end,
                 const std::vector<uint8_t>& blocked, uint32_t base) {
  uint32_t k = i;
  while (k < end && k < i + 5) {
    if (!t[k].is_word || t[k].is_number || blocked[k - base]) break;
    if (t[k].capitalized || (IsNameParticle(t[k].norm) && k + 1 < end && t[k + 1].capitalized)) {
      ++k;
      continue;
    }
    break;
  }
  return k;
}

// Nouns that introduce a named victim: "the child Hamza", "journalist Ali".
bool IsIntroNoun(const Token& w) {
  static const WordSet kNouns = {
      "child", "boy", "girl", "man", "woman", "youth", "teenager", "journalist", "activist",
      "doctor", "nurse", "paramedic", "teacher", "farmer", "shepherd", "named", "as", "civilian",
      "student", "infant", "baby", "elderly", "photographer", "volunteer", "worker", "mukhtar",
      "sheikh", "farmers", "children", "brothers", "sisters", "sons", "daughters", "men",
      "women", "civilians", "workers", "son", "daughter", "brother", "sister", "wife",
      "husband", "father", "mother", "cousin", "nephew"};
  return kNouns.Has(w);
}

// "7-year-old", "twenty-one-year-old": "old" follows within a few words.
bool AgeAhead(const std::vector<Token>& t, uint32_t i, uint32_t end) {
  for (uint32_t k = i + 1; k < end && k <= i + 5; ++k)
    if (t[k].norm == "old"sv) return true;
  return false;
}

}  // namespace

std::vector<VictimMention> FindVictims(const std::vector<Token>& t, std::string_view text,
                                       uint32_t begin, uint32_t end, const Lexicon& lex,
                                       const std::vector<uint8_t>& blocked,
                                       const std::string& outcome) {
  std::vector<VictimMention> out;
  auto add = [&](uint32_t a, uint32_t b, bool surname_only) {
    VictimMention m;
    m.first = a;
    m.last = b;
    m.surname_only = surname_only;
    m.victim.name = std::string(text.substr(t[a].span.begin, t[b - 1].span.end - t[a].span.begin));
    m.victim.outcome = outcome;
    m.victim.span = t[a].span.Union(t[b - 1].span);
    // "Name, 7," or "Name (7)": the age right after the name.
    uint32_t k = b;
    if (k < end && (t[k].punct == ',' || t[k].punct == '(')) ++k;
    if (auto n = ParseNumber(t, k, end, lex); n && n->digits && n->value > 0 && n->value < 110 &&
                                              n->last < end &&
                                              (t[n->last].punct == ',' || t[n->last].punct == ')' ||
                                               t[n->last].punct == '.')) {
      m.victim.age = static_cast<int>(n->value);
      m.victim.span = m.victim.span.Union(t[n->first].span);
    }
    out.push_back(m);
  };
  for (uint32_t i = begin; i < end; ++i) {
    const Token& w = t[i];
    // "the child Hamza Al-Shibli", "identified as Ali Hassan", "two farmers, Ahmad
    // al-Hassan, 45," and "his son Khaled, 17" (one name is enough when an age follows).
    if (IsIntroNoun(w) && i + 1 < end) {
      uint32_t start = i + 1;
      if (t[start].punct == ',' && start + 1 < end) ++start;
      if (start < end && t[start].capitalized) {
        uint32_t e = NameEnd(t, start, end, blocked, begin);
        bool aged = e + 1 < end && t[e].punct == ',' && t[e + 1].is_number;
        if (e - start >= 2 || (e - start == 1 && aged)) {
          add(start, e, false);
          i = e - 1;
          continue;
        }
      }
    }
    // "N-year-old child (Al-Shibli)": an age for a surname.
    if (auto n = AgeAhead(t, i, end) ? ParseNumber(t, i, end, lex) : std::nullopt; n && n->last + 1 < end &&
                                              (t[n->last].norm == "year"sv || t[n->last].norm == "years"sv) &&
                                              t[n->last + 1].norm == "old"sv) {
      uint32_t k = n->last + 2;
      uint32_t vlen = 0;
      if (k < end && lex.LongestOf(t, k, end, "victim", &vlen)) k += vlen;
      if (k < end && t[k].punct == '(') {
        uint32_t e = NameEnd(t, k + 1, end, blocked, begin);
        if (e > k + 1 && e < end && t[e].punct == ')') {
          add(k + 1, e, true);
          out.back().victim.age = static_cast<int>(n->value);
          out.back().victim.span = t[i].span.Union(t[e].span);
          i = e;
          continue;
        }
      }
    }
    // "kidnapped Ahed Fayez al-Ayed": a name right after an abduction/killing verb.
    if (w.is_word && (w.norm == "kidnapped"sv || w.norm == "abducted"sv || w.norm == "killed"sv ||
                      w.norm == "assassinated"sv || w.norm == "executed"sv || w.norm == "shot"sv) &&
        i + 1 < end && t[i + 1].capitalized) {
      uint32_t e = NameEnd(t, i + 1, end, blocked, begin);
      if (e - (i + 1) >= 2) {
        add(i + 1, e, false);
        i = e - 1;
      }
    }
  }
  return out;
}

std::vector<Victim> MergeVictims(const std::vector<VictimMention>& mentions) {
  std::vector<Victim> out;
  auto last_word = [](const std::string& name) {
    std::string f = FoldForMatch(name);
    size_t sp = f.rfind(' ');
    return sp == std::string::npos ? f : f.substr(sp + 1);
  };
  for (const auto& m : mentions) {
    if (m.surname_only) continue;
    bool dup = false;
    for (auto& v : out)
      if (FoldForMatch(v.name) == FoldForMatch(m.victim.name)) {
        dup = true;
        if (!v.age) v.age = m.victim.age;
      }
    if (!dup) out.push_back(m.victim);
  }
  // Ages given with a surname only: "a 7-year-old child (Al-Shibli)".
  for (const auto& m : mentions) {
    if (!m.surname_only || !m.victim.age) continue;
    std::string surname = FoldForMatch(m.victim.name);
    for (auto& v : out) {
      std::string full = FoldForMatch(v.name);
      if (!v.age && (full.ends_with(" " + surname) || last_word(v.name) == last_word(m.victim.name)))
        v.age = m.victim.age;
    }
  }
  return out;
}

}  // namespace harmwatch
