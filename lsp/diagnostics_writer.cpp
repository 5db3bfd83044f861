// The direct diagnostics writer. Positions come from a forward sweep (PositionSweep, lsp/positions.h)
// because findings arrive ordered by offset; a finding with fixes or related locations (few) goes
// through the ordinary to_diagnostic() + nlohmann path.
#include "lsp/diagnostics_writer.h"

#include <algorithm>
#include <charconv>

#include "core/utf8.h"
#include "lsp/connection.h"
#include "lsp/positions.h"

namespace evidential::lsp {

namespace {

void write_uint(uint32_t v, std::string& out) {
  char buf[16];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0x80) != 0; });
}

void write_position(Position p, std::string& out) {
  out += "{\"character\":";
  write_uint(p.character, out);
  out += ",\"line\":";
  write_uint(p.line, out);
  out += '}';
}

}  // namespace

void write_json_string(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;  // start of the pending unescaped run
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void write_diagnostics(const AnalyzedDocument& doc, bool related_information, std::string& out) {
  out += '[';
  PositionSweep starts(*doc.lines, doc.text, doc.encoding);
  PositionSweep ends(*doc.lines, doc.text, doc.encoding);
  bool first = true;
  for (const core::Finding& f : *doc.findings) {
    if (!first) out += ',';
    first = false;
    // Messages slice the document, which arrived as valid JSON; anything else takes the path that
    // replaces invalid bytes.
    if (!f.fixes.empty() || (related_information && !f.related.empty()) ||
        (has_non_ascii(f.message) && core::find_invalid_utf8(f.message) != std::string_view::npos)) {
      out += serialize(json(to_diagnostic(doc, f, related_information)));
      continue;
    }
    const std::string_view id = f.check;
    out += "{\"code\":";
    write_json_string(id, out);
    out += ",\"codeDescription\":{\"href\":\"";
    out += kCheckDocsBase;
    out.append(id);  // check ids are [a-z-]
    out += "\"},\"message\":";
    write_json_string(f.message, out);
    out += ",\"range\":{\"end\":";
    write_position(ends.at(f.range.end), out);
    out += ",\"start\":";
    write_position(starts.at(f.range.start), out);
    out += "},\"severity\":";
    write_uint(static_cast<uint32_t>(f.severity), out);
    out += ",\"source\":\"";
    out += kDiagnosticSource;
    out += "\"}";
  }
  out += ']';
}

void write_publish_diagnostics(const std::string& uri, std::optional<int32_t> version,
                               const AnalyzedDocument* doc, bool related_information, std::string& out) {
  out.clear();
  out += "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"diagnostics\":";
  if (doc != nullptr) {
    write_diagnostics(*doc, related_information, out);
  } else {
    out += "[]";
  }
  out += ",\"uri\":";
  write_json_string(uri, out);
  if (version) {
    out += ",\"version\":";
    out += std::to_string(*version);
  }
  out += "}}";
}

}  // namespace evidential::lsp
