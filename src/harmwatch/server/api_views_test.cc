#include "harmwatch/server/api_views.h"

#include <gtest/gtest.h>

namespace harmwatch::server {
namespace {

TEST(Utf16Offsets, CountsCodeUnitsNotBytes) {
  // "a", "é" (2 bytes, 1 unit), "😀" (4 bytes, 2 units), "b".
  std::string s =
      "a\xC3\xA9\xF0\x9F\x98\x80"
      "b";
  auto o = Utf16Offsets(s);
  ASSERT_EQ(o.size(), s.size() + 1);
  EXPECT_EQ(o[0], 0u);
  EXPECT_EQ(o[1], 1u);  // é starts
  EXPECT_EQ(o[3], 2u);  // 😀 starts
  EXPECT_EQ(o[7], 4u);  // b
  EXPECT_EQ(o[8], 5u);  // end
}

TEST(ParseListRequest, ReadsFiltersAndPaging) {
  Params p = {{"from", "2024-03-01"}, {"to", "2024-03-31"}, {"bbox", "35,35,37,37"},
              {"min_killed", "2"},    {"limit", "10"},      {"offset", "20"},
              {"sort", "killed"},     {"order", "asc"}};
  auto r = ParseListRequest(p);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->query.from, "2024-03-01");
  EXPECT_EQ(*r->query.west, 35);
  EXPECT_EQ(*r->query.min_killed, 2);
  EXPECT_EQ(r->limit, 10u);
  EXPECT_EQ(r->offset, 20u);
  EXPECT_EQ(r->sort, "killed");
  EXPECT_FALSE(r->descending);
}

TEST(ParseListRequest, NamesTheBadParameter) {
  auto unknown = ParseListRequest({{"colour", "red"}});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message().find("colour"), std::string::npos);
  auto twice = ParseListRequest({{"from", "2024-01-01"}, {"from", "2024-02-01"}});
  EXPECT_FALSE(twice);
  EXPECT_FALSE(ParseListRequest({{"limit", "-1"}}));
  EXPECT_FALSE(ParseListRequest({{"limit", "999999999"}}));
  EXPECT_FALSE(ParseListRequest({{"sort", "password"}}));
  EXPECT_FALSE(ParseListRequest({{"min_killed", "1; DROP TABLE users"}}));
  EXPECT_FALSE(ParseListRequest({{"from", "2024-03-31"}, {"to", "2024-03-01"}}));
}

TEST(TimelineCounts, CountsPerDayAndUndated) {
  std::vector<merge::Incident> v(3);
  v[0].merged.date = "2024-03-14";
  v[0].merged.killed = 4;
  v[1].merged.date = "2024-03-14";
  auto j = TimelineCounts(v);
  ASSERT_EQ(j["days"].size(), 1u);
  EXPECT_EQ(j["days"][0]["incidents"], 2);
  EXPECT_EQ(j["days"][0]["killed"], 4);
  EXPECT_EQ(j["undated"], 1);
}

}  // namespace
}  // namespace harmwatch::server
