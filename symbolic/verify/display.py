"""The network's names and formulas in the verifier's messages: LaTeX as `symprop derive` and the
sheet write them (W^{(1)}_{21}, \\delta^{(2)}_{1}, x_{1}), never the code's spelling (W1_2_1,
delta2_1) nor SymPy's (`**`, `Partial(...)`).

A document's own names keep the spelling it writes (`hints.shown`); a network symbol is shown by
its `Naming.latex`; a formula is LaTeX on one line (products juxtaposed, powers as ^{...}), which
a user can paste back into the document or an alias. `display_names` reads those spellings back
(an alias `% symprop: alias w_1 = W^{(1)}_{11}`, an --at name); a primed index letter j′ is said as
written, never as the letter it was read as (`primed_letters`). Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp
from sympy.printing.str import StrPrinter

from ..activations import named
from ..latex import index_primes
from .hints import function_shown, shown
from .roles import LAYER

_FUNCS = {
    "Heaviside": "H",
    "Abs": "\\lvert\\cdot\\rvert",
    **{word: rule.latex for rule in named() for word in (*rule.spellings, rule.func.__name__)},
    **{rule.prime_word: rule.latex + "'" for rule in named()},
}


class MessagePrinter(StrPrinter):
    """One-line LaTeX of a formula in the network's (or the document's) names."""

    def __init__(self, names: dict):
        super().__init__()
        self.names = names

    def _print_Symbol(self, expr):
        return self.names.get(expr) or shown(expr.name)

    def _print_Function(self, expr):
        name = type(expr).__name__
        if name == "Partial" and len(expr.args) == 2:
            return f"∂{self._atom(expr.args[0])}/∂{self._atom(expr.args[1])}"
        if name == "Abs":
            return f"\\lvert {self._print(expr.args[0])} \\rvert"
        if hasattr(expr, "activation"):  # f'(z) of an activation (functions.Prime)
            return f"{expr.activation.latex}'({self._print(expr.args[0])})"
        head = _FUNCS.get(name) or function_shown(name)
        args = expr.args[:1] if name == "Heaviside" else expr.args
        return f"{head}({', '.join(self._print(a) for a in args)})"

    _print_Heaviside = _print_Abs = _print_Max = _print_Min = _print_Function

    def _print_Mul(self, expr):
        return super()._print_Mul(expr).replace("*", " ")

    def _print_Pow(self, expr, rational=False):
        if expr.exp == sp.Rational(1, 2):
            return f"\\sqrt{{{self._print(expr.base)}}}"
        if expr.exp == -1:
            return f"1/{self._atom(expr.base)}"
        return f"{self._atom(expr.base)}^{{{self._print(expr.exp)}}}"

    def _print_Exp1(self, expr):
        return "e"

    def _atom(self, e) -> str:
        text = self._print(e)
        return f"({text})" if isinstance(e, sp.Basic) and (e.is_Add or e.is_Mul or e.is_Pow) else text


def printer(d) -> MessagePrinter:
    return MessagePrinter(d.naming.latex_names())


def said(d, expr) -> str:
    """A formula of network symbols (or raw names) as a message shows it."""
    if isinstance(expr, str):
        return shown(expr)
    if expr in d.naming.names:
        return d.naming.names[expr].latex
    return printer(d).doprint(expr)


def listed(d, symbols, limit: int = 0) -> str:
    """Network symbols in a message, in the order given ('W^{(1)}_{21}, b^{(1)}_{2}')."""
    names = [said(d, s) for s in symbols]
    more = limit and len(names) > limit
    return ", ".join(names[:limit] if more else names) + (", ..." if more else "")


def display_names(d) -> dict[str, sp.Symbol]:
    """The reader's spelling of each network symbol's display form -> the symbol
    (W^{(1)}_{21} is read as 'W_21@1'): the names a message lists, typed back."""
    from .read import _tex

    out = {}
    for s, n in d.naming.names.items():
        if isinstance(s, sp.Symbol) and (not n.code.startswith("d") or n.code.startswith("delta")):
            out[_tex(n.latex, 0).name] = s
    return out


def point_fix(d, name: str = "w_1") -> str:
    """What an --at point may name: the network's inputs, parameters and targets (or an alias)."""
    names = listed(d, [*d.inputs, *d.params, *d.targets], 24)
    return (
        f"give inputs, weights, biases and targets by the document's names or the network's ({names}), "
        f"or declare an alias in the document (% symprop: alias {shown(name)} = {said(d, d.params[0])})"
    )


def primed_letters(source: str, verdicts: list, unchecked: list) -> tuple[list, list]:
    """Instances and reasons in the document's primed letters (j′ for the letter it was read as)."""
    back = index_primes.written(index_primes.fresh_letters(source))
    if not back:
        return verdicts, unchecked
    verdicts = [replace(v, instance=index_primes.as_written(v.instance, back)) for v in verdicts]
    return verdicts, [replace(u, reason=index_primes.as_written(u.reason, back)) for u in unchecked]


_LAYER_VALUE = re.compile(rf"(?:, )?{LAYER}=\d+(?:, (?=\w))?")


def layer_variable(source: str, verdicts: list, unchecked: list) -> tuple[list, list]:
    """Instances and reasons without the layer a role letter of any layer was read in (Wikipedia's
    o_j, net_j: `roles.LAYER`, 'for j=1, λ=1'): the document writes no such letter, and each
    verdict names its layer by the network's name (δ⁽¹⁾₁). Kept where the document writes λ as
    an index itself."""
    if re.search(r"_\{?[^}$]*\\lambda", source):
        return verdicts, unchecked

    def plain(text: str) -> str:  # 'k=1, λ=1, i=2': 'k=1, i=2'
        return _LAYER_VALUE.sub(lambda m: ", " if m[0].startswith(", ") and m[0].endswith(", ") else "", text)

    verdicts = [replace(v, instance=plain(v.instance)) if LAYER in v.instance else v for v in verdicts]
    return verdicts, [replace(u, reason=plain(u.reason)) if LAYER in u.reason else u for u in unchecked]
