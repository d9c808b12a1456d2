// Copies of data/geo/admin1-crosswalk.tsv and data/geo/countries.tsv compiled into the
// library (regenerated when the files change).
#pragma once

#include <string_view>

namespace harmwatch {

std::string_view BuiltinCrosswalkTsv();
std::string_view BuiltinCountriesTsv();

}  // namespace harmwatch
