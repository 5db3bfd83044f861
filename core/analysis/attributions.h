// Attributions: who the text says a claim comes from ("according to X", "X said"), with the source's kind.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/finding.h"
#include "core/lexicon.h"
#include "core/sources.h"

namespace evidential::core {

struct Attribution {
  Range cue;      ///< "according to", "said", "reportedly"
  Range source;   ///< the full noun phrase: "the Pyongyang news outlet NK News"; empty when none
  Range content;  ///< what is attributed, where it can be delimited
  Range verb;     ///< the reporting verb itself ("asserted" in "has asserted"); empty for other cues
  SourceKind kind = SourceKind::kAnonymous;
  uint32_t sentence = 0;
  const SourceEntry* entry = nullptr;  ///< the registry entry the source names, if any
  /// Why the source deserves caution ("state-controlled media", "a party to the events"); empty
  /// when there is nothing to warn about.
  std::string caution;
  /// A non-neutral reporting verb ("asserted", "claimed"): the neutral verb to offer instead.
  std::string neutral_verb;
  /// The verb takes a stance on its object rather than passing on a statement ("urged", "criticized",
  /// "praised"): what follows in the paragraph is not the source's report.
  bool stance = false;
  /// Found by the learned cue tagger (grammar/lexicon/source_cue_model.tsv) rather than by a reporting
  /// verb rule: a broader, PARC-style attribution ("took aim at", "his remarks on"). It is shown as a
  /// hint, and its source is still checked for reliability, but it never sources a claim and never
  /// raises an anonymous-source warning.
  bool inferred = false;
  /// The cue is the writer's own inference ("seems", "appears to"): it names no source by design.
  bool writer_inference = false;
  /// The source is the writer in the first person ("I argue", "our team found"): a view or finding of
  /// their own, which the kind counts as a named person.
  bool writer_source = false;
  /// For a source that is "he" or "she": the earlier source in the same paragraph it most likely
  /// stands for ("the mayor, Ilse Varga, told reporters ... She insisted"); empty when there is none
  /// or more than one person it could be. See resolve_person_pronouns().
  Range antecedent;
};

/// The attribution kind a registry kind maps to: state_media -> state media; partisan and
/// party_to_conflict -> partisan; official_body -> official statement; research and ngo -> document;
/// every other outlet -> media outlet.
SourceKind source_kind_of(const SourceEntry& entry);

/// Why a registry entry calls for caution ("state-controlled media: <note>"), or "" when it does not:
/// state media, partisan outlets, parties to a conflict and sources of low reliability.
std::string source_caution(const SourceEntry& entry);

/// Every attribution in the document, in text order. With `learned` false the learned cue tagger stays
/// out and only the reporting-verb rules and layouts ("Name:") find attributions.
std::vector<Attribution> find_attributions(const Document& doc, const Lexicon& lexicon,
                                           const SourceRegistry& sources, bool learned = true);

/// Gives each "he"/"she" source the person it stands for, when one person alone can be meant: the
/// only person quoted or reported earlier in the same paragraph (one person under several names —
/// "Ilse Varga", "Varga" — counts once). The pronoun then takes that source's kind and registry entry.
/// Within a paragraph only, as every carry-over is: the server re-analyses paragraph by paragraph.
void resolve_person_pronouns(const Document& doc, std::vector<Attribution>& attributions);

/// The speaker of a transcript line ("BERG: I asked the port control ..."): the label of a block the
/// markup marks spoken, or else the source of the block's colon layout when it opens the block;
/// 0-length when the block has none.
Range transcript_speaker(const Document& doc, const std::vector<Attribution>& attributions, uint32_t block);

/// A plural noun by its form: "officials", "depositions", "people", "fishermen".
bool is_plural_noun(std::string_view w);

/// The attributions of `sentence`, found by bisection: `attributions` is in text order.
std::span<const Attribution> attributions_of_sentence(const std::vector<Attribution>& attributions,
                                                      uint32_t sentence);

/// Whether someone other than the writer speaks in `sentence`: an attribution there that is neither the
/// writer's own ("I argue", "appears to") nor the learned tagger's guess, which never sources anything
/// (it reads "is best known for" and "has authored several papers" as reports). `attributions` in text
/// order.
bool someone_reports(const std::vector<Attribution>& attributions, uint32_t sentence);

/// In a transcript line, "I" and "we" are the speaker, not the writer: their attributions take the
/// speaker as antecedent, kind and registry entry ("BERG: I asked the port control" is Berg asking).
void resolve_transcript_speakers(const Document& doc, std::vector<Attribution>& attributions);

}  // namespace evidential::core
