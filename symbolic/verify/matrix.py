r"""Matrix and vector statements (`symbolic.latex.matrix`): layers instantiated, shapes checked,
every entry judged.

A statement in a layer letter (\delta^l = ((W^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)) is taken
for every layer l the network has. Each name becomes the matrix of the network's quantities
(W^{(2)} is 2×3 in a 2-3-2 network, \delta^{(2)} 2×1, \nabla_{W^{(l)}} J the matrix of
∂J/∂W_ij); the products are carried out with their shapes checked (`Shapes`), and every entry
of the two sides becomes one scalar statement, judged by the pipeline like any other (proved
exactly or at telling points, its top-level factors aligned with the truth). `collect`
(matrix_faults.py) folds the entries back into one verdict per layer and names the fault.

Layouts, as `indices` reads them: layers counted from the input when the document writes a
layer letter (Nielsen, UFLDL, Ng; a^{(1)} = x); lowercase w^l goes into layer l, W^{(l)} and
\Theta^{(l)} come out of it (and so does b^{(l)} beside them). \Theta is Ng's: the bias column
first, so a^{(l)} below the output carries the bias unit a_0 = 1 and an element-wise product of
Θᵀδ with g'(z) drops that unit's row (ex4: "skip δ_0"). Ng's accumulator
\Delta^{(l)} = \Delta^{(l)} + δ^{(l+1)} (a^{(l)})^T is checked on one example (m = 1): its
increment against ∇_Θ J, and later lines read \Delta^{(l)} as the author wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from ..latex import PARTIAL
from ..latex.matrix import ACCUMULATORS, MatrixStatement, Node
from ..latex.matrix_diag import DIAG
from ..latex.statements import INDICATOR
from . import value_letters
from .defined_layers import layer_written
from .gradient_names import as_written, entry_by_entry
from .index_sums import value as index_sum
from .jacobians import chain_value, hadamard_factors
from .layer_calls import function_for, whole_layers
from .layer_counting import from_input, layer_number, square
from .matrix_operands import diagonal_product, jacobian_diagonal, written_number
from .names import LOSS_NAMES
from .pattern import Unpatterned
from .pattern import value as written_value
from .weight_layers import layer_of
from .zero_origin import counts_from_one, counts_from_zero

COUNTS = {"N_out": -1, "N_in": 0}  # the numbers of the output and input units, by their layer
BATCH = {"A": "a", "Z": "z", "X": "x", "Y": "y"}  # a batch's matrices, one column per example
TAG = "\x00matrix"  # Statement.instance of an entry statement: TAG + group id
MAX_ENTRIES = 64  # entries judged per statement and layer
MAX_TRIES = 20_000  # index combinations tried per statement
GREEK = {"delta": "δ", "Delta": "Δ", "Theta": "Θ", "sigma": "σ", "nabla": "∇", "eta": "η", "y_hat": "ŷ"}


class ShapeError(Exception):
    """Two operands whose shapes do not fit: (what, node, left shape, right shape)."""

    def __init__(self, what: str, node: Node, left: tuple, right: tuple, operands: tuple = (None, None)):
        super().__init__(what)
        self.what, self.node, self.left, self.right = what, node, left, right
        self.operands = operands  # the two operands (Node, or None for the whole side)


class Missing(Exception):
    """A name this layer of the network does not have (the instance is dropped)."""


@dataclass
class Layout:
    depth: int
    sizes: tuple[int, ...]
    off: int  # 1: layers counted from the input
    out_of: bool  # W^{(l)}, \Theta^{(l)} come out of layer l (b^{(l)} too)
    bias_first: bool  # Ng's \Theta: the bias column first, a_0 = 1
    prime: str = "f_prime"  # f' as the document writes it (sigma_prime, g_prime): for "f'(z) missing"
    shared_bias: bool = False  # one bias per layer: b^{(l)} is 1×1, ∇_b J = 1ᵀδ
    direction: str | tuple = (
        ""  # W^l feeds layer l ('into'), leaves it ('out-of'), '' by base (weight_layers.py)
    )
    roles: dict = field(default_factory=dict)  # Goodfellow's a (pre-activation) -> z, h -> a: running.py
    fixed: dict = field(default_factory=dict)  # a loop's bound letter (l) -> the last layer
    vectors: dict = field(default_factory=dict)  # bare names a row defines -> (base, layer): running.py
    accumulators: dict = field(default_factory=dict)  # (base, layer) -> author's Matrix
    notes: list = field(default_factory=list)
    whole: frozenset = frozenset()  # layers whose activation is not element-wise: layer_calls.py
    rows: bool = False  # vectors as rows, W^l input-by-output (matrix_entries: when only they fit)
    weights: str = ""  # the scalar names' orientation (conventions.py): entries named to match it
    w_transposed: bool = False  # columns with W input-by-output, u = W^T a (transposed_weights.py)
    w_columns: frozenset = frozenset()  # layers of a one-output w written as a column, w^T a (ditto)
    gradients: dict = field(default_factory=dict)  # δ_1 = ∂J/∂θ: (base, index) -> value (gradient_names.py)
    row_by: frozenset = frozenset()  # vectors whose loss gradients the document writes as rows
    unsettled: dict = field(default_factory=dict)  # such a name used both ways -> why it stays unknown
    target: str = "y"  # the target's letter (conventions.py): Hagan's t, Haykin's d, a column as y

    def layer(self, text: str, env: dict) -> int:
        value = layer_number(text, {**self.fixed, **env}, self.depth + self.off)
        if value is None:
            raise Missing(text)
        return value


def layout(d, statements: list, matrices: list[MatrixStatement], algorithm=None) -> Layout:
    names = [n for m in matrices for n in _names(m)]
    lettered = any(any(c.isalpha() for c in n.args[1]) for n in names if n.args[1])
    numbered = any(
        n.args[1].isdigit() and int(n.args[1]) > d.spec.depth and n.args[0] not in ("W", "w", "Theta")
        for n in names
    )
    one = counts_from_one([*statements, *matrices])  # a^{[1]} = x: brackets count the input as 1
    off = 1 if lettered or numbered or one or from_input(statements, d.spec.depth) else 0
    if (any(square(n.args[1]) for n in names) or counts_from_zero(matrices)) and not one:
        off = 0  # a^{[0]} = x, a^{(0)} = x
    out_of = any(n.args[0] in ("W", "Theta") for n in names)
    bases = {n.args[0] for n in names}
    bias_first = "Theta" in bases and not bases & {"W", "w"}  # Ng's Θ (a document of Θ alone)
    primes = [c.args[0] for m in matrices for c in _names(m, "call") if c.args[0].endswith("_prime")]
    prime = primes[0] if primes else "sigma_prime" if d.spec.activations[-1].name == "sigmoid" else "f_prime"
    shared = bool(getattr(d.spec, "shared_bias", False))
    lay = Layout(d.spec.depth, tuple(d.spec.sizes), off, out_of, bias_first, prime, shared_bias=shared)
    lay.whole = whole_layers(d.spec.activations)
    if algorithm is not None:  # a loop over the layers (running.py): its letters and counting
        lay.roles = dict(algorithm.roles) if "h" in bases else {}  # renamed already (layer_letters): once
        lay.off = 0 if algorithm.from_zero else lay.off
        lay.fixed = {c: d.spec.depth + lay.off for c in algorithm.bounds}
        lay.vectors = dict(algorithm.vectors)
    lay.vectors = {**value_letters.vectors(d.spec.depth, lay.off, matrices), **lay.vectors}  # Kyle Lo's φ
    return lay


def _names(m: MatrixStatement, kind: str = "name") -> list[Node]:
    """The nodes of one kind in a statement (its names, or its calls)."""
    out: list[Node] = []

    def walk(n: Node) -> None:
        if n.kind == kind:
            out.append(n)
        for a in n.args:
            if isinstance(a, Node):
                walk(a)
            elif isinstance(a, tuple):
                for b in a:
                    if isinstance(b, Node):
                        walk(b)
                    elif isinstance(b, tuple):
                        for c in b:
                            if isinstance(c, Node):
                                walk(c)

    walk(m.lhs)
    for s in m.sides:
        walk(s.node)
    return out


# ------------------------------------------------------------------------------ names -> matrices


def _column(entries: list) -> sp.Matrix:
    return sp.Matrix(len(entries), 1, entries)


def value_of_name(lay: Layout, node: Node, env: dict) -> sp.Matrix:
    """A name at this instance: the matrix of raw entry names ('delta_2,1', 'W_2,1,3', 'x_1')."""
    base, layer, index, _ = node.args
    if not layer and (base, index) in lay.gradients:  # δ_1 = ∂J/∂θ, a row or a column (gradient_names.py)
        return lay.gradients[base, index]
    if not layer and (index or base.endswith("_hat")) and f"{base}_{index}".rstrip("_") in LOSS_NAMES:
        return sp.Matrix([[sp.Symbol(f"{base}_{index}".rstrip("_"))]])  # C_0: one example's cost; F̂
    if base.partition(":")[0] in COUNTS and not layer and not index:  # N_{out} (latex/count_sums.py)
        return sp.Matrix([[lay.sizes[COUNTS[base.partition(":")[0]]]]])
    if layer and index == "0" and base in ("W", "w"):  # W_0^l: the weights on x_0 = 1, the bias (MIT)
        return _whole(lay, "b", layer, env)
    m = _whole(lay, base, layer, env)
    m = m.T if lay.rows else m  # a row vector, W_{ij} from unit i to unit j
    m = m.T if lay.w_transposed and base in ("W", "w") and not lay.rows else m  # u = W^T a
    one_row = base == "w" and layer in lay.w_columns and m.shape[0] == 1 and not lay.rows
    m = m.T if one_row and not lay.w_transposed else m  # ŷ = w^T a: one output's weights, a column
    if not index:
        return m
    idx = [c for c in index.split(",")] if "," in index else list(index)
    vals = []
    for c in idx:
        if c.isdigit():
            vals.append(int(c))
        elif c in env:
            vals.append(env[c])
        else:
            raise Missing(c)
    zero = 1 if base in ("Theta", *ACCUMULATORS) and lay.bias_first else 0  # Θ_{i0}: the bias
    if 1 in m.shape and len(vals) == 1:
        r, c = (vals[0] - 1, 0) if m.shape[1] == 1 else (0, vals[0] - 1)
    elif len(vals) == 2:
        r, c = vals[0] - 1, vals[1] - 1 + zero
    else:
        raise Missing(index)
    if not (0 <= r < m.shape[0] and 0 <= c < m.shape[1]):
        raise Missing(index)
    return sp.Matrix([[m[r, c]]])


def _whole(lay: Layout, base: str, layer: str, env: dict) -> sp.Matrix:
    sizes, depth = lay.sizes, lay.depth
    base = BATCH.get(base, base)  # Ng's A^{[1]}, Z^{[2]}, X, Y: one example's column (m = 1)
    base = "b" if base == "B" and layer else base  # B^{(2)}: the layer's bias vector, a capital as A, Z
    if not layer and base in lay.vectors:  # d2l's o, defined as W^{(2)} h: z^{(2)}
        base, layer, by = lay.vectors[base]
        layer = layer_written(lay, layer) if by else layer  # the layer W^{(layer)} feeds (defined_layers.py)
    base = lay.roles.get(base, base) if layer else base
    base = "a" if base == "h" and layer else base  # h^{(k)}: the activation (Goodfellow, d2l)
    if base in ACCUMULATORS:
        key = (base, lay.layer(layer, env)) if layer else (base, None)
        if key not in lay.accumulators:
            raise Missing(base)
        return lay.accumulators[key]
    if not layer:
        if base == "y" or base == lay.target and base in ("t", "d"):  # (t - a)^T (t - a): t the target
            return _column([sp.Symbol(f"{base}_{j}") for j in range(1, sizes[-1] + 1)])
        if base == "x":
            return _column([sp.Symbol(f"x_{j}") for j in range(1, sizes[0] + 1)])
        if base in ("a", "y_hat"):  # \nabla_a C, \hat{y}: the output
            return _column([sp.Symbol(f"a_{depth},{j}") for j in range(1, sizes[-1] + 1)])
        if base == "m":  # the number of examples: one
            return sp.Matrix([[1]])
        if base in ("W", "w") and depth == 1:  # one weight layer: a bare w is its matrix (Kyle Lo)
            entry = lambda i, j: sp.Symbol(_weight(1, i + 1, j + 1, lay.weights))  # noqa: E731
            return sp.Matrix(sizes[1], sizes[0], entry)
        return sp.Matrix([[sp.Symbol(base)]])
    written = lay.layer(layer, env)
    if base in ("W", "w", "Theta"):
        n = layer_of(base, written, lay.off, lay.direction)
        if not 1 <= n <= depth:
            raise Missing(base)
        m = sp.Matrix(sizes[n], sizes[n - 1], lambda i, j: sp.Symbol(_weight(n, i + 1, j + 1, lay.weights)))
        if base == "Theta" and lay.bias_first:
            m = _column([sp.Symbol(f"b_{n},{i}") for i in range(1, sizes[n] + 1)]).row_join(m)
        return m
    n = layer_of(base, written, lay.off, lay.direction, lay.out_of) if base == "b" else written - lay.off
    if base == "b" and lay.shared_bias:
        if not 1 <= n <= depth:
            raise Missing(base)
        return sp.Matrix([[sp.Symbol(f"b_{n}")]])
    if base == "a" and n == 0:
        m = _column([sp.Symbol(f"x_{j}") for j in range(1, sizes[0] + 1)])
    elif base in ("a", "z", "b", "delta") and 1 <= n <= depth:
        m = _column([sp.Symbol(f"{base}_{n},{j}") for j in range(1, sizes[n] + 1)])
    else:
        raise Missing(base)
    if base == "a" and lay.bias_first and n < depth:
        m = sp.Matrix([[1]]).col_join(m)  # Ng's a^{(l)} with the bias unit a_0 = 1
    return m


def _weight(n: int, i: int, j: int, weights: str) -> str:
    """The raw name of the weight into unit i of layer n from unit j, as the scalar names are
    read (with weights = input-by-output, W_{ji}: conventions.code swaps it back)."""
    return f"W_{n},{j},{i}" if weights == "input-by-output" else f"W_{n},{i},{j}"


# ------------------------------------------------------------------------------ evaluation


def shape_text(m: sp.Matrix) -> str:
    return f"{m.shape[0]}×{m.shape[1]}"


class Evaluator:
    """A node at one instance -> a Matrix of raw entries, shapes checked."""

    def __init__(self, lay: Layout, env: dict):
        self.lay, self.env = lay, env
        self.dropped = False  # a bias row dropped (Ng's δ_0)

    def value(self, node: Node) -> sp.Matrix:
        k = node.kind
        if k == "name":
            return value_of_name(self.lay, node, self.env)
        if k == "num":
            return sp.Matrix([[node.args[0]]])
        if k == "paren":
            return self.value(node.args[0])
        if k == "norm2":
            v = self.value(node.args[0])
            return sp.Matrix([[sp.Add(*[e**2 for e in v])]])
        if k == "T":
            return self.value(node.args[0]).T
        if k == "indicator":  # 1_{z > 0}: entry by entry (latex/matrix_indicator.py)
            arg, c, code = node.args
            return self.value(arg).applyfunc(lambda e: INDICATOR(e, c, code))
        if k == "call":
            word, arg = node.args
            m = self.value(arg)
            if word == "rowsum":  # np.sum(·, axis=1, keepdims=True)
                return m * sp.ones(m.shape[1], 1)
            if word == "colsum":  # np.sum(·, axis=0): over the rows
                return sp.ones(1, m.shape[0]) * m
            if word == "allsum":  # np.sum(·): every entry
                return sp.Matrix([[sum(m)]])
            if word == DIAG:  # diag(v): v's entries on a square matrix's diagonal (latex/matrix_diag.py)
                if 1 not in m.shape:  # its diagonal (NumPy) or a block matrix: refused, not guessed
                    raise Unpatterned("diag(·) of a matrix: its diagonal or a block matrix, not read")
                return sp.diag(*m)
            if word == "inverse":
                if 1 not in m.shape:  # 1/φ of a vector: entry by entry (Kyle Lo's -y ⊙ 1/φ)
                    raise ShapeError("a division by a matrix", node, m.shape, (1, 1))
                return m.applyfunc(lambda e: 1 / e)
            return m.applyfunc(function_for(word, m, self.lay.whole))  # g(Z^{[L]}): softmax; ln: log
        if k == "sum":
            total = None
            terms = [(self.value(term) * sign, term) for sign, term in node.args]
            shapes = {m.shape for m, term in terms if term.kind != "num"}
            if len(shapes) == 1:  # 1 - a^L, (1 - σ(z)): a number added to every entry
                ones = sp.ones(*next(iter(shapes)))
                terms = [(m[0, 0] * ones if term.kind == "num" else m, term) for m, term in terms]
            for i, (m, term) in enumerate(terms):
                if total is not None and total.shape != m.shape:
                    raise ShapeError("a sum", node, total.shape, m.shape, (node.args[i - 1][1], term))
                total = m if total is None else total + m
            assert total is not None
            return total
        if k == "prod":
            if (chained := chain_value(self, node)) is not None:  # ∂L/∂a ∂a/∂z ∂z/∂W: jacobians.py
                return chained
            if (diagonal := diagonal_product(self.value, node)) is not None:  # Ḟ(n) Wᵀ s: diag(f'(n))
                return diagonal
            nodes, ops = node.args
            diagonals = hadamard_factors(self, nodes, ops)  # ⊙ ∂φ(z)/∂z: its diagonal (jacobians.py)
            values = (self.value(n) if m is None else m for n, m in zip(nodes, diagonals))
            acc = next(values)
            for i, (op, nxt, value) in enumerate(zip(ops, nodes[1:], values)):
                left = nodes[0] if i == 0 else Node("prod", (nodes[: i + 1], ops[:i]), nodes[0].pos)
                acc = self.times(op, acc, value, node, (left, nxt))
            return acc
        if k == "nabla":
            wrt, loss = node.args[:2]
            return self.value(wrt).applyfunc(lambda e: PARTIAL(sp.Symbol(loss), e))
        if k in ("isum", "pow") and (total := index_sum(self, node)) is not None:
            return total  # Σ_j (t_j - a_j)²: over the units j indexes (index_sums.py)
        if k == "chain":
            return self.chain(node)
        if k == "matrix":  # written out, \dots filled in (pattern.py)
            return written_value(self, node)
        if k == "partial":
            num, den = (self.value(a) for a in node.args)
            if num.shape != (1, 1):
                raise ShapeError("the derivative of a vector", node, num.shape, den.shape)
            return as_written(self.lay, den, den.applyfunc(lambda e: PARTIAL(num[0, 0], e)))
        raise ShapeError(f"cannot evaluate {k}", node, (0, 0), (0, 0))  # pragma: no cover

    def chain(self, node: Node) -> sp.Matrix:
        """prod(∂A/∂B, ∂B/∂C) (d2l): ∂A/∂C through B, entry by entry Σ_b ∂A/∂b · ∂b/∂C_ij."""
        first, second = (a.args[0] if a.kind == "paren" else a for a in node.args)
        if first.kind != "partial" or second.kind != "partial":
            raise ShapeError("a prod(...) of other than two derivatives", node, (0, 0), (0, 0))
        a, b = (self.value(x) for x in first.args)
        b2, c = (self.value(x) for x in second.args)
        if a.shape != (1, 1):
            raise ShapeError("the derivative of a vector", first, a.shape, b.shape)
        if list(b) != list(b2):
            raise ShapeError("a chain that does not link", node, b.shape, b2.shape, (first, second))
        return c.applyfunc(lambda e: sp.Add(*[PARTIAL(a[0, 0], x) * PARTIAL(x, e) for x in b]))

    def times(self, op: str, a: sp.Matrix, b: sp.Matrix, node: Node, operands: tuple) -> sp.Matrix:
        if op == "had" and any(written_number(n) and m.shape == (1, 1) for n, m in zip(operands, (a, b))):
            op = "dot"  # -0.404 × [0.55, 0.60], NumPy's 0.5 * A: a written number scales every entry
        if op == "had":
            a, b = entry_by_entry(self.lay, a, b)  # a row gradient ◦ ReLU'(z): gradient_names.py
            if a.shape != b.shape and self.lay.bias_first and a.shape[1] == b.shape[1] == 1:
                if a.shape[0] == b.shape[0] + 1:  # (Θᵀδ)_0, the bias unit's row: dropped (ex4)
                    a, self.dropped = a[1:, :], True
                elif b.shape[0] == a.shape[0] + 1:
                    b, self.dropped = b[1:, :], True
            if a.shape != b.shape:
                raise ShapeError("an element-wise product", node, a.shape, b.shape, operands)
            return a.multiply_elementwise(b)
        left = operands[0]
        while left is not None and left.kind == "paren":
            left = left.args[0]
        if left is not None and left.kind == "T" and left.args[0] == Node("num", (1,), left.args[0].pos):
            if b.shape[0] > 1:  # 1ᵀv: the ones row vector, the sum of v's entries
                return sp.ones(1, b.shape[0]) * b
        if a.shape == (1, 1):
            return b * a[0, 0]
        if b.shape == (1, 1):
            return a * b[0, 0]
        if jacobian_diagonal(left, a, b):  # {f^l}'(Z^l) (W ∂L/∂Z): diag(f'(Z)) times a column
            return a.multiply_elementwise(b)
        if a.shape[1] != b.shape[0]:
            raise ShapeError("a matrix product", node, a.shape, b.shape, operands)
        return a * b
