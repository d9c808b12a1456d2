// Reading compiled layers. A layer is mmapped read-only; Open checks the header (magic,
// version, file size, every section inside the file and aligned) without touching the
// records. The mapping is populated up front (MAP_POPULATE): lookups land all over the
// file, and faulting its pages in one by one cost a run about 7 % of its time; with the
// file in the page cache that takes about 10 ms of start-up. Every offset a lookup
// follows is bounds-checked where it is read (a bad string offset reads as "", a bad
// posting is skipped), so a corrupt file can give wrong answers but never a crash.
// VerifyGazetteerIndex checks every record up front. A lookup is a hash probe plus a
// walk of one posting list, with no allocation beyond the returned vector.
#include "harmwatch/geo/gazetteer.h"

#include <atomic>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "harmwatch/geo/index_format.h"
#include "harmwatch/geo/place_key.h"

namespace harmwatch {
namespace {

namespace fmt = geo_format;

class Layer {
 public:
  Layer() = default;
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;
  ~Layer() {
    if (base_ != nullptr) munmap(const_cast<char*>(base_), size_);
  }

  // `full` also checks every record (reads the whole file); without it only the header
  // and section bounds are checked and the accessors clamp what they read.
  Status Open(const std::string& path, uint16_t layer_no, bool full) {
    path_ = path;
    layer_no_ = layer_no;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::NotFound(path + ": no such gazetteer index");
      return Status::IoError(path + ": cannot open: " + std::strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
      ::close(fd);
      return Status::IoError(path + ": cannot stat: " + std::strerror(errno));
    }
    size_ = static_cast<size_t>(st.st_size);
    if (size_ < sizeof(fmt::Header)) {
      ::close(fd);
      return Status::Corrupt(
          path + ": not a gazetteer index (file too short: " + std::to_string(size_) + " bytes)");
    }
    // A failed population is no error: pages then fault in as they are read.
    void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) return Status::IoError(path + ": cannot mmap: " + std::strerror(errno));
    base_ = static_cast<const char*>(p);
    HW_RETURN_IF_ERROR(ValidateHeader());
    return full ? ValidateRecords() : Status::Ok();
  }

  uint32_t place_count() const { return header_.place_count; }
  uint32_t version() const { return header_.version; }
  void Prefetch(uint32_t index) const {
    if (index < header_.place_count) __builtin_prefetch(&places_[index]);
  }
  // GetPlace(index).pcode is not empty / GetPlace(index).population, without the rest.
  bool HasPcode(uint32_t index) const {
    // Offset 0 is the empty string: a layer without P-codes is answered from the record.
    return index < header_.place_count && places_[index].pcode != 0 &&
           !Str(places_[index].pcode).empty();
  }
  uint32_t Population(uint32_t index) const {
    return index < header_.place_count ? places_[index].population : 0;
  }
  // True when `name` (from a posting) is the place's own name. The builder interns each
  // string once, so that posting points at the record's own name string; the record is
  // read, not the string.
  bool IsOwnName(uint32_t index, std::string_view name) const {
    return index < header_.place_count && uint64_t{places_[index].name} + 2 <= pool_size_ &&
           name.data() == pool_ + places_[index].name + 2;
  }
  uint32_t max_name_words() const { return header_.max_name_words; }

  Place GetPlace(uint32_t index, uint32_t id_base) const {
    const fmt::PlaceRecord& r = places_[index];
    Place p;
    p.id = id_base + index;
    p.name = Str(r.name);
    p.name_ar = Str(r.name_ar);
    p.lat = r.lat;
    p.lon = r.lon;
    p.country = Str(r.country);
    p.admin1 = Str(r.admin1);
    p.admin2 = Str(r.admin2);
    p.admin1_code = Str(r.admin1_code);
    p.feature_code = Str(r.feature_code);
    p.kind = r.kind <= static_cast<uint8_t>(PlaceKind::kOther) ? static_cast<PlaceKind>(r.kind)
                                                               : PlaceKind::kOther;
    p.population = r.population;
    p.geonameid = r.geonameid;
    p.pcode = Str(r.pcode);
    p.layer = layer_no_;
    return p;
  }

  enum class Table { kCompact, kSkeleton, kCodes };

  // Calls fn(place_index, matched_name) for every posting of `key`.
  template <typename Fn>
  void ForEach(Table t, std::string_view key, Fn&& fn) const {
    const fmt::Slot* slots = t == Table::kCompact    ? compact_
                             : t == Table::kSkeleton ? skeleton_
                                                     : codes_;
    size_t n = t == Table::kCompact ? compact_n_ : t == Table::kSkeleton ? skeleton_n_ : codes_n_;
    if (n == 0 || key.empty()) return;
    uint32_t h = fmt::Hash(key);
    for (size_t probes = 0, i = h & (n - 1); probes < n; ++probes, i = (i + 1) & (n - 1)) {
      const fmt::Slot& s = slots[i];
      if (s.count == 0) return;
      if (s.hash != h || Str(s.key) != key) continue;
      if (uint64_t{s.first_posting} + s.count > header_.posting_count) return;  // corrupt
      for (uint32_t k = 0; k < s.count; ++k) {
        const fmt::Posting& post = postings_[s.first_posting + k];
        if (post.place < header_.place_count) fn(post.place, Str(post.name));
      }
      return;
    }
  }

 private:
  Status Corrupt(const std::string& why) const {
    return Status::Corrupt(path_ + ": corrupt gazetteer index: " + why);
  }

  // The pool string at `off`, or "" if the offset is out of range.
  std::string_view Str(uint32_t off) const {
    if (uint64_t{off} + 2 > pool_size_) return {};
    auto len = static_cast<uint16_t>(static_cast<unsigned char>(pool_[off]) |
                                     (static_cast<unsigned char>(pool_[off + 1]) << 8));
    if (uint64_t{off} + 2 + len > pool_size_) return {};
    return std::string_view(pool_ + off + 2, len);
  }
  bool StrOk(uint32_t off) const {
    if (uint64_t{off} + 2 > pool_size_) return false;
    uint16_t len = static_cast<uint16_t>(static_cast<unsigned char>(pool_[off]) |
                                         (static_cast<unsigned char>(pool_[off + 1]) << 8));
    return uint64_t{off} + 2 + len <= pool_size_;
  }

  bool SectionOk(const fmt::Section& s, size_t elem) const {
    if (s.offset % 8 != 0 || s.offset < sizeof(fmt::Header)) return false;
    if (s.offset > size_ || s.size > size_ - s.offset) return false;
    return elem == 0 || s.size % elem == 0;
  }

  Status ValidateSlots(const fmt::Slot* slots, size_t n, const char* what) const {
    if (n != 0 && (n & (n - 1)) != 0)
      return Corrupt(std::string(what) + " table size not a power of two");
    size_t used = 0;
    for (size_t i = 0; i < n; ++i) {
      const fmt::Slot& s = slots[i];
      if (s.count == 0) continue;
      ++used;
      if (!StrOk(s.key)) return Corrupt(std::string(what) + " slot key offset out of range");
      if (uint64_t{s.first_posting} + s.count > header_.posting_count) {
        return Corrupt(std::string(what) + " slot postings out of range");
      }
    }
    // A full table would make a failed probe loop over every slot; the builder never
    // writes one.
    if (n != 0 && used == n) return Corrupt(std::string(what) + " table has no empty slot");
    return Status::Ok();
  }

  Status ValidateHeader() {
    std::memcpy(&header_, base_, sizeof(header_));
    if (std::memcmp(header_.magic, fmt::kMagic, 4) != 0) {
      return Status::Corrupt(path_ + ": not a gazetteer index (bad magic)");
    }
    if (header_.version < fmt::kOldestReadableVersion || header_.version > fmt::kVersion) {
      return Status::Unsupported(path_ + ": gazetteer index version " +
                                 std::to_string(header_.version) + ", expected " +
                                 std::to_string(fmt::kOldestReadableVersion) + " to " +
                                 std::to_string(fmt::kVersion) + " (rebuild it)");
    }
    if (header_.file_size != size_) {
      return Corrupt("size " + std::to_string(size_) + " bytes, header says " +
                     std::to_string(header_.file_size) + " (truncated?)");
    }
    if (!SectionOk(header_.places, sizeof(fmt::PlaceRecord)) ||
        header_.places.size / sizeof(fmt::PlaceRecord) != header_.place_count) {
      return Corrupt("place section out of range");
    }
    if (!SectionOk(header_.postings, sizeof(fmt::Posting)) ||
        header_.postings.size / sizeof(fmt::Posting) != header_.posting_count) {
      return Corrupt("posting section out of range");
    }
    if (!SectionOk(header_.compact, sizeof(fmt::Slot)) ||
        !SectionOk(header_.skeleton, sizeof(fmt::Slot)) ||
        !SectionOk(header_.codes, sizeof(fmt::Slot))) {
      return Corrupt("hash table section out of range");
    }
    if (!SectionOk(header_.pool, 1) || header_.pool.size > UINT32_MAX) {
      return Corrupt("string pool out of range");
    }
    places_ = reinterpret_cast<const fmt::PlaceRecord*>(base_ + header_.places.offset);
    postings_ = reinterpret_cast<const fmt::Posting*>(base_ + header_.postings.offset);
    compact_ = reinterpret_cast<const fmt::Slot*>(base_ + header_.compact.offset);
    skeleton_ = reinterpret_cast<const fmt::Slot*>(base_ + header_.skeleton.offset);
    codes_ = reinterpret_cast<const fmt::Slot*>(base_ + header_.codes.offset);
    compact_n_ = header_.compact.size / sizeof(fmt::Slot);
    skeleton_n_ = header_.skeleton.size / sizeof(fmt::Slot);
    codes_n_ = header_.codes.size / sizeof(fmt::Slot);
    pool_ = base_ + header_.pool.offset;
    pool_size_ = header_.pool.size;
    return Status::Ok();
  }

  Status ValidateRecords() const {
    for (uint32_t i = 0; i < header_.place_count; ++i) {
      const fmt::PlaceRecord& r = places_[i];
      for (uint32_t off : {r.name, r.name_ar, r.country, r.admin1, r.admin2, r.admin1_code,
                           r.feature_code, r.pcode}) {
        if (!StrOk(off))
          return Corrupt("place " + std::to_string(i) + ": string offset out of range");
      }
      if (r.kind > static_cast<uint8_t>(PlaceKind::kOther)) {
        return Corrupt("place " + std::to_string(i) + ": unknown kind " + std::to_string(r.kind));
      }
    }
    for (uint32_t i = 0; i < header_.posting_count; ++i) {
      if (postings_[i].place >= header_.place_count || !StrOk(postings_[i].name)) {
        return Corrupt("posting " + std::to_string(i) + " out of range");
      }
    }
    HW_RETURN_IF_ERROR(ValidateSlots(compact_, compact_n_, "compact key"));
    HW_RETURN_IF_ERROR(ValidateSlots(skeleton_, skeleton_n_, "skeleton key"));
    HW_RETURN_IF_ERROR(ValidateSlots(codes_, codes_n_, "code"));
    return Status::Ok();
  }

  std::string path_;
  uint16_t layer_no_ = 0;
  const char* base_ = nullptr;
  size_t size_ = 0;
  fmt::Header header_{};
  const fmt::PlaceRecord* places_ = nullptr;
  const fmt::Posting* postings_ = nullptr;
  const fmt::Slot* compact_ = nullptr;
  const fmt::Slot* skeleton_ = nullptr;
  const fmt::Slot* codes_ = nullptr;
  size_t compact_n_ = 0, skeleton_n_ = 0, codes_n_ = 0;
  const char* pool_ = nullptr;
  uint64_t pool_size_ = 0;
};

class MappedGazetteer final : public Gazetteer {
 public:
  Status Init(const std::vector<std::string>& paths, bool full) {
    if (paths.size() > UINT16_MAX) return Status::InvalidArgument("too many gazetteer layers");
    uint64_t base = 0;
    for (size_t i = 0; i < paths.size(); ++i) {
      auto layer = std::make_unique<Layer>();
      HW_RETURN_IF_ERROR(layer->Open(paths[i], static_cast<uint16_t>(i), full));
      bases_.push_back(static_cast<uint32_t>(base));
      base += layer->place_count();
      if (base > UINT32_MAX)
        return Status::Unsupported("too many places over all gazetteer layers");
      max_words_ = std::max(max_words_, static_cast<int>(layer->max_name_words()));
      layers_.push_back(std::move(layer));
    }
    size_ = base;
    return Status::Ok();
  }

  std::vector<Candidate> Lookup(std::string_view phrase) const override { return Lookup(phrase, 0); }
  std::vector<Candidate> Lookup(std::string_view phrase, size_t keep) const override {
    std::vector<Hit> hits;
    const std::string key = CompactKey(phrase);
    for (size_t l = 0; l < layers_.size(); ++l)
      layers_[l]->ForEach(Layer::Table::kCompact, key, [&](uint32_t place, std::string_view name) {
        hits.push_back({static_cast<uint16_t>(l), place, name});
      });
    // A place has one posting per key, under its first name with that key: the primary
    // name when that has the key, else the place was found under another name.
    std::vector<Candidate> out = Build(hits, MatchKind::kCompact, keep);
    for (size_t k = 0; k < out.size(); ++k)
      out[k].alternate_name = !layers_[hits[k].layer]->IsOwnName(hits[k].place, hits[k].name);
    return out;
  }

  std::vector<Candidate> LookupSpellingVariants(
      std::string_view phrase, const std::function<bool(std::string_view matched_name)>& accept,
      size_t keep) const override {
    const std::string compact = CompactKey(phrase);
    if (compact.empty()) return {};
    const std::string skeleton = SkeletonKeyOfCompact(compact);
    const unsigned char first = fmt::FirstLetterClass(compact);
    const size_t lo = std::min<size_t>(compact.size() < 2 ? 0 : compact.size() - 2, 255);
    const size_t hi = std::min<size_t>(compact.size() + 2, 255);
    auto near_in_length = [&](size_t len) { return len + 2 >= compact.size() && len <= compact.size() + 2; };
    std::vector<Hit> hits;
    for (size_t l = 0; l < layers_.size(); ++l) {
      const Layer& layer = *layers_[l];
      const size_t layer_first = hits.size();
      const auto layer_no = static_cast<uint16_t>(l);
      if (layer.version() >= 2) {
        for (size_t len = lo; len <= hi; ++len)
          layer.ForEach(Layer::Table::kSkeleton, fmt::SkeletonPartitionKey(skeleton, first, len),
                        [&](uint32_t place, std::string_view name) {
                          // The last partition holds every length from 255 up.
                          if (len == 255 && !near_in_length(CompactKey(name).size())) return;
                          hits.push_back({layer_no, place, name});
                        });
        // A key's postings are in place order; the partitions interleave them again.
        std::sort(hits.begin() + static_cast<std::ptrdiff_t>(layer_first), hits.end(),
                  [](const Hit& a, const Hit& b) { return a.place < b.place; });
      } else {
        layer.ForEach(Layer::Table::kSkeleton, skeleton, [&](uint32_t place, std::string_view name) {
          std::string key = CompactKey(name);
          if (fmt::FirstLetterClass(key) == first && near_in_length(key.size()))
            hits.push_back({layer_no, place, name});
        });
      }
    }
    if (accept) std::erase_if(hits, [&](const Hit& h) { return !accept(h.name); });
    return Build(hits, MatchKind::kSkeleton, keep);
  }

  std::vector<Place> FindAdmin1(std::string_view name) const override {
    std::vector<Place> out;
    // "SY.12" names an admin1 area by its GeoNames code.
    if (name.find('.') != std::string_view::npos) {
      CollectCodes("a1:" + std::string(name), out);
      if (!out.empty()) return out;
    }
    for (Candidate& c : Lookup(name)) {
      if (c.place.kind == PlaceKind::kAdmin1) out.push_back(c.place);
    }
    return out;
  }

  std::vector<Place> FindCountry(std::string_view name_or_iso2) const override {
    std::vector<Place> out;
    if (name_or_iso2.size() == 2) {
      std::string code = "c:";
      for (char c : name_or_iso2) code += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      CollectCodes(code, out);
      if (!out.empty()) return out;
    }
    for (Candidate& c : Lookup(name_or_iso2)) {
      if (c.place.kind == PlaceKind::kCountry) out.push_back(c.place);
    }
    return out;
  }

  size_t size() const override { return size_; }
  int max_name_words() const override { return max_words_; }

 private:
  // A posting found by a lookup: which layer, which place, under which of its names.
  struct Hit {
    uint16_t layer;
    uint32_t place;
    std::string_view name;
  };

  // The candidates of `hits`, in order; with more than `keep` (unless 0), every place
  // with a P-code and then the most populous of the rest, up to `keep` in all, in the
  // order Lookup documents. Only those are built: a place is a record and eight
  // strings at scattered addresses. `hits` is left as the candidates' hits.
  std::vector<Candidate> Build(std::vector<Hit>& hits, MatchKind kind, size_t keep) const {
    for (const Hit& h : hits) layers_[h.layer]->Prefetch(h.place);
    if (keep > 0 && hits.size() > keep) {
      struct Rank {
        bool detailed;
        uint32_t population;
      };
      std::vector<Rank> ranks;
      ranks.reserve(hits.size());
      for (const Hit& h : hits) {
        const Layer& layer = *layers_[h.layer];
        ranks.push_back({layer.HasPcode(h.place), layer.Population(h.place)});
      }
      std::vector<uint32_t> order(hits.size());
      for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
      std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        if (ranks[a].detailed != ranks[b].detailed) return ranks[a].detailed;
        return ranks[a].population > ranks[b].population;
      });
      size_t kept = keep;
      while (kept < order.size() && ranks[order[kept]].detailed) ++kept;
      order.resize(kept);
      std::vector<Hit> chosen;
      chosen.reserve(kept);
      for (uint32_t k : order) chosen.push_back(hits[k]);
      hits = std::move(chosen);
    }
    std::vector<Candidate> out;
    out.reserve(hits.size());
    for (const Hit& h : hits) {
      Candidate c;
      c.place = layers_[h.layer]->GetPlace(h.place, bases_[h.layer]);
      c.match = kind;
      c.matched_name = h.name;
      out.push_back(c);
    }
    return out;
  }

  void CollectCodes(const std::string& key, std::vector<Place>& out) const {
    for (size_t l = 0; l < layers_.size(); ++l) {
      const Layer& layer = *layers_[l];
      layer.ForEach(Layer::Table::kCodes, key, [&](uint32_t place, std::string_view) {
        out.push_back(layer.GetPlace(place, bases_[l]));
      });
    }
  }

  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<uint32_t> bases_;
  size_t size_ = 0;
  int max_words_ = 0;
};

}  // namespace

Gazetteer::Gazetteer() {
  static std::atomic<uint64_t> next{0};
  instance_id_ = ++next;
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::Open(const std::vector<std::string>& index_paths) {
  auto g = std::make_unique<MappedGazetteer>();
  HW_RETURN_IF_ERROR(g->Init(index_paths, /*full=*/false));
  return std::unique_ptr<Gazetteer>(std::move(g));
}

Status VerifyGazetteerIndex(const std::string& path) {
  MappedGazetteer g;
  return g.Init({path}, /*full=*/true);
}

Result<uint32_t> GazetteerIndexVersion(const std::string& path) {
  Layer layer;
  HW_RETURN_IF_ERROR(layer.Open(path, 0, /*full=*/false));
  return layer.version();
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0088;  // mean radius
  constexpr double kDegToRad = M_PI / 180.0;
  double dlat = (lat2 - lat1) * kDegToRad;
  double dlon = (lon2 - lon1) * kDegToRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kDegToRad) *
                                                           std::cos(lat2 * kDegToRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, a)));
}

}  // namespace harmwatch
