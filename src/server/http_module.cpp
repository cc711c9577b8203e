// Loading the HTTP server module (http/http_api.hpp) when a server starts.
#include "http/http_api.hpp"
#include "io/module_loader.hpp"

namespace ringfence::http {

const Api& api() {
  static const Api& table = load_module_table<Api>(
      {kModuleName, "RINGFENCE_HTTP_MODULE", kEntryPoint, "HTTP", "`serve` needs"}, kApiVersion);
  return table;
}

}  // namespace ringfence::http
