// The language server's entry point (`evidential lsp`).
#pragma once

#include <string>
#include <vector>

namespace evidential::lsp {

/// Runs the server on stdin/stdout until `exit`; returns the process exit code (0 after shutdown,
/// 1 when `exit` comes without `shutdown` or the stream ends without it).
int run_server(const std::vector<std::string>& args);

}  // namespace evidential::lsp
