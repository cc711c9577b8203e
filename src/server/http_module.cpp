// Loading the HTTP server module (http/http_api.hpp) when a server starts.
#include "http/http_api.hpp"
#include "io/module_loader.hpp"

namespace ringfence::http {

namespace {

const Api& load() {
  const ModuleSpec spec{kModuleName, "RINGFENCE_HTTP_MODULE", kEntryPoint, "HTTP", "`serve` needs"};
  return load_module_table<Api>(spec, kApiVersion);
}

}  // namespace

const Api& api() {
  static const Api& table = load();
  return table;
}

}  // namespace ringfence::http
