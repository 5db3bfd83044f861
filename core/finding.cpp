// Names of severities and source kinds, as they appear in every output format.
#include "core/finding.h"

#include <array>

namespace evidential::core {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInformation: return "information";
    case Severity::kHint: return "hint";
  }
  return "warning";
}

bool parse_severity(std::string_view name, Severity* out) {
  if (name == "error") *out = Severity::kError;
  else if (name == "warning") *out = Severity::kWarning;
  else if (name == "information" || name == "info") *out = Severity::kInformation;
  else if (name == "hint") *out = Severity::kHint;
  else return false;
  return true;
}

std::string_view source_kind_name(SourceKind kind) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "named_person", "media_outlet", "state_media", "official_statement",
      "partisan",     "anonymous",    "document"};
  return kNames[static_cast<size_t>(kind)];
}

}  // namespace evidential::core
