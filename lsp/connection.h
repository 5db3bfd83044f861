// The server's side of one JSON-RPC connection: replies, notifications and server-to-client requests
// (workspace/configuration, client/registerCapability), over a MessageWriter. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "lsp/protocol.h"
#include "lsp/transport.h"

namespace evidential::lsp {

class Connection {
 public:
  explicit Connection(MessageWriter& writer) : writer_(writer) {}

  void reply(const json& id, json result);
  void reply_error(const json& id, int code, std::string_view message);
  void notify(std::string_view method, json params);
  /// Sends a message that is already serialized (the diagnostics fast path).
  void send_serialized(std::string_view body) { writer_.write(body); }

  using ResponseHandler = std::function<void(const json& result, const json* error)>;
  /// Sends a request to the client; `on_response` runs on the reading thread when the answer comes.
  void request(std::string_view method, json params, ResponseHandler on_response);
  /// Routes a response from the client to its handler; false if no request of ours has that id.
  bool handle_response(const json& message);

  /// window/logMessage and window/showMessage.
  void log_message(MessageType type, std::string message);
  void show_message(MessageType type, std::string message);

 private:
  void send(const json& message);

  MessageWriter& writer_;
  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::map<int64_t, ResponseHandler> pending_;
};

/// Serializes without throwing: invalid UTF-8 (never expected; strings come from valid JSON input)
/// is replaced rather than aborting the message.
std::string serialize(const json& message);

}  // namespace evidential::lsp
