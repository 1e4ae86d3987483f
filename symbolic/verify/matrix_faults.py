"""Matrix statements: the entry verdicts folded into one verdict per layer, and the fault named.

A group (one matrix statement at one layer) is correct when every entry is (each proved, or
equal at telling points), not proved when some entry is only equal, not checked when an entry
could not be read, wrong when an entry differs or the shapes do not fit. A wrong one is named
by the one edit of the written side that makes every entry right at the test points: a missing
or extra transpose, ⊙ where a matrix product belongs (or the reverse), a missing f'(z) factor,
an extra factor, factors in the wrong order, a wrong layer. With no such edit, a shape fault
names both shapes for this network ("(W^{(3)})ᵀ is 3×2 and δ^{(2)} is 3×1"), and a value fault
is the first wrong entry's own fault.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from ..activations import prime_word
from ..latex import Partial
from ..latex.matrix import Node
from .ditto import Unchecked
from .explain import Fault
from .judge import Verdict
from .matrix import GREEK, TAG, Evaluator, Group, Layout, Missing, ShapeError, top_factors
from .numbers import same
from .resolve import Network, _hand

MAX_EDITS = 80  # candidate edits tried per wrong group
CALLS = {"f_prime": "f′", "g_prime": "g′", "h_prime": "h′", "sigma": "σ", "sigmoid": "σ"}


@dataclass(frozen=True)
class MatrixFault(Fault):
    """A fault of a matrix statement, said in words (`text`)."""

    text: str = ""


# ------------------------------------------------------------------------------ rendering


def render(node: Node, env: dict | None = None, lay: Layout | None = None) -> str:
    """A node as the author wrote it, in Unicode (δ^{l+1}, (W^{(l)})ᵀ, ⊙, σ′(z^l)); with env,
    the layers of this instance (W^{(3)})."""
    k = node.kind
    if k == "name":
        base, layer, index, parens = node.args
        text = GREEK.get(base, base)
        if layer:
            if env is not None and lay is not None:
                try:
                    layer = str(lay.layer(layer, env))
                except Missing:
                    pass
            shown = f"({layer})" if parens else layer
            shown = shown.replace("nl", "n_l")
            text += f"^{shown}" if len(shown) == 1 else f"^{{{shown}}}"
        if index:
            text += f"_{index}" if len(index) == 1 else f"_{{{index}}}"
        return text
    if k == "num":
        return str(node.args[0])
    if k == "norm2":
        return f"‖{render(node.args[0], env, lay)}‖²"
    if k == "paren":
        inner = node.args[0]
        body = render(inner, env, lay)
        return body if inner.kind in ("name", "T") else f"({body})"
    if k == "T":
        inner = _bare(node.args[0])
        body = render(inner, env, lay)
        plain = inner.kind == "name" and not inner.args[1] or inner.kind == "num"
        return f"{body}ᵀ" if plain else f"({body})ᵀ"
    if k == "call":
        word, arg = node.args
        if word == "inverse":
            return f"1/{render(arg, env, lay)}"
        shown = CALLS.get(word) or (
            GREEK.get(word.removesuffix("_prime"), word.removesuffix("_prime")) + "′"
            if word.endswith("_prime")
            else GREEK.get(word, word)
        )
        if word in ("sigmoid_prime", "sigma_prime"):
            shown = "σ′"
        return f"{shown}({render(arg, env, lay)})"
    if k == "nabla":
        wrt, loss = node.args
        sub = render(wrt, env, lay)
        return f"∇_{sub} {loss}" if len(sub) == 1 else f"∇_{{{sub}}} {loss}"
    if k == "partial":
        num, den = node.args
        return f"∂{render(num, env, lay)}/∂{render(den, env, lay)}"
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
        m = re.fullmatch(r"(l|L|nl|\d+)([+-]\d+)?", layer)
        if m:
            head, shift = m.group(1), int(m.group(2) or 0)
            for d in (-1, 1):
                s = shift + d
                moved = str(int(head) + s) if head.isdigit() else head + (f"{s:+d}" if s else "")
                yield Node("name", (base, moved, index, parens), node.pos), "wrong layer"
    if k == "call":
        word, arg = node.args
        if word not in ("inverse",) and not word.endswith("_prime"):  # σ(z) where σ′(z) belongs
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


def _side_edits(node: Node, prime: Node | None) -> Iterator[tuple[Node, int, str, Node, Node]]:
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
    negated = Node("sum", ((-1, node),), node.pos) if sign > 0 else build(factors, ops).args[0][1]
    yield negated, 1, "sign flipped", node, negated


# ------------------------------------------------------------------------------ naming


class Namer:
    def __init__(self, net: Network, points, lay: Layout):
        self.net, self.points, self.lay = net, points, lay

    def vector(self, entry) -> list | None:
        try:
            if isinstance(entry, Partial):
                entry = sp.Function("Partial")(entry.num, entry.den)
            return self.points.vector(_hand(self.net, entry, ""))
        except Exception:  # a name this instance cannot resolve: the edit does not fit
            return None

    def truth(self, g: Group) -> list | None:
        assert g.lhs is not None
        out = []
        for e in g.lhs:
            v = self.vector(e)
            if v is None:
                return None
            out.append(v)
        return out

    def fits(self, g: Group, node: Node, truth: list) -> bool:
        ev = Evaluator(self.lay, g.env)
        try:
            m = ev.value(node)
        except (ShapeError, Missing):
            return False
        if g.lhs is None or m.shape != g.lhs.shape:
            return False
        for e, t in zip(m, truth):
            v = self.vector(e)
            if v is None or not same(v, t):
                return False
        return True

    def prime(self, g: Group) -> Node | None:
        """f'(z) of the left side's layer, when the left side is a δ."""
        lhs = g.statement.lhs
        if lhs.kind != "name" or lhs.args[0] != "delta":
            return None
        return Node("call", (self.lay.prime, Node("name", ("z", lhs.args[1], lhs.args[2], lhs.args[3]))))

    def name(self, g: Group, side: int, node: Node) -> MatrixFault | None:
        """The one edit that makes every entry right, said in words."""
        if g.lhs is None:
            return None
        truth = self.truth(g)
        if truth is None:
            return None
        tried = 0
        for new, position, why, wrote, expected in _side_edits(node, self.prime(g)):
            tried += 1
            if tried > MAX_EDITS:
                break
            if not self.fits(g, new, truth):
                continue
            shape = self.shape(g)
            wrote, expected = _bare(wrote), _bare(expected)
            if why == "missing":
                added = expected.args[0][-1] if expected.kind == "prod" else expected
                text = f"{render(added)} factor missing: wrote {render(wrote)}, expected {render(expected)}"
            elif why == "extra":
                text = f"extra factor {render(wrote)}"
            else:
                text = f"{why}: wrote {render(wrote)}, expected {render(expected)}"
            return MatrixFault("matrix", side + 1, position, text=text + shape)
        return None

    def shape(self, g: Group) -> str:
        if g.shape_error is None:
            return ""
        err = g.shape_error[1]
        return " (" + shape_words(err, g.env, self.lay) + ")"


def shape_words(err: ShapeError, env: dict, lay: Layout) -> str:
    a, b = err.operands
    left = render(_bare(a), env, lay) if a is not None else "the left side"
    right = render(_bare(b), env, lay) if b is not None else "the right side"
    if err.what == "the two sides":
        left, right = "the left side " + left, "the right side " + right
    la = "×".join(map(str, err.left))
    rb = "×".join(map(str, err.right))
    return f"{left} is {la} and {right} is {rb}"


def collect(
    net: Network, points, lay: Layout | None, groups: list[Group], verdicts: list[Verdict], unchecked: list
) -> tuple[list[Verdict], list[Unchecked]]:
    """Entry verdicts -> one verdict per group; entries not checked -> the group not checked."""
    if not groups:
        return verdicts, unchecked
    assert lay is not None
    by_gid: dict[int, list[Verdict]] = {}
    kept = []
    for v in verdicts:
        if v.instance.startswith(TAG):
            by_gid.setdefault(int(v.instance[len(TAG) :]), []).append(v)
        else:
            kept.append(v)
    places = {(g.statement.line, g.statement.col) for g in groups}
    reasons: dict[tuple, list[Unchecked]] = {}
    rest = []
    for u in unchecked:
        if (u.line, u.col) in places:
            reasons.setdefault((u.line, u.col), []).append(u)
        else:
            rest.append(u)
    namer = Namer(net, points, lay)
    for g in groups:
        m = g.statement
        entries = by_gid.get(g.gid, [])
        missed = reasons.get((m.line, m.col), [])
        if g.unchecked or (len(entries) < len(g.entries) and not g.shape_error):
            why = g.unchecked or (missed[0].reason if missed else "an entry could not be checked")
            fix = missed[0].fix if missed and not g.unchecked else ""
            rest.append(Unchecked(m.line, m.col, f"for {g.label}: {why}" if g.label else why, fix))
            continue
        kept.append(fold(net, namer, g, entries))
    return kept, rest


def fold(net: Network, namer: Namer, g: Group, entries: list[Verdict]) -> Verdict:
    m = g.statement
    label = render(m.lhs)
    n = len(g.entries)
    base: dict[str, Any] = dict(
        kind="matrix",
        line=m.line,
        col=m.col,
        instance=g.label,
        label=label,
        sides=len([k for k in g.sides_used if k >= 0]) or len(m.sides),
    )
    if g.shape_error is not None:
        k, err = g.shape_error
        side = max(k, 0)
        node = err.node if k < 0 else _checked(m, k)
        fault = namer.name(g, side, node) if k >= 0 else None
        if fault is None:
            _, factors, _ = top_factors(node)
            position = next((i + 1 for i, f in enumerate(factors) if _contains(f, err.operands[1])), 1)
            text = f"shapes do not fit in {err.what}: {shape_words(err, g.env, namer.lay)}"
            fault = MatrixFault("matrix", side + 1, position, text=text)
        loss = net.d.loss_symbol
        return Verdict(
            num=loss,
            den=sp.Symbol(label),
            written=Partial(loss, sp.Symbol(label)),
            correct=False,
            exact=False,
            fault=fault,
            status="wrong",
            **base,
        )
    first = entries[0]
    common = dict(num=first.num, den=first.den, written=first.written, delta=first.delta, **base)
    wrong = [v for v in entries if v.status == "wrong"]
    if wrong:
        v = wrong[0]
        assert v.fault is not None
        side = g.sides_used[v.fault.side - 1]  # the entries' sides: ∂L/∂z first for a δ
        named = namer.name(g, side, _checked(m, side))
        if named is None and len(entries) > 1 and g.lhs is not None:  # which entry the fault is in
            k, cols = entries.index(v), g.lhs.shape[1]
            at = f"{k + 1}" if cols == 1 else f"({k // cols + 1},{k % cols + 1})"
            common["label"] = f"{label}, entry {at}"
        return Verdict(
            correct=False,
            exact=False,
            fault=named or replace(v.fault, side=side + 1),
            witness=v.witness,
            status="wrong",
            evidence=v.evidence,
            hand=v.hand,
            true=v.true,
            **{**common, "num": v.num, "den": v.den, "written": v.written},
        )
    ok = all(v.correct for v in entries)
    exact = all(v.exact for v in entries)
    n = len(entries)
    common["label"] = (
        f"{label} ({'every entry, ' + str(n) if n > 2 else 'both entries' if n == 2 else 'its entry'})"
    )
    if g.dropped:
        common["label"] += " (row 0 of Θᵀδ, the bias unit's, dropped as ex4 says)"
    return Verdict(
        correct=ok,
        exact=True if exact else None,
        evidence=first.evidence,
        status="correct" if ok else "not proved",
        hand=first.hand,
        true=first.true,
        **common,
    )


def _bare(node: Node) -> Node:
    """A factor without the parentheses around it, for a message."""
    return node.args[0] if node.kind == "paren" else node


def _checked(m, k: int) -> Node:
    from .matrix_entries import _increment

    node = m.sides[k].node
    return _increment(m.lhs, node) or node


def _contains(node: Node, sub: Node | None) -> bool:
    if sub is None:
        return False
    if node == sub:
        return True
    for a in node.args:
        if isinstance(a, Node) and _contains(a, sub):
            return True
        if isinstance(a, tuple):
            for b in a:
                if isinstance(b, Node) and _contains(b, sub):
                    return True
                if isinstance(b, tuple) and any(isinstance(c, Node) and _contains(c, sub) for c in b):
                    return True
    return False
