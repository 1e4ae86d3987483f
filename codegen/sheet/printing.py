"""What the sheet prints with: the LaTeX printer, display widths, and everything the sheet takes
from symbolic's naming (kept here, in one place: element names, the OUT and Z placeholders, the
vector of output gradients found by its name).
"""

from __future__ import annotations

from ..latex import printer_for


class SheetPrinter:
    """The derivation, its element names (`nm`) and cached LaTeX / width of expressions."""

    def __init__(self, d, per_weight: bool):
        from symbolic.naming import Naming
        from symbolic.spec import NetworkSpec

        from ..unicode import UnicodePrinter

        self.d, self.spec, self.per_weight = d, d.spec, per_weight
        self.nm = Naming(d.spec.naming, d.spec.sizes)   # element names for matrices (d untouched)
        self.p = printer_for(d)
        self._uni = UnicodePrinter({})
        self._cache: dict = {}
        self._synced = 0
        assert isinstance(d.spec, NetworkSpec)

    def tex(self, expr) -> str:
        key = ("tex", expr)
        if key not in self._cache:
            if len(self.nm.names) != self._synced:      # element names made since the last print
                self.p.names.update({s: n.latex for s, n in self.nm.names.items()
                                     if s not in self.p.names})
                self._synced = len(self.nm.names)
            self._cache[key] = self.p.doprint(expr)
        return self._cache[key]

    def width(self, expr) -> int:
        """Rough display width in characters: the one-line Unicode form, names shortened."""
        key = ("width", expr)
        if key not in self._cache:
            self._cache[key] = len(self._uni.doprint(expr))
        return self._cache[key]

    def partial(self, num, den) -> str:
        return self.p.partial(num, den)

    def pwidth(self, f) -> int:
        """Display width of the partial of a chain-rule factor."""
        return max(self.width(f.num), self.width(f.den)) + 3


def out_symbol():
    """The placeholder `out` of dL/dout."""
    from symbolic.backprop import OUT

    return OUT


def z_symbol():
    """The placeholder `z` of an activation's definition f(z)."""
    from symbolic.backprop import Z

    return Z


def grad_out_symbol(d):
    """The vector of the dL/dout_k, as the derivation names it."""
    return next(s for s in d.naming.names if getattr(s, "name", "") == f"dL_da{d.spec.depth}")
