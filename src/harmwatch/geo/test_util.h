// Test helpers for geo_test: a scratch folder per test and file writing.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace harmwatch::testing {

class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() / ("hw_geo_" + std::to_string(getpid()) + "_" +
                                                      info->test_suite_name() + "_" + info->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }
  std::string Write(const std::string& name, const std::string& content) const {
    std::string p = Path(name);
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline std::string SharedPath(const std::string& rel) {
  return std::string(HARMWATCH_SHARED_DIR) + "/" + rel;
}

inline std::string GeoTestData(const std::string& name) {
  return std::string(HARMWATCH_SOURCE_DIR) + "/src/harmwatch/geo/testdata/" + name;
}

// One GeoNames dump line (19 columns).
inline std::string GeoNamesLine(const std::string& id, const std::string& name,
                                const std::string& ascii, const std::string& alts,
                                const std::string& lat, const std::string& lon,
                                const std::string& cls, const std::string& code,
                                const std::string& cc, const std::string& admin1,
                                const std::string& admin2, const std::string& pop) {
  return id + "\t" + name + "\t" + ascii + "\t" + alts + "\t" + lat + "\t" + lon + "\t" + cls +
         "\t" + code + "\t" + cc + "\t\t" + admin1 + "\t" + admin2 + "\t\t\t" + pop +
         "\t\t100\tAsia/Damascus\t2020-01-01\n";
}

}  // namespace harmwatch::testing
