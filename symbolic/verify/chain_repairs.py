r"""A chain of derivatives of vectors that does not link, named by the one edit that links it.

The chain rule in Jacobian shorthand (Murphy's ∂L/∂x_4 ∂x_4/∂x_3 ∂x_3/∂x_2 ∂x_2/∂θ_1, MML's
∂L/∂f_K ∂f_K/∂f_{K-1} ∂f_{K-1}/∂θ_{K-2}, a README's ∂C/∂A^{(2)} ∂A^{(2)}/∂Z^{(2)}) is valued
only when each denominator is the next numerator (jacobians.chain_value); a chain that breaks
is no chain rule, and it was said "not checked" for its layout. Here the edits that link it are
tried, each valued entry by entry against the truth (`Namer.fits`), in this order:
  - a missing link inserted where the chain breaks: ∂L/∂x_4 ∂x_4/∂x_3 ∂x_2/∂θ_1 for ∂L/∂θ_1 is
    "missing factor ∂x_3/∂x_2 between factors 2 and 3";
  - one factor replaced by the derivative its neighbours link: ∂C/∂A^{(2)} ∂A^{(1)}/∂Z^{(1)} for
    ∂C/∂Z^{(2)} is "factor 2: wrote ∂A^{(1)}/∂Z^{(1)}, expected ∂A^{(2)}/∂Z^{(2)}".
The first edit whose chain links and is right at every entry names the fault; with none, the
statement stays as it was (not checked), as does a chain that mixes a vector with one of its
entries (∂L/∂a^{[2]} ∂a^{[2]}/∂z_1^{[2]} for ∂L/∂z^{[2]}: a shorthand jacobians.py does not
read). Written left to right or right to left (3Blue1Brown's ∂z/∂w ∂a/∂z ∂C/∂a).
Pure: a side's nodes in, candidate sides out.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..latex.matrix import Node
from .matrix import Evaluator
from .matrix_edits import render
from .matrix_factors import top_factors


def _bare(node: Node) -> Node:
    while node.kind == "paren":
        node = node.args[0]
    return node


def _linked(a: list, b: list) -> bool:
    return a is not None and b is not None and list(a) == list(b)


def candidates(lhs: Node, side: Node, value) -> Iterator[tuple[Node, int, str]]:
    """(repaired side, the fault's position, what is said) for a side that is a chain of
    derivatives, one of a vector, that does not link; nothing for any other side. `value`:
    a node -> its matrix at this instance (None when it has none)."""
    lhs = _bare(lhs)
    sign, factors, ops = top_factors(side)
    factors = [_bare(f) for f in factors]
    if lhs.kind != "partial" or len(factors) < 2 or any(op != "dot" for op in ops):
        return
    if any(f.kind != "partial" for f in factors):
        return
    ends = [value(n) for f in factors for n in f.args]
    top, bottom = value(lhs.args[0]), value(lhs.args[1])
    if any(e is None for e in ends) or top is None or bottom is None:
        return
    scalars = all(e.shape == (1, 1) for e in [*ends, bottom])
    if not scalars and any(e.shape == (1, 1) and list(e) != list(top) for e in ends):
        return  # one entry of a vector in a vector's chain (∂a^{[2]}/∂z_1^{[2]}): a shorthand, not read
    forward = _linked(ends[0], top) or _linked(ends[-1], bottom)
    backward = _linked(ends[-2], top) or _linked(ends[1], bottom)
    if forward == backward:  # neither end, or both (a chain of one quantity): no direction
        return
    chain = factors if forward else factors[::-1]
    nodes = [(f.args[0], f.args[1]) for f in chain]
    values = [(value(a), value(b)) for a, b in nodes]
    k = len(chain)
    # the chain's quantities in order: L, then each factor's (numerator, denominator), then θ
    left = [(lhs.args[0], top)] + [(nodes[i][1], values[i][1]) for i in range(k)]
    right = [(nodes[i][0], values[i][0]) for i in range(k)] + [(lhs.args[1], bottom)]
    broken = [i for i in range(k + 1) if not _linked(left[i][1], right[i][1])]
    if not broken:
        return

    def build(new: list[Node]) -> Node:
        written = new if forward else new[::-1]
        body = Node("prod", (tuple(written), ("dot",) * (len(written) - 1)), side.pos)
        return body if sign > 0 else Node("sum", ((-1, body),), side.pos)

    if len(broken) == 1:  # one link missing: ∂left/∂right inserted there
        i = broken[0]
        link = Node("partial", (left[i][0], right[i][0]), side.pos)
        new = chain[:i] + [link] + chain[i:]
        at = i if forward else k - i  # the inserted factor's index as written
        where = _between(at, k)
        yield build(new), at + 1, f"missing factor {render(link)} {where}: the written chain does not link"
    for i in range(k):  # factor i replaced: it breaks the links on both its sides, or the one
        if any(b not in (i, i + 1) for b in broken):
            continue
        link = Node("partial", (left[i][0], right[i + 1][0]), side.pos)
        if _linked(left[i][1], right[i + 1][1]):
            continue  # ∂x/∂x: no derivative, the factor is extra (matrix_edits tries that)
        new = chain[:i] + [link] + chain[i + 1 :]
        at = i if forward else k - 1 - i
        text = f"factor {at + 1}: wrote {render(chain[i])}, expected {render(link)} (the chain then links)"
        yield build(new), at + 1, text


def repair(namer, g, node: Node | None) -> tuple[int, str] | None:
    """(position, text) of the first edit that links group `g`'s chain (`node`, its side) and
    makes every entry right at the test points (`namer`: matrix_faults.Namer); None when none."""
    if node is None or g.lhs is None:
        return None
    truth = namer.truth(g)
    if truth is None:
        return None
    ev = Evaluator(namer.lay, g.env)

    def value(n: Node):
        try:
            return ev.value(n)
        except Exception:  # a name this instance lacks, shapes that do not fit: no value
            return None

    for new, position, text in candidates(g.statement.lhs, node, value):
        if namer.fits(g, new, truth):
            return position, text
    return None


def _between(at: int, k: int) -> str:
    """Where a factor inserted at written index `at` of k goes, in words."""
    if at == 0:
        return "before factor 1"
    if at == k:
        return f"after factor {k}"
    return f"between factors {at} and {at + 1}"
