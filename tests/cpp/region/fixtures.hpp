#pragma once
// The sample region, copied into a scratch folder that a test may spoil file by file.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace kulkija_test {

inline const std::filesystem::path sample_region =
    std::filesystem::path(KULKIJA_SOURCE_DIR) / "examples" / "data" / "sample-region";

// A copy of the sample region (and the rules folder its region.json names) under a fresh
// temporary folder named by the test and the process (two checkouts testing at once on one
// machine must not share it); removed when the object goes. The name is kept short: error
// messages shorten paths past 60 characters, and tests look for the file's name in them.
class region_copy {
 public:
  explicit region_copy(const std::string& name) {
    root_ = std::filesystem::temp_directory_path() / ("kulkija-rt-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "data");
    std::filesystem::copy(sample_region, dir(), std::filesystem::copy_options::recursive);
    std::filesystem::copy(sample_region.parent_path() / "rules", root_ / "data" / "rules",
                          std::filesystem::copy_options::recursive);
  }
  ~region_copy() { std::filesystem::remove_all(root_); }
  region_copy(const region_copy&) = delete;
  region_copy& operator=(const region_copy&) = delete;

  [[nodiscard]] std::filesystem::path dir() const { return root_ / "data" / "sample-region"; }
  void write(const std::string& file, const std::string& text) const {
    std::ofstream(dir() / file, std::ios::binary | std::ios::trunc) << text;
  }

 private:
  std::filesystem::path root_;
};

}  // namespace kulkija_test
