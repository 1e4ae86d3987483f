"""The published-derivation corpus: load a transcription with its note, run the verifier, and
account for every statement the note says is there (judged, not checked, or silently skipped).

Each `NAME.tex` is a derivation transcribed verbatim from a published source; `NAME.toml` is its
note: source, notation, the network ([network]), aliases for names that differ from the network's
([aliases], applied as '% symprop: alias' lines appended after the text, so no line moves),
the true verdict of every statement by the line it starts on ([expected]; a list when a line holds
several) and planted-mistake variants ([[planted]]: replace, with, line, factor; 'at' or 'row',
the text's line replaced when it is not the line the statement starts on; 'statement', the k-th
of the statements starting on that line, 1 when not given).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import tomllib
from said import refused, said  # tests/published is on the path wherever corpus is imported

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.read import _tex

DIR = Path(__file__).resolve().parent
NAMES = sorted(p.stem for p in DIR.glob("*.tex"))


def note(name: str) -> dict:
    return tomllib.loads((DIR / f"{name}.toml").read_text(encoding="utf-8"))


def text_of(name: str, meta: dict) -> str:
    text = (DIR / f"{name}.tex").read_text(encoding="utf-8")
    aliases = "".join(f"% symprop: alias {k} = {v}\n" for k, v in meta.get("aliases", {}).items())
    return text.rstrip("\n") + "\n" + aliases


def expected(meta: dict) -> list[tuple[int, str]]:
    """(start line, true verdict) of every statement, in order."""
    out = []
    for line, verdicts in sorted(meta["expected"].items(), key=lambda kv: int(kv[0])):
        for v in verdicts if isinstance(verdicts, list) else [verdicts]:
            out.append((int(line), v))
    return out


@dataclass
class Outcome:
    """What the verifier said about each expected statement: 'correct', 'wrong', 'not proved',
    'not checked' or 'silent' (nothing at all), the fault position of a wrong one, and the exit."""

    said: list[str]
    factor: list[int | None]
    exit_code: int
    reasons: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # every line said (text and JSON: said.py)


def derivation(meta: dict):
    """The Derivation of the network a note's [network] names (its options included); derived
    once per process (a file is run as published, bare, strict and planted)."""
    opts = meta["network"]
    key = repr(sorted(opts.items()))
    if key not in _DERIVED:
        _DERIVED[key] = _derive(opts)
    return _DERIVED[key]


_DERIVED: dict[str, object] = {}


def _derive(opts: dict):
    return derive(
        network(
            opts["net"],
            opts.get("activation", "sigmoid"),
            opts.get("loss", "half_se"),
            opts.get("output_activation"),
            opts.get("naming", "layered"),
            shared_bias=opts.get("shared_bias", False),
        )
    )


def run(name: str, text: str | None = None, meta: dict | None = None) -> Outcome:
    meta = meta or note(name)
    text = text if text is not None else text_of(name, meta)
    opts = meta["network"]
    d = derivation(meta)
    point = {_tex(k, 0): v for k, v in meta["point"].items()} if "point" in meta else None
    numbers: list = []
    given: list = []
    try:
        conventions = {k: opts[k] for k in ("weights", "targets", "delta") if k in opts}
        report = verify_text(d, text, point=point, conventions=conventions)
        verdicts, unchecked, code = report.verdicts, report.unchecked, report.exit_code
        numbers = report.numbers
        given = report.given  # NAME = numbers: taken as a value of the point, nothing judged
        lines = said(report, name)
    except SympropError as err:
        verdicts, unchecked, code = [], list(getattr(err, "unchecked", [])), err.exit_code
        lines = refused(err)
    found = sorted(
        [(v.line, v.col, v.status, v.fault.position if v.fault else None, "") for v in verdicts]
        + [(u.line, u.col, "not checked", None, u.reason) for u in unchecked]
        + [(n.claim.line, n.claim.col, "correct" if n.correct else "wrong", 0, "") for n in numbers]
        + [(g.line, g.col, "not checked", None, "given: a value of the point") for g in given],
        key=lambda f: (f[0], f[1], f[2], -1 if f[3] is None else f[3], f[4]),
    )
    want = expected(meta)
    starts = [line for line, _ in want]
    slots: dict[int, list] = {k: [] for k in range(len(want))}
    for line, _col, status, factor, reason in found:
        owner = max((k for k, s in enumerate(starts) if s <= line), default=None)
        if owner is None:
            continue
        # several statements starting on one line: fill them in column order
        first = starts.index(starts[owner])
        for k in range(first, owner + 1):
            if not slots[k] or k == owner:
                slots[k].append((status, factor, reason))
                break
    told, factors, reasons = [], [], []
    for k in range(len(want)):
        if not slots[k]:
            told.append("silent")
            factors.append(None)
            reasons.append("")
            continue
        status, factor, reason = slots[k][0]
        wrong = [(s, f) for s, f, _ in slots[k] if s == "wrong"]
        if wrong:  # a wrong side (or number) makes the statement wrong, at its factor
            status, factor = wrong[0]
        elif any(s == "not checked" for s, _, _ in slots[k]):
            status, factor = "not checked", None
            reason = next(r for s, _, r in slots[k] if s == "not checked")
        told.append(status)
        factors.append(factor)
        reasons.append(reason)
    return Outcome(told, factors, code, reasons, lines)


def plant_index(meta: dict, plant: dict) -> int:
    """The index, among the expected statements, of the one a plant changes: the
    `statement`-th (1 when not given) of those starting on its line."""
    starts = [i for i, (line, _) in enumerate(expected(meta)) if line == plant["line"]]
    return starts[plant.get("statement", 1) - 1]


def planted_text(name: str, meta: dict, plant: dict) -> str:
    text = text_of(name, meta)
    assert text.count(plant["replace"]) >= 1, (name, plant["what"])
    lines = text.split("\n")
    at = plant.get("at", plant.get("row", plant["line"]))  # the row replaced, below the first
    row = lines[at - 1]
    assert plant["replace"] in row, (name, plant["what"], "not on line", at)
    lines[at - 1] = row.replace(plant["replace"], plant["with"], 1)
    return "\n".join(lines)


def bare(meta: dict) -> dict:
    """The note without its [aliases]: the document's own names only (network options and the
    point stay)."""
    return {k: v for k, v in meta.items() if k != "aliases"}


NETWORK = ("net", "activation", "loss", "output_activation")


def network_only(meta: dict) -> dict:
    """The note as an outside checker runs it: no [aliases] and no convention options (weights,
    targets, delta, shared_bias), the network named and nothing else (the point stays)."""
    out = bare(meta)
    out["network"] = {k: v for k, v in meta["network"].items() if k in NETWORK}
    return out


def measure(without_aliases: bool = False, only_network: bool = False) -> list[dict]:
    """Per file: statements present, judged, not checked, silent; planted mistakes named at the
    right factor. `without_aliases`: each file run bare, without its [aliases]; `only_network`:
    without its convention options too."""
    rows = []
    for name in NAMES:
        meta = (
            network_only(note(name)) if only_network else bare(note(name)) if without_aliases else note(name)
        )
        out = run(name, meta=meta)
        want = expected(meta)
        judged = sum(s in ("correct", "wrong", "not proved") for s in out.said)
        right = sum(s == w for s, (_, w) in zip(out.said, want))
        named = 0
        plants = meta.get("planted", [])
        for plant in plants:
            p = run(name, planted_text(name, meta, plant), meta)
            k = plant_index(meta, plant)
            named += p.said[k] == "wrong" and p.factor[k] == plant["factor"]
        rows.append(
            {
                "file": name,
                "present": len(want),
                "judged": judged,
                "not_checked": out.said.count("not checked"),
                "silent": out.said.count("silent"),
                "right": right,
                "planted": len(plants),
                "named": named,
                "exit": out.exit_code,
            }
        )
    return rows


_verified = run
_RUNS: dict[tuple[str, str, str], Outcome] = {}


def run(name: str, text: str | None = None, meta: dict | None = None) -> Outcome:  # noqa: F811
    """`_verified`, once per (file, text, note) in a process: several tests run the same file (the
    corpus test and the message test each run every file as published), and a run is seconds of
    CPU. Each caller gets its own copy."""
    meta = meta or note(name)
    key = (name, text if text is not None else text_of(name, meta), repr(sorted(meta.items())))
    if key not in _RUNS:
        _RUNS[key] = _verified(name, key[1], meta)
    return copy.deepcopy(_RUNS[key])
