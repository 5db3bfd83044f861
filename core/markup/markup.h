// The markup layer: turns a Markdown or plain-text document into the prose blocks the analysis reads.
// It never copies text: every block is a set of byte ranges into the original buffer.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/range.h"

namespace evidential::core {

enum class Markup : uint8_t { kPlain, kMarkdown };

enum class BlockKind : uint8_t {
  kParagraph,  ///< a paragraph (also inside lists, block quotes and footnote definitions)
  kHeading,    ///< an ATX or setext heading, or a plain-text headline line
  kTableCell,  ///< one cell of a pipe table
};

/// One run of prose. The prose parser sees `range` with every byte inside `holes` replaced by a space, so
/// offsets inside the block equal offsets into the document.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  Range range;
  /// Sorted, disjoint, inside `range`: container syntax that interrupts the prose, such as the "> " of
  /// a block quote's continuation lines or a list item's indentation.
  std::vector<Range> holes;
  uint8_t heading_level = 0;  ///< 1-6 for headings, else 0
  uint8_t quote_depth = 0;    ///< how many block quotes contain the block
  uint8_t list_depth = 0;     ///< how many list items contain the block
  /// In a section whose heading presents the writer's own work ("Results", "Findings", "Materials and
  /// methods"), down to the next heading of the same or a higher level: its figures are the text's
  /// own findings. Set by every Markdown parse (mark_own_findings()).
  bool own_findings = false;
  /// In a text that never names the same speaker at the start of two lines (no transcript), and not
  /// its first block or a heading: a "Name:" in mixed case here is a dateline, a term or a lead-in
  /// ("Mosul: Six people were shot dead", "Remember: ..."), not a speaker. A headline names its
  /// speaker that way ("Graham: Trump's rhetoric is hateful"), and so does a transcript, in capitals
  /// ("BERG: I asked ...") or not. Set by every parse of a whole text (mark_line_labels()).
  bool no_speaker_labels = false;
  /// Opens with a speaker's label in capitals in a transcript ("VANCE: The levy raised ...") or with the "A:" of an
  /// interview printed as questions and answers: the block holds that speaker's words, not claims of
  /// the writer's own. Never in software documentation. Set by every parse of a whole text
  /// (mark_line_labels(), after documents_software).
  bool spoken = false;
  /// The text of a footnote definition (`[^1]: Port emissions inventory, 2023.`) or a block in a
  /// section headed "References", "Sources", "Bibliography", "Notes", "Further reading" and the like:
  /// where the writer names a source. Set by every Markdown parse (add_text_facts(), mark_own_findings()).
  bool footnote = false;
};

/// A suppression comment, such as `<!-- evidential-disable-next-line hedge weasel -->`.
struct Directive {
  enum class Kind : uint8_t { kDisableNextLine, kDisable, kEnable };
  Kind kind = Kind::kDisable;
  Range range;                    ///< the whole comment
  std::vector<std::string> ids;   ///< empty means every check
};

/// A reference-style link definition (`[label]: https://example.org "Title"`); references to it count
/// as citations.
struct LinkDefinition {
  Range label;        ///< without the brackets
  Range destination;
};

struct MarkupResult {
  std::vector<Block> blocks;  ///< in document order, disjoint
  std::vector<Directive> directives;
  std::vector<LinkDefinition> link_definitions;
  std::vector<Range> footnote_definitions;  ///< the label range of each `[^label]: ...` definition
  /// A text that documents software (see is_software_documentation() for Markdown and
  /// is_plain_software_documentation() for plain text): its prose describes what a program does rather
  /// than what someone said.
  bool documents_software = false;
  /// A text that states rules (see states_rules()): terms and conditions, a policy, a code of conduct.
  /// Its "may" grants permission and its sentences are rules, not claims to source.
  bool states_rules = false;
};

/// Whether a Markdown text documents software: it shows code (two fenced code blocks — a fence is a
/// line whose first characters, after indentation and block-quote markers, are three backticks or
/// tildes — or one with a code span, or three code spans), or it is a changelog (two headings that
/// name a release, "## 1.4.0", "## [v2.0.1] - 2021-03-02", "### Version 1.0.2", or a heading that says
/// so: "# Changelog", "# Release notes"). One fenced block alone may be an article
/// quoting a snippet or some data. Set on MarkupResult by every Markdown parse.
bool is_software_documentation(std::string_view text);

/// Whether a text states rules, by its title (the first heading, or in plain text the first line):
/// "Ferry ticket terms and conditions", "Terms of service", "Privacy policy", "Code of conduct",
/// "House rules", "Bylaws of the allotment society".
bool states_rules(std::string_view title);

/// Sets Block::own_findings on every block of `result` (a parse of `text`) from its headings, and
/// Block::footnote on the blocks of a reference list ("## References", "## Our sources").
void mark_own_findings(std::string_view text, MarkupResult& result);

/// Sets Block::no_speaker_labels on every block of `result` (a parse of `text`): whether the text
/// repeats the names that open its lines, as a transcript does.
void mark_line_labels(std::string_view text, MarkupResult& result);

/// The facts of the whole text on a parse of it: documents_software, every Block::own_findings,
/// Block::no_speaker_labels and Block::footnote.
/// Every Markdown parse ends with it.
void add_text_facts(std::string_view text, MarkupResult& result);

/// Whether a plain text documents software: it names three paths, long options or files of code or
/// configuration ("/etc/groff", "--force", "nsswitch.conf"), as a README or an INSTALL file does.
/// Set on MarkupResult by every plain-text parse.
bool is_plain_software_documentation(std::string_view text);

/// Whether `line` (trimmed) is only a time of day: `7 p.m.`, `6:05 p.m.`, `11:15 a.m. EDT`, `9:30am`. A
/// live report heads each entry with one; plain text runs that paragraph on into the entry's first one.
bool is_time_of_day(std::string_view line);

/// Plain text: paragraphs are separated by blank lines; a first line that looks like a headline (no
/// terminal punctuation, followed by a line break) is a heading block of its own.
MarkupResult parse_plain(std::string_view text);

/// Markdown (CommonMark + GFM tables, footnotes, front matter) via tree-sitter-markdown's block grammar.
/// Code blocks, HTML blocks, front matter, link reference definitions and thematic breaks yield no prose.
/// Top-level paragraphs, simple lists, ATX headings, fenced code and thematic breaks are found by a
/// line scanner; every other region goes through the grammar, so the result equals
/// parse_markdown_tree's.
MarkupResult parse_markdown(std::string_view text);

/// parse_markdown with the block grammar over the whole text: the reference the scanner is tested
/// against.
MarkupResult parse_markdown_tree(std::string_view text);

/// parse_markdown for a text that changes a little at a time (an editor's buffer). It keeps no syntax
/// tree: the text is cut into segments of about `segment_bytes` where no Markdown construct stays open,
/// and an edit (the common prefix and suffix since the previous call) re-parses only the segments it
/// touches, merging them with their neighbours where the edit opens or closes something across a cut
/// (core/markup/markdown_incremental.cpp). Every parse() returns exactly what parse_markdown(text)
/// returns. One per document; not thread-safe.
class IncrementalMarkdownParser {
 public:
  static constexpr uint32_t kDefaultSegmentBytes = 16 * 1024;

  explicit IncrementalMarkdownParser(uint32_t segment_bytes = kDefaultSegmentBytes);
  ~IncrementalMarkdownParser();
  IncrementalMarkdownParser(const IncrementalMarkdownParser&) = delete;
  IncrementalMarkdownParser& operator=(const IncrementalMarkdownParser&) = delete;

  /// The result stays valid until the next call.
  const MarkupResult& parse(std::string_view text);

  /// How many segments the last text was cut into; 0 when it was parsed whole (it needs the block
  /// grammar or plain text throughout). For tests.
  size_t segment_count() const;

 private:
  const MarkupResult& parse_blocks(std::string_view text);

  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace evidential::core
