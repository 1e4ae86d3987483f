r"""Bare names a document defines as a layer's net input or output, with the bias written:
`h = \sigma(W^{(1)} x + b^{(1)})` (h the hidden layer's output), `z = W^{(2)} h + b^{(2)}`
(z the output layer's net input), as Cross Validated 201914 and most vectorized notes write
them. running.defined_vectors read d2l's bias-free `z = W^{(1)} x`, `h = \phi(z)`; this reads
the same with a bias beside the product, and an activation applied to the whole sum.

`weighted(node)`: the written layer of W in `W^{(l)} v + b^{(l)}` (a sum whose one term is a
product led by a layered W, the other terms biases), else ''. `activated(node)`: the same
inside a call that is not a derivative (\sigma(...), g(...), {\rm relu}(...)); `activated_product(node)`:
the layer of W in such a call of W^{(l)} v alone (no bias).
`layer_written(lay, layer)`: the layer to write for the quantity W^{(layer)} feeds, in the
document's counting (layers counted from the input: one above W's). Pure.
"""

from __future__ import annotations

from .weight_layers import layer_of


def _bare(node):
    while node.kind == "paren":
        node = node.args[0]
    return node


def weighted(node) -> str:
    node = _bare(node)
    if node.kind != "sum" or len(node.args) < 2:
        return ""
    layer = ""
    for sign, term in node.args:
        term = _bare(term)
        if term.kind == "prod" and sign == 1 and not layer:
            first = _bare(term.args[0][0])
            first = _bare(first.args[0]) if first.kind == "T" else first  # (W^{(1)})^T x: W stored transposed
            if first.kind == "name" and first.args[0] in ("W", "w") and first.args[1] and not first.args[2]:
                layer = first.args[1]
                continue
            return ""
        if term.kind == "name" and term.args[0] == "b" and sign == 1:
            continue
        return ""
    return layer


def activated(node) -> str:
    node = _bare(node)
    if node.kind != "call" or node.args[0].endswith("_prime"):
        return ""
    return weighted(node.args[1])


def activated_product(node) -> str:
    """The written layer of W in a call of a product W^{(l)} v, nothing added (a layer without a
    bias: `h = \\sigma(W^{(1)} x)`), else ''."""
    node = _bare(node)
    if node.kind != "call" or node.args[0].endswith("_prime"):
        return ""
    arg = _bare(node.args[1])
    if arg.kind != "prod" or len(arg.args[0]) != 2:
        return ""
    first, other = (_bare(n) for n in arg.args[0])
    if first.kind != "name" or first.args[0] not in ("W", "w") or not first.args[1] or first.args[2]:
        return ""
    return first.args[1] if other.kind == "name" and other.args[0] not in ("W", "w") else ""


def layer_written(lay, layer: str) -> str:
    """W^{(layer)} feeds the network's layer n: written n + off (matrix._whole takes off away)."""
    if not layer.strip("()[]").isdigit():
        return layer
    written = int(layer.strip("()[]"))
    return str(layer_of("W", written, lay.off, lay.direction) + lay.off)
