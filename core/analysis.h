// One document's analysis: the Document, the settings, and the facts the checks share (cues,
// attributions, claims), each computed at most once and only when a check asks for it.
#pragma once

#include <optional>
#include <vector>

#include "core/analysis/attributions.h"
#include "core/analysis/claims.h"
#include "core/analysis/cues.h"
#include "core/document.h"
#include "core/settings.h"

namespace evidential::core {

class Analysis {
 public:
  Analysis(const Document& doc, const Settings& settings) : doc_(doc), settings_(settings) {}

  const Document& document() const { return doc_; }
  const Settings& settings() const { return settings_; }

  const std::vector<Cue>& cues() const;
  const std::vector<Attribution>& attributions() const;
  const std::vector<SentenceClaim>& claims() const;
  /// Per block: whether it documents software (core/analysis/software.h).
  const std::vector<bool>& software_blocks() const;

 private:
  void mark_transcript_cues() const;

  const Document& doc_;
  const Settings& settings_;
  mutable std::optional<std::vector<Cue>> cues_;
  mutable std::optional<std::vector<Attribution>> attributions_;
  mutable std::optional<std::vector<SentenceClaim>> claims_;
  mutable std::optional<std::vector<bool>> software_blocks_;
};

/// Drops the findings that suppression comments (`<!-- evidential-disable... -->`) silence:
/// disable/enable toggle regions by offset; disable-next-line silences findings that start on the line
/// after the comment's last line.
void apply_directives(std::string_view text, const std::vector<Directive>& directives,
                      std::vector<Finding>& findings);

/// Orders findings by position, then check id: the order every output uses.
void sort_findings(std::vector<Finding>& findings);

/// Runs every enabled check over an analysis; see analyze().
std::vector<Finding> run_checks(const Analysis& analysis);

/// Runs every enabled check on `doc`, stamps each finding with its check id and severity, drops
/// findings that suppression comments disable, and returns them ordered by position then check id.
std::vector<Finding> analyze(const Document& doc, const Settings& settings);

}  // namespace evidential::core
