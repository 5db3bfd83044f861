#!/usr/bin/env python3
"""Trains the attribution-cue tagger that backs up the rules in core/analysis/attributions.cpp: an averaged
structured perceptron that marks each word as inside or outside an attribution cue. A word's score depends
on the previous word's label, and the best labelling of the whole sentence is found by Viterbi decoding
over the two states, in training as in tagging. Trained on PolNeAR train only (dev with --eval-dev for
figures), and written to grammar/lexicon/source_cue_model.tsv.

The tokens and features mirror CueTagger::tag() in core/analysis/attributions.cpp; keep the two in step.
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


def features(toks: list[str], norms: list[str], quoted: list[int], i: int, lex) -> list[str]:
    """Feature strings of token i that do not depend on the previous label, in the order
    CueTagger::tag() in core/analysis/attributions.cpp adds them. Must match it."""
    n = len(toks)

    def g(k: int) -> str:
        return norms[k] if 0 <= k < n else ("<s>" if k < 0 else "</s>")

    def cat(k: int) -> str:
        return lex.get(g(k), "-")

    def sh(k: int) -> str:
        return shape(toks[k]) if 0 <= k < n else ("<s>" if k < 0 else "</s>")

    w = norms[i]
    return [
        "b", "q=" + str(quoted[i]), "pos=" + str(min(i, 5)),
        "pr-1=" + ("1" if g(i - 1) in PRONOUNS else "0"),
        "w=" + w, "s3=" + w[-3:], "s2=" + w[-2:],
        "w-1=" + g(i - 1), "w+1=" + g(i + 1), "w-2=" + g(i - 2), "w+2=" + g(i + 2),
        "w-3=" + g(i - 3), "w+3=" + g(i + 3),
        "w-1w=" + g(i - 1) + "|" + w, "ww+1=" + w + "|" + g(i + 1), "w-1w+1=" + g(i - 1) + "|" + g(i + 1),
        "w-2w-1=" + g(i - 2) + "|" + g(i - 1), "w+1w+2=" + g(i + 1) + "|" + g(i + 2),
        "c=" + cat(i), "c-1=" + cat(i - 1), "c+1=" + cat(i + 1), "c-2=" + cat(i - 2), "c+2=" + cat(i + 2),
        "sh=" + sh(i), "sh-1=" + sh(i - 1), "sh+1=" + sh(i + 1),
        "sh-1w=" + sh(i - 1) + "|" + w, "wsh+1=" + w + "|" + sh(i + 1),
    ]


def transition_features(norms: list[str], i: int, prev: str) -> list[str]:
    """The features of token i that depend on the previous word's label ("O" or "C")."""
    nxt = norms[i + 1] if i + 1 < len(norms) else "</s>"
    return ["p=" + prev, "pw=" + prev + "|" + norms[i], "pw+1=" + prev + "|" + nxt]


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


def featurize(toks: list[str], lex):
    """Per word of the sentence (punctuation is never tagged): its index, its label-independent features
    and its features after an O and after a C."""
    norms, quoted = prepare(toks)
    words = [i for i, t in enumerate(toks) if is_word(t)]
    return (words, [features(toks, norms, quoted, i, lex) for i in words],
            [[transition_features(norms, i, p) for p in ("O", "C")] for i in words])


def score(w, fs) -> float:
    return sum(w.get(f, 0.0) for f in fs)


def viterbi(w, static, trans, bias: float = 0.0) -> list[int]:
    """The best labels (1 = inside a cue) of a sentence's words: a word inside a cue scores its features
    (those after the previous word's label included), a word outside scores 0. Ties go to O."""
    back = []
    best_o, best_c = 0.0, float("-inf")  # before the first word: outside
    for fs, (after_o, after_c) in zip(static, trans):
        base = score(w, fs) + bias
        c_from_o, c_from_c = best_o + base + score(w, after_o), best_c + base + score(w, after_c)
        back.append((0 if best_o >= best_c else 1, 0 if c_from_o >= c_from_c else 1))
        best_o, best_c = max(best_o, best_c), max(c_from_o, c_from_c)
    y = 0 if best_o >= best_c else 1
    out = [0] * len(static)
    for k in range(len(static) - 1, -1, -1):
        out[k] = y
        y = back[k][y]
    return out


def train(data, lex, epochs: int, seed: int):
    """Averaged structured perceptron: decode each sentence with the current weights; where the labelling
    is wrong, add the gold labelling's features and subtract the predicted one's."""
    w: dict[str, float] = defaultdict(float)
    acc: dict[str, float] = defaultdict(float)
    step = 1
    rng = random.Random(seed)
    prepared = []
    for toks, labels in data:
        words, static, trans = featurize(toks, lex)
        prepared.append((static, trans, [labels[i] for i in words]))
    for _ in range(epochs):
        rng.shuffle(prepared)
        for static, trans, gold in prepared:
            pred = viterbi(w, static, trans)
            if pred != gold:
                update: dict[str, float] = defaultdict(float)
                gp = pp = 0
                for k, (fs, tr) in enumerate(zip(static, trans)):
                    if gold[k]:
                        for f in fs + tr[gp]:
                            update[f] += 1.0
                    if pred[k]:
                        for f in fs + tr[pp]:
                            update[f] -= 1.0
                    gp, pp = gold[k], pred[k]
                for f, d in update.items():
                    if d:
                        w[f] += d
                        acc[f] += step * d
            step += 1
    return {f: w[f] - acc[f] / step for f in w}


def tag(w, lex, toks, bias: float = 0.0):
    words, static, trans = featurize(toks, lex)
    out = [0] * len(toks)
    for i, y in zip(words, viterbi(w, static, trans, bias)):
        out[i] = y
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--prune", type=float, default=1.5, help="drop averaged weights smaller than this")
    ap.add_argument("--bias", type=float, default=16.0,
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
        for bias in (8.0, 12.0, 16.0, 20.0, 24.0):
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
            out.write("# Attribution-cue tagger (averaged structured perceptron, Viterbi decoding): "
                      "feature<TAB>weight; positive = inside a cue.\n")
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
