// The part of a plan's JSON that `plan --format json` and the report's plan section
// share: start, horizon, currency, policies, solver, summary, deadlines, months.
#pragma once
#include "output/json_writer.hpp"
#include "ringfence/plan.hpp"

namespace ringfence::output {

// Writes the fields into the object that is open in `w`.
void write_plan_overview(JsonWriter& w, const Plan& plan);

}  // namespace ringfence::output
