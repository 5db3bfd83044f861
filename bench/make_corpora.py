#!/usr/bin/env python3
"""Builds the benchmark corpora from two Debian packages, the Jargon File (jargon-text) and FOLDOC
(dict-foldoc), which bench/run installs. Nothing from them is stored in the repository: the corpora are
generated into the build tree on each machine, the same way every time.

Output (in OUT_DIR):
  plain-1mb.txt    1 MiB of plain text: FOLDOC entries then the Jargon File, cut at a paragraph break
  plain-20mb.txt   20 MiB of the same stream, repeated (the analysis caches nothing between paragraphs)
  markdown-1mb.md  1 MiB of FOLDOC entries rewritten as Markdown (headings, links, emphasis, autolinks)
  small/           1,000 Markdown files of consecutive FOLDOC entries, about 3.7 KB each
  news-polnear.txt political news: the texts of PolNeAR's train split (--shared DIR/corpus/polnear),
                   blank-line separated, about 3.9 MB; written only where that corpus is present
"""
import argparse
import gzip
import json
import os
import re

JARGON = "/usr/share/doc/jargon-text/jargon.txt.gz"
FOLDOC = "/usr/share/dictd/foldoc.dict.dz"  # dictzip is gzip-compatible
MIB = 1 << 20


def foldoc_entries():
    """(headword, body lines without the 3-space indent) for every FOLDOC entry. A headword is a line at
    column 0 after a blank line (other column-0 lines continue a wrapped body); the database's front
    matter ends where the first entry whose body opens with a <category> begins."""
    with gzip.open(FOLDOC, "rt", encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    entries, head, body, blank = [], None, [], True
    for line in lines:
        if line and not line[0].isspace() and blank:
            if head is not None:
                entries.append((head, body))
            head, body = line.strip(), []
        elif head is not None:
            body.append(line[3:] if line.startswith("   ") else line.strip())
        blank = not line.strip()
    if head is not None:
        entries.append((head, body))

    def has_category(body):
        first = next((l for l in body if l.strip()), "")
        return first.startswith("<")
    start = next((i for i, (_, b) in enumerate(entries) if has_category(b)), 0)
    return entries[start:]


def jargon_text():
    """The Jargon File from its first chapter on, unindented, without its box-drawn tables."""
    with gzip.open(JARGON, "rt", encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    start = next((i for i, l in enumerate(lines) if l.startswith("Chapter 1.")), 0)
    out = []
    for line in lines[start:]:
        if re.search("[\u2500-\u257f]", line):
            continue
        out.append(line[3:] if line.startswith("   ") else line)
    return "\n".join(out)


def plain_stream():
    parts = []
    for head, body in foldoc_entries():
        parts.append(head + "\n\n" + "\n".join(body).strip("\n") + "\n")
    parts.append(jargon_text())
    return "\n".join(parts)


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def markdown_entry(head, body):
    text = "\n".join(body).strip("\n")
    text = re.sub(r"\{\s*\((https?://[^)\s]+)\)\s*\}", r"<\1>", text)  # {(http://...)} -> autolink

    def link(m):  # {term} -> [term](#term); {text (target)} -> [text](target)
        inner = " ".join(m.group(1).split())
        target = re.match(r"^(.*?)\s*\((\S+)\)$", inner)
        if target and target.group(1):
            return "[%s](%s)" % (target.group(1), target.group(2))
        return "[%s](#%s)" % (inner, slug(inner))
    text = re.sub(r"\{([^{}]+)\}", link, text)
    text = re.sub(r"^<([^<>\n]+)>", r"*\1*", text, flags=re.M)           # <category> -> emphasis
    return "## " + head + "\n\n" + text + "\n"


def cut(text, size):
    """The first `size` bytes of `text`, shortened to end at a blank line."""
    data = text.encode("utf-8")
    if len(data) <= size:
        return data
    end = data.rfind(b"\n\n", 0, size)
    return data[: end + 2 if end > 0 else size]


def repeat_to(text, size):
    data = text.encode("utf-8")
    out = bytearray()
    while len(out) < size:
        out += data + b"\n\n"
    return cut(out.decode("utf-8"), size)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", nargs="?", default="bench-corpus",
                        help="directory to write the corpora into (default: bench-corpus)")
    parser.add_argument("--shared", help="the shared data folder; its corpus/polnear/train.jsonl becomes news-polnear.txt")
    args = parser.parse_args()
    out_dir = args.out_dir
    os.makedirs(os.path.join(out_dir, "small"), exist_ok=True)
    stream = plain_stream()
    with open(os.path.join(out_dir, "plain-1mb.txt"), "wb") as f:
        f.write(cut(stream, MIB))
    with open(os.path.join(out_dir, "plain-20mb.txt"), "wb") as f:
        f.write(repeat_to(stream, 20 * MIB))

    entries = [markdown_entry(h, b) for h, b in foldoc_entries()]
    doc = "# FOLDOC\n\n" + "\n".join(entries)
    with open(os.path.join(out_dir, "markdown-1mb.md"), "wb") as f:
        f.write(cut(doc, MIB))

    # 1,000 files of at least 3 KiB: consecutive entries, so each reads like a small glossary page.
    i, n = 0, 0
    while n < 1000:
        page = []
        while i < len(entries) and sum(len(p) for p in page) < 3072:
            page.append(entries[i])
            i += 1
        if not page:
            i = 0
            continue
        with open(os.path.join(out_dir, "small", "%04d.md" % n), "w", encoding="utf-8") as f:
            f.write("\n".join(page))
        n += 1

    # News: the text the attribution tagger and the claim model were built for, which the technical
    # text above is not (a plain text naming paths and options is read as software documentation).
    news = os.path.join(out_dir, "news-polnear.txt")
    train = os.path.join(args.shared, "corpus", "polnear", "train.jsonl") if args.shared else ""
    if train and os.path.isfile(train):
        with open(train, encoding="utf-8") as f:
            texts = [json.loads(line)["text"].strip() for line in f if line.strip()]
        with open(news, "w", encoding="utf-8") as f:
            f.write("\n\n".join(texts) + "\n")
    elif os.path.exists(news):
        os.remove(news)


if __name__ == "__main__":
    main()
