r"""The factor count of a side with a logistic derivative written out: X (1 - X) is ONE factor.

A derivative σ' written as the value times one minus it (`out_{o1}(1 - out_{o1})`,
`\sigma(z)(1 - \sigma(z))`, `\phi(z)_i (1 - \phi(z)_i)`) is one chain link, and the corpus counts
it as one factor wherever it stands: the whole side (`∂out/∂net = out(1 + out)`: factor 1), after a
derivative (`∂E/∂y_j · y_j(1 + y_j)`: factor 2) or inside a longer product (`(a - t) a(1 + a) a_k`:
factor 2, and a_k factor 3). The reader sometimes keeps the pair as one SymPy product and sometimes
as two juxtaposed factors (a call `\sigma(z)` before its parenthesis, a product it splits for the
multiset match); this renumbers a fault named on the finer split so both read alike, and says the
pair whole: `wrote X(1 + X), expected X(1 - X)` (the wrong member with its partner).

A pair is two adjacent written factors X, Y (either order) with Y = 1 ± X, X not a number (the slip
1 + X for 1 - X keeps the pair). Pure: a Fault and the side's written factors in, a Fault out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import mpmath
import sympy as sp

from .explain import Fault
from .numbers import DIGITS, value


def _pair(x: sp.Expr, y: sp.Expr) -> bool:
    """Is one of x, y one plus or minus the other (X, 1 ± X)?"""
    try:
        if x.is_number or y.is_number:
            return False
        return any(_zero(a - 1 - b) or _zero(a - 1 + b) for a, b in ((y, x), (x, y)))
    except (TypeError, ValueError, AttributeError):
        return False


def _zero(e: sp.Expr) -> bool:
    """e == 0 as an identity. Cheap first: SymPy's own collection (1 - X - 1 + X is 0 as built),
    then e's value at one generic point (the verifier's own evaluator, 40 digits), which clears a
    non-zero e without expanding it (expanding a side written in the network's symbols, every
    layer opened, costs seconds); expand decides only what the value cannot clear."""
    if e == 0:
        return True
    free = sorted(e.free_symbols, key=sp.default_sort_key)
    with mpmath.workdps(DIGITS):
        at = {s: mpmath.mpf(3) / 10 + mpmath.mpf(137) / 1000 * k for k, s in enumerate(free)}
        try:
            x = value(e, at, {})
        except TypeError:  # a construct the evaluator does not know
            x = None
        if x is not None and not mpmath.isnan(x) and abs(x) > mpmath.mpf(10) ** -20:
            return False
    return sp.expand(e) == 0


def groups(values: Sequence[sp.Expr]) -> list[tuple[int, ...]]:
    """The written factors (0-based) grouped as counted: each (X, 1 ± X) pair one group, left to
    right, a factor in one pair at most."""
    out: list[tuple[int, ...]] = []
    i = 0
    while i < len(values):
        if i + 1 < len(values) and _pair(values[i], values[i + 1]):
            out.append((i, i + 1))
            i += 2
        else:
            out.append((i,))
            i += 1
    return out


def regroup(
    fault: Fault | None, written: Sequence, values: Sequence[sp.Expr], positions: Sequence[int] = ()
) -> Fault | None:
    """`fault`, its position counted with each X(1 ± X) pair one factor (and a wrong or extra
    member said with its partner, as the pair). `written`/`values`: the side's factors in the
    order the fault's position counts them, as written and in the network's symbols; `positions`
    their 1-based positions when not 1, 2, ... (a sum's body between them counts its factors one
    by one: a fault there only moves down by the pairs before it)."""
    if fault is None or fault.position is None or len(written) != len(values) or len(values) < 2:
        return fault
    if fault.kind not in ("wrong", "missing", "extra") or fault.span != 1:
        return fault
    found = groups(values)
    if all(len(g) == 1 for g in found):
        return fault
    pos = list(positions) or list(range(1, len(values) + 1))
    found = [
        g
        for pair in found
        for g in ([pair] if len(pair) == 1 or pos[pair[1]] == pos[pair[0]] + 1 else [(pair[0],), (pair[1],)])
    ]
    if fault.position not in pos or fault.kind == "missing":  # inside a sum's body, or a gap
        before = sum(1 for g in found if len(g) == 2 and pos[g[1]] < fault.position)
        return replace(fault, position=fault.position - before)
    at = pos.index(fault.position)
    index = next((k for k, g in enumerate(found) if at in g), None)
    if index is None:
        return fault
    group = found[index]
    shift = sum(1 for g in found[:index] if len(g) == 2)
    if len(group) == 1:
        return replace(fault, position=fault.position - shift)
    other = group[1] if group[0] == at else group[0]
    first = at < other
    partner_w, partner_v = written[other], values[other]
    partial = fault.partial
    if fault.kind == "extra":  # σ(z)(1 - σ(z)) for σ(z): the pair wrong, its partner expected
        expected, partial = partner_v, None
    elif fault.expected is None:
        return replace(fault, position=pos[group[0]] - shift)
    else:
        expected = _ordered(fault.expected, partner_v, first)
    wrote = _ordered(fault.wrote, partner_w, first) if fault.wrote is not None else None
    read_as = _ordered(fault.read_as, partner_v, first) if fault.read_as is not None else None
    return replace(
        fault,
        kind="wrong",
        position=pos[group[0]] - shift,  # as written: a sum's body before it counts each factor
        wrote=wrote,
        read_as=read_as,
        expected=expected,
        partial=partial,
    )


def _ordered(mine, partner, mine_first: bool):
    """The pair's product in written order (unevaluated, so X(1 + X) prints as written)."""
    try:
        return sp.Mul(mine, partner, evaluate=False) if mine_first else sp.Mul(partner, mine, evaluate=False)
    except (TypeError, ValueError, AttributeError):
        return mine


def node_position(side, position: int) -> int:
    """A matrix statement's fault position (1-based, over its side's top factors) counted with
    each X(1 ± X) pair one factor: `\\sigma(z)(1 - \\sigma(z))`, `a \\odot (1 - a)`."""
    from .matrix_edits import bare, render
    from .matrix_factors import top_factors

    try:
        _, factors, _ = top_factors(side)
        shown = [render(bare(f)) for f in factors]
    except Exception:  # noqa: BLE001 - a side this count cannot render: the reading's count stands
        return position
    found: list[tuple[int, ...]] = []
    i = 0
    while i < len(shown):
        if i + 1 < len(shown) and _pair_shown(shown[i], shown[i + 1]):
            found.append((i, i + 1))
            i += 2
        else:
            found.append((i,))
            i += 1
    index = next((k for k, g in enumerate(found) if position - 1 in g), None)
    return position if index is None else index + 1


def _pair_shown(x: str, y: str) -> bool:
    """Rendered factors X and 1 ± X (either order, parentheses aside)."""
    x, y = x.strip("()"), y.strip("()")
    forms = {f"1 {op} {v}" for op in ("−", "-", "+") for v in (x,)}
    back = {f"1 {op} {v}" for op in ("−", "-", "+") for v in (y,)}
    return bool(x) and bool(y) and (y in forms or x in back)


def twin(fault: Fault | None, parts: Sequence) -> Fault | None:
    """A wrong factor with a twin of the same value outside any X(1 ± X) pair, itself inside one
    (`y_j y_j(1 - y_j)` where `y_i y_j(1 - y_j)` belongs: either y_j is "the" wrong one by value):
    the twin is named, and the pair stays whole. `parts`: the side's Parts (verify/parts.py)."""
    if fault is None or fault.kind != "wrong" or fault.span != 1:
        return fault
    plain = [p for p in parts if not p.terms]
    at = next((i for i, p in enumerate(plain) if p.pos == fault.position), None)
    if at is None:
        return fault
    paired = {i for g in groups([p.value for p in plain]) if len(g) == 2 for i in g}
    if at not in paired:
        return fault
    twins = [i for i, p in enumerate(plain) if i not in paired and p.value == plain[at].value]
    if len(twins) != 1:
        return fault
    other = plain[twins[0]]
    return replace(fault, position=other.pos, wrote=other.raw, read_as=other.value)
