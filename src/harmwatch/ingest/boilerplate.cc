// Boilerplate lines. Why whole lines, anchored, with a word limit: page cruft
// comes as short lines of its own ("Please enter your comment!", "Credit:
// (Social Media)"), while the same words inside prose are news ("Share prices
// fell"; "credit for the attack was claimed by ..."). Anchoring both ends and
// capping the length keeps the rules from ever eating a sentence of the report.
#include "harmwatch/ingest/boilerplate.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdlib>

namespace harmwatch {
namespace {

#include "harmwatch/ingest/boilerplate_data.inc"

// Rules without a max_words column apply to lines of at most this many words.
constexpr size_t kDefaultMaxWords = 12;
// No line longer than this many bytes is ever boilerplate (cookie banners
// included).
constexpr size_t kMaxBoilerplateLineBytes = 600;

bool IsSpaceAt(std::string_view s, size_t i, size_t *len) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n') {
    *len = 1;
    return true;
  }
  if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {  // U+00A0 no-break space
    *len = 2;
    return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  size_t len = 0;
  while (!s.empty() && IsSpaceAt(s, 0, &len)) s.remove_prefix(len);
  while (!s.empty()) {
    if (IsSpaceAt(s, s.size() - 1, &len)) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && IsSpaceAt(s, s.size() - 2, &len) && len == 2) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    if (IsSpaceAt(s, i, &len)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
    }
    i += len;
  }
  return words;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t pos = 0;
  while (true) {
    const size_t tab = line.find('\t', pos);
    cols.push_back(line.substr(pos, tab == std::string_view::npos ? line.npos : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return cols;
}

}  // namespace

// All rules in one RE2::Set: a line is scanned once, not once per rule.
struct BoilerplateRules::Compiled {
  explicit Compiled(const RE2::Options &options) : set(options, RE2::ANCHOR_BOTH) {}
  RE2::Set set;
  std::vector<size_t> max_words;  // per rule, in the order added
};

Result<BoilerplateRules> BoilerplateRules::FromTsv(const std::vector<Source> &sources) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_never_capture(true);
  auto rules = std::make_shared<Compiled>(options);
  for (const Source &source : sources) {
    size_t line_no = 0;
    size_t pos = 0;
    while (pos < source.tsv.size()) {
      const size_t nl = source.tsv.find('\n', pos);
      std::string_view line =
          source.tsv.substr(pos, nl == source.tsv.npos ? source.tsv.npos : nl - pos);
      pos = nl == source.tsv.npos ? source.tsv.size() : nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (Trim(line).empty() || line.front() == '#') continue;
      const std::string where = std::string(source.name) + ":" + std::to_string(line_no);
      auto cols = SplitTabs(line);
      size_t max_words = kDefaultMaxWords;
      if (cols.size() >= 2 && !Trim(cols[1]).empty()) {
        const std::string num(Trim(cols[1]));
        char *end = nullptr;
        const long v = std::strtol(num.c_str(), &end, 10);
        if (*end != '\0' || v <= 0) {
          return Err(Status::InvalidArgument(
              where + ": max_words must be a positive number, got '" + num + "'"));
        }
        max_words = static_cast<size_t>(v);
      }
      std::string error;
      if (rules->set.Add("(?:" + std::string(cols[0]) + ")", &error) < 0) {
        return Err(Status::InvalidArgument(where + ": bad pattern '" + std::string(cols[0]) +
                                           "': " + error));
      }
      rules->max_words.push_back(max_words);
    }
  }
  if (!rules->max_words.empty() && !rules->set.Compile())
    return Err(Status::Internal("boilerplate rules: the patterns are too large to compile together"));
  BoilerplateRules out;
  out.rules_ = std::move(rules);
  return out;
}

const BoilerplateRules &BoilerplateRules::Builtin() {
  // The embedded files are tested (ingest_test); a broken rule there is a
  // build-time bug, so falling back to "no rules" here keeps the library from
  // aborting.
  static const BoilerplateRules *const rules = [] {
    auto built = FromTsv({std::begin(kBuiltinBoilerplate), std::end(kBuiltinBoilerplate)});
    return built ? new BoilerplateRules(std::move(*built)) : new BoilerplateRules();
  }();
  return *rules;
}

size_t BoilerplateRules::size() const { return rules_ ? rules_->max_words.size() : 0; }

bool BoilerplateRules::IsBoilerplateLine(std::string_view line) const {
  if (size() == 0 || line.size() > kMaxBoilerplateLineBytes) return false;
  line = Trim(line);
  if (line.empty()) return false;
  std::vector<int> matched;
  if (!rules_->set.Match(re2::StringPiece(line.data(), line.size()), &matched)) return false;
  const size_t words = CountWords(line);
  for (int rule : matched)
    if (words <= rules_->max_words[static_cast<size_t>(rule)]) return true;
  return false;
}

bool StripBoilerplateLines(const BoilerplateRules &rules, std::string &text,
                           std::vector<uint32_t> &map) {
  std::vector<std::pair<size_t, size_t>> removed;  // [begin, end) byte ranges of text
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t nl = text.find('\n', pos);
    const size_t end = nl == std::string::npos ? text.size() : nl;
    if (rules.IsBoilerplateLine(std::string_view(text).substr(pos, end - pos))) {
      removed.emplace_back(pos, nl == std::string::npos ? end : nl + 1);
    }
    pos = end + 1;
  }
  if (removed.empty()) return false;

  const bool identity = map.empty();
  std::string out;
  std::vector<uint32_t> out_map;
  out.reserve(text.size());
  out_map.reserve(text.size() + 1);
  size_t next = 0;  // first byte not yet copied
  auto copy = [&](size_t from, size_t to) {
    out.append(text, from, to - from);
    for (size_t i = from; i < to; ++i)
      out_map.push_back(identity ? static_cast<uint32_t>(i) : map[i]);
  };
  for (auto [b, e] : removed) {
    copy(next, b);
    next = e;
  }
  copy(next, text.size());
  out_map.push_back(identity ? static_cast<uint32_t>(text.size()) : map.back());
  text = std::move(out);
  map = std::move(out_map);
  return true;
}

}  // namespace harmwatch
