"""The plan of a generated training module: its lines as plain strings, before the template.

`Line` is one assignment with the sheet equation it implements; `Plan` is everything the
template needs. Shared by the elementwise (module/elementwise.py) and matrix (module/matrix.py) plan
builders.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import sympy as sp

from ..escape import py_comment

INV_N = sp.Symbol("inv_n", positive=True)  # 1 / batch size: the mean is taken at the output
WIDTH = 99  # generated lines stay within the project's line length (100)


@dataclass
class Line:
    """One assignment of the generated code, with the sheet equation it implements."""

    target: str
    code: str
    comment: str = ""
    op: str = "="  # "+=" for sums accumulated over chunks of rows

    def render(self, indent: int = 4) -> str:
        pad = " " * indent
        lines = [
            f"{pad}# {part}"
            for part in textwrap.wrap(
                py_comment(self.comment), WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
            )
        ]
        text = f"{pad}{self.target} {self.op} {self.code}" if self.target else pad + self.code
        if len(text) > WIDTH:
            text = (
                f"{pad}{self.target} {self.op} (\n"
                + "\n".join(pad + "    " + part for part in _split_code(self.code, WIDTH - indent - 4))
                + ")"
            )
        return "\n".join(lines + [text])


def wrapped(code: str, indent: int, lead: str) -> str:
    """`code` as it follows `lead` on a line indented by `indent`: as is when that fits, else in
    parentheses over several lines of at most WIDTH."""
    if indent + len(lead) + len(code) <= WIDTH:
        return code
    pad = " " * (indent + 4)
    return "(\n" + "\n".join(pad + part for part in _split_code(code, WIDTH - indent - 4)) + ")"


def _split_code(code: str, width: int) -> list[str]:
    """Break printed code at its operators and commas into lines <= width, at the shallowest bracket depth
    that makes every line fit (the caller wraps the whole in parentheses, so a break inside a
    bracket is valid Python too): `a*(b + c + ...)` breaks inside its sum."""
    lines = [code]
    for max_depth in range(code.count("(") + 1):
        lines = _pack(_pieces(code, max_depth), width)
        if all(len(line) <= width for line in lines):
            break
    return lines


def _pieces(code: str, max_depth: int) -> list[str]:
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(code):
        depth += ch in "([{"
        depth -= ch in ")]}"
        operator = code[i + 1 : i + 3] in ("+ ", "- ", "* ") or code[i - 1 : i] == ","
        if depth <= max_depth and ch == " " and operator:
            pieces.append(code[start:i])
            start = i + 1
    pieces.append(code[start:])
    return pieces


def _pack(pieces: list[str], width: int) -> list[str]:
    lines = [pieces[0]]
    for piece in pieces[1:]:
        if len(lines[-1]) + 1 + len(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines


@dataclass
class Plan:
    """Everything the template needs, as plain strings and lists."""

    style: str
    unpack: list[str] = field(default_factory=list)  # params -> locals
    inputs: str = ""  # "x1, x2": X's columns (elementwise)
    targets: str = ""  # "y_T,": Y's columns (elementwise)
    forward: list[Line] = field(default_factory=list)
    predict: list[Line] = field(default_factory=list)  # forward's own: no f′ (none is used)
    output: str = ""  # the (n, n_out) output array
    loss: list[Line] = field(default_factory=list)
    backward: list[Line] = field(default_factory=list)
    grads: list[str] = field(default_factory=list)  # flat gradient, sheet order
    grad_fill: list[str] = field(default_factory=list)  # matrix: lines filling g's views
    chunk: list[str] = field(default_factory=list)  # elementwise: the loop body, indented
    rows: list[str] = field(default_factory=list)  # the body on one row of Python floats
    rows_init: list[str] = field(default_factory=list)  # gradient sums start at 0.0
    w_order: str = "C"  # matrix: how each W lies in the flat vector ("F": column by column)


def output_delta(d) -> tuple[sp.Expr, str]:
    """δ of one output in OUT, Y, Z: the Derivation's 'delta_out' rule where it cancels a
    division by the activation's derivative (bce+sigmoid: out - y), else dL/dout · f'(z) with
    the stable f' for code."""
    rule = d.spec.activations[-1]
    dl_dout = d.rule("dL/dout").rhs
    has_rule = "delta_out" in d
    if not rule.elementwise:
        if has_rule:
            return d.rule("delta_out").rhs, "delta_out"
        return None, ""
    divides = any(
        p.is_Pow and p.exp.is_negative and p.has(d.out) for p in sp.preorder_traversal(sp.together(dl_dout))
    )
    if has_rule and divides:
        return d.rule("delta_out").rhs, "delta_out"
    return dl_dout * rule.prime_for_code(d.z), "dL/dout · f′(z), stable f′"
