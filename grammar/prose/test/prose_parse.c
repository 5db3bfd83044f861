// prose_parse: test driver for Evidential's prose grammar. Parses prose blocks with tree-sitter and prints
// sentences, leaves, trees, invariant checks or timings. Used by grammar/prose/test/run and by
// eval_sentences.py; not part of the product.
//
//   prose_parse [--tree|--sexp|--sentences|--check] [FILE|-]   one block (the whole input)
//   prose_parse --batch                                       length-prefixed blocks on stdin
//   prose_parse --bench FILE [--blocks]                       parse speed, whole file or per blank-line block
//   prose_parse --query=QUERY_FILE [FILE|-]                   compile a query; print its captures
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_prose(void);

typedef struct {
  char *data;
  size_t length;
} Buffer;

static Buffer read_all(FILE *file) {
  Buffer buffer = {NULL, 0};
  size_t capacity = 0;
  for (;;) {
    if (buffer.length + 65536 > capacity) {
      capacity = capacity ? capacity * 2 : 1 << 20;
      buffer.data = realloc(buffer.data, capacity);
      if (!buffer.data) {
        fprintf(stderr, "out of memory\n");
        exit(2);
      }
    }
    size_t n = fread(buffer.data + buffer.length, 1, capacity - buffer.length, file);
    if (n == 0) break;
    buffer.length += n;
  }
  return buffer;
}

static TSTree *parse(TSParser *parser, const char *text, size_t length) {
  return ts_parser_parse_string(parser, NULL, text, (uint32_t)length);
}

static void print_quoted(const char *text, uint32_t start, uint32_t end) {
  putchar('"');
  for (uint32_t i = start; i < end; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\\') {
      printf("\\%c", c);
    } else if (c == '\n') {
      printf("\\n");
    } else if (c < 0x20 || c == 0x7F) {
      printf("\\x%02x", c);
    } else {
      putchar(c);
    }
  }
  putchar('"');
}

// The test format: named nodes as `(type child...)`, leaves with their text: `(word "Kim’s")`.
// One sentence per line under the root.
static void print_tree(TSNode node, const char *text, int depth) {
  if (!ts_node_is_named(node)) {
    if (ts_node_is_missing(node)) printf(" (MISSING %s)", ts_node_type(node));
    return;
  }
  if (depth == 1) printf("\n  ");
  else if (depth > 1) putchar(' ');
  printf("(%s", ts_node_type(node));
  uint32_t count = ts_node_child_count(node);
  if (count == 0 || ts_node_named_child_count(node) == 0) {
    putchar(' ');
    print_quoted(text, ts_node_start_byte(node), ts_node_end_byte(node));
  } else {
    for (uint32_t i = 0; i < count; i++) print_tree(ts_node_child(node, i), text, depth + 1);
  }
  putchar(')');
}

static void print_sentences(TSNode root, const char *text) {
  uint32_t count = ts_node_named_child_count(root);
  for (uint32_t i = 0; i < count; i++) {
    TSNode sentence = ts_node_named_child(root, i);
    uint32_t start = ts_node_start_byte(sentence), end = ts_node_end_byte(sentence);
    printf("%u-%u %s ", start, end, ts_node_type(sentence));
    print_quoted(text, start, end);
    putchar('\n');
  }
}

static bool is_space_byte(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Invariants the C++ core relies on. Returns the number of violations (printed to stderr).
static int check_tree(TSTree *tree, const char *text, size_t length) {
  int problems = 0;
  TSNode root = ts_tree_root_node(tree);
  if (strcmp(ts_node_type(root), "prose") != 0) {
    fprintf(stderr, "root is %s, not prose\n", ts_node_type(root));
    problems++;
  }
  if (ts_node_has_error(root)) {
    fprintf(stderr, "tree has ERROR or MISSING nodes\n");
    problems++;
  }
  uint32_t covered_to = 0;
  uint32_t count = ts_node_child_count(root);
  for (uint32_t i = 0; i < count; i++) {
    TSNode child = ts_node_child(root, i);
    uint32_t start = ts_node_start_byte(child), end = ts_node_end_byte(child);
    if (strcmp(ts_node_type(child), "sentence") != 0) {
      fprintf(stderr, "top-level %s at %u-%u\n", ts_node_type(child), start, end);
      problems++;
    }
    for (uint32_t b = covered_to; b < start; b++) {
      if (!is_space_byte((unsigned char)text[b]) && (unsigned char)text[b] != 0xC2 &&
          (unsigned char)text[b] < 0x80) {
        fprintf(stderr, "byte %u (0x%02x) outside every sentence\n", b, (unsigned char)text[b]);
        problems++;
        break;
      }
    }
    if (end <= start) {
      fprintf(stderr, "empty sentence at %u\n", start);
      problems++;
    }
    covered_to = end;
  }
  for (uint32_t b = covered_to; b < length; b++) {
    if (!is_space_byte((unsigned char)text[b]) && (unsigned char)text[b] < 0x80) {
      fprintf(stderr, "trailing byte %u (0x%02x) outside every sentence\n", b,
              (unsigned char)text[b]);
      problems++;
      break;
    }
  }
  return problems;
}

static int run_batch(TSParser *parser) {
  Buffer input = read_all(stdin);
  size_t at = 0;
  while (at < input.length) {
    char *end;
    unsigned long length = strtoul(input.data + at, &end, 10);
    if (*end != '\n' || end + 1 + length > input.data + input.length) {
      fprintf(stderr, "bad batch record at byte %zu\n", at);
      return 2;
    }
    const char *text = end + 1;
    TSTree *tree = parse(parser, text, length);
    TSNode root = ts_tree_root_node(tree);
    uint32_t count = ts_node_named_child_count(root);
    printf("%d", ts_node_has_error(root) ? 1 : 0);
    for (uint32_t i = 0; i < count; i++) {
      TSNode sentence = ts_node_named_child(root, i);
      printf(" %u:%u", ts_node_start_byte(sentence), ts_node_end_byte(sentence));
    }
    putchar('\n');
    ts_tree_delete(tree);
    at = (size_t)(text - input.data) + length;
  }
  free(input.data);
  return 0;
}

// Prints every capture of the query as `capture start-end "text"`, applying `#any-of?` and `#eq?`
// predicates (the C library parses predicates but leaves evaluating them to the caller).
static int run_query(TSTree *tree, const char *text, const char *query_path) {
  FILE *file = fopen(query_path, "rb");
  if (!file) {
    perror(query_path);
    return 2;
  }
  Buffer source = read_all(file);
  fclose(file);
  uint32_t error_offset;
  TSQueryError error;
  TSQuery *query = ts_query_new(tree_sitter_prose(), source.data, (uint32_t)source.length,
                                &error_offset, &error);
  if (!query) {
    fprintf(stderr, "%s: query error %d at byte %u\n", query_path, (int)error, error_offset);
    free(source.data);
    return 1;
  }
  TSQueryCursor *cursor = ts_query_cursor_new();
  ts_query_cursor_exec(cursor, query, ts_tree_root_node(tree));
  TSQueryMatch match;
  while (ts_query_cursor_next_match(cursor, &match)) {
    uint32_t step_count;
    const TSQueryPredicateStep *steps =
        ts_query_predicates_for_pattern(query, match.pattern_index, &step_count);
    bool ok = true;
    for (uint32_t i = 0; i < step_count && ok;) {
      uint32_t length;
      const char *name = ts_query_string_value_for_id(query, steps[i].value_id, &length);
      uint32_t end = i;
      while (steps[end].type != TSQueryPredicateStepTypeDone) end++;
      if ((strcmp(name, "any-of?") == 0 || strcmp(name, "eq?") == 0) && end > i + 1 &&
          steps[i + 1].type == TSQueryPredicateStepTypeCapture) {
        for (uint16_t c = 0; c < match.capture_count; c++) {
          if (match.captures[c].index != steps[i + 1].value_id) continue;
          TSNode node = match.captures[c].node;
          uint32_t start = ts_node_start_byte(node), size = ts_node_end_byte(node) - start;
          bool found = false;
          for (uint32_t k = i + 2; k < end; k++) {
            uint32_t n;
            const char *value = ts_query_string_value_for_id(query, steps[k].value_id, &n);
            if (n == size && memcmp(value, text + start, n) == 0) found = true;
          }
          ok = found;
        }
      }
      i = end + 1;
    }
    if (!ok) continue;
    for (uint16_t c = 0; c < match.capture_count; c++) {
      uint32_t length;
      const char *name = ts_query_capture_name_for_id(query, match.captures[c].index, &length);
      TSNode node = match.captures[c].node;
      printf("%s %u-%u ", name, ts_node_start_byte(node), ts_node_end_byte(node));
      print_quoted(text, ts_node_start_byte(node), ts_node_end_byte(node));
      putchar('\n');
    }
  }
  ts_query_cursor_delete(cursor);
  ts_query_delete(query);
  free(source.data);
  return 0;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_bench(TSParser *parser, const char *path, bool blocks) {
  FILE *file = fopen(path, "rb");
  if (!file) {
    perror(path);
    return 2;
  }
  Buffer input = read_all(file);
  fclose(file);
  double best = 1e9;
  size_t nodes_hint = 0;
  for (int round = 0; round < 5; round++) {
    double start = now();
    if (blocks) {
      size_t at = 0;
      while (at < input.length) {
        const char *found = NULL;
        for (size_t i = at; i + 1 < input.length; i++) {
          if (input.data[i] == '\n' && input.data[i + 1] == '\n') {
            found = input.data + i;
            break;
          }
        }
        size_t end = found ? (size_t)(found - input.data) : input.length;
        TSTree *tree = parse(parser, input.data + at, end - at);
        nodes_hint += ts_node_child_count(ts_tree_root_node(tree));
        ts_tree_delete(tree);
        at = end + 2;
      }
    } else {
      TSTree *tree = parse(parser, input.data, input.length);
      nodes_hint += ts_node_child_count(ts_tree_root_node(tree));
      ts_tree_delete(tree);
    }
    double elapsed = now() - start;
    if (elapsed < best) best = elapsed;
  }
  printf("%s: %.2f MB in %.1f ms = %.1f MB/s (%s, best of 5; %zu sentences)\n", path,
         input.length / 1e6, best * 1e3, input.length / 1e6 / best,
         blocks ? "per blank-line block" : "one tree", nodes_hint / 5);
  free(input.data);
  return 0;
}

int main(int argc, char **argv) {
  const char *mode = "--tree";
  const char *path = "-";
  bool blocks = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--blocks") == 0) {
      blocks = true;
    } else if (strncmp(argv[i], "--", 2) == 0) {
      mode = argv[i];
    } else {
      path = argv[i];
    }
  }
  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, tree_sitter_prose())) {
    fprintf(stderr, "language ABI %u not supported by this tree-sitter runtime\n",
            ts_language_version(tree_sitter_prose()));
    return 2;
  }
  if (strcmp(mode, "--batch") == 0) return run_batch(parser);
  if (strcmp(mode, "--bench") == 0) return run_bench(parser, path, blocks);

  FILE *file = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!file) {
    perror(path);
    return 2;
  }
  Buffer input = read_all(file);
  if (file != stdin) fclose(file);
  double start = now();
  TSTree *tree = parse(parser, input.data ? input.data : "", input.length);
  double elapsed = now() - start;
  TSNode root = ts_tree_root_node(tree);
  int status = 0;
  if (strcmp(mode, "--tree") == 0) {
    print_tree(root, input.data, 0);
    putchar('\n');
  } else if (strcmp(mode, "--sexp") == 0) {
    char *sexp = ts_node_string(root);
    puts(sexp);
    free(sexp);
  } else if (strcmp(mode, "--sentences") == 0) {
    print_sentences(root, input.data);
  } else if (strncmp(mode, "--query=", 8) == 0) {
    status = run_query(tree, input.data, mode + 8);
  } else if (strcmp(mode, "--check") == 0) {
    int problems = check_tree(tree, input.data, input.length);
    printf("%zu bytes, %u sentences, %.1f ms, %s\n", input.length, ts_node_named_child_count(root),
           elapsed * 1e3, problems ? "INVARIANTS VIOLATED" : "ok");
    status = problems ? 1 : 0;
  } else {
    fprintf(stderr, "unknown mode %s\n", mode);
    status = 2;
  }
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  free(input.data);
  return status;
}
