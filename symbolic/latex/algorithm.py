r"""Lines of an algorithm as textbooks print them (Goodfellow, Bengio & Courville, Algorithm 6.4):

- a running variable reassigned with a left arrow and given its meaning,
  `g \leftarrow \nabla_{a^{(k)}} J = g \odot f'(a^{(k)})`: the statement is the chain after the
  arrow (∇_{a^{(k)}} J = g ⊙ f'(a^{(k)})) and g names its left side from here on
  (`running_assignment`; the verifier binds later uses, symbolic/verify/running.py);
- a loop header `k = l, l-1, \ldots, 1` (`for $k = ...$ do`): not a claim (`is_loop_header`);
  the verifier reads the loop from the text.
A left arrow anywhere else is refused as before (an update line is not an equation).
"""

from __future__ import annotations

from .source import Source
from .tokens import Tok

ARROW = "←"
DOTS = {"dots", "ldots", "cdots"}


def running_assignment(src: Source, toks: list[Tok]) -> tuple[list[Tok], str]:
    """`g ← X = Y` -> (the tokens of X = Y, 'g'); a row without an arrow -> (toks, '')."""
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
    raise src.error(
        toks[k].pos,
        "arrow \\leftarrow is not an equation",
        "use '=' (only '=' chains are read), or give the new value its meaning: g \\leftarrow X = ...",
    )


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
    """Tokens of \\hat{y} or \\hat y at the cursor (the network's output), else 0."""
    t = cur.peek()
    if t is None or t.kind != "cmd" or t.text not in ("hat", "widehat"):
        return 0
    if cur.is_("{", 1) and getattr(cur.peek(2), "text", "") == "y" and cur.is_("}", 3):
        return 4
    return 2 if getattr(cur.peek(1), "text", "") == "y" and cur.peek(1).kind == "letter" else 0
