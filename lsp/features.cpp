// Diagnostics, hover and code actions from findings. Ranges go through lsp/positions.h; the words come
// from each check's CheckInfo, so a new check needs nothing here.
#include "lsp/features.h"

#include <algorithm>
#include <set>

#include "core/check.h"
#include "core/document.h"
#include "core/sources.h"
#include "lsp/config_edit.h"
#include "lsp/positions.h"
#include "lsp/uri.h"

namespace evidential::lsp {

namespace {

std::string escape_markdown(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' || c == '>') {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

/// "media_outlet" -> "media outlet".
std::string readable(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

bool covers(core::Range r, uint32_t offset) {
  return r.contains(offset) || (r.empty() && r.start == offset);
}

WorkspaceEdit edit_of(const std::string& uri, std::optional<int32_t> version, std::vector<TextEdit> edits,
                      bool document_changes) {
  WorkspaceEdit e;
  if (document_changes) {
    e.documentChanges.emplace();
    e.documentChanges->push_back(TextDocumentEdit{{uri, version}, std::move(edits)});
  } else {
    e.changes[uri] = std::move(edits);
  }
  return e;
}

/// The container syntax that starts `line` ("> ", indentation), repeated before an inserted comment so
/// it stays inside the same block quote or list item.
std::string_view line_prefix(std::string_view text, uint32_t line_start) {
  uint32_t i = line_start;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '>')) ++i;
  return text.substr(line_start, i - line_start);
}

}  // namespace

Diagnostic to_diagnostic(const AnalyzedDocument& doc, const core::Finding& f, bool related_information) {
  Diagnostic d;
  d.range = to_range(*doc.lines, f.range, doc.encoding);
  d.severity = static_cast<int>(f.severity);
  d.code = std::string(f.check);
  d.codeDescription = CodeDescription{std::string(kCheckDocsBase) + d.code};
  d.source = std::string(kDiagnosticSource);
  d.message = f.message;
  if (related_information) {
    for (const core::Related& r : f.related) {
      d.relatedInformation.push_back({{doc.uri, to_range(*doc.lines, r.range, doc.encoding)}, r.message});
    }
  }
  if (!f.fixes.empty()) {
    json fixes = json::array();
    for (const core::Fix& fix : f.fixes) {
      json edits = json::array();
      for (const core::Edit& e : fix.edits) {
        edits.push_back(TextEdit{to_range(*doc.lines, e.range, doc.encoding), e.replacement});
      }
      fixes.push_back(json{{"title", fix.title}, {"edits", std::move(edits)}});
    }
    d.data = json{{"fixes", std::move(fixes)}};
  }
  return d;
}

std::optional<Hover> hover_at(const AnalyzedDocument& doc, Position pos, bool markdown) {
  const uint32_t offset = to_offset(*doc.lines, pos, doc.encoding);
  std::string out;
  std::optional<core::Range> range;
  auto esc = [&](std::string_view s) { return markdown ? escape_markdown(s) : std::string(s); };
  auto bold = [&](std::string_view s) { return markdown ? "**" + std::string(s) + "**" : std::string(s); };
  for (const core::Finding& f : *doc.findings) {
    if (f.range.start > offset) break;  // findings are ordered by start
    if (!covers(f.range, offset)) continue;
    if (!range) range = f.range;
    if (!out.empty()) out += markdown ? "\n\n---\n\n" : "\n\n";
    out += bold(std::string(f.check)) + " (" + std::string(core::severity_name(f.severity)) + "): " +
           esc(f.message);
    if (const core::Check* check = core::find_check(f.check)) {
      const core::CheckInfo& info = check->info();
      out += "\n\n" + esc(info.summary);
      if (!info.rationale.empty()) out += "\n\n" + bold("Why it matters:") + " " + esc(info.rationale);
      if (!info.advice.empty()) out += "\n\n" + bold("What to do:") + " " + esc(info.advice);
    }
    if (f.attribution) {
      const core::AttributionRef& a = *f.attribution;
      std::string_view source = core::slice(doc.text, a.source);
      out += "\n\n" + bold("Source:") + " " +
             (source.empty() ? std::string("(unnamed)") : esc(core::readable_text(source, doc.markup)));
      if (!a.antecedent.empty()) out += " (most likely " + esc(core::slice(doc.text, a.antecedent)) + ")";
      out += " — " + readable(core::source_kind_name(a.kind));
      if (!a.source_note.empty()) out += "\n\n" + esc(a.source_note);
      const core::SourceEntry* entry = nullptr;
      if (!source.empty() && doc.settings != nullptr && doc.settings->sources) {
        entry = doc.settings->sources->find_alias(source);
        if (entry == nullptr) entry = doc.settings->sources->find_in(source);
      }
      if (entry != nullptr) {
        if (!entry->kind.empty()) out += "\n\n" + bold("Registry:") + " " + esc(entry->name) + ", " + readable(entry->kind);
        if (!entry->reliability.empty()) out += "; reliability " + esc(entry->reliability);
        if (!entry->country.empty()) out += "\n\n" + bold("Country:") + " " + esc(entry->country);
        if (!entry->note.empty() && entry->note != a.source_note) out += "\n\n" + esc(entry->note);
      }
    }
    out += "\n\n";
    out += markdown ? "[" + std::string(f.check) + " documentation](" + std::string(kCheckDocsBase) +
                          std::string(f.check) + ")"
                    : std::string(kCheckDocsBase) + std::string(f.check);
  }
  if (!range) return std::nullopt;
  Hover h;
  h.contents = {markdown ? "markdown" : "plaintext", std::move(out)};
  h.range = to_range(*doc.lines, *range, doc.encoding);
  return h;
}

std::vector<CodeAction> code_actions(const AnalyzedDocument& doc, const CodeActionParams& params,
                                     const CodeActionEnvironment& env) {
  std::vector<CodeAction> actions;
  if (params.context.only) {
    bool wanted = std::any_of(params.context.only->begin(), params.context.only->end(),
                              [](const std::string& k) { return k == "quickfix"; });
    if (!wanted) return actions;
  }
  // Pair each diagnostic with the finding it still describes; a diagnostic from an older version
  // matches nothing and gets no action, so no edit is ever computed against text that changed.
  std::vector<std::pair<const core::Finding*, Diagnostic>> pairs;
  if (!params.context.diagnostics.empty()) {
    for (const Diagnostic& d : params.context.diagnostics) {
      if (d.source != kDiagnosticSource) continue;
      for (const core::Finding& f : *doc.findings) {
        if (f.check == d.code && to_range(*doc.lines, f.range, doc.encoding) == d.range) {
          pairs.emplace_back(&f, d);
          break;
        }
      }
    }
  } else {
    core::Range wanted = to_byte_range(*doc.lines, params.range, doc.encoding);
    for (const core::Finding& f : *doc.findings) {
      if (f.range.start <= wanted.end && wanted.start <= f.range.end) {
        pairs.emplace_back(&f, to_diagnostic(doc, f, false));
      }
    }
  }

  std::set<std::string> offered;  // "Disable ..." actions, once per check (and line)
  for (const auto& [finding, diagnostic] : pairs) {
    if (core::find_check(finding->check) == nullptr) continue;  // not a check (document-too-large)
    const std::string id(finding->check);
    for (size_t i = 0; i < finding->fixes.size(); ++i) {
      const core::Fix& fix = finding->fixes[i];
      std::vector<TextEdit> edits;
      for (const core::Edit& e : fix.edits) {
        edits.push_back({to_range(*doc.lines, e.range, doc.encoding), e.replacement});
      }
      actions.push_back({fix.title, "quickfix", {diagnostic}, i == 0,
                         edit_of(doc.uri, doc.version, std::move(edits), env.document_changes)});
    }
    if (doc.markup == core::Markup::kMarkdown) {
      const uint32_t line = doc.lines->line_of(finding->range.start);
      if (offered.insert("line " + std::to_string(line) + " " + id).second) {
        const uint32_t start = doc.lines->line_start(line);
        std::string comment = std::string(line_prefix(doc.text, start)) +
                              "<!-- evidential-disable-next-line " + id + " -->\n";
        Position at{line, 0};
        actions.push_back({"Disable " + id + " for this line", "quickfix", {diagnostic}, false,
                           edit_of(doc.uri, doc.version, {TextEdit{{at, at}, std::move(comment)}},
                                   env.document_changes)});
      }
    }
    if (!offered.insert("config " + id).second) continue;
    const std::string title = "Disable " + id + " in .evidential.json";
    if (env.config_file && env.config_text) {
      std::optional<TextReplacement> r = disable_check_edit(*env.config_text, id);
      if (!r) continue;
      core::LineIndex config_lines(*env.config_text);
      TextEdit edit{to_range(config_lines, r->range, doc.encoding), r->text};
      actions.push_back({title, "quickfix", {diagnostic}, false,
                         edit_of(path_to_uri(*env.config_file), std::nullopt, {std::move(edit)},
                                 env.document_changes)});
    } else if (!env.config_file && env.new_config_dir && env.document_changes && env.create_files) {
      const std::string uri = path_to_uri(*env.new_config_dir / ".evidential.json");
      WorkspaceEdit e;
      e.documentChanges.emplace();
      e.documentChanges->push_back(CreateFile{uri, false});
      e.documentChanges->push_back(
          TextDocumentEdit{{uri, std::nullopt}, {TextEdit{{{0, 0}, {0, 0}}, new_config_disabling(id)}}});
      actions.push_back({title, "quickfix", {diagnostic}, false, std::move(e)});
    }
  }
  return actions;
}

}  // namespace evidential::lsp
