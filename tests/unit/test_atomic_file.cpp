// Whole-or-nothing output (src/data/atomic_file.h): a file is replaced only once the
// new content is written; a device is written in place, never replaced.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>

#include "data/atomic_file.h"
#include "data/read_file.h"

namespace il2t::data {
namespace {

TEST(AtomicFile, ReplacesAFileWholeAndLeavesNoTemporary) {
  const std::string dir = testing::TempDir() + "/atomic_file";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/out.txt";
  EXPECT_EQ(write_file_atomically(path, "first"), "");
  EXPECT_EQ(write_file_atomically(path, "second"), "");
  EXPECT_EQ(*read_file(path), "second");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
  EXPECT_NE(write_file_atomically(dir + "/missing/out.txt", "x"), "");
  std::filesystem::remove_all(dir);
}

TEST(AtomicFile, WritesADeviceInPlace) {
  EXPECT_EQ(write_file_atomically("/dev/null", "discarded"), "");
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));  // still the device, not a file renamed over it
}

}  // namespace
}  // namespace il2t::data
