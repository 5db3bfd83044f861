// Placeholder until the language server lands: the entry point exists so the executable links.
#include "lsp/server.h"

#include <iostream>

namespace evidential::lsp {

int run_server(const std::vector<std::string>&) {
  std::cerr << "evidential lsp: the language server is not built yet\n";
  return 2;
}

}  // namespace evidential::lsp
