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
};

// Runs annotation, geocoding and assembly on one document.
DocumentRecord ExtractEvents(const InputDocument& doc, const ExtractResources& res);

}  // namespace harmwatch
