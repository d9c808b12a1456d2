// HTML character references: "&amp;", "&rsquo;", "&#8217;", "&#x2019;".
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace harmwatch::ingest {

// If s[pos] == '&' starts a character reference this scanner knows, appends its
// UTF-8 to `out` and returns the reference's length in bytes (including the
// ';'); otherwise returns 0 and appends nothing (the '&' is then literal text).
// Named references need their ';' except the legacy &amp &lt &gt &quot &nbsp;
// numeric references without ';' are accepted. Invalid code points (0,
// surrogates, > U+10FFFF) become U+FFFD and
// &#128;..&#159; are read as windows-1252, as browsers do. &nbsp; appends
// U+00A0.
size_t DecodeEntityAt(std::string_view s, size_t pos, std::string &out);

// Decodes every reference in `s` (for attribute values such as og:title).
std::string DecodeEntities(std::string_view s);

}  // namespace harmwatch::ingest
