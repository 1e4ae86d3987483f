r"""Lines of an algorithm, and vectors, as textbooks print them (Goodfellow, Bengio & Courville,
Algorithm 6.4; Dive into Deep Learning, sec. 5.3):

- a running variable reassigned with a left arrow and given its meaning,
  `g \leftarrow \nabla_{a^{(k)}} J = g \odot f'(a^{(k)})`: the statement is the chain after the
  arrow (∇_{a^{(k)}} J = g ⊙ f'(a^{(k)})) and g names its left side from here on
  (`running_assignment`; the verifier binds later uses, symbolic/verify/running.py);
- a loop header `k = l, l-1, \ldots, 1` (`for $k = ...$ do`): not a claim (`is_loop_header`);
  the verifier reads the loop from the text.
A left arrow anywhere else is refused as before (an update line is not an equation).
"""

from __future__ import annotations

from dataclasses import replace

from .iterations import untagged
from .matrix_rows import Node
from .source import Source
from .tokens import Tok

ARROW = "←"
VECTOR_LETTERS = set("cefghkopqrsuvz")  # a bare letter a row may define as a vector (not a, x, y, w, b, ...)
DOTS = {"dots", "ldots", "cdots"}
LAYER_CAPITALS = {"A", "Z"}  # a layer's output and net input as capitals, defined with their layer
HAT_LOSSES = {"F"}  # \hat{F}: the name F_hat, a loss (verify/names.LOSS_NAMES)
HATS = {"y_hat": "\\hat y", "Y_hat": "\\hat Y"}  # an output a row may define as a vector, as marked


def running_assignment(src: Source, toks: list[Tok]) -> tuple[list[Tok], str]:
    """`g ← X = Y` -> (the tokens of X = Y, 'g'): a running variable named by what it holds;
    any other arrow row is an update, `w ← w + Δw` read as `w := w + Δw` (verify/signs.py judges
    it); a row without an arrow -> (toks, ''). An update written with its steps, w(k+1) = w(k) - ...,
    is read without them (iterations.py)."""
    toks = untagged(toks)
    arrows = [k for k, t in enumerate(toks) if t.kind == "op" and t.text == ARROW]
    if not arrows:
        return toks, ""
    k = arrows[0]
    rest = toks[k + 1 :]
    if (
        k == 1
        and len(arrows) == 1
        and toks[0].kind in ("letter", "word")
        and any(t.kind == "op" and t.text == "=" for t in rest)
    ):
        return rest, toks[0].text
    return [replace(t, text="=") if k in arrows else t for k, t in enumerate(toks)], ""


def is_loop_header(toks: list[Tok]) -> bool:
    """k = l, l-1, \\ldots, 1 (a range with dots): the header of a loop, not a statement."""
    return (
        len(toks) > 3
        and toks[0].kind == "letter"
        and toks[1].text == "="
        and any(t.kind == "cmd" and t.text in DOTS for t in toks)
        and any(t.text == "," for t in toks)
    )


def hat_y(cur) -> int:
    """Tokens of \\hat{y} or \\hat y at the cursor (the network's output), else 0; \\hat{Y}
    too, the output as a capital (Ng's Ŷ = A^{[L]}: one example's column, as Y is)."""
    t = cur.peek()
    if t is None or t.kind != "cmd" or t.text not in ("hat", "widehat"):
        return 0
    if cur.is_("{", 1) and getattr(cur.peek(2), "text", "") in ("y", "Y") and cur.is_("}", 3):
        return 4
    return 2 if getattr(cur.peek(1), "text", "") in ("y", "Y") and cur.peek(1).kind == "letter" else 0


def hat_loss(cur) -> int:
    """Tokens of \\hat{F} or \\hat F at the cursor (Hagan's performance index of one example, a
    loss under a hat), else 0."""
    t = cur.peek()
    if t is None or t.kind != "cmd" or t.text not in ("hat", "widehat"):
        return 0
    if cur.is_("{", 1) and getattr(cur.peek(2), "text", "") in HAT_LOSSES and cur.is_("}", 3):
        return 4
    return 2 if getattr(cur.peek(1), "text", "") in HAT_LOSSES and cur.peek(1).kind == "letter" else 0


def defined_vector(m) -> set[str]:
    """The name a matrix row defines when it is a letter without a unit index (d2l's z = W^{(1)} x,
    h = φ(z); a note's u^{l} = (W^l)^T y^{l-1}, with its layer): a vector, so that later rows
    naming it (y^{l} = f(u^{l})) are matrix rows too."""
    lhs, out = m.lhs, set()
    if lhs.kind == "name" and not lhs.args[2] and lhs.args[0] in VECTOR_LETTERS:
        out.add(lhs.args[0])  # u^{l} = (W^l)^T y^{l-1}, with its layer: u^{l} a vector in later rows
    if lhs.kind == "name" and lhs.args[1] and not lhs.args[2] and lhs.args[0] in LAYER_CAPITALS:
        out.add(lhs.args[0])  # MIT's Z^1 = (W^1)^T A^0 + W_0^1: Z^1 a vector in A^1 = f^1(Z^1)
    if lhs.kind == "name" and not lhs.args[1] and not lhs.args[2] and lhs.args[0] in HATS and _of_layers(m):
        out.add(HATS[lhs.args[0]])  # \hat y = a^{(N+1)}, = \sigma(z^{[2]}): another name of the output
    if any(_layered_bias(side.node) for side in m.sides) or _layered_bias(lhs):
        out.add("b")  # z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}: b^{[l]} is a vector in later rows too
    out |= {w for w in ("w", "W") if any(_transposed(n, w) for n in (m.lhs, *(s.node for s in m.sides)))}
    return out  # Kyle Lo's -y^T \log \phi(w^T x): a bare w transposed is a matrix in later rows


def _transposed(node, letter: str) -> bool:
    """Does the tree transpose the bare name `letter` (w^T, no layer, no unit index)?"""
    if not isinstance(node, Node):
        return False
    if node.kind == "T":
        inner = node.args[0]
        while inner.kind == "paren":
            inner = inner.args[0]
        if inner.kind == "name" and inner.args[:3] == (letter, "", ""):
            return True
    return any(_transposed(a, letter) for a in node.args if isinstance(a, Node)) or any(
        _transposed(b, letter) for a in node.args if isinstance(a, tuple) for b in a
    )


def _of_layers(m) -> bool:
    r"""Is every side of the row a formula of layered names without a unit index (a^{(N+1)},
    \sigma(z^{[2]}), W^{[2]} a^{[1]} + b^{[2]}), none of an entry?"""
    return all(_names(side.node, _whole_layer) and not _names(side.node, _entry) for side in m.sides)


def _whole_layer(node: Node) -> bool:
    return bool(node.args[1]) and not node.args[2]


def _entry(node: Node) -> bool:
    return bool(node.args[2])


def _layered_bias(node) -> bool:
    """Does the tree name b with a layer and no unit index (b^{[l]}, b^{(2)})?"""
    return _names(node, lambda n: n.args[0] == "b" and _whole_layer(n))


def _names(node, which) -> bool:
    """Does the tree hold a name `which` accepts?"""
    if not isinstance(node, Node):
        return False
    if node.kind == "name":
        return bool(which(node))
    return any(_names(a, which) for a in node.args if isinstance(a, Node)) or any(
        _names(b, which) for a in node.args if isinstance(a, tuple) for b in a
    )


def mentions(toks: list[Tok], vectors: set[str]) -> bool:
    r"""Does the row name one of the document's vectors (a bare letter, not indexed)? A row that
    gives it a number (\hat{y} = 0.73, a worked example's value) is a scalar claim."""
    if not vectors or _a_number(toks):
        return False
    for k, t in enumerate(toks):
        if t.kind == "letter" and t.text in vectors:
            nxt = toks[_after_script(toks, k + 1)] if _after_script(toks, k + 1) < len(toks) else None
            if nxt is None or nxt.text != "_":  # b^m_i: an entry, as b_i is
                return True
        hat = _hatted(toks, k)
        if hat and f"\\hat {toks[hat[0]].text}" in vectors:
            nxt = toks[hat[1]] if hat[1] < len(toks) else None
            if nxt is None or nxt.text != "_":
                return True
    return False


def _a_number(toks: list[Tok]) -> bool:
    r"""Is every side after the first '=' a number (0.73, -1.2, \approx 0.5)?"""
    cut = next((k for k, t in enumerate(toks) if t.text == "="), None)
    rest = [t for t in toks[cut + 1 :] if t.text not in ("=", "approx")] if cut is not None else []
    return bool(rest) and all(t.kind == "num" or t.text in ("-", "+", ".", ",") for t in rest)


def _after_script(toks: list[Tok], k: int) -> int:
    """The index after a superscript at k (^m, ^{m+1}), or k when there is none."""
    if k + 1 >= len(toks) or toks[k].text != "^":
        return k
    if toks[k + 1].text != "{":
        return k + 2
    depth, j = 0, k + 1
    while j < len(toks):
        depth += (toks[j].text == "{") - (toks[j].text == "}")
        j += 1
        if depth == 0:
            break
    return j


def _hatted(toks: list[Tok], k: int) -> tuple[int, int] | None:
    """At \\hat y or \\hat{y}: (the letter's index, the index after the name), else None."""
    if not (toks[k].kind == "cmd" and toks[k].text == "hat" and k + 1 < len(toks)):
        return None
    if toks[k + 1].kind == "letter":
        return k + 1, k + 2
    braced = k + 3 < len(toks) and toks[k + 1].text == "{" and toks[k + 3].text == "}"
    if braced and toks[k + 2].kind == "letter":
        return k + 2, k + 4
    return None


def without_membership(toks: list[Tok]) -> list[Tok]:
    """A row without a trailing '\\in \\mathbb{R}^q' at the top level (d2l: the space a gradient
    lives in, not a claim); \\in inside a sum's subscript stays."""
    depth = 0
    for k, t in enumerate(toks):
        if t.kind == "op" and t.text in ("{", "(", "["):
            depth += 1
        elif t.kind == "op" and t.text in ("}", ")", "]"):
            depth -= 1
        elif depth == 0 and t.kind == "cmd" and t.text == "in" and k > 0:
            return toks[:k]
    return toks


def chain(cur, pos: int) -> Node:
    """d2l's prod(∂J/∂o, ∂o/∂W^{(2)}): the chain rule through o (the product after the
    transpositions it needs), two derivatives."""
    cur.i += 1
    opener = cur.expect("(")
    first = cur.msum(frozenset({","}))
    cur.expect(",", opener)
    second = cur.msum(frozenset({")"}))
    cur.expect(")", opener)
    return Node("chain", (first, second), pos)


def elided_arguments(cur) -> bool:
    """At '(': arguments written as dots only, C_0(\\ldots) (3Blue1Brown's cost of one example)."""
    if not cur.is_("("):
        return False
    k = 1
    while (u := cur.peek(k)) is not None and u.text != ")":
        if not (u.kind == "cmd" and u.text in DOTS or u.text == ","):
            return False
        k += 1
    return u is not None and k > 1
