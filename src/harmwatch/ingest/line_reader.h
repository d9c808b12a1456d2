// Reads a stream line by line in fixed-size chunks, so a 1 GB JSON Lines file
// never needs more memory than its longest line, and a line longer than the
// limit costs nothing: it is skipped and reported. Not thread-safe (one per
// stream).
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace harmwatch::ingest {

class LineReader {
 public:
  // `initial` holds bytes already taken from `in` (e.g. while sniffing the
  // format).
  LineReader(std::istream &in, size_t max_line_bytes, std::string initial = {});

  // Next line without its "\n" / "\r\n". Returns false at the end of the
  // stream. When the line is longer than max_line_bytes, `line` is empty and
  // `too_long` true.
  bool Next(std::string &line, bool &too_long);

  // True when the stream failed for a reason other than reaching its end.
  bool failed() const { return in_.bad(); }

 private:
  bool Fill();

  std::istream &in_;
  size_t max_line_bytes_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
};

}  // namespace harmwatch::ingest
