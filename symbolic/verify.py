"""Verify hand-derived gradients against the Derivation, and name the factor at fault.

Contract: statements (as `symbolic.latex_parse` gives them, from LaTeX or the plain syntax of
`symbolic.verify_read`) go in; a `Report` comes out with one `Verdict` per derivative statement.

How a statement is decided:
  1. '//' marks are replaced by the factor at the same position on the line above.
  2. Names are mapped to the network's symbols (`verify_names.Resolver`); a written partial factor
     stands for its true value.
  3. Numbers first: the written product and the true one at 20 random points, 40 digits (mpmath),
     every intermediate from one forward pass. Different anywhere -> wrong.
  4. Equal -> exact: `check.exact_zero` of the difference with the forward intermediates as
     independent symbols, else fully expanded, within a time budget (never `simplify`).
  5. Wrong -> the written factors are aligned with the true chain-rule factors (groups whose
     products agree match; the rest are wrong, missing or extra factors) and the first mismatch is
     reported with what it should be. Not alignable -> the ratio written/true in simplest form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import mpmath
import sympy as sp

from .check import exact_zero, expanded
from .derivation import Factor
from .errors import SympropError
from .latex_parse import DITTO, Partial, Statement
from .timelimit import bounded
from .verify_eval import DIGITS, Points, first_difference, multiply, same
from .verify_names import LOSS_NAMES, Resolver

EXACT_SECONDS = 0.5
MAX_GROUP = 5          # factors on both sides of one matched group


@dataclass(frozen=True)
class Fault:
    kind: str                    # 'wrong' | 'missing' | 'extra' | 'ratio'
    side: int                    # which right-hand side (1-based)
    position: int | None = None  # 1-based position in the written product (after // expansion)
    wrote: sp.Basic | None = None      # as written (raw names; a Partial for a derivative)
    read_as: sp.Expr | None = None     # in the network's symbols
    expected: sp.Expr | None = None    # the true factor
    partial: tuple | None = None       # (num, den) of the true factor
    ratio: sp.Expr | None = None       # written/true: of the factor, or of the product
    others: int = 0                    # further mismatches after this one
    span: int = 1                      # written factors at fault (wrote is a tuple when > 1)


@dataclass(frozen=True)
class Witness:
    index: int          # which random point
    values: dict        # symbol -> mpf: what the two formulas use, from one forward pass
    point: dict         # symbol -> Float: the whole point (inputs, parameters, targets)
    hand: object        # mpf
    true: object


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
    correct: bool
    exact: bool | None = None  # True: proved exactly; None: equal at every point only
    fault: Fault | None = None
    witness: Witness | None = None
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
        return 0 if self.ok else 1


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
    from .latex_parse import Product
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
        self.n = points
        self.locals = {}
        for eq in d.of_kind("local"):
            f = eq.factors[0]
            self.locals[(f.num, f.den)] = f
        self.deltas = {eq.factors[-1].den: eq.factors for eq in d.of_kind("delta")}
        self.delta_defs = {eq.lhs: eq.rhs for eq in d.of_kind("delta")}
        self.nodes = set(d.params) | set(d.inputs) | set(d.targets) | set(d.outputs)
        self.nodes |= set(self.names.z_layer) | set(self.names.hidden_a.values())

    # -- one statement
    def statement(self, stmt: Statement, sides: list[list]) -> Verdict:
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
        t_values = [f.value for f in true]
        t_vectors = [self.points.vector(v) for v in t_values]
        t_product = multiply(t_vectors, self.n)
        for k in checked:
            hand = [self._hand(f, where) for f in sides[k]]
            h_vectors = [self.points.vector(h) for h in hand]
            h_product = multiply(h_vectors, self.n)
            if same(h_product, t_product):
                continue
            fault = self._pinpoint(k + 1, sides[k], hand, h_vectors, true, t_vectors)
            witness = self._witness(hand, t_values, h_product, t_product)
            return Verdict(correct=False, exact=False, fault=fault, witness=witness,
                           hand=sp.Mul(*hand), true=sp.Mul(*t_values), **base)
        hand = sp.Mul(*[self._hand(f, where) for f in sides[checked[-1]]])
        truth = sp.Mul(*t_values)
        return Verdict(correct=True, exact=self.exact(hand, truth), hand=hand, true=truth, **base)

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
    def exact(self, hand: sp.Expr, true: sp.Expr) -> bool | None:
        """True when hand - true is proved zero; None when no proof came within the budget."""
        diff = hand - true
        for _ in range(self.d.spec.depth + 1):
            diff = diff.xreplace(self.delta_defs)
        diff = self._one_hot(diff)
        def prove():
            if exact_zero(diff):
                return True
            return True if exact_zero(self._one_hot(expanded(self.d, diff))) else None

        try:
            return bounded(prove, EXACT_SECONDS)
        except (TimeoutError, RuntimeError):
            return None

    def _one_hot(self, expr):
        """cce assumes targets summing to 1: write the last one as 1 - the others."""
        ys = self.d.targets
        if self.d.spec.loss.name != "cce":
            return expr
        return expr.xreplace({ys[-1]: 1 - sp.Add(*ys[:-1])})

    # -- pinpointing
    def _pinpoint(self, side, written, hand, hv, true, tv) -> Fault:
        ops = _align(hv, tv, self.n)
        errors = [op for op in ops if op[0] != "match"]
        if len(hand) == 1 and len(true) > 1 or len(errors) > max(1, len(true) // 2):
            ratio = self.ratio(sp.Mul(*hand), sp.Mul(*[f.value for f in true]),
                               multiply(hv, self.n), multiply(tv, self.n))
            return Fault("ratio", side, ratio=ratio)
        op = errors[0]
        others = len(errors) - 1
        if op[0] == "wrong":
            i, i2, j, j2 = op[1:]
            written_part, hand_part = written[i:i2], sp.Mul(*hand[i:i2])
            expected = sp.Mul(*[f.value for f in true[j:j2]])
            partial = (true[j].num, true[j2 - 1].den)
            wrote = written_part[0] if len(written_part) == 1 else tuple(written_part)
            ratio = self.ratio(hand_part, expected, multiply(hv[i:i2], self.n),
                               multiply(tv[j:j2], self.n))
            return Fault("wrong", side, i + 1, wrote, hand_part, expected, partial, ratio,
                         others, span=i2 - i)
        if op[0] == "missing":
            i, j = op[1], op[2]
            f = true[j]
            return Fault("missing", side, i + 1, None, None, f.value, (f.num, f.den),
                         self.ratio(sp.Integer(1), f.value), others)
        i = op[1]
        return Fault("extra", side, i + 1, written[i], hand[i], None, None, hand[i], others)

    def ratio(self, hand: sp.Expr, true: sp.Expr, hv=None, tv=None) -> sp.Expr | None:
        """hand/true in simplest form: a constant if it is one at every point, else cancelled
        with the activations kept as opaque quantities."""
        constant = _constant_ratio(hv, tv) if hv is not None else None
        if constant is not None:
            return constant
        expr = hand / true
        gens = {}
        for f in sorted(expr.atoms(sp.Function), key=sp.default_sort_key):
            gens[f] = sp.Dummy(f"F{len(gens)}")
        back = {v: k for k, v in gens.items()}
        plain = expr.xreplace(gens)     # symbols and dummies only: picklable across the fork

        def simplest():
            num, den = sp.cancel(sp.together(plain)).as_numer_denom()
            (sn, num), (sd, den) = _tidy(sp.factor(num)), _tidy(sp.factor(den))
            return sn * sd * num / den

        try:
            return bounded(simplest, EXACT_SECONDS).xreplace(back)
        except (TimeoutError, RuntimeError):
            return None

    def _witness(self, hand, t_values, h_product, t_product) -> Witness:
        k = first_difference(h_product, t_product)
        used = set().union(*(e.free_symbols for e in list(hand) + list(t_values)))
        values = self.points.values[k]
        shown = {s: values[s] for s in sorted(used, key=sp.default_sort_key) if s in values}
        return Witness(k, shown, self.points.base[k], h_product[k], t_product[k])

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


def _constant_ratio(hv: list, tv: list) -> sp.Rational | None:
    """hv/tv when it is the same small fraction at every point (2, -1, 1/2), else None."""
    with mpmath.workdps(DIGITS):
        ratios = [h / t for h, t in zip(hv, tv) if t != 0 and not mpmath.isnan(h / t)]
        if not ratios or not same(ratios, [ratios[0]] * len(ratios)):
            return None
        c = Fraction(mpmath.nstr(ratios[0], 30, min_fixed=-40, max_fixed=40)).limit_denominator(1000)
        if not same([mpmath.mpf(c.numerator) / c.denominator], [ratios[0]]):
            return None
        return sp.Rational(c.numerator, c.denominator)


def _tidy(expr: sp.Expr) -> tuple[int, sp.Expr]:
    """Flip factors like (s - 1) to (1 - s), so ratios read as hand derivations write them."""
    sign, out = 1, []
    for f in sp.Mul.make_args(expr):
        base, exp = f.as_base_exp()
        if base.is_Add and base.as_coeff_Add()[0].is_negative:
            base = -base
            sign *= (-1) ** exp if exp.is_Integer else 1
            out.append(sp.Pow(base, exp, evaluate=False) if exp != 1 else base)
        else:
            out.append(f)
    return sign, sp.Mul(*out)


def _align(hv: list, tv: list, n: int) -> list[tuple]:
    """Edit-distance alignment of written factors with true ones (numeric vectors).

    Operations, in written order: ('match', i, i2, j, j2) written factors i..i2-1 whose product
    equals that of true factors j..j2-1 (cost 0); ('wrong', i, i2, j, j2) the same groups, unequal
    (cost 1, a little more for groups); ('missing', i, j) true factor j not written; ('extra', i)
    written factor i with no true one (cost 1; 0 for a factor that is the constant 1).
    """
    H, T = len(hv), len(tv)
    ones = [1] * n
    h_one = [same(v, ones) for v in hv]
    t_one = [same(v, ones) for v in tv]
    INF = float("inf")
    best = {(0, 0): (0.0, None, None)}
    for total in range(H + T + 1):
        for i in range(max(0, total - T), min(H, total) + 1):
            j = total - i
            if (i, j) not in best:
                continue
            cost = best[(i, j)][0]

            def offer(state, c, op, prev=(i, j)):
                if c < best.get(state, (INF,))[0] - 1e-9:
                    best[state] = (c, prev, op)

            for i2 in range(i + 1, H + 1):
                for j2 in range(j + 1, T + 1):
                    if (i2 - i) + (j2 - j) > MAX_GROUP:
                        break
                    group = ("match", i, i2, j, j2)
                    if same(multiply(hv[i:i2], n), multiply(tv[j:j2], n)):
                        offer((i2, j2), cost, group)
                    elif (i2 - i) + (j2 - j) <= 4:
                        offer((i2, j2), cost + 1 + 0.01 * ((i2 - i) + (j2 - j) - 2),
                              ("wrong", i, i2, j, j2))
            if j < T:
                offer((i, j + 1), cost + (0 if t_one[j] else 1), ("missing", i, j))
            if i < H:
                offer((i + 1, j), cost + (0 if h_one[i] else 1), ("extra", i))
    ops, state = [], (H, T)
    while state != (0, 0):
        _, prev, op = best[state]
        ops.append(op)
        state = prev
    return [op for op in ops[::-1] if not _free(op, h_one, t_one)]


def _free(op, h_one, t_one) -> bool:
    """A written [1] with no true factor, or a true 1 left unwritten: not a mistake."""
    return op[0] == "extra" and h_one[op[1]] or op[0] == "missing" and t_one[op[2]]


def verify_text(d, text: str, fmt: str = "tex", **kw) -> Report:
    """Read a document (tex, txt or toml) and check it against `d`."""
    from .verify_read import read

    doc = read(text, fmt)
    return verify_statements(d, doc.statements, doc.aliases, source=text, **kw)
