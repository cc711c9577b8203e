// `exposure --without V` and `--replace V=W`: the what-if options of the exposure
// command and the run that answers them.
#pragma once
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "ringfence/exposure.hpp"

namespace ringfence::cli {

struct WhatIfOptions {
  std::vector<std::string> without, replace;
  bool empty() const { return without.empty() && replace.empty(); }
};

void add_what_if_options(CLI::App& app, WhatIfOptions& options);
// The what-if exposure, rendered in `format`.
std::string run_what_if(const Network& net, const std::vector<GroupKey>& by, Measure measure,
                        const WhatIfOptions& options, const std::string& format);

}  // namespace ringfence::cli
