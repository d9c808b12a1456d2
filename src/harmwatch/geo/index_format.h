// On-disk layout of a compiled gazetteer layer (".hwg"). Described for humans in
// docs/gazetteer-format.md; this header is the single definition both the builder
// and the reader use. Little-endian, every section 8-byte aligned.
//
//   Header (128 bytes)
//   places     place_count x PlaceRecord (64 bytes)
//   postings   posting_count x Posting (8 bytes): (place index, name offset)
//   compact    slot_count x Slot (16 bytes), open addressing, linear probing
//   skeleton   slot_count x Slot, keyed by SkeletonPartitionKey (version 2) or by the
//              bare SkeletonKey (version 1, still read)
//   codes      slot_count x Slot ("c:SY", "a1:SY.12", "p:C4268")
//   pool       strings, each [u16 length][bytes]; offset 0 is the empty string
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace harmwatch::geo_format {

inline constexpr char kMagic[4] = {'H', 'W', 'G', 'Z'};
// 3: keys fold letters that do not decompose ("Şırnak" = "Sirnak") and admin1 areas of
// more countries carry the crosswalk's names; the layout is version 2's. An index in an
// older version is still read, and `gazetteer list` asks for it to be rebuilt.
inline constexpr uint32_t kVersion = 3;
// The oldest version still read: version 1 differs only in its skeleton keys.
inline constexpr uint32_t kOldestReadableVersion = 1;
inline constexpr uint32_t kMaxStringBytes = 0xFFFF;  // u16 length prefix

struct Section {
  uint64_t offset;
  uint64_t size;  // bytes
};

struct Header {
  char magic[4];
  uint32_t version;
  uint64_t file_size;
  uint32_t place_count;
  uint32_t posting_count;
  uint32_t max_name_words;
  uint32_t reserved;
  Section places;
  Section postings;
  Section compact;  // size / sizeof(Slot) slots, a power of two (or 0)
  Section skeleton;
  Section codes;
  Section pool;
};
static_assert(sizeof(Header) == 128);

struct PlaceRecord {
  uint32_t name, name_ar, country, admin1, admin2, admin1_code, feature_code, pcode;  // pool
  double lat, lon;
  int64_t geonameid;
  uint32_t population;
  uint8_t kind;
  uint8_t pad[3];
};
static_assert(sizeof(PlaceRecord) == 64);

struct Posting {
  uint32_t place;  // index into places of this layer
  uint32_t name;   // pool offset of the name whose key matched
};
static_assert(sizeof(Posting) == 8);

struct Slot {
  uint32_t hash;           // Hash(key); meaningful only when count > 0
  uint32_t key;            // pool offset of the key string
  uint32_t first_posting;  // index into postings
  uint32_t count;          // 0 = empty slot
};
static_assert(sizeof(Slot) == 16);

// FNV-1a, 32 bits: stable across builds and platforms, which the file depends on.
inline uint32_t Hash(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

// Version 2's skeleton key: the skeleton, then the first byte of the name's compact key
// (the five Latin vowels all as 'a') and the compact key's length in bytes (at most
// 255). Loose lookups only want names that start alike and are about as long, so the
// reader probes a few of these keys instead of reading every name with the skeleton.
inline std::string SkeletonPartitionKey(std::string_view skeleton, unsigned char first_class,
                                        size_t compact_length) {
  std::string key(skeleton);
  key += static_cast<char>(first_class);
  key += static_cast<char>(compact_length > 255 ? 255 : compact_length);
  return key;
}

// The first-letter class of a compact key: its first byte, with the Latin vowels as one.
inline unsigned char FirstLetterClass(std::string_view compact) {
  if (compact.empty()) return 0;
  unsigned char c = static_cast<unsigned char>(compact[0]);
  return c == 'e' || c == 'i' || c == 'o' || c == 'u' ? 'a' : c;
}

}  // namespace harmwatch::geo_format
