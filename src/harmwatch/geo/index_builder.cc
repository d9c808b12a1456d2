// Writes a compiled gazetteer layer. Every name of a place is indexed under its
// compact key and its skeleton key; a place appears at most once per key (its first
// name with that key is the one recorded as matched), so "Sarmin" and "Sarmīn" on
// the same place give one candidate, not two. Skeleton postings are filed
// under SkeletonPartitionKey by that recorded name, so a loose lookup reads only the
// names that start alike and are about as long.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "harmwatch/geo/gazetteer_build.h"
#include "harmwatch/geo/index_format.h"
#include "harmwatch/geo/place_key.h"
#include "harmwatch/text/fold.h"

namespace harmwatch {
namespace {

namespace fmt = geo_format;

// Slots per key: a load factor of at most 0.5 keeps probe chains short.
constexpr double kMaxLoadFactor = 0.5;

class StringPool {
 public:
  StringPool() { Intern(""); }
  uint32_t Intern(std::string_view s) {
    if (s.size() > fmt::kMaxStringBytes) s = s.substr(0, fmt::kMaxStringBytes);
    auto it = index_.find(std::string(s));
    if (it != index_.end()) return it->second;
    auto off = static_cast<uint32_t>(bytes_.size());
    auto len = static_cast<uint16_t>(s.size());
    bytes_.push_back(static_cast<char>(len & 0xFF));
    bytes_.push_back(static_cast<char>(len >> 8));
    bytes_.append(s);
    index_.emplace(std::string(s), off);
    return off;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
  std::unordered_map<std::string, uint32_t> index_;
};

// Postings grouped by key, in first-seen order.
class KeyTable {
 public:
  void Add(const std::string& key, uint32_t place, uint32_t name) {
    if (key.empty()) return;
    auto [it, inserted] = ids_.emplace(key, static_cast<uint32_t>(keys_.size()));
    if (inserted) {
      keys_.push_back(key);
      lists_.emplace_back();
    }
    auto& list = lists_[it->second];
    // One posting per (key, place): names of one place are added consecutively.
    if (!list.empty() && list.back().place == place) return;
    list.push_back({place, name});
  }

  // Appends this table's postings to `postings` and returns the slot array.
  std::vector<fmt::Slot> Emit(StringPool& pool, std::vector<fmt::Posting>& postings) const {
    size_t slots = 0;
    if (!keys_.empty()) {
      slots = 1;
      while (static_cast<double>(keys_.size()) > kMaxLoadFactor * static_cast<double>(slots)) {
        slots *= 2;
      }
    }
    std::vector<fmt::Slot> table(slots, fmt::Slot{0, 0, 0, 0});
    for (size_t k = 0; k < keys_.size(); ++k) {
      fmt::Slot slot;
      slot.hash = fmt::Hash(keys_[k]);
      slot.key = pool.Intern(keys_[k]);
      slot.first_posting = static_cast<uint32_t>(postings.size());
      slot.count = static_cast<uint32_t>(lists_[k].size());
      postings.insert(postings.end(), lists_[k].begin(), lists_[k].end());
      size_t i = slot.hash & (slots - 1);
      while (table[i].count != 0) i = (i + 1) & (slots - 1);
      table[i] = slot;
    }
    return table;
  }

 private:
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> keys_;
  std::vector<std::vector<fmt::Posting>> lists_;
};

int CountWords(std::string_view name) {
  std::string folded = FoldForMatch(name);
  if (folded.empty()) return 0;
  return 1 + static_cast<int>(std::count(folded.begin(), folded.end(), ' '));
}

uint64_t Align8(uint64_t n) { return (n + 7) & ~uint64_t{7}; }

}  // namespace

Status IndexBuilder::Write(const std::string& path) const {
  StringPool pool;
  KeyTable compact, skeleton, codes;
  std::vector<fmt::PlaceRecord> records;
  records.reserve(places_.size());
  int max_words = 0;
  for (size_t i = 0; i < places_.size(); ++i) {
    const PlaceInput& p = places_[i];
    auto id = static_cast<uint32_t>(i);
    fmt::PlaceRecord r;
    std::memset(&r, 0, sizeof(r));
    r.name = pool.Intern(p.name);
    r.name_ar = pool.Intern(p.name_ar);
    r.country = pool.Intern(p.country);
    r.admin1 = pool.Intern(p.admin1);
    r.admin2 = pool.Intern(p.admin2);
    r.admin1_code = pool.Intern(p.admin1_code);
    r.feature_code = pool.Intern(p.feature_code);
    r.pcode = pool.Intern(p.pcode);
    r.lat = p.lat;
    r.lon = p.lon;
    r.geonameid = p.geonameid;
    r.population = p.population;
    r.kind = static_cast<uint8_t>(p.kind);
    records.push_back(r);

    std::vector<std::string_view> names = {p.name, p.name_ar};
    for (const auto& a : p.alt_names) names.push_back(a);
    std::unordered_set<std::string_view> seen;
    // A place's first name with a skeleton decides its partition; later names with the
    // same skeleton add nothing, as in a table keyed by the skeleton alone.
    std::unordered_set<std::string> skeletons;
    for (std::string_view n : names) {
      if (n.empty() || !seen.insert(n).second) continue;
      uint32_t off = pool.Intern(n);
      std::string compact_key = CompactKey(n);
      std::string skeleton_key = SkeletonKeyOfCompact(compact_key);
      compact.Add(compact_key, id, off);
      if (!skeleton_key.empty() && skeletons.insert(skeleton_key).second)
        skeleton.Add(fmt::SkeletonPartitionKey(skeleton_key, fmt::FirstLetterClass(compact_key),
                                               compact_key.size()),
                     id, off);
      max_words = std::max(max_words, CountWords(n));
    }
    if (p.kind == PlaceKind::kCountry && !p.country.empty())
      codes.Add("c:" + p.country, id, r.name);
    if (p.kind == PlaceKind::kAdmin1 && !p.admin1_code.empty()) {
      codes.Add("a1:" + p.admin1_code, id, r.name);
    }
    if (!p.pcode.empty()) codes.Add("p:" + p.pcode, id, r.name);
  }

  std::vector<fmt::Posting> postings;
  std::vector<fmt::Slot> compact_slots = compact.Emit(pool, postings);
  std::vector<fmt::Slot> skeleton_slots = skeleton.Emit(pool, postings);
  std::vector<fmt::Slot> code_slots = codes.Emit(pool, postings);
  if (pool.bytes().size() > UINT32_MAX || postings.size() > UINT32_MAX) {
    return Status::Unsupported(path + ": gazetteer too large for format version 1");
  }

  fmt::Header h;
  std::memset(&h, 0, sizeof(h));
  std::memcpy(h.magic, fmt::kMagic, 4);
  h.version = fmt::kVersion;
  h.place_count = static_cast<uint32_t>(records.size());
  h.posting_count = static_cast<uint32_t>(postings.size());
  h.max_name_words = static_cast<uint32_t>(max_words);
  uint64_t pos = sizeof(fmt::Header);
  auto place_section = [&pos](uint64_t size) {
    fmt::Section s{pos, size};
    pos = Align8(pos + size);
    return s;
  };
  h.places = place_section(records.size() * sizeof(fmt::PlaceRecord));
  h.postings = place_section(postings.size() * sizeof(fmt::Posting));
  h.compact = place_section(compact_slots.size() * sizeof(fmt::Slot));
  h.skeleton = place_section(skeleton_slots.size() * sizeof(fmt::Slot));
  h.codes = place_section(code_slots.size() * sizeof(fmt::Slot));
  h.pool = place_section(pool.bytes().size());
  h.file_size = pos;

  std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IoError(path + ": cannot create: " + std::strerror(errno));
  bool ok = true;
  auto write_at = [&](const fmt::Section& s, const void* data) {
    if (!ok) return;
    if (std::fseek(f, static_cast<long>(s.offset), SEEK_SET) != 0) ok = false;
    if (ok && s.size > 0 && std::fwrite(data, 1, s.size, f) != s.size) ok = false;
  };
  write_at(fmt::Section{0, sizeof(h)}, &h);
  write_at(h.places, records.data());
  write_at(h.postings, postings.data());
  write_at(h.compact, compact_slots.data());
  write_at(h.skeleton, skeleton_slots.data());
  write_at(h.codes, code_slots.data());
  write_at(h.pool, pool.bytes().data());
  // Pad to file_size so the last section's alignment padding exists on disk.
  if (ok && h.file_size > h.pool.offset + h.pool.size) {
    static const char kZeros[8] = {};
    size_t pad = h.file_size - (h.pool.offset + h.pool.size);
    if (std::fwrite(kZeros, 1, pad, f) != pad) ok = false;
  }
  if (std::fclose(f) != 0) ok = false;
  if (!ok) {
    std::remove(tmp.c_str());
    return Status::IoError(path + ": write failed: " + std::strerror(errno));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IoError(path + ": cannot rename into place: " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace harmwatch
