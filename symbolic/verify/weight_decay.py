r"""Weight decay (an L2 regularizer in the objective), as Dive into Deep Learning writes it:
s = \frac{\lambda}{2}(\|W^{(1)}\|_F^2 + \|W^{(2)}\|_F^2), J = L + s.

The regularizer is read from the document's own definition of it: a name defined as a constant
letter (λ, α, ...) times numbers times one squared norm of a weight matrix, or a sum of them
(\|W\|^2, \|W\|_F^2: the sum of the squares of its entries). Anything else stays with the readers
before (`running`: a λΩ(θ) the document leaves undefined is not checked, named). With c λ ‖W‖²,
∂s/∂W = 2c λ W for a weight in it, 0 for any other; λ is a free symbol, so terms are compared by
their coefficient of λ W exactly, never at numbers.
- s = ... and J = L + s: definitions, read as written (nothing to check them against);
- ∂J/∂s (∂J/∂L): its coefficient in J's definition; ∂s/∂W^{(k)} = c λ W^{(k)}: judged here;
- ∂J/∂W^{(k)} = X + R: the regularizer's term R (c λ W^{(k)}, or the chain ∂J/∂s ∂s/∂W^{(k)})
  is checked here and set apart, X is judged as ∂L/∂W^{(k)} by the pipeline; a missing R, a wrong
  coefficient (2λW for λW), another layer's W or a transposed one is wrong, named
  (`Decay.faults`, put on the pipeline's verdict by `faulted`).
Pure: statements in, statements, verdicts and notes out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction

import sympy as sp

from ..latex import Partial, Statement
from ..latex.matrix import MatrixStatement, Node
from .ditto import Unchecked
from .judge import Verdict
from .matrix_faults import MatrixFault
from .matrix_nodes import same

DEFINED = (
    "defines the regularizer {name}, read as written: weight decay on {weights} (nothing to check it against)"
)
OBJECTIVE = "defines the objective {name} = {said}, read as written (nothing to check it against)"
_OBJECTIVES = ("J", "L", "E", "C")


@dataclass
class Decay:
    name: str  # the regularizer's name (s)
    letter: str  # its constant (lambda)
    coefficient: Fraction  # c of c λ ‖W‖² (1/2 for λ/2)
    layers: frozenset  # the layers of its weights, as written ('1', '[2')
    line: int
    objective: str = ""  # J of J = L + s
    scale: Fraction = Fraction(1)  # s's coefficient in J
    parts: dict = field(default_factory=dict)  # name -> its coefficient in the objective
    verdicts: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    faults: dict = field(default_factory=dict)  # (line, col) -> MatrixFault

    def weights(self) -> str:
        return ", ".join(_weight(layer) for layer in sorted(self.layers))

    def term(self, layer: str, scale: Fraction = Fraction(1)) -> str:
        """The true term of ∂s/∂W (times `scale`: of ∂J/∂W) at a layer, as the document writes it."""
        c = 2 * self.coefficient * scale
        head = "" if c == 1 else f"{c} "
        return f"{head}{_letter(self.letter)} {_weight(layer)}"


def _times(c: Fraction) -> str:
    return "" if c == 1 else f"{c} "


def _weight(layer: str) -> str:
    return f"W^{{[{layer[1:]}]}}" if layer.startswith("[") else f"W^{{({layer})}}" if layer else "W"


def _letter(name: str) -> str:
    return "λ" if name == "lambda" else f"\\{name}" if len(name) > 1 else name


def _flat(node: Node) -> list[Node]:
    """The factors of a product, parentheses opened."""
    while node.kind == "paren":
        node = node.args[0]
    if node.kind == "prod":
        return [f for n in node.args[0] for f in _flat(n)]
    return [node]


def _number(node: Node) -> Fraction | None:
    if node.kind == "num":
        return Fraction(str(node.args[0]))
    if node.kind == "call" and node.args[0] == "inverse":
        inner = _number(node.args[1])
        return 1 / inner if inner else None
    return None


def _scaled(node: Node) -> tuple[Fraction, list[Node]] | None:
    """(the product of its numbers, its other factors)."""
    c, rest = Fraction(1), []
    for f in _flat(node):
        n = _number(f)
        if n is not None:
            c *= n
        else:
            rest.append(f)
    return c, rest


def _letter_of(node: Node) -> str:
    return node.args[0] if node.kind == "name" and not node.args[1] and not node.args[2] else ""


def read(matrices: list[MatrixStatement]) -> Decay | None:
    """The document's L2 regularizer s = c λ (‖W^{(1)}‖² + ...), or None."""
    for m in matrices:
        if m.lhs.kind != "name" or m.lhs.args[1] or m.lhs.args[2] or len(m.sides) != 1:
            continue
        scaled = _scaled(m.sides[0].node)
        if scaled is None:
            continue
        c, rest = scaled
        letters = [f for f in rest if _letter_of(f) and f.kind == "name" and f.args[0] not in ("W", "w")]
        norms = [f for f in rest if f not in letters]
        if len(letters) != 1 or len(norms) != 1:
            continue
        node = norms[0]
        terms = node.args if node.kind == "sum" else ((1, node),)
        if not terms or any(sign != 1 or t.kind != "norm2" for sign, t in terms):
            continue
        weights = [t.args[0] for _, t in terms]
        if not all(w.kind == "name" and w.args[0] in ("W", "w") and not w.args[2] for w in weights):
            continue
        layers = frozenset(w.args[1] for w in weights)
        if len(layers) == len(weights):
            return Decay(m.lhs.args[0], letters[0].args[0], c, layers, m.line)
    return None


def _objective(s, decay: Decay) -> dict | None:
    """J = L + s (matrix or scalar): {name: coefficient}, when s is one of its terms."""
    if isinstance(s, MatrixStatement):
        if s.lhs.kind != "name" or s.lhs.args[0] not in _OBJECTIVES or len(s.sides) != 1:
            return None
        node = s.sides[0].node
        terms = node.args if node.kind == "sum" else ((1, node),)
        out = {}
        for sign, t in terms:
            scaled = _scaled(t)
            if scaled is None or len(scaled[1]) != 1 or not _letter_of(scaled[1][0]):
                return None
            out[scaled[1][0].args[0]] = sign * scaled[0]
        return out if decay.name in out else None
    if isinstance(s, Statement) and isinstance(s.lhs, sp.Symbol) and s.lhs.name in _OBJECTIVES:
        if len(s.sides) != 1 or len(s.sides[0].factors) != 1:
            return None
        expr = s.sides[0].factors[0]
        if not isinstance(expr, sp.Expr) or not expr.is_Add:
            return None
        out = {}
        for x in expr.free_symbols:
            c = expr.coeff(x)
            if not c.is_Rational or expr.diff(x) != c:
                return None
            out[x.name] = Fraction(str(c))
        return out if decay.name in out and sum(out[k] * sp.Symbol(k) for k in out) == expr else None
    return None


def _value(side) -> Fraction | None:
    """The number a side is (a matrix side's node, or a scalar side's one factor)."""
    if hasattr(side, "node"):
        return _number(side.node)
    if len(side.factors) == 1 and isinstance(side.factors[0], sp.Basic) and side.factors[0].is_Rational:
        return Fraction(str(side.factors[0]))
    return None


def _lhs(s) -> tuple[str, Node | sp.Symbol] | None:
    """∂N/∂X: (N's name, X: a node, or a scalar statement's symbol)."""
    if isinstance(s, Statement) and isinstance(s.lhs, Partial):
        num, den = s.lhs.num, s.lhs.den
        ok = isinstance(num, sp.Symbol) and isinstance(den, sp.Symbol)
        return (num.name, den) if ok else None
    if not isinstance(s, MatrixStatement) or s.lhs.kind != "partial":
        return None
    num, den = s.lhs.args
    return (_letter_of(num), den) if _letter_of(num) else None


def _term(node: Node, decay: Decay) -> tuple[Fraction, str, bool] | None:
    """c λ W^{(k)} (transposed or not): (c, k, transposed), or None when it is no such term."""
    scaled = _scaled(node)
    if scaled is None:
        return None
    c, rest = scaled
    if len(rest) != 2 or not any(_letter_of(f) == decay.letter for f in rest):
        return None
    others = [f for f in rest if _letter_of(f) != decay.letter]
    if len(others) != 1:
        return None
    w = others[0]
    transposed = w.kind == "T"
    w = w.args[0] if transposed else w
    while w.kind == "paren":
        w = w.args[0]
    if w.kind != "name" or w.args[0] not in ("W", "w") or w.args[2]:
        return None
    return c, w.args[1], transposed


def _chain(node: Node, decay: Decay, den: Node) -> bool:
    """prod(∂J/∂s, ∂s/∂W) (d2l): the regularizer's part by the chain rule, with the same W."""
    if node.kind != "chain":
        return False
    first, second = node.args
    return (
        first.kind == "partial"
        and _letter_of(first.args[1]) == decay.name
        and second.kind == "partial"
        and _letter_of(second.args[0]) == decay.name
        and same(second.args[1], den)
    )


def _judged(s, label: str, text: str) -> Verdict:
    """A verdict given here: correct (text '') or wrong with `text`."""
    num, den = sp.Symbol(label.split("/")[0]), sp.Symbol(label.split("/")[-1])
    fault = MatrixFault("matrix", 1, 1, text=text) if text else None
    return Verdict(
        "local",
        num,
        den,
        Partial(num, den),
        s.line,
        s.col,
        not text,
        exact=True,
        fault=fault,
        status="wrong" if text else "correct",
        label=label,
    )


def _weight_layer(den: Node) -> str | None:
    return den.args[1] if den.kind == "name" and den.args[0] in ("W", "w") and not den.args[2] else None


def _check_term(got: tuple[Fraction, str, bool], decay: Decay, layer: str, scale=Fraction(1)) -> str:
    """'' when c λ W is the regularizer's term at `layer` (times `scale`), else what is wrong."""
    c, at, transposed = got
    if layer not in decay.layers:
        return f"extra term: {_weight(layer)} is not in the regularizer {decay.name}"
    if at != layer:
        return f"the regularizer's term at {_weight(at)}, expected {decay.term(layer, scale)}"
    if transposed:
        return f"the regularizer's term transposed, expected {decay.term(layer, scale)}"
    if c != 2 * decay.coefficient * scale:
        written = "" if c == 1 else f"{c} "
        return (
            f"the regularizer's term: wrote {written}{_letter(decay.letter)} {_weight(at)}, expected "
            f"{decay.term(layer, scale)} (from {decay.name}'s {_times(decay.coefficient)}"
            f"{_letter(decay.letter)} ‖{_weight(layer)}‖²)"
        )
    return ""


def apply(statements: list) -> tuple[list, Decay | None]:
    """The statements left for the pipeline (regularizer terms set apart), and what was read and
    judged here (the module's doc); None: no L2 regularizer is defined."""
    decay = read([s for s in statements if isinstance(s, MatrixStatement)])
    if decay is None:
        return statements, None
    out = []
    for s in statements:
        if isinstance(s, MatrixStatement) and s.line == decay.line and s.lhs.kind == "name":
            if s.lhs.args[0] == decay.name:
                what = DEFINED.format(name=decay.name, weights=decay.weights())
                decay.notes.append(Unchecked(s.line, s.col, what, ""))
                continue
        parts = _objective(s, decay)
        if parts is not None:
            others = [c for name, c in parts.items() if name != decay.name]
            if others == [1]:  # J = L + k s: ∂J/∂W is ∂L/∂W + k ∂s/∂W
                decay.objective, decay.parts = _objective_name(s), parts
                decay.scale = parts[decay.name]
            said = s.sides[0].text.strip()
            decay.notes.append(
                Unchecked(s.line, s.col, OBJECTIVE.format(name=decay.objective, said=said), "")
            )
            continue
        lhs = _lhs(s)
        if lhs is None:
            out.append(s)
            continue
        num, den = lhs
        part = den.name if isinstance(den, sp.Symbol) else _letter_of(den)
        if num == decay.objective and part in decay.parts and len(s.sides) == 1:
            value = _value(s.sides[0])
            label = f"∂{num}/∂{part}"
            true = decay.parts[part]
            text = "" if value == true else f"wrote {s.sides[0].text.strip()}, expected {true}"
            decay.verdicts.append(_judged(s, label, text))
            continue
        if isinstance(den, sp.Symbol):
            out.append(s)
            continue
        layer = _weight_layer(den)
        if num == decay.name and layer is not None:
            label = f"∂{num}/∂{_weight(layer)}"
            texts = []
            for side in s.sides:
                term = _term(side.node, decay)
                if layer not in decay.layers:  # a weight the regularizer leaves out: 0
                    zero = _number(side.node) == 0
                    texts.append("" if zero else f"wrote {side.text.strip()}, expected 0")
                    continue
                wrote = f"wrote {side.text.strip()}, expected {decay.term(layer)}"
                texts.append(wrote if term is None else _check_term(term, decay, layer))
            decay.verdicts.append(_judged(s, label, next((t for t in texts if t), "")))
            continue
        if num == decay.objective and layer is not None:
            s = _set_apart(s, decay, den, layer)
        out.append(s)
    return out, decay


def _objective_name(s) -> str:
    return s.lhs.args[0] if isinstance(s, MatrixStatement) else s.lhs.name


def _set_apart(m: MatrixStatement, decay: Decay, den: Node, layer: str) -> MatrixStatement:
    """∂J/∂W = X + R -> ∂J/∂W = X, R checked (a fault recorded for the statement when wrong)."""
    sides = []
    for k, side in enumerate(m.sides, start=1):
        node = side.node
        terms = node.args if node.kind == "sum" else ((1, node),)
        regular, rest, text = [], [], ""
        for sign, t in terms:
            got = _term(t, decay)
            if _chain(t, decay, den) and sign == 1:
                regular.append(t)
            elif got is not None:
                regular.append(t)
                text = text or (
                    "the regularizer's term with a minus sign"
                    if sign != 1
                    else _check_term(got, decay, layer, decay.scale)
                )
            else:
                rest.append((sign, t))
        if not regular and layer in decay.layers:
            text = f"missing the regularizer's term {decay.term(layer, decay.scale)}"
        if len(regular) > 1:
            text = text or "the regularizer's term written twice"
        if text and (m.line, m.col) not in decay.faults:
            position = (
                1 + sum(len(_flat(t)) for _, t in rest)
                if regular
                else 1 + len(_flat(rest[0][1]))
                if rest
                else 1
            )
            decay.faults[(m.line, m.col)] = MatrixFault("matrix", k, position, text=text)
        if regular and rest:
            node = rest[0][1] if len(rest) == 1 and rest[0][0] == 1 else Node("sum", tuple(rest), node.pos)
        sides.append(replace(side, node=node, alt=side.alt if node is side.node else None))
    return replace(m, sides=tuple(sides))


def faulted(verdicts: list[Verdict], decay: Decay | None) -> list[Verdict]:
    """The pipeline's verdicts with the regularizer's faults put on their statements (a statement
    already wrong keeps its first fault)."""
    if decay is None or not decay.faults:
        return verdicts
    out = []
    for v in verdicts:
        fault = decay.faults.get((v.line, v.col))
        if fault is not None and v.status != "wrong":
            v = replace(v, correct=False, status="wrong", fault=fault, witness=None, exact=None)
        out.append(v)
    return out
