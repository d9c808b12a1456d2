#include "commands.h"
namespace harmwatch::cli {
void RegisterGazetteer(CLI::App&, int&) {}
}  // namespace harmwatch::cli
