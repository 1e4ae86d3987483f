r"""A document's own letters for layers and for a unit's net input and output, read as the
reader's (`l`; `z`, `a`) before anything is resolved.

- The layer letter: the one letter a document writes as layer superscripts (Brilliant's
  w_{ij}^k, \delta_j^k with unit indices i, j, l), swapped with `l` in every index position, so
  the statements say the same with the letters symprop ranges over.
- A superscript made of that letter on a name the reader took for a power (o_i^{k-1}: o is not
  one of symprop's layered letters) is the layer of that name.
- The net input and output letters: a definition of a weighted sum, X_j^l = b_j^l +
  \sum_i w_{ij}^l Y_i^{l-1} (Brilliant's a for the net input and o for the output), says X is
  the net input (z) and Y the output (a) of a unit; the letters are renamed throughout, never
  when the new letter already names something else in the document. A net input indexed by the
  layer it comes from (v_j^l = \sum_i w_{ji}^l y_i^l) is renamed one layer up (z_j^{l+1}).
Pure: statements in, statements out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import Partial, Statement
from ..latex.matrix_rows import MatrixStatement, Node
from ..latex.statements import SUMMATION
from . import goodfellow_letters
from .symbols import LAYERED, expressions
from .symbols import map_expressions as _map
from .top_letter import as_last
from .weight_layers import difference

_PLAIN = re.compile(r"([A-Za-z]+)(?:_([A-Za-z0-9,]+))?")
_LAYER = re.compile(r"\[?([a-z])([+-]\d+)?")
_HEAD = re.compile(r"\[?([A-Za-z])([+-]\d+)?")
WEIGHTS = ("w", "W")


def layer_letter(statements: list) -> str:
    """The letter written as layer superscripts ('k' in w_{ij}^k, \\delta_j^{k+1}): the one letter,
    or the one of several written with a shift (k+1 beside Brilliant's output layer m): the one
    written a layer above (k+1; the last layer has none), else the one not said only of the
    output (o_i^{m-1} beside \\hat{y}); or ''."""
    letters, shifted, above = set(), set(), set()
    for stmt in statements:
        for e in expressions(stmt):
            for s in e.atoms(sp.Symbol):
                m = LAYERED.fullmatch(s.name)
                if m and (lay := _LAYER.fullmatch(m.group(3))):
                    letters.add(lay.group(1))
                    shifted |= {lay.group(1)} if lay.group(2) else set()
                    above |= {lay.group(1)} if lay.group(2) and int(lay.group(2)) > 0 else set()
    if len(letters) == 1:
        return letters.pop()
    if len(shifted) > 1:  # o_i^{m-1} beside w_{jl}^{k+1}: m, said only of the output, is the last layer
        shifted = (shifted - top_letters(statements, "")) if len(above) != 1 else above
    return shifted.pop() if len(shifted) == 1 else ""


def top_letters(statements: list, letter: str) -> set[str]:
    """Other layer letters, each written only in statements about the output (\\hat{y}, y, t):
    the last layer (Brilliant's \\delta_1^m = g_o'(a_1^m)(\\hat{y} - y))."""
    seen: dict[str, bool] = {}
    for stmt in statements:
        names = {s.name for e in expressions(stmt) for s in e.atoms(sp.Symbol)}
        about_output = bool(names & {"y_hat", "y", "t"}) or any(re.fullmatch(r"[yt]_\d+", n) for n in names)
        for n in names:
            m = LAYERED.fullmatch(n)
            if m and (lay := _LAYER.fullmatch(m.group(3))) and lay.group(1) != letter and not lay.group(2):
                seen[lay.group(1)] = seen.get(lay.group(1), True) and about_output
    return {k for k, only in seen.items() if only and k != "l"}


def _heads(statements: list) -> set[str]:
    """Every letter written as a layer superscript, the last layer's L too (W_{ij}^L)."""
    return {
        lay.group(1)
        for stmt in statements
        for e in expressions(stmt)
        for s in e.atoms(sp.Symbol)
        if (m := LAYERED.fullmatch(s.name)) and (lay := _HEAD.fullmatch(m.group(3)))
    }


def _powers(letters: set[str]):
    """o_i**(k - 1) -> o_i@k-1 when the exponent is a layer letter (u_j**L -> u_j@L beside
    W_{ij}^L) plus a whole number."""

    def fn(e: sp.Basic) -> sp.Basic:
        def visit(p: sp.Basic) -> sp.Basic:
            if not (isinstance(p, sp.Pow) and isinstance(p.base, sp.Symbol) and "@" not in p.base.name):
                return p
            free = p.exp.free_symbols
            k = next(iter(free)) if len(free) == 1 else None
            if not isinstance(k, sp.Symbol) or k.name not in letters:
                return p
            shift = sp.expand(p.exp - k)
            if not shift.is_Integer:
                return p
            return sp.Symbol(f"{p.base.name}@{k.name}{'' if shift == 0 else f'{int(shift):+d}'}")

        return e.replace(lambda p: isinstance(p, sp.Pow), visit) if e.has(sp.Pow) else e

    return fn


def _swapped(name: str, swap: dict) -> str:
    m = LAYERED.fullmatch(name)
    if m:
        base, sub, lay, updated = m.groups()
        sub = "".join(swap.get(c, c) for c in sub) if sub else sub
        lay = re.sub(r"(?<![A-Za-z])([A-Za-z])(?![A-Za-z])", lambda x: swap.get(x.group(1), x.group(1)), lay)
        return f"{base}{'_' + sub if sub else ''}@{lay}{updated or ''}"
    if name in swap:
        return swap[name]
    m = _PLAIN.fullmatch(name)
    if m and m.group(2) and all(c.isalpha() for c in m.group(2)):
        return f"{m.group(1)}_{''.join(swap.get(c, c) for c in m.group(2))}"
    return name


def _rename(mapping):
    def fn(e: sp.Basic) -> sp.Basic:
        subs = {s: sp.Symbol(mapping(s.name)) for s in e.atoms(sp.Symbol) if mapping(s.name) != s.name}
        return e.xreplace(subs) if subs else e

    return fn


def roles(statements: list) -> dict[str, tuple[str, int]]:
    """{'a': ('z', 0), 'o': ('a', 0)} when a definition X_j^l = [b_j^l +] \\sum_i w^l_{..} Y_i^{l-1}
    names the net input X and the output Y by other letters than z and a; ('z', 1) when X is
    indexed by the layer it comes from (v_j^l = \\sum_i w_{ji}^l y_i^l: the net input of layer
    l+1); {} when nothing is said, or a new letter already names something else."""
    bases = {
        m.group(1)
        for st in statements
        for e in expressions(st)
        for s in e.atoms(sp.Symbol)
        if (m := LAYERED.fullmatch(s.name))
    }
    for stmt in statements:
        lhs, factors = defined(stmt)
        m = LAYERED.fullmatch(lhs.name) if isinstance(lhs, sp.Symbol) else None
        if m is None or m.group(1) in WEIGHTS:
            continue
        for f in factors:
            for s in sp.preorder_traversal(f) if isinstance(f, sp.Basic) else []:
                if getattr(s, "func", None) != SUMMATION:
                    continue
                found = [LAYERED.fullmatch(x.name) for x in s.args[0].atoms(sp.Symbol)]
                named = [n for n in found if n]
                if len(named) != 2 or not any(n.group(1) in WEIGHTS for n in named):
                    continue
                x, y = m.group(1), next(n for n in named if n.group(1) not in WEIGHTS)
                gap = difference(m.group(3), y.group(3))
                if gap is None and x != y.group(1):
                    continue  # u^{(3)} = \sum w^{(3)} z^{(l)}: layers that say nothing (a slip), the next one
                if gap not in (0, 1) or x == y.group(1):
                    return {}
                out = {k: v for k, v in ((x, ("z", 1 - gap)), (y.group(1), ("a", 0))) if (k, 0) != v}
                taken = bases - set(out)
                return {} if any(v in taken for v, _ in out.values()) else out
    return {}


def defined(stmt: Statement) -> tuple:
    """(X, the factors of what it is said to be): X = ... of a definition, or X and the sum of
    \\frac{\\partial X}{\\partial v} = \\frac{\\partial (\\sum_k ...)}{\\partial v} (Jihwan Jeong's net
    input u, defined inside its derivative); (None, ()) otherwise."""
    if not stmt.sides:
        return None, ()
    lhs, first = stmt.lhs, stmt.sides[0].factors
    if isinstance(lhs, Partial) and len(first) == 1 and isinstance(first[0], Partial):
        if first[0].den == lhs.den and isinstance(first[0].num, sp.Basic) and first[0].num.has(SUMMATION):
            return lhs.num, (first[0].num,)
    return lhs, first


def _shifted(layer: str, by: int) -> str:
    """'l' + 1 -> 'l+1', 'l-1' + 1 -> 'l', '2' + 1 -> '3'."""
    m = re.fullmatch(r"(\[?)([A-Za-z]*)([+-]?\d+)?", layer)
    if not by or not m:
        return layer
    bracket, head, shift = m.groups()
    value = int(shift or 0) + by
    if not head:
        return f"{bracket}{value}"
    return f"{bracket}{head}{'' if value == 0 else f'{value:+d}'}"


def letter_is_top(statements: list, letter: str) -> bool:
    """Is the document's one layer letter its output layer? So when a loss (C, E, L, J) is defined
    with a target and the letter's own layer (C(a) = (a^l - y)^2: "l is the layer relative to the
    output", a Cross Validated question) and no name is ever written a layer above it (l+1)."""
    from .names import LOSS_NAMES

    defined = False
    for stmt in statements:
        for e in expressions(stmt):
            for s in e.atoms(sp.Symbol):
                m = LAYERED.fullmatch(s.name)
                lay = _LAYER.fullmatch(m.group(3)) if m else None
                if lay and lay.group(1) == letter and lay.group(2) and int(lay.group(2)) > 0:
                    return False
        lhs = getattr(stmt, "lhs", None)
        if isinstance(lhs, sp.Symbol) and lhs.name in LOSS_NAMES and stmt.sides:
            names = {s.name for f in stmt.sides[0].factors if isinstance(f, sp.Basic) for s in f.free_symbols}
            at_letter = any((m := LAYERED.fullmatch(n)) and m.group(3).lstrip("[(") == letter for n in names)
            defined |= at_letter and bool(names & {"y", "t", "y_hat"})
    return defined


def _layers_of(node) -> list[str]:
    """Every layer a matrix statement's tree writes (its names' superscripts)."""
    if isinstance(node, tuple):
        return [x for a in node for x in _layers_of(a)]
    if not isinstance(node, Node):
        return []
    if node.kind == "name":
        return [node.args[1]]
    return _layers_of(node.args)


def _above(statements: list, letter: str) -> bool:
    """Does a matrix statement write a layer above the letter's (W^{l+1})?"""
    for m in statements:
        if isinstance(m, MatrixStatement):
            for lay in _layers_of((m.lhs, *(side.node for side in m.sides))):
                got = _LAYER.fullmatch(lay)
                if got and got.group(1) == letter and got.group(2) and int(got.group(2)) > 0:
                    return True
    return False


def _matrix_top(m, letter: str):
    """A matrix statement with the letter read as the last layer (a^l -> a^L, a^{(l-1)} -> a^{(L-1)})."""
    if not isinstance(m, MatrixStatement):
        return m

    def layer(lay: str) -> str:
        got = _LAYER.fullmatch(lay)
        return lay.replace(letter, "L", 1) if got and got.group(1) == letter else lay

    def node(n):
        if isinstance(n, tuple):
            return tuple(node(a) for a in n)
        if not isinstance(n, Node):
            return n
        if n.kind == "name":
            return replace(n, args=(n.args[0], layer(n.args[1]), *n.args[2:]))
        return replace(n, args=node(n.args))

    return replace(m, lhs=node(m.lhs), sides=tuple(replace(s, node=node(s.node)) for s in m.sides))


def normalize(statements: list) -> tuple[list, dict]:
    """The statements in symprop's letters (layer letter l, the last layer L, net input z, output
    a), and the layer letters swapped ({'k': 'l', 'l': 'k'}) to say instances as written. The
    output layer written N+1 is read as L first (top_letter.py)."""
    statements = as_last(statements)
    scalars = [s for s in statements if isinstance(s, Statement)]
    letter = layer_letter(scalars)
    if not letter:
        return statements, {}
    # the letter's capital, the last layer: Hagan's s^M beside s^m (M layers), L beside l; a name
    # the reader took for a power (s_i**M) is layered too (top_letter.py reads the layered ones)
    top = letter.upper()
    heads = _heads(scalars) & {"L", top}
    out = []
    for s in statements:
        out.append(_map(s, _powers({letter, top} | heads)) if isinstance(s, Statement) else s)
    swap: dict[str, str] = {top: "L"} if top != "L" else {}
    for top in top_letters([s for s in out if isinstance(s, Statement)], letter):
        swap[top] = "L"
    if letter_is_top([s for s in out if isinstance(s, Statement)], letter) and not _above(out, letter):
        top = _rename(lambda n: _swapped(n, {letter: "L"}))
        return [_map(s, top) if isinstance(s, Statement) else _matrix_top(s, letter) for s in out], {}
    if letter != "l":
        swap.update({letter: "l", "l": letter})
    if swap:
        out = [_map(s, _rename(lambda n: _swapped(n, swap))) if isinstance(s, Statement) else s for s in out]
        out = [_condition(s, swap) if isinstance(s, Statement) else s for s in out]
    named = roles([s for s in out if isinstance(s, Statement)]) or goodfellow_letters.roles(out)
    if named:

        def base(n: str) -> str:
            m = LAYERED.fullmatch(n)
            if not m or m.group(1) not in named:
                return n
            letter, by = named[m.group(1)]
            sub = "_" + m.group(2) if m.group(2) else ""
            return f"{letter}{sub}@{_shifted(m.group(3), by)}{m.group(4) or ''}"

        out = [_map(s, _rename(base)) if isinstance(s, Statement) else _matrix_roles(s, named) for s in out]
    return out, {v: k for k, v in swap.items() if v != "L"}


def _matrix_roles(stmt, named: dict):
    """A matrix statement with the document's net input and output letters as symprop's (u^l ->
    z^l), by the roles its scalar definitions say."""
    if not isinstance(stmt, MatrixStatement):
        return stmt

    def one(n: Node) -> Node:
        if n.kind == "name" and n.args[1] and n.args[0] in named:
            letter, by = named[n.args[0]]
            return Node("name", (letter, _shifted(n.args[1], by), *n.args[2:]), n.pos)
        return Node(n.kind, tuple(arg(a) for a in n.args), n.pos)

    def arg(a):
        if isinstance(a, Node):
            return one(a)
        if isinstance(a, tuple):
            return tuple(arg(b) for b in a)
        return a

    sides = tuple(replace(s, node=one(s.node), alt=s.alt and one(s.alt)) for s in stmt.sides)
    return replace(stmt, lhs=one(stmt.lhs), sides=sides)


def as_written(instance: str, swap: dict) -> str:
    """'j=1, l=2' in the document's letters ('j=1, k=2' for Brilliant's layer letter k)."""
    return (
        re.sub(r"\b([a-z])=", lambda m: f"{swap.get(m.group(1), m.group(1))}=", instance)
        if swap
        else instance
    )


def _condition(stmt: Statement, swap: dict) -> Statement:
    def one(c):
        if isinstance(c, str):
            return swap.get(c, c)
        if isinstance(c, tuple):
            return tuple(one(x) for x in c)
        return c

    return replace(stmt, condition=one(stmt.condition)) if stmt.condition else stmt
