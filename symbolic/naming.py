"""Naming: every name a symbol has, in code, LaTeX and the terminal, decided in this one module.

Two schemes. `layered` is systematic for any depth: W^{(l)}_{ij}, b^{(l)}_i, z^{(l)}_i, a^{(l)}_i,
delta^{(l)}_i, with code names W1_2_1, b1_2, z1_2, a1_2, delta1_2. `seed` reproduces the hand
derivation this project started from (one hidden layer, one output): x1, w11..w32, b1..b3, z_h1,
output weights w_a, w_b, w_c (also called w41, w42, w43), b4, z_o, out = g(z_o), y_T.

With a shared bias (one bias per layer, `--shared-bias`) `b(l, i)` is the same symbol for every
unit i of layer l: layered b^{(l)} (code b1, b2, ...); seed b1 for the hidden layer and b2 for the
output (the textbook spelling, e.g. Mazur's b1 and b2; the seed's own name for the output bias,
b4 for 2-3-1, stays an alias of b2). `biases(l)` lists a layer's distinct bias symbols.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

_SUB = str.maketrans("0123456789()", "₀₁₂₃₄₅₆₇₈₉₍₎")
_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


@dataclass(frozen=True)
class Name:
    code: str  # a Python identifier, also the SymPy symbol name
    latex: str
    unicode: str


@dataclass
class Naming:
    scheme: str
    sizes: tuple[int, ...]
    shared_bias: bool = False  # one bias per layer: b(l, i) is b(l) for every unit i
    names: dict[sp.Symbol, Name] = field(default_factory=dict)
    aliases: dict[str, sp.Symbol] = field(default_factory=dict)  # other spellings (seed: w41)

    def fresh(self) -> Naming:
        """An empty Naming of the same scheme, for element names made on demand (a sheet of a
        large net names elements the Derivation never built, and leaves d.naming untouched)."""
        return Naming(self.scheme, self.sizes, self.shared_bias)

    @property
    def depth(self) -> int:
        return len(self.sizes) - 1

    def _make(self, code: str, latex: str, uni: str, *aliases: str) -> sp.Symbol:
        symbol = sp.Symbol(code, real=True)
        self.names[symbol] = Name(code, latex, uni)
        for alias in aliases:
            self.aliases[alias] = symbol
        return symbol

    def _pair(self, *indices: int) -> tuple[str, str]:
        """Index text for code and LaTeX: '21' when every width < 10, else '2,1'."""
        wide = max(self.sizes) >= 10
        return "_".join(map(str, indices)), ("," if wide else "").join(map(str, indices))

    @property
    def seed(self) -> bool:
        return self.scheme == "seed"

    # scalar symbols ---------------------------------------------------------------------------
    def x(self, j: int) -> sp.Symbol:
        return self._make(f"x{j}", f"x_{{{j}}}", f"x{str(j).translate(_SUB)}")

    def y(self, k: int) -> sp.Symbol:
        if self.seed:
            return self._make("y_T", "y_{T}", "y_T", "y", "y_TRUE")
        if self.sizes[-1] == 1:
            return self._make("y", "y", "y")
        return self._make(f"y{k}", f"y_{{{k}}}", f"y{str(k).translate(_SUB)}")

    def W(self, l: int, i: int, j: int) -> sp.Symbol:
        if self.seed and l == 1:
            return self._make(
                f"w{i}{j}",
                f"w_{{{i}{j}}}",
                "w" + f"{i}{j}".translate(_SUB),
                f"W{i}{j}",
                f"W_{i}{j}",
                f"w_{i}{j}",
            )
        if self.seed:
            letter = "abcdefghijklmnopqrstuvwxyz"[j - 1]
            n_hidden = self.sizes[1]
            return self._make(
                f"w_{letter}", f"w_{{{letter}}}", f"w_{letter}", f"w{n_hidden + 1}{j}", f"w_{n_hidden + 1}{j}"
            )
        code, tex = self._pair(i, j)
        return self._make(
            f"W{l}_{code}", f"W^{{({l})}}_{{{tex}}}", f"W{f'({l})'.translate(_SUP)}{tex.translate(_SUB)}"
        )

    def b(self, l: int, i: int) -> sp.Symbol:
        """The bias of unit i of layer l (with a shared bias, the layer's one bias for every i)."""
        if self.shared_bias:
            return self._shared_b(l)
        if self.seed:
            n = i if l == 1 else self.sizes[1] + i
            return self._make(f"b{n}", f"b_{{{n}}}", f"b{str(n).translate(_SUB)}", f"b_{n}")
        return self._make(
            f"b{l}_{i}", f"b^{{({l})}}_{{{i}}}", f"b{f'({l})'.translate(_SUP)}{str(i).translate(_SUB)}"
        )

    def _shared_b(self, l: int) -> sp.Symbol:
        if self.seed:
            seed_name = self.sizes[1] + 1  # the seed's per-unit name of the output bias (b4)
            aliases = (f"b{seed_name}", f"b_{seed_name}") if l == 2 and seed_name != 2 else ()
            return self._make(f"b{l}", f"b_{{{l}}}", f"b{str(l).translate(_SUB)}", f"b_{l}", *aliases)
        return self._make(f"b{l}", f"b^{{({l})}}", f"b{f'({l})'.translate(_SUP)}")

    def biases(self, l: int) -> list[sp.Symbol]:
        """The distinct bias symbols of layer l, in unit order (one when the bias is shared)."""
        if self.shared_bias:
            return [self._shared_b(l)]
        return [self.b(l, i) for i in range(1, self.sizes[l] + 1)]

    def z(self, l: int, i: int) -> sp.Symbol:
        if self.seed:
            if l == 1:
                return self._make(f"z_h{i}", f"z_{{h{i}}}", f"z_h{i}")
            return self._make("z_o", "z_{o}", "z_o", "z_hat", "Z^2", "z")
        return self._unit("z", "z", l, i)

    def a(self, l: int, i: int) -> sp.Symbol:
        """The named activation value a^{(l)}_i (the output layer's is `out`)."""
        if l == self.depth:
            return self.out(i)
        if self.seed:
            return self._make(f"a_h{i}", f"a_{{h{i}}}", f"a_h{i}")
        return self._unit("a", "a", l, i)

    def out(self, k: int) -> sp.Symbol:
        if self.seed:
            return self._make("out", r"\mathrm{out}", "out", "output", "g(z)")
        return self._unit("a", "a", self.depth, k)

    def delta(self, l: int, i: int) -> sp.Symbol:
        if self.seed:
            if l == 1:
                return self._make(f"delta_h{i}", f"\\delta_{{h{i}}}", f"δ_h{i}")
            return self._make("delta_o", r"\delta_{o}", "δ_o")
        return self._unit("delta", r"\delta", l, i, "δ")

    def _unit(self, code: str, tex: str, l: int, i: int, uni: str | None = None) -> sp.Symbol:
        return self._make(
            f"{code}{l}_{i}",
            f"{tex}^{{({l})}}_{{{i}}}",
            f"{uni or code}{f'({l})'.translate(_SUP)}{str(i).translate(_SUB)}",
        )

    def loss(self) -> sp.Symbol:
        return self._make("L", "L", "L", "Loss", "E")

    def eta(self) -> sp.Symbol:
        return self._make("eta", r"\eta", "η")

    def grad(self, param: sp.Symbol) -> sp.Symbol:
        """The symbol standing for dL/dθ in update rules: code d<θ>."""
        name = self.names[param]
        return self._make(
            f"d{name.code}", f"\\frac{{\\partial L}}{{\\partial {name.latex}}}", f"∂L/∂{name.unicode}"
        )

    # matrices ------------------------------------------------------------------------------------
    def matrix(self, kind: str, l: int, rows: int, cols: int = 1) -> sp.MatrixSymbol:
        """W1, b1, z1, a1, delta1, dW1, db1 (x for a0, y for the targets)."""
        if kind == "a" and l == 0:
            code, tex, uni = "x", "x", "x"
        elif kind == "y":
            code, tex, uni = "y", "y", "y"
        else:
            texbase = {"delta": r"\delta", "dW": r"\nabla_{W}", "db": r"\nabla_{b}"}.get(kind, kind)
            unibase = {"delta": "δ", "dW": "∇W", "db": "∇b"}.get(kind, kind)
            code, tex, uni = f"{kind}{l}", f"{texbase}^{{({l})}}", f"{unibase}{f'({l})'.translate(_SUP)}"
        symbol = sp.MatrixSymbol(code, rows, cols)
        self.names[symbol] = Name(code, tex, uni)
        return symbol

    def latex_names(self) -> dict:
        return {s: n.latex for s, n in self.names.items()}

    def unicode_names(self) -> dict:
        return {s: n.unicode for s, n in self.names.items()}
