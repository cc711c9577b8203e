// Outputs written in pieces are put in place whole, or not at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "ringfence/output.hpp"
#include "test_support.hpp"

namespace ringfence {
namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t entries(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

TEST(AtomicFile, PiecesLargerThanAWritebackStepArriveWhole) {
  testing::TempDir dir;
  const auto target = dir.path() / "out.json";
  std::string want;
  {
    AtomicFile file(target.string());
    // Pieces of 3 MB and 5 MB: the writeback steps (4 MiB) fall inside and across them.
    for (int i = 0; i < 4; ++i) {
      const std::string piece(i % 2 ? 5'000'000 : 3'000'000, static_cast<char>('a' + i));
      file.write(piece);
      want += piece;
    }
    EXPECT_FALSE(std::filesystem::exists(target)) << "nothing in place before commit";
    file.commit();
  }
  EXPECT_EQ(read_text(target), want);
  EXPECT_EQ(entries(dir.path()), 1u) << "no temporary file left";
}

TEST(AtomicFile, AnOutputNeverCommittedLeavesThePreviousFileAndNoTemporary) {
  testing::TempDir dir;
  const auto target = dir.path() / "out.json";
  write_file_atomically(target.string(), "previous\n");
  try {
    AtomicFile file(target.string());
    file.write(std::string(6'000'000, 'x'));
    throw std::runtime_error("rendering failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(read_text(target), "previous\n");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, AMissingDirectoryIsNamed) {
  testing::TempDir dir;
  const auto target = dir.path() / "no-such-dir" / "out.json";
  try {
    AtomicFile file(target.string());
    FAIL() << "opened a file in a missing directory";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ringfence
