// Helpers shared by the ingest tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "harmwatch/model/document.h"

namespace harmwatch::testing {

// Every text byte that is not produced by the reader itself (a line break or
// space it inserted, or an entity it decoded) must be the same byte in the
// original.
inline void ExpectOffsetsRoundTrip(const InputDocument &doc) {
  if (doc.text_to_original.empty()) {
    EXPECT_EQ(doc.text, doc.original);
    return;
  }
  ASSERT_EQ(doc.text_to_original.size(), doc.text.size() + 1);
  for (size_t i = 0; i < doc.text.size(); ++i) {
    const uint32_t o = doc.text_to_original[i];
    ASSERT_LT(o, doc.original.size()) << "text byte " << i;
    if (i > 0) {
      ASSERT_LE(doc.text_to_original[i - 1], o) << "text byte " << i;
    }
    const char t = doc.text[i];
    const char g = doc.original[o];
    const bool inserted_space = (t == ' ' || t == '\n');
    const bool entity = g == '&';
    const bool replacement = static_cast<unsigned char>(t) >= 0x80 && entity;
    if (!inserted_space && !entity && !replacement) {
      ASSERT_EQ(t, g) << "text byte " << i << " maps to original byte " << o;
    }
  }
  EXPECT_LE(doc.text_to_original.back(), doc.original.size());
}

}  // namespace harmwatch::testing
