#include "harmwatch/ingest/line_reader.h"

namespace harmwatch::ingest {
namespace {

// Bytes read from the stream at a time.
constexpr size_t kChunkBytes = size_t{1} << 20;

}  // namespace

LineReader::LineReader(std::istream &in, size_t max_line_bytes, std::string initial)
    : in_(in), max_line_bytes_(max_line_bytes), buf_(std::move(initial)) {}

bool LineReader::Fill() {
  if (eof_) return false;
  buf_.erase(0, pos_);
  pos_ = 0;
  const size_t old = buf_.size();
  buf_.resize(old + kChunkBytes);
  in_.read(buf_.data() + old, static_cast<std::streamsize>(kChunkBytes));
  const auto got = static_cast<size_t>(in_.gcount());
  buf_.resize(old + got);
  if (got == 0) eof_ = true;
  return got > 0;
}

bool LineReader::Next(std::string &line, bool &too_long) {
  line.clear();
  too_long = false;
  if (pos_ >= buf_.size() && !Fill()) return false;
  while (true) {
    const size_t nl = buf_.find('\n', pos_);
    const size_t end = nl == std::string::npos ? buf_.size() : nl;
    if (!too_long) {
      line.append(buf_, pos_, end - pos_);
      if (line.size() > max_line_bytes_) {
        too_long = true;
        line.clear();
        line.shrink_to_fit();
      }
    }
    pos_ = nl == std::string::npos ? buf_.size() : nl + 1;
    if (nl != std::string::npos || !Fill()) break;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace harmwatch::ingest
