r"""A network without biases, as Dive into Deep Learning (z = W^{(1)} x, o = W^{(2)} h), Sudeep
Raja (x_i = f_i(W_i x_{i-1})) and many Q&A posts (z^l = a^{l-1} w^l) write it.

symprop's networks have one bias per unit. A bias-free network is symprop's with every bias 0:
its forward pass is the same, so every derivative by a weight, an activation or a net input is
the same function at b = 0. The document is read that way when:
- the user says so (`conventions={"bias": False}`, `--no-bias`, `bias = false` in a .toml); or
- it evidently has no bias: at least one of its forward definitions omits it (the readers in
  `running` and `subscript_layers` find z = W x, x_i = f_i(W_i x_{i-1})) and nothing in its text
  names one (`marked`: a letter b, \mathbf{b}, the word bias, a weight indexed 0 as in Bishop's
  w_{j0}, a constant unit x_0 = 1, an augmented vector [1; x], a \theta that may hold them, unless
  the layers' functions show what every θ_k holds: Murphy's f_1(x, \theta_1) = W_1 x,
  latex/parameter_groups.shown).
`bias = True` keeps symprop's reading (the bias-free definitions said not checked).
Then its forward definitions are judged, every statement at points with every bias 0, and the
report says so once ("read as a network without biases"). Pure: text and options in.
"""

from __future__ import annotations

import re

import sympy as sp

from ..derivation import Derivation
from ..latex import parameter_groups
from ..latex.matrix import MatrixStatement, Node
from .binding import Source
from .ditto import Unchecked

HOW = "no biases"

_MARKS = (
    r"(?<![A-Za-z\\])b(?![A-Za-z])",  # b, b_j, b^{(l)}, \mathbf{b}, \vec{b}
    r"(?i:bias|intercept|offset)",
    r"\\Theta",  # Ng's \Theta^{(l)}_{i0}: parameters that may hold biases (\theta: `_THETA`)
    # a weight with an index 0: Bishop's w_{j0}, w_0 (the bias as a weight on x_0 = 1)
    r"(?<![A-Za-z\\])[wW](?:\^\{[^{}]*\}|\^\S)?\s*_\s*(?:0|\{[^{}]*(?<![\d.])0(?!\d)[^{}]*\})",
    # any letter indexed by a unit and 0: Alpaydin's v_{i0}, ESL's \alpha_{0m} (the weights' index 0)
    r"(?<![A-Za-z])(?:[A-Za-z]|\\[a-z]+)\s*_\s*\{\s*(?:[a-z]\s*,?\s*0|0\s*,?\s*[a-z])\s*\}",
    r"_\s*\{?\s*0\s*\}?(?:\^\{[^{}]*\}|\^\S)?\s*=\s*1(?![\d.])",  # x_0 = 1, a_0^{(l)} = 1
    r"[\[(]\s*1\s*[;,]",  # [1; x], (1, x_1, ..., x_n)
    r"\\begin\{[bpv]?matrix\}\s*1\s*\\\\",  # a column whose first entry is 1
)
_MARK = re.compile("|".join(f"(?:{m})" for m in _MARKS))
# the word said to deny a bias: "no biases", "without a bias", "bias-free" (r12's own prose)
_DENIED = re.compile(
    r"(?i:\b(?:no|without|ignoring|omitting|dropping|zero)\s+(?:the\s+|any\s+|a\s+)?bias(?:es|\s+terms?)?\b"
    r"|\bbias(?:es)?[- ]free\b)"
)
_THETA = re.compile(r"\\theta(?![A-Za-z])")
_COMMENT = re.compile(r"(?<!\\)%.*")


def declared(conventions: dict | None) -> bool | None:
    """The user's word: False (no biases), True (biases), None (not said)."""
    value = (conventions or {}).get("bias")
    return None if value is None or value == "" else bool(value)


def marked(source: str) -> bool:
    """Does the text (its comments aside) name a bias anywhere (the module's doc)?"""
    text = "\n".join(_DENIED.sub(" ", _COMMENT.sub("", line)) for line in source.split("\n"))
    if _THETA.search(text) and not parameter_groups.shown(text):
        return True  # Goodfellow's θ: may hold biases, unless every θ_k is shown (f_1(x, θ_1) = W_1 x)
    return _MARK.search(text) is not None


def keep(source: str, conventions: dict | None) -> bool:
    """Are forward definitions without a bias kept (read as this network's), not set apart?"""
    said = declared(conventions)
    return not said if said is not None else not marked(source)


def settle(
    notes: list[Unchecked], statements: list, source: str, conventions: dict | None, reason: str
) -> tuple[list, int | None]:
    """(the notes without the bias-free definitions kept as the document's own, the line of the
    first definition without a bias: the document is read without biases; None: it is not)."""
    if not keep(source, conventions):
        return notes, None
    lines = [n.line for n in notes if n.reason == reason]
    lines += [s.line for s in statements if _scalar_forward(s) or _called_product(s) or _net_product(s)]
    rest = [n for n in notes if n.reason != reason]
    if lines:
        return rest, min(lines)
    return rest, (0 if declared(conventions) is False else None)


_WEIGHT = re.compile(r"(?:[wW]|theta|Theta)(?:_|@|\d|$)")
_NOT_FORWARD = re.compile(r"(?:J|L|E|C|R|s|Omega|loss|cost|delta|Delta|eta|alpha|lambda|g|grad)(?:_|@|$)")


def _scalar_forward(s) -> bool:
    """z_j^l = Σ_k w_{jk}^l a_k^{l-1} (a scalar statement): a name defined by a product of a weight
    and something else, with no derivative in it (in a text naming no bias: without one)."""
    lhs = getattr(s, "lhs", None)
    if not isinstance(lhs, sp.Symbol) or _WEIGHT.match(lhs.name) or _NOT_FORWARD.match(lhs.name):
        return False
    for side in getattr(s, "sides", ()):
        for f in getattr(side, "factors", ()):
            if not isinstance(f, sp.Basic):
                return False
            for m in f.atoms(sp.Mul):
                names = [x.name for x in m.free_symbols if isinstance(x, sp.Symbol)]
                weights = [n for n in names if _WEIGHT.match(n)]
                others = [n for n in names if not _WEIGHT.match(n)]
                if weights and others and not any(_NOT_FORWARD.match(n) for n in others):
                    return True
    return False


def _called_product(s) -> bool:
    """\\phi(w^T x), \\sigma(W^{(1)} x) in a forward definition written as a matrix statement (the
    loss L(w) = -y^T \\log \\phi(w^T x), no derivative in it): an activation applied to a weight
    matrix times a vector, nothing added (in a text naming no bias: the net input without one).
    Inside a gradient it shows nothing: the gradient may be the slip (test_verify_no_bias)."""
    if not isinstance(s, MatrixStatement) or any(_has(n, ("partial", "nabla")) for n in _nodes(s)):
        return False
    return any(_calls_product(n) for n in _nodes(s))


def _net_product(s) -> bool:
    """Z^{(h)} = A^{(in)} W^{(h)}, z = W x (a matrix statement, Raschka's rows of examples): a name
    that is not a weight, a loss or a δ defined by one side, a weight matrix times a name or a name
    times it, nothing added (in a text naming no bias: the net input without one)."""
    if (
        not isinstance(s, MatrixStatement)
        or len(s.sides) != 1
        or any(_has(n, ("partial", "nabla")) for n in _nodes(s))
    ):
        return False
    lhs = s.lhs
    if (
        not isinstance(lhs, Node)
        or lhs.kind != "name"
        or _WEIGHT.match(lhs.args[0])
        or _NOT_FORWARD.match(lhs.args[0])
    ):
        return False
    node = s.sides[0].node
    if node.kind != "prod" or len(node.args[0]) != 2:
        return False
    kinds = [_bare(f) for f in node.args[0]]
    return sorted(kinds) == ["other", "weight"]


def _bare(node) -> str:
    """'weight' for W, W^T, (W); 'other' for another name; '' for anything else."""
    node = node.args[0] if node.kind in ("T", "paren") else node
    node = node.args[0] if node.kind == "paren" else node
    if node.kind != "name":
        return ""
    if node.args[0] in ("W", "w") and not node.args[2]:
        return "weight"
    return "" if _WEIGHT.match(node.args[0]) or _NOT_FORWARD.match(node.args[0]) else "other"


def _nodes(s) -> list:
    return [s.lhs, *(side.node for side in s.sides)]


def _has(node, kinds: tuple) -> bool:
    if not isinstance(node, Node):
        return False
    inner = [b for a in node.args if isinstance(a, tuple) for b in a]
    return node.kind in kinds or any(_has(a, kinds) for a in [*node.args, *inner])


def _calls_product(node) -> bool:
    if not isinstance(node, Node):
        return False
    if node.kind == "call" and not node.args[0].endswith("_prime") and _weighted(node.args[1]):
        return True
    inner = [b for a in node.args if isinstance(a, tuple) for b in a]
    return any(_calls_product(a) for a in [*node.args, *inner])


def _weighted(node) -> bool:
    """Is the node (in brackets or not) W v or W^T v: a product led by a weight matrix?"""
    while node.kind == "paren":
        node = node.args[0]
    if node.kind != "prod" or len(node.args[0]) != 2:
        return False
    first = node.args[0][0]
    first = first.args[0] if first.kind == "T" else first
    first = first.args[0] if first.kind == "paren" else first
    return first.kind == "name" and first.args[0] in ("W", "w") and not first.args[2]


def net_inputs(d: Derivation, z_of: dict) -> dict:
    """A pre-activation's weighted sum -> its z, each also without its bias (W_{11} x_1 + W_{12}
    x_2 is z_1 in a network read without biases)."""
    zero = zeros(d)
    return {**{sp.expand(k.xreplace(zero)): z for k, z in z_of.items()}, **z_of}


def zeros(d: Derivation) -> dict:
    """Every bias of the network at 0."""
    return {b: 0 for layer in d.layers for b in d.biases(layer.index)}


def source(line: int) -> Source:
    """What the verdict says once: read as a network without biases, and the line that shows it."""
    return Source("b", sp.Integer(0), line, HOW)
