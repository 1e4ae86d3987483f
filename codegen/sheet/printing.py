"""What the sheet prints with: the LaTeX printer, display widths, and the element names of
matrices (a fresh copy of the derivation's naming, so printing leaves the Derivation untouched).
"""

from __future__ import annotations

from ..latex import printer_for


class SheetPrinter:
    """The derivation, its element names (`nm`) and cached LaTeX / width of expressions."""

    def __init__(self, d, per_weight: bool):
        from symbolic.spec import NetworkSpec

        from ..unicode import UnicodePrinter

        self.d, self.spec, self.per_weight = d, d.spec, per_weight
        self.nm = d.naming.fresh()  # element names for matrices (d untouched)
        self.p = printer_for(d)
        self._uni = UnicodePrinter({})
        self._cache: dict = {}
        self._synced = 0
        assert isinstance(d.spec, NetworkSpec)

    def tex(self, expr) -> str:
        key = ("tex", expr)
        if key not in self._cache:
            if len(self.nm.names) != self._synced:  # element names made since the last print
                self.p.names.update({s: n.latex for s, n in self.nm.names.items() if s not in self.p.names})
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
