// JSON conversions of the protocol types. Readers are strict about what the spec requires (a wrong
// type or a missing field throws, and the dispatcher answers -32602) and ignore everything else.
#include "lsp/protocol.h"

#include <algorithm>
#include <limits>

namespace evidential::lsp {

namespace {

[[noreturn]] void invalid(const std::string& what) { throw ProtocolError{kInvalidParams, what}; }

const json& field(const json& j, const char* key) {
  if (!j.is_object()) invalid(std::string("expected an object holding \"") + key + "\"");
  auto it = j.find(key);
  if (it == j.end()) invalid(std::string("missing \"") + key + "\"");
  return *it;
}

uint32_t get_uint(const json& j, const char* key) {
  const json& v = field(j, key);
  if (!v.is_number_integer() || v.get<int64_t>() < 0 ||
      v.get<int64_t>() > std::numeric_limits<uint32_t>::max()) {
    invalid(std::string("\"") + key + "\" must be a non-negative integer");
  }
  return static_cast<uint32_t>(v.get<int64_t>());
}

int32_t get_int(const json& j, const char* key) {
  const json& v = field(j, key);
  if (!v.is_number_integer() || v.get<int64_t>() < std::numeric_limits<int32_t>::min() ||
      v.get<int64_t>() > std::numeric_limits<int32_t>::max()) {
    invalid(std::string("\"") + key + "\" must be an integer");
  }
  return static_cast<int32_t>(v.get<int64_t>());
}

std::string get_string(const json& j, const char* key) {
  const json& v = field(j, key);
  if (!v.is_string()) invalid(std::string("\"") + key + "\" must be a string");
  return v.get<std::string>();
}

/// The value at a dotted path of objects, or nullptr.
const json* find_path(const json& j, std::initializer_list<const char*> path) {
  const json* at = &j;
  for (const char* key : path) {
    if (!at->is_object()) return nullptr;
    auto it = at->find(key);
    if (it == at->end()) return nullptr;
    at = &*it;
  }
  return at;
}

bool flag(const json& j, std::initializer_list<const char*> path) {
  const json* v = find_path(j, path);
  return v != nullptr && v->is_boolean() && v->get<bool>();
}

bool list_has(const json& j, std::initializer_list<const char*> path, std::string_view want) {
  const json* v = find_path(j, path);
  if (v == nullptr || !v->is_array()) return false;
  return std::any_of(v->begin(), v->end(),
                     [&](const json& e) { return e.is_string() && e.get<std::string>() == want; });
}

}  // namespace

void to_json(json& j, const Position& p) { j = json{{"line", p.line}, {"character", p.character}}; }
void from_json(const json& j, Position& p) {
  p.line = get_uint(j, "line");
  p.character = get_uint(j, "character");
}

void to_json(json& j, const Range& r) { j = json{{"start", r.start}, {"end", r.end}}; }
void from_json(const json& j, Range& r) {
  from_json(field(j, "start"), r.start);
  from_json(field(j, "end"), r.end);
}

void to_json(json& j, const Location& l) { j = json{{"uri", l.uri}, {"range", l.range}}; }

void from_json(const json& j, TextDocumentIdentifier& t) { t.uri = get_string(j, "uri"); }

void from_json(const json& j, VersionedTextDocumentIdentifier& t) {
  t.uri = get_string(j, "uri");
  t.version = get_int(j, "version");
}

void to_json(json& j, const OptionalVersionedTextDocumentIdentifier& t) {
  j = json{{"uri", t.uri}, {"version", t.version ? json(*t.version) : json(nullptr)}};
}

void from_json(const json& j, TextDocumentItem& t) {
  t.uri = get_string(j, "uri");
  t.languageId = get_string(j, "languageId");
  t.version = get_int(j, "version");
  t.text = get_string(j, "text");
}

void from_json(const json& j, TextDocumentContentChangeEvent& c) {
  c.text = get_string(j, "text");
  c.range.reset();
  if (auto it = j.find("range"); it != j.end() && !it->is_null()) {
    Range r;
    from_json(*it, r);
    c.range = r;
  }
}

void from_json(const json& j, DidOpenTextDocumentParams& p) { from_json(field(j, "textDocument"), p.textDocument); }

void from_json(const json& j, DidChangeTextDocumentParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
  const json& changes = field(j, "contentChanges");
  if (!changes.is_array()) invalid("\"contentChanges\" must be an array");
  p.contentChanges.clear();
  for (const json& c : changes) from_json(c, p.contentChanges.emplace_back());
}

void from_json(const json& j, DidCloseTextDocumentParams& p) { from_json(field(j, "textDocument"), p.textDocument); }
void from_json(const json& j, DidSaveTextDocumentParams& p) { from_json(field(j, "textDocument"), p.textDocument); }

void from_json(const json& j, TextDocumentPositionParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
  from_json(field(j, "position"), p.position);
}

void to_json(json& j, const MarkupContent& m) { j = json{{"kind", m.kind}, {"value", m.value}}; }

void to_json(json& j, const Hover& h) {
  j = json{{"contents", h.contents}};
  if (h.range) j["range"] = *h.range;
}

void to_json(json& j, const Diagnostic& d) {
  j = json{{"range", d.range}, {"message", d.message}};
  if (d.severity != 0) j["severity"] = d.severity;
  if (!d.code.empty()) j["code"] = d.code;
  if (d.codeDescription) j["codeDescription"] = json{{"href", d.codeDescription->href}};
  if (!d.source.empty()) j["source"] = d.source;
  if (!d.relatedInformation.empty()) {
    json related = json::array();
    for (const auto& r : d.relatedInformation) {
      related.push_back(json{{"location", r.location}, {"message", r.message}});
    }
    j["relatedInformation"] = std::move(related);
  }
  if (!d.data.is_null()) j["data"] = d.data;
}

void from_json(const json& j, Diagnostic& d) {
  from_json(field(j, "range"), d.range);
  d.message = j.value("message", "");
  d.severity = 0;
  if (auto it = j.find("severity"); it != j.end() && it->is_number_integer()) d.severity = it->get<int>();
  d.code.clear();
  if (auto it = j.find("code"); it != j.end()) {
    if (it->is_string()) d.code = it->get<std::string>();
    else if (it->is_number_integer()) d.code = std::to_string(it->get<int64_t>());
  }
  d.source.clear();
  if (auto it = j.find("source"); it != j.end() && it->is_string()) d.source = it->get<std::string>();
  d.data = j.contains("data") ? j["data"] : json();
}

void to_json(json& j, const PublishDiagnosticsParams& p) {
  j = json{{"uri", p.uri}, {"diagnostics", p.diagnostics}};
  if (p.version) j["version"] = *p.version;
}

void from_json(const json& j, CodeActionContext& c) {
  const json& diagnostics = field(j, "diagnostics");
  if (!diagnostics.is_array()) invalid("\"diagnostics\" must be an array");
  c.diagnostics.clear();
  for (const json& d : diagnostics) from_json(d, c.diagnostics.emplace_back());
  c.only.reset();
  if (auto it = j.find("only"); it != j.end() && it->is_array()) {
    std::vector<std::string> kinds;
    for (const json& k : *it) {
      if (k.is_string()) kinds.push_back(k.get<std::string>());
    }
    c.only = std::move(kinds);
  }
}

void from_json(const json& j, CodeActionParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
  from_json(field(j, "range"), p.range);
  from_json(field(j, "context"), p.context);
}

void to_json(json& j, const TextEdit& e) { j = json{{"range", e.range}, {"newText", e.newText}}; }

void to_json(json& j, const TextDocumentEdit& e) {
  j = json{{"textDocument", e.textDocument}, {"edits", e.edits}};
}

void to_json(json& j, const CreateFile& c) {
  j = json{{"kind", "create"}, {"uri", c.uri}, {"options", {{"ignoreIfExists", c.ignoreIfExists}}}};
}

void to_json(json& j, const WorkspaceEdit& e) {
  j = json::object();
  if (e.documentChanges) {
    json changes = json::array();
    for (const auto& change : *e.documentChanges) {
      std::visit([&](const auto& c) { changes.push_back(json(c)); }, change);
    }
    j["documentChanges"] = std::move(changes);
  } else {
    json changes = json::object();
    for (const auto& [uri, edits] : e.changes) changes[uri] = edits;
    j["changes"] = std::move(changes);
  }
}

void to_json(json& j, const CodeAction& a) {
  j = json{{"title", a.title}, {"kind", a.kind}, {"edit", a.edit}};
  if (!a.diagnostics.empty()) j["diagnostics"] = a.diagnostics;
  if (a.isPreferred) j["isPreferred"] = true;
}

void from_json(const json& j, DocumentDiagnosticParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
  p.identifier.reset();
  p.previousResultId.reset();
  if (auto it = j.find("identifier"); it != j.end() && it->is_string()) p.identifier = it->get<std::string>();
  if (auto it = j.find("previousResultId"); it != j.end() && it->is_string()) {
    p.previousResultId = it->get<std::string>();
  }
}

void to_json(json& j, const DocumentDiagnosticReport& r) {
  if (r.unchanged) {
    j = json{{"kind", "unchanged"}, {"resultId", r.resultId}};
  } else {
    j = json{{"kind", "full"}, {"resultId", r.resultId}, {"items", r.items}};
  }
}

void to_json(json& j, const ShowMessageParams& p) { j = json{{"type", p.type}, {"message", p.message}}; }

void to_json(json& j, const ConfigurationItem& i) {
  j = json{{"section", i.section}};
  if (i.scopeUri) j["scopeUri"] = *i.scopeUri;
}

void to_json(json& j, const ConfigurationParams& p) { j = json{{"items", p.items}}; }

void to_json(json& j, const FileSystemWatcher& w) { j = json{{"globPattern", w.globPattern}}; }

void to_json(json& j, const Registration& r) {
  j = json{{"id", r.id}, {"method", r.method}};
  if (!r.registerOptions.is_null()) j["registerOptions"] = r.registerOptions;
}

void to_json(json& j, const RegistrationParams& p) { j = json{{"registrations", p.registrations}}; }

void from_json(const json& j, FileEvent& e) {
  e.uri = get_string(j, "uri");
  e.type = get_int(j, "type");
}

void from_json(const json& j, DidChangeWatchedFilesParams& p) {
  const json& changes = field(j, "changes");
  if (!changes.is_array()) invalid("\"changes\" must be an array");
  p.changes.clear();
  for (const json& c : changes) from_json(c, p.changes.emplace_back());
}

void from_json(const json& j, DidChangeConfigurationParams& p) {
  p.settings = j.is_object() && j.contains("settings") ? j["settings"] : json();
}

void from_json(const json& j, CancelParams& p) {
  p.id = field(j, "id");
  if (!p.id.is_number_integer() && !p.id.is_string()) invalid("\"id\" must be an integer or a string");
}

void from_json(const json& j, SetTraceParams& p) {
  p.value = get_string(j, "value");
  if (p.value != "off" && p.value != "messages" && p.value != "verbose") {
    invalid("\"value\" must be \"off\", \"messages\" or \"verbose\"");
  }
}

void from_json(const json& j, WorkspaceFolder& f) {
  f.uri = get_string(j, "uri");
  f.name = j.value("name", "");
}

void from_json(const json& j, ClientCapabilities& c) {
  c = ClientCapabilities{};
  if (const json* e = find_path(j, {"general", "positionEncodings"}); e && e->is_array()) {
    for (const json& name : *e) {
      if (name.is_string()) c.positionEncodings.push_back(name.get<std::string>());
    }
  }
  c.configuration = flag(j, {"workspace", "configuration"});
  c.didChangeConfigurationDynamic = flag(j, {"workspace", "didChangeConfiguration", "dynamicRegistration"});
  c.didChangeWatchedFilesDynamic = flag(j, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"});
  c.documentChanges = flag(j, {"workspace", "workspaceEdit", "documentChanges"});
  c.createFiles = list_has(j, {"workspace", "workspaceEdit", "resourceOperations"}, "create");
  c.diagnosticRefresh = flag(j, {"workspace", "diagnostics", "refreshSupport"});
  const json* pull = find_path(j, {"textDocument", "diagnostic"});
  c.pullDiagnostics = pull != nullptr && pull->is_object();
  c.relatedInformation = flag(j, {"textDocument", "publishDiagnostics", "relatedInformation"}) ||
                         (c.pullDiagnostics && flag(j, {"textDocument", "diagnostic", "relatedInformation"}));
  c.hoverMarkdown = list_has(j, {"textDocument", "hover", "contentFormat"}, "markdown");
  const json* literals = find_path(j, {"textDocument", "codeAction", "codeActionLiteralSupport"});
  c.codeActionLiterals = literals != nullptr && literals->is_object();
}

void from_json(const json& j, InitializeParams& p) {
  if (!j.is_object()) invalid("initialize params must be an object");
  p.rootUri.reset();
  if (auto it = j.find("rootUri"); it != j.end() && it->is_string()) p.rootUri = it->get<std::string>();
  p.workspaceFolders.clear();
  if (auto it = j.find("workspaceFolders"); it != j.end() && it->is_array()) {
    for (const json& f : *it) from_json(f, p.workspaceFolders.emplace_back());
  }
  p.initializationOptions = j.contains("initializationOptions") ? j["initializationOptions"] : json();
  if (auto it = j.find("capabilities"); it != j.end()) {
    from_json(*it, p.capabilities);
  } else {
    invalid("missing \"capabilities\"");
  }
  p.trace = "off";
  if (auto it = j.find("trace"); it != j.end() && it->is_string()) p.trace = it->get<std::string>();
}

}  // namespace evidential::lsp
