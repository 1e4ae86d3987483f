"""How the verdict writes names: the network's symbols in Unicode (z⁽¹⁾₁, W⁽²⁾₁₁), and a name as
the author wrote it (w₁₁, ŷ₁, δ⁽²⁾₁, θ_o1) when a message quotes the document's own side."""

from __future__ import annotations

import re
import unicodedata

import sympy as sp

from symbolic.activations import named
from symbolic.latex.statements import COMPARISONS
from symbolic.verify.hints import greek_spelled

from .unicode import UnicodePrinter

_GREEK = dict(
    zip(
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau phi chi "
        "psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega varphi vartheta".split(),
        "αβγδεζηθικλμνξπρστφχψωΓΔΘΛΞΠΣΦΨΩφϑ",
    )
)
_SUB = str.maketrans("0123456789,", "₀₁₂₃₄₅₆₇₈₉,")
_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


class VerdictPrinter(UnicodePrinter):
    """UnicodePrinter with sums in written order (positive terms first) and a real minus sign."""

    minus = "−"
    # a hand derivation's functions as read (sigma, relu_prime): spelled as the sheet spells them
    _FUNCS = {
        **UnicodePrinter._FUNCS,
        "g_prime": "g′",
        "f_prime": "f′",
        "h_prime": "h′",
        "varphi": "φ",
        "varphi_prime": "φ′",
        "phi": "φ",
        "phi_prime": "φ′",
        **{word: rule.unicode for rule in named() for word in rule.spellings},
        **{rule.prime_word: rule.unicode + "′" for rule in named()},
    }

    def _print_Add(self, expr, order=None):
        terms = list(expr.as_ordered_terms())
        terms.sort(key=lambda t: t.could_extract_minus_sign())
        out = self._print(terms[0])
        for t in terms[1:]:
            if t.could_extract_minus_sign():
                out += " − " + self._wrap_neg(-t)
            else:
                out += " + " + self._print(t)
        return out

    def _wrap_neg(self, t):
        s = self._print(t)
        return f"({s})" if t.is_Add else s

    def _print_Heaviside(self, expr):
        return f"H({self._print(expr.args[0])})"

    def _print_Integer(self, expr):
        return str(expr).replace("-", "−")

    def partial(self, num, den) -> str:
        if isinstance(num, sp.Expr) and num.could_extract_minus_sign():  # δ = -∂E/∂net (Mitchell)
            return f"−∂{self._side(-num)}/∂{self._side(den)}"
        return f"∂{self._side(num)}/∂{self._side(den)}"

    def _side(self, x) -> str:
        """A derivative's numerator or denominator: a formula in parentheses, ∂(a − y)²/∂a."""
        text = self.doprint(x)
        return f"({text})" if isinstance(x, sp.Expr) and (x.is_Add or x.is_Mul) else text

    def _print_Pow(self, expr, rational=False):
        text = super()._print_Pow(expr, rational)
        if "**" not in text:
            return text
        base, exp = (self._print(a) for a in expr.args)
        if not (expr.base.is_Symbol or expr.base.is_Function):
            base = f"({base})"
        return f"{base}^" + (exp if expr.exp.is_Symbol or expr.exp.is_Integer else f"({exp})")

    def _print_Function(self, expr):
        if type(expr).__name__ == "Partial" and len(expr.args) == 2:  # a derivative inside a formula
            return self.partial(*expr.args)
        if type(expr).__name__ == "Indicator" and len(expr.args) == 3:  # 1(z > 0) (latex/statements.py)
            a, b, code = expr.args
            return f"1({self._print(a)} {COMPARISONS[int(code)]} {self._print(b)})"
        return super()._print_Function(expr)

    def _print_Symbol(self, expr):
        """A name this printer was not given (inside a function, f(z_1,1)): in Unicode all the same
        (z⁽¹⁾₁), never the reader's spelling."""
        return self.names[expr] if expr in self.names else raw_name(expr.name)


def raw_name(name: str) -> str:
    """A parsed raw name in Unicode: w_11 -> w₁₁, z_hat -> ẑ, Z^2 -> ²Z, W2_11 -> W2₁₁, a code
    name (a plain-text document's W1_2_1, delta2_1) as the network's W⁽¹⁾₂₁, δ⁽²⁾₁; w^+ -> w⁺."""
    if name.endswith("^+"):  # the value after an update
        return raw_name(name[:-2]) + "⁺"
    m = re.fullmatch(r"([A-Za-z]+)(\d+)_(\d+)_(\d+)", name) or re.fullmatch(r"(delta)(\d+)_(\d+)()", name)
    if m:
        base, lay, i, j = m.groups()
        return ("δ" if base == "delta" else base) + f"({lay})".translate(_SUP) + (i + j).translate(_SUB)
    m = re.fullmatch(r"([A-Za-z]+\d+)_([0-9,]+)", name)
    if m:  # a layer in the name itself (W2_{11}, h1_1)
        return m.group(1) + m.group(2).replace(",", "").translate(_SUB)
    m = re.fullmatch(r"([A-Za-z]+)_(hat|tilde|bar|star)(?:_([0-9,]+))?", name)
    if m:  # y_hat_1: ŷ₁; y_star: y*
        mark = {"hat": "\u0302", "tilde": "\u0303", "bar": "\u0304", "star": "*"}[m.group(2)]
        sub = (m.group(3) or "").replace(",", "").translate(_SUB)
        return unicodedata.normalize("NFC", m.group(1) + mark) + sub
    m = re.fullmatch(r"([A-Za-z]+)\^(\d+)", name)
    if m:
        return m.group(2).translate(_SUP) + m.group(1)
    m = re.fullmatch(r"([A-Za-z]+)_([0-9]+),([0-9,]+)", name)
    if m:  # layer, then indices: W_2,11 -> W⁽²⁾₁₁, delta_1,1 -> δ⁽¹⁾₁
        base = _GREEK.get(m.group(1), m.group(1))
        return base + f"({m.group(2)})".translate(_SUP) + m.group(3).replace(",", "").translate(_SUB)
    m = re.fullmatch(r"([A-Za-z]+)_([0-9,]+)", name)
    if m:
        return _GREEK.get(m.group(1), m.group(1)) + m.group(2).translate(_SUB)
    base, sep, rest = name.partition("_")  # theta_o1: θ_o1, beta: β; v_iotazeta (v_{\iota\zeta}): v_ιζ
    return _GREEK.get(base, base) + sep + greek_spelled(rest, lambda g, _glued: _GREEK.get(g, g))


def printers(d, raw_symbols=()) -> tuple[VerdictPrinter, VerdictPrinter]:
    """(network names, names as written)."""
    names = d.naming.unicode_names()  # a written side may hold the network's own symbols too
    return VerdictPrinter(names), VerdictPrinter({**{s: raw_name(s.name) for s in raw_symbols}, **names})
