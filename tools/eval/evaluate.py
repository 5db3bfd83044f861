#!/usr/bin/env python3
"""Runs the real `evidential` binary over the evaluation corpora in ../shared/corpus and the seed article in
../shared/seed and prints one table: dataset | split | metric | P | R | F1 | MAP | n. See README.md here."""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.dont_write_bytecode = True  # keep tools/eval free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import seed  # noqa: E402
from harness import (  # noqa: E402
    ALL_CHECKS, SPLIT_ROLE, UNCERTAINTY_CHECKS, VAGUENESS_CHECKS, Evidential, EvidentialError, OffsetMap, Row, TokenIndex,
    attribution_findings, binary_row, finding_span, format_table, overlaps, part_span, prf_row, read_jsonl,
    CHECK_WORTHY_CONFIG, resolve_binary, resolve_shared, run_batch, strip_span, threshold_config, word_tokens)

GROUPS = ("sentences", "hedges", "attribution", "claims", "seed")
SZEGED_DOMAINS = ("wiki", "factbank", "bio_bmc", "bio_fly", "bio_hbc")
# Gold cue types a hedge finding should match; condition and investigation cues are not epistemic hedges.
HEDGE_CUE_TYPES = {"epistemic", "doxastic", "epistemic_possible"}
DEFAULT_TRAIN_DOCS = 150


class Context:
    def __init__(self, ev: Evidential, corpus: Path, jobs: int):
        self.ev, self.corpus, self.jobs = ev, corpus, jobs
        self.known_checks = ev.check_ids()  # None when the binary cannot list them

    def lacks(self, check: str) -> bool:
        return self.known_checks is not None and check not in self.known_checks


class Result:
    """What one task produced: rows, notes for under the table, and its running time."""

    def __init__(self, rows=None, notes=None):
        self.rows: list[Row] = rows or []
        self.notes: list[str] = notes or []
        self.seconds = 0.0
        self.failures: list[str] = []


def missing(path: Path) -> Result:
    return Result(notes=[f"skipped: {path} not found"])


# ---------------------------------------------------------------------------------------------------------
# Hedges: Szeged uncertainty (cue and sentence level), CoNLL-2010 Wikipedia sample (sentence level).

def task_szeged(ctx: Context, domain: str, split: str) -> Result:
    path = ctx.corpus / "szeged-uncertainty" / f"{domain}.{split}.jsonl"
    if not path.is_file():
        return missing(path)
    data = read_jsonl(path)
    batch, found = run_batch(ctx.ev, [d["text"] for d in data])
    tp_pred = n_pred = tp_gold = n_gold = neutral = 0
    gold_s, pred_s = [], []
    for i, d in enumerate(data):
        fs = found.get(i, [])
        gold = [tuple(c) for c, t in zip(d["cues"], d["cue_types"]) if t in HEDGE_CUE_TYPES]
        other = [tuple(c) for c, t in zip(d["cues"], d["cue_types"]) if t not in HEDGE_CUE_TYPES]
        hedges = [batch.local_cp(i, *finding_span(f)) for f in fs if f.get("check") == "hedge"]
        stacks = [batch.local_cp(i, *finding_span(f)) for f in fs if f.get("check") == "stacked-hedge"]
        # A stacked hedge counts as a cue only when no `hedge` finding inside it already stands for its parts.
        preds = hedges + [s for s in stacks if not any(s[0] <= h[0] and h[1] <= s[1] for h in hedges)]
        for p in preds:
            if any(overlaps(p, g) for g in gold):
                tp_pred += 1
                n_pred += 1
            elif any(overlaps(p, g) for g in other):
                neutral += 1  # on a condition/investigation cue: neither right nor wrong for a hedge check
            else:
                n_pred += 1
        n_gold += len(gold)
        tp_gold += sum(1 for g in gold if any(overlaps(p, g) for p in preds))
        gold_s.append(d["label"] == "uncertain")
        pred_s.append(any(f.get("check") in UNCERTAINTY_CHECKS for f in fs))
    name = f"szeged-{domain}"
    return Result([prf_row(name, split, "cue", tp_pred, n_pred, tp_gold, n_gold, neutral_pred=neutral),
                   binary_row(name, split, "sentence", gold_s, pred_s)])


def task_conll(ctx: Context, split: str) -> Result:
    path = ctx.corpus / "conll2010-wiki-sample" / f"conll2010_wiki_sample.{split}.jsonl"
    if not path.is_file():
        return missing(path)
    data = read_jsonl(path)
    _, found = run_batch(ctx.ev, [d["text"] for d in data])
    gold = [d["label"] == "uncertain" for d in data]
    pred = [any(f.get("check") in UNCERTAINTY_CHECKS for f in found.get(i, [])) for i in range(len(data))]
    wide = [any(f.get("check") in VAGUENESS_CHECKS for f in found.get(i, [])) for i in range(len(data))]
    return Result([binary_row("conll2010-wiki", split, "sentence", gold, pred),
                   binary_row("conll2010-wiki", split, "sentence-all-vagueness", gold, wide)])


# ---------------------------------------------------------------------------------------------------------
# PolNeAR: attribution (cue / source tokens, sentence has-attribution) and sentence boundaries.

def polnear_layout_note(docs: list[dict], split: str) -> str:
    """How the split's texts lay out paragraphs, and how many gold sentences no paragraph-respecting
    segmenter can reproduce."""
    lone = sum(len(re.findall(r"(?<!\n)\n(?!\n)", d["text"])) for d in docs)
    crossing = total = 0
    for d in docs:
        for s, e in d["sentences"] or []:
            total += 1
            s, e = strip_span(d["text"], s, e)
            crossing += "\n\n" in d["text"][s:e]
    return (f"polnear {split}: texts fed byte-for-byte, no conversion: title line, then paragraphs already "
            f"separated by blank lines; {lone} single newlines inside paragraphs left as they are; "
            f"{crossing} of {total} CoreNLP gold sentences span a blank line (plain text runs a paragraph "
            f"ending in ':' or holding only a time of day on into the next; other such spans cannot match)")


def attribution_rows(split: str, docs: list[dict], findings: dict[str, list[dict]], n_docs_note: str) -> list[Row]:
    counts = {k: [0, 0, 0] for k in ("cue", "source")}  # |pred & gold|, |pred|, |gold|
    sent_gold, sent_pred = [], []
    for k, d in enumerate(docs):
        text = d["text"]
        omap = OffsetMap(text)
        idx = TokenIndex(word_tokens(text))
        gold = {"cue": set(), "source": set()}
        for a in d["attributions"]:
            for role in gold:
                for s, e in a.get(role) or []:
                    gold[role].update(idx.touching(s, e))
        pred = {"cue": set(), "source": set()}
        for f in attribution_findings(findings.get(doc_name(k), [])):
            for role in pred:
                sp = part_span(f, role)
                if sp is None and role == "cue":
                    sp = finding_span(f)  # the contract promises a cue; fall back to the finding's range
                if sp is not None:
                    pred[role].update(idx.touching(*omap.span_to_cp(*sp)))
        for role, c in counts.items():
            c[0] += len(pred[role] & gold[role])
            c[1] += len(pred[role])
            c[2] += len(gold[role])
        if d["sentences"]:
            for s, e in d["sentences"]:
                toks = {t for t in idx.touching(s, e) if s <= idx.tokens[t][0] < e}  # tokens starting inside
                sent_gold.append(bool(toks & gold["cue"]))
                sent_pred.append(bool(toks & pred["cue"]))
    rows = []
    for role, (tp, n_pred, n_gold) in counts.items():
        rows.append(prf_row("polnear", split, f"{role}-tokens", tp, n_pred, tp, n_gold, docs=n_docs_note))
    rows.append(binary_row("polnear", split, "has-attribution", sent_gold, sent_pred, docs=n_docs_note))
    return rows


def doc_name(k: int) -> str:
    return f"doc{k:04d}.txt"


QUOTE_EDGE_CHARS = set("\"'`“”‘’ \t\n\r")


def strip_quote_edges(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Also drop quotation marks at a span's edges: CoreNLP gives a newswire '' to whichever sentence
    its tokenizer guessed, so the two conventions differ only in which sentence owns the mark."""
    s, e = span
    while s < e and text[s] in QUOTE_EDGE_CHARS:
        s += 1
    while e > s and text[e - 1] in QUOTE_EDGE_CHARS:
        e -= 1
    return (s, e)


# Why a CoreNLP gold sentence has no exact match among ours, tried in this order. Each pattern describes a
# convention or an error of CoreNLP's splitter that a prose linter should not copy; what none of them
# describes is counted as "other" (our own errors are among those).
PARTY_STATE = re.compile(r"\((?:[RDI])-[A-Za-z. ]+\.\)\s*$")
TITLE_DEL = re.compile(r"\bDel\.\s*$")


def split_after(pattern: re.Pattern):
    """The gold sentence ends on the pattern, or the one before it did (both halves lack a match)."""
    return lambda text, s, e, q: bool(pattern.search(text[s:e]) or pattern.search(text[max(0, s - 12):s]))


MISMATCH_KINDS = (
    ("quote mark owned by the neighbouring sentence", lambda text, s, e, q: strip_quote_edges(text, (s, e)) in q),
    ("gold sentence spans a blank line", lambda text, s, e, q: "\n\n" in text[s:e]),
    ('split after a party-state abbreviation such as "(R-Ky.)"', split_after(PARTY_STATE)),
    ('split after the title "Del."', split_after(TITLE_DEL)),
    ("split before a lower-case word or a comma",
     lambda text, s, e, q: text[s:s + 1].islower() or text[s:s + 1] in ",;"),
)


def sentence_mismatch_note(split: str, kinds: dict[str, int], unmatched: int) -> str:
    parts = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
    return f"polnear {split}: {unmatched} CoreNLP sentences with no exact match: {parts}"


def sentence_span_rows(ctx: Context, split: str, docs: list[dict], paths: list[Path]) -> tuple[list[Row], str]:
    """Exact sentence-span match (whitespace stripped at the edges) of `evidential parse` vs CoreNLP,
    and the same with quotation marks at the edges ignored too; and a note that sorts the gold sentences
    without an exact match by why they differ."""
    todo = [(d, p) for d, p in zip(docs, paths) if d["sentences"] is not None]
    with ThreadPoolExecutor(max_workers=ctx.jobs) as pool:
        parsed = list(pool.map(lambda dp: ctx.ev.parse(dp[1]), todo))
    tp = n_pred = n_gold = 0
    qtp = qn_pred = qn_gold = 0
    markups = set()
    kinds: dict[str, int] = {}
    unmatched = 0
    for (d, _), out in zip(todo, parsed):
        text, omap = d["text"], OffsetMap(d["text"])
        markups.add(out.get("markup"))
        gold = {strip_span(text, s, e) for s, e in d["sentences"]}
        pred = set()
        for s in out.get("sentences") or []:
            span = strip_span(text, *omap.span_to_cp(int(s["start"]), int(s["end"])))
            if span[1] > span[0]:
                pred.add(span)
        gold = {g for g in gold if g[1] > g[0]}
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
        qgold = {q for q in (strip_quote_edges(text, g) for g in gold) if q[1] > q[0]}
        qpred = {q for q in (strip_quote_edges(text, p) for p in pred) if q[1] > q[0]}
        qtp += len(qgold & qpred)
        qn_pred += len(qpred)
        qn_gold += len(qgold)
        for s, e in gold - pred:
            unmatched += 1
            kind = next((k for k, test in MISMATCH_KINDS if test(text, s, e, qpred)), "other")
            kinds[kind] = kinds.get(kind, 0) + 1
    markup = sorted(m for m in markups if m)
    return ([prf_row("polnear", split, "sentence-spans", tp, n_pred, tp, n_gold, docs=len(todo), markup=markup),
             prf_row("polnear", split, "sentence-spans-quote-edges", qtp, qn_pred, qtp, qn_gold, docs=len(todo),
                     markup=markup)],
            sentence_mismatch_note(split, kinds, unmatched))


def task_polnear(ctx: Context, split: str, attribution: bool, sentences: bool, limit: int | None) -> Result:
    path = ctx.corpus / "polnear" / f"{split}.jsonl"
    if not path.is_file():
        return missing(path)
    docs = read_jsonl(path)
    total = len(docs)
    if limit is not None:
        docs = docs[:limit]
    res = Result()
    docs_note = f"{len(docs)} of {total}"
    if limit is not None and len(docs) < total:
        res.notes.append(f"polnear {split}: first {len(docs)} of {total} documents (--full for all)")
    with tempfile.TemporaryDirectory(prefix="evidential-eval-polnear-") as tmp:
        paths = []
        for k, d in enumerate(docs):
            p = Path(tmp) / doc_name(k)
            p.write_bytes(d["text"].encode("utf-8"))
            paths.append(p)
        if sentences:
            rows, mismatches = sentence_span_rows(ctx, split, docs, paths)
            res.rows.extend(rows)
            res.notes.append(polnear_layout_note(docs, split))
            res.notes.append(mismatches)
            if res.rows[-1].extra.get("markup") not in ([], ["plain"]):
                res.notes.append(f"polnear {split}: parse reported markup {res.rows[-1].extra['markup']}, "
                                 "expected plain for .txt")
        if attribution:
            found: dict[str, list[dict]] = {}
            for f in ctx.ev.check(paths):
                found.setdefault(Path(str(f.get("file", ""))).name, []).append(f)
            res.rows.extend(attribution_rows(split, docs, found, docs_note))
    return res


# ---------------------------------------------------------------------------------------------------------
# Claims: ClaimBuster (check-worthy F1, threshold sweep on kfold25 only), CLEF-2019 (MAP).

def row_scores(found: dict[int, list[dict]], n: int) -> list[float]:
    """Each row's highest `unsourced-claim` score (0 without a finding)."""
    scores = [0.0] * n
    for i, fs in found.items():
        for f in fs:
            if f.get("check") == "unsourced-claim":
                scores[i] = max(scores[i], float(f.get("score") or 0.0))
    return scores


def best_threshold(gold: list[bool], scores: list[float]) -> tuple[float, int, int, int]:
    """Threshold t maximising F1 of `score >= t` (only positive scores flag); returns (t, tp, n_pred, n_gold)."""
    n_gold = sum(gold)
    pairs = sorted(((s, g) for s, g in zip(scores, gold) if s > 0), key=lambda x: -x[0])
    best = (0.0, -1.0, 0, 0)  # threshold, f1, tp, n_pred
    tp = n_pred = 0
    for k, (s, g) in enumerate(pairs):
        tp += g
        n_pred += 1
        if k + 1 < len(pairs) and pairs[k + 1][0] == s:
            continue  # a threshold cannot split equal scores
        f1 = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
        if f1 > best[1]:
            best = (s, f1, tp, n_pred)
    return best[0], best[2], best[3], n_gold


def task_claimbuster(ctx: Context, split: str, sweep: bool) -> Result:
    name = {"kfold25": "claimbuster_kfold25.jsonl", "test702": "claimbuster_test702.jsonl"}[split]
    path = ctx.corpus / "claimbuster" / name
    if not path.is_file():
        return missing(path)
    data = read_jsonl(path)
    texts = [d["text"] for d in data]
    gold = [d["label"] == "check-worthy" for d in data]
    def predictions(config):
        _, found = run_batch(ctx.ev, texts, config=config)
        return [any(f.get("check") == "unsourced-claim" for f in found.get(i, [])) for i in range(len(data))]

    pred = predictions(CHECK_WORTHY_CONFIG)
    res = Result([binary_row("claimbuster", split, "check-worthy", gold, pred),
                  binary_row("claimbuster", split, "unsourced-finding", gold, predictions(None))])
    if sweep and ctx.lacks("unsourced-claim"):
        res.notes.append(f"claimbuster {split}: sweep skipped: the binary has no unsourced-claim check yet")
        sweep = False
    if any("in_kfold25" in d for d in data):
        # test702 shares most sentences with kfold25; the rest is the only part untouched by tuning.
        novel = [i for i, d in enumerate(data) if not d.get("in_kfold25")]
        res.rows.append(binary_row("claimbuster", split, "check-worthy-not-in-kfold25",
                                   [gold[i] for i in novel], [pred[i] for i in novel]))
    if sweep:
        assert SPLIT_ROLE[split] == "tune", "threshold sweeps run on tune-on splits only"
        _, found0 = run_batch(ctx.ev, texts, config=threshold_config(0.0, attributed=True))
        t, tp, n_pred, n_gold = best_threshold(gold, row_scores(found0, len(data)))
        row = prf_row("claimbuster", split, "sweep-best", tp, n_pred, tp, n_gold, threshold=t)
        row.n = len(data)
        res.rows.append(row)
        res.notes.append(f"claimbuster {split}: best unsourced-claim threshold {t:.4f} (F1 {row.f1:.3f}); "
                         "set it as options.unsourced-claim.threshold")
    return res


def average_precision(labels_ranked: list[bool]) -> float:
    hits, total = 0, 0.0
    for k, pos in enumerate(labels_ranked, 1):
        if pos:
            hits += 1
            total += hits / k
    return total / hits if hits else 0.0


def task_clef(ctx: Context) -> Result:
    path = ctx.corpus / "clef2019-checkthat-task1" / "test.jsonl"
    if not path.is_file():
        return missing(path)
    if ctx.lacks("unsourced-claim"):
        return Result(notes=["clef2019 test: skipped: the binary has no unsourced-claim check yet "
                             "(its configuration would refuse the threshold option)"])
    data = sorted(read_jsonl(path), key=lambda d: (d["debate"], d["line"]))
    _, found = run_batch(ctx.ev, [d["text"] for d in data], config=threshold_config(0.0, attributed=True))
    scores = row_scores(found, len(data))
    debates: dict[str, list[int]] = {}
    for i, d in enumerate(data):
        debates.setdefault(d["debate"], []).append(i)
    aps = {}
    for debate, idx in debates.items():
        ranked = sorted(idx, key=lambda i: (-scores[i], i))  # ties keep the debate's order
        aps[debate] = average_precision([data[i]["label"] == "check-worthy" for i in ranked])
    mean_ap = sum(aps.values()) / len(aps) if aps else 0.0
    return Result([Row("clef2019", "test", "check-worthy", map=mean_ap, n=len(data),
                       extra={"ap_per_debate": aps})],
                  [f"clef2019 test: MAP over {len(aps)} debates, sentences ranked by unsourced-claim score at "
                   "threshold 0 with attributed claims included (no finding = 0, ties in debate order)"])


def task_seed(ctx: Context, shared: Path) -> Result:
    rows, failures, notes = seed.evaluate(ctx.ev, shared)
    res = Result(rows, notes)
    res.failures = failures
    return res


# ---------------------------------------------------------------------------------------------------------
# Floors.

def check_floors(rows: list[Row], floors_path: Path) -> tuple[list[str], list[str]]:
    """Violations and notes. A floor is a minimum for p/r/f1/map or a `max` for a count (seed failures);
    floors on report-on splits are refused: those splits are measured, never asserted."""
    floors = json.loads(floors_path.read_text(encoding="utf-8"))
    by_key = {r.key: r for r in rows}
    failed = {(r.dataset, r.split): r.error for r in rows if r.error}
    violations, unmeasured = [], []
    checked = 0
    for key, spec in floors.items():
        if key.startswith("_"):
            continue  # comments
        parts = key.split("/")
        if len(parts) != 3:
            violations.append(f"floor {key}: key is not dataset/split/metric")
            continue
        if SPLIT_ROLE.get(parts[1]) == "report":
            violations.append(f"floor {key}: {parts[1]} is a report-on split; it must not carry a floor")
            continue
        if (parts[0], parts[1]) in failed:
            violations.append(f"floor {key}: not measured: {failed[(parts[0], parts[1])]}")
            continue
        row = by_key.get(key)
        if row is None:
            unmeasured.append(key)
            continue
        checked += 1
        for fld, limit in spec.items():
            if fld == "max":
                value = row.extra.get("failures", row.n)
                if value is None or value > limit:
                    violations.append(f"floor {key}: {value} > max {limit}")
            elif fld in ("p", "r", "f1", "map"):
                value = getattr(row, fld)
                if value is None or value < limit - 1e-9:
                    shown = "none" if value is None else f"{value:.4f}"
                    violations.append(f"floor {key}: {fld} {shown} < {limit}")
            else:
                violations.append(f"floor {key}: unknown field {fld!r}")
    notes = [f"floors ({floors_path}): {checked} checked, {len(violations)} violated"
             + (f", {len(unmeasured)} not measured in this run" if unmeasured else "")]
    return violations, notes


# ---------------------------------------------------------------------------------------------------------

def build_tasks(args, ctx: Context, shared: Path, groups: set[str]) -> list[tuple[str, str, float, object]]:
    """(dataset, split, rough cost for scheduling, thunk) in table order."""
    tasks = []
    limit = None if args.full else args.train_docs
    polnear_splits = [("train", limit)] if "attribution" in groups else []
    if groups & {"attribution", "sentences"}:
        polnear_splits += [("dev", None), ("test", None)]
    for split, lim in polnear_splits:
        attr = "attribution" in groups
        sent = "sentences" in groups and split != "train"
        tasks.append(("polnear", split, 10 if split == "train" else 6,
                      lambda s=split, l=lim, a=attr, t=sent: task_polnear(ctx, s, a, t, l)))
    if "hedges" in groups:
        sizes = {"wiki": 3.5, "bio_hbc": 2.5, "bio_fly": 0.7, "bio_bmc": 0.6, "factbank": 0.6}
        for domain in SZEGED_DOMAINS:
            for split in ("dev", "test"):
                w = sizes[domain] * (1 if split == "dev" else 0.4)
                tasks.append((f"szeged-{domain}", split, w, lambda d=domain, s=split: task_szeged(ctx, d, s)))
        for split in ("dev", "test"):
            tasks.append(("conll2010-wiki", split, 0.5, lambda s=split: task_conll(ctx, s)))
    if "claims" in groups:
        tasks.append(("claimbuster", "kfold25", 3 if args.sweep else 1.6,
                      lambda: task_claimbuster(ctx, "kfold25", args.sweep)))
        tasks.append(("claimbuster", "test702", 0.2, lambda: task_claimbuster(ctx, "test702", False)))
        tasks.append(("clef2019", "test", 1.5, lambda: task_clef(ctx)))
    if "seed" in groups:
        tasks.append(("seed", "gold", 0.1, lambda: task_seed(ctx, shared)))
    return tasks


def run_tasks(tasks, jobs: int, verbose: bool) -> list[tuple[str, Result]]:
    def timed(dataset, split, thunk):
        t0 = time.monotonic()
        try:
            res = thunk()
        except EvidentialError as e:
            res = Result([Row(dataset, split, "*", error=str(e))], [f"error: {dataset} {split}: {e}"])
        res.seconds = time.monotonic() - t0
        if verbose:
            print(f"[eval] {dataset} {split}: {res.seconds:.1f}s", file=sys.stderr)
        return res

    # Largest first so the workers finish together; results are reported in table order.
    order = sorted(range(len(tasks)), key=lambda i: -tasks[i][2])
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {i: pool.submit(timed, tasks[i][0], tasks[i][1], tasks[i][3]) for i in order}
        return [(f"{tasks[i][0]} {tasks[i][1]}", futures[i].result()) for i in range(len(tasks))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--binary", help="evidential binary (default build/evidential in the repository)")
    ap.add_argument("--shared", help="folder holding corpus/ and seed/ (default <repo>/../shared, "
                                     "or $EVIDENTIAL_SHARED)")
    ap.add_argument("--only", help="comma-separated groups: " + ",".join(GROUPS))
    ap.add_argument("--full", action="store_true", help="all PolNeAR train documents, not the first "
                                                        f"{DEFAULT_TRAIN_DOCS}")
    ap.add_argument("--train-docs", type=int, default=DEFAULT_TRAIN_DOCS, help="PolNeAR train sample size")
    ap.add_argument("--sweep", action="store_true", help="unsourced-claim threshold sweep on ClaimBuster kfold25")
    ap.add_argument("--json", help="write machine-readable results to this file")
    ap.add_argument("--floors", help="compare with these floors (tests/quality_floors.json); exit 1 if any fails")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="binary runs in parallel")
    ap.add_argument("-v", "--verbose", action="store_true", help="time each dataset on stderr")
    args = ap.parse_args(argv)

    groups = set(GROUPS)
    if args.only:
        groups = {g.strip() for g in args.only.split(",") if g.strip()}
        unknown = groups - set(GROUPS)
        if unknown:
            ap.error(f"unknown group(s) {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}")

    shared = resolve_shared(args.shared)
    if not shared.is_dir():
        print(f"skipped: ../shared not found (looked for {shared}; set --shared or EVIDENTIAL_SHARED)")
        return 0
    binary = resolve_binary(args.binary)
    if not binary.is_file():
        print(f"error: evidential binary not found at {binary} (build it, or pass --binary)", file=sys.stderr)
        return 2

    t0 = time.monotonic()
    ctx = Context(Evidential(binary), shared / "corpus", args.jobs)
    results = run_tasks(build_tasks(args, ctx, shared, groups), args.jobs, args.verbose)
    rows = [r for _, res in results for r in res.rows]
    notes = [n for _, res in results for n in res.notes]
    if ctx.ev.offset_mismatches:
        notes.insert(0, f"OFFSET CONTRACT: {len(ctx.ev.offset_mismatches)} findings' `text` is not the text at "
                        f"their byte offsets, e.g. {ctx.ev.offset_mismatches[0]}")
    absent = [c for c in ALL_CHECKS if ctx.lacks(c)]
    if absent:
        notes.insert(0, "the binary has no " + ", ".join(absent) + " check yet: rows that need them read 0")
    failures = [f for _, res in results for f in res.failures]
    elapsed = time.monotonic() - t0

    for line in failures:
        print(line)
    print(format_table(rows))
    print("tune-on splits: train, dev, kfold25 (floors apply); report-on: test, test702 (measured, never "
          "tuned on or asserted); seed/gold: R = share of expectations met, failures n = expectations failed")
    for n in notes:
        print(n)

    status = 1 if any(r.error for r in rows) else 0
    floor_result = None
    if args.floors:
        violations, floor_notes = check_floors(rows, Path(args.floors))
        for v in violations:
            print(f"FLOOR VIOLATED: {v}")
        for n in floor_notes:
            print(n)
        floor_result = {"violations": violations}
        status = 1 if violations else status
    print(f"elapsed {elapsed:.0f}s with {binary}")

    if args.json:
        Path(args.json).write_text(json.dumps({
            "binary": str(binary), "shared": str(shared), "elapsed_s": round(elapsed, 1),
            "rows": [r.as_json() for r in rows], "notes": notes, "seed_failures": failures,
            "timings_s": {label: round(res.seconds, 1) for label, res in results},
            "floors": floor_result}, indent=1), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
