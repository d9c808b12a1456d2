// Whole-line page cruft (comment forms, share buttons, photo credits, cookie
// banners, copyright lines) and its removal with the offset map kept.
//
// Rules are data: data/boilerplate/*.tsv (pattern, max_words, note), compiled
// into the binary at build time, so the stage does no I/O. A line is
// boilerplate when, trimmed, it has at most `max_words` words and a rule's RE2
// pattern matches all of it (case-insensitive). Long prose lines therefore can
// never go.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harmwatch/base/status.h"

namespace harmwatch {

// Immutable once built; safe to share between threads.
class BoilerplateRules {
 public:
  // Parses one or more TSV texts in the data/boilerplate format. `name`
  // prefixes errors: "en.tsv:7: bad pattern '(': missing )".
  struct Source {
    std::string_view name;
    std::string_view tsv;
  };
  static Result<BoilerplateRules> FromTsv(const std::vector<Source> &sources);

  // The rules compiled in from data/boilerplate/{en,ar}.tsv. Built on first
  // use.
  static const BoilerplateRules &Builtin();

  // True when `line` (no '\n') is boilerplate.
  bool IsBoilerplateLine(std::string_view line) const;

  size_t size() const;

 private:
  struct Compiled;
  std::shared_ptr<const Compiled> rules_;
};

// Removes boilerplate lines (each with its '\n') from `text`. `map` is the
// text's offset map into its original (empty = identity, of length
// original_size); when anything is removed it is rewritten as an explicit map,
// one entry per byte plus the end entry. Returns true when something was
// removed.
bool StripBoilerplateLines(const BoilerplateRules &rules, std::string &text,
                           std::vector<uint32_t> &map);

}  // namespace harmwatch
