// OrderedParallelMap against the obvious serial loop: same outputs, same order, for
// any thread count, with the in-flight bound respected.
#include "ordered_map.h"

#include <atomic>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace harmwatch::cli {
namespace {

std::string Work(int i) {
  // Uneven work so that later items often finish before earlier ones.
  std::this_thread::sleep_for(std::chrono::microseconds((i * 7919) % 13 * 50));
  return "item-" + std::to_string(i * i);
}

std::vector<std::string> RunWith(int threads, size_t window, int n, size_t* max_in_flight) {
  std::vector<std::string> got;
  OrderedParallelMap<int, std::string> pool(
      threads, window, [](int i) { return Work(i); },
      [&](std::string s) { got.push_back(std::move(s)); });
  for (int i = 0; i < n; ++i) pool.Push(i);
  pool.Finish();
  if (max_in_flight) *max_in_flight = pool.max_in_flight();
  return got;
}

TEST(OrderedParallelMap, MatchesSerialLoopForAnyThreadCount) {
  std::vector<std::string> serial;
  for (int i = 0; i < 300; ++i) serial.push_back(Work(i));
  for (int threads : {1, 2, 3, 8}) {
    size_t max_in_flight = 0;
    EXPECT_EQ(RunWith(threads, 4 * threads, 300, &max_in_flight), serial) << threads;
    EXPECT_LE(max_in_flight, static_cast<size_t>(4 * threads)) << threads;
  }
}

// Workers write what is next in order themselves: never two at once, whichever worker
// finished the item.
TEST(OrderedParallelMap, WritesNeverOverlap) {
  std::atomic<int> writing{0}, overlaps{0};
  std::vector<int> got;
  {
    OrderedParallelMap<int, int> pool(
        4, 16, [](int i) { return i; },
        [&](int v) {
          if (writing.fetch_add(1) != 0) ++overlaps;
          std::this_thread::sleep_for(std::chrono::microseconds(v % 3 * 20));
          got.push_back(v);
          writing.fetch_sub(1);
        });
    for (int i = 0; i < 400; ++i) pool.Push(i);
  }
  EXPECT_EQ(overlaps.load(), 0);
  ASSERT_EQ(got.size(), 400u);
  for (int i = 0; i < 400; ++i) EXPECT_EQ(got[i], i);
}

TEST(OrderedParallelMap, WindowOfOneStillCompletes) {
  EXPECT_EQ(RunWith(4, 1, 50, nullptr).size(), 50u);
}

TEST(OrderedParallelMap, EmptyInputAndDoubleFinish) {
  std::atomic<int> writes{0};
  OrderedParallelMap<int, int> pool(3, 12, [](int i) { return i; }, [&](int) { ++writes; });
  pool.Finish();
  pool.Finish();
  EXPECT_EQ(writes.load(), 0);
}

TEST(OrderedParallelMap, DestructorDrainsPendingItems) {
  std::vector<int> got;
  {
    OrderedParallelMap<int, int> pool(2, 8, [](int i) { return i + 1; },
                                      [&](int v) { got.push_back(v); });
    for (int i = 0; i < 20; ++i) pool.Push(i);
  }
  ASSERT_EQ(got.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(got[i], i + 1);
}

}  // namespace
}  // namespace harmwatch::cli
