#include <gtest/gtest.h>

#include "harmwatch/ingest/readers.h"
#include "harmwatch/ingest/test_util.h"

namespace harmwatch {
namespace {

TEST(JsonRecordTest, AllFields) {
  auto doc = DocumentFromJsonRecord(
      R"({"id":"r1","text":"Rockets hit Idlib.\nShare this:","title":"T","source":"S",)"
      R"("url":"https://x","published":"2023-10-05T10:00:00Z","language":"en","extra":[1,{}]})");
  ASSERT_TRUE(doc) << doc.error().message();
  EXPECT_EQ(doc->id, "r1");
  EXPECT_EQ(doc->text, "Rockets hit Idlib.\n");
  EXPECT_EQ(doc->original, "Rockets hit Idlib.\nShare this:");
  EXPECT_EQ(doc->title, "T");
  EXPECT_EQ(doc->source, "S");
  EXPECT_EQ(doc->url, "https://x");
  EXPECT_EQ(doc->published, "2023-10-05");
  EXPECT_EQ(doc->language, "en");
  testing::ExpectOffsetsRoundTrip(*doc);
}

TEST(JsonRecordTest, HtmlFieldAndNumericId) {
  auto doc = DocumentFromJsonRecord(
      R"({"id":42,"html":"<title>Page</title><p>Eight&nbsp;killed</p>","published":null})");
  ASSERT_TRUE(doc) << doc.error().message();
  EXPECT_EQ(doc->id, "42");
  EXPECT_EQ(doc->text, "Eight killed");
  EXPECT_EQ(doc->title, "Page");
  auto titled = DocumentFromJsonRecord(R"({"html":"<title>Page</title><p>x</p>","title":"Own"})");
  ASSERT_TRUE(titled);
  EXPECT_EQ(titled->title, "Own");
}

std::string ErrorOf(std::string_view line) {
  auto doc = DocumentFromJsonRecord(line);
  return doc ? std::string("(ok)") : doc.error().message();
}

TEST(JsonRecordTest, ClearErrors) {
  EXPECT_EQ(ErrorOf(R"({"text": 5})"), "field 'text' must be a string");
  EXPECT_EQ(ErrorOf(R"({"text": "x", "title": ["a"]})"), "field 'title' must be a string");
  EXPECT_EQ(ErrorOf(R"({"text": "x", "id": true})"), "field 'id' must be a string or an integer");
  EXPECT_EQ(ErrorOf(R"({"text": "  \n "})"), "empty text");
  EXPECT_EQ(ErrorOf(R"({"html": "<script>x</script>"})"), "empty text");
  EXPECT_EQ(ErrorOf(R"({"title": "x"})"), "record has neither 'text' nor 'html'");
  EXPECT_EQ(ErrorOf(R"(["text"])"), "record must be a JSON object");
  EXPECT_EQ(ErrorOf(R"({"text":"x","published":"last Tuesday"})"),
            "field 'published' must be a date YYYY-MM-DD or YYYY-MM, got 'last "
            "Tuesday'");
  EXPECT_EQ(ErrorOf(R"({"text":"x", )").rfind("invalid JSON: ", 0), 0u);
  EXPECT_EQ(ErrorOf(R"({"text":"x"} trailing)").rfind("invalid JSON: ", 0), 0u);
  EXPECT_EQ(ErrorOf(R"({"text":"x","skip":[1,}])").rfind("invalid JSON: ", 0), 0u);
  EXPECT_EQ(ErrorOf("{\"text\":\"caf\xE9\"}").rfind("invalid JSON: ", 0), 0u);
  EXPECT_EQ(ErrorOf(R"({"text":"x","published":"2023-07"})"), "(ok)");
}

}  // namespace
}  // namespace harmwatch
