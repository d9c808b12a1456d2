#include "harmwatch/ingest/html_to_text.h"

#include <gtest/gtest.h>

#include "harmwatch/ingest/readers.h"
#include "harmwatch/ingest/test_util.h"
#include "harmwatch/ingest/utf8.h"

namespace harmwatch {
namespace {

std::string Text(const std::string &html) { return DocumentFromHtml(html).text; }

TEST(HtmlTest, BlocksBecomeLinesAndWhitespaceCollapses) {
  EXPECT_EQ(Text("<p>Rockets  hit\n Idlib.</p><p>Eight <b>killed</b>.</p>"),
            "Rockets hit Idlib.\n\nEight killed.");
  EXPECT_EQ(Text("<ul><li>Sarmin</li><li>Afes</li></ul>"), "Sarmin\nAfes");
  EXPECT_EQ(Text("one<br>two<br/>three</br>four"), "one\ntwo\nthree\nfour");
  EXPECT_EQ(Text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"), "a b\nc");
  EXPECT_EQ(Text("   <div>  x  </div>   "), "x");
}

TEST(HtmlTest, EntitiesDecodeAndMapToTheirAmpersand) {
  const std::string html =
      "<p>Idlib&rsquo;s &ldquo;market&rdquo; &amp; camp&nbsp;&mdash; "
      "&#8217;&#x2019;&hellip; &lt;b&gt; &quot;&apos; &bogus; AT&T</p>";
  const InputDocument doc = DocumentFromHtml(html);
  EXPECT_EQ(doc.text, "Idlib’s “market” & camp — ’’… <b> \"' &bogus; AT&T");
  testing::ExpectOffsetsRoundTrip(doc);
  const size_t q = doc.text.find("’");
  EXPECT_EQ(html.substr(doc.text_to_original[q], 7), "&rsquo;");
  EXPECT_EQ(doc.text_to_original[q + 2], doc.text_to_original[q]);
  // windows-1252 numeric references, as browsers read them; invalid ones ->
  // U+FFFD.
  EXPECT_EQ(Text("don&#146;t &#0; &#xD800; &#99999999999;"), "don’t \uFFFD \uFFFD \uFFFD");
}

TEST(HtmlTest, ScriptsStylesCommentsAndFurnitureDropped) {
  const std::string html =
      "<html><head><title>Attack on Sarmin</title><style>p{color:red}</style>"
      "<script>var x = '<p>not text</p>';</script></head><body>"
      "<nav><a href=/>Home</a></nav><header><h1>Attack on Sarmin</h1></header>"
      "<!-- a comment <p>hidden</p> -->"
      "<article><p>Shelling hit Sarmin.</p>"
      "<div class=\"social-share\"><a>Facebook</a></div>"
      "<noscript>enable JS</noscript><svg><title>icon</title><path/></svg>"
      "<p>Two were injured.</p></article>"
      "<aside>Most read</aside><form><input></form>"
      "<section id=\"comments\"><p>great article</p></section>"
      "<footer>© 2024</footer></body></html>";
  const InputDocument doc = DocumentFromHtml(html);
  EXPECT_EQ(doc.text, "Attack on Sarmin\n\nShelling hit Sarmin.\n\nTwo were injured.");
  EXPECT_EQ(doc.title, "Attack on Sarmin");
  testing::ExpectOffsetsRoundTrip(doc);
}

TEST(HtmlTest, MetadataFromMetaAndTime) {
  const InputDocument og = DocumentFromHtml(
      "<head><meta property=\"og:title\" content=\"Raid &amp; ruin\">"
      "<meta property=\"article:published_time\" "
      "content=\"2023-10-05T14:00:00+03:00\">"
      "</head><body><time datetime=\"2020-01-01\">then</time><p>x</p></body>");
  EXPECT_EQ(og.title, "Raid & ruin");
  EXPECT_EQ(og.published, "2023-10-05");
  const InputDocument t =
      DocumentFromHtml("<p>x <time datetime='2019-03-04T10:00Z'>4 March</time></p>");
  EXPECT_EQ(t.published, "2019-03-04");
  EXPECT_EQ(t.title, "");
  EXPECT_EQ(t.text, "x 4 March");
}

TEST(HtmlTest, UnclosedHeadDoesNotSwallowTheBody) {
  EXPECT_EQ(Text("<head><title>T</title><p>Body text</p>"), "Body text");
}

TEST(HtmlTest, MalformedMarkupIsTolerated) {
  EXPECT_EQ(Text("a < b and 3<4 <3 </ x> y"), "a < b and 3<4 <3 y");
  EXPECT_EQ(Text("<p>before<!-- never closed <p>lost"), "before");
  EXPECT_EQ(Text("<p>before<a href=\"unterminated>rest"), "before");
  EXPECT_EQ(Text("<p>one<p>two<div>three"), "one\n\ntwo\nthree");
  EXPECT_EQ(Text("<script>never closed"), "");
  EXPECT_EQ(Text("</p></div></nav>after"), "after");
  EXPECT_EQ(Text("<b><i>x</b></i>y"), "xy");
  EXPECT_EQ(Text("<"), "<");
  EXPECT_EQ(Text("&"), "&");
  EXPECT_EQ(Text("&#"), "&#");
  EXPECT_EQ(Text("<!DOCTYPE html><?xml x?><![CDATA[c]]>t"), "t");
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div><span>";
  deep += "deep";
  EXPECT_EQ(Text(deep), "deep");
}

TEST(HtmlTest, InvalidUtf8BecomesReplacementChar) {
  const InputDocument doc = DocumentFromHtml("<p>caf\xE9 ok</p>");
  EXPECT_EQ(doc.text, "caf\uFFFD ok");
  EXPECT_TRUE(ingest::IsValidUtf8(doc.text));
  EXPECT_EQ(doc.text_to_original[3], 6u);
}

TEST(HtmlTest, BoilerplateLinesStrippedWithMapKept) {
  const std::string html =
      "<article><p>Rockets hit Idlib.</p><p>Share this:</p><p>Credit: (Social "
      "Media)</p>"
      "<p>Eight killed.</p><p>Please enter your comment!</p></article>";
  const InputDocument doc = DocumentFromHtml(html);
  EXPECT_EQ(doc.text.find("Share"), std::string::npos);
  EXPECT_EQ(doc.text.find("Credit"), std::string::npos);
  EXPECT_NE(doc.text.find("Rockets hit Idlib."), std::string::npos);
  EXPECT_NE(doc.text.find("Eight killed."), std::string::npos);
  testing::ExpectOffsetsRoundTrip(doc);
  const size_t e = doc.text.find("Eight");
  EXPECT_EQ(html.substr(doc.text_to_original[e], 5), "Eight");
  EXPECT_EQ(doc.text_to_original.back(), html.size());
}

TEST(HtmlTest, EveryOutputByteMapsForwardAndInRange) {
  const std::string html =
      "<p>x &amp; y</p>\n<div "
      "class=menu>m</div><p>z&#x41;\xF0\x9F\x98\x80 w</p>";
  const ingest::HtmlText t = ingest::HtmlToText(html);
  ASSERT_EQ(t.map.size(), t.text.size() + 1);
  for (size_t i = 1; i < t.map.size(); ++i) EXPECT_LE(t.map[i - 1], t.map[i]);
  EXPECT_EQ(t.map.back(), html.size());
  EXPECT_EQ(t.text, "x & y\n\nzA😀 w");
}

}  // namespace
}  // namespace harmwatch
