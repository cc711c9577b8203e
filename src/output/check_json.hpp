// Pieces of the `check` JSON document (SPEC §3) shared by every writer of findings:
// `check --format json`, the HTML report and the web API write a finding, and the
// document's head, through these functions only, so they cannot drift apart.
#pragma once
#include <string>

#include "output/json_writer.hpp"
#include "ringfence/check.hpp"
#include "ringfence/check_output.hpp"
#include "ringfence/output.hpp"

namespace ringfence::output {

// Metres rounded to the millimetre, as every output writes distances.
double round_mm(double metres);
// One finding as a JSON object (rule_id, kind, status, deadline, element or group
// fields, zone_id/distance_m, path, missing, message).
void write_finding_json(JsonWriter& w, const Network& net, const CheckResult& r, const Finding& f);
// Every finding of `r` as items of the array `w` is in, rendered on `threads` threads
// (0: one per hardware thread), in order. `out` is what `w` writes to: with more than
// one thread, it is handed to `sink` and emptied, and the findings go to `sink` block
// by block as they are rendered; with one, they are written to `out`.
void write_findings_json(JsonWriter& w, std::string& out, const Network& net, const CheckResult& r,
                         unsigned threads, const ByteSink& sink);
// The head of the document into an open object: ringfence, at, inputs, policies,
// summary (findings, overdue, due, by_rule, not_yet_effective).
void write_check_preamble(JsonWriter& w, const CheckResult& r, const CheckInputs& in);
// A group finding's key as "operator=KT;technology=nr".
std::string group_cell(const Rule& rule, const Finding& f);

}  // namespace ringfence::output
