"""Formulas are data: a whitelisted parser from plain text (Python-like syntax) to SymPy.

Text goes through `ast.parse` only to get a syntax tree; every node is checked against an
allow-list and SymPy objects are built by hand. Nothing is evaluated, and no user text reaches
`eval`, `sympify` or `parse_expr`.
"""

from __future__ import annotations

import ast
import io
import math
import tokenize

import sympy as sp

from .errors import SympropError
from .timelimit import time_limit

MAX_LENGTH = 10_000
MAX_DEPTH = 100
MAX_NODES = 5_000
MAX_EXPONENT = 100
MAX_MAGNITUDE = 1e300  # a constant part beyond this overflows float64 on the way
BUILD_SECONDS = 5.0  # wall time to build a formula; past it the formula is refused, never a hang

_BINOPS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}
_UNARY = {ast.USub: lambda a: -a, ast.UAdd: lambda a: a}
_CONSTANTS = {"e": sp.E, "pi": sp.pi}


def _functions() -> dict:
    from .activations import named  # our activations of one argument, by their row names

    return {
        "exp": sp.exp,
        "log": sp.log,
        "ln": sp.log,
        "sqrt": sp.sqrt,
        "tanh": sp.tanh,
        "sinh": sp.sinh,
        "cosh": sp.cosh,
        "sin": sp.sin,
        "cos": sp.cos,
        "abs": sp.Abs,
        **{r.name: r.func for r in named() if r.in_formulas and not r.params},
        "max": sp.Max,
        "min": sp.Min,
    }


def parse_formula(
    text: str,
    variables: dict[str, sp.Symbol],
    what: str = "formula",
    functions: dict | None = None,
    free_names: bool = False,
) -> sp.Expr:
    """Parse `text` into a SymPy expression over `variables` (name -> Symbol), or raise SympropError.

    `functions` adds callable names to the allow-list; with `free_names`, any other plain name
    becomes a Symbol of that name (the caller resolves it later, e.g. the verifier).
    """
    if not isinstance(text, str) or not text.strip():
        raise SympropError(f"{what} is empty", f"write an expression in {_names(variables)}")
    if len(text) > MAX_LENGTH:
        raise SympropError(
            f"{what} is {len(text)} characters long", f"formulas are limited to {MAX_LENGTH} characters"
        )
    if "\x00" in text:
        raise SympropError(f"{what} contains a NUL byte", "write the formula as plain text")
    shown = text if len(text) <= 40 else text[:37] + "..."
    try:
        tree = ast.parse(_caret_is_power(text.strip()), mode="eval")
    except (SyntaxError, ValueError, tokenize.TokenError, IndentationError) as exc:
        raise SympropError(
            f"{what} {shown!r} does not parse ({exc.msg if hasattr(exc, 'msg') else exc})",
            "use + - * / ** ( ) and functions such as exp(z), log(z), tanh(z)",
        ) from None
    except (RecursionError, MemoryError):
        raise SympropError(f"{what} is nested too deeply", f"keep nesting under {MAX_DEPTH} levels") from None
    _check_shape(tree, what)
    funcs = {**_functions(), **(functions or {})}
    if free_names:
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        called = {
            n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
        }
        free = names - called - set(funcs) - set(_CONSTANTS) - set(variables)
        variables = {**variables, **{n: sp.Symbol(n) for n in free}}
    try:
        with time_limit(BUILD_SECONDS):  # SymPy's exact arithmetic on a numeric tower can grind
            return _Builder(variables, funcs, what, shown).build(tree.body)
    except TimeoutError:
        raise SympropError(
            f"{what} {shown!r} takes over {BUILD_SECONDS:g} s to build",
            "use smaller numbers and exponents",
        ) from None


def _caret_is_power(text: str) -> str:
    """Users write z^2 for z**2: swap the operator token (Python's ^ binds looser than +)."""
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    out = [
        (tok.type, "**" if tok.type == tokenize.OP and tok.string == "^" else tok.string) for tok in tokens
    ]
    return tokenize.untokenize(out)


def _names(variables) -> str:
    return ", ".join(sorted(variables)) or "its variables"


def _check_shape(tree: ast.AST, what: str) -> None:
    """Bound size and depth with an explicit stack (no recursion on hostile input)."""
    stack = [(tree, 0)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            raise SympropError(f"{what} is nested more than {MAX_DEPTH} levels deep", "simplify the formula")
        if count > MAX_NODES:
            raise SympropError(f"{what} has more than {MAX_NODES} parts", "simplify the formula")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


class _Builder:
    """Turn an allow-listed Python AST into SymPy, node by node."""

    def __init__(self, variables, funcs, what, shown):
        self.variables, self.funcs, self.what, self.shown = variables, funcs, what, shown

    def fail(self, problem: str, fix: str):
        raise SympropError(f"{self.what} {self.shown!r}: {problem}", fix)

    def build(self, node: ast.AST) -> sp.Expr:
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            self.fail(
                f"{_describe(node)} is not allowed",
                "formulas may use numbers, variables, + - * / ** and whitelisted functions",
            )
        return self._finite(node, method(node))

    def _finite(self, node: ast.AST, value: sp.Expr) -> sp.Expr:
        """Refuse a part that is not a finite real number as soon as it is built.

        SymPy evaluates constants as it builds them (0**-1 is zoo, zoo**0 is nan, log(-1) is
        I*pi), so the check runs on every node: a non-finite part can vanish from the whole
        ((0**-1)**0*z) or leave it complex, and nothing downstream handles either.
        """
        bad = value.is_number and (
            value.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I)
            or value.is_finite is False
            or value.is_extended_real is False
        )
        if bad or (not value.is_number and value.has(sp.zoo, sp.nan, sp.oo, -sp.oo)):
            self.fail(
                f"{_part(node)} is {_kind(value)}, not a finite real number",
                "keep every part finite and real: no x/0, log(0), or root or log of a negative number",
            )
        # the parts are bounded as they are built, so this evaluation never meets a tower like
        # exp(exp(exp(exp(3)))), whose evaluation would not finish
        numbers = [value] if value.is_number else [value.as_coeff_Mul()[0], value.as_coeff_Add()[0]]
        if any(_magnitude(n) > MAX_MAGNITUDE for n in numbers):  # also z*10**15*10**15*...
            self.fail(
                f"{_part(node)} {'is' if value.is_number else 'has a constant'} larger than "
                f"{MAX_MAGNITUDE:g}",
                "generated code computes in floating point: use smaller numbers",
            )
        return value

    def _Constant(self, node):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"constant {value!r} is not a number", "use numbers only")
        if isinstance(value, int):
            if abs(value) > 10**15:
                self.fail(f"number {value} is too large", "use numbers below 1e15")
            return sp.Integer(value)
        if not math.isfinite(value) or abs(value) > 1e15:
            self.fail(f"number {value} is out of range", "use finite numbers below 1e15")
        return sp.Rational(repr(value))

    def _Name(self, node):
        name = node.id
        if name in self.variables:
            return self.variables[name]
        if name in _CONSTANTS:
            return _CONSTANTS[name]
        if name in self.funcs:
            self.fail(f"{name} is a function", f"call it, e.g. {name}(z)")
        self.fail(
            f"unknown name {name!r}",
            f"use the variables {_names(self.variables)}, the constants e and pi, "
            f"and the functions {', '.join(sorted(self.funcs))}",
        )

    def _UnaryOp(self, node):
        op = _UNARY.get(type(node.op))
        if op is None:
            self.fail(f"operator {type(node.op).__name__} is not allowed", "use + - * / **")
        return op(self.build(node.operand))

    def _BinOp(self, node):
        op = _BINOPS.get(type(node.op))
        if op is None:
            self.fail(f"operator {type(node.op).__name__} is not allowed", "use + - * / **")
        left, right = self.build(node.left), self.build(node.right)
        if isinstance(node.op, ast.Pow) and right.is_number:
            if _magnitude(right) > MAX_EXPONENT:  # (parts are already finite and real)
                self.fail(f"exponent {right} is too large", f"keep numeric exponents within ±{MAX_EXPONENT}")
            if left.is_number and (_magnitude(left) > 1e6 and _magnitude(right) > 2):
                self.fail("numeric power is too large", "use smaller numbers")
        if isinstance(node.op, ast.Div) and right.is_zero:
            self.fail(f"{_part(node)} divides by zero", "check the denominator")
        return op(left, right)

    def _Call(self, node):
        if not isinstance(node.func, ast.Name):
            self.fail(
                f"calling {_describe(node.func)} is not allowed",
                f"call only the functions {', '.join(sorted(self.funcs))}",
            )
        if node.func.id not in self.funcs:
            self.fail(f"unknown function {node.func.id!r}", f"use one of {', '.join(sorted(self.funcs))}")
        if node.keywords:
            self.fail("keyword arguments are not allowed", "pass arguments by position")
        func = self.funcs[node.func.id]
        args = [self.build(a) for a in node.args]
        arity = 2 if func in (sp.Max, sp.Min) else 1
        if len(args) != arity:
            self.fail(
                f"{node.func.id} takes {arity} argument(s), got {len(args)}",
                f"write {node.func.id}({', '.join(['z'] * arity)})",
            )
        value = func(*args)
        if value.is_number and hasattr(value, "definition"):
            # relu(0.5), sigmoid(2): our activations do not evaluate themselves, and SymPy's
            # max/min cannot compare an unevaluated one (max(z, relu(0.5)) raised ValueError)
            value = value.definition()
        return value


def _magnitude(value: sp.Expr) -> float:
    """|value| of a constant part, our activations (sigmoid(2), log(1 + e)) written out."""
    from .functions import expand_definitions

    approx = sp.N(expand_definitions(value), 15)
    return float(abs(approx)) if approx.is_Number else 0.0


def _part(node: ast.AST) -> str:
    """The sub-expression as (normalised) source text, shortened for a one-line message."""
    text = ast.unparse(node)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _kind(value: sp.Expr) -> str:
    if value.has(sp.nan):
        return "undefined (nan)"
    if value.has(sp.zoo, sp.oo, -sp.oo):
        return "infinite"
    return "complex" if value.is_number else "not real"


def _describe(node: ast.AST) -> str:
    kinds = {
        "Attribute": "attribute access",
        "Subscript": "indexing",
        "Lambda": "lambda",
        "JoinedStr": "an f-string",
        "ListComp": "a comprehension",
        "GeneratorExp": "a generator",
        "Compare": "a comparison",
        "BoolOp": "a boolean operator",
        "IfExp": "a conditional",
        "List": "a list",
        "Tuple": "a tuple",
        "Dict": "a dict",
        "Set": "a set",
        "NamedExpr": "an assignment",
        "Starred": "unpacking",
        "Await": "await",
    }
    return kinds.get(type(node).__name__, type(node).__name__)


def real_somewhere(expr: sp.Expr, grid: dict) -> bool:
    """True when `expr` is a finite real number at one or more points of `grid` (symbol -> values).

    A formula such as sqrt(-1 - z**2) parses, and every part of it is finite, yet it has no real
    value at any z: generated code would compute nan on every row. Trying a small grid of sample
    points tells that apart from formulas that are real on part of the line (sqrt(z), log(z)).
    """
    import itertools

    symbols = list(grid)
    for values in itertools.product(*(grid[s] for s in symbols)):
        try:
            value = expr.xreplace(dict(zip(symbols, values))).evalf(20)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            continue
        if value.is_real and value.is_finite:
            return True
    return False
