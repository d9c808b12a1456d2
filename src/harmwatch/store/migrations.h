// The SQLite schema as numbered migrations: migration N (1-based) takes a database
// from version N-1 to N, and `schema_version` records each one applied. Never edit a
// released migration; append a new one. docs/store.md describes the tables.
#pragma once

#include <vector>

namespace harmwatch::store {

// The SQL of each migration, in order; the current version is its size.
const std::vector<const char*>& Migrations();

}  // namespace harmwatch::store
