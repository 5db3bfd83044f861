// Text synchronization: full and incremental didChange, positions converted through lsp/positions.h.
#include "lsp/documents.h"

#include <optional>

#include "lsp/positions.h"

namespace evidential::lsp {

std::optional<core::Markup> markup_for_language(std::string_view language_id) {
  if (language_id == "markdown") return core::Markup::kMarkdown;
  if (language_id == "plaintext" || language_id == "text") return core::Markup::kPlain;
  return std::nullopt;
}

void apply_changes(std::string& text, const std::vector<TextDocumentContentChangeEvent>& changes,
                   core::Encoding encoding) {
  apply_changes(text, changes, encoding, nullptr);
}

void apply_changes(std::string& text, const std::vector<TextDocumentContentChangeEvent>& changes,
                   core::Encoding encoding, const core::LineIndex* lines) {
  for (const TextDocumentContentChangeEvent& change : changes) {
    if (!change.range) {
      text = change.text;
      lines = nullptr;
      continue;
    }
    // Each change is relative to the text after the previous one, so later changes index afresh.
    std::optional<core::LineIndex> fresh;
    if (lines == nullptr) lines = &fresh.emplace(text);
    core::Range r = to_byte_range(*lines, *change.range, encoding);
    text.replace(r.start, r.size(), change.text);
    lines = nullptr;
  }
}

const OpenDocument& DocumentStore::open(std::string uri, core::Markup markup, int32_t version,
                                        std::string text) {
  OpenDocument& doc = documents_[uri];
  doc.uri = std::move(uri);
  doc.markup = markup;
  doc.version = version;
  doc.text = std::make_shared<const std::string>(std::move(text));
  doc.lines = std::make_shared<const core::LineIndex>(*doc.text);
  return doc;
}

const OpenDocument* DocumentStore::change(const std::string& uri, int32_t version,
                                          const std::vector<TextDocumentContentChangeEvent>& changes,
                                          core::Encoding encoding) {
  auto it = documents_.find(uri);
  if (it == documents_.end()) return nullptr;
  OpenDocument& doc = it->second;
  std::string next = *doc.text;
  apply_changes(next, changes, encoding, doc.lines.get());
  doc.text = std::make_shared<const std::string>(std::move(next));
  doc.lines = std::make_shared<const core::LineIndex>(*doc.text);
  doc.version = version;
  return &doc;
}

bool DocumentStore::close(const std::string& uri) { return documents_.erase(uri) > 0; }

const OpenDocument* DocumentStore::find(const std::string& uri) const {
  auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : &it->second;
}

}  // namespace evidential::lsp
