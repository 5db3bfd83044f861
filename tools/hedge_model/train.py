#!/usr/bin/env python3
"""Trains the hedge-cue disambiguator behind core/analysis/cues.cpp: when the hand-written rules accept an
ambiguous cue word ("may", "suggests", "appears", "possible", "expected", ...), is it a hedge here? A
logistic regression per word over the neighbouring words, trained on the Szeged uncertainty corpus *dev*
splits only (the test splits are for reporting) and written to grammar/lexicon/hedge_model.tsv, which the
build embeds into the binary. The model only ever drops a hedge the rules found; it never adds one, so
every context rule that rejects a sense ("in May", "likely voters", "suggested a new name") still holds.

The rules' verdict comes from the binary itself: the trainer runs `evidential check` with the model
switched off ({"options": {"hedge": {"model": 0}}}), so build the binary first. The tokens and features
mirror model_keeps() in cues.cpp; keep the two in step. Python 3 standard library only; deterministic.

    python3 tools/hedge_model/train.py --binary build/evidential --cv 5 --no-write   # cross-validated figures
    python3 tools/hedge_model/train.py --binary build/evidential          # train on all dev, write weights
"""
from __future__ import annotations

import argparse
import math
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools" / "eval"))
from harness import Evidential, finding_span, read_jsonl, resolve_binary, resolve_shared, run_batch  # noqa: E402

DEFAULT_OUT = REPO / "grammar" / "lexicon" / "hedge_model.tsv"
DOMAINS = ["wiki", "factbank", "bio_bmc", "bio_fly", "bio_hbc"]
HEDGE_TYPES = {"epistemic", "doxastic", "epistemic_possible"}
UNCERTAINTY_CHECKS = {"hedge", "stacked-hedge", "weasel"}

# The words the model reviews. Each is ambiguous between a hedge and another sense, frequent enough in
# the tune-on data to learn from, and not an approximator or a hearsay adverb (those hedge by design,
# whatever an annotator of semantic uncertainty says). Left out after cross-validation: "can" (a hedge
# in one occurrence of eight; as an adding model it found no context that tells, precision 0.24),
# "consider"/"considered" (Wikipedia's "is considered one of" and biomedicine's "were considered
# significant" pull apart) and "could" (the corpus reads "could not" as ability, the project as a hedge).
# Words on which the model does not hurt, judged per word by both cross-validations (--cv 5 by document,
# --cv-domains one domain held out). Left to the rules because the model lost F1 on them in one or both:
# "apparent" (the corpus rarely marks it, so the model vetoed "an apparent suicide" too), "possible",
# "suspected", "estimated", "expected", "feel", "felt", "think", "suggested", "indicates", "indicating".
VOCABULARY = [
    "may", "might",
    "suggest", "suggests", "suggesting",
    "indicate", "indicated",
    "appear", "appears", "appeared", "seem", "seems",
    "likely", "potential", "unknown",
    "thought", "believe", "believed",
    "assume", "assumed", "predicted",
    "tend", "tends", "tended",
]

# Tokens as the prose grammar gives them, closely enough for context features: abbreviations, numbers,
# words with inner apostrophes and hyphens, and every other non-space character on its own.
TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Gov|Sen|Rep|al|vs|Fig|Figs|e\.g|i\.e|etc)\."
    r"|[$£€]?\d[\d,.]*\d%?|[$£€]?\d%?"
    r"|[^\W\d_]+(?:['’\-][^\W\d_]+)*"
    r"|\S"
)
ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)} | {"’": "'", "‘": "'"})


def tokenize(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, class, capitalised) per token; class is the normalised word, or a mark for the rest."""
    out = []
    matches = list(TOKEN.finditer(text))
    for n, m in enumerate(matches):
        t = m.group(0)
        c = t[0]
        if c.isalpha() and not t.endswith("."):
            cls = t.translate(ASCII_LOWER)
        elif c.isalpha():
            cls = "<o>"  # an abbreviation
        elif c.isdigit() or c in "$£€":
            cls = "<num>"
        elif t == ",":
            cls = ","
        elif t in ".!?" and n == len(matches) - 1:
            cls = "<t>"
        elif t in ";:-–—.!?/":
            cls = "<p>"
        else:
            cls = "<o>"  # quotes, brackets, symbols
        out.append((m.start(), m.end(), cls, "A" <= c <= "Z"))
    return out


def features(toks, i: int, rule: int) -> list[str]:
    """Feature strings of the candidate at token i. Must match model_keeps() in cues.cpp."""
    n = len(toks)
    v = toks[i][2]

    def g(k: int) -> str:
        if k < 0:
            return "<s>"
        if k >= n:
            return "</s>"
        return toks[k][2]

    p1, n1, n2 = g(i - 1), g(i + 1), g(i + 2)
    return [v + "|b", f"{v}|r={rule}", f"{v}|p1={p1}", f"{v}|n1={n1}", f"{v}|n12={n1}_{n2}"]


# ---- data ----

class Example:
    __slots__ = ("feats", "label", "rule", "sent", "doc")

    def __init__(self, feats, label, rule, sent, doc):
        self.feats, self.label, self.rule, self.sent, self.doc = feats, label, rule, sent, doc


def load(binary: Path, shared: Path, vocab: set[str], split: str = "dev"):
    """Examples (one per vocabulary-word occurrence the rules leave to the model) and, per sentence, the
    gold label and whether a finding the model does not decide already marks it uncertain."""
    ev = Evidential(binary)
    config = {"options": {"hedge": {"model": 0, "quotations": 1}}, "checks": {"stacked-hedge": "off"}}
    examples: list[Example] = []
    sentences = []  # (domain, doc, gold uncertain, fixed uncertain)
    for domain in DOMAINS:
        data = read_jsonl(shared / "corpus" / "szeged-uncertainty" / f"{domain}.{split}.jsonl")
        batch, found = run_batch(ev, [d["text"] for d in data], config)
        default_batch, default_found = run_batch(ev, [d["text"] for d in data], {"options": {"hedge": {"model": 0}}})
        for row, d in enumerate(data):
            text = d["text"]
            doc = ":".join(d["id"].split(":")[:2])
            gold = [tuple(c) for c, t in zip(d["cues"], d["cue_types"]) if t in HEDGE_TYPES]
            toks = tokenize(text)
            starts = {s: k for k, (s, _, _, _) in enumerate(toks)}
            hedge_at: dict[int, int] = {}  # token -> rule verdict (1 single word, 2 longer)
            covered: set[int] = set()
            fixed = False
            sid = len(sentences)
            for f in found.get(row, []):
                if f.get("check") not in ("hedge", "weasel", "booster"):
                    continue
                s, e = batch.local_cp(row, *finding_span(f))
                k = starts.get(s)
                if f["check"] == "hedge" and k is not None and toks[k][2] in vocab:
                    hedge_at[k] = 2 if any(toks[j][0] < e for j in range(k + 1, len(toks))) else 1
                    continue
                covered.update(j for j, t in enumerate(toks) if t[0] < e and t[1] > s)
            for f in default_found.get(row, []):
                if f.get("check") not in UNCERTAINTY_CHECKS:
                    continue
                s, e = default_batch.local_cp(row, *finding_span(f))
                k = starts.get(s)
                if f["check"] == "hedge" and k is not None and toks[k][2] in vocab:
                    continue
                if f["check"] == "stacked-hedge":
                    # A stack counts without the model only if one of its members is not a model word.
                    members = [j for j, t in enumerate(toks) if t[0] >= s and t[1] <= e and t[2] in vocab]
                    if members and all(j in hedge_at for j in members):
                        continue
                fixed = True
            for k, t in enumerate(toks):
                if t[2] not in vocab or k in covered:
                    continue
                label = any(t[0] < ge and gs < t[1] for gs, ge in gold)
                examples.append(Example(features(toks, k, hedge_at.get(k, 0)), label,
                                        hedge_at.get(k, 0), sid, doc))
            sentences.append((domain, doc, d["label"] == "uncertain", fixed))
    return examples, sentences


# ---- logistic regression (Adagrad, L2) ----

def train(examples: list[Example], epochs: int = 10, rate: float = 0.3, l2: float = 1e-4, seed: int = 7):
    w: dict[str, float] = defaultdict(float)
    g2: dict[str, float] = defaultdict(lambda: 1e-8)
    order = list(range(len(examples)))
    rnd = random.Random(seed)
    for _ in range(epochs):
        rnd.shuffle(order)
        for idx in order:
            ex = examples[idx]
            z = sum(w[f] for f in ex.feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = p - (1.0 if ex.label else 0.0)
            for f in ex.feats:
                grad = err + l2 * w[f]
                g2[f] += grad * grad
                w[f] -= rate * grad / math.sqrt(g2[f])
    return dict(w)


def score(w: dict[str, float], ex: Example) -> float:
    return sum(w.get(f, 0.0) for f in ex.feats)


# ---- figures ----

def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(examples, sentences, decisions: list[bool], title: str) -> dict[str, float]:
    tp = sum(1 for ex, d in zip(examples, decisions) if d and ex.label)
    fp = sum(1 for ex, d in zip(examples, decisions) if d and not ex.label)
    fn = sum(1 for ex, d in zip(examples, decisions) if not d and ex.label)
    p, r, f = prf(tp, fp, fn)
    line = [f"{title:10s} model-word cues P {p:.3f} R {r:.3f} F1 {f:.3f} |"]
    flagged = set(ex.sent for ex, d in zip(examples, decisions) if d)
    out = {}
    for domain in DOMAINS:
        c = Counter()
        for sid, (dom, _, gold, fixed) in enumerate(sentences):
            if dom != domain:
                continue
            pred = fixed or sid in flagged
            c[(gold, pred)] += 1
        _, _, fs = prf(c[(True, True)], c[(False, True)], c[(True, False)])
        out[domain] = fs
        line.append(f"{domain} {fs:.3f}")
    print(" ".join(line))
    return out


def per_word(examples, decisions_a, decisions_b):
    words = sorted({ex.feats[0][:-2] for ex in examples})
    for v in words:
        rows = [(ex, a, b) for ex, a, b in zip(examples, decisions_a, decisions_b) if ex.feats[0][:-2] == v]
        def f1(idx):
            tp = sum(1 for r in rows if r[idx] and r[0].label)
            fp = sum(1 for r in rows if r[idx] and not r[0].label)
            fn = sum(1 for r in rows if not r[idx] and r[0].label)
            return prf(tp, fp, fn)
        ra, rb = f1(1), f1(2)
        print(f"  {v:12s} n={len(rows):5d} pos={sum(r[0].label for r in rows):4d}  rules P {ra[0]:.2f} R {ra[1]:.2f}"
              f"  model P {rb[0]:.2f} R {rb[1]:.2f}")


def cross_validate(examples, sentences, folds: int, bias: float, verbose: bool, by_domain: bool = False):
    """Figures for the rules alone and for the rules with the model's vetoes, each held-out fold scored by
    a model trained on the other folds (folds by document, or with `by_domain` one fold per domain, so each
    domain is scored by a model that never saw it: does the model carry over to a new kind of text?)."""
    docs = sorted({ex.doc for ex in examples} | {s[1] for s in sentences})
    if by_domain:
        # Document keys start with their domain ("bio_bmc:PMC2774701").
        fold_of = {d: DOMAINS.index(d.split(":")[0]) for d in docs}
        folds = len(DOMAINS)
    else:
        rnd = random.Random(11)
        rnd.shuffle(docs)
        fold_of = {d: k % folds for k, d in enumerate(docs)}
    scores = [0.0] * len(examples)
    for k in range(folds):
        w = train([ex for ex in examples if fold_of[ex.doc] != k and ex.rule])
        for n, ex in enumerate(examples):
            if fold_of[ex.doc] == k:
                scores[n] = score(w, ex)
    rules = [ex.rule > 0 for ex in examples]
    report(examples, sentences, rules, "rules")
    for b in sorted({bias, -1.0, -0.5, 0.0, 0.5, 1.0}):
        report(examples, sentences, [r and s + b > 0 for r, s in zip(rules, scores)], f"veto{b:+.1f}")
    if verbose:
        per_word(examples, rules, [r and s + bias > 0 for r, s in zip(rules, scores)])


def write(w: dict[str, float], bias: float, out: Path, n_examples: int, prune: float) -> None:
    kept = {f: x for f, x in w.items() if abs(x) >= prune or f.endswith("|b")}
    for f in kept:
        if f.endswith("|b"):
            kept[f] += bias
    lines = [
        "# Hedge-cue disambiguator: logistic-regression weights, one feature per line (feature<TAB>weight).",
        "# Generated by tools/hedge_model/train.py from the Szeged uncertainty corpus dev splits only; do not",
        "# edit by hand. The model reviews the rules' hedges on the words whose bias feature '<word>|b' is",
        "# listed: such a hedge is kept when the sum of its features' weights is above zero, else dropped.",
        f"# {n_examples} training occurrences (hedges the rules accept), {len(kept)} features, weights below {prune} dropped.",
    ]
    for f in sorted(kept):
        lines.append(f"{f}\t{kept[f]:.3f}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(kept)} features)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", help="the evidential binary (default build/evidential)")
    ap.add_argument("--shared", help="the shared folder holding corpus/ (default ../shared)")
    ap.add_argument("--cv", type=int, default=0, help="report N-fold cross-validated figures (by document)")
    ap.add_argument("--bias", type=float, default=0.5, help="added to every score: recall against precision")
    ap.add_argument("--prune", type=float, default=0.05, help="drop weights smaller than this")
    ap.add_argument("--cv-domains", action="store_true",
                    help="report leave-one-domain-out figures (each domain scored by a model trained on the others)")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-word figures with --cv")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    binary = resolve_binary(args.binary)
    shared = resolve_shared(args.shared)
    examples, sentences = load(binary, shared, set(VOCABULARY))
    accepted = [e for e in examples if e.rule]
    print(f"{len(examples)} occurrences, {len(accepted)} accepted by the rules, of which "
          f"{sum(e.label for e in accepted)} are gold hedges; {len(sentences)} sentences")
    if args.cv:
        cross_validate(examples, sentences, args.cv, args.bias, args.verbose)
    if args.cv_domains:
        cross_validate(examples, sentences, 0, args.bias, args.verbose, by_domain=True)
    if not args.no_write:
        accepted = [ex for ex in examples if ex.rule]
        write(train(accepted), args.bias, args.out, len(accepted), args.prune)
    return 0


if __name__ == "__main__":
    sys.exit(main())
