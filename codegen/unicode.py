"""Terminal printer: one-line Unicode text in the notation of the sheets (σ, ReLU, δ, ∂)."""

from __future__ import annotations

import sympy as sp
from sympy.printing.str import StrPrinter

from symbolic import functions as fn
from symbolic.activations import TABLE


class UnicodePrinter(StrPrinter):
    """StrPrinter with our symbol names, our functions' spellings and `·` for products."""

    minus = "-"
    # every function a formula may use (symbolic.formula's whitelist) and the ones derivatives
    # bring in (H, sign): name -> spelling. SymPy's own printer has methods for some (Heaviside,
    # Max, Min, Abs) that would win over _print_Function: they are routed back to it below
    _FUNCS = {
        "Heaviside": "H",
        "exp": "exp",
        "log": "log",
        "tanh": "tanh",
        "sinh": "sinh",
        "cosh": "cosh",
        "sin": "sin",
        "cos": "cos",
        "Abs": "abs",
        "Max": "max",
        "Min": "min",
        "sign": "sign",
    }  # and our activations, from their table rows (below the class)
    _FIRST_ARG_ONLY = ["Heaviside"]  # the slope and H(0) are not shown

    def __init__(self, names: dict, settings=None):
        super().__init__(settings)
        self.names = names

    def _print_Symbol(self, expr):
        return self.names.get(expr, expr.name)

    _print_MatrixSymbol = _print_Symbol

    def _print_Function(self, expr):
        if isinstance(expr, fn.Prime):
            return f"{self._fname(expr.activation)}′({self._print(expr.args[0])})"
        if isinstance(expr, fn.softmax):
            k = expr.args[0]
            return f"softmax{str(k).translate(str.maketrans('0123456789', '₀₁₂₃₄₅₆₇₈₉'))}(z)"
        name = self._FUNCS.get(type(expr).__name__, type(expr).__name__)
        args = expr.args[:1] if type(expr).__name__ in self._FIRST_ARG_ONLY else expr.args
        return f"{name}({', '.join(self._print(a) for a in args)})"

    _print_Heaviside = _print_Max = _print_Min = _print_Abs = _print_Function

    def _print_Exp1(self, expr):
        return "e"

    def _print_Pi(self, expr):
        return "π"

    def _fname(self, rule):
        return rule.unicode

    def _print_ElementwiseApplyFunction(self, expr):
        f = expr.function
        body = f.expr if isinstance(f, sp.Lambda) else f(sp.Dummy())
        if isinstance(body, fn.Prime):
            name = f"{body.activation.unicode}′"
        else:
            name = self._FUNCS.get(type(body).__name__, type(body).__name__)
        return f"{name}({self._print(expr.expr)})"

    def _print_SoftmaxVector(self, expr):
        return f"softmax({self._print(expr.args[0])})"

    def _print_HadamardProduct(self, expr):
        return " ⊙ ".join(self._wrap(a) for a in expr.args)

    def _print_MatMul(self, expr):
        coeff, matrices = expr.as_coeff_matrices()
        sign = "-" if coeff == -1 else ("" if coeff == 1 else self._print(coeff))
        return sign + "".join(self._wrap(a) for a in matrices)

    def _print_Transpose(self, expr):
        return f"{self._wrap(expr.arg)}ᵀ"

    def _print_DiagMatrix(self, expr):
        return f"diag({self._print(expr.args[0])})"

    def _print_OneMatrix(self, expr):
        # the column of ones a shared bias is spread over a layer with (a row: its transpose)
        return "𝟏ᵀ" if expr.shape[0] == 1 else "𝟏"

    def _print_Pow(self, expr, rational=False):
        if expr.exp.is_Integer and 1 < expr.exp < 10:
            base = self._print(expr.base)
            if not (expr.base.is_Symbol or expr.base.is_Function):
                base = f"({base})"
            return base + str(expr.exp).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
        return super()._print_Pow(expr, rational)

    def _print_Mul(self, expr):
        coeff, factors = expr.as_coeff_mul()
        sign = ""
        if coeff.is_negative:
            sign, coeff = self.minus, -coeff
        num, den = [], []
        for f in factors:
            if f.is_Pow and f.exp.is_Rational and f.exp.is_negative:
                den.append(f.base**-f.exp)
            else:
                num.append(f)
        if coeff.is_Rational and coeff.q != 1:
            den.insert(0, sp.Integer(coeff.q))
            coeff = sp.Integer(coeff.p)
        if coeff != 1:
            num.insert(0, coeff)
        num.sort(key=lambda f: f.is_Add)  # plain factors first, sums last
        text = "·".join(self._wrap(f) for f in num) or "1"
        if den:
            bottom = "·".join(self._wrap(f) for f in den)
            text += "/" + (bottom if len(den) == 1 and not den[0].is_Add else f"({bottom})")
        return sign + text

    def _wrap(self, f):
        s = self._print(f)
        return f"({s})" if (f.is_Add or isinstance(f, (sp.MatAdd, sp.HadamardProduct))) else s


def printer_for(derivation) -> UnicodePrinter:
    return UnicodePrinter(derivation.naming.unicode_names())


for _rule in TABLE.values():
    if _rule.elementwise:
        UnicodePrinter._FUNCS[_rule.func.__name__] = _rule.unicode
        if _rule.params:
            UnicodePrinter._FIRST_ARG_ONLY.append(_rule.func.__name__)
