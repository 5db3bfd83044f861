// File helpers shared by the build-time generators (weights_codegen, registry_codegen).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace evidential::codegen {

inline std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// Writes `code` to `output` only when the content differs, so an unchanged table does not make the
/// build recompile its dependents. Returns the process exit code.
inline int write_if_changed(const std::string& output, const std::string& code) {
  if (read_all(output) == code) return 0;
  std::ofstream out(output, std::ios::binary);
  out << code;
  return out ? 0 : 1;
}

}  // namespace evidential::codegen
