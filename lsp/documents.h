// The open documents: their text as the client last described it, version and markup. Lives on the
// message thread; the analysis worker gets immutable snapshots of the text.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/line_index.h"
#include "core/markup/markup.h"
#include "lsp/protocol.h"

namespace evidential::lsp {

/// The markup for an LSP languageId: "markdown" -> Markdown; "plaintext" and "text" -> plain text;
/// nullopt for ids the server does not analyse.
std::optional<core::Markup> markup_for_language(std::string_view language_id);

struct OpenDocument {
  std::string uri;
  core::Markup markup = core::Markup::kPlain;
  int32_t version = 0;
  std::shared_ptr<const std::string> text;  ///< replaced, never mutated, so snapshots stay valid
  std::shared_ptr<const core::LineIndex> lines;  ///< of `text`: the next change and the worker use it
};

/// Applies content changes in order to `text` (incremental ranges in `encoding`, or whole-content
/// replacements), as the spec describes for textDocument/didChange.
void apply_changes(std::string& text, const std::vector<TextDocumentContentChangeEvent>& changes,
                   core::Encoding encoding);

/// The same, reading positions of the first change through `lines` (an index of `text` as given).
void apply_changes(std::string& text, const std::vector<TextDocumentContentChangeEvent>& changes,
                   core::Encoding encoding, const core::LineIndex* lines);

class DocumentStore {
 public:
  /// Starts tracking a document; replaces one already open under the same URI.
  const OpenDocument& open(std::string uri, core::Markup markup, int32_t version, std::string text);
  /// Applies a didChange; nullptr when the document is not open.
  const OpenDocument* change(const std::string& uri, int32_t version,
                             const std::vector<TextDocumentContentChangeEvent>& changes,
                             core::Encoding encoding);
  bool close(const std::string& uri);
  const OpenDocument* find(const std::string& uri) const;
  const std::map<std::string, OpenDocument>& all() const { return documents_; }

 private:
  std::map<std::string, OpenDocument> documents_;
};

}  // namespace evidential::lsp
