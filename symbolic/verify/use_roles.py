r"""Roles a document's own use of a letter gives it, where no line defines the letter.

Cross Validated 413046 writes `\delta_j = t_j - y_j`, `\Delta w_{(i,j)} = \alpha \delta_j y_i` and
`\delta_j = (\sum_k \delta_k w_{(j,k)}) f'(y_j)` and defines neither y nor t nor which way w runs.
Its lines say all three, each by a use that admits one reading:
- y is a unit's value, never a target: it is the argument of an activation (f'(y_j), \sigma(y_j),
  g(y_j)), or the sending unit's value beside a δ in a weight's change or gradient
  (\Delta w_{(i,j)} = \alpha \delta_j y_i). A document that writes t_s and y_s as the two terms of a
  sum (t_j - y_j: y is what it compares with t; Duda's t_k - z_k beside f'(y_k) is not), uses
  y so and never defines t nor uses it so has t for its target (`target_line`), as `--targets t`
  says (as `definitions.y_is_output` reads a document that defines y).
- a weight's change or gradient written as a δ times a unit's value, Δw_{pq} = c δ_q u_p or
  ∂E/∂w_{pq} = δ_q u_p (the δ's letter, q, and the value's, p, the weight's two letters) says the
  way the weight runs: δ is the receiving unit's, the value the sending unit's (the gradient of
  the weight into q from p is δ_q times p's value whatever δ's sign). Its first letter p the
  sender: input-by-output; its first letter the receiver: output-by-input (`change_votes`,
  counted with the forward sums of `orientation`; votes that disagree say nothing). Only where
  two statements or more write one: a lone gradient would settle the way it is itself judged in.
A backward sum (\sum_k \delta_k w_{jk}) uses a weight and does not say its way: it is judged in
the way the lines above say (a swapped w_{kj} there is then named). Pure functions.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef

from ..latex import Partial, Statement
from ..latex.statements import PARTIAL, SUMMATION

_Y = re.compile(r"y_([a-z])")
_T = re.compile(r"t_([a-z])")
_TY = re.compile(r"([ty])_([a-z])")
_WEIGHT = re.compile(r"(?:w|W|v|V|theta|Theta)_([a-z]),?([a-z])")  # v: Fausett's, Zurada's
_DELTA = re.compile(r"delta_([a-z])")
# a unit's value beside δ: an activation or an input (never a target, an error nor a δ)
_VALUE = re.compile(r"(?:y|a|o|z|x|h|out|v)_([a-z])")
_ACTIVATIONS = {"f", "g", "h", "sigma", "varphi", "phi", "relu", "theta"}
_CHANGE = {"Delta"}


def _statements(statements) -> list[Statement]:
    return [s for s in statements if isinstance(s, Statement)]


def _factors(stmt: Statement) -> list[sp.Basic]:
    return [f for side in stmt.sides for f in side.factors if isinstance(f, sp.Basic)]


def _activation_arguments(e: sp.Basic) -> set[str]:
    """Names that are the one argument of an activation written in `e` (f'(y_j), \\sigma(y_j))."""
    out = set()
    for a in sp.preorder_traversal(e):
        if not isinstance(a, AppliedUndef) or a.func in (SUMMATION, PARTIAL) or len(a.args) != 1:
            continue
        if a.func.__name__.removesuffix("_prime") in _ACTIVATIONS and isinstance(a.args[0], sp.Symbol):
            out.add(a.args[0].name)
    return out


def _changed_weight(lhs) -> sp.Symbol | None:
    """The weight a left side changes or differentiates by: Δw_{pq} (Delta*w_p,q) or ∂E/∂w_{pq}."""
    if isinstance(lhs, Partial) and isinstance(lhs.den, sp.Symbol):
        return lhs.den if _WEIGHT.fullmatch(lhs.den.name) else None
    if isinstance(lhs, sp.Mul) and len(lhs.args) == 2:
        marks = [a for a in lhs.args if isinstance(a, sp.Symbol) and a.name in _CHANGE]
        weights = [a for a in lhs.args if isinstance(a, sp.Symbol) and _WEIGHT.fullmatch(a.name)]
        if len(marks) == 1 and len(weights) == 1:
            return weights[0]
    return None


def _change(stmt: Statement) -> tuple[str, str, str, str] | None:
    """(the weight's first letter, its second, the δ's letter, the value's name) of a weight's
    change or gradient written as one δ times one unit's value (a rate, a sign, numbers beside);
    None for any other statement."""
    weight = _changed_weight(stmt.lhs)
    if weight is None or len(stmt.sides) != 1 or len(stmt.sides[0].factors) != 1:
        return None
    body = stmt.sides[0].factors[0]
    if not isinstance(body, sp.Basic):
        return None
    terms = body.args if isinstance(body, sp.Mul) else (body,)
    names = [t for t in terms if isinstance(t, sp.Symbol)]
    others = [t for t in terms if not isinstance(t, sp.Symbol) and not t.is_number]
    deltas = [m for t in names if (m := _DELTA.fullmatch(t.name))]
    values = [(t.name, m) for t in names if (m := _VALUE.fullmatch(t.name))]
    if others or len(deltas) != 1 or len(values) != 1 or len(names) > 3:
        return None
    first, second = _WEIGHT.fullmatch(weight.name).groups()  # type: ignore[union-attr]
    to, (value, m) = deltas[0].group(1), values[0]
    if first == second or {to, m.group(1)} != {first, second}:
        return None
    return first, second, to, value


def change_votes(statements) -> list[tuple[int, str]]:
    """(line, orientation) of every weight's change or gradient written as δ_q times p's value,
    when two statements or more write one: a single one would settle the way it is itself judged
    in (it would always be correct), so it says nothing."""
    out = []
    for stmt in _statements(statements):
        found = _change(stmt)
        if found is not None:
            first, _, to, _ = found
            out.append((stmt.line, "output-by-input" if first == to else "input-by-output"))
    return out if len(out) > 1 else []


def _unit_uses(statements, letter: re.Pattern) -> dict[str, int]:
    """The names of `letter` a statement uses as a unit's value -> the first line that does."""
    out: dict[str, int] = {}
    for stmt in _statements(statements):
        for f in [stmt.lhs, *_factors(stmt)]:
            if isinstance(f, sp.Basic) and not isinstance(f, Partial):
                for name in _activation_arguments(f):
                    if letter.fullmatch(name):
                        out.setdefault(name, stmt.line)
        found = _change(stmt)
        if found is not None and letter.fullmatch(found[3]):
            out.setdefault(found[3], stmt.line)
    return out


def _beside(statements) -> set[str]:
    """The index letters s of a sum of two terms t_s and y_s (t_j - y_j, y_j - t_j, t_j + y_j): y
    is then what the document compares with t (Duda's t_k - z_k beside f'(y_k) is not)."""
    out = set()
    for stmt in _statements(statements):
        for f in _factors(stmt):
            for add in (a for a in sp.preorder_traversal(f) if isinstance(a, sp.Add) and len(a.args) == 2):
                names = [t.as_coeff_Mul()[1] for t in add.args]
                if not all(isinstance(n, sp.Symbol) for n in names):
                    continue
                found = {
                    (m.group(1), m.group(2)) for n in names if (m := re.fullmatch(r"([ty])_([a-z])", n.name))
                }
                letters = {s for _, s in found}
                if len(found) == 2 and len(letters) == 1 and {b for b, _ in found} == {"t", "y"}:
                    out |= letters
    return out


def target_line(statements) -> int | None:
    """The first line whose use makes y a unit's value, in a document that writes t_s beside y_s,
    never defines t nor uses it as a unit's value: there t is the target and y a unit's output;
    None when nothing says so."""
    statements = _statements(statements)
    if not _beside(statements):
        return None
    for stmt in statements:
        if isinstance(stmt.lhs, sp.Symbol) and _T.fullmatch(stmt.lhs.name):
            return None  # t_j = ...: the document's own t, not read as the target
    uses = _unit_uses(statements, _Y)
    if not uses or _unit_uses(statements, _T):
        return None
    return min(uses.values())
