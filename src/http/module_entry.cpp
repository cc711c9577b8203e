// The module's one exported symbol: its table of entry points (http/http_api.hpp).
#include "http/http_api.hpp"

extern "C" __attribute__((visibility("default"))) const ringfence::http::Api* ringfence_http_api() {
  using namespace ringfence::http;
  static const Api table{kApiVersion, &serve};
  return &table;
}
