// A tolerant, single-pass HTML-to-text scanner.
//
// Not an HTML5 tree builder: a forward scan over the bytes with a small stack
// of open elements, enough to (a) drop whole subtrees that are page furniture
// (<nav>, <footer>, <div class="share-buttons">), (b) turn block boundaries
// into line breaks, and (c) keep, for every output byte, the HTML byte it came
// from. The scan index only ever increases, so no input can make it loop;
// unterminated constructs end the scan.
//
//   "<p>Idlib&rsquo;s <b>market</b></p><p>8 killed</p>" -> "Idlib’s market\n\n8
//   killed" the ’ maps to the '&' of "&rsquo;", the "\n\n" to the second "<p>".
#include "harmwatch/ingest/html_to_text.h"

#include <algorithm>
#include <array>

#include "harmwatch/ingest/entities.h"
#include "harmwatch/ingest/published_date.h"
#include "harmwatch/ingest/utf8.h"

namespace harmwatch::ingest {
namespace {

// Open elements tracked at most; deeper nesting is not tracked (neither dropped
// nor closed). Real pages nest < 60 deep; the cap bounds the cost of an end-tag
// lookup.
constexpr size_t kMaxOpenElements = 256;
// Tag names are compared on at most this many bytes.
constexpr size_t kMaxTagName = 32;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char &c : out) c = Lower(c);
  return out;
}

template <size_t N>
bool OneOf(std::string_view name, const std::array<std::string_view, N> &set) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

constexpr std::array<std::string_view, 14> kVoid = {"area",  "base",   "br",    "col",  "embed",
                                                    "hr",    "img",    "input", "link", "meta",
                                                    "param", "source", "track", "wbr"};
// Content is raw text up to the matching end tag (no markup inside).
constexpr std::array<std::string_view, 9> kRawText = {
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"};
// Subtrees that are never article text.
constexpr std::array<std::string_view, 15> kDropped = {
    "head",   "nav",    "aside",  "footer", "form",  "noscript", "svg", "template",
    "select", "button", "object", "canvas", "audio", "video",    "math"};
// Elements allowed inside <head>; any other start tag closes an unclosed
// <head>.
constexpr std::array<std::string_view, 8> kHeadContent = {"title",  "meta", "link",     "style",
                                                          "script", "base", "noscript", "template"};
// Blocks that become a paragraph break ("\n\n") ...
constexpr std::array<std::string_view, 22> kParagraph = {
    "p",       "h1",         "h2",    "h3",      "h4",      "h5",     "h6",  "article",
    "section", "blockquote", "table", "ul",      "ol",      "dl",     "pre", "figure",
    "header",  "main",       "hr",    "address", "details", "summary"};
// ... or a line break ("\n").
constexpr std::array<std::string_view, 9> kLine = {"br", "div",        "li",      "tr",    "dt",
                                                   "dd", "figcaption", "caption", "option"};
// Cells are separated by a space.
constexpr std::array<std::string_view, 2> kCell = {"td", "th"};
// class/id words that mark furniture: <div class="social-share">, <ul
// id="main-menu">.
constexpr std::array<std::string_view, 11> kCruftWords = {
    "share",      "social", "comment",   "related", "newsletter", "cookie",
    "breadcrumb", "menu",   "subscribe", "advert",  "sidebar"};
// Containers whose class never drops them (<body class="menu-open"> is the
// whole page).
constexpr std::array<std::string_view, 4> kNeverDropped = {"html", "body", "main", "article"};

// Builds the text and its offset map; whitespace and breaks are held back until
// the next visible character so the text never starts or ends with them.
class TextBuilder {
 public:
  void Space(size_t src) {
    if (!pending_space_ && pending_break_ == 0) {
      pending_space_ = true;
      space_src_ = src;
    }
  }
  void Break(int level, size_t src) {
    if (level > pending_break_) {
      pending_break_ = level;
      break_src_ = src;
    }
  }
  // Appends `bytes` (valid UTF-8) all mapped to `src`.
  void Append(std::string_view bytes, size_t src) {
    Flush();
    for (char c : bytes) Push(c, src);
  }
  // Appends html[src, src+n) byte for byte.
  void Copy(std::string_view html, size_t src, size_t n) {
    Flush();
    for (size_t k = 0; k < n; ++k) Push(html[src + k], src + k);
  }
  HtmlText Finish(size_t html_size) {
    map_.push_back(static_cast<uint32_t>(html_size));
    HtmlText out;
    out.text = std::move(text_);
    out.map = std::move(map_);
    return out;
  }

 private:
  void Push(char c, size_t src) {
    text_.push_back(c);
    map_.push_back(static_cast<uint32_t>(src));
  }
  void Flush() {
    if (!text_.empty()) {
      if (pending_break_ > 0) {
        for (int k = 0; k < pending_break_; ++k) Push('\n', break_src_);
      } else if (pending_space_) {
        Push(' ', space_src_);
      }
    }
    pending_break_ = 0;
    pending_space_ = false;
  }

  std::string text_;
  std::vector<uint32_t> map_;
  int pending_break_ = 0;
  bool pending_space_ = false;
  size_t break_src_ = 0, space_src_ = 0;
};

struct Tag {
  std::string name;  // lower-case
  bool end = false;
  bool self_closing = false;
  std::string cls, id, property, meta_name, content, datetime, role;
};

// Parses the tag starting at html[pos] == '<' followed by a letter (or "</" +
// letter). Returns the index after its '>' (html.size() when unterminated).
size_t ParseTag(std::string_view html, size_t pos, Tag &tag) {
  const size_t n = html.size();
  size_t j = pos + 1;
  if (html[j] == '/') {
    tag.end = true;
    ++j;
  }
  const size_t name_begin = j;
  while (j < n && !IsSpace(html[j]) && html[j] != '/' && html[j] != '>') ++j;
  tag.name = LowerAscii(html.substr(name_begin, std::min(j - name_begin, kMaxTagName)));
  bool slash = false;
  while (j < n) {
    const char c = html[j];
    if (c == '>') {
      tag.self_closing = slash;
      return j + 1;
    }
    if (IsSpace(c) || c == '/') {
      slash = c == '/';
      ++j;
      continue;
    }
    slash = false;
    const size_t attr_begin = j;
    ++j;  // an attribute name has at least one byte (even '=' or a quote)
    while (j < n && !IsSpace(html[j]) && html[j] != '=' && html[j] != '>' && html[j] != '/') ++j;
    const std::string attr =
        LowerAscii(html.substr(attr_begin, std::min(j - attr_begin, kMaxTagName)));
    size_t k = j;
    while (k < n && IsSpace(html[k])) ++k;
    std::string_view value;
    if (k < n && html[k] == '=') {
      ++k;
      while (k < n && IsSpace(html[k])) ++k;
      if (k < n && (html[k] == '"' || html[k] == '\'')) {
        const size_t close = html.find(html[k], k + 1);
        const size_t end = close == std::string_view::npos ? n : close;
        value = html.substr(k + 1, end - k - 1);
        j = close == std::string_view::npos ? n : close + 1;
      } else {
        const size_t vb = k;
        while (k < n && !IsSpace(html[k]) && html[k] != '>') ++k;
        value = html.substr(vb, k - vb);
        j = k;
      }
    }
    if (tag.end) continue;
    if (attr == "class")
      tag.cls = LowerAscii(value);
    else if (attr == "id")
      tag.id = LowerAscii(value);
    else if (attr == "property" || attr == "itemprop")
      tag.property = LowerAscii(value);
    else if (attr == "name")
      tag.meta_name = LowerAscii(value);
    else if (attr == "content")
      tag.content = std::string(value);
    else if (attr == "datetime")
      tag.datetime = std::string(value);
    else if (attr == "role")
      tag.role = LowerAscii(value);
  }
  return n;
}

// Finds "</name" (any case) followed by space, '/' or '>' at or after `from`.
size_t FindEndTag(std::string_view html, size_t from, std::string_view name) {
  while (true) {
    const size_t lt = html.find("</", from);
    if (lt == std::string_view::npos) return lt;
    const size_t after = lt + 2 + name.size();
    bool match = after <= html.size();
    for (size_t k = 0; match && k < name.size(); ++k) match = Lower(html[lt + 2 + k]) == name[k];
    if (match && (after == html.size() || IsSpace(html[after]) || html[after] == '/' ||
                  html[after] == '>')) {
      return lt;
    }
    from = lt + 2;
  }
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool IsCruft(const Tag &tag) {
  if (OneOf(tag.name, kNeverDropped)) return false;
  if (tag.role == "navigation" || tag.role == "complementary" || tag.role == "contentinfo") {
    return true;
  }
  for (std::string_view word : kCruftWords) {
    if (tag.cls.find(word) != std::string::npos || tag.id.find(word) != std::string::npos) {
      return true;
    }
  }
  return false;
}

class Scanner {
 public:
  explicit Scanner(std::string_view html) : html_(html) {}

  HtmlText Run() {
    size_t i = 0;
    const size_t n = html_.size();
    while (i < n) {
      const char c = html_[i];
      if (c == '<') {
        const size_t next = Markup(i);
        if (next != i) {
          i = next;
          continue;
        }
      }
      if (dropped_ > 0) {
        ++i;
        continue;
      }
      if (c == '&') {
        std::string decoded;
        const size_t len = DecodeEntityAt(html_, i, decoded);
        if (len > 0) {
          if (decoded == "\xC2\xA0") {
            out_.Space(i);  // &nbsp; is layout, not content
          } else {
            out_.Append(decoded, i);
          }
          i += len;
          continue;
        }
      }
      const auto u = static_cast<unsigned char>(c);
      if (IsSpace(c)) {
        out_.Space(i);
        ++i;
      } else if (u < 0x20 || u == 0x7F) {
        ++i;  // stray control byte
      } else if (u < 0x80) {
        out_.Copy(html_, i, 1);
        ++i;
      } else {
        const size_t len = Utf8SequenceLength(html_, i);
        if (len == 0) {
          std::string fffd;
          AppendUtf8(kReplacementChar, fffd);
          out_.Append(fffd, i);
          ++i;
        } else {
          if (len == 2 && html_[i] == '\xC2' && html_[i + 1] == '\xA0') {
            out_.Space(i);
          } else {
            out_.Copy(html_, i, len);
          }
          i += len;
        }
      }
    }
    HtmlText result = out_.Finish(n);
    result.title = !title_.empty() ? title_ : og_title_;
    result.published = !meta_published_.empty() ? meta_published_ : time_published_;
    return result;
  }

 private:
  // Handles markup at html_[i] == '<'; returns the index after it, or i when
  // the '<' is plain text ("a < b", "<3").
  size_t Markup(size_t i) {
    const size_t n = html_.size();
    if (i + 1 >= n) return i;
    const char c1 = html_[i + 1];
    if (c1 == '!') {
      if (html_.substr(i, 4) == "<!--") {
        const size_t end = html_.find("-->", i + 2);
        return end == std::string_view::npos ? n : end + 3;
      }
      if (html_.substr(i, 9) == "<![CDATA[") {
        const size_t end = html_.find("]]>", i + 9);
        return end == std::string_view::npos ? n : end + 3;
      }
      const size_t end = html_.find('>', i + 2);  // <!DOCTYPE ...>
      return end == std::string_view::npos ? n : end + 1;
    }
    if (c1 == '?') {
      const size_t end = html_.find('>', i + 2);
      return end == std::string_view::npos ? n : end + 1;
    }
    const bool end_tag = c1 == '/';
    if (end_tag && (i + 2 >= n || !IsAsciiAlpha(html_[i + 2]))) {
      if (i + 2 < n && html_[i + 2] == '>') return i + 3;  // "</>" is ignored
      const size_t end = html_.find('>', i + 2);           // "</ x>" is a bogus comment
      return end == std::string_view::npos ? n : end + 1;
    }
    if (!end_tag && !IsAsciiAlpha(c1)) return i;
    Tag tag;
    size_t next = ParseTag(html_, i, tag);
    if (tag.end) {
      EndTag(tag.name, i);
    } else {
      next = StartTag(tag, i, next);
    }
    return next;
  }

  size_t StartTag(const Tag &tag, size_t at, size_t next) {
    const std::string &name = tag.name;
    if (name == "body" || (!OneOf(name, kHeadContent) && name != "html")) CloseHead();
    if (name == "meta") Meta(tag);
    if (name == "time" && time_published_.empty()) {
      if (auto d = NormalizePublished(tag.datetime)) time_published_ = *d;
    }
    if (OneOf(name, kRawText)) return RawText(name, next);
    if (dropped_ == 0) BlockBoundary(name, at);
    if (tag.self_closing || OneOf(name, kVoid)) return next;
    if (open_.size() >= kMaxOpenElements) return next;
    const bool drop = OneOf(name, kDropped) || IsCruft(tag);
    open_.push_back({name, drop});
    if (drop) ++dropped_;
    return next;
  }

  void EndTag(const std::string &name, size_t at) {
    if (name == "br") {  // "</br>" is a <br> in every browser
      if (dropped_ == 0) out_.Break(1, at);
      return;
    }
    for (size_t k = open_.size(); k-- > 0;) {
      if (open_[k].name != name) continue;
      while (open_.size() > k) {
        if (open_.back().drop) --dropped_;
        open_.pop_back();
      }
      break;
    }
    if (dropped_ == 0) BlockBoundary(name, at);
  }

  void BlockBoundary(std::string_view name, size_t at) {
    if (OneOf(name, kParagraph)) {
      out_.Break(2, at);
    } else if (OneOf(name, kLine)) {
      out_.Break(1, at);
    } else if (OneOf(name, kCell)) {
      out_.Space(at);
    }
  }

  void CloseHead() {
    for (size_t k = 0; k < open_.size(); ++k) {
      if (open_[k].name != "head") continue;
      while (open_.size() > k) {
        if (open_.back().drop) --dropped_;
        open_.pop_back();
      }
      return;
    }
  }

  // Skips the raw-text content of <script>, <style>, <title>...; keeps the
  // first <title> outside <svg> as the document title.
  size_t RawText(const std::string &name, size_t content_begin) {
    const size_t end = FindEndTag(html_, content_begin, name);
    const size_t content_end = end == std::string_view::npos ? html_.size() : end;
    if (name == "title" && title_.empty() && !InSvg()) {
      title_ = SanitizeUtf8(
          CollapseSpaces(DecodeEntities(html_.substr(content_begin, content_end - content_begin))));
    }
    if (end == std::string_view::npos) return html_.size();
    const size_t gt = html_.find('>', end);
    return gt == std::string_view::npos ? html_.size() : gt + 1;
  }

  bool InSvg() const {
    return std::any_of(open_.begin(), open_.end(), [](const Open &o) { return o.name == "svg"; });
  }

  void Meta(const Tag &tag) {
    const std::string &key = !tag.property.empty() ? tag.property : tag.meta_name;
    if (key == "og:title" && og_title_.empty()) {
      og_title_ = SanitizeUtf8(CollapseSpaces(DecodeEntities(tag.content)));
    } else if ((key == "article:published_time" || key == "datepublished") &&
               meta_published_.empty()) {
      if (auto d = NormalizePublished(tag.content)) meta_published_ = *d;
    }
  }

  struct Open {
    std::string name;
    bool drop;
  };

  std::string_view html_;
  TextBuilder out_;
  std::vector<Open> open_;
  size_t dropped_ = 0;  // entries of open_ with drop == true
  std::string title_, og_title_, meta_published_, time_published_;
};

}  // namespace

HtmlText HtmlToText(std::string_view html) { return Scanner(html).Run(); }

}  // namespace harmwatch::ingest
