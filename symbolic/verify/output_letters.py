r"""A softmax layer's own letters, no line defining them, read by their use in the document.

Notes on the softmax with cross-entropy write the probabilities and the logits in letters of
their own and define neither: `\frac{\partial L}{\partial o_i} = -\sum_k y_k \frac{\partial \log
p_k}{\partial o_i} = ... = p_i - y_i` (ezalos, maths.md), `J(Y, \hat{Y}) = -sum(Y * \log(\hat{Y}))`
then `\frac{\partial \hat{Y}_k}{\partial X_j}` (AI Stack Exchange 35741). Their use says what they
are, where it admits one reading:
- a capital written bare in a plain-word sum of vectors (sum(Y * \log \hat{Y}), read by
  `vector_sums` as the vector of its lowercase entries) is that vector wherever it carries an
  index: \hat{Y}_j is \hat{y}_j, Y_j is y_j (`entries`);
- P is the output's activation when the cross-entropy is written in it: \sum_k y_k \log P_k, or
  \sum_k y_k \partial \log P_k / \partial ... (y the target, the document writing no other);
  \hat{y} is the output already;
- O is the output layer's net input when the output (P or \hat{y}) is differentiated by O_i, O's
  letter i indexes the output too (P_i, \hat{y}_i: O has the output's units, and a unit has two
  values, its activation, taken, and its net input), and the network's one layer is the output
  (deeper, O_i might be a hidden unit's value written in a letter the output also uses);
each only where no line defines the letter and the network has no such name. Such names become
aliases (`aliases`), as `% symprop: alias o_i = z_{L,i}` would; the user's aliases win.
Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sympy as sp

from ..latex import Partial, Statement
from ..latex.matrix import MatrixStatement, Node
from ..latex.statements import PARTIAL, SUMMATION
from ..latex.vector_max import VECTOR_SUM
from .binding import Source
from .conventions import Conventions
from .letter_readings import name_is_free
from .names import Resolver
from .symbols import _all_symbols, map_expressions

_CAPITAL = re.compile(r"([A-Z])((?:_hat|_bar|_tilde)?)")
_INDEXED = re.compile(r"([A-Za-z]+)_([a-z])")
_HAT = re.compile(r"y_hat_([a-z])")
_RIVALS = re.compile(r"(?:t|T|d)(?:_.+)?")  # another target letter beside y: y's role unsettled


def _exprs(stmt: Statement) -> list[sp.Basic]:
    out = [stmt.lhs.num, stmt.lhs.den] if isinstance(stmt.lhs, Partial) else [stmt.lhs]
    for side in stmt.sides:
        for f in side.factors:
            out += [f.num, f.den] if isinstance(f, Partial) else [f]
    return [e for e in out if isinstance(e, sp.Basic)]


def _statements(statements) -> list[Statement]:
    return [s for s in statements if isinstance(s, Statement)]


def _vectors(statements: list) -> set[str]:
    """Capitals a matrix statement writes bare, with no layer and no index (Diaz's Y = [0; 1],
    A^{[2]} - Y): vectors, and so is the estimate \\hat{Y} of a vector Y."""
    out: set[str] = set()

    def walk(n) -> None:
        if isinstance(n, Node):
            word, layer, index = (n.args + ("", "", ""))[:3] if n.kind == "name" else ("", "", "")
            if n.kind == "name" and _CAPITAL.fullmatch(str(word)) and not layer and not index:
                out.add(str(word))
            for a in n.args:
                walk(a)
        elif isinstance(n, tuple):
            for a in n:
                walk(a)

    for m in statements:
        if isinstance(m, MatrixStatement):
            walk(m.lhs)
            for side in m.sides:
                walk(side.node)
    return out | {f"{v}_hat" for v in out if len(v) == 1}


def entries(statements: list) -> list:
    """Statements with each indexed capital that a plain-word sum or a matrix statement writes
    bare as a vector read as its lowercase entry (\\hat{Y}_j -> \\hat{y}_j, Y_k -> y_k)."""
    bare = _vectors(statements)
    for stmt in _statements(statements):
        for e in _exprs(stmt):
            for s in sp.preorder_traversal(e):
                if getattr(s, "func", None) == VECTOR_SUM:
                    bare |= {x.name for x in s.free_symbols if _CAPITAL.fullmatch(x.name)}
    if not bare:
        return statements
    swap = {}
    for stmt in _statements(statements):
        for s in _all_symbols(stmt):
            base, _, index = s.name.rpartition("_")
            if base in bare and re.fullmatch(r"[a-z]", index):
                m = _CAPITAL.fullmatch(base)
                swap[s] = sp.Symbol(f"{m.group(1).lower()}{m.group(2)}_{index}")  # type: ignore[union-attr]
    if not swap:
        return statements
    return [
        map_expressions(s, lambda e: e.xreplace(swap)) if isinstance(s, Statement) else s for s in statements
    ]


def _cross_entropy_letters(stmt: Statement) -> set[str]:
    """Bases P of \\sum_k y_k \\log P_k (or of \\partial \\log P_k / \\partial ...) in a statement."""
    out = set()
    for e in _exprs(stmt):
        for s in sp.preorder_traversal(e):
            if getattr(s, "func", None) != SUMMATION:
                continue
            body, k = s.args[0], s.args[1].name
            if sp.Symbol(f"y_{k}") not in body.free_symbols:
                continue
            logs = [a for a in sp.preorder_traversal(body) if isinstance(a, sp.log)]
            for lg in logs:
                arg = lg.args[0]
                m = _INDEXED.fullmatch(arg.name) if isinstance(arg, sp.Symbol) else None
                if m and m.group(2) == k and m.group(1) != "y":
                    out.add(m.group(1))
    return out


def _derivatives(e: sp.Basic) -> list[tuple[sp.Basic, sp.Basic]]:
    if isinstance(e, Partial):
        return [(e.num, e.den)]
    return [(p.args[0], p.args[1]) for p in sp.preorder_traversal(e) if getattr(p, "func", None) == PARTIAL]


def _by(statements: list[Statement], outputs: set[str]) -> set[str]:
    """Bases O of the O_i the output (a base of `outputs`, or \\hat{y}) is differentiated
    by, whose letter i indexes the output too."""
    written = {s.name for stmt in statements for s in _all_symbols(stmt)}
    indexed = {m.group(2) for n in written if (m := _INDEXED.fullmatch(n)) and m.group(1) in outputs}
    indexed |= {m.group(1) for n in written if (m := _HAT.fullmatch(n))}
    out = set()
    for stmt in statements:
        pairs = [
            p for f in [stmt.lhs, *(f for side in stmt.sides for f in side.factors)] for p in _derivatives(f)
        ]
        for num, den in pairs:
            m = _INDEXED.fullmatch(den.name) if isinstance(den, sp.Symbol) else None
            if not m or m.group(2) not in indexed or m.group(1) in outputs:
                continue
            names = {s.name for s in num.free_symbols}
            of_output = any(
                (n := _INDEXED.fullmatch(x)) and n.group(1) in outputs or _HAT.fullmatch(x) for x in names
            )
            if of_output:
                out.add(m.group(1))
    return out


def aliases(d, statements: Sequence, explicit: dict | None, conventions: dict | None) -> tuple[dict, list]:
    """(the user's aliases and, under them, the softmax layer's letters the document's use
    settles; a Source for each of those, said with the verdicts)."""
    explicit = dict(explicit or {})
    statements = _statements(statements)
    written = {s.name for stmt in statements for s in _all_symbols(stmt)}
    if (conventions or {}).get("targets", "y") != "y" or any(_RIVALS.fullmatch(n) for n in written):
        return explicit, []
    defined = {stmt.lhs.name.rpartition("_")[0] for stmt in statements if isinstance(stmt.lhs, sp.Symbol)}
    resolver = Resolver(d, explicit, Conventions.of(conventions))
    bases = {m.group(1) for n in written if (m := _INDEXED.fullmatch(n))}
    outputs = {
        b
        for stmt in statements
        for b in _cross_entropy_letters(stmt)
        if b in bases
        and b not in defined
        and all(name_is_free(resolver, n) for n in written if n.startswith(b + "_"))
    }
    # deeper, O_i might be a hidden unit's value that reuses the output's letter: not read
    inputs = {
        b
        for b in (_by(statements, outputs) if d.spec.depth == 1 else set())
        if b not in defined and all(name_is_free(resolver, n) for n in written if n.startswith(b + "_"))
    }
    depth = d.spec.depth
    found: dict = {}
    sources = []
    for name in sorted(written):
        m = _INDEXED.fullmatch(name)
        kind = "a" if m and m.group(1) in outputs else "z" if m and m.group(1) in inputs else ""
        if m and kind and sp.Symbol(name) not in explicit:
            found[sp.Symbol(name)] = sp.Symbol(f"{kind}_{depth},{m.group(2)}")
            line = min(st.line for st in statements if name in {x.name for x in _all_symbols(st)})
            sources.append(Source(name, sp.Symbol(f"{kind}_{depth},{m.group(2)}"), line, "output letters"))
    return {**found, **explicit}, sources


def said(value: sp.Symbol) -> tuple[str, str]:
    """(the network's name as the messages write it, z^{(1)}_{i}; 'activation' or 'net input') of
    a value `aliases` gives (z_1,i)."""
    base, _, rest = value.name.partition("_")
    layer, _, letter = rest.partition(",")
    return f"{base}^{{({layer})}}_{{{letter}}}", "activation" if base == "a" else "net input"
