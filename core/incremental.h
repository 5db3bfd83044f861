// Re-analysis of a document that changes a little at a time (an editor's buffer): the markup is re-parsed
// incrementally and each prose block is analysed as its own small unit, cached by its text, so an edit
// costs the blocks it touched. Findings always equal analyze(parse_document(text, markup), settings).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/markup/markup.h"
#include "core/settings.h"

namespace evidential::core {

/// Analyses successive versions of one document. Checks are unaware of it: a block's unit is a
/// Document holding just that block (with the link definitions its reference links may resolve to),
/// which is exact because checks look at neighbouring sentences only within a block.
class IncrementalAnalyzer {
 public:
  explicit IncrementalAnalyzer(Markup markup);
  ~IncrementalAnalyzer();
  IncrementalAnalyzer(const IncrementalAnalyzer&) = delete;
  IncrementalAnalyzer& operator=(const IncrementalAnalyzer&) = delete;

  /// The findings of `text`, the document's whole current content, as analyze() orders and stamps
  /// them. `settings_generation` names `settings`: a cached result is reused only under the same
  /// generation, so callers bump it whenever the settings object changes.
  std::vector<Finding> analyze(std::string_view text, const Settings& settings,
                               uint64_t settings_generation);

  struct Stats {
    size_t blocks = 0;    ///< prose blocks in the last analysed text
    size_t analysed = 0;  ///< of those, how many were parsed and checked afresh
  };
  Stats last_stats() const { return stats_; }

 private:
  struct Cache;
  Markup markup_;
  std::unique_ptr<IncrementalMarkdownParser> markdown_;
  std::unique_ptr<Cache> cache_;
  Stats stats_;
};

}  // namespace evidential::core
