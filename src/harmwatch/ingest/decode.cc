// DecodeToUtf8: bytes of unknown encoding -> valid UTF-8, or a reason why not.
//
// Order of the checks, and why:
//  1. A BOM is the only reliable signal, so it wins: EF BB BF (UTF-8, dropped),
//     FF FE (UTF-16LE), FE FF (UTF-16BE).
//  2. Binary junk is refused before guessing: a NUL byte never occurs in text
//  we
//     read, and more than kMaxControlPercent of C0 control bytes (other than
//     tab, CR, LF, FF) means an image, a PDF or a zip, not a report.
//  3. Valid UTF-8 is taken as UTF-8 (random windows-1252 prose is almost never
//     valid UTF-8 once it has any byte >= 0x80).
//  4. Anything else is read as windows-1252, the de-facto default of old news
//     sites: "don\x92t" -> "don’t". ICU does the table lookups.
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <memory>
#include <string>

#include "harmwatch/ingest/readers.h"
#include "harmwatch/ingest/utf8.h"

namespace harmwatch {
namespace {

// More than 1% C0 control bytes (excluding whitespace) marks binary data.
constexpr size_t kMaxControlPercent = 1;

bool IsBinaryControl(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
}

Status CheckNotBinary(std::u16string_view units) {
  size_t control = 0;
  for (char16_t u : units) {
    if (u == 0) return Status::InvalidArgument("binary data, not text (NUL byte)");
    if (u < 0x80 && IsBinaryControl(static_cast<unsigned char>(u))) ++control;
  }
  if (control * 100 > units.size() * kMaxControlPercent) {
    return Status::InvalidArgument("binary data, not text (too many control bytes)");
  }
  return Status::Ok();
}

Status CheckNotBinary(std::string_view bytes) {
  size_t control = 0;
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return Status::InvalidArgument("binary data, not text (NUL byte)");
    if (IsBinaryControl(c)) ++control;
  }
  if (control * 100 > bytes.size() * kMaxControlPercent) {
    return Status::InvalidArgument("binary data, not text (too many control bytes)");
  }
  return Status::Ok();
}

struct ConverterCloser {
  void operator()(UConverter *c) const { ucnv_close(c); }
};

// UTF-16 code units -> UTF-8; unpaired surrogates become U+FFFD.
Result<std::string> Utf16ToUtf8(std::u16string_view units) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t needed = 0;
  u_strToUTF8WithSub(nullptr, 0, &needed, units.data(), static_cast<int32_t>(units.size()),
                     ingest::kReplacementChar, nullptr, &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
    return Err(Status::Internal(std::string("UTF-8 encoding failed: ") + u_errorName(err)));
  }
  std::string out(static_cast<size_t>(needed), '\0');
  err = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), needed, &needed, units.data(), static_cast<int32_t>(units.size()),
                     ingest::kReplacementChar, nullptr, &err);
  if (U_FAILURE(err)) {
    return Err(Status::Internal(std::string("UTF-8 encoding failed: ") + u_errorName(err)));
  }
  return out;
}

// Any ICU-known charset -> UTF-16 code units; illegal input becomes U+FFFD.
Result<std::u16string> ToUtf16(const char *charset, std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset, &err));
  if (U_FAILURE(err)) {
    return Err(
        Status::Unsupported(std::string("no converter for ") + charset + ": " + u_errorName(err)));
  }
  // Every input byte yields at most two UTF-16 units in the charsets we use.
  std::u16string units(bytes.size() * 2 + 2, u'\0');
  const int32_t n = ucnv_toUChars(conv.get(), units.data(), static_cast<int32_t>(units.size()),
                                  bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) {
    return Err(Status::InvalidArgument(std::string("cannot decode as ") + charset + ": " +
                                       u_errorName(err)));
  }
  units.resize(static_cast<size_t>(n));
  return units;
}

// 64 MB is the per-document limit of the readers; int32 lengths in ICU must not
// overflow.
constexpr size_t kMaxDecodeBytes = size_t{1} << 30;

}  // namespace

Result<DecodedText> DecodeText(std::string_view bytes) {
  if (bytes.empty()) return Err(Status::InvalidArgument("empty"));
  if (bytes.size() > kMaxDecodeBytes) return Err(Status::InvalidArgument("input too large"));
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    const bool le = bytes[0] == '\xFF';
    const char *charset = le ? "UTF-16LE" : "UTF-16BE";
    std::string_view body = bytes.substr(2);
    if (body.empty()) return Err(Status::InvalidArgument("empty"));
    auto units = ToUtf16(charset, body);
    if (!units) return Err(units.error());
    HW_RETURN_IF_ERROR(CheckNotBinary(*units));
    auto utf8 = Utf16ToUtf8(*units);
    if (!utf8) return Err(utf8.error());
    return DecodedText{std::move(*utf8), charset};
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    if (bytes.empty()) return Err(Status::InvalidArgument("empty"));
  }
  HW_RETURN_IF_ERROR(CheckNotBinary(bytes));
  if (ingest::IsValidUtf8(bytes)) return DecodedText{std::string(bytes), "UTF-8"};
  auto units = ToUtf16("windows-1252", bytes);
  if (!units) return Err(units.error());
  auto utf8 = Utf16ToUtf8(*units);
  if (!utf8) return Err(utf8.error());
  return DecodedText{std::move(*utf8), "windows-1252"};
}

Result<std::string> DecodeToUtf8(std::string_view bytes) {
  auto decoded = DecodeText(bytes);
  if (!decoded) return Err(decoded.error());
  return std::move(decoded->text);
}

}  // namespace harmwatch
