/* The prose grammar's leaves as a token stream, without building a syntax tree.
 *
 * `prose_tokenizer_next` drives the grammar's external scanner (src/scanner.c) exactly as the generated
 * parser does: it offers the scanner the tokens the grammar accepts at each point (the grammar is flat,
 * so a sentence flag and a stack of open links say which), falls back to grammar.js's `abbreviation`
 * pattern when the scanner declines, and carries the scanner's state from token to token the way
 * tree-sitter does. The tokens, their byte ranges and where sentences start are those of the tree that
 * `ts_parser_parse` builds, at a fraction of the cost; when the input would need the parser's error
 * recovery, the stream stops and says so, and the caller parses the block with tree-sitter instead.
 */
#ifndef EVIDENTIAL_PROSE_TOKENS_H
#define EVIDENTIAL_PROSE_TOKENS_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The grammar's external tokens; the order must match `externals` in grammar.js. */
enum ProseTokenType {
  PROSE_WORD,
  PROSE_NUMBER,
  PROSE_ABBREVIATION,
  PROSE_TERMINATOR,
  PROSE_OPEN_QUOTE,
  PROSE_CLOSE_QUOTE,
  PROSE_OPEN_BRACKET,
  PROSE_CLOSE_BRACKET,
  PROSE_PUNCTUATION,
  PROSE_CITATION,
  PROSE_URL,
  PROSE_EMAIL,
  PROSE_SYMBOL,
  PROSE_CODE_SPAN,
  PROSE_AUTOLINK,
  PROSE_HTML_TAG,
  PROSE_FOOTNOTE_REFERENCE,
  PROSE_EMPHASIS_MARKER,
  PROSE_ESCAPE,
  PROSE_TRAILING_CLOSE_QUOTE,
  PROSE_TRAILING_CLOSE_BRACKET,
  PROSE_TRAILING_CITATION,
  PROSE_TRAILING_FOOTNOTE_REFERENCE,
  PROSE_TRAILING_EMPHASIS_MARKER,
  PROSE_TRAILING_HTML_TAG,
  PROSE_LINK_OPEN,
  PROSE_IMAGE_OPEN,
  PROSE_LINK_CLOSE,
  PROSE_DESTINATION_OPEN,
  PROSE_LINK_DESTINATION,
  PROSE_LINK_TITLE,
  PROSE_DESTINATION_CLOSE,
  PROSE_LABEL_OPEN,
  PROSE_LINK_LABEL,
  PROSE_LABEL_CLOSE,
  PROSE_ERROR_SENTINEL,
  PROSE_TOKEN_TYPE_COUNT
};

enum ProseTokenFlag {
  PROSE_STARTS_SENTENCE = 1, /* the first token of a `sentence` node */
};

typedef struct {
  uint32_t start; /* byte offsets into the block, end exclusive */
  uint32_t end;
  uint8_t type;   /* enum ProseTokenType */
  uint8_t flags;  /* enum ProseTokenFlag */
  /* How many open links (innermost first) ended just before this token: a link whose `]` is not
   * followed by a target ends at its `]`. A link with a target ends with its `)` or label `]`. */
  uint8_t links_ended;
} ProseToken;

typedef struct ProseTokenizer ProseTokenizer;

ProseTokenizer *prose_tokenizer_new(void);
void prose_tokenizer_delete(ProseTokenizer *tokenizer);

/* Starts a block. `text` must stay valid until the last call to prose_tokenizer_next. */
void prose_tokenizer_reset(ProseTokenizer *tokenizer, const char *text, uint32_t length);

enum ProseNext {
  PROSE_TOKEN,    /* `token` holds the next token */
  PROSE_END,      /* the block is done; `token.links_ended` counts links that end with it */
  PROSE_FALLBACK, /* the parser would recover from an error here: parse the block with tree-sitter */
};

enum ProseNext prose_tokenizer_next(ProseTokenizer *tokenizer, ProseToken *token);

#ifdef __cplusplus
}
#endif

#endif
