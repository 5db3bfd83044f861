/**
 * @file Evidential's tree-sitter grammar of English prose.
 *
 * Parses ONE prose block (a paragraph, heading, list item text or table cell) into sentences of flat
 * leaf tokens. Nearly every token comes from the hand-written external scanner (src/scanner.c), which
 * decides sentence ends, abbreviations, quote direction, citations, URLs and inline Markdown; this file
 * only states how those tokens group. See README.md for the design.
 */

module.exports = grammar({
  name: 'prose',

  // The order here must match `enum ProseTokenType` in include/prose_tokens.h.
  externals: $ => [
    $.word,
    $.number,
    $.abbreviation,
    $.terminator,
    $.open_quote,
    $.close_quote,
    $.open_bracket,
    $.close_bracket,
    $.punctuation,
    $.citation,
    $.url,
    $.email,
    $.symbol,
    $.code_span,
    $.autolink,
    $.html_tag,
    $.footnote_reference,
    $.emphasis_marker,
    $.escape,
    // The same leaves when they directly follow a sentence's terminator: `.”`, `?)`, `.[3]`, `.**`.
    // Separate symbols let the scanner, which knows there is no space before them, attach them to the
    // sentence that just ended; in the tree they carry the ordinary names.
    $._trailing_close_quote,
    $._trailing_close_bracket,
    $._trailing_citation,
    $._trailing_footnote_reference,
    $._trailing_emphasis_marker,
    $._trailing_html_tag,
    // Inline Markdown links and images: `[` text `]` then `(destination "title")` or `[label]`.
    $._link_open,
    $._image_open,
    $._link_close,
    $._destination_open,
    $.link_destination,
    $.link_title,
    $._destination_close,
    $._label_open,
    $.link_label,
    $._label_close,
    // Never produced; valid only while the parser recovers from an error.
    $._error_sentinel,
  ],

  // Whitespace, including the Unicode spaces the scanner skips (NBSP, thin spaces, ideographic space...).
  extras: _ => [/[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]/],

  rules: {
    // A block is a sequence of sentences; only the last one may lack a terminator.
    prose: $ => seq(
      repeat(alias($._closed_sentence, $.sentence)),
      optional(alias($._open_sentence, $.sentence)),
    ),

    _closed_sentence: $ => seq(
      optional($._items),
      $.terminator,
      repeat($._trailer),
    ),

    _open_sentence: $ => $._items,

    _items: $ => repeat1($._item),

    _item: $ => choice(
      $.word,
      $.number,
      $.abbreviation,
      $.punctuation,
      $.open_quote,
      $.close_quote,
      $.open_bracket,
      $.close_bracket,
      $.citation,
      $.footnote_reference,
      $.url,
      $.email,
      $.symbol,
      $.code_span,
      $.autolink,
      $.html_tag,
      $.emphasis_marker,
      $.escape,
      $.link,
      $.image,
    ),

    _trailer: $ => choice(
      alias($._trailing_close_quote, $.close_quote),
      alias($._trailing_close_bracket, $.close_bracket),
      alias($._trailing_citation, $.citation),
      alias($._trailing_footnote_reference, $.footnote_reference),
      alias($._trailing_emphasis_marker, $.emphasis_marker),
      alias($._trailing_html_tag, $.html_tag),
    ),

    // The scanner emits abbreviations itself when their dot can never end a sentence (`Mr.`, `e.g.`).
    // For the others (`U.S.`, `Inc.`, `J.`) it has to look past the dot to decide; when the dot does not
    // end the sentence it declines the token and this pattern lexes the abbreviation instead (when it does,
    // the scanner returns the bare word and the dot becomes the terminator).
    abbreviation: _ => token(/[A-Za-z]+(\.[A-Za-z]+)*\./),

    link: $ => seq(
      alias($._link_open, '['),
      optional($.link_text),
      alias($._link_close, ']'),
      optional(choice($._inline_target, $._reference_target)),
    ),

    image: $ => seq(
      alias($._image_open, '!['),
      optional($.link_text),
      alias($._link_close, ']'),
      optional(choice($._inline_target, $._reference_target)),
    ),

    link_text: $ => repeat1($._item),

    _inline_target: $ => seq(
      alias($._destination_open, '('),
      optional($.link_destination),
      optional($.link_title),
      alias($._destination_close, ')'),
    ),

    _reference_target: $ => seq(
      alias($._label_open, '['),
      optional($.link_label),
      alias($._label_close, ']'),
    ),
  },
});
