// `ringfence serve`'s HTTP server, as a table of entry points. It lives in a module of
// its own (ringfence_http.so), loaded when a server starts: cpp-httplib links OpenSSL
// and Brotli's decoder, whose loading cost every other process about 5 ms at start-up.
#pragma once
#include <signal.h>

#include <functional>
#include <string>

#include "ringfence/report_service.hpp"
#include "server/access_token.hpp"

namespace ringfence::http {

// Raised whenever the table or the settings change, so a module from another build is
// refused.
inline constexpr int kApiVersion = 1;
// The module's one exported symbol: `const Api* ringfence_http_api()`.
inline constexpr const char* kEntryPoint = "ringfence_http_api";
inline constexpr const char* kModuleName = "ringfence_http.so";

struct Settings {
  std::string host;
  int port = 0;                                // 0: any free port
  bool loopback = true;                        // refuse requests naming another host
  const server::AccessToken* token = nullptr;  // every request must present it
};

// What serve() returns.
enum class Outcome { kStopped, kCannotListen, kFailed };

struct Api {
  int version;
  // Binds, calls on_listening with the port, then serves `service` until SIGINT or
  // SIGTERM (which the caller has blocked in every thread). kCannotListen, with
  // `error` saying why, when it cannot bind.
  Outcome (*serve)(const Settings& settings, ReportService& service,
                   const std::function<void(int port)>& on_listening, std::string& error);
};

// The table, the module loaded on first use; throws std::runtime_error saying what is
// missing.
const Api& api();

// The signals that stop a server: the caller blocks them in every thread before
// serve(), whose own thread waits for them.
inline sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

// The implementation, compiled into the module only.
Outcome serve(const Settings& settings, ReportService& service,
              const std::function<void(int port)>& on_listening, std::string& error);

}  // namespace ringfence::http
