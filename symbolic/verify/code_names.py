r"""Code-style layered names, as notebooks beside NumPy code write them (g-eoj's CS231n notes):
the layer glued to the letter and the unit after an underscore, often in \mathit{}:

    scores_0 = h1_1 W2_{11} + h1_2 W2_{21} + b2_1        (a forward sum, written in the document)
    loss = -(trueprob_0) \log(e^{scores_0} / (e^{scores_0} + e^{scores_1} + e^{scores_2})) + ...

Roles are read from how the document uses the names, never from the letters:
  - a forward sum  Σ_m U_m V_{..} [+ B_u]  whose products pair a name with one index (U_m, the
    glued digit l-1) and a name with two (V, the glued digit l): V is the weight of layer l, U the
    output of layer l-1 (a hidden layer), B the bias of layer l; the index V shares with U in every
    product says the weights' way (V_{mu} from m to u: input-by-output, or V_{um}).
  - a loss definition  -Σ_k T_k log(e^{S_k} / Σ_j e^{S_j})  over every output (a softmax network):
    S is the output's net input, T the target, the defined word the loss.
Each family's indices count from 0 when an index 0 is written (scores_0), else from 1, and must
fit the layer's width; the layer digit must name a layer of the network. Anything else is left
alone (the names stay unknown and their statements not checked). `d/d{h1}` written in a statement
by h1_1 (a unit's index dropped in an operator) is read as the statement's own h1_1.
Pure: statements in, aliases (raw Symbol -> the network's raw name), sources out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy as sp

from ..latex import Partial, Statement
from ..latex.statements import PARTIAL
from .binding import FAULTS, Source
from .definitions import definitions, symbols_of
from .names import Resolver
from .symbols import expressions

_GLUED = re.compile(r"([A-Za-z]+)(\d)_(\d+)(?:,(\d+))?")  # W2_11, W2_1,1, h1_1, b2_0
_LETTERED = re.compile(r"([A-Za-z]+\d)_([a-z]{1,2})")  # h1_n, W2_jk: the units by letters
_PLAIN = re.compile(r"([A-Za-z]+)_(\d+)")  # scores_0, trueprob_2, f_1: a name and one index


@dataclass(frozen=True)
class Glued:
    base: str  # W2
    layer: int
    index: tuple[int, ...]


def _glued(e) -> Glued | None:
    m = _GLUED.fullmatch(getattr(e, "name", "")) if isinstance(e, sp.Symbol) else None
    if m is None:
        return None
    letters, digit, first, second = m.groups()
    index: tuple[int, ...]
    if second is not None:
        index = (int(first), int(second))
    elif len(first) == 2:  # W2_{11}: one digit per index
        index = (int(first[0]), int(first[1]))
    elif len(first) == 1:
        index = (int(first),)
    else:
        return None
    return Glued(letters + digit, int(digit), index)


def _input(e) -> Glued | None:
    """x_1, X_0: a plain name with one index, the input when the weight is of layer 1."""
    m = re.fullmatch(r"([A-Za-z]+)_(\d)", getattr(e, "name", "")) if isinstance(e, sp.Symbol) else None
    return Glued(m.group(1), 0, (int(m.group(2)),)) if m else None


@dataclass(frozen=True)
class Sum:
    """One forward sum: the weight's, the unit's and the bias's bases, the layer, the way."""

    weight: str
    unit: str
    bias: str
    layer: int
    way: str  # 'input-by-output' | 'output-by-input'


def _forward(e: sp.Add) -> Sum | None:
    """Σ_m U_m V_{m u} [+ B_u] (or V_{u m}): the names' roles, else None."""
    pairs, bias = [], []
    for term in e.args:
        if isinstance(term, sp.Symbol):
            bias.append(_glued(term))
            continue
        if not isinstance(term, sp.Mul) or len(term.args) != 2:
            return None
        a, b = (_glued(x) or _input(x) for x in term.args)
        if a is None or b is None:
            return None
        w, u = (a, b) if len(a.index) == 2 else (b, a)
        if len(w.index) != 2 or len(u.index) != 1:
            return None
        pairs.append((w, u))
    if len(pairs) < 2 or len(bias) > 1 or any(b is None or len(b.index) != 1 for b in bias):
        return None
    weights, units = {w.base for w, _ in pairs}, {u.base for _, u in pairs}
    if len(weights) != 1 or len(units) != 1:
        return None
    w0, u0 = pairs[0]
    if u0.layer != w0.layer - 1 or (bias and bias[0].layer != w0.layer):  # type: ignore[union-attr]
        return None
    ways = set()
    for way, into, summed in (("input-by-output", 1, 0), ("output-by-input", 0, 1)):
        if (
            all(w.index[summed] == u.index[0] for w, u in pairs)
            and len({w.index[into] for w, _ in pairs}) == 1
        ):
            if len({u.index[0] for _, u in pairs}) == len(pairs):
                ways.add(way)
    if len(ways) != 1:
        return None
    return Sum(w0.base, u0.base, bias[0].base if bias else "", w0.layer, ways.pop())  # type: ignore[union-attr]


def _nodes(statements) -> list[sp.Basic]:
    out: list[sp.Basic] = []
    for stmt in statements:
        if isinstance(stmt, Statement):
            for e in expressions(stmt):
                out.extend(sp.preorder_traversal(e))
    return out


def _softmax_loss(stmt: Statement, outputs: int) -> tuple[str, str] | None:
    """(S, T) when the statement's first side is -Σ_k T_k log(e^{S_k} / Σ_j e^{S_j}) over every
    output k (the names word_index, counted from 0 or 1)."""
    if not isinstance(stmt.lhs, sp.Symbol) or not stmt.sides or len(stmt.sides[0].factors) != 1:
        return None
    rhs = stmt.sides[0].factors[0]
    if not isinstance(rhs, sp.Add) or len(rhs.args) != outputs:
        return None
    seen: dict[str, set[int]] = {}
    pairs = set()
    for term in rhs.args:
        coeff, rest = term.as_coeff_mul()
        logs = [f for f in rest if isinstance(f, sp.log)]
        others = [f for f in rest if not isinstance(f, sp.log)]
        if coeff != -1 or len(logs) != 1 or len(others) != 1 or not isinstance(others[0], sp.Symbol):
            return None
        num, den = logs[0].args[0].as_numer_denom()
        if not isinstance(num, sp.exp) or not isinstance(den, sp.Add) or len(den.args) != outputs:
            return None
        if not all(isinstance(x, sp.exp) and isinstance(x.args[0], sp.Symbol) for x in den.args):
            return None
        s, t = _PLAIN.fullmatch(getattr(num.args[0], "name", "")), _PLAIN.fullmatch(others[0].name)
        if s is None or t is None or s.group(2) != t.group(2):
            return None
        pairs.add((s.group(1), t.group(1)))
        seen.setdefault(s.group(1), set()).add(int(s.group(2)))
        names = {x.args[0].name for x in den.args}
        if {f"{s.group(1)}_{k}" for k in sorted(seen[s.group(1)])} - names:
            return None
    if len(pairs) != 1:
        return None
    ((score, target),) = pairs
    if _first(seen[score], outputs) is None:
        return None
    return score, target


def _first(indices: set[int], width: int) -> int | None:
    """0 when an index 0 is written, else 1; None when the indices do not fit `width` units."""
    first = 0 if 0 in indices else 1
    return first if indices and max(indices) <= width - 1 + first else None


def detect(d, statements, aliases: dict | None = None, conventions: dict | None = None):
    """(statements, aliases, conventions, [Source]): the code-style names the document's forward
    sums and softmax loss settle, bound to the network's (the given aliases win)."""
    explicit = dict(aliases or {})
    try:
        nodes = _nodes(statements)
        written = symbols_of(statements)
        defs = definitions(statements)
    except FAULTS:
        return statements, explicit, conventions, []
    sums = {s for e in nodes if isinstance(e, sp.Add) for s in [_forward(e)] if s is not None}
    found = _roles(sums, d.spec.depth)
    if found is None:
        return statements, explicit, conventions, []
    roles, way = found
    words, loss_line = _loss_words(d, statements)
    for word, kind in words.items():
        if kind != "L":
            roles.setdefault(word, (kind, d.spec.depth))
    lines = {**written, **{n: loss_line for n in written if _PLAIN.fullmatch(n) and n.split("_")[0] in words}}
    added = _indexed(d, roles, way, written)
    added.update(_lettered(roles, way, written))
    added.update(_net_inputs(d, roles, defs, added))
    added = {k: v for k, v in added.items() if k not in explicit and k.name != v.name}
    sources = [Source(k.name, _shown(d, v), lines.get(k.name, 0), "code name") for k, v in added.items()]
    for word, kind in words.items():
        if kind == "L" and sp.Symbol(word) not in explicit and word != d.loss_symbol.name:
            added[sp.Symbol(word)] = sp.Symbol(d.loss_symbol.name)
            sources.append(Source(word, d.loss_symbol, loss_line, "code name"))
    statements = [_own_index(s, roles) for s in statements]
    if not added:
        return statements, explicit, conventions, []
    if way and not (conventions or {}).get("weights"):  # the point's weights in the author's way
        conventions = {**(conventions or {}), "weights": way}
    return statements, {**added, **explicit}, conventions, sources


def _roles(sums, depth: int) -> tuple[dict[str, tuple[str, int]], str] | None:
    """base -> (kind, layer) from the forward sums, and the weights' way; None when they disagree."""
    roles: dict[str, tuple[str, int]] = {}
    ways = set()
    for s in sums:
        if not 1 <= s.layer <= depth:
            continue
        unit = ("x", 0) if s.layer == 1 else ("a", s.layer - 1)
        for base, role in ((s.weight, ("W", s.layer)), (s.unit, unit), (s.bias, ("b", s.layer))):
            if base and roles.setdefault(base, role) != role:
                return None
        ways.add(s.way)
    if len(ways) > 1 or len({r for r in roles.values()}) != len(roles):
        return None
    return roles, (ways.pop() if ways else "")


def _loss_words(d, statements) -> tuple[dict[str, str], int]:
    """{scores: 'z', trueprob: 'y', loss: 'L'} and its line, from a softmax network's loss."""
    if d.spec.loss.name != "cce" or d.spec.activations[-1].name != "softmax":
        return {}, 0
    for stmt in statements:
        found = _softmax_loss(stmt, len(d.outputs)) if isinstance(stmt, Statement) else None
        if found is not None:
            return {found[0]: "z", found[1]: "y", stmt.lhs.name: "L"}, stmt.line
    return {}, 0


def _dims(d, kind: str, layer: int, way: str) -> tuple[int, ...]:
    sizes = d.spec.sizes
    if kind == "W":
        into, source = sizes[layer], sizes[layer - 1]
        return (source, into) if way == "input-by-output" else (into, source)
    return (sizes[layer],)


def _key(kind: str, layer: int, units: list) -> str:
    """The network's raw name (read without conventions) of one role's unit."""
    if kind in ("x", "y"):  # x1, y1: never a name the document writes (x_0 -> x1 does not chain)
        return f"{kind}{units[0]}"
    return f"{kind}_{layer}," + ",".join(str(u) for u in units)


def _indexed(d, roles: dict, way: str, written: dict) -> dict:
    """W2_{11}, h1_1, b2_0, scores_0: each family counted from 0 when it writes an index 0."""
    resolver = Resolver(d)
    by_base: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    for name in written:
        g = _glued(sp.Symbol(name))
        m = _PLAIN.fullmatch(name)
        if g is not None and g.base in roles:
            by_base.setdefault(g.base, []).append((name, g.index))
        elif m and m.group(1) in roles:
            by_base.setdefault(m.group(1), []).append((name, (int(m.group(2)),)))
    added = {}
    for base, names in by_base.items():
        kind, layer = roles[base]
        dims = _dims(d, kind, layer, way)
        if any(len(ix) != len(dims) for _, ix in names):
            continue
        firsts = [_first({ix[p] for _, ix in names}, dims[p]) for p in range(len(dims))]
        if None in firsts:
            continue
        for name, ix in names:
            units = [i - f + 1 for i, f in zip(ix, firsts)]  # type: ignore[operator]
            if kind == "W" and way == "input-by-output":
                units.reverse()  # the network's W into u from m
            key = _key(kind, layer, units)
            if resolver.lookup(key, conventions=False) is not None:
                added[sp.Symbol(name)] = sp.Symbol(key)
    return added


def _lettered(roles: dict, way: str, written: dict) -> dict:
    """h1_n, W2_{jk}: a unit named by an index letter, read for every unit of its layer."""
    added = {}
    for name in written:
        m = _LETTERED.fullmatch(name)
        if m is None or m.group(1) not in roles:
            continue
        kind, layer = roles[m.group(1)]
        letters = list(m.group(2))
        if len(letters) != (2 if kind == "W" else 1) or len(set(letters)) != len(letters):
            continue
        if kind == "W" and way == "input-by-output":
            letters.reverse()
        added[sp.Symbol(name)] = sp.Symbol(_key(kind, layer, letters))
    return added


def _net_inputs(d, roles: dict, defs, added: dict) -> dict:
    """h1_n = max(0, M_n) (a hidden unit's output, a function of one other name of its unit):
    M_n is the unit's net input."""
    resolver = Resolver(d)
    out = {}
    for df in defs:
        m = _LETTERED.fullmatch(getattr(df.lhs, "name", ""))
        free = list(df.rhs.free_symbols)
        if m is None or roles.get(m.group(1), ("",))[0] != "a" or len(free) != 1 or df.rhs == free[0]:
            continue
        arg, name = free[0], free[0].name
        same = re.fullmatch(r"[A-Za-z]+_([a-z])", name)
        if same is None or same.group(1) != m.group(2) or arg in added or name.split("_")[0] in roles:
            continue
        if _glued(arg) is not None or resolver.lookup(name) is not None:
            continue
        out[arg] = sp.Symbol(f"z_{roles[m.group(1)][1]},{m.group(2)}")
    return out


def _shown(d, raw: sp.Symbol) -> sp.Expr:
    """The network's symbol of an alias's value; W^{(2)}_{kj} for one in index letters."""
    value = Resolver(d).lookup(raw.name, conventions=False)
    if value is not None:
        return value
    kind, layer, *units = re.split(r"[_,]", raw.name)
    return sp.Symbol(f"{kind}^{{({layer})}}_{{{''.join(units)}}}")


def _own_index(stmt, roles: dict) -> object:
    r"""d/d{h1} in a statement by h1_1: the unit's index dropped in the operator, the statement's."""
    if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, Partial):
        return stmt
    g = _glued(stmt.lhs.den)
    if g is None or roles.get(g.base, ("",))[0] != "a" or len(g.index) != 1:
        return stmt
    bare, own = sp.Symbol(g.base), stmt.lhs.den
    if not any(bare in e.free_symbols for e in expressions(stmt)):
        return stmt

    def fix(e: sp.Basic) -> sp.Basic:
        return e.replace(lambda x: x.func == PARTIAL and x.args[1] == bare, lambda x: PARTIAL(x.args[0], own))

    def one(f):
        if isinstance(f, Partial):
            return Partial(fix(f.num), own if f.den == bare else fix(f.den))
        return fix(f) if isinstance(f, sp.Basic) else f

    sides = tuple(
        replace(
            p,
            factors=tuple(one(f) for f in p.factors),
            parts=tuple(one(x) for x in p.parts) if p.parts else p.parts,
        )
        for p in stmt.sides
    )
    return replace(stmt, sides=sides)
