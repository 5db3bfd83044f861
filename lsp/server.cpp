// The language server: lifecycle, dispatch (one table of bindings, one handler per method) and the
// glue between the document store, the configuration and the analysis worker. Protocol errors are
// turned into JSON-RPC error responses in exactly one place, dispatch().
#include "lsp/server.h"

#include <signal.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <fstream>
#include <memory>
#include <sstream>

#include "lsp/configuration.h"
#include "lsp/connection.h"
#include "lsp/documents.h"
#include "lsp/features.h"
#include "lsp/positions.h"
#include "lsp/protocol.h"
#include "lsp/transport.h"
#include "lsp/uri.h"
#include "lsp/worker.h"

namespace evidential::lsp {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kConfigWatcherId = "evidential-config-watcher";
constexpr std::string_view kConfigurationSection = "evidential";

class Server {
 public:
  Server(const ServerOptions& options, int in_fd, int out_fd)
      : options_(options),
        reader_(in_fd, options.max_message_bytes),
        writer_(out_fd),
        connection_(writer_),
        configuration_([this](const config::ConfigError& e) {
          connection_.show_message(kError, "Evidential configuration error: " + e.to_string() +
                                               " (keeping the previous settings)");
        }) {}

  int run();

 private:
  enum class State { kUninitialized, kRunning, kShutdown };
  using RequestHandler = void (Server::*)(const json& params, const json& id);
  using NotificationHandler = void (Server::*)(const json& params);
  struct Binding {
    std::string_view method;
    RequestHandler request = nullptr;
    NotificationHandler notification = nullptr;
  };
  static const std::vector<Binding>& bindings();

  void handle(const std::string& body);
  void dispatch(const Binding* binding, std::string_view method, const json& params, const json* id);

  // Requests.
  void on_initialize(const json& params, const json& id);
  void on_shutdown(const json& params, const json& id);
  void on_hover(const json& params, const json& id);
  void on_code_action(const json& params, const json& id);
  void on_diagnostic(const json& params, const json& id);
  // Notifications.
  void on_initialized(const json& params);
  void on_exit(const json& params);
  void on_did_open(const json& params);
  void on_did_change(const json& params);
  void on_did_close(const json& params);
  void on_did_save(const json& params);
  void on_did_change_configuration(const json& params);
  void on_did_change_watched_files(const json& params);
  void on_cancel_request(const json& params);
  void on_set_trace(const json& params);

  void request_workspace_settings();
  /// Settings from workspace/configuration or didChangeConfiguration: maxDocumentBytes for the server,
  /// the rest for the analysis.
  void apply_workspace_settings(json settings);
  /// Takes maxDocumentBytes out of `settings` (`where` names them in a message): the limit it sets, the
  /// current one when its value is not a positive integer (said in a message), `absent` when missing.
  size_t take_max_document_bytes(json& settings, std::string_view where, size_t absent);
  /// Asks a pulling client to pull again (workspace/diagnostic/refresh), when it supports that.
  void refresh_pulled_diagnostics();
  /// Re-resolves every open document's settings and re-analyses those whose settings changed.
  void reconfigure_all();
  /// Reloads the user's configuration file if it changed, and re-resolves the open documents then.
  void reload_user_config();
  void schedule(const OpenDocument& doc);
  std::optional<fs::path> workspace_folder_of(const fs::path& file) const;

  ServerOptions options_;
  /// The document size limit of the command line and initializationOptions; workspace settings may
  /// override it, and it returns when they drop the key.
  size_t base_max_document_bytes_ = 0;
  MessageReader reader_;
  MessageWriter writer_;
  Connection connection_;
  Configuration configuration_;
  DocumentStore documents_;
  std::map<std::string, std::shared_ptr<const ResolvedSettings>> settings_;  // per open document
  std::unique_ptr<Worker> worker_;
  ClientCapabilities capabilities_;
  core::Encoding encoding_ = core::Encoding::kUtf16;
  std::vector<fs::path> workspace_folders_;
  Trace trace_ = Trace::kOff;  // initialize.trace, then $/setTrace
  State state_ = State::kUninitialized;
  bool exit_ = false;
};

// Every method the server understands, and its handler: the one place a method name maps to code.
const std::vector<Server::Binding>& Server::bindings() {
  static const std::vector<Binding> kBindings = {
      {"initialize", &Server::on_initialize, nullptr},
      {"shutdown", &Server::on_shutdown, nullptr},
      {"textDocument/hover", &Server::on_hover, nullptr},
      {"textDocument/codeAction", &Server::on_code_action, nullptr},
      {"textDocument/diagnostic", &Server::on_diagnostic, nullptr},
      {"initialized", nullptr, &Server::on_initialized},
      {"exit", nullptr, &Server::on_exit},
      {"textDocument/didOpen", nullptr, &Server::on_did_open},
      {"textDocument/didChange", nullptr, &Server::on_did_change},
      {"textDocument/didClose", nullptr, &Server::on_did_close},
      {"textDocument/didSave", nullptr, &Server::on_did_save},
      {"workspace/didChangeConfiguration", nullptr, &Server::on_did_change_configuration},
      {"workspace/didChangeWatchedFiles", nullptr, &Server::on_did_change_watched_files},
      {"$/cancelRequest", nullptr, &Server::on_cancel_request},
      {"$/setTrace", nullptr, &Server::on_set_trace},
  };
  return kBindings;
}

int Server::run() {
  while (!exit_) {
    ReadResult r = reader_.next();
    if (r.kind == ReadResult::Kind::kEnd) {
      if (!r.error.empty()) spdlog::warn("input: {}", r.error);
      spdlog::info("input closed {} shutdown", state_ == State::kShutdown ? "after" : "without");
      break;
    }
    if (r.kind == ReadResult::Kind::kMalformed) {
      spdlog::warn("skipped a malformed message: {}", r.error);
      connection_.reply_error(nullptr, kParseError, r.error);
      continue;
    }
    if (r.kind == ReadResult::Kind::kTooLarge) {
      spdlog::warn("skipped a message: {}", r.error);
      connection_.reply_error(nullptr, kInvalidRequest, r.error);
      if (state_ == State::kRunning) connection_.log_message(kWarning, "Evidential skipped a message: " + r.error);
      continue;
    }
    handle(r.body);
  }
  if (worker_) worker_->stop();
  return state_ == State::kShutdown ? 0 : 1;
}

// nlohmann parses and destroys values of any depth, but copying or dumping one recurses once per level:
// params nested a few hundred thousand levels deep overflowed the stack in the handlers that copy them
// ($/cancelRequest's id, didChangeConfiguration's settings; tests/hostile_lsp_test.cpp). LSP messages
// are about a dozen levels deep.
constexpr int kMaxJsonDepth = 512;

bool nested_deeper_than(std::string_view body, int limit) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

void Server::handle(const std::string& body) {
  spdlog::trace("<- {}", body);
  if (nested_deeper_than(body, kMaxJsonDepth)) {
    connection_.reply_error(nullptr, kInvalidRequest,
                            "message nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    return;
  }
  json message;
  try {
    message = json::parse(body);
  } catch (const json::exception& e) {
    // parse_error, and out_of_range for numbers beyond a double ("1e999"), which ended the server.
    connection_.reply_error(nullptr, kParseError, std::string("invalid JSON: ") + e.what());
    return;
  }
  if (!message.is_object()) {
    connection_.reply_error(nullptr, kInvalidRequest,
                            message.is_array() ? "batch requests are not supported"
                                               : "a message must be a JSON object");
    return;
  }
  const json* id = nullptr;
  if (auto it = message.find("id"); it != message.end()) {
    if (!it->is_number_integer() && !it->is_string()) {
      connection_.reply_error(nullptr, kInvalidRequest, "\"id\" must be an integer or a string");
      return;
    }
    id = &*it;
  }
  auto version = message.find("jsonrpc");
  if (version == message.end() || *version != "2.0") {
    connection_.reply_error(id ? *id : json(), kInvalidRequest, "\"jsonrpc\" must be \"2.0\"");
    return;
  }
  auto method_it = message.find("method");
  if (method_it == message.end()) {
    if (id != nullptr && (message.contains("result") || message.contains("error"))) {
      if (!connection_.handle_response(message)) spdlog::warn("response to an unknown request {}", id->dump());
      return;
    }
    connection_.reply_error(id ? *id : json(), kInvalidRequest, "a request needs a \"method\"");
    return;
  }
  if (!method_it->is_string()) {
    connection_.reply_error(id ? *id : json(), kInvalidRequest, "\"method\" must be a string");
    return;
  }
  const std::string method = method_it->get<std::string>();
  static const json kNoParams = json::object();
  const json* params = &kNoParams;
  // "params": null is read as no params: JSON-RPC allows only structured values there, but some
  // clients (Emacs eglot on shutdown and exit) send null for "nothing".
  if (auto it = message.find("params"); it != message.end() && !it->is_null()) {
    if (!it->is_object() && !it->is_array()) {
      if (id != nullptr) {
        connection_.reply_error(*id, kInvalidParams, "\"params\" must be an object or an array");
      } else {
        spdlog::debug("dropped notification {}: \"params\" is neither an object nor an array", method);
      }
      return;
    }
    params = &*it;
  }
  const Binding* binding = nullptr;
  for (const Binding& b : bindings()) {
    if (b.method == method) binding = &b;
  }
  if (trace_ != Trace::kOff) {
    log_trace(connection_, trace_,
              id != nullptr ? "received request " + method + " (id " + id->dump() + ")" : "received " + method,
              [params] {
                // The params, shortened: a didOpen carries the whole document.
                constexpr size_t kLimit = 2000;
                std::string text = serialize(*params);
                if (text.size() > kLimit) text = text.substr(0, kLimit) + "... (" + std::to_string(text.size()) + " bytes)";
                return text;
              });
  }
  dispatch(binding, method, *params, id);
}

void Server::dispatch(const Binding* binding, std::string_view method, const json& params, const json* id) {
  const bool is_request = id != nullptr;
  // Lifecycle gates (LSP 3.17, "Server lifecycle").
  if (state_ == State::kUninitialized && method != "initialize" && method != "exit") {
    if (is_request) connection_.reply_error(*id, kServerNotInitialized, "the server is not initialized yet");
    else spdlog::debug("dropped notification {}: the server is not initialized yet", method);
    return;
  }
  if (state_ == State::kShutdown && method != "exit") {
    if (is_request) connection_.reply_error(*id, kInvalidRequest, "the server is shut down; only exit is expected");
    else spdlog::debug("dropped notification {}: the server is shut down", method);
    return;
  }
  if (binding == nullptr || (is_request ? binding->request == nullptr : binding->notification == nullptr)) {
    if (is_request) {
      connection_.reply_error(*id, kMethodNotFound, "unknown method \"" + std::string(method) + "\"");
    } else {
      // "$/" notifications may be ignored silently towards the client, but not in the log.
      spdlog::debug("ignored notification {}", method);
    }
    return;
  }
  try {
    if (is_request) {
      (this->*binding->request)(params, *id);
    } else {
      (this->*binding->notification)(params);
    }
  } catch (const ProtocolError& e) {
    if (is_request) connection_.reply_error(*id, e.code, e.message);
    else spdlog::warn("{}: {}", method, e.message);
  } catch (const json::exception& e) {
    if (is_request) connection_.reply_error(*id, kInvalidParams, e.what());
    else spdlog::warn("{}: {}", method, e.what());
  } catch (const std::exception& e) {
    spdlog::error("{} failed: {}", method, e.what());
    if (is_request) connection_.reply_error(*id, kInternalError, e.what());
  }
}

// ---- requests ----

void Server::on_initialize(const json& params, const json& id) {
  if (state_ != State::kUninitialized) {
    throw ProtocolError{kInvalidRequest, "initialize may only be sent once"};
  }
  InitializeParams p = params.get<InitializeParams>();
  capabilities_ = p.capabilities;
  encoding_ = negotiate_encoding(capabilities_.positionEncodings);
  trace_ = parse_trace(p.trace).value_or(Trace::kOff);
  for (const WorkspaceFolder& f : p.workspaceFolders) {
    if (auto path = uri_to_path(f.uri)) workspace_folders_.push_back(*path);
  }
  if (workspace_folders_.empty() && p.rootUri) {
    if (auto path = uri_to_path(*p.rootUri)) workspace_folders_.push_back(*path);
  }
  json initialization_options = p.initializationOptions;
  options_.max_document_bytes =
      take_max_document_bytes(initialization_options, "initializationOptions", options_.max_document_bytes);
  base_max_document_bytes_ = options_.max_document_bytes;
  configuration_.set_workspace_folders(workspace_folders_);
  configuration_.load_user_config();
  configuration_.set_initialization_options(initialization_options);

  Worker::Options wo;
  wo.encoding = encoding_;
  // A client that pulls gets no pushes: VS Code keeps pushed and pulled diagnostics in separate
  // collections and would show every finding twice.
  wo.push = !capabilities_.pullDiagnostics;
  wo.related_information = capabilities_.relatedInformation;
  wo.debounce = options_.debounce;
  wo.max_document_bytes = options_.max_document_bytes;
  worker_ = std::make_unique<Worker>(connection_, wo);
  worker_->set_trace(trace_);

  json capabilities = {
      {"positionEncoding", encoding_name(encoding_)},
      {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
      {"hoverProvider", true},
  };
  if (capabilities_.codeActionLiterals) {
    capabilities["codeActionProvider"] = {{"codeActionKinds", {"quickfix"}}, {"resolveProvider", false}};
  } else {
    capabilities["codeActionProvider"] = true;
  }
  if (capabilities_.pullDiagnostics) {
    capabilities["diagnosticProvider"] = {
        {"identifier", "evidential"}, {"interFileDependencies", false}, {"workspaceDiagnostics", false}};
  }
  json server_info = {{"name", "evidential"}};
#ifdef EVIDENTIAL_VERSION
  server_info["version"] = EVIDENTIAL_VERSION;
#endif
  state_ = State::kRunning;
  connection_.reply(id, {{"capabilities", std::move(capabilities)}, {"serverInfo", std::move(server_info)}});
}

void Server::on_shutdown(const json&, const json& id) {
  state_ = State::kShutdown;
  // Requests sent before shutdown are answered before it.
  if (worker_) worker_->drain();
  connection_.reply(id, nullptr);
}

void Server::on_hover(const json& params, const json& id) {
  auto p = params.get<TextDocumentPositionParams>();
  const bool markdown = capabilities_.hoverMarkdown;
  worker_->query(p.textDocument.uri, id, [p, markdown](const AnalyzedDocument* doc) -> json {
    if (doc == nullptr) return nullptr;
    std::optional<Hover> h = hover_at(*doc, p.position, markdown);
    return h ? json(*h) : json(nullptr);
  });
}

void Server::on_code_action(const json& params, const json& id) {
  auto p = params.get<CodeActionParams>();
  CodeActionEnvironment env;
  env.document_changes = capabilities_.documentChanges;
  env.create_files = capabilities_.createFiles;
  if (auto it = settings_.find(p.textDocument.uri); it != settings_.end() && it->second->file) {
    env.config_file = it->second->file;
    std::ifstream in(*env.config_file, std::ios::binary);
    if (in) {
      std::ostringstream text;
      text << in.rdbuf();
      env.config_text = text.str();
    }
  }
  if (auto path = uri_to_path(p.textDocument.uri)) {
    env.new_config_dir = workspace_folder_of(*path);
    if (!env.new_config_dir) env.new_config_dir = path->parent_path();
  }
  worker_->query(p.textDocument.uri, id, [p, env](const AnalyzedDocument* doc) -> json {
    if (doc == nullptr) return json::array();
    return code_actions(*doc, p, env);
  });
}

void Server::on_diagnostic(const json& params, const json& id) {
  auto p = params.get<DocumentDiagnosticParams>();
  worker_->pull(p.textDocument.uri, id, p.previousResultId);
}

// ---- notifications ----

void Server::on_initialized(const json&) {
  if (capabilities_.didChangeWatchedFilesDynamic) {
    Registration r{std::string(kConfigWatcherId), "workspace/didChangeWatchedFiles",
                   {{"watchers", {FileSystemWatcher{"**/.evidential.json"}}}}};
    connection_.request("client/registerCapability", RegistrationParams{{r}}, [](const json&, const json* error) {
      if (error) spdlog::warn("the client refused the .evidential.json watcher: {}", error->dump());
    });
  }
  if (capabilities_.configuration && capabilities_.didChangeConfigurationDynamic) {
    // Clients that pull settings only announce changes to servers that register for them.
    Registration r{"evidential-configuration", "workspace/didChangeConfiguration",
                   {{"section", kConfigurationSection}}};
    connection_.request("client/registerCapability", RegistrationParams{{r}}, [](const json&, const json*) {});
  }
  if (capabilities_.configuration) request_workspace_settings();
  connection_.log_message(
      kInfo, std::string("Evidential language server ready (positions in ") +
                 std::string(encoding_name(encoding_)) + ", " +
                 (capabilities_.pullDiagnostics ? "pull" : "push") + " diagnostics)");
}

void Server::on_exit(const json&) { exit_ = true; }

void Server::on_did_open(const json& params) {
  auto p = params.get<DidOpenTextDocumentParams>();
  std::optional<core::Markup> markup = markup_for_language(p.textDocument.languageId);
  if (!markup) {
    spdlog::debug("not analysing {} (language {})", p.textDocument.uri, p.textDocument.languageId);
    return;
  }
  // The user's configuration lies outside every workspace, where no client watches for us: it is
  // re-stated here, as each .evidential.json on the way is.
  reload_user_config();
  const OpenDocument& doc =
      documents_.open(p.textDocument.uri, *markup, p.textDocument.version, std::move(p.textDocument.text));
  settings_[doc.uri] = configuration_.resolve(doc.uri, /*recheck=*/true);
  schedule(doc);
}

void Server::on_did_change(const json& params) {
  auto p = params.get<DidChangeTextDocumentParams>();
  if (const OpenDocument* before = documents_.find(p.textDocument.uri);
      before != nullptr && p.textDocument.version <= before->version) {
    // Applied all the same: the changes describe the client's buffer whatever its numbering.
    spdlog::debug("didChange {}: version {} does not follow {}", p.textDocument.uri, p.textDocument.version,
                  before->version);
  }
  const OpenDocument* doc =
      documents_.change(p.textDocument.uri, p.textDocument.version, p.contentChanges, encoding_);
  if (doc == nullptr) {
    spdlog::debug("dropped didChange for {}: not open (or not a language we analyse)", p.textDocument.uri);
    return;
  }
  schedule(*doc);
}

void Server::on_did_close(const json& params) {
  auto p = params.get<DidCloseTextDocumentParams>();
  if (!documents_.close(p.textDocument.uri)) {
    spdlog::debug("dropped didClose for {}: not open", p.textDocument.uri);
    return;
  }
  settings_.erase(p.textDocument.uri);
  worker_->close(p.textDocument.uri);
}

void Server::on_did_save(const json& params) {
  // Diagnostics follow the buffer, which didChange already delivered; nothing to do on save.
  (void)params.get<DidSaveTextDocumentParams>();
}

void Server::on_did_change_configuration(const json& params) {
  auto p = params.get<DidChangeConfigurationParams>();
  reload_user_config();
  if (capabilities_.configuration) {
    request_workspace_settings();
    return;
  }
  apply_workspace_settings(p.settings.is_object() && p.settings.contains(kConfigurationSection)
                               ? p.settings[std::string(kConfigurationSection)]
                               : p.settings);
}

void Server::on_did_change_watched_files(const json& params) {
  auto p = params.get<DidChangeWatchedFilesParams>();
  bool config_changed = false;
  const std::optional<fs::path>& user_config = configuration_.user_config_path();
  for (const FileEvent& e : p.changes) {
    if (e.uri.ends_with("/.evidential.json")) config_changed = true;
    if (user_config && uri_to_path(e.uri) == user_config->lexically_normal()) reload_user_config();
  }
  if (!config_changed) {
    spdlog::debug("didChangeWatchedFiles: no .evidential.json among {} change(s)", p.changes.size());
    return;
  }
  connection_.log_message(kInfo, "Evidential: a .evidential.json changed; re-reading the configuration");
  configuration_.invalidate_files();
  reconfigure_all();
}

void Server::on_cancel_request(const json& params) {
  auto p = params.get<CancelParams>();
  // Requests answered on this thread are already done; only the worker can hold one (queued or running).
  if (worker_ && !worker_->cancel(p.id)) spdlog::debug("cancel {}: nothing pending", p.id.dump());
}

void Server::on_set_trace(const json& params) {
  trace_ = parse_trace(params.get<SetTraceParams>().value).value_or(Trace::kOff);
  if (worker_) worker_->set_trace(trace_);
}

// ---- helpers ----

void Server::request_workspace_settings() {
  ConfigurationParams p{{ConfigurationItem{std::nullopt, std::string(kConfigurationSection)}}};
  connection_.request("workspace/configuration", p, [this](const json& result, const json* error) {
    if (error != nullptr || !result.is_array() || result.empty()) {
      if (error) spdlog::warn("workspace/configuration failed: {}", error->dump());
      else spdlog::debug("workspace/configuration answered without settings; keeping the current ones");
      return;
    }
    apply_workspace_settings(result[0]);
  });
}

void Server::apply_workspace_settings(json settings) {
  const size_t limit = take_max_document_bytes(settings, "the workspace settings", base_max_document_bytes_);
  const bool limit_changed = limit != options_.max_document_bytes && worker_;
  if (limit_changed) {
    spdlog::info("document size limit: {} bytes (was {})", limit, options_.max_document_bytes);
    options_.max_document_bytes = limit;
    worker_->set_max_document_bytes(limit);
  }
  if (configuration_.set_workspace_settings(settings)) reconfigure_all();
  if (!limit_changed) return;
  // Documents whose settings did not change are checked against the new limit too; the worker
  // publishes only those whose result changes.
  for (const auto& [uri, doc] : documents_.all()) schedule(doc);
  if (!documents_.all().empty()) refresh_pulled_diagnostics();
}

// maxDocumentBytes is the server's, not a setting of the analysis: taken out before the rest is read
// as configuration (which rejects keys it does not know).
size_t Server::take_max_document_bytes(json& settings, std::string_view where, size_t absent) {
  if (!settings.is_object()) return absent;
  auto it = settings.find("maxDocumentBytes");
  if (it == settings.end()) return absent;
  size_t limit = options_.max_document_bytes;
  if (it->is_number_unsigned() && it->get<uint64_t>() > 0) {
    limit = static_cast<size_t>(std::min<uint64_t>(it->get<uint64_t>(), SIZE_MAX));
  } else {
    connection_.show_message(kError, "Evidential configuration error: maxDocumentBytes in " + std::string(where) +
                                         " must be a positive integer, not " + it->dump() + "; keeping " +
                                         std::to_string(limit));
  }
  settings.erase(it);
  return limit;
}

void Server::reload_user_config() {
  if (!configuration_.reload_user_config_if_changed()) return;
  connection_.log_message(kInfo, "Evidential: the user configuration " +
                                     configuration_.user_config_path().value_or("").string() +
                                     " changed; re-reading it");
  reconfigure_all();
}

void Server::reconfigure_all() {
  bool changed = false;
  for (const auto& [uri, doc] : documents_.all()) {
    auto resolved = configuration_.resolve(uri);
    auto& current = settings_[uri];
    if (current == resolved) continue;
    current = resolved;
    changed = true;
    schedule(doc);
  }
  if (changed) refresh_pulled_diagnostics();
}

void Server::refresh_pulled_diagnostics() {
  if (capabilities_.pullDiagnostics && capabilities_.diagnosticRefresh) {
    connection_.request("workspace/diagnostic/refresh", nullptr, [](const json&, const json*) {});
  }
}

void Server::schedule(const OpenDocument& doc) {
  auto it = settings_.find(doc.uri);
  if (it == settings_.end()) it = settings_.emplace(doc.uri, configuration_.resolve(doc.uri)).first;
  worker_->update({doc.uri, doc.version, doc.markup, doc.text, it->second, doc.lines});
}

std::optional<fs::path> Server::workspace_folder_of(const fs::path& file) const {
  std::optional<fs::path> best;
  for (const fs::path& folder : workspace_folders_) {
    auto rel = file.lexically_relative(folder);
    if (rel.empty() || *rel.begin() == "..") continue;
    if (!best || folder.native().size() > best->native().size()) best = folder;
  }
  return best;
}

bool parse_number(const std::string& s, uint64_t* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

int serve(const ServerOptions& options, int in_fd, int out_fd) {
  Server server(options, in_fd, out_fd);
  return server.run();
}

int run_server(const std::vector<std::string>& args) {
  ServerOptions options;
  std::string log_file;
  std::string log_level = "info";
  std::vector<std::string> ignored;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string_view name, std::string* out) {
      if (a == name && i + 1 < args.size()) {
        *out = args[++i];
        return true;
      }
      if (a.starts_with(std::string(name) + "=")) {
        *out = a.substr(name.size() + 1);
        return true;
      }
      return false;
    };
    std::string v;
    uint64_t n = 0;
    if (a == "--stdio") continue;
    if (value("--log-file", &log_file) || value("--log-level", &log_level)) continue;
    if (value("--debounce-ms", &v) && parse_number(v, &n)) {
      options.debounce = std::chrono::milliseconds(n);
      continue;
    }
    if (value("--max-message-bytes", &v) && parse_number(v, &n) && n > 0) {
      options.max_message_bytes = n;
      continue;
    }
    if (value("--max-document-bytes", &v) && parse_number(v, &n) && n > 0) {
      options.max_document_bytes = n;
      continue;
    }
    // Clients add their own flags (e.g. --clientProcessId); unknown ones are noted, not fatal.
    ignored.push_back(a);
  }

  std::shared_ptr<spdlog::logger> logger;
  try {
    if (!log_file.empty()) {
      logger = spdlog::basic_logger_mt("evidential", log_file);
    } else {
      logger = spdlog::stderr_logger_mt("evidential");
    }
  } catch (const spdlog::spdlog_ex& e) {
    logger = spdlog::stderr_logger_mt("evidential-stderr");
    logger->error("cannot open the log file {}: {}", log_file, e.what());
  }
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(log_level));
  spdlog::flush_on(spdlog::level::info);
  for (const std::string& a : ignored) spdlog::warn("ignoring unknown argument {}", a);

  // A client that goes away must end the server through EOF, not SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  int code = serve(options, 0, 1);
  spdlog::info("exiting with code {}", code);
  spdlog::shutdown();
  return code;
}

}  // namespace evidential::lsp
