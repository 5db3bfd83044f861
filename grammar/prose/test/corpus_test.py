#!/usr/bin/env python3
"""Runs the prose grammar's corpus tests: test/corpus/*.txt, in tree-sitter's corpus layout.

    corpus_test.py PROSE_PARSE [--update] [FILTER]

Each case is a `===` header line, a title, another `===` line, the input block, a `---` line and the
expected tree as printed by `prose_parse --tree` (named nodes, leaves with their text). Whitespace
between tokens of the expected tree is not significant. --update rewrites the expected trees from the
current grammar: review the diff before committing it.
"""
import pathlib
import re
import subprocess
import sys

HEADER = re.compile(r'^={3,}\n(?P<title>.*?)\n={3,}\n(?P<body>.*?)(?=^={3,}\n|\Z)', re.M | re.S)


def parse_cases(text):
    for m in HEADER.finditer(text):
        body = m.group('body')
        parts = re.split(r'^-{3,}\n', body, maxsplit=1, flags=re.M)
        if len(parts) != 2:
            raise ValueError(f'case {m.group("title")!r} has no --- line')
        source, expected = parts
        if source.endswith('\n'):
            source = source[:-1]
        yield m.group('title'), source, expected.strip()


def normalize(tree):
    return re.sub(r'\s+', ' ', re.sub(r'\s*\)', ')', tree)).strip()


def run_tree(binary, source):
    return subprocess.run([binary, '--tree'], input=source.encode('utf-8'),
                          stdout=subprocess.PIPE, check=True).stdout.decode('utf-8').strip()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    update = '--update' in sys.argv
    binary, filt = args[0], (args[1] if len(args) > 1 else '')
    corpus = pathlib.Path(__file__).resolve().parent / 'corpus'
    failures = total = 0
    for path in sorted(corpus.glob('*.txt')):
        text = path.read_text(encoding='utf-8')
        out = []
        for title, source, expected in parse_cases(text):
            actual = run_tree(binary, source)
            if filt not in title:
                out.append((title, source, expected))
                continue
            total += 1
            if update:
                out.append((title, source, actual))
            elif normalize(actual) != normalize(expected):
                failures += 1
                print(f'FAIL {path.name}: {title}\n  input:    {source!r}\n  expected: {expected}\n'
                      f'  actual:   {actual}')
        if update:
            path.write_text(''.join(f'{"=" * 60}\n{t}\n{"=" * 60}\n{s}\n---\n{e}\n\n'
                                    for t, s, e in out).rstrip('\n') + '\n', encoding='utf-8')
    if update:
        print(f'updated {total} cases')
        return 0
    print(f'corpus: {total - failures}/{total} cases pass')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
