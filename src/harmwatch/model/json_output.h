// Serializes DocumentRecords: the JSON Lines contract of `harmwatch extract`
// (EVENTS.md field names, location as an object, evidence as byte spans into the
// original input with snippets), plus human-readable "pretty" and "table" forms.
// Output is a pure function of the record: same input, same bytes.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "harmwatch/model/document.h"

namespace harmwatch {

// The record as an ordered JSON object (keys in a fixed order).
nlohmann::ordered_json ToJson(const DocumentRecord& record);
// One line, no trailing newline.
std::string ToJsonLine(const DocumentRecord& record);
// Indented JSON followed by a newline.
std::string ToPrettyJson(const DocumentRecord& record);
// A short human summary: one line per event, then totals.
std::string ToTable(const DocumentRecord& record);

}  // namespace harmwatch
