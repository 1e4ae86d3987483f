r"""Which way a document stores its weights, read off its matrix statements (orientation.py reads
it off index sums; a document in vectors has none).

Vectors as columns and W output-by-input (symprop's, Nielsen's, Ng's): z = W a + b,
δ = (W)^T δ' ⊙ σ'(z), ∂L/∂W = δ a^T. Vectors as rows and W input-by-output (NumPy's X @ W, a
course's `Z1 = X @ W1`): z = a W + b, δ = δ' W^T ⊙ σ'(z), ∂L/∂W = a^T δ. The order of the factors
says it, whatever the sizes (with one output, δ' W^T and W^T δ' both fit their shapes):
- a net input defined as a product with W: W first is columns, W after an input is rows;
- a δ (or ∂L/∂z, dZ) with a transposed W: W^T first is columns (after a leading diag(σ'(z)) too),
  after another factor rows;
- a gradient of W with a transposed input: the input first is rows, last is columns.
Each such statement is a vote (line, orientation) for `orientation.detected`, which takes an
orientation only when every vote agrees; rows need two statements at least, so that no statement
alone settles the convention it is judged in. Pure.
"""

from __future__ import annotations

from ..latex.matrix import MatrixStatement, Node
from ..latex.matrix_diag import DIAG

ROWS, COLUMNS = "input-by-output", "output-by-input"
_INPUTS = {"x", "X", "a", "A", "h", "H", "o", "O"}
_WEIGHTS = {"W", "w", "Theta", "theta"}
_NET = {"z", "Z", "net", "u"}


def _bare(node: Node) -> Node:
    while node.kind == "paren":
        node = node.args[0]
    return node


def _name(node: Node) -> str:
    node = _bare(node)
    return node.args[0] if node.kind == "name" else ""


def _transposed(node: Node, names: set[str]) -> bool:
    node = _bare(node)
    return node.kind == "T" and _name(node.args[0]) in names


def _factors(node: Node) -> list[Node]:
    """The matrix-product factors of a side (its first ⊙ group for δ' W^T ⊙ σ'), else [node]."""
    node = _bare(node)
    if node.kind != "prod":
        return [node]
    nodes, ops = node.args
    out = [nodes[0]]
    for op, nxt in zip(ops, nodes[1:]):
        if op != "dot":
            break
        out.append(nxt)
    return out if len(out) > 1 or _bare(nodes[0]).kind != "prod" else _factors(nodes[0])


def _wrt(lhs: Node) -> tuple[str, str]:
    """(what the left side is: 'net' | 'delta' | 'grad_W' | '', ...) ."""
    lhs = _bare(lhs)
    if lhs.kind == "name":
        base = lhs.args[0]
        return (
            ("net", base) if base in _NET else ("delta", base) if base in ("delta", "Delta") else ("", base)
        )
    if lhs.kind in ("nabla", "partial"):
        wrt = lhs.args[0] if lhs.kind == "nabla" else lhs.args[1]
        base = _name(wrt)
        return ("grad_W", base) if base in _WEIGHTS else ("delta", base) if base in _NET else ("", base)
    return "", ""


def vote(stmt: MatrixStatement) -> str | None:
    """The orientation one matrix statement's factor order says, or None."""
    kind, _ = _wrt(stmt.lhs)
    lhs = _bare(stmt.lhs)
    if kind == "" and lhs.kind == "name" and not lhs.args[2]:  # h = σ(x W + b), ŷ = h W + c
        kind = "net"
    said = set()
    for side in stmt.sides:
        node = _bare(side.node)
        if node.kind == "call" and not node.args[0].endswith("_prime") and kind == "net":
            node = _bare(node.args[1])  # an output defined with its net input unnamed: the input
        if node.kind == "sum" and kind == "net":  # W a + b: the product term
            node = next((_bare(n) for _, n in node.args if _bare(n).kind == "prod"), node)
        fs = _factors(node)
        if len(fs) < 2:
            continue
        if kind == "net":
            at = [k for k, f in enumerate(fs) if _name(f) in _WEIGHTS]
            if at and any(_name(f) in _INPUTS for f in fs):
                said.add(COLUMNS if at[0] == 0 else ROWS)
        elif kind == "delta":
            while len(fs) > 1 and _bare(fs[0]).kind == "call" and _bare(fs[0]).args[0] == DIAG:
                fs = fs[1:]  # diag(σ'(z)) Wᵀ δ: a diagonal first says nothing of W's place
            at = [k for k, f in enumerate(fs) if _transposed(f, _WEIGHTS)]
            if at:
                said.add(COLUMNS if at[0] == 0 else ROWS)
        elif kind == "grad_W":
            if _transposed(fs[0], _INPUTS):
                said.add(ROWS)
            elif _transposed(fs[-1], _INPUTS):
                said.add(COLUMNS)
    return said.pop() if len(said) == 1 else None


def votes(statements) -> list[tuple[int, str]]:
    """(line, orientation) of every matrix statement whose factor order says one; rows only when
    two statements or more say it (one statement alone, a^T δ, is as likely a slip in columns as
    the rows convention: it must not settle the reading it is then judged by)."""
    out = [(s.line, v) for s in statements if isinstance(s, MatrixStatement) and (v := vote(s)) is not None]
    if sum(v == ROWS for _, v in out) < 2:
        out = [(line, v) for line, v in out if v != ROWS]
    return out
