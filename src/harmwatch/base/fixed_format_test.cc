#include "harmwatch/base/fixed_format.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

namespace harmwatch {
namespace {

std::string Fast(double v, int decimals) {
  char buf[kFixedFormatRoom];
  return std::string(buf, FormatFixed(v, decimals, buf));
}

std::string Reference(double v, int decimals) {
  char buf[kFixedFormatRoom];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

TEST(FormatFixed, WritesWhatToCharsWrites) {
  for (double v : {0.0, -0.0, 1.0, -1.0, 36.2021, -0.0000001, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375,
                   35.93, 1e7, 99999999.99, 1e300, -1e-300, 123456.789, 0.05, 0.15, 0.25})
    for (int d = 0; d <= 9; ++d) EXPECT_EQ(Fast(v, d), Reference(v, d)) << v << " with " << d;
}

TEST(FormatFixed, AgreesWithToCharsOnRandomCoordinatesScoresAndTies) {
  std::mt19937_64 rng(20261125);
  std::uniform_real_distribution<double> coordinate(-180.0, 180.0), score(-20.0, 20.0);
  for (int i = 0; i < 200000; ++i) {
    double c = coordinate(rng), s = score(rng);
    ASSERT_EQ(Fast(c, 6), Reference(c, 6)) << c;
    ASSERT_EQ(Fast(s, 1), Reference(s, 1)) << s;
    ASSERT_EQ(Fast(s * 50, 0), Reference(s * 50, 0)) << s * 50;
    // Values next to a decimal tie, where rounding the product could differ.
    double tie = (std::floor(c * 1e4) + 0.5) / 1e4;
    double near_tie = std::nextafter(tie, 1e9);
    ASSERT_EQ(Fast(tie, 4), Reference(tie, 4)) << tie;
    ASSERT_EQ(Fast(near_tie, 4), Reference(near_tie, 4)) << near_tie;
  }
}

}  // namespace
}  // namespace harmwatch
