// Check `anonymous-source`: attributions to unnamed or vague sources — "according to reports",
// "officials said", "a source familiar with the talks", "it is reported", "reportedly".
#include <algorithm>
#include <array>
#include <string>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 8> kExamples = {
    "[[According to reports]], the talks collapsed on Friday.",
    "[[Officials said]] the dam was safe.",
    "The minister [[reportedly]] resigned.",
    "[[A person familiar with the talks said]] no deal was near.",
    "According to the ministry of health, 40 people were treated.",
    "Ana Ruiz, the club's lawyer, said the appeal was filed on Monday.",
    "Shop owners reported more visitors after the street closed (Lind, 2021).",
    "Other scientists said the hull was rotten. Ana Ruiz, who has dived the wreck since 2009, said it was sound.",
};

/// Words by which a text says why a source stays unnamed.
constexpr std::array<std::string_view, 8> kReasons = {
    "not to be named", "not to be identified", "condition of anonymity", "spoke anonymously",
    "not authorized to", "not authorised to", "requested anonymity", "granted anonymity"};

constexpr CheckInfo kInfo{
    .id = "anonymous-source",
    .summary = "A claim is attributed to an unnamed or vague source.",
    .rationale =
        "\"Officials said\", \"according to reports\" and \"a source familiar with the matter\" ask the "
        "reader to trust someone they cannot identify or check. Sometimes anonymity protects a source; "
        "then the reader deserves to know why, and how the writer knows the source is in a position to "
        "know. Used by habit, an anonymous attribution lends a claim authority it has not earned. A "
        "citation, footnote or link in the same sentence (\"shop owners reported more visitors (Lind, "
        "2021)\") tells the reader where to check, and the attribution is not flagged. A source the "
        "text says is kept unnamed (\"its author, who asked not to be named\", \"speaking on condition of "
        "anonymity\") is anonymous whatever its noun; the message then asks only how the source knows. "
        "Researchers, scientists or economists of a named institution (\"researchers at the University of "
        "Vastervik\") publish under its name and are not flagged; its officials and aides are. A group picked "
        "out by a quantifier that the next sentence illustrates with a named member (\"Other scientists "
        "urged caution. Jonas Keller, of the Baltic Institute, said ...\") is not flagged either, nor is one "
        "that names a member itself (\"Proponents, including the Conference of Mayors, have urged\"). Each "
        "unnamed source is flagged once, however "
        "many of its reports the sentence holds (\"a spokesperson told me ..., but would not say when\"). "
        "The unnamed sources of a speaker in a transcript or an interview (\"RUIZ: A crane operator told "
        "me ...\") are the speaker's, as in a quotation, and are not flagged.",
    .advice =
        "Name the source, or the report, and link to it. If the source must stay anonymous, say why and "
        "describe their position (\"an official who attended the meeting, speaking on condition of "
        "anonymity because the talks are confidential\").",
    .default_severity = Severity::kWarning,
    .category = Category::kSourcing,
    .examples = kExamples,
};

/// Whether `a` is a group picked out by a quantifier ("other scientists", "some economists") and the
/// next sentence of its paragraph quotes a named person or body.
bool names_a_member_next(const Document& doc, const std::vector<Attribution>& all, const Attribution& a,
                         std::string_view lowered) {
  static constexpr std::array<std::string_view, 5> kQuantifiers = {"other ", "others", "some ", "several ", "many "};
  if (!std::any_of(kQuantifiers.begin(), kQuantifiers.end(), [&](std::string_view q) { return lowered.starts_with(q); })) {
    return false;
  }
  const auto& sentences = doc.sentences();
  const uint32_t next = a.sentence + 1;
  if (next >= sentences.size() || sentences[next].block != sentences[a.sentence].block) return false;
  for (const Attribution& b : attributions_of_sentence(all, next)) {
    if (!b.inferred && !b.source.empty() && !b.writer_source &&
        (b.kind == SourceKind::kNamedPerson || b.kind == SourceKind::kOfficialStatement)) {
      return true;
    }
  }
  return false;
}

class AnonymousSourceCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    const Document& doc = analysis.document();
    std::vector<Range> flagged;  // one warning per unnamed source, however many of its reports follow
    // The transcript speaker of the block last asked about: attributions come in text order, so each
    // block's is looked up once, however many unnamed sources its line holds.
    uint32_t speaker_block = UINT32_MAX;
    Range speaker;
    for (const Attribution& a : analysis.attributions()) {
      // Broad, learned attributions and unresolved pronouns ("they said") are left alone: only a source
      // the text itself leaves unnamed is flagged.
      if (a.kind != SourceKind::kAnonymous || a.inferred) continue;
      std::string source = readable_text(doc.slice(a.source), doc.markup());
      std::string lowered = normalise_word(source);
      if (lowered == "they" || lowered == "we" || lowered == "you" || lowered == "it" ||
          lowered == "who" || lowered == "which") {
        continue;
      }
      // A citation, footnote or link in the sentence names where the reader can check the report
      // ("shops reported more visitors (Hansen, 2020)").
      if (a.sentence < doc.sentences().size() && has_citation(doc, doc.sentences()[a.sentence])) continue;
      // "Proponents, including the United States Conference of Mayors, have urged": the group is named
      // by a member.
      if (size_t inc = source.find(", including "); inc != std::string::npos) {
        inc += 12;
        if (source.compare(inc, 4, "the ") == 0) inc += 4;
        if (inc < source.size() && source[inc] >= 'A' && source[inc] <= 'Z') continue;
      }
      // In a transcript or an interview the speaker's unnamed sources are the speaker's ("RUIZ: A crane
      // operator told me ..."): the writer cannot name them, as in a quotation.
      if (a.sentence < doc.sentences().size()) {
        const uint32_t block = doc.sentences()[a.sentence].block;
        if (block != speaker_block) {
          speaker_block = block;
          speaker = transcript_speaker(doc, analysis.attributions(), block);
        }
        if (!speaker.empty() && a.cue.start >= speaker.end) continue;
      }
      // "Other scientists urged caution. Jonas Keller, who ..., said": a group the next sentence of
      // the paragraph illustrates with a named member is named as far as it needs to be.
      if (names_a_member_next(doc, analysis.attributions(), a, lowered)) continue;
      // Flag the cue and source together when they are one phrase ("officials said", "according to
      // reports"); a long inverted source is flagged on its own.
      Range range = a.source.empty() ? a.cue : a.source;
      if (!a.source.empty()) {
        Range both{std::min(a.cue.start, a.source.start), std::max(a.cue.end, a.source.end)};
        if (both.size() <= a.cue.size() + a.source.size() + 16) range = both;
      }
      // The text may already say why the source is unnamed ("who asked not to be named", "speaking on
      // condition of anonymity because ..."): then what is left to ask is how they know.
      // The reason may follow in the next sentence of the paragraph: "They spoke on condition of anonymity".
      Range said{};
      const auto& sentences = doc.sentences();
      if (a.sentence < sentences.size()) {
        said = sentences[a.sentence].range;
        if (a.sentence + 1 < sentences.size() && sentences[a.sentence + 1].block == sentences[a.sentence].block) {
          said.end = sentences[a.sentence + 1].range.end;
        }
      }
      const std::string_view around = doc.slice(said);
      const bool explained = std::any_of(kReasons.begin(), kReasons.end(), [&](std::string_view r) {
        return around.find(r) != std::string_view::npos;
      });
      std::string message =
          a.source.empty() ? "\"" + std::string(doc.slice(a.cue)) + "\" attributes this to unnamed sources: say who reports it"
          : explained      ? "\"" + source + "\" is an unnamed source; the text says why: say also how they know"
                           : "\"" + source + "\" is an unnamed source: name it, or say why it cannot be named";
      // "A spokesperson told me ... but would not say when": one source, one warning.
      if (!a.source.empty()) {
        if (std::find(flagged.begin(), flagged.end(), a.source) != flagged.end()) continue;
        flagged.push_back(a.source);
      }
      Finding& f = out.report(range, std::move(message));
      f.attribution = AttributionRef{a.cue, a.source, a.kind, a.caution};
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(AnonymousSourceCheck)
}  // namespace evidential::core
