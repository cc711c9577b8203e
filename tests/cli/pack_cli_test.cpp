// `ringfence pack` end to end: every command reads a snapshot in place of its bundle
// with the same output, and a snapshot is refused, with the reason, when its bundle
// changed, when it has another format version, or when it is damaged.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.hpp"

namespace ringfence::testing {
namespace {

namespace fs = std::filesystem;

RunResult pack_run(const std::string& args) {
  return run_command(shell_quoted(RINGFENCE_BIN) + " " + args);
}

// A copy of the Korean example, so that the test may change it.
struct PackedKorea {
  TempDir dir;
  std::string bundle = (dir.path() / "korea").string();
  std::string pack = (dir.path() / "korea.rfpack").string();
  PackedKorea() {
    fs::copy(fs::path(RINGFENCE_SOURCE_DIR) / "examples/korea-small", bundle);
    const RunResult r = pack_run("pack " + shell_quoted(bundle) + " --out " + shell_quoted(pack));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("wrote " + pack + " (", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("61 sites"), std::string::npos) << r.out;
  }
};

// The same command on the bundle and on its snapshot: the same output once the
// input's name is replaced.
void expect_same(const PackedKorea& k, const std::string& command, const std::string& args,
                 int exit_code) {
  const RunResult a = pack_run(command + " " + shell_quoted(k.bundle) + " " + args);
  const RunResult b = pack_run(command + " " + shell_quoted(k.pack) + " " + args);
  EXPECT_EQ(a.exit_code, exit_code) << a.err;
  EXPECT_EQ(b.exit_code, exit_code) << b.err;
  std::string expected = a.out;
  // The input's name, but not the files inside it that warnings name
  // (DIR/elements.csv:272:20 in both). The snapshot's name begins with the bundle's:
  // search on after each replacement.
  for (std::size_t at = 0; (at = expected.find(k.bundle, at)) != std::string::npos;) {
    if (expected.compare(at + k.bundle.size(), 1, "/") == 0) {
      at += k.bundle.size();
      continue;
    }
    expected.replace(at, k.bundle.size(), k.pack);
    at += k.pack.size();
  }
  EXPECT_EQ(b.out, expected) << command << ' ' << args;
  EXPECT_FALSE(a.out.empty());
}

TEST(PackCli, EveryCommandReadsTheSnapshotWithTheSameOutput) {
  const PackedKorea k;
  expect_same(k, "validate", "--format json", 0);
  expect_same(k, "validate", "", 0);
  expect_same(k, "exposure", "--by operator,domain --measure sites --format json", 0);
  expect_same(k, "check",
              "--policy us-kr-sensitive --policy uk-2020 --policy eu-toolbox --at 2024-01-01 "
              "--format json",
              1);
  expect_same(k, "check", "--policy de-2024 --at 2030-01-01 --format csv", 1);
}

TEST(PackCli, RefusedWhenTheBundleChanged) {
  const PackedKorea k;
  { std::ofstream(fs::path(k.bundle) / "links.csv", std::ios::app) << "KT-E0001,KT-E0002\n"; }
  const RunResult r = pack_run("check " + shell_quoted(k.pack) + " --policy uk-2020");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(k.pack + ": the bundle this snapshot was made from has changed since: " +
                       k.bundle + "/links.csv is "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("(run `ringfence pack " + k.bundle + " --out " + k.pack + "` again)"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(PackCli, RefusedWhenAFileIsTouchedAddedOrGone) {
  const PackedKorea k;
  const fs::path elements = fs::path(k.bundle) / "elements.csv";
  fs::last_write_time(elements, fs::last_write_time(elements) + std::chrono::seconds(5));
  RunResult r = pack_run("validate " + shell_quoted(k.pack));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(k.bundle + "/elements.csv was modified"), std::string::npos) << r.err;

  const PackedKorea k2;
  fs::remove(fs::path(k2.bundle) / "zones.geojson");
  r = pack_run("validate " + shell_quoted(k2.pack));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(k2.bundle + "/zones.geojson is gone"), std::string::npos) << r.err;

  const PackedKorea k3;
  const fs::path models = fs::path(k3.bundle) / "models.csv";
  const std::string kept = slurp(models);
  fs::remove(models);
  r = pack_run("pack " + shell_quoted(k3.bundle) + " --out " + shell_quoted(k3.pack));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(pack_run("validate " + shell_quoted(k3.pack)).exit_code, 0);
  std::ofstream(models, std::ios::binary) << kept;
  r = pack_run("validate " + shell_quoted(k3.pack));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(k3.bundle + "/models.csv was added"), std::string::npos) << r.err;
}

TEST(PackCli, RefusedWhenTheFormatVersionDiffersOrTheFileIsDamaged) {
  const PackedKorea k;
  std::string bytes = slurp(k.pack);
  ASSERT_GT(bytes.size(), 1000u);
  std::string other = bytes;
  const std::uint32_t version = 99;
  std::memcpy(other.data() + 8, &version, sizeof version);
  const std::string other_path = k.dir.str() + "/other.rfpack";
  std::ofstream(other_path, std::ios::binary) << other;
  RunResult r = pack_run("exposure " + shell_quoted(other_path));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(
      r.err.find(other_path + ": snapshot format version 99, but this ringfence reads version 2 "
                              "(run ringfence pack on the bundle again)"),
      std::string::npos)
      << r.err;

  const std::string cut_path = k.dir.str() + "/cut.rfpack";
  std::ofstream(cut_path, std::ios::binary) << bytes.substr(0, bytes.size() - 100);
  r = pack_run("exposure " + shell_quoted(cut_path));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(cut_path + ": snapshot is damaged or cut short"), std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(PackCli, PackNeedsABundleAndAnOutput) {
  const PackedKorea k;
  RunResult r =
      pack_run("pack " + shell_quoted(k.pack) + " --out " + shell_quoted(k.dir.str() + "/x"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is already a snapshot (expected a bundle directory)"), std::string::npos)
      << r.err;
  r = pack_run("pack " + shell_quoted(k.bundle));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(fs::exists(k.dir.path() / "x"));
}

}  // namespace
}  // namespace ringfence::testing
