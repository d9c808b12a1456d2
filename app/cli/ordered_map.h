// OrderedParallelMap: a bounded parallel map that hands results back in input order.
//
// The caller (one producer thread) Push()es items; `threads` workers run `map` on them
// concurrently; one writer thread calls `write` with the results strictly in the order
// the items were pushed. At most `window` items are in flight (pushed but not yet
// written): Push() blocks while the window is full, so memory stays bounded however
// long the input is and however slow one item is.
//
// With threads == 1 everything runs inline on the caller's thread (no threads at all);
// the output is the same by construction, and tests/cli checks it is byte-identical.
//
// Thread-safety: Push() and Finish() from one thread only. `map` runs on many threads
// at once and must be safe for that; `write` runs on one thread at a time.
// Errors: `map` and `write` must not throw (the CLI turns every failure into a value).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace harmwatch::cli {

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
    writer_ = std::thread([this] { WriterLoop(); });
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
    space_cv_.wait(lock, [this] { return next_seq_ - next_write_ < window_; });
    todo_.emplace_back(next_seq_++, std::move(item));
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
    done_cv_.notify_all();
    for (auto& t : workers_) t.join();
    writer_.join();
  }

  // Largest number of items that were in flight at once (for tests of the bound).
  size_t max_in_flight() const {
    std::lock_guard lock(mu_);
    return max_in_flight_;
  }

 private:
  void WorkerLoop() {
    for (;;) {
      std::pair<uint64_t, In> job;
      {
        std::unique_lock lock(mu_);
        work_cv_.wait(lock, [this] { return !todo_.empty() || closing_; });
        if (todo_.empty()) return;  // closing and nothing left
        job = std::move(todo_.front());
        todo_.pop_front();
        size_t in_flight = next_seq_ - next_write_;
        if (in_flight > max_in_flight_) max_in_flight_ = in_flight;
      }
      Out out = map_(std::move(job.second));
      {
        std::lock_guard lock(mu_);
        done_.emplace(job.first, std::move(out));
      }
      done_cv_.notify_one();
    }
  }

  void WriterLoop() {
    for (;;) {
      std::optional<Out> out;
      {
        std::unique_lock lock(mu_);
        done_cv_.wait(lock, [this] {
          return done_.count(next_write_) > 0 || (closing_ && next_write_ == next_seq_);
        });
        auto it = done_.find(next_write_);
        if (it == done_.end()) return;  // closing and everything written
        out.emplace(std::move(it->second));
        done_.erase(it);
      }
      write_(std::move(*out));
      {
        std::lock_guard lock(mu_);
        ++next_write_;  // only now does the slot leave the window
      }
      space_cv_.notify_one();
    }
  }

  const int threads_;
  const size_t window_;
  const MapFn map_;
  const WriteFn write_;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;   // todo_ gained an item, or closing
  std::condition_variable done_cv_;   // done_ gained an item, or closing
  std::condition_variable space_cv_;  // the window has room
  std::deque<std::pair<uint64_t, In>> todo_;
  std::map<uint64_t, Out> done_;  // finished, waiting for their turn to be written
  uint64_t next_seq_ = 0;         // sequence number of the next pushed item
  uint64_t next_write_ = 0;       // sequence number the writer waits for
  size_t max_in_flight_ = 0;
  bool closing_ = false;
  std::vector<std::thread> workers_;
  std::thread writer_;
};

}  // namespace harmwatch::cli
