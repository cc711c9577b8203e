#include "io/toml_file.hpp"

#include "ringfence/diagnostics.hpp"

namespace ringfence::io {

toml::table parse_toml_file(const std::string& path) {
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw InputError(path, e.source().begin.line, e.source().begin.column,
                     std::string(e.description()));
  }
}

}  // namespace ringfence::io
