// Selections over the network: which elements, zones and vendors a question is about.
// Policies use them for rule scopes; analyses (exposure, paths) use them directly.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace ringfence {

// A conjunction of "key is any of these values"; an empty filter matches all.
// Element filters use the keys operator, domain, function, technology, vendor,
// site_kind, region; zone filters use any zone property.
struct Filter {
  std::map<std::string, std::vector<std::string>> any_of;
  bool empty() const { return any_of.empty(); }
};

// Vendor names (any registry spelling) and registry tags; `all` when a rule has no
// `vendors` (every vendor is in scope).
struct VendorSpec {
  bool all = true;
  std::vector<std::string> names;
  std::vector<std::string> tags;
};

}  // namespace ringfence
