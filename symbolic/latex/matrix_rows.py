r"""Matrix and vector statements, what they are read into: `Node` trees in `MatrixStatement`s,
and how a row is told to be one (`is_matrix_row`): it writes an element-wise product (\odot,
\bullet, \circ, .*), a transpose (^T, ^{T}, ^\top, ^\intercal, Octave's '), a gradient \nabla, a
layered name without a unit index (\delta^L, a^{(l)}) or an accumulator
(\Delta^{(l)}, D^{(l)}). The reader is `matrix`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .tokens import Tok

if TYPE_CHECKING:
    from .layer_ranges import Span

HADAMARD = {"odot", "bullet", "circ"}
TRANSPOSE = {"top", "intercal"}
MATRIX_CMDS = HADAMARD | TRANSPOSE | {"nabla"}
# names that carry a layer superscript (a vector or matrix when written without a unit index)
# A, Z: Ng's batches; h: the activation in Goodfellow's and d2l's notation (a is then z: running.py)
VECTORS = {"w", "W", "Theta", "theta", "a", "z", "b", "B", "delta", "Delta", "D", "A", "Z", "h"}  # B^{(2)}: b
ACCUMULATORS = {"Delta", "D"}  # Ng's \Delta^{(l)} (summed over examples) and D^{(l)} = \Delta / m
LOSSES = {"C", "J", "L", "E"}
FIX = r"write e.g. \delta^l = ((W^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)"


@dataclass(frozen=True)
class Node:
    """kind and args:
    name     (base, layer, index, parens)  \\delta^{l+1} -> ('delta', 'l+1', '', False); W^{(l)}_{ij}
             -> ('W', 'l', 'ij', True); y -> ('y', '', '', False)
    T        (node,)                         a transpose
    prod     (nodes, ops)                    ops[k] joins nodes[k], nodes[k+1]: 'had' (element-wise)
                                             or 'dot' (matrix product, or a scalar times a matrix)
    sum      ((sign, node), ...)
    num      (Rational,)
    call     (function word, node)           element-wise: 'sigma_prime', 'f_prime', 'g', ...
    nabla    (node, loss)                    \\nabla_{W^{(l)}} J; \\nabla_a C -> (name a, 'C');
                                             Ng's dW^{[2]} -> (name W, 'L', 'd')
    partial  (node, node)                    \\frac{\\partial J}{\\partial \\Theta^{(l)}_{ij}}
    paren    (node,)                         ( ... ) or [ ... ]: one factor as written
    norm2    (node,)                         \\|v\\|^2, a vector's squared norm (1×1)
    matrix   (rows, shape)                   \\begin{pmatrix} ... \\end{pmatrix}: rows of cells, a
                                             cell Node("dots", (command,)) for \\dots, \\vdots...;
                                             shape None, or the side's (verify/pattern.py)
    """

    kind: str
    args: tuple
    pos: int = 0


@dataclass(frozen=True)
class MatrixSide:
    node: Node
    text: str
    line: int
    col: int
    # the side read left to right when it mixes ⊙ and a product (A ⊙ B · C as (A ⊙ B) · C);
    # `node` reads products first (A ⊙ (B · C)): verify/precedence.py keeps the one whose shapes fit
    alt: Node | None = None


@dataclass(frozen=True)
class MatrixStatement:
    """lhs = sides[0] = sides[1] ..., each a tree of `Node`s."""

    lhs: Node
    sides: tuple[MatrixSide, ...]
    line: int
    col: int
    source: str
    lhs_text: str = ""
    running: str = ""  # g of 'g \leftarrow lhs = ...': g names lhs from here on (latex/algorithm.py)
    span: Span | None = None  # k \in \{1, \dots, K\}: the layers it holds for (latex/layer_ranges.py)


def _layered_vector(toks: list[Tok], k: int) -> bool:
    """Is toks[k] a layered name with a layer superscript and no unit index after it? Not a bias:
    b^{(l)} alone is the sheet's shared bias, a scalar (a vector b^l in a row with δ^l, ∇, ⊙ is
    still read as one)."""
    t = toks[k]
    base = t.text if t.kind in ("letter", "word", "cmd") else ""
    if base not in VECTORS or k + 1 >= len(toks) or toks[k + 1].text != "^":
        return False
    if base == "b" and not (k + 3 < len(toks) and toks[k + 2].text == "{" and toks[k + 3].text == "["):
        return False  # Ng's b^{[l]} is his layer's bias vector
    j = k + 2
    if j >= len(toks):
        return False
    if toks[j].kind == "letter":
        if toks[j].text == "T":
            return True
        j += 1
    elif toks[j].text == "{":
        level, inner = 0, []
        while j < len(toks):
            level += (toks[j].text == "{") - (toks[j].text == "}") if toks[j].kind == "op" else 0
            inner.append(toks[j])
            j += 1
            if level == 0:
                break
        body = "".join(u.text for u in inner[1:-1])
        if not any(u.kind == "letter" for u in inner) and "(" not in body and "[" not in body:
            return False  # z^{2}: a power
    else:
        return False
    after = toks[j] if j < len(toks) else None
    return base in ACCUMULATORS or after is None or after.text not in ("_", "^")


def is_matrix_row(toks: list[Tok], names: bool = True) -> bool:
    """Does this row write a matrix or vector statement (see the module's doc)? With
    names=False, only by an operator (⊙, ᵀ, ∇), not by a layered name alone."""
    for k, t in enumerate(toks):
        if t.kind == "mat":  # a matrix written out (pmatrix.py)
            return True
        if t.kind == "cmd" and t.text in MATRIX_CMDS:
            return True
        if t.kind == "op" and t.text == "." and k + 1 < len(toks) and toks[k + 1].text == "*":
            if t.touches(toks[k + 1]):
                return True
        if t.kind == "op" and t.text == "^" and k + 1 < len(toks):
            u = toks[k + 1]
            if u.kind == "letter" and u.text == "T":
                return True
            if u.text == "{" and k + 3 < len(toks) and toks[k + 2].text in ("T", *TRANSPOSE):
                if toks[k + 3].text == "}":
                    return True
        if names and _layered_vector(toks, k):
            return True
    return False
