"""Unification of a document's formula with the network's forward equations (for `binding`).

`Layers` gives the forms each quantity of the network takes (z = W a + b with hidden activations
as their symbols, a = f(z) and f written out, the loss), the kind of each symbol, and which
layers the document pins (names one of its units by a name of its own); `unify` yields every
binding of the variables that makes a pattern equal a form, structurally (sums and products in
any order, a square of (u) matching a square of (-u), a bias the author left out of a sum);
`choose` takes the one solution, or the first of several that differ only in the numbering of
units of layers nothing pins. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import sympy as sp
from sympy.core.function import AppliedUndef

from .. import functions as fn
from ..functions import expand_definitions

MAX_STEPS = 20_000  # unification steps per pattern and form; past it: no solution (never a guess)
_UNIT = re.compile(r"([a-zA-Z]+?)(\d+)_(\d+)(?:_(\d+))?")
_TARGETS = {"T", "t", "target", "Target", "Y"}
TARGET_WORDS = frozenset({"true", "actual", "target", "desired"})  # y_{true}: the target by its word
# letters books give weights and biases of a layer of their own (Alpaydin's v_h, Goodfellow's c,
# notes' u_{jk}, ESL's \alpha_{ml}, \beta_{km}): of whichever kind the form they unify with says,
# never a guess (`choose` refuses two solutions that bind them to different kinds)
GENERIC_CALLS = frozenset({"f", "g", "h", "varphi", "phi"})  # name_calls.GENERIC
FREE_LETTERS = frozenset({"u", "v", "V", "U", "c", "alpha", "beta", "gamma"})


def target_word(name: str) -> bool:
    """A name that says it is the target in a word: actual, y_{true}, y_{\\text{actual}},
    y_{target} (the word alone, or as a letter's subscript)."""
    base, _, sub = name.partition("_")
    return name in TARGET_WORDS or (len(base) == 1 and sub.removeprefix("rm_") in TARGET_WORDS)


def kind_of_name(name: str) -> str:
    """The kind a written name can be: 'weight' (w, W, Theta), 'bias' (b), 'target', 'unit'."""
    if target_word(name):
        return "target"
    base = name.split("_")[0]
    if base in ("w", "W", "Theta", "theta") and name.partition("_")[2] == "0":
        return "bias"  # \theta_0 + \theta_1 h_1 + ...: the weight on x_0 = 1, the intercept
    if base in ("w", "W", "Theta", "theta"):
        return "weight"
    if base in ("b", "B"):
        return "bias"
    if name in _TARGETS or base in ("target", "t", "T"):
        return "target"
    return "unit"


class Layers:
    def __init__(self, d):
        self.d = d
        self.depth = d.spec.depth
        self.params = set(d.params)
        self.targets = set(d.targets)
        forward = list(d.of_kind("forward"))
        self.hidden = {
            eq.rhs: eq.lhs for eq in forward if eq.layer < self.depth and not eq.lhs.name.startswith("z")
        }
        self.z_def = {eq.lhs: eq.rhs.xreplace(self.hidden) for eq in forward if eq.lhs.name.startswith("z")}
        self.a_def = {eq.lhs: eq.rhs for eq in forward if not eq.lhs.name.startswith("z")}
        self.pinned: set[int] = set()

    # kinds and layers ----------------------------------------------------------------------
    def kind(self, s: sp.Basic) -> str:
        if s in self.params:
            return "bias" if s.name.startswith("b") else "weight"
        if s in self.targets:
            return "target"
        return "unit"

    def indices(self, s: sp.Basic) -> list[tuple[int, int]]:
        """(layer, unit) of each unit index of a network symbol (W2_1_3: (2, 1), (1, 3))."""
        name = getattr(s, "name", "")
        m = _UNIT.fullmatch(name)
        if m:
            base, lay, i, j = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
            if base == "W" and j is not None:
                return [(lay, i), (lay - 1, int(j))]
            return [(lay, i)]
        m = re.fullmatch(r"x(\d+)", name)
        return [(0, int(m.group(1)))] if m else []

    def unit_layer(self, s: sp.Basic) -> tuple[int | None, str]:
        """The layer of an activation (a, x) or pre-activation (z) symbol, and which ('a', 'z')."""
        name = getattr(s, "name", "")
        m = re.fullmatch(r"([az])(\d+)_\d+", name)
        if m:
            return int(m.group(2)), m.group(1)
        return (0, "a") if re.fullmatch(r"x\d+", name) else (None, "")

    def pin(self, value: sp.Basic) -> None:
        for s in value.free_symbols:
            self.pinned |= {lay for lay, _ in self.indices(s)}

    def blank(self, s: sp.Basic) -> str:
        """The symbol with the units of unpinned layers below the output blanked out."""
        name = getattr(s, "name", str(s))
        idx = self.indices(s)
        if not idx or all(lay in self.pinned or lay >= self.depth for lay, _ in idx):
            return name
        return (
            name.rstrip("0123456789_")
            + "/"
            + ",".join("*" if lay not in self.pinned and lay < self.depth else str(u) for lay, u in idx)
        )

    # forms ---------------------------------------------------------------------------------
    def forms(self, q: sp.Expr) -> list[sp.Expr]:
        if q == self.d.loss_symbol:
            rhs = self.d["L"].rhs.xreplace(self.hidden)
            return _distinct([rhs, expand_definitions(rhs)])
        if q in self.z_def:
            return [self.z_def[q]]
        if q in self.a_def:
            fz = self.a_def[q]
            if isinstance(fz, fn.softmax):
                return [expand_definitions(fz)]
            z = fz.args[0]
            opened = fz.xreplace({z: self.z_def.get(z, z)})
            return _distinct([fz, expand_definitions(fz), opened, expand_definitions(opened)])
        return [q]

    def candidates(self, left: sp.Expr | None, kind: str) -> list[tuple[sp.Expr, list[sp.Expr]]]:
        """(quantity, its forms): the known left side's, or every quantity's of that kind."""
        if left is not None:
            return [(left, self.forms(left))]
        if kind != "unit":
            return []
        quantities = [*self.z_def, *self.a_def, self.d.loss_symbol]
        return [(q, self.forms(q)) for q in quantities]


def _distinct(forms: list) -> list:
    out: list = []
    for f in forms:
        if f not in out:
            out.append(f)
    return out


def unify(pattern: sp.Expr, form: sp.Expr, variables: set[str], taken: set) -> Iterator[dict]:
    """Every {variable name: network symbol} making `pattern` equal `form` (see the module's doc);
    a variable takes a symbol of its kind that no other name holds."""
    steps = [0]
    seen: set = set()
    for env in _unify(pattern, form, {}, variables, taken, steps):
        key = frozenset(env.items())
        if key not in seen:
            seen.add(key)
            yield env


def unify_terms(pattern: sp.Expr, form: sp.Expr, variables: set[str], taken: set) -> Iterator[dict]:
    """A sum whose terms with variables each match a term of the form sum, the rest (terms of
    known names only: a wrong bias, a wrong unit) left to the check of the definition."""
    names = {sp.Symbol(v) for v in variables}
    terms = [a for a in sp.Add.make_args(pattern) if a.free_symbols & names]
    if not isinstance(pattern, sp.Add) or not isinstance(form, sp.Add) or len(terms) == len(pattern.args):
        return
    steps = [0]
    seen: set = set()
    for env in _commutative(terms, list(form.args), {}, variables, taken, steps, True, True):
        key = frozenset(env.items())
        if key not in seen:
            seen.add(key)
            yield env


def _unify(p, t, env: dict, variables: set[str], taken: set, steps: list) -> Iterator[dict]:
    steps[0] += 1
    if steps[0] > MAX_STEPS:
        return
    if isinstance(p, sp.Symbol) and p.name in variables:
        if p.name in env:
            if env[p.name] == t:
                yield env
            return
        if (
            isinstance(t, sp.Symbol)
            and t not in taken
            and t not in env.values()
            and (kind_of_name(p.name) == _kind(t) or p.name.split("_")[0] in FREE_LETTERS)
        ):
            yield {**env, p.name: t}
        return
    if not p.free_symbols & {sp.Symbol(v) for v in variables}:
        if p == t:
            yield env
        return
    if _threshold(p, variables) and isinstance(t, sp.Symbol) and _kind(t) == "bias":
        name = p.args[1].name  # net = Σ w a - θ: θ is the bias negated (a threshold)
        if name in env:
            if env[name] == -t:
                yield env
        elif t not in taken and -t not in env.values():
            yield {**env, name: -t}
        return
    if isinstance(p, sp.Pow) and isinstance(t, sp.Pow) and p.exp == t.exp and p.exp.is_even:
        yield from _unify(p.base, t.base, env, variables, taken, steps)
        yield from _unify(sp.expand(-p.base), t.base, env, variables, taken, steps)
        return
    if _generic_call(p, t):  # h_1 = f(w_1x_1 + w_2x_2 + b_1): f the activation of that layer
        yield from _unify(p.args[0], t.args[0], env, variables, taken, steps)
        return
    if p.func != t.func or (not p.args) or (not t.args):
        return
    if isinstance(p, (sp.Add, sp.Mul)):
        spare = len(t.args) - len(p.args)  # form terms no pattern term can take: biases only
        if spare < 0 or (spare and not isinstance(p, sp.Add)):
            return
        if spare > sum(_kind(a) == "bias" for a in t.args):
            return
        yield from _commutative(
            list(p.args), list(t.args), env, variables, taken, steps, isinstance(p, sp.Add)
        )
        return
    if len(p.args) != len(t.args):
        return
    yield from _in_order(list(p.args), list(t.args), env, variables, taken, steps)


def _generic_call(p: sp.Basic, t: sp.Basic) -> bool:
    """A call of a generic function letter (f, g, h, φ: not defined as a network function) where the
    form applies the layer's activation to one argument: the letter stands for that activation, as
    `name_calls` reads it in a statement (Zhou's h_1 = f(w_1x_1 + w_2x_2 + b_1), f the sigmoid)."""
    return (
        isinstance(p, AppliedUndef)
        and p.func.__name__ in GENERIC_CALLS
        and len(p.args) == 1
        and isinstance(t, (fn.Activation, sp.tanh))
        and len(t.args) == 1
    )


def _threshold(p: sp.Basic, variables: set[str]) -> bool:
    """-θ, a variable with a minus sign as a term of its own: in a net input it can only be a
    threshold, the bias negated (Zhou's f(β_j - θ_j), a perceptron's Σ w x - θ)."""
    return (
        isinstance(p, sp.Mul)
        and len(p.args) == 2
        and p.args[0] == -1
        and isinstance(p.args[1], sp.Symbol)
        and p.args[1].name in variables
        and kind_of_name(p.args[1].name) != "target"
    )


def _in_order(ps, ts, env, variables, taken, steps) -> Iterator[dict]:
    if not ps:
        yield env
        return
    for e in _unify(ps[0], ts[0], env, variables, taken, steps):
        yield from _in_order(ps[1:], ts[1:], e, variables, taken, steps)


def _commutative(ps, ts, env, variables, taken, steps, is_sum: bool, loose: bool = False) -> Iterator[dict]:
    """Each pattern term to a distinct form term; in a sum, form terms left over may only be
    biases (the author left the bias out), or anything when `loose`."""
    if not ps:
        if not ts or loose or (is_sum and all(_kind(t) == "bias" for t in ts)):
            yield env
        return
    for k, t in enumerate(ts):
        for e in _unify(ps[0], t, env, variables, taken, steps):
            yield from _commutative(ps[1:], ts[:k] + ts[k + 1 :], e, variables, taken, steps, is_sum, loose)


def _kind(t: sp.Basic) -> str:
    name = getattr(t, "name", "")
    if re.fullmatch(r"W\d+_\d+_\d+|w\w*", name):
        return "weight"
    if re.fullmatch(r"b\d+(?:_\d+)?|b_?\w*", name):
        return "bias"
    if re.fullmatch(r"y\d*", name):
        return "target"
    return "unit"


_INDEX_NAME = re.compile(r"[A-Za-z]+_[a-z]")  # z_j, a_j: one letter for a unit of any number


def choose(solutions: list[dict], layers: Layers) -> dict | None:
    """The one solution; of several that differ only in the units of unpinned layers, the one
    taking units in the document's numbering; else None."""
    distinct = []
    for env in solutions:
        if env not in distinct:
            distinct.append(env)
    if len(distinct) == 1:
        return distinct[0]
    if not distinct or any(set(e) != set(distinct[0]) for e in distinct):
        return None
    if any(_INDEX_NAME.fullmatch(str(n)) for n in distinct[0]):
        return None  # z_j = tanh(a_j): a name in an index letter is every unit, never the first
    shapes = {tuple(sorted((n, layers.blank(v)) for n, v in e.items())) for e in distinct}
    if len(shapes) != 1:
        return None
    order = sorted(distinct[0], key=_natural)
    return min(distinct, key=lambda e: [_natural(e[n].name) for n in order])


def _natural(name: str) -> tuple:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name))
