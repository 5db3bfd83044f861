#!/usr/bin/env python3
"""Sentence-boundary quality of the prose grammar against PolNeAR's CoreNLP sentence split.

    eval_sentences.py PROSE_PARSE [--split dev] [--corpus DIR] [--errors N]

Each document is cut into blocks at blank lines (what the Markdown layer hands the grammar: a single
newline is a soft wrap inside a block), every block is parsed by `PROSE_PARSE --batch`, and predicted
sentence spans are compared with the gold spans: precision, recall and F1 over exact (start, end) spans in
code points, both trimmed of whitespace.

Two figures are reported. "blocks" is the grammar's own quality: gold sentences that run across a blank
line (CoreNLP joins a line ending in ':' with the quotation below it, for instance) are cut at the block
boundary first, since no per-block splitter can join blocks. "raw" compares with the gold spans as they
are. Tune on train/dev only; test is for the final report. The corpus is research data: this script
reads it where it lies and never copies its text anywhere.
"""
import argparse
import json
import os
import re
import subprocess
import sys

DEFAULT_CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              '..', '..', '..', '..', 'shared', 'corpus', 'polnear')
BLOCK_BREAK = re.compile(r'\n[ \t\r\f\v\u00a0]*\n\s*')


def blocks_of(text):
    """(start, end) code-point ranges of the blank-line-separated blocks of text."""
    start = 0
    for m in BLOCK_BREAK.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


QUOTES = set('"\'`\u201c\u201d\u2018\u2019\u00ab\u00bb')


def trim(text, start, end, quotes=False):
    """Trims whitespace (and with quotes=True, quotation marks) from both ends of a span."""
    def strip(c):
        return c.isspace() or (quotes and c in QUOTES)
    while start < end and strip(text[start]):
        start += 1
    while end > start and strip(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def byte_to_cp_table(block):
    """table[b] = code-point index of byte offset b in block's UTF-8 encoding (len+1 entries)."""
    table = []
    for i, ch in enumerate(block):
        table.extend([i] * len(ch.encode('utf-8', 'surrogatepass')))
    table.append(len(block))
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('prose_parse', help='path to the prose_parse test binary')
    ap.add_argument('--split', default='dev', choices=['train', 'dev', 'test'])
    ap.add_argument('--corpus', default=os.environ.get('EVIDENTIAL_POLNEAR', DEFAULT_CORPUS))
    ap.add_argument('--errors', type=int, default=0, help='print this many mismatches (stderr)')
    ap.add_argument('--min-f1', type=float, default=None, help='exit 1 if block F1 is lower')
    args = ap.parse_args()

    path = os.path.join(args.corpus, args.split + '.jsonl')
    if not os.path.exists(path):
        print(f'SKIP: PolNeAR corpus not found at {path} (set EVIDENTIAL_POLNEAR or --corpus)')
        return 0

    docs = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            d = json.loads(line)
            if d.get('sentences'):
                docs.append((d['id'], d['text'], d['sentences']))

    # One batch for the whole split: "<byte length>\n<bytes>" per block.
    records, index = [], []
    for doc_no, (_, text, _) in enumerate(docs):
        for start, end in blocks_of(text):
            data = text[start:end].encode('utf-8', 'surrogatepass')
            records.append(b'%d\n' % len(data) + data)
            index.append((doc_no, start, end))
    out = subprocess.run([args.prose_parse, '--batch'], input=b''.join(records),
                         stdout=subprocess.PIPE, check=True).stdout.decode().splitlines()
    assert len(out) == len(index), 'prose_parse returned a different number of blocks'

    predicted_raw = [[] for _ in docs]
    error_blocks = 0
    for (doc_no, start, end), line in zip(index, out):
        fields = line.split()
        error_blocks += fields[0] == '1'
        text = docs[doc_no][1]
        table = byte_to_cp_table(text[start:end])
        for span in fields[1:]:
            b0, b1 = map(int, span.split(':'))
            predicted_raw[doc_no].append((start + table[b0], start + table[b1]))

    def spans(text, raw_spans, quotes):
        return {t for t in (trim(text, s, e, quotes) for s, e in raw_spans) if t}

    def score(gold_sets, quotes=False):
        predicted = [spans(d[1], p, quotes) for d, p in zip(docs, predicted_raw)]
        tp = sum(len(p & g) for p, g in zip(predicted, gold_sets))
        n_pred = sum(map(len, predicted))
        n_gold = sum(map(len, gold_sets))
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1, n_gold

    # Gold sentences as given, and cut at blank lines (each piece trimmed).
    raw_gold, block_gold = [], []
    for _, text, sentences in docs:
        raw, cut = [], []
        breaks = [(m.start(), m.end()) for m in BLOCK_BREAK.finditer(text)]
        for s, e in sentences:
            raw.append((s, e))
            cur = s
            for b0, b1 in breaks:
                if s < b0 and b1 <= e:
                    cut.append((cur, b0))
                    cur = b1
            cut.append((cur, e))
        raw_gold.append(raw)
        block_gold.append(cut)

    def gold(which, quotes=False):
        return [spans(d[1], g, quotes) for d, g in zip(docs, which)]

    print(f'PolNeAR {args.split}: {len(docs)} documents, {len(index)} blocks, '
          f'{error_blocks} blocks with ERROR nodes')
    p, r, f, n = score(gold(block_gold))
    print(f'  blocks:         P={p:.4f} R={r:.4f} F1={f:.4f}  ({n} gold sentences cut at blank lines)')
    qp, qr, qf, qn = score(gold(block_gold, quotes=True), quotes=True)
    print(f'  blocks, quotes: P={qp:.4f} R={qr:.4f} F1={qf:.4f}  (quotation marks at span edges '
          f'ignored too)')
    rp, rr, rf, rn = score(gold(raw_gold))
    print(f'  raw:            P={rp:.4f} R={rr:.4f} F1={rf:.4f}  ({rn} gold sentences as CoreNLP '
          f'gave them)')
    predicted = [spans(d[1], p, False) for d, p in zip(docs, predicted_raw)]
    block_gold = gold(block_gold)

    shown = 0
    for doc_no, (doc_id, text, _) in enumerate(docs):
        if shown >= args.errors:
            break
        for kind, spans in (('missed', block_gold[doc_no] - predicted[doc_no]),
                            ('extra ', predicted[doc_no] - block_gold[doc_no])):
            for s, e in sorted(spans):
                if shown >= args.errors:
                    break
                shown += 1
                print(f'{kind} {doc_id}: {text[max(0, s - 30):s]!r} [[{text[s:e]!r}]] '
                      f'{text[e:e + 30]!r}', file=sys.stderr)
    if args.min_f1 is not None and f < args.min_f1:
        print(f'FAIL: block F1 {f:.4f} < {args.min_f1}')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
