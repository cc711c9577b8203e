#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace ringfence::testing {

TEST(Cli, VersionAndHelp) {
  auto r = run_command(std::string(RINGFENCE_BIN) + " --version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("ringfence 0."), std::string::npos);
  for (const char* command : {"validate", "exposure"}) {
    auto h = run_command(std::string(RINGFENCE_BIN) + " " + command + " --help");
    EXPECT_EQ(h.exit_code, 0) << command;
    EXPECT_NE(h.out.find("BUNDLE"), std::string::npos) << command;
  }
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_command(std::string(RINGFENCE_BIN)).exit_code, 2);
  EXPECT_EQ(run_command(std::string(RINGFENCE_BIN) + " no-such-command").exit_code, 2);
  EXPECT_EQ(run_command(std::string(RINGFENCE_BIN) + " validate").exit_code, 2);
}

}  // namespace ringfence::testing

namespace ringfence::testing {

const std::string kBin = RINGFENCE_BIN;
const std::string kKoreaDir = std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small";

// serve's HTTP server is a module, loaded when a server starts: without it, the
// command says what is missing before reading the bundle.
TEST(Cli, ServeWithoutItsHttpModuleSaysWhatIsMissing) {
  const std::string missing = "/nonexistent/ringfence_http.so";
  const RunResult r = run_command("RINGFENCE_HTTP_MODULE=" + missing + " " + kBin + " serve " +
                                  kKoreaDir + " --port 0");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("`serve` needs ringfence's HTTP module ringfence_http.so, which is "
                       "missing (looked at " +
                       missing + ")"),
            std::string::npos)
      << r.err;
}

TEST(Cli, NoCommandPrintsTheHelp) {
  auto r = run_command(kBin);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("Subcommands:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("check"), std::string::npos) << r.out;
}

TEST(Cli, AnUnknownCommandIsNamedWithTheClosestOne) {
  auto r = run_command(kBin + " chek examples/korea-small --policy uk-2020");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: unknown command 'chek' (did you mean check?)\n");
  r = run_command(kBin + " xyzzy");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: unknown command 'xyzzy' (see ringfence --help)\n");
}

TEST(Cli, AnUnknownOptionIsNamedWithTheClosestOne) {
  auto r = run_command(kBin + " check " + kKoreaDir + " --policy uk-2020 --fromat json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: unknown option --fromat for check (did you mean --format?)\n");
  EXPECT_TRUE(r.out.empty());
  r = run_command(kBin + " exposure " + kKoreaDir + " --measure=sites --bye operator");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: unknown option --bye for exposure (did you mean --by?)\n");
}

TEST(Cli, EveryErrorLineStartsWithError) {
  for (const std::string& args : std::vector<std::string>{
           " check " + kKoreaDir, " check " + kKoreaDir + " --policy uk-2020 --at 2020-13-01",
           " check " + kKoreaDir + " --policy no-such-preset", " validate /no/such/dir",
           " exposure " + kKoreaDir + " --by colour", " generate --country KR --sites 0 --out x"}) {
    auto r = run_command(kBin + args);
    EXPECT_EQ(r.exit_code, 2) << args;
    ASSERT_FALSE(r.err.empty()) << args;
    std::size_t start = 0;
    while (start < r.err.size()) {
      EXPECT_EQ(r.err.compare(start, 7, "error: "), 0) << args << ": " << r.err;
      start = r.err.find('\n', start) + 1;
      if (start == 0) break;
    }
  }
  auto r = run_command(kBin + " check " + kKoreaDir);
  EXPECT_EQ(r.err, "error: --policy is required (see ringfence check --help)\n");
  r = run_command(kBin + " generate --country KR --sites 0 --out x");
  EXPECT_EQ(r.err, "error: --sites must be at least 1\n");
}

}  // namespace ringfence::testing
