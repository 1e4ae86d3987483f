"""The Derivation: an ordered list of named equations. It is the only thing printers read.

Kinds of equation, in the order a derivation sheet presents them:
  forward         z^{(l)}_i = sum_j W_ij a_j + b_i, a^{(l)}_i = f(z^{(l)}_i), out_k = g(z_k)
                  (a shared bias: + b^{(l)}, the same for every unit i of the layer)
  forward_matrix  z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)},  a^{(l)} = f(z^{(l)})
                  (a shared bias: z^{(l)} = W^{(l)} a^{(l-1)} + 1 b^{(l)}, b^{(l)} 1x1, 1 = OneMatrix)
  loss            L = sum_k l(out_k, y_k)
  rule            f'(z) for each activation used (the table's derivative)
  local           one local chain-rule factor, e.g. dz_o/da_h1 = w_a
  delta           delta^{(l)}_i = dL/dz^{(l)}_i as its factors
  delta_matrix    delta^{(L)} = grad_out L (.) f'(z^{(L)}),
                  delta^{(l)} = (W^{(l+1)T} delta^{(l+1)}) (.) f'(z^{(l)})
  gradient        dL/dtheta as the product of its chain-rule factors (and compactly, via delta);
                  a shared bias: the sum over its units of the products of each path (`paths`),
                  its `factors` one 'sum' factor dL/db = sum_i delta_i, compact sum_i delta_i
  gradient_matrix dL/dW^{(l)} = delta^{(l)} a^{(l-1)T},  dL/db^{(l)} = delta^{(l)}
                  (a shared bias: dL/db^{(l)} = 1^T delta^{(l)}, the sum of the layer's deltas)
  update          theta <- theta - eta dL/dtheta
  update_matrix   W^{(l)} <- W^{(l)} - eta dL/dW^{(l)}
Scalar kinds are present when the net is small enough (Derivation.scalar); the matrix kinds always.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from .naming import Naming
from .spec import NetworkSpec

# the generic symbols of the per-element rules ('rule' equations): f'(z), dL/dout, delta_out
Z, OUT, Y = sp.Symbol("z", real=True), sp.Symbol("out", real=True), sp.Symbol("y", real=True)


@dataclass(frozen=True)
class Factor:
    """One chain-rule factor: the partial d num / d den, and its value in forward intermediates."""

    num: sp.Basic
    den: sp.Basic
    value: sp.Expr
    kind: str = "path"  # 'path' (one edge of the graph) or 'sum' (paths summed, written with deltas)


@dataclass(frozen=True)
class Equation:
    name: str  # unique label, e.g. 'z1_1', 'delta_o', 'dL/dw11'
    kind: str  # see the module docstring
    lhs: sp.Basic
    rhs: sp.Basic
    layer: int | None = None
    factors: tuple[Factor, ...] = ()  # delta and gradient equations: the chain-rule factors
    compact: sp.Expr | None = None  # gradient: the same value written with a delta symbol
    param: sp.Symbol | None = None  # gradient/update: the parameter
    note: str = ""
    terms: tuple[sp.Expr, ...] = ()  # forward sums and the loss: summands in written order
    # a shared bias's gradient: one chain-rule product per unit it feeds (their sum is rhs)
    paths: tuple[tuple[Factor, ...], ...] = ()


@dataclass(frozen=True)
class LayerInfo:
    index: int  # 1..L
    size: int
    activation: object  # ActivationRule
    W: sp.MatrixSymbol
    b: sp.MatrixSymbol
    z: sp.MatrixSymbol
    a: sp.MatrixSymbol
    delta: sp.MatrixSymbol
    prime: type  # the Prime subclass spelling f' of this layer
    dW: sp.MatrixSymbol | None = None  # dL/dW and dL/db of the delta form (set by derive)
    db: sp.MatrixSymbol | None = None
    shared_bias: bool = False  # one bias for the layer: b and db are 1x1, z = W a + 1 b

    @property
    def ones(self) -> sp.MatrixExpr:
        """The column of ones that spreads a shared bias over the layer's units (size x 1)."""
        return sp.OneMatrix(self.size, 1)


@dataclass(frozen=True)
class Derivation:
    spec: NetworkSpec
    naming: Naming
    equations: tuple[Equation, ...]
    layers: tuple[LayerInfo, ...]
    params: tuple[sp.Symbol, ...]  # every scalar parameter, in sheet order (empty if not scalar)
    inputs: tuple[sp.Symbol, ...]
    targets: tuple[sp.Symbol, ...]
    outputs: tuple[sp.Symbol, ...]
    loss_symbol: sp.Symbol
    eta: sp.Symbol
    scalar: bool  # per-parameter factor lists present
    notes: tuple[str, ...] = ()
    output_gradient: sp.MatrixSymbol | None = None  # dL/da of the output layer (delta form)
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    z = Z  # the rules' generic pre-activation, output and target (not fields)
    out = OUT
    y = Y

    def __post_init__(self):
        for eq in self.equations:
            self._index[eq.name] = eq
            if eq.param is not None:
                self._index[(eq.kind, eq.param)] = eq
            if eq.kind == "rule":  # by kind too: with --naming seed a local factor is "dL/dout"
                self._index[("rule", eq.name)] = eq

    def _repr_latex_(self) -> str:
        """Jupyter: the terminal's sections as typeset math. codegen imports symbolic, so the
        printer is imported here, when a notebook asks, not at module level."""
        from codegen.notebook import derivation_latex

        return derivation_latex(self)

    def _repr_html_(self) -> str:
        """Jupyter: one heading and one $$ display per section (lazy import: see _repr_latex_)."""
        from codegen.notebook import derivation_html

        return derivation_html(self)

    def of_kind(self, *kinds: str) -> list[Equation]:
        return [eq for eq in self.equations if eq.kind in kinds]

    def __getitem__(self, name: str) -> Equation:
        return self._index[name]

    def __contains__(self, name: str) -> bool:
        return name in self._index

    def get(self, name: str, default=None) -> Equation | None:
        return self._index.get(name, default)

    def rule(self, name: str) -> Equation:
        """A per-element rule in the generic z, out, y ("dL/dout", "delta_out", "sigmoid'").

        Not `d[name]`: with --naming seed the output unit is called out, and its local factor
        ∂L/∂out, written in the seed's y_T, has the same name as the rule."""
        return self._index[("rule", name)]

    def gradient(self, param: sp.Symbol) -> Equation:
        self._require_scalar("gradient")
        return self._index[("gradient", param)]

    def factors(self, param: sp.Symbol) -> list[sp.Expr]:
        """The values of the chain-rule factors of dL/dparam, in the sheet's order."""
        return [f.value for f in self.gradient(param).factors]

    def symbol(self, name: str) -> sp.Symbol:
        """A scalar symbol by code name or alias ('w11', 'w41', 'W1_2_1')."""
        for s, n in self.naming.names.items():
            if n.code == name and isinstance(s, sp.Symbol):
                return s
        if name in self.naming.aliases:
            return self.naming.aliases[name]
        raise KeyError(name)

    def matrix(self, name: str) -> sp.MatrixSymbol:
        """A matrix symbol by code name ('W1', 'delta2', 'dW1')."""
        for s in self.naming.names:
            if isinstance(s, sp.MatrixSymbol) and s.name == name:
                return s
        raise KeyError(name)

    def biases(self, layer: int) -> list[sp.Symbol]:
        """The scalar bias symbols of a layer (1..L): one per unit, or one when shared."""
        return self.naming.biases(layer)

    def definitions(self) -> dict[sp.Symbol, sp.Expr]:
        """Each named intermediate (z, a, out, delta) in terms of earlier ones."""
        out = {}
        for eq in self.of_kind("forward", "delta"):
            if isinstance(eq.lhs, sp.Symbol):
                out[eq.lhs] = eq.rhs
        return out

    def _require_scalar(self, what: str) -> None:
        if not self.scalar:
            raise ValueError(
                f"per-parameter {what}s are not built for {self.spec.arch} "
                f"({self.spec.n_params} parameters); use the delta form (kind 'delta_matrix')"
            )
