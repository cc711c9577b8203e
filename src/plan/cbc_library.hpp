// COIN-OR CBC's C interface, loaded on first use: linked into the binary, CBC and the
// libraries it needs (Clp, Cgl, Osi, CoinUtils, LAPACK, BLAS, gfortran) cost every
// process about 7 ms at start-up, though only `plan` and `compare` solve a MILP.
// Only sources compiled with CBC's include directories include this header.
#pragma once
#include <Cbc_C_Interface.h>

namespace ringfence::plan {

struct CbcLibrary {
  decltype(&Cbc_newModel) newModel;
  decltype(&Cbc_deleteModel) deleteModel;
  decltype(&Cbc_addCol) addCol;
  decltype(&Cbc_addRow) addRow;
  decltype(&Cbc_setLogLevel) setLogLevel;
  decltype(&Cbc_setMaximumSeconds) setMaximumSeconds;
  decltype(&Cbc_setAllowableFractionGap) setAllowableFractionGap;
  decltype(&Cbc_setAllowableGap) setAllowableGap;
  decltype(&Cbc_solve) solve;
  decltype(&Cbc_getColSolution) getColSolution;
  decltype(&Cbc_numberSavedSolutions) numberSavedSolutions;
  decltype(&Cbc_isProvenOptimal) isProvenOptimal;
  decltype(&Cbc_getBestPossibleObjValue) getBestPossibleObjValue;
  decltype(&Cbc_isSecondsLimitReached) isSecondsLimitReached;
  decltype(&Cbc_getObjValue) getObjValue;
};

// The library (RINGFENCE_CBC_LIBRARY, else CBC's solver library by its soname), loaded
// once; throws std::runtime_error saying what is missing when it cannot be loaded.
const CbcLibrary& cbc();

}  // namespace ringfence::plan
