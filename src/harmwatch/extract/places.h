// Place mentions and their resolution against the gazetteer.
//
// Mentions: runs of capitalized words (with the lower-case articles and particles
// that live inside Levantine and Latin names: "Deir ez-Zor", "Jabal al-Zawiya",
// "Leon de los Aldama"), looked up longest-first; and runs the text itself marks
// as places ("the village of X", "X town", "in X countryside") even when no
// gazetteer knows them.
//
// Resolution (ChoosePlaces) ranks each mention's candidates by context: the
// report's country, a province named beside the place or elsewhere in the report,
// closeness to the report's other places, population and feature type.
#pragma once

#include <functional>

#include <optional>
#include <string>
#include <vector>

#include "harmwatch/extract/actors.h"
#include "harmwatch/geo/gazetteer.h"
#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {

struct PlaceMention {
  uint32_t first = 0, last = 0;    // tokens
  uint32_t sentence = 0;
  std::string text;                // as written
  std::vector<Candidate> candidates;
  bool cued = false;               // the text marks it as a place ("village of X", "in X")
  bool admin_cued = false;         // followed/preceded by province/governorate/countryside
  bool camp = false;               // "X Camp": a camp or facility inside a town
  std::optional<Place> chosen;     // after resolution
  std::string resolution;          // why `chosen` (or why none)
  bool country_only = false;       // the mention is a country name
  std::string country_iso;         // for country mentions
  bool adjective = false;          // "Syrian": a country named by its adjective
  bool hint_only = false;          // "US forces", "Syrian state TV": says where the report is
                                   // likely set, not that anything happened in that country
  bool locates = false;            // "the Syrian city of X": the country word places a town
  bool partial = false;            // only part of the name is known ("Nyaung Kone" via "Kone")
  bool typed = false;              // the text says what it is: "the village of X", "X town", "X ("
  bool reference = false;          // locates another place: "جنوب إدلب" (south of Idlib)
  bool encloses = false;           // the area around the place before it: "X district, Y"
};

struct PlaceContext {
  const Gazetteer* gazetteer = nullptr;
  const Lexicon* lexicon = nullptr;
  const ActorTable* actors = nullptr;
  // The actors of each sentence when the caller has found them already (else found here).
  std::function<const std::vector<ActorMention>&(uint32_t sentence)> sentence_actors;
};

// A country's name or adjective at token `i` of sentence `si` ("Syria", "the United
// States", "Syrian") appended to `out` as a country-only mention; its length in tokens,
// or 0 when none starts there.
uint32_t AppendCountryMention(const TokenizedText& tt, std::string_view text,
                              const PlaceContext& ctx, uint32_t si, uint32_t i,
                              std::vector<PlaceMention>& out);

// Finds place mentions in every sentence.
std::vector<PlaceMention> FindPlaceMentions(const TokenizedText& tt, std::string_view text,
                                            const PlaceContext& ctx);

// Chooses a candidate for every mention; returns the report's country (ISO2) or "".
std::string ChoosePlaces(std::vector<PlaceMention>& mentions, const TokenizedText& tt,
                         const PlaceContext& ctx, const std::string& country_hint);

}  // namespace harmwatch
