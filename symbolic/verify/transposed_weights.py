r"""Vectors as columns with W stored input-by-output, so the forward pass is W^T a: a Japanese
note's u^l = (W^l)^T y^{l-1} with W^l = (w_{ij}^l) (w_{ij} from unit i to unit j), Goodfellow's
h = g(W^T x + c). The backward pass is then δ^l = W^{l+1} δ^{l+1} ⊙ f'(u^l) and
∂E/∂W^l = y^{l-1} (δ^l)^T, each right in that convention and a misfit in symprop's
(W output-by-input, z = W a + b).

The document says it by its forward definitions, as matrix_orientation reads the other two
conventions: a net input (u, z, net, or a bare name) defined as a product led by a transposed
weight, (W^l)^T y^{l-1}, with or without a bias after it, or an activation of one (h = g(W^T x +
c)), is a vote; a net input led by an untransposed W is a vote against (symprop's columns); so
is an activation of such a product inside any statement (a loss -y^T \\log \\phi(w^T x)). The
convention is taken when some statement votes for it and none against; then every W of the
document's matrix statements is read transposed (matrix.value_of_name), the vectors staying
columns. A document that never writes its forward pass in matrices is not read so: a lone
W δ would be as likely a missing transpose. Pure.
"""

from __future__ import annotations

from ..latex.matrix import MatrixStatement, Node

_WEIGHTS = {"W", "w"}
_NET = {"z", "Z", "net", "u", "U", "a", "h", "s", "o"}
_NOT_ACTIVATIONS = {"log", "ln", "exp", "inverse", "rowsum", "colsum", "allsum"}


def _bare(node: Node) -> Node:
    while node.kind == "paren":
        node = node.args[0]
    return node


def _weight(node: Node) -> bool:
    node = _bare(node)
    return node.kind == "name" and node.args[0] in _WEIGHTS and not node.args[2]


def _product(node: Node) -> Node | None:
    """The product of W and an input in `W^T a`, `W^T a + b`, `g(W^T a + b)`, else None."""
    node = _bare(node)
    if node.kind == "call" and not node.args[0].endswith("_prime"):
        node = _bare(node.args[1])
    if node.kind == "sum":
        prods = [_bare(t) for sign, t in node.args if sign == 1 and _bare(t).kind == "prod"]
        if len(prods) != 1:
            return None
        node = prods[0]
    return node if node.kind == "prod" and node.args[1] and node.args[1][0] == "dot" else None


def vote(stmt: MatrixStatement) -> bool | None:
    """True: a forward definition led by W^T; False: led by W; None: neither."""
    lhs = _bare(stmt.lhs)
    if lhs.kind != "name" or lhs.args[0] not in _NET or lhs.args[2] or len(stmt.sides) != 1:
        return None
    prod = _product(stmt.sides[0].node)
    if prod is None:
        return None
    first = _bare(prod.args[0][0])
    if first.kind == "T" and _weight(first.args[0]):
        return True
    if _weight(first):
        return False
    return None


def _calls(node):
    """Every activation called in a tree (a call not primed, not a log or exp)."""
    if isinstance(node, tuple):
        for a in node:
            yield from _calls(a)
    elif isinstance(node, Node):
        word = node.args[0] if node.kind == "call" else ""
        if word and not word.endswith("_prime") and word not in _NOT_ACTIVATIONS:
            yield node
        yield from _calls(node.args)


def inline_votes(stmt: MatrixStatement) -> set[bool]:
    """The votes of the forward pass written inside another statement: an activation of a product
    led by W^T or W (Kyle Lo's loss -y^T \\log \\phi(w^T x))."""
    out = set()
    for call in _calls((stmt.lhs, *(side.node for side in stmt.sides))):
        prod = _product(call)
        first = _bare(prod.args[0][0]) if prod is not None else None
        if first is not None and first.kind == "T" and _weight(first.args[0]):
            out.add(True)
        elif first is not None and _weight(first):
            out.add(False)
    return out


def detected(matrices: list) -> bool:
    """Does the document write its forward pass as W^T a (and never as W a)?"""
    said = {v for m in matrices if isinstance(m, MatrixStatement) and (v := vote(m)) is not None}
    said |= {v for m in matrices if isinstance(m, MatrixStatement) for v in inline_votes(m)}
    return said == {True}


def _led_by(stmt: MatrixStatement) -> tuple[bool, Node] | None:
    """(transposed?, the weight) leading a forward definition's product, else None; the output
    \\hat{y} = w^T h + c defined so is one too."""
    lhs = _bare(stmt.lhs)
    net = _NET | {"y_hat"}  # \hat{y} = w^T a + b: the output, its one unit's weights a column
    if lhs.kind != "name" or lhs.args[0] not in net or lhs.args[2] or len(stmt.sides) != 1:
        return None
    prod = _product(stmt.sides[0].node)
    first = _bare(prod.args[0][0]) if prod is not None else None
    if first is not None and first.kind == "T" and _weight(first.args[0]):
        return True, _bare(first.args[0])
    if first is not None and _weight(first):
        return False, first
    return None


def vector_weights(matrices: list) -> frozenset[str]:
    r"""The layers of a lowercase w the document writes as one output's weight vector, a column:
    z^{(2)} = \mathbf{w}^{(2)\top} \mathbf{a}^{(1)} + b^{(2)} beside z^{(1)} = W^{(1)} x (the
    capital a matrix output-by-input, the lowercase a column of the one output unit's weights).
    A layer is taken when some forward definition leads with its w transposed and none with it
    untransposed; matrix.value_of_name reads it as a column only where the layer has one unit
    (a row in symprop's), so a w^T of a wider layer stays a misplaced transpose."""
    said: dict[str, set[bool]] = {}
    for m in matrices:
        if isinstance(m, MatrixStatement) and (led := _led_by(m)) is not None:
            transposed, w = led
            if w.args[0] == "w" and w.args[1]:
                said.setdefault(w.args[1], set()).add(transposed)
    return frozenset(layer for layer, votes in said.items() if votes == {True})
