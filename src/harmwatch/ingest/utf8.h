// Small UTF-8 helpers for the readers: validating one sequence at a time (the
// HTML scanner copies text byte-exactly but must never emit an invalid
// sequence) and encoding code points (entities). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace harmwatch::ingest {

// U+FFFD, what every invalid sequence or code point becomes.
inline constexpr char32_t kReplacementChar = 0xFFFD;

// Length (1-4) of the well-formed UTF-8 sequence starting at s[pos], or 0 when
// the bytes there are not one (overlong, surrogate, > U+10FFFF, truncated,
// stray byte).
size_t Utf8SequenceLength(std::string_view s, size_t pos);

// True when the whole of `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// Appends the UTF-8 encoding of `cp`; surrogates and values past U+10FFFF
// become U+FFFD.
void AppendUtf8(char32_t cp, std::string &out);

}  // namespace harmwatch::ingest

namespace harmwatch::ingest {

// `s` with every invalid sequence replaced by U+FFFD (for metadata taken from
// markup).
std::string SanitizeUtf8(std::string_view s);

}  // namespace harmwatch::ingest
