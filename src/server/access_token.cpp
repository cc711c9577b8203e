#include "server/access_token.hpp"

#include <nettle/memops.h>
#include <nettle/sha2.h>

#include <fstream>
#include <stdexcept>

namespace ringfence::server {

namespace {

std::array<unsigned char, 32> sha256(std::string_view bytes) {
  static_assert(SHA256_DIGEST_SIZE == 32);
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  std::array<unsigned char, 32> digest{};
  sha256_digest(&ctx, digest.size(), digest.data());
  return digest;
}

std::string_view trim_blanks(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

AccessToken AccessToken::from_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the token file " + path);
  std::string line;
  std::getline(in, line);
  if (in.bad()) throw std::runtime_error("cannot read the token file " + path);
  return from_text(line, path);
}

AccessToken AccessToken::from_text(std::string_view text, const std::string& origin) {
  const std::string_view token = trim_blanks(text);
  for (char c : token)
    if (c <= ' ' || c > '~' || c == ';' || c == ',' || c == '"' || c == '\\')
      throw std::runtime_error(origin +
                               ": the token may hold only printable ASCII without spaces, "
                               "quotes, commas, semicolons or backslashes");
  if (token.size() < kMinLength)
    throw std::runtime_error(origin + ": the token has " + std::to_string(token.size()) +
                             " characters, expected at least " + std::to_string(kMinLength) +
                             " (e.g. the output of `openssl rand -hex 32`)");
  AccessToken t;
  t.digest_ = sha256(token);
  return t;
}

bool AccessToken::matches(std::string_view presented) const {
  const auto digest = sha256(presented);
  return memeql_sec(digest.data(), digest_.data(), digest.size()) != 0;  // constant time
}

std::optional<std::string> presented_token(std::string_view authorization,
                                           std::string_view cookie) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() > kBearer.size()) {
    bool bearer = true;
    for (std::size_t i = 0; i < kBearer.size(); ++i) {
      const char a = authorization[i], b = kBearer[i];
      if ((a | 0x20) != (b | 0x20)) bearer = false;  // the scheme is case-insensitive
    }
    if (bearer) return std::string(trim_blanks(authorization.substr(kBearer.size())));
  }
  // Cookie: name=value; name2=value2
  while (!cookie.empty()) {
    const std::size_t end = cookie.find(';');
    const std::string_view pair = trim_blanks(cookie.substr(0, end));
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && trim_blanks(pair.substr(0, eq)) == kTokenCookie)
      return std::string(trim_blanks(pair.substr(eq + 1)));
    if (end == std::string_view::npos) break;
    cookie.remove_prefix(end + 1);
  }
  return std::nullopt;
}

}  // namespace ringfence::server
