"""Matrix statements -> one scalar statement per entry, per layer instance (see `matrix`).

`expand` replaces each `MatrixStatement` of a document by the entry statements of each of its
instances, in place (so a δ the author defines in matrix form is read as written by later
lines), and returns the `Group`s that `matrix_faults.collect` folds the entry verdicts back into.
Pure: statements in, statements and groups out.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

import sympy as sp

from ..latex import PARTIAL, Partial, Product, Statement
from ..latex.matrix import ACCUMULATORS, MatrixSide, MatrixStatement, Node
from . import batch_check, contractions, gradient_names, jacobians, transposed_weights
from .batch import over_batch
from .ditto import Unchecked
from .guessed_shapes import guessed
from .guessed_shapes import reason as guessed_reason
from .matrix import (
    GREEK,
    MAX_ENTRIES,
    MAX_TRIES,
    TAG,
    Evaluator,
    Layout,
    Missing,
    ShapeError,
    _names,
    layout,
)
from .matrix_factors import entry_factors
from .matrix_groups import Group, free_letters, layer_letter
from .one_example import batch_given, one_example, unbatched
from .pattern import Unpatterned, cell_factors, sized
from .precedence import Ambiguous, reading, with_side


def expand(
    d,
    statements: Sequence[Statement | MatrixStatement],
    algorithm=None,
    direction: str | tuple = "",
    weights: str = "",
    cost: tuple[str, str] = (batch_check.MEAN, ""),
    target: str = "y",
) -> tuple[list[Statement], list[Group], Layout | None, list[Unchecked]]:
    """(statements with every matrix statement replaced by its entries, the groups, the layout,
    matrix statements with no instance in this network). `direction`: W^l feeds layer l ('into')
    or leaves it ('out-of'), as the document shows (weight_layers.py); '' the reader's rule.
    `cost`: the document's cost over a batch (batch_check.cost_of); `target`: the targets' letter."""
    matrices = [s for s in statements if isinstance(s, MatrixStatement)]
    if not matrices:
        return [s for s in statements if isinstance(s, Statement)], [], None, []
    scalars = [s for s in statements if not isinstance(s, MatrixStatement)]
    lay = layout(d, scalars, matrices, algorithm)
    lay.direction, lay.weights = direction, weights  # weights: the scalar names' orientation
    lay.target = target
    lay.w_transposed = transposed_weights.detected(matrices)  # u = W^T a: W input-by-output
    lay.w_columns = transposed_weights.vector_weights(matrices)  # ŷ = w^T a: one output's column
    lay, _ = gradient_names.read(lay, matrices)  # δ_1 = ∂J/∂θ, a row where the document's lines say
    out: list[Statement] = []
    groups: list[Group] = []
    unchecked: list[Unchecked] = []
    # X = [0.5; -0.2], or nothing over examples anywhere: the capitals are one example (one_example.py)
    single = one_example(matrices) or not batch_given(matrices) and unbatched(statements)
    for s in statements:
        if not isinstance(s, MatrixStatement):
            out.append(s)
            continue
        if unsettled := gradient_names.unsettled(lay, s):  # δ_1 a row on some lines, a column on others
            unchecked.append(Unchecked(s.line, s.col, unsettled, gradient_names.UNSETTLED_FIX))
            continue
        why = "" if single else over_batch(s)
        if why and batch_check.why_not(s, matrices):  # dZ = \frac{1}{m}(A - Y): not checked
            unchecked.append(Unchecked(s.line, s.col, batch_check.why_not(s, matrices), batch_check.FIX))
            continue
        found, missed = instances(lay, s, len(groups))
        found += beside_misfit(lay, s, found, len(groups) + len(found))
        for g in found if why else []:  # dW = \frac{1}{m} dZ A^T: checked at m examples too
            batch_check.attach(lay, g, cost)
        if not found and missed in ACCUMULATORS:
            unchecked.append(
                Unchecked(
                    s.line,
                    s.col,
                    f"uses {GREEK.get(missed, missed)}, which no line above defines in a checked form",
                    "define it first: \\Delta^{(l)} = \\Delta^{(l)} + \\delta^{(l+1)} (a^{(l)})^T",
                )
            )
        elif not found:
            unchecked.append(
                Unchecked(
                    s.line,
                    s.col,
                    "names nothing in the network for any layer",
                    "check the layers (counted from the input: a^{(1)} = x)",
                )
            )
        for g in found:
            groups.append(g)
            out += g.entries
    return out, groups, lay, unchecked


def _numbers_only(node: Node) -> bool:
    """Is a side's tree numbers alone (-0.404 × [0.55, 0.60], [-0.222, -0.243]), no name in it?"""
    if node.kind in ("name", "nabla", "partial", "chain", "dots"):
        return False
    return all(
        _numbers_only(a) if isinstance(a, Node) else not isinstance(a, tuple) or _numbers_only_all(a)
        for a in node.args
    )


def _numbers_only_all(args: tuple) -> bool:
    return all(
        _numbers_only(b) if isinstance(b, Node) else not isinstance(b, tuple) or _numbers_only_all(b)
        for b in args
    )


def beside_misfit(lay: Layout, m: MatrixStatement, found: list[Group], gid: int) -> list[Group]:
    """The sides of numbers of a statement whose formula side misfits (δ^{[2]} \\cdot a^{[1]} in
    the transpose of W's shape, its layout then the question): claims at the point all the same,
    as one more group of those sides alone; a formula side never hides the numbers beside it."""
    if m.lhs.kind == "name":  # X = A^{[1]} = [1; -1; 2]: a value named twice stays one claim, no given
        return []
    misfit = any(g.shape_error and g.shape_error[0] >= 0 for g in found)
    numbers = tuple(side for side in m.sides if _numbers_only(side.node))
    if not misfit or not numbers or len(numbers) == len(m.sides):
        return []
    extra, _ = instances(lay, replace(m, sides=numbers), gid)
    return [g for g in extra if g.entries and not g.shape_error and not g.unchecked]


def _accumulator(node: Node) -> tuple[str, str] | None:
    if node.kind == "name" and node.args[0] in ACCUMULATORS:
        return node.args[0], node.args[1]
    return None


def _increment(lhs: Node, side: Node) -> Node | None:
    """Δ = Δ + X -> X (the increment); None when the side is not that."""
    acc = _accumulator(lhs)
    if acc is None or side.kind != "sum":
        return None
    rest = [(s, t) for s, t in side.args if not (s == 1 and _accumulator(t) == acc and not t.args[2])]
    if len(rest) == len(side.args) or not rest:
        return None
    return rest[0][1] if len(rest) == 1 and rest[0][0] == 1 else Node("sum", tuple(rest), rest[0][1].pos)


def _gradient(lay: Layout, ev: Evaluator, acc: tuple[str, str], index: str) -> sp.Matrix:
    """What an accumulator of layer l stands for: ∂J/∂Θ^{(l)} (∂J/∂W^{(l)})."""
    base = "Theta" if lay.bias_first else "W"
    theta = ev.value(Node("name", (base, acc[1], index, True)))
    return theta.applyfunc(lambda e: PARTIAL(sp.Symbol("J"), e))


def _lhs(lay: Layout, ev: Evaluator, m: MatrixStatement) -> sp.Matrix:
    acc = _accumulator(m.lhs)
    if acc is not None:
        return _gradient(lay, ev, acc, m.lhs.args[2])
    return ev.value(m.lhs)


def _sides(m: MatrixStatement) -> list[tuple[int, MatrixSide, Node]]:
    """(side index, side, the node checked): an accumulator's increment for Δ = Δ + X; a side
    that only names an accumulator not defined yet (D^{(l)}_{ij} in ∂J/∂Θ = D = Δ/m) is left out."""
    out = []
    for k, side in enumerate(m.sides):
        node = _increment(m.lhs, side.node) or side.node
        out.append((k, side, node))
    return out


def instances(lay: Layout, m: MatrixStatement, gid: int) -> tuple[list[Group], str]:
    """One group per value of the layer letter (entries of every index value inside it)."""
    letters = [c for c in free_letters(m) if c not in lay.fixed]
    layered = sorted({layer_letter(n.args[1]) for n in _names(m)} - {""} - set(lay.fixed))  # l, or a loop's k
    letter = layered[0] if layered else "l"
    layer_span: Sequence[int | None] = range(1, lay.depth + lay.off + 1) if letter in letters else [None]
    others = [c for c in letters if c != letter]
    top = max(lay.sizes) + 1
    groups: list[Group] = []
    missed = ""
    if m.span is not None and m.span.letter == letter:  # k \in \{1, \dots, K\}: those layers only
        bounds = spanned(m.span, lay.depth + lay.off)
        if bounds is None:
            g = Group(gid, m, {})
            g.unchecked = f"the range of {letter} names a bound the forward pass does not place: not checked"
            return [g], missed
        layer_span = [v for v in layer_span if v is not None and bounds[0] <= v <= bounds[1]]
    if len(layer_span) * (top + 1) ** len(others) > MAX_TRIES:  # Θ_{ijk...} over a wide net
        g = Group(gid, m, {})
        g.unchecked = f"a statement in {', '.join(letters)} with too many instances: not checked"
        return [g], missed
    for lv in layer_span:
        env0 = {letter: lv} if lv is not None else {}
        g = Group(gid + len(groups), m, env0)
        for values in itertools.product(*(range(0, top + 1) for _ in others)):
            env = {**env0, **dict(zip(others, values))}
            try:
                ev, lhs, sides = _in_rows_if_only_they_fit(lay, m, env, g)
            except Missing as err:
                missed = str(err) if str(err) in ACCUMULATORS else missed or str(err)
                continue
            except _Misfit as err:
                if guess := guessed(lay, m):  # h taken as 1×1: the misfit is symprop's guess
                    g.unchecked = guessed_reason(guess)
                    break
                g.shape_error, g.lhs = (err.k, err.err), err.lhs
                break
            except (Ambiguous, Unpatterned) as err:
                g.unchecked = str(err)
                break
            for k, side, node, _ in sides:
                if node is not side.node:  # sized, or read left to right: faults named in it
                    g.statement = with_side(g.statement, k, node)
            g.lhs, g.dropped = lhs, g.dropped or ev.dropped
            g.sides_used = [k for k, *_ in sides]
            if m.lhs.kind == "name" and m.lhs.args[0] == "delta" and not m.lhs.args[2] and not _by_z(m):
                g.sides_used.insert(0, -1)  # δ^l means ∂L/∂z^l: said first, as a side not checked
            _define(lay, m, ev, env, sides)
            for r, c in itertools.product(range(lhs.shape[0]), range(lhs.shape[1])):
                if len(g.entries) >= MAX_ENTRIES:
                    g.unchecked = f"over {MAX_ENTRIES} entries: not checked"
                    break
                products = tuple(
                    Product(_entry(ev, node, r, c, value), side.text, side.col, side.line)
                    for _, side, node, value in sides
                )
                left = lhs[r, c]
                left = Partial(*left.args) if isinstance(left, sp.Function) and left.func == PARTIAL else left
                if g.sides_used and g.sides_used[0] < 0:  # δ^l_j = ∂L/∂z^l_j = the written entry
                    z = sp.Symbol(str(left).replace("delta_", "z_", 1))
                    meaning = Product((Partial(sp.Symbol("L"), z),), m.lhs_text, m.col, m.line)
                    products = (meaning, *products)
                g.entries.append(Statement(left, products, m.line, m.source, m.col, instance=f"{TAG}{g.gid}"))
        if g.entries or g.shape_error or g.unchecked:
            groups.append(g)
    return groups, missed


def spanned(span, depth: int) -> tuple[int, int] | None:
    """A statement's range (latex/shifted_letters.Span) as numbers for a network of `depth`
    layers (('top', -1): depth - 1), or None when a bound is not placed."""
    ends = []
    for bound in (span.low, span.high):
        if bound is None:
            return None
        ends.append(bound if isinstance(bound, int) else depth + bound[1])
    return ends[0], ends[1]


def _entry(ev: Evaluator, node: Node, r: int, c: int, value: sp.Matrix) -> tuple:
    """The factors of entry (r, c): a written matrix's cell as written (pattern.py), else as
    the side's product gives them (matrix.entry_factors)."""
    written = cell_factors(ev, node, r, c)
    if written is None:
        return entry_factors(ev, node, r, c, value)
    return tuple(Partial(*e.args) if isinstance(e, sp.Function) and e.func == PARTIAL else e for e in written)


class _Misfit(Exception):
    """A ShapeError on side k (-1: the left side), with the left side's value if it had one."""

    def __init__(self, k: int, err: ShapeError, lhs: sp.Matrix | None):
        super().__init__(err.what)
        self.k, self.err, self.lhs = k, err, lhs


def _evaluate(
    lay: Layout, m: MatrixStatement, env: dict, g: Group | None = None
) -> tuple[Evaluator, sp.Matrix, list]:
    """The evaluator, the left side's value and the sides checked (k, side, node, value) at one
    instance; raises Missing, _Misfit, Ambiguous or Unpatterned. A middle step of a chain
    written as a Jacobian shorthand (Sudeep Raja's (x_3 - t) \\partial x_3/\\partial W_3) is set
    apart (`g.schematic`) when the chain's last side is not one, so its result is still judged."""
    ev = Evaluator(lay, env)
    try:
        lhs = _lhs(lay, ev, m)
    except ShapeError as err:  # ∂u/∂v of a vector: its entries, in the layout its sides' shape is
        read = jacobians.reading(ev, m.lhs, jacobians.side_shapes(ev, _sides(m)))
        if read is None:
            raise _Misfit(-1, err, None) from None
        lhs = read[0]
        if g is not None:
            g.jacobian = read[1]
    sides = []
    k = -1
    try:
        for k, side, node in _sides(m):
            if _names_new_accumulator(lay, node, env):
                continue
            node = sized(node, lhs.shape)  # a matrix written with \dots: its size (pattern.py)
            try:
                node, value = reading(ev, side, node, lhs.shape)  # A ⊙ B · C (precedence.py)
            except ShapeError as err:
                if g is None or err.what != "the derivative of a vector" or k == len(m.sides) - 1:
                    raise
                value = contractions.contracted(ev, node, lhs.shape)  # v ∂u/∂M: Σ_k v_k ∂u_k/∂M
                if value is None:
                    if k not in g.schematic:
                        g.schematic.append(k)
                    continue
            node, value = jacobians.diagonal_side(g, node, value, lhs.shape)
            if value.shape != lhs.shape:
                raise ShapeError("the two sides", node, lhs.shape, value.shape, (m.lhs, node))
            sides.append((k, side, node, value))
    except ShapeError as err:
        raise _Misfit(k, err, lhs) from None
    return ev, lhs, sides


def _in_rows_if_only_they_fit(lay: Layout, m: MatrixStatement, env: dict, g: Group | None = None) -> tuple:
    """`_evaluate` as symprop's columns (W^l output-by-input); in a document whose weights are
    input-by-output (orientation.py), when the columns' shapes do not fit (or name a unit the
    layer lacks) and the statement's do as row vectors (u = h W: Jihwan Jeong), as rows."""
    try:
        return _evaluate(lay, m, env, g)
    except (_Misfit, Missing) as misfit:
        if lay.rows or lay.bias_first or lay.w_transposed or lay.weights != "input-by-output":
            raise
        try:
            return _evaluate(replace(lay, rows=True), m, env, g)
        except _Misfit as rows:
            if rows.err.what == "the derivative of a vector":  # rows fit up to a Jacobian shorthand
                raise rows from None  # (δ W^T ⊙ ∂φ(z)/∂z: Raschka): its layout, not a misfit
            raise misfit from None
        except (Missing, Ambiguous, Unpatterned):
            raise misfit from None


def _by_z(m: MatrixStatement) -> bool:
    """Does a side say which derivative δ is (∂C/∂z^l, ∂/∂z^L ½‖a - y‖²)? Then that side is its
    meaning, as for a scalar δ; a lone ∇_a C is not (δ^L = ∇_a C misses σ′)."""
    for side in m.sides:
        node = side.node
        while node.kind == "paren":
            node = node.args[0]
        if node.kind == "partial" and node.args[1].kind == "name" and node.args[1].args[0] == "z":
            return True
    return False


def _names_new_accumulator(lay: Layout, node: Node, env: dict) -> bool:
    acc = _accumulator(node)
    if acc is None:
        return False
    try:
        key = (acc[0], lay.layer(acc[1], env)) if acc[1] else (acc[0], None)
    except Missing:
        return False
    return key not in lay.accumulators


def _define(lay: Layout, m: MatrixStatement, ev: Evaluator, env: dict, sides: list) -> None:
    """Δ^{(l)} = ... : later lines read the accumulator as the author wrote it (the last side)."""
    acc = _accumulator(m.lhs)
    if acc is None or m.lhs.args[2] or not sides:
        return
    key = (acc[0], lay.layer(acc[1], env)) if acc[1] else (acc[0], None)
    lay.accumulators[key] = sides[-1][3]
