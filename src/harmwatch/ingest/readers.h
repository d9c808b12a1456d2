// Reading reports from files, directories, JSON Lines and stdin into InputDocuments.
// Only the front ends call these (they do I/O); the pipeline stages never do.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/model/document.h"

namespace harmwatch {

struct ReadOptions {
  std::string published;  // --published, applied to plain files without their own date
};

// Receives each document in input order, or the Status of a record/file that could not
// be read or decoded ("feed.jsonl:12: invalid JSON: ..."); reading goes on after it.
using DocumentSink = std::function<void(Result<InputDocument>)>;

// Reads one input argument: a .txt/.html/.htm/.jsonl file, a directory (recursively,
// files in sorted path order, other extensions skipped), or "-" for stdin (JSON Lines
// when the first non-blank byte is '{', else text). Returns non-OK only when the input
// itself cannot be opened at all.
Status ReadInput(const std::string& path, const ReadOptions& options, const DocumentSink& sink);

// Decodes raw bytes to valid UTF-8: UTF-8 (BOM dropped), UTF-16 with BOM, or, when not
// valid UTF-8, windows-1252 via ICU. Binary junk (NUL bytes) is an error.
Result<std::string> DecodeToUtf8(std::string_view bytes);

// Builds a document from plain text: boilerplate lines stripped, offsets kept.
InputDocument DocumentFromText(std::string text);

// Builds a document from HTML: tags, scripts, styles, comments and navigation
// dropped, entities decoded, block elements become line breaks; text_to_original
// maps every text byte to its byte in the HTML. Title from <title> when none given.
InputDocument DocumentFromHtml(std::string html);

// Parses one JSON Lines record (fields: text or html, id, title, source, url,
// published, language). Errors name the problem; the caller adds file:line.
Result<InputDocument> DocumentFromJsonRecord(std::string_view line);

}  // namespace harmwatch
