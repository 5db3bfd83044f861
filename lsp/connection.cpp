// Message construction for the server's side of the connection; the one place ids are allocated for
// server-to-client requests.
#include "lsp/connection.h"

#include <spdlog/spdlog.h>

namespace evidential::lsp {

std::string serialize(const json& message) {
  return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

void Connection::send(const json& message) { writer_.write(serialize(message)); }

void Connection::reply(const json& id, json result) {
  send(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Connection::reply_error(const json& id, int code, std::string_view message) {
  send(json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void Connection::notify(std::string_view method, json params) {
  send(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

void Connection::request(std::string_view method, json params, ResponseHandler on_response) {
  int64_t id;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    id = next_id_++;
    pending_.emplace(id, std::move(on_response));
  }
  send(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
}

bool Connection::handle_response(const json& message) {
  const json& id = message["id"];
  if (!id.is_number_integer()) return false;
  ResponseHandler handler;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = pending_.find(id.get<int64_t>());
    if (it == pending_.end()) return false;
    handler = std::move(it->second);
    pending_.erase(it);
  }
  auto error = message.find("error");
  static const json kNull;
  auto result = message.find("result");
  handler(result != message.end() ? *result : kNull, error != message.end() ? &*error : nullptr);
  return true;
}

void Connection::log_message(MessageType type, std::string message) {
  spdlog::info("{}", message);
  notify("window/logMessage", ShowMessageParams{type, std::move(message)});
}

void Connection::show_message(MessageType type, std::string message) {
  spdlog::warn("{}", message);
  notify("window/showMessage", ShowMessageParams{type, std::move(message)});
}

}  // namespace evidential::lsp
