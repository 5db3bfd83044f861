// --summary: human text for the terminal, one JSON object for machine formats.
#include "cli/summary.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace evidential::cli {

std::string render_summary(const std::string& path, const core::DocumentSummary& s, Format format) {
  if (format == Format::kSarif || format == Format::kGithub) return {};  // no place for it there
  if (format == Format::kJson || format == Format::kJsonl) {
    nlohmann::json kinds = nlohmann::json::object();
    for (size_t k = 0; k < s.sources_by_kind.size(); ++k) {
      if (s.sources_by_kind[k]) {
        kinds[std::string(core::source_kind_name(static_cast<core::SourceKind>(k)))] = s.sources_by_kind[k];
      }
    }
    nlohmann::json j = {{"file", path},
                        {"summary",
                         {{"words", s.words},
                          {"sentences", s.sentences},
                          {"claims", s.claims},
                          {"sourced", s.sourced},
                          {"unsourced", s.unsourced},
                          {"speculative", s.speculative},
                          {"share_sourced", s.share_sourced()},
                          {"hedges", s.hedges},
                          {"hedges_per_1000_words", s.hedges_per_1000_words()},
                          {"weasels", s.weasels},
                          {"boosters", s.boosters},
                          {"peacock_terms", s.peacock_terms},
                          {"vague_quantities", s.vague_quantities},
                          {"attributions", s.attributions},
                          {"sources_by_kind", kinds},
                          {"cautioned_sources", s.cautioned_sources},
                          {"software_documentation", s.software_documentation},
                          {"rules", s.rules}}}};
    // One more object beside the findings (told apart by its "summary" key): a line in jsonl, an
    // element in json, where the writer adds the separator.
    std::string out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return format == Format::kJsonl ? out + "\n" : out;
  }
  char line[512];
  std::string out = path + ": summary\n";
  std::snprintf(line, sizeof line, "  %zu words, %zu sentences\n", s.words, s.sentences);
  out += line;
  if (s.software_documentation) {
    out += "  read as software documentation (it shows code or is a changelog): only comparisons and "
           "rankings count as claims\n";
  }
  if (s.rules) {
    out += "  read as rules (terms, a policy, a code of conduct): \"may\" grants permission, and only "
           "comparisons and rankings count as claims\n";
  }
  std::snprintf(line, sizeof line, "  claims: %zu, sourced %zu (%.0f%%), unsourced %zu; speculative %zu\n",
                s.claims, s.sourced, 100.0 * s.share_sourced(), s.unsourced, s.speculative);
  out += line;
  std::snprintf(line, sizeof line, "  hedges: %zu (%.1f per 1,000 words), weasels %zu, boosters %zu, peacock terms %zu, "
                "vague quantities %zu\n",
                s.hedges, s.hedges_per_1000_words(), s.weasels, s.boosters, s.peacock_terms, s.vague_quantities);
  out += line;
  out += "  sources: " + std::to_string(s.attributions);
  std::string kinds;
  for (size_t k = 0; k < s.sources_by_kind.size(); ++k) {
    if (!s.sources_by_kind[k]) continue;
    kinds += (kinds.empty() ? "" : ", ") + std::string(core::source_kind_name(static_cast<core::SourceKind>(k))) +
             " " + std::to_string(s.sources_by_kind[k]);
  }
  if (!kinds.empty()) out += " (" + kinds + ")";
  if (s.cautioned_sources) out += "; " + std::to_string(s.cautioned_sources) + " to treat with caution";
  out += "\n";
  return out;
}

}  // namespace evidential::cli
