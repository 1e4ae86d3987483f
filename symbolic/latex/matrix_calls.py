r"""Functions written by name in a matrix row, as vectorized notes write them:
`\operatorname{sech}^2(\mathbf{z})` (tanh's derivative, 1 - tanh^2 z, entry by entry) and
`\mathrm{diag}(\sigma'(\mathbf{z}))` (the column as a diagonal matrix: the activation's Jacobian,
so `\mathrm{diag}(\sigma'(\mathbf{z}_1)) W_2^T \mathbf{g}` is σ'(z_1) ⊙ (W_2^T g) by the matrix
product itself, in any position). Pure: the reader's cursor in, a Node out (None: not one of them).
"""

from __future__ import annotations

from typing import Any

from .matrix_rows import Node
from .tokens import Tok

DIAG = "diag"  # verify/matrix.Evaluator: a column (or row) -> its square diagonal matrix


def _squared(p: Any, k: int) -> int:
    """Tokens of a square ^2 or ^{2} at toks[i + k], else 0."""
    texts = [getattr(p.peek(k + j), "text", "") for j in range(4)]
    if texts[:2] == ["^", "2"]:
        return 2
    if texts == ["^", "{", "2", "}"]:
        return 4
    return 0


def written_call(p: Any, t: Tok) -> Node | None:
    """sech^2(arg) as tanh′(arg), diag(arg) as the diagonal matrix of arg; None for anything else."""
    word = t.text.strip()
    if t.kind != "text" or word not in ("sech", DIAG):
        return None
    skip = _squared(p, 1) if word == "sech" else 0
    if word == "sech" and not skip:
        return None  # sech alone: not tanh's derivative
    if not p.is_("(", 1 + skip):
        return None
    p.i += 1 + skip
    opener = p.expect("(")
    arg = p.msum(frozenset({")"}))
    p.expect(")", opener)
    return Node("call", ("tanh_prime" if word == "sech" else DIAG, arg), t.pos)
