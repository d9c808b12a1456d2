#include "harmwatch/extract/places.h"

#include "harmwatch/base/fixed_format.h"
#include "harmwatch/extract/arabic.h"
#include "harmwatch/extract/place_lookup.h"
#include "harmwatch/geo/place_key.h"
#include "harmwatch/text/fold.h"
#include "harmwatch/text/word_set.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

using namespace std::string_view_literals;

namespace harmwatch {
namespace {

// A word of up to eight bytes as one number, for set tests without hashing strings.
constexpr uint64_t PackShort(std::string_view w) {
  uint64_t v = 0;
  for (char c : w) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

// Lower-case particles that sit inside place names: "Deir ez-Zor", "Ras al-Ain",
// "Leon de los Aldama". They join a run only between capitalized words.
bool IsParticle(const std::string& w) {
  // Asked of nearly every lower-case word near a name: sorted packed words, binary search.
  static constexpr auto kParticles = [] {
    std::array<uint64_t, 50> packed{};
    constexpr std::string_view kWords[] = {
        "al", "el", "ad", "ar", "as", "ash", "at", "az", "ez", "ed", "es", "an", "de", "del",
        "la", "las", "los", "le", "da", "do", "dos", "das", "di", "bin", "ibn", "ul", "ech", "et",
        "um", "umm", "abu", "bani", "beni", "wadi", "tal", "tell", "deir", "kafr", "kfar", "ain",
        "jisr", "khan", "bab", "ras", "sheikh", "jabal", "jebel", "bir", "maarat", "tall"};
    static_assert(std::size(kWords) == 50);
    for (size_t k = 0; k < packed.size(); ++k) packed[k] = PackShort(kWords[k]);
    std::sort(packed.begin(), packed.end());
    return packed;
  }();
  if (w.size() < 2 || w.size() > 6) return false;
  return std::binary_search(kParticles.begin(), kParticles.end(), PackShort(w));
}

// Particles that are also English function words: "at", "as", "an".
bool IsEnglishWord(const std::string& w) { return w == "at"sv || w == "as"sv || w == "an"sv; }

bool HasCategory(const Lexicon& lex, const std::vector<Token>& toks, uint32_t i, uint32_t end,
                 LexCategory cat, uint32_t* len) {
  return lex.LongestOf(toks, i, end, cat, len) != nullptr;
}

// True when the token is written with a lower-case ASCII letter ("Rafi", not "TCP").
bool HasLowercase(std::string_view text, const Token& t) {
  for (uint32_t b = t.span.begin; b < t.span.end; ++b)
    if (text[b] >= 'a' && text[b] <= 'z') return true;
  return false;
}

// The words of tokens [a, b) as written, without a closing possessive ("Rio de Janeiro's
// West Zone" names Rio de Janeiro).
std::string_view Surface(std::string_view text, const std::vector<Token>& toks, uint32_t a, uint32_t b) {
  std::string_view s = text.substr(toks[a].span.begin, toks[b - 1].span.end - toks[a].span.begin);
  if (toks[b - 1].possessive) s.remove_suffix(PossessiveSuffixLength(s));
  return s;
}

// Words the text uses before a place: "in Sarmin", "the village of Balshoun".
bool IsPlacePreposition(const Token& w) {
  static const WordSet kPreps = {
      "in", "at", "near", "on", "from", "into", "towards", "toward", "around", "outside",
      "to", "across", "between", "targeting", "hit", "struck", "shelled", "bombed", "inside", "within", "nearby", "outskirts", "northeast", "northwest", "southeast",
      "attacked", "raided", "ambushed", "invaded", "overran", "targeted", "targets", "pounded",
      "bombarded", "pounding", "bombarding", "striking", "hitting", "attacking", "raiding",
      "southwest", "north", "south", "east", "west", "stormed", "entered", "captured", "besieged",
      "barangay", "brgy", "colonia", "barrio", "fraccionamiento", "village", "town", "city"};
  return kPreps.Has(w);
}


// Words after a name that make it a part of a town, its sublocation: "Al-Shuhada camp",
// "Varadouro neighborhood", "Al-Sukkariyah crossing", "Raju street".
bool IsInsideWord(const Token& w) {
  static const WordSet kInside = {
      "camp", "camps", "neighborhood", "neighbourhood", "neighborhoods", "neighbourhoods", "quarter",
      "crossing", "road", "street",
      "checkpoint", "bridge", "roundabout", "junction", "square", "prison", "hospital", "school",
      "mosque", "market", "station", "factory", "field", "gasfield"};
  return kInside.Has(w);
}

// "the central Syrian city of Homs": a country adjective before "<place type> of" (at
// token `k`) places that town in the country. "Somali region" is a name, not this.
bool PlacedByAdjective(const Lexicon& lex, const std::vector<Token>& toks, uint32_t k) {
  uint32_t len = 0;
  return k + 1 < toks.size() && toks[k].is_word && toks[k + 1].norm == "of"sv &&
         (HasCategory(lex, toks, k, k + 1, "placetype", &len) || HasCategory(lex, toks, k, k + 1, "admin", &len));
}

// The length in tokens of a capitals-only abbreviation at token i that could name a
// province ("AJK", "KPK", "J&K"), or 0.
uint32_t ProvinceAbbreviationAt(const std::vector<Token>& toks, std::string_view text, uint32_t i,
                                uint32_t end) {
  auto capitals = [&](const Token& t) {
    if (!t.is_word) return false;
    for (char c : text.substr(t.span.begin, t.span.size()))
      if (c < 'A' || c > 'Z') return false;
    return true;
  };
  const Token& t = toks[i];
  if (!capitals(t)) return 0;
  if (t.span.size() == 1) {  // "J&K": letter, ampersand, letter, written together
    if (i + 2 >= end || toks[i + 1].punct != '&' || !capitals(toks[i + 2]) ||
        toks[i + 2].span.size() != 1 || toks[i + 1].span.begin != t.span.end ||
        toks[i + 2].span.begin != toks[i + 1].span.end)
      return 0;
    return 3;
  }
  return t.span.size() <= 4 ? 1 : 0;
}

}  // namespace

uint32_t AppendCountryMention(const TokenizedText& tt, std::string_view text,
                              const PlaceContext& ctx, uint32_t si, uint32_t i,
                              std::vector<PlaceMention>& out) {
  uint32_t clen = 0;
  std::string form;
  std::string iso =
      ctx.actors->CountryOf(tt.tokens, text, i, tt.sentences[si].last, &clen, &form);
  if (iso.empty()) return 0;
  PlaceMention m;
  m.first = i;
  m.last = i + clen;
  m.sentence = si;
  m.text = Surface(text, tt.tokens, i, i + clen);
  m.country_only = true;
  m.adjective = form != "name"sv;  // "Syrian", "Russian"
  m.locates = PlacedByAdjective(*ctx.lexicon, tt.tokens, i + clen);
  m.country_iso = iso;
  out.push_back(std::move(m));
  return clen;
}

std::vector<PlaceMention> FindPlaceMentions(const TokenizedText& tt, std::string_view text,
                                            const PlaceContext& ctx) {
  std::vector<PlaceMention> out;
  PlaceLookup gaz(*ctx.gazetteer);
  const auto& toks = tt.tokens;
  const Lexicon& lex = *ctx.lexicon;
  for (uint32_t si = 0; si < tt.sentences.size(); ++si) {
    const Sentence& s = tt.sentences[si];
    // Tokens covered by actors, months, weekdays and other non-place words.
    std::vector<uint8_t> blocked(s.last - s.first, 0);
    std::vector<ActorMention> found_here;
    if (!ctx.sentence_actors) found_here = ctx.actors->Find(toks, text, s.first, s.last);
    for (const auto& a : ctx.sentence_actors ? ctx.sentence_actors(si) : found_here) {
      // "Idlib" inside "Idlib Health Directorate" stays a place; named groups block.
      if (a.role == "named"sv || a.role == "rebels"sv || a.last - a.first > 1)
        for (uint32_t k = a.first; k < a.last; ++k) blocked[k - s.first] = 1;
    }
    // "Syrian", "Turkish": country adjectives the notplace list keeps out of names still
    // say where the report is; they are voted as country mentions where they stand.
    std::vector<uint32_t> blocked_countries;
    const uint64_t non_place_words = lex.BitOf("notplace") | lex.BitOf("month") | lex.BitOf("weekday");
    for (uint32_t i = s.first; i < s.last; ++i) {
      if (!(lex.CategoriesAt(toks, i) & non_place_words)) continue;  // most words: one test
      uint32_t len = 0;
      const bool notplace = HasCategory(lex, toks, i, s.last, "notplace", &len);
      if (notplace && len == 1 && toks[i].capitalized && !blocked[i - s.first]) {
        uint32_t clen = 0;
        if (!ctx.actors->CountryOf(toks, text, i, s.last, &clen).empty() && clen == 1)
          blocked_countries.push_back(i);
      }
      if (notplace || HasCategory(lex, toks, i, s.last, "month", &len) ||
          HasCategory(lex, toks, i, s.last, "weekday", &len)) {
        // "North Sinai", "South Kivu", "West Darfur": a direction that opens a name a layer
        // knows whole is part of it.
        uint32_t dlen = 0;
        if (len == 1 && toks[i].capitalized && HasCategory(lex, toks, i, i + 1, "direction", &dlen) &&
            i + 1 < s.last && toks[i + 1].is_word && toks[i + 1].capitalized) {
          bool known = false;
          for (uint32_t e = i + 2; e <= std::min<uint32_t>(s.last, i + 3) && !known; ++e)
            known = toks[e - 1].is_word && toks[e - 1].capitalized && !gaz.Exact(Surface(text, toks, i, e)).empty();
          if (known) continue;
          // "Polomolok, South Cotabato.": where a comma chain names its area, a compass
          // word before a capitalized word opens the area's name, known or not (not
          // "Northern Iraq", the country).
          uint32_t clen = 0;
          const std::string& compass = toks[i].norm;
          if (i > s.first && toks[i - 1].punct == ',' &&
              (compass == "north"sv || compass == "south"sv || compass == "east"sv || compass == "west"sv) &&
              ctx.actors->CountryOf(toks, text, i + 1, s.last, &clen).empty())
            continue;
        }
        // "As Shwayrif", "An Nuqat al Khams": a capitalized article inside a sentence, before
        // a capitalized word, opens an Arabic name; the English word is written lower-case.
        if (len == 1 && toks[i].capitalized && i > s.first && IsParticle(toks[i].norm) &&
            i + 1 < s.last && toks[i + 1].is_word && toks[i + 1].capitalized && !toks[i - 1].capitalized &&
            toks[i].newlines_before == 0)
          continue;
        // Only block what is written as one unit (a multi-word phrase or a lone word).
        for (uint32_t k = i; k < i + len; ++k) blocked[k - s.first] = 1;
        i += len - 1;
      }
    }
    uint32_t i = s.first;
    while (i < s.last) {
      const Token& t = toks[i];
      if (!t.is_word || t.is_number || !t.capitalized || blocked[i - s.first]) {
        if (std::binary_search(blocked_countries.begin(), blocked_countries.end(), i) &&
            AppendCountryMention(tt, text, ctx, si, i, out)) {
          // Used as a modifier ("US forces"); "the Turkish town of X" does say where a
          // place is (see ChoosePlaces).
          out.back().adjective = true;
          out.back().hint_only = !out.back().locates;
        }
        ++i;
        continue;
      }
      // "(Poonch district, J&K)", "(Haveli district, AJK)": a province's abbreviation,
      // one the gazetteer lists for it as written (data/geo/admin1-crosswalk.tsv), is
      // that province; "SABA news agency" is not Sabah.
      if (uint32_t len = ProvinceAbbreviationAt(toks, text, i, s.last)) {
        std::vector<Candidate> provinces;
        const std::string_view written = Surface(text, toks, i, i + len);
        for (const Candidate& c : gaz.Exact(written))
          if (c.place.kind == PlaceKind::kAdmin1 && c.matched_name == written) provinces.push_back(c);
        if (!provinces.empty()) {
          PlaceMention m;
          m.first = i;
          m.last = i + len;
          m.sentence = si;
          m.text = written;
          m.candidates = std::move(provinces);
          m.cued = m.admin_cued = true;
          out.push_back(std::move(m));
          i += len;
          continue;
        }
      }
      // "HM militants", "AK 47", "LGA": short capitals are abbreviations, not places.
      if (t.span.size() <= 3 && t.span.size() == t.norm.size()) {
        uint32_t clen0 = 0;
        if (!HasLowercase(text, t) && ctx.actors->CountryOf(toks, text, i, s.last, &clen0).empty()) {
          ++i;
          continue;
        }
      }
      // Country names first ("Syria", "the United States"), unless a town's name opens
      // with it ("Guatemala City", "Kuwait City").
      uint32_t clen = 0;
      if (!ctx.actors->CountryOf(toks, text, i, s.last, &clen).empty()) {
        bool town = i + clen < s.last && toks[i + clen].is_word && toks[i + clen].capitalized &&
                    !gaz.Exact(Surface(text, toks, i, i + clen + 1)).empty();
        if (town) {
          blocked[i + clen - s.first] = 0;  // "City" is no place alone, but part of this name
        } else if (uint32_t country_len = AppendCountryMention(tt, text, ctx, si, i, out)) {
          // "Burundi troops", "Israel forces": whose men, not where (as "Burundian troops").
          static const WordSet kMen = {
              "troops", "forces", "soldiers", "army", "police", "military", "authorities",
              "government", "officials", "warplanes", "jets", "drones", "navy", "peacekeepers"};
          const uint32_t after = i + country_len;
          if (after < s.last && kMen.Has(toks[after])) out.back().hint_only = true;
          i += country_len;
          continue;
        }
      }
      // "al-Shamsani": a lower-case article hyphen-joined to the name belongs to it.
      if (t.hyphen_before && i > s.first && IsParticle(toks[i - 1].norm)) {
        --i;
      }
      // The capitalized run.
      uint32_t end = i + 1;
      while (end < s.last) {
        const Token& n = toks[end];
        // Particles join even when they are also common words ("Foz do Iguacu": "do"),
        // and chains of them too ("San Juan de los Cerritos"); the English prepositions
        // among them only hyphen-joined ("Ras as-Sultan"), after a name's first word ("Bir
        // at Tutah", "Tall as Sultan") or in a name a layer knows, not in "the LoC at Mankote".
        auto joins_as_particle = [&] {
          if (!IsEnglishWord(n.norm) || (end + 1 < s.last && toks[end + 1].hyphen_before)) return true;
          if (IsParticle(toks[end - 1].norm)) return true;
          return end + 1 < s.last && toks[end + 1].capitalized &&
                 !gaz.Exact(Surface(text, toks, end - 1, end + 2)).empty();
        };
        if (n.is_word && !n.capitalized && IsParticle(n.norm) && joins_as_particle()) {
          uint32_t after = end;
          while (after < s.last && toks[after].is_word && !toks[after].capitalized &&
                 IsParticle(toks[after].norm) && after < end + 3)
            ++after;
          if (after < s.last && toks[after].is_word && toks[after].capitalized &&
              !blocked[after - s.first]) {
            end = after + 1;
            continue;
          }
        }
        // "Deh-e Now", "Sangi-ye Pain": the Persian ezafe joins the next word to the name,
        // even a word that is no place alone.
        const Token& last_in = toks[end - 1];
        const bool ezafe = last_in.hyphen_before && !last_in.capitalized &&
                           (last_in.norm == "e"sv || last_in.norm == "i"sv || last_in.norm == "ye"sv);
        if (ezafe && n.is_word && n.capitalized && !n.is_number) {
          ++end;
          continue;
        }
        if (!n.is_word || n.is_number || blocked[end - s.first]) break;
        // Title case ("Daraa Kills 12", "Damascus Ambush"): attack and casualty words end a
        // name.
        uint32_t l4 = 0;
        if (n.capitalized && !n.hyphen_before &&
            (HasCategory(lex, toks, end, end + 1, "attack", &l4) ||
             HasCategory(lex, toks, end, end + 1, "casualty", &l4) ||
             HasCategory(lex, toks, end, end + 1, "weapon", &l4)))
          break;
        // "Sabuwa LGA", "Rakhine State": an admin word closing the run says what the name
        // before it is; it is no part of the name.
        if (n.capitalized && end > i && (end + 1 >= s.last || !toks[end + 1].capitalized) &&
            HasCategory(lex, toks, end, end + 1, "admin", &l4))
          break;
        if (n.capitalized) {
          ++end;
          continue;
        }
        // A particle joins only when a capitalized word (or hyphenated part) follows.
        if (IsParticle(n.norm) && end + 1 < s.last && toks[end + 1].is_word &&
            (toks[end + 1].capitalized || toks[end + 1].hyphen_before) &&
            !blocked[end + 1 - s.first]) {
          end += 2;
          continue;
        }
        if (n.hyphen_before && toks[end - 1].is_word) {  // "Deir ez-zor" lower-case tail
          ++end;
          continue;
        }
        break;
      }
      // "Badr organization", "Homs Military Council": a name of a group, not a place.
      {
        static const WordSet kGroupWords = {
            "organization", "organisation", "group", "brigade", "brigades", "battalion",
            "movement", "party", "militia", "militias", "corps", "council", "committee",
            "front", "faction", "factions", "regiment", "tribe", "tribes", "clan", "clans",
            "family", "families", "company", "cartel", "cartels", "gang", "gangs", "mafia"};
        if (end < s.last && kGroupWords.Has(toks[end])) {
          i = end;
          continue;
        }
        // "Martyr Sorxwin Roboski Vengeance Units", "the Revolutionary Guard": a
        // capitalized name that ends in a word for a body of men.
        static const WordSet kForceWords = {
            "forces", "troops", "police", "guard", "guards", "unit", "units", "army"};
        // ... but "Manpur Police Station", "Kabul Police Academy" are places.
        static const WordSet kFacilityWords = {
            "station", "stations", "post", "posts", "headquarters", "hq", "academy",
            "base", "barracks", "checkpoint", "compound", "camp"};
        auto facility_at = [&](uint32_t k) { return k < s.last && kFacilityWords.Has(toks[k]); };
        if (end - i >= 2 && !facility_at(end) &&
            (kGroupWords.Has(toks[end - 1]) || kForceWords.Has(toks[end - 1]))) {
          i = end;
          continue;
        }
        // "Jubaland security forces", "Govt forces", "Ministerial police": whose forces, not
        // where (unless the text marks a place there: "in Kandahar police ...").
        uint32_t force_at = end;
        if (force_at + 1 < s.last && (toks[force_at].norm == "security"sv || toks[force_at].norm == "special"sv ||
                                      toks[force_at].norm == "armed"sv || toks[force_at].norm == "border"sv))
          ++force_at;
        const std::string_view before = i > s.first ? std::string_view(toks[i - 1].norm) : std::string_view();
        const bool place_word_before = before == "in"sv || before == "at"sv || before == "near"sv ||
                                       before == "inside"sv || before == "within"sv;
        if (force_at < s.last && kForceWords.Has(toks[force_at]) && !place_word_before &&
            !facility_at(force_at + 1)) {
          i = end;
          continue;
        }
      }
      // Cues around the run.
      bool cued = false, admin_cued = false;
      // "Abzimo, Darat Izza, Nairab, and Kafrta’al": a list that continues a named place.
      if (!out.empty() && out.back().sentence == si && !out.back().country_only) {
        bool list = out.back().last < i;
        for (uint32_t k = out.back().last; k < i && list; ++k)
          list = toks[k].punct == ',' || toks[k].norm == "and"sv || toks[k].norm == "or"sv;
        if (list) cued = true;
      }
      if (i > s.first) {
        const std::string& prev = toks[i - 1].norm;
        cued = cued || IsPlacePreposition(toks[i - 1]);
        uint32_t l2 = 0;
        if (prev == "of"sv && i >= s.first + 2 &&
            (HasCategory(lex, toks, i - 2, i - 1, "placetype", &l2) ||
             HasCategory(lex, toks, i - 2, i - 1, "admin", &l2))) {
          cued = true;
          if (HasCategory(lex, toks, i - 2, i - 1, "admin", &l2)) admin_cued = true;
        }
      }
      // "Kagara (Rafi LGA, Niger)": monitors put a place's areas in brackets after it (not an
      // abbreviation: "the Pure Third Command (TCP)").
      if (end + 1 < s.last && toks[end].punct == '(' && toks[end + 1].is_word && toks[end + 1].capitalized &&
          HasLowercase(text, toks[end + 1]))
        cued = true;
      // "Al-Safirah Tahtani town", "Idlib countryside", "Sabuwa LGA": the word after the run
      // marks it too.
      if (end < s.last && toks[end].is_word) {
        uint32_t l2 = 0;
        if (HasCategory(lex, toks, end, s.last, "placetype", &l2)) cued = true;
        if (HasCategory(lex, toks, end, s.last, "admin", &l2)) cued = true;
      }
      // Within the run: longest gazetteer match from each start.
      uint32_t a = i;
      uint32_t unmatched_from = UINT32_MAX;
      auto flush_unmatched = [&](uint32_t upto) {
        if (unmatched_from == UINT32_MAX) return;
        uint32_t b = upto;
        uint32_t from = unmatched_from;
        unmatched_from = UINT32_MAX;
        bool next_cue = false, next_admin = false, camp = false;
        uint32_t l2 = 0;
        // "Al-Shuhada Camp": the last word of the run says what it is.
        if (b - from >= 2 && (toks[b - 1].norm == "camp"sv || toks[b - 1].norm == "camps"sv)) camp = true;
        if (b < s.last && toks[b].is_word) {
          next_cue = HasCategory(lex, toks, b, s.last, "placetype", &l2);
          next_admin = HasCategory(lex, toks, b, s.last, "admin", &l2);
          if (IsInsideWord(toks[b])) camp = true;
        }
        if (from > s.first && (toks[from - 1].norm == "colonia"sv || toks[from - 1].norm == "barrio"sv ||
                               toks[from - 1].norm == "fraccionamiento"sv))
          camp = true;
        // "and Abzimo, Darat Izza, ...": a list whose next item is a known place.
        bool list_next = false;
        if (b + 1 < s.last && toks[b].punct == ',' && toks[b + 1].capitalized) {
          for (uint32_t e2 = b + 2; e2 <= std::min<uint32_t>(s.last, b + 4) && !list_next; ++e2)
            list_next = !gaz.Exact(Surface(text, toks, b + 1, e2)).empty();
        }
        bool here_cued = (from == i && cued) || next_cue || next_admin || list_next;
        if (!here_cued && !camp) return;
        PlaceMention m;
        // Transliterations the gazetteer spells otherwise ("Abzimo" / "Abzemo", "Afes" / "Afs").
        if (!camp) m.candidates = gaz.SpellingVariants(Surface(text, toks, from, b));
        m.first = from;
        m.last = b;
        m.sentence = si;
        m.text = Surface(text, toks, from, b);
        m.cued = true;
        m.camp = camp;
        m.admin_cued = next_admin || (from == i && admin_cued);
        out.push_back(std::move(m));
      };
      // "Mohamed Al-Bashir said": a run opening with a first name is a person unless the
      // text marks it as a place ("in Sheikh Youssef" opens with a name prefix instead).
      {
        uint32_t l3 = 0;
        if (HasCategory(lex, toks, i, i + 1, "firstname", &l3) && end > i + 1 && !cued) {
          i = end;
          continue;
        }
        if (end == i + 1 && IsParticle(toks[i].norm)) {  // "Sheikh" alone
          i = end;
          continue;
        }
        // "his son Khaled, 17", "a girl named Hala": a name right after a word for a person.
        if (i > s.first && !toks[i].hyphen_before &&
            HasCategory(lex, toks, i - 1, i, "personnoun", &l3)) {
          i = end;
          continue;
        }
      }
      // "Engineer Mohamed Al-Bashir", "Dr. Hussein Bazar": a run right after a capitalized
      // title or first name is the rest of a person's name. A preposition capitalized in
      // running text ("..., In Heroica Matamoros") is no title; in a title ("Killing At
      // Least 25") or a name ("In-Tamede") it stays as it was.
      static const WordSet kPrepositions = {"in",     "at",   "near", "inside", "outside",
                                            "around", "from", "into", "within"};
      const bool capitalized_preposition = i >= s.first + 2 && kPrepositions.Has(toks[i - 1]) &&
                                           !toks[i - 2].capitalized && !toks[i].hyphen_before;
      if (i > s.first && toks[i - 1].capitalized && blocked[i - 1 - s.first] && !toks[i - 1].is_number &&
          toks[i - 1].newlines_before == 0 && i - 1 != s.first && !capitalized_preposition) {
        uint32_t l3 = 0;
        if (HasCategory(lex, toks, i - 1, i, "notplace", &l3) &&
            !HasCategory(lex, toks, i - 1, i, "direction", &l3)) {
          i = end;
          continue;
        }
      }
      // A multi-word name the gazetteer spells otherwise ("Kfar Zeita" / "Kafr Zita") is
      // tried whole by its skeleton before its words are matched one by one.
      // Only runs the text marks as places: a loose match is never used without a cue.
      if (cued && end - i >= 2 && !toks[i].hyphen_before && gaz.Exact(Surface(text, toks, i, end)).empty()) {
        auto whole = gaz.SpellingVariants(Surface(text, toks, i, end));
        bool last_is_generic = toks[end - 1].norm == "camp"sv || toks[end - 1].norm == "city"sv;
        if (!whole.empty() && !last_is_generic) {
          PlaceMention m;
          m.first = i;
          m.last = end;
          m.sentence = si;
          m.text = Surface(text, toks, i, end);
          m.candidates = std::move(whole);
          m.cued = cued;
          m.admin_cued = admin_cued;
          if (end < s.last && toks[end].is_word) {
            uint32_t l2 = 0;
            if (HasCategory(lex, toks, end, s.last, "admin", &l2)) m.admin_cued = true;
            if (HasCategory(lex, toks, end, s.last, "placetype", &l2)) m.cued = true;
          }
          out.push_back(std::move(m));
          i = end;
          continue;
        }
        // A marked place whose full name no layer knows ("the village of Nyaung Kone",
        // "in Hawijat Al-Busayrah"): kept whole, placed at the part that is known.
        if (whole.empty() && cued && !last_is_generic) {
          std::vector<Candidate> part;
          for (uint32_t a2 = i; a2 < end && part.empty(); ++a2)
            for (uint32_t b2 = end; b2 > a2 && part.empty(); --b2) {
              if (b2 - a2 == end - i || IsParticle(toks[a2].norm)) continue;
              if (toks[a2].hyphen_before || (b2 < end && toks[b2].hyphen_before)) continue;
              part = gaz.Exact(Surface(text, toks, a2, b2));
            }
          PlaceMention m;
          m.first = i;
          m.last = end;
          m.sentence = si;
          m.text = Surface(text, toks, i, end);
          m.candidates = std::move(part);
          m.partial = !m.candidates.empty();
          m.cued = true;
          m.admin_cued = admin_cued;
          out.push_back(std::move(m));
          i = end;
          continue;
        }
      }
      while (a < end) {
        uint32_t best_end = 0;
        std::vector<Candidate> best;
        // Names longer than six words are rare and never needed to place an event; each
        // extra length is another lookup per word of every capitalized run.
        constexpr int kMaxNameWords = 6;
        int max_words = std::clamp(gaz.max_name_words(), 1, kMaxNameWords);
        for (uint32_t b = std::min<uint32_t>(end, a + static_cast<uint32_t>(max_words)); b > a; --b) {
          // A name never starts or ends with a bare particle, nor splits "Al-Shibli".
          bool starts = toks[a].capitalized ||
                        (IsParticle(toks[a].norm) && a + 1 < b && toks[a + 1].hyphen_before);
          if (!starts || !toks[b - 1].is_word) continue;
          if (toks[a].hyphen_before || (b < end && toks[b].hyphen_before)) continue;
          if (IsParticle(toks[b - 1].norm) && !toks[b - 1].capitalized) continue;
          const auto& found = gaz.Exact(Surface(text, toks, a, b));
          if (!found.empty()) {
            best_end = b;
            best = found;
            break;
          }
        }
        // "Sheikh", "Khan", "Deir" alone are the first word of a name, never the name.
        if (best_end == a + 1 && IsParticle(toks[a].norm) && end > a + 1) best_end = 0;
        if (best_end == 0) {
          if (unmatched_from == UINT32_MAX) unmatched_from = a;
          ++a;
          continue;
        }
        // A run like "Al-Shuhada Camp" where only part matched: the camp is the mention.
        bool camp_follows = best_end < end && toks[end - 1].norm == "camp"sv;
        if (camp_follows) {
          if (unmatched_from == UINT32_MAX) unmatched_from = a;
          a = end;
          break;
        }
        flush_unmatched(a);
        PlaceMention m;
        m.first = a;
        m.last = best_end;
        m.sentence = si;
        m.text = Surface(text, toks, a, best_end);
        m.candidates = std::move(best);
        m.cued = (a == i && cued);
        m.admin_cued = (a == i && admin_cued);
        {
          // "Hama northern countryside", "Idlib southern countryside": a direction may sit between.
          uint32_t nx = best_end, l2 = 0;
          while (nx < s.last && toks[nx].is_word && HasCategory(lex, toks, nx, s.last, "direction", &l2) &&
                 !HasCategory(lex, toks, nx, s.last, "admin", &l2))
            nx += l2;
          if (nx < s.last && toks[nx].is_word) {
            if (HasCategory(lex, toks, nx, s.last, "admin", &l2)) m.admin_cued = true;
            if (HasCategory(lex, toks, nx, s.last, "placetype", &l2)) m.cued = true;
          }
        }
        // "Varadouro neighborhood", "Colonia Loma Alta": a part of a town, its sublocation.
        if (best_end < s.last && IsInsideWord(toks[best_end]) && toks[best_end].norm != "camp"sv) m.camp = true;
        if (a > s.first && (toks[a - 1].norm == "colonia"sv || toks[a - 1].norm == "barrio"sv ||
                            toks[a - 1].norm == "fraccionamiento"sv))
          m.camp = true;
        // "Idlib City": the generic word inside the run marks a town.
        if (best_end < end && (toks[best_end].norm == "city"sv || toks[best_end].norm == "town"sv)) {
          m.cued = true;
          m.last = best_end + 1;
          a = best_end + 1;
        } else {
          a = best_end;
        }
        out.push_back(std::move(m));
      }
      flush_unmatched(end);
      i = end;
    }
    FindArabicPlaceMentions(tt, text, ctx, gaz, si, blocked, out);  // no capitals in Arabic
  }
  // "the village of Gadabo", "Khowai town", "Bara (Ansongo, Gao)": typed places, kept even
  // when no gazetteer of the report's country knows them.
  const Lexicon& lx = *ctx.lexicon;
  for (auto& m : out) {
    if (m.country_only) continue;
    uint32_t l2 = 0;
    if (m.first >= 2 && toks[m.first - 1].norm == "of"sv && HasCategory(lx, toks, m.first - 2, m.first - 1, "placetype", &l2))
      m.typed = true;
    if (m.last < toks.size() && toks[m.last].is_word && HasCategory(lx, toks, m.last, toks.size(), "placetype", &l2))
      m.typed = true;
    if (m.last < toks.size() && toks[m.last].punct == '(') m.typed = true;
  }
  // "Al-Sukkariyah crossing", "Raju street": a part of a town, whichever way it was found;
  // "in Bangu and Tanque neighborhoods": the plural covers the list before it.
  for (size_t k = 0; k < out.size(); ++k) {
    PlaceMention& m = out[k];
    if (m.country_only || m.last >= toks.size() || !IsInsideWord(toks[m.last])) continue;
    m.camp = true;
    if (toks[m.last].norm.back() != 's') continue;
    for (size_t j = k; j-- > 0;) {
      PlaceMention& item = out[j];
      if (item.sentence != m.sentence || item.country_only) break;
      bool joined = item.last < out[j + 1].first;
      for (uint32_t x = item.last; x < out[j + 1].first && joined; ++x)
        joined = toks[x].punct == ',' || toks[x].norm == "and"sv;
      if (!joined) break;
      item.camp = true;
    }
  }
  // "in Celaya, Guanajuato, ... in Camargo community", "the neighborhood of La Bodega",
  // "Colonia del Valle": a part of the town the sentence named before it. Alone, a
  // community is a place of its own ("gunmen attacked Ugah community").
  uint32_t town_sentence = UINT32_MAX;  // the last sentence that named a town
  for (PlaceMention& m : out) {
    if (m.country_only || m.camp) continue;
    if (town_sentence != m.sentence) {
      town_sentence = m.sentence;
      continue;
    }
    const std::string* before = m.first > 0 ? &toks[m.first - 1].norm : nullptr;
    const std::string* before2 = m.first > 1 ? &toks[m.first - 2].norm : nullptr;
    const std::string* after = m.last < toks.size() && toks[m.last].is_word ? &toks[m.last].norm : nullptr;
    if ((before && (*before == "colonia"sv || *before == "barrio"sv || *before == "zona"sv ||
                    *before == "fraccionamiento"sv)) ||
        // "the neighborhood of X" names it; "a residential neighbourhood of Ariha" and
        // "Mahmutbey neighborhood of Bagcilar" name the town.
        (before && before2 && *before == "of"sv &&
         (*before2 == "neighborhood"sv || *before2 == "neighbourhood"sv) && m.first > 2 &&
         toks[m.first - 3].norm == "the"sv) ||
        (after && (*after == "community"sv || *after == "comunidad"sv || *after == "colonia"sv)))
      m.camp = true;
  }
  // "Zhari district, Kandahar", "Kongor payam (Jonglei state)": the area that encloses
  // the place before it, as monitors write them (the area words of cues.tsv).
  auto area_at = [&](uint32_t at, uint32_t end, uint32_t* n) {
    return at < end && (HasCategory(lex, toks, at, end, "area", n) || HasCategory(lex, toks, at, end, "admin", n));
  };
  for (size_t k = 1; k < out.size(); ++k) {
    PlaceMention& cur = out[k];
    const PlaceMention& prev = out[k - 1];
    if (prev.sentence != cur.sentence || prev.country_only || cur.country_only) continue;
    // The place before is typed ("Bafut town, Bamenda subdivision"): by an area word, or
    // by a town word when this one is an area.
    uint32_t j = prev.last, len = 0, after = 0;
    if (area_at(j, cur.first, &len) ||
        (area_at(cur.last, tt.sentences[cur.sentence].last, &after) && HasCategory(lex, toks, j, cur.first, "placetype", &len)))
      j += len;
    cur.encloses = j + 1 == cur.first && j > prev.last && (toks[j].punct == ',' || toks[j].punct == '(');
    // "Deh-e Now area of Mohammad Agha district", "Cemce area (unknown location) of
    // Kagizman district": a typed place "of" another names the area around it.
    if (!cur.encloses && j > prev.last) {
      uint32_t o = j;
      if (o < cur.first && toks[o].punct == '(')
        while (o < cur.first && toks[o].punct != ')') ++o;
      if (o < cur.first && toks[o].punct == ')') ++o;
      if (o < cur.first && toks[o].norm == "of"sv) {
        ++o;
        if (o < cur.first && toks[o].norm == "the"sv) ++o;
        cur.encloses = o == cur.first;
      }
    }
    // "Bar Ujeed village (Ceel Buur, Galgaduud)", "Tieba (Bankass, Mopti)": brackets after
    // a place (and its town word) hold the areas around it...
    uint32_t b = prev.last;
    if (b < cur.first && HasCategory(lex, toks, b, cur.first, "placetype", &len)) b += len;
    // "west of Rafah (Rafah, North Sinai)": the district named after the town is the town.
    if (b + 1 == cur.first && toks[b].punct == '(' && FoldForMatch(cur.text) != FoldForMatch(prev.text))
      cur.encloses = true;
  }
  // "in Aleppo and Idlib provinces": the province word covers every name of the list.
  for (size_t k = out.size(); k-- > 1;) {
    PlaceMention& cur = out[k];
    PlaceMention& prev = out[k - 1];
    if (!cur.admin_cued || prev.sentence != cur.sentence || prev.last >= cur.first) continue;
    bool list = true;
    for (uint32_t j = prev.last; j < cur.first && list; ++j)
      list = toks[j].punct == ',' || toks[j].norm == "and"sv;
    if (list) prev.admin_cued = true;
  }
  return out;
}

namespace {

// printf's "%.Nf" (exact decimal, rounded to nearest), without printf's cost.
std::string Fixed(double value, int decimals) {
  char buf[kFixedFormatRoom];
  const size_t len = FormatFixed(value, decimals, buf);
  return len > 0 ? std::string(buf, len) : std::string("?");
}

struct Scored {
  double score = -1e9;
  size_t index = 0;
  std::string why;
};

// a == b for the short codes that scoring compares for every candidate (countries,
// feature and admin1 codes), as an inline loop: in this file GCC leaves
// string_view's operator== a call.
bool SameCode(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// a < b in byte order, inline as SameCode: the order of the country votes.
struct CodeLess {
  bool operator()(std::string_view a, std::string_view b) const {
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    return a.size() < b.size();
  }
};

bool SameAdmin1(const Place& a, const Place& b) {
  return !a.admin1_code.empty() && SameCode(a.admin1_code, b.admin1_code);
}

double KindScore(const Place& p, bool admin_cued) {
  switch (p.kind) {
    case PlaceKind::kPopulated: {
      double s = admin_cued ? -1.5 : 1.0;
      if (SameCode(p.feature_code, "PPLC") || SameCode(p.feature_code, "PPLA")) s += 0.8;
      if (SameCode(p.feature_code, "PPLA2")) s += 0.3;
      return s;
    }
    case PlaceKind::kAdmin1: return admin_cued ? 3.0 : -0.3;
    case PlaceKind::kAdmin2: return admin_cued ? 1.5 : -1.0;
    case PlaceKind::kCountry: return -2.0;
    default: return -1.5;
  }
}

}  // namespace

// Two entries this close are one place told twice (a city and its province's seat, a
// town in two layers).
constexpr double kSamePlaceKm = 15.0;
constexpr double kAlternateNamePenalty = 1.0;

std::string ChoosePlaces(std::vector<PlaceMention>& mentions, const TokenizedText& tt,
                         const PlaceContext& ctx, const std::string& country_hint) {
  // A district of the GeoNames layer is a place only when the text treats it as an area:
  // "Chikun LGA", "(Kandhamal, Odisha)" with its province in the sentence, the area after
  // another place, or the name that closes a comma chain ("near Tokabangou (Markoye,
  // Oudalan)"). Otherwise its name is too often a word or a neighbourhood ("SABA news
  // agency", "Andarai ... neighborhoods" in Rio). Detailed layers' areas (with P-codes)
  // are kept.
  const auto& toks = tt.tokens;
  // A comma chain ends at token k: the sentence, a bracket or a line ends there.
  auto chain_ends_at = [&](uint32_t k, uint32_t sentence_end) {
    return k >= sentence_end || toks[k].punct == '.' || toks[k].punct == ')' || toks[k].punct == ';' ||
           toks[k].newlines_before > 0;
  };
  auto closes_chain = [&](const PlaceMention& m) {
    return m.first > 0 && toks[m.first - 1].punct == ',' &&
           chain_ends_at(m.last, tt.sentences[m.sentence].last);
  };
  for (auto& m : mentions) {
    if (m.country_only || m.admin_cued || m.encloses || closes_chain(m)) continue;
    // Mentions come in sentence order: only this sentence's are looked at.
    const auto sentence_begin = std::lower_bound(
        mentions.begin(), mentions.end(), m.sentence,
        [](const PlaceMention& x, uint32_t v) { return x.sentence < v; });
    auto unsupported = [&](const Candidate& c) {
      if (c.place.kind != PlaceKind::kAdmin2 || !c.place.pcode.empty()) return false;
      for (auto it = sentence_begin; it != mentions.end() && it->sentence == m.sentence; ++it) {
        const PlaceMention& other = *it;
        if (&other == &m) continue;
        for (const auto& oc : other.candidates)
          if (oc.place.kind == PlaceKind::kAdmin1 && oc.place.admin1_code == c.place.admin1_code)
            return false;
      }
      return true;
    };
    std::erase_if(m.candidates, unsupported);
  }
  // "Apa Agila (Ado LGA, Benue)": the province written in brackets after a place (the
  // way ACLED and many monitors locate villages) contains it, also after a word or two
  // saying what the place is ("Krishna Ghati sector area (Poonch district, J&K)").
  // Namesakes elsewhere go; when none is left the place stays unresolved rather than
  // land in another country.
  {
    for (auto& m : mentions) {
      if (m.country_only || m.candidates.empty()) continue;
      uint32_t open = m.last;
      while (open < toks.size() && open < m.last + 3 && toks[open].is_word && !toks[open].capitalized &&
             !toks[open].is_number)
        ++open;
      if (open >= toks.size() || toks[open].punct != '(') continue;
      uint32_t close = open + 1;
      while (close < toks.size() && close < open + 12 && toks[close].punct != ')') ++close;
      if (close >= toks.size() || toks[close].punct != ')') continue;
      std::vector<const Place*> provinces;
      for (const auto& other : mentions) {
        if (&other == &m || other.first <= open || other.last > close) continue;
        std::vector<const Place*> here;
        for (const auto& c : other.candidates)
          if (c.place.kind == PlaceKind::kAdmin1) here.push_back(&c.place);
        if (!here.empty()) provinces = std::move(here);  // the last one: "(district, province)"
      }
      if (provinces.empty()) continue;
      std::vector<Candidate> kept;
      for (const auto& c : m.candidates)
        for (const Place* p : provinces)
          if (SameAdmin1(*p, c.place) || (c.place.kind == PlaceKind::kAdmin1 && c.place.id == p->id)) {
            kept.push_back(c);
            break;
          }
      if (kept.size() == m.candidates.size()) continue;
      if (kept.empty()) m.resolution = "no place of this name in the province named beside it";
      m.candidates = std::move(kept);
    }
  }
  // "Deh-e Now area of Mohammad Agha district, Logar": the same for a province that
  // closes a chain of enclosing areas written without brackets.
  for (size_t k = 0; k + 1 < mentions.size(); ++k) {
    PlaceMention& m = mentions[k];
    if (m.country_only || m.candidates.empty() || m.encloses) continue;
    size_t last = k;
    while (last + 1 < mentions.size() && mentions[last + 1].encloses && !mentions[last + 1].country_only &&
           mentions[last + 1].sentence == m.sentence)
      ++last;
    if (last == k) continue;
    std::vector<const Place*> provinces;
    for (const auto& c : mentions[last].candidates)
      if (c.place.kind == PlaceKind::kAdmin1 && c.match == MatchKind::kCompact) provinces.push_back(&c.place);
    if (provinces.empty()) continue;
    std::vector<Candidate> kept;
    for (const auto& c : m.candidates)
      if (std::any_of(provinces.begin(), provinces.end(), [&](const Place* p) { return SameAdmin1(*p, c.place); }))
        kept.push_back(c);
    if (kept.size() == m.candidates.size()) continue;
    if (kept.empty()) m.resolution = "no place of this name in the province named after it";
    m.candidates = std::move(kept);
  }

  // "Barangay Capihan, San Rafael, Bulacan.": the name that closes a comma chain is the
  // area the places before it lie in (Bulacan, a province of the Philippines), and often
  // only the gazetteer's admin names know it. When some candidates' province or district carries
  // that name, the others go. Only the chain's last name counts: in "Aleppo, Idlib and
  // Hama" each name is a place of its own.
  {
    auto chain_end_name = [&](uint32_t from, uint32_t sentence_end) {
      // The capitalized run after each comma from `from`, up to the one the chain ends with.
      std::string name;
      uint32_t k = from;
      while (k < sentence_end && toks[k].punct == ',') {
        uint32_t a = k + 1, b = a;
        // "Agusan del Sur", "Mato Grosso do Sul": particles inside the name.
        while (b < sentence_end && b < a + 4 && toks[b].is_word &&
               (toks[b].capitalized || (b > a && IsParticle(toks[b].norm) && b + 1 < sentence_end &&
                                        toks[b + 1].is_word && toks[b + 1].capitalized)))
          ++b;
        // "in Benito Juarez, Nuevo Leon, a man was shot": the clause goes on after the
        // chain (not a list: "Aleppo, Idlib, and Hama").
        if (b == a && !name.empty() && a < sentence_end && toks[a].is_word && !toks[a].is_number &&
            toks[a].norm != "and"sv && toks[a].norm != "or"sv)
          return name;
        if (b == a) return std::string();
        name.clear();
        for (uint32_t j = a; j < b; ++j) name.append(j > a ? " " : "").append(toks[j].norm);
        k = b;
      }
      return chain_ends_at(k, sentence_end) ? name : std::string();
    };
    auto names_area = [](std::string_view admin, std::string_view name) {
      if (admin.empty()) return false;
      std::string folded = FoldForMatch(admin);
      for (size_t at = folded.find(name); at != std::string::npos; at = folded.find(name, at + 1)) {
        bool starts = at == 0 || folded[at - 1] == ' ';
        bool ends = at + name.size() == folded.size() || folded[at + name.size()] == ' ';
        if (starts && ends) return true;
      }
      return false;
    };
    for (auto& m : mentions) {
      if (m.country_only || m.candidates.size() < 2 || m.last >= toks.size() || toks[m.last].punct != ',')
        continue;
      const Sentence& sentence = tt.sentences[m.sentence];
      std::string area = chain_end_name(m.last, sentence.last);
      if (area.size() < 4) continue;
      auto in_area = [&](const std::vector<Candidate>& from) {
        std::vector<Candidate> kept;
        for (const auto& c : from)
          if (c.place.kind == PlaceKind::kPopulated &&
              (names_area(c.place.admin2, area) || names_area(c.place.admin1, area)))
            kept.push_back(c);
        return kept;
      };
      std::vector<Candidate> kept = in_area(m.candidates);
      // A common name's namesakes were cut to the most populous: the one in the area
      // may be among the rest ("San Rafael, Bulacan"). A country closing the chain
      // ("Aleppo, Syria") is no province.
      auto country_named = [&] {
        return std::any_of(mentions.begin(), mentions.end(), [&](const PlaceMention& o) {
          return o.country_only && o.first > m.last && o.first <= m.last + 5;
        });
      };
      bool cut = m.candidates.size() >= PlaceLookup::kMaxCandidates;
      if (kept.empty() && cut && ctx.gazetteer && !country_named())
        kept = in_area(PlaceLookup(*ctx.gazetteer).AllExact(m.text));
      if (!kept.empty() && (cut || kept.size() < m.candidates.size())) {
        m.candidates = std::move(kept);
        continue;
      }
      // "Riachinho, Tocantins": when the chain closes with a province of the country
      // and none of the namesakes lies in it, the place is one the gazetteer lacks; it
      // stays unresolved (and is placed in the province) rather than land in another.
      if (kept.empty() && ctx.gazetteer && !country_named()) {
        bool province_of_theirs = false;
        for (const Place& province : ctx.gazetteer->FindAdmin1(area))
          for (const auto& c : m.candidates)
            province_of_theirs = province_of_theirs || SameCode(province.country, c.place.country);
        if (province_of_theirs) {
          m.candidates.clear();
          m.resolution = "no place of this name in the province named beside it";
          // The name closing the chain is that province, not a village of its name.
          for (auto& o : mentions) {
            if (o.sentence != m.sentence || o.first <= m.last || FoldForMatch(o.text) != area) continue;
            std::vector<Candidate> provinces;
            for (const auto& c : o.candidates)
              if (c.place.kind == PlaceKind::kAdmin1) provinces.push_back(c);
            if (!provinces.empty()) o.candidates = std::move(provinces);
          }
        }
      }
    }
  }

  // 1. The report's country: named countries, then places that exist in one country only.
  // By ISO code, in code order (ties go to the first); the codes are the mentions',
  // the actors' and the gazetteer's own strings, which outlive this call.
  std::map<std::string_view, double, CodeLess> votes;
  // The share of loose and partial names, flat: sorted and summed only when there are any.
  std::vector<std::pair<std::string_view, double>> weak_votes;
  if (!country_hint.empty()) votes[country_hint] += 1.0;
  // "Afghan forces repulsed", "Nigerian troops": an actor of a country hints at it as its
  // adjective would (the actor table took the word, so no country mention has it), up
  // to two mentions' worth.
  if (ctx.sentence_actors) {
    constexpr double kActorHint = 0.5, kMaxActorHints = 1.0;
    std::map<std::string_view, double, CodeLess> hints;
    for (uint32_t si = 0; si < tt.sentences.size(); ++si)
      for (const auto& a : ctx.sentence_actors(si))
        if (!a.country.empty()) hints[a.country] = std::min(kMaxActorHints, hints[a.country] + kActorHint);
    for (const auto& [c, v] : hints) votes[c] += v;
  }
  // "Barangay Lawa", "Sabuwa LGA": a word for a kind of place that one country alone
  // uses says where the report is as its adjective would, once per country.
  if (ctx.lexicon) {
    constexpr double kCountryWordHint = 0.5;
    std::map<std::string_view, double, CodeLess> hints;
    for (const LexMatch& word : ctx.lexicon->Match(toks, 0, static_cast<uint32_t>(toks.size()),
                                                   ctx.lexicon->BitOf("countryword")))
      hints[word.entry->value] = kCountryWordHint;
    for (const auto& [c, v] : hints) votes[c] += v;
  }
  std::vector<std::pair<std::string_view, double>> weights;
  for (const auto& m : mentions) {
    if (m.country_only) {
      // "in Syria" says where; "Turkey backed police", "Syrian" only hint.
      bool located = !m.adjective && m.first > 0 && (tt.tokens[m.first - 1].norm == "in"sv || tt.tokens[m.first - 1].norm == "of"sv ||
                                     tt.tokens[m.first - 1].norm == "across"sv);
      if (m.adjective && m.locates) located = true;
      votes[m.country_iso] += located ? 2.0 : (m.adjective ? 0.5 : 1.0);
      continue;
    }
    // Each mention votes once, shared among its candidates' countries by size: "Kabul"
    // is Afghanistan's, not a hamlet's of the same name elsewhere.
    // (country, weight), few per mention: a flat list, summed in country order.
    weights.clear();
    double total = 0;
    bool loose = true;
    for (const auto& c : m.candidates) loose = loose && c.match != MatchKind::kCompact;
    for (const auto& c : m.candidates) {
      if (c.match != MatchKind::kCompact && !loose) continue;
      double w = 1.0 + std::log10(1.0 + c.place.population) + (c.place.pcode.empty() ? 0.0 : 2.0);
      auto it = std::find_if(weights.begin(), weights.end(),
                             [&](const auto& e) { return SameCode(e.first, c.place.country); });
      if (it == weights.end()) weights.emplace_back(c.place.country, w);
      else it->second = std::max(it->second, w);
    }
    // By country only: each country is in the list once.
    std::sort(weights.begin(), weights.end(),
              [](const auto& a, const auto& b) { return CodeLess{}(a.first, b.first); });
    for (const auto& [c, w] : weights) total += w;
    // A capitalized word the text does not mark as a place ("Opera House", "House") is
    // weak evidence of where the report is; a loose spelling match a quarter of that
    // ("Wardak province" is not Wardo in Papua when the Taliban are named).
    double strength = m.cued || m.encloses ? 1.5 : (m.last - m.first > 1 ? 0.6 : 0.3);
    if (m.admin_cued) strength += 0.5;
    if (loose) strength *= 0.25;
    if (m.partial) strength *= 0.25;  // "Khan Bani Saad" says little by its "Saad"
    for (const auto& [c, w] : weights) {
      votes[c] += strength * w / total;
      if (loose || m.partial) weak_votes.emplace_back(c, strength * w / total);
    }
  }
  std::string country;
  double best_vote = 0;
  for (const auto& [c, v] : votes)
    if (v > best_vote) best_vote = v, country = std::string(c);
  // Loose spellings and parts of names never outvote the rest of the report: when
  // anything else votes, its favourite is the country ("Titao (Titao, Loroum)" does not
  // set a report in China by Didao's skeleton, nor "Tin Zaouatine" in Ukraine by a
  // village's "Tin"); alone they still decide.
  if (!weak_votes.empty()) {
    std::stable_sort(weak_votes.begin(), weak_votes.end(),
                     [](const auto& a, const auto& b) { return CodeLess{}(a.first, b.first); });
    std::string supported;
    double best_supported = 0;
    auto weak = weak_votes.begin();
    for (const auto& [c, v] : votes) {  // both in code order
      double weak_part = 0;
      while (weak != weak_votes.end() && CodeLess{}(weak->first, c)) ++weak;
      for (; weak != weak_votes.end() && !CodeLess{}(c, weak->first); ++weak) weak_part += weak->second;
      double solid = v - weak_part;
      if (solid > best_supported + 1e-9) best_supported = solid, supported = std::string(c);
    }
    if (best_supported > 0) country = supported;
  }

  // "the village of al-Fu’ah" in a Syrian report: a marked place whose exact namesakes
  // all lie abroad (Fuwwah in Egypt is also "Fuah") is more likely the report's own
  // town written another way (OCHA's Foah). Its spellings in the report's country that
  // a detailed layer (one with P-codes) knows replace the namesakes abroad; the default
  // layer's loose matches are too many to trust ("Allawa" is not Ihiala).
  if (!country.empty() && ctx.gazetteer) {
    PlaceLookup lookup(*ctx.gazetteer);
    for (auto& m : mentions) {
      if (m.country_only || !m.cued || m.candidates.empty()) continue;
      const bool abroad = std::none_of(m.candidates.begin(), m.candidates.end(), [&](const Candidate& c) {
        return c.match != MatchKind::kCompact || !c.alternate_name || SameCode(c.place.country, country);
      });
      if (!abroad) continue;
      std::vector<Candidate> here;
      for (const Candidate& c : lookup.SpellingVariants(m.text))
        if (SameCode(c.place.country, country) && c.place.kind == PlaceKind::kPopulated && !c.place.pcode.empty())
          here.push_back(c);
      if (!here.empty()) m.candidates = std::move(here);
    }
  }

  // 2. Provinces named in the report, by sentence: "in Idlib province", "Hama countryside".
  std::vector<std::pair<uint32_t, Place>> admin_context;
  // The mention a city entry stands for (below), else null: a province's own entry
  // supports a town of its name ("Sinaloa" the town in Sinaloa), a city's does not.
  std::vector<const PlaceMention*> admin_source;
  for (const auto& m : mentions) {
    for (const auto& c : m.candidates) {
      if (c.place.kind == PlaceKind::kAdmin1 && (country.empty() || SameCode(c.place.country, country))) {
        admin_context.emplace_back(m.sentence, c.place);
        admin_source.push_back(nullptr);
      }
    }
    // A big city also names its province when written "Aleppo countryside"; but not for
    // its own namesakes: "Chin State" has Jinzhou (also "Chin") twice in Liaoning, and
    // neither names Liaoning for the other.
    if (m.admin_cued) {
      for (const auto& c : m.candidates)
        if (c.place.kind == PlaceKind::kPopulated && (country.empty() || SameCode(c.place.country, country))) {
          admin_context.emplace_back(m.sentence, c.place);
          admin_source.push_back(&m);
        }
    }
  }

  // The named provinces by admin1 code, in text order: a candidate looks at its own only.
  // Each group also knows, per entry, the next entry at other coordinates, so the first
  // entry of a sentence range that is not the candidate itself is found at once (a long
  // report names its provinces thousands of times).
  struct AdminGroup {
    std::vector<const std::pair<uint32_t, Place>*> entries;  // sentence order
    std::vector<const PlaceMention*> sources;  // admin_source
    std::vector<uint32_t> next_elsewhere;
    std::vector<uint32_t> next_source;  // the next entry of another source
  };
  std::unordered_map<std::string_view, AdminGroup> admin_by_code;
  for (size_t k = 0; k < admin_context.size(); ++k) {
    const auto& entry = admin_context[k];
    if (entry.second.admin1_code.empty()) continue;
    AdminGroup& group = admin_by_code[entry.second.admin1_code];
    group.entries.push_back(&entry);
    group.sources.push_back(admin_source[k]);
  }
  for (auto& [code, group] : admin_by_code) {
    const auto& e = group.entries;
    const auto n = static_cast<uint32_t>(e.size());
    group.next_elsewhere.assign(n, n);
    group.next_source.assign(n, n);
    for (size_t i = e.size() - 1; i-- > 0;) {
      bool same = e[i + 1]->second.lat == e[i]->second.lat && e[i + 1]->second.lon == e[i]->second.lon;
      group.next_elsewhere[i] = same ? group.next_elsewhere[i + 1] : static_cast<uint32_t>(i + 1);
      group.next_source[i] = group.sources[i + 1] == group.sources[i] ? group.next_source[i + 1]
                                                                     : static_cast<uint32_t>(i + 1);
    }
  }

  // Each candidate's population term, computed once for the passes below (after the
  // candidates are filtered).
  std::vector<uint32_t> first_candidate;
  std::vector<double> population_term;
  auto score_one = [&](const PlaceMention& m, const Candidate& c, double population,
                       const std::vector<const Place*>& anchors, std::string* why) {
    const Place& p = c.place;
    double s = 0;
    if (!country.empty()) {
      if (SameCode(p.country, country)) s += 3.0;
      else s -= 1.0;
    }
    // The province named in the same sentence (3), within two sentences (1.5) or
    // anywhere (0.6); the first such mention in the text explains it.
    double admin_bonus = 0;
    auto group_it = p.admin1_code.empty() || admin_by_code.empty() ? admin_by_code.end()
                                                                   : admin_by_code.find(p.admin1_code);
    if (group_it != admin_by_code.end()) {
      const AdminGroup& g = group_it->second;
      auto elsewhere = [&](size_t i) {
        return g.entries[i]->second.lat != p.lat || g.entries[i]->second.lon != p.lon;
      };
      // The first entry of [lo, hi) not at p's coordinates nor standing for m, or hi.
      auto first_other = [&](size_t lo, size_t hi) -> size_t {
        size_t i = lo;
        while (i < hi) {
          if (!elsewhere(i)) i = g.next_elsewhere[i];
          else if (g.sources[i] == &m) i = g.next_source[i];
          else return i;
        }
        return hi;
      };
      auto bound = [&](uint32_t sentence, bool upper) -> size_t {
        auto cmp_lower = [](const std::pair<uint32_t, Place>* e, uint32_t v) { return e->first < v; };
        auto cmp_upper = [](uint32_t v, const std::pair<uint32_t, Place>* e) { return v < e->first; };
        auto it = upper ? std::upper_bound(g.entries.begin(), g.entries.end(), sentence, cmp_upper)
                        : std::lower_bound(g.entries.begin(), g.entries.end(), sentence, cmp_lower);
        return static_cast<size_t>(it - g.entries.begin());
      };
      const size_t n = g.entries.size();
      size_t hit = n;
      size_t lo = bound(m.sentence, false), hi = bound(m.sentence, true);
      if ((hit = first_other(lo, hi)) < hi) {
        admin_bonus = 3.0;
      } else {
        lo = bound(m.sentence >= 2 ? m.sentence - 2 : 0, false);
        hi = bound(m.sentence + 2, true);
        if ((hit = first_other(lo, hi)) < hi) admin_bonus = 1.5;
        else if ((hit = first_other(0, n)) < n) admin_bonus = 0.6;
      }
      if (why && admin_bonus > 0)
        *why = std::string(g.entries[hit]->second.admin1) + " named " +
               (admin_bonus == 3.0 ? "in the same sentence" : "nearby");
    }
    s += admin_bonus;
    s += KindScore(p, m.admin_cued);
    s += population;
    if (!p.pcode.empty()) s += 0.6;  // a detailed layer knows this area better
    if (c.match == MatchKind::kSkeleton) s -= 2.0;
    // The score needs only the band (30, 100, 400 km) of the nearest anchor; the
    // explanation prints the distance itself.
    double nearest = why ? 1e9 : 400;
    for (const Place* a : anchors) {  // distinct coordinates (see below)
      if (a->lat == p.lat && a->lon == p.lon) continue;
      // The latitude difference alone bounds the distance from below (a degree is
      // 111.19 km on the mean sphere): an anchor that cannot be nearer is skipped.
      if (111.18 * std::fabs(a->lat - p.lat) >= nearest) continue;
      nearest = std::min(nearest, DistanceKm(a->lat, a->lon, p.lat, p.lon));
      if (!why && nearest < 30) break;
    }
    if (nearest < 30) s += 2.0;
    else if (nearest < 100) s += 1.0;
    else if (nearest < 400) s += 0.3;
    if (why && nearest < 100) {
      *why += why->empty() ? "" : "; ";
      *why += Fixed(nearest, 0) + " km from another place in the report";
    }
    return s;
  };

  // A loose spelling match must lie in the province the sentence names, when it names
  // one ("Zannubah ... in Ar-Raqqa" is not Zenbiyeh in Homs).
  for (auto& m : mentions) {
    if (m.candidates.empty()) continue;
    bool loose = true;
    for (const auto& c : m.candidates) loose = loose && c.match == MatchKind::kSkeleton;
    if (!loose) continue;
    // Provinces named in the sentence, not cities that share a province's name ("the
    // city of Idlib").
    std::vector<const Place*> provinces;
    // Mentions come in sentence order: only this sentence's are looked at.
    auto first = std::lower_bound(mentions.begin(), mentions.end(), m.sentence,
                                  [](const PlaceMention& x, uint32_t v) { return x.sentence < v; });
    for (auto it = first; it != mentions.end() && it->sentence == m.sentence; ++it) {
      const PlaceMention& other = *it;
      if (other.sentence != m.sentence || &other == &m) continue;
      bool city = (other.first >= 2 && toks[other.first - 1].norm == "of"sv &&
                   (toks[other.first - 2].norm == "city"sv || toks[other.first - 2].norm == "town"sv)) ||
                  (other.last < toks.size() && (toks[other.last].norm == "city"sv || toks[other.last].norm == "town"sv));
      if (city) continue;
      for (const auto& c : other.candidates)
        if (c.place.kind == PlaceKind::kAdmin1 && (country.empty() || c.place.country == country))
          provinces.push_back(&c.place);
    }
    if (provinces.empty()) continue;
    std::vector<Candidate> kept;
    for (const auto& c : m.candidates)
      for (const Place* ap : provinces)
        if (SameAdmin1(*ap, c.place)) {
          kept.push_back(c);
          break;
        }
    m.candidates = std::move(kept);
    if (m.candidates.empty()) m.resolution = "spelling variants found only outside the province named";
  }
  // A place found under its own name beats one found under an alternate name
  // ("Adra" the town, not Dar'a, which a gazetteer also calls "Adraa").
  std::vector<uint8_t> has_own_name(mentions.size(), 0);
  for (size_t mi = 0; mi < mentions.size(); ++mi) {
    const auto& cands = mentions[mi].candidates;
    has_own_name[mi] = cands.size() >= 2 &&
                       std::any_of(cands.begin(), cands.end(), [](const Candidate& c) { return !c.alternate_name; });
  }
  first_candidate.reserve(mentions.size());
  for (const auto& m : mentions) {
    first_candidate.push_back(static_cast<uint32_t>(population_term.size()));
    for (const auto& c : m.candidates) population_term.push_back(0.35 * std::log10(1.0 + c.place.population));
  }
  // 3. Two passes: unambiguous places first become anchors for the others.
  std::vector<const Place*> anchors;
  std::vector<double> scores;
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<const Place*> next_anchors;
    for (size_t mi = 0; mi < mentions.size(); ++mi) {
      auto& m = mentions[mi];
      if (m.candidates.empty()) continue;
      Scored best, second;
      scores.clear();
      for (size_t k = 0; k < m.candidates.size(); ++k) {
        double sc = score_one(m, m.candidates[k], population_term[first_candidate[mi] + k], anchors, nullptr);
        if (has_own_name[mi] && m.candidates[k].alternate_name) sc -= kAlternateNamePenalty;
        scores.push_back(sc);
        if (sc > best.score) {
          second = best;
          best = {sc, k, {}};
        } else if (sc > second.score) {
          second = {sc, k, {}};
        }
      }
      const Place& p = m.candidates[best.index].place;
      m.chosen = p;
      // An anchor is a town chosen with confidence: every close rival is the same place
      // told again (Damascus the city, the province and a detailed layer's entry); the
      // town stands for its province.
      const Place* anchor = p.kind == PlaceKind::kPopulated ? &m.chosen.value() : nullptr;
      bool confident = true;
      for (size_t k = 0; k < m.candidates.size() && confident; ++k) {
        if (k == best.index || scores[k] < best.score - 2.0) continue;
        const Place& q = m.candidates[k].place;
        confident = DistanceKm(p.lat, p.lon, q.lat, q.lon) < kSamePlaceKm;
        if (confident && !anchor && q.kind == PlaceKind::kPopulated) anchor = &q;
      }
      if (confident && anchor && (country.empty() || anchor->country == country))
        next_anchors.push_back(anchor);
      // The first pass only finds anchors; the second's choice is the one explained.
      if (pass == 0) continue;
      score_one(m, m.candidates[best.index], population_term[first_candidate[mi] + best.index], anchors,
                &best.why);
      std::string& r = m.resolution;
      r.assign(p.name).append(" (").append(p.admin1);
      if (!p.pcode.empty()) r.append(", ").append(p.pcode);
      r.append(") chosen from ").append(std::to_string(m.candidates.size()));
      r.append(m.candidates.size() == 1 ? " candidate" : " candidates");
      if (!best.why.empty()) r.append(": ").append(best.why);
      if (m.candidates.size() > 1 && second.score > -1e8) {
        const Place& q = m.candidates[second.index].place;
        r.append("; runner-up ").append(q.name).append(" (").append(q.admin1).append(") scored ");
        r.append(Fixed(second.score, 1)).append(" vs ").append(Fixed(best.score, 1));
      }
    }
    // A long report names the same anchors again and again: each place counts once.
    std::sort(next_anchors.begin(), next_anchors.end(), [](const Place* a, const Place* b) {
      return a->lat != b->lat ? a->lat < b->lat : a->lon < b->lon;
    });
    next_anchors.erase(std::unique(next_anchors.begin(), next_anchors.end(),
                                   [](const Place* a, const Place* b) {
                                     return a->lat == b->lat && a->lon == b->lon;
                                   }),
                       next_anchors.end());
    anchors = std::move(next_anchors);
  }
  return country;
}

}  // namespace harmwatch
