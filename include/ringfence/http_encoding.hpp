// Compressed responses and validators for `ringfence serve`: which encoding a
// client accepts (RFC 9110 Accept-Encoding, q-values honoured), gzip through zlib and
// brotli through libbrotlienc, and bodies kept with their compressed forms and an
// entity tag, so a large body is compressed once, not once per request.
#pragma once
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace ringfence::server {

enum class ContentEncoding { kIdentity, kGzip, kBrotli };

// "identity", "gzip", "br".
std::string_view encoding_name(ContentEncoding e);

// The encoding to answer with: brotli when the client accepts it, else gzip, else
// identity. An encoding with q=0 is refused; "*" stands for those not named.
ContentEncoding negotiate_encoding(std::string_view accept_encoding);

// `body` in encoding `e`: gzip at zlib's level 6, brotli at quality 5 (a few tens of
// MB/s, about as small as gzip -9). Throws std::runtime_error when the library fails.
std::string encode(std::string_view body, ContentEncoding e);

// Bodies smaller than this go out as they are: compressing them saves nothing.
inline constexpr std::size_t kCompressAbove = 1024;

// True when an If-None-Match header value names `etag` (or is "*"). Weak tags match
// too: the bodies here differ only by content-encoding, which Vary covers.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// An immutable response body, its entity tag (a quoted SHA-256 prefix of the body),
// and its compressed forms, each made on its first request. Thread-safe.
class EncodedBody {
 public:
  EncodedBody(std::string content_type, std::string body);
  const std::string& content_type() const { return content_type_; }
  const std::string& etag() const { return etag_; }
  std::size_t size() const { return bodies_[0]->size(); }
  // The body in encoding `e` (identity for small bodies, whatever `e`), and the
  // encoding it is actually in.
  std::pair<std::shared_ptr<const std::string>, ContentEncoding> in(ContentEncoding e) const;

 private:
  std::string content_type_;
  std::string etag_;
  mutable std::array<std::once_flag, 3> once_;
  mutable std::array<std::shared_ptr<const std::string>, 3> bodies_;
};

}  // namespace ringfence::server
