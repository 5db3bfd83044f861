; Highlights for Evidential's prose grammar, for editors that load tree-sitter grammars (Neovim, Helix...).
; Capture names follow nvim-treesitter's conventions. Hedges, weasel words and attribution cues are
; coloured by word lists here; the language server's diagnostics are the authoritative (and configurable)
; version of the same idea.

; Hedges: words that weaken a claim.
((word) @comment.warning
  (#any-of? @comment.warning
    "may" "May" "might" "Might" "could" "Could" "perhaps" "Perhaps" "possibly" "Possibly"
    "probably" "Probably" "likely" "Likely" "unlikely" "apparently" "Apparently"
    "seemingly" "Seemingly" "seem" "seems" "seemed" "appear" "appears" "appeared"
    "suggest" "suggests" "suggested" "arguably" "Arguably" "presumably" "Presumably"
    "somewhat" "fairly" "relatively" "roughly" "approximately" "about" "around"
    "reportedly" "Reportedly" "allegedly" "Allegedly" "supposedly" "Supposedly"
    "purportedly" "Purportedly" "believed" "thought" "rumored" "rumoured"))

; Weasel words: vague sources.
((word) @comment.note
  (#any-of? @comment.note
    "some" "Some" "many" "Many" "experts" "Experts" "critics" "Critics" "observers"
    "Observers" "analysts" "Analysts" "sources" "Sources" "officials" "Officials"
    "people" "People" "others" "Others" "widely" "Widely" "commonly" "Commonly"))

; Attribution cues: who said it.
((word) @keyword
  (#any-of? @keyword
    "said" "says" "say" "told" "tells" "according" "According" "stated" "states"
    "claimed" "claims" "claim" "reported" "reports" "noted" "notes" "added" "adds"
    "explained" "argued" "argues" "asserted" "announced" "wrote" "writes" "tweeted"
    "insisted" "acknowledged" "confirmed" "denied" "warned" "testified" "recalled"))

; Quotations and their marks.
[(open_quote) (close_quote)] @markup.quote

; Sources and references.
[(citation) (footnote_reference)] @markup.link.label
[(url) (email) (autolink) (link_destination)] @markup.link.url
(link_text) @markup.link
(link_label) @markup.link.label
(link_title) @string

; Figures.
(number) @number

; Inline markup.
(code_span) @markup.raw
(html_tag) @tag
(escape) @string.escape
(emphasis_marker) @punctuation.delimiter

; Punctuation.
(terminator) @punctuation.delimiter
[(open_bracket) (close_bracket)] @punctuation.bracket
