"""A matrix statement at one instance of its layer letter (`Group`, with the entry statements it
expands to), and the letters it runs over: the layer letter l of l+1 and the entries' index
letters (Θ^{(l)}_{ij}: i, j, l). Split from verify/matrix.py, unchanged. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..latex import Statement
from ..latex.matrix import MatrixStatement
from .matrix import _names


@dataclass
class Group:
    """One matrix statement at one instance (a layer l), and its entry statements."""

    gid: int
    statement: MatrixStatement
    env: dict
    entries: list[Statement] = field(default_factory=list)
    shape_error: tuple | None = None  # (side index, ShapeError)
    unchecked: str = ""
    lhs: sp.Matrix | None = None
    dropped: bool = False
    sides_used: list = field(default_factory=list)  # the statement's sides the entries check
    schematic: list = field(default_factory=list)  # sides set apart: ∂x_3/∂W_3, a Jacobian shorthand
    batch: Any = None  # a statement over a batch checked at m examples: batch_check.Checked
    jacobian: str = ""  # ∂u/∂v of a vector read as the matrix of its entries: how (jacobians.py)

    @property
    def label(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.env.items())


def layer_letter(layer: str) -> str:
    """The letter of a written layer (l of l+1, Goodfellow's k of k-1; not L or n_l), or ''."""
    head = layer.removeprefix("[")[0:1]
    return head if head.isalpha() and head.islower() and not layer.removeprefix("[").startswith("nl") else ""


def free_letters(m: MatrixStatement) -> list[str]:
    """The layer letter l and the index letters of entries (Θ^{(l)}_{ij}: i, j, l)."""
    out: set[str] = set()
    bound = {s.args[0] for s in _names(m, "isum")}  # Σ_j: j runs inside the sum (index_sums.py)
    for n in _names(m):
        head = layer_letter(n.args[1])
        if head:
            out.add(head)
        out |= {c for c in n.args[2] if c.isalpha()}
    return sorted(out - bound)
