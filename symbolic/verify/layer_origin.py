r"""Layer numbers a document leaves unanchored: which layer `h^{(3)}` is depends on where the
document starts counting, and some documents never say.

symprop counts parenthesised layers from the input as 1 (a^{(1)} = x) when a layer is written with
a letter (Nielsen's l, a loop's k: `layer_counting.from_input`). That is a default, not something
the document says: a note in Goodfellow's letters, `a^{(k)} = b^{(k)} + W^{(k)} h^{(k-1)}`,
`h^{(k)} = \sigma(a^{(k)})`, fits h^{(0)} = x just as well, and then its
`\nabla_{W^{(3)}} L = [(h^{(3)} - y) \odot \sigma'(a^{(3)})] h^{(2)\top}` on a 2-4-3-1 network is
right, while counted from the input it is a shape misfit (h^{(3)} a hidden layer): a false 'wrong'.

In a document whose counting only that default decides (a layer written with a letter, and
nothing anchoring a number: no a^{(0)} or h^{(0)}, no a^1 = x or a^{[1]} = x, no square brackets,
no number above the network's depth on anything but a weight, no loop of an algorithm counting
from 0 or to its last layer), the document is read a second time counted from 0 (`zero_statement`
added), and a statement whose layers are digits keeps its verdict only where both readings judge
it alike (an element-wise identity, a missing transpose); else it is "not checked" with the
reason (`fold`). A statement in letters alone reads the same either way (its instances are
relabelled, not changed). Pure: statements in, their places out (`numbered`); two reports in, one
out (`fold`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..latex.matrix import MatrixStatement
from .batch import nodes
from .ditto import Unchecked
from .layer_counting import WEIGHTS
from .symbols import LAYERED, _symbols
from .zero_origin import counts_from_one, counts_from_zero

REASON = (
    "its layers are numbers, and its verdict depends on where the document counts them from, "
    "which it does not say (a^{(1)} = x, the input as layer 1, or a^{(0)} = x, as h^{(k-1)} beside "
    "W^{(k)} also reads)"
)
ZERO_LINE = 10**9  # the line of the a^{(0)} = x the second reading adds
FIX = r"write which layer the input is, e.g. h^{(0)} = x"
_DIGITS = re.compile(r"\d+")
# a^1 = x, a^{(1)} = x: the input written as layer 1, as the letter default counts (read or not;
# a^{(0)} = x anchors only where read, zero_origin.counts_from_zero, for the count to follow it)
_INPUT_LAYER = re.compile(
    r"(?<![A-Za-z\\])[ah]\s*\^\s*(?:1|\{\s*\(?\s*1\s*\)?\s*\})\s*&?\s*=\s*&?\s*x(?![A-Za-z_^])"
)
_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*([^{}]*?)\s*\}")


def _layers(stmt) -> list[tuple[str, str]]:
    """(base, layer as written, its brackets dropped) of each layered name the statement writes;
    a square bracket kept as '[' (Ng's counting, settled by itself)."""
    if isinstance(stmt, MatrixStatement):
        roots = [stmt.lhs, *(side.node for side in stmt.sides)]
        found = [n for root in roots for n in nodes(root) if n.kind == "name" and n.args[1]]
        return [(str(n.args[0]), str(n.args[1]).strip("(){} ").replace(" ", "")) for n in found]
    out = []
    for s in _symbols(stmt):
        m = LAYERED.fullmatch(s.name)
        if m:
            out.append((m.group(1), m.group(3).strip("(){} ").replace(" ", "")))
    return out


def _numbered(layers: list[tuple[str, str]]) -> bool:
    return any(_DIGITS.fullmatch(layer) for _, layer in layers)


def unanchored(statements: list, depth: int) -> bool:
    """Are the document's layers counted from the input only by the letter default?"""
    layers = [lay for stmt in statements for lay in _layers(stmt)]
    if not any(any(c.isalpha() for c in layer) for _, layer in layers):
        return False  # no letter: counted from the first weights, as the sheet counts them
    if any(layer.startswith("[") for _, layer in layers):
        return False  # Ng's square brackets: a^{[0]} = x
    if counts_from_one(statements) or counts_from_zero(statements):
        return False
    return not any(
        _DIGITS.fullmatch(layer) and int(layer) > depth and base not in WEIGHTS for base, layer in layers
    )


def numbered(statements: list, depth: int, algorithm=None, source: str = "") -> set[tuple[int, int]]:
    """(line, col) of each statement whose numbered layers are unanchored (`unanchored`); none
    where the text writes the input as layer 1, `a^1 = x`, `a^{(1)} = \\mathbf{x}` (read or not)."""
    if algorithm is not None and (algorithm.from_zero or algorithm.bounds):
        return set()  # a loop's range says it (verify/running.py)
    if _INPUT_LAYER.search(_BOLD.sub(r"\1", source)):
        return set()
    if not unanchored(statements, depth):
        return set()
    return {(stmt.line, stmt.col) for stmt in statements if _numbered(_layers(stmt))}


def zero_statement() -> MatrixStatement:
    """a^{(0)} = x, on no line of the document: read with it, the layers count from 0."""
    from .read import read

    stmt = read("$$a^{(0)} = x$$", "tex").statements[0]
    assert isinstance(stmt, MatrixStatement)
    return replace(stmt, line=ZERO_LINE)


def _said(report, at: tuple[int, int]) -> set[str]:
    out = {v.status for v in report.verdicts if (v.line, v.col) == at}
    return out | ({"not checked"} if any((u.line, u.col) == at for u in report.unchecked) else set())


def fold(report, other):
    """The report read from the input, each numbered statement kept where the reading from 0
    (`other`) judges it alike, else not checked with the reason."""
    differ = {at for at in report.unanchored if _said(report, at) != _said(other, at)}
    if not differ:
        return report
    verdicts = [v for v in report.verdicts if (v.line, v.col) not in differ]
    unchecked = [u for u in report.unchecked if (u.line, u.col) not in differ]
    unchecked += [Unchecked(line, col, REASON, FIX) for line, col in sorted(differ)]
    return replace(report, verdicts=verdicts, unchecked=sorted(unchecked, key=lambda u: (u.line, u.col)))
