r"""Which layout a document writes its derivatives in, read off its other statements, and the
statements whose layout is the question judged in it.

Two conventions, each read on its own (a document may take vectors' gradients as rows and still
write ∂L/∂W in the shape of W):
- vectors: numerator layout (∂z^l/∂a^{l-1} = W^l, ∂L/∂a a row, δ^T W) or denominator layout
  ((W^l)ᵀ, ∂L/∂a a column, Wᵀδ);
- weights: the shape of W (∂L/∂W = δ aᵀ, ∂z/∂W = aᵀ: the chain written left to right) or its
  transpose (∂L/∂W = a δᵀ, ∂z/∂W = a).
Every statement whose right side fits one of them and not the other votes for it: a derivative
of the loss (or of a scalar) by a vector or by W judged right as symprop shapes it (denominator,
shape of W), one right only as its transpose (numerator, transposed), when its side shows a
transpose or a weight matrix (δ alone is a column only by the reader's default); a Jacobian right
in the layout its shape reads (jacobians.py). A statement in question is judged in the layout two other
statements or more vote for, when they outnumber those voting for the other: right in it, it is
correct; right only in the other, it is not checked (the mismatch named, the lines that settle
it); with fewer votes, not checked. Never by its own vote. A Jacobian right in neither layout is
wrong, its factor named by the entries (matrix_faults.fold). Pure.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..latex import Partial
from ..latex.matrix import Node
from . import jacobians, layouts
from .ditto import Unchecked
from .judge import Verdict
from .matrix_edits import render

VECTORS, WEIGHTS = "vectors", "weights"
_OTHER = {
    jacobians.NUMERATOR: jacobians.DENOMINATOR,
    jacobians.DENOMINATOR: jacobians.NUMERATOR,
    jacobians.SHAPE: jacobians.TRANSPOSED,
    jacobians.TRANSPOSED: jacobians.SHAPE,
}
LAYOUTS = frozenset(_OTHER)
WORDS = {
    jacobians.NUMERATOR: "numerator layout (∂z/∂a = W, a gradient by a vector a row)",
    jacobians.DENOMINATOR: "denominator layout (∂z/∂a = Wᵀ, a gradient by a vector a column)",
    jacobians.SHAPE: "the shape of W (∂L/∂W = δ aᵀ, ∂z/∂W = aᵀ)",
    jacobians.TRANSPOSED: "the transpose of W's shape (∂L/∂W = a δᵀ, ∂z/∂W = a)",
}
UNSETTLED = (
    "right in {layout}; the document's other statements do not settle which layout it uses (two "
    "of them at least must, and more than use the other)"
)
MIXED = "right in {layout}, but the document's {line_s} {lines} write{s} this kind of derivative in {other}"
FIX = "write it in the layout the rest of the document uses, or per entry"
_WEIGHT_NAMES = ("W", "w", "Theta", "theta")


def _bare(node: Node) -> Node:
    while node.kind == "paren":
        node = node.args[0]
    return node


def kind(g) -> str:
    """Which convention the left side ∂u/∂v is under: weights (v a weight matrix) or vectors;
    '' when it votes for none (∇, a name, a v of one entry)."""
    lhs = g.statement.lhs
    if lhs.kind != "partial" or g.lhs is None or g.lhs.shape == (1, 1):
        return ""
    den = _bare(lhs.args[1])
    return WEIGHTS if den.kind == "name" and den.args[0] in _WEIGHT_NAMES else VECTORS


def own(g, why: str) -> str:
    """The layout a group's right side fits (before its values are weighed), or ''."""
    if g.jacobian in LAYOUTS:
        return g.jacobian
    if why == layouts.LAYOUT.format(what="derivative"):
        return jacobians.TRANSPOSED if kind(g) == WEIGHTS else jacobians.NUMERATOR
    return ""


def _names_only(node: Node) -> bool:
    """A side of derivatives alone (∂L/∂a ∂a/∂z ∂z/∂W: the chain rule as names), which any layout
    writes alike."""
    node = _bare(node)
    if node.kind == "prod":
        return all(_names_only(n) for n in node.args[0])
    return node.kind in ("partial", "nabla", "num")


def _evident(node: Node) -> bool:
    """Does a side show its orientation: a transpose, or a weight matrix (δ alone, ŷ - y alone are
    columns only by the reader's default, which a row-minded author need not share)?"""
    if node.kind == "T" or (node.kind == "name" and node.args[0] in _WEIGHT_NAMES):
        return True
    for a in node.args:
        if isinstance(a, Node) and _evident(a):
            return True
        if isinstance(a, tuple) and any(isinstance(b, Node) and _evident(b) for b in a):
            return True
    return False


def votes(groups, folded: dict, pending: dict) -> dict[tuple[str, str], set[int]]:
    """(convention, layout) -> the lines voting for it; a line voting both ways votes for none, and
    so does one whose sides are derivatives alone, or (a gradient) do not show their orientation."""
    said: dict[int, set[tuple[str, str]]] = {}
    for g in groups:
        k = kind(g)
        sides = [side.node for side in g.statement.sides]
        if not k or all(_names_only(n) for n in sides):
            continue
        if not g.jacobian and not any(_evident(n) for n in sides):
            continue
        v = folded.get(g.gid)
        if g.gid in pending:
            layout = pending[g.gid]
        elif v is not None and v.status == "correct" and not g.jacobian:
            layout = jacobians.SHAPE if k == WEIGHTS else jacobians.DENOMINATOR
        else:
            continue
        if layout:
            said.setdefault(g.statement.line, set()).add((k, layout))
    out: dict[tuple[str, str], set[int]] = {}
    for line, ways in said.items():
        for way in ways:
            if (way[0], _OTHER[way[1]]) not in ways:
                out.setdefault(way, set()).add(line)
    return out


def _line_s(lines: str) -> str:
    return "lines" if " and " in lines else "line"


def _lines(lines: set[int]) -> str:
    ordered = [str(n) for n in sorted(lines)]
    return ", ".join(ordered[:-1]) + " and " + ordered[-1] if len(ordered) > 1 else ordered[0]


def settle(g, layout: str, ballot: dict, shaped: bool = False) -> tuple[str, str]:
    """('settled', lines) when the other statements settle `layout` for g's convention,
    ('mixed', lines) when they settle the other one, ('', '') when they do not. `shaped`: the
    document's forward rows fix W's shape (z = W a + b: W out × in), so that a gradient by W
    in W's shape or in its transpose can only be that convention: one vote, uncontested, is enough."""
    k, line = kind(g), g.statement.line
    yes = ballot.get((k, layout), set()) - {line}
    no = ballot.get((k, _OTHER[layout]), set()) - {line}
    least = 1 if shaped and k == WEIGHTS else 2
    if len(yes) >= least and len(yes) > len(no) and (least == 2 or not no):
        return "settled", _lines(yes)
    if len(no) >= least and len(no) > len(yes) and (least == 2 or not yes):
        return "mixed", _lines(no)
    return "", ""


def forward_shape(groups, folded: dict) -> bool:
    """Do the document's forward rows fix W's shape: a row u = W v (+ b) judged correct, a weight
    matrix multiplying what stands to its right, and no row writing a weight transposed?"""
    shaped = False
    for g in groups:
        if g.statement.lhs.kind != "name" or kind(g):
            continue
        for side in g.statement.sides:
            if _transposed_weight(side.node):
                return False
            v = folded.get(g.gid)
            shaped = shaped or (v is not None and v.status == "correct" and _weight_times(side.node))
    return shaped


def _weight_times(node: Node) -> bool:
    """Does a side hold a product W v, the weight matrix first?"""
    if node.kind == "prod":
        factors = [_bare(n) for n in node.args[0]]
        if any(f.kind == "name" and f.args[0] in _WEIGHT_NAMES for f in factors[:-1]):
            return True
    return any(_weight_times(b) for b in _children(node))


def _transposed_weight(node: Node) -> bool:
    if (
        node.kind == "T"
        and _bare(node.args[0]).kind == "name"
        and _bare(node.args[0]).args[0] in _WEIGHT_NAMES
    ):
        return True
    return any(_transposed_weight(b) for b in _children(node))


def _children(node: Node) -> list[Node]:
    """The nodes directly under a node (a product's factors are one tuple of them)."""
    return [b for a in node.args for b in (a if isinstance(a, tuple) else (a,)) if isinstance(b, Node)]


def transposed_fits(namer, g, node: Node | None) -> bool:
    """A square Jacobian wrong as read (numerator layout): right as its transpose?"""
    if node is None or g.lhs is None or g.lhs.shape[0] != g.lhs.shape[1]:
        return False
    flipped = replace(g, lhs=g.lhs.T)
    truth = namer.truth(flipped)
    return truth is not None and namer.fits(flipped, node, truth)


def verdict(g, layout: str, lines: str, v: Verdict | None, loss) -> Verdict:
    """The verdict of a statement right in the layout the document's lines settle."""
    said = f" (in {WORDS[layout]}, as {_line_s(lines)} {lines} write{'' if ' and ' in lines else 's'} it)"
    if v is not None:
        return replace(v, label=v.label + said)
    label = render(g.statement.lhs)
    return Verdict(
        kind="matrix",
        num=loss,
        den=sp.Symbol(label),
        written=Partial(loss, sp.Symbol(label)),
        line=g.statement.line,
        col=g.statement.col,
        correct=True,
        exact=None,
        status="correct",
        instance=g.label,
        label=label + said,
    )


def unchecked(g, layout: str, state: str, lines: str) -> Unchecked:
    m = g.statement
    if state == "mixed":
        why = MIXED.format(
            layout=WORDS[layout],
            line_s=_line_s(lines),
            lines=lines,
            s="" if " and " in lines else "s",
            other=WORDS[_OTHER[layout]],
        )
        fix = FIX
    elif g.jacobian:
        why, fix = UNSETTLED.format(layout=WORDS[layout]), FIX
    else:  # a gradient's transpose: as before
        why, fix = layouts.LAYOUT.format(what="derivative"), layouts.LAYOUT_FIX
    return Unchecked(m.line, m.col, f"for {g.label}: {why}" if g.label else why, fix)


def decide(namer, groups, folded: dict, pending: list, fold, loss) -> dict[int, Verdict | Unchecked]:
    """Slot -> the verdict (or the reason not checked) of each statement whose layout is the
    question: `pending` holds (slot, group, entries, why, fix, side node) from
    matrix_faults.collect, `folded` the other groups' verdicts by group id, `fold` folds a group's
    entries into one verdict."""
    out: dict[int, Verdict | Unchecked] = {}
    ways: dict[int, str] = {}
    values: dict[int, Verdict | None] = {}
    for slot, g, entries, why, fix, node in pending:
        layout, v = own(g, why), None
        if g.jacobian:
            v = fold(g, entries)
            if v.status == "wrong":
                if not transposed_fits(namer, g, node):
                    out[slot] = v  # right in no layout: wrong, at the factor its entries name
                    continue
                layout, v = _OTHER[layout], None
        if not layout:
            m = g.statement
            out[slot] = Unchecked(m.line, m.col, f"for {g.label}: {why}" if g.label else why, fix)
            continue
        ways[slot], values[slot] = layout, v
    ballot = votes(groups, folded, {g.gid: ways[slot] for slot, g, *_ in pending if slot in ways})
    shaped = forward_shape(groups, folded)
    for slot, g, *_ in pending:
        if slot not in ways:
            continue
        state, lines = settle(g, ways[slot], ballot, shaped)
        if state == "settled":
            out[slot] = verdict(g, ways[slot], lines, values[slot], loss)
        else:
            out[slot] = unchecked(g, ways[slot], state, lines)
    return out
