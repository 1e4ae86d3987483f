r"""Names a document defines for itself as a sum over a layer, read as defined wherever they are used.

`a_j = \frac{\exp(z_j)}{S},\;\; S = \sum_{t} \exp(z_t)` (the softmax's normalizer), `Z = \sum_k
e^{f_k}`: an index-free name the network does not have, defined once by a formula that sums over
an index, or is minus a squared difference (MIT 6.034's performance P = -\frac12 (y^* - y)^2,
which its weights climb). Every other statement reads the name as its formula (`S` in `1/S`,
`\ln(S)`, `\partial S / \partial b_j`), so a definition written after its use binds and judges
like the inlined one; the definition itself defines a name of the document's own: nothing to
check, said so.

Never a guess: a name is inlined only when the document defines it exactly once, by one formula
holding a \sum, never in terms of itself, never differentiated by (a name the document takes a
derivative with respect to is a quantity of the network, to be bound, not inlined), and the
network's own names (the loss, E, L, C, y, ...), an explicit alias, or a name the document's
definitions already bind to the network's (`O = \sigma(\sum_j w_j x_j + b)`, the output)
never. Pure: statements in, statements and the definitions' 'not checked' reasons out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from ..latex import Partial, Product, Statement
from .ditto import Unchecked
from .hints import shown

_NAME = re.compile(r"[A-Za-z]+")  # index-free: S, Z, N (no subscript, no decoration)
OWN = (
    "defines {}, a name of the document's own (a sum): nothing to check "
    "(the other lines read it as defined here)"
)


def _sums(e: sp.Basic) -> bool:
    return any(type(x).__name__ == "Summation" for x in sp.preorder_traversal(e))


def _performance(e: sp.Basic) -> bool:
    """Minus a squared difference, -\\frac12 (y^* - y)^2: a performance its weights climb (MIT
    6.034's P), never the loss (a loss's own name, LFD's e = (x - y)^2, is bound as the loss)."""
    return e.could_extract_minus_sign() and any(
        isinstance(x, sp.Pow) and x.exp == 2 and isinstance(x.base, sp.Add) and len(x.base.args) == 2
        for x in sp.preorder_traversal(e)
    )


def _denominators(statements) -> set[str]:
    """The raw names some derivative is taken with respect to (∂·/∂NAME), anywhere."""
    out: set[str] = set()
    for stmt in statements:
        objs = [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]
        for obj in objs:
            if isinstance(obj, Partial):
                out |= {s.name for s in getattr(obj.den, "free_symbols", set())}
            elif isinstance(obj, sp.Basic):
                for x in sp.preorder_traversal(obj):
                    if type(x).__name__ == "Partial" and len(x.args) == 2:
                        out |= {s.name for s in x.args[1].free_symbols}
    return out


def _uses(stmt: Statement, name: sp.Symbol) -> bool:
    objs = [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]
    for obj in objs:
        parts = [obj.num, obj.den] if isinstance(obj, Partial) else [obj] if isinstance(obj, sp.Basic) else []
        if any(name in getattr(x, "free_symbols", set()) for x in parts):
            return True
    return False


def defined(statements, known: Callable[[str], bool]) -> dict[sp.Symbol, tuple[sp.Expr, Statement]]:
    """The names to inline: NAME -> (its formula, the statement defining it)."""
    plain = [s for s in statements if isinstance(s, Statement)]
    by_name: dict[sp.Symbol, list[Statement]] = {}
    for stmt in plain:
        if isinstance(stmt.lhs, sp.Symbol) and _NAME.fullmatch(stmt.lhs.name):
            by_name.setdefault(stmt.lhs, []).append(stmt)
    differentiated = _denominators(plain)
    out: dict[sp.Symbol, tuple[sp.Expr, Statement]] = {}
    for name, defs in by_name.items():
        if len(defs) != 1 or len(defs[0].sides) != 1 or name.name in differentiated or known(name.name):
            continue
        factors = defs[0].sides[0].factors
        if not factors or not all(isinstance(f, sp.Basic) and not isinstance(f, Partial) for f in factors):
            continue
        body = sp.Mul(*factors)
        if name in body.free_symbols or not (_sums(body) or _performance(body)):
            continue
        if not any(_uses(s, name) for s in plain if s is not defs[0]):
            continue
        out[name] = (body, defs[0])
    return out


def _swap(obj, mapping: dict):
    if isinstance(obj, Partial):
        return Partial(_swap(obj.num, mapping), _swap(obj.den, mapping))
    if isinstance(obj, sp.Basic):
        return obj.xreplace(mapping)
    return obj


def inline(
    statements: list, known: Callable[[str], bool], settled: Callable[[list], set[str]] | None = None
) -> tuple[list, list[Unchecked]]:
    """Statements with the document's own sum-names read as their formulas; their definitions
    taken out, each said not checked with its reason. `settled`: the names the document's
    definitions bind to the network's as they stand (O = \\sigma(\\sum_j w_j x_j + b), the output):
    those are the network's, never inlined."""
    names = defined(statements, known)
    if names and settled is not None:
        taken = settled(statements)
        names = {n: v for n, v in names.items() if n.name not in taken}
    if not names:
        return statements, []
    mapping = {name: body for name, (body, _) in names.items()}
    for _ in range(len(mapping)):  # a name defined through another: to its end
        mapping = {name: body.xreplace(mapping) for name, body in mapping.items()}
    definitions = {id(stmt): name for name, (_, stmt) in names.items()}
    kinds = {
        id(stmt): OWN if _sums(body) else OWN.replace("(a sum)", "(a formula)")
        for body, stmt in names.values()
    }
    out, unchecked = [], []
    for stmt in statements:
        if id(stmt) in definitions:
            unchecked.append(
                Unchecked(stmt.line, stmt.col, kinds[id(stmt)].format(shown(definitions[id(stmt)].name)))
            )
            continue
        if not isinstance(stmt, Statement) or not any(_uses(stmt, n) for n in mapping):
            out.append(stmt)
            continue
        out.append(swapped(stmt, mapping))
    return out, unchecked


def swapped(stmt, mapping: dict):
    """A statement with names replaced (`mapping`: Symbol -> expression) on every side."""
    if not isinstance(stmt, Statement):
        return stmt
    sides = tuple(
        Product(
            tuple(_swap(f, mapping) for f in p.factors),
            p.text,
            p.col,
            p.line,
            tuple(_swap(q, mapping) for q in p.parts),  # the factors in written order, for naming one
        )
        for p in stmt.sides
    )
    return replace(stmt, lhs=_swap(stmt.lhs, mapping), sides=sides)


def known_to(d, aliases: dict | None, conventions: dict | None) -> Callable[[str], bool]:
    """Is a raw name one the network (or an explicit alias) already gives a meaning?"""
    from ..errors import SympropError
    from .conventions import Conventions
    from .names import Resolver

    resolver = Resolver(d, dict(aliases or {}), Conventions.of(conventions))
    explicit = {getattr(k, "name", str(k)) for k in (aliases or {})}

    def known(name: str) -> bool:
        if name in explicit:
            return True
        try:
            return resolver.lookup(name) is not None
        except SympropError:
            return True  # refused by the resolver: not a name of the document's own to inline

    return known


def settled_by(d, aliases: dict | None, conventions: dict | None) -> Callable[[list], set[str]]:
    """The raw names the document's definitions bind to the network's (binding.py), as written."""
    from .binding import bind

    def settled(statements: list) -> set[str]:
        return {getattr(k, "name", str(k)) for k in bind(d, statements, aliases, conventions).aliases}

    return settled
