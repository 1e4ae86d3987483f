"""Verify hand-derived gradients against the Derivation, and name the factor at fault.

Contract: statements (as `symbolic.latex_parse` gives them, from LaTeX or the plain syntax of
`symbolic.verify_read`) go in; a `Report` comes out with one `Verdict` per derivative statement.

How a statement is decided (each stage a function of the previous one's data):
  1. '//' marks are replaced by the factor at the same position on the line above.
  2. Names are mapped to the network's symbols (`verify_names.Resolver`); a written partial factor
     stands for its true value.
  3. Points: 20 random ones (40 digits, every intermediate from one forward pass) for a smooth
     statement; for a piecewise one (ReLU, leaky ReLU, step, |z|, max), points chosen so that each
     unit it involves is on at some and off at others (`verify_points`).
     Every checked side differing anywhere -> wrong, each wrong side named.
  4. Equal -> exact: `check.exact_zero` of the difference with the forward intermediates as
     independent symbols, every piecewise branch at once (`verify_piecewise`), else fully
     expanded, within a time budget (never `simplify`). Patterns the comparison could not clear
     are tried as points.
  5. Not proved -> "correct" only if the points discriminate (a non-zero true value, not one
     constant, every unit both on and off); else up to SEARCH_ROUNDS further point sets, then
     "not proved" (exit code 3), never "correct".
  6. Wrong -> the written factors are aligned with the true chain-rule factors (groups whose
     products agree match; the rest are wrong, missing or extra factors; a written δ against a
     whole prefix ∂L/∂z) and the first mismatch is reported with what it should be, at a witness
     point (`verify_explain`). Not alignable -> the ratio written/true in simplest form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from ..check import exact_zero, expanded
from ..derivation import Factor
from ..errors import SympropError
from ..functions import expand_definitions
from ..latex import DITTO, Partial, Statement
from ..timelimit import bounded
from .explain import Explainer, Fault, Witness  # noqa: F401 - Fault, Witness: API
from .names import LOSS_NAMES, Resolver
from .numbers import Points, multiply, same
from .piecewise import PIECEWISE, piecewise_zero, units_of
from .points import Evidence, choose_points, evidence

EXACT_SECONDS = 0.5
SEARCH_ROUNDS = 3      # further point sets tried before "not proved"
NOT_PROVED_EXIT = 3


@dataclass(frozen=True)
class ChainNote:
    """A written chain of derivatives that does not link: `have` stands where `want` should."""

    have: sp.Expr
    want: sp.Expr
    before: Partial | None     # the derivative ending in `have` (None: the left-hand side)
    after: Partial | None      # the derivative starting with `want` (None: the left-hand side)


@dataclass(frozen=True)
class Verdict:
    kind: str                  # 'gradient' or 'local'
    num: sp.Expr               # the statement's partial, in the network's symbols
    den: sp.Expr
    written: Partial           # the left-hand side as written
    line: int
    col: int
    correct: bool              # proved exactly, or equal at discriminating points
    exact: bool | None = None  # True: proved exactly; None: equal at every point only
    fault: Fault | None = None
    witness: Witness | None = None
    status: str = "correct"    # 'correct' | 'wrong' | 'not proved' (equal, but at no telling point)
    evidence: Evidence | None = None   # the points the sides were compared at
    also: tuple = ()           # further wrong right-hand sides: (Fault, Witness) each
    sides: int = 1             # right-hand sides checked
    param: sp.Symbol | None = None
    notes: tuple[ChainNote, ...] = ()
    hand: sp.Expr | None = None     # the checked product (network symbols)
    true: sp.Expr | None = None


@dataclass
class Report:
    derivation: object
    verdicts: list[Verdict]
    skipped: list[tuple[int, int, str]] = field(default_factory=list)
    source: str = ""

    @property
    def ok(self) -> bool:
        return all(v.correct for v in self.verdicts)

    @property
    def exit_code(self) -> int:
        """0 every statement correct, 1 some wrong, 3 none wrong but some not proved."""
        if any(v.status == "wrong" for v in self.verdicts):
            return 1
        return 0 if self.ok else NOT_PROVED_EXIT


class VerifyInputError(SympropError):
    """Unusable input: every problem found, each one line with its position."""

    def __init__(self, problems: list[str], fix: str = ""):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more, fix)


# ------------------------------------------------------------------------------------ entry points


def verify_statements(d, statements: list[Statement], aliases: dict | None = None,
                      points: int = 20, seed: int = 0, source: str = "") -> Report:
    """Check every derivative statement of a parsed document against the Derivation `d`."""
    checker = Checker(d, aliases, points, seed)
    expanded_sides = expand_dittos(statements)
    verdicts, skipped, problems = [], [], []
    for stmt, sides in zip(statements, expanded_sides):
        if not isinstance(stmt.lhs, Partial):
            skipped.append((stmt.line, stmt.col, "not a derivative (no \\partial on the left)"))
            continue
        try:
            verdicts.append(checker.statement(stmt, sides))
        except SympropError as err:
            problems.append(str(err))
    if problems:
        raise VerifyInputError(problems)
    if not verdicts:
        raise VerifyInputError(["no derivative statements found"],
                               r"write e.g. \frac{\partial L}{\partial w_{11}} = [...] \cdot [...]")
    return Report(d, verdicts, skipped, source)


def check_gradient(d, param: sp.Symbol, factors: list[sp.Expr], **kw) -> Verdict:
    """Python API: is the product of `factors` (network symbols) dL/d`param`?"""
    stmt = Statement(Partial(d.loss_symbol, param), (_product(factors),), 0, "")
    return Checker(d, **kw).statement(stmt, [list(factors)])


def check_local(d, num: sp.Expr, den: sp.Expr, factors: list[sp.Expr], **kw) -> Verdict:
    """Python API: is the product of `factors` the partial d`num`/d`den`?"""
    stmt = Statement(Partial(num, den), (_product(factors),), 0, "")
    return Checker(d, **kw).statement(stmt, [list(factors)])


def _product(factors):
    from ..latex import Product
    return Product(tuple(factors), "", 0, 0)


# ------------------------------------------------------------------------------------ dittos


def expand_dittos(statements: list[Statement]) -> list[list[list]]:
    """Each statement's sides as factor lists, '//' replaced by the factor above at its position.

    A side is a chain of derivatives (it has a \\partial factor) or of values; '//' copies from the
    nearest earlier statement of the same kind (a gradient dL/d..., or a local factor) and its side
    of the same kind. A side of '//' only is a value side when it is the last one.
    """
    last: dict[tuple, list] = {}
    out = []
    for stmt in statements:
        sides, seen = [], {}
        grad = isinstance(stmt.lhs, Partial) and getattr(stmt.lhs.num, "name", "") in LOSS_NAMES
        for k, side in enumerate(stmt.sides):
            factors = list(side.factors)
            kind = (grad, _side_kind(factors, k == len(stmt.sides) - 1))
            for i, f in enumerate(factors):
                if f is not DITTO:
                    continue
                above = last.get(kind)
                if above is None or i >= len(above):
                    raise VerifyInputError([
                        f"line {side.line or stmt.line}, col {side.col}: // at factor {i + 1} "
                        f"has no factor above it"], "write the factor out")
                factors[i] = above[i]
            sides.append(factors)
            seen[kind] = factors
        last.update(seen)
        out.append(sides)
    return out


def _side_kind(factors: list, is_last: bool) -> str:
    if any(isinstance(f, Partial) for f in factors):
        return "partial"
    if any(f is not DITTO for f in factors):
        return "value"
    return "value" if is_last else "partial"


# ------------------------------------------------------------------------------------ checking


class Checker:
    def __init__(self, d, aliases: dict | None = None, points: int = 20, seed: int = 0):
        if not d.scalar:
            raise SympropError(f"{d.spec.arch} has {d.spec.n_params} parameters",
                               "the verifier needs per-parameter factor lists (nets up to 5000)")
        self.d = d
        self.names = Resolver(d, aliases)
        self.points = Points(d, points, seed)
        self.n, self.seed = points, seed
        self.locals = {}
        for eq in d.of_kind("local"):
            f = eq.factors[0]
            self.locals[(f.num, f.den)] = f
        self.deltas = {eq.factors[-1].den: eq.factors for eq in d.of_kind("delta")}
        self.delta_defs = {eq.lhs: eq.rhs for eq in d.of_kind("delta")}
        self.delta_of = {eq.factors[-1].den: eq.lhs for eq in d.of_kind("delta")}
        self.explain = Explainer(d.loss_symbol, self.delta_defs, self.delta_of)
        self.piecewise_outputs = {eq.lhs: eq.rhs for eq in d.of_kind("forward")
                                  if eq.lhs in d.outputs
                                  and expand_definitions(eq.rhs).has(*PIECEWISE)}
        self.nodes = set(d.params) | set(d.inputs) | set(d.targets) | set(d.outputs)
        self.nodes |= set(self.names.z_layer) | set(self.names.hidden_a.values())

    # -- one statement
    def statement(self, stmt: Statement, sides: list[list]) -> Verdict:
        """read -> resolve -> choose points -> compare -> prove -> (search further) -> verdict."""
        where = f"line {stmt.line}, col {stmt.col}: " if stmt.line else ""
        num = self.names.resolve(stmt.lhs.num, where)
        den = self.names.resolve(stmt.lhs.den, where)
        true = self.true_factors(num, den, where)
        grad = num == self.d.loss_symbol and den in self.d.params
        notes = self._chain_notes(stmt, sides, num, den, where)
        checked = [k for k, s in enumerate(sides)
                   if k == len(sides) - 1 or not any(isinstance(f, Partial) for f in s)]
        base = dict(kind="gradient" if grad else "local", num=num, den=den, written=stmt.lhs,
                    line=stmt.line, col=stmt.col, param=den if grad else None,
                    sides=len(checked), notes=notes)
        hands = {k: [self._hand(f, where) for f in sides[k]] for k in checked}
        t_values = [f.value for f in true]
        truth = sp.Mul(*t_values)
        units, understood = units_of(self._open(e) for e in
                                     t_values + [h for k in checked for h in hands[k]])
        case = (sides, hands, checked, true, units, understood)

        points = self._points(units)
        found, ev = self._compare(points, *case)
        proofs = [] if found else [self.prove(sp.Mul(*hands[k]), truth) for k in checked]
        exact = bool(proofs) and all(p[0] for p in proofs)
        suspects = tuple(q for p in proofs for q in p[1])
        if not found and not exact and suspects:          # patterns the proof could not clear
            found, more = self._compare(self._points(units, suspects), *case)
            ev = _merge(ev, more)
        rounds = 0
        while not found and not exact and not ev.sufficient and rounds < SEARCH_ROUNDS:
            rounds += 1
            found, more = self._compare(self._points(units, attempt=rounds), *case)
            ev = _merge(ev, more)
        if found:
            (k, fault, witness), *rest = found
            return Verdict(correct=False, exact=False, fault=fault, witness=witness,
                           status="wrong", evidence=ev, also=tuple((f, w) for _, f, w in rest),
                           hand=sp.Mul(*hands[k]), true=truth, **base)
        hand = sp.Mul(*hands[checked[-1]])
        ok = exact or ev.sufficient
        return Verdict(correct=ok, exact=True if exact else None, evidence=ev,
                       status="correct" if ok else "not proved", hand=hand, true=truth, **base)

    def _points(self, units: tuple, first=(), attempt: int = 0) -> Points:
        """The shared random points for a statement without piecewise units; else chosen ones.
        A later attempt draws a fresh set (twice as many random points)."""
        if not units and not attempt:
            return self.points
        if not units:
            return Points(self.d, self.n * 2, self.seed + 7919 * attempt)
        base, _ = choose_points(self.d, units, self.n, self.seed + 7919 * attempt, first)
        return Points(self.d, base=base)

    def _compare(self, points, sides, hands, checked, true, units, understood):
        """Every checked side against the truth at `points`: [(side, Fault, Witness)] where they
        differ, and what the points show."""
        n = points.count
        t_values = [f.value for f in true]
        t_vectors = [points.vector(v) for v in t_values]
        t_product = multiply(t_vectors, n)
        unit_vectors = {u: points.vector(u) for u in units}
        found = []
        for k in checked:
            h_vectors = [points.vector(h) for h in hands[k]]
            h_product = multiply(h_vectors, n)
            if same(h_product, t_product):
                continue
            fault = self.explain.pinpoint(k + 1, sides[k], hands[k], h_vectors, true, t_vectors, n)
            witness = self.explain.witness(points, hands[k], t_values, h_product, t_product,
                                           units, unit_vectors)
            found.append((k, fault, witness))
        return found, evidence(t_product, unit_vectors, understood)

    def _open(self, expr: sp.Expr) -> sp.Expr:
        """Deltas by their definitions, and outputs too when the output activation is piecewise:
        every piecewise unit of the statement in sight."""
        for _ in range(self.d.spec.depth + 1):
            expr = expr.xreplace(self.delta_defs)
        return expr.xreplace(self.piecewise_outputs)

    def _hand(self, f, where: str) -> sp.Expr:
        if isinstance(f, Partial):
            num = self.names.resolve(f.num, where)
            den = self.names.resolve(f.den, where)
            return sp.Mul(*[t.value for t in self.true_factors(num, den, where)])
        return self.names.resolve(f, where)

    # -- the truth
    def true_factors(self, num: sp.Expr, den: sp.Expr, where: str = "") -> tuple[Factor, ...]:
        """The chain-rule factors of d num / d den, from the Derivation where it has them."""
        d = self.d
        for x in (num, den):
            if x not in self.nodes and x != d.loss_symbol:
                raise SympropError(f"{where}∂{num}/∂{den}: {x} is not a quantity of the network",
                                   "differentiate the loss, an output, a z, an activation f(z), "
                                   "a parameter or an input")
        if num == d.loss_symbol and den in d.params:
            return d.gradient(den).factors
        if num == d.loss_symbol and den in self.deltas:
            return self.deltas[den]
        if (num, den) in self.locals:
            return (self.locals[(num, den)],)
        return (Factor(num, den, self._partial(num, den)),)

    def _partial(self, num, den) -> sp.Expr:
        """d num / d den through the graph: intermediates substituted until den is reached."""
        if num == den:
            return sp.Integer(1)
        defs = self.d.definitions()
        forward = {s: e for s, e in defs.items() if s not in self.delta_defs}
        if num == self.d.loss_symbol:
            num = self.d["L"].rhs
        D = sp.Dummy("D")
        expr = num
        for _ in range(4 * self.d.spec.depth + 4):
            expr = expr.xreplace({den: D})
            subs = {s: forward[s] for s in expr.free_symbols if s in forward}
            if not subs:
                break
            expr = expr.xreplace(subs)
        value = sp.diff(expr, D).xreplace({D: den})
        return self._fold(value)

    def _fold(self, expr):
        """Write substituted definitions back as their names (z_o, out) for printing."""
        for eq in self.d.of_kind("forward"):
            if eq.lhs in self.names.z_layer:
                expr = expr.xreplace({eq.rhs: eq.lhs})
            expr = self.names.forward_form(expr)
        return expr

    # -- exactness
    def prove(self, hand: sp.Expr, true: sp.Expr) -> tuple[bool, tuple]:
        """(proved hand == true, sign patterns where a piecewise comparison could not clear the
        difference). Routes, within one time budget: intermediates as symbols, then every
        piecewise branch at once (`verify_piecewise`), then both again fully expanded."""
        diff = hand - true
        for _ in range(self.d.spec.depth + 1):
            diff = diff.xreplace(self.delta_defs)
        diff = self._one_hot(diff)
        opened = diff.xreplace(self.piecewise_outputs)
        piecewise = expand_definitions(opened).has(*PIECEWISE)
        d = self.d

        def intermediates():
            if exact_zero(diff):
                return True, ()
            c = piecewise_zero(opened)
            return c.zero, tuple(p for p in c.patterns if all(u.is_Symbol for u, _ in p))

        def full():
            whole = self._one_hot(expanded(d, diff))
            return exact_zero(whole) or piecewise and piecewise_zero(whole).zero

        def both():
            return exact_zero(diff) or full()

        try:
            if not piecewise:
                return bool(bounded(both, EXACT_SECONDS)), ()
            proved, suspects = bounded(intermediates, EXACT_SECONDS)
        except (TimeoutError, RuntimeError):
            return False, ()
        if proved:
            return True, ()
        try:
            return bool(bounded(full, EXACT_SECONDS)), suspects
        except (TimeoutError, RuntimeError):
            return False, suspects

    def _one_hot(self, expr):
        """cce assumes targets summing to 1: write the last one as 1 - the others."""
        ys = self.d.targets
        if self.d.spec.loss.name != "cce":
            return expr
        return expr.xreplace({ys[-1]: 1 - sp.Add(*ys[:-1])})

    # -- the written chain of derivatives
    def _chain_notes(self, stmt, sides, num, den, where) -> tuple[ChainNote, ...]:
        """A chain of written derivatives should link: each denominator is the next numerator."""
        notes = []
        for side in sides:
            if not side or not all(isinstance(f, Partial) for f in side):
                continue
            parts = [(self.names.resolve(f.num, where), self.names.resolve(f.den, where), f)
                     for f in side]
            links = [(num, parts[0][0], None, parts[0][2])]
            links += [(a[1], b[0], a[2], b[2]) for a, b in zip(parts, parts[1:])]
            links += [(parts[-1][1], den, parts[-1][2], None)]
            for have, want, before, after in links:
                if have != want:
                    notes.append(ChainNote(have, want, before, after))
                    break
        return tuple(notes)


def verify_text(d, text: str, fmt: str = "tex", **kw) -> Report:
    """Read a document (tex, txt or toml) and check it against `d`."""
    from .read import read

    doc = read(text, fmt)
    return verify_statements(d, doc.statements, doc.aliases, source=text, **kw)


def _merge(a: Evidence, b: Evidence) -> Evidence:
    """The evidence of two point sets together."""
    return Evidence(a.points + b.points, a.discriminating + b.discriminating, a.units,
                    tuple(x + y for x, y in zip(a.on, b.on)),
                    tuple(x + y for x, y in zip(a.off, b.off)), a.understood and b.understood)
