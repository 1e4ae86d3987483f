r"""What a document's own letters say about its units, read before the roles are assigned
(indices.py): the bases of unit quantities it defines itself (Haykin's `e_j = d_j - y_j`, Russell
& Norvig's `Err_k = y_k - a_k`), which of them belong to output units only (their definition
names a target), the letters of the layer after j in a document of any-layer letters (Mitchell's
k of `w_{kj}`), and the fix said for a weight that joins no two layers as read.
Pure functions on parsed statements.
"""

from __future__ import annotations

import re

import sympy as sp

from .roles import symbols_of


def defined_bases(statements) -> frozenset[str]:
    """Bases of unit quantities the document defines itself, X_k = ... (Haykin's error signal
    e_j = d_j - y_j, Russell & Norvig's Err_k = y_k - a_k): instantiated per unit like a role."""
    out = set()
    for stmt in statements:
        lhs = getattr(stmt, "lhs", None)
        if isinstance(lhs, sp.Symbol) and getattr(stmt, "sides", None):
            m = re.fullmatch(r"([A-Za-z]+)_([hijk])", lhs.name)
            if m and m.group(1) not in _KNOWN_BASES:
                out.add(m.group(1))
    return frozenset(out)


def output_only(statements, defined: frozenset[str]) -> frozenset[str]:
    """Defined quantities whose definition names a target (e_j = d_j - y_j): of output units only."""
    out = set()
    for stmt in statements:
        lhs = getattr(stmt, "lhs", None)
        if isinstance(lhs, sp.Symbol) and lhs.name.split("_")[0] in defined:
            if any(re.fullmatch(r"[tdy]_[a-z]", s.name) for s in symbols_of(stmt) if s != lhs):
                out.add(lhs.name.split("_")[0])
    return frozenset(out)


_KNOWN_BASES = {"w", "W", "delta", "Delta", "y", "t", "x", "z", "a", "o", "net", "in", "v", "b", "d", "h"}


def after_letters(statements, transposed: bool) -> frozenset[str]:
    """Letters that name a unit of the layer after j (or h) in a document of any-layer letters:
    k of w_{kj} (Mitchell, Haykin: w_{kj} feeds k from j), or of w_{jk} with weights stored
    input-by-output; else k is a unit of the layer before, as in Wikipedia's \\sum_k w_{kj} o_k."""
    out = set()
    for stmt in statements:
        for s in symbols_of(stmt):
            m = re.fullmatch(r"w_([hijk])([hijk])", s.name)
            if m:
                to, frm = (m.group(2), m.group(1)) if transposed else (m.group(1), m.group(2))
                if frm in "jh" and to == "k":
                    out.add(to)
    return frozenset(out)


def other_way(weights: str | None, name: str) -> str:
    """The fix of a weight that joins no two layers as the document's indices are read (w_{jk})."""
    letters = name.split("_", 1)[-1] + "??"
    p, q = letters[0], letters[1]
    if weights == "input-by-output":
        way, reading = "output-by-input", f"into unit {p} from unit {q}"
    else:
        way, reading = "input-by-output", f"from unit {p} to unit {q}"
    return f"pass --weights {way} if the document's w_{{{p}{q}}} is the weight {reading}"
