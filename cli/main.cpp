// The `evidential` executable: one binary, several faces (DESIGN.md section 1).
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "lsp/server.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

constexpr std::string_view kUsage = R"(evidential: hedges, attributions and unsourced claims in prose

usage:
  evidential check [options] [PATH ...]   lint files and directories ("-" for stdin)
  evidential lsp [--stdio] [--log-file FILE] [--log-level LEVEL]
                                          the language server on stdin/stdout
  evidential checks [--format json]       list every check
  evidential explain CHECK-ID             a check's documentation and examples
  evidential parse [--format json] FILE   what the markup and prose layers saw
  evidential --version

Run "evidential check --help" for the linter's options.
)";

/// Ends a batch command: flushes the output and leaves without running static destructors. Tearing
/// down the built-in lexicon and models node by node took about a third of a small file's run time,
/// and the operating system reclaims the memory anyway.
[[noreturn]] int finish(int code) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
}

/// For a batch run: freed memory stays in the heap for reuse. A large file is analysed in runs of
/// 1 MiB, each allocating and freeing token and fact arrays of a few MB; glibc served those with mmap
/// and returned them on free, so every run paid page faults on fresh zeroed pages (0.06-0.14 s of
/// system time on the 20 MB corpus, against 0.01-0.02 s kept). The server keeps glibc's defaults: it
/// lives long and should give memory back.
void keep_freed_memory() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? evidential::cli::kExitError : evidential::cli::kExitOk;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::cout << "evidential " << EVIDENTIAL_VERSION << "\n";
    return 0;
  }
  std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "check") {
      keep_freed_memory();
      return finish(evidential::cli::run_check(args));
    }
    if (command == "checks") return finish(evidential::cli::run_checks(args));
    if (command == "explain") return finish(evidential::cli::run_explain(args));
    if (command == "parse") return finish(evidential::cli::run_parse(args));
    if (command == "lsp" || command == "--stdio" || command == "server") {
      return evidential::lsp::run_server(args);
    }
  } catch (const std::exception& e) {
    // Errors are turned into messages and exit codes here, once, for every subcommand.
    std::cerr << "evidential: " << e.what() << "\n";
    return evidential::cli::kExitError;
  }
  std::cerr << "evidential: unknown command \"" << command << "\"\n\n" << kUsage;
  return evidential::cli::kExitError;
}
