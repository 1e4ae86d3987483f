r"""A statement that sums over a batch's examples, checked at m > 1 examples.

Ng's vectorized gradients, dW^{[2]} = \frac{1}{m} dZ^{[2]} A^{[1]T} and
db^{[2]} = \frac{1}{m} np.sum(dZ^{[2]}, axis=1, keepdims=True), hold one column per example in
X, Y, A^{[l]}, Z^{[l]}, dZ^{[l]}. The pipeline judges such a statement on one example (m = 1,
`matrix.BATCH`), which names a wrong layer, a missing transpose or g for g'; but there 1/m is 1
and every sum over the examples has one term, so a missing 1/m or a sum over the wrong axis
cannot be seen. This module adds the other half, exactly, with no numbers: the statement's side
is evaluated at M examples (M >= 3, no layer's width, so a missing transpose cannot fit by
chance), each batch matrix's column e made of example e's own symbols (a_{1,2} -> a_{1,2}#e),
and compared with what the cost says the batch gradient is: the mean of the per-example sides,
(1/M) Σ_e side(example e), for Ng's J = (1/m) Σ_i L^{(i)}, or their sum when the document's cost
is a plain sum over the examples (`cost_of`). The per-example side is the m = 1 side the pipeline
judges against ∂L/∂W, so both halves correct is the statement correct for every m; either half
wrong is the statement wrong (at m = 1, or at M). Pure: nodes in, a `Checked` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from ..latex.matrix import MatrixStatement, Node
from .batch import nodes
from .matrix import BATCH, Evaluator, Layout, Missing, ShapeError
from .matrix_factors import top_factors
from .matrix_groups import Group

PER_EXAMPLE = ("a_", "z_", "x_", "y_", "delta_")  # raw names of one example's quantities
ONE = {"a", "z", "x", "y", "delta", "y_hat"}  # one example's names beside a batch's
KNOWN = {"m", "W", "w", "b", "Theta"}  # the batch's size, and the parameters all examples share
SUMS = {"rowsum", "colsum", "allsum"}
MEAN, SUM = "mean", "sum"


@dataclass(frozen=True)
class Checked:
    """The batch half of a statement's check: `text` the fault ('' none), at `side`/`position`
    (1-based) of the written side; `note` what it was checked against."""

    text: str = ""
    side: int = 1
    position: int = 1
    note: str = ""
    unchecked: str = ""  # why the batch half could not be checked ('' it was)


def examples(lay: Layout) -> int:
    """M: at least 3, and no layer's width."""
    m = 3
    while m in lay.sizes:
        m += 1
    return m


# ------------------------------------------------------------------------------ the cost


_COST = re.compile(r"^\s*\$*\s*(?:J|C|E|\\mathcal\{[JLC]\})\s*(?:\([^=]*\))?\s*&?\s*=(.*)$")
_MEAN = re.compile(
    r"\\frac\s*\{?\s*1\s*\}?\s*\{?\s*\d*\s*[mnMN]\s*\}?|/\s*\(?\s*\d*\s*[mnMN]\b|\\over\s*\d*\s*[mnMN]\b"
)
_OVER = re.compile(r"\\sum_\{?\s*([a-z])\s*=\s*1\s*\}?\^\{?\s*[mM]\b")


def cost_of(source: str) -> tuple[str, str]:
    r"""(MEAN or SUM, how the document says it). SUM only for a cost J written as a sum over the
    examples, \sum_{i=1}^{m} with the example's (i) in its body, and no division by m anywhere in
    it (a sum over a layer's units, ½ Σ_j (y_j - a_j)^2, says nothing of the examples); Ng's mean
    otherwise."""
    for line in source.splitlines():
        found = _COST.match(line) if not line.lstrip().startswith("%") else None
        over = _OVER.search(found.group(1)) if found else None
        if not found or not over or f"({over.group(1)})" not in found.group(1).replace(" ", ""):
            continue
        if _MEAN.search(found.group(1)):
            return MEAN, "J = (1/m) Σ_i L^{(i)}, the document's cost"
        return SUM, "J = Σ_i L^{(i)}, the document's cost (a sum, no 1/m)"
    return MEAN, "J = (1/m) Σ_i L^{(i)}, Ng's mean over the examples (the document writes no sum cost)"


# ------------------------------------------------------------------------------ what is checked


def _batch(node: Node) -> bool:
    return any(n.kind == "name" and n.args[0] in BATCH for n in nodes(node))


def _averages(node: Node) -> bool:
    return any(
        n.kind == "name" and n.args[0] == "m" or n.kind == "call" and n.args[0] in SUMS for n in nodes(node)
    )


def per_example_scaled(matrices: list[MatrixStatement]) -> bool:
    """Does the document put 1/m (or a sum) into a per-example quantity (dZ^{[2]} = \\frac{1}{m}(A - Y),
    dZ as ∂J/∂Z)? Then its dW = dZ A^T is a different convention: not checked."""
    return any(_batch(s.lhs) and any(_averages(side.node) for side in s.sides) for s in matrices)


SCALED = "the document puts the 1/m into dZ (dZ = ∂J/∂Z of the batch's cost), a convention not checked"
OWN = "a batch's per-example matrix with 1/m or a sum over the examples: not checked"
FIX = "write dZ^{[2]} = A^{[2]} - Y per example, and the 1/m in dW^{[2]} and db^{[2]}"


def why_not(stmt: MatrixStatement, matrices: list[MatrixStatement]) -> str:
    """'' for a statement summing over the examples whose left side is one for the whole batch
    (dW, db, ∂J/∂W), in a document that keeps dZ per example; else why it is not checked."""
    if _batch(stmt.lhs):
        return OWN
    return SCALED if per_example_scaled(matrices) else ""


# ------------------------------------------------------------------------------ evaluation at M


def _renaming(symbols, e: int) -> dict:
    return {s: sp.Symbol(f"{s.name}#{e}") for s in symbols if s.name.startswith(PER_EXAMPLE)}


class _Batch(Evaluator):
    """The evaluator at M examples: X, Y, A^{[l]}, Z^{[l]} are n×M, m is M."""

    def __init__(self, lay: Layout, env: dict, m: int):
        super().__init__(lay, env)
        self.m = m

    def value(self, node: Node) -> sp.Matrix:
        if node.kind == "name" and node.args[0] == "m" and not node.args[1] and not node.args[2]:
            return sp.Matrix([[self.m]])
        if node.kind == "name" and node.args[0] in BATCH and not node.args[2]:
            column = super().value(node)
            if column.shape[1] != 1:
                raise Missing(node.args[0])
            return sp.Matrix.hstack(
                *(column.xreplace(_renaming(column.free_symbols, e)) for e in range(self.m))
            )
        return super().value(node)


def _zero(m: sp.Matrix) -> bool:
    return all(sp.expand(e) == 0 for e in m)


def _position(node: Node, want) -> int:
    _, factors, _ = top_factors(node)
    return next((i + 1 for i, f in enumerate(factors) if any(want(n) for n in nodes(f))), 1)


def _is_m(n: Node) -> bool:
    return n.kind == "name" and n.args[0] == "m" and not n.args[1]


def _is_sum(n: Node) -> bool:
    return n.kind == "call" and n.args[0] in SUMS


def check_side(lay: Layout, env: dict, node: Node, cost: tuple[str, str], side: int = 1) -> Checked:
    """One side of a batch statement at M examples against the cost's batch gradient."""
    big = examples(lay)
    how, said = cost
    short = "J = (1/m) Σ_i L^{(i)}" if how == MEAN else "J = Σ_i L^{(i)}"
    names = [n for n in nodes(node) if n.kind == "name"]
    if any(n.args[0] in ONE for n in names):
        return Checked(unchecked="it mixes one example's quantities (a^{[1]}) with the batch's (A^{[1]})")
    if any(n.args[0] not in KNOWN and n.args[0] not in BATCH for n in names):  # \hat{Y}, an own name
        return Checked(unchecked="it names a quantity whose batch of examples symprop does not know")
    try:
        one = Evaluator(lay, env).value(node)
    except (ShapeError, Missing):  # judged (named) on one example
        return Checked(note=said)
    try:
        many = _Batch(lay, env, big).value(node)
    except Missing:
        return Checked(unchecked="a name it uses has no batch of examples")
    except ShapeError as err:  # fits on one example only (A^{[1]T} dZ^{[2]}: 1×1 at m = 1)
        sub = err.operands[1]
        where = _position(node, lambda n: n == sub) if sub is not None else 1
        shapes = f"{_shape(err.left)} and {_shape(err.right)}"
        text = f"over a batch of {big} examples the shapes do not fit in {err.what} ({shapes})"
        return Checked(text, side, where, said)
    per = set().union(*(c.free_symbols for c in one)) if one else set()
    per = {s for s in per if s.name.startswith(PER_EXAMPLE)}
    total = sp.zeros(*one.shape)
    for e in range(big):
        total += one.xreplace(_renaming(per, e))
    true = total / big if how == MEAN else total
    if many.shape != true.shape:
        where = (
            _position(node, _is_sum) if any(_is_sum(n) for n in nodes(node)) else _position(node, _batch_name)
        )
        text = (
            f"over a batch of {big} examples the right side is {many.shape[0]}×{many.shape[1]}, "
            f"not {true.shape[0]}×{true.shape[1]}: the sum over the examples (np.sum(..., axis=1)) "
            + ("is over the wrong axis" if any(_is_sum(n) for n in nodes(node)) else "is missing")
        )
        return Checked(text, side, where, said)
    if _zero(many - true):
        return Checked(note=said)
    has_m = any(_is_m(n) for n in nodes(node))
    at = _position(node, _is_m) if has_m else 1
    if _zero(many - true * big):
        return Checked(
            f"1/m missing: over a batch of m examples the right side is m times the gradient of {short}",
            side,
            at,
            said,
        )
    if has_m and _zero(many - true * big**2):
        return Checked(
            "m where 1/m belongs: over a batch of m examples the right side is m² times the gradient of "
            + short,
            side,
            at,
            said,
        )
    if _zero(many * big - true):
        text = "an extra 1/m" if how == SUM else "1/m twice"
        return Checked(
            f"{text}: over a batch of m examples the right side is 1/m times the gradient of {short}",
            side,
            at,
            said,
        )
    where = _position(node, _batch_name)
    return Checked(
        f"over a batch of {big} examples the right side is not the gradient of {short}", side, where, said
    )


def _shape(shape: tuple) -> str:
    return f"{shape[0]}×{shape[1]}"


def _batch_name(n: Node) -> bool:
    return n.kind == "name" and n.args[0] in BATCH


def attach(lay: Layout, g: Group, cost: tuple[str, str]) -> None:
    """The batch half of every side the group's entries check (the first fault kept)."""
    if g.shape_error and g.shape_error[0] >= 0:  # np.sum(dZ^{[1]}, axis=0): 1×1 on one example too
        k = g.shape_error[0]
        node = g.statement.sides[k].node
        if g.shape_error[1].what == "the two sides" and any(
            _is_sum(n) and n.args[0] != "rowsum" for n in nodes(node)
        ):
            text = "np.sum over the wrong axis: the sum over a batch's examples is np.sum(..., axis=1)"
            g.batch = Checked(text, k + 1, _position(node, _is_sum))
        return
    if g.unchecked or not g.entries:
        return
    for k in (k for k in g.sides_used if k >= 0):
        checked = check_side(lay, g.env, g.statement.sides[k].node, cost, k + 1)
        if checked.unchecked:
            g.unchecked = f"over a batch of examples, {checked.unchecked}: not checked"
            return
        if checked.text or g.batch is None:
            g.batch = checked
        if checked.text:
            return
