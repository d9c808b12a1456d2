// harmwatch gazetteer build|add|list|lookup: compile and inspect gazetteer layers.
//   build   the default layer from GeoNames cities500 + admin tables (scripts/setup-gazetteer.sh)
//   add     a GeoNames dump or OCHA GeoJSON/CSV into VarDir()/gazetteer/layers/NAME.hwg
//   list    the layers a run would use, with their place counts
//   lookup  candidates for a name, one per line (for debugging)
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "harmwatch/geo/gazetteer.h"
#include "harmwatch/geo/gazetteer_build.h"
#include "harmwatch/geo/index_format.h"
#include "harmwatch/geo/layers.h"

namespace harmwatch::cli {
namespace {

namespace fs = std::filesystem;

void PrintWarnings(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) std::cerr << "warning: " << w << "\n";
}

const char* KindName(PlaceKind k) {
  switch (k) {
    case PlaceKind::kPopulated:
      return "populated";
    case PlaceKind::kAdmin1:
      return "admin1";
    case PlaceKind::kAdmin2:
      return "admin2";
    case PlaceKind::kCountry:
      return "country";
    case PlaceKind::kOther:
      return "other";
  }
  return "other";
}

std::string Stem(const std::string& path) { return fs::path(path).stem().string(); }

struct BuildArgs {
  std::string geonames, admin1, admin2, countries, crosswalk, out;
};

struct AddArgs {
  std::string file, name, admin1, admin2, crosswalk;
};

struct LookupArgs {
  std::string name;
  bool skeleton = false;
  std::vector<std::string> gazetteers;
};

int RunBuild(const BuildArgs& a) {
  ImportOptions options{a.admin1, a.admin2, a.countries, a.crosswalk};
  std::vector<std::string> warnings;
  IndexBuilder builder;
  auto n = ImportGeoNames(a.geonames, options, &builder, &warnings);
  PrintWarnings(warnings);
  if (!n) {
    std::cerr << "error: " << n.error().message() << "\n";
    return 1;
  }
  std::error_code ec;
  fs::path parent = fs::path(a.out).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  Status s = builder.Write(a.out);
  if (!s.ok()) {
    std::cerr << "error: " << s.message() << "\n";
    return 1;
  }
  std::cout << a.out << "\t" << builder.size() << " places\t" << warnings.size() << " warnings\n";
  return 0;
}

int RunAdd(const AddArgs& a) {
  std::string name = a.name.empty() ? Stem(a.file) : a.name;
  if (name.empty() || name.find('/') != std::string::npos || name[0] == '.') {
    std::cerr << "error: --name '" << name << "' is not a plain file name\n";
    return 2;
  }
  std::string out = (fs::path(VarDir()) / "gazetteer" / "layers" / (name + ".hwg")).string();
  std::vector<std::string> warnings;
  ImportOptions options{a.admin1, a.admin2, "", a.crosswalk};
  auto n = CompileLayer(a.file, out, options, &warnings);
  PrintWarnings(warnings);
  if (!n) {
    std::cerr << "error: " << n.error().message() << "\n";
    return 1;
  }
  std::cout << "added layer " << name << ": " << *n << " places from " << a.file << " ("
            << warnings.size() << " warnings) -> " << out << "\n";
  return 0;
}

int RunList() {
  std::vector<std::string> warnings;
  auto paths = ResolveLayerPaths(VarDir(), {}, &warnings);
  if (!paths) {
    std::cerr << "error: " << paths.error().message() << "\n";
    return 1;
  }
  if (paths->empty()) std::cerr << "no gazetteer layers in " << VarDir() << "/gazetteer\n";
  int rc = 0;
  for (size_t i = 0; i < paths->size(); ++i) {
    auto g = Gazetteer::Open({(*paths)[i]});
    if (!g) {
      std::cerr << "error: " << g.error().message() << "\n";
      rc = 1;
      continue;
    }
    std::cout << i << "\t" << (*paths)[i] << "\t" << (*g)->size() << "\n";
    // Older formats still read, but scripts/setup-gazetteer.sh rebuilds on this note.
    auto version = GazetteerIndexVersion((*paths)[i]);
    if (version && *version < geo_format::kVersion)
      std::cerr << "note: " << (*paths)[i] << " is in an older index format (" << *version
                << ", now " << geo_format::kVersion
                << "): loose spelling lookups are slower; rebuild it\n";
  }
  return rc;
}

int RunLookup(const LookupArgs& a) {
  std::vector<std::string> warnings;
  auto paths = ResolveLayerPaths(VarDir(), a.gazetteers, &warnings);
  PrintWarnings(warnings);
  if (!paths) {
    std::cerr << "error: " << paths.error().message() << "\n";
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  auto g = Gazetteer::Open(*paths);
  if (!g) {
    std::cerr << "error: " << g.error().message() << "\n";
    return 1;
  }
  double open_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::vector<Candidate> found = a.skeleton ? (*g)->LookupSpellingVariants(a.name, {}, 0) : (*g)->Lookup(a.name);
  std::cout << "layer\tkind\tname\tname_ar\tadmin1\tadmin2\tcountry\tlat\tlon\tpcode\tgeonameid\t"
               "population\tfeature\tmatched\n";
  for (const Candidate& c : found) {
    const Place& p = c.place;
    char coords[64];
    std::snprintf(coords, sizeof(coords), "%.5f\t%.5f", p.lat, p.lon);
    std::cout << p.layer << "\t" << KindName(p.kind) << "\t" << p.name << "\t" << p.name_ar << "\t"
              << p.admin1 << "\t" << p.admin2 << "\t" << p.country << "\t" << coords << "\t"
              << p.pcode << "\t" << p.geonameid << "\t" << p.population << "\t" << p.feature_code
              << "\t" << c.matched_name << "\n";
  }
  std::cout.flush();
  std::cerr << found.size() << " candidates from " << paths->size() << " layers, " << (*g)->size()
            << " places (opened in " << open_ms << " ms)\n";
  return 0;
}

}  // namespace

void RegisterGazetteer(CLI::App& app, int& exit_code) {
  CLI::App* gz = app.add_subcommand("gazetteer", "Build, add and inspect gazetteer layers");
  gz->require_subcommand(1);

  auto build_args = std::make_shared<BuildArgs>();
  CLI::App* build =
      gz->add_subcommand("build", "Compile the default layer from GeoNames cities500");
  build->add_option("--geonames", build_args->geonames, "GeoNames dump (cities500.txt)")
      ->required()
      ->check(CLI::ExistingFile);
  build
      ->add_option("--admin1", build_args->admin1,
                   "admin1 names (admin1.json or admin1CodesASCII.txt)")
      ->check(CLI::ExistingFile);
  build->add_option("--admin2", build_args->admin2, "admin2 names (admin2.json or admin2Codes.txt)")
      ->check(CLI::ExistingFile);
  build->add_option("--countries", build_args->countries, "countries.tsv (default: built in)")
      ->check(CLI::ExistingFile);
  build
      ->add_option("--crosswalk", build_args->crosswalk, "admin1-crosswalk.tsv (default: built in)")
      ->check(CLI::ExistingFile);
  build->add_option("-o,--output", build_args->out, "index file to write (.hwg)")->required();
  build->callback([build_args, &exit_code] { exit_code = RunBuild(*build_args); });

  auto add_args = std::make_shared<AddArgs>();
  CLI::App* add =
      gz->add_subcommand("add", "Import a GeoNames dump or OCHA GeoJSON/CSV as a layer");
  add->add_option("file", add_args->file, "the file to import")
      ->required()
      ->check(CLI::ExistingFile);
  add->add_option("--name", add_args->name, "layer name (default: the file's name)");
  add->add_option("--admin1", add_args->admin1, "admin1 names for a GeoNames dump")
      ->check(CLI::ExistingFile);
  add->add_option("--admin2", add_args->admin2, "admin2 names for a GeoNames dump")
      ->check(CLI::ExistingFile);
  add->add_option("--crosswalk", add_args->crosswalk, "admin1-crosswalk.tsv (default: built in)")
      ->check(CLI::ExistingFile);
  add->callback([add_args, &exit_code] { exit_code = RunAdd(*add_args); });

  CLI::App* list = gz->add_subcommand("list", "List the layers in use and their place counts");
  list->callback([&exit_code] { exit_code = RunList(); });

  auto lookup_args = std::make_shared<LookupArgs>();
  CLI::App* lookup = gz->add_subcommand("lookup", "Print the candidates for a place name");
  lookup->add_option("name", lookup_args->name, "the name to look up")->required();
  lookup->add_flag("--skeleton", lookup_args->skeleton, "other spellings: same consonants, same first letter, length within two");
  lookup->add_option("--gazetteer", lookup_args->gazetteers, "extra layer (.hwg or source file)");
  lookup->callback([lookup_args, &exit_code] { exit_code = RunLookup(*lookup_args); });
}

}  // namespace harmwatch::cli
