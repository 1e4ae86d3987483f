"""Letter roles (Bishop, PRML sec. 5.3): names without a layer whose index letter says the layer.

i, j, k are units of three consecutive layers, k the output: in a 2-layer network i an input, j a
hidden unit, k an output. Bishop writes a_j for the pre-activation and z_j = h(a_j) for the
activation; the document's own definition X_j = h(Y_j) says which letter is which, and only a
document that has one is read this way. y_k is then the output and t_k the target; a sum over i
starts at 0, where w_{j0} is the bias and z_0 = 1; a weight between layers that are not
consecutive (w_{jk} with k above j) is a connection the feed-forward network does not have: 0.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef

from .summed_layers import adjacent, fits

_ROLE = re.compile(r"([A-Za-z]+)_([hijklℓo]),?([hijklℓo])?")  # l as \ell where letters name any layer
_UNIT = re.compile(r"([A-Za-z]+)_([ijk])")
_HAT = re.compile(r"(?:y_?hat|hat_?y)_([ijk])")
_MIXED = re.compile(r"w_(?:(\d)([hijk])|([hijk])(\d))")  # w_{1j}: a sum over k written out
NO_WEIGHT = "it would join no two consecutive layers"  # a weight `Roles.name` reads as 0
LAYER = "λ"  # the layer variable of a document whose letters name units of any layer (Wikipedia)


def role_bases(statements) -> tuple[str, str, bool, str] | None:
    """(pre-activation base, activation base, any layer) when a statement defines X_j = h(Y_j)
    (Bishop: fixed layers), or when the document writes o_j and net_j (Wikipedia: j a unit of
    any layer, i one of the layer before, ℓ one of the layer after)."""
    names = {s.name for stmt in statements for s in symbols_of(stmt)}
    if {"o_j", "net_j"} <= names:
        return "net", "o", True, "k"
    # a target of unit j (d_j, t_j outside Bishop's letters): j is a unit of any layer (Haykin)
    any_layer = bool({"d_j", "t_j"} & names)
    for stmt in statements:
        if not isinstance(stmt.lhs, sp.Symbol) or not stmt.sides or len(stmt.sides[0].factors) != 1:
            continue
        f = stmt.sides[0].factors[0]
        if isinstance(f, AppliedUndef) and len(f.args) == 1 and isinstance(f.args[0], sp.Symbol):
            arg = f.args[0]
        elif isinstance(f, sp.Expr) and len(f.free_symbols) == 1 and f.has(sp.exp):  # 1/(1+e^{-x_j})
            arg = next(iter(f.free_symbols))
        else:
            continue
        act, pre = _UNIT.fullmatch(stmt.lhs.name), _UNIT.fullmatch(arg.name)
        if act and pre and act.group(2) == pre.group(2) == "i" and act.group(1) != pre.group(1):
            # an activation in i is not Bishop's (i is his input, which no h activates): Sadowski's
            # y_i = 1/(1 + e^{-s_i}) beside the target t_i writes the letters the other way round
            if reversed_letters(names, statements, pre.group(1)):
                return pre.group(1), act.group(1), False, "i"
            continue
        if act and pre and act.group(2) == pre.group(2) and act.group(1) != pre.group(1):
            # the output's letter: k (Bishop), or j when the document sums w_{ij} into X_j and
            # writes no k (a Q&A post about the output layer: o_j = softmax(z_j))
            # (then j is the output layer's letter, not a unit of any layer, t_j or not)
            ws = _weighted_sum(statements)
            if ws and ws[:2] == (pre.group(1), act.group(1)):
                return ws
            return pre.group(1), act.group(1), any_layer, "k"
    return _weighted_sum(statements) or _derivative_roles(statements, any_layer)


def reversed_letters(names: set[str], statements, pre: str) -> bool:
    r"""i the output, j the layer below it, k the one below that (Sadowski's notes: y_i, t_i,
    s_i = \sum_j h_j w_{ji} into i from j, x_k the input): a target written in i and in no other
    letter, the net input of i summed over j, and no sum into j over another letter than k."""
    targets = {m.group(1) for n in names if (m := re.fullmatch(r"[td]_([a-z])", n))}
    sums = {(unit, a.args[1].name) for unit, a in _forward_sums(statements, pre)}
    return targets == {"i"} and ("i", "j") in sums and sums <= {("i", "j"), ("j", "k")}


def _derivative_roles(statements, any_layer: bool) -> tuple[str, str, bool, str] | None:
    r"""(pre, act, any layer, 'k') when no definition says it but a derivative does: a statement
    dX_j/dY_j = h'(Y_j) (or h'(Y), the index dropped) makes X the activation of the net input Y,
    as Bishop's letters are used in notes that leave the definitions to the textbook."""
    for stmt in statements:
        lhs = getattr(stmt, "lhs", None)
        num, den = getattr(lhs, "num", None), getattr(lhs, "den", None)
        if not (isinstance(num, sp.Symbol) and isinstance(den, sp.Symbol)) or not stmt.sides:
            continue
        act, pre = _UNIT.fullmatch(num.name), _UNIT.fullmatch(den.name)
        if not (act and pre and act.group(2) == pre.group(2) != "i" and act.group(1) != pre.group(1)):
            continue
        for side in stmt.sides:
            for f in side.factors:
                if (
                    isinstance(f, AppliedUndef)
                    and f.func.__name__.endswith("_prime")
                    and len(f.args) == 1
                    and isinstance(f.args[0], sp.Symbol)
                    and f.args[0].name in (den.name, pre.group(1))
                ):
                    return pre.group(1), act.group(1), any_layer, "k"
    return None


def _weighted_sum(statements) -> tuple[str, str, bool, str] | None:
    r"""(pre, act, False, 'j') when a statement defines X_j = \sum_i w_{ij} A_i (+ a bias) and no
    weight has a k: X_j the net input and A_i the output of a neuron, j one of the output layer
    and i one of the layer below (o_j, z_j of a Q&A post about the output layer)."""
    if any(re.fullmatch(r"w_\w*k\w*", s.name) for stmt in statements for s in symbols_of(stmt)):
        return None
    for stmt in statements:
        pre = _UNIT.fullmatch(stmt.lhs.name) if isinstance(stmt.lhs, sp.Symbol) else None
        if pre is None or pre.group(2) != "j":
            continue
        for side in stmt.sides:  # the side itself a sum (+ a bias): not one under σ(...)
            for f in side.factors:
                for a in (f.args if isinstance(f, sp.Add) else (f,)) if isinstance(f, sp.Basic) else ():
                    if type(a).__name__ != "Summation" or a.args[1].name != "i":
                        continue
                    names = {x.name for x in a.args[0].atoms(sp.Symbol)}
                    acts = {m.group(1) for n in names if (m := _UNIT.fullmatch(n)) and m.group(2) == "i"}
                    if names & {"w_ij", "w_ji"} and acts - {pre.group(1), "w"}:
                        return pre.group(1), sorted(acts - {pre.group(1), "w"})[0], False, "j"
    return None


_NOT_WEIGHTS = {"w", "W", "delta", "Delta", "t", "d", "x", "y", "z", "a", "o", "net", "in", "b", "h"}


def layer_weights(statements, pre: str) -> dict[str, str]:
    r"""Weight letters other than w, each the weight into the one unit letter its definition sums
    it into: net_j = \sum_i v_{ji} z_i (Zurada's v, the hidden layer's weight beside w_{kj} into
    the output) -> {'v': 'j'}; a letter summed into two unit letters is left out."""
    found: dict[str, set[str]] = {}
    for unit, a in _forward_sums(statements, pre):
        pair = {unit + a.args[1].name, a.args[1].name + unit}
        for x in a.args[0].atoms(sp.Symbol):
            base, _, sub = x.name.partition("_")
            if sub in pair and base not in _NOT_WEIGHTS and base != pre:
                found.setdefault(base, set()).add(unit)
    return {b: next(iter(us)) for b, us in found.items() if len(us) == 1}


def summed_activations(
    statements, pre: str, act: str, weights: frozenset[str] = frozenset()
) -> frozenset[str]:
    r"""Bases B of a forward sum defining a net input, net_k = \sum_j w_{kj} B_j: the outputs of
    the layer below in a letter of their own (Duda, Hart & Stork: y_j a hidden unit's output, z_k
    an output unit's, beside z_k = f(net_k)); `weights`, other letters of a weight (Zurada's v)."""
    out: set[str] = set()
    for unit, a in _forward_sums(statements, pre):
        var, names = a.args[1].name, {x.name for x in a.args[0].atoms(sp.Symbol)}
        pairs = (unit + var, var + unit)
        if names & {f"{w}_{p}" for w in {"w", *weights} for p in pairs}:
            out |= {u.group(1) for n in names if (u := _UNIT.fullmatch(n)) and u.group(2) == var}
    return frozenset(out - {act, pre, "w", "delta", "t", "d", *weights})


def _forward_sums(statements, pre: str):
    r"""(unit letter, sum) of each sum over a letter in a definition of a net input pre_u
    (net_j = \sum_i v_{ji} z_i: ('j', the sum))."""
    for stmt in statements:
        lhs = getattr(stmt, "lhs", None)
        m = _UNIT.fullmatch(lhs.name) if isinstance(lhs, sp.Symbol) else None
        if not m or m.group(1) != pre:
            continue
        for f in (f for side in stmt.sides for f in side.factors if isinstance(f, sp.Basic)):
            for a in sp.preorder_traversal(f):
                if type(a).__name__ == "Summation" and isinstance(a.args[1], sp.Symbol):
                    yield m.group(2), a


def symbols_of(stmt) -> set:
    out: set = set()
    for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
        for e in [obj.num, obj.den] if hasattr(obj, "num") else [obj] if isinstance(obj, sp.Basic) else []:
            out |= e.atoms(sp.Symbol)
    return out


class Roles:
    def __init__(
        self,
        pre: str,
        act: str,
        depth: int,
        any_layer: bool = False,
        transposed: bool = False,
        targets: str = "y",
        top: str = "k",
        after: frozenset[str] = frozenset(),
        defined: frozenset[str] = frozenset(),
    ):
        self.pre, self.act, self.depth = pre, act, depth
        self.any_layer, self.transposed, self.targets = any_layer, transposed, targets
        # the letter of the output layer: k (Bishop: i, j, k), or j (i the layer below, k beside j)
        self.fixed = (
            {"k": depth, "j": depth - 1, "i": depth - 2}
            if top == "k"
            else {"i": depth, "j": depth - 1, "k": depth - 2}  # reversed_letters
            if top == "i"
            else {"j": depth, "k": depth, "i": depth - 1}
        )
        if depth == 2 and not any_layer:  # one hidden layer: h a hidden unit, o an output (Kröse's y_h, δ_o)
            self.fixed = {"h": 1, "o": 2, **self.fixed}
        self.after, self.defined = after, defined - {pre, act}
        self.y_target = False  # y_k the target: a document with no other target letter
        self.output_only: frozenset[str] = frozenset()  # defined from a target: outputs only
        self.below: frozenset[str] = frozenset()  # y of net_k = \sum_j w_{kj} y_j (summed_activations)
        self.weights: dict[str, str] = {}  # v -> j: a weight letter into unit letter j's layer only

    def _target(self, name: str) -> str:
        r"""\hat{y}_k as t_k when \hat{y} is the target (targets = 'hat'), else as hat_k (the
        output); any other name as is."""
        m = _HAT.fullmatch(name)
        return name if not m else f"t_{m.group(1)}" if self.targets == "hat" else f"hat_{m.group(1)}"

    def _mixed_weight(self, m: re.Match, env: dict) -> str | None:
        r"""w_{1j}, w_{k2}: one index a unit number, the other a letter (Bishop's \sum_k w_{kj}
        written out term by term); the letter's layer gives the digit's, the layer beside it."""
        first, second = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        digit_first = first.isdigit()
        letter = second if digit_first else first
        lay, unit = self.layer_of(letter, env), env[letter]
        to_first = not self.transposed  # w_{ji}: into j from i, unless stored input-by-output
        digit_is_to = digit_first == to_first
        n = lay + 1 if digit_is_to else lay
        if not 1 <= n <= self.depth or unit < 1:
            return None
        values = (int(first), unit) if digit_first else (unit, int(second))
        to, frm = values if to_first else values[::-1]
        if frm == 0:
            return f"b_{n},{to}"
        return f"W_{n},{values[0]},{values[1]}"

    def summed(self, body: sp.Expr, var: str) -> int | None:
        """The layer of a sum's letter with no role of its own (Bishop's \\sum_l w_{lj}
        \\partial y_k / \\partial a_l, eq. 8.30): the layer its weight joins to a letter with one, above
        it when the weight feeds the summed unit; None when no weight says it, or it has a role."""
        if self.any_layer or var in self.fixed or var not in ("l", "h", "ℓ"):
            return None
        found = set()
        for s in body.atoms(sp.Symbol):
            m = re.fullmatch(r"w_([a-zℓ])([a-zℓ])", s.name)
            if m and var in m.groups() and m.group(1) != m.group(2):
                into, other = (m.group(1) == var) != self.transposed, m.group(2 if m.group(1) == var else 1)
                if other in self.fixed:
                    found.add(self.fixed[other] + (1 if into else -1))
        inputs, n = frozenset({self.pre, "delta", "b"}), min(found, default=-1)  # no input unit's names
        ok = len(found) == 1 and 0 <= n <= self.depth and fits(body, var, n, self.depth, inputs)
        return n if ok else adjacent(body, var, self.fixed, self.depth, inputs) if found else None

    def within(self, var: str, layer: int, expand):
        """`expand()` with the sum's letter `var` read in `layer` (`summed`), and then not."""
        fixed, self.fixed = self.fixed, {**self.fixed, var: layer}
        try:
            return expand()
        finally:
            self.fixed = fixed

    def layer_of(self, letter: str, env: dict) -> int:
        if not self.any_layer:
            return self.fixed[letter]
        lam = env[LAYER]
        if letter in self.after:
            return lam + 1
        return {"j": lam, "h": lam, "i": lam - 1, "k": lam - 1, "ℓ": lam + 1, "l": lam + 1}[letter]

    def letters(self, name: str) -> set[str]:
        """The index letters of a role name (empty for any other name); the layer variable too
        when letters name units of any layer."""
        mixed = _MIXED.fullmatch(name)
        if mixed:
            letter = mixed.group(2) or mixed.group(3)
            return {letter} | ({LAYER} if self.any_layer else set())
        name = self._target(name)
        m = _ROLE.fullmatch(name)
        bases = (
            self.pre,
            self.act,
            "w",
            "b",
            "delta",
            "y",
            "t",
            "x",
            "hat",
            "Loss",
            self.targets,
            *self.defined,
            *self.below,
            *self.weights,
        )
        if not m or m.group(1) not in bases:
            return set()
        if not self.any_layer and {"ℓ", "l", "h"} & set(m.groups()[1:]) - set(self.fixed):
            return set()
        if "o" in m.groups()[1:] and "o" not in self.fixed:  # o a role only beside one hidden layer
            return set()
        return {c for c in m.groups()[1:] if c} | ({LAYER} if self.any_layer else set())

    def name(self, name: str, env: dict) -> str | None:
        """The network's raw name for a role name at the index values in env; None when it names
        nothing (a letter without a value, a layer out of the network)."""
        if not self.letters(name) or any(c not in env for c in self.letters(name)):
            return None
        mixed = _MIXED.fullmatch(name)
        if mixed:
            return self._mixed_weight(mixed, env)
        m = _ROLE.fullmatch(self._target(name))
        if not m:
            return None
        base, p, q = m.groups()
        if base in self.weights:  # v_{ji}: read as w_{ji}, and only into the layer its definition says
            into = self.layer_of(self.weights[base], env)
            read = self.name(f"w_{p}{q or ''}", env)
            return read if read in (None, "0") or read.startswith((f"W_{into},", f"b_{into},")) else "0"
        if base == "w" and q is not None and self.transposed:  # w_{ij}: from i into j
            n, u = self.layer_of(q, env), env[q]
            if u < 1:
                return None
            if self.layer_of(p, env) != n - 1 or not 1 <= n <= self.depth:
                return "0"
            return f"W_{n},{env[p]},{u}" if env[p] else f"b_{n},{u}"  # read back by --weights
        n, u = self.layer_of(p, env), env[p]
        if base == "w":  # w_{j0}: the bias, on a unit z_0 = 1
            if q is None or u < 1:
                return None
            if self.layer_of(q, env) != n - 1 or not 1 <= n <= self.depth:
                return "0"  # w_{jk}, k above j: no such connection in a feed-forward network
            return f"W_{n},{u},{env[q]}" if env[q] else f"b_{n},{u}"
        if base == self.act and u == 0 and n < self.depth:
            return "1"
        if base == "Loss":  # Russell & Norvig's Loss_k: the loss's terms in output k
            return f"Loss_{u}" if q is None and n == self.depth else None
        if base in self.defined:  # the document's own quantity of unit u (e_j, Err_k)
            if base in self.output_only and n != self.depth:
                return None
            return f"{base}_{n},{u}" if q is None and n >= 1 and u >= 1 else None
        if base == "x" and q is not None and self.any_layer and base != self.pre:
            # Mitchell's x_{ji}: the input to unit j from unit i, i's output
            n, u = self.layer_of(q, env), env[q]
            if self.layer_of(p, env) != n + 1:
                return None
            return f"x_{u}" if n == 0 else f"a_{n},{u}" if n >= 1 else None
        if q is not None:
            return None
        if base in self.below and n < self.depth:  # y_j summed into net_k: the output of unit j
            return "1" if u == 0 else f"x_{u}" if n == 0 else f"a_{n},{u}"
        if base == self.pre:
            return f"z_{n},{u}" if n >= 1 else None
        if base == self.act:
            return f"x_{u}" if n == 0 else f"a_{n},{u}" if n >= 1 else None
        if base == "delta":
            return f"delta_{n},{u}" if n >= 1 else None
        if base == "b":  # b_j: the bias of unit j (lone_bias.py writes z_j = ... + b as b_j)
            return f"b_{n},{u}" if n >= 1 else None
        if base == "hat":  # \hat{y}_k, the output (targets = 'hat' reads it as the target: t_k)
            return f"a_{n},{u}" if n == self.depth else None
        if base == "y" and self.y_target:  # Russell & Norvig: y the target, a the output
            return f"y_{u}" if n == self.depth else None
        if base == "y":
            return f"a_{n},{u}" if n == self.depth else None
        if base in ("t", self.targets):
            return f"{self.targets}_{u}" if n == self.depth else None
        fixed = base == "x" and not self.any_layer and 0 < n < self.depth  # x_j, j hidden: input j
        return f"x_{u}" if n == 0 or fixed and u >= 1 else None
