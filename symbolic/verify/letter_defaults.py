r"""A letter the whole document keeps in one layer settles the statements that leave it open.

letter_readings reads each statement's index letters by the roles the statement itself gives
them (a target t_k makes k an output unit, x_i makes i an input, a forward sum puts its letter
below). A statement with no such role (`\Delta w_{ho} = \eta\, \delta_o\, y_h` in a lecture
whose `\text{net}_h = \sum_i w_{ih} x_i` put h in the hidden layer and whose
`\hat{y} = f(\text{net}_o)` made o the output) has several readings. Where every statement that
does settle a letter puts it in the same layer, that layer is the document's for the letter, and
a statement's readings that disagree with it are dropped (never all of them: a statement the
defaults leave without a reading keeps its own). A letter two statements put in two layers (j an
output on one line, a hidden unit on the next: Cross Validated 413046) has no default. Applied
only where the weights' way is said (an option, or detected); a weight's update or gradient holds
for each layer pair its letters can name (Mitchell's Δw_{kh} = η δ_k o_h is judged for either
layer) unless the document fixes each of its letters (k an output by \delta_k = (y_k - t_k) g'(a_k),
j a hidden unit by \sum_k w_{kj} \delta_k): then it is read in those layers. Fixed before any
verdict, never by one. Pure functions on readings.
"""

from __future__ import annotations


def settled(found: list) -> dict[str, int]:
    """The letters one statement's readings (reading, swap, layers) all put in the same layer."""
    if not found:
        return {}
    first = found[0][2]
    return {x: n for x, n in first.items() if all(f[2].get(x) == n for f in found[1:])}


def defaults(plans: list) -> dict[str, int]:
    """letter -> its layer, for the letters that every statement settling them settles alike."""
    seen: dict[str, set[int]] = {}
    for found in plans:
        for x, n in settled(found or []).items():
            seen.setdefault(x, set()).add(n)
    return {x: next(iter(ns)) for x, ns in seen.items() if len(ns) == 1}


def split(plans: list, lines: list[int]) -> dict[str, dict[int, int]]:
    """letter -> {layer: the first line that settles it there}, for the letters the document's
    statements settle in two layers or more (r an output unit on line 1, a hidden unit on line 2)."""
    seen: dict[str, dict[int, int]] = {}
    for found, line in zip(plans, lines):
        for x, n in settled(found or []).items():
            seen.setdefault(x, {}).setdefault(n, line)
    return {x: by for x, by in seen.items() if len(by) > 1}


def agreeing(found: list, layer_of: dict[str, int], whole: bool = False) -> list:
    """The readings of an open statement that keep the document's letters in their layers; all
    of them when none does, or when the statement's readings agree already. `whole`: only where
    the document fixes every letter the statement writes (a weight's gradient in k and j, after
    statements that put k in the output layer and j in the hidden one)."""
    if len(found) < 2 or whole and any(x not in layer_of for f in found for x in f[2]):
        return found
    keep = [f for f in found if all(f[2].get(x, n) == n for x, n in layer_of.items())]
    return keep or found


class Readings(dict):
    """{(line, col): [reading, ...]} of the statements read several ways, and `apart`: {(line,
    col): the document's statements that put one of its letters in two layers}."""

    def __init__(self) -> None:
        super().__init__()
        self.apart: dict[tuple[int, int], str] = {}


def apart_note(found: list, apart: dict[str, dict[int, int]], said) -> str:
    """The lines that put a letter of these readings in two layers ('r an output unit on line 1,
    r a hidden unit on line 2'), `said`(letter, layer) in words; '' when none does."""
    letters = sorted({x for _, _, lay in found for x in lay} & set(apart))
    return "; ".join(
        ", ".join(f"{said(x, n)} on line {line}" for n, line in apart[x].items()) for x in letters
    )


def settles(readings: dict, at: tuple[int, int]) -> str:
    """Why nothing settles a statement's letters: unsaid, or said two ways."""
    apart = getattr(readings, "apart", {}).get(at)
    return f"the document settles them two ways ({apart})" if apart else "nothing settles them"
