// ringfence presets: the built-in policies.
#include <memory>
#include <sstream>

#include "cli/common.hpp"
#include "output/json_writer.hpp"
#include "ringfence/policy.hpp"

namespace ringfence::cli {

namespace {

Command add_presets(CLI::App& root) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* app = root.add_subcommand("presets", "List the built-in policies");
  app->add_option("--format", *format, "text or json")->capture_default_str();
  return {app, [format] {
            require_format(*format, {"text", "json"});
            const auto presets = list_presets();
            std::string out;
            if (*format == "json") {
              output::JsonWriter w(out);
              w.begin_array();
              for (const auto& p : presets)
                w.begin_object()
                    .field("id", p.id)
                    .field("title", p.title)
                    .field("source", p.source)
                    .field("rules", p.rules)
                    .end_object();
              w.end_array();
              out += '\n';
            } else {
              for (const auto& p : presets)
                out += p.id + std::string(p.id.size() < 16 ? 16 - p.id.size() : 1, ' ') + p.title +
                       " (" + std::to_string(p.rules) + " rules)\n";
            }
            emit(out, "");
            return kOk;
          }};
}

}  // namespace

static const bool presets_registered = register_command("presets", &add_presets);

}  // namespace ringfence::cli
