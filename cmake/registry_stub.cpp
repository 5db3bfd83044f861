// The code generator's stand-in for the generated registry_data.cpp, which it is about to write: no
// built-in entries, so default_settings() would parse the embedded JSON (the generator never calls it).
#include "config/config.h"

namespace evidential::config::detail {
bool builtin_registry(std::vector<core::SourceEntry>*) { return false; }
}  // namespace evidential::config::detail
