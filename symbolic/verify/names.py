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
from ..errors import SympropError
from ..latex.loss_calls import loss_kind
from .conventions import Conventions, constant_one, output_index, target_name
from .display import display_names
from .hints import shown
from .name_calls import Calls
from .units import role_unit
from .unknown import unknown_message

# raw function names a parser produces -> how to read them
PRIMES = {"sigma_prime", "g_prime", "f_prime", "h_prime", "relu_prime", "sigmoid_prime", "tanh_prime"}
OUTPUT_NAMES = {"out", "output", "Out", "Output", "y_hat", "yhat", "hat_y", "a_L", "a_out"}
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
    "C_0",  # 3Blue1Brown: the cost of one training example (example 0)
    "E_d",
    "F_hat",  # Hagan, Demuth & Beale: \hat{F}, the performance index of one example
}
# E_{o1}, E_1, L_{o2}: the error of one output, the loss's terms in that output alone
_PER_OUTPUT = re.compile(r"(?:E|L|C|J|Loss)_(?:o|out|y)?(\d+)")


class UnknownName(SympropError):
    pass


class Resolver(Calls):
    """Raw parsed expressions -> expressions in the Derivation's symbols."""

    def __init__(self, d, aliases: dict | None = None, conventions: Conventions | None = None):
        self.d = d
        self.conventions = conventions or Conventions()
        self._alias_values: dict[sp.Basic, sp.Expr] = {}
        self.codes: dict[str, sp.Symbol] = {}
        for s, n in d.naming.names.items():
            gradient_symbol = n.code.startswith("d") and not n.code.startswith("delta")
            if isinstance(s, sp.Symbol) and not gradient_symbol and s is not d.eta:
                self.codes[n.code] = s
        self.aliases = dict(d.naming.aliases)
        self.user = dict(aliases or {})  # raw Symbol -> raw expression
        self.values: dict[sp.Basic, sp.Expr] = {}  # raw δ -> the value its author defined
        slopes = {a.params[0] for a in d.spec.activations if a.name == "leaky_relu" and a.params}
        if len(slopes) == 1:  # α of a leaky ReLU's cases (1 where z > 0, α otherwise): its slope
            self.values[sp.Symbol("alpha")] = slopes.pop()
        self.delta_sign = 1  # -1 in a document where δ = -∂E/∂net (verify/signs.py)
        self.rate = "eta"  # the learning rate's letter: alpha in W := W - α dW (rate_names.py)
        self.notes: dict[str, tuple[str, str]] = {}  # raw name -> why the document leaves it unknown
        self.per_output: set[str] = set()  # E_j the document makes output j's error (error_terms.py)
        self.z_layer: dict[sp.Symbol, int] = {}  # pre-activation symbol -> layer index
        self.top: dict[sp.Symbol, sp.Symbol] = {}  # output z -> output symbol
        self.hidden_a: dict[sp.Symbol, sp.Expr] = {}
        self.z_of: dict[sp.Expr, sp.Symbol] = {}  # a pre-activation's weighted sum -> its z
        for eq in d.of_kind("forward"):
            if eq.lhs.name.startswith("z"):
                self.z_layer[eq.lhs] = eq.layer
                self.z_of[sp.expand(eq.rhs)] = eq.lhs
            elif eq.layer == d.spec.depth:
                z = eq.rhs.args[-1] if isinstance(eq.rhs, fn.softmax) else eq.rhs.args[0]
                if not isinstance(eq.rhs, fn.softmax):
                    self.top[z] = eq.lhs
            else:
                self.hidden_a[eq.lhs] = eq.rhs
        back = {v: k for k, v in self.hidden_a.items()}  # g(\sum_i w_{ji} a_i) with a_i by name too
        self.z_of.update({sp.expand(k.xreplace(back)): z for k, z in list(self.z_of.items())})

    def with_values(self, values: dict) -> Resolver:
        """This resolver, reading the raw names in `values` (δs an author defined) as given."""
        if not values:
            return self
        other = copy.copy(self)
        other.values = dict(values)
        return other

    # names ----------------------------------------------------------------------------------
    def known(self) -> list[str]:
        return sorted(self.codes)

    def lookup(self, name: str, conventions: bool = True) -> sp.Expr | None:
        """A raw name -> the network's symbol (or the constant 1 of a bias input), else None;
        read by the document's conventions unless `conventions` is False (an alias's value)."""
        d = self.d
        c = self.conventions if conventions else Conventions()
        k = output_index(name, c.targets)
        if k is not None:
            return (
                d.outputs[k - 1]
                if 1 <= k <= len(d.outputs)
                else d.outputs[0]
                if len(d.outputs) == 1
                else None
            )
        name = target_name(name, c.targets) or name
        if constant_one(name):
            return sp.Integer(1)
        for cand in _candidates(name, max(d.spec.sizes) < 10):
            cand = c.code(cand)
            if cand in self.codes:  # a δ of a document where δ = -∂E/∂net: the negated one
                return self.delta_sign * self.codes[cand] if cand.startswith("delta") else self.codes[cand]
            if cand in self.aliases:
                return self.aliases[cand]
        m = re.fullmatch(r"y_?(\d+)", name)
        if m and 1 <= int(m.group(1)) <= len(d.targets):  # y_1 of a net with one output: its y
            return d.targets[int(m.group(1)) - 1]
        if name in LOSS_NAMES or loss_kind(name):
            return d.loss_symbol
        m = _PER_OUTPUT.fullmatch(name)
        if m and 1 <= int(m.group(1)) <= len(d.outputs):
            return self.output_error(int(m.group(1)) - 1)
        if name in OUTPUT_NAMES and len(d.outputs) == 1:
            return d.outputs[0]
        delta = self._delta_of_alias(name)
        if delta is not None:
            return delta
        m = re.fullmatch(r"(?:out|output|y_hat|yhat)_?(\d+)", name)
        if m and 1 <= int(m.group(1)) <= len(d.outputs):
            return d.outputs[int(m.group(1)) - 1]
        role = role_unit(name, d.spec.sizes)  # net_{o1}, out_{h1}, target_{o1}, i_1 (units.py)
        return self.lookup(role, conventions=False) if role is not None else None

    def generic_alias(self, name: str) -> sp.Expr | None:
        """p_2 under the alias p_k = a_{2,k} (an alias in an index letter): a_{2,2}, raw;
        p_{y_i}, indexed by the class label: the product of p_k^{y_k} (the one-hot y picks one)."""
        label = re.fullmatch(r"([A-Za-z]+)_y[a-z]", name)
        if label:
            units = range(1, len(self.d.outputs) + 1)
            picked = [self.generic_alias(f"{label.group(1)}_{k}") for k in units]
            if all(p is not None for p in picked):
                return sp.Mul(*[p ** sp.Symbol(f"y_{k}") for p, k in zip(picked, units)])
            return None
        m = re.fullmatch(r"([A-Za-z][A-Za-z0-9]*(?:_tilde|_hat|_bar|_star)?)_(\d+)", name)  # h1_2 under h1_n
        if not m:
            return None
        for key, value in self.user.items():
            k = re.fullmatch(rf"{m.group(1)}_([a-z])", getattr(key, "name", ""))
            if k and isinstance(value, sp.Expr):
                letter = k.group(1)
                swap = {
                    v: sp.Symbol(re.sub(rf"(?<=[_,]){letter}(?![A-Za-z])", m.group(2), v.name))
                    for v in value.free_symbols
                }
                if any(new != old for old, new in swap.items()):
                    return value.xreplace(swap)
        return None

    def generic_letter(self, name: str) -> str | None:
        """The index letter of a name written like a generic alias's key (f_j beside f_k = ...)."""
        m = re.fullmatch(r"([A-Za-z][A-Za-z0-9]*(?:_tilde|_hat|_bar|_star)?)_([a-z])", name)  # \tilde{a}_i
        if not m:
            return None
        for key in self.user:
            if (
                re.fullmatch(rf"{m.group(1)}_[a-z]", getattr(key, "name", ""))
                and self.generic_alias(f"{m.group(1)}_1") is not None
            ):
                return m.group(2)
        return None

    def _delta_of_alias(self, name: str) -> sp.Expr | None:
        """\\delta_{h1} where the document aliases net_{h1} (or z_{h1}) to a z: the δ of that z."""
        m = re.fullmatch(r"delta_?(.+)", name)
        if not m:
            return None
        for key in (f"net_{m.group(1)}", f"z_{m.group(1)}"):
            s = sp.Symbol(key)
            if s in self.user and not re.fullmatch(r"[a-z]", m.group(1)):  # z_k = a_{2,k}: in a letter
                z = self._alias(s, "")
                code = next((c for c, v in self.codes.items() if v == z), "")
                if code.startswith("z"):
                    return self.codes.get("delta" + code[1:])
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
        return UnknownName(*unknown_message(self, names, where))

    # expressions -----------------------------------------------------------------------------
    def resolve(self, raw: sp.Expr, where: str = "") -> sp.Expr:
        """raw -> the same quantity in the Derivation's symbols and forward form."""
        expr = self._norms(self._user_aliases(raw, where))
        mapping, missing = {}, []
        for s in expr.free_symbols:
            if s in self.values:
                mapping[s] = self.values[s]
                continue
            if s in self.user:
                mapping[s] = self._alias(s, where)
                continue
            generic = self.generic_alias(s.name)
            if generic is not None:
                self.user[s] = generic
                mapping[s] = self._alias(s, where)
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

    def _norms(self, expr: sp.Expr) -> sp.Expr:
        """\\| y - h_{W,b}(x) \\| -> the root of its squares summed over the output units (y, t
        the target vector, h_{W,b}(x) the output vector)."""
        norms = [a for a in expr.atoms(AppliedUndef) if type(a).__name__ == "Norm"]
        for norm in norms:
            (v,) = norm.args
            squares = []
            for k in range(1, len(self.d.outputs) + 1):
                swap = {
                    s: sp.Symbol(f"out_{k}") for s in v.free_symbols if re.fullmatch(r"h_.*\(x\)", s.name)
                }
                swap.update({s: sp.Symbol(f"{s.name}_{k}") for s in v.free_symbols if s.name in ("y", "t")})
                squares.append(v.xreplace(swap) ** 2)
            expr = expr.xreplace({norm: sp.sqrt(sp.Add(*squares))})
        return expr

    def _user_aliases(self, raw, where):
        """Aliases of functions, applied once (aliases of names are resolved in `resolve`)."""
        functions = {k: v for k, v in self.user.items() if not isinstance(k, sp.Symbol)}
        return raw.xreplace(functions) if functions else raw

    def _alias(self, s: sp.Symbol, where: str) -> sp.Expr:
        """An alias's value in the network's names, applied once: its names are the network's
        own (t_1 -> y_1 is the target y_1, never read on by a convention or another alias)."""
        if s not in self._alias_values:
            value = self.user[s]
            aliased = sorted(x.name for x in value.free_symbols if x in self.user and x != s)
            if aliased:
                other = shown(aliased[0])
                raise SympropError(
                    f"{where}alias {shown(s.name)} = {other}: {other} is itself an alias",
                    "give each alias its value in the network's names (symprop derive shows them)",
                )
            mapping, missing = {}, []
            for x in value.free_symbols:
                target = self.lookup(x.name, conventions=False)
                if target is None:  # the network's name as a message lists it: W^{(1)}_{21}
                    target = display_names(self.d).get(x.name)
                if target is None:
                    missing.append(x.name)
                mapping[x] = target
            if missing:  # a letter's alias (z_k = z_{2,k}) outside an instance: the name as written
                raise self.unknown([s.name], where)
            self._alias_values[s] = value.xreplace(mapping)
        return self._alias_values[s]


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
