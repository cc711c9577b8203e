#include "io/module_loader.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "ringfence/data_dir.hpp"

namespace ringfence {

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> module_candidates(const ModuleSpec& spec) {
  std::vector<fs::path> out;
  if (const char* env = std::getenv(spec.env_var); env && *env) {
    out.emplace_back(env);
    return out;
  }
  if (const std::string exe = executable_dir(); !exe.empty()) {
    out.push_back(fs::path(exe) / "lib" / "ringfence" / spec.file_name);
    out.push_back(fs::path(exe).parent_path() / "lib" / "ringfence" / spec.file_name);
  }
  return out;
}

}  // namespace

void* load_module_entry(const ModuleSpec& spec) {
  std::string looked;
  for (const fs::path& path : module_candidates(spec)) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      looked += (looked.empty() ? "" : ", ") + path.string();
      continue;
    }
    // Never closed: modules keep state (GDAL's drivers, a server's threads) until the
    // process ends.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
      throw std::runtime_error("cannot load ringfence's " + std::string(spec.kind) + " module " +
                               path.string() + ": " + dlerror());
    void* entry = dlsym(handle, spec.entry_point);
    if (!entry) module_from_another_build(spec);
    return entry;
  }
  throw std::runtime_error(std::string(spec.who_needs) + " ringfence's " + spec.kind + " module " +
                           spec.file_name + ", which is missing (looked at " + looked +
                           "); build with `make build`, install with `cmake --install`, or set " +
                           spec.env_var + " to its path");
}

void module_from_another_build(const ModuleSpec& spec) {
  throw std::runtime_error("ringfence's " + std::string(spec.kind) + " module " + spec.file_name +
                           " is from another build of ringfence; reinstall ringfence");
}

}  // namespace ringfence
