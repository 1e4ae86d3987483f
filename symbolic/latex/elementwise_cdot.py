r"""`\cdot` before an activation in a gradient's row: the element-wise product, as blog posts write
Ng's recursion `dZ[l] = W[l+1]^T dZ[l+1] \cdot g'(Z[l])` (Ng's slides write NumPy's `*`); `\ast`
alike (a Japanese note's `\frac{\partial E}{\partial \bm{y}^{L}} \ast f_L'(\bm{u}^{L})`).

In a row whose left side is a gradient (Ng's dZ, dW, db; \delta; \nabla; \frac{\partial ...}),
an activation applied to a layer (g'(z), \sigma'(z), ReLU(z), g(z)) is a column vector: it is
never the right operand of a matrix product there (no backward formula multiplies a matrix by
an activation's column), so `\cdot` before it can only be element-wise. Everywhere else `\cdot`
stays a product (`W^{[l]} \cdot A^{[l-1]}`, `W \cdot \sigma(z)` in a forward pass).
"""

from __future__ import annotations

from typing import Any

from ..activations import named
from .matrix_rows import VECTORS
from .ng import layer_of_function
from .tokens import Tok
from .vocabulary import GENERIC_CALLS

ACTIVATIONS = (
    frozenset(GENERIC_CALLS)
    | {"sigma", "varphi", "phi"}
    | {w for rule in named() for w in (rule.name, *rule.spellings)}
)


def gradient_row(toks: list[Tok]) -> bool:
    """Does the row's left side start with a gradient: dZ^{[l]} (Ng), \\delta, \\nabla, \\frac{\\partial?"""
    if len(toks) < 2:
        return False
    t, u = toks[0], toks[1]
    if t.kind == "letter" and t.text == "d" and t.touches(u) and u.text in VECTORS:
        return True
    if t.kind == "cmd" and t.text in ("delta", "nabla"):
        return True
    fraction = t.kind == "cmd" and t.text in ("frac", "dfrac") and u.text == "{"
    return fraction and len(toks) > 2 and toks[2].text == "partial"


def cdot_op(reader: Any) -> str:
    """At a `\\cdot` (the reader's cursor on it): 'had' before an activation's call in a
    gradient's row, else 'dot'."""
    fn = reader.peek(1)
    if _derivative_pair(reader) and (gradient_row(reader.toks) or reader.gradient):
        return "had"  # a^{[1]} \cdot (1 - a^{[1]}): the sigmoid's derivative, entry by entry
    if fn is None or fn.text not in ACTIVATIONS or fn.kind not in ("letter", "word", "cmd"):
        return "dot"
    follows = reader.is_("(", 2) or reader.is_("'", 2) or layer_of_function(reader, 2) > 0
    if reader.is_("^", 2) and reader.is_("prime", 3):
        follows = True
    return "had" if follows and (gradient_row(reader.toks) or reader.gradient) else "dot"


def gradient_lhs(lhs: Any) -> bool:
    """Is a matrix statement's left side (a matrix_rows.Node) a gradient: δ, ∇, ∂/∂, Ng's dZ?"""
    return lhs.kind in ("nabla", "partial") or lhs.kind == "name" and lhs.args[0] == "delta"


def _name_at(reader: Any, k: int) -> list[str]:
    """The token texts of one name at offset k (a letter and its ^{...} / _{...} scripts), else []."""
    t = reader.peek(k)
    if t is None or t.kind != "letter":
        return []
    out, j = [t.text], k + 1
    while reader.is_("^", j) or reader.is_("_", j):
        out.append(reader.peek(j).text)
        j += 1
        if not reader.is_("{", j):
            nxt = reader.peek(j)
            if nxt is None:
                return []
            out.append(nxt.text)
            j += 1
            continue
        depth = 0
        while reader.peek(j) is not None:
            text = reader.peek(j).text
            depth += (text == "{") - (text == "}")
            out.append(text)
            j += 1
            if depth == 0:
                break
    return out


def _one_minus(reader: Any, k: int, name: list[str]) -> bool:
    """`(1 - NAME)` at offset k, or `(1 + NAME)`: the slip a(1 + a) for the sigmoid's a(1 - a) is
    still two columns taken entry by entry (their matrix product fits no layout), so it is read
    element-wise and judged, its factor named, rather than refused for its shapes."""
    head = [reader.peek(k + n) for n in range(3)]
    if [getattr(t, "text", None) for t in head] not in (["(", "1", "-"], ["(", "1", "+"]):
        return False
    body = [getattr(reader.peek(k + 3 + n), "text", None) for n in range(len(name))]
    return body == name and reader.is_(")", k + 3 + len(name))


def _derivative_pair(reader: Any) -> bool:
    r"""At a `\cdot` between a^{[l]} and (1 - a^{[l]}) (or 1 + a^{[l]}), or just before that pair
    (`\cdot a^{[l]} \cdot (1 - a^{[l]})`): the activation's derivative written out, a column vector
    taken entry by entry (a matrix product of two columns, or a row by a column, is never what it
    means)."""
    name = _name_at(reader, 1)
    if name:
        after = 1 + len(name)
        after += 1 if reader.is_("cdot", after) else 0
        return _one_minus(reader, after, name)
    for size in range(1, 12):  # the name just before the \cdot
        start = -size
        before = _name_at(reader, start)
        if len(before) == size:
            return _one_minus(reader, 1, before)
    call = _call_before(reader)  # \sigma(Z^{(2)}) \cdot (1 - \sigma(Z^{(2)}))
    return bool(call) and _one_minus(reader, 1, call)


def _call_before(reader: Any) -> list[str]:
    """The token texts of an activation's call f(...) ending just before the cursor, else []."""
    if not reader.is_(")", -1):
        return []
    depth, k = 0, -1
    while reader.i + k >= 0 and (t := reader.peek(k)) is not None and k > -40:
        depth += (t.text == ")") - (t.text == "(")
        if depth == 0:
            fn = reader.peek(k - 1)
            if fn is None or fn.text not in ACTIVATIONS or fn.kind not in ("letter", "word", "cmd"):
                return []
            return [reader.peek(n).text for n in range(k - 1, 0)]
        k -= 1
    return []


def juxtaposed_op(reader: Any) -> str:
    r"""At a '(' written right after a name or an activation's call in a gradient's row: 'had'
    when the group is (1 - that name or call), the activation's derivative written out with no
    operator (`\frac{\partial h}{\partial a} = \sigma(a)(1 - \sigma(a))`, `a(1 - a)`); else 'dot'."""
    if not reader.is_("(") or not (gradient_row(reader.toks) or reader.gradient):
        return "dot"
    for size in range(1, 12):
        before = _name_at(reader, -size)
        if len(before) == size:
            return "had" if _one_minus(reader, 0, before) else "dot"
    call = _call_before(reader)
    return "had" if call and _one_minus(reader, 0, call) else "dot"
