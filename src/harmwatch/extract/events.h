// Event assembly: from a report's annotations (triggers, weapons, sites, actors,
// places, dates, casualty figures) to events, one per place x day x sub-event type x
// perpetrator, with report-wide totals kept apart from per-place figures.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harmwatch/extract/actors.h"
#include "harmwatch/extract/places.h"
#include "harmwatch/geo/gazetteer.h"
#include "harmwatch/lexicon/dates.h"
#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/model/document.h"
#include "harmwatch/text/tokenize.h"

namespace harmwatch {

struct ExtractResources {
  const Lexicon* lexicon = nullptr;
  const ActorTable* actors = nullptr;
  const Gazetteer* gazetteer = nullptr;
  // Names these resources for as long as they live (Engine draws a new number for each
  // engine); stages may remember between reports what depends only on the resources.
  // 0: nothing is remembered.
  uint64_t id = 0;
};

// Runs annotation, geocoding and assembly on one document.
DocumentRecord ExtractEvents(const InputDocument& doc, const ExtractResources& res);

}  // namespace harmwatch
