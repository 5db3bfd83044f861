// The language server's entry point (`evidential lsp`) and the session it runs over any pair of file
// descriptors (stdin/stdout, or pipes in tests and benchmarks).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace evidential::lsp {

struct ServerOptions {
  /// Delay between the last edit and the analysis it triggers, so typing does not queue analyses.
  std::chrono::milliseconds debounce{150};
  /// Messages above this size are answered with an error and skipped unread.
  size_t max_message_bytes = 64u * 1024 * 1024;
  /// Documents above this size get one Information diagnostic saying so instead of an analysis; the
  /// client may lower or raise it with initializationOptions.maxDocumentBytes.
  size_t max_document_bytes = 20u * 1024 * 1024;
};

/// Runs the server on stdin/stdout until `exit`; returns the process exit code (0 after shutdown,
/// 1 when `exit` comes without `shutdown` or the stream ends without it). Arguments: [--stdio]
/// [--log-file FILE] [--log-level trace|debug|info|warn|error|off] [--debounce-ms N]
/// [--max-message-bytes N] [--max-document-bytes N]. Logs go to stderr or the log file, never to stdout.
int run_server(const std::vector<std::string>& args);

/// One session over `in_fd`/`out_fd`, with the same exit code contract. Logging is the caller's.
int serve(const ServerOptions& options, int in_fd, int out_fd);

}  // namespace evidential::lsp
