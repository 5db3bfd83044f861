// Everything a user can configure, already parsed: the analysis reads this, never a file.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/lexicon.h"
#include "core/markup/markup.h"
#include "core/sources.h"

namespace evidential::core {

struct CheckInfo;

struct Settings {
  /// Per check id: a severity, or std::nullopt for "off". Checks not listed use their default.
  std::map<std::string, std::optional<Severity>, std::less<>> checks;
  /// Numeric options per check, keyed "check-id.option" (e.g. "unsourced-claim.threshold").
  std::map<std::string, double, std::less<>> options;
  std::shared_ptr<const Lexicon> lexicon;         ///< never null after Settings::defaults()
  std::shared_ptr<const SourceRegistry> sources;  ///< never null after Settings::defaults()
  std::vector<std::string> ignore;                ///< glob patterns, for the batch linter
  std::map<std::string, Markup, std::less<>> languages;  ///< file extension (".md") -> markup

  /// Built-in lexicon and registry, every check at its default severity.
  static Settings defaults();

  /// The severity `check` runs at, or nullopt when it is off.
  std::optional<Severity> severity_of(const CheckInfo& check) const;
  double option(std::string_view check_id, std::string_view name, double fallback) const;
};

}  // namespace evidential::core
