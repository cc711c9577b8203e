// `check` results as text, JSON, CSV, GeoJSON, and a deadline timeline.
#pragma once
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/output.hpp"

namespace ringfence {

struct CheckInputs {
  std::string bundle;             // as given on the command line
  std::vector<BundleFile> files;  // with their SHA-256
};

std::string render_check_text(const Network& net, const CheckResult& r, const CheckInputs& in);
// `threads`: how many threads render the findings (0: one per hardware thread).
std::string render_check_json(const Network& net, const CheckResult& r, const CheckInputs& in,
                              unsigned threads = 1);
// The same document handed to `sink` in pieces as it is rendered.
void write_check_json(const Network& net, const CheckResult& r, const CheckInputs& in,
                      unsigned threads, const ByteSink& sink);
std::string render_check_csv(const Network& net, const CheckResult& r);
std::string render_check_geojson(const Network& net, const CheckResult& r);

// How many findings fall due at each deadline, per operator ("(none)" deadline:
// in force at once).
struct TimelineRow {
  Days deadline = kNoDate;
  std::string operator_name;
  std::size_t findings = 0, overdue = 0;
};
std::vector<TimelineRow> check_timeline(const Network& net, const CheckResult& r);
std::string render_timeline(const std::vector<TimelineRow>& rows, const std::string& format);

}  // namespace ringfence
