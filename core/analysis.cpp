// The analysis driver: lazily computed shared facts, the check registry, stamping and suppression.
#include "core/analysis.h"

#include <algorithm>
#include <mutex>

#include "core/analysis/software.h"
#include "core/check.h"
#include "core/line_index.h"

namespace evidential::core {

// ---- facts ----

const std::vector<Cue>& Analysis::cues() const {
  if (!cues_) {
    cues_ = find_cues(doc_, *settings_.lexicon, settings_.option("hedge", "model", 1) != 0);
    mark_transcript_cues();
    // Stacks are rare; only a document with one pays for its attributions here.
    if (has_stacks(*cues_)) release_reported_stacks(*cues_, attributions());
  }
  return *cues_;
}

const std::vector<Attribution>& Analysis::attributions() const {
  if (!attributions_) {
    attributions_ = find_attributions(doc_, *settings_.lexicon, *settings_.sources,
                                      settings_.option("attribution", "model", 1) != 0);
    drop_inferred_in_software(doc_, software_blocks(), *attributions_);
    drop_agentless_in_documentation(doc_, *attributions_);
    resolve_person_pronouns(doc_, *attributions_);
    resolve_transcript_speakers(doc_, *attributions_);
  }
  return *attributions_;
}

// A transcript line ("BERG: The fog came in fast, maybe ...") or an interview's answer is the speaker's
// speech, as a quotation is: its hedges are theirs. Only a block with a colon near its start can be
// one, so the attributions that tell are computed only when such a block holds a cue.
void Analysis::mark_transcript_cues() const {
  constexpr uint32_t kSpeakerBytes = 64;
  uint32_t checked_block = UINT32_MAX;
  Range speaker;
  for (Cue& c : *cues_) {
    if (c.in_quotation || c.sentence >= doc_.sentences().size()) continue;
    const uint32_t block = doc_.sentences()[c.sentence].block;
    if (block != checked_block) {
      checked_block = block;
      speaker = {};
      const Range head{doc_.blocks()[block].range.start,
                       std::min(doc_.blocks()[block].range.end, doc_.blocks()[block].range.start + kSpeakerBytes)};
      if (doc_.slice(head).find(':') != std::string_view::npos) {
        speaker = transcript_speaker(doc_, attributions(), block);
      }
    }
    if (!speaker.empty() && c.range.start >= speaker.end) c.in_quotation = true;
  }
}

const std::vector<bool>& Analysis::software_blocks() const {
  if (!software_blocks_) software_blocks_ = core::software_blocks(doc_);
  return *software_blocks_;
}

const std::vector<SentenceClaim>& Analysis::claims() const {
  if (!claims_) {
    claims_ = assess_claims(doc_, cues(), attributions(),
                            settings_.option("unsourced-claim", "threshold", 0.5), software_blocks());
  }
  return *claims_;
}

// ---- registry ----

namespace {

std::vector<const Check*>& registry() {
  static std::vector<const Check*> checks;
  return checks;
}

bool& registry_sorted() {
  static bool sorted = false;
  return sorted;
}

}  // namespace

namespace detail {
CheckRegistrar::CheckRegistrar(const Check* check) {
  registry().push_back(check);
  registry_sorted() = false;
}
}  // namespace detail

std::span<const Check* const> all_checks() {
  // Registration happens during static initialisation, before main; sorting once afterwards is safe
  // even when several threads ask at the same time.
  static std::once_flag once;
  std::call_once(once, [] {
    std::sort(registry().begin(), registry().end(),
              [](const Check* a, const Check* b) { return a->info().id < b->info().id; });
    registry_sorted() = true;
  });
  return registry();
}

const Check* find_check(std::string_view id) {
  for (const Check* c : all_checks()) {
    if (c->info().id == id) return c;
  }
  return nullptr;
}

std::string_view category_name(Category c) {
  switch (c) {
    case Category::kHedging: return "hedging";
    case Category::kSourcing: return "sourcing";
    case Category::kClaims: return "claims";
  }
  return "hedging";
}

Finding& Reporter::report(Range range, std::string message) {
  Finding& f = out_.emplace_back();
  f.range = range;
  f.message = std::move(message);
  return f;
}

// ---- driver ----

namespace {

}  // namespace

void apply_directives(std::string_view text, const std::vector<Directive>& directives,
                      std::vector<Finding>& findings) {
  if (directives.empty()) return;
  LineIndex lines(text);
  auto covers = [](const Directive& d, std::string_view check) {
    return d.ids.empty() || std::find(d.ids.begin(), d.ids.end(), check) != d.ids.end();
  };
  std::erase_if(findings, [&](const Finding& f) {
    bool disabled = false;
    for (const Directive& d : directives) {
      if (!covers(d, f.check)) continue;
      switch (d.kind) {
        case Directive::Kind::kDisable:
          if (d.range.end <= f.range.start) disabled = true;
          break;
        case Directive::Kind::kEnable:
          if (d.range.end <= f.range.start) disabled = false;
          break;
        case Directive::Kind::kDisableNextLine: {
          uint32_t end_line = lines.line_of(d.range.end > 0 ? d.range.end - 1 : 0);
          if (lines.line_of(f.range.start) == end_line + 1) return true;
          break;
        }
      }
    }
    return disabled;
  });
}

void sort_findings(std::vector<Finding>& findings) {
  auto before = [](const Finding& a, const Finding& b) {
    if (a.range.start != b.range.start) return a.range.start < b.range.start;
    if (a.range.end != b.range.end) return a.range.end < b.range.end;
    return a.check < b.check;
  };
  // Blocks are disjoint and each unit's findings come sorted, so a merge is almost always in order
  // already; a stable sort of 13k findings would move every one of them.
  if (std::is_sorted(findings.begin(), findings.end(), before)) return;
  // Sort indices, then move each finding once: a Finding holds several strings and vectors, and a
  // stable sort of the findings themselves moves each of them many times. Ties keep their index order,
  // so the result is the stable sort's.
  std::vector<uint32_t> order(findings.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return before(findings[a], findings[b]); });
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (uint32_t i : order) sorted.push_back(std::move(findings[i]));
  findings = std::move(sorted);
}

std::vector<Finding> analyze(const Document& doc, const Settings& settings) {
  Analysis analysis(doc, settings);
  return run_checks(analysis);
}

std::vector<Finding> run_checks(const Analysis& analysis) {
  const Document& doc = analysis.document();
  const Settings& settings = analysis.settings();
  std::vector<Finding> findings;
  for (const Check* check : all_checks()) {
    std::optional<Severity> severity = settings.severity_of(check->info());
    if (!severity) continue;
    size_t first = findings.size();
    Reporter reporter(findings);
    check->run(analysis, reporter);
    for (size_t i = first; i < findings.size(); ++i) {
      findings[i].check = check->info().id;
      findings[i].severity = *severity;
      // Clamp: a range outside the text is a bug in a check, but must never reach an editor.
      uint32_t n = static_cast<uint32_t>(doc.text().size());
      findings[i].range.end = std::min(findings[i].range.end, n);
      findings[i].range.start = std::min(findings[i].range.start, findings[i].range.end);
    }
  }
  apply_directives(doc.text(), doc.directives(), findings);
  sort_findings(findings);
  return findings;
}

}  // namespace evidential::core
