#include "plan/cbc_library.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace ringfence::plan {

namespace {

CbcLibrary load() {
  const char* env = std::getenv("RINGFENCE_CBC_LIBRARY");
  const std::string path = env && *env ? env : RINGFENCE_CBC_SONAME;
  // Never closed: the solver's globals live until the process ends.
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    throw std::runtime_error(
        "the exact planner needs COIN-OR CBC (Debian package coinor-libcbc3), which could "
        "not be loaded: " +
        std::string(dlerror()) + " (install it, or plan with --solver heuristic)");
  auto symbol = [&](auto& slot, const char* name) {
    slot = reinterpret_cast<std::remove_reference_t<decltype(slot)>>(dlsym(handle, name));
    if (!slot)
      throw std::runtime_error("COIN-OR CBC library " + path + " lacks " + name +
                               " (expected CBC 2.10 or later)");
  };
  CbcLibrary lib{};
  symbol(lib.newModel, "Cbc_newModel");
  symbol(lib.deleteModel, "Cbc_deleteModel");
  symbol(lib.addCol, "Cbc_addCol");
  symbol(lib.addRow, "Cbc_addRow");
  symbol(lib.setLogLevel, "Cbc_setLogLevel");
  symbol(lib.setMaximumSeconds, "Cbc_setMaximumSeconds");
  symbol(lib.setAllowableFractionGap, "Cbc_setAllowableFractionGap");
  symbol(lib.setAllowableGap, "Cbc_setAllowableGap");
  symbol(lib.solve, "Cbc_solve");
  symbol(lib.getColSolution, "Cbc_getColSolution");
  symbol(lib.numberSavedSolutions, "Cbc_numberSavedSolutions");
  symbol(lib.isProvenOptimal, "Cbc_isProvenOptimal");
  symbol(lib.getBestPossibleObjValue, "Cbc_getBestPossibleObjValue");
  symbol(lib.isSecondsLimitReached, "Cbc_isSecondsLimitReached");
  symbol(lib.getObjValue, "Cbc_getObjValue");
  return lib;
}

}  // namespace

const CbcLibrary& cbc() {
  static const CbcLibrary lib = load();
  return lib;
}

}  // namespace ringfence::plan
