// Checks for fuzz targets: a failed check aborts, which libFuzzer and the
// replay main both report with the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>

#define HW_FUZZ_CHECK(cond)                                                         \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)
