// The output contract (README "Output formats"): offsets are UTF-8 bytes into the file, end exclusive;
// lines and columns are 1-based with columns in code points. text, json and jsonl live here.
#include "cli/output.h"

#include <nlohmann/json.hpp>

namespace evidential::cli {

using nlohmann::json;

bool parse_format(std::string_view name, Format* out) {
  if (name == "text")
    *out = Format::kText;
  else if (name == "json")
    *out = Format::kJson;
  else if (name == "jsonl")
    *out = Format::kJsonl;
  else if (name == "sarif")
    *out = Format::kSarif;
  else if (name == "github")
    *out = Format::kGithub;
  else
    return false;
  return true;
}

core::LinePosition PositionCursor::at(uint32_t offset) {
  const uint32_t size = static_cast<uint32_t>(text_.size());
  if (offset > size) offset = size;
  while (offset > 0 && offset < size && (static_cast<unsigned char>(text_[offset]) & 0xC0) == 0x80) --offset;
  if (line_ == UINT32_MAX || offset < byte_ || offset >= next_line_start_) {
    line_ = lines_.line_of(offset);
    byte_ = lines_.line_start(line_);
    column_ = 0;
    next_line_start_ = line_ + 1 < lines_.line_count() ? lines_.line_start(line_ + 1) : UINT32_MAX;
  }
  for (; byte_ < offset; ++byte_) {
    if ((static_cast<unsigned char>(text_[byte_]) & 0xC0) != 0x80) ++column_;
  }
  return {line_, column_};
}

namespace {

/// Positions of one chunk, shifted to the file: the chunk starts at a line start, so only lines move.
class ChunkPositions {
 public:
  explicit ChunkPositions(const FileChunk& c)
      : chunk_(c), lines_(c.doc.text()), cursor_(c.doc.text(), lines_) {}
  json at(uint32_t offset) {
    core::LinePosition p = cursor_.at(offset);
    return json{{"line", chunk_.line + p.line + 1}, {"column", p.column + 1}};
  }
  core::LinePosition raw(uint32_t offset) { return cursor_.at(offset); }

 private:
  const FileChunk& chunk_;
  core::LineIndex lines_;
  PositionCursor cursor_;
};

json span_json(const FileChunk& c, core::Range r) {
  return json{
      {"text", std::string(c.doc.slice(r))}, {"start", c.offset + r.start}, {"end", c.offset + r.end}};
}

/// A finding as the JSON object of the output contract.
json finding_object(const FileChunk& c, ChunkPositions& pos, const core::Finding& f) {
  json j;
  j["file"] = c.path;
  j["check"] = std::string(f.check);
  j["severity"] = std::string(core::severity_name(f.severity));
  j["message"] = f.message;
  j["offset"] = json{{"start", c.offset + f.range.start}, {"end", c.offset + f.range.end}};
  j["start"] = pos.at(f.range.start);
  j["end"] = pos.at(f.range.end);
  j["text"] = std::string(c.doc.slice(f.range));
  if (f.attribution) {
    j["cue"] = span_json(c, f.attribution->cue);
    j["source"] = span_json(c, f.attribution->source);
    j["source_kind"] = std::string(core::source_kind_name(f.attribution->kind));
    if (!f.attribution->source_note.empty()) j["source_note"] = f.attribution->source_note;
  }
  if (f.score) j["score"] = *f.score;
  if (!f.fixes.empty()) {
    json fixes = json::array();
    for (const core::Fix& fix : f.fixes) {
      json edits = json::array();
      for (const core::Edit& e : fix.edits) {
        edits.push_back({{"start", c.offset + e.range.start},
                         {"end", c.offset + e.range.end},
                         {"replacement", e.replacement}});
      }
      fixes.push_back({{"title", fix.title}, {"edits", edits}});
    }
    j["fixes"] = fixes;
  }
  if (!f.related.empty()) {
    json related = json::array();
    for (const core::Related& r : f.related) {
      related.push_back({{"offset", {{"start", c.offset + r.range.start}, {"end", c.offset + r.range.end}}},
                         {"start", pos.at(r.range.start)},
                         {"message", r.message}});
    }
    j["related"] = related;
  }
  return j;
}

std::string dump(const json& j) {
  // The text is valid UTF-8 (the CLI skips files that are not), but a check's message could in
  // principle slice a character in two: replace rather than throw.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

class TextFormatter : public Formatter {
 public:
  explicit TextFormatter(FormatOptions options) : options_(options) {}
  Rendered render(const FileChunk& c) const override {
    Rendered r;
    if (c.findings.empty()) return r;
    ChunkPositions pos(c);
    for (const core::Finding& f : c.findings) {
      core::LinePosition p = pos.raw(f.range.start);
      std::string_view sev = core::severity_name(f.severity);
      r.text += c.path;
      r.text += ':';
      r.text += std::to_string(c.line + p.line + 1);
      r.text += ':';
      r.text += std::to_string(p.column + 1);
      r.text += ": ";
      if (options_.color) {
        r.text += f.severity == core::Severity::kError     ? "\x1b[1;31m"
                  : f.severity == core::Severity::kWarning ? "\x1b[1;33m"
                  : f.severity == core::Severity::kHint    ? "\x1b[2m"
                                                           : "\x1b[1;36m";
        r.text += sev;
        r.text += "\x1b[0m [\x1b[1m";
        r.text += f.check;
        r.text += "\x1b[0m] ";
      } else {
        r.text += sev;
        r.text += " [";
        r.text += f.check;
        r.text += "] ";
      }
      // One finding, one line: a message never breaks the compiler shape editors parse.
      for (char ch : f.message) r.text += ch == '\n' || ch == '\r' ? ' ' : ch;
      r.text += '\n';
    }
    return r;
  }

 private:
  FormatOptions options_;
};

class JsonlFormatter : public Formatter {
 public:
  Rendered render(const FileChunk& c) const override {
    Rendered r;
    if (c.findings.empty()) return r;
    ChunkPositions pos(c);
    for (const core::Finding& f : c.findings) {
      r.text += dump(finding_object(c, pos, f));
      r.text += '\n';
    }
    return r;
  }
};

/// One array; each chunk renders its objects joined by ",\n" and the writer adds the separator between
/// chunks, so the array stays valid however files and segments are split.
class JsonFormatter : public Formatter {
 public:
  std::string begin() override { return "["; }
  Rendered render(const FileChunk& c) const override {
    Rendered r;
    if (c.findings.empty()) return r;
    ChunkPositions pos(c);
    for (const core::Finding& f : c.findings) {
      if (!r.text.empty()) r.text += ",\n";
      r.text += dump(finding_object(c, pos, f));
    }
    return r;
  }
  std::string emit(const std::string&, Rendered&& rendered) override {
    if (rendered.text.empty()) return {};
    std::string out = first_ ? "\n" : ",\n";
    first_ = false;
    return out + rendered.text;
  }
  std::string end(const RunInfo&) override { return first_ ? "]\n" : "\n]\n"; }

 private:
  bool first_ = true;
};

}  // namespace

std::unique_ptr<Formatter> make_formatter(Format format, const FormatOptions& options) {
  switch (format) {
    case Format::kText:
      return std::make_unique<TextFormatter>(options);
    case Format::kJson:
      return std::make_unique<JsonFormatter>();
    case Format::kJsonl:
      return std::make_unique<JsonlFormatter>();
    case Format::kSarif:
      return detail::make_sarif_formatter();
    case Format::kGithub:
      return detail::make_github_formatter();
  }
  return std::make_unique<TextFormatter>(options);
}

}  // namespace evidential::cli
