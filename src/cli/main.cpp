// ringfence: dispatches to one subcommand; each lives in its own command_*.cpp.
// Every way a run can fail is turned into its message and exit status here.
#include <iostream>
#include <vector>

#include "cli/common.hpp"
#include "cli/suggest.hpp"

namespace {

using namespace ringfence;

std::vector<std::string> names_of(const std::vector<CLI::App*>& apps) {
  std::vector<std::string> out;
  for (const CLI::App* a : apps) out.push_back(a->get_name());
  return out;
}

// Mistakes CLI11 reports badly: an unknown command ("A subcommand is required") and
// an unknown option ("The following arguments were not expected: json --fromat").
// Returns the message, or "" when the command line looks well-formed.
std::string unknown_command_or_option(CLI::App& app, int argc, char** argv) {
  const std::string first = argv[1];
  if (first.empty() || first[0] == '-') return "";
  const std::vector<CLI::App*> subs = app.get_subcommands({});
  CLI::App* chosen = nullptr;
  for (CLI::App* sub : subs)
    if (sub->get_name() == first) chosen = sub;
  if (!chosen) {
    const std::string near = cli::closest_name(first, names_of(subs));
    return "unknown command '" + first + "'" +
           (near.empty() ? " (see ringfence --help)" : " (did you mean " + near + "?)");
  }
  std::vector<std::string> options;
  for (const CLI::Option* o : chosen->get_options())
    for (const auto& name : o->get_lnames()) options.push_back("--" + name);
  for (CLI::App* nested : chosen->get_subcommands({}))  // e.g. "import cells"
    if (argc > 2 && nested->get_name() == argv[2]) return "";
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) continue;
    const std::string name = arg.substr(0, arg.find('='));
    if (std::find(options.begin(), options.end(), name) != options.end()) continue;
    const std::string near = cli::closest_name(name, options);
    return "unknown option " + name + " for " + first +
           (near.empty() ? " (see ringfence " + first + " --help)"
                         : " (did you mean " + near + "?)");
  }
  return "";
}

int run(int argc, char** argv) {
  CLI::App app{
      "ringfence: who built this network, what each vendor can reach, which security "
      "rules it breaks and when.",
      "ringfence"};
  app.set_version_flag("--version", std::string("ringfence ") + RINGFENCE_VERSION);
  app.require_subcommand(1);
  const std::vector<cli::Command> commands = cli::add_registered_commands(app);
  if (argc < 2) {
    std::cout << app.help();
    return cli::kBadInput;
  }
  if (const std::string problem = unknown_command_or_option(app, argc, argv); !problem.empty()) {
    std::cerr << "error: " << problem << '\n';
    return cli::kBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << e.what() << " (see ringfence "
              << (argc > 1 && argv[1][0] != '-' ? std::string(argv[1]) + " " : "") << "--help)\n";
    return cli::kBadInput;
  }
  try {
    for (const auto& command : commands)
      if (command.app->parsed()) return command.run();
  } catch (const InputError& e) {
    cli::print_errors(e.diagnostics());
    return cli::kBadInput;
  } catch (const OptionError& e) {
    std::cerr << "error: " << e.with_options_as("--") << '\n';
    return cli::kBadInput;
  } catch (const std::exception& e) {  // UsageError, and files that cannot be written
    std::cerr << "error: " << e.what() << '\n';
    return cli::kBadInput;
  }
  return cli::kBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  return run(argc, argv);
}
