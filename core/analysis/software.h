// Documentation of software: sentences that name code, a version, a command-line flag or a size in
// bytes. What such text states about the software (defaults, limits, what a function does) the reader
// checks by running it; it is neither a claim that needs a source nor anyone's reported speech.
#pragma once

#include <vector>

#include "core/analysis/attributions.h"
#include "core/document.h"

namespace evidential::core {

/// A part of a program or of its documentation, which acts in it but says nothing and doubts nothing:
/// "function", "option", "value", "callback", "schema", "field", "paragraph" (singular and plural).
bool is_program_part(std::string_view normalised_word);

/// Whether the sentence names software: a code span, a version ("5.0.0", "v18", "4.x", "version 3"),
/// a command-line flag ("--force") or a size in bytes ("10MB").
bool names_software(const Document& doc, const Sentence& s);

/// Per block: whether one of its sentences names software or is a licence or copyright notice ("Licensed
/// under the MIT License", "Copyright 2021 ..."). A paragraph or list item that does is about that
/// software throughout ("`cb` is called for each node. References are not resolved.").
std::vector<bool> software_blocks(const Document& doc);

/// Drops the learned tagger's attributions (Attribution::inferred) in blocks that document software:
/// there "`install()` adds", "the callback will be called with" and "fast-uri has built-in support
/// for" describe a program, and the tagger, trained on news, reads them as reports. Attributions the
/// rules find ("the maintainers said") stay.
void drop_inferred_in_software(const Document& doc, const std::vector<bool>& software_blocks,
                               std::vector<Attribution>& attributions);

/// In a Markdown document that documents software (Document::documents_software: it shows code or
/// is a changelog):
/// drops every attribution of the learned tagger, and every attribution whose source is no one a
/// reader could ask — none at all ("Note that", "is recommended"), the reader ("you write", "your
/// schema refers to"), a pronoun or relative ("it indicates", "which tells"), code, or a part of the
/// program ("the function adds", "the `root` property refers to"). "The spec says", "according to
/// RFC 3986", "Jeff King wrote" and the writer's own "we recommend" stay.
void drop_agentless_in_documentation(const Document& doc, std::vector<Attribution>& attributions);

}  // namespace evidential::core
