#include <brotli/encode.h>
#include <zlib.h>

#include <charconv>
#include <stdexcept>

#include "io/sha256.hpp"
#include "ringfence/http_encoding.hpp"

namespace ringfence::server {

namespace {

// HTTP optional whitespace (spaces and tabs) off both ends.
std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Calls f(item) for each comma-separated item, trimmed, empty ones skipped.
template <typename F>
void for_each_item(std::string_view list, F f) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view item = trim_ows(list.substr(0, comma));
    if (!item.empty()) f(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

std::string gzip(std::string_view body) {
  z_stream z{};
  // windowBits 15 + 16: a gzip wrapper, as Content-Encoding: gzip means.
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(body.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const std::size_t written = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate failed");
  out.resize(written);
  return out;
}

std::string brotli(std::string_view body) {
  std::size_t size = BrotliEncoderMaxCompressedSize(body.size());
  if (size == 0) size = body.size() + 1024;
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, body.size(),
                             reinterpret_cast<const uint8_t*>(body.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data())))
    throw std::runtime_error("brotli: compression failed");
  out.resize(size);
  return out;
}

}  // namespace

std::string_view encoding_name(ContentEncoding e) {
  switch (e) {
    case ContentEncoding::kGzip:
      return "gzip";
    case ContentEncoding::kBrotli:
      return "br";
    case ContentEncoding::kIdentity:
      break;
  }
  return "identity";
}

ContentEncoding negotiate_encoding(std::string_view accept_encoding) {
  // q-values of br, gzip and "*" (-1: not named).
  double br = -1, gz = -1, any = -1;
  for_each_item(accept_encoding, [&](std::string_view item) {
    const std::size_t semi = item.find(';');
    const std::string_view name = trim_ows(item.substr(0, semi));
    double q = 1;
    if (semi != std::string_view::npos) {
      std::string_view param = trim_ows(item.substr(semi + 1));
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        param.remove_prefix(2);
        auto [ptr, ec] = std::from_chars(param.data(), param.data() + param.size(), q);
        if (ec != std::errc()) q = 0;
      }
    }
    if (iequals(name, "br"))
      br = q;
    else if (iequals(name, "gzip") || iequals(name, "x-gzip"))
      gz = q;
    else if (name == "*")
      any = q;
  });
  if (br < 0) br = any;
  if (gz < 0) gz = any;
  if (br > 0 && br >= gz) return ContentEncoding::kBrotli;
  if (gz > 0) return ContentEncoding::kGzip;
  return ContentEncoding::kIdentity;
}

std::string encode(std::string_view body, ContentEncoding e) {
  switch (e) {
    case ContentEncoding::kGzip:
      return gzip(body);
    case ContentEncoding::kBrotli:
      return brotli(body);
    case ContentEncoding::kIdentity:
      break;
  }
  return std::string(body);
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  bool found = false;
  for_each_item(if_none_match, [&](std::string_view tag) {
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == "*" || tag == etag) found = true;
  });
  return found;
}

EncodedBody::EncodedBody(std::string content_type, std::string body)
    : content_type_(std::move(content_type)),
      etag_("\"" + io::sha256_hex(body).substr(0, 32) + "\"") {
  std::call_once(once_[0], [] {});
  bodies_[0] = std::make_shared<const std::string>(std::move(body));
}

std::pair<std::shared_ptr<const std::string>, ContentEncoding> EncodedBody::in(
    ContentEncoding e) const {
  if (e == ContentEncoding::kIdentity || bodies_[0]->size() < kCompressAbove)
    return {bodies_[0], ContentEncoding::kIdentity};
  const auto i = static_cast<std::size_t>(e);
  std::call_once(once_[i],
                 [&] { bodies_[i] = std::make_shared<const std::string>(encode(*bodies_[0], e)); });
  return {bodies_[i], e};
}

}  // namespace ringfence::server
