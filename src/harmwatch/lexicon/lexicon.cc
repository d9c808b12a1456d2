#include "harmwatch/lexicon/lexicon.h"

#include <algorithm>
#include <atomic>
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

// "القصف" and "قصف" are one word here (WordHash leaves out an Arabic article).
uint64_t Lexicon::HashWord(std::string_view w) { return WordHash(w); }

uint64_t Lexicon::Combine(uint64_t h, uint64_t w) {
  return (h ^ (w + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2))) * 0xff51afd7ed558ccdULL;
}

Status Lexicon::AddTsv(std::string_view tsv, const std::string& name) {
  Status status = AddTsvLines(tsv, name);
  RebuildFlat();  // also after an error: what was added stays consistent
  return status;
}

void Lexicon::RebuildFlat() {
  std::unordered_map<uint64_t, Step> steps;
  for (const auto& [h, entries] : phrases_) {
    Step& step = steps[h];
    step.entries = &entries;
    for (const LexEntry* e : entries) step.categories |= e->category_bit;
  }
  for (uint64_t h : open_prefixes_) steps[h].continues = true;
  steps_flat_.Build(steps, [](const Step& step) { return step; });
  std::unordered_map<uint64_t, uint8_t> words;
  for (uint64_t w : words_) words.emplace(w, 1);
  words_flat_.Build(words, [](uint8_t b) { return b; });
}

Status Lexicon::AddTsvLines(std::string_view tsv, const std::string& name) {
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
    entry->category_hash = LexCategory::Hash(entry->category);
    auto known = std::find(category_names_.begin(), category_names_.end(), entry->category);
    if (known == category_names_.end()) {
      if (category_names_.size() >= 200)
        return Status::InvalidArgument(where + ": more than 200 categories");
      for (const auto& other : category_names_)
        if (LexCategory::Hash(other) == entry->category_hash)
          return Status::Internal(where + ": category hash collision between '" + other +
                                  "' and '" + entry->category + "'");
      category_names_.push_back(entry->category);
      // A named category has its fixed bit; others take the next free one, and past the
      // 63rd share the last.
      uint64_t bit = LexCategory(entry->category).named_bit();
      if (bit == 0) {
        size_t id = LexCategory::kNamedBits + unnamed_categories_++;
        bit = uint64_t{1} << (id < 63 ? id : 63);
      }
      size_t slot = entry->category_hash & (category_slots_.size() - 1);
      while (category_slots_[slot].hash != 0) slot = (slot + 1) & (category_slots_.size() - 1);
      category_slots_[slot] = {entry->category_hash, bit};
    }
    entry->category_bit = CategoryBit(entry->category_hash);
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
          if (eq == std::string_view::npos) entry->SetAttr(kv, "1");
          else entry->SetAttr(kv.substr(0, eq), kv.substr(eq + 1));
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
    uint64_t prefix = 0;
    for (size_t k = 0; k + 1 < words.size(); ++k) {
      prefix = Combine(prefix, HashWord(words[k]));
      open_prefixes_.insert(prefix);
    }
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

size_t Lexicon::NextHotSlot() {
  static std::atomic<size_t> next{0};
  return next++ % kHotSlots;
}

namespace {
// Each thread keeps the buffers of finished caches for the next document.
std::vector<Lexicon::ScopedCache::Buffers>& Spares() {
  thread_local std::vector<Lexicon::ScopedCache::Buffers> spares;
  return spares;
}
}  // namespace

Lexicon::ScopedCache::ScopedCache(const Lexicon& lexicon, const std::vector<Token>& tokens)
    : lexicon_(&lexicon), tokens_(&tokens), previous_(active_cache),
      previous_hot_(hot_[lexicon.hot_slot_]) {
  auto& spares = Spares();
  if (!spares.empty()) {
    b_ = std::move(spares.back());
    spares.pop_back();
  }
  b_.at.assign(tokens.size(), {});
  b_.phrases.clear();
  active_cache = this;
  hot_[lexicon.hot_slot_] = this;
}

Lexicon::ScopedCache::~ScopedCache() {
  active_cache = previous_;
  hot_[lexicon_->hot_slot_] = previous_hot_;
  // A few, and not a huge document's: memory stays bounded.
  constexpr size_t kMaxSpares = 8, kMaxSpareTokens = size_t{1} << 18;
  auto& spares = Spares();
  if (spares.size() < kMaxSpares && b_.at.capacity() <= kMaxSpareTokens)
    spares.push_back(std::move(b_));
}

void Lexicon::ScopedCache::ComputeAll() {
  const std::vector<Token>& tokens = *tokens_;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  for (uint32_t i = 0; i < n; ++i) {
    TokenPhrases& e = b_.at[i];
    if (e.count != TokenPhrases::kUnknown) continue;
    const uint32_t first = static_cast<uint32_t>(b_.phrases.size());
    // Most words open no phrase: the filter says so here, without the call.
    if (!lexicon_->MayOpenPhrase(tokens[i])) {
      e = {0, first, 0};
      continue;
    }
    e.mask = lexicon_->PhrasesAt(tokens, i, n, b_.phrases);
    e.first = first;
    e.count = static_cast<uint32_t>(b_.phrases.size()) - first;
  }
}

std::span<const Lexicon::Phrases::value_type> Lexicon::CachedSlow(const std::vector<Token>& tokens,
                                                                  uint32_t i, bool* found,
                                                                  uint64_t* mask) const {
  *found = false;
  ScopedCache* c = hot_[hot_slot_];
  if (!c || c->lexicon_ != this || c->tokens_ != &tokens) {
    for (c = active_cache; c; c = c->previous_)
      if (c->lexicon_ == this && c->tokens_ == &tokens) break;
    if (!c) return {};
  }
  ScopedCache::Buffers& b = c->b_;
  if (i >= b.at.size()) return {};
  *found = true;
  ScopedCache::TokenPhrases& e = b.at[i];
  if (e.count == ScopedCache::TokenPhrases::kUnknown) {
    // Phrases are computed to the end of the text; callers bound them by `end`.
    uint32_t first = static_cast<uint32_t>(b.phrases.size());
    uint64_t m = PhrasesAt(tokens, i, static_cast<uint32_t>(tokens.size()), b.phrases);
    e = {m, first, static_cast<uint32_t>(b.phrases.size()) - first};
  }
  if (mask) *mask = e.mask;
  return std::span<const Phrases::value_type>(b.phrases.data() + e.first, e.count);
}

// A word token's hash: Tokenize's, or its norm's when a stage left it unset.
uint64_t Lexicon::HashOf(const Token& t) { return t.norm_hash ? t.norm_hash : HashWord(t.norm); }

bool Lexicon::MayOpenPhrase(const Token& t) const {
  return t.is_word && steps_flat_.MayContain(Combine(0, HashOf(t)));
}

uint64_t Lexicon::PhrasesAt(const std::vector<Token>& tokens, uint32_t i, uint32_t end,
                           Phrases& out) const {
  if (i >= end || !tokens[i].is_word) return 0;
  uint64_t h = 0, categories = 0;
  for (uint32_t k = 0; i + k < end; ++k) {
    const Token& t = tokens[i + k];
    if (!t.is_word) break;
    h = Combine(h, HashOf(t));
    const Step step = steps_flat_.Find(h);
    if (step == Step{}) break;
    if (step.entries) {
      out.emplace_back(k + 1, step.entries);
      categories |= step.categories;
    }
    if (!step.continues) break;
  }
  return categories;
}

const LexEntry* Lexicon::LongestOfSlow(const std::vector<Token>& tokens, uint32_t i,
                                       uint32_t end, LexCategory category,
                                       uint32_t* length) const {
  uint64_t mask = 0;
  bool is_cached = false;
  auto cached = Cached(tokens, i, &is_cached, &mask);
  if (is_cached && !(mask & BitOf(category))) return nullptr;
  Phrases uncached;
  if (!is_cached) PhrasesAt(tokens, i, end, uncached);
  std::span<const Phrases::value_type> found = is_cached ? cached : std::span(uncached);
  for (auto it = found.rbegin(); it != found.rend(); ++it) {
    if (i + it->first > end) continue;
    for (const LexEntry* e : *it->second) {
      if (e->category_hash == category.hash()) {
        *length = it->first;
        return e;
      }
    }
  }
  return nullptr;
}

std::vector<LexMatch> Lexicon::Match(const std::vector<Token>& tokens, uint32_t begin,
                                     uint32_t end, uint64_t categories) const {
  std::vector<LexMatch> out;
  Phrases found;
  // Up to 63 categories each have a bit of their own (the usual case); past that, names.
  const bool exact_bits = LexCategory::kNamedBits + unnamed_categories_ <= 63;
  std::vector<std::string_view> seen_names, added_names;
  for (uint32_t i = begin; i < end; ++i) {
    bool is_cached = false;
    uint64_t here_bits = ~uint64_t{0};
    auto cached = Cached(tokens, i, &is_cached, &here_bits);
    if (is_cached && !(here_bits & categories)) continue;
    found.clear();
    if (!is_cached) PhrasesAt(tokens, i, end, found);
    std::span<const Phrases::value_type> here = is_cached ? cached : std::span(found);
    if (here.empty()) continue;
    uint64_t seen = 0;
    seen_names.clear();
    // Longest first; a category already matched by a longer phrase is skipped.
    for (auto it = here.rbegin(); it != here.rend(); ++it) {
      if (i + it->first > end) continue;
      uint64_t added = 0;
      added_names.clear();
      for (const LexEntry* e : *it->second) {
        if (!(e->category_bit & categories)) continue;
        if (exact_bits ? (seen & e->category_bit) != 0
                       : std::find(seen_names.begin(), seen_names.end(), e->category) !=
                             seen_names.end())
          continue;
        out.push_back({i, i + it->first, e});
        added |= e->category_bit;
        if (!exact_bits) added_names.push_back(e->category);
      }
      seen |= added;
      seen_names.insert(seen_names.end(), added_names.begin(), added_names.end());
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
