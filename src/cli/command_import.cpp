// ringfence import cells FILE ... / ringfence import netbox ...: bundles from data kept
// elsewhere (public cell exports, NetBox API pages).
#include <iostream>
#include <memory>
#include <stdexcept>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "ringfence/import.hpp"

namespace ringfence::cli {

namespace {

struct ImportCliOptions {
  CellImportOptions cells;
  std::string backhaul = "none";
  std::string format = "text";
  NetboxImportOptions netbox;
  ThreadsArg threads;
};

void print_cells(const CellImportOptions& o, const CellImportSummary& s) {
  std::cout << "wrote " << o.out << ": " << s.sites << " sites, " << s.elements << " elements ("
            << s.kept << " cells), " << s.links << " links\n";
  std::cout << "rows: " << s.rows << " read" << (s.header ? " (after the header)" : "") << ", "
            << s.kept << " imported";
  if (!o.country.empty()) {
    std::cout << ", " << s.other_country << " of other countries (kept MCC";
    for (std::size_t i = 0; i < s.mccs.size(); ++i) std::cout << (i ? "/" : " ") << s.mccs[i];
    std::cout << ")";
  }
  std::cout << ", " << s.bad << " bad (skipped)\n";
  for (const auto& e : s.bad_examples) std::cout << "  skipped " << e << '\n';
  std::cout << "networks:\n";
  for (const auto& n : s.networks) {
    std::cout << "  " << n.code << " " << n.operator_name << ": " << n.cells << " cells (";
    bool first = true;
    for (const auto& [radio, count] : n.by_radio) {
      std::cout << (first ? "" : ", ") << radio << " " << count;
      first = false;
    }
    std::cout << ")\n";
  }
  std::size_t unknown = 0;
  for (const auto& n : s.networks) unknown += n.known ? 0 : 1;
  if (unknown) {
    std::cout << "unknown networks (not in the provider list, kept under MCC-MNC):";
    for (const auto& n : s.networks)
      if (!n.known) std::cout << " " << n.code << " (" << n.cells << ")";
    std::cout << '\n';
  }
  if (o.vendor_rules.empty()) {
    std::cout << "vendors: none assigned (no --vendors rules): every cell's vendor is 'unknown'\n";
  } else {
    std::cout << "vendors (assumed from " << o.vendor_rules << "):";
    for (const auto& [vendor, count] : s.vendor_cells) std::cout << " " << vendor << " " << count;
    std::cout << "; no rule: " << s.unassigned << '\n';
  }
  for (const auto& w : s.warnings) std::cerr << "warning: " << w << '\n';
}

void add_cells(CLI::App* parent, const std::shared_ptr<ImportCliOptions>& opts) {
  CLI::App* app = parent->add_subcommand(
      "cells", "A bundle from an OpenCelliD / Mozilla Location Service cell export");
  auto& c = opts->cells;
  app->add_option("file", c.input, "FILE.csv or FILE.csv.gz")->required();
  app->add_option("--country", c.country, "Keep the rows of this country's MCCs (ISO code)")
      ->type_name("CC");
  app->add_option("--vendors", c.vendor_rules,
                  "Vendor assignment rules (TOML), e.g. data/import/kr-vendors.toml")
      ->type_name("RULES.toml");
  app->add_option("--backhaul", opts->backhaul,
                  "'synthetic': add aggregation and core sites and links from the country "
                  "profile, as generate does")
      ->check(CLI::IsMember({"none", "synthetic"}))
      ->capture_default_str();
  app->add_flag("--skip-bad", c.skip_bad, "Skip and count bad rows instead of refusing the file");
  app->add_option("--site-distance", c.site_distance_m,
                  "Cells of one operator within this many metres share a site")
      ->capture_default_str()
      ->type_name("M");
  app->add_option("--providers", c.providers_xml,
                  "The provider list (default: Debian's mobile-broadband-provider-info)")
      ->type_name("XML");
  app->add_option("--out", c.out, "Bundle directory to write")->required()->type_name("DIR");
  app->add_flag("--force", c.force, "Replace DIR if it exists and is not empty");
  app->add_option("--format", opts->format, "Summary on stdout: text or json")
      ->capture_default_str();
  opts->threads.add_to(*app);
}

void add_netbox(CLI::App* parent, const std::shared_ptr<ImportCliOptions>& opts) {
  CLI::App* app = parent->add_subcommand(
      "netbox", "A bundle from NetBox REST API pages (dcim sites, devices, cables)");
  auto& n = opts->netbox;
  app->add_option("--sites", n.sites, "JSON pages of /api/dcim/sites/ (repeatable)")
      ->required()
      ->type_name("FILE");
  app->add_option("--devices", n.devices, "JSON pages of /api/dcim/devices/ (repeatable)")
      ->required()
      ->type_name("FILE");
  app->add_option("--cables", n.cables, "JSON pages of /api/dcim/cables/ (repeatable)")
      ->type_name("FILE");
  app->add_option("--map", n.mapping,
                  "Mapping of roles, device types, manufacturers and tenants (TOML; default "
                  "data/import/netbox-map.toml)")
      ->type_name("MAP.toml");
  app->add_option("--out", n.out, "Bundle directory to write")->required()->type_name("DIR");
  app->add_flag("--force", n.force, "Replace DIR if it exists and is not empty");
}

Command add_import(CLI::App& root) {
  auto opts = std::make_shared<ImportCliOptions>();
  CLI::App* app = root.add_subcommand("import", "Build a bundle from cell exports or NetBox");
  app->require_subcommand(1);
  add_cells(app, opts);
  add_netbox(app, opts);
  return {app, [opts, app]() -> int {
            if (app->got_subcommand("cells")) {
              require_format(opts->format, {"text", "json"});
              CellImportOptions o = opts->cells;
              o.backhaul = opts->backhaul == "synthetic";
              o.threads = opts->threads.threads;
              if (stderr_is_terminal())
                o.progress = [](std::uint64_t rows) {
                  progress("importing: " + std::to_string(rows) + " rows");
                };
              CellImportSummary s;
              try {
                s = import_cells(o);
              } catch (const OptionError&) {
                throw;  // main spells its options
              } catch (const std::invalid_argument& e) {
                throw UsageError(e.what());
              }
              if (stderr_is_terminal()) std::cerr << "\r\033[K";
              if (opts->format == "json")
                std::cout << cell_summary_json(o, s);
              else
                print_cells(o, s);
              return kOk;
            }
            NetboxImportSummary s;
            try {
              s = import_netbox(opts->netbox);
            } catch (const OptionError&) {
              throw;  // main spells its options
            } catch (const std::invalid_argument& e) {
              throw UsageError(e.what());
            }
            std::cout << "wrote " << opts->netbox.out << ": " << s.sites << " sites, " << s.elements
                      << " elements, " << s.links << " links\n";
            std::cout << "devices: " << s.devices << " read, " << s.elements << " imported";
            for (const auto& [domain, count] : s.by_domain)
              std::cout << (domain == s.by_domain.begin()->first ? " (" : ", ") << domain << " "
                        << count;
            std::cout << (s.by_domain.empty() ? "" : ")") << '\n';
            if (s.cables)
              std::cout << "cables: " << s.cables << " read, " << s.links << " links, "
                        << s.cables_skipped << " not between two imported devices\n";
            for (const auto& w : s.warnings) std::cerr << "warning: " << w << '\n';
            return kOk;
          }};
}

}  // namespace

static const bool import_registered = register_command("import", &add_import);

}  // namespace ringfence::cli
