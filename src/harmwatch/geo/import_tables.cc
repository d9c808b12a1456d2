// Side tables for the importers (admin names, countries, the admin1 crosswalk) and the
// UTF-8 checks every importer applies to names.
#include <simdjson.h>

#include <fstream>
#include <sstream>
#include <string>

#include "harmwatch/geo/builtin_data.h"
#include "harmwatch/geo/gazetteer_build.h"
#include "harmwatch/geo/import_util.h"

namespace harmwatch {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if it is invalid (overlong forms,
// surrogates and code points above U+10FFFF are invalid).
size_t ValidSequenceLength(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  size_t n = s.size() - i;
  auto cont = [&](size_t k) { return k < n && (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;
    if (c == 0xED && b(1) >= 0xA0) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;
    if (c == 0xF4 && b(1) >= 0x90) return 0;
    return 4;
  }
  return 0;
}

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> SplitNames(std::string_view s) {
  std::vector<std::string> out;
  if (Trim(s).empty()) return out;
  for (auto& n : SplitOn(s, '|')) {
    std::string t = Trim(n);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

// Calls fn(line_number, fields) for each non-empty, non-comment line.
template <typename Fn>
Status ForEachTsvLine(std::string_view content, const std::string& name, Fn&& fn) {
  if (!IsValidUtf8(content)) return Status::InvalidArgument(name + ": not valid UTF-8");
  size_t line_no = 0;
  for (const std::string& line : SplitOn(content, '\n')) {
    ++line_no;
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    HW_RETURN_IF_ERROR(fn(line_no, SplitOn(t, '\t')));
  }
  return Status::Ok();
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = ValidSequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

size_t RepairUtf8(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  size_t replaced = 0;
  for (size_t i = 0; i < in.size();) {
    size_t n = ValidSequenceLength(in, i);
    if (n == 0) {
      out->append("\xEF\xBF\xBD");
      ++replaced;
      ++i;
      // One replacement per broken sequence: skip its stray continuation bytes.
      while (i < in.size() && (static_cast<unsigned char>(in[i]) & 0xC0) == 0x80) ++i;
      continue;
    }
    out->append(in.substr(i, n));
    i += n;
  }
  return replaced;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err(Status::NotFound(path + ": cannot open"));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Err(Status::IoError(path + ": read failed"));
  return ss.str();
}

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Result<std::vector<CrosswalkRow>> LoadCrosswalk(const std::string& path) {
  std::string content;
  std::string name = path.empty() ? "admin1-crosswalk.tsv (built in)" : path;
  if (path.empty()) {
    content = std::string(BuiltinCrosswalkTsv());
  } else {
    auto r = ReadWholeFile(path);
    if (!r) return Err(r.error());
    content = std::move(*r);
  }
  std::vector<CrosswalkRow> rows;
  Status s = ForEachTsvLine(content, name, [&](size_t line, const std::vector<std::string>& f) {
    if (f.size() < 5) {
      return Status::InvalidArgument(name + ":" + std::to_string(line) +
                                     ": expected at least 5 tab-separated columns");
    }
    if (f[0] == "country") return Status::Ok();  // header
    CrosswalkRow row{Trim(f[0]), Trim(f[1]), Trim(f[2]), Trim(f[3]), Trim(f[4]), {}};
    if (f.size() > 5) row.other_names = SplitNames(f[5]);
    rows.push_back(std::move(row));
    return Status::Ok();
  });
  if (!s.ok()) return Err(s);
  return rows;
}

Result<std::map<std::string, CountryRow>> LoadCountries(const std::string& path) {
  std::string content;
  std::string name = path.empty() ? "countries.tsv (built in)" : path;
  if (path.empty()) {
    content = std::string(BuiltinCountriesTsv());
  } else {
    auto r = ReadWholeFile(path);
    if (!r) return Err(r.error());
    content = std::move(*r);
  }
  std::map<std::string, CountryRow> rows;
  Status s = ForEachTsvLine(content, name, [&](size_t line, const std::vector<std::string>& f) {
    if (f.size() < 2 || Trim(f[0]).size() != 2) {
      return Status::InvalidArgument(name + ":" + std::to_string(line) +
                                     ": expected iso2<TAB>name[<TAB>other|names]");
    }
    CountryRow row{Trim(f[0]), Trim(f[1]), {}};
    if (f.size() > 2) row.other_names = SplitNames(f[2]);
    rows[row.iso2] = std::move(row);
    return Status::Ok();
  });
  if (!s.ok()) return Err(s);
  return rows;
}

std::string BareAdminName(const std::string& name) {
  static constexpr std::string_view kTypeWords[] = {
      " Autonomous District", " Regional Corporation", " Governorate", " Department",
      " Prefecture",          " Province",             " Division",    " District",
      " County",              " Parish",               " Region",      " Oblast",
      " State"};
  for (std::string_view w : kTypeWords)
    if (name.size() > w.size() && name.ends_with(w)) return name.substr(0, name.size() - w.size());
  return name;
}

Result<std::unordered_map<std::string, std::string>> LoadAdminTable(const std::string& path) {
  auto content = ReadWholeFile(path);
  if (!content) return Err(content.error());
  std::unordered_map<std::string, std::string> table;
  size_t first = content->find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return Err(Status::InvalidArgument(path + ": empty admin table"));
  if ((*content)[first] == '[') {
    simdjson::dom::parser parser;
    simdjson::padded_string padded(*content);
    simdjson::dom::element doc;
    if (auto err = parser.parse(padded).get(doc); err) {
      return Err(
          Status::InvalidArgument(path + ": not valid JSON: " + simdjson::error_message(err)));
    }
    simdjson::dom::array arr;
    if (doc.get_array().get(arr)) {
      return Err(Status::InvalidArgument(path + ": expected a JSON array of {code, name}"));
    }
    size_t i = 0;
    for (simdjson::dom::element e : arr) {
      std::string_view code, nm;
      if (e["code"].get_string().get(code) || e["name"].get_string().get(nm)) {
        return Err(Status::InvalidArgument(path + ": entry " + std::to_string(i) +
                                           ": expected {\"code\": string, \"name\": string}"));
      }
      table.emplace(std::string(code), std::string(nm));
      ++i;
    }
  } else {
    Status s = ForEachTsvLine(*content, path, [&](size_t line, const std::vector<std::string>& f) {
      if (f.size() < 2) {
        return Status::InvalidArgument(path + ":" + std::to_string(line) +
                                       ": expected code<TAB>name<TAB>asciiname<TAB>geonameid");
      }
      table.emplace(f[0], f[1]);
      return Status::Ok();
    });
    if (!s.ok()) return Err(s);
  }
  if (table.empty()) return Err(Status::InvalidArgument(path + ": no admin codes"));
  return table;
}

}  // namespace harmwatch
