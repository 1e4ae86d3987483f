"""Names for the verifier: what a hand derivation writes -> the Derivation's own symbols.

Parsers give raw names ('w_11', 'z_hat', 'Z^2', 'y_TRUE', 'W_1,2,1') and raw functions
(sigma(x), g(x), sigma_prime(x)). `Resolver.resolve` maps them to the network's symbols, in the
form the Derivation writes its factors: hidden activations as f(z) (sigmoid(z_h1)), each output as
its symbol (out, a2_1). Unknown names are an error naming the known ones, never a guess.
"""

from __future__ import annotations

import copy
import re

import sympy as sp
from sympy.core.function import AppliedUndef

from .. import functions as fn
from ..activations import named
from ..errors import SympropError

# raw function names a parser produces -> how to read them
GENERIC = {"g", "f", "h"}  # the activation of the layer of the argument
PRIMES = {"sigma_prime", "g_prime", "f_prime", "h_prime", "relu_prime", "sigmoid_prime", "tanh_prime"}
OUTPUT_NAMES = {"out", "output", "y_hat", "yhat", "hat_y", "a_L", "a_out"}
LOSS_NAMES = {
    "L",
    "Loss",
    "loss",
    "E",
    "J",
    "C",
    "E_total",
    "E_tot",
    "E_n",
    "L_n",
    "L_i",
    "C_x",
    "J_i",
    "E_p",
}
# E_{o1}, E_1, L_{o2}: the error of one output, the loss's terms in that output alone
_PER_OUTPUT = re.compile(r"(?:E|L|C|J)_(?:o|out|y)?(\d+)")


class UnknownName(SympropError):
    pass


class Resolver:
    """Raw parsed expressions -> expressions in the Derivation's symbols."""

    def __init__(self, d, aliases: dict | None = None):
        self.d = d
        self.codes: dict[str, sp.Symbol] = {}
        for s, n in d.naming.names.items():
            gradient_symbol = n.code.startswith("d") and not n.code.startswith("delta")
            if isinstance(s, sp.Symbol) and not gradient_symbol and s is not d.eta:
                self.codes[n.code] = s
        self.aliases = dict(d.naming.aliases)
        self.user = dict(aliases or {})  # raw Symbol -> raw expression
        self.values: dict[sp.Basic, sp.Expr] = {}  # raw δ -> the value its author defined
        self.z_layer: dict[sp.Symbol, int] = {}  # pre-activation symbol -> layer index
        self.top: dict[sp.Symbol, sp.Symbol] = {}  # output z -> output symbol
        self.hidden_a: dict[sp.Symbol, sp.Expr] = {}
        for eq in d.of_kind("forward"):
            if eq.lhs.name.startswith("z"):
                self.z_layer[eq.lhs] = eq.layer
            elif eq.layer == d.spec.depth:
                z = eq.rhs.args[-1] if isinstance(eq.rhs, fn.softmax) else eq.rhs.args[0]
                if not isinstance(eq.rhs, fn.softmax):
                    self.top[z] = eq.lhs
            else:
                self.hidden_a[eq.lhs] = eq.rhs

    def with_values(self, values: dict) -> Resolver:
        """This resolver, reading the raw names in `values` (δs an author defined) as given."""
        if not values:
            return self
        other = copy.copy(self)
        other.values = dict(values)
        return other

    # names ----------------------------------------------------------------------------------
    def known(self) -> list[str]:
        return sorted(n for n in self.codes if not n.startswith("delta"))

    def lookup(self, name: str) -> sp.Expr | None:
        d = self.d
        for cand in _candidates(name, max(d.spec.sizes) < 10):
            if cand in self.codes:
                return self.codes[cand]
            if cand in self.aliases:
                return self.aliases[cand]
        if name in LOSS_NAMES:
            return d.loss_symbol
        m = _PER_OUTPUT.fullmatch(name)
        if m and 1 <= int(m.group(1)) <= len(d.outputs):
            return self.output_error(int(m.group(1)) - 1)
        if name in OUTPUT_NAMES and len(d.outputs) == 1:
            return d.outputs[0]
        m = re.fullmatch(r"(?:out|output|y_hat|yhat)_?(\d+)", name)
        if m and 1 <= int(m.group(1)) <= len(d.outputs):
            return d.outputs[int(m.group(1)) - 1]
        return None

    def output_error(self, k: int) -> sp.Expr | None:
        """The terms of the loss in output k alone (E_{o1} of E_total = E_{o1} + E_{o2}), or None
        when the loss does not split by output."""
        out = self.d.outputs[k]
        others = set(self.d.outputs) - {out}
        terms = [t for t in sp.Add.make_args(self.d["L"].rhs) if t.has(out)]
        if not terms or any(t.free_symbols & others for t in terms):
            return None
        return sp.Add(*terms)

    def unknown(self, names: list[str], where: str = "") -> UnknownName:
        if "xi" in names:
            return UnknownName(
                f"{where}a placeholder argument (·) inside a derivative",
                "write the argument, e.g. \\sigma(z_{h1})",
            )
        known = self.known()
        shown = ", ".join(known[:40]) + (", ..." if len(known) > 40 else "")
        what = ", ".join(sorted(set(names)))
        return UnknownName(
            f"{where}unknown name{'s' if len(set(names)) > 1 else ''} {what}",
            f"use the network's names ({shown}) or declare an alias",
        )

    # expressions -----------------------------------------------------------------------------
    def resolve(self, raw: sp.Expr, where: str = "") -> sp.Expr:
        """raw -> the same quantity in the Derivation's symbols and forward form."""
        expr = self._user_aliases(raw, where)
        mapping, missing = {}, []
        for s in expr.free_symbols:
            if s in self.values:
                mapping[s] = self.values[s]
                continue
            target = self.lookup(s.name)
            if target is None:
                missing.append(s.name)
            else:
                mapping[s] = target
        if missing:
            raise self.unknown(missing, where)
        expr = expr.xreplace(mapping)
        expr = expr.replace(lambda e: isinstance(e, AppliedUndef), lambda e: self._call(e, where))
        return self.forward_form(expr)

    def forward_form(self, expr: sp.Expr) -> sp.Expr:
        """Hidden a symbols as f(z); f_top(z_out) as the output symbol."""
        expr = expr.xreplace(self.hidden_a)
        tops = {}
        for z, out in self.top.items():
            rule = self.d.spec.activations[-1]
            tops[rule(z)] = out
        return expr.xreplace(tops) if tops else expr

    def _user_aliases(self, raw, where):
        expr = raw
        for _ in range(10):
            new = expr.xreplace(self.user)
            if new == expr:
                return expr
            expr = new
        raise SympropError(
            f"{where}aliases refer to each other in a loop", "give each alias a value in the network's names"
        )

    def _call(self, e, where):
        name, args = type(e).__name__, e.args
        if len(args) != 1:
            raise SympropError(f"{where}{name} takes one argument here", f"write {name}(z)")
        x = args[0]
        rule = next((r for r in named() if name in (r.prime_word, r.prime_word[:-6])), None)
        if rule is not None:  # one of our activations (sigma, relu) or its f' (sigma_prime)
            if rule.params and self.z_layer.get(x):  # leaky_relu: the slope of x's layer
                layer = self.d.spec.activations[self.z_layer[x] - 1]
                rule = layer if layer.func is rule.func else rule
            return rule.prime(x) if name == rule.prime_word else rule(x)
        if name in GENERIC or name in ("g_prime", "f_prime", "h_prime"):
            rule = self._layer_rule(x, name, where)
            return rule(x) if name in GENERIC else rule.prime(x)
        if name == "Partial":
            raise SympropError(
                f"{where}a derivative inside a larger expression",
                r"write derivatives as whole factors: \frac{\partial L}{\partial w} \cdot ...",
            )
        raise SympropError(
            f"{where}unknown function {name}",
            r"use \sigma, g, f, \exp, \log, \tanh, ReLU or write the formula out",
        )

    def _layer_rule(self, x, name, where):
        if x in self.z_layer:
            rule = self.d.spec.activations[self.z_layer[x] - 1]
            if not rule.elementwise:
                raise SympropError(
                    f"{where}{name}(...) of a softmax layer", "write the output symbol (out_k) instead"
                )
            return rule
        raise SympropError(
            f"{where}{name}(...) is applied to {x}, not to a pre-activation z",
            f"write {name}(z) with the z of a layer, e.g. {name}(z_h1)",
        )


def _candidates(name: str, narrow: bool) -> list[str]:
    """Spellings to try for a raw name, most literal first.

    w_11 -> w11; W_1,2,1 / W_2,11 (layer, then indices) -> W1_2_1 / W2_1_1; z_21 -> z2_1 when
    every width is under 10 (one digit per index).
    """
    out = [name, name.replace(",", ""), name.replace("_", "").replace(",", "")]
    m = re.fullmatch(r"([A-Za-z]+)_([0-9][0-9,]*)", name)
    if m:
        base, idx = m.groups()
        splits = [idx.split(",")] if "," in idx else [[idx]]
        if narrow:
            head, *rest = idx.split(",")
            splits.append(list(idx.replace(",", "")))
            if rest:
                splits.append([head, *"".join(rest)])
        for parts in splits:
            for b in (base, base.upper(), base.lower()):
                out.append(b + "".join(parts))
                if len(parts) >= 2:
                    out.append(f"{b}{parts[0]}_" + "_".join(parts[1:]))
    return out


# many unknown names: one line saying which network the names imply --------------------------------
_LAYERED = re.compile(r"(?:W|w)_?(\d+)_(\d+)_(\d+)|(?:b|z|a|delta)_?(\d+)_(\d+)|x_?(\d+)|y_?(\d+)")
_LAYER_BIAS = re.compile(r"b_?(\d+)")
_SEED = re.compile(r"w_?\d\d|w_[a-z]|b_?\d|[za]_h\d+|z_o|y_T|out")


def unknown_names_in(problem: str) -> list[str]:
    """The names an `unknown(...)` message lists (empty for any other problem)."""
    m = re.search(r"unknown names? (.*?); use the network's names", problem)
    return m.group(1).split(", ") if m else []


def unknown_summary(problems: list[str], spec) -> tuple[list[str], str] | None:
    """Unknown-name problems folded into one line naming the --net / --naming the names imply,
    or None when there is nothing to fold or suggest."""
    names = sorted({n for p in problems for n in unknown_names_in(p)})
    if not names:
        return None
    unknown = [p for p in problems if unknown_names_in(p)]
    hints = []
    # b_1, b_2: one bias per layer (Mazur's), on a layered net with a bias per unit
    layer_biases = [n for n in names if (m := _LAYER_BIAS.fullmatch(n)) and 1 <= int(m[1]) <= spec.depth]
    seed_like = [n for n in names if _SEED.fullmatch(n)]
    if (
        spec.naming == "layered"
        and not spec.shared_bias
        and layer_biases
        and set(seed_like) <= set(layer_biases)
    ):
        hints.append("--shared-bias")
    elif spec.naming == "layered" and seed_like:
        hints.append("--naming seed")
    elif spec.naming == "seed" and any(_LAYERED.fullmatch(n) for n in names):
        hints.append("--naming layered")
    sizes = list(spec.sizes)
    for name in names:
        m = _LAYERED.fullmatch(name)
        if not m:
            continue
        w_l, w_i, w_j, l, i, x, y = (int(g) if g else 0 for g in m.groups())
        for layer, width in ((w_l, w_i), (w_l - 1, w_j), (l, i), (0, x), (len(sizes) - 1, y)):
            if 0 < layer or width:
                sizes += [1] * (layer + 1 - len(sizes))
                sizes[layer] = max(sizes[layer], width)
    if sizes != list(spec.sizes):
        hints.insert(0, "--net " + "-".join(map(str, sizes)))
    if not hints and len(unknown) == 1:
        return None
    shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    line = (
        f"{len(unknown)} statement{'s use' if len(unknown) > 1 else ' uses'} names the "
        f"{spec.arch} {spec.naming} network does not have ({shown})"
    )
    fix = (
        f"these names fit {' '.join(hints)}"
        if hints
        else "use the network's names (symprop derive shows them) or declare aliases"
    )
    others = [p for p in problems if not unknown_names_in(p)]
    return [line, *others], fix
