// Errors as values. The library never throws across its public surface, never
// prints and never exits: a failing call returns a Status (or a Result<T> holding
// one) whose message names the input and the reason, ready for the CLI to print.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace harmwatch {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller's input is malformed (bad JSON, bad date, bad option)
  kNotFound,         // a named file, record or resource does not exist
  kIoError,          // the operating system refused a read or write
  kCorrupt,          // a stored file (index, database) fails its own checks
  kUnsupported,      // a valid input we do not handle (an encoding, a format version)
  kInternal,         // a bug: an invariant did not hold
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {StatusCode::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status IoError(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status Corrupt(std::string msg) { return {StatusCode::kCorrupt, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {StatusCode::kUnsupported, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Prefixes the message with where it happened: "a.jsonl:12: " + message.
  Status WithContext(const std::string& where) const {
    if (ok()) return *this;
    return Status(code_, where + ": " + message_);
  }

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status that explains its absence.
template <typename T>
using Result = tl::expected<T, Status>;

inline tl::unexpected<Status> Err(Status s) { return tl::unexpected<Status>(std::move(s)); }

// Converts to whatever the enclosing function returns: Status or Result<T>.
struct ErrorReturn {
  Status status;
  operator Status() const { return status; }  // NOLINT(google-explicit-constructor)
  template <typename T>
  operator Result<T>() const {  // NOLINT(google-explicit-constructor)
    return tl::unexpected<Status>(status);
  }
};

}  // namespace harmwatch

// Returns early from a function returning Status or Result<T> when `expr` fails.
#define HW_RETURN_IF_ERROR(expr)                          \
  do {                                                    \
    ::harmwatch::Status hw_status_ = (expr);              \
    if (!hw_status_.ok()) return ::harmwatch::ErrorReturn{hw_status_}; \
  } while (0)
