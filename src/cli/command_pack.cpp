// ringfence pack BUNDLE --out FILE.rfpack: a snapshot that later runs read without
// parsing (include/ringfence/pack.hpp).
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/common.hpp"
#include "ringfence/pack.hpp"

namespace ringfence::cli {

namespace {

struct PackOptions {
  std::string bundle;
  std::string out;
};

Command add_pack(CLI::App& root) {
  auto opts = std::make_shared<PackOptions>();
  CLI::App* app = root.add_subcommand(
      "pack", "Write a snapshot of a bundle that every command reads without parsing");
  app->add_option("BUNDLE", opts->bundle, "Bundle directory")->required();
  app->add_option("--out", opts->out, "The snapshot to write (atomically), e.g. net.rfpack")
      ->required();
  return {
      app, [opts] {
        if (looks_like_pack(opts->bundle))
          throw UsageError(opts->bundle + " is already a snapshot (expected a bundle directory)");
        LoadedBundle bundle = load_bundle_with_progress(opts->bundle);
        write_pack(bundle, opts->bundle, opts->out);
        std::error_code ec;
        const auto bytes = std::filesystem::file_size(opts->out, ec);
        std::cout << "wrote " << opts->out << " (" << (bytes + 512 * 1024) / (1024 * 1024)
                  << " MB): " << bundle.network.sites.size() << " sites, "
                  << bundle.network.elements.size() << " elements, " << bundle.network.links.size()
                  << " links, " << bundle.network.zones.size() << " zones\n";
        return kOk;
      }};
}

}  // namespace

static const bool pack_registered = register_command("pack", &add_pack);

}  // namespace ringfence::cli
