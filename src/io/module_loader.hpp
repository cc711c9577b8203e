// Finding and opening ringfence's own modules (lib/ringfence/*.so): parts that need
// large libraries (GDAL, cpp-httplib with OpenSSL) and are loaded on first use, so
// that every other process starts without them.
#pragma once
#include <string>

namespace ringfence {

struct ModuleSpec {
  const char* file_name;    // "ringfence_gdal.so"
  const char* env_var;      // a path that overrides where it is looked for
  const char* entry_point;  // its one exported symbol, a function returning its table
  const char* kind;         // "GIS", in messages
  const char* who_needs;    // "GIS formats (GeoPackage, ...) need", in messages
};

// The module's entry point, from RINGFENCE_..._MODULE, else lib/ringfence/ beside the
// binary (the build tree's layout) or under its prefix (an installed copy's); test
// programs one directory below the build tree find it under the parent's
// lib/ringfence. Never closed. Throws std::runtime_error saying what is missing and how
// to get it.
void* load_module_entry(const ModuleSpec& spec);

[[noreturn]] void module_from_another_build(const ModuleSpec& spec);

// The module's table of entry points: its entry point returns `const Api*`, whose
// first member is the table's version.
template <typename Api>
const Api& load_module_table(const ModuleSpec& spec, int version) {
  using Entry = const Api* (*)();
  const Api* table = reinterpret_cast<Entry>(load_module_entry(spec))();
  if (!table || table->version != version) module_from_another_build(spec);
  return *table;
}

}  // namespace ringfence
