#include "harmwatch/extract/arabic.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "harmwatch/lexicon/numbers.h"
#include "harmwatch/text/arabic.h"
#include "harmwatch/text/fold.h"

using namespace std::string_view_literals;

namespace harmwatch {
namespace {

size_t Letters(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string_view Surface(std::string_view text, const std::vector<Token>& toks, uint32_t a, uint32_t b) {
  return text.substr(toks[a].span.begin, toks[b - 1].span.end - toks[a].span.begin);
}

bool Has(const Lexicon& lex, const std::vector<Token>& toks, uint32_t i, uint32_t end, LexCategory cat,
         uint32_t* len) {
  return lex.LongestOf(toks, i, end, cat, len) != nullptr;
}

// Longest Arabic place name tried, in words ("دير الزور", "خان بني سعد", "رأس العين").
constexpr uint32_t kMaxNameWords = 4;
// A single word the text does not mark as a place is kept only when it names a
// province or district, or a town at least this big ("حلب", "سراقب"): single Arabic
// words are often also the name of some hamlet ("المدينة", "الطويلة").
constexpr uint32_t kMinPopulationUnmarked = 20000;

// Prepositions that put a place after them: "في سراقب", "بحلب", "على كفرنبل", "إلى".
bool IsPlacePreposition(const std::string& norm) {
  return norm == "in"sv || norm == "to"sv || norm == "\xD8\xA8"sv /* ب */ ||
         norm == "\xD8\xB9\xD9\x84\xD9\x8A"sv /* على */ || norm == "\xD9\x84"sv /* ل */ ||
         norm == "of"sv;
}

// "مخيم X", "حي X": a camp or a neighbourhood inside a town, its sublocation.
bool IsInsideWord(const std::string& norm) {
  return norm == "\xD9\x85\xD8\xAE\xD9\x8A\xD9\x85"sv /* مخيم */ || norm == "\xD8\xAD\xD9\x8A"sv /* حي */ ||
         norm == "\xD8\xA7\xD8\xAD\xD9\x8A\xD8\xA7\xD8\xA1"sv /* احياء */;
}

// Words of a casualty phrase between the casualty word and its number:
// "مقتل ما لا يقل عن 10", "إصابة أكثر من 20", "مقتل نحو 30".
bool IsQualifier(const std::string& norm) {
  static const char* kWords[] = {"\xD9\x85\xD8\xA7" /* ما */, "\xD9\x84\xD8\xA7" /* لا */,
                                 "\xD9\x8A\xD9\x82\xD9\x84" /* يقل */, "\xD8\xB9\xD9\x86" /* عن */,
                                 "more", "of", "about", "to", "least"};
  for (const char* w : kWords)
    if (norm == w) return true;
  return false;
}

// Words that deny harm before a casualty word: "دون وقوع إصابات", "لم تسجل إصابات".
bool IsNone(const std::string& norm) {
  return norm == "\xD8\xAF\xD9\x88\xD9\x86"sv /* دون */ || norm == "\xD9\x84\xD9\x85"sv /* لم */ ||
         norm == "\xD8\xB9\xD8\xAF\xD9\x85"sv /* عدم */ || norm == "without"sv;
}

// "قرب X", "محيط X", "أطراف X" (glossed near, vicinity, outskirts): at or near X, not a
// place that locates another.
bool IsNearWord(const std::string& norm) {
  return norm == "near"sv || norm == "vicinity"sv || norm == "outskirts"sv || norm == "outside"sv ||
         norm == "around"sv || norm == "nearby"sv;
}

// Whether the word as written starts with the article ("الباب").
bool HasArticle(std::string_view text, const Token& t) {
  std::string f = FoldForMatch(text.substr(t.span.begin, t.span.size()));
  return f.starts_with("\xD8\xA7\xD9\x84");
}

int CountAttr(const LexEntry* e) {
  std::string c(e->Attr("count"));
  return c.empty() ? 0 : std::atoi(c.c_str());
}

// "ودادا عبدال" -> "دادا عبدال": the first letter and the marks on it.
std::string DropFirstLetter(const std::string& s) {
  size_t i = 0;
  if (i < s.size()) ++i;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  // Tashkeel (U+064B..U+065F) after the letter goes with it.
  while (i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xD9 &&
         static_cast<unsigned char>(s[i + 1]) >= 0x8B && static_cast<unsigned char>(s[i + 1]) <= 0x9F)
    i += 2;
  return s.substr(i);
}

// "12 آذار/مارس 2024": Levantine and standard names of one month side by side are one
// month word, so the day and the year meet it. The first token's span covers the pair.
void MergeMonthPairs(TokenizedText& tt, const Lexicon& lex) {
  auto& toks = tt.tokens;
  std::vector<uint8_t> drop(toks.size(), 0);
  bool any = false;
  for (uint32_t i = 0; i + 2 < toks.size(); ++i) {
    uint32_t len = 0, len2 = 0;
    const LexEntry* a = lex.LongestOf(toks, i, static_cast<uint32_t>(toks.size()), "month", &len);
    if (!a || i + len + 1 >= toks.size() || toks[i + len].punct != '/') continue;
    const LexEntry* b = lex.LongestOf(toks, i + len + 1, static_cast<uint32_t>(toks.size()), "month", &len2);
    if (!b || b->number != a->number || toks[i + len].newlines_before > 0) continue;
    uint32_t last = i + len + 1 + len2;  // one past the second name
    // Keep the first name's tokens; they take the whole pair's bytes.
    toks[i + len - 1].span.end = toks[last - 1].span.end;
    for (uint32_t k = i + len; k < last; ++k) drop[k] = 1;
    any = true;
    i = last - 1;
  }
  if (!any) return;
  std::vector<uint32_t> new_index(toks.size() + 1, 0);
  std::vector<Token> kept;
  kept.reserve(toks.size());
  for (uint32_t k = 0; k < toks.size(); ++k) {
    new_index[k] = static_cast<uint32_t>(kept.size());
    if (!drop[k]) kept.push_back(std::move(toks[k]));
  }
  new_index[toks.size()] = static_cast<uint32_t>(kept.size());
  toks = std::move(kept);
  std::vector<Sentence> sentences;
  for (Sentence s : tt.sentences) {
    s.first = new_index[s.first];
    s.last = new_index[s.last];
    if (s.last > s.first) sentences.push_back(s);
  }
  tt.sentences = std::move(sentences);
}

}  // namespace

void PrepareArabicTokens(TokenizedText& tt, std::string_view text, const Lexicon& lexicon,
                         const ActorTable& actors, const Gazetteer& gazetteer,
                         uint64_t resources_id) {
  bool any = false;
  for (const Token& t : tt.tokens) {
    if (t.is_word && IsArabicWord(t.norm)) {
      any = true;
      break;
    }
  }
  if (!any) return;
  std::unordered_map<std::string, bool> places;  // per document: names recur
  ArabicWordOracle oracle;
  oracle.known = [&](std::string_view w) { return lexicon.HasWord(w) || actors.HasWord(w); };
  oracle.place = [&](std::string_view w) {
    auto [it, inserted] = places.emplace(std::string(w), false);
    if (inserted) it->second = !gazetteer.Lookup(w).empty();
    return it->second;
  };
  oracle.gloss = [&](std::string_view w) -> std::optional<std::string> {
    for (const LexEntry* e : lexicon.Lookup(w))
      if (e->category == "gloss"sv) return e->value;
    return std::nullopt;
  };
  oracle.opens_clause = [&](std::string_view w) {
    // An attack of a kind ("ألقت", "قصفت"), not harm ("وأصيب" continues the toll).
    bool attack = false;
    for (const LexEntry* e : lexicon.Lookup(w)) {
      if (e->category == "casualty"sv) return false;
      if (e->category == "attack"sv && e->value != "GENERIC"sv) attack = true;
    }
    return attack;
  };
  // Remembered for one set of resources at a time, and a bounded number of words.
  struct Memo {
    uint64_t resources_id = 0;
    ArabicAnalyses analyses;
  };
  constexpr size_t kMaxRemembered = 50000;
  thread_local Memo memo;
  ArabicAnalyses* remembered = nullptr;
  if (resources_id != 0) {
    if (memo.resources_id != resources_id || memo.analyses.size() > kMaxRemembered) {
      memo.analyses.clear();
      memo.resources_id = resources_id;
    }
    remembered = &memo.analyses;
  }
  AnalyzeArabicTokens(tt, text, oracle, remembered);
  MergeMonthPairs(tt, lexicon);
}

void FindArabicPlaceMentions(const TokenizedText& tt, std::string_view text, const PlaceContext& ctx,
                             PlaceLookup& gaz, uint32_t si, const std::vector<uint8_t>& blocked,
                             std::vector<PlaceMention>& out) {
  const Sentence& s = tt.sentences[si];
  const auto& toks = tt.tokens;
  bool any_arabic = false;  // most sentences of most reports: nothing to do
  for (uint32_t k = s.first; k < s.last && !any_arabic; ++k)
    any_arabic = toks[k].is_word && IsArabicWord(toks[k].norm);
  if (!any_arabic) return;
  const Lexicon& lex = *ctx.lexicon;
  size_t sentence_begin = out.size();
  while (sentence_begin > 0 && out[sentence_begin - 1].sentence == si) --sentence_begin;
  bool added = false;
  // Names are made of Arabic words of two letters or more: "بـ" after a name is a
  // preposition cut off by a tatweel, not part of it.
  auto arabic = [&](uint32_t k) {
    return k < s.last && toks[k].is_word && !toks[k].is_number && !blocked[k - s.first] &&
           IsArabicWord(toks[k].norm) && Letters(toks[k].norm) >= 2;
  };
  // "قرية X", "بلدة X": an indefinite place noun before a name types it; with the
  // article ("المناطق المختلفة", "القرية المجاورة") an adjective follows, not a name.
  auto typed_before = [&](uint32_t k, bool names_only) {
    uint32_t len = 0;
    if (k <= s.first) return false;
    const LexEntry* e = lex.LongestOf(toks, k - 1, k, "placetype", &len);
    if (!e || (names_only && e->Attr("names").empty())) return false;
    std::string surface = FoldForMatch(text.substr(toks[k - 1].span.begin, toks[k - 1].span.size()));
    return !surface.starts_with("\xD8\xA7\xD9\x84");
  };
  // "قرى X وY وZ", "بلدتي X وY": after a plural or dual place noun, names unknown to the
  // gazetteer may continue the list; after a singular one, "وعزلت" is the next verb.
  bool list_type = false;
  auto plural_type_before = [&](uint32_t k) {
    uint32_t len = 0;
    const LexEntry* e = k > s.first ? lex.LongestOf(toks, k - 1, k, "placetype", &len) : nullptr;
    return e != nullptr && !e->Attr("plural").empty();
  };
  // "قرية كاخرة التابعة لمدينة ماباتو", "الواقعة في ريف", "ردا على تعرض بلدة الزبداني":
  // a place that contains, neighbours or motivates the event, not its place. `p` is where
  // the cue words before the name end.
  auto locates = [&](uint32_t p, uint32_t name) {
    constexpr uint32_t kLocatorGap = 3;      // "التابعة لمحافظة X": locator, ل, type noun
    constexpr uint32_t kRetaliationGap = 8;  // "ردا على تعرض بلدة X لقصف"
    uint32_t len = 0;
    for (uint32_t k = p > s.first + kLocatorGap ? p - kLocatorGap : s.first; k < p; ++k)
      if (Has(lex, toks, k, k + 1, "locator", &len)) return true;
    for (uint32_t k = name > s.first + kRetaliationGap ? name - kRetaliationGap : s.first; k < name; ++k)
      if (lex.LongestOf(toks, k, name, "retaliation", &len)) return true;
    return false;
  };
  // "الطريق الواصل بين بلدتي X وY": Y is the other end, X the place (as "between X and Y").
  auto between = [&](const PlaceMention& first) {
    uint32_t k = first.first;
    uint32_t len = 0;
    if (k > s.first && Has(lex, toks, k - 1, k, "placetype", &len)) --k;
    return k > s.first && toks[k - 1].norm == "between"sv;
  };
  // A word that is in the lexicons is not a name by itself ("ريف", "قصف"), but may open
  // one ("تل", "خان", "دير").
  auto word_only = [&](uint32_t k) {
    uint32_t len = 0;
    return lex.HasWord(toks[k].norm) && !Has(lex, toks, k, k + 1, "placeword", &len);
  };
  for (uint32_t i = s.first; i < s.last; ++i) {
    if (!arabic(i)) continue;
    // Countries: "سوريا", "التركي" (an adjective only hints, as in English).
    if (uint32_t clen = AppendCountryMention(tt, text, ctx, si, i, out)) {
      added = true;
      i += clen - 1;
      continue;
    }
    uint32_t best_end = 0;
    std::vector<Candidate> best;
    uint32_t max_words = std::min<uint32_t>(kMaxNameWords, std::max(1, gaz.max_name_words()));
    uint32_t limit = i;
    while (limit < s.last && limit < i + max_words && arabic(limit)) ++limit;
    for (uint32_t b = limit; b > i; --b) {
      // A lexicon word alone is not a name ("ريف", "قصف"); inside a longer one it may be
      // ("ريف دمشق", "الغارية الشرقية").
      if (b - i == 1 && word_only(i)) continue;
      // "تل", "باب" alone open a name; "الباب" (al-Bab) is one.
      uint32_t plen = 0;
      if (b - i == 1 && Has(lex, toks, i, i + 1, "placeword", &plen) && !HasArticle(text, toks[i])) continue;
      const auto& found = gaz.Exact(Surface(text, toks, i, b));
      if (!found.empty()) {
        best_end = b;
        best = found;
        break;
      }
    }
    // "قرى أم حرملة ودادا عبدال": a place the text types but no layer knows, kept as
    // written (one word, two after a name-opening word such as أم, تل, أبو).
    bool after_type = i > s.first && typed_before(i, true) && !IsInsideWord(toks[i - 1].norm);
    bool after_typed_list = false;
    bool joined = false;  // "ودادا عبدال": the و of the list is still on the name
    if (!after_type && list_type && !out.empty() && out.size() > sentence_begin && out.back().typed &&
        !out.back().country_only && out.back().last <= i) {
      if (out.back().last == i) {
        joined = toks[i].norm.starts_with("\xD9\x88") && Letters(toks[i].norm) >= 4;
        after_typed_list = joined;
      } else {
        after_typed_list = true;
        for (uint32_t k = out.back().last; k < i && after_typed_list; ++k)
          after_typed_list = toks[k].punct == ',' || toks[k].norm == "and"sv;
      }
    }
    if (after_type) list_type = plural_type_before(i);
    // "بمنطقة خان بني سعد", "بخان بني سعد شمال بغداد": a name-opening word and another
    // word make a name no layer knows, after any place noun or, after "في"/"ب", when a
    // direction then locates it.
    bool opened_name = false;
    if (best_end == 0 && !after_type && !after_typed_list && i > s.first) {
      uint32_t plen = 0;
      uint32_t e = i + 1;
      while (e < i + 3 && Has(lex, toks, e - 1, e, "placeword", &plen) && arabic(e) && !word_only(e)) ++e;
      if (e - i >= 2) {
        uint32_t dlen = 0;
        bool typed_any = typed_before(i, false) && !IsInsideWord(toks[i - 1].norm);
        bool located = IsPlacePreposition(toks[i - 1].norm) && e < s.last &&
                       Has(lex, toks, e, e + 1, "direction", &dlen);
        opened_name = typed_any || located;
      }
    }
    if (best_end == 0 && (after_type || after_typed_list || opened_name)) {
      // "خان بني سعد": name-opening words carry the name on (at most three words).
      uint32_t e = i + 1;
      uint32_t pl = 0;
      while (e < i + 3 && Has(lex, toks, e - 1, e, "placeword", &pl) && arabic(e) && !word_only(e)) ++e;
      bool ok = !word_only(i);
      if (ok) {
        PlaceMention m;
        m.first = i;
        m.last = e;
        m.sentence = si;
        m.text = Surface(text, toks, i, e);
        if (joined) m.text = DropFirstLetter(m.text);
        m.cued = true;
        m.typed = true;
        bool noun_before = after_type || (opened_name && typed_before(i, false));
        m.reference = locates(i - (noun_before ? 1 : 0), i) || (after_typed_list && between(out.back()));
        // "لقرية الحويجة في منطقة سهل الغاب": the area named right after a place holds it.
        if (opened_name && noun_before && i >= s.first + 2 && toks[i - 2].norm == "in"sv &&
            out.size() > sentence_begin && !out.back().country_only && out.back().last == i - 2)
          m.reference = true;
        out.push_back(std::move(m));
        added = true;
        i = e - 1;
      }
      continue;
    }
    if (best_end == 0) continue;
    PlaceMention m;
    m.first = i;
    m.last = best_end;
    m.sentence = si;
    m.text = Surface(text, toks, i, best_end);
    // Cues before the name: "قرية X", "ريف X", "غرب قرية X", "في X", "X وY".
    uint32_t p = i;
    uint32_t len = 0;
    bool typed = false, admin = false, weak = false, reference = false, list = false, inside = false;
    if (p > s.first && typed_before(p, false)) {
      typed = true;
      inside = IsInsideWord(toks[p - 1].norm);
      --p;
    } else if (p > s.first && Has(lex, toks, p - 1, p, "admin", &len)) {
      admin = true;
      --p;
    }
    // "فليفل جنوب إدلب", "أم الخير غرب بلدة تل تمر": a direction after another place
    // locates that place by this one.
    bool earlier_place = false;
    for (size_t k = sentence_begin; k < out.size(); ++k) earlier_place = earlier_place || !out[k].country_only;
    // "شمال العاصمة العراقية بغداد": the capital, with its country, between the two.
    uint32_t d = p;
    if (out.size() > sentence_begin && out.back().country_only && out.back().last == d) d = out.back().first;
    if (d > s.first && Has(lex, toks, d - 1, d, "capital", &len)) --d;
    else d = p;
    // "على مسافة 30 كيلومترا شمال شرقي العاصمة بغداد": a distance or the capital makes the
    // direction a bearing from it even with no place named before.
    bool bearing = d != p;
    for (uint32_t k = d > s.first + 4 ? d - 4 : s.first; k + 1 < d && !bearing; ++k) bearing = toks[k].norm == "km"sv;
    if ((earlier_place || bearing) && d > s.first && Has(lex, toks, d - 1, d, "direction", &len) &&
        !Has(lex, toks, d - 1, d, "placetype", &len) && !IsNearWord(toks[d - 1].norm))
      reference = true;
    if (locates(p, i)) reference = true;
    // "مركز حماة الإعلامي", "تنسيقية X": a place in an organisation's name.
    if (i > s.first && Has(lex, toks, i - 1, i, "org", &len)) reference = true;
    if (p > s.first && IsPlacePreposition(toks[p - 1].norm)) weak = true;
    if (!out.empty() && out.size() > sentence_begin && !out.back().country_only && out.back().last <= i) {
      list = out.back().last < i;
      for (uint32_t k = out.back().last; k < i && list; ++k)
        list = toks[k].punct == ',' || toks[k].norm == "and"sv || toks[k].norm == "or"sv ||
               Has(lex, toks, k, k + 1, "placetype", &len);
      if (list) {
        typed = typed || out.back().typed;
        inside = inside || out.back().camp;
        admin = admin || out.back().admin_cued;  // "ريفي حماة وإدلب"
        if (between(out.back())) reference = true;
      }
    }
    bool strong = best_end - i > 1;
    for (const auto& c : best)
      strong = strong || c.place.kind == PlaceKind::kAdmin1 || c.place.kind == PlaceKind::kAdmin2 ||
               c.place.population >= kMinPopulationUnmarked;
    if (!(strong || typed || admin || list || (weak && Letters(toks[i].norm) >= 3))) continue;
    m.candidates = std::move(best);
    // "في X" lets a name through but does not vouch for it: a foreign look-alike of a
    // word ("في صور", in pictures / Tyre) still needs the report's country.
    m.cued = typed || admin || list;
    m.admin_cued = admin;
    m.typed = typed;
    m.camp = inside;
    m.reference = reference;
    // "ريف حماة الشمالي": the province, as "the northern countryside of Hama".
    out.push_back(std::move(m));
    added = true;
    i = best_end - 1;
  }
  if (added) {
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(sentence_begin), out.end(),
                     [](const PlaceMention& a, const PlaceMention& b) { return a.first < b.first; });
  }
}

const ActorMention* ArabicSubject(const std::vector<Token>& t, uint32_t begin,
                                  const std::vector<ActorMention>& actors, const Lexicon& lex) {
  // How far back from the actor an attack word may start ("قصف مدفعي وصاروخي لقوات").
  constexpr uint32_t kMaxPhrase = 4;
  for (const auto& a : actors) {
    if (a.role == "civilians"sv || a.first >= t.size() || !IsArabicWord(t[a.first].norm)) continue;
    // "غارات روسية", "قصف تركي": the attack words name the attacker themselves.
    uint32_t own = 0;
    if (lex.LongestOf(t, a.first, a.last, "attack", &own) || lex.LongestOf(t, a.first, a.last, "weapon", &own))
      return &a;
    uint32_t k = a.first;
    if (k > begin && t[k - 1].norm == "\xD9\x84"sv /* ل */) --k;
    for (uint32_t j = k > begin + kMaxPhrase ? k - kMaxPhrase : begin; j < k; ++j) {
      uint32_t len = 0;
      bool attack = lex.LongestOf(t, j, k, "attack", &len) && j + len == k;
      if (!attack) attack = lex.LongestOf(t, j, k, "weapon", &len) && j + len == k;
      if (attack) return &a;
    }
  }
  return nullptr;
}

void FindArabicCasualties(const std::vector<Token>& t, uint32_t begin, uint32_t end, const Lexicon& lex,
                          std::vector<CasualtyFigure>& out) {
  if (begin >= end) return;
  bool arabic = false;
  for (uint32_t i = begin; i < end && !arabic; ++i) arabic = t[i].is_word && IsArabicWord(t[i].norm);
  if (!arabic) return;
  // "Balyoun town: two children" takes its kind from the list it is in; an Arabic
  // sentence with attack words of its own is no list item ("اعتقلت قوات النظام 12 شابا"
  // after a sentence about the dead is not 12 more dead).
  {
    bool attack_words = false;
    for (uint32_t i = begin; i < end && !attack_words; ++i) {
      uint32_t len = 0;
      attack_words = lex.LongestOf(t, i, end, "attack", &len) != nullptr;
    }
    if (attack_words)
      out.erase(std::remove_if(out.begin(), out.end(), [](const CasualtyFigure& f) { return f.implicit_kind; }),
                out.end());
  }
  auto covered = [&](uint32_t a, uint32_t b) {
    for (const auto& f : out)
      if (f.first < b && a < f.last) return true;
    return false;
  };
  std::vector<CasualtyFigure> found;
  for (uint32_t i = begin; i < end; ++i) {
    uint32_t len = 0;
    const LexEntry* c = lex.LongestOf(t, i, end, "casualty", &len);
    if (!c) continue;
    CasualtyFigure f;
    f.kind = c->value;
    f.first = i;
    // "دون وقوع إصابات", "لم تسجل أي إصابات": none.
    bool none = false;
    for (uint32_t k = i; k > begin && k + 3 > i; --k)
      if (IsNone(t[k - 1].norm)) none = true;
    if (none) {
      f.zero = true;
      f.value = 0;
      f.kind = c->value == "injured"sv ? "both" : c->value;
      for (uint32_t k = i; k > begin && k + 3 > i; --k)
        if (IsNone(t[k - 1].norm)) f.first = k - 1;
      f.last = i + len;
    } else if (int n = CountAttr(c); n > 0) {
      // "شهيدان", "قتيلين": the dual counts two.
      f.value = n;
      f.last = i + len;
    } else {
      uint32_t k = i + len;
      uint32_t vlen = 0;
      const LexEntry* v = k < end ? lex.LongestOf(t, k, end, "victim", &vlen) : nullptr;
      if (v && CountAttr(v) > 0 && !(k + vlen < end && t[k + vlen].is_number)) {
        // "استشهاد مدني", "مقتل طفلين": a singular or dual noun right after.
        f.value = CountAttr(v);
        f.last = k + vlen;
        if (!v->Attr("combatant").empty()) f.combatants = true;
        if (f.kind == "killed"sv && !v->Attr("child").empty()) f.children = f.value;
        if (f.kind == "killed"sv && !v->Attr("woman").empty()) f.women = f.value;
      } else {
        // "مقتل ما لا يقل عن 10 مدنيين", "إصابة أكثر من 20 شخصا".
        uint32_t q = k;
        while (q < end && q < k + 4 && IsQualifier(t[q].norm)) ++q;
        // "عدد قتلى قصف النظام على إدلب الليلة الماضية ارتفع إلى 55" (glossed "rose to"):
        // the toll named first, its new figure after the verb.
        if (q == k && (c->value == "killed"sv || c->value == "injured"sv) &&
            ((i > begin && t[i - 1].norm == "\xD8\xB9\xD8\xAF\xD8\xAF"sv /* عدد */) || len > 1 ||
             t[i].norm.ends_with("\xD8\xAD\xD8\xB5\xD9\x8A\xD9\x84\xD8\xA9" /* حصيلة */))) {
          constexpr uint32_t kTollReach = 14;
          for (uint32_t r = k; r < end && r < k + kTollReach; ++r) {
            if (t[r].punct == '.' || t[r].punct == ';') break;
            if (t[r].norm != "rose"sv && t[r].norm != "reached"sv) continue;
            q = r + 1;
            while (q < end && q < r + 4 && IsQualifier(t[q].norm)) ++q;
            f.update = f.total = true;
            if (t[i - (i > begin ? 1 : 0)].norm == "\xD8\xB9\xD8\xAF\xD8\xAF"sv) f.first = i - 1;
            break;
          }
        }
        if (q == k || q >= end) continue;
        auto num = ParseNumber(t, q, end, lex);
        if (!num || (num->digits && num->value >= 1900 && num->value <= 2100)) continue;
        f.value = static_cast<int>(num->value);
        f.last = num->last;
        uint32_t vl = 0;
        if (const LexEntry* v2 = num->last < end ? lex.LongestOf(t, num->last, end, "victim", &vl) : nullptr) {
          if (!v2->Attr("combatant").empty()) f.combatants = true;
          if (f.kind == "killed"sv && !v2->Attr("child").empty()) f.children = f.value;
        }
      }
    }
    if (covered(f.first, f.last)) continue;
    f.span = t[f.first].span.Union(t[f.last - 1].span);
    found.push_back(f);
    i = f.last - 1;
  }
  // "و497 شخصا أصيبوا بجروح", "12 مدنيا قتلوا": a number, the people, then the verb.
  for (uint32_t i = begin; i < end; ++i) {
    if (!t[i].is_number && !t[i].is_word) continue;
    auto num = ParseNumber(t, i, end, lex);
    if (!num || num->last >= end || (num->digits && num->value >= 1900 && num->value <= 2100)) continue;
    uint32_t vlen = 0, clen = 0;
    const LexEntry* v = lex.LongestOf(t, num->last, end, "victim", &vlen);
    if (!v || num->last + vlen >= end) continue;
    const LexEntry* c = lex.LongestOf(t, num->last + vlen, end, "casualty", &clen);
    if (!c || c->value == "abducted"sv || !IsArabicWord(t[num->last + vlen].norm)) continue;
    CasualtyFigure f;
    f.kind = c->value;
    f.value = static_cast<int>(num->value);
    f.first = i;
    f.last = num->last + vlen + clen;
    if (!v->Attr("combatant").empty()) f.combatants = true;
    if (f.kind == "killed"sv && !v->Attr("child").empty()) f.children = f.value;
    if (f.kind == "killed"sv && !v->Attr("woman").empty()) f.women = f.value;
    bool overlaps = covered(f.first, f.last);
    for (const auto& g : found) overlaps = overlaps || (g.first < f.last && f.first < g.last);
    if (overlaps) continue;
    f.span = t[f.first].span.Union(t[f.last - 1].span);
    found.push_back(f);
    i = f.last - 1;
  }
  if (found.empty()) return;
  out.insert(out.end(), found.begin(), found.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const CasualtyFigure& a, const CasualtyFigure& b) { return a.first < b.first; });
}

}  // namespace harmwatch
