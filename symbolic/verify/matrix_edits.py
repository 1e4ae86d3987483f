"""Matrix statements: a tree as the author wrote it, in Unicode (`render`), and every one-step
edit of a written side (`side_edits`): a transpose added or removed, ⊙ for a matrix product and
back, a missing f'(z), an extra factor, factors swapped, σ for σ′, a layer off by one, 1ᵀ, a sign.
`matrix_faults` tries them in this order and names the first that makes every entry right."""

from __future__ import annotations

import re
from collections.abc import Iterator

import sympy as sp

from ..activations import prime_word
from ..latex.matrix import Node
from ..latex.statements import COMPARISONS
from .matrix import COUNTS, GREEK, Layout, Missing
from .matrix_factors import top_factors

SUMS = {"rowsum": ", axis=1", "colsum": ", axis=0", "allsum": ""}
CALLS = {"f_prime": "f′", "g_prime": "g′", "h_prime": "h′", "sigma": "σ", "sigmoid": "σ"}


def counted(node: Node) -> tuple[str, str]:
    """(N_{out} as written, the summed letter) when the node is a count sum's count
    (latex/count_sums.py), else ('', '')."""
    count, _, letter = node.args[0].partition(":") if node.kind == "name" else ("", "", "")
    if count in COUNTS and not node.args[1] and not node.args[2]:
        return "N_{" + count.removeprefix("N_") + "}", letter
    return "", ""


def render(node: Node, env: dict | None = None, lay: Layout | None = None) -> str:
    """A node as the author wrote it, in Unicode (δ^{l+1}, (W^{(l)})ᵀ, ⊙, σ′(z^l)); with env,
    the layers of this instance (W^{(3)})."""
    k = node.kind
    if k == "name":
        base, layer, index, parens = node.args
        text = counted(node)[0] or GREEK.get(base, base)
        if layer:
            square = layer.startswith("[")  # Ng's a^{[2]}
            if env is not None and lay is not None:
                try:
                    layer = str(lay.layer(layer, env))
                except Missing:
                    pass
            layer = layer.removeprefix("[")
            shown = f"[{layer}]" if square else f"({layer})" if parens else layer
            shown = shown.replace("nl", "n_l")
            text += f"^{shown}" if len(shown) == 1 else f"^{{{shown}}}"
        if index:
            text += f"_{index}" if len(index) == 1 else f"_{{{index}}}"
        return text
    if k == "num":
        return str(node.args[0])
    if k == "matrix":  # written out: [1 0; −1 1; 2 0]
        rows = node.args[0]
        return "[" + "; ".join(" ".join(_cell(c, env, lay) for c in row) for row in rows) + "]"
    if k == "norm2":
        return f"‖{render(node.args[0], env, lay)}‖²"
    if k == "indicator":  # 1_{z > 0}
        arg, c, code = node.args
        return f"1({render(arg, env, lay)} {COMPARISONS[int(code)]} {c})"
    if k == "paren":
        inner = node.args[0]
        if len(node.args) > 1:  # a running variable (g) standing for what it was assigned
            return node.args[1]
        body = render(inner, env, lay)
        return body if inner.kind in ("name", "T") else f"({body})"
    if k == "T":
        inner = bare(node.args[0])
        body = render(inner, env, lay)
        plain = inner.kind == "name" and not inner.args[1] or inner.kind == "num"
        return f"{body}ᵀ" if plain else f"({body})ᵀ"
    if k == "call":
        word, arg = node.args
        if word == "inverse":
            return f"1/{render(arg, env, lay)}"
        if word in SUMS:  # np.sum(dZ, axis=1)
            return f"np.sum({render(arg, env, lay)}{SUMS[word]})"
        shown = CALLS.get(word) or (
            GREEK.get(word.removesuffix("_prime"), word.removesuffix("_prime")) + "′"
            if word.endswith("_prime")
            else GREEK.get(word, word)
        )
        if word in ("sigmoid_prime", "sigma_prime"):
            shown = "σ′"
        return f"{shown}({render(arg, env, lay)})"
    if k == "nabla":
        wrt, loss = node.args[:2]
        sub = render(wrt, env, lay)
        if len(node.args) > 2:  # Ng's dW^{[2]}, as written
            return f"d{sub}"
        return f"∇_{sub} {loss}" if len(sub) == 1 else f"∇_{{{sub}}} {loss}"
    if k == "partial":
        num, den = node.args
        return f"∂{render(num, env, lay)}/∂{render(den, env, lay)}"
    if k == "isum":  # Σ_j (t_j − a_j)²
        return f"Σ_{node.args[0]} {render(node.args[2], env, lay)}"
    if k == "pow":
        inner, shown = node.args[0], render(node.args[0], env, lay)
        return f"{shown}²" if inner.kind in ("name", "paren") else f"({shown})²"
    if k == "sum":
        out = ""
        for n, (sign, term) in enumerate(node.args):
            body = render(term, env, lay)
            out += ("−" if sign < 0 else "+" if n else "") + (" " if n else "") + body
            out += " " if n < len(node.args) - 1 else ""
        return out.replace("+ ", "+ ").strip()
    nodes, ops = node.args
    parts = []
    for n, sub in enumerate(nodes):
        body = render(sub, env, lay)
        if sub.kind in ("sum", "prod"):
            body = f"({body})"
        parts.append(body if n == 0 else (" ⊙ " if ops[n - 1] == "had" else " ") + body)
    return "".join(parts)


def _cell(cell: Node, env: dict | None, lay: Layout | None) -> str:
    """A written matrix's cell: \\dots and its kin as '…'."""
    return "…" if cell.kind == "dots" else render(cell, env, lay)


# ------------------------------------------------------------------------------ edits


def _edits(node: Node) -> Iterator[tuple[Node, str]]:
    """Every one-step edit of a node: (the edited node, what the edit says was wrong)."""
    k = node.kind
    if k == "paren":
        for sub, why in _edits(node.args[0]):
            yield Node("paren", (sub,), node.pos), why
    if k == "name" and not (not node.args[1] and node.args[0] == "m"):
        yield Node("T", (node,), node.pos), "transpose missing"
    if k == "T":
        yield node.args[0], "a transpose where none belongs"
        for sub, why in _edits(node.args[0]):
            if sub.kind != "T":
                yield Node("T", (sub,), node.pos), why
    if k == "name" and node.args[1]:
        base, layer, index, parens = node.args
        m = re.fullmatch(r"(\[?)([A-Za-z]|nl|\d+)([+-]\d+)?", layer)
        if m:
            square, head, shift = m.group(1), m.group(2), int(m.group(3) or 0)
            for d in (-1, 1):
                s = shift + d
                moved = square + (str(int(head) + s) if head.isdigit() else head + (f"{s:+d}" if s else ""))
                yield Node("name", (base, moved, index, parens), node.pos), "wrong layer"
    if k == "call":
        word, arg = node.args
        if word not in ("inverse", "diag") and not word.endswith("_prime"):  # σ(z) where σ′(z) belongs
            prime = Node("call", (prime_word(word), arg), node.pos)
            yield prime, f"{render(node).split('(')[0]} where {render(prime).split('(')[0]} belongs"
        for sub, why in _edits(arg):
            if sub.kind != "T":
                yield Node("call", (word, sub), node.pos), why
    if k == "sum":
        for n, (sign, term) in enumerate(node.args):
            for sub, why in _edits(term):
                terms = list(node.args)
                terms[n] = (sign, sub)
                yield Node("sum", tuple(terms), node.pos), why
    if k == "prod":
        nodes, ops = node.args
        for n, op in enumerate(ops):
            flipped = list(ops)
            flipped[n] = "dot" if op == "had" else "had"
            why = "⊙ where a matrix product belongs" if op == "had" else "a matrix product where ⊙ belongs"
            yield Node("prod", (nodes, tuple(flipped)), node.pos), why
        if len(nodes) == 2 and ops == ("dot",):
            yield Node("prod", ((nodes[1], nodes[0]), ops), node.pos), "factors in the wrong order"
        for n, sub in enumerate(nodes):
            for new, why in _edits(sub):
                if new.kind == "T" and sub.kind == "prod":
                    continue
                changed = list(nodes)
                changed[n] = new
                yield Node("prod", (tuple(changed), ops), node.pos), why
    if k in ("prod", "paren"):  # the whole product transposed: tried after the edits inside it
        yield Node("T", (node,), node.pos), "transpose missing"


def side_edits(node: Node, prime: Node | None) -> Iterator[tuple[Node, int, str, Node, Node]]:
    """Edits of a side by top-level factor: (new side, position, why, wrote, expected)."""
    sign, factors, ops = top_factors(node)

    def build(fs: list[Node], os: list[str]) -> Node:
        body = fs[0] if len(fs) == 1 else Node("prod", (tuple(fs), tuple(os)), fs[0].pos)
        return body if sign > 0 else Node("sum", ((-1, body),), body.pos)

    if prime is not None:
        new = build([*factors, prime], [*ops, "had"])
        yield new, len(factors) + 1, "missing", node, new
    ones = Node("T", (Node("num", (sp.Integer(1),), node.pos),), node.pos)
    summed = build([ones, *factors], ["dot", *ops])
    yield summed, 1, "1ᵀ missing (a bias shared by the layer's units sums their δ)", node, summed
    for n, f in enumerate(factors):
        for new, why in _edits(f):
            changed = list(factors)
            changed[n] = new
            side = build(changed, ops)
            if f.kind in ("name", "T", "call") and len(factors) > 1:  # show it in its product
                yield side, n + 1, why, node, side
            else:
                yield side, n + 1, why, f, new
        if len(factors) > 1:
            yield (
                build(factors[:n] + factors[n + 1 :], ops[: n - 1] + ops[n:] if n else ops[1:]),
                n + 1,
                "extra",
                f,
                f,
            )
    for n, op in enumerate(ops):
        flipped = list(ops)
        flipped[n] = "dot" if op == "had" else "had"
        why = "⊙ where a matrix product belongs" if op == "had" else "a matrix product where ⊙ belongs"
        pair = Node("prod", ((factors[n], factors[n + 1]), (op,)), factors[n].pos)
        fixed = Node("prod", ((factors[n], factors[n + 1]), (flipped[n],)), factors[n].pos)
        yield build(factors, flipped), n + 2, why, pair, fixed
        if op == "dot":
            swapped = factors[:n] + [factors[n + 1], factors[n]] + factors[n + 2 :]
            fixed = Node("prod", ((factors[n + 1], factors[n]), (op,)), factors[n].pos)
            yield build(swapped, ops), n + 1, "factors in the wrong order", pair, fixed
    inner = Node("paren", (node,), node.pos) if node.kind == "sum" else node  # −(y − ŷ), not −y − ŷ
    negated = Node("sum", ((-1, inner),), node.pos) if sign > 0 else build(factors, ops).args[0][1]
    yield negated, 1, "sign flipped", node, negated


def bare(node: Node) -> Node:
    """A factor without the parentheses around it, for a message."""
    return node.args[0] if node.kind == "paren" else node
