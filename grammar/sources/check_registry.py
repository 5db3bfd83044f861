#!/usr/bin/env python3
"""Validates grammar/sources/registry.json, the source-reliability registry (see README.md beside it).

Usage: check_registry.py [--fix] [PATH]
  PATH   the registry (default: registry.json beside this script)
  --fix  rewrite the file sorted and in canonical layout, then validate

Checks: the schema (fields, known kinds, reliability levels, ISO 3166-1 country codes, one-line notes of at
most 140 characters); sorted order and canonical layout; no alias or domain shared by two entries; aliases
the loader in core/sources.cpp can match (word characters, straight quotes, no possessive, no capital "The",
no spelling shadowed by the name) and none that is a common word on its own; at least 180 entries, every
kind used. Prints a summary by kind.

Exit codes: 0 clean, 1 problems found, 2 usage error or unreadable/unparsable file.
Standard library only, so CI and contributors can run it anywhere python3 is.
"""

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

MIN_ENTRIES = 180
NOTE_MAX = 140
RELIABILITY = ("high", "medium", "low", "mixed")
ENTRY_FIELDS = ("name", "aliases", "domains", "kind", "country", "reliability", "note")
TOP_FIELDS = ("version", "kinds", "entries")

# ISO 3166-1 alpha-2, plus INT for international bodies. "UK" is not a code: Britain is GB.
ISO_COUNTRIES = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI
FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN
IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE
YT ZA ZM ZW INT
""".split())

# Ordinary English words, and abbreviations shared by several bodies (CCTV, ICC, RSF, CSIS...), that must
# never be an alias on their own: they would turn "an economist said" or "officials who spoke" into a named
# outlet. An alias "the <word>" ("the Sun", "the Hill") is allowed unless the word is in THE_AMBIGUOUS: the
# loader needs the "the" and the capital, so "the sun rose" and "an economist said" stay unmatched.
STOPLIST = set("""
a an the and or of in on at to for by from with as is it its this that who what which why how
news press post times time star sun mirror hill nation guardian independent observer economist telegraph
express mail daily record herald standard tribune globe chronicle journal gazette monitor review report
reporter bulletin weekly week today world national international global new channel network radio tv
television media agency service office ministry department government council state people public
science nature cell lancet medium threads rumble gab stuff punch vanguard age australian wire print
insider conversation metro voice truth fox sky spectator statesman atlantic diplomat intercept canary
federalist hindu dawn scroll amnesty memorial liberation mint vice spa map app abs aps nan nos dr fed
cctv icc rsf csis cfr smh nrc rbc cna pa sdf ana cns abc aa cp tt sz
""".split()) | {
    # phrases that are ordinary English, or the tail of many other bodies' names
    "foreign policy", "foreign affairs", "general assembly", "security council", "current time",
    "grey zone", "new vision", "fact checker", "red cross", "foreign office", "ministry of defence",
    "ministry of defense", "defence ministry", "defense ministry", "foreign ministry", "health ministry",
    "national intelligence service", "joint chiefs of staff", "department of state",
}
# Words where even "The <word>" is ambiguous: several outlets share the name ("The Times", "The Star",
# "The Nation", "The Herald"), or the phrase is ordinary ("the Australian government", "the paper said").
THE_AMBIGUOUS = {"times", "star", "post", "nation", "national", "herald", "standard", "observer", "paper",
                 "australian", "conversation", "who", "news", "press", "journal", "record", "globe",
                 "chronicle", "tribune", "daily", "monitor", "voice", "world", "international"}
# Possessives that are part of an outlet's own name, not a writer's "Reuters'" or "Kremlin's".
OWN_POSSESSIVES = {"jane's"}

# What may appear inside one word of an alias: core/sources.cpp find_in ends a word at anything else.
# "/" is allowed for "RFE/RL", which only the whole-phrase lookup can match today.
WORD_CHARS = re.compile(r"^\w[\w.'&/-]*$")
CURLY = "\u2018\u2019\u201c\u201d"
DOMAIN_RE = re.compile(r"^(?!www\.)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$")


def loader_key(text):
    """The key the loader files an alias under: ASCII lower-cased, curly quotes folded, spaces
    collapsed (mirrors normalise_name in core/sources.cpp)."""
    key = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    key = "".join(c.lower() if "A" <= c <= "Z" else c for c in key)
    return " ".join(key.split())


def bare_key(text):
    """loader_key without a leading "the": find_alias falls back to it, so two entries whose aliases
    differ only by "the" would fight over one name."""
    key = loader_key(text)
    return key[4:] if key.startswith("the ") else key


def capitals(text):
    """Which words start with an ASCII capital. The loader matches an alias only where every word that
    starts with a capital in the alias does so in the text too (capitals_agree in core/sources.cpp)."""
    words = re.findall(r"[A-Za-z0-9\u0080-\U0010ffff]+", text)
    return tuple("A" <= w[0] <= "Z" for w in words)


def sort_key(entry):
    name = entry.get("name", "") if isinstance(entry, dict) else ""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return (plain.casefold(), name)


def dump(data):
    """Canonical layout: 2-space indent, one field per line, string lists on one line, UTF-8."""
    def s(value):
        return json.dumps(value, ensure_ascii=False)

    lines = ["{", f'  "version": {s(data["version"])},', '  "kinds": {']
    kinds = list(data["kinds"].items())
    for i, (k, v) in enumerate(kinds):
        lines.append(f"    {s(k)}: {s(v)}{',' if i < len(kinds) - 1 else ''}")
    lines.append("  },")
    lines.append('  "entries": [')
    entries = data["entries"]
    for i, e in enumerate(entries):
        lines.append("    {")
        fields = [k for k in ENTRY_FIELDS if k in e] + [k for k in e if k not in ENTRY_FIELDS]
        for j, k in enumerate(fields):
            v = e[k]
            if isinstance(v, list) and all(isinstance(x, str) for x in v):
                text = "[" + ", ".join(s(x) for x in v) + "]"
            else:
                text = s(v)
            lines.append(f"      {s(k)}: {text}{',' if j < len(fields) - 1 else ''}")
        lines.append("    }" + ("," if i < len(entries) - 1 else ""))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def check(data, problems, notices):
    def bad(where, msg):
        problems.append(f"{where}: {msg}")

    if not isinstance(data, dict):
        bad("top level", "must be an object")
        return
    for k in data:
        if k not in TOP_FIELDS:
            bad("top level", f"unknown key {k!r}")
    if data.get("version") != 1:
        bad("version", "must be 1")
    kinds = data.get("kinds")
    if not isinstance(kinds, dict) or not kinds:
        bad("kinds", "must be a non-empty object of kind -> one-line meaning")
        kinds = {}
    for k, v in kinds.items():
        if not re.fullmatch(r"[a-z_]+", k):
            bad(f"kinds.{k}", "kind ids are lower_snake_case")
        if not isinstance(v, str) or not v.strip() or "\n" in v:
            bad(f"kinds.{k}", "meaning must be one non-empty line")
    entries = data.get("entries")
    if not isinstance(entries, list):
        bad("entries", "must be a list")
        return

    alias_owner = {}   # loader key -> entry name
    domain_owner = {}  # domain -> entry name
    for i, e in enumerate(entries):
        where = f"entries[{i}]"
        if not isinstance(e, dict):
            bad(where, "must be an object")
            continue
        name = e.get("name")
        if isinstance(name, str):
            where = f"{where} {name!r}"
        for k in ENTRY_FIELDS:
            if k not in e:
                bad(where, f"missing field {k!r}")
        for k in e:
            if k not in ENTRY_FIELDS:
                bad(where, f"unknown field {k!r}")

        if not isinstance(name, str) or not name.strip() or name != name.strip():
            bad(where, "name must be a non-empty string without outer spaces")
            name = None
        kind = e.get("kind")
        if kind not in kinds:
            bad(where, f"kind {kind!r} is not one of the kinds")
        if e.get("reliability") not in RELIABILITY:
            bad(where, f"reliability must be one of {', '.join(RELIABILITY)}")
        if e.get("country") not in ISO_COUNTRIES:
            bad(where, f"country {e.get('country')!r} is not ISO 3166-1 alpha-2 or INT")
        note = e.get("note")
        if not isinstance(note, str) or not note.strip():
            bad(where, "note must be a non-empty string")
        else:
            if len(note) > NOTE_MAX:
                bad(where, f"note is {len(note)} characters; at most {NOTE_MAX}")
            if "\n" in note or note != note.strip():
                bad(where, "note must be one line without outer spaces")
            if not note.endswith("."):
                bad(where, "note must be a sentence ending with '.'")

        aliases = e.get("aliases")
        if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) for a in aliases):
            bad(where, "aliases must be a non-empty list of strings")
            aliases = []
        # The loader files the name as an alias too, first, and keeps the first spelling of each key.
        names = ([name] if name else []) + aliases
        first_spelling = {}  # loader key -> spelling registered first for this entry
        seen_here = set()    # bare keys of this entry
        for n, a in enumerate(names):
            is_name = n == 0 and name is not None
            label = "name" if is_name else f"alias {a!r}"
            if a != a.strip() or "  " in a or not a:
                bad(where, f"{label}: no outer or doubled spaces")
                continue
            if any(c in a for c in CURLY):
                bad(where, f"{label}: use straight quotes (the loader folds curly ones in the text)")
            if not is_name:
                for word in a.split(" "):
                    if not WORD_CHARS.match(word):
                        bad(where, f"alias {a!r}: word {word!r} has characters that split words")
                if re.search(r"'s?$", a) and a.lower() not in OWN_POSSESSIVES:
                    bad(where, f"alias {a!r}: give the possessive-free form")
                if a.startswith("The "):
                    bad(where, f"alias {a!r}: write 'the {a[4:]}'; a capital 'The' only matches at a sentence start")
            key = loader_key(a)
            earlier = first_spelling.get(key)
            if earlier is not None:
                if a == earlier and earlier == name:  # listing the name among the aliases is fine
                    continue
                fewer = all(b or not x for x, b in zip(capitals(a), capitals(earlier)))
                if fewer and capitals(a) != capitals(earlier):
                    bad(where, f"{label} is shadowed by {earlier!r}: same words, and the loader keeps the first, "
                               "which needs more capitals (qualify the name or drop one)")
                else:
                    bad(where, f"{label} repeats {earlier!r}")
                continue
            first_spelling[key] = a
            bare = bare_key(a)
            if len(bare) < 2:
                bad(where, f"{label}: too short to match safely")
            if bare in STOPLIST:
                if a.lower().startswith("the ") and bare not in THE_AMBIGUOUS and not a.startswith("The "):
                    notices.append(a)
                elif not (is_name and a.startswith("The ")):
                    bad(where, f"{label}: {bare!r} is a common word or ambiguous on its own")
            if bare in seen_here:  # "BBC" and "the BBC": one entry, both fine
                continue
            seen_here.add(bare)
            owner = alias_owner.get(bare)
            if owner is not None and owner != name:
                bad(where, f"{label} collides with an alias of {owner!r} (as {bare!r})")
            else:
                alias_owner[bare] = name

        domains = e.get("domains")
        if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
            bad(where, "domains must be a list of strings (may be empty)")
            domains = []
        for d in domains:
            if not DOMAIN_RE.match(d):
                bad(where, f"domain {d!r}: lower-case host name, no scheme, path or 'www.'")
            owner = domain_owner.get(d.lower())
            if owner is not None:
                bad(where, f"domain {d!r} is already listed by {owner!r}")
            domain_owner[d.lower()] = name

    names = [e.get("name", "") for e in entries if isinstance(e, dict)]
    if sorted(entries, key=sort_key) != entries:
        first = next(i for i, (a, b) in enumerate(zip(entries, sorted(entries, key=sort_key))) if a is not b)
        bad("entries", f"not sorted by name case-insensitively (first out of place: {names[first]!r}); run --fix")
    if len(entries) < MIN_ENTRIES:
        bad("entries", f"{len(entries)} entries; at least {MIN_ENTRIES}")
    used = Counter(e.get("kind") for e in entries if isinstance(e, dict))
    for k in kinds:
        if used[k] == 0:
            bad("kinds", f"kind {k!r} has no entry")


def main(argv):
    fix = "--fix" in argv
    args = [a for a in argv if a != "--fix"]
    if any(a.startswith("-") for a in args) or len(args) > 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = Path(args[0]) if args else Path(__file__).with_name("registry.json")
    try:
        text = path.read_text(encoding="utf-8")
        duplicates = []

        def no_duplicate_keys(pairs):
            keys = [k for k, _ in pairs]
            duplicates.extend(k for k in set(keys) if keys.count(k) > 1)
            return dict(pairs)

        data = json.loads(text, object_pairs_hook=no_duplicate_keys)
    except OSError as err:
        print(f"{path}: {err.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as err:
        print(f"{path}: not UTF-8 ({err.reason} at byte {err.start})", file=sys.stderr)
        return 2
    except json.JSONDecodeError as err:
        print(f"{path}:{err.lineno}:{err.colno}: {err.msg}", file=sys.stderr)
        return 2

    if fix and isinstance(data, dict) and isinstance(data.get("entries"), list):
        data["entries"].sort(key=sort_key)
        try:
            canonical = dump(data)
        except (KeyError, TypeError, AttributeError) as err:
            print(f"{path}: cannot rewrite: {err}", file=sys.stderr)
            return 2
        if canonical != text:
            path.write_text(canonical, encoding="utf-8")
            print(f"{path}: rewritten in canonical order and layout")
        text = canonical

    problems, notices = [], []
    for key in sorted(set(duplicates)):
        problems.append(f"json: key {key!r} appears twice in one object (the second silently wins)")
    check(data, problems, notices)
    if not problems:
        try:
            if dump(data) != text:
                problems.append("layout: not in canonical layout (2-space indent, one field a line); run --fix")
        except (KeyError, TypeError, AttributeError):
            pass

    entries = [e for e in data.get("entries", []) if isinstance(e, dict)] if isinstance(data, dict) else []
    by_kind = Counter(e.get("kind") for e in entries)
    by_rel = Counter(e.get("reliability") for e in entries)
    countries = {e.get("country") for e in entries}
    print(f"{path}: {len(entries)} entries, {len(countries)} countries")
    print("by kind:")
    for kind, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        rel = Counter(e.get("reliability") for e in entries if e.get("kind") == kind)
        detail = ", ".join(f"{r} {rel[r]}" for r in RELIABILITY if rel[r])
        print(f"  {str(kind):<18} {n:>4}   ({detail})")
    print("by reliability: " + ", ".join(f"{r} {by_rel[r]}" for r in RELIABILITY))
    if notices:
        print(f"aliases safe only with their 'the' and capitals ({len(notices)}): " + ", ".join(notices))
    if problems:
        print(f"{len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
