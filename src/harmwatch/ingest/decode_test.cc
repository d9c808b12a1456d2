#include <gtest/gtest.h>

#include "harmwatch/ingest/readers.h"
#include "harmwatch/ingest/utf8.h"

namespace harmwatch {
namespace {

TEST(DecodeTest, Utf8PassesThroughAndBomIsDropped) {
  EXPECT_EQ(DecodeToUtf8("Idlib’s market").value(), "Idlib’s market");
  EXPECT_EQ(DecodeToUtf8("\xEF\xBB\xBFإدلب").value(), "إدلب");
  EXPECT_EQ(DecodeText("plain").value().encoding, std::string("UTF-8"));
}

TEST(DecodeTest, Windows1252Fallback) {
  auto d = DecodeText("don\x92t \x93quoted\x94 caf\xE9 \x96 done");
  ASSERT_TRUE(d) << d.error().message();
  EXPECT_EQ(d->text, "don’t “quoted” café – done");
  EXPECT_EQ(d->encoding, std::string("windows-1252"));
}

TEST(DecodeTest, Utf16WithBom) {
  const std::string le(
      "\xFF\xFE"
      "A\0\x39\x06"
      "\n\0",
      8);  // "Aع\n"
  EXPECT_EQ(DecodeToUtf8(le).value(), "A\xD8\xB9\n");
  const std::string be(
      "\xFE\xFF"
      "\0A\x06\x39",
      6);
  EXPECT_EQ(DecodeToUtf8(be).value(), "A\xD8\xB9");
  // An unpaired surrogate becomes U+FFFD, never invalid UTF-8.
  const std::string lone(
      "\xFF\xFE"
      "\x00\xD8"
      "B\0",
      6);
  auto d = DecodeToUtf8(lone);
  ASSERT_TRUE(d);
  EXPECT_TRUE(ingest::IsValidUtf8(*d));
  EXPECT_EQ(*d,
            "\xEF\xBF\xBD"
            "B");
}

TEST(DecodeTest, BinaryAndEmptyRefused) {
  auto nul = DecodeToUtf8(std::string("PK\x03\x04\0\0junk", 10));
  ASSERT_FALSE(nul);
  EXPECT_EQ(nul.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(nul.error().message().find("binary data, not text"), std::string::npos);

  std::string controls(200, 'a');
  for (int i = 0; i < 10; ++i) controls[i * 20] = '\x01';
  auto ctl = DecodeToUtf8(controls);
  ASSERT_FALSE(ctl);
  EXPECT_NE(ctl.error().message().find("binary data"), std::string::npos);

  auto empty = DecodeToUtf8("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message(), "empty");
  EXPECT_FALSE(DecodeToUtf8("\xEF\xBB\xBF"));
  EXPECT_FALSE(DecodeToUtf8("\xFF\xFE"));
}

TEST(DecodeTest, Utf8Helpers) {
  EXPECT_TRUE(ingest::IsValidUtf8("abc ’ إدلب 😀"));
  EXPECT_FALSE(ingest::IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(ingest::IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(ingest::IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(ingest::IsValidUtf8("\xE2\x80"));          // truncated
  EXPECT_EQ(ingest::SanitizeUtf8("a\xFFz"), "a\xEF\xBF\xBDz");
}

}  // namespace
}  // namespace harmwatch
