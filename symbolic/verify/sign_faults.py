r"""A wrong δ or update named as a sign fault, and a δ judged under an assumed sign said so.

The sign δ has in a document (`signs.DeltaSign`: δ = ∂E/∂net as Bishop and Nielsen write it, or
-∂E/∂net as Mitchell and Haykin do) decides how a wrong δ or update is said: a hand that is the
truth negated is a sign fault, named at its difference (t - y for y - t) when one factor is one;
an update whose step is the descent step negated climbs the error. Pure functions on verdicts.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from .signs import ASSUMED, DeltaSign, SignFault, SignNote


def name_sign_fault(verdict, sign: DeltaSign, is_delta_or_update: bool):
    """A wrong δ or update whose hand is the truth negated: its fault said as a sign fault."""
    w, f = verdict.witness, verdict.fault
    if verdict.status != "wrong" or w is None or f is None or not is_delta_or_update:
        return verdict
    update = verdict.kind == "definition" and verdict.num in (w.point or {})
    try:
        base = float(w.point[verdict.num]) if update else 0.0  # an update: its step, w⁺ - w
        hand, true = float(w.hand) - base, float(w.true) - base
    except (TypeError, ValueError):
        return verdict
    if true == 0 or abs(hand + true) > 1e-9 * max(1.0, abs(true)):
        return verdict
    meaning = {1: "δ = ∂E/∂net", -1: "δ = -∂E/∂net", 0: "δ = ∂E/∂net"}[sign.sign]
    position = (f.position or 1) + _swapped_difference(f)  # on its first factor, or the t - y
    where = f"factor {position}: "
    why = f" ({sign.why})" if sign.why else ""
    text = f"{where}sign wrong: the written value is the true one negated; in this document {meaning}{why}"
    if update:
        text = (
            f"sign wrong: the written step is the descent step negated (it climbs the error); "
            f"the update is w - η ∂E/∂w, and in this document {meaning}{why}"
        )
    elif not sign.sign:  # nothing says which: the ambiguity named
        text = (
            f"{where}sign: the written value is -∂E/∂net, and the document does not say which sign "
            "its δ has; read as δ = ∂E/∂net (define it, or give --delta minus)"
        )
    fault = SignFault(f.kind, f.side, position, f.wrote, f.read_as, f.expected, f.partial, f.ratio, text=text)
    return replace(verdict, fault=fault)


def _swapped_difference(f) -> int:
    """Of a sign fault spanning factors (f'(net)·(y - t)), the offset of the one factor that is a
    difference of two names, where a swap reads as the sign (t - y for y - t); 0 when none or
    several are (o(1 - o)(t - o) has one: 1 - o holds a number)."""
    wrote = getattr(f, "wrote", None)
    if getattr(f, "span", 1) < 2 or not isinstance(wrote, tuple) or len(wrote) < 2:
        return 0

    def swapped(w) -> bool:
        terms = sp.Add.make_args(w) if isinstance(w, sp.Basic) else ()
        return (
            len(terms) == 2
            and sum(t.could_extract_minus_sign() for t in terms) == 1
            and not any(t.is_number for t in terms)
        )

    found = [k for k, w in enumerate(wrote) if swapped(w)]
    return found[0] if len(found) == 1 else 0


def assumed_sign(verdict, sign: DeltaSign, is_delta: bool):
    """A δ judged as ∂E/∂net only because nothing said otherwise: the verdict says so."""
    if sign.sign or not is_delta or verdict.status == "wrong" and isinstance(verdict.fault, SignFault):
        return verdict
    return replace(verdict, notes=(*verdict.notes, SignNote(ASSUMED)))
