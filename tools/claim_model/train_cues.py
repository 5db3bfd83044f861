#!/usr/bin/env python3
"""Trains the attribution-cue tagger that backs up the rules in core/analysis/attributions.cpp: an averaged
perceptron that marks each word as inside or outside an attribution cue, reading left to right (the
previous decision is a feature, in training as in tagging). Trained on PolNeAR train only (dev with --eval-dev for figures), and
written to grammar/lexicon/source_cue_model.tsv.

The tokens and features mirror tag_cues() in core/analysis/attributions.cpp; keep the two in step.
Python 3 standard library only; deterministic.

    python3 tools/claim_model/train_cues.py               # train on PolNeAR train, write the weights
    python3 tools/claim_model/train_cues.py --eval-dev    # also report token P/R/F1 on PolNeAR dev
"""
from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "polnear"
LEXICON = REPO / "grammar" / "lexicon" / "reporting_verbs.tsv"
DEFAULT_OUT = REPO / "grammar" / "lexicon" / "source_cue_model.tsv"

# Tokens as our prose grammar gives them: abbreviations with inner dots, numbers (with currency, %),
# words with inner apostrophes and hyphens, and every other non-space character on its own.
TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Prof|Sgt|Capt|Adm|Maj|Rev)\."
    r"|[$£€]?\d[\d,.]*\d%?|[$£€]?\d%?"
    r"|[^\W\d_]+(?:['’\-][^\W\d_]+)*"
    r"|\S"
)
QUOTES = {'"', "“", "”", "«", "»", "„"}
PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "who", "which"}


def norm(tok: str) -> str:
    return tok.lower().replace("’", "'").replace("‘", "'")


def is_word(tok: str) -> bool:
    return tok[0].isalnum() or tok[0] in "$£€"


def shape(tok: str) -> str:
    c = tok[0]
    if c.isdigit() or c in "$£€":
        return "D"
    if c.isupper():
        return "C"
    if c.isalpha():
        return "l"
    return tok


def load_lexicon(path: Path) -> dict[str, str]:
    cats = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if " " not in parts[0] and len(parts) > 1:
            cats.setdefault(parts[0], parts[1])
    return cats


def features(toks: list[str], norms: list[str], quoted: list[int], i: int, prev: str, lex) -> list[str]:
    """Feature strings of token i. Must match tag_cues() in core/analysis/attributions.cpp."""
    n = len(toks)

    def g(k: int) -> str:
        return norms[k] if 0 <= k < n else ("<s>" if k < 0 else "</s>")

    def cat(k: int) -> str:
        return lex.get(g(k), "-")

    w = norms[i]
    return [
        "b", "w=" + w, "s3=" + w[-3:], "s2=" + w[-2:], "sh=" + shape(toks[i]), "p=" + prev,
        "w-1=" + g(i - 1), "w+1=" + g(i + 1), "w-2=" + g(i - 2), "w+2=" + g(i + 2),
        "w-1w=" + g(i - 1) + "|" + w, "ww+1=" + w + "|" + g(i + 1), "pw=" + prev + "|" + w,
        "pw+1=" + prev + "|" + g(i + 1), "w-1w+1=" + g(i - 1) + "|" + g(i + 1),
        "c=" + cat(i), "c-1=" + cat(i - 1), "c+1=" + cat(i + 1), "c-2=" + cat(i - 2), "c+2=" + cat(i + 2),
        "pr-1=" + ("1" if g(i - 1) in PRONOUNS else "0"),
        "sh-1=" + (shape(toks[i - 1]) if i > 0 else "<s>"),
        "sh+1=" + (shape(toks[i + 1]) if i + 1 < n else "</s>"),
        "q=" + str(quoted[i]), "pos=" + str(min(i, 5)),
    ]


def sentences(split: str):
    """(tokens, labels) per CoreNLP sentence; a token is a cue token when a gold cue span overlaps it."""
    out = []
    with open(CORPUS / f"{split}.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = d["text"]
            mark = bytearray(len(text))
            for a in d["attributions"]:
                for s, e in a["cue"]:
                    mark[s:e] = b"\x01" * (e - s)
            spans = d["sentences"] or [(0, len(text))]
            for s, e in spans:
                toks, labels = [], []
                for m in TOKEN.finditer(text, s, e):
                    toks.append(m.group())
                    labels.append(1 if any(mark[m.start():m.end()]) else 0)
                if toks:
                    out.append((toks, labels))
    return out


def prepare(toks: list[str]):
    norms = [norm(t) for t in toks]
    quoted, inside = [], 0
    for t in toks:
        quoted.append(inside)
        if t in QUOTES:
            inside ^= 1
    return norms, quoted


def train(data, lex, epochs: int, seed: int):
    w: dict[str, float] = defaultdict(float)
    acc: dict[str, float] = defaultdict(float)
    step = 1
    rng = random.Random(seed)
    prepared = [(toks, labels, *prepare(toks)) for toks, labels in data]
    for _ in range(epochs):
        rng.shuffle(prepared)
        for toks, labels, norms, quoted in prepared:
            prev = "O"
            for i, t in enumerate(toks):
                if not is_word(t):
                    continue
                fs = features(toks, norms, quoted, i, prev, lex)
                guess = 1 if sum(w.get(f, 0.0) for f in fs) > 0 else 0
                if guess != labels[i]:
                    d = 1.0 if labels[i] else -1.0
                    for f in fs:
                        w[f] += d
                        acc[f] += step * d
                # The next word sees this word's own decision, as it will when tagging, not the gold
                # label: trained on gold, the tagger leaned on "previous word was a cue" more than its
                # own decisions deserve (PolNeAR dev, bias re-chosen: P 0.690 R 0.538 -> P 0.701 R 0.545).
                prev = "C" if guess else "O"
                step += 1
    return {f: w[f] - acc[f] / step for f in w}


def tag(w, lex, toks, bias: float = 0.0):
    norms, quoted = prepare(toks)
    prev, out = "O", []
    for i, t in enumerate(toks):
        if not is_word(t):
            out.append(0)
            continue
        fs = features(toks, norms, quoted, i, prev, lex)
        y = 1 if sum(w.get(f, 0.0) for f in fs) + bias > 0 else 0
        out.append(y)
        prev = "C" if y else "O"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--prune", type=float, default=1.0, help="drop averaged weights smaller than this")
    ap.add_argument("--bias", type=float, default=4.0,
                    help="added to the bias weight: trades precision for recall (chosen on PolNeAR dev)")
    ap.add_argument("--eval-dev", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    lex = load_lexicon(LEXICON)
    w = train(sentences("train"), lex, args.epochs, args.seed)
    kept = {f: v for f, v in w.items() if abs(v) >= args.prune}
    kept["b"] = w.get("b", 0.0)
    print(f"{len(w)} features, {len(kept)} kept at |w| >= {args.prune}")
    if args.eval_dev:
        dev = sentences("dev")
        for bias in (2.0, 3.0, 4.0, 5.0, 6.0):
            tp = fp = fn = 0
            for toks, labels in dev:
                for t, y, p in zip(toks, labels, tag(kept, lex, toks, bias)):
                    if is_word(t):
                        tp += p and y
                        fp += p and not y
                        fn += y and not p
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            print(f"dev bias {bias:+.0f}: P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0:.3f}")
    if not args.no_write:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write("# Attribution-cue tagger (averaged perceptron): feature<TAB>weight; positive = inside a cue.\n")
            out.write("# Generated by tools/claim_model/train_cues.py from PolNeAR train; do not edit by hand.\n")
            out.write(f"# epochs={args.epochs} seed={args.seed} prune={args.prune} bias={args.bias} "
                      f"features={len(kept)}\n")
            kept["b"] += args.bias
            for f in sorted(kept):
                # Tabs cannot occur in features; spaces can (they are words), which the TSV keeps as is.
                out.write(f"{f}\t{kept[f]:.1f}\n")
        print(f"wrote {args.out} ({len(kept)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
