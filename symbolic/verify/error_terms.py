r"""Per-output errors in the spellings a document settles itself: E_j, E_k (the error of output j:
the loss's terms in that output alone), E_{j1}, E_{j2} beside E_{total} = E_{j1} + E_{j2}.

`names.Resolver` reads Mazur's E_{o1}, E_1, E_{y2} as output k's terms of the loss (E_total =
E_{o1} + E_{o2}). Other spellings are read only when the document makes them per-output errors:
- a letter-indexed E_j (L_j, C_j, J_j) the document defines as a loss's term in names indexed by
  the same letter (a square or a log: E_j = \frac{1}{2}(t_j - o_j)^2, E_j = -t_j \ln o_j; not
  E_j = \delta_j, a unit's error, which stays the document's own name), or sums into the loss
  (E = \sum_j E_j) while writing it beside a quantity indexed by j (∂E_j/∂o_j): each instance
  then reads E_j as output j's error (indices.py, by `Resolver.per_output`). A sum over E_n with
  n on no unit stays an average over training examples, and E_n, L_i, J_i (per-example losses)
  are never read here;
- numbered names with one prefix (E_{j1} ... E_{jn}, n the outputs) written as the loss's sum
  (E_{total} = E_{j1} + E_{j2}): E_{jk} is output k's error (an alias, so messages keep the
  author's spelling).
Such a name the document does not settle is left unknown with the reason (an error of one output,
or of one unit, δ?). Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..errors import SympropError
from ..latex import Partial, Statement
from ..latex.statements import SUMMATION
from .binding import Binding, Source
from .names import LOSS_NAMES, Resolver
from .symbols import expressions

_LETTER = re.compile(r"(E|L|C|J)_([a-z])")
_NUMBERED = re.compile(r"(E|L|C|J)_([a-z]+)(\d+)")
_INDEXED = r"[A-Za-z]+(?:_hat|_tilde)?_{}(?:@.*)?"  # y_j, o_j, a_j@[2: a quantity indexed by the letter


def _unknown(resolver: Resolver, name: str) -> bool:
    if name in LOSS_NAMES or sp.Symbol(name) in resolver.user:
        return False
    try:
        return resolver.lookup(name) is None
    except SympropError:
        return False


def _is_loss(resolver: Resolver, e) -> bool:
    if not isinstance(e, sp.Symbol):
        return False
    try:
        return resolver.lookup(e.name) == resolver.d.loss_symbol or (
            e in resolver.user and resolver.resolve(e) == resolver.d.loss_symbol
        )
    except SympropError:
        return False


def _indexed_by(letter: str, exprs, but: str) -> bool:
    pattern = re.compile(_INDEXED.format(letter))
    return any(pattern.fullmatch(s.name) and s.name != but for e in exprs for s in e.atoms(sp.Symbol))


def _term(st: Statement, letter: str, name: str) -> bool:
    """Is the definition's right side shaped as one output's term of a loss: a square or a log,
    in names indexed by the letter, no derivative and no other function (E_j = (y_j - a_j)
    σ'(z_j) or E_j = δ_j, a unit's error, is not)?"""
    for p in st.sides:
        for f in p.factors:
            if not isinstance(f, sp.Basic) or not _indexed_by(letter, [f], name):
                return False
            calls = f.atoms(sp.Function)
            if any(not isinstance(c, sp.log) for c in calls):
                return False
            if not calls and not any(isinstance(x, sp.Pow) and x.exp == 2 for x in sp.preorder_traversal(f)):
                return False
    return True


def _sides(stmt: Statement) -> list:
    return [f for p in stmt.sides for f in p.factors if isinstance(f, sp.Basic) and len(p.factors) == 1]


def letters(resolver: Resolver, statements) -> set[str]:
    """The letter-indexed names (E_j) the document makes per-output errors."""
    stmts = [s for s in statements if isinstance(s, Statement)]
    written = {s.name for st in stmts for e in expressions(st) for s in e.atoms(sp.Symbol)}
    out = set()
    for name in sorted(written):
        m = _LETTER.fullmatch(name)
        if not m or not _unknown(resolver, name):
            continue
        letter, raw = m.group(2), sp.Symbol(name)
        defined = any(st.lhs == raw and _term(st, letter, name) for st in stmts)
        summed = any(
            _is_loss(resolver, st.lhs)
            and any(
                getattr(f, "func", None) == SUMMATION and f.args[0] == raw and f.args[1].name == letter
                for f in _sides(st)
            )
            for st in stmts
        )
        beside = any(
            st.lhs != raw
            and raw in {s for e in expressions(st) for s in e.atoms(sp.Symbol)}
            and _indexed_by(letter, expressions(st), name)
            for st in stmts
        )
        if defined or (summed and beside):
            out.add(name)
    return out


def numbered(resolver: Resolver, statements) -> dict[str, tuple[int, int]]:
    """E_{j1} ... E_{jn} of a loss written as their sum -> (output k, the line)."""
    n = len(resolver.d.outputs)
    out: dict[str, tuple[int, int]] = {}
    for st in statements:
        if not isinstance(st, Statement) or not _is_loss(resolver, st.lhs):
            continue
        for side in _sides(st):
            terms = sp.Add.make_args(side)
            ms = [_NUMBERED.fullmatch(getattr(t, "name", "")) for t in terms]
            if len(terms) != n or n < 2 or not all(ms):
                continue
            prefixes = {(m.group(1), m.group(2)) for m in ms if m}
            ks = sorted(int(m.group(3)) for m in ms if m)
            if len(prefixes) != 1 or ks != list(range(1, n + 1)):
                continue
            for t, m in zip(terms, ms):
                if m and _unknown(resolver, t.name):
                    out.setdefault(t.name, (int(m.group(3)), st.line))
    return out


def apply(d, statements, bound: Binding, aliases: dict) -> tuple[Binding, set[str]]:
    """The binding with E_{j1} ... read as output k's error and the unsettled spellings said,
    and the letter-indexed per-output names for the instances."""
    resolver = Resolver(d, {**bound.aliases, **aliases})
    per = letters(resolver, statements)
    fixed = numbered(resolver, statements)
    new_aliases, sources, notes = dict(bound.aliases), list(bound.sources), dict(bound.notes)
    for name, (k, line) in fixed.items():
        value = resolver.output_error(k - 1)
        if value is None:
            continue
        new_aliases[sp.Symbol(name)] = sp.Symbol(f"E_{k}")
        sources.append(Source(name, value, line, "per-output error"))
    stmts = [s for s in statements if isinstance(s, Statement)]
    written = {s.name for st in stmts for e in expressions(st) for s in e.atoms(sp.Symbol)}
    for name in sorted(written - per - set(fixed)):
        if (_LETTER.fullmatch(name) or _NUMBERED.fullmatch(name)) and _unknown(resolver, name):
            if name in notes or any(
                isinstance(st.lhs, Partial) is False and st.lhs == sp.Symbol(name) for st in stmts
            ):
                continue
            notes[name] = _unsettled(name)
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(bound, aliases=new_aliases, sources=sources, notes=notes), per


def _unsettled(name: str) -> tuple[str, str]:
    from .hints import shown

    m = _LETTER.fullmatch(name) or _NUMBERED.fullmatch(name)
    assert m is not None
    said = shown(name)
    return (
        f"{said} is not defined, and could be the error of one output (its term of the loss) "
        "or of one unit (a δ)",
        f"define the loss as their sum ({m.group(1)} = \\sum_j {m.group(1)}_j) or each term "
        f"({m.group(1)}_j = \\frac{{1}}{{2}}(t_j - o_j)^2)",
    )
