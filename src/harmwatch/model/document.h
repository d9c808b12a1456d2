// The records the engine produces: one DocumentRecord per input report, holding
// its events (EVENTS.md), totals and the evidence for every field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harmwatch/base/text_span.h"

namespace harmwatch {

// A report as read from disk or stdin, before extraction.
struct InputDocument {
  std::string id;         // record id, else the file stem
  std::string origin;     // where it came from, for messages: "dir/a.html", "feed.jsonl:12"
  std::string title;
  std::string source;
  std::string url;
  std::string published;  // "YYYY-MM-DD", "YYYY-MM" or empty
  std::string language;   // "en", "ar" or empty (= detect)
  std::string original;   // the bytes as given (HTML source for HTML input), valid UTF-8
  std::string text;       // plain text the engine reads (== original for text input)
  // text_to_original[i] = byte offset in `original` of text byte i; one extra entry
  // at the end for text.size(). Empty means identity (text == original).
  std::vector<uint32_t> text_to_original;

  // Maps a span of `text` to the matching span of `original`.
  TextSpan ToOriginal(TextSpan s) const {
    if (text_to_original.empty()) return s;
    auto at = [&](uint32_t i) {
      return text_to_original[i < text_to_original.size() ? i : text_to_original.size() - 1];
    };
    return {at(s.begin), s.end > 0 ? at(s.end - 1) + 1 : at(0)};
  }
};

// A value and the text span that supports it (span is in InputDocument::text).
template <typename T>
struct Evidenced {
  T value{};
  TextSpan span;
};

struct Location {
  std::string name;         // gazetteer name (or the mention when unresolved)
  std::string mention;      // as written in the text
  std::optional<double> lat, lon;
  std::string admin1, admin2;
  std::string country;      // ISO 3166-1 alpha-2
  std::optional<int64_t> geonameid;
  std::string pcode;        // OCHA P-code when resolved through an OCHA layer
  int geo_precision = 3;    // 1 town, 2 near a town / district, 3 region only
  std::string sublocation;  // camp, neighbourhood or facility named inside the place
  std::string resolution;   // why this candidate was chosen (reviewable)
  TextSpan span;            // the mention
};

struct Victim {
  std::string name;
  std::optional<int> age;
  std::string outcome;  // "killed", "injured", "abducted"
  TextSpan span;
};

struct Event {
  Location location;
  std::optional<std::string> date;  // ISO day, or nullopt when it cannot be derived
  int date_precision = 3;           // 1 day, 2 a few days, 3 month or unknown
  TextSpan date_span;
  std::string event_type;
  std::string sub_event_type;
  TextSpan type_span;               // the attack words
  Evidenced<std::string> actor1, actor2;
  std::vector<std::string> assoc_actor1;  // allies named as joint perpetrators
  bool civilian_targeting = false;
  TextSpan civilian_span;
  std::vector<Evidenced<std::string>> weapons;
  std::vector<Evidenced<std::string>> sites;
  std::optional<Evidenced<int>> killed, injured, killed_children, killed_women;
  std::vector<Victim> victims;
  std::vector<Evidenced<std::string>> source_claims;
  double confidence = 0.0;  // 0..1, how sure the rules are this is a real event
};

struct Totals {
  std::optional<Evidenced<int>> killed, injured;
};

struct DocumentRecord {
  const InputDocument* input = nullptr;  // not owned; outlives the record
  std::string language;                  // detected or given
  std::optional<std::string> published;  // resolved publication date, if any
  std::vector<Event> events;
  Totals totals;
  std::vector<std::string> diagnostics;  // "no event found", "place X unresolved"
};

}  // namespace harmwatch
