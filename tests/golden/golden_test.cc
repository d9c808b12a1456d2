// Golden tests: each tests/golden/<case>.txt (a short report we wrote) is run through
// the Engine over a gazetteer compiled from src/harmwatch/geo/testdata/sy_cities500.txt,
// and ToPrettyJson of the record must equal <case>.expected.json byte for byte.
//
// After an intended change, regenerate and review the diff like code:
//   HARMWATCH_UPDATE_GOLDENS=1 ctest --test-dir build -R golden   (or HARMWATCH_UPDATE_GOLDEN=1)
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "harmwatch/geo/gazetteer.h"
#include "harmwatch/geo/layers.h"
#include "harmwatch/model/json_output.h"
#include "harmwatch/pipeline/engine.h"

namespace harmwatch {
namespace {

namespace fs = std::filesystem;

const fs::path kGoldenDir = fs::path(HARMWATCH_SOURCE_DIR) / "tests" / "golden";

// Publication dates the reports carry (as an input record's "published" would); a case
// not listed has none. weekday_date: published Friday 2023-12-08, so "On Wednesday" is
// 2023-12-06.
const std::map<std::string, std::string> kPublished = {
    {"multi_place_shelling", "2023-12-07"}, {"airstrike_per_place", "2024-01-12"},
    {"kidnapping_named_victim", "2024-02-05"}, {"protest_no_event", "2024-02-10"},
    {"background_no_event", "2024-03-01"},   {"retaliation", "2023-11-21"},
    {"weekday_date", "2023-12-08"},      {"ar_shelling_idlib", "2024-03-14"},
    {"claimed_responsibility", "2024-04-14"}, {"unclaimed_bombing", "2024-04-16"},
    {"ar_claimed_bombing", "2024-04-11"}, {"statement_day_not_event_day", "2024-04-17"},
    {"gang_context", "2024-05-06"}, {"history_figures_not_attached", "2024-06-12"},
    {"province_named_before", "2024-10-15"}, {"enclosing_areas", "2023-06-05"},
    {"abducted_from_village", "2024-03-05"}, {"attack_on_positions", "2024-05-13"},
    {"joined_sides_clash", "2024-05-15"}, {"soldiers_killed_by_group", "2024-05-22"},
    {"unnamed_victims_are_civilians", "2024-05-23"},
};

bool UpdateMode() {
  for (const char* var : {"HARMWATCH_UPDATE_GOLDENS", "HARMWATCH_UPDATE_GOLDEN"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && std::string(v) == "1") return true;
  }
  return false;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> Cases() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kGoldenDir))
    if (e.path().extension() == ".txt" && e.path().stem() != "CMakeLists")
      out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The first lines where two texts differ, for a readable failure.
std::string FirstDifference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string la, lb, out;
  int line = 0, shown = 0;
  while (shown < 8) {
    bool ha = static_cast<bool>(std::getline(a, la)), hb = static_cast<bool>(std::getline(b, lb));
    ++line;
    if (!ha && !hb) break;
    if (!ha) la = "<end>";
    if (!hb) lb = "<end>";
    if (la != lb) {
      out += "line " + std::to_string(line) + ":\n  expected: " + la + "\n  actual:   " + lb + "\n";
      ++shown;
    }
  }
  return out;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    // Compile the small in-repo GeoNames file once per run, into a scratch folder.
    scratch_ = new fs::path(fs::temp_directory_path() /
                            ("hw_golden_" + std::to_string(::getpid())));
    fs::create_directories(*scratch_);
    std::string layer = (*scratch_ / "sy.hwg").string();
    std::vector<std::string> warnings;
    auto n = CompileLayer(
        std::string(HARMWATCH_SOURCE_DIR) + "/src/harmwatch/geo/testdata/sy_cities500.txt", layer,
        {}, &warnings);
    ASSERT_TRUE(n.has_value()) << n.error().message();
    auto gaz = Gazetteer::Open({layer});
    ASSERT_TRUE(gaz.has_value()) << gaz.error().message();
    auto engine = Engine::Create(HARMWATCH_TEST_DATA_DIR,
                                 std::shared_ptr<const Gazetteer>(std::move(*gaz)));
    ASSERT_TRUE(engine.has_value()) << engine.error().message();
    engine_ = engine->release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
    if (scratch_ != nullptr) fs::remove_all(*scratch_);
    delete scratch_;
    scratch_ = nullptr;
  }

  static Engine* engine_;
  static fs::path* scratch_;
};
Engine* GoldenTest::engine_ = nullptr;
fs::path* GoldenTest::scratch_ = nullptr;

TEST_P(GoldenTest, MatchesExpectedJson) {
  ASSERT_NE(engine_, nullptr);
  const std::string name = GetParam();
  InputDocument doc;
  doc.id = name;
  doc.origin = name + ".txt";
  doc.language = name.starts_with("ar_") ? "" : "en";  // Arabic cases: detected
  doc.original = ReadFile(kGoldenDir / (name + ".txt"));
  doc.text = doc.original;
  auto pub = kPublished.find(name);
  if (pub != kPublished.end()) doc.published = pub->second;

  const std::string got = ToPrettyJson(engine_->Extract(doc));
  // Same input, same bytes.
  EXPECT_EQ(got, ToPrettyJson(engine_->Extract(doc)));

  const fs::path expected_path = kGoldenDir / (name + ".expected.json");
  if (UpdateMode()) {
    std::ofstream(expected_path, std::ios::binary) << got;
    GTEST_SKIP() << "rewrote " << expected_path;
  }
  ASSERT_TRUE(fs::exists(expected_path))
      << expected_path << " is missing; run with HARMWATCH_UPDATE_GOLDENS=1 and review it";
  const std::string want = ReadFile(expected_path);
  EXPECT_TRUE(want == got) << name << ": output differs from " << expected_path << "\n"
                           << FirstDifference(want, got)
                           << "(HARMWATCH_UPDATE_GOLDENS=1 rewrites; review the diff)";
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<std::string>& case_info) {
                           return case_info.param;
                         });

// Every case has an expected file and every expected file a case.
TEST(GoldenFiles, ArePaired) {
  for (const auto& e : fs::directory_iterator(kGoldenDir)) {
    std::string f = e.path().filename().string();
    const std::string suffix = ".expected.json";
    if (f.size() > suffix.size() && f.ends_with(suffix)) {
      std::string stem = f.substr(0, f.size() - suffix.size());
      EXPECT_NE(stem, "CMakeLists");
      EXPECT_TRUE(fs::exists(kGoldenDir / (stem + ".txt"))) << f << " has no .txt";
    }
  }
}

}  // namespace
}  // namespace harmwatch
