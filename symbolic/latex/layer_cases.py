r"""A case's condition that names no unit: the layer of the left side's own unit.

Sennblad's NBIS slides split `\delta_i^{(\ell)}` by its layer: `& \textrm{if }\ell=L` (the output
layer) and `& \textrm{if } 0<\ell<L` (a hidden one); Reed & Marks' summary of \delta_i says
`\text{(for output nodes)}` and `\text{(for hidden nodes)}`. Each is a condition on the left
side's unit (the one index letter of `\delta_i^{(\ell)} =`): 'output' or 'hidden', the clause
conditions.py already checks ("if j is an output unit"). A layer letter compared otherwise
(\ell = 2, \ell > 1) is left to the reader as before. Pure functions on tokens.
"""

from __future__ import annotations

from .tokens import Tok

_LAYER = ("ell", "l")


def unit_letter(head: list[Tok]) -> str | None:
    """The one index letter of the left side (`\\delta_i^{(\\ell)} =`: i), None if not one."""
    letters = {
        head[k + 1].text
        for k in range(len(head) - 1)
        if head[k].text == "_" and head[k + 1].kind == "letter" and len(head[k + 1].text) == 1
    }
    letters |= {
        head[k + 2].text
        for k in range(len(head) - 3)
        if head[k].text == "_"
        and head[k + 1].text == "{"
        and head[k + 2].kind == "letter"
        and head[k + 3].text == "}"
    }
    return letters.pop() if len(letters) == 1 else None


def layer_case(toks: list[Tok]) -> str | None:
    """'output' for `\\ell = L`, 'hidden' for `0 < \\ell < L` or `\\ell < L`, None otherwise."""
    seq = [t.text for t in toks if t.kind != "text"]
    if len(seq) == 3 and seq[0] in _LAYER and seq[1] == "=" and seq[2] == "L":
        return "output"
    if len(seq) == 5 and seq[:2] == ["0", "<"] and seq[2] in _LAYER and seq[3:] == ["<", "L"]:
        return "hidden"
    if len(seq) == 3 and seq[0] in _LAYER and seq[1] == "<" and seq[2] == "L":
        return "hidden"
    return None
