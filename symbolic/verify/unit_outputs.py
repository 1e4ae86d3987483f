r"""A unit's output defined by its own net input: `y_h = f(\text{net}_h)`, `o_j = \sigma(z_j)`.

Where y is the target letter (the default, and the lecture notes that write \hat{y} for the
network's output), a y_h the document defines as the activation of net_h is the output of unit h,
never a target: a target is given, never computed from a net input. letter_readings reads such a
name as an activation in every statement (not as the target that would make h an output unit).
The network's output defined so (`\hat{y} = f(\text{net}_o)` where y is the target, `y = \sigma(z_k)`
where t is) makes o (k) an output unit's letter in that statement. And `az_said`: does the document
say what its a and z are (Nielsen's or Bishop's)? Pure functions on parsed statements.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Statement
from ..latex.statements import SUMMATION
from . import hinton_letters
from .symbols import expressions

_OUTPUT = re.compile(r"([yo])_([a-z])")  # y_h, o_j: an output's spelling with one index letter
_NET = re.compile(r"(?:net|z|u|v|a)_([a-z])")  # its net input in the same letter


def defined_outputs(statements: list) -> set[str]:
    """The names y_h, o_j some statement defines as one function of their own unit's net input."""
    out = set()
    for st in statements:
        if not isinstance(st, Statement) or not isinstance(st.lhs, sp.Symbol):
            continue
        m = _OUTPUT.fullmatch(st.lhs.name)
        if m and any(_of_own_net(p.factors, m.group(2)) for p in st.sides):
            out.add(st.lhs.name)
    return out


def _of_own_net(factors: tuple, letter: str) -> bool:
    if len(factors) != 1 or not isinstance(factors[0], sp.Function) or len(factors[0].args) != 1:
        return False
    arg = factors[0].args[0]
    n = _NET.fullmatch(arg.name) if isinstance(arg, sp.Symbol) else None
    return n is not None and n.group(1) == letter


_THE_OUTPUT = {"y": ("y_hat", "hat_y"), "t": ("y", "o"), "d": ("y", "o"), "hat": ("y", "o")}


def output_letter(stmt, targets: str) -> str | None:
    r"""o of `\hat{y} = f(net_o)`: the network's one output (\hat{y} where y is the target, y where
    t, d or \hat{y} is) defined as the activation of a net input in an index letter."""
    if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, sp.Symbol):
        return None
    if stmt.lhs.name not in _THE_OUTPUT.get(targets, ()):
        return None
    for p in stmt.sides:
        f = p.factors[0] if len(p.factors) == 1 else None
        if isinstance(f, sp.Function) and len(f.args) == 1 and isinstance(f.args[0], sp.Symbol):
            n = _NET.fullmatch(f.args[0].name)
            if n:
                return n.group(1)
    return None


def az_said(statements: list) -> bool:
    """Does the document say what its a and z are: a layered a^{(l)} or z^{[l]} beside them (the
    network's own letters, or a matrix statement's entries), or a net input defined in letters,
    z_j = \\sum_i w_{ji} a_i + b_j? Bishop writes a_j for the net input and z_j for the
    activation: neither is assumed."""
    for stmt in statements:
        names = {s.name for e in expressions(stmt) for s in e.atoms(sp.Symbol)}
        if any(re.fullmatch(r"[az](?:_[^@]*)?@.*|[az]_\d+,\d+", n) for n in names):  # z^{[1]}, its entries
            return True
        if hinton_letters.activation_by_z(stmt) or _activation_of_z(stmt):
            return True
        lhs = getattr(stmt, "lhs", None)
        if isinstance(lhs, sp.Symbol) and re.fullmatch(r"z_[a-z]", lhs.name):
            sums = [
                x
                for side in stmt.sides
                for f in side.factors
                if isinstance(f, sp.Basic)
                for x in sp.preorder_traversal(f)
                if getattr(x, "func", None) == SUMMATION
            ]
            if any({n.name[0] for n in x.args[0].atoms(sp.Symbol)} >= {"w", "a"} for x in sums):
                return True
    return False


_ACTIVATIONS = {"sigma", "sigmoid", "tanh", "relu", "g", "f", "phi", "varphi"}


def _activation_of_z(stmt) -> bool:
    r"""An activation applied to a z (`\hat{y}_1 = \sigma(z_1)`, `h_j = \tanh(z_j)`): z is the net
    input (Bishop applies h to his a, never to his z)."""
    if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, sp.Symbol):
        return False
    return any(
        type(x).__name__ in _ACTIVATIONS
        and len(x.args) == 1
        and re.fullmatch(r"z(?:_[a-z0-9]+)?", getattr(x.args[0], "name", "")) is not None
        for e in expressions(stmt)
        for x in sp.preorder_traversal(e)
    )
