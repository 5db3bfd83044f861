// CI output formats: SARIF 2.1.0 for code-scanning UIs and GitHub Actions workflow commands.
#include <map>
#include <nlohmann/json.hpp>

#include "cli/output.h"
#include "core/check.h"
#include "core/line_index.h"

namespace evidential::cli {

using nlohmann::json;

namespace {

constexpr std::string_view kDocsBase = "https://evidential.dev/checks/";

std::string sarif_level(core::Severity s) {
  switch (s) {
    case core::Severity::kError: return "error";
    case core::Severity::kWarning: return "warning";
    default: return "note";
  }
}

/// A fingerprint that survives unrelated edits: the check, the finding's own text and its sentence
/// neighbourhood, hashed (FNV-1a), plus an occurrence counter for repeats in one file.
uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string hex(uint64_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kDigits[v & 15];
  return out;
}

class SarifFormatter : public Formatter {
 public:
  std::string file(const std::string& path, const core::Document& doc,
                   const std::vector<core::Finding>& findings) override {
    if (findings.empty()) return {};
    core::LineIndex lines(doc.text());
    std::map<uint64_t, int> seen;
    for (const core::Finding& f : findings) {
      core::LinePosition s = lines.position(f.range.start, core::Encoding::kUtf32);
      core::LinePosition e = lines.position(f.range.end, core::Encoding::kUtf32);
      uint64_t h = fnv1a(doc.slice(f.range), fnv1a(f.check));
      int occurrence = seen[h]++;
      json result = {
          {"ruleId", std::string(f.check)},
          {"level", sarif_level(f.severity)},
          {"message", {{"text", f.message}}},
          {"locations",
           json::array({{{"physicalLocation",
                          {{"artifactLocation", {{"uri", uri(path)}}},
                           {"region",
                            {{"startLine", s.line + 1},
                             {"startColumn", s.column + 1},
                             {"endLine", e.line + 1},
                             {"endColumn", e.column + 1},
                             {"charOffset", f.range.start},
                             {"charLength", f.range.size()}}}}}}})},
          {"partialFingerprints",
           {{"evidentialFinding/v1", hex(h) + ":" + std::to_string(occurrence)}}},
      };
      if (f.score) result["properties"] = {{"score", *f.score}};
      results_.push_back(std::move(result));
    }
    return {};
  }

  std::string end() override {
    json rules = json::array();
    for (const core::Check* c : core::all_checks()) {
      const core::CheckInfo& info = c->info();
      rules.push_back({
          {"id", std::string(info.id)},
          {"name", std::string(info.id)},
          {"shortDescription", {{"text", std::string(info.summary)}}},
          {"fullDescription", {{"text", std::string(info.rationale)}}},
          {"help", {{"text", std::string(info.advice)}}},
          {"helpUri", std::string(kDocsBase) + std::string(info.id)},
          {"defaultConfiguration", {{"level", sarif_level(info.default_severity)}}},
          {"properties", {{"category", std::string(core::category_name(info.category))}}},
      });
    }
    json sarif = {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs",
         json::array({{{"tool",
                        {{"driver",
                          {{"name", "evidential"},
                           {"informationUri", "https://evidential.dev"},
                           {"semanticVersion", "0.1.0"},
                           {"rules", rules}}}}},
                       {"columnKind", "unicodeCodePoints"},
                       {"results", results_}}})},
    };
    return sarif.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  }

 private:
  static std::string uri(const std::string& path) {
    std::string out;
    for (char c : path) {
      if (c == ' ') out += "%20";
      else if (c == '%') out += "%25";
      else if (c == '#') out += "%23";
      else if (c == '?') out += "%3F";
      else out += c;
    }
    if (out.rfind("./", 0) == 0) out.erase(0, 2);
    return out;
  }
  json results_ = json::array();
};

/// Workflow command values must escape %, CR and LF; properties also escape ':' and ','.
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

class GithubFormatter : public Formatter {
 public:
  std::string file(const std::string& path, const core::Document& doc,
                   const std::vector<core::Finding>& findings) override {
    std::string out;
    if (findings.empty()) return out;
    core::LineIndex lines(doc.text());
    for (const core::Finding& f : findings) {
      core::LinePosition s = lines.position(f.range.start, core::Encoding::kUtf32);
      core::LinePosition e = lines.position(f.range.end, core::Encoding::kUtf32);
      std::string command = f.severity == core::Severity::kError     ? "error"
                            : f.severity == core::Severity::kWarning ? "warning"
                                                                     : "notice";
      out += "::" + command + " file=" + escape_property(path) + ",line=" + std::to_string(s.line + 1) +
             ",col=" + std::to_string(s.column + 1) + ",endLine=" + std::to_string(e.line + 1) +
             ",endColumn=" + std::to_string(e.column + 1) + ",title=" +
             escape_property("evidential " + std::string(f.check)) + "::" + escape_data(f.message) + "\n";
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Formatter> make_sarif_formatter() { return std::make_unique<SarifFormatter>(); }
std::unique_ptr<Formatter> make_github_formatter() { return std::make_unique<GithubFormatter>(); }

}  // namespace evidential::cli
