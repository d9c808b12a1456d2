#include "harmwatch/lexicon/lexicon.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harmwatch/text/arabic.h"
#include "harmwatch/text/fold.h"

namespace harmwatch {
namespace {

std::vector<std::string_view> SplitWords(std::string_view folded) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < folded.size()) {
    size_t j = folded.find(' ', i);
    if (j == std::string_view::npos) j = folded.size();
    if (j > i) words.push_back(folded.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

uint64_t Lexicon::HashWord(std::string_view w) {
  w = WithoutArabicArticle(w);          // "القصف" and "قصف" are one word here
  uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : w) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

uint64_t Lexicon::Combine(uint64_t h, uint64_t w) {
  return (h ^ (w + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2))) * 0xff51afd7ed558ccdULL;
}

Status Lexicon::AddTsv(std::string_view tsv, const std::string& name) {
  size_t line_no = 0;
  size_t pos = 0;
  while (pos <= tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (Trim(line).empty() || Trim(line).front() == '#') {
      if (nl == tsv.size()) break;
      continue;
    }
    std::vector<std::string_view> cols;
    size_t c = 0;
    while (true) {
      size_t tab = line.find('\t', c);
      cols.push_back(Trim(line.substr(c, tab == std::string_view::npos ? line.npos : tab - c)));
      if (tab == std::string_view::npos) break;
      c = tab + 1;
    }
    auto where = name + ":" + std::to_string(line_no);
    if (cols.size() < 3 || cols[0].empty() || cols[1].empty())
      return Status::InvalidArgument(where + ": expected phrase<TAB>category<TAB>value");
    std::string folded = FoldForMatch(cols[0]);
    auto words = SplitWords(folded);
    if (words.empty()) return Status::InvalidArgument(where + ": phrase has no letters or digits");
    auto entry = std::make_unique<LexEntry>();
    entry->category = std::string(cols[1]);
    entry->value = std::string(cols[2]);
    int64_t number = 0;
    auto [ptr, ec] = std::from_chars(cols[2].data(), cols[2].data() + cols[2].size(), number);
    if (ec == std::errc() && ptr == cols[2].data() + cols[2].size()) entry->number = number;
    if (cols.size() > 3 && !cols[3].empty()) {
      std::string_view attrs = cols[3];
      size_t a = 0;
      while (a <= attrs.size()) {
        size_t comma = attrs.find(',', a);
        if (comma == std::string_view::npos) comma = attrs.size();
        std::string_view kv = Trim(attrs.substr(a, comma - a));
        if (!kv.empty()) {
          size_t eq = kv.find('=');
          if (eq == std::string_view::npos) entry->attrs[std::string(kv)] = "1";
          else entry->attrs[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
        }
        a = comma + 1;
      }
    }
    uint64_t h = 0;
    for (size_t k = 0; k < words.size(); ++k) h = Combine(h, HashWord(words[k]));
    std::string compared;  // the phrase as HashWord sees it
    for (auto w : words) compared += std::string(WithoutArabicArticle(w)) + " ";
    auto [text_it, inserted] = phrase_text_.emplace(h, compared);
    if (!inserted && text_it->second != compared)
      return Status::Internal(where + ": hash collision between '" + folded + "' and '" +
                              text_it->second + "'");
    phrases_[h].push_back(entry.get());
    uint32_t& max_len = first_words_[HashWord(words[0])];
    max_len = std::max<uint32_t>(max_len, static_cast<uint32_t>(words.size()));
    for (auto w : words) words_.insert(HashWord(w));
    entries_.push_back(std::move(entry));
    if (nl == tsv.size()) break;
  }
  return Status::Ok();
}

Status Lexicon::AddDirectory(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::directory_iterator(dir, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".tsv") files.push_back(it->path());
  }
  if (ec) return Status::NotFound(dir + ": cannot read lexicon folder: " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::IoError(f.string() + ": cannot open");
    std::stringstream buf;
    buf << in.rdbuf();
    HW_RETURN_IF_ERROR(AddTsv(buf.str(), f.string()));
  }
  return Status::Ok();
}

namespace {
thread_local Lexicon::ScopedCache* active_cache = nullptr;
}  // namespace

Lexicon::ScopedCache::ScopedCache(const Lexicon& lexicon, const std::vector<Token>& tokens)
    : lexicon_(&lexicon), tokens_(&tokens), done_(tokens.size(), 0), phrases_(tokens.size()),
      previous_(active_cache) {
  active_cache = this;
}

Lexicon::ScopedCache::~ScopedCache() { active_cache = previous_; }

const std::vector<std::pair<uint32_t, const std::vector<const LexEntry*>*>>* Lexicon::Cached(
    const std::vector<Token>& tokens, uint32_t i) const {
  for (ScopedCache* c = active_cache; c; c = c->previous_) {
    if (c->lexicon_ != this || c->tokens_ != &tokens) continue;
    if (i >= c->done_.size()) return nullptr;
    if (!c->done_[i]) {
      // Phrases are computed to the end of the text; callers bound them by `end`.
      PhrasesAt(tokens, i, static_cast<uint32_t>(tokens.size()), c->phrases_[i]);
      c->done_[i] = 1;
    }
    return &c->phrases_[i];
  }
  return nullptr;
}

void Lexicon::PhrasesAt(
    const std::vector<Token>& tokens, uint32_t i, uint32_t end,
    std::vector<std::pair<uint32_t, const std::vector<const LexEntry*>*>>& out) const {
  out.clear();
  if (i >= end || !tokens[i].is_word) return;
  uint64_t first = HashWord(tokens[i].norm);
  auto fw = first_words_.find(first);
  if (fw == first_words_.end()) return;
  uint64_t h = 0;
  for (uint32_t k = 0; k < fw->second && i + k < end; ++k) {
    const Token& t = tokens[i + k];
    if (!t.is_word) break;
    h = Combine(h, k == 0 ? first : HashWord(t.norm));
    auto it = phrases_.find(h);
    if (it != phrases_.end()) out.emplace_back(k + 1, &it->second);
  }
}

const LexEntry* Lexicon::LongestOf(const std::vector<Token>& tokens, uint32_t i, uint32_t end,
                                   std::string_view category, uint32_t* length) const {
  thread_local std::vector<std::pair<uint32_t, const std::vector<const LexEntry*>*>> scratch;
  const auto* cached = Cached(tokens, i);
  if (!cached) PhrasesAt(tokens, i, end, scratch);
  const auto& found = cached ? *cached : scratch;
  for (auto it = found.rbegin(); it != found.rend(); ++it) {
    if (i + it->first > end) continue;
    for (const LexEntry* e : *it->second) {
      if (e->category == category) {
        *length = it->first;
        return e;
      }
    }
  }
  return nullptr;
}

std::vector<LexMatch> Lexicon::Match(const std::vector<Token>& tokens, uint32_t begin,
                                     uint32_t end) const {
  std::vector<LexMatch> out;
  std::vector<std::pair<uint32_t, const std::vector<const LexEntry*>*>> found;
  std::vector<std::string_view> seen;
  for (uint32_t i = begin; i < end; ++i) {
    const auto* cached = Cached(tokens, i);
    if (!cached) PhrasesAt(tokens, i, end, found);
    const auto& here = cached ? *cached : found;
    seen.clear();
    // Longest first; a category already matched by a longer phrase is skipped.
    for (auto it = here.rbegin(); it != here.rend(); ++it) {
      if (i + it->first > end) continue;
      std::vector<std::string_view> added;
      for (const LexEntry* e : *it->second) {
        if (std::find(seen.begin(), seen.end(), e->category) != seen.end()) continue;
        out.push_back({i, i + it->first, e});
        added.push_back(e->category);
      }
      seen.insert(seen.end(), added.begin(), added.end());
    }
  }
  return out;
}

std::vector<const LexEntry*> Lexicon::Lookup(std::string_view phrase) const {
  std::string folded = FoldForMatch(phrase);  // the words below point into it
  auto words = SplitWords(folded);
  uint64_t h = 0;
  for (auto w : words) h = Combine(h, HashWord(w));
  auto it = phrases_.find(h);
  if (it == phrases_.end()) return {};
  return it->second;
}

}  // namespace harmwatch
