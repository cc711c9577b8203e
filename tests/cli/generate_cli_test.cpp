// `ringfence generate` end to end: the files it writes pass `validate`, the same
// arguments give the same bytes, and bad arguments exit 2 leaving nothing behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.hpp"

namespace ringfence::testing {
namespace {

namespace fs = std::filesystem;

std::string bin() {
  return RINGFENCE_BIN;
}

TEST(GenerateCli, WritesABundleThatValidates) {
  TempDir tmp;
  const std::string out = (tmp.path() / "kr").string();
  auto r = run_command(bin() + " generate --country KR --sites 300 --seed 3 --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("wrote " + out + ": "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(300 radio)"), std::string::npos) << r.out;
  for (const char* file : {"sites.csv", "elements.csv", "links.csv", "zones.geojson"})
    EXPECT_TRUE(fs::exists(fs::path(out) / file)) << file;
  auto v = run_command(bin() + " validate " + out);
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("bundle is valid"), std::string::npos);
  EXPECT_EQ(v.out.find("warnings:"), std::string::npos) << v.out;
  EXPECT_EQ(v.err.find("warning"), std::string::npos) << v.err;
  EXPECT_NE(v.out.find("LG U+"), std::string::npos);
  EXPECT_NE(v.out.find("Huawei"), std::string::npos);
}

TEST(GenerateCli, SameArgumentsSameBytes) {
  TempDir tmp;
  for (const char* name : {"a", "b"}) {
    auto r = run_command(bin() + " generate --country gb --scale 0.005 --seed 9 --out " +
                         (tmp.path() / name).string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  for (const char* file : {"sites.csv", "elements.csv", "links.csv", "generator.json"})
    EXPECT_EQ(slurp(tmp.path() / "a" / file), slurp(tmp.path() / "b" / file)) << file;
}

TEST(GenerateCli, BadArgumentsExitTwoAndWriteNothing) {
  TempDir tmp;
  const std::string out = (tmp.path() / "net").string();
  auto r = run_command(bin() + " generate --country XX --sites 10 --out " + out);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown country 'XX'"), std::string::npos) << r.err;
  for (const char* args :
       {"--scale 0", "--scale -1", "--scale abc", "--sites 0", "--scale 1 --sites 5"}) {
    auto b = run_command(bin() + " generate --country KR " + args + " --out " + out);
    EXPECT_EQ(b.exit_code, 2) << args << ": " << b.err;
  }
  EXPECT_EQ(run_command(bin() + " generate --out " + out).exit_code, 2);  // no country
  EXPECT_EQ(run_command(bin() + " generate --country KR").exit_code, 2);  // no --out
  EXPECT_TRUE(fs::is_empty(tmp.path()));
}

TEST(GenerateCli, RefusesToOverwriteUnlessForced) {
  TempDir tmp;
  const std::string out = (tmp.path() / "net").string();
  fs::create_directories(out);
  std::ofstream(fs::path(out) / "keep.txt") << "mine";
  auto r = run_command(bin() + " generate --country CA --sites 40 --out " + out);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(fs::path(out) / "keep.txt"));
  r = run_command(bin() + " generate --country CA --sites 40 --force --out " + out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(fs::path(out) / "keep.txt"));
  EXPECT_TRUE(fs::exists(fs::path(out) / "elements.csv"));
}

TEST(GenerateCli, HelpNamesTheOptions) {
  auto h = run_command(bin() + " generate --help");
  EXPECT_EQ(h.exit_code, 0);
  for (const char* option : {"--country", "--out", "--scale", "--sites", "--seed", "--force"})
    EXPECT_NE(h.out.find(option), std::string::npos) << option;
}

}  // namespace
}  // namespace ringfence::testing
