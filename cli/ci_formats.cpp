// CI output formats: SARIF 2.1.0 for code-scanning UIs, streamed result by result so a large archive
// never sits in memory, and GitHub Actions workflow commands, one per finding.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "cli/output.h"
#include "core/check.h"

#ifndef EVIDENTIAL_VERSION
#define EVIDENTIAL_VERSION "0.1.0"
#endif

namespace evidential::cli {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

constexpr std::string_view kFingerprintName = "evidentialFinding/v1";
constexpr std::string_view kResultsPlaceholder = "\"@@results@@\"";
constexpr std::string_view kResultIndent = "\n        ";

std::string sarif_level(core::Severity s) {
  switch (s) {
    case core::Severity::kError:
      return "error";
    case core::Severity::kWarning:
      return "warning";
    default:
      return "note";
  }
}

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

/// Hashes `s` with every run of whitespace as one space and the ends trimmed: re-wrapping a paragraph,
/// which hard-wrapped Markdown does on most edits, must not change a fingerprint.
uint64_t fnv1a_words(std::string_view s, uint64_t h) {
  bool space = false, any = false;
  for (unsigned char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = any;
      continue;
    }
    if (space) {
      h ^= ' ';
      h *= 1099511628211ull;
      space = false;
    }
    h ^= c;
    h *= 1099511628211ull;
    any = true;
  }
  return h;
}

std::string hex(uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kDigits[v & 15];
  return out;
}

/// A relative path stays relative (code scanning resolves it against the repository root); an absolute
/// one becomes a file: URI. Everything outside RFC 3986's unreserved set and '/' is percent-encoded.
std::string artifact_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  if (!path.empty() && path[0] == '/') out = "file://";
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// "Some [[experts say]] it works." -> "Some **experts say** it works." for the rule's Markdown help.
std::string example_markdown(std::string_view example) {
  if (example.rfind("md:", 0) == 0) example.remove_prefix(3);
  std::string out;
  for (size_t i = 0; i < example.size(); ++i) {
    if (example.substr(i, 2) == "[[" || example.substr(i, 2) == "]]") {
      out += "**";
      ++i;
    } else {
      out += example[i];
    }
  }
  return out;
}

ordered_json rule_json(const core::CheckInfo& info) {
  std::string markdown = "**" + std::string(info.summary) + "**\n\n" + std::string(info.rationale) +
                         "\n\n*What to do instead:* " + std::string(info.advice);
  if (!info.examples.empty()) {
    markdown += "\n\nExamples (flagged words in bold):\n";
    for (std::string_view e : info.examples) markdown += "\n- " + example_markdown(e);
  }
  ordered_json rule;
  rule["id"] = std::string(info.id);
  rule["name"] = std::string(info.id);
  rule["shortDescription"] = {{"text", std::string(info.summary)}};
  rule["fullDescription"] = {{"text", std::string(info.rationale)}};
  rule["help"] = {{"text", std::string(info.advice)}, {"markdown", markdown}};
  rule["helpUri"] = std::string(core::kCheckDocsBase) + std::string(info.id);
  rule["defaultConfiguration"] = {{"level", sarif_level(info.default_severity)}};
  rule["properties"] = {{"category", std::string(core::category_name(info.category))},
                        {"tags", {"prose", std::string(core::category_name(info.category))}}};
  return rule;
}

class SarifFormatter : public Formatter {
 public:
  SarifFormatter() {
    for (const core::Check* c : core::all_checks()) {
      rule_index_.emplace(c->info().id, rule_index_.size());
    }
  }

  std::string begin() override {
    std::string doc = skeleton({});
    return doc.substr(0, doc.find(kResultsPlaceholder)) + "[";
  }

  Rendered render(const FileChunk& c) const override {
    Rendered r;
    if (c.findings.empty()) return r;
    core::LineIndex lines(c.doc.text());
    PositionCursor cursor(c.doc.text(), lines);
    const std::string uri = artifact_uri(c.path);
    const auto& sentences = c.doc.sentences();
    auto region = [&](core::Range range) {
      core::LinePosition s = cursor.at(range.start);
      core::LinePosition e = cursor.at(range.end);
      ordered_json j;
      j["startLine"] = c.line + s.line + 1;
      j["startColumn"] = s.column + 1;
      j["endLine"] = c.line + e.line + 1;
      j["endColumn"] = e.column + 1;  // SARIF's end column is exclusive, like our ranges
      j["byteOffset"] = c.offset + range.start;
      j["byteLength"] = range.size();
      return j;
    };
    auto location = [&](core::Range range) {
      ordered_json loc;
      loc["physicalLocation"]["artifactLocation"]["uri"] = uri;
      loc["physicalLocation"]["region"] = region(range);
      return loc;
    };
    for (const core::Finding& f : c.findings) {
      ordered_json result;
      result["ruleId"] = std::string(f.check);
      if (auto it = rule_index_.find(f.check); it != rule_index_.end()) result["ruleIndex"] = it->second;
      result["level"] = sarif_level(f.severity);
      result["message"]["text"] = f.message;
      ordered_json loc = location(f.range);
      loc["physicalLocation"]["region"]["snippet"] = {{"text", std::string(c.doc.slice(f.range))}};
      result["locations"] = ordered_json::array();
      result["locations"].push_back(std::move(loc));
      if (!f.related.empty()) {
        ordered_json related = ordered_json::array();
        for (size_t k = 0; k < f.related.size(); ++k) {
          ordered_json rl = location(f.related[k].range);
          rl["id"] = k;
          rl["message"] = {{"text", f.related[k].message}};
          related.push_back(std::move(rl));
        }
        result["relatedLocations"] = std::move(related);
      }
      if (!f.fixes.empty()) {
        ordered_json fixes = ordered_json::array();
        for (const core::Fix& fix : f.fixes) {
          ordered_json replacements = ordered_json::array();
          for (const core::Edit& e : fix.edits) {
            ordered_json replacement;
            replacement["deletedRegion"]["byteOffset"] = c.offset + e.range.start;
            replacement["deletedRegion"]["byteLength"] = e.range.size();
            replacement["insertedContent"]["text"] = e.replacement;
            replacements.push_back(std::move(replacement));
          }
          ordered_json change;
          change["artifactLocation"]["uri"] = uri;
          change["replacements"] = std::move(replacements);
          ordered_json sarif_fix;
          sarif_fix["description"]["text"] = fix.title;
          sarif_fix["artifactChanges"] = ordered_json::array();
          sarif_fix["artifactChanges"].push_back(std::move(change));
          fixes.push_back(std::move(sarif_fix));
        }
        result["fixes"] = std::move(fixes);
      }
      ordered_json props = ordered_json::object();
      if (f.score) props["score"] = *f.score;
      if (f.attribution) {
        props["cue"] = std::string(c.doc.slice(f.attribution->cue));
        props["source"] = std::string(c.doc.slice(f.attribution->source));
        props["sourceKind"] = std::string(core::source_kind_name(f.attribution->kind));
        if (!f.attribution->source_note.empty()) props["sourceNote"] = f.attribution->source_note;
      }
      if (!props.empty()) result["properties"] = std::move(props);

      // The fingerprint names the finding by what it says, not where: check, the flagged text and the
      // sentence around it. An edit elsewhere in the file leaves it alone; the writer appends the
      // occurrence number among identical keys in the file, for sentences that repeat.
      uint64_t key = fnv1a(f.check);
      key = fnv1a_words(c.doc.slice(f.range), fnv1a(std::string_view("\0", 1), key));
      auto s = std::upper_bound(sentences.begin(), sentences.end(), f.range.start,
                                [](uint32_t off, const core::Sentence& x) { return off < x.range.start; });
      if (s != sentences.begin() && std::prev(s)->range.contains(f.range.start)) {
        key = fnv1a_words(c.doc.slice(std::prev(s)->range), fnv1a(std::string_view("\0", 1), key));
      }
      result["partialFingerprints"][std::string(kFingerprintName)] = hex(key) + ":";

      if (!r.text.empty()) r.text += ",";
      r.text += kResultIndent;
      r.text += result.dump(-1, ' ', false, json::error_handler_t::replace);
      // The dump ends with `:"}}`: the occurrence goes before the closing quote.
      r.slots.emplace_back(r.text.size() - 3, key);
    }
    return r;
  }

  std::string emit(const std::string& path, Rendered&& rendered) override {
    if (rendered.text.empty()) return {};
    if (path != current_path_) {
      current_path_ = path;
      occurrences_.clear();
    }
    std::string out = any_ ? "," : "";
    any_ = true;
    size_t from = 0;
    for (const auto& [at, key] : rendered.slots) {
      out.append(rendered.text, from, at - from);
      out += std::to_string(occurrences_[key]++);
      from = at;
    }
    out.append(rendered.text, from, std::string::npos);
    return out;
  }

  std::string end(const RunInfo& info) override {
    std::string doc = skeleton(info);
    std::string tail = doc.substr(doc.find(kResultsPlaceholder) + kResultsPlaceholder.size());
    return (any_ ? "\n      ]" : "]") + tail + "\n";
  }

 private:
  /// The whole log with a placeholder for the results array; begin() and end() write its two halves.
  static std::string skeleton(const RunInfo& info) {
    ordered_json rules = ordered_json::array();
    for (const core::Check* c : core::all_checks()) rules.push_back(rule_json(c->info()));
    ordered_json driver;
    driver["name"] = "evidential";
    driver["informationUri"] = std::string(core::kProjectUri);
    driver["semanticVersion"] = EVIDENTIAL_VERSION;
    driver["version"] = EVIDENTIAL_VERSION;
    driver["rules"] = std::move(rules);
    ordered_json notifications = ordered_json::array();
    for (const RunInfo::Notification& n : info.notifications) {
      notifications.push_back({{"level", n.error ? "error" : "warning"}, {"message", {{"text", n.text}}}});
    }
    ordered_json invocation;
    invocation["executionSuccessful"] = info.successful;
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
    ordered_json run;
    run["tool"] = {{"driver", std::move(driver)}};
    run["columnKind"] = "unicodeCodePoints";
    run["results"] = "@@results@@";
    run["invocations"] = ordered_json::array({std::move(invocation)});
    ordered_json log;
    log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    log["version"] = "2.1.0";
    log["runs"] = ordered_json::array({std::move(run)});
    return log.dump(2, ' ', false, json::error_handler_t::replace);
  }

  std::map<std::string_view, size_t, std::less<>> rule_index_;
  std::string current_path_;
  std::unordered_map<uint64_t, int> occurrences_;
  bool any_ = false;
};

/// Workflow command values escape %, CR and LF; properties also escape ':' and ','.
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

class GithubFormatter : public Formatter {
 public:
  Rendered render(const FileChunk& c) const override {
    Rendered r;
    if (c.findings.empty()) return r;
    core::LineIndex lines(c.doc.text());
    PositionCursor cursor(c.doc.text(), lines);
    const std::string file = escape_property(c.path);
    for (const core::Finding& f : c.findings) {
      core::LinePosition s = cursor.at(f.range.start);
      core::LinePosition e = cursor.at(f.range.end);
      // Annotations know error, warning and notice; information and hints are notices.
      r.text += f.severity == core::Severity::kError     ? "::error"
                : f.severity == core::Severity::kWarning ? "::warning"
                                                         : "::notice";
      r.text += " file=" + file + ",line=" + std::to_string(c.line + s.line + 1) +
                ",col=" + std::to_string(s.column + 1) + ",endLine=" + std::to_string(c.line + e.line + 1) +
                ",endColumn=" + std::to_string(e.column + 1) +
                ",title=" + escape_property("evidential " + std::string(f.check)) +
                "::" + escape_data(f.message) + "\n";
    }
    return r;
  }
};

}  // namespace

namespace detail {
std::unique_ptr<Formatter> make_sarif_formatter() { return std::make_unique<SarifFormatter>(); }
std::unique_ptr<Formatter> make_github_formatter() { return std::make_unique<GithubFormatter>(); }
}  // namespace detail

}  // namespace evidential::cli
