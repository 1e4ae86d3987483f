"""The verifier's verdict as JSON: every statement with its evidence, faults and witnesses, the
statements not checked, the given values and the numbers checked at them."""

from __future__ import annotations

import dataclasses

import mpmath
import sympy as sp

from symbolic.memo import kept
from symbolic.verify import output_letters
from symbolic.verify.hints import shown

from .escape import json_document
from .verdict import _counts, _note, _raw_printer, _written, describe_fault
from .verdict_names import printers

# conventions read off the document (verify/said_conventions.py): their value said as a word
SAID = (
    "orientation",
    "weight change",
    "rows",
    "orientation, most lines",
    "target letter",
    "target letter o",
    "target accent",
    "subscript layers",
    "layer offsets",
    "no biases",
)


PRINTED_KEPT = 4096  # expressions printed per process (one key: the network and the expression)

# The network-names printer is a function of the network alone, and a report prints the same
# expressions again and again (a generic statement's instances, a factor written wrong in several
# lines, the same document run with other options): printing long ones is most of to_json's time.
_PRINTED: dict[tuple, tuple[str, str]] = {}


def _expr(d, p, e) -> dict | None:
    """An expression for the JSON: as the network's names print it (p, the network printer of d)
    and in SymPy's plain syntax."""
    if e is None:
        return None
    text, plain = kept(_PRINTED, (d.spec, e), lambda: (p.doprint(e), sp.sstr(e)), PRINTED_KEPT)
    return {"text": text, "sympy": plain}


def to_json(report, path: str = "") -> str:
    d = report.derivation
    net, _ = printers(d)
    statements = []
    for v in report.verdicts:
        raw = _raw_printer(d, v)
        item = {
            "line": v.line,
            "col": v.col,
            "kind": v.kind,
            "derivative": net.partial(v.num, v.den),
            "written": _written_left(v, net, raw),
            "param": sp.sstr(v.param) if v.param is not None else None,
            "correct": v.correct,
            "exact": v.exact,
            "sides_checked": v.sides,
            "hand": _expr(d, net, v.hand),
            "true": _expr(d, net, v.true),
        }
        item["status"] = v.status
        if v.kind == "matrix":  # a matrix statement at one layer: its left side as written
            item["matrix"] = {"written": v.label, "instance": v.instance}
        item["evidence"] = _evidence_json(v)
        if v.fault is not None:
            item["fault"] = _fault_json(d, v, net, raw)
            item["faults"] = [item["fault"]] + [
                _fault_json(d, dataclasses.replace(v, fault=f, witness=w), net, raw, every=True)
                for f, w in v.also
            ]
        if v.witness is not None:
            item["witness"] = _witness_json(v.witness)
            item["witnesses"] = [item["witness"]] + [_witness_json(w) for _, w in v.also]
        if v.notes:
            item["notes"] = [_note(n, net, raw) for n in v.notes]
        if v.remark:  # what the document's own definitions add: s is σ; at b = 1, as O fixes
            item["remark"] = v.remark
        statements.append(item)
    doc = {
        "file": path,
        "network": d.spec.describe(),
        "ok": report.ok,
        "exit_code": report.exit_code,
        "counts": {
            "statements": len(report.verdicts),
            **_counts(report),
            "not_checked": len(report.unchecked),
        },
        "statements": statements,
        "not_checked": [
            {"line": u.line, "col": u.col, "reason": u.reason, "fix": u.fix} for u in report.unchecked
        ],
        "names_from_document": [  # names the document settled without an alias (binding.py)
            {
                "name": s.name
                if s.how in ("subscript layers", "layer offsets")
                else shown(s.name),  # as written
                "means": "the output (t the target)"
                if s.how == "convention"
                else str(s.value)  # 'input-by-output', or 'target' for d or t (said_conventions.py)
                if s.how in SAID
                else output_letters.said(s.value)[0]  # o_i: z^{(1)}_{i} (verify/output_letters.py)
                if s.how == "output letters"
                else net.doprint(s.value),
                "line": s.line,
                "how": s.how,
            }
            for s in getattr(report, "inferred", [])
        ],
        "given": [
            {"line": g.line, "col": g.col, "name": net.doprint(g.symbol), "value": float(g.value)}
            for g in getattr(report, "given", [])
        ],
        "numbers": [
            {
                "line": n.claim.line,
                "col": n.claim.col,
                "text": n.claim.text,
                "value": n.value,
                "true": n.true,
                "tolerance": n.tolerance,
                "correct": n.correct,
                "wrong_factors": [
                    {
                        "position": f.position,
                        "factor": net.partial(f.part.num, f.part.den),
                        "wrote": f.written,
                        "should_be": f.true,
                    }
                    for f in n.faults
                ],
            }
            for n in getattr(report, "numbers", [])
        ],
    }
    return json_document(doc, indent=1) + "\n"


def _written_left(v, net, raw) -> str:
    """The left side as written: a derivative, or the name a definition defines (not ∂name/∂1)."""
    if v.kind == "definition":
        return raw.doprint(v.delta) if getattr(v, "delta", None) is not None else net.doprint(v.num)
    return raw.partial(v.written.num, v.written.den)


def _fault_json(d, v, net, raw, every: bool = False) -> dict:
    f = v.fault
    return {
        "kind": f.kind,
        "side": f.side,
        "position": f.position,
        "wrote": _written(f.wrote, raw) if f.wrote is not None else None,
        "read_as": _expr(d, net, f.read_as),
        "expected": _expr(d, net, f.expected),
        "partial": net.partial(*f.partial) if f.partial else None,
        "ratio": _expr(d, net, f.ratio),
        "others": f.others,
        **({"missing_paths": [sp.sstr(z) for z in f.missing_paths]} if f.missing_paths else {}),
        "message": describe_fault(v, net, raw, every),
    }


def _witness_json(w) -> dict:
    return {
        "point_index": w.index,
        "values": {sp.sstr(s): mpmath.nstr(x, 30) for s, x in w.values.items()},
        "point": {sp.sstr(s): str(x) for s, x in w.point.items()},
        "hand": mpmath.nstr(w.hand, 30),
        "true": mpmath.nstr(w.true, 30),
        "pattern": {sp.sstr(u): ("on" if s > 0 else "off" if s < 0 else "kink") for u, s in w.pattern},
    }


def _evidence_json(v) -> dict | None:
    """What the verdict rests on: an exact proof, and the points compared (with branches)."""
    e = v.evidence
    if e is None:
        return None
    return {
        "exact": bool(v.exact),
        "points": e.points,
        "discriminating_points": e.discriminating,
        "branches_exercised": e.branches_exercised,
        "piecewise_understood": e.understood,
        "branches": {sp.sstr(u): {"on": a, "off": b} for u, a, b in zip(e.units, e.on, e.off)},
    }
