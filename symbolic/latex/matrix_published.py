"""Matrix notation of published derivations that the matrix reader's grammar leaves to this
module: Wikipedia's (f^{l-1})' (the derivative of a layer's activation, written without its
argument) and the two readings of a product mixed with ∘ / ⊙: products first (f' ∘ Wᵀ δ is
f' ∘ (Wᵀ δ)) or left to right (Wᵀ(ŷ - y) ⊙ g'(z) · aᵀ is (Wᵀ(ŷ - y) ⊙ g'(z)) · aᵀ); the verifier
keeps the reading whose shapes fit (symbolic/verify/precedence.py)."""

from __future__ import annotations

from typing import Any

from ..activations import prime_word
from .matrix_rows import Node
from .ng import _plain_group
from .tokens import Tok
from .vocabulary import PRIMABLE
from .weight_letters import weight_layers


def is_layer_prime(p: Any) -> bool:
    """(f^{l-1})' at the reader's cursor: the derivative of layer l-1's activation, element-wise
    at that layer's pre-activation."""
    fn, mark = p.peek(1), p.peek(2)
    if fn is None or mark is None or fn.text not in PRIMABLE or mark.text != "^":
        return False
    k = 3
    if p.is_("{", k) or p.is_("(", k):
        level = 0
        while (u := p.peek(k)) is not None:
            level += (u.text in ("{", "(")) - (u.text in ("}", ")"))
            k += 1
            if level == 0:
                break
    else:
        k += 1
    return bool(p.is_(")", k) and p.is_("'", k + 1))


def layer_prime(p: Any, t: Tok) -> Node:
    """Read (f^{l-1})' as f'(z^{l-1})."""
    fn = p.peek(1)
    p.i += 3  # '(', f, '^'
    layer, parens = p.layer()
    p.i += 2  # ')', "'"
    z = Node("name", ("z", layer, "", parens), t.pos)
    return Node("call", (prime_word("sigma" if fn.text == "sigma" else fn.text), z), t.pos)


def is_braced_prime(p: Any) -> bool:
    """{f^l}'(Z^l) at the reader's cursor: the derivative of layer l's activation, at the argument
    written (MIT 6.390's {f^l}'(Z^l), {f^2}'(z^2)); the prime is not a transpose. Without the
    prime, {f^l}(Z^l) (f, g, h only) is the activation itself."""
    fn = p.peek(1)
    if not p.is_("{") or fn is None or fn.text not in PRIMABLE or not p.is_("^", 2):
        return False
    n = _plain_group(p.toks, p.i + 3)
    if not n or not p.is_("}", 3 + n):
        return False
    prime = p.is_("'", 4 + n)
    return p.is_("(", 4 + n + prime) and (prime or fn.text in ("f", "g", "h"))


def braced_prime(p: Any, t: Tok) -> Node:
    """Read {f^l}'(Z^l) as f'(Z^l), and {f^l}(Z^l) as f(Z^l)."""
    fn = p.peek(1)
    p.i += 3 + _plain_group(p.toks, p.i + 3) + 1  # '{', f, '^', the layer, '}'
    prime = p.is_("'")
    p.i += prime
    opener = p.expect("(")
    arg = p.msum(frozenset({")"}))
    p.expect(")", opener)
    word = "sigma" if fn.text == "sigma" else fn.text
    return Node("call", (prime_word(word) if prime else word, arg), t.pos)


def products_first(nodes: list, ops: list) -> tuple[list, list]:
    """Factors joined by products and element-wise products: each run of products one node
    (a product binds tighter than ∘, ⊙, \\bullet, .*), the runs joined element-wise."""
    if not ("had" in ops and "dot" in ops):
        return nodes, ops
    groups, gops = [[nodes[0]]], []
    for op, node in zip(ops, nodes[1:]):
        if op == "had":
            groups.append([node])
            gops.append("had")
        else:
            groups[-1].append(node)
    joined = [
        g[0] if len(g) == 1 else Node("prod", (tuple(g), ("dot",) * (len(g) - 1)), g[0].pos) for g in groups
    ]
    return joined, gops


def left_to_right(nodes: list, ops: list) -> tuple[list, list]:
    """Factors joined by products and element-wise products, read left to right: each change of
    operator closes the factors before it into one node ((A ⊙ B) · C, (A · B) ⊙ C)."""
    if not ("had" in ops and "dot" in ops):
        return nodes, ops
    run, op_run = [nodes[0]], ""
    for op, node in zip(ops, nodes[1:]):
        if op_run and op != op_run:
            run = [Node("prod", (tuple(run), (op_run,) * (len(run) - 1)), run[0].pos)]
        run.append(node)
        op_run = op
    return run, [op_run] * (len(run) - 1)


DOTS = {"dots", "cdots", "ldots", "vdots", "ddots"}


def written_matrix(p: Any, t: Tok) -> Node:
    """\\begin{pmatrix} a & \\dots & b \\\\ ... \\end{pmatrix} at the cursor (pmatrix.py's tokens)."""
    from .pmatrix import END

    p.i += 1
    rows: list[tuple] = []
    cells: list[Node] = []
    while True:
        u = p.peek()
        if u is None:
            raise p.fail(t, "a matrix without its \\end", "close it with \\end{pmatrix}")
        if u.kind == "cmd" and u.text in DOTS and getattr(p.peek(1), "text", "") in ("&", "\\\\", END):
            p.i += 1
            cells.append(Node("dots", (u.text,), u.pos))
        elif u.text in ("&", "\\\\"):  # an empty cell (beside \vdots): no entry written
            cells.append(Node("dots", ("",), u.pos))
        elif not (u.text == END and not cells):  # a last row closed by \\\\
            cells.append(p.msum(frozenset({"&", "\\\\", END})))
        u = p.next()
        if u.text == "&":
            continue
        if cells:
            rows.append(tuple(cells))
        cells = []
        if u.text == END:
            break
    return Node("matrix", (tuple(rows), None), t.pos)


def bracket_row(p: Any, t: Tok) -> Node | None:
    """`[0.55, 0.60]` at the cursor: a row written as a bracketed list of two or more entries, as
    notes write a vector's numbers inline (`-0.404 \\times [0.55, 0.60] = [-0.222, -0.243]`): a
    1×n matrix, consumed; else None (the cursor back where it was, `[...]` a bracket)."""
    from .source import LatexParseError

    start = p.i
    p.i += 1
    cells: list[Node] = []
    try:
        while True:
            cells.append(p.msum(frozenset({",", "]"})))
            u = p.next()
            if u.text == "]":
                break
    except LatexParseError:
        p.i = start
        return None
    if len(cells) < 2:
        p.i = start
        return None
    return Node("matrix", ((tuple(cells),), None), t.pos)


def lettered(p: Any) -> bool:
    """A superscript at the cursor's '^' that is a layer, not a power: L, l, {L-1}, {(l)}, {l+1}
    (a letter in it, nothing but a letter, digits, + and - and brackets): Jihwan Jeong's u_j^L,
    a net input letter symprop does not know beforehand (verify/layer_letters.py names it); also
    the letter the document's weight matrices carry as their layer (Hagan's W^{m+1}: s^m, n^M)."""
    t = p.peek(1)
    if t is None:
        return False
    known = ("l", "L", "k", *weight_layers(p.src.text))
    if t.kind == "letter":
        return t.text in known
    if t.text != "{":
        return False
    k, inner = 2, []
    while (u := p.peek(k)) is not None and u.text != "}":
        inner.append(u)
        k += 1
    ell = [u for u in inner if u.kind == "cmd" and u.text == "ell"]  # x^{(\ell-1)}: the letter l
    letters = [u.text for u in inner if u.kind == "letter"] + ["l"] * len(ell)
    marks = ("+", "-", "(", ")", "[", "]")
    return (
        len(letters) == 1
        and letters[0] in known
        and all(u.kind in ("letter", "num") or u.text in marks or u in ell for u in inner)
    )
