// A TOML file parsed whole; a syntax error becomes an InputError at its line and column.
#pragma once
#include <toml++/toml.h>

#include <string>

namespace ringfence::io {

toml::table parse_toml_file(const std::string& path);

}  // namespace ringfence::io
