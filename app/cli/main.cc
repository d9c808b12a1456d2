// harmwatch: reports of attacks on civilians in, geocoded incident records out.
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands.h"

namespace harmwatch::cli {

std::string DataDir() {
  if (const char* env = std::getenv("HARMWATCH_DATA"); env && *env) return env;
  return HARMWATCH_DEFAULT_DATA_DIR;
}

std::string VarDir() {
  if (const char* env = std::getenv("HARMWATCH_HOME"); env && *env) return env;
  return HARMWATCH_DEFAULT_VAR_DIR;
}

}  // namespace harmwatch::cli

int main(int argc, char** argv) {
  CLI::App app{"harmwatch: reports of attacks on civilians in, geocoded incident records out"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "harmwatch " HARMWATCH_VERSION);
  int exit_code = 0;
  harmwatch::cli::RegisterExtract(app, exit_code);
  harmwatch::cli::RegisterGazetteer(app, exit_code);
  harmwatch::cli::RegisterStore(app, exit_code);
  harmwatch::cli::RegisterServe(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}
