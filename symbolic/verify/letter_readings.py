r"""Names in index letters with no layer, read per statement by the roles the statement gives them.

Published derivations write \delta_j, w_{(i,j)}, z_j, a_j with no layer on a network of several
(Cross Validated 413046: `\delta_j = t_j - y_j`, then `\delta_j = (\sum_k \delta_k w_{(j,k)})
f'(y_j)`): the statement itself says which layer each letter is, and the same letter may be the
output on one line and a hidden unit on the next. Per statement, before anything is judged:
- every assignment of the statement's letters to the network's layers is enumerated (0 the input);
- the roles the statement writes keep or drop each one: a target t_j (or y_j where y is the
  target) makes j an output unit, x_i an input; a name of the loss (L = -\sum_j ... \log a_j)
  makes its letters output units; a normalized exponential e^{z_j} / \sum_k e^{z_k} makes j and k
  units of the softmax layer; \sum_k \delta_k w_{jk} (backwards) puts k in the layer above j;
  \sum_i w_{ji} a_i (forwards) puts i in the layer below; a weight joins two consecutive layers;
  \delta, z, net and b have no input layer;
- a weight whose written order runs against its letters' layers (as the document's orientation
  reads it) is a connection the network does not have: 0 on a right side (a swapped w_{kj} is
  then named at its factor), and no reading on the left side;
- each surviving reading is a copy of the statement in layered names (`@=n`, the network's layer
  n exactly: `indices.Instantiator.code`), its instance labelled with the reading.
After judging (`reading_folds.fold`), one reading is judged as it is, with the reading said;
several that agree are judged; several that disagree are not checked, the ambiguity named.
Orientation is never chosen per statement: a reading is fixed by roles before any verdict, never
by the verdict. Pure functions: statements in, statements out; verdicts in, verdicts out.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import sympy as sp

from ..errors import SympropError
from ..latex import Statement
from ..latex.statements import SUMMATION
from . import az_roles, hinton_letters, input_letter_x, letter_clashes, letter_defaults, word_roles
from .conventions import WEIGHTS, Conventions
from .hints import shown
from .names import LOSS_NAMES, Resolver
from .reading_folds import READING
from .roles import role_bases
from .said_layers import bare_layers, settled
from .symbols import expressions, map_expressions
from .unit_outputs import az_said, defined_outputs, output_letter
from .unlayered import unsettled
from .word_roles import WORDS

NONE = "@=none"  # a weight joining no two consecutive layers as read: 0 (indices.Instantiator.code)
_NAME = re.compile(r"(delta|w|W|b|z|a|net|y|o)_([a-z]),?([a-z])?")
_UNITS = {"delta": "delta", "z": "z", "net": "z", "b": "b", "a": "a", "y": "a", "o": "a", "x": "z"}
_NO_INPUT = {"delta", "z", "net", "b", "x"}  # the input layer has no δ, net input nor bias
_NET_X = re.compile(r"(x)_([a-z])()")  # x_k the total input of unit k (input_letter_x.py)
MAX_READINGS = 6
MAX_LETTERS = 4


def expand(
    d, statements: list, binding, explicit: dict | None, conventions: dict | None
) -> tuple[list, dict]:
    """(the statements, each with unlayered names replaced by one copy per reading the roles
    allow; {(line, col): [reading, ...]} of the statements read so)."""
    originals, statements = statements, word_roles.rewrite(statements)  # ∂C/∂w = a_in δ_out
    worded = {n for s in statements if s.instance == WORDS for n in _written(s) if _NAME.fullmatch(n)}
    names = unsettled(d, statements, binding, explicit, conventions, placed=True) | worded
    net_x = input_letter_x.net_inputs(statements)  # Dolhansky's σ(x_k) beside t_k
    if net_x:
        names |= {n for s in statements for n in _written(s) if _NET_X.fullmatch(n)}
    if not names or role_bases(statements) is not None:  # Bishop's and Wikipedia's letters: roles.py
        return originals, {}
    # Mazur's o and h are unit labels (out_{o1}, net_{h2}; \\sum_o over them): not letters of a layer
    written = {n for s in statements for n in _written(s)}
    labels = {m.group(1) for n in written if (m := re.fullmatch(r"[A-Za-z]+_([a-z])\d+", n))}
    labels |= _bound_labels(binding)  # net_o, b_o bound to the output unit: o is its label
    names = {n for n in names if not set(_unit(n, net_x).groups()[1:]) & labels}  # type: ignore[union-attr]
    if az_roles.bishop(statements):  # g'(a_k) and ∂E/∂w_{kj} = δ_k z_j: Bishop's a and z, by their use
        statements = [az_roles.swapped(s, names) for s in statements]
        names = az_roles.renamed(names)
    elif not az_said(statements):  # a_j, z_j: Nielsen's activation and net input, or Bishop's reverse?
        names = {n for n in names if n.split("_")[0] not in ("a", "z")} | worded
    if not names:
        return originals, {}
    c = Conventions.of(conventions)
    resolver = Resolver(d, {**binding.aliases, **dict(explicit or {})}, c)
    placed = _aliased(resolver, statements)
    bare = bare_layers(statements, d.spec.depth)  # o^{(1)}, o^{(2)} written: o_i the input
    # the names of a definition of a name an alias places (u_m = \\sum_r W_{mr} g_r - b_m, u_m = z_{2,m}
    # bound): the document's own (its b_m enters with a minus), never read as the network's
    own = [
        s
        for s in statements
        if isinstance(s, Statement) and isinstance(s.lhs, sp.Symbol) and s.lhs.name in placed
    ]
    names -= {n for s in own for n in _written(s)}
    if own:  # its bias is the document's (b_r where b_m belongs: not read as the network's b_m)
        names = {n for n in names if not n.startswith("b_")}
    names |= {  # y_j, o_j: an activation where the target has another letter, unless said otherwise
        n
        for n in written
        if re.fullmatch(r"[yo]_[a-z]", n)
        and n[-1] not in labels
        and _activation(n[0], c)
        and n not in placed
        and name_is_free(resolver, n)
    } | {n for n in defined_outputs(statements) if n[-1] not in labels and n not in placed}  # y_h = f(net_h)
    ways = [c.weights] if "weights" in (conventions or {}) else list(WEIGHTS)  # said, or either way
    # t_j or d_j written while y is the target letter (no option, nothing detected): is y_j the
    # target or an output? Not settled: statements with a y_j are left as they are
    other = any(re.fullmatch(r"[td]_[a-z0-9]+", n) for s in statements for n in _written(s))
    doubt_y = c.targets == "y" and "targets" not in (conventions or {}) and other
    plans: list = []  # per statement: its readings (reading, swap, layers), or None (as written)
    for stmt in statements:
        written = _written(stmt)
        words = stmt.instance == WORDS  # the weight's way said by the words in and out
        if not isinstance(stmt, Statement) or not written & names or stmt.instance and not words:
            plans.append(None)
            continue
        if doubt_y and any(re.fullmatch(r"y_[a-z]", n) for n in written):
            plans.append(None)
            continue
        fixed = {letter: n for name, (letter, n) in placed.items() if name in written}
        fixed = {**settled(stmt, written & names, bare), **fixed}  # o_i beside o^{(1)}_j: an input
        here = [WEIGHTS[0]] if words else ways
        found = [r for way in here for r in _readings(d, stmt, names, c, way, len(here) > 1, fixed, net_x)]
        found = [(word_roles.as_words(r) if words else r, swap, lay) for r, swap, lay in found]
        found = list({f[0]: f for f in reversed(found)}.values())[::-1]  # no weight: one way
        plans.append(found if len(found) <= MAX_READINGS else [])
    layer_of = letter_defaults.defaults(plans)  # a letter the document keeps in one layer
    apart = letter_defaults.split(plans, [getattr(s, "line", 0) for s in statements])  # or does not
    out, readings = [], letter_defaults.Readings()
    for original, stmt, found in zip(originals, statements, plans):
        if len(ways) == 1 and not _weight_on_left(stmt):
            found = letter_defaults.agreeing(found or [], layer_of)
        elif len(ways) == 1:  # Δw_{kh} = η δ_k o_h: for either layer, unless the document fixes k and h
            found = letter_defaults.agreeing(found or [], layer_of, whole=True)
        found = found or []
        if not found:
            out.append(original)
            continue
        readings[(stmt.line, stmt.col)] = [r for r, _, _ in found]
        if note := letter_defaults.apart_note(found, apart, lambda x, n: _said([x], {x: n}, d.spec.depth)):
            readings.apart[(stmt.line, stmt.col)] = note
        for reading, swap, lay in found:
            copy = map_expressions(stmt, lambda e, swap=swap: e.xreplace(swap))
            kept = tuple(k for k in copy.condition if not (k[0] == "role" and k[1] in lay))  # read
            out.append(replace(copy, instance=READING + reading, condition=kept))
    return out, readings


def _written(stmt) -> set[str]:
    if not isinstance(stmt, Statement):
        return set()
    return {s.name for e in expressions(stmt) for s in e.atoms(sp.Symbol)}


def _unit(name: str, net_x: bool = False):
    """The name's (base, letters) match: a unit name, or x_k where x is the total input."""
    return _NAME.fullmatch(name) or (_NET_X.fullmatch(name) if net_x else None)


def _readings(
    d, stmt: Statement, names: set[str], c: Conventions, way: str, said_way: bool, placed: dict, net_x=False
) -> list[tuple[str, dict, dict]]:
    """(reading, swap, layers) for each layer assignment of the statement's letters its roles allow,
    weights read `way` (said in the reading when the document does not say it: `said_way`),
    `placed` the letters of names an alias places (z_k = a_{2,k}: k of layer 2)."""
    depth = d.spec.depth
    units: dict[sp.Symbol, tuple[str, tuple[str, ...]]] = {}
    fixed: dict[str, int] = dict(placed)  # letter -> the one layer a role gives it
    units_placed: list[list[tuple[str, int]]] = []
    joins: list[list[tuple[str, int]]] = []
    for e in expressions(stmt):
        for s in e.atoms(sp.Symbol):
            m = _unit(s.name, net_x)
            if m and s.name in names:
                units[s] = (m.group(1), tuple(x for x in m.groups()[1:] if x))
            t = re.fullmatch(r"([a-z]+)_([a-z])", s.name)
            if t and t.group(1) == _target(c) and s.name not in names:  # not a y_h = f(net_h)
                fixed[t.group(2)] = depth
            elif t and t.group(1) == "x" and not net_x:
                fixed[t.group(2)] = 0
            spot = _bracketed(s.name, c)  # a_j@[1, W_{kj}@[2 of a letter per layer (layer_names.py)
            (joins if len(spot) == 2 else units_placed).extend([spot] if spot else [])
    if letter := output_letter(stmt, c.targets):  # \hat{y} = f(net_o): o an output unit
        fixed[letter] = depth
    said = _said_roles(stmt)  # a case's "(h outside)", "if j is a hidden unit": its layers
    fixed.update({x: depth for x, where in said.items() if where == "output"})
    for spot in units_placed:
        for letter, n in spot:
            fixed.setdefault(letter, n)
    for spot in joins:  # k in 2, j in 1 of W_{kj}@[2, unless a unit's role says otherwise (a slip)
        if all(fixed.get(letter, n) == n for letter, n in spot):
            fixed.update(spot)
    if not any(s.name in names for s in units):
        return []
    letters = sorted({x for _, ls in units.values() for x in ls} | set(fixed))
    if len(letters) > MAX_LETTERS:  # (depth + 1)^letters assignments: a bound on the work
        return []
    above, softmax = _sum_roles(stmt, units)
    top = [n for n, rule in enumerate(d.spec.activations, 1) if not rule.elementwise]
    if _is_loss(stmt):
        fixed.update(dict.fromkeys((x for _, ls in units.values() for x in ls), depth))
    fixed.update(dict.fromkeys(letter_clashes.clashes(stmt, names, _target(c), net_x), -1))  # t_k, x_k
    out = []
    for values in itertools.product(range(depth + 1), repeat=len(letters)):
        layer = dict(zip(letters, values))
        if any(layer[x] != n for x, n in fixed.items()):
            continue
        if any(layer[hi] != layer[lo] + 1 for lo, hi in above):
            continue
        if any(layer[x] not in top for x in softmax):
            continue
        if any(where == "hidden" and not 0 < layer.get(x, 0) < depth for x, where in said.items()):
            continue
        swap = _swap(units, layer, c, way)
        if swap is None:
            continue
        if any(v.name.endswith(NONE) for k, v in swap.items() if _on_left(stmt, k)):
            continue
        reading = _said(letters, layer, depth)
        weights = sorted({(s.name, ls) for s, (base, ls) in units.items() if base in ("w", "W")})
        if said_way and weights:  # the document does not say which way its weights run
            name, (p, q) = weights[0]
            to, frm = (q, p) if way == WEIGHTS[1] else (p, q)
            reading += f", {shown(name)} into {to} from {frm}"
        out.append((reading, swap, layer))
    return out


def _said_roles(stmt: Statement) -> dict[str, str]:
    """letter -> 'output' | 'hidden' of the statement's conditions in words (latex/conditions.py)."""
    return {k[1]: k[2] for k in stmt.condition if k and k[0] == "role"}


def _aliased(resolver: Resolver, statements: list) -> dict[str, tuple[str, int]]:
    """Names read in an index letter by an alias (z_k = a_{2,k}) -> (their letter, the layer
    the alias names)."""
    out = {}
    for name in {n for s in statements for n in _written(s)}:
        try:
            letter = resolver.generic_letter(name)
            value = resolver.generic_alias(f"{name.rsplit('_', 1)[0]}_1") if letter else None
        except SympropError:
            continue
        layers = {
            int(m.group(1))
            for x in getattr(value, "free_symbols", ())
            if (m := re.fullmatch(r"[A-Za-z]+_(\d+),\d+", x.name))
        }
        if letter and len(layers) == 1:
            out[name] = (letter, layers.pop())
    return out


def name_is_free(resolver: Resolver, name: str) -> bool:
    """Does nothing settle `name` (no alias, not the network's own)?"""
    if sp.Symbol(name) in resolver.user:
        return False
    try:
        return resolver.lookup(name) is None and resolver.generic_letter(name) is None
    except SympropError:
        return False


def _activation(base: str, c: Conventions) -> bool:
    """y_j an activation: where t, d or \\hat{y} is the target (y is the target otherwise)."""
    return base == "o" or c.targets != "y"


def _target(c: Conventions) -> str:
    return {"t": "t", "d": "d", "r": "r", "y": "y"}.get(c.targets, "")


def _is_loss(stmt: Statement) -> bool:
    """L = -\\sum_j y_j \\log a_j: the loss of the outputs (its letters name output units)."""
    return isinstance(stmt.lhs, sp.Symbol) and stmt.lhs.name in LOSS_NAMES


def _weight_on_left(stmt) -> bool:
    """A weight's update or gradient (Δw_{kh}, ∂E/∂w_{kh}): in letters, it holds for each layer pair."""
    parts = [stmt.lhs.num, stmt.lhs.den] if hasattr(stmt.lhs, "num") else [stmt.lhs]
    names = {x.name for p in parts if isinstance(p, sp.Basic) for x in p.atoms(sp.Symbol)}
    return any((m := _NAME.fullmatch(n)) and m.group(1) in ("w", "W") for n in names)


def _on_left(stmt: Statement, s: sp.Symbol) -> bool:
    lhs = stmt.lhs
    parts = [lhs.num, lhs.den] if hasattr(lhs, "num") else [lhs] if isinstance(lhs, sp.Basic) else []
    return any(s in p.atoms(sp.Symbol) for p in parts)


def _sum_roles(stmt: Statement, units: dict) -> tuple[list[tuple[str, str]], set[str]]:
    """([(lower, upper) letter pairs of consecutive layers], {letters of softmax units}) that the
    statement's sums say: \\sum_k \\delta_k w_{jk} (k above j), \\sum_i w_{ji} a_i (i below j),
    \\sum_k e^{z_k} (k, and j of e^{z_j} beside it, a softmax layer's units)."""
    pairs, softmax = [], set()
    for e in expressions(stmt):
        for s in sp.preorder_traversal(e):
            if getattr(s, "func", None) != SUMMATION:
                continue
            body, var = s.args[0], s.args[1].name
            inside = [units[x] for x in body.atoms(sp.Symbol) if x in units]
            weights = [ls for base, ls in inside if base in ("w", "W") and var in ls and len(ls) == 2]
            for ls in weights:
                other = ls[0] if ls[1] == var else ls[1]
                if any(base == "delta" and ls2 == (var,) for base, ls2 in inside) or hinton_letters.backward(
                    body, var
                ):
                    pairs.append((other, var))  # backwards: the summed δ is of the layer above
                elif any(_UNITS.get(base) == "a" and ls2 == (var,) for base, ls2 in inside):
                    pairs.append((var, other))  # forwards: the summed activation feeds the unit
            pairs.extend(_fed(body, var, units))  # \sum_l dE/dnet_l dnet_l/do_h: l above h
            if any(
                _UNITS.get(base) == "z" and ls == (var,)
                for p in body.atoms(sp.exp)
                for x in p.atoms(sp.Symbol)
                if x in units
                for base, ls in [units[x]]
            ):
                softmax.add(var)
                softmax |= {units[x][1][0] for p in e.atoms(sp.exp) for x in p.atoms(sp.Symbol) if x in units}
    return pairs, softmax


def _fed(body: sp.Expr, var: str, units: dict) -> list[tuple[str, str]]:
    r"""(lower, upper) of each rac{\partial net_l}{\partial o_h} in a sum over l: the summed net
    input is of a unit the activation o_h feeds (Kriesel's -\sum_{l \in L} rac{\partial Err}{\partial
    net_l} rac{\partial net_l}{\partial o_h}), so l is of the layer above h."""
    out = []
    for f in body.atoms(sp.Function):
        if type(f).__name__ != "Partial" or len(f.args) != 2 or not all(a in units for a in f.args):
            continue
        (top, above), (bottom, below) = units[f.args[0]], units[f.args[1]]
        if _UNITS.get(top) == "z" and above == (var,) and _UNITS.get(bottom) == "a" and len(below) == 1:
            if below[0] != var:
                out.append((below[0], var))
    return out


def _swap(units: dict, layer: dict[str, int], c: Conventions, way: str) -> dict | None:
    """Each name in its reading's layered name (`@=n`), a weight against its layers 0; None when
    a name has no such layer (a δ of the input, a weight joining layers not consecutive)."""
    swap: dict = {}
    for s, (base, ls) in units.items():
        if base in ("w", "W"):
            if len(ls) != 2:
                return None
            p, q = ls
            to, frm = (q, p) if way == WEIGHTS[1] else (p, q)
            if abs(layer[p] - layer[q]) != 1:
                return None
            if layer[to] != layer[frm] + 1:  # a connection the feed-forward network does not have
                swap[s] = sp.Symbol(f"w_{p}{q}{NONE}")
                continue
            # in the order the document's convention reads back (Conventions.code): into `to`
            first, second = (frm, to) if c.weights == WEIGHTS[1] else (to, frm)
            swap[s] = sp.Symbol(f"w_{first}{second}@={layer[to]}")
            continue
        if len(ls) != 1 or base in _NO_INPUT and layer[ls[0]] == 0:
            return None
        swap[s] = sp.Symbol(f"{_UNITS[base]}_{ls[0]}@={layer[ls[0]]}")
    return swap


_BRACKETED = re.compile(r"(W|a|z|b)_([a-z])([a-z])?@\[(\d+)")  # layer_names.py's bracket names


def _bracketed(name: str, c: Conventions) -> list[tuple[str, int]]:
    """(letter, layer) of each index letter a name in bracket layers places (W_{kj}@[2: k in
    layer 2, j in layer 1; a_j@[1: j in layer 1), counted from the input as Ng's a^{[0]} = x."""
    m = _BRACKETED.fullmatch(name)
    if not m or c.bracket_origin:
        return []
    base, p, q, n = m.group(1), m.group(2), m.group(3), int(m.group(4))
    if base == "W":
        return [(p, n), (q, n - 1)] if q else []
    return [] if q else [(p, n)]


def _said(letters: list[str], layer: dict[str, int], depth: int) -> str:
    def one(n: int) -> str:
        if n == depth:
            return "an output unit"
        if n == 0:
            return "an input"
        return "a hidden unit" if depth == 2 else f"a unit of hidden layer {n}"

    return ", ".join(f"{x} {one(layer[x])}" for x in letters)


def _bound_labels(binding) -> set[str]:
    r"""Letters the document's own definitions bound as one unit's label: net_o = z⁽²⁾₁ (net_o =
    v_1 h_1 + ... + b_o), so \delta_o is that unit's, not o in every layer; never an index letter
    (i, j, k, ...), whatever one definition made of it."""
    out = set()
    for key, value in binding.aliases.items():
        m = re.fullmatch(r"[A-Za-z]+_([a-z])", getattr(key, "name", ""))
        if (
            m
            and m.group(1) not in "ijklmnpq"
            and re.fullmatch(r"[A-Za-z]+\d+_\d+(?:_\d+)?", getattr(value, "name", ""))
        ):
            out.add(m.group(1))
    return out
