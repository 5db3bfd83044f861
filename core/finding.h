// What a check reports: a range, a message, and optional structure (attribution, score, fixes).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/range.h"

namespace evidential::core {

/// Severities use LSP's numbering so the edges can pass them through.
enum class Severity : uint8_t { kError = 1, kWarning = 2, kInformation = 3, kHint = 4 };

std::string_view severity_name(Severity s);  // "error", "warning", "information", "hint"
/// Parses a severity name (also "info"); false when unknown.
bool parse_severity(std::string_view name, Severity* out);

/// The kinds of source an attribution can name (DESIGN.md section 4).
enum class SourceKind : uint8_t {
  kNamedPerson,
  kMediaOutlet,
  kStateMedia,
  kOfficialStatement,
  kPartisan,
  kAnonymous,
  kDocument,
};

std::string_view source_kind_name(SourceKind kind);  // "named_person", "media_outlet", ...

struct Edit {
  Range range;
  std::string replacement;
};

/// A quick fix: edits to the document that a server can offer and a CLI could apply.
struct Fix {
  std::string title;
  std::vector<Edit> edits;
};

/// Another place that explains a finding, such as the attribution a sentence carries over from.
struct Related {
  Range range;
  std::string message;
};

/// The attribution a finding is about.
struct AttributionRef {
  Range cue;
  Range source;
  SourceKind kind = SourceKind::kNamedPerson;
  std::string source_note;  ///< the registry's note on the source, or the contextual reason
  Range antecedent;         ///< whom a "he"/"she" source stands for, when one person alone can be meant
};

struct Finding {
  std::string_view check;  ///< stamped by the reporter from the check's metadata
  Severity severity = Severity::kWarning;  ///< stamped: the configured or default severity
  Range range;
  std::string message;
  std::optional<AttributionRef> attribution;
  std::optional<double> score;  ///< for sentence-level findings, in [0, 1]
  std::vector<Fix> fixes;
  std::vector<Related> related;
};

}  // namespace evidential::core
