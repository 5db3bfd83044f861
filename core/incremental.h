// Re-analysis of a document that changes a little at a time (an editor's buffer): the markup is re-parsed
// incrementally and each prose block is analysed as its own small unit, cached by its text, so an edit
// costs the blocks it touched. Findings always equal analyze(parse_document(text, markup), settings).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/markup/markup.h"
#include "core/settings.h"

namespace evidential::core {

/// One prose block's share of a document's findings, as the checks reported them for the block alone:
/// ranges are relative to the block's start, except those that fall in the link definitions the
/// block's unit carries (`place` maps both). The findings are shared with the analyzer's cache and
/// never modified, so an edge may cache what it derives from them under their address for as long as
/// it holds `findings` (a block that did not change keeps the same vector from version to version).
struct BlockFindings {
  /// Bytes of the unit at `at` came from `original` in the document (appended link definitions).
  struct Segment {
    uint32_t at;
    Range original;
  };

  Range block;  ///< where the block is in the document
  std::shared_ptr<const std::vector<Finding>> findings;
  /// Per finding, whether a suppression comment silences it; empty when none does.
  std::vector<bool> suppressed;
  std::vector<Segment> segments;  ///< empty unless the unit carries link definitions

  bool is_suppressed(size_t i) const { return !suppressed.empty() && suppressed[i]; }
  /// Whether `r` (a range of the unit) lies in the block, so that it moves with the block.
  bool in_block(Range r) const { return segments.empty() || r.start < block.size(); }
  /// `r`, a range of the unit, in the document.
  Range place(Range r) const;
  /// `f` with all its ranges in the document.
  Finding place(const Finding& f) const;
};

/// A document's findings block by block, without merging them into one list.
struct BlockedFindings {
  std::vector<BlockFindings> blocks;  ///< in document order
  size_t count = 0;                   ///< findings not suppressed
  /// Whether the findings not suppressed, block after block, are already in sort_findings() order
  /// (almost always: blocks are disjoint); if not, only merged() gives the right order.
  bool ordered = true;

  /// The findings as analyze() returns them: placed, unsuppressed, ordered.
  std::vector<Finding> merged() const;
};

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

  /// The same findings, block by block. nullopt when `stop` was requested before the analysis
  /// finished; the blocks analysed so far stay cached, so a later call continues from there.
  std::optional<BlockedFindings> analyze_blocks(std::string_view text, const Settings& settings,
                                                uint64_t settings_generation, std::stop_token stop = {});

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
