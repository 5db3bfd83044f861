// What the server answers about one analysed version of a document: diagnostics, hover and code
// actions, computed from core::Finding and each check's CheckInfo (never from how a check works).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/check.h"
#include "core/finding.h"
#include "core/line_index.h"
#include "core/markup/markup.h"
#include "core/settings.h"
#include "lsp/protocol.h"

namespace evidential::lsp {

inline constexpr std::string_view kDiagnosticSource = "evidential";
inline constexpr std::string_view kCheckDocsBase = core::kCheckDocsBase;
/// The code of the one diagnostic a document above the server's size limit gets instead of findings.
inline constexpr std::string_view kDocumentTooLarge = "document-too-large";

/// One analysed version of a document.
struct AnalyzedDocument {
  std::string uri;
  int32_t version = 0;
  core::Markup markup = core::Markup::kPlain;
  std::string_view text;
  const core::LineIndex* lines = nullptr;
  const core::Settings* settings = nullptr;
  const std::vector<core::Finding>* findings = nullptr;
  core::Encoding encoding = core::Encoding::kUtf16;
};

/// A finding as an LSP diagnostic: code = check id, codeDescription = its documentation, `data` = its
/// fixes (so a client can see what the quick fixes will do).
Diagnostic to_diagnostic(const AnalyzedDocument& doc, const core::Finding& finding,
                         bool related_information);

/// The hover at `pos`: every finding there, explained from its CheckInfo, and for an attribution the
/// source's card. nullopt when no finding covers `pos`.
std::optional<Hover> hover_at(const AnalyzedDocument& doc, Position pos, bool markdown);

struct CodeActionEnvironment {
  bool document_changes = false;  ///< the client takes WorkspaceEdit.documentChanges
  bool create_files = false;      ///< ... including CreateFile operations
  /// The .evidential.json that applies to the document, if any, and its current text.
  std::optional<std::filesystem::path> config_file;
  std::optional<std::string> config_text;
  /// Where a new .evidential.json would go (the workspace folder holding the document); nullopt when
  /// the document has no file path.
  std::optional<std::filesystem::path> new_config_dir;
};

/// Quick fixes for the diagnostics in `params` that still match a current finding: each finding's own
/// fixes, "Disable <id> for this line" (Markdown only) and "Disable <id> in .evidential.json".
std::vector<CodeAction> code_actions(const AnalyzedDocument& doc, const CodeActionParams& params,
                                     const CodeActionEnvironment& env);

}  // namespace evidential::lsp
