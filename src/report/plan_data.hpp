// The plan part of the report data (include/ringfence/report.hpp, key "plan").
#pragma once
#include "output/json_writer.hpp"
#include "ringfence/plan.hpp"

namespace ringfence::report {

// Writes the value of "plan": the plan's overview (as `plan --format json` has it),
// the crews per operator, the month axis and the visit month of every site.
void write_plan_data(output::JsonWriter& w, const Network& net, const Plan& plan);

}  // namespace ringfence::report
