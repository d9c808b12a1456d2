// Spelling-insensitive keys for place names, shared by the gazetteer builder and
// the geoparser so that both sides of a lookup agree.
//   CompactKey("Kafrta’al") == CompactKey("Kafr Ta'al") == "kafrtal"
//   CompactKey("An Nayrab") == "nayrab"; CompactKey("Al-Zahraa") == "zahra"
//   SkeletonKey("Nairab") == SkeletonKey("Nayrab") == "nrb"
#pragma once

#include <string>
#include <string_view>

namespace harmwatch {

// FoldForMatch, then: Arabic/Latin article words dropped when the name has more than
// one word ("al", "el", "an", "ar", "as", "ash", "ad", "az", "at", "ath", "ed", "es",
// "et", "ez", "ال" prefix); generic words dropped ("city", "town", "village", "camp"
// is NOT dropped); spaces removed; common transliteration variants unified
// (q->k, ou->u, ee->i, oo->u, ai/ei/ey->ay, ph->f, w between vowels kept); a final
// vowel+h dropped (Hamah/Hama); doubled letters collapsed (Raqqa/Raqa).
std::string CompactKey(std::string_view name);

// Consonant skeleton of CompactKey: vowels and y/w/h dropped, doubles collapsed.
// Broad: used only as a fallback, and candidates found through it must be checked.
std::string SkeletonKey(std::string_view name);
// The same from a name's CompactKey, for a caller that has it already.
std::string SkeletonKeyOfCompact(std::string_view compact);

}  // namespace harmwatch
