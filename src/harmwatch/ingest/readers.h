// Reading reports from files, directories, JSON Lines and stdin into
// InputDocuments. Only the front ends call these (they do I/O); the pipeline
// stages never do.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "harmwatch/base/status.h"
#include "harmwatch/model/document.h"

namespace harmwatch {

struct ReadOptions {
  std::string published;  // --published, applied to plain files without their own date
};

// Receives each document in input order, or the Status of a record/file that
// could not be read or decoded ("feed.jsonl:12: invalid JSON: ..."); reading
// goes on after it.
using DocumentSink = std::function<void(Result<InputDocument>)>;

// Reads one input argument: a .txt/.text/.md, .html/.htm/.xhtml or
// .jsonl/.ndjson file, a .json file (JSON Lines, or one pretty-printed record),
// another file (sniffed like stdin), a directory (recursively, files in sorted
// path order; hidden entries, .json and other extensions skipped; symlink loops
// read once), or "-" for stdin (see ReadStream). Ids: the file stem, or for
// JSON Lines the record's "id", else "<stem>-<line>". ReadOptions::published
// fills documents that have no date of their own. Returns non-OK (NotFound,
// IoError) only when the input itself cannot be opened at all; everything else
// goes to the sink and reading goes on.
Status ReadInput(const std::string &path, const ReadOptions &options, const DocumentSink &sink);

// Reads an already-open stream as ReadInput reads stdin: JSON Lines when the
// first non-blank byte is '{', HTML when it is '<', else text. `name` ("-" for
// stdin) names the documents and prefixes errors. Always OK; problems go to the
// sink.
Status ReadStream(std::istream &in, const std::string &name, const ReadOptions &options,
                  const DocumentSink &sink);

// Decodes raw bytes to valid UTF-8: UTF-8 (BOM dropped), UTF-16 with BOM, or,
// when not valid UTF-8, windows-1252 via ICU. Binary junk (NUL bytes) is an
// error. Errors (InvalidArgument): "empty", "binary data, not text (...)".
Result<std::string> DecodeToUtf8(std::string_view bytes);

// DecodeToUtf8 plus the encoding that was used: "UTF-8", "UTF-16LE", "UTF-16BE"
// or "windows-1252" (the fallback, worth a note to the user).
struct DecodedText {
  std::string text;
  const char *encoding = "UTF-8";  // static string
};
Result<DecodedText> DecodeText(std::string_view bytes);

// Documents larger than this (64 MB) are refused by ReadInput, one record or
// file each.
inline constexpr size_t kMaxDocumentBytes = size_t{64} << 20;

// Builds a document from plain text: boilerplate lines stripped, offsets kept.
InputDocument DocumentFromText(std::string text);

// Builds a document from HTML: tags, scripts, styles, comments and navigation
// dropped, entities decoded, block elements become line breaks;
// text_to_original maps every text byte to its byte in the HTML. Title from
// <title> when none given.
InputDocument DocumentFromHtml(std::string html);

// Parses one JSON Lines record (fields: text or html, id, title, source, url,
// published, language). Errors name the problem; the caller adds file:line.
Result<InputDocument> DocumentFromJsonRecord(std::string_view line);

}  // namespace harmwatch
