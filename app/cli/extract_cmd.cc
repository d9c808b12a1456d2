#include "commands.h"
namespace harmwatch::cli {
void RegisterExtract(CLI::App&, int&) {}
}  // namespace harmwatch::cli
