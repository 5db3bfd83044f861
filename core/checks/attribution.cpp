// Check `attribution`: every attribution — its cue, whom it names and what kind of source that is.
// The finding covers the cue ("said", "according to"); the source's span and kind travel in
// Finding::attribution, so an editor can show them on hover and a summary can count them.
#include <algorithm>
#include <array>
#include <string>

#include "core/analysis.h"
#include "core/check.h"

namespace evidential::core {
namespace {

constexpr std::array<std::string_view, 15> kExamples = {
    "The mayor [[said]] the bridge would reopen in May.",
    "Turnout fell sharply, [[according to]] the electoral commission.",
    "\"We will appeal,\" [[said]] Ana Ruiz, the club's lawyer.",
    "The bridge reopened in May after two years of repairs.",
    "Officials [[told]] reporters that the dam was safe.",
    "md:The callback will be called with an error when the file is missing. Call `open()` first.",
    "ORTIZ[[:]] We will finish the bridge before the winter.",
    "Default: the nearest harbour to the address given.",
    "Entries are sorted according to the rules of the archive.",
    "The estimate [[appears]] to rest on figures from 2019.",
    "md:- **Tide tables**: the hours of high and low water for each port.\n",
    "I [[argue]] that the harbour needs a second pier.",
    "md:## Survey notes\n\nThe pier was rebuilt in 2021.",
    "md:# Harbour board [[says]] the pier will reopen",
    "md:Run `make`, then `make test` and `make install`. The parser tells you whether a file is valid.",
};

constexpr CheckInfo kInfo{
    .id = "attribution",
    .summary = "Shows who a claim is attributed to, and what kind of source that is.",
    .rationale =
        "Readers weigh a claim by its source. Marking each attribution — the cue (\"said\", \"according "
        "to\", \"reported\"), the source it names, and whether that source is a named person, a media "
        "outlet, state media, an official statement, a partisan side, an anonymous source or a document "
        "— lets a writer see at a glance whom the text leans on. When the source is \"he\" or \"she\" "
        "and only one person is quoted or reported earlier in the paragraph, the finding names that "
        "person as the one most likely meant and takes their kind; with two or more candidates it names "
        "nobody rather than guess. A source in the first person (\"I argue\", \"our team found\") is "
        "the writer's own view or finding, and the message says so — except in a transcript line "
        "(\"BERG: I asked the port control\"), where \"I\" is the speaker. A name before a colon is a speaker in a headline (\"Ruiz: We will "
        "appeal\"), in capitals, and in a transcript, a text that names the same speaker at the start of two "
        "lines; elsewhere in the body (\"Mosul: Six people were shot dead\") it is a dateline or a term. A group with no determiner and "
        "nobody in it named (\"residents\", \"local leaders\") is an anonymous source; \"the senators\" "
        "points back to people the text has named, and \"his neighbours\" are identified through "
        "whoever they belong to. A heading of a subject and its verb alone (\"Survey notes\") is a "
        "label, not a report. A broad cue the learned tagger found with no subject to it (\"published on\") is shown "
        "as what it is: a possible report with no source named. In a paragraph or list item that "
        "documents software (it names code, "
        "a version or a command-line flag), only attributions found by the reporting-verb rules are "
        "shown: the learned tagger, trained on news, reads \"the callback will be called with\" as a "
        "report. A Markdown document that shows code (two fenced code blocks, one with a code span, or "
        "three code spans) "
        "or is a changelog (two headings that name a release), and a plain text that names three paths, long "
        "options or files of code or configuration, "
        "document software throughout: there the tagger stays out of every paragraph, and an "
        "attribution needs a source a reader could ask — a person, a body, a specification, the "
        "writer — not the reader (\"you write\"), a pronoun (\"it indicates\"), code, a part of the "
        "program (\"the function adds\", \"the property refers to\") or a label (\"Lead "
        "maintainer:\"). `{\"checks\": {\"attribution\": {\"model\": 0}}}` switches the tagger off everywhere "
        "(the rules alone find attributions), which suits documentation and other writing far from "
        "news. This check only informs; the "
        "`anonymous-source` and `source-reliability` checks warn about the sources that need care.",
    .advice =
        "Nothing to fix. Hover the cue to see the source and its kind; use `evidential check --summary` "
        "to count a document's sources by kind.",
    .default_severity = Severity::kHint,
    .category = Category::kSourcing,
    .examples = kExamples,
};

class AttributionCheck final : public Check {
 public:
  const CheckInfo& info() const override { return kInfo; }
  void run(const Analysis& analysis, Reporter& out) const override {
    const Document& doc = analysis.document();
    for (const Attribution& a : analysis.attributions()) {
      std::string cue(doc.slice(a.cue));
      std::string kind(source_kind_name(a.kind));
      std::replace(kind.begin(), kind.end(), '_', ' ');
      std::string message;
      if (a.writer_inference) {
        // "The estimate appears to be old": the writer's own inference, which names no one.
        message = "\"" + cue + "\" presents this as the writer's inference; no source is given";
      } else if (a.writer_source) {
        // "I argue", "our team found": the writer vouches for it; a reader weighs it as theirs.
        message = "\"" + cue + "\" presents this as the writer's own view or finding (" +
                  readable_text(doc.slice(a.source), doc.markup()) + ")";
      } else if (a.source.empty() && a.inferred) {
        // The learned tagger's broad cue with no subject found: a guess, and the message says so.
        message = "\"" + cue + "\" may introduce a view or a report; the sentence names no source";
      } else if (a.source.empty()) {
        message = "\"" + cue + "\" attributes this to an unnamed source";
      } else {
        message = "\"" + cue + "\" attributes this to " + readable_text(doc.slice(a.source), doc.markup()) + " (";
        if (!a.antecedent.empty()) message += "most likely " + std::string(doc.slice(a.antecedent)) + "; ";
        message += kind + ")";
      }
      Finding& f = out.report(a.cue, std::move(message));
      std::string note = a.entry != nullptr && a.caution.empty() ? a.entry->note : a.caution;
      if (a.writer_source && note.empty()) note = "the writer, in the first person: a view or finding of their own";
      f.attribution = AttributionRef{a.cue, a.source, a.kind, std::move(note), a.antecedent};
      if (!a.antecedent.empty()) {
        f.related.push_back(Related{a.antecedent, "\"" + std::string(doc.slice(a.source)) + "\" most likely stands for " +
                                                      std::string(doc.slice(a.antecedent))});
      }
    }
  }
};

}  // namespace
EVIDENTIAL_REGISTER_CHECK(AttributionCheck)
}  // namespace evidential::core
