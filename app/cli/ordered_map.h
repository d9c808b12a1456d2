// OrderedParallelMap: a bounded parallel map that hands results back in input order.
//
// The caller (one producer thread) Push()es items; `threads` workers run `map` on them
// concurrently and call `write` with the results strictly in the order the items were
// pushed: the worker that finishes the next item to write writes it, and any finished
// items after it, while the others go on mapping. At most `window` items are in flight
// (pushed but not yet written): Push() blocks while the window is full, so memory stays
// bounded however long the input is and however slow one item is.
//
// There is no writer thread, and a blocked producer is woken when the window has
// drained to half, not per slot: with short documents (an ACLED note takes about
// 30 us) each extra sleep and wake-up cost about as much as a document.
//
// With threads == 1 everything runs inline on the caller's thread (no threads at all);
// the output is the same by construction, and tests/cli checks it is byte-identical.
//
// Thread-safety: Push() and Finish() from one thread only. `map` runs on many threads
// at once and must be safe for that; `write` runs on one thread at a time (any worker).
// Errors: `map` and `write` must not throw (the CLI turns every failure into a value).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace harmwatch::cli {

// Items in flight per worker thread, for the CLI's maps. Short documents (an ACLED note
// takes about 30 us) need a deep window to keep the workers busy: at 4 per thread two
// threads ran 1.1-1.25x one, at 16 per thread 1.6-1.7x (bench/BENCHLOG.md). Memory grows
// with the window, never with the length of the input.
inline constexpr size_t kWindowPerThread = 16;

template <typename In, typename Out>
class OrderedParallelMap {
 public:
  using MapFn = std::function<Out(In)>;
  using WriteFn = std::function<void(Out)>;

  OrderedParallelMap(int threads, size_t window, MapFn map, WriteFn write)
      : threads_(threads < 1 ? 1 : threads),
        window_(window < 1 ? 1 : window),
        map_(std::move(map)),
        write_(std::move(write)) {
    if (threads_ == 1) return;
    workers_.reserve(threads_);
    for (int i = 0; i < threads_; ++i) workers_.emplace_back([this] { WorkerLoop(); });
  }

  OrderedParallelMap(const OrderedParallelMap&) = delete;
  OrderedParallelMap& operator=(const OrderedParallelMap&) = delete;

  ~OrderedParallelMap() { Finish(); }

  // Queues one item; blocks while `window` items are in flight.
  void Push(In item) {
    if (threads_ == 1) {
      write_(map_(std::move(item)));
      return;
    }
    std::unique_lock lock(mu_);
    producer_waiting_ = true;
    space_cv_.wait(lock, [this] { return next_seq_ - next_write_ < window_; });
    producer_waiting_ = false;
    todo_.emplace_back(next_seq_++, std::move(item));
    lock.unlock();
    work_cv_.notify_one();
  }

  // Waits until every pushed item has been written, then stops the threads.
  // Idempotent.
  void Finish() {
    if (threads_ == 1) return;
    {
      std::lock_guard lock(mu_);
      if (closing_) return;
      closing_ = true;
    }
    work_cv_.notify_all();
    for (auto& t : workers_) t.join();
  }

  // Largest number of items that were in flight at once (for tests of the bound).
  size_t max_in_flight() const {
    std::lock_guard lock(mu_);
    return max_in_flight_;
  }

 private:
  void WorkerLoop() {
    std::unique_lock lock(mu_);
    for (;;) {
      work_cv_.wait(lock, [this] { return !todo_.empty() || closing_; });
      if (todo_.empty()) return;  // closing and nothing left
      std::pair<uint64_t, In> job = std::move(todo_.front());
      todo_.pop_front();
      size_t in_flight = next_seq_ - next_write_;
      if (in_flight > max_in_flight_) max_in_flight_ = in_flight;
      lock.unlock();
      Out out = map_(std::move(job.second));
      lock.lock();
      done_.emplace(job.first, std::move(out));
      if (!writing_) WriteReady(lock);
    }
  }

  // Writes the finished items that are next in order, with `mu_` held on entry and on
  // return (released around each write).
  void WriteReady(std::unique_lock<std::mutex>& lock) {
    writing_ = true;
    for (auto it = done_.find(next_write_); it != done_.end(); it = done_.find(next_write_)) {
      Out out = std::move(it->second);
      done_.erase(it);
      lock.unlock();
      write_(std::move(out));
      lock.lock();
      ++next_write_;  // only now does the slot leave the window
      if (producer_waiting_ && next_seq_ - next_write_ <= window_ / 2) space_cv_.notify_one();
    }
    writing_ = false;
  }

  const int threads_;
  const size_t window_;
  const MapFn map_;
  const WriteFn write_;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;   // todo_ gained an item, or closing
  std::condition_variable space_cv_;  // the window has drained to half
  std::deque<std::pair<uint64_t, In>> todo_;
  std::map<uint64_t, Out> done_;  // finished, waiting for their turn to be written
  uint64_t next_seq_ = 0;         // sequence number of the next pushed item
  uint64_t next_write_ = 0;       // sequence number the writer waits for
  size_t max_in_flight_ = 0;
  bool closing_ = false;
  bool writing_ = false;           // a worker is writing (write_ runs on one at a time)
  bool producer_waiting_ = false;  // Push() waits for room
  std::vector<std::thread> workers_;
};

}  // namespace harmwatch::cli
