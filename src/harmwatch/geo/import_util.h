// Helpers shared by the importers (internal to hw_geo).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "harmwatch/base/status.h"

namespace harmwatch {

// The whole file as bytes. Errors: NotFound / IoError naming the path.
Result<std::string> ReadWholeFile(const std::string& path);

// "dir/syr_populated_places.geojson" -> "syr_populated_places.geojson", for messages.
std::string BaseName(const std::string& path);

// Collects warnings up to a cap so that a file of junk does not yield a million lines.
class WarningSink {
 public:
  // At most this many warnings per file; the rest are counted in one summary line.
  static constexpr size_t kMaxWarnings = 100;

  WarningSink(std::vector<std::string>* out, std::string file)
      : out_(out), file_(std::move(file)) {}
  ~WarningSink() { Flush(); }
  void Add(const std::string& where, const std::string& what) {
    ++count_;
    if (out_ != nullptr && count_ <= kMaxWarnings)
      out_->push_back(file_ + ": " + where + ": " + what);
    if (first_.empty()) first_ = where + ": " + what;
  }
  void Flush() {
    if (out_ != nullptr && count_ > kMaxWarnings) {
      out_->push_back(file_ + ": " + std::to_string(count_ - kMaxWarnings) + " more warnings");
    }
    count_ = std::min(count_, kMaxWarnings);
  }
  size_t count() const { return count_; }
  const std::string& first() const { return first_; }

 private:
  std::vector<std::string>* out_;
  std::string file_;
  size_t count_ = 0;
  std::string first_;
};

}  // namespace harmwatch
