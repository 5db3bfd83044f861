#!/usr/bin/env python3
"""Writes the prose grammar's stress and benchmark inputs into a folder (deterministic, our own text).

    stress.py OUT_DIR

bench_1mb.txt is ~1 MB of news-like paragraphs separated by blank lines; the other files are hostile
inputs that must parse without crashing, without ERROR nodes and in bounded time.
"""
import os
import random
import sys

# Our own sentences, written for these tests; they exercise the usual tokens in realistic proportions.
PARAGRAPHS = [
    'Mr. Lund met Dr. Okafor in the U.S. capital on Jan. 5, officials said. The talks ended at 5 p.m. '
    'Monday, and a second round is planned for Feb. 12 in St. Paul.',
    '“We came to listen. We are still listening,” the envoy said. “Why?” a reporter asked. She paused... '
    'then smiled. The plan costs $4.5 million (about 3.5% of the budget) over eight years [1].',
    'Some experts say the scheme could work (Ortiz et al. 2020, p. 4), but critics reportedly disagree. '
    'The full text is at https://example.org/reports/2020 and a summary at www.example.com/summary.',
    'The **new** rule, announced by Gov. Haley’s office, affects 1,200 state-run schools; e.g. the '
    '`config.yaml` file described in [the guide](https://example.org/guide "Guide") must change.',
    'It is widely believed that the eight-year programme failed. Sources familiar with the matter said it '
    'was “a disaster,” while others were unsure? According to one aide, the report is due in 2025.',
    'Acme Inc. said its U.K. unit would hire 300 people. The company, based in Washington, D.C., has '
    'about 12,000 staff; its chief, J. R. Moss, declined to comment.',
]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20240601)

    def write(name, data):
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)

    paras, size = [], 0
    while size < 1_000_000:
        p = rng.choice(PARAGRAPHS)
        paras.append(p)
        size += len(p.encode()) + 2
    write('bench_1mb.txt', '\n\n'.join(paras).encode())
    line = ' '.join(paras).encode()
    write('stress_10mb_line.txt', (line * (10_000_000 // len(line) + 1))[:10_000_000])
    write('stress_random.bin', bytes(rng.getrandbits(8) for _ in range(1_000_000)))
    write('stress_invalid_utf8.bin', bytes(rng.choice(b'\x80\xbf\xc3\xe2\xf0\xffA. \n"')
                                           for _ in range(1_000_000)))
    write('stress_nul.bin', b'\0' * 100_000 + b'Hello. World\0. Yes.' + b'\0\xff\xfe\xc3' * 1000)
    write('stress_ascii_soup.txt', bytes(rng.choice(b'abXY .,!?"\'()[]{}<>`*_~\\&$%-:;/\n@#^|=+09')
                                         for _ in range(1_000_000)))
    write('stress_backticks.txt', b'``a`' * 250_000)
    write('stress_brackets.txt', b'[a ' * 330_000)
    write('stress_comments.txt', b'<!-- a ' * 150_000)
    write('stress_links.txt', b'[a](b ' * 160_000)
    write('stress_parens.txt', b'(Lee and ' * 110_000)
    write('stress_quotes.txt', b'"\' ' * 330_000)
    write('stress_stops.txt', b'.' * 1_000_000)
    write('stress_long_word.txt', b'a' * 5_000_000)
    write('stress_deep_nesting.txt', b'[[[[[[[[[[((((((((((' * 50_000)
    write('stress_links_nested.txt', b'[![a](b)](c) ' * 80_000)


if __name__ == '__main__':
    main()
