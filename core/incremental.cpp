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
  struct Segment {
    uint32_t at;
    Range original;
  };
  std::vector<Segment> segments;
};

Unit make_unit(std::string_view text, const Block& block, const std::vector<LinkDefinition>& defs) {
  Unit unit;
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

/// Maps a range of the unit back to the document.
Range to_document(const Unit& unit, uint32_t block_start, uint32_t block_size, Range r) {
  if (r.start >= block_size && !unit.segments.empty()) {
    for (const Unit::Segment& s : unit.segments) {
      if (r.start >= s.at && r.end <= s.at + s.original.size()) {
        return {s.original.start + (r.start - s.at), s.original.start + (r.end - s.at)};
      }
    }
  }
  return {r.start + block_start, r.end + block_start};
}

}  // namespace

struct IncrementalAnalyzer::Cache {
  struct Entry {
    std::vector<Finding> findings;  // in unit coordinates
    uint64_t last_used = 0;
  };
  std::unordered_map<std::string, Entry> entries;  // values never move: Placed points at them
  uint64_t generation = 0;  // settings generation the entries belong to
  uint64_t round = 0;

  // The previous round, so that blocks in the unchanged prefix and suffix of the text find their
  // entry without building a key (a key copies and hashes the block: the whole document per edit).
  struct Placed {
    Block block;
    Entry* entry = nullptr;
    bool with_definitions = false;  // its unit carries the link definitions
  };
  std::vector<Placed> placed;
  std::string text;
  std::string definitions;  // every link definition's label and destination, as the units see them
  size_t findings_last_round = 0;
};

namespace {

bool same_shape(const Block& a, const Block& b, int64_t shift) {
  if (a.kind != b.kind || a.heading_level != b.heading_level || a.quote_depth != b.quote_depth ||
      a.list_depth != b.list_depth || a.holes.size() != b.holes.size() ||
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

std::vector<Finding> IncrementalAnalyzer::analyze(std::string_view text, const Settings& settings,
                                                  uint64_t settings_generation) {
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
  MarkupResult blocks = markdown_ ? markdown_->parse(all) : parse_plain(all);
  stats_.blocks = blocks.blocks.size();

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
  std::vector<Finding> out;
  out.reserve(cache.findings_last_round + 16);
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
    std::optional<Unit> unit;
    if (entry == nullptr) {
      unit = make_unit(all, block, blocks.link_definitions);
      with_definitions = !unit->segments.empty();
      std::string key = unit_key(*unit);
      auto it = cache.entries.find(key);
      if (it == cache.entries.end()) {
        ++stats_.analysed;
        Document doc = parse_document(std::string(unit->text), markup_, unit->markup);
        it = cache.entries.try_emplace(std::move(key)).first;
        // Suppression is applied to the merged list below; a unit holds no directives.
        it->second.findings = run_checks(Analysis(doc, settings));
      }
      entry = &it->second;
    } else if (with_definitions) {
      unit = make_unit(all, block, blocks.link_definitions);  // for where the definitions are now
    }
    entry->last_used = cache.round;
    placed.push_back({block, entry, with_definitions});
    const uint32_t size = block.range.size();
    static const Unit kNoDefinitions;
    const Unit& mapping = unit ? *unit : kNoDefinitions;
    auto map = [&](Range r) { return to_document(mapping, block.range.start, size, r); };
    for (const Finding& f : entry->findings) {
      Finding& g = out.emplace_back(f);
      g.range = map(f.range);
      for (Related& r : g.related) r.range = map(r.range);
      if (g.attribution) {
        g.attribution->cue = map(g.attribution->cue);
        g.attribution->source = map(g.attribution->source);
      }
      for (Fix& fix : g.fixes) {
        for (Edit& e : fix.edits) e.range = map(e.range);
      }
    }
  }
  apply_directives(all, blocks.directives, out);
  sort_findings(out);

  // Keep what this round and the previous one used: typing a character and deleting it again finds
  // the block's old result still there.
  std::erase_if(cache.entries, [&](const auto& e) { return e.second.last_used + 1 < cache.round; });
  cache.placed = std::move(placed);
  cache.findings_last_round = out.size();
  cache.text.assign(all);
  cache.definitions = std::move(definitions);
  return out;
}

}  // namespace evidential::core
