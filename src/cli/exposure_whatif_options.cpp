#include "cli/exposure_whatif_options.hpp"

#include "ringfence/exposure_output.hpp"
#include "ringfence/exposure_whatif.hpp"

namespace ringfence::cli {

namespace {

std::uint32_t vendor_id(const Network& net, const std::string& name, const char* option) {
  const std::uint32_t v = net.vendors.resolve(name);
  if (v == VendorRegistry::kNone)
    throw UsageError(std::string(option) + ": unknown vendor '" + name + "'");
  return v;
}

}  // namespace

void add_what_if_options(CLI::App& app, WhatIfOptions& options) {
  app.add_option("--without", options.without,
                 "What if this vendor's elements went to each operator's other vendors in the "
                 "same region and domain, in proportion (repeatable)");
  app.add_option("--replace", options.replace,
                 "V=W: what if vendor V's elements were vendor W's (repeatable)");
}

std::string run_what_if(const Network& net, const std::vector<GroupKey>& by, Measure measure,
                        const WhatIfOptions& options, const std::string& format) {
  ExposureWhatIf w;
  WhatIfNote described;
  std::string line = "what if:";
  for (const auto& name : options.without) {
    w.without.push_back(vendor_id(net, name, "--without"));
    const std::string& canonical = net.vendors.get(w.without.back()).name;
    described.without.push_back(canonical);
    line += " without " + canonical + ";";
  }
  for (const auto& item : options.replace) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
      throw UsageError("--replace '" + item + "': expected VENDOR=VENDOR, e.g. Huawei=Ericsson");
    const std::uint32_t from = vendor_id(net, item.substr(0, eq), "--replace");
    const std::uint32_t to = vendor_id(net, item.substr(eq + 1), "--replace");
    w.replace.emplace_back(from, to);
    const std::string& a = net.vendors.get(from).name;
    const std::string& b = net.vendors.get(to).name;
    described.replace.emplace_back(a, b);
    line += " " + a + " replaced by " + b + ";";
  }
  const WhatIfExposure r = compute_exposure_whatif(net, by, measure, w);
  line.back() = '\n';
  line += "  " + std::to_string(r.replaced) + " elements reassigned";
  if (r.unreplaced)
    line += ", " + std::to_string(r.unreplaced) +
            " kept (their operator has no other vendor in that domain)";
  line += "\n";
  described.reassigned = r.replaced;
  described.kept = r.unreplaced;
  std::string text;
  if (format == "json") {
    // The exposure document with one more key, "what_if", after "measure".
    text = render_exposure_json(net, r.exposure, &described);
  } else if (format == "csv") {
    text = render_exposure_csv(net, r.exposure);
  } else {
    text = line + render_exposure_text(net, r.exposure);
  }
  return text;
}

}  // namespace ringfence::cli
