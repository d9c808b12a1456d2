// printf's "%.Nf" for a double: its exact binary value rounded to N decimals, the way
// std::to_chars(..., chars_format::fixed, N) writes it, but without to_chars' exact
// big-number path for the values output carries (coordinates, scores, kilometres).
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace harmwatch {

// Writes `v` with `decimals` digits after the point into `out` (room for
// kFixedFormatRoom bytes) and returns the length written, 0 if it does not fit.
inline constexpr size_t kFixedFormatRoom = 400;  // any finite double in fixed notation

inline size_t FormatFixed(double v, int decimals, char* out) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  // The product v * 10^N is off the exact one by at most 2^-53 of itself: below 1e8
  // that is under 2e-8, so unless the exact product lies within 1e-6 of a rounding tie,
  // rounding the product rounds the exact value. Zero and near-ties (where the sign of
  // "-0.0" or half-even rounding matters) go to to_chars.
  if (decimals >= 0 && decimals <= 9 && std::isfinite(v)) {
    const double scaled = v * kPow10[decimals];
    const double magnitude = std::fabs(scaled);
    if (magnitude < 1e8 && std::fabs(magnitude - std::floor(magnitude) - 0.5) > 1e-6) {
      const auto units = static_cast<uint64_t>(std::llround(magnitude));
      if (units != 0) {
        char* p = out;
        if (v < 0) *p++ = '-';
        uint64_t scale = 1;
        for (int k = 0; k < decimals; ++k) scale *= 10;
        p = std::to_chars(p, out + kFixedFormatRoom, units / scale).ptr;
        if (decimals > 0) {
          *p++ = '.';
          uint64_t fraction = units % scale;
          for (int k = decimals - 1; k >= 0; --k) {
            p[k] = static_cast<char>('0' + fraction % 10);
            fraction /= 10;
          }
          p += decimals;
        }
        return static_cast<size_t>(p - out);
      }
    }
  }
  auto [end, ec] = std::to_chars(out, out + kFixedFormatRoom, v, std::chars_format::fixed, decimals);
  return ec == std::errc() ? static_cast<size_t>(end - out) : 0;
}

}  // namespace harmwatch
