// Actors: named groups (data/actors/actors.tsv), generic words that take the report's
// country (generic.tsv: "the regime", "gunmen", "terrorists") and patterns built from
// countries.tsv ("Russian jets" -> Military Forces of Russia, "Turkish police" -> Police
// Forces of Turkey).
//
// Thread-safety: immutable after Load.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {

struct ActorMention {
  uint32_t first = 0, last = 0;  // tokens
  std::string canonical;         // named actor, or empty for a generic role (role "militia":
                                 // the name's stem when the text gives it, "Tiv Ethnic Militia")
  std::string role;              // "named", or a generic.tsv role: "military", "police",
                                 // "unidentified", "terrorists", "rebels", "civilians", ...
  std::string country;           // ISO2 when the mention fixes it ("Russian jets")
  std::string kind;              // state, rebel, islamist, militia, coalition, ...
};

struct CountryInfo {
  std::string iso2;
  std::string name;  // "Syria", "the Philippines"
};

class ActorTable {
 public:
  // Reads actors.tsv, generic.tsv and countries.tsv from `dir`.
  Status Load(const std::string& dir);

  // Every actor mention in tokens [begin, end), longest first, non-overlapping.
  std::vector<ActorMention> Find(const std::vector<Token>& tokens, std::string_view text,
                                 uint32_t begin, uint32_t end) const;

  // "Military Forces of Syria" for (military, "SY"); empty when the country is unknown.
  // Roles "execution" and "drugs" give unnamed.tsv's name for the unnamed authors of an
  // execution-style or drug-trade killing in that country, empty where it has none.
  // Roles "jihadist" and "rebels" give unnamed.tsv's name for unnamed Islamist militants
  // or rebels in that country (Opposition Rebels (Syria)), else Unidentified Armed Group.
  // Role "militia" gives "<stem> (<country>)" ("Tiv Ethnic Militia (Nigeria)"), or
  // Unidentified Communal Militia (<country>) without a stem.
  std::string NameFor(const std::string& role, const std::string& iso2,
                      const std::string& stem = "") const;
  // The ISO2 code for a country name or adjective ("Syrian", "Syria"), or "".
  // `form` receives "name" or "adjective".
  std::string CountryOf(const std::vector<Token>& tokens, std::string_view text, uint32_t i,
                        uint32_t end, uint32_t* length, std::string* form = nullptr) const;
  const CountryInfo* Country(const std::string& iso2) const;
  // True when a folded word occurs in an actor or country name (see Lexicon::HasWord).
  bool HasWord(std::string_view folded_word) const {
    return phrases_.HasWord(folded_word) || countries_.HasWord(folded_word);
  }

  // Caches this table's phrase lookups over `tokens` while alive (see Lexicon::ScopedCache).
  struct ScopedCache {
    ScopedCache(const ActorTable& table, const std::vector<Token>& tokens)
        : phrases(table.phrases_, tokens), countries(table.countries_, tokens) {}
    Lexicon::ScopedCache phrases, countries;
  };

 private:
  Status AddNamed(std::string_view tsv, const std::string& name);
  Status AddGeneric(std::string_view tsv, const std::string& name);
  Status AddCountries(std::string_view tsv, const std::string& name);
  Status AddUnnamed(std::string_view tsv, const std::string& name);
  std::string MilitiaStem(const std::vector<Token>& tokens, std::string_view text, uint32_t from,
                          uint32_t at, uint32_t last, uint32_t end, uint32_t* first_out,
                          uint32_t* last_out) const;

  Lexicon phrases_;    // category "actor": value canonical or role; attrs country, kind, upper
  Lexicon countries_;  // category "country": value ISO2 (names and adjectives)
  std::unordered_map<std::string, CountryInfo> by_iso_;
  // Every other country's English name (data/geo/countries.tsv), so the pattern names
  // ("Civilians (Romania)") work where the text is not matched for demonyms.
  std::unordered_map<std::string, CountryInfo> names_only_;
  // (iso2, context) -> name, from unnamed.tsv.
  std::unordered_map<std::string, std::string> unnamed_;
};

}  // namespace harmwatch
