// The HTML-to-text scanner behind DocumentFromHtml, exposed for tests and
// fuzzing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace harmwatch::ingest {

struct HtmlText {
  std::string text;           // valid UTF-8, whitespace collapsed, blocks on own lines
  std::vector<uint32_t> map;  // text.size() + 1 entries: byte offsets into the
                              // HTML, non-decreasing; the last is html.size()
  std::string title;          // <title>, else <meta property="og:title">; may be empty
  std::string published;      // YYYY-MM-DD from article:published_time or <time datetime>
};

// Never fails, never loops: every byte of `html` is consumed exactly once by a
// scan that only moves forward. Malformed markup degrades to text or is skipped
// (an unterminated comment or tag swallows the rest of the input, as in
// browsers). Invalid UTF-8 in text becomes U+FFFD mapped to the offending byte.
HtmlText HtmlToText(std::string_view html);

}  // namespace harmwatch::ingest
