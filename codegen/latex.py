"""LaTeX printer: our symbols by their LaTeX names, our activations spelled (σ, tanh, ReLU), and
products written the way hand derivations write them: σ(z_{h1})(1 - σ(z_{h1})), plain factors
before sums, positive terms before negative ones, and numeric fractions in front (½(out - y)²).
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.latex import LatexPrinter

from symbolic import functions as fn
from symbolic.activations import TABLE

from .escape import latex_text

# f(z) of SymPy's functions as LaTeX names; our activations' names come from their table rows
# (custom activations use their own name)
FUNCTION_NAMES = {
    "Heaviside": "H",
    "exp": r"\exp",
    "log": r"\log",
    "tanh": r"\tanh",
    "sinh": r"\sinh",
    "cosh": r"\cosh",
    "sin": r"\sin",
    "cos": r"\cos",
    "Max": r"\max",
    "Min": r"\min",
    "Abs": r"\operatorname{abs}",
}
FIRST_ARG_ONLY = ["Heaviside"]  # the slope and H(0) are not shown
for _rule in TABLE.values():
    if _rule.elementwise:
        FUNCTION_NAMES[_rule.func.__name__] = _rule.latex
        if _rule.params:
            FIRST_ARG_ONLY.append(_rule.func.__name__)


class SheetLatexPrinter(LatexPrinter):
    """LatexPrinter with a symbol-name table and the seed's way of writing products."""

    def __init__(self, names: dict, settings=None):
        super().__init__(settings)
        self.names = names

    # names -----------------------------------------------------------------------------------
    def _print_Symbol(self, expr, style="plain"):
        return self.names[expr] if expr in self.names else super()._print_Symbol(expr)

    def _print_MatrixSymbol(self, expr, style="plain"):
        return self.names[expr] if expr in self.names else super()._print_MatrixSymbol(expr)

    # functions -------------------------------------------------------------------------------
    def _fname(self, expr) -> str:
        name = type(expr).__name__
        if name in FUNCTION_NAMES:
            return FUNCTION_NAMES[name]
        return name if len(name) == 1 else rf"\operatorname{{{name}}}"

    def _print_Function(self, expr, exp=None):
        if isinstance(expr, fn.Prime):
            return self._apply(f"{expr.activation.latex}'", expr.args, exp)
        if isinstance(expr, fn.softmax):
            return self._print_softmax(expr, exp)
        if type(expr).__name__ == "exp":
            return self._print_ExpBase(expr, exp)
        args = expr.args[:1] if type(expr).__name__ in FIRST_ARG_ONLY else expr.args
        return self._apply(self._fname(expr), args, exp)

    _print_Heaviside = _print_Function
    _print_tanh = _print_log = _print_Max = _print_Min = _print_Function

    def _print_ExpBase(self, expr, exp=None):
        text = f"e^{{{self._print(expr.args[0])}}}"
        return f"\\left({text}\\right)^{{{exp}}}" if exp is not None else text

    def _apply(self, name: str, args, exp=None) -> str:
        power = f"^{{{exp}}}" if exp is not None else ""
        inner = ", ".join(self._print(a) for a in args)
        return f"{name}{power}{paren(inner)}"

    def _print_softmax(self, expr, exp=None):
        k, zs = expr.args[0], expr.args[1:]
        inner = (
            ", ".join(self._print(z) for z in zs)
            if len(zs) <= 3
            else (f"{self._print(zs[0])}, \\dots, {self._print(zs[-1])}")
        )
        power = f"^{{{exp}}}" if exp is not None else ""
        return f"\\operatorname{{softmax}}_{{{self._print(k)}}}{power}\\left({inner}\\right)"

    # arithmetic ------------------------------------------------------------------------------
    def _print_Add(self, expr, order=None):
        terms = sorted(expr.as_ordered_terms(), key=lambda t: (_is_negative(t), not t.is_number))
        out = self._print(terms[0])
        for t in terms[1:]:
            if _is_negative(t):
                out += " - " + self._factor_text(-t)
            else:
                out += " + " + self._factor_text(t)
        return out

    def _factor_text(self, t):
        return self._print(t)

    def _print_Mul(self, expr):
        coeff, rest = expr.as_coeff_Mul()
        sign = ""
        if coeff.is_negative:
            sign, coeff = "-", -coeff
        num, den = [], []
        for f in sp.Mul.make_args(rest) if rest != 1 else ():
            if f.is_Pow and f.exp.is_Rational and f.exp.is_negative:
                den.append(f.base**-f.exp)
            else:
                num.append(f)
        num.sort(key=lambda f: f.is_Add)  # plain factors first, sums last
        top = " ".join(self._wrap(f) for f in num)
        if den:
            if len(num) == 1:
                top = self._print(num[0])
            bottom = " ".join(self._wrap(f) if len(den) > 1 else self._print(f) for f in den)
            if coeff.is_Rational and coeff != 1:
                top = (f"{coeff.p} {top}" if top else str(coeff.p)) if coeff.p != 1 else top
                bottom = f"{coeff.q} {bottom}" if coeff.q != 1 else bottom
            return f"{sign}\\frac{{{top or '1'}}}{{{bottom}}}"
        if coeff == 1:
            return sign + (top or "1")
        lead = (
            f"\\frac{{{coeff.p}}}{{{coeff.q}}}" if coeff.is_Rational and coeff.q != 1 else self._print(coeff)
        )
        return sign + lead + (" " + top if top else "")

    def _wrap(self, f):
        text = self._print(f)
        return paren(text) if f.is_Add else text

    def _print_Pow(self, expr):
        base, e = expr.base, expr.exp
        if e.is_Rational and e.is_negative:
            return self._print_Mul(sp.Mul(expr, evaluate=False))
        if isinstance(base, sp.Function) and not isinstance(base, sp.exp) and e.is_Integer:
            return self._print_Function(base, exp=self._print(e))
        if base.is_Add or (base.is_Mul) or (base.is_Rational and not base.is_Integer):
            return f"{paren(self._print(base))}^{{{self._print(e)}}}"
        return super()._print_Pow(expr)

    # matrices (the delta form) -----------------------------------------------------------------
    def _print_ElementwiseApplyFunction(self, expr):
        f = expr.function
        body = f.expr if isinstance(f, sp.Lambda) else f(sp.Dummy())
        if isinstance(body, fn.Prime):
            name = f"{body.activation.latex}'"
        else:
            name = self._fname(body)
        return f"{name}{paren(self._print(expr.expr))}"

    def _print_SoftmaxVector(self, expr):
        return f"\\operatorname{{softmax}}{paren(self._print(expr.args[0]))}"

    def _print_HadamardProduct(self, expr):
        return r" \odot ".join(self._mwrap(a) for a in expr.args)

    def _print_MatMul(self, expr):
        coeff, matrices = expr.as_coeff_matrices()
        sign = "-" if coeff == -1 else ("" if coeff == 1 else self._print(coeff) + " ")
        return sign + " ".join(self._mwrap(a) for a in matrices)

    def _print_MatAdd(self, expr):
        terms = sorted(expr.args, key=lambda t: isinstance(t, sp.MatMul) and t.as_coeff_mmul()[0] == -1)
        out = self._print(terms[0])
        for t in terms[1:]:
            coeff = t.as_coeff_mmul()[0] if isinstance(t, sp.MatMul) else 1
            out += " - " + self._print(-t) if coeff == -1 else " + " + self._print(t)
        return out

    def _print_Transpose(self, expr):
        base = self._print(expr.arg)
        if isinstance(expr.arg, sp.MatrixSymbol) and base.endswith(")}") and "^{(" in base:
            return base[:-1] + r"\top}"  # W^{(2)} -> W^{(2)\top}
        return f"{self._mwrap(expr.arg)}^{{\\top}}"

    def _print_OneMatrix(self, expr):
        # the column of ones a shared bias is spread over a layer with (a row: its transpose)
        return r"\mathbf{1}^{\top}" if expr.shape[0] == 1 else r"\mathbf{1}"

    def _print_DiagMatrix(self, expr):
        return f"\\operatorname{{diag}}{paren(self._print(expr.args[0]))}"

    def _mwrap(self, m):
        text = self._print(m)
        return f"\\left({text}\\right)" if isinstance(m, (sp.MatAdd, sp.HadamardProduct)) else text

    # the chain rule ----------------------------------------------------------------------------
    def partial(self, num, den) -> str:
        """\\frac{\\partial num}{\\partial den}."""
        return f"\\frac{{\\partial {self._print(num)}}}{{\\partial {self._print(den)}}}"


def paren(text: str, left: str = "(", right: str = ")") -> str:
    """(text), with growing delimiters only around tall content (fractions, sums)."""
    if "\\frac" in text or "\\sum" in text or "\\begin" in text:
        return f"\\left{left}{text}\\right{right}"
    return f"{left}{text}{right}"


def _is_negative(term) -> bool:
    return term.could_extract_minus_sign()


def printer_for(derivation, extra: dict | None = None) -> SheetLatexPrinter:
    """The printer of a derivation's names, plus the generic z, out, y of its per-element rules."""
    d = derivation
    names = {d.z: "z", d.out: r"\mathrm{out}", d.y: "y", **d.naming.latex_names()}
    return SheetLatexPrinter({**names, **(extra or {})})


escape_tex = latex_text  # the LaTeX escaper of codegen.escape, under its older name
