// DocumentFromText and DocumentFromHtml: the two ways a report's bytes (already
// valid UTF-8) become an InputDocument whose text points back into its
// original.
#include "harmwatch/ingest/boilerplate.h"
#include "harmwatch/ingest/html_to_text.h"
#include "harmwatch/ingest/readers.h"

namespace harmwatch {

InputDocument DocumentFromText(std::string text) {
  InputDocument doc;
  doc.text = text;
  doc.original = std::move(text);
  // The map stays empty (identity) unless a boilerplate line was removed.
  StripBoilerplateLines(BoilerplateRules::Builtin(), doc.text, doc.text_to_original);
  return doc;
}

InputDocument DocumentFromHtml(std::string html) {
  ingest::HtmlText scanned = ingest::HtmlToText(html);
  InputDocument doc;
  doc.title = std::move(scanned.title);
  doc.published = std::move(scanned.published);
  doc.text = std::move(scanned.text);
  doc.text_to_original = std::move(scanned.map);
  doc.original = std::move(html);
  StripBoilerplateLines(BoilerplateRules::Builtin(), doc.text, doc.text_to_original);
  return doc;
}

}  // namespace harmwatch
