#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harmwatch/ingest/readers.h"
#include "harmwatch/ingest/test_util.h"

namespace harmwatch {
namespace {

namespace fs = std::filesystem;

class ReadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("hw_read_input_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string &rel, const std::string &bytes) {
    const fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  // Reads `path`, returning "origin|id|published|text" per document or "ERR
  // message".
  std::vector<std::string> Read(const std::string &path, ReadOptions options = {}) {
    std::vector<std::string> out;
    Status s = ReadInput(path, options, [&](Result<InputDocument> r) {
      if (!r) {
        out.push_back("ERR " + r.error().message());
        return;
      }
      testing::ExpectOffsetsRoundTrip(*r);
      out.push_back(r->origin + "|" + r->id + "|" + r->published + "|" + r->text);
    });
    if (!s.ok()) out.push_back("STATUS " + s.message());
    return out;
  }

  std::string Rel(const std::string &rel) { return (dir_ / rel).generic_string(); }

  fs::path dir_;
};

TEST_F(ReadInputTest, TextFileWithPublishedOption) {
  const std::string p = Write("report-1.txt", "Rockets hit Idlib.\nShare this:\n");
  EXPECT_EQ(
      Read(p, {.published = "2024-01-02"}),
      std::vector<std::string>{Rel("report-1.txt") + "|report-1|2024-01-02|Rockets hit Idlib.\n"});
}

TEST_F(ReadInputTest, HtmlFileKeepsItsOwnDate) {
  const std::string p = Write("a.html",
                              "<meta property='article:published_time' content='2023-05-06'>"
                              "<p>Eight killed</p>");
  EXPECT_EQ(Read(p, {.published = "2024-01-02"}),
            std::vector<std::string>{Rel("a.html") + "|a|2023-05-06|Eight killed"});
}

TEST_F(ReadInputTest, JsonlErrorsNamedWithLineNumbersAndReadingGoesOn) {
  const std::string p = Write("feed.jsonl",
                              "{\"text\":\"first\"}\n"
                              "\n"
                              "{\"text\": broken\n"
                              "{\"id\":\"own\",\"text\":\"third\",\"published\":\"2020-02-03\"}\r\n"
                              "{\"text\":5}\n"
                              "{\"text\":\"last\"}");
  const auto got = Read(p, {.published = "2024-01-02"});
  const std::string f = Rel("feed.jsonl");
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0], f + ":1|feed-1|2024-01-02|first");
  EXPECT_EQ(got[1].rfind("ERR " + f + ":3: invalid JSON: ", 0), 0u) << got[1];
  EXPECT_EQ(got[2], f + ":4|own|2020-02-03|third");
  EXPECT_EQ(got[3], "ERR " + f + ":5: field 'text' must be a string");
  EXPECT_EQ(got[4], f + ":6|feed-6|2024-01-02|last");
}

TEST_F(ReadInputTest, DirectoryOrderDeterministicAndFiltered) {
  Write("b.txt", "bee");
  Write("a/z.html", "<p>zed</p>");
  Write("a/y.md", "why");
  Write("c.jsonl", "{\"text\":\"see\"}\n");
  Write("c.json", "{\"events\":[]}\n");
  Write("notes.pdf", "%PDF");
  Write(".hidden/x.txt", "hidden");
  Write("empty.txt", "");
  Write("bin.txt", std::string("\0\0\0", 3));
  fs::create_directory_symlink(dir_, dir_ / "a" / "loop");
  const auto got = Read(dir_.string());
  const std::vector<std::string> want = {
      Rel("a/y.md") + "|y||why",
      Rel("a/z.html") + "|z||zed",
      Rel("b.txt") + "|b||bee",
      "ERR " + Rel("bin.txt") + ": binary data, not text (NUL byte)",
      Rel("c.jsonl") + ":1|c-1||see",
      "ERR " + Rel("empty.txt") + ": empty",
  };
  EXPECT_EQ(got, want);
  EXPECT_EQ(Read(dir_.string()), want);  // same again
}

TEST_F(ReadInputTest, Windows1252FileDecoded) {
  const std::string p = Write("old.txt", "They didn\x92t stop.");
  EXPECT_EQ(Read(p), std::vector<std::string>{Rel("old.txt") + "|old||They didn’t stop."});
}

TEST_F(ReadInputTest, MissingInputIsAnError) {
  const auto got = Read(Rel("nope.txt"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], "STATUS " + Rel("nope.txt") + ": no such file or directory");
}

TEST_F(ReadInputTest, JsonFileIsLinesOrOneRecord) {
  const std::string lines = Write("l.json", "{\"text\":\"one\"}\n{\"text\":\"two\"}\n");
  EXPECT_EQ(Read(lines), (std::vector<std::string>{Rel("l.json") + ":1|l-1||one",
                                                   Rel("l.json") + ":2|l-2||two"}));
  const std::string pretty = Write("p.json", "{\n  \"text\": \"one\",\n  \"id\": \"x\"\n}\n");
  EXPECT_EQ(Read(pretty), std::vector<std::string>{Rel("p.json") + "|x||one"});
  const std::string gold = Write("g.json", "{\n  \"events\": []\n}\n");
  EXPECT_EQ(Read(gold), std::vector<std::string>{"ERR " + Rel("g.json") +
                                                 ": record has neither 'text' nor 'html'"});
}

TEST_F(ReadInputTest, UnknownExtensionIsSniffed) {
  const std::string p = Write("feed.data", "\n{\"text\":\"one\"}\n");
  EXPECT_EQ(Read(p), std::vector<std::string>{Rel("feed.data") + ":2|feed-2||one"});
}

TEST(ReadStreamTest, SniffsJsonlHtmlAndText) {
  auto read = [](const std::string &input) {
    std::istringstream in(input);
    std::vector<std::string> out;
    EXPECT_TRUE(ReadStream(in, "-", {}, [&](Result<InputDocument> r) {
                  out.push_back(r ? r->origin + "|" + r->id + "|" + r->text
                                  : "ERR " + r.error().message());
                }).ok());
    return out;
  };
  const auto jsonl = read("  {\"text\":\"a\"}\nnot json\n");
  ASSERT_EQ(jsonl.size(), 2u);
  EXPECT_EQ(jsonl[0], "-:1|stdin-1|a");
  EXPECT_EQ(jsonl[1].rfind("ERR -:2: invalid JSON: ", 0), 0u) << jsonl[1];
  EXPECT_EQ(read("\n<p>Eight&nbsp;killed</p>"), std::vector<std::string>{"-|stdin|Eight killed"});
  EXPECT_EQ(read("Plain report.\nTweet\n"), std::vector<std::string>{"-|stdin|Plain report.\n"});
  EXPECT_EQ(read(""), std::vector<std::string>{"ERR -: empty"});
}

}  // namespace
}  // namespace harmwatch

namespace harmwatch {
namespace {

// The real dev corpus reads without errors, and stripping never breaks the
// offset map.
TEST(ReadInputCorpusTest, SharedDevCorpusReadsCleanly) {
  const std::string dev = std::string(HARMWATCH_SHARED_DIR) + "/corpus/dev";
  if (!std::filesystem::exists(dev)) GTEST_SKIP() << "no shared corpus at " << dev;
  size_t docs = 0, stripped = 0;
  for (const char *input : {"/en", "/ar", "/acled/acled-syria-dev.input.jsonl"}) {
    Status s = ReadInput(dev + input, {}, [&](Result<InputDocument> r) {
      ASSERT_TRUE(r) << r.error().message();
      ++docs;
      testing::ExpectOffsetsRoundTrip(*r);
      if (r->text.size() != r->original.size()) ++stripped;
      if (getenv("HW_SHOW_STRIPPED") && !r->text_to_original.empty()) {
        // Lines removed, for reviewing the rules: bytes of original not covered
        // by text.
        size_t prev = 0;
        for (size_t i = 0; i <= r->text.size(); ++i) {
          const size_t o = r->text_to_original[i];
          if (o > prev + 1)
            std::fprintf(stderr, "%s: -[%s]\n", r->origin.c_str(),
                         r->original.substr(prev + 1, o - prev - 2).c_str());
          prev = o;
        }
      }
    });
    EXPECT_TRUE(s.ok()) << s.message();
  }
  EXPECT_GT(docs, 20u);
  EXPECT_GT(stripped, 0u);
}

}  // namespace
}  // namespace harmwatch
