// DocumentFromJsonRecord: one JSON Lines record -> InputDocument.
//
// simdjson's DOM parser validates the whole record (structure and UTF-8), so a
// broken line is reported even when the damage is in a field we would ignore.
// One parser per thread: its buffers are reused from record to record.
#include <simdjson.h>

#include <string>

#include "harmwatch/ingest/published_date.h"
#include "harmwatch/ingest/readers.h"

namespace harmwatch {
namespace {

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') return false;
  }
  return true;
}

struct Fields {
  std::optional<std::string> text, html;
  std::string id, title, source, url, published, language;
};

Status ReadString(std::string_view key, simdjson::dom::element value, std::string &out,
                  bool allow_number = false) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      out = std::string(value.get_string().value_unsafe());
      return Status::Ok();
    case simdjson::dom::element_type::NULL_VALUE:
      out.clear();  // null = absent
      return Status::Ok();
    case simdjson::dom::element_type::INT64:
      if (allow_number) {
        out = std::to_string(value.get_int64().value_unsafe());
        return Status::Ok();
      }
      break;
    case simdjson::dom::element_type::UINT64:
      if (allow_number) {
        out = std::to_string(value.get_uint64().value_unsafe());
        return Status::Ok();
      }
      break;
    default:
      break;
  }
  return Status::InvalidArgument("field '" + std::string(key) + "' must be a string" +
                                 (allow_number ? " or an integer" : ""));
}

Status ReadOptionalString(std::string_view key, simdjson::dom::element value,
                          std::optional<std::string> &out) {
  std::string s;
  HW_RETURN_IF_ERROR(ReadString(key, value, s));
  if (value.type() == simdjson::dom::element_type::NULL_VALUE) {
    out.reset();
  } else {
    out = std::move(s);
  }
  return Status::Ok();
}

}  // namespace

Result<InputDocument> DocumentFromJsonRecord(std::string_view line) {
  if (line.size() > kMaxDocumentBytes) {
    return Err(Status::InvalidArgument("record larger than the 64 MB limit"));
  }
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.parse(line.data(), line.size(), true).get(root)) {
    return Err(
        Status::InvalidArgument(std::string("invalid JSON: ") + simdjson::error_message(error)));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object)) {
    return Err(Status::InvalidArgument("record must be a JSON object"));
  }
  Fields f;
  for (simdjson::dom::key_value_pair field : object) {
    const std::string_view key = field.key;
    if (key == "text")
      HW_RETURN_IF_ERROR(ReadOptionalString(key, field.value, f.text));
    else if (key == "html")
      HW_RETURN_IF_ERROR(ReadOptionalString(key, field.value, f.html));
    else if (key == "id")
      HW_RETURN_IF_ERROR(ReadString(key, field.value, f.id, true));
    else if (key == "title")
      HW_RETURN_IF_ERROR(ReadString(key, field.value, f.title));
    else if (key == "source")
      HW_RETURN_IF_ERROR(ReadString(key, field.value, f.source));
    else if (key == "url")
      HW_RETURN_IF_ERROR(ReadString(key, field.value, f.url));
    else if (key == "published")
      HW_RETURN_IF_ERROR(ReadString(key, field.value, f.published));
    else if (key == "language")
      HW_RETURN_IF_ERROR(ReadString(key, field.value, f.language));
    // Unknown fields (gold events, scores, ...) are ignored.
  }
  if (!f.text && !f.html)
    return Err(Status::InvalidArgument("record has neither 'text' nor 'html'"));

  std::string published;
  if (!IsBlank(f.published)) {
    auto date = ingest::NormalizePublished(f.published);
    if (!date) {
      return Err(Status::InvalidArgument(
          "field 'published' must be a date YYYY-MM-DD or YYYY-MM, got '" + f.published + "'"));
    }
    published = *date;
  }

  // "text" wins when a record carries both: it is what the feed considers the
  // article.
  InputDocument doc =
      f.text ? DocumentFromText(std::move(*f.text)) : DocumentFromHtml(std::move(*f.html));
  if (IsBlank(doc.text)) return Err(Status::InvalidArgument("empty text"));
  doc.id = std::move(f.id);
  if (!f.title.empty()) doc.title = std::move(f.title);
  doc.source = std::move(f.source);
  doc.url = std::move(f.url);
  if (!published.empty()) doc.published = std::move(published);
  doc.language = std::move(f.language);
  return doc;
}

}  // namespace harmwatch
