r"""A gradient by a scalar the document binds, read as the derivative by that name.

`\nabla_{w_2} L = (\hat{y} - y) h` in a document whose rows `z = w_1 x + b_1`, `h = \sigma(z)`,
`\hat{y} = w_2 h + b_2` write w_2 as a plain scalar: the row is `\frac{\partial L}{\partial w_2}`,
not a matrix statement (which read w_2 as naming nothing in the network). Only a name an earlier
scalar statement of the document writes (a lower-case letter, or a Greek one, with at most one
subscript), and only where nothing else in the row is a matrix operation. Pure functions on tokens.
"""

from __future__ import annotations

import re

import sympy as sp

from .statements import Statement
from .tokens import Tok

_NAME = re.compile(r"(?:[a-z]|\\?[a-z]{2,})(?:_[A-Za-z0-9]+)?")


def scalars(statements: list) -> set[str]:
    """The names the scalar statements read so far write (w_2, b_1, h, theta_1)."""
    out: set[str] = set()
    for s in statements:
        if not isinstance(s, Statement):
            continue
        parts = [s.lhs, *(f for side in s.sides for f in side.factors)]
        out |= {x.name for p in parts if isinstance(p, sp.Basic) for x in p.atoms(sp.Symbol)}
    return out


def _group(toks: list[Tok], k: int) -> tuple[list[Tok], int]:
    """The tokens of the subscript starting at toks[k] (a braced group or one token), and the
    index after it."""
    if k >= len(toks):
        return [], k
    if toks[k].text != "{":
        return [toks[k]], k + 1
    depth, j = 0, k
    while j < len(toks):
        depth += {"{": 1, "}": -1}.get(toks[j].text, 0) if toks[j].kind == "op" else 0
        if depth == 0:
            return toks[k + 1 : j], j + 1
        j += 1
    return [], k


def rewrite(names: set[str], toks: list[Tok]) -> list[Tok]:
    """The row with each `\\nabla_{s} L`, s a scalar of `names`, as `\\frac{\\partial L}{\\partial s}`."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if t.kind == "cmd" and t.text == "nabla" and k + 1 < len(toks) and toks[k + 1].text == "_":
            wrt, j = _group(toks, k + 2)
            spelled = "".join(x.text for x in wrt)
            loss = toks[j] if j < len(toks) else None
            scalar = bool(wrt) and _NAME.fullmatch(spelled) is not None and spelled in names
            if scalar and loss is not None and loss.kind == "letter":
                out += _partial(t, loss, wrt)
                k = j + 1
                continue
        out.append(t)
        k += 1
    return out


def _partial(at: Tok, loss: Tok, wrt: list[Tok]) -> list[Tok]:
    """\\frac{\\partial L}{\\partial s}, each token at the \\nabla's place."""

    def tok(kind: str, text: str) -> Tok:
        return Tok(kind, text, at.pos, at.end, at.space)

    return [
        tok("cmd", "frac"),
        tok("op", "{"),
        tok("cmd", "partial"),
        loss,
        tok("op", "}"),
        tok("op", "{"),
        tok("cmd", "partial"),
        *wrt,
        tok("op", "}"),
    ]
