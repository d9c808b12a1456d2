// Arabic in the extract stage: what the Latin-script rules cannot see.
//
// * Tokens: proclitics split off and stems normalized against the loaded resources
//   (text/arabic), so lexicon phrases, actor names and gazetteer names match
//   "بقصف", "والطيران الحربي", "بريف إدلب".
// * Places: Arabic has no capitals, so mentions are gazetteer names found among the
//   words, longest first, kept when the text marks them as places ("مدينة سراقب",
//   "بلدة", "قرية", "ريف إدلب", "في ...") or when the name is unambiguous enough alone.
// * Casualties: a casualty noun before a singular or dual victim noun counts one or
//   two ("استشهاد مدني" -> killed 1, "مقتل طفلين" -> killed 2).
//
// Pure functions of their inputs; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "harmwatch/extract/actors.h"
#include "harmwatch/extract/casualties.h"
#include "harmwatch/extract/place_lookup.h"
#include "harmwatch/extract/places.h"
#include "harmwatch/geo/gazetteer.h"
#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {

// Splits proclitics and normalizes Arabic words of `tt` against the lexicon, the actor
// tables and the gazetteer. No-op for text without Arabic letters. With a nonzero
// `resources_id` (ExtractResources::id) each word's analysis is remembered per thread
// for the next reports: news repeats its words, and the analysis asks the gazetteer.
void PrepareArabicTokens(TokenizedText& tt, std::string_view text, const Lexicon& lexicon,
                         const ActorTable& actors, const Gazetteer& gazetteer,
                         uint64_t resources_id = 0);

// Place mentions written in Arabic in sentence `si`, appended to `out`. `blocked`
// marks the sentence's tokens that are actors, months or other non-place words.
void FindArabicPlaceMentions(const TokenizedText& tt, std::string_view text, const PlaceContext& ctx,
                             PlaceLookup& gaz, uint32_t si, const std::vector<uint8_t>& blocked,
                             std::vector<PlaceMention>& out);

// The perpetrator an Arabic sentence names right after its attack or weapon words
// (verb-subject order and the construct): "استهدفت طائرات النظام", "غارة جوية للطيران
// الحربي الروسي", "قصف مدفعي لقوات النظام". Null when there is none.
const ActorMention* ArabicSubject(const std::vector<Token>& tokens, uint32_t begin,
                                  const std::vector<ActorMention>& actors, const Lexicon& lexicon);

// Arabic casualty shapes the general rules miss, appended to `out` (tokens [begin, end)).
void FindArabicCasualties(const std::vector<Token>& tokens, uint32_t begin, uint32_t end,
                          const Lexicon& lexicon, std::vector<CasualtyFigure>& out);

}  // namespace harmwatch
