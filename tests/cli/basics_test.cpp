#include <gtest/gtest.h>

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
