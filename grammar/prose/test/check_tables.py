#!/usr/bin/env python3
"""Checks that the tables src/scanner.c searches with bsearch are sorted in strcmp order and unique.

    check_tables.py [SCANNER_C]
"""
import pathlib
import re
import sys

# Tables searched with bsearch (kCitationTags is scanned linearly and may be in any order).
TABLES = ['kAbbreviations', 'kSentenceOpeners', 'kDomains', 'kNotAuthors']


def main():
    path = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                        pathlib.Path(__file__).resolve().parent.parent / 'src' / 'scanner.c')
    source = path.read_text(encoding='utf-8')
    failures = 0
    for name in TABLES:
        m = re.search(name + r'\[\]\s*=\s*\{(.*?)\n\};', source, re.S)
        if not m:
            print(f'{name}: not found in {path}')
            failures += 1
            continue
        entries = [e.encode() for e in re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))]
        for a, b in zip(entries, entries[1:]):
            if a >= b:
                print(f'{name}: "{a.decode()}" must come before "{b.decode()}" (strcmp order, unique)')
                failures += 1
        print(f'{name}: {len(entries)} entries' + ('' if failures else ', sorted'))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
