// Subcommands of the `evidential` executable. Each returns the process exit code: 0 success,
// 1 findings at or above --fail-on, 2 usage, configuration or I/O error.
#pragma once

#include <string>
#include <vector>

namespace evidential::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

int run_check(const std::vector<std::string>& args);
int run_checks(const std::vector<std::string>& args);
int run_explain(const std::vector<std::string>& args);
int run_parse(const std::vector<std::string>& args);

}  // namespace evidential::cli
