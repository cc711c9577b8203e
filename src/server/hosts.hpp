// Host names as `serve` checks them.
#pragma once
#include <string>

namespace ringfence::server {

inline bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// The host part of a Host header: "127.0.0.1:8754" -> "127.0.0.1", "[::1]:80" -> "::1".
inline std::string host_of(const std::string& header) {
  if (!header.empty() && header.front() == '[') {
    const std::size_t close = header.find(']');
    return close == std::string::npos ? header : header.substr(1, close - 1);
  }
  return header.substr(0, header.find(':'));
}

}  // namespace ringfence::server
