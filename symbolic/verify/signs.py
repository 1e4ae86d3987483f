r"""The sign of δ, and update lines, as the classic textbooks write them.

Mitchell (1997) and the PDP chapter define δ_j = -∂E/∂net_j and update w_{ji} ← w_{ji} + Δw_{ji}
with Δw_{ji} = η δ_j x_{ji}; Haykin's local gradient and Russell & Norvig's Δ_k are the same
negated δ; Bishop, Nielsen and Ng write δ = +∂E/∂z and Δw = -η δ x. A document's own statements
say which (`DeltaSign`): a δ defined as ±∂E/∂net, an update (w ← w ± c η δ x, Δw = c η δ x), a
gradient written with δ (∂E/∂w = ±δ x); the option `delta = "plus" | "minus"` settles a document
that says nothing. Without either a δ read by its name alone is not judged (its sign is named as
the ambiguity), never silently accepted.

Update lines are rewritten to the form `resolve` judges (w^{+} = w - η ∂E/∂w, `_update`):
`w ← w + Δw` / `w := w + ...` (`\leftarrow`, `\gets`, `:=` read as '=') becomes w^{+} = w + ...,
and `Δw = RHS` (`\Delta w_{ji}`, `\Delta_p w_{ji}` once the pattern index is dropped) becomes
w^{+} = w + RHS (or w - RHS when the document updates w ← w - Δw). The learning rate is η, α, γ (Rojas) or
ε (`RATES`). Δ_k with a unit index, in an update and with no δ in the document, is Russell &
Norvig's δ (renamed).
Pure functions on parsed statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy as sp

from ..latex import PARTIAL, Partial, Product, Statement
from .explain import Fault

RATES = ("eta", "alpha", "varepsilon", "epsilon", "gamma", "lr")  # γ: Rojas; \text{lr}: code-minded notes
DELTA_OPTIONS = ("plus", "minus")
_ASSIGN = re.compile(r"\\leftarrow|\\gets|\\longleftarrow|:=|←|⟵")
DELTA_NAME = re.compile(r"delta(?:_.*)?")
ASSUMED = (
    "δ read as ∂E/∂net: the document does not say which sign its δ has "
    "(define it, or give --delta minus to read δ = -∂E/∂net)"
)


@dataclass(frozen=True)
class DeltaSign:
    sign: int  # +1: δ = ∂E/∂net; -1: δ = -∂E/∂net; 0: the document does not say
    why: str = ""  # 'defined on line 14', 'the update on line 4 adds η δ x', 'the option --delta'
    kind: str = ""  # the evidence: 'definition', 'update', 'gradient', 'option' ('' for none)
    votes: tuple = ()  # (line, col, ±1) of every update and gradient with δ (verify/sign_votes.py)
    at: tuple = ()  # (line, col) of the statement that says it, when one does


@dataclass(frozen=True)
class SignNote:
    """A note on a verdict about δ's sign, said in words (printed like a chain note)."""

    text: str
    before: None = None
    after: None = None


@dataclass(frozen=True)
class SignFault(Fault):
    """A δ or an update whose sign is wrong for the document's own convention, said in words."""

    text: str = ""


def is_assignment(stmt: Statement) -> bool:
    return bool(_ASSIGN.search(stmt.source))


def is_rate(s: sp.Basic) -> bool:
    return isinstance(s, sp.Symbol) and s.name in RATES


_PARAM = re.compile(r"(?:w|W|v|V|b|Theta|theta)(?:_.+|@.+)?")  # v: Zurada's, Fausett's hidden weights


def is_param_name(name: str) -> bool:
    """A weight's or a bias's raw name (w_{ji}, w_{j,k}, W^{(2)}_{11}, b_j)."""
    return _PARAM.fullmatch(name) is not None


def names_of(statements: list) -> set[str]:
    return {s.name for st in statements if isinstance(st, Statement) for s in symbols_of(st)}


def prepare(statements: list, option: str | None, losses: set[str], why: str = "") -> tuple[list, DeltaSign]:
    """(statements with Δ_k renamed and update lines rewritten, the document's δ sign).
    `losses`: the raw names the document writes for the loss (E_d, E, Loss); `why`: what set
    `option` when the reader did, not the user (verify/sign_votes.py)."""

    def is_loss(expr) -> bool:
        return isinstance(expr, sp.Symbol) and expr.name in losses

    statements = _rename_capital_delta(statements)
    changes, minus_updates, unsettled = _changes(statements)
    out = []
    for stmt in statements:
        if not isinstance(stmt, Statement):
            out.append(stmt)
            continue
        new = _update_form(stmt, changes, minus_updates, is_param_name, unsettled)
        out.append(new or stmt)
    # w(new) = w(old) + Δw follows its Δw's: its δ is the Δw line's, not written on it
    own = [new for new, old in zip(out, statements) if not _uses_change(old)]
    if option:  # the reader's option (the votes' majority) keeps the votes that chose it
        sign = DeltaSign(1 if option == "plus" else -1, why or "the option --delta " + option, "option")
        return out, replace(sign, votes=_votes(own, is_loss)) if why else sign
    sign = _sign(out, is_loss)
    if sign.kind in ("update", "gradient"):  # read from a form alone: every such form is a vote
        sign = replace(sign, votes=_votes(own, is_loss))
    return out, sign


MOMENTUM = (
    "an update with momentum (a multiple of the step before, Δw(t-1)): not checked, it depends on that step"
)


def is_momentum(stmt: Statement) -> bool:
    """Δw(t) = -ε ∂E/∂w(t) + α Δw(t-1): the change written with a change on its right."""
    delta = sp.Symbol("Delta")
    lhs = stmt.lhs
    if not isinstance(lhs, sp.Expr) or isinstance(lhs, Partial) or not lhs.has(delta):
        return False
    return any(f.has(delta) for p in stmt.sides for f in _exprs(p))


def _rename_capital_delta(statements: list) -> list:
    """Russell & Norvig's Δ_k (a unit's modified error) is a δ when the document has no δ."""
    names = {s.name for st in statements if isinstance(st, Statement) for s in symbols_of(st)}
    if any(DELTA_NAME.fullmatch(n) for n in names):
        return statements
    swap = {sp.Symbol(n): sp.Symbol("d" + n[1:]) for n in names if re.fullmatch(r"Delta_[^^]+", n)}
    in_update = any(  # w_{j,k} ← w_{j,k} + α a_j Δ_k: Δ steps a weight, so it is a δ
        {s.name for s in symbols_of(st)} & set(RATES) and set(swap) & symbols_of(st)
        for st in statements
        if isinstance(st, Statement)
    )
    if not swap or not in_update:  # else Δ_{o1} is the author's own quantity
        return statements
    return [xreplace_statement(st, swap) if isinstance(st, Statement) else st for st in statements]


def symbols_of(stmt: Statement) -> set:
    out: set = set()
    for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
        for e in (
            [obj.num, obj.den] if isinstance(obj, Partial) else [obj] if isinstance(obj, sp.Basic) else []
        ):
            out |= e.atoms(sp.Symbol)
    return out


def xreplace_statement(stmt: Statement, swap: dict) -> Statement:
    def one(f):
        if isinstance(f, Partial):
            return Partial(f.num.xreplace(swap), f.den.xreplace(swap))
        return f.xreplace(swap) if isinstance(f, sp.Basic) else f  # None, DITTO stay

    sides = tuple(
        replace(p, factors=tuple(one(f) for f in p.factors), parts=tuple(one(f) for f in p.parts))
        for p in stmt.sides
    )
    return replace(stmt, lhs=one(stmt.lhs), sides=sides)


def _change_of(lhs) -> sp.Symbol | None:
    """Δw_{ji} (Delta*w_ji) -> w_ji."""
    if isinstance(lhs, sp.Mul) and len(lhs.args) == 2:
        a, b = lhs.args
        for d, w in ((a, b), (b, a)):
            if d == sp.Symbol("Delta") and isinstance(w, sp.Symbol):
                return w
    return None


def _value(p: Product) -> sp.Expr:
    """A side as one expression; a written derivative as PARTIAL(num, den)."""
    return sp.Mul(*[PARTIAL(f.num, f.den) if isinstance(f, Partial) else _basic(f) for f in p.factors])


_UNKNOWN = sp.Symbol("Ditto")  # a '//' factor: its value is the factor above (verify/ditto.py)


def _basic(f) -> sp.Expr:
    return f if isinstance(f, sp.Basic) else _UNKNOWN


def _changes(statements: list) -> tuple[dict, set, set]:
    """Δw -> its value (the last side of its definition); the w updated as w ← w - Δw (or
    w^{new} = w^{old} - Δw); the w updated both ways (their Δw lines are left unread)."""
    changes: dict[sp.Symbol, sp.Expr] = {}
    minus: set[sp.Symbol] = set()
    plus: set[sp.Symbol] = set()
    for st in statements:
        if not isinstance(st, Statement) or not st.sides:
            continue
        w = _change_of(st.lhs)
        if w is not None and all(not f.has(sp.Symbol("Delta")) for f in _exprs(st.sides[-1])):
            changes.setdefault(w, _value(st.sides[-1]))
        if isinstance(st.lhs, sp.Symbol) and is_assignment(st):
            rest = sp.expand(_value(st.sides[-1]) - st.lhs)
            if rest == -sp.Symbol("Delta") * st.lhs:
                minus.add(st.lhs)
        after = _after(st.lhs)
        if after is not None:  # w^{new} = w^{old} - Δw, w' = w - Δw: the same direction
            rest = sp.expand(_value(st.sides[-1]) - after)
            if rest == -sp.Symbol("Delta") * after:
                minus.add(after)
            elif rest == sp.Symbol("Delta") * after:
                plus.add(after)
    unsettled = plus & minus  # w + Δw on one line, w - Δw on another: which Δw is meant is not said
    for w in unsettled:
        changes.pop(w, None)
    return changes, minus - unsettled, unsettled


def _uses_change(stmt) -> bool:
    """A statement with Δw on a side (w ← w + Δw)."""
    return isinstance(stmt, Statement) and any(
        f.has(sp.Symbol("Delta")) for p in stmt.sides for f in _exprs(p)
    )


def _after(lhs) -> sp.Symbol | None:
    """w for w^{+} (w^{new}, w', w(new) as the reader marks them); None for any other left side."""
    if isinstance(lhs, sp.Symbol) and lhs.name.endswith("^+"):
        return sp.Symbol(lhs.name[:-2])
    return None


def _exprs(p: Product) -> list:
    return [f for f in p.factors if isinstance(f, sp.Basic)]


def _rated_self(stmt: Statement) -> bool:
    """w = w - η ∂E/∂w written with '=' (Ng's notes, many posts): the parameter once on every
    side and a learning rate (RATES) beside it, an update as much as w := w - η ∂E/∂w; sides of
    numbers alone (= 0.40 - 0.5 · 0.0822 = 0.3589, a worked example's) aside."""
    w = stmt.lhs
    sides = _formulas(stmt)
    for p in sides:
        v = sp.expand(_value(p))
        if v.coeff(w) != 1 or not any(is_rate(s) for s in v.free_symbols):
            return False
    return bool(sides)


def _formulas(stmt: Statement) -> list[Product]:
    """The sides that are not numbers alone (a worked example's numbers are claims, set apart)."""
    return [p for p in stmt.sides if _value(p).free_symbols]


def _update_form(
    stmt: Statement, changes: dict, minus: set, is_param_name, unsettled: frozenset | set = frozenset()
) -> Statement | None:
    """w ← w + ... and Δw = ... as w^{+} = w + ...; None for any other statement."""
    if any(not isinstance(f, (sp.Basic, Partial)) for p in stmt.sides for f in p.factors):
        return None  # '//' marks: not an update line
    w = _change_of(stmt.lhs)
    if w is not None and w in unsettled:
        return None  # its direction is written both ways: Δw is left unread
    if w is not None and is_param_name(w.name) and stmt.sides:
        sign = -1 if w in minus else 1
        sides = tuple(
            replace(p, factors=(w + sign * _value(p).xreplace({sp.Symbol("Delta") * w: changes.get(w, 0)}),))
            for p in stmt.sides
        )
        return replace(stmt, lhs=sp.Symbol(w.name + "^+"), sides=sides)
    after = _after(stmt.lhs)
    if after is not None and after in changes:  # w_{jk}(new) = w_{jk}(old) + Δw_{jk}: Δw as defined
        change = sp.Symbol("Delta") * after
        sides = tuple(replace(p, factors=(_value(p).subs(change, changes[after]),)) for p in stmt.sides)
        return replace(stmt, sides=sides)
    if (
        isinstance(stmt.lhs, sp.Symbol)
        and (is_assignment(stmt) or _rated_self(stmt))
        and (is_param_name(stmt.lhs.name) or _rated_self(stmt))  # v_1 := v_1 - η ...: any letter
    ):
        w = stmt.lhs
        formulas = _formulas(stmt)
        if not formulas or not all(_value(p).has(w) for p in formulas):
            return None
        delta_w = sp.Symbol("Delta") * w
        sides = tuple(
            replace(p, factors=(_value(p).xreplace({delta_w: changes[w]}) if w in changes else _value(p),))
            for p in stmt.sides
        )
        return replace(stmt, lhs=sp.Symbol(w.name + "^+"), sides=sides)
    return None


def _sign(statements: list, is_loss) -> DeltaSign:
    """The sign of δ the document shows: a definition first, then an update, then a gradient
    written with δ; 0 when it shows none."""
    for kind in ("definition", "update", "gradient"):
        for st in statements:
            if not isinstance(st, Statement):
                continue
            found = _evidence(st, kind, is_loss)
            if found:
                return DeltaSign(found, f"{_WHY[kind]} on line {st.line}", kind, at=(st.line, st.col))
    return DeltaSign(0)


def _votes(statements: list, is_loss) -> tuple:
    """(line, col, sign) of each update and each gradient written with δ: the sign of δ its form
    says (w - η δ x: +1; w + η δ x: -1; ∂E/∂w = δ x: +1)."""
    out = []
    for st in statements:
        if isinstance(st, Statement):
            found = _evidence(st, "update", is_loss) or _evidence(st, "gradient", is_loss)
            if found:
                out.append((st.line, st.col, found))
    return tuple(out)


_WHY = {
    "definition": "δ is defined",
    "update": "the update with δ",
    "gradient": "the gradient written with δ",
}


def _evidence(st: Statement, kind: str, is_loss) -> int:
    if kind == "definition" and isinstance(st.lhs, sp.Symbol) and DELTA_NAME.fullmatch(st.lhs.name):
        for p in st.sides:  # δ = -∂E/∂net, δ = ∂E/∂o ∂o/∂net, δ = Σ_k ∂C/∂z_k ∂z_k/∂z_j
            value = _value(p)
            of_loss = [a for a in value.atoms(sp.Function) if a.func == PARTIAL and is_loss(a.args[0])]
            if of_loss:
                return -1 if value.could_extract_minus_sign() else 1
        return 0
    if kind == "update" and isinstance(st.lhs, sp.Symbol) and st.lhs.name.endswith("^+") and st.sides:
        w = sp.Symbol(st.lhs.name[:-2])  # the last side that says it: `= 0.5 × 0.0133 × 1` does not
        changes = (sp.expand(_value(p) - w) for p in reversed(st.sides))
        return next((s for c in changes if (s := _coefficient_sign(c, rate=True, opposite=True))), 0)
    if kind == "gradient" and isinstance(st.lhs, Partial) and is_loss(st.lhs.num):
        for p in st.sides:
            if any(isinstance(f, Partial) for f in p.factors):
                continue
            found = _coefficient_sign(_value(p), rate=False, opposite=False)
            if found:
                return found
    return 0


def _coefficient_sign(expr: sp.Expr, rate: bool, opposite: bool) -> int:
    """The sign of a single term c·(η)·δ·...; an update's change is -η ∂E/∂w, so a δ added with
    +η is -∂E/∂net (`opposite`)."""
    terms = sp.Add.make_args(sp.expand(expr))
    if len(terms) != 1:
        return 0
    term = terms[0]
    names = [s.name for s in term.free_symbols]
    if not any(DELTA_NAME.fullmatch(n) for n in names) or rate and not any(n in RATES for n in names):
        return 0
    coeff = term.as_coeff_Mul()[0]
    sign = 1 if coeff > 0 else -1
    return -sign if opposite else sign
