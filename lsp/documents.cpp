// Text synchronization: full and incremental didChange, positions converted through lsp/positions.h.
#include "lsp/documents.h"

#include <algorithm>
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

namespace {

bool before_or_at(Position a, Position b) {
  return a.line < b.line || (a.line == b.line && a.character <= b.character);
}

/// The byte ranges of the changes from `first` on that can be applied at once: ranged changes, each one
/// ending before the previous one starts (the order clients use for multi-cursor edits, so that no change
/// moves the next). Their positions then mean the same in the text before the run as in the text each
/// one applies to, so one index of that text finds all their bytes. Positions on lines past the end end
/// a run (later text could add lines).
std::vector<core::Range> descending_run(const std::vector<TextDocumentContentChangeEvent>& changes,
                                        size_t first, const core::LineIndex& lines, core::Encoding encoding) {
  std::vector<core::Range> ranges;
  for (size_t n = first; n < changes.size(); ++n) {
    const auto& range = changes[n].range;
    if (!range || range->start.line >= lines.line_count() || range->end.line >= lines.line_count() ||
        !before_or_at(range->start, range->end)) {
      break;
    }
    const core::Range r = to_byte_range(lines, *range, encoding);
    if (!ranges.empty()) {
      const core::Range& previous = ranges.back();
      if (r.end > previous.start) break;
      // A clamped end (past its line's end, or inside a character) reads differently once the previous
      // change edits that line; it must have left the line and its line break alone.
      if (to_position(lines, r.end, encoding) != range->end &&
          (range->end.line + 1 >= lines.line_count() ||
           previous.start < lines.line_start(range->end.line + 1))) {
        break;
      }
    }
    ranges.push_back(r);
  }
  return ranges;
}

}  // namespace

void apply_changes(std::string& text, const std::vector<TextDocumentContentChangeEvent>& changes,
                   core::Encoding encoding, const core::LineIndex* lines) {
  // Linear in the text and the changes for whole contents and for runs of changes that do not move each
  // other; one index of the text per run, where applying them one by one indexed the text per change.
  std::optional<core::LineIndex> fresh;
  for (size_t i = 0; i < changes.size();) {
    const TextDocumentContentChangeEvent& change = changes[i];
    if (!change.range) {
      text = change.text;
      lines = nullptr;
      ++i;
      continue;
    }
    if (lines == nullptr) lines = &fresh.emplace(text);
    std::vector<core::Range> ranges = descending_run(changes, i, *lines, encoding);
    if (ranges.size() <= 1) {
      const core::Range r = to_byte_range(*lines, *change.range, encoding);
      text.replace(r.start, r.size(), change.text);
      i += 1;
    } else {
      // Byte ranges in descending order: the new text is assembled front to back.
      size_t grown = text.size();
      for (size_t k = 0; k < ranges.size(); ++k) grown += changes[i + k].text.size();
      std::string next;
      next.reserve(grown);
      uint32_t at = 0;
      for (size_t k = ranges.size(); k-- > 0;) {
        next.append(text, at, ranges[k].start - at);
        next += changes[i + k].text;
        at = ranges[k].end;
      }
      next.append(text, at, std::string::npos);
      text = std::move(next);
      i += ranges.size();
    }
    lines = nullptr;  // later changes index the text afresh
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
  // Room for every change's text up front: an in-place replace that grows the string would double
  // its capacity (a 1 MB document held in 2 MB for each version in use).
  size_t grown = doc.text->size();
  for (const TextDocumentContentChangeEvent& change : changes) grown += change.text.size();
  std::string next;
  next.reserve(grown);
  next = *doc.text;
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
