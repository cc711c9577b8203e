// ringfence: dispatches to one subcommand; each lives in its own command_*.cpp.
#include <iostream>
#include <vector>

#include "cli/common.hpp"

int main(int argc, char** argv) {
  using namespace ringfence;
  CLI::App app{
      "ringfence: who built this network, what each vendor can reach, which security "
      "rules it breaks and when."};
  app.set_version_flag("--version", std::string("ringfence ") + RINGFENCE_VERSION);
  app.require_subcommand(1);
  const std::vector<cli::Command> commands = cli::add_registered_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cli::kBadInput;
  }
  try {
    for (const auto& command : commands)
      if (command.app->parsed()) return command.run();
  } catch (const InputError& e) {
    cli::print_errors(e.diagnostics());
    return cli::kBadInput;
  } catch (const cli::UsageError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return cli::kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return cli::kBadInput;
  }
  return cli::kBadInput;
}
