// A client over pipes to an in-process `evidential lsp` session (lsp::serve on a thread), for tests that
// drive the server message by message.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "lsp/server.h"
#include "lsp/transport.h"

namespace evidential::testing {

class PipeClient {
 public:
  using json = nlohmann::json;

  PipeClient() {
    int to_server[2], from_server[2];
    EXPECT_EQ(pipe(to_server), 0);
    EXPECT_EQ(pipe(from_server), 0);
    server_in_ = to_server[0];
    out_ = to_server[1];
    in_ = from_server[0];
    server_out_ = from_server[1];
    lsp::ServerOptions options;
    options.debounce = std::chrono::milliseconds(0);
    thread_ = std::thread([this, options] { exit_code_ = lsp::serve(options, server_in_, server_out_); });
    reader_ = std::make_unique<lsp::MessageReader>(in_, 1u << 30);
    writer_ = std::make_unique<lsp::MessageWriter>(out_);
  }
  ~PipeClient() {
    close(out_);
    thread_.join();
    close(server_in_);
    close(server_out_);
    close(in_);
  }
  PipeClient(const PipeClient&) = delete;
  PipeClient& operator=(const PipeClient&) = delete;

  void send(const json& m) { writer_->write(m.dump()); }
  json read() {
    auto r = reader_->next();
    EXPECT_EQ(r.kind, lsp::ReadResult::Kind::kMessage);
    return r.kind == lsp::ReadResult::Kind::kMessage ? json::parse(r.body) : json();
  }
  /// The next publishDiagnostics for `version` (earlier versions may be skipped by the server, or
  /// published before it).
  json diagnostics_for(int version) {
    for (;;) {
      json m = read();
      if (m.is_null()) return m;
      if (m.value("method", "") != "textDocument/publishDiagnostics") continue;
      if (m["params"].value("version", -1) == version) return m["params"]["diagnostics"];
    }
  }
  int exit_code() const { return exit_code_; }

 private:
  int server_in_, server_out_, in_, out_;
  int exit_code_ = -1;
  std::thread thread_;
  std::unique_ptr<lsp::MessageReader> reader_;
  std::unique_ptr<lsp::MessageWriter> writer_;
};

}  // namespace evidential::testing
