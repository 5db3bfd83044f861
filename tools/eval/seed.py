#!/usr/bin/env python3
"""Checks the seed article(s) in ../shared/seed against their hand annotation (*.gold.json), expectation by
expectation, as the project's acceptance requires. Importable (`evaluate(ev, shared)`) and runnable."""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.dont_write_bytecode = True  # keep tools/eval free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (  # noqa: E402
    ATTRIBUTION_CHECKS, HEDGE_CHECKS, UNCERTAINTY_CHECKS, Evidential, EvidentialError, OffsetMap, Row,
    finding_span, format_table, overlaps, part_span, resolve_binary, resolve_shared, strip_span)

# Non-neutral reporting verbs named in DESIGN.md section 4 (quick fix: "said"), with their inflections.
LOADED_VERB_RE = re.compile(r"(assert|claim|admit|insist)(s|ed|ted|ing)?", re.I)
CATEGORIES = ("sentences", "hedges", "attributions", "claims")


@dataclass
class Tally:
    """Expectations met and failed, per category, with one message per failure."""
    total: dict = field(default_factory=lambda: {c: 0 for c in CATEGORIES})
    failed: dict = field(default_factory=lambda: {c: 0 for c in CATEGORIES})
    failures: list = field(default_factory=list)

    def expect(self, category: str, ok: bool, message: str) -> None:
        self.total[category] += 1
        if not ok:
            self.failed[category] += 1
            self.failures.append(f"seed: {category}: {message}")


def short(text: str, n: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def locate(haystack: str, needle: str) -> tuple[int, int] | None:
    """First occurrence of `needle` in `haystack` as a whole word/phrase, else as any substring."""
    m = re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack)
    if m:
        return m.span()
    i = haystack.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


class SeedDoc:
    """One seed document with its gold sentences located (code-point offsets) and the binary's output."""

    def __init__(self, gold_path: Path):
        self.gold = json.loads(gold_path.read_text(encoding="utf-8"))
        self.path = gold_path.parent / self.gold["document"]
        self.text = self.path.read_text(encoding="utf-8")
        self.map = OffsetMap(self.text)
        self.spans: list[tuple[int, int] | None] = []
        pos = 0
        for sent in self.gold["sentences"]:
            i = self.text.find(sent["text"], pos)
            if i < 0:
                i = self.text.find(sent["text"])
            if i < 0:
                self.spans.append(None)
                continue
            self.spans.append((i, i + len(sent["text"])))
            pos = i + len(sent["text"])

    def span_in(self, k: int, needle: str) -> tuple[int, int] | None:
        """Document span of `needle` searched within gold sentence k."""
        base = self.spans[k]
        if base is None:
            return None
        found = locate(self.text[base[0]:base[1]], needle)
        return None if found is None else (base[0] + found[0], base[0] + found[1])

    def label(self, k: int) -> str:
        return f"sentence {k + 1} ({short(self.gold['sentences'][k]['text'])!r})"


class Pred:
    """One finding in code-point offsets of its document."""

    def __init__(self, f: dict, m: OffsetMap, text: str):
        self.check = f.get("check", "")
        self.span = m.span_to_cp(*finding_span(f))
        self.kind = f.get("source_kind")
        self.cue = self.source = None
        if part_span(f, "cue"):
            self.cue = m.span_to_cp(*part_span(f, "cue"))
        if part_span(f, "source"):
            self.source = m.span_to_cp(*part_span(f, "source"))
        self.text = text

    def touches(self, span: tuple[int, int]) -> bool:
        return any(x is not None and overlaps(x, span) for x in (self.span, self.cue, self.source))

    def part_text(self, role: str) -> str:
        sp = getattr(self, role)
        return "" if sp is None else self.text[sp[0]:sp[1]]


def check_sentences(doc: SeedDoc, parsed: dict, t: Tally) -> None:
    """(a) `evidential parse` yields exactly the gold sentences; text after the last gold sentence (a stray
    token) may stay attached to it or stand alone."""
    got = set()
    for s in parsed.get("sentences") or []:
        span = strip_span(doc.text, *doc.map.span_to_cp(int(s["start"]), int(s["end"])))
        if span[1] > span[0]:
            got.add(span)
    located = [sp for sp in doc.spans if sp is not None]
    last_end = max((e for _, e in located), default=0)
    stray = strip_span(doc.text, last_end, len(doc.text))
    matched = set()
    for k, span in enumerate(doc.spans):
        if span is None:
            t.expect("sentences", False, f"{doc.label(k)} is not a substring of the document (gold data)")
            continue
        ok = span in got
        if ok:
            matched.add(span)
        elif span[1] == last_end and stray[1] > stray[0] and (span[0], stray[1]) in got:
            ok = True
            matched.add((span[0], stray[1]))
        t.expect("sentences", ok, f"{doc.label(k)} is not one parse sentence")
    if stray[1] > stray[0]:
        matched.add(stray)
    extra = sorted(got - matched)
    t.expect("sentences", not extra, f"{doc.path.name}: parse sentences matching no gold sentence: "
             + "; ".join(repr(short(doc.text[s:e], 40)) for s, e in extra[:6])
             + (f" (+{len(extra) - 6} more)" if len(extra) > 6 else ""))


def check_hedges(doc: SeedDoc, preds: list[Pred], t: Tally) -> None:
    """(b) hedges, weasels, not-hedges, sentences without any, and stacked hedges."""
    for k, sent in enumerate(doc.gold["sentences"]):
        sspan = doc.spans[k]
        if sspan is None:
            continue
        hedge_spans = []
        for h in sent.get("hedges", []):
            sp = doc.span_in(k, h)
            if sp is None:
                t.expect("hedges", False, f"gold hedge {h!r} not found in {doc.label(k)} (gold data)")
                continue
            hedge_spans.append(sp)
            ok = any(p.check in UNCERTAINTY_CHECKS and overlaps(p.span, sp) for p in preds)
            t.expect("hedges", ok, f"hedge {h!r} not flagged in {doc.label(k)}")
        for w in sent.get("weasels", []):
            sp = doc.span_in(k, w)
            ok = sp is not None and any(p.check == "weasel" and overlaps(p.span, sp) for p in preds)
            t.expect("hedges", ok, f"weasel {w!r} not flagged as `weasel` in {doc.label(k)}")
        for nh in sent.get("not_hedges", []):
            sp = doc.span_in(k, nh)
            bad = sp is not None and any(p.check in HEDGE_CHECKS and overlaps(p.span, sp) for p in preds)
            t.expect("hedges", not bad, f"{nh!r} is not a hedge but was flagged in {doc.label(k)}")
        if not sent.get("hedges") and not sent.get("weasels"):
            bad = [p for p in preds if p.check in UNCERTAINTY_CHECKS and sspan[0] <= p.span[0] < sspan[1]]
            t.expect("hedges", not bad, f"{doc.label(k)} has no hedge or weasel but got "
                     + ", ".join(f"{p.check} {doc.text[p.span[0]:p.span[1]]!r}" for p in bad))
        # Gold hedges with only whitespace between them form one stacked hedge ("may possibly").
        hedge_spans.sort()
        for a, b in zip(hedge_spans, hedge_spans[1:]):
            if doc.text[a[1]:b[0]].strip() or b[0] < a[1]:
                continue
            stacks = [p for p in preds if p.check == "stacked-hedge" and overlaps(p.span, (a[0], b[1]))]
            ok = len(stacks) == 1 and stacks[0].span[0] <= a[0] and stacks[0].span[1] >= b[1]
            t.expect("hedges", ok, f"{doc.text[a[0]:b[1]]!r} is not one `stacked-hedge` finding "
                     f"({len(stacks)} overlapping) in {doc.label(k)}")


def check_attributions(doc: SeedDoc, preds: list[Pred], t: Tally) -> None:
    """(c) each gold attribution: cue, source span and source kind; anonymous sources and loaded verbs."""
    attrib = [p for p in preds if p.check in ATTRIBUTION_CHECKS]
    for k, sent in enumerate(doc.gold["sentences"]):
        for a in sent.get("attributions", []):
            cue, src, kind = doc.span_in(k, a["cue"]), doc.span_in(k, a["source"]), a["source_kind"]
            what = f"attribution {a['cue']!r} / {a['source']!r} in {doc.label(k)}"
            if cue is None or src is None:
                t.expect("attributions", False, f"{what}: gold span not found (gold data)")
                continue
            with_cue = [p for p in attrib if overlaps(p.cue or p.span, cue)]
            with_src = [p for p in with_cue if p.source is not None and overlaps(p.source, src)]
            full = [p for p in with_src if p.kind == kind]
            if not with_cue:
                msg = f"{what}: no attribution finding on the cue"
            elif not with_src:
                msg = f"{what}: source found as {with_cue[0].part_text('source')!r}"
            else:
                msg = f"{what}: source_kind {with_src[0].kind!r}, expected {kind!r}"
            t.expect("attributions", bool(full), msg)
            if kind == "anonymous":
                ok = any(p.check == "anonymous-source" and (p.touches(cue) or p.touches(src)) for p in preds)
                t.expect("attributions", ok, f"{what}: no `anonymous-source` finding")
            if LOADED_VERB_RE.fullmatch(a["cue"].strip()):
                ok = any(p.check == "loaded-reporting-verb" and p.touches(cue) for p in preds)
                t.expect("attributions", ok, f"{what}: no `loaded-reporting-verb` finding")


def check_claims(doc: SeedDoc, preds: list[Pred], t: Tally) -> None:
    """(d) unsourced sentences get an `unsourced-claim` finding; attributed ones (also by context) do not."""
    claims = [p for p in preds if p.check == "unsourced-claim"]
    for k, sent in enumerate(doc.gold["sentences"]):
        sspan, label = doc.spans[k], sent.get("claim")
        if sspan is None:
            continue
        hit = any(overlaps(p.span, sspan) for p in claims)
        if label == "unsourced":
            t.expect("claims", hit, f"{doc.label(k)} is unsourced but has no `unsourced-claim` finding")
        elif label in ("attributed", "attributed_by_context"):
            t.expect("claims", not hit, f"{doc.label(k)} is {label} but has an `unsourced-claim` finding")


def evaluate(ev: Evidential, shared: Path) -> tuple[list[Row], list[str], list[str]]:
    """Rows (one per category, R = share of expectations met, n = expectations; and `failures`), failure
    lines and notes. Raises EvidentialError when the binary fails."""
    gold_files = sorted((shared / "seed").glob("*.gold.json"))
    if not gold_files:
        return [], [], [f"seed: skipped: no *.gold.json in {shared / 'seed'}"]
    docs = [SeedDoc(g) for g in gold_files]
    findings = ev.check([d.path for d in docs])
    t = Tally()
    for d in docs:
        check_sentences(d, ev.parse(d.path), t)
        mine = [f for f in findings if Path(str(f.get("file", ""))).name == d.path.name]
        preds = [Pred(f, d.map, d.text) for f in mine]
        check_hedges(d, preds, t)
        check_attributions(d, preds, t)
        check_claims(d, preds, t)
    rows = []
    for c in CATEGORIES:
        total, failed = t.total[c], t.failed[c]
        rows.append(Row("seed", "gold", c, r=(total - failed) / total if total else None, n=total,
                        extra={"failed": failed}))
    n_fail = sum(t.failed.values())
    rows.append(Row("seed", "gold", "failures", n=n_fail,
                    extra={"failures": n_fail, "expectations": sum(t.total.values())}))
    return rows, t.failures, [f"seed: {len(docs)} document(s), {sum(t.total.values())} expectations, "
                              f"{n_fail} failed"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--binary", help="evidential binary (default build/evidential)")
    ap.add_argument("--shared", help="folder holding corpus/ and seed/ (default <repo>/../shared)")
    ap.add_argument("--json", help="write rows and failures as JSON to this file")
    ap.add_argument("--strict", action="store_true", help="exit 1 when any expectation fails")
    args = ap.parse_args(argv)
    shared = resolve_shared(args.shared)
    if not (shared / "seed").is_dir():
        print(f"skipped: {shared / 'seed'} not found")
        return 0
    binary = resolve_binary(args.binary)
    if not binary.is_file():
        print(f"error: evidential binary not found at {binary} (build it, or pass --binary)", file=sys.stderr)
        return 2
    try:
        rows, failures, notes = evaluate(Evidential(binary), shared)
    except EvidentialError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for line in failures:
        print(line)
    print(format_table(rows))
    for n in notes:
        print(n)
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": [r.as_json() for r in rows], "failures": failures},
                                              indent=1), encoding="utf-8")
    return 1 if args.strict and failures else 0


if __name__ == "__main__":
    sys.exit(main())
