r"""Bare names of a network of one weight layer, in a matrix statement: the activation letter
written for its value, and the net input (Kyle Lo's softmax regression: `\mathcal{L}(w) = -y^T
\log \phi(w^T x)`, then `\frac{\partial \mathcal{L}}{\partial \phi} \frac{\partial \phi}{\partial
z}` and the row `(-\frac{y_1}{\phi_1} \; \dots \; -\frac{y_K}{\phi_K})`).

With one layer there is one net input and one activation, the output's:
- a bare z is that net input;
- a letter \phi (\varphi) the document applies to it, as \phi(z), \phi(w^T x) or \phi(W x), and
  also writes bare (\phi, \phi_k), names the output there: the function's value at the one
  argument it is ever given. A letter applied to anything else (Bishop's basis functions \phi(x))
  reads nothing. With more layers a bare \phi could be any layer's and stays unknown.

Pure: the statements in, name -> (the network's base, the layer as written, '') for the layout's
`vectors` (matrix._whole reads them as a defined bare name).
"""

from __future__ import annotations

from ..latex.matrix import Node

LETTERS = ("phi", "varphi")


def vectors(depth: int, off: int, matrices: list) -> dict[str, tuple[str, str, str]]:
    """The bare names read on a one-layer network (empty on a deeper one); `off` the layout's
    counting (1: the input is layer 0 written as 1), so that z is written as its layer."""
    if depth != 1:
        return {}
    out = {"z": ("z", str(1 + off), "")}
    calls = [n for m in matrices for n in _nodes(m, "call")]
    for letter in LETTERS:
        mine = [c for c in calls if c.args[0] == letter]
        if mine and all(_net_input(c.args[1]) for c in mine):
            out[letter] = ("a", "", "")  # a bare a: the output (matrix._whole)
    return out


def _net_input(node: Node) -> bool:
    """z, z^{(1)}, w^T x, W x: the one layer's net input, without a bias written."""
    names = _walk(node, "name")
    bases = {n.args[0] for n in names}
    if any(n.args[2] for n in names):  # an entry: \phi(z_1) is read by the scalar reader
        return False
    if bases == {"z"}:
        return all(n.args[1].strip("()[]{}") in ("", "1") for n in names)
    return bases in ({"w", "x"}, {"W", "x"}) and not any(n.args[1] for n in names)


def _nodes(m, kind: str) -> list[Node]:
    out = _walk(m.lhs, kind)
    for s in m.sides:
        out += _walk(s.node, kind)
    return out


def _walk(node, kind: str) -> list[Node]:
    out: list[Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Node):
            if n.kind == kind:
                out.append(n)
            stack.extend(n.args)
        elif isinstance(n, tuple):
            stack.extend(n)
    return out
