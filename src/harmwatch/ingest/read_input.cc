// ReadInput: the front ends' way in. Files, directories, JSON Lines and stdin
// become InputDocuments handed to a sink one at a time; a bad record or file
// becomes an error handed to the same sink, named "feed.jsonl:3: ..." or
// "dir/a.html: ...", and reading goes on. Only an input that cannot be opened
// at all fails the call.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "harmwatch/ingest/line_reader.h"
#include "harmwatch/ingest/readers.h"

namespace harmwatch {
namespace {

namespace fs = std::filesystem;

enum class Format { kText, kHtml, kJsonl, kJson, kSniff };

// Bytes looked at to decide what stdin (or a file without a known extension)
// holds.
constexpr size_t kSniffBytes = 64 * 1024;

std::string LowerAscii(std::string s) {
  for (char &c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// nullopt: not an input file (skipped inside directories).
std::optional<Format> FormatOf(const fs::path &path) {
  const std::string ext = LowerAscii(path.extension().string());
  if (ext == ".txt" || ext == ".text" || ext == ".md") return Format::kText;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Format::kHtml;
  if (ext == ".jsonl" || ext == ".ndjson") return Format::kJsonl;
  return std::nullopt;
}

// A .json file named explicitly is JSON Lines when its first non-blank line is
// a whole object ("{...}"), else one pretty-printed record. Directory walks
// skip .json files: next to reports they are usually answers or metadata
// (corpus/dev/en/*.json).
Format JsonFormat(std::string_view head) {
  size_t pos = 0;
  while (pos < head.size()) {
    size_t nl = head.find('\n', pos);
    if (nl == std::string_view::npos) nl = head.size();
    std::string_view line = head.substr(pos, nl - pos);
    while (!line.empty() && std::string_view(" \t\r\f").find(line.back()) != line.npos) {
      line.remove_suffix(1);
    }
    while (!line.empty() && std::string_view(" \t\f\xEF\xBB\xBF").find(line.front()) != line.npos) {
      line.remove_prefix(1);
    }
    if (!line.empty())
      return line.front() == '{' && line.back() == '}' ? Format::kJsonl : Format::kJson;
    pos = nl + 1;
  }
  return Format::kJsonl;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  });
}

// '{' -> JSON Lines, '<' -> HTML, else text; judged on the first non-blank byte
// (after a UTF-8 BOM).
Format Sniff(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  for (char c : head) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') continue;
    if (c == '{') return Format::kJsonl;
    if (c == '<') return Format::kHtml;
    return Format::kText;
  }
  return Format::kText;
}

class Reader {
 public:
  Reader(const ReadOptions &options, const DocumentSink &sink) : options_(options), sink_(sink) {}

  // One whole document from `bytes`.
  void Document(std::string_view bytes, Format format, const std::string &name,
                const std::string &stem) {
    auto decoded = DecodeToUtf8(bytes);
    if (!decoded) return Fail(decoded.error().WithContext(name));
    InputDocument doc = format == Format::kHtml ? DocumentFromHtml(std::move(*decoded))
                                                : DocumentFromText(std::move(*decoded));
    if (IsBlank(doc.text)) return Fail(Status::InvalidArgument(name + ": empty text"));
    doc.id = stem;
    doc.origin = name;
    if (doc.published.empty()) doc.published = options_.published;
    sink_(std::move(doc));
  }

  // A whole file holding one (pretty-printed) JSON record.
  void JsonDocument(std::string_view bytes, const std::string &name, const std::string &stem) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    auto doc = DocumentFromJsonRecord(bytes);
    if (!doc) return Fail(doc.error().WithContext(name));
    doc->origin = name;
    if (doc->id.empty()) doc->id = stem;
    if (doc->published.empty()) doc->published = options_.published;
    sink_(std::move(*doc));
  }

  // Records of a JSON Lines stream; `initial` holds bytes already read from
  // `in`.
  void Jsonl(std::istream &in, const std::string &name, const std::string &stem,
             std::string initial = {}) {
    ingest::LineReader lines(in, kMaxDocumentBytes, std::move(initial));
    std::string line;
    bool too_long = false;
    size_t line_no = 0;
    while (lines.Next(line, too_long)) {
      ++line_no;
      const std::string where = name + ":" + std::to_string(line_no);
      if (line_no == 1) {
        if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (line.rfind("\xFF\xFE", 0) == 0 || line.rfind("\xFE\xFF", 0) == 0) {
          return Fail(Status::Unsupported(name + ": UTF-16 JSON Lines are not supported; "
                                                 "convert the file to UTF-8"));
        }
      }
      if (too_long) {
        Fail(Status::InvalidArgument(where + ": record larger than the 64 MB limit"));
        continue;
      }
      if (IsBlank(line)) continue;
      auto doc = DocumentFromJsonRecord(line);
      if (!doc) {
        Fail(doc.error().WithContext(where));
        continue;
      }
      doc->origin = where;
      if (doc->id.empty()) doc->id = stem + "-" + std::to_string(line_no);
      if (doc->published.empty()) doc->published = options_.published;
      sink_(std::move(*doc));
    }
    if (lines.failed()) Fail(Status::IoError(name + ": read error"));
  }

  // A file named on the command line or found in a directory. Non-OK only when
  // it cannot be opened.
  Status File(const fs::path &path, Format format) {
    const std::string name = path.generic_string();
    const std::string stem = path.stem().string();
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IoError(name + ": cannot open file");
    if (format == Format::kSniff || format == Format::kJson) {
      std::string head(kSniffBytes, '\0');
      in.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<size_t>(in.gcount()));
      format = format == Format::kJson ? JsonFormat(head) : Sniff(head);
      in.clear();
      in.seekg(0);
    }
    if (format == Format::kJsonl) {
      Jsonl(in, name, stem);
      return Status::Ok();
    }
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxDocumentBytes) {
      Fail(Status::InvalidArgument(name + ": file larger than the 64 MB limit for one document"));
      return Status::Ok();
    }
    std::string bytes;
    if (!ReadAtMost(in, kMaxDocumentBytes + 1, bytes)) {
      Fail(Status::IoError(name + ": read error"));
    } else if (bytes.size() > kMaxDocumentBytes) {
      Fail(Status::InvalidArgument(name + ": file larger than the 64 MB limit for one document"));
    } else if (bytes.empty()) {
      Fail(Status::InvalidArgument(name + ": empty"));
    } else if (format == Format::kJson) {
      JsonDocument(bytes, name, stem);
    } else {
      Document(bytes, format, name, stem);
    }
    return Status::Ok();
  }

  // Input files under `dir`, recursively, in sorted path order. Hidden entries
  // (".git") are skipped; a directory reached twice (a symlink loop) is read
  // once.
  void Directory(const fs::path &dir) {
    std::vector<fs::path> files;
    std::set<fs::path> visited;
    Collect(dir, visited, files);
    std::sort(files.begin(), files.end(), [](const fs::path &a, const fs::path &b) {
      return a.generic_string() < b.generic_string();
    });
    for (const fs::path &file : files) {
      Status s = File(file, *FormatOf(file));
      if (!s.ok()) Fail(s);
    }
  }

  void Stream(std::istream &in, const std::string &name, const std::string &stem) {
    std::string head(kSniffBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    const Format format = Sniff(head);
    if (format == Format::kJsonl) return Jsonl(in, name, stem, std::move(head));
    std::string bytes = std::move(head);
    if (!ReadAtMost(in, kMaxDocumentBytes + 1 - std::min(bytes.size(), kMaxDocumentBytes), bytes)) {
      return Fail(Status::IoError(name + ": read error"));
    }
    if (bytes.size() > kMaxDocumentBytes) {
      return Fail(
          Status::InvalidArgument(name + ": input larger than the 64 MB limit for one document"));
    }
    if (bytes.empty()) return Fail(Status::InvalidArgument(name + ": empty"));
    Document(bytes, format, name, stem);
  }

 private:
  void Fail(Status s) { sink_(Err(std::move(s))); }

  // Appends up to `limit` bytes of `in` to `out`; false on a read error.
  static bool ReadAtMost(std::istream &in, size_t limit, std::string &out) {
    constexpr size_t kChunk = size_t{1} << 20;
    while (limit > 0 && in) {
      const size_t want = std::min(limit, kChunk);
      const size_t old = out.size();
      out.resize(old + want);
      in.read(out.data() + old, static_cast<std::streamsize>(want));
      const auto got = static_cast<size_t>(in.gcount());
      out.resize(old + got);
      limit -= got;
      if (got < want) break;
    }
    return !in.bad();
  }

  void Collect(const fs::path &dir, std::set<fs::path> &visited, std::vector<fs::path> &files) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (ec) return Fail(Status::IoError(dir.generic_string() + ": " + ec.message()));
    if (!visited.insert(canonical).second) return;
    fs::directory_iterator it(dir, ec);
    if (ec) return Fail(Status::IoError(dir.generic_string() + ": " + ec.message()));
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      const fs::path &path = it->path();
      if (path.filename().string().rfind('.', 0) == 0) continue;
      std::error_code type_ec;
      if (it->is_directory(type_ec)) {
        Collect(path, visited, files);
      } else if (it->is_regular_file(type_ec) && FormatOf(path)) {
        files.push_back(path);
      }
    }
    if (ec) Fail(Status::IoError(dir.generic_string() + ": " + ec.message()));
  }

  const ReadOptions &options_;
  const DocumentSink &sink_;
};

}  // namespace

Status ReadStream(std::istream &in, const std::string &name, const ReadOptions &options,
                  const DocumentSink &sink) {
  Reader(options, sink).Stream(in, name, name == "-" ? "stdin" : fs::path(name).stem().string());
  return Status::Ok();
}

Status ReadInput(const std::string &path, const ReadOptions &options, const DocumentSink &sink) {
  if (path == "-") return ReadStream(std::cin, "-", options, sink);
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return Status::NotFound(path + ": no such file or directory");
  }
  Reader reader(options, sink);
  if (fs::is_directory(status)) {
    fs::directory_iterator probe(path, ec);
    if (ec) return Status::IoError(path + ": " + ec.message());
    reader.Directory(path);
    return Status::Ok();
  }
  const auto format = FormatOf(path);
  if (!format && LowerAscii(fs::path(path).extension().string()) == ".json") {
    return reader.File(path, Format::kJson);
  }
  return reader.File(path, format ? *format : Format::kSniff);
}

}  // namespace harmwatch
