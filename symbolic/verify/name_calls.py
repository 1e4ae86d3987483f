"""Functions in a hand derivation -> the network's (mixed into verify/names.py's Resolver): an
activation by its name or prime (σ, ReLU', a leaky slope of its layer), a generic g/f/h/φ by the
layer of its argument, softmax(z) as the output of that unit, an indicator 1(x > 0) as a step.
Unknown functions are an error naming the ones known, never a guess. Pure."""

from __future__ import annotations

from typing import Any

import sympy as sp

from .. import functions as fn
from ..activations import named
from ..errors import SympropError
from ..latex.entries import ENTRY
from ..latex.statements import COMPARISONS, compare
from .display import said
from .hints import function_shown, shown

GENERIC = {"g", "f", "h", "varphi", "phi"}  # the activation of the layer of the argument


class Calls:
    """The Resolver's reading of calls; the Resolver supplies the network and `resolve`."""

    d: Any
    z_layer: dict[sp.Symbol, int]
    hidden_a: dict[sp.Symbol, sp.Expr]
    z_of: dict[sp.Expr, sp.Symbol]

    def resolve(self, raw, where: str = ""):
        """A raw parsed expression in the network's symbols (the Resolver's)."""
        raise NotImplementedError  # pragma: no cover

    def forward_form(self, expr):
        """Hidden a symbols as f(z) (the Resolver's)."""
        raise NotImplementedError  # pragma: no cover

    def _softmax_output(self, z, where):
        z = self.z_of.get(sp.expand(z.xreplace(self.hidden_a)), z)  # softmax(W h + b): the z it is
        for eq in self.d.of_kind("forward"):
            if isinstance(eq.rhs, fn.softmax) and eq.rhs.args[int(eq.rhs.args[0])] == z:
                return eq.lhs
        raise SympropError(
            f"{where}softmax({said(self.d, z)}): {said(self.d, z)} is not the input of a softmax output",
            "write softmax(z) of an output unit",
        )

    def _call(self, e, where):
        name, args = type(e).__name__, e.args
        if name == "Indicator":
            return self._indicator(args, where)
        if name == "Summation":
            var = shown(str(args[1]))
            raise SympropError(
                f"{where}\\sum_{{{var}}}: no name in it says the range of {var}",
                "index a name of the network with it (\\sum_k w^{l+1}_{kj} ...) or write the terms out",
            )
        if name == "softmax" and len(args) == 1:  # softmax(z_j): the softmax output of unit j
            # its argument is resolved already: resolving it again would swap input-by-output
            # weights back (W^{(1)}_{21} x_2 of w^T x read as W^{(1)}_{12} x_2)
            return self._softmax_output(self.forward_form(args[0]), where)
        if len(args) != 1:
            shown_name = function_shown(name)
            raise SympropError(f"{where}{shown_name} takes one argument here", f"write {shown_name}(z)")
        x = args[0]
        rule = next((r for r in named() if name in (r.prime_word, r.prime_word[:-6], *r.spellings)), None)
        if rule is not None:  # one of our activations (sigma, relu) or its f' (sigma_prime)
            if rule.params and self.z_layer.get(x):  # leaky_relu: the slope of x's layer
                layer = self.d.spec.activations[self.z_layer[x] - 1]
                rule = layer if layer.func is rule.func else rule
            self._used(rule.name, x)
            return rule.prime(x) if name == rule.prime_word else rule(x)
        if name.endswith(ENTRY) and name.removesuffix(ENTRY) in GENERIC:  # \phi(z)_i (latex/entries.py)
            if self.z_layer.get(x) and not self._rule_of(x).elementwise:
                return self._softmax_output(x, where)  # of a softmax layer: its output i
            name = name.removesuffix(ENTRY)  # of an element-wise layer: \phi(z_i)
        if name in GENERIC or name in ("g_prime", "f_prime", "h_prime", "varphi_prime", "phi_prime"):
            x = x if name in GENERIC else self._relu_input(x)
            letter = name.removesuffix("_prime")
            self._used(letter, x)
            own = getattr(self, "letter_layers", {}).get(letter)  # Bishop's h: the hidden layer's
            rule = self.d.spec.activations[own - 1] if own else self._layer_rule(x, name, where)
            return rule(x) if name in GENERIC else rule.prime(x)
        if name == "Partial":
            raise SympropError(
                f"{where}a derivative inside a larger expression",
                r"write derivatives as whole factors: \frac{\partial L}{\partial w} \cdot ...",
            )
        raise SympropError(
            f"{where}unknown function {function_shown(name)}",
            r"use \sigma, g, f, \exp, \log, \tanh, ReLU or write the formula out",
        )

    def _indicator(self, args: tuple, where: str) -> sp.Expr:
        """1(x > 0) -> the step H(x); 1(a = b) of two numbers -> 1 or 0."""
        a, b, code = args
        op = COMPARISONS[int(code)]
        if a.is_Number and b.is_Number:
            return sp.Integer(1 if compare(a, b, int(code)) else 0)
        if op == ">" and b == 0:  # 1(h > 0) at a ReLU unit's output h = ReLU(z): the step H(z)
            a = self._relu_input(a)
        if op in (">", "≥"):
            return sp.Heaviside(a - b)
        if op in ("<", "≤"):
            return sp.Heaviside(b - a)
        raise SympropError(
            f"{where}an indicator of {'an equality' if op == '=' else 'an inequality'} between quantities",
            "write 1(x > 0) for a step, or 1(i = j) with unit indices",
        )

    def _relu_input(self, x):
        """f'(y_j) at a ReLU unit's output y_j: its net input z_j, for ReLU'(ReLU(z)) = ReLU'(z) at
        every z (1 where z > 0, 0 where z <= 0, with ReLU'(0) = 0); any other x as is."""
        value = self.hidden_a.get(x)
        if not isinstance(value, fn.relu) or value.args[0] not in self.z_layer:
            return x
        return value.args[0]

    def _rule_of(self, z):
        return self.d.spec.activations[self.z_layer[z] - 1]

    def _z(self, x):
        """The z a function's argument is: itself, its weighted sum, or the sum written through the
        hidden units' own rules (σ(Σ_j w_kj h(Σ_i w_ji x_i + b_j) + b_k): the output's); else x."""
        sums = {k: z for k, z in self.z_of.items() if isinstance(k, sp.Add)}
        back = {v: k for k, v in self.hidden_a.items()}
        for form in (x, x.xreplace(self.hidden_a), x.xreplace(sums).xreplace(back)):
            z = self.z_of.get(sp.expand(form), form)
            if z in self.z_layer:
                return z
        return x

    def _used(self, name: str, x) -> None:
        """Note the layer a function is applied at (`letter_layers` reads them)."""
        layer = self.z_layer.get(self._z(x))
        if layer:
            self.__dict__.setdefault("uses", {}).setdefault(name, set()).add(layer)

    def _layer_rule(self, x, name, where):
        x = self._z(x)  # g(\sum_i w_{i,j} a_i): the z that sum is
        if x in self.z_layer:
            rule = self.d.spec.activations[self.z_layer[x] - 1]
            if not rule.elementwise:
                raise SympropError(
                    f"{where}{function_shown(name)}(...) of a softmax layer",
                    "write the output symbol (out_k) instead",
                )
            return rule
        rules = {r.name for r in self.d.spec.activations}
        if len(rules) == 1 and self.d.spec.activations[0].elementwise:  # one φ for every layer
            return self.d.spec.activations[0]
        f = function_shown(name)
        raise SympropError(
            f"{where}{f}(...) is applied to {said(self.d, x)}, not to a pre-activation z"
            + (
                " (each weight in it, as read, joins no two consecutive layers: see --weights)"
                if x == 0
                else ""
            ),
            f"write {f}(z) with the z of a layer, e.g. {f}(z_{{h1}})",
        )


def letter_layers(uses: dict, activations) -> dict[str, int]:
    """A generic letter the document keeps for one layer: Bishop's h, applied to the hidden a_j,
    beside σ named at the output (z_j = h(a_j), y_k = σ(a_k)). A letter used at one layer where
    no activation is named, and at another whose own activation the document names and which
    differs, means the first layer's there too: y_k = h(a_k) is the hidden rule at the output, a
    slip, not σ. Any other use stays the activation of its argument's layer. `uses`: name -> the
    layers it was applied at (an activation's rule name, or a generic letter)."""
    named = {layer for n, layers in uses.items() if n not in GENERIC for layer in layers}
    out = {}
    for letter, layers in uses.items():
        if letter not in GENERIC:
            continue
        own = [n for n in layers if n not in named]
        others = (
            [n for n in layers if n in named and activations[n - 1].name != activations[own[0] - 1].name]
            if len(own) == 1
            else []
        )
        if len(own) == 1 and others:
            out[letter] = own[0]
        elif len(set(layers)) == 1 and len({a.name for a in activations}) > 1:  # φ of one layer only
            out[letter] = next(iter(layers))  # (Murphy's x_3 = φ(x_2)): that layer's, on any argument
    return out
