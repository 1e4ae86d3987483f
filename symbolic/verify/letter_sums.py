r"""A layer's forward sum written in index letters, once its left side is bound in a letter.

`z_k = \sum_{i} w_{ki}\tilde{a}_i + b_k` after `a_j = \exp(z_j) / \sum_t \exp(z_t)` bound z in a
letter to the softmax layer's net input (binding.generic): the forward equation of that layer,
z^{(l)}_k = \sum_i W^{(l)}_{ki} a^{(l-1)}_i + b^{(l)}_k, read term by term: the name outside the
sum, in the left side's letter, is the layer's bias (b_k -> b^{(l)}_k); inside the sum, the product
of a name in the two letters (the weight) and a name in the summed letter alone (the activation
of the layer below: \tilde{a}_i -> a^{(l-1)}_i, or the input x_i under the first layer). Bound as
aliases in an index letter, like binding's own (`p_k = a_{2,k}`), so any letter reads them (b_j).

The weight itself is not bound (a weight in two index letters with no layer is not a name the
resolver reads yet): the definition stays not checked; the other lines that write b_j or
\tilde{a}_i are judged. Never a guess: the left side must be a net input bound in a letter; the
right side exactly one \sum over one letter of two names plus one name; each name free (not the
network's, not aliased, not bound), of its kind (b for the bias, a weight letter w/W/Theta, a unit
name that is not a target), and its letters as said. Pure: statements and a Binding in, a Binding out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy as sp

from ..errors import SympropError
from ..functions import expand_definitions
from .binding import Binding, Source
from .conventions import Conventions
from .definitions import definitions, symbols_of
from .names import Resolver
from .own_names import swapped
from .roles import role_bases
from .unify import FREE_LETTERS, kind_of_name

_LETTER = re.compile(r"([A-Za-z]+(?:_tilde|_hat|_bar)?)_([a-z])")
_PAIR = re.compile(r"([A-Za-z]+)_([a-z])([a-z])")
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _net_input_layer(aliases: dict, base: str) -> int | None:
    """The layer l when the document's `base` in a letter is bound (or aliased) to z^{(l)} in
    that letter."""
    for key, value in aliases.items():
        k = _LETTER.fullmatch(getattr(key, "name", ""))
        v = re.fullmatch(r"z_(\d+),([a-z])", getattr(value, "name", ""))
        if k and v and k.group(1) == base and k.group(2) == v.group(2):
            return int(v.group(1))
    return None


def _one_unit(aliases: dict, lhs: sp.Basic) -> int | None:
    """The layer l when a bare name is bound to z^{(l)}_1 (u = z2_1): its sum is unit 1's."""
    m = re.fullmatch(r"z(\d+)_1", getattr(aliases.get(lhs), "name", ""))
    return int(m.group(1)) if m else None


def _split(rhs: sp.Expr) -> tuple[sp.Basic, sp.Symbol] | None:
    """(the \\sum, the lone name) of `\\sum ... + name`, else None."""
    if not isinstance(rhs, sp.Add) or len(rhs.args) != 2:
        return None
    sums = [a for a in rhs.args if type(a).__name__ == "Summation"]
    names = [a for a in rhs.args if isinstance(a, sp.Symbol)]
    if len(sums) != 1 or len(names) != 1:
        return None
    return sums[0], names[0]


@dataclass(frozen=True)
class Forward:
    """One forward sum in letters: z_k = \\sum_i w_{ki} \\tilde{a}_i + b_k of layer `layer`."""

    line: int
    layer: int
    letter: str  # k, the unit of the left side
    var: str  # i, the summed letter
    bias: str  # raw names
    weight: str
    below: str


def _of_kind(name: str, kind: str) -> bool:
    """A bias (b) or a weight (w, W) by its letter, or a letter of a layer's own (V_{kj}, c_k:
    unify.FREE_LETTERS) in that place of the forward sum."""
    return kind_of_name(name) == kind or name.split("_")[0] in FREE_LETTERS


def forward_sums(statements, aliases: dict) -> list[Forward]:
    r"""The definitions read as a layer's forward sum in letters (see the module's doc); in a document
    whose letters are roles (Bishop's j of a hidden unit and k of an output, roles.py) only the sums
    into one unit written without its index (u = \sum_j v_j h_j + c)."""
    try:
        defs = definitions(statements)
        roles = role_bases(statements) is not None
    except (TypeError, ValueError, AttributeError):
        return []
    out = []
    for df in defs:
        lhs = _LETTER.fullmatch(getattr(df.lhs, "name", ""))
        if lhs and roles:  # the letters' layers are their roles' (roles.py); a one-unit sum is not
            continue
        one = None if lhs else _one_unit(aliases, df.lhs)  # u = z2_1: \sum_j v_j h_j + c of unit 1
        parts = _split(df.rhs) if (lhs or one) and not df.implied else None
        layer = (_net_input_layer(aliases, lhs.group(1)) if lhs else one) if parts else None
        if parts is None or layer is None:
            continue
        letter = lhs.group(2) if lhs else ""
        total, bias = parts
        body, var = total.args[0], total.args[1]
        b = _LETTER.fullmatch(bias.name) if letter else re.fullmatch(r"([A-Za-z]+)()", bias.name)
        factors = body.args if isinstance(body, sp.Mul) else ()
        if b is None or b.group(2) != letter or not _of_kind(bias.name, "bias") or len(factors) != 2:
            continue
        if (
            not isinstance(var, sp.Symbol)
            or var.name == letter
            or not all(isinstance(f, sp.Symbol) for f in factors)
        ):
            continue
        if letter:
            weight = [
                f
                for f in factors
                if (m := _PAIR.fullmatch(f.name)) and {m.group(2), m.group(3)} == {letter, var.name}
            ]
        else:  # v_j into the one unit: a weight by its letter, beside a unit h_j
            weight = [f for f in factors if _LETTER.fullmatch(f.name) and _of_kind(f.name, "weight")]
        unit = [
            f
            for f in factors
            if (m := _LETTER.fullmatch(f.name)) and m.group(2) == var.name and f not in weight
        ]
        if len(weight) != 1 or len(unit) != 1 or not _of_kind(weight[0].name, "weight"):
            continue
        if kind_of_name(unit[0].name) != "unit":
            continue
        out.append(Forward(df.line, layer, letter, var.name, bias.name, weight[0].name, unit[0].name))
    return out


_PROBES = (-1.7, -0.4, 0.3, 1.1, 2.6)  # net inputs at which an activation row is compared


def activated(d, statements, aliases: dict) -> list[tuple[str, str, str, int]]:
    r"""(name, its value, shown, line) of each net input in a letter that a row applies the layer's
    activation to: `h_j = \max(0, u_j)` with h_j bound to a_{1,j} makes u_j z_{1,j}, when the row's
    formula of u_j is the layer's activation at every probe (never by the letter)."""
    try:
        defs = definitions(statements)
    except (TypeError, ValueError, AttributeError):
        return []
    out = []
    for df in defs:
        lhs = _LETTER.fullmatch(getattr(df.lhs, "name", ""))
        value = re.fullmatch(r"a_(\d+),([a-z])", getattr(aliases.get(df.lhs), "name", ""))
        if value is None and lhs is not None and lhs.group(1) == "y_hat":  # \hat{y}_k: the output's
            value = re.fullmatch(r"a_(\d+),([a-z])", f"a_{d.spec.depth},{lhs.group(2)}")
        if lhs is None or value is None or df.implied:
            continue
        args = list(df.rhs.free_symbols)
        arg = _LETTER.fullmatch(args[0].name) if len(args) == 1 else None
        if arg is None or not arg.group(2) == lhs.group(2) == value.group(2):
            continue
        n = int(value.group(1))
        rule = d.spec.activations[n - 1]
        if n > d.spec.depth or not rule.elementwise or not _same_activation(rule, df.rhs, args[0]):
            continue
        out.append(
            (args[0].name, f"z_{n},{arg.group(2)}", f"z⁽{str(n).translate(_SUP)}⁾_{arg.group(2)}", df.line)
        )
    return out


def _same_activation(rule, formula: sp.Expr, x: sp.Symbol) -> bool:
    z = sp.Symbol("z")
    try:
        truth = expand_definitions(rule(z))
        return all(
            abs(complex(sp.N(formula.xreplace({x: p}))) - complex(sp.N(truth.xreplace({z: p})))) < 1e-9
            for p in _PROBES
        )
    except (TypeError, ValueError, AttributeError):
        return False


def bind(d, statements, binding: Binding, explicit: dict | None, conventions: dict | None) -> Binding:
    """`binding` with the bias and the activation below of each forward sum in letters bound."""
    resolver = Resolver(d, dict(explicit or {}), Conventions.of(conventions))
    taken = {getattr(k, "name", "") for k in (*binding.aliases, *(explicit or {}))}

    def free(name: str) -> bool:
        if name in taken or name.rsplit("_", 1)[0] in lettered:  # o_i beside o_j = a_{2,j}
            return False
        try:
            return resolver.lookup(name) is None
        except SympropError:
            return False

    lettered = {  # the bases already read in a letter: another letter of them is not another layer's
        k.name.rsplit("_", 1)[0]
        for k, v in {**binding.aliases, **dict(explicit or {})}.items()
        if isinstance(k, sp.Symbol) and re.fullmatch(r"[A-Za-z]+_\d+,[a-z]", getattr(v, "name", ""))
    }
    aliases, sources = dict(binding.aliases), list(binding.sources)
    before = -1
    while len(sources) != before:  # h_j bound by a sum above reads u_j in h_j = \max(0, u_j), and on
        before = len(sources)
        merged = {**aliases, **dict(explicit or {})}
        found = activated(d, statements, merged)  # h_j = \max(0, u_j), h_j = a_{1,j}: u_j = z_{1,j}
        activated_names = {name for name, *_ in found}
        for f in forward_sums(statements, merged):
            layer, letter, var = f.layer, f.letter, f.var
            unit = letter or "1"  # the one unit of u = \sum_j v_j h_j + c
            found.append((f.bias, f"b_{layer},{unit}", f"b⁽{str(layer).translate(_SUP)}⁾_{unit}", f.line))
            if not free(f.below):  # the activation below aliased by the document: the bias alone
                pass
            elif layer > 1:
                below = f"a⁽{str(layer - 1).translate(_SUP)}⁾_{var}"
                found.append((f.below, f"a_{layer - 1},{var}", below, f.line))
            elif f.below != f"x_{var}":  # under the first layer: the input, the network's x
                found.append((f.below, f"x_{var}", f"x_{var}", f.line))
        for name, value, shown, line in found:
            # Bishop's a_j, the net input: the activation a is another letter's here (h_j = h(a_j))
            displaced = name in activated_names and name.split("_")[0] == "a" and name not in taken
            if not free(name) and not displaced:
                continue
            aliases[sp.Symbol(name)] = sp.Symbol(value)
            sources.append(Source(name, sp.Symbol(shown), line, "definition"))
            taken.add(name)
    if len(sources) == len(binding.sources):
        return binding
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases=aliases, sources=sources)


def _weight_indices(f: Forward) -> tuple[str, str, str] | None:
    r"""(letter, first index, second index) of a forward sum's weight as written: V_{kj} ->
    (V, k, j); v_j into the one unit of u = \sum_j v_j h_j + c -> (v, 1, j), the unit's index 1
    the document leaves out."""
    if f.letter:
        m = _PAIR.fullmatch(f.weight)
        return (m.group(1), m.group(2), m.group(3)) if m else None
    m = _LETTER.fullmatch(f.weight)
    return (m.group(1), "1", f.var) if m else None


def weights(d, statements, binding: Binding, explicit: dict | None, conventions: dict | None):
    """(statements, binding) with the weight of each forward sum in letters written with its layer
    (w_{ki} -> w^{(2)}_{ki}, read in its letters like any layered weight), when that is sure: its
    bias bound to that layer by `bind`, the weight free, its letters in the order of the weights'
    orientation (w_{ki} into k from i; w_{ik} when the document's weights are input-by-output),
    and the document writing no layered name itself (its layer numbering is then the network's)
    nor weights said to come out of their layer."""
    c = Conventions.of(conventions)
    said = (conventions or {}).get("weight_layers") or ()  # 'out-of', or (('W', 'out-of'), ...)
    out_of = said == "out-of" or any(isinstance(p, tuple) and "out-of" in p for p in said)
    if out_of or any("@" in n for n in symbols_of(statements)):
        return statements, binding
    resolver = Resolver(d, dict(explicit or {}), c)
    taken = {getattr(k, "name", "") for k in (*(explicit or {}),)}
    rename: dict[sp.Symbol, sp.Symbol] = {}
    sources = list(binding.sources)
    merged = {**binding.aliases, **dict(explicit or {})}
    for f in forward_sums(statements, merged):
        written = _weight_indices(f)
        base = f.bias.rsplit("_", 1)[0]  # b_k, or b_j = b_{2,j} in another letter: the same base
        said_bias = [v for k, v in merged.items() if getattr(k, "name", "").rsplit("_", 1)[0] == base]
        if written is None or written[0] not in ("w", "W", *FREE_LETTERS) or f.weight in taken:
            continue
        letter, first, second = written
        layers = {re.sub(r",(?:[a-z]|1)$", "", getattr(v, "name", "")) for v in said_bias}
        if layers != {f"b_{f.layer}"} or sp.Symbol(f.weight) in merged:
            continue
        unit = f.letter or "1"
        order = (f.var, unit) if c.weights == "input-by-output" else (unit, f.var)
        try:
            if (first, second) != order or resolver.lookup(f.weight) is not None:
                continue
        except SympropError:
            continue
        own = letter in ("w", "W") and bool(f.letter)  # w_{kj}: the network's letter, kept
        spelled = f.weight if own else f"W_{first}{second}"  # V_{kj}, v_j: W's
        rename[sp.Symbol(f.weight)] = sp.Symbol(f"{spelled}@{f.layer}")
        shown = f"{letter if own else 'W'}⁽{str(f.layer).translate(_SUP)}⁾_{first}{second}"
        sources.append(Source(f.weight, sp.Symbol(shown), f.line, "definition"))
    if not rename:
        return statements, binding
    sources.sort(key=lambda s: (s.line, s.name))
    return [swapped(stmt, rename) for stmt in statements], replace(binding, sources=sources)
