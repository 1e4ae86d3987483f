r"""Functions and an output a document defines for itself, substituted before resolving.

`s(x) = \frac{1}{1+e^{-x}}` and `d(x) = s(x)(1-s(x))` (read as calls by
symbolic/latex/functions_defined.py) define functions the later lines apply: `s(Iw_1+1)w_2`.
Each call is replaced by its definition's body at its arguments (beta-reduced), before the
statements are resolved. A function whose body is the network's activation (or its derivative)
is that function: its calls read as σ(u) (σ'(u)), and its definition is checked like
`\sigma(x) = ...`, at a z of the network (`remarks` says "s is σ, the network's activation").
Any other function is the author's own: its definition is not checked, its calls are replaced.

`O = s(s(Iw_1+1)w_2 + ... + 1)`, a closed form in inputs and weights, is compared with the
network's forward expression (closed_form.py): O is that output (later lines read it so) and the
numbers standing where the network has biases are constants the document fixes; statements
from there on are judged at those constants (`fixed`, `fixed_text`).

Refused cleanly, each one a 'not checked' reason: a recursive definition, a function defined
twice differently, a call with the wrong number of arguments, a call of a function never defined.
Pure: statements in, statements and what they fix out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from ..activations import ActivationRule, named
from ..check import substitute_intermediates
from ..errors import SympropError
from ..latex import LatexParseError, Partial, Statement, product_expr
from ..latex.functions_defined import defined_name
from ..latex.matrix import MatrixStatement
from . import closed_form, display
from .ditto import Unchecked
from .hints import shown
from .numbers import value

MAX_NODES = 20_000  # size of a statement after its calls are replaced
OWN = "defines {}, a function of the document's own: nothing to check (later lines read it as defined here)"
_SAMPLES = ("-2.3", "-0.7", "0.4", "1.1", "2.9")


@dataclass
class Definitions:
    """What a document's own definitions give the rest of the check."""

    statements: list
    unchecked: list[Unchecked] = field(default_factory=list)
    values: dict = field(default_factory=dict)  # raw name (O) -> the network's symbol
    fixed: dict = field(default_factory=dict)  # bias symbol -> the constant the document fixes
    fixed_from: tuple[int, int] | None = None  # (line, col) of the definition that fixes them
    fixed_text: str = ""  # 'at b = 1, as the document's definition of O fixes'
    # (line, col) -> (the status it is said at, '' for any; a note for that verdict)
    remarks: dict = field(default_factory=dict)
    fixers: list = field(default_factory=list)  # the names whose closed forms fixed them (O)
    identities: set = field(default_factory=set)  # (line, col) of s(x) = σ(x): no bias in them

    def fixes(self, stmt) -> bool:
        """Is `stmt` (or its verdict) judged at the constants the document fixed?"""
        at = (stmt.line, stmt.col)
        return (
            bool(self.fixed)
            and self.fixed_from is not None
            and at >= self.fixed_from
            and at not in self.identities
        )


@dataclass(frozen=True)
class Function:
    name: str
    params: tuple[sp.Symbol, ...]
    body: sp.Expr
    line: int


class _Functions:
    """The document's functions: bodies, what each one is, and call substitution."""

    def __init__(self, net, functions: dict[str, Function], bad: dict[str, str]):
        self.net, self.functions, self.bad = net, functions, bad
        self.known: dict[str, tuple[sp.Expr, str] | None] = {}  # name -> (σ(x) or σ'(x), remark)
        self.bodies: dict[str, sp.Expr] = {}

    def expand(self, expr, stack: tuple = ()):
        """Every call of a document function in `expr` replaced (innermost first)."""
        if isinstance(expr, Partial):
            return Partial(self.expand(expr.num, stack), self.expand(expr.den, stack))
        if not isinstance(expr, sp.Basic) or not any(defined_name(a) for a in expr.atoms(AppliedUndef)):
            return expr
        out = expr.replace(
            lambda e: isinstance(e, AppliedUndef) and defined_name(e) is not None,
            lambda e: self.call(e, stack),
        )
        if sum(1 for _ in zip(range(MAX_NODES + 1), sp.preorder_traversal(out))) > MAX_NODES:
            raise SympropError(
                "too large once the document's functions are substituted",
                "write the statement with fewer nested calls",
            )
        return out

    def call(self, e: AppliedUndef, stack: tuple) -> sp.Expr:
        name = defined_name(e) or ""
        if name in self.bad:
            raise SympropError(self.bad[name], "define each function once, not in terms of itself")
        f = self.functions.get(name)
        if f is None:
            raise SympropError(
                f"{name}(...) is called but its definition could not be read",
                f"write {name}(x) = ... on a line of its own",
            )
        if len(e.args) != len(f.params):
            n, plural = len(f.params), "s" if len(f.params) != 1 else ""
            raise SympropError(
                f"{name} takes {n} argument{plural} (line {f.line}), called with {len(e.args)}",
                f"call it as it is defined: {name}({', '.join(p.name for p in f.params)})",
            )
        known = self.identify(name, stack)
        body = known[0] if known else self.body(name, stack)
        return body.xreplace(dict(zip(f.params, e.args)))

    def body(self, name: str, stack: tuple) -> sp.Expr:
        if name not in self.bodies:
            if name in stack:
                chain = " -> ".join([*stack[stack.index(name) :], name])
                raise SympropError(
                    f"{name} is defined in terms of itself ({chain})",
                    "define each function once, not in terms of itself",
                )
            self.bodies[name] = self.expand(self.functions[name].body, (*stack, name))
        return self.bodies[name]

    def identify(self, name: str, stack: tuple = ()) -> tuple[sp.Expr, str] | None:
        """(σ(x) or σ'(x) in the parser's spelling, remark) when the body is the network's
        activation or its derivative; None for the author's own function."""
        if name not in self.known:
            self.known[name] = None
            f = self.functions[name]
            body = self.body(name, stack)
            if len(f.params) == 1:
                self.known[name] = _activation_of(self.net, name, f.params[0], body)
        return self.known[name]


def _activation_of(net, name: str, x: sp.Symbol, body: sp.Expr) -> tuple[sp.Expr, str] | None:
    names = net.names.with_values({**net.names.values, x: x})
    try:
        resolved = names.resolve(body)
    except SympropError:
        return None
    if resolved.free_symbols != {x}:
        return None
    rules: list[ActivationRule] = list(dict.fromkeys(r for r in net.d.spec.activations if r.elementwise))
    for rule in rules:
        word = rule.prime_word.removesuffix("_prime")
        for truth, spelled, what in (
            (rule(x), sp.Function(word)(x), f"{name} is {rule.unicode}, the network's activation"),
            (
                rule.prime(x),
                sp.Function(rule.prime_word)(x),
                f"{name} is {rule.unicode}′, the derivative of the network's activation",
            ),
        ):
            if _same_function(resolved, truth, x):
                return spelled, what
    return None


def _same_function(a: sp.Expr, b: sp.Expr, x: sp.Symbol) -> bool:
    with mpmath.workdps(30):
        for s in _SAMPLES:
            point = {x: mpmath.mpf(s)}
            try:
                u, v = value(a, point, {}), value(b, point, {})
            except TypeError:  # a construct the evaluator does not know: not that function
                return False
            if mpmath.isnan(u) or mpmath.isnan(v) or abs(u - v) > mpmath.mpf(10) ** -20 * (1 + abs(v)):
                return False
    return True


def _function_of(stmt) -> tuple[str, tuple, AppliedUndef] | None:
    lhs = getattr(stmt, "lhs", None)
    if isinstance(stmt, Statement) and isinstance(lhs, AppliedUndef) and defined_name(lhs):
        return defined_name(lhs) or "", lhs.args, lhs
    return None


def collect(statements: list) -> tuple[dict[str, Function], dict[str, str], list[Unchecked]]:
    """The definitions `NAME(x, ...) = body`: functions by name, the names that cannot be used
    (defined twice differently) with why, and the definitions that are not one."""
    functions: dict[str, Function] = {}
    bad: dict[str, str] = {}
    unchecked: list[Unchecked] = []
    for stmt in statements:
        head = _function_of(stmt)
        if head is None:
            continue
        name, params, _ = head
        if (
            not all(isinstance(p, sp.Symbol) for p in params)
            or len(set(params)) != len(params)
            or not stmt.sides
        ):
            unchecked.append(
                Unchecked(
                    stmt.line,
                    stmt.col,
                    f"{name}(...) = ...: not a definition of {name}",
                    f"define it in variables: {name}(x) = ...",
                )
            )
            continue
        try:
            body = product_expr(stmt.sides[-1])
        except LatexParseError:  # a derivative or // as the body
            unchecked.append(
                Unchecked(
                    stmt.line,
                    stmt.col,
                    f"the definition of {name} is not a formula",
                    f"write {name}(x) = a formula in x",
                )
            )
            continue
        f = Function(name, tuple(params), body, stmt.line)
        old = functions.get(name)
        if old is None:
            functions[name] = f
        elif _canonical(old) != _canonical(f):
            bad[name] = f"{name} is defined twice differently (lines {old.line} and {f.line})"
    return functions, bad, unchecked


def _canonical(f: Function) -> sp.Expr:
    return f.body.xreplace({p: sp.Symbol(f"_arg{k}") for k, p in enumerate(f.params)})


def apply(net, statements: list) -> Definitions:
    """The statements with the document's functions substituted, the function definitions
    judged or set apart, and what a closed form of the output fixes."""
    functions, bad, unchecked = collect(statements)
    if not functions and not bad:
        return Definitions(list(statements), unchecked, remarks=_shadowing(statements))
    fns = _Functions(net, functions, bad)
    out = Definitions([], unchecked, remarks=_shadowing(statements))
    skip = {(u.line, u.col) for u in unchecked}
    for stmt in statements:
        if isinstance(stmt, MatrixStatement) or (stmt.line, stmt.col) in skip:
            if (stmt.line, stmt.col) not in skip:
                out.statements.append(stmt)
            continue
        try:
            head = _function_of(stmt)
            if head is not None:
                _definition(fns, stmt, head, out)
                continue
            new = _substituted(fns, stmt)
            if new is not stmt and not isinstance(new.lhs, Partial) and isinstance(new.lhs, sp.Symbol):
                _closed_form(net, new, out)
            out.statements.append(new)
        except SympropError as err:
            out.unchecked.append(Unchecked(stmt.line, stmt.col, err.problem, err.fix))
    return out


_ACTIVATIONS = {w for r in named() for w in (r.prime_word, r.prime_word.removesuffix("_prime"))}
SHADOW = "{} is the network's activation: later lines read it as the network's, not as defined here"


def _shadowing(statements: list) -> dict:
    """\\sigma(x) = x^2: a claim about the network's σ (judged as one); should it be wrong, its
    verdict says that later lines do not read σ as defined there."""
    out = {}
    for stmt in statements:
        lhs = getattr(stmt, "lhs", None)
        if (
            isinstance(stmt, Statement)
            and isinstance(lhs, AppliedUndef)
            and type(lhs).__name__ in _ACTIVATIONS
            and all(isinstance(a, sp.Symbol) for a in lhs.args)
        ):
            name = type(lhs).__name__
            shown_name = "σ′" if name == "sigma_prime" else "σ" if name == "sigma" else name
            out[(stmt.line, stmt.col)] = ("wrong", SHADOW.format(shown_name))
    return out


def _definition(fns: _Functions, stmt: Statement, head, out: Definitions) -> None:
    name, params, _ = head
    if name in fns.bad:
        raise SympropError(fns.bad[name], "define each function once")
    fns.body(name, ())  # recursive: raises
    known = fns.identify(name)
    if known is None:
        out.unchecked.append(
            Unchecked(stmt.line, stmt.col, OWN.format(f"{name}({', '.join(p.name for p in params)})"))
        )
        return
    spelled, remark = known
    out.remarks[(stmt.line, stmt.col)] = ("", remark)
    out.identities.add((stmt.line, stmt.col))
    lhs = spelled.func(*params)
    out.statements.append(replace(_substituted(fns, stmt), lhs=lhs))


def _substituted(fns: _Functions, stmt):
    lhs = fns.expand(stmt.lhs) if _function_of(stmt) is None else stmt.lhs
    sides = tuple(
        replace(
            p, factors=tuple(fns.expand(f) for f in p.factors), parts=tuple(fns.expand(f) for f in p.parts)
        )
        for p in stmt.sides
    )
    if lhs == stmt.lhs and all(
        a.factors == b.factors and a.parts == b.parts for a, b in zip(sides, stmt.sides)
    ):
        return stmt
    return replace(stmt, lhs=lhs, sides=sides)


def _closed_form(net, stmt: Statement, out: Definitions) -> None:
    """O = a closed form: O is the quantity it matches (an output first); its numbers in place
    of the biases are constants the document fixes."""
    lhs, d = stmt.lhs, net.d
    assert isinstance(lhs, sp.Symbol)
    said = stmt.source.split("=", 1)[0].strip() or shown(lhs.name)  # as written: O, a^{(3)}_1
    known = net.names.lookup(lhs.name) is not None or lhs in net.names.user
    names = net.names.with_values({**net.names.values, **out.values})  # H bound by a line above
    try:
        meant = names.resolve(lhs) if known else None
        written = names.resolve(product_expr(stmt.sides[0]))
    except LatexParseError:
        return
    except SympropError as err:
        if known:
            return  # checked as it is, and named there
        raise SympropError(
            f"{said} = ... cannot be compared with the network: {err.problem}", err.fix
        ) from None
    quantities = closed_form.quantities(d)
    if known:  # a name of the network: only that quantity, else it is checked as it is
        quantities = [q for q in quantities if net.names.forward_form(q) == meant]
    if len(stmt.sides) != 1 or not quantities:
        return
    # an earlier closed form's quantity inside (O = s(s(H w_2 + 1) ...)): at its constants
    written = substitute_intermediates(d, written).xreplace(out.fixed)
    if not written.free_symbols or not written.free_symbols <= set(d.inputs) | set(d.params):
        return
    match = closed_form.match_output(d, written, quantities)
    clash = match and next((b for b, v in match.fixed.items() if out.fixed.get(b, v) != v), None)
    if match is None or clash is not None:
        what = (
            "that quantity of the network"
            if known and meant not in d.outputs
            else "the network's output (nor an activation or a z of it)"
            if not known
            else "the network's output"
        )
        raise SympropError(
            f"{said} = ... is not {what} for any values of its biases"
            if match is None
            else f"{said} = ... puts {match.fixed[clash]} where an earlier line fixed "
            f"{display.said(d, clash)} = {out.fixed[clash]}",
            "check it against the network (symprop derive shows the forward pass)",
        )
    if not known:
        out.values[lhs] = match.output
    if match.fixed:
        out.fixed.update(match.fixed)
        out.fixed_from = out.fixed_from or (stmt.line, stmt.col)
        out.fixers.append(said)
        names = " and ".join(out.fixers)
        plural = "s" if len(out.fixers) > 1 else ""
        fix = "fix" if plural else "fixes"
        at = closed_form.constants_text(out.fixed, lambda b: display.said(d, b))
        out.fixed_text = f"at {at}, as the document's definition{plural} of {names} {fix}"


def fixed_at(own: Definitions, resolved: list) -> list[bool]:
    """Which resolved statements are judged at the constants the document fixed."""
    return [own.fixes(r.statement) for r in resolved]


def remarked(own: Definitions, verdicts: list) -> list:
    """The verdicts with what the document's definitions add to them (s is σ; at b = 1)."""
    out = []
    for v in verdicts:
        when, remark = own.remarks.get((v.line, v.col), ("", ""))
        said = [remark if when in ("", v.status) else ""]
        if own.fixes(v):
            said.append(own.fixed_text)
        text = "; ".join(s for s in said if s)
        out.append(replace(v, remark=text) if text else v)
    return out
