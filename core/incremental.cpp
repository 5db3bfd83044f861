// Per-block re-analysis. DESIGN.md section 3 measured that a flat prose grammar reuses nothing on
// re-parse, so instead each block is a unit: its findings are cached under the block's own bytes, its
// markup context and the settings generation, and an edit re-runs only the units whose key changed.
// tests/lsp_random_edit_test.cpp checks the result against a full analysis after thousands of edits.
#include "core/incremental.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/analysis.h"
#include "core/document.h"
#include "core/line_index.h"

namespace evidential::core {

namespace {

/// A unit's text: the block's original bytes, then (when the block may hold reference links) the
/// label and destination of every link definition, so references resolve as in the whole document.
struct Unit {
  std::string text;
  MarkupResult markup;
  /// Appended definition parts: [unit offset, unit offset + size) came from `original`.
  std::vector<BlockFindings::Segment> segments;
};

Unit make_unit(std::string_view text, const Block& block, const std::vector<LinkDefinition>& defs,
               bool documents_software, bool states_rules) {
  Unit unit;
  unit.markup.documents_software = documents_software;
  unit.markup.states_rules = states_rules;
  std::string_view bytes = slice(text, block.range);
  unit.text.assign(bytes);
  Block& b = unit.markup.blocks.emplace_back(block);
  b.range = {0, block.range.size()};
  for (Range& hole : b.holes) {
    hole.start -= block.range.start;
    hole.end -= block.range.start;
  }
  if (!defs.empty() && bytes.find('[') != std::string_view::npos) {
    auto append = [&](Range original) {
      unit.text.push_back('\n');
      const uint32_t at = static_cast<uint32_t>(unit.text.size());
      unit.text.append(slice(text, original));
      unit.segments.push_back({at, original});
      return Range{at, at + original.size()};
    };
    for (const LinkDefinition& def : defs) {
      LinkDefinition& copy = unit.markup.link_definitions.emplace_back();
      copy.label = append(def.label);
      copy.destination = append(def.destination);
    }
  }
  return unit;
}

/// The cache key: everything parse_document and the checks can see of a unit.
std::string unit_key(const Unit& unit) {
  const Block& b = unit.markup.blocks.front();
  std::string key;
  key.reserve(unit.text.size() + 16 + b.holes.size() * 8);
  key.push_back(static_cast<char>(b.kind));
  key.push_back(static_cast<char>(b.heading_level));
  key.push_back(static_cast<char>(b.quote_depth));
  key.push_back(static_cast<char>(b.list_depth));
  key.push_back(static_cast<char>(b.own_findings));
  key.push_back(static_cast<char>(b.no_speaker_labels));
  key.push_back(static_cast<char>(b.spoken));
  key.push_back(static_cast<char>(b.footnote));
  auto put = [&key](uint32_t v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put(static_cast<uint32_t>(b.holes.size()));
  for (const Range& hole : b.holes) {
    put(hole.start);
    put(hole.end);
  }
  put(static_cast<uint32_t>(unit.markup.link_definitions.size()));
  key.append(unit.text);
  return key;
}

}  // namespace

struct IncrementalAnalyzer::Cache {
  /// What a round needs of a unit's findings without reading them (a 1 MB document has ~4k blocks; a
  /// round touches each block's cached data, so scattered reads cost more than the rest of it).
  struct Summary {
    uint32_t count = 0;
    Range first, last;  // in unit coordinates
    std::string_view first_check, last_check;
  };
  struct Entry {
    std::shared_ptr<const std::vector<Finding>> findings;  // in unit coordinates
    Summary summary;
    uint64_t last_used = 0;  // set when created or looked up by key, and when entries are evicted
  };
  std::unordered_map<std::string, Entry> entries;  // values never move: Placed points at them
  uint64_t generation = 0;  // settings generation the entries belong to
  bool documents_software = false;  // MarkupResult::documents_software of the text the entries were analysed in
  bool states_rules = false;        // MarkupResult::states_rules of that text
  uint64_t round = 0;

  // The previous round, so that blocks in the unchanged prefix and suffix of the text find their
  // entry without building a key (a key copies and hashes the block: the whole document per edit).
  struct Placed {
    Block block;
    Entry* entry = nullptr;
    std::shared_ptr<const std::vector<Finding>> findings;  // entry's, copied so rounds need not read it
    Summary summary;
    bool with_definitions = false;  // its unit carries the link definitions
  };
  static inline const std::shared_ptr<const std::vector<Finding>> kNone =
      std::make_shared<const std::vector<Finding>>();
  std::vector<Placed> placed;
  std::string text;
  std::string definitions;  // every link definition's label and destination, as the units see them
};

namespace {

bool same_shape(const Block& a, const Block& b, int64_t shift) {
  if (a.kind != b.kind || a.heading_level != b.heading_level || a.quote_depth != b.quote_depth ||
      a.list_depth != b.list_depth || a.own_findings != b.own_findings || a.no_speaker_labels != b.no_speaker_labels ||
      a.spoken != b.spoken || a.footnote != b.footnote ||
      a.holes.size() != b.holes.size() ||
      int64_t{a.range.start} + shift != b.range.start || int64_t{a.range.end} + shift != b.range.end) {
    return false;
  }
  for (size_t i = 0; i < a.holes.size(); ++i) {
    if (int64_t{a.holes[i].start} + shift != b.holes[i].start || int64_t{a.holes[i].end} + shift != b.holes[i].end) {
      return false;
    }
  }
  return true;
}

/// Lengths of the common prefix and suffix of two texts (not overlapping).
std::pair<size_t, size_t> common_ends(std::string_view a, std::string_view b) {
  constexpr size_t kChunk = 4096;
  const size_t limit = std::min(a.size(), b.size());
  size_t prefix = 0;
  while (prefix + kChunk <= limit && std::memcmp(a.data() + prefix, b.data() + prefix, kChunk) == 0) prefix += kChunk;
  while (prefix < limit && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix + kChunk <= limit - prefix &&
         std::memcmp(a.data() + a.size() - suffix - kChunk, b.data() + b.size() - suffix - kChunk, kChunk) == 0) {
    suffix += kChunk;
  }
  while (suffix < limit - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) ++suffix;
  return {prefix, suffix};
}

}  // namespace

IncrementalAnalyzer::IncrementalAnalyzer(Markup markup)
    : markup_(markup), cache_(std::make_unique<Cache>()) {
  if (markup_ == Markup::kMarkdown) markdown_ = std::make_unique<IncrementalMarkdownParser>();
}

IncrementalAnalyzer::~IncrementalAnalyzer() = default;

Range BlockFindings::place(Range r) const {
  if (r.start >= block.size() && !segments.empty()) {
    for (const Segment& s : segments) {
      if (r.start >= s.at && r.end <= s.at + s.original.size()) {
        return {s.original.start + (r.start - s.at), s.original.start + (r.end - s.at)};
      }
    }
  }
  return {r.start + block.start, r.end + block.start};
}

Finding BlockFindings::place(const Finding& f) const {
  Finding g = f;
  g.range = place(f.range);
  for (Related& r : g.related) r.range = place(r.range);
  if (g.attribution) {
    g.attribution->cue = place(g.attribution->cue);
    g.attribution->source = place(g.attribution->source);
  }
  for (Fix& fix : g.fixes) {
    for (Edit& e : fix.edits) e.range = place(e.range);
  }
  return g;
}

std::vector<Finding> BlockedFindings::merged() const {
  std::vector<Finding> out;
  out.reserve(count);
  for (const BlockFindings& b : blocks) {
    for (size_t i = 0; i < b.findings->size(); ++i) {
      if (!b.is_suppressed(i)) out.push_back(b.place((*b.findings)[i]));
    }
  }
  if (!ordered) sort_findings(out);
  return out;
}

std::vector<Finding> IncrementalAnalyzer::analyze(std::string_view text, const Settings& settings,
                                                  uint64_t settings_generation) {
  return analyze_blocks(text, settings, settings_generation)->merged();
}

namespace {

/// Marks the findings suppression comments silence. Only blocks that end after a comment can hold one
/// (a comment acts on what follows it), and blocks whose findings may be placed elsewhere (link
/// definitions); their findings go through apply_directives as placeholders carrying what it reads
/// (check and range), so the decision is exactly the whole analysis' one.
void suppress(std::string_view text, const std::vector<Directive>& directives, BlockedFindings& result) {
  if (directives.empty()) return;
  uint32_t first_end = UINT32_MAX;
  for (const Directive& d : directives) first_end = std::min(first_end, d.range.end);
  std::vector<Finding> probes;
  std::vector<std::pair<uint32_t, uint32_t>> origin;  // (block, finding) of each probe
  for (uint32_t k = 0; k < result.blocks.size(); ++k) {
    const BlockFindings& b = result.blocks[k];
    if (b.block.end < first_end && b.segments.empty()) continue;
    for (uint32_t i = 0; i < b.findings->size(); ++i) {
      const Finding& f = (*b.findings)[i];
      Finding& probe = probes.emplace_back();
      probe.check = f.check;
      probe.range = b.place(f.range);
      origin.emplace_back(k, i);
    }
  }
  if (probes.empty()) return;
  std::vector<Finding> kept = probes;
  apply_directives(text, directives, kept);
  if (kept.size() == probes.size()) return;
  // The survivors are a subsequence of the probes, and the decision depends only on check and start:
  // matching greedily finds which probes were dropped.
  size_t j = 0;
  for (size_t p = 0; p < probes.size(); ++p) {
    if (j < kept.size() && kept[j].check == probes[p].check && kept[j].range == probes[p].range) {
      ++j;
      continue;
    }
    BlockFindings& b = result.blocks[origin[p].first];
    if (b.suppressed.empty()) b.suppressed.assign(b.findings->size(), false);
    b.suppressed[origin[p].second] = true;
    --result.count;
  }
}

/// Whether the unsuppressed findings, block after block, are in sort_findings() order. A unit's findings
/// come sorted and a block without link definitions moves them all by the same offset, so only block
/// boundaries (and blocks whose findings may be placed in the definitions) need comparing.
bool in_order(const BlockedFindings& result) {
  // sort_findings' order: start, end, check id.
  auto less = [](Range a, std::string_view a_check, Range b, std::string_view b_check) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return a_check < b_check;
  };
  bool any = false;
  Range previous;
  std::string_view previous_check;
  auto visit = [&](const BlockFindings& b, size_t i) {
    const Finding& f = (*b.findings)[i];
    const Range r = b.place(f.range);
    const bool ok = !any || !less(r, f.check, previous, previous_check);
    any = true;
    previous = r;
    previous_check = f.check;
    return ok;
  };
  for (const BlockFindings& b : result.blocks) {
    const size_t n = b.findings->size();
    if (b.segments.empty()) {
      size_t first = 0;
      while (first < n && b.is_suppressed(first)) ++first;
      if (first == n) continue;
      size_t last = n - 1;
      while (b.is_suppressed(last)) --last;
      if (!visit(b, first)) return false;
      if (last != first) visit(b, last);
      continue;
    }
    for (size_t i = 0; i < n; ++i) {
      if (!b.is_suppressed(i) && !visit(b, i)) return false;
    }
  }
  return true;
}

}  // namespace

std::optional<BlockedFindings> IncrementalAnalyzer::analyze_blocks(std::string_view text,
                                                                   const Settings& settings,
                                                                   uint64_t settings_generation,
                                                                   std::stop_token stop) {
  Cache& cache = *cache_;
  if (cache.generation != settings_generation) {
    cache.entries.clear();
    cache.placed.clear();
    cache.generation = settings_generation;
  }
  ++cache.round;
  stats_ = {};
  // Offsets are 32-bit, as in parse_document.
  const std::string_view all = text.size() > UINT32_MAX ? text.substr(0, UINT32_MAX) : text;
  MarkupResult plain;
  const MarkupResult& blocks = markdown_ ? markdown_->parse(all) : (plain = parse_plain(all));
  stats_.blocks = blocks.blocks.size();
  // Every unit sees whether the whole document documents software; when that
  // changes, every unit's findings may change.
  if (blocks.documents_software != cache.documents_software || blocks.states_rules != cache.states_rules) {
    cache.entries.clear();
    cache.placed.clear();
    cache.documents_software = blocks.documents_software;
    cache.states_rules = blocks.states_rules;
  }

  const auto [prefix, suffix] = common_ends(cache.text, all);
  const int64_t shift = static_cast<int64_t>(all.size()) - static_cast<int64_t>(cache.text.size());
  std::string definitions;
  for (const LinkDefinition& d : blocks.link_definitions) {
    definitions.append(slice(all, d.label)).push_back('\0');
    definitions.append(slice(all, d.destination)).push_back('\0');
  }
  const bool same_definitions = definitions == cache.definitions;
  // The previous round's block at `old_start`, if it is `block` moved by `by` bytes.
  auto previous = [&](const Block& block, uint32_t old_start, int64_t by) -> const Cache::Placed* {
    auto it = std::lower_bound(cache.placed.begin(), cache.placed.end(), old_start,
                               [](const Cache::Placed& p, uint32_t at) { return p.block.range.start < at; });
    if (it == cache.placed.end() || !same_shape(it->block, block, by)) return nullptr;
    if (it->with_definitions && !same_definitions) return nullptr;
    return &*it;
  };

  std::vector<Cache::Placed> placed;
  placed.reserve(blocks.blocks.size());
  BlockedFindings out;
  out.blocks.reserve(cache.placed.size());
  bool boundaries_ordered = true;  // so far, block after block
  bool any_before = false;
  Range last_end;  // the previous block's last finding, placed
  std::string_view last_check;
  for (const Block& block : blocks.blocks) {
    if (block.range.empty()) continue;
    // Bytes inside the unchanged prefix or suffix are the previous round's, at known offsets.
    const Cache::Placed* before = nullptr;
    if (block.range.end <= prefix) {
      before = previous(block, block.range.start, 0);
    } else if (block.range.start >= all.size() - suffix && block.range.start - shift >= 0) {
      before = previous(block, static_cast<uint32_t>(block.range.start - shift), shift);
    }
    Cache::Entry* entry = before ? before->entry : nullptr;
    bool with_definitions = before ? before->with_definitions : false;
    std::shared_ptr<const std::vector<Finding>> findings = before ? before->findings : nullptr;
    Cache::Summary summary = before ? before->summary : Cache::Summary{};
    std::optional<Unit> unit;
    if (entry == nullptr) {
      unit = make_unit(all, block, blocks.link_definitions, blocks.documents_software, blocks.states_rules);
      with_definitions = !unit->segments.empty();
      std::string key = unit_key(*unit);
      auto it = cache.entries.find(key);
      if (it == cache.entries.end()) {
        // Cancelled: what was analysed so far stays cached; `placed` and `text` keep the last round.
        if (stop.stop_requested()) return std::nullopt;
        ++stats_.analysed;
        Document doc = parse_document(std::string(unit->text), markup_, unit->markup);
        // Suppression is applied to the placed findings below; a unit holds no directives.
        std::vector<Finding> found = run_checks(Analysis(doc, settings));
        it = cache.entries.try_emplace(std::move(key)).first;
        Cache::Entry& e = it->second;
        if (!found.empty()) {
          e.summary = {static_cast<uint32_t>(found.size()), found.front().range, found.back().range,
                       found.front().check, found.back().check};
        }
        e.findings =
            found.empty() ? Cache::kNone : std::make_shared<const std::vector<Finding>>(std::move(found));
      }
      entry = &it->second;
      entry->last_used = cache.round;
      findings = entry->findings;
      summary = entry->summary;
    } else if (with_definitions) {
      unit = make_unit(all, block, blocks.link_definitions, blocks.documents_software, blocks.states_rules);  // for where the definitions are now
    }
    placed.push_back({block, entry, findings, summary, with_definitions});
    if (summary.count == 0) continue;
    BlockFindings& b = out.blocks.emplace_back();
    b.block = block.range;
    b.findings = std::move(findings);
    if (unit) b.segments = std::move(unit->segments);
    out.count += summary.count;
    // The order across the block boundary (a unit's own findings come sorted; see in_order).
    const Range first{summary.first.start + block.range.start, summary.first.end + block.range.start};
    if (boundaries_ordered && any_before && b.segments.empty() &&
        (first.start != last_end.start ? first.start < last_end.start
         : first.end != last_end.end   ? first.end < last_end.end
                                       : summary.first_check < last_check)) {
      boundaries_ordered = false;
    }
    if (!b.segments.empty()) boundaries_ordered = false;  // placed anywhere: in_order() decides
    any_before = true;
    last_end = {summary.last.start + block.range.start, summary.last.end + block.range.start};
    last_check = summary.last_check;
  }
  suppress(all, blocks.directives, out);
  // Suppression can drop a block's first or last finding: then every boundary is checked again.
  out.ordered = boundaries_ordered && blocks.directives.empty() ? true : in_order(out);

  // Keep what this round and the previous one used: typing a character and deleting it again finds
  // the block's old result still there. Evicting walks every entry, so it waits until an eighth of
  // them are stale.
  if (cache.entries.size() > placed.size() + placed.size() / 8 + 64) {
    for (const Cache::Placed& p : cache.placed) p.entry->last_used = cache.round;
    for (const Cache::Placed& p : placed) p.entry->last_used = cache.round;
    std::erase_if(cache.entries, [&](const auto& e) { return e.second.last_used != cache.round; });
  }
  cache.placed = std::move(placed);
  // Without std::string's doubling: a 1 MB document that grows by a keystroke would hold 2 MB here.
  if (cache.text.capacity() < all.size() || cache.text.capacity() > all.size() + all.size() / 8 + (64 << 10)) {
    std::string fresh;
    fresh.reserve(all.size() + all.size() / 64 + 256);
    cache.text.swap(fresh);
  }
  cache.text.assign(all);
  cache.definitions = std::move(definitions);
  return out;
}

}  // namespace evidential::core
