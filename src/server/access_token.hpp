// The shared secret that `ringfence serve --token-file FILE` asks of every request.
//
// A request presents the token in one of three ways: the header
// `Authorization: Bearer TOKEN` (scripts), the cookie `ringfence_token=TOKEN` (the
// page, after its first visit), or `?token=TOKEN` on the page's own address, which
// the server answers by setting that cookie. Tokens are compared through their
// SHA-256 digests with a constant-time comparison, so neither the content nor the
// length of the secret leaks through response times.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ringfence::server {

inline constexpr std::string_view kTokenCookie = "ringfence_token";

class AccessToken {
 public:
  static constexpr std::size_t kMinLength = 16;

  // Reads the token from `path`: its first line, surrounding whitespace removed.
  // Throws std::runtime_error naming the file when it cannot be read, or when the
  // token is shorter than kMinLength characters or holds characters outside
  // printable ASCII (a token travels in headers and cookies).
  static AccessToken from_file(const std::string& path);
  // The same checks on a token given directly; `origin` names it in messages.
  static AccessToken from_text(std::string_view text, const std::string& origin);

  // True when `presented` is the token.
  bool matches(std::string_view presented) const;

 private:
  std::array<unsigned char, 32> digest_{};
};

// The token a request presents, from its Authorization and Cookie headers; nullopt
// when it presents none.
std::optional<std::string> presented_token(std::string_view authorization, std::string_view cookie);

}  // namespace ringfence::server
