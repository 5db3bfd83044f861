// The LSP 3.17 types the server uses, one struct per type, fields spelled as in the specification, each
// with its JSON pair. Only the fields the server reads or writes are present.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace evidential::lsp {

using json = nlohmann::json;

/// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
  kRequestFailed = -32803,
  kRequestCancelled = -32800,
};

/// An error a handler reports to the client as a JSON-RPC error response.
struct ProtocolError {
  int code = kInternalError;
  std::string message;
};

struct Position {
  uint32_t line = 0;
  uint32_t character = 0;
  friend bool operator==(const Position&, const Position&) = default;
};
void to_json(json& j, const Position& p);
void from_json(const json& j, Position& p);

struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};
void to_json(json& j, const Range& r);
void from_json(const json& j, Range& r);

struct Location {
  std::string uri;
  Range range;
};
void to_json(json& j, const Location& l);

struct TextDocumentIdentifier {
  std::string uri;
};
void from_json(const json& j, TextDocumentIdentifier& t);

struct VersionedTextDocumentIdentifier {
  std::string uri;
  int32_t version = 0;
};
void from_json(const json& j, VersionedTextDocumentIdentifier& t);

/// `version` null means "the file on disk" (a file the client does not have open).
struct OptionalVersionedTextDocumentIdentifier {
  std::string uri;
  std::optional<int32_t> version;
};
void to_json(json& j, const OptionalVersionedTextDocumentIdentifier& t);

struct TextDocumentItem {
  std::string uri;
  std::string languageId;
  int32_t version = 0;
  std::string text;
};
void from_json(const json& j, TextDocumentItem& t);

/// With `range`: replace that range by `text`; without: `text` is the whole new content.
struct TextDocumentContentChangeEvent {
  std::optional<Range> range;
  std::string text;
};
void from_json(const json& j, TextDocumentContentChangeEvent& c);

struct DidOpenTextDocumentParams {
  TextDocumentItem textDocument;
};
void from_json(const json& j, DidOpenTextDocumentParams& p);

struct DidChangeTextDocumentParams {
  VersionedTextDocumentIdentifier textDocument;
  std::vector<TextDocumentContentChangeEvent> contentChanges;
};
void from_json(const json& j, DidChangeTextDocumentParams& p);

struct DidCloseTextDocumentParams {
  TextDocumentIdentifier textDocument;
};
void from_json(const json& j, DidCloseTextDocumentParams& p);

struct DidSaveTextDocumentParams {
  TextDocumentIdentifier textDocument;
};
void from_json(const json& j, DidSaveTextDocumentParams& p);

/// Also HoverParams.
struct TextDocumentPositionParams {
  TextDocumentIdentifier textDocument;
  Position position;
};
void from_json(const json& j, TextDocumentPositionParams& p);

struct MarkupContent {
  std::string kind;  ///< "markdown" or "plaintext"
  std::string value;
};
void to_json(json& j, const MarkupContent& m);

struct Hover {
  MarkupContent contents;
  std::optional<Range> range;
};
void to_json(json& j, const Hover& h);

struct CodeDescription {
  std::string href;
};

struct DiagnosticRelatedInformation {
  Location location;
  std::string message;
};

struct Diagnostic {
  Range range;
  int severity = 0;  ///< 1 error .. 4 hint; 0 = absent
  std::string code;
  std::optional<CodeDescription> codeDescription;
  std::string source;
  std::string message;
  std::vector<DiagnosticRelatedInformation> relatedInformation;
  json data;  ///< null = absent
};
void to_json(json& j, const Diagnostic& d);
/// Lenient: a client echoes diagnostics back in code action requests, possibly not ours.
void from_json(const json& j, Diagnostic& d);

struct PublishDiagnosticsParams {
  std::string uri;
  std::optional<int32_t> version;
  std::vector<Diagnostic> diagnostics;
};
void to_json(json& j, const PublishDiagnosticsParams& p);

struct CodeActionContext {
  std::vector<Diagnostic> diagnostics;
  std::optional<std::vector<std::string>> only;
};
void from_json(const json& j, CodeActionContext& c);

struct CodeActionParams {
  TextDocumentIdentifier textDocument;
  Range range;
  CodeActionContext context;
};
void from_json(const json& j, CodeActionParams& p);

struct TextEdit {
  Range range;
  std::string newText;
};
void to_json(json& j, const TextEdit& e);

struct TextDocumentEdit {
  OptionalVersionedTextDocumentIdentifier textDocument;
  std::vector<TextEdit> edits;
};
void to_json(json& j, const TextDocumentEdit& e);

/// The `create` resource operation ({"kind": "create", ...}).
struct CreateFile {
  std::string uri;
  bool ignoreIfExists = true;
};
void to_json(json& j, const CreateFile& c);

/// Either `changes` (plain clients) or `documentChanges` (clients declaring documentChanges support).
struct WorkspaceEdit {
  std::map<std::string, std::vector<TextEdit>> changes;
  std::optional<std::vector<std::variant<TextDocumentEdit, CreateFile>>> documentChanges;
};
void to_json(json& j, const WorkspaceEdit& e);

struct CodeAction {
  std::string title;
  std::string kind;  ///< "quickfix"
  std::vector<Diagnostic> diagnostics;
  bool isPreferred = false;
  WorkspaceEdit edit;
};
void to_json(json& j, const CodeAction& a);

struct DocumentDiagnosticParams {
  TextDocumentIdentifier textDocument;
  std::optional<std::string> identifier;
  std::optional<std::string> previousResultId;
};
void from_json(const json& j, DocumentDiagnosticParams& p);

/// A FullDocumentDiagnosticReport (`items` set) or an UnchangedDocumentDiagnosticReport.
struct DocumentDiagnosticReport {
  bool unchanged = false;
  std::string resultId;
  std::vector<Diagnostic> items;
};
void to_json(json& j, const DocumentDiagnosticReport& r);

enum MessageType : int { kError = 1, kWarning = 2, kInfo = 3, kLog = 4 };

/// Also LogMessageParams.
struct ShowMessageParams {
  int type = kInfo;
  std::string message;
};
void to_json(json& j, const ShowMessageParams& p);

struct ConfigurationItem {
  std::optional<std::string> scopeUri;
  std::string section;
};
void to_json(json& j, const ConfigurationItem& i);

struct ConfigurationParams {
  std::vector<ConfigurationItem> items;
};
void to_json(json& j, const ConfigurationParams& p);

struct FileSystemWatcher {
  std::string globPattern;
};
void to_json(json& j, const FileSystemWatcher& w);

struct Registration {
  std::string id;
  std::string method;
  json registerOptions;
};
void to_json(json& j, const Registration& r);

struct RegistrationParams {
  std::vector<Registration> registrations;
};
void to_json(json& j, const RegistrationParams& p);

struct FileEvent {
  std::string uri;
  int type = 0;  ///< 1 created, 2 changed, 3 deleted
};
void from_json(const json& j, FileEvent& e);

struct DidChangeWatchedFilesParams {
  std::vector<FileEvent> changes;
};
void from_json(const json& j, DidChangeWatchedFilesParams& p);

struct DidChangeConfigurationParams {
  json settings;
};
void from_json(const json& j, DidChangeConfigurationParams& p);

struct CancelParams {
  json id;  ///< integer or string
};
void from_json(const json& j, CancelParams& p);

struct SetTraceParams {
  std::string value;  ///< "off", "messages" or "verbose"
};
void from_json(const json& j, SetTraceParams& p);

struct WorkspaceFolder {
  std::string uri;
  std::string name;
};
void from_json(const json& j, WorkspaceFolder& f);

/// The client capabilities the server acts on, read from their nested places in the spec's
/// ClientCapabilities; absent means unsupported.
struct ClientCapabilities {
  std::vector<std::string> positionEncodings;       ///< general.positionEncodings
  bool configuration = false;                       ///< workspace.configuration
  bool didChangeConfigurationDynamic = false;       ///< workspace.didChangeConfiguration.dynamicRegistration
  bool didChangeWatchedFilesDynamic = false;        ///< workspace.didChangeWatchedFiles.dynamicRegistration
  bool documentChanges = false;                     ///< workspace.workspaceEdit.documentChanges
  bool createFiles = false;                         ///< workspace.workspaceEdit.resourceOperations has "create"
  bool diagnosticRefresh = false;                   ///< workspace.diagnostics.refreshSupport
  bool pullDiagnostics = false;                     ///< textDocument.diagnostic present
  bool relatedInformation = false;                  ///< textDocument.publishDiagnostics.relatedInformation
  bool hoverMarkdown = false;                       ///< textDocument.hover.contentFormat has "markdown"
  bool codeActionLiterals = false;                  ///< textDocument.codeAction.codeActionLiteralSupport
};
void from_json(const json& j, ClientCapabilities& c);

struct InitializeParams {
  std::optional<std::string> rootUri;
  std::vector<WorkspaceFolder> workspaceFolders;
  json initializationOptions;  ///< null when absent
  ClientCapabilities capabilities;
  std::string trace = "off";
};
void from_json(const json& j, InitializeParams& p);

}  // namespace evidential::lsp
