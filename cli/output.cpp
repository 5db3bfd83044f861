// The output contract (README "Output formats"): offsets are UTF-8 bytes, end exclusive; lines and
// columns are 1-based with columns in code points.
#include "cli/output.h"

#include <nlohmann/json.hpp>

#include "core/line_index.h"

namespace evidential::cli {

using nlohmann::json;

bool parse_format(std::string_view name, Format* out) {
  if (name == "text") *out = Format::kText;
  else if (name == "json") *out = Format::kJson;
  else if (name == "jsonl") *out = Format::kJsonl;
  else if (name == "sarif") *out = Format::kSarif;
  else if (name == "github") *out = Format::kGithub;
  else return false;
  return true;
}

namespace {

json span_json(const core::Document& doc, core::Range r) {
  // Slices of invalid UTF-8 would make the JSON writer throw; replace bad bytes instead.
  return json{{"text", std::string(doc.slice(r))}, {"start", r.start}, {"end", r.end}};
}

json position_json(const core::LineIndex& lines, uint32_t offset) {
  core::LinePosition p = lines.position(offset, core::Encoding::kUtf32);
  return json{{"line", p.line + 1}, {"column", p.column + 1}};
}

json to_json(const std::string& path, const core::Document& doc, const core::LineIndex& lines,
             const core::Finding& f) {
  json j;
  j["file"] = path;
  j["check"] = std::string(f.check);
  j["severity"] = std::string(core::severity_name(f.severity));
  j["message"] = f.message;
  j["offset"] = json{{"start", f.range.start}, {"end", f.range.end}};
  j["start"] = position_json(lines, f.range.start);
  j["end"] = position_json(lines, f.range.end);
  j["text"] = std::string(doc.slice(f.range));
  if (f.attribution) {
    j["cue"] = span_json(doc, f.attribution->cue);
    j["source"] = span_json(doc, f.attribution->source);
    j["source_kind"] = std::string(core::source_kind_name(f.attribution->kind));
    if (!f.attribution->source_note.empty()) j["source_note"] = f.attribution->source_note;
  }
  if (f.score) j["score"] = *f.score;
  if (!f.fixes.empty()) {
    json fixes = json::array();
    for (const core::Fix& fix : f.fixes) {
      json edits = json::array();
      for (const core::Edit& e : fix.edits) {
        edits.push_back({{"start", e.range.start}, {"end", e.range.end}, {"replacement", e.replacement}});
      }
      fixes.push_back({{"title", fix.title}, {"edits", edits}});
    }
    j["fixes"] = fixes;
  }
  if (!f.related.empty()) {
    json related = json::array();
    for (const core::Related& r : f.related) {
      related.push_back({{"offset", {{"start", r.range.start}, {"end", r.range.end}}},
                         {"start", position_json(lines, r.range.start)},
                         {"message", r.message}});
    }
    j["related"] = related;
  }
  return j;
}

std::string dump(const json& j) {
  // Replace invalid UTF-8 rather than throw: the input may be anything.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

class TextFormatter : public Formatter {
 public:
  explicit TextFormatter(FormatOptions options) : options_(options) {}
  std::string file(const std::string& path, const core::Document& doc,
                   const std::vector<core::Finding>& findings) override {
    std::string out;
    if (findings.empty()) return out;
    core::LineIndex lines(doc.text());
    for (const core::Finding& f : findings) {
      core::LinePosition p = lines.position(f.range.start, core::Encoding::kUtf32);
      std::string sev(core::severity_name(f.severity));
      if (options_.color) {
        const char* code = f.severity == core::Severity::kError     ? "\x1b[1;31m"
                           : f.severity == core::Severity::kWarning ? "\x1b[1;33m"
                           : f.severity == core::Severity::kHint    ? "\x1b[2m"
                                                                    : "\x1b[1;36m";
        sev = std::string(code) + sev + "\x1b[0m";
      }
      out += path + ":" + std::to_string(p.line + 1) + ":" + std::to_string(p.column + 1) + ": " +
             sev + " [" + std::string(f.check) + "] " + f.message + "\n";
    }
    return out;
  }

 private:
  FormatOptions options_;
};

class JsonlFormatter : public Formatter {
 public:
  std::string file(const std::string& path, const core::Document& doc,
                   const std::vector<core::Finding>& findings) override {
    std::string out;
    if (findings.empty()) return out;
    core::LineIndex lines(doc.text());
    for (const core::Finding& f : findings) out += dump(to_json(path, doc, lines, f)) + "\n";
    return out;
  }
};

class JsonFormatter : public Formatter {
 public:
  std::string begin() override { return "["; }
  std::string file(const std::string& path, const core::Document& doc,
                   const std::vector<core::Finding>& findings) override {
    std::string out;
    if (findings.empty()) return out;
    core::LineIndex lines(doc.text());
    for (const core::Finding& f : findings) {
      out += first_ ? "\n" : ",\n";
      first_ = false;
      out += dump(to_json(path, doc, lines, f));
    }
    return out;
  }
  std::string end() override { return first_ ? "]\n" : "\n]\n"; }

 private:
  bool first_ = true;  // file() calls come from the single writer thread, in order
};

}  // namespace

std::string finding_json(const std::string& path, const core::Document& doc, const core::Finding& f) {
  core::LineIndex lines(doc.text());
  return dump(to_json(path, doc, lines, f));
}

std::unique_ptr<Formatter> make_sarif_formatter();
std::unique_ptr<Formatter> make_github_formatter();

std::unique_ptr<Formatter> make_formatter(Format format, const FormatOptions& options) {
  switch (format) {
    case Format::kText: return std::make_unique<TextFormatter>(options);
    case Format::kJson: return std::make_unique<JsonFormatter>();
    case Format::kJsonl: return std::make_unique<JsonlFormatter>();
    case Format::kSarif: return make_sarif_formatter();
    case Format::kGithub: return make_github_formatter();
  }
  return std::make_unique<TextFormatter>(options);
}

}  // namespace evidential::cli
