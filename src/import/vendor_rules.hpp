// Vendor assignment rules for imported cells (data/import/*-vendors.toml).
//
// Public cell exports name no vendor. A rules file states what is publicly known or
// assumed: for cells of an operator, region, technology and install period, which
// vendors supplied them and in what shares. The first rule that matches a cell decides;
// the vendor is drawn from the shares by a hash of (seed, site, technology), so all
// cells of one technology at one site get one vendor, and the same inputs always give
// the same assignment. Every assignment is an assumption and is marked as such in the
// bundle (elements.csv `vendor_source` = "assumed:<rule id>").
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ringfence/date.hpp"

namespace ringfence::import {

struct VendorRule {
  std::string id;
  std::vector<std::string> operators;                     // empty: any
  std::vector<std::string> regions;                       // empty: any
  std::vector<std::string> technologies;                  // lower case; empty: any
  Days installed_from = kNoDate, installed_to = kNoDate;  // inclusive; kNoDate: open
  std::vector<std::string> vendors;                       // sorted by name
  std::vector<double> cumulative;                         // cumulative shares, last = 1
  std::string source;
};

struct VendorRules {
  std::string path;
  std::uint64_t seed = 0;
  std::vector<VendorRule> rules;
};

// Throws InputError (file, line, column) for bad TOML, an unknown key, shares that do
// not sum to 1, a date that is not YYYY-MM-DD.
VendorRules load_vendor_rules(const std::string& path);

// Whether a rule's operator and region conditions hold (the part shared by a site).
bool matches_site(const VendorRule& rule, std::string_view operator_name, std::string_view region);
// Whether its technology and period conditions hold for one cell.
bool matches_cell(const VendorRule& rule, std::string_view technology, Days installed);

// The first rule matching; -1 when none. `installed` may be kNoDate (then only rules
// without a time bound match).
int match_rule(const VendorRules& rules, std::string_view operator_name, std::string_view region,
               std::string_view technology, Days installed);

// The vendor of `rule` for a site and technology: deterministic in (seed, site, tech).
std::size_t pick_vendor(const VendorRules& rules, const VendorRule& rule, std::uint64_t site,
                        std::uint8_t technology);

}  // namespace ringfence::import
