// What every subcommand shares: exit codes, output, diagnostics, progress.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"

namespace ringfence::cli {

enum ExitCode : int { kOk = 0, kOverdue = 1, kBadInput = 2 };

// Bad command-line use that CLI11 cannot see (e.g. an unknown --by key).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A registered subcommand: its parser and what runs when it was chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// Writes to --out atomically, or to standard output when out is empty.
void emit(const std::string& content, const std::string& out);
void print_errors(const Diagnostics& diag);
void print_warnings(const Diagnostics& diag, std::size_t limit);
bool stderr_is_terminal();
// A one-line status on stderr when it is a terminal; silent otherwise.
void progress(const std::string& message);
// Loads a bundle (a directory or a GeoPackage) with progress; `zones`, when not empty,
// replaces the bundle's zones; `threads` as --threads; `hash_files` false for a command
// whose output names no input by its hash. InputError propagates to main (exit 2).
LoadedBundle load_bundle_with_progress(const std::string& dir, const std::string& zones = "",
                                       unsigned threads = 0, bool hash_files = true);
// The --zones FILE option of every command that uses zones.
void add_zones_option(CLI::App* app, std::string& zones);
// The --at option: a YYYY-MM-DD date, or today (UTC) when empty.
Days parse_at_option(const std::string& text);
// Checks --format against the allowed values.
void require_format(const std::string& format, std::initializer_list<const char*> allowed);

// Each command_*.cpp registers its subcommand at start-up with a line such as
//   static const bool validate_registered = register_command("validate", &add_validate);
// so adding a command touches no other file. Commands are listed by name. The variable
// is named after the command: the CLI is a unity build, several command_*.cpp files
// share one translation unit.
using CommandFactory = Command (*)(CLI::App& root);
bool register_command(const char* name, CommandFactory factory);
std::vector<Command> add_registered_commands(CLI::App& root);

}  // namespace ringfence::cli
