"""Shared pieces of the quality harness: where the binary and the corpora are, running `evidential`,
UTF-8 byte <-> code-point offsets, batching many short texts into one plain-text file, and the figures."""
from __future__ import annotations

import bisect
import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Which splits may be tuned on (and carry regression floors) and which only give the honest figure.
# See ../shared/corpus/README.md.
SPLIT_ROLE = {
    "dev": "tune", "train": "tune", "kfold25": "tune",
    "test": "report", "test702": "report",
    "gold": "seed",
}

# Checks whose findings carry `cue`, `source` and `source_kind`.
ATTRIBUTION_CHECKS = ("attribution", "anonymous-source", "source-reliability", "loaded-reporting-verb")
HEDGE_CHECKS = ("hedge", "stacked-hedge")
ALL_CHECKS = ("hedge", "stacked-hedge", "weasel", "booster", "peacock", "vague-quantity", *ATTRIBUTION_CHECKS,
              "unattributed-quote", "unsourced-claim")
UNCERTAINTY_CHECKS = ("hedge", "stacked-hedge", "weasel")
# The CoNLL-2010 Wikipedia labels also cover puffery ("one of the most important") and vague quantities
# ("many residents"): a second row adds the two checks for them.
VAGUENESS_CHECKS = (*UNCERTAINTY_CHECKS, "peacock", "vague-quantity")


class EvidentialError(RuntimeError):
    """The binary failed (exit code other than 0/1, unreadable output, or a timeout)."""


def resolve_shared(arg: str | None) -> Path:
    """--shared DIR, else $EVIDENTIAL_SHARED, else <repo>/../shared."""
    if arg:
        return Path(arg).resolve()
    env = os.environ.get("EVIDENTIAL_SHARED")
    if env:
        return Path(env).resolve()
    return (REPO.parent / "shared").resolve()


def resolve_binary(arg: str | None) -> Path:
    """--binary PATH (relative to the working directory, else to the repository); default build/evidential."""
    if not arg:
        return REPO / "build" / "evidential"
    p = Path(arg)
    if p.is_absolute() or p.exists():
        return p.resolve()
    return (REPO / p).resolve()


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ---------------------------------------------------------------------------------------------------------
# Offsets. Corpora give code-point offsets into Python strings; the binary gives UTF-8 byte offsets.

class OffsetMap:
    """Byte <-> code-point offsets of one text (identity for ASCII text)."""

    def __init__(self, text: str):
        self.text = text
        self.ascii = text.isascii()
        if not self.ascii:
            starts, pos = [], 0
            for ch in text:
                starts.append(pos)
                pos += len(ch.encode("utf-8"))
            starts.append(pos)
            self.byte_starts = starts  # byte offset of code point i; last entry = total bytes

    def to_cp(self, b: int, end: bool = False) -> int:
        """Code-point offset of byte offset `b`; a `b` inside a character rounds down (up for an `end`)."""
        if self.ascii:
            return max(0, min(b, len(self.text)))
        if end:
            return min(bisect.bisect_left(self.byte_starts, b), len(self.text))
        return max(0, bisect.bisect_right(self.byte_starts, b) - 1)

    def span_to_cp(self, start: int, end: int) -> tuple[int, int]:
        return self.to_cp(start), self.to_cp(end, end=True)

    def to_byte(self, cp: int) -> int:
        return cp if self.ascii else self.byte_starts[cp]


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """Shrinks [s, e) past whitespace at both edges."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


WORD_RE = re.compile(r"\w+(?:['’\-]\w+)*")


def word_tokens(text: str) -> list[tuple[int, int]]:
    """Word tokens (letters/digits with inner apostrophes or hyphens) as code-point spans; punctuation is not a token."""
    return [m.span() for m in WORD_RE.finditer(text)]


class TokenIndex:
    """Finds the tokens a span touches."""

    def __init__(self, tokens: list[tuple[int, int]]):
        self.tokens = tokens
        self.ends = [e for _, e in tokens]

    def touching(self, s: int, e: int) -> range:
        """Indices of tokens overlapping [s, e)."""
        i = bisect.bisect_right(self.ends, s)
        j = i
        while j < len(self.tokens) and self.tokens[j][0] < e:
            j += 1
        return range(i, j)


def finding_span(f: dict) -> tuple[int, int]:
    """The finding's byte range."""
    off = f.get("offset") or {}
    return int(off.get("start", 0)), int(off.get("end", 0))


def part_span(f: dict, role: str) -> tuple[int, int] | None:
    """Byte range of a finding's `cue` or `source`, if it has one."""
    part = f.get(role)
    if not isinstance(part, dict) or "start" not in part or "end" not in part:
        return None
    return int(part["start"]), int(part["end"])


def attribution_findings(findings: list[dict]) -> list[dict]:
    """Attribution-bearing findings, one per cue range (an `attribution` finding wins over the others)."""
    order = {c: i for i, c in enumerate(ATTRIBUTION_CHECKS)}
    chosen: dict[tuple[int, int], dict] = {}
    for f in sorted((f for f in findings if f.get("check") in order), key=lambda f: order[f["check"]]):
        cue = part_span(f, "cue")
        key = cue if cue is not None else finding_span(f)
        chosen.setdefault(key, f)
    return list(chosen.values())


# ---------------------------------------------------------------------------------------------------------
# Running the binary.

class Evidential:
    """Runs `evidential check` / `evidential parse` and returns parsed output."""

    def __init__(self, binary: Path, timeout: float = 900.0):
        self.binary = binary
        self.timeout = timeout
        self.no_tree: bool | None = None  # whether `parse` takes --no-tree; None until tried
        self.offset_mismatches: list[str] = []  # findings whose `text` is not the bytes at their `offset`

    def _run(self, args: list[str]) -> str:
        cmd = [str(self.binary), *args]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=self.timeout)
        except subprocess.TimeoutExpired as e:
            raise EvidentialError(f"timed out after {self.timeout:.0f}s: {' '.join(cmd[:4])} ...") from e
        except OSError as e:
            raise EvidentialError(f"cannot run {self.binary}: {e}") from e
        if proc.returncode not in (0, 1):
            tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
            shown = " ".join(cmd[:6]) + (" ..." if len(cmd) > 6 else "")
            raise EvidentialError(f"`{shown}` exited {proc.returncode}: " + " | ".join(tail))
        return proc.stdout.decode("utf-8", "replace")

    def check(self, paths: list[Path], config: dict | None = None) -> list[dict]:
        """All findings for `paths`; with `config` the options are written to a file and passed with --config,
        without it the built-in defaults are used (--no-config)."""
        args = ["check", "--format", "jsonl", "--fail-on", "never"]
        if config is None:
            return self._check(args + ["--no-config"], paths)
        with tempfile.TemporaryDirectory(prefix="evidential-eval-config-") as tmp:
            cfg_path = Path(tmp) / "config.json"
            cfg_path.write_text(json.dumps(config), encoding="utf-8")
            return self._check(args + ["--config", str(cfg_path)], paths)

    def _check(self, args: list[str], paths: list[Path]) -> list[dict]:
        out = self._run(args + [str(p) for p in paths])
        findings = []
        # split("\n"), not splitlines(): U+2028 or U+0085 inside a finding's text would split a JSON line.
        for n, line in enumerate(out.split("\n"), 1):
            if not line.strip():
                continue
            try:
                findings.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise EvidentialError(f"check output line {n} is not JSON: {line[:120]!r}") from e
        self._verify_offsets(findings)
        return findings

    def _verify_offsets(self, findings: list[dict]) -> None:
        """Every figure relies on the offsets; a finding that carries its `text` lets us check them."""
        files: dict[str, bytes] = {}
        for f in findings:
            if "text" not in f or "file" not in f:
                continue
            name = str(f["file"])
            if name not in files:
                try:
                    files[name] = Path(name).read_bytes()
                except OSError:
                    files[name] = b""
            s, e = finding_span(f)
            if files[name] and files[name][s:e].decode("utf-8", "replace") != f["text"]:
                self.offset_mismatches.append(f"{f.get('check')} at {s}-{e}: {f['text'][:40]!r}")

    def check_ids(self) -> set[str] | None:
        """The check ids the binary knows (`evidential checks --format json`), or None if it cannot say."""
        try:
            return {c["id"] for c in json.loads(self._run(["checks", "--format", "json"]))}
        except (EvidentialError, json.JSONDecodeError, TypeError, KeyError):
            return None

    def parse(self, path: Path) -> dict:
        """`evidential parse --format json`; the syntax tree is left out (`--no-tree`) when the binary
        accepts that, since only blocks and sentences are used."""
        if self.no_tree is not False:
            try:
                out = self._run(["parse", "--format", "json", "--no-tree", str(path)])
                self.no_tree = True
            except EvidentialError:
                if self.no_tree:
                    raise
                self.no_tree = False
        if self.no_tree is False:
            out = self._run(["parse", "--format", "json", str(path)])
        try:
            return json.loads(out)
        except json.JSONDecodeError as e:
            raise EvidentialError(f"parse output for {path.name} is not JSON: {out[:120]!r}") from e


def threshold_config(threshold: float, attributed: bool = False) -> dict:
    options = {"threshold": threshold}
    if attributed:
        options["attributed"] = 1
    return {"options": {"unsourced-claim": options}}


# Check-worthiness is a property of the claim, sourced or not: in debate speech "my opponent said X" is
# itself the claim a fact-checker looks at. `attributed: 1` makes unsourced-claim also report claims
# that carry an attribution, so ClaimBuster and CLEF measure the check-worthiness model; the
# "unsourced-finding" rows measure what the check reports by default.
CHECK_WORTHY_CONFIG = {"options": {"unsourced-claim": {"attributed": 1}}}


class Batch:
    """Many short texts in one plain-text file, one per paragraph (blank line between), so one `check` call
    covers a whole split. Findings map back to their row by byte offset."""

    def __init__(self, texts: list[str]):
        # A newline inside a text would split its paragraph; a space has the same byte length.
        self.texts = [t.replace("\r", " ").replace("\n", " ") for t in texts]
        self.starts: list[int] = []
        self.ends: list[int] = []
        parts, pos = [], 0
        for t in self.texts:
            b = t.encode("utf-8")
            self.starts.append(pos)
            self.ends.append(pos + len(b))
            parts.append(b)
            pos += len(b) + 2
        self.data = b"\n\n".join(parts) + b"\n"
        self._maps: dict[int, OffsetMap] = {}

    def write(self, path: Path) -> Path:
        path.write_bytes(self.data)
        return path

    def row_of(self, byte_offset: int) -> int | None:
        i = bisect.bisect_right(self.starts, byte_offset) - 1
        if i >= 0 and byte_offset <= self.ends[i]:
            return i
        return None

    def local_cp(self, row: int, start: int, end: int) -> tuple[int, int]:
        """A file byte range as a code-point range within row `row`'s text (clamped to the row)."""
        m = self._maps.get(row)
        if m is None:
            m = self._maps[row] = OffsetMap(self.texts[row])
        base, length = self.starts[row], self.ends[row] - self.starts[row]
        s = min(max(start - base, 0), length)
        e = min(max(end - base, 0), length)
        return m.span_to_cp(s, e)

    def by_row(self, findings: list[dict]) -> dict[int, list[dict]]:
        rows: dict[int, list[dict]] = {}
        for f in findings:
            r = self.row_of(finding_span(f)[0])
            if r is not None:
                rows.setdefault(r, []).append(f)
        return rows


def run_batch(ev: Evidential, texts: list[str], config: dict | None = None) -> tuple[Batch, dict[int, list[dict]]]:
    """Checks `texts` in one call; returns the batch and findings grouped by row index."""
    batch = Batch(texts)
    with tempfile.TemporaryDirectory(prefix="evidential-eval-") as tmp:
        path = batch.write(Path(tmp) / "batch.txt")
        findings = ev.check([path], config=config)
    return batch, batch.by_row(findings)


# ---------------------------------------------------------------------------------------------------------
# Figures.

@dataclass
class Row:
    """One line of the table. P/R/F1/MAP are fractions in [0, 1]; None prints as blank."""
    dataset: str
    split: str
    metric: str
    p: float | None = None
    r: float | None = None
    f1: float | None = None
    map: float | None = None
    n: int | None = None
    extra: dict = field(default_factory=dict)
    error: str | None = None

    @property
    def key(self) -> str:
        return f"{self.dataset}/{self.split}/{self.metric}"

    def as_json(self) -> dict:
        d = {"key": self.key, "dataset": self.dataset, "split": self.split,
             "role": SPLIT_ROLE.get(self.split, "?"), "metric": self.metric,
             "p": self.p, "r": self.r, "f1": self.f1, "map": self.map, "n": self.n}
        d.update(self.extra)
        if self.error:
            d["error"] = self.error
        return d


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision over predictions, recall over gold items (the two TP counts differ for overlap matching)."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def prf_row(dataset: str, split: str, metric: str, tp_pred: int, n_pred: int, tp_gold: int, n_gold: int,
            **extra) -> Row:
    p, r, f1 = prf(tp_pred, n_pred, tp_gold, n_gold)
    extra.update(tp_pred=tp_pred, n_pred=n_pred, tp_gold=tp_gold, n_gold=n_gold)
    return Row(dataset, split, metric, p, r, f1, None, n_gold, extra)


def binary_row(dataset: str, split: str, metric: str, gold: list[bool], pred: list[bool], **extra) -> Row:
    """P/R/F1 of the positive class; n = number of items."""
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    row = prf_row(dataset, split, metric, tp, sum(pred), tp, sum(gold), **extra)
    row.n = len(gold)
    return row


def format_table(rows: list[Row]) -> str:
    header = ["dataset", "split", "metric", "P", "R", "F1", "MAP", "n"]

    def num(v):
        return "" if v is None else f"{v:.3f}"

    lines = []
    for r in rows:
        if r.error:
            lines.append([r.dataset, r.split, r.metric, "ERROR", "", "", "", ""])
        else:
            lines.append([r.dataset, r.split, r.metric, num(r.p), num(r.r), num(r.f1), num(r.map),
                          "" if r.n is None else str(r.n)])
    widths = [max(len(h), *(len(l[i]) for l in lines)) if lines else len(h) for i, h in enumerate(header)]

    def fmt(cells):
        out = []
        for i, c in enumerate(cells):
            out.append(c.rjust(widths[i]) if i >= 3 else c.ljust(widths[i]))
        return "| " + " | ".join(out) + " |"

    sep = "|" + "|".join("-" * (w + 2) if i < 3 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|"
    return "\n".join([fmt(header), sep, *(fmt(l) for l in lines)])
