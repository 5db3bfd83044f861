// External scanner of Evidential's prose grammar: lexes the leaves of one prose block and decides where
// sentences end. A hand-written lexer rather than grammar.js regexes, because the hard decisions
// (is this dot a full stop? is this straight quote opening or closing? is `[...]` a link, a citation or a
// bracket?) need the previous token or a bounded look far ahead, which tree-sitter's generated lexer
// cannot do. README.md explains the design; the tables below are the tunable data.
//
// Conventions: every scan starts by skipping whitespace itself, so it knows whether the token it lexes
// touches the previous one. Its state (previous-token class, open quotes, open links) is serialized
// after every token. Nothing here allocates per token, and every look-ahead is bounded.

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../include/prose_tokens.h"
#include "tree_sitter/parser.h"

// The token types (`externals` in grammar.js, in order) are PROSE_* in prose_tokens.h.

// Bounds on look-ahead, in characters. With the memo below they keep pathological input (thousands of
// unclosed brackets or comments) near linear; real prose never comes near them.
enum {
  kMaxLinkText = 500,        // `[` ... `]` of a link
  kMaxLinkTarget = 2048,     // `(destination "title")`
  kMaxHtmlTag = 1024,        // `<tag attr="...">`
  kMaxCitation = 64,         // `[citation needed]`, `[12, 13]`
  kMaxParenCitation = 200,   // `(Smith et al. 2020, p. 4)`
  kMaxLinkDepth = 8,         // nested links/images (`[![alt](src)](href)`)
  kWordBuffer = 32,          // enough for every table entry
};

// What came before the current token, for decisions that depend on it (quote direction, flanking).
enum Prev {
  PREV_START,    // start of the block
  PREV_OPEN,     // an opening quote or bracket, a dash, a link opener: "what follows starts something"
  PREV_CONTENT,  // anything else
  PREV_STOP,     // a terminator or something trailing it: closers touching it belong to its sentence
};

enum Flag {
  FLAG_PENDING_STOP = 1,  // the previous token was an abbreviation's word; its dot ends the sentence
  FLAG_DOUBLE_OPEN = 2,   // a straight double quote is open
};

// Where we are inside a Markdown link's target, after its `]`.
enum Tail {
  TAIL_NONE,
  TAIL_INLINE_OPEN,  // expect `(`
  TAIL_DESTINATION,  // expect destination, title or `)`
  TAIL_TITLE,        // expect title or `)`
  TAIL_CLOSE,        // expect `)`
  TAIL_LABEL_OPEN,   // expect `[`
  TAIL_LABEL,        // expect label or `]`
  TAIL_LABEL_CLOSE,  // expect `]`
};

typedef struct {
  // Serialized after every token.
  uint8_t prev;
  uint8_t flags;
  uint8_t single_open;  // unclosed single quotes (saturating); decides `players’` vs a closing quote
  uint8_t tail;
  uint8_t depth;        // open link texts
  uint8_t inner[kMaxLinkDepth];  // unmatched plain `[` inside each open link text

  // Not serialized: facts about the rest of the block learnt by a search that reached its end, so that a
  // thousand unclosed `<!--` cost one search, not a thousand. tree-sitter lexes forward through a block
  // and resets the scanner (deserialize with no state) at the start of every parse, which clears them.
  bool no_comment_close;        // no `-->` up to the end
  uint32_t no_backtick_run;     // bit n-1: no run of exactly n backticks up to the end (n <= 32)
} Scanner;

// ---------------------------------------------------------------------------------------------------
// Tables. Each is sorted (strcmp order) for binary search; keep them sorted when editing.

// How an abbreviation's dot behaves.
enum AbbreviationKind {
  ABBR_NONE,
  ABBR_TITLE,      // never ends a sentence: `Mr. Smith`, `Gen. Lee`, `e.g. the`, `Roe v. Wade`
  ABBR_NUMBERING,  // continues before a digit: `No. 3`, `p. 4`; otherwise an ordinary word
  ABBR_MONTH,      // continues before a digit or lowercase: `Sept. 11`; else like ABBR_AMBIGUOUS
  ABBR_AMBIGUOUS,  // ends the sentence only before a common sentence opener (`U.S. The`) or the end
};

typedef struct {
  const char *text;
  uint8_t kind;
} Abbreviation;

// Single-dot abbreviations, case-sensitive, without the dot. Dotted forms (`U.S.`, `a.m.`, `Ph.D.`) are
// recognised by shape and are ABBR_AMBIGUOUS unless listed here; single capitals are initials (ambiguous).
static const Abbreviation kAbbreviations[] = {
    {"Adm", ABBR_TITLE},      {"Ala", ABBR_AMBIGUOUS},   {"Apr", ABBR_MONTH},
    {"Ariz", ABBR_AMBIGUOUS}, {"Ark", ABBR_AMBIGUOUS},   {"Art", ABBR_NUMBERING},
    {"Assn", ABBR_AMBIGUOUS}, {"Assoc", ABBR_TITLE},     {"Asst", ABBR_TITLE},
    {"Atty", ABBR_TITLE},     {"Aug", ABBR_MONTH},       {"Ave", ABBR_AMBIGUOUS},
    {"Blvd", ABBR_AMBIGUOUS}, {"Brig", ABBR_TITLE},      {"Bros", ABBR_AMBIGUOUS},
    {"Calif", ABBR_AMBIGUOUS}, {"Capt", ABBR_TITLE},     {"Ch", ABBR_NUMBERING},
    {"Chap", ABBR_NUMBERING}, {"Cmdr", ABBR_TITLE},      {"Co", ABBR_AMBIGUOUS},
    {"Col", ABBR_TITLE},      {"Colo", ABBR_AMBIGUOUS},  {"Conn", ABBR_AMBIGUOUS},
    {"Corp", ABBR_AMBIGUOUS}, {"Cos", ABBR_AMBIGUOUS},   {"Cpl", ABBR_TITLE},
    {"Cpt", ABBR_TITLE},      {"Dec", ABBR_MONTH},       {"Del", ABBR_AMBIGUOUS},
    {"Dept", ABBR_AMBIGUOUS}, {"Det", ABBR_TITLE},       {"Dr", ABBR_TITLE},
    {"Drs", ABBR_TITLE},      {"E.g", ABBR_TITLE},       {"Eq", ABBR_NUMBERING},
    {"Esq", ABBR_AMBIGUOUS},  {"Feb", ABBR_MONTH},       {"Fig", ABBR_NUMBERING},
    {"Figs", ABBR_NUMBERING}, {"Fla", ABBR_AMBIGUOUS},   {"Fr", ABBR_TITLE},
    {"Ft", ABBR_TITLE},       {"Ga", ABBR_AMBIGUOUS},    {"Gen", ABBR_TITLE},
    {"Gens", ABBR_TITLE},     {"Gov", ABBR_TITLE},       {"Govs", ABBR_TITLE},
    {"Hon", ABBR_TITLE},      {"I.e", ABBR_TITLE},       {"Ill", ABBR_AMBIGUOUS},
    {"Inc", ABBR_AMBIGUOUS},  {"Ind", ABBR_AMBIGUOUS},   {"Insp", ABBR_TITLE},
    {"Jan", ABBR_MONTH},      {"Jr", ABBR_AMBIGUOUS},    {"Jul", ABBR_MONTH},
    {"Jun", ABBR_MONTH},      {"Kan", ABBR_AMBIGUOUS},   {"Kans", ABBR_AMBIGUOUS},
    {"Ky", ABBR_AMBIGUOUS},   {"La", ABBR_AMBIGUOUS},    {"Lt", ABBR_TITLE},
    {"Ltd", ABBR_AMBIGUOUS},  {"Maj", ABBR_TITLE},       {"Mar", ABBR_MONTH},
    {"Mass", ABBR_AMBIGUOUS}, {"Md", ABBR_AMBIGUOUS},    {"Messrs", ABBR_TITLE},
    {"Mich", ABBR_AMBIGUOUS}, {"Minn", ABBR_AMBIGUOUS},  {"Miss", ABBR_AMBIGUOUS},
    {"Mme", ABBR_TITLE},      {"Mmes", ABBR_TITLE},      {"Mo", ABBR_AMBIGUOUS},
    {"Mont", ABBR_AMBIGUOUS}, {"Mr", ABBR_TITLE},        {"Mrs", ABBR_TITLE},
    {"Ms", ABBR_TITLE},       {"Msgr", ABBR_TITLE},      {"Mt", ABBR_TITLE},
    {"Neb", ABBR_AMBIGUOUS},  {"Nebr", ABBR_AMBIGUOUS},  {"Nev", ABBR_AMBIGUOUS},
    {"No", ABBR_NUMBERING},   {"Nos", ABBR_NUMBERING},   {"Nov", ABBR_MONTH},
    {"Oct", ABBR_MONTH},      {"Okla", ABBR_AMBIGUOUS},  {"Op", ABBR_NUMBERING},
    {"Ore", ABBR_AMBIGUOUS},  {"Pa", ABBR_AMBIGUOUS},    {"Pfc", ABBR_TITLE},
    {"Pres", ABBR_TITLE},     {"Prof", ABBR_TITLE},      {"Profs", ABBR_TITLE},
    {"Pt", ABBR_NUMBERING},   {"Pvt", ABBR_TITLE},       {"Rd", ABBR_AMBIGUOUS},
    {"Rep", ABBR_TITLE},      {"Reps", ABBR_TITLE},      {"Rev", ABBR_TITLE},
    {"Rt", ABBR_TITLE},       {"Sec", ABBR_TITLE},       {"Sen", ABBR_TITLE},
    {"Sens", ABBR_TITLE},     {"Sep", ABBR_MONTH},       {"Sept", ABBR_MONTH},
    {"Sgt", ABBR_TITLE},      {"Spc", ABBR_TITLE},       {"Sr", ABBR_AMBIGUOUS},
    {"St", ABBR_AMBIGUOUS},   {"Supt", ABBR_TITLE},      {"Tenn", ABBR_AMBIGUOUS},
    {"Tex", ABBR_AMBIGUOUS},  {"Univ", ABBR_AMBIGUOUS},  {"Va", ABBR_AMBIGUOUS},
    {"Vol", ABBR_NUMBERING},  {"Vols", ABBR_NUMBERING},  {"Vt", ABBR_AMBIGUOUS},
    {"Wash", ABBR_AMBIGUOUS}, {"Wis", ABBR_AMBIGUOUS},   {"Wyo", ABBR_AMBIGUOUS},
    {"al", ABBR_AMBIGUOUS},   {"approx", ABBR_TITLE},    {"ca", ABBR_TITLE},
    {"cf", ABBR_TITLE},       {"ch", ABBR_NUMBERING},    {"e.g", ABBR_TITLE},
    {"eq", ABBR_NUMBERING},   {"etc", ABBR_AMBIGUOUS},   {"fig", ABBR_NUMBERING},
    {"i.e", ABBR_TITLE},      {"p", ABBR_NUMBERING},     {"pp", ABBR_NUMBERING},
    {"v", ABBR_TITLE},        {"viz", ABBR_TITLE},       {"vol", ABBR_NUMBERING},
    {"vs", ABBR_TITLE},
};

// Capitalised words that commonly open an English sentence. After an ambiguous abbreviation
// (`in the U.S. The ...`, `Smith Jr. He ...`) one of these means the dot was also a full stop; any
// other capitalised word (`U.S. Senate`, `George W. Bush`) means it was not.
static const char *const kSentenceOpeners[] = {
    "A",       "About",    "According", "After",    "Afterward", "Again",     "All",
    "Also",    "Although", "Among",     "An",       "And",       "Another",   "Any",
    "As",      "At",       "Because",   "Before",   "Both",      "But",       "Despite",
    "During",  "Each",     "Either",    "Even",     "Every",     "Few",       "For",
    "From",    "Further",  "Given",     "He",       "Her",       "Here",      "His",
    "How",     "However",  "I",         "If",       "In",        "Indeed",    "Instead",
    "It",      "Its",      "Just",      "Last",     "Later",     "Many",      "Meanwhile",
    "More",    "Moreover", "Most",      "Mr",       "Mrs",       "Ms",        "Much",
    "My",      "Neither",  "Nevertheless", "No",    "None",      "Nor",       "Not",
    "Nothing", "Now",      "Of",        "On",       "Once",      "One",       "Only",
    "Or",      "Other",    "Others",    "Our",      "Perhaps",   "Rather",    "Several",
    "She",     "Since",    "So",        "Some",     "Still",     "Such",      "That",
    "The",     "Their",    "Then",      "There",    "These",     "They",      "This",
    "Those",   "Though",   "Thus",      "To",       "Under",     "Unlike",    "Until",
    "We",      "What",     "When",      "Where",    "Whether",   "Which",     "While",
    "Who",     "Why",      "With",      "Without",  "Yes",       "Yet",       "You",
    "Your",
};

// Top-level domains that make `name.tld` a bare URL.
static const char *const kDomains[] = {
    "ai", "au", "biz", "ca", "cn", "co", "com", "de", "edu", "eu", "fr", "gov", "info",
    "int", "io", "jp", "ly", "mil", "net", "news", "org", "ru", "tv", "uk",
};

// Wikipedia-style inline tags that make `[...]` a citation marker (matched as a prefix, lowercased).
static const char *const kCitationTags[] = {
    "according to whom", "attribution needed", "better source", "by whom",
    "citation needed",   "clarification needed", "dubious", "failed verification",
    "full citation needed", "non-primary source", "not in citation", "original research",
    "page needed",       "unreliable source", "vague", "verification needed",
    "weasel words",      "when", "where", "which", "who", "whom", "why",
};

// Capitalised words that may open a parenthesis with a year but are not authors: `(March 2016)`.
static const char *const kNotAuthors[] = {
    "After", "April", "August", "Autumn", "Before", "By", "Dec", "December", "Fall", "Feb",
    "February", "Fiscal", "From", "In", "January", "July", "June", "March", "May", "Nov",
    "November", "Oct", "October", "Sept", "September", "Since", "Spring", "Summer", "The",
    "Through", "Until", "Winter",
};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static int compare_abbreviation(const void *key, const void *entry) {
  return strcmp((const char *)key, ((const Abbreviation *)entry)->text);
}

static int compare_string(const void *key, const void *entry) {
  return strcmp((const char *)key, *(const char *const *)entry);
}

static bool in_list(const char *word, const char *const *list, size_t count) {
  return bsearch(word, list, count, sizeof(list[0]), compare_string) != NULL;
}

static enum AbbreviationKind abbreviation_kind(const char *word) {
  const Abbreviation *found = bsearch(word, kAbbreviations, COUNT(kAbbreviations),
                                      sizeof(kAbbreviations[0]), compare_abbreviation);
  return found ? (enum AbbreviationKind)found->kind : ABBR_NONE;
}

// ---------------------------------------------------------------------------------------------------
// Characters. The lexer hands us code points; invalid UTF-8 arrives as -1 and NUL as 0 (distinguished
// from the end by `eof`).

static inline bool is_space(int32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static inline bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static inline bool is_ascii_upper(int32_t c) { return c >= 'A' && c <= 'Z'; }
static inline bool is_ascii_lower(int32_t c) { return c >= 'a' && c <= 'z'; }
static inline bool is_ascii_alpha(int32_t c) { return is_ascii_upper(c) || is_ascii_lower(c); }
static inline bool is_ascii_alnum(int32_t c) { return is_ascii_alpha(c) || is_digit(c); }

static inline bool is_ascii_punct(int32_t c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

static inline bool is_open_quote(int32_t c) {
  return c == 0x201C || c == 0x2018 || c == 0xAB || c == 0x201E || c == 0x201A || c == 0x2039 ||
         c == 0x201B || c == 0x201F || c == 0x300C || c == 0x300E;
}

static inline bool is_close_quote(int32_t c) {
  return c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x203A || c == 0x300D || c == 0x300F;
}

static inline bool is_close_bracket(int32_t c) { return c == ')' || c == ']' || c == '}'; }

static inline bool is_stop(int32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
         c == 0x2048 || c == 0x2049 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

static inline bool is_dash(int32_t c) {
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2E3A || c == 0x2E3B;
}

static inline bool is_currency(int32_t c) {
  return c == '$' || c == 0xA2 || c == 0xA3 || c == 0xA5 || (c >= 0x20A0 && c <= 0x20CF);
}

// Code points >= 0x80 that are not letters: punctuation and symbol blocks we know of. Everything else
// above ASCII (accented Latin, Greek, Cyrillic, CJK, combining marks...) counts as a letter.
static inline bool is_unicode_nonletter(int32_t c) {
  if (c < 0x80) return false;
  if (c < 0x100) {
    return c < 0xC0 ? (c != 0xAA && c != 0xB5 && c != 0xBA) : (c == 0xD7 || c == 0xF7);
  }
  return (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x2E00 && c <= 0x2E7F) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xE000 && c <= 0xF8FF) ||
         (c >= 0xFE00 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF20) ||
         (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || c >= 0xFFF0;
}

static inline bool is_letter(int32_t c) {
  return is_ascii_alpha(c) || (c >= 0x80 && !is_unicode_nonletter(c) && !is_space(c));
}

static inline bool is_word_char(int32_t c) { return is_letter(c) || is_digit(c); }

// Lowercase letters outside ASCII we can recognise cheaply; unknown letters count as not lowercase.
static inline bool is_lower(int32_t c) {
  if (c < 0x80) return is_ascii_lower(c);
  if (c >= 0xDF && c <= 0xFF) return c != 0xF7;
  if (c >= 0x100 && c <= 0x17F) {
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) == 0;
    return (c & 1) == 1 || c == 0x138 || c == 0x17F;
  }
  return (c >= 0x3B1 && c <= 0x3C9) || (c >= 0x430 && c <= 0x45F);
}

// ---------------------------------------------------------------------------------------------------
// Lexer helpers.

static inline void advance(TSLexer *lexer) { lexer->advance(lexer, false); }
static inline void mark(TSLexer *lexer) { lexer->mark_end(lexer); }
static inline bool at_end(TSLexer *lexer) { return lexer->eof(lexer); }

// Advances over whitespace; returns whether there was any. Used only while looking ahead.
static inline bool skip_space(TSLexer *lexer) {
  bool any = false;
  while (!at_end(lexer) && is_space(lexer->lookahead)) {
    advance(lexer);
    any = true;
  }
  return any;
}

typedef struct {
  char text[kWordBuffer];
  unsigned length;
  bool plain;  // ASCII letters (and, for dotted forms, dots) only: eligible for the tables
} Word;

static inline void word_push(Word *word, int32_t c) {
  if (!is_ascii_alpha(c) && c != '.') word->plain = false;
  if (word->length + 1 < kWordBuffer) {
    word->text[word->length++] = (char)(c < 0x80 ? c : '?');
  } else {
    word->plain = false;
  }
  word->text[word->length] = 0;
}

// Lexes word characters with internal apostrophes (`Kim’s`, `won't`), hyphens (`state-run`), underscores
// (`snake_case`) and ampersands between capitals (`AT&T`), marking the end after each accepted character.
// A connector is accepted only when a word character follows it, so the lexer may stand one character past
// the marked end on return; the result says whether it stands exactly at it.
static bool lex_word_chars(const Scanner *s, TSLexer *lexer, Word *word) {
  int32_t last = 0;
  for (;;) {
    int32_t c = lexer->lookahead;
    if (is_word_char(c)) {
      word_push(word, c);
      advance(lexer);
      mark(lexer);
      last = c;
      continue;
    }
    if (last == 0) return true;
    if (c == '\'' || c == 0x2019 || c == 0x2018) {
      advance(lexer);
      if (is_letter(lexer->lookahead)) {
        word->plain = false;
        continue;
      }
      // `players’ union`: a plural possessive, unless a single quotation is open for it to close.
      if ((last == 's' || last == 'S') && c != 0x2018 && s->single_open == 0 &&
          !is_word_char(lexer->lookahead) && lexer->lookahead != '\'') {
        word->plain = false;
        mark(lexer);
        return true;
      }
      return false;
    }
    if (c == '-' || c == 0x2010 || c == 0x2011 || c == 0xAD || c == '_' ||
        (c == '&' && is_ascii_upper(last))) {
      advance(lexer);
      int32_t next = lexer->lookahead;
      if (c == '&' ? is_ascii_upper(next) : is_word_char(next)) {
        word->plain = false;
        continue;
      }
      return false;
    }
    return true;
  }
}

// ---------------------------------------------------------------------------------------------------
// Looking past a candidate full stop.

enum FollowKind {
  FOLLOW_END,       // end of block (possibly after closers)
  FOLLOW_TOUCHING,  // something other than whitespace touches the stop: `3.5`, `U.S.-based`, `.com`
  FOLLOW_LOWER,     // a lowercase letter: `e.g. the`, `“Why?” he asked`
  FOLLOW_CONTINUE,  // `,` `;` `:` after whitespace
  FOLLOW_DIGIT,
  FOLLOW_UPPER,     // a capital or other letter; `opener` says whether it is a common sentence opener
  FOLLOW_OTHER,     // quotes, brackets, symbols
};

typedef struct {
  enum FollowKind kind;
  bool opener;
} Follow;

static bool skip_bracket_citation(TSLexer *lexer);

// Skips what may trail a stop (closing quotes and brackets, emphasis closers, citation markers, closing
// HTML tags), then whitespace, and classifies the next character. Mirrors the trailing tokens the
// scanner emits after a terminator.
static Follow peek_follow(TSLexer *lexer) {
  Follow follow = {FOLLOW_OTHER, false};
  for (;;) {
    int32_t c = lexer->lookahead;
    if (at_end(lexer)) break;
    if (is_close_quote(c) || c == '"' || c == '\'' || is_close_bracket(c) || c == '*' ||
        c == '_' || c == '~') {
      advance(lexer);
      continue;
    }
    if (c == '[') {
      if (skip_bracket_citation(lexer)) continue;
      follow.kind = FOLLOW_TOUCHING;
      return follow;
    }
    if (c == '<') {
      advance(lexer);
      if (lexer->lookahead != '/') {
        follow.kind = FOLLOW_TOUCHING;
        return follow;
      }
      unsigned n = 0;
      while (!at_end(lexer) && lexer->lookahead != '>' && lexer->lookahead != '<' && n++ < 64) {
        advance(lexer);
      }
      if (lexer->lookahead != '>') {
        follow.kind = FOLLOW_TOUCHING;
        return follow;
      }
      advance(lexer);
      continue;
    }
    break;
  }
  if (at_end(lexer)) {
    follow.kind = FOLLOW_END;
    return follow;
  }
  if (!skip_space(lexer)) {
    follow.kind = FOLLOW_TOUCHING;
    return follow;
  }
  if (at_end(lexer)) {
    follow.kind = FOLLOW_END;
    return follow;
  }
  int32_t c = lexer->lookahead;
  if (is_lower(c)) {
    follow.kind = FOLLOW_LOWER;
  } else if (c == ',' || c == ';' || c == ':') {
    follow.kind = FOLLOW_CONTINUE;
  } else if (c == '.') {
    // `. . .` is a spaced ellipsis; `. ...` is a full stop followed by an omission mark.
    advance(lexer);
    follow.kind = lexer->lookahead == '.' ? FOLLOW_OTHER : FOLLOW_CONTINUE;
  } else if (is_digit(c)) {
    follow.kind = FOLLOW_DIGIT;
  } else if (is_letter(c)) {
    follow.kind = FOLLOW_UPPER;
    char word[16];
    unsigned length = 0;
    while (is_ascii_alpha(lexer->lookahead) && length < sizeof(word) - 1) {
      word[length++] = (char)lexer->lookahead;
      advance(lexer);
    }
    word[length] = 0;
    // An opener is a whole word: not `A.` (an initial) nor `Anderson`.
    int32_t next = lexer->lookahead;
    follow.opener = length > 0 && !is_word_char(next) && next != '.' && next != '-' &&
                    in_list(word, kSentenceOpeners, COUNT(kSentenceOpeners));
  }
  return follow;
}

// Does a dot after an abbreviation of this kind end the sentence, given what follows?
static bool abbreviation_ends_sentence(enum AbbreviationKind kind, Follow follow) {
  switch (follow.kind) {
    case FOLLOW_END:
      return true;
    case FOLLOW_TOUCHING:
    case FOLLOW_LOWER:
    case FOLLOW_CONTINUE:
    case FOLLOW_DIGIT:
      return false;
    case FOLLOW_UPPER:
      return kind == ABBR_NUMBERING || follow.opener;
    case FOLLOW_OTHER:  // `RENO, Nev. (AP)`, `Jupiter, Fla. — “which...`
      return kind == ABBR_NUMBERING;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Bracketed constructs: citation markers and Markdown link targets.

enum BracketKind { BRACKET_PLAIN, BRACKET_CITATION, BRACKET_FOOTNOTE };

// Classifies the text between `[` and `]` (lowercased ASCII, at most kMaxCitation bytes).
static enum BracketKind classify_bracket_text(const char *text, unsigned length) {
  if (length == 0) return BRACKET_PLAIN;
  if (text[0] == '^') {
    for (unsigned i = 1; i < length; i++) {
      if (text[i] == ' ') return BRACKET_PLAIN;
    }
    return length > 1 ? BRACKET_FOOTNOTE : BRACKET_PLAIN;
  }
  // Numbered references: `[1]`, `[12, 13]`, `[1-3]`, `[4; 7]`, and `[note 2]`, `[nb 1]`.
  unsigned start = 0;
  if (length > 5 && strncmp(text, "note ", 5) == 0) start = 5;
  if (length > 3 && strncmp(text, "nb ", 3) == 0) start = 3;
  if (is_digit((unsigned char)text[start])) {
    for (unsigned i = start; i < length; i++) {
      char c = text[i];
      if (!is_digit(c) && c != ',' && c != ';' && c != ' ' && c != '-' && c != '\x01') {
        return BRACKET_PLAIN;
      }
    }
    return BRACKET_CITATION;
  }
  // Wikipedia's inline tags, optionally followed by `?` or more words: `[who?]`, `[dubious – discuss]`.
  for (size_t i = 0; i < COUNT(kCitationTags); i++) {
    size_t n = strlen(kCitationTags[i]);
    if (n <= length && strncmp(text, kCitationTags[i], n) == 0 &&
        (n == length || text[n] == '?' || text[n] == ' ')) {
      if (n < length && text[n] == ' ' && n < 6) return BRACKET_PLAIN;  // `[who is he]`
      return BRACKET_CITATION;
    }
  }
  return BRACKET_PLAIN;
}

// At `[`: reads up to the matching `]` (no nesting) and classifies. Leaves the lexer after `]` if found.
static enum BracketKind read_bracket(TSLexer *lexer, bool *closed) {
  char text[kMaxCitation + 1];
  unsigned length = 0;
  *closed = false;
  advance(lexer);
  while (!at_end(lexer) && length < kMaxCitation) {
    int32_t c = lexer->lookahead;
    if (c == ']' || c == '[' || c == '\n') break;
    // Dashes and other non-ASCII become \x01, which the digit-list check accepts; letters become 'x'.
    text[length++] = is_ascii_upper(c)  ? (char)(c + 32)
                     : c < 0x80 && c > 0 ? (char)c
                     : is_dash(c)        ? '\x01'
                                         : 'x';
    advance(lexer);
  }
  text[length] = 0;
  if (lexer->lookahead != ']' || at_end(lexer)) return BRACKET_PLAIN;
  advance(lexer);
  *closed = true;
  return classify_bracket_text(text, length);
}

static bool skip_bracket_citation(TSLexer *lexer) {
  bool closed;
  return read_bracket(lexer, &closed) != BRACKET_PLAIN && closed;
}

// Destination of an inline link: `<...>` or a run of non-space characters with balanced parentheses.
static bool lex_destination(TSLexer *lexer) {
  unsigned n = 0;
  if (lexer->lookahead == '<') {
    advance(lexer);
    while (!at_end(lexer) && n++ < kMaxLinkTarget) {
      int32_t c = lexer->lookahead;
      if (c == '>') {
        advance(lexer);
        return true;
      }
      if (c == '<' || c == '\n') return false;
      advance(lexer);
      if (c == '\\' && !at_end(lexer)) advance(lexer);
    }
    return false;
  }
  unsigned parens = 0;
  while (!at_end(lexer) && n < kMaxLinkTarget) {
    int32_t c = lexer->lookahead;
    if (is_space(c) || (c >= 0 && c < 0x20)) break;
    if (c == '(') {
      if (++parens > 32) return false;
    } else if (c == ')') {
      if (parens == 0) break;
      parens--;
    }
    advance(lexer);
    n++;
    if (c == '\\' && !at_end(lexer) && is_ascii_punct(lexer->lookahead)) advance(lexer);
  }
  return n > 0 && parens == 0;
}

static bool lex_title(TSLexer *lexer) {
  int32_t open = lexer->lookahead;
  int32_t close = open == '(' ? ')' : open;
  advance(lexer);
  for (unsigned n = 0; !at_end(lexer) && n < kMaxLinkTarget; n++) {
    int32_t c = lexer->lookahead;
    advance(lexer);
    if (c == close) return true;
    if (c == '\\' && !at_end(lexer)) advance(lexer);
  }
  return false;
}

// At `(` after a link's `]`: is `(destination "title")` well formed?
static bool check_inline_target(TSLexer *lexer) {
  advance(lexer);
  skip_space(lexer);
  if (lexer->lookahead == ')') return true;
  if (lexer->lookahead != '"' && lexer->lookahead != '\'' && !lex_destination(lexer)) return false;
  bool spaced = skip_space(lexer);
  if (lexer->lookahead == ')') return true;
  int32_t c = lexer->lookahead;
  if (!spaced && c != '"' && c != '\'') return false;
  if (c != '"' && c != '\'' && c != '(') return false;
  if (!lex_title(lexer)) return false;
  skip_space(lexer);
  return lexer->lookahead == ')';
}

// At `[` after a link's `]`: is `[label]` (possibly empty) well formed?
static bool check_reference_target(TSLexer *lexer) {
  advance(lexer);
  for (unsigned n = 0; !at_end(lexer) && n < kMaxLinkText; n++) {
    int32_t c = lexer->lookahead;
    if (c == ']') return true;
    if (c == '[') return false;
    advance(lexer);
    if (c == '\\' && !at_end(lexer)) advance(lexer);
  }
  return false;
}

enum LinkCheck {
  LINK_NO,        // not a link; the lexer is somewhere inside or after the brackets
  LINK_YES,       // a link with a well-formed target
  LINK_AT_CLOSE,  // not a link, and the lexer stands right after the `]` (for citation markers)
};

// After a link's `[` or `![`: finds the matching `]` and checks that a target follows. `kind` receives
// the classification of the bracket text (`[1]` is a citation marker, never a reference link).
static enum LinkCheck check_link(TSLexer *lexer, enum BracketKind *kind) {
  char text[kMaxCitation + 1];
  unsigned length = 0, depth = 0;
  *kind = BRACKET_PLAIN;
  for (unsigned n = 0;; n++) {
    if (at_end(lexer) || n > kMaxLinkText) return LINK_NO;
    int32_t c = lexer->lookahead;
    if (c == ']' && depth == 0) break;
    if (c == '[' && ++depth > kMaxLinkDepth) return LINK_NO;  // `[[[[[[[[[`: no link text nests so deep
    if (c == ']') depth--;
    if (length < kMaxCitation) {
      text[length++] = is_ascii_upper(c)  ? (char)(c + 32)
                       : c < 0x80 && c > 0 ? (char)c
                       : is_dash(c)        ? '\x01'
                                           : 'x';
    } else {
      length = kMaxCitation + 1;  // too long to be a citation
    }
    advance(lexer);
    if (c == '\\' && !at_end(lexer)) advance(lexer);
  }
  advance(lexer);  // `]`
  if (length <= kMaxCitation) {
    text[length] = 0;
    *kind = classify_bracket_text(text, length);
  }
  if (lexer->lookahead == '(') return check_inline_target(lexer) ? LINK_YES : LINK_NO;
  if (lexer->lookahead == '[' && *kind == BRACKET_PLAIN) {
    return check_reference_target(lexer) ? LINK_YES : LINK_NO;
  }
  return LINK_AT_CLOSE;
}

// ---------------------------------------------------------------------------------------------------
// Parenthetical author-year citations: `(Smith 2020)`, `(Smith and Jones, 2019)`,
// `(Smith et al. 2020, p. 4)`, `(see Lee 2001; Kim 2003a)`.

static bool is_year(const char *t, unsigned n) {
  if (n == 4 || (n == 5 && t[4] >= 'a' && t[4] <= 'z')) {
    if (!(is_digit(t[0]) && is_digit(t[1]) && is_digit(t[2]) && is_digit(t[3]))) return false;
    return (t[0] == '1' && t[1] >= '5') || (t[0] == '2' && t[1] == '0');
  }
  return (n == 4 && strncmp(t, "n.d.", 4) == 0) || (n == 11 && strncmp(t, "forthcoming", 11) == 0);
}

static bool is_locator(const char *t, unsigned n) {
  static const char *const kLocators[] = {"ch.", "chap.", "fig.", "p.", "para.", "pp.", "sec."};
  char word[8];
  if (n < sizeof(word)) {
    memcpy(word, t, n);
    word[n] = 0;
    for (size_t i = 0; i < COUNT(kLocators); i++) {
      if (strcmp(word, kLocators[i]) == 0) return true;
    }
  }
  for (unsigned i = 0; i < n; i++) {  // page numbers and ranges: `4`, `12-14`, `xiv`
    if (!is_digit(t[i]) && t[i] != '-' && t[i] != '\x01' && t[i] != 'i' && t[i] != 'v' &&
        t[i] != 'x') {
      return false;
    }
  }
  return n > 0;
}

static bool is_name_particle(const char *t, unsigned n) {
  static const char *const kParticles[] = {"&", "al.", "and", "da", "de", "del", "den", "der",
                                           "di", "du", "et", "la", "le", "van", "von"};
  char word[8];
  if (n >= sizeof(word)) return false;
  memcpy(word, t, n);
  word[n] = 0;
  for (size_t i = 0; i < COUNT(kParticles); i++) {
    if (strcmp(word, kParticles[i]) == 0) return true;
  }
  return false;
}

static bool is_author_name(const char *t, unsigned n) {
  if (n == 0 || !is_ascii_upper(t[0])) return false;
  char word[kWordBuffer];
  if (n >= sizeof(word)) return true;
  memcpy(word, t, n);
  word[n] = 0;
  for (unsigned i = 1; i < n; i++) {
    char c = t[i];
    if (!is_ascii_alpha(c) && c != '-' && c != '\'' && c != '.' && c != '\x01') return false;
  }
  return !in_list(word, kNotAuthors, COUNT(kNotAuthors));
}

// `text` holds the parenthesis content with non-ASCII letters mapped to 'x' and dashes to \x01.
static bool is_author_year(const char *text, unsigned length) {
  enum { PREFIX, NAMES, AFTER_YEAR } state = PREFIX;
  unsigned names = 0;
  bool any_group = false;
  unsigned i = 0;
  while (i <= length) {
    // Next word, with a trailing `,` or `;` split off.
    while (i < length && text[i] == ' ') i++;
    if (i >= length) break;
    unsigned start = i;
    while (i < length && text[i] != ' ' && text[i] != ',' && text[i] != ';') i++;
    const char *t = text + start;
    unsigned n = i - start;
    char separator = i < length ? text[i] : 0;
    if (separator == ',' || separator == ';') i++;

    if (n > 0) {
      if (state != AFTER_YEAR && is_year(t, n)) {
        if (names == 0) return false;
        state = AFTER_YEAR;
        any_group = true;
      } else if (state == AFTER_YEAR) {
        if (!is_locator(t, n) && !is_year(t, n) && !(n == 2 && strncmp(t, "at", 2) == 0)) {
          return false;
        }
      } else if (state == PREFIX && ((n == 3 && strncmp(t, "see", 3) == 0) ||
                                     (n == 4 && strncmp(t, "also", 4) == 0) ||
                                     (n == 4 && strncmp(t, "e.g.", 4) == 0) ||
                                     (n == 3 && strncmp(t, "cf.", 3) == 0))) {
        // stays in PREFIX
      } else if (is_author_name(t, n) || (names > 0 && is_name_particle(t, n))) {
        if (++names > 12) return false;
        state = NAMES;
      } else {
        return false;
      }
    }
    if (separator == ';') {
      if (state != AFTER_YEAR) return false;
      state = PREFIX;
      names = 0;
    }
  }
  return any_group && state == AFTER_YEAR;
}

// At `(`: the lexer has consumed `(` and marked it. Returns true with the end marked after `)` if the
// parenthesis is an author-year citation.
static bool lex_paren_citation(TSLexer *lexer) {
  char text[kMaxParenCitation + 1];
  unsigned length = 0;
  if (!is_letter(lexer->lookahead)) return false;  // cheap exit for `(2016)`, `( `, `(-`
  while (!at_end(lexer) && length < kMaxParenCitation) {
    int32_t c = lexer->lookahead;
    if (c == ')') break;
    if (c == '(' || c == '[' || c == ']') return false;
    text[length++] = is_space(c)               ? ' '
                     : c > 0 && c < 0x80        ? (char)c
                     : c == 0x2019              ? '\''
                     : is_dash(c)               ? '\x01'
                     : is_letter(c)             ? 'x'
                                                : '?';
    advance(lexer);
  }
  if (lexer->lookahead != ')' || at_end(lexer)) return false;
  text[length] = 0;
  if (!is_author_year(text, length)) return false;
  advance(lexer);
  mark(lexer);
  return true;
}

// ---------------------------------------------------------------------------------------------------
// URLs and e-mail addresses.

static bool is_url_scheme(const Word *word) {
  return strcmp(word->text, "http") == 0 || strcmp(word->text, "https") == 0 ||
         strcmp(word->text, "ftp") == 0 || strcmp(word->text, "HTTP") == 0 ||
         strcmp(word->text, "HTTPS") == 0;
}

// Lexes the rest of a URL, marking the end after every character that may end one: trailing `.`, `,`,
// `)` without its `(`, quotes and the like stay outside (`see https://example.org/a.`).
static void lex_url_rest(TSLexer *lexer) {
  unsigned parens = 0;
  for (;;) {
    int32_t c = lexer->lookahead;
    if (at_end(lexer) || is_space(c) || c < 0x20 || c == '<' || c == '>' || c == '"' ||
        c == '`' || is_open_quote(c) || is_close_quote(c)) {
      return;
    }
    bool may_end = true;
    if (c == '(') {
      parens++;
    } else if (c == ')') {
      if (parens == 0) return;
      parens--;
    } else if (c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == '?' ||
               c == '\'' || c == '*' || c == '_' || c == '~' || c == ']' || c == 0x2026) {
      may_end = false;
    }
    advance(lexer);
    if (may_end) mark(lexer);
  }
}

// After `local@`: lexes `domain.tld`, marking the end after each label once there is a dot.
static bool lex_email_domain(TSLexer *lexer) {
  if (!is_ascii_alnum(lexer->lookahead)) return false;
  bool dotted = false;
  for (;;) {
    while (is_ascii_alnum(lexer->lookahead) || lexer->lookahead == '-') advance(lexer);
    if (dotted) mark(lexer);
    if (lexer->lookahead != '.') return dotted;
    advance(lexer);
    if (!is_ascii_alnum(lexer->lookahead)) return dotted;
    dotted = true;
  }
}

// ---------------------------------------------------------------------------------------------------
// Token emission.

static inline bool emit(Scanner *s, TSLexer *lexer, enum ProseTokenType type, enum Prev prev) {
  lexer->result_symbol = type;
  s->prev = prev;
  s->flags = (uint8_t)(s->flags & ~FLAG_PENDING_STOP);
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Words, and everything that starts like one: abbreviations, dotted compounds, URLs, e-mail addresses.

static bool scan_word(Scanner *s, TSLexer *lexer, const bool *valid) {
  Word word = {{0}, 0, true};
  bool clean = lex_word_chars(s, lexer, &word);
  if (!clean) return emit(s, lexer, PROSE_WORD, PREV_CONTENT);

  int32_t c = lexer->lookahead;
  if (c == ':' && is_url_scheme(&word)) {
    advance(lexer);
    if (lexer->lookahead == '/') {
      advance(lexer);
      if (lexer->lookahead == '/') {
        advance(lexer);
        lex_url_rest(lexer);
        return emit(s, lexer, PROSE_URL, PREV_CONTENT);
      }
    }
    return emit(s, lexer, PROSE_WORD, PREV_CONTENT);
  }
  if (c == '@' || c == '+') {
    if (c == '+') {  // `name+tag@example.org`
      while (lexer->lookahead == '+' || is_ascii_alnum(lexer->lookahead)) advance(lexer);
      if (lexer->lookahead != '@') return emit(s, lexer, PROSE_WORD, PREV_CONTENT);
    }
    advance(lexer);
    bool email = lex_email_domain(lexer);
    return emit(s, lexer, email ? PROSE_EMAIL : PROSE_WORD, PREV_CONTENT);
  }
  if (c != '.') return emit(s, lexer, PROSE_WORD, PREV_CONTENT);

  // A dot touches the word.
  advance(lexer);
  bool is_www = strcmp(word.text, "www") == 0;
  if (is_ascii_alnum(lexer->lookahead)) {
    // A dotted compound: `U.S.`, `e.g.`, `Ph.D.`, `example.org/path`, `john.smith@x.org`, `Node.js`.
    bool acronym = word.plain && word.length <= 3;
    unsigned segments = 1;
    bool final_dot = false;
    char last[8] = {0};
    for (;;) {
      word_push(&word, '.');
      unsigned length = 0;
      bool lowercase = true, letters = true;
      while (is_ascii_alnum(lexer->lookahead) || lexer->lookahead == '-') {
        int32_t ch = lexer->lookahead;
        if (!is_ascii_lower(ch)) lowercase = false;
        if (!is_ascii_alpha(ch)) letters = false;
        if (length < sizeof(last) - 1) last[length] = (char)ch;
        length++;
        word_push(&word, ch);
        advance(lexer);
      }
      last[length < sizeof(last) ? length : sizeof(last) - 1] = 0;
      if (!(lowercase && length < sizeof(last))) last[0] = 0;  // not a domain candidate
      if (!letters || length > 3) acronym = false;
      segments++;
      mark(lexer);
      if (lexer->lookahead == '@') {
        advance(lexer);
        return emit(s, lexer, lex_email_domain(lexer) ? PROSE_EMAIL : PROSE_WORD, PREV_CONTENT);
      }
      if (lexer->lookahead != '.') break;
      advance(lexer);
      if (!is_ascii_alnum(lexer->lookahead)) {
        final_dot = true;
        break;
      }
    }
    if (is_www || (last[0] && in_list(last, kDomains, COUNT(kDomains)) && !acronym)) {
      if (!final_dot) {
        if (lexer->lookahead == '/' || lexer->lookahead == ':') lex_url_rest(lexer);
      }
      return emit(s, lexer, PROSE_URL, PREV_CONTENT);
    }
    if (!(acronym && final_dot)) return emit(s, lexer, PROSE_WORD, PREV_CONTENT);
    // `U.S.`: the lexer stands after the final dot; the end is marked before it.
    enum AbbreviationKind kind = abbreviation_kind(word.text);
    if (kind == ABBR_TITLE || s->depth > 0 || !valid[PROSE_TERMINATOR]) {
      mark(lexer);
      return emit(s, lexer, PROSE_ABBREVIATION, PREV_CONTENT);
    }
    if (abbreviation_ends_sentence(ABBR_AMBIGUOUS, peek_follow(lexer))) {
      emit(s, lexer, PROSE_WORD, PREV_CONTENT);
      s->flags |= FLAG_PENDING_STOP;
      return true;
    }
    return false;  // grammar.js's `abbreviation` pattern lexes `U.S.` instead
  }
  if (is_www) return emit(s, lexer, PROSE_WORD, PREV_CONTENT);

  // A single dot after a word, not followed by a word character: `Mr.`, `Inc.`, `J.`, or a full stop.
  enum AbbreviationKind kind = ABBR_NONE;
  if (word.plain) {
    kind = word.length == 1 && is_ascii_upper(word.text[0]) ? ABBR_AMBIGUOUS
                                                            : abbreviation_kind(word.text);
  }
  if (kind == ABBR_NONE) return emit(s, lexer, PROSE_WORD, PREV_CONTENT);
  if (kind == ABBR_TITLE || s->depth > 0 || !valid[PROSE_TERMINATOR]) {
    mark(lexer);
    return emit(s, lexer, PROSE_ABBREVIATION, PREV_CONTENT);
  }
  Follow follow = peek_follow(lexer);
  bool ends;
  if (kind == ABBR_NUMBERING) {
    ends = follow.kind != FOLLOW_DIGIT && follow.kind != FOLLOW_TOUCHING &&
           follow.kind != FOLLOW_LOWER && follow.kind != FOLLOW_CONTINUE;
  } else {
    ends = abbreviation_ends_sentence(kind, follow);
  }
  if (ends) {
    emit(s, lexer, PROSE_WORD, PREV_CONTENT);
    s->flags |= FLAG_PENDING_STOP;
    return true;
  }
  return false;  // grammar.js's `abbreviation` pattern lexes `Inc.` instead
}

// ---------------------------------------------------------------------------------------------------
// Numbers: `2014`, `3.5`, `1,200`, `$4.5`, `€20`, `45%`, `1990s`, `3rd`, `12:30`, `9/11`, `-3`.
// The lexer stands on the first digit (any sign or currency symbol is already consumed).

static bool scan_number(Scanner *s, TSLexer *lexer) {
  enum ProseTokenType type = PROSE_NUMBER;
  for (;;) {
    while (is_digit(lexer->lookahead)) advance(lexer);
    mark(lexer);
    int32_t c = lexer->lookahead;
    if (c == ',') {  // thousands: exactly three digits
      advance(lexer);
      unsigned n = 0;
      while (n < 3 && is_digit(lexer->lookahead)) {
        advance(lexer);
        n++;
      }
      if (n == 3 && !is_digit(lexer->lookahead)) continue;
      break;
    }
    if (c == '.' || c == ':' || c == '/' || c == '-') {
      advance(lexer);
      if (is_digit(lexer->lookahead)) continue;
      if (c == '-' && is_letter(lexer->lookahead)) {  // `20-year-old`, `3-D`
        Word rest = {{0}, 0, false};
        lex_word_chars(s, lexer, &rest);
        type = PROSE_WORD;
      }
      break;
    }
    if (c == '%' || c == 0x2030 || is_currency(c)) {
      advance(lexer);
      mark(lexer);
      break;
    }
    if (is_ascii_alpha(c)) {  // `1990s`, `3rd`, `5pm`, `4G`, and then maybe `-based`
      while (is_ascii_alpha(lexer->lookahead)) advance(lexer);
      mark(lexer);
      if (lexer->lookahead == '-') {
        advance(lexer);
        if (is_word_char(lexer->lookahead)) {
          Word rest = {{0}, 0, false};
          lex_word_chars(s, lexer, &rest);
          type = PROSE_WORD;
        }
      }
      break;
    }
    break;
  }
  return emit(s, lexer, type, PREV_CONTENT);
}

// ---------------------------------------------------------------------------------------------------
// Full stops and other stops: `.`, `!`, `?`, `…`, `...`, `?!`.

// `strong` counts a `!` the caller has already consumed.
static bool scan_stop(Scanner *s, TSLexer *lexer, const bool *valid, unsigned strong) {
  unsigned dots = 0, ellipses = 0;
  int32_t last = 0;
  bool wide = false;  // `。`, `！`, `？`: CJK text puts no space after them
  for (;;) {
    int32_t c = lexer->lookahead;
    if (c >= 0x3000) wide = true;
    if (is_stop(c)) last = c;
    if (c == '.' || c == 0x3002) {
      dots++;
    } else if (c == 0x2026) {
      ellipses++;
    } else if (is_stop(c)) {
      strong++;
    } else {
      break;
    }
    advance(lexer);
  }
  mark(lexer);
  bool ends = false;
  if (valid[PROSE_TERMINATOR] && s->depth == 0) {
    Follow follow = peek_follow(lexer);
    switch (follow.kind) {
      case FOLLOW_END:
        ends = true;
        break;
      case FOLLOW_TOUCHING:
        ends = wide;
        break;
      case FOLLOW_LOWER:
      case FOLLOW_CONTINUE:
        ends = false;
        break;
      default:
        // An ellipsis (without `!`/`?`) mid-block marks an omission or a pause, not an end: CoreNLP,
        // whose sentence split our evaluation data uses, never ends a sentence there either. A full
        // stop after it (`…. Next`, `.... Next`, the four-dot ellipsis) does end the sentence.
        ends = strong > 0 || (ellipses == 0 && (dots == 1 || dots == 4)) ||
               (ellipses == 1 && dots == 1 && last == '.');
        break;
    }
  }
  if (ends) return emit(s, lexer, PROSE_TERMINATOR, PREV_STOP);
  return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
}

// ---------------------------------------------------------------------------------------------------
// Quotes.

static bool scan_quote(Scanner *s, TSLexer *lexer, const bool *valid, bool opening, bool trailing) {
  int32_t c = lexer->lookahead;
  advance(lexer);
  if (c == '\'' && lexer->lookahead == '\'') {  // `''`, a double quote in some newswire text
    advance(lexer);
    c = '"';
  }
  mark(lexer);
  bool single = c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B ||
                c == 0x2039 || c == 0x203A;
  bool open;
  if (c == '"' || c == '\'') {
    int32_t next = lexer->lookahead;
    bool next_space = at_end(lexer) || is_space(next);
    if (trailing) {
      open = false;
    } else if (opening) {
      // `" ` after a space: close if a straight double quote is open, else open.
      open = !(next_space && (c == '"' ? (s->flags & FLAG_DOUBLE_OPEN) : s->single_open > 0));
    } else {
      // Touching the previous token: normally closing; `word"quoted"` opens if none is open.
      open = is_word_char(next) && (c == '"' ? !(s->flags & FLAG_DOUBLE_OPEN) : false);
    }
  } else {
    // Curly quotes say their direction, except an opening mark that touches the word before and not the
    // one after: the German closing `“` in `„guten Tag“`.
    open = is_open_quote(c) &&
           (opening || is_word_char(lexer->lookahead) || is_open_quote(lexer->lookahead));
  }
  if (c == '"') {
    if (open) {
      s->flags |= FLAG_DOUBLE_OPEN;
    } else {
      s->flags = (uint8_t)(s->flags & ~FLAG_DOUBLE_OPEN);
    }
  } else if (single) {
    if (open) {
      if (s->single_open < 255) s->single_open++;
    } else if (s->single_open > 0) {
      s->single_open--;
    }
  }
  if (open) return emit(s, lexer, PROSE_OPEN_QUOTE, PREV_OPEN);
  if (trailing && valid[PROSE_TRAILING_CLOSE_QUOTE]) {
    return emit(s, lexer, PROSE_TRAILING_CLOSE_QUOTE, PREV_STOP);
  }
  return emit(s, lexer, PROSE_CLOSE_QUOTE, PREV_CONTENT);
}

// ---------------------------------------------------------------------------------------------------
// Brackets, links, citations.

static bool scan_open_square(Scanner *s, TSLexer *lexer, const bool *valid, bool trailing) {
  advance(lexer);
  mark(lexer);
  enum BracketKind kind = BRACKET_PLAIN;
  if (valid[PROSE_LINK_OPEN] && s->depth < kMaxLinkDepth && lexer->lookahead != '^') {
    // One pass decides between link and citation marker; a link's opener is the `[` already marked.
    enum LinkCheck check = check_link(lexer, &kind);
    if (check == LINK_YES) {
      s->inner[s->depth++] = 0;
      return emit(s, lexer, PROSE_LINK_OPEN, PREV_OPEN);
    }
    if (check == LINK_AT_CLOSE && kind != BRACKET_PLAIN) {
      mark(lexer);
    } else {
      kind = BRACKET_PLAIN;
    }
  } else {
    // `[^note]` footnote references, and brackets when links are not expected.
    char text[kMaxCitation + 1];
    unsigned length = 0;
    while (!at_end(lexer) && length < kMaxCitation) {
      int32_t c = lexer->lookahead;
      if (c == ']' || c == '[' || c == '\n') break;
      text[length++] = is_ascii_upper(c) ? (char)(c + 32) : c < 0x80 && c > 0 ? (char)c : 'x';
      advance(lexer);
    }
    text[length] = 0;
    if (lexer->lookahead == ']' && !at_end(lexer)) {
      kind = classify_bracket_text(text, length);
      if (kind != BRACKET_PLAIN) {
        advance(lexer);
        mark(lexer);
      }
    }
  }
  if (kind == BRACKET_CITATION) {
    if (trailing && valid[PROSE_TRAILING_CITATION]) return emit(s, lexer, PROSE_TRAILING_CITATION, PREV_STOP);
    return emit(s, lexer, PROSE_CITATION, PREV_CONTENT);
  }
  if (kind == BRACKET_FOOTNOTE) {
    if (trailing && valid[PROSE_TRAILING_FOOTNOTE_REFERENCE]) {
      return emit(s, lexer, PROSE_TRAILING_FOOTNOTE_REFERENCE, PREV_STOP);
    }
    return emit(s, lexer, PROSE_FOOTNOTE_REFERENCE, PREV_CONTENT);
  }
  if (s->depth > 0 && s->inner[s->depth - 1] < 255) s->inner[s->depth - 1]++;
  return emit(s, lexer, PROSE_OPEN_BRACKET, PREV_OPEN);
}

static bool scan_close_square(Scanner *s, TSLexer *lexer, const bool *valid, bool trailing) {
  advance(lexer);
  mark(lexer);
  if (s->depth > 0) {
    if (s->inner[s->depth - 1] > 0) {
      s->inner[s->depth - 1]--;
      return emit(s, lexer, PROSE_CLOSE_BRACKET, PREV_CONTENT);
    }
    if (valid[PROSE_LINK_CLOSE]) {
      s->depth--;
      s->tail = TAIL_NONE;
      if (lexer->lookahead == '(') {
        if (check_inline_target(lexer)) s->tail = TAIL_INLINE_OPEN;
      } else if (lexer->lookahead == '[') {
        if (check_reference_target(lexer)) s->tail = TAIL_LABEL_OPEN;
      }
      return emit(s, lexer, PROSE_LINK_CLOSE, PREV_CONTENT);
    }
  }
  if (trailing && valid[PROSE_TRAILING_CLOSE_BRACKET]) {
    return emit(s, lexer, PROSE_TRAILING_CLOSE_BRACKET, PREV_STOP);
  }
  return emit(s, lexer, PROSE_CLOSE_BRACKET, PREV_CONTENT);
}

// Inside a link target, after `]`.
static bool scan_tail(Scanner *s, TSLexer *lexer, const bool *valid) {
  int32_t c = lexer->lookahead;
  switch (s->tail) {
    case TAIL_INLINE_OPEN:
      if (c == '(' && valid[PROSE_DESTINATION_OPEN]) {
        advance(lexer);
        mark(lexer);
        s->tail = TAIL_DESTINATION;
        return emit(s, lexer, PROSE_DESTINATION_OPEN, PREV_OPEN);
      }
      break;
    case TAIL_DESTINATION:
    case TAIL_TITLE:
    case TAIL_CLOSE:
      if (c == ')' && valid[PROSE_DESTINATION_CLOSE]) {
        advance(lexer);
        mark(lexer);
        s->tail = TAIL_NONE;
        return emit(s, lexer, PROSE_DESTINATION_CLOSE, PREV_CONTENT);
      }
      if (s->tail == TAIL_DESTINATION && valid[PROSE_LINK_DESTINATION] && c != '"' && c != '\'') {
        lex_destination(lexer);
        mark(lexer);
        s->tail = TAIL_TITLE;
        return emit(s, lexer, PROSE_LINK_DESTINATION, PREV_CONTENT);
      }
      if (s->tail != TAIL_CLOSE && valid[PROSE_LINK_TITLE] && (c == '"' || c == '\'' || c == '(')) {
        lex_title(lexer);
        mark(lexer);
        s->tail = TAIL_CLOSE;
        return emit(s, lexer, PROSE_LINK_TITLE, PREV_CONTENT);
      }
      break;
    case TAIL_LABEL_OPEN:
      if (c == '[' && valid[PROSE_LABEL_OPEN]) {
        advance(lexer);
        mark(lexer);
        s->tail = TAIL_LABEL;
        return emit(s, lexer, PROSE_LABEL_OPEN, PREV_OPEN);
      }
      break;
    case TAIL_LABEL:
    case TAIL_LABEL_CLOSE:
      if (c == ']' && valid[PROSE_LABEL_CLOSE]) {
        advance(lexer);
        mark(lexer);
        s->tail = TAIL_NONE;
        return emit(s, lexer, PROSE_LABEL_CLOSE, PREV_CONTENT);
      }
      if (s->tail == TAIL_LABEL && valid[PROSE_LINK_LABEL]) {
        for (unsigned n = 0; !at_end(lexer) && n < kMaxLinkText; n++) {
          int32_t ch = lexer->lookahead;
          if (ch == ']' || ch == '[') break;
          advance(lexer);
          if (ch == '\\' && !at_end(lexer)) advance(lexer);
        }
        mark(lexer);
        s->tail = TAIL_LABEL_CLOSE;
        return emit(s, lexer, PROSE_LINK_LABEL, PREV_CONTENT);
      }
      break;
  }
  s->tail = TAIL_NONE;  // the text no longer matches what the link check saw; lex normally
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Inline Markdown: code spans, HTML, escapes, emphasis delimiters, entities.

// A backtick run opens a code span closed by the next run of the same length (CommonMark); without one,
// the run is a symbol.
static bool scan_code_span(Scanner *s, TSLexer *lexer) {
  unsigned run = 0;
  while (lexer->lookahead == '`') {
    advance(lexer);
    run++;
  }
  mark(lexer);
  uint32_t bit = run <= 32 ? 1u << (run - 1) : 0;
  if (s->no_backtick_run & bit) return emit(s, lexer, PROSE_SYMBOL, PREV_CONTENT);
  while (!at_end(lexer)) {
    if (lexer->lookahead == '`') {
      unsigned closing = 0;
      while (lexer->lookahead == '`') {
        advance(lexer);
        closing++;
      }
      if (closing == run) {
        mark(lexer);
        return emit(s, lexer, PROSE_CODE_SPAN, PREV_CONTENT);
      }
      continue;
    }
    advance(lexer);
  }
  s->no_backtick_run |= bit;
  return emit(s, lexer, PROSE_SYMBOL, PREV_CONTENT);
}

static inline bool is_tag_name_char(int32_t c) { return is_ascii_alnum(c) || c == '-'; }

// At `<`: HTML comments, tags, declarations and Markdown autolinks; otherwise `<` is punctuation.
static bool scan_angle(Scanner *s, TSLexer *lexer, const bool *valid, bool trailing) {
  advance(lexer);
  mark(lexer);
  int32_t c = lexer->lookahead;
  if (c == '!' || c == '?') {
    advance(lexer);
    if (c == '!' && lexer->lookahead == '-') {
      advance(lexer);
      if (lexer->lookahead != '-') return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
      advance(lexer);
      unsigned dashes = 0;
      while (!s->no_comment_close && !at_end(lexer)) {
        int32_t ch = lexer->lookahead;
        advance(lexer);
        if (ch == '>' && dashes >= 2) {
          mark(lexer);
          return emit(s, lexer, PROSE_HTML_TAG, PREV_CONTENT);
        }
        dashes = ch == '-' ? dashes + 1 : 0;
      }
      s->no_comment_close = true;
      return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
    }
    if (c == '!' && !is_ascii_alpha(lexer->lookahead)) {
      return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
    }
    for (unsigned n = 0; !at_end(lexer) && n < kMaxHtmlTag; n++) {
      int32_t ch = lexer->lookahead;
      advance(lexer);
      if (ch == '>') {
        mark(lexer);
        return emit(s, lexer, PROSE_HTML_TAG, PREV_CONTENT);
      }
    }
    return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
  }
  if (c == '/') {  // closing tag
    advance(lexer);
    if (!is_ascii_alpha(lexer->lookahead)) return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
    while (is_tag_name_char(lexer->lookahead)) advance(lexer);
    skip_space(lexer);
    if (lexer->lookahead != '>') return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
    advance(lexer);
    mark(lexer);
    if (trailing && valid[PROSE_TRAILING_HTML_TAG]) return emit(s, lexer, PROSE_TRAILING_HTML_TAG, PREV_STOP);
    return emit(s, lexer, PROSE_HTML_TAG, PREV_CONTENT);
  }
  if (!is_ascii_alpha(c)) return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);

  // A tag name, or an autolink's scheme or e-mail local part.
  unsigned name_length = 0;
  while (is_ascii_alnum(lexer->lookahead) || lexer->lookahead == '+' ||
         lexer->lookahead == '.' || lexer->lookahead == '-') {
    advance(lexer);
    name_length++;
  }
  c = lexer->lookahead;
  if (c == ':' && name_length >= 2) {  // `<https://example.org>`
    advance(lexer);
    for (unsigned n = 0; !at_end(lexer) && n < kMaxLinkTarget; n++) {
      int32_t ch = lexer->lookahead;
      if (ch == '>') {
        advance(lexer);
        mark(lexer);
        return emit(s, lexer, PROSE_AUTOLINK, PREV_CONTENT);
      }
      if (is_space(ch) || ch == '<' || (ch >= 0 && ch < 0x20)) break;
      advance(lexer);
    }
    return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
  }
  if (c == '@' || c == '_' || c == '%') {  // `<someone@example.org>`
    while (lexer->lookahead == '_' || lexer->lookahead == '%' || is_ascii_alnum(lexer->lookahead) ||
           lexer->lookahead == '.' || lexer->lookahead == '-' || lexer->lookahead == '+') {
      advance(lexer);
    }
    if (lexer->lookahead == '@') {
      advance(lexer);
      if (lex_email_domain(lexer) && lexer->lookahead == '>') {
        advance(lexer);
        mark(lexer);
        return emit(s, lexer, PROSE_AUTOLINK, PREV_CONTENT);
      }
    }
    return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
  }
  // Attributes: name, optional `= value` with the value quoted or bare; then `>` or `/>`.
  for (unsigned n = 0; n < 64; n++) {
    bool spaced = skip_space(lexer);
    c = lexer->lookahead;
    if (c == '>' || c == '/') {
      advance(lexer);
      bool self_closing = c == '/';
      if (self_closing) {
        if (lexer->lookahead != '>') break;
        advance(lexer);
      }
      mark(lexer);
      return emit(s, lexer, PROSE_HTML_TAG, self_closing ? PREV_CONTENT : PREV_OPEN);
    }
    if (!spaced || !(is_ascii_alpha(c) || c == '_' || c == ':')) break;
    while (is_ascii_alnum(lexer->lookahead) || lexer->lookahead == '_' ||
           lexer->lookahead == ':' || lexer->lookahead == '.' || lexer->lookahead == '-') {
      advance(lexer);
    }
    skip_space(lexer);
    if (lexer->lookahead != '=') continue;
    advance(lexer);
    skip_space(lexer);
    int32_t quote = lexer->lookahead;
    if (quote == '"' || quote == '\'') {
      advance(lexer);
      unsigned m = 0;
      while (!at_end(lexer) && lexer->lookahead != quote && m++ < kMaxHtmlTag) advance(lexer);
      if (lexer->lookahead != quote) break;
      advance(lexer);
    } else {
      unsigned m = 0;
      while (!at_end(lexer) && !is_space(lexer->lookahead) && lexer->lookahead != '>' &&
             lexer->lookahead != '"' && lexer->lookahead != '\'' && lexer->lookahead != '<' &&
             lexer->lookahead != '=' && lexer->lookahead != '`') {
        advance(lexer);
        m++;
      }
      if (m == 0) break;
    }
  }
  return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
}

// `*`, `**`, `_`, `__`, `~~`: emphasis delimiters when they touch text on at least one side.
static bool scan_emphasis(Scanner *s, TSLexer *lexer, const bool *valid, bool had_space,
                          bool trailing) {
  int32_t c = lexer->lookahead;
  unsigned run = 0;
  while (lexer->lookahead == c) {
    advance(lexer);
    run++;
  }
  mark(lexer);
  bool left = !at_end(lexer) && !is_space(lexer->lookahead);
  bool right = !had_space && s->prev != PREV_START;
  if ((c == '~' && run < 2) || !(left || right)) return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
  if (trailing && right && valid[PROSE_TRAILING_EMPHASIS_MARKER]) {
    return emit(s, lexer, PROSE_TRAILING_EMPHASIS_MARKER, PREV_STOP);
  }
  return emit(s, lexer, PROSE_EMPHASIS_MARKER, left && !right ? PREV_OPEN : PREV_CONTENT);
}

// `&amp;`, `&#8217;`: one symbol.
static bool scan_ampersand(Scanner *s, TSLexer *lexer) {
  advance(lexer);
  mark(lexer);
  unsigned n = 0;
  if (lexer->lookahead == '#') {
    advance(lexer);
    bool hex = lexer->lookahead == 'x' || lexer->lookahead == 'X';
    if (hex) advance(lexer);
    while (n < 8 && (is_digit(lexer->lookahead) ||
                     (hex && ((lexer->lookahead >= 'a' && lexer->lookahead <= 'f') ||
                              (lexer->lookahead >= 'A' && lexer->lookahead <= 'F'))))) {
      advance(lexer);
      n++;
    }
  } else {
    while (n < 32 && is_ascii_alnum(lexer->lookahead)) {
      advance(lexer);
      n++;
    }
  }
  if (n > 0 && lexer->lookahead == ';') {
    advance(lexer);
    mark(lexer);
    return emit(s, lexer, PROSE_SYMBOL, PREV_CONTENT);
  }
  return emit(s, lexer, PROSE_PUNCTUATION, PREV_CONTENT);
}

// A run of one punctuation character (`,`, `--`, `—`, `/`).
static bool scan_punctuation(Scanner *s, TSLexer *lexer) {
  int32_t c = lexer->lookahead;
  while (lexer->lookahead == c && !at_end(lexer)) advance(lexer);
  mark(lexer);
  return emit(s, lexer, PROSE_PUNCTUATION, is_dash(c) || c == '/' ? PREV_OPEN : PREV_CONTENT);
}

static inline bool is_symbol_char(int32_t c) {
  return c < 0 || (c < 0x20 && !is_space(c)) || c == 0x7F ||
         (c >= 0x80 && is_unicode_nonletter(c) && !is_space(c) && !is_open_quote(c) &&
          !is_close_quote(c) && !is_stop(c) && !is_dash(c) && !is_currency(c) &&
          !(c >= 0x2010 && c <= 0x205E));
}

// ---------------------------------------------------------------------------------------------------
// Entry point.

static bool scan(Scanner *s, TSLexer *lexer, const bool *valid) {
  // The abbreviation's dot that ends a sentence; it touches the word lexed just before.
  if ((s->flags & FLAG_PENDING_STOP) && lexer->lookahead == '.' && valid[PROSE_TERMINATOR]) {
    advance(lexer);
    mark(lexer);
    return emit(s, lexer, PROSE_TERMINATOR, PREV_STOP);
  }

  bool had_space = false;
  while (!at_end(lexer) && is_space(lexer->lookahead)) {
    lexer->advance(lexer, true);
    had_space = true;
  }
  if (at_end(lexer)) return false;

  if (s->tail != TAIL_NONE && scan_tail(s, lexer, valid)) return true;

  bool opening = had_space || s->prev == PREV_START || s->prev == PREV_OPEN;
  bool trailing = !had_space && s->prev == PREV_STOP;
  int32_t c = lexer->lookahead;

  if (is_letter(c)) return scan_word(s, lexer, valid);
  if (is_digit(c)) return scan_number(s, lexer);

  switch (c) {
    case '"':
    case '\'':
      return scan_quote(s, lexer, valid, opening, trailing);
    case '(':
      advance(lexer);
      mark(lexer);
      if (valid[PROSE_CITATION] && lex_paren_citation(lexer)) {
        return emit(s, lexer, PROSE_CITATION, PREV_CONTENT);
      }
      return emit(s, lexer, PROSE_OPEN_BRACKET, PREV_OPEN);
    case '{':
      advance(lexer);
      mark(lexer);
      return emit(s, lexer, PROSE_OPEN_BRACKET, PREV_OPEN);
    case '[':
      return scan_open_square(s, lexer, valid, trailing);
    case ']':
      return scan_close_square(s, lexer, valid, trailing);
    case ')':
    case '}':
      advance(lexer);
      mark(lexer);
      if (trailing && valid[PROSE_TRAILING_CLOSE_BRACKET]) {
        return emit(s, lexer, PROSE_TRAILING_CLOSE_BRACKET, PREV_STOP);
      }
      return emit(s, lexer, PROSE_CLOSE_BRACKET, PREV_CONTENT);
    case '`':
      return scan_code_span(s, lexer);
    case '<':
      return scan_angle(s, lexer, valid, trailing);
    case '\\':
      advance(lexer);
      mark(lexer);
      if (is_ascii_punct(lexer->lookahead)) {
        advance(lexer);
        mark(lexer);
        return emit(s, lexer, PROSE_ESCAPE, PREV_CONTENT);
      }
      return emit(s, lexer, PROSE_SYMBOL, PREV_CONTENT);
    case '*':
    case '_':
    case '~':
      return scan_emphasis(s, lexer, valid, had_space, trailing);
    case '&':
      return scan_ampersand(s, lexer);
    case '!':
      // `![alt](src)`: decided before `!` can be taken as a stop.
      advance(lexer);
      if (lexer->lookahead == '[' && valid[PROSE_IMAGE_OPEN] && s->depth < kMaxLinkDepth) {
        advance(lexer);
        mark(lexer);
        enum BracketKind kind;
        if (check_link(lexer, &kind) == LINK_YES) {
          s->inner[s->depth++] = 0;
          return emit(s, lexer, PROSE_IMAGE_OPEN, PREV_OPEN);
        }
        return emit(s, lexer, PROSE_PUNCTUATION, PREV_OPEN);  // `![` that opens nothing
      }
      return scan_stop(s, lexer, valid, 1);
    default:
      break;
  }

  if (is_stop(c)) return scan_stop(s, lexer, valid, 0);
  if (is_open_quote(c) || is_close_quote(c)) return scan_quote(s, lexer, valid, opening, trailing);
  if ((c == '-' || c == '+' || c == 0x2212) && opening) {  // `-3`
    advance(lexer);
    mark(lexer);
    if (is_digit(lexer->lookahead)) return scan_number(s, lexer);
    while (lexer->lookahead == c) advance(lexer);
    mark(lexer);
    return emit(s, lexer, PROSE_PUNCTUATION, PREV_OPEN);
  }
  if (is_currency(c)) {  // `$4.5`, `€20`
    advance(lexer);
    mark(lexer);
    if (is_digit(lexer->lookahead)) return scan_number(s, lexer);
    return emit(s, lexer, PROSE_SYMBOL, PREV_CONTENT);
  }
  if (is_symbol_char(c)) {
    // A run of symbols (controls, invalid UTF-8, emoji, math...) is one token.
    while (!at_end(lexer) && is_symbol_char(lexer->lookahead)) advance(lexer);
    mark(lexer);
    return emit(s, lexer, PROSE_SYMBOL, PREV_CONTENT);
  }
  return scan_punctuation(s, lexer);
}

// ---------------------------------------------------------------------------------------------------
// tree-sitter's external scanner interface (ABI 14).

void *tree_sitter_prose_external_scanner_create(void) {
  Scanner *s = calloc(1, sizeof(Scanner));
  return s;
}

void tree_sitter_prose_external_scanner_destroy(void *payload) { free(payload); }

unsigned tree_sitter_prose_external_scanner_serialize(void *payload, char *buffer) {
  const Scanner *s = payload;
  unsigned depth = s->depth < kMaxLinkDepth ? s->depth : kMaxLinkDepth;
  buffer[0] = (char)s->prev;
  buffer[1] = (char)s->flags;
  buffer[2] = (char)s->single_open;
  buffer[3] = (char)s->tail;
  buffer[4] = (char)depth;
  memcpy(buffer + 5, s->inner, depth);
  return 5 + depth;
}

void tree_sitter_prose_external_scanner_deserialize(void *payload, const char *buffer,
                                                    unsigned length) {
  Scanner *s = payload;
  if (length == 0) {  // start of a parse: forget everything, including the memo
    memset(s, 0, sizeof(*s));
    return;
  }
  s->prev = 0;
  s->flags = 0;
  s->single_open = 0;
  s->tail = 0;
  s->depth = 0;
  memset(s->inner, 0, sizeof(s->inner));
  if (length >= 5) {
    s->prev = (uint8_t)buffer[0];
    s->flags = (uint8_t)buffer[1];
    s->single_open = (uint8_t)buffer[2];
    s->tail = (uint8_t)buffer[3];
    s->depth = (uint8_t)buffer[4];
    if (s->depth > kMaxLinkDepth) s->depth = kMaxLinkDepth;
    if (length >= 5u + s->depth) memcpy(s->inner, buffer + 5, s->depth);
  }
}

bool tree_sitter_prose_external_scanner_scan(void *payload, TSLexer *lexer,
                                             const bool *valid_symbols) {
  if (!payload) return false;
  return scan((Scanner *)payload, lexer, valid_symbols);
}

// ---------------------------------------------------------------------------------------------------
// The token stream without a tree (prose_tokens.h). The grammar is flat: which tokens it accepts next
// depends only on whether the last top-level token ended a sentence and on the open links and where
// each stands (in its text, after its `]`, inside its target). This replays that, feeds the scanner the
// same `valid_symbols` the generated parser would, and hands on its state between tokens exactly as
// tree-sitter does (restored from the last token the scanner produced, so a declined scan leaves no
// trace). Any step the parser would treat as an error makes the stream return PROSE_FALLBACK.

enum LinkPhase {
  PHASE_TEXT,         // between `[` and `]`
  PHASE_CLOSED,       // after `]`: a target may follow, or the link has ended
  PHASE_DESTINATION,  // after `(`
  PHASE_AFTER_DESTINATION,
  PHASE_AFTER_TITLE,
  PHASE_LABEL,        // after the label's `[`
  PHASE_AFTER_LABEL,
};

struct ProseTokenizer {
  TSLexer lexer;  // first, so the scanner's TSLexer* is the tokenizer
  const uint8_t *text;
  uint32_t length;
  uint32_t position;     // of `lexer.lookahead`
  uint32_t width;        // bytes of `lexer.lookahead`; 0 at the end
  uint32_t token_start;
  uint32_t token_end;    // UINT32_MAX until the scanner marks it
  Scanner scanner;
  char state[5 + kMaxLinkDepth];  // the scanner's state after the last token it produced
  unsigned state_length;
  bool started;
  bool after_stop;       // the last top-level token was a terminator or trailed one
  uint8_t depth;         // open links
  uint8_t phase[kMaxLinkDepth + 1];
};

// Decodes the code point at `position` as tree-sitter's lexer does: an ill-formed sequence becomes -1
// and covers its maximal well-formed prefix (at least one byte), as the Unicode standard recommends.
static void tokenizer_decode(ProseTokenizer *t) {
  uint32_t left = t->length - t->position;
  if (left == 0) {
    t->lexer.lookahead = 0;
    t->width = 0;
    return;
  }
  const uint8_t *p = t->text + t->position;
  uint8_t b = p[0];
  if (b < 0x80) {
    t->lexer.lookahead = b;
    t->width = 1;
    return;
  }
  unsigned need;
  int32_t c;
  uint8_t low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    need = 1;
    c = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    need = 2;
    c = b & 0x0F;
    if (b == 0xE0) low = 0xA0;
    if (b == 0xED) high = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 3;
    c = b & 0x07;
    if (b == 0xF0) low = 0x90;
    if (b == 0xF4) high = 0x8F;
  } else {
    t->lexer.lookahead = -1;
    t->width = 1;
    return;
  }
  uint32_t i = 1;
  for (unsigned k = 0; k < need; k++, i++) {
    if (i >= left) {
      t->lexer.lookahead = -1;
      t->width = i;
      return;
    }
    uint8_t next = p[i];
    if (next < (k == 0 ? low : 0x80) || next > (k == 0 ? high : 0xBF)) {
      t->lexer.lookahead = -1;
      t->width = i;
      return;
    }
    c = (c << 6) | (next & 0x3F);
  }
  t->lexer.lookahead = c;
  t->width = i;
}

static void tokenizer_advance(TSLexer *lexer, bool skip) {
  ProseTokenizer *t = (ProseTokenizer *)lexer;
  t->position += t->width;
  if (skip) t->token_start = t->position;
  tokenizer_decode(t);
}

static void tokenizer_mark_end(TSLexer *lexer) {
  ProseTokenizer *t = (ProseTokenizer *)lexer;
  t->token_end = t->position;
}

static uint32_t tokenizer_get_column(TSLexer *lexer) {
  (void)lexer;
  return 0;  // the scanner never asks
}

static bool tokenizer_at_range_start(const TSLexer *lexer) {
  (void)lexer;
  return false;
}

static bool tokenizer_eof(const TSLexer *lexer) {
  const ProseTokenizer *t = (const ProseTokenizer *)lexer;
  return t->position >= t->length;
}

static void tokenizer_seek(ProseTokenizer *t, uint32_t position) {
  t->position = position;
  t->token_start = position;
  t->token_end = UINT32_MAX;
  tokenizer_decode(t);
}

ProseTokenizer *prose_tokenizer_new(void) {
  ProseTokenizer *t = calloc(1, sizeof(ProseTokenizer));
  if (!t) return NULL;
  t->lexer.advance = tokenizer_advance;
  t->lexer.mark_end = tokenizer_mark_end;
  t->lexer.get_column = tokenizer_get_column;
  t->lexer.is_at_included_range_start = tokenizer_at_range_start;
  t->lexer.eof = tokenizer_eof;
  return t;
}

void prose_tokenizer_delete(ProseTokenizer *t) { free(t); }

void prose_tokenizer_reset(ProseTokenizer *t, const char *text, uint32_t length) {
  t->text = (const uint8_t *)text;
  t->length = length;
  t->state_length = 0;
  t->started = false;
  t->after_stop = false;
  t->depth = 0;
  tokenizer_seek(t, 0);
}

static inline bool is_trailing_type(unsigned type) {
  return type >= PROSE_TRAILING_CLOSE_QUOTE && type <= PROSE_TRAILING_HTML_TAG;
}

// What the grammar accepts next, given the open links and the sentence state.
static void tokenizer_valid(const ProseTokenizer *t, bool *valid) {
  memset(valid, 0, PROSE_TOKEN_TYPE_COUNT);
  unsigned depth = t->depth;
  if (depth > 0) {
    switch (t->phase[depth - 1]) {
      case PHASE_DESTINATION:
        valid[PROSE_LINK_DESTINATION] = true;
        // fall through
      case PHASE_AFTER_DESTINATION:
        valid[PROSE_LINK_TITLE] = true;
        // fall through
      case PHASE_AFTER_TITLE:
        valid[PROSE_DESTINATION_CLOSE] = true;
        return;
      case PHASE_LABEL:
        valid[PROSE_LINK_LABEL] = true;
        // fall through
      case PHASE_AFTER_LABEL:
        valid[PROSE_LABEL_CLOSE] = true;
        return;
      case PHASE_CLOSED:  // a target, or whatever may follow the link where it stands
        valid[PROSE_DESTINATION_OPEN] = true;
        valid[PROSE_LABEL_OPEN] = true;
        depth--;
        break;
      default:
        break;
    }
  }
  for (unsigned type = PROSE_WORD; type <= PROSE_ESCAPE; type++) valid[type] = true;
  valid[PROSE_LINK_OPEN] = true;
  valid[PROSE_IMAGE_OPEN] = true;
  if (depth > 0) {
    valid[PROSE_TERMINATOR] = false;  // items of a link text
    valid[PROSE_LINK_CLOSE] = true;
  } else if (t->after_stop && t->depth == 0) {
    for (unsigned type = PROSE_TRAILING_CLOSE_QUOTE; type <= PROSE_TRAILING_HTML_TAG; type++) {
      valid[type] = true;
    }
  }
}

// The whitespace grammar.js's `extras` lets the generated lexer skip. Narrower than is_space: the
// generator's `\s` leaves out the vertical tab and form feed.
static inline bool is_extra(int32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

// grammar.js's `abbreviation` pattern, longest match at the lexer's position: letters, then any number
// of `.letters`, ending with a dot. Returns the end, or 0 without a match.
static uint32_t match_abbreviation(const ProseTokenizer *t, uint32_t p) {
  const uint8_t *s = t->text;
  uint32_t n = t->length, accept = 0;
  if (p >= n || !is_ascii_alpha(s[p])) return 0;
  for (;;) {
    while (p < n && is_ascii_alpha(s[p])) p++;
    if (p >= n || s[p] != '.') return accept;
    p++;
    accept = p;
    if (p >= n || !is_ascii_alpha(s[p])) return accept;
  }
}

enum ProseNext prose_tokenizer_next(ProseTokenizer *t, ProseToken *token) {
  bool valid[PROSE_TOKEN_TYPE_COUNT];
  tokenizer_valid(t, valid);
  token->flags = 0;
  token->links_ended = 0;

  uint32_t from = t->position;
  tokenizer_seek(t, from);
  tree_sitter_prose_external_scanner_deserialize(&t->scanner, t->state, t->state_length);
  unsigned type;
  if (scan(&t->scanner, &t->lexer, valid)) {
    type = t->lexer.result_symbol;
    if (t->token_end == UINT32_MAX) t->token_end = t->position;
    t->state_length = tree_sitter_prose_external_scanner_serialize(&t->scanner, t->state);
  } else {
    // The scanner declined: the generated lexer skips whitespace and tries `abbreviation`.
    tokenizer_seek(t, from);
    while (!tokenizer_eof(&t->lexer) && is_extra(t->lexer.lookahead)) tokenizer_advance(&t->lexer, true);
    if (tokenizer_eof(&t->lexer)) {
      // The end: fine unless a link is still open short of its `]` or inside its target.
      if (t->depth > 0 && t->phase[t->depth - 1] != PHASE_CLOSED) return PROSE_FALLBACK;
      token->links_ended = t->depth;
      t->depth = 0;
      token->start = token->end = t->length;
      return PROSE_END;
    }
    uint32_t end = valid[PROSE_ABBREVIATION] ? match_abbreviation(t, t->token_start) : 0;
    if (end == 0) return PROSE_FALLBACK;
    type = PROSE_ABBREVIATION;
    t->token_end = end;
  }
  if (type >= PROSE_TOKEN_TYPE_COUNT || !valid[type]) return PROSE_FALLBACK;
  if (t->token_end <= t->token_start && type != PROSE_LINK_DESTINATION && type != PROSE_LINK_TITLE &&
      type != PROSE_LINK_LABEL) {
    return PROSE_FALLBACK;  // an empty token the parser would not take
  }
  token->start = t->token_start;
  token->end = t->token_end < t->token_start ? t->token_start : t->token_end;
  token->type = (uint8_t)type;
  tokenizer_seek(t, token->end);

  // A link whose `]` is not followed by a target ends before this token.
  if (t->depth > 0 && t->phase[t->depth - 1] == PHASE_CLOSED && type != PROSE_DESTINATION_OPEN &&
      type != PROSE_LABEL_OPEN) {
    t->depth--;
    token->links_ended = 1;
  }
  // Link tokens are valid only inside a link (see the valid[] set above), so depth is at least one
  // here; the check keeps phase[-1] out of reach should that ever stop being so.
  const bool in_link_syntax = type == PROSE_LINK_CLOSE || type == PROSE_DESTINATION_OPEN ||
                              type == PROSE_LINK_DESTINATION || type == PROSE_LINK_TITLE ||
                              type == PROSE_LABEL_OPEN || type == PROSE_LINK_LABEL ||
                              type == PROSE_DESTINATION_CLOSE || type == PROSE_LABEL_CLOSE;
  if (in_link_syntax && t->depth == 0) return PROSE_TOKEN;
  switch (type) {
    case PROSE_LINK_CLOSE: t->phase[t->depth - 1] = PHASE_CLOSED; return PROSE_TOKEN;
    case PROSE_DESTINATION_OPEN: t->phase[t->depth - 1] = PHASE_DESTINATION; return PROSE_TOKEN;
    case PROSE_LINK_DESTINATION: t->phase[t->depth - 1] = PHASE_AFTER_DESTINATION; return PROSE_TOKEN;
    case PROSE_LINK_TITLE: t->phase[t->depth - 1] = PHASE_AFTER_TITLE; return PROSE_TOKEN;
    case PROSE_LABEL_OPEN: t->phase[t->depth - 1] = PHASE_LABEL; return PROSE_TOKEN;
    case PROSE_LINK_LABEL: t->phase[t->depth - 1] = PHASE_AFTER_LABEL; return PROSE_TOKEN;
    case PROSE_DESTINATION_CLOSE:
    case PROSE_LABEL_CLOSE: t->depth--; return PROSE_TOKEN;
    default: break;
  }
  if (t->depth == 0) {
    // A top-level token: a terminator or trailer continues the sentence it ends; after them anything
    // else, and a terminator too, starts the next one.
    bool trailing = is_trailing_type(type);
    if (!t->started || (t->after_stop && !trailing)) token->flags |= PROSE_STARTS_SENTENCE;
    t->started = true;
    t->after_stop = type == PROSE_TERMINATOR || trailing;
  }
  if (type == PROSE_LINK_OPEN || type == PROSE_IMAGE_OPEN) {
    if (t->depth >= kMaxLinkDepth + 1) return PROSE_FALLBACK;
    t->phase[t->depth++] = PHASE_TEXT;
  }
  return PROSE_TOKEN;
}
