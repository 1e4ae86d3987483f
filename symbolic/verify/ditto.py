"""Part of stage 2, resolve: the seed's '//' marks replaced by the factor above at their position.

Pure: parsed statements in, each statement's sides as factor lists out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import SympropError
from ..latex import DITTO, Partial, Statement
from .names import LOSS_NAMES


class VerifyInputError(SympropError):
    """Unusable input: every problem found, each one line with its position."""

    def __init__(self, problems: list[str], fix: str = ""):
        self.problems = problems
        self.unchecked: list = []  # the statements not checked, when nothing could be
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more, fix)


@dataclass(frozen=True)
class Unchecked:
    """A statement (or an unreadable row) that gets no verdict: where it is and why."""

    line: int
    col: int
    reason: str
    fix: str = ""

    @staticmethod
    def of(err: SympropError, line: int, col: int) -> Unchecked:
        """From an error whose problem may start with 'line L, col C: '."""
        m = re.match(r"line (\d+)(?:, col (\d+))?: ", err.problem)
        if m:
            line, col = int(m.group(1)), int(m.group(2) or col)
        return Unchecked(line, col, err.problem[m.end() :] if m else err.problem, err.fix)

    def problem(self) -> str:
        return f"line {self.line}, col {self.col}: {self.reason}"


def expand_dittos(statements: list[Statement]) -> list[list[list]]:
    """Each statement's sides as factor lists, '//' replaced by the factor above at its position.

    Raises VerifyInputError at the first '//' with nothing above it (`expand_each` goes on).
    """
    out = []
    for sides in expand_each(statements):
        if isinstance(sides, VerifyInputError):
            raise sides
        out.append(sides)
    return out


def expand_each(statements: list[Statement]) -> list[list[list] | VerifyInputError]:
    """Each statement's sides as factor lists, '//' replaced by the factor above at its position;
    a statement whose '//' has nothing above it gets its error instead, and the rest go on.

    A side is a chain of derivatives (it has a \\partial factor) or of values; '//' copies from the
    nearest earlier statement of the same kind (a gradient dL/d..., or a local factor) and its side
    of the same kind. A side of '//' only is a value side when it is the last one.
    """
    last: dict[tuple, list] = {}
    out: list[list[list] | VerifyInputError] = []
    for stmt in statements:
        sides, seen = [], {}
        grad = isinstance(stmt.lhs, Partial) and getattr(stmt.lhs.num, "name", "") in LOSS_NAMES
        try:
            for k, side in enumerate(stmt.sides):
                factors = list(side.factors)
                kind = (grad, _side_kind(factors, k == len(stmt.sides) - 1))
                for i, f in enumerate(factors):
                    if f is not DITTO:
                        continue
                    above = last.get(kind)
                    if above is None or i >= len(above):
                        raise VerifyInputError(
                            [
                                f"line {side.line or stmt.line}, col {side.col}: // at factor {i + 1} "
                                f"has no factor above it"
                            ],
                            "write the factor out",
                        )
                    factors[i] = above[i]
                sides.append(factors)
                seen[kind] = factors
        except VerifyInputError as err:
            out.append(err)
            continue
        last.update(seen)
        out.append(sides)
    return out


def _side_kind(factors: list, is_last: bool) -> str:
    if any(isinstance(f, Partial) for f in factors):
        return "partial"
    if any(f is not DITTO for f in factors):
        return "value"
    return "value" if is_last else "partial"
