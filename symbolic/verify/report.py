"""The verifier's result: one Verdict per statement judged, the statements not checked with their
reasons, the numbers checked at a point, and the exit code they make (pipeline.py builds it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..derivation import Derivation
from .claims import Checked
from .ditto import Unchecked
from .judge import Verdict
from .signs import DeltaSign

NOT_PROVED_EXIT = 3
NOT_CHECKED_EXIT = 4


@dataclass
class Report:
    derivation: Derivation
    verdicts: list[Verdict]
    unchecked: list[Unchecked] = field(default_factory=list)
    source: str = ""
    numbers: list[Checked] = field(default_factory=list)  # numeric claims judged at a point
    given: list = field(default_factory=list)  # values the document gives (Given)
    inferred: list = field(default_factory=list)  # names the document settled (binding.Source)
    unanchored: frozenset = frozenset()  # numbered statements read from the input by default (layer_origin)
    sign: DeltaSign | None = None  # δ's sign and what said it (verify/signs.py)
    delta_lines: frozenset = frozenset()  # (line, col) of the δ formulas judged (sign_hooks.formula_deltas)

    @property
    def ok(self) -> bool:
        return all(v.correct for v in self.verdicts)

    @property
    def exit_code(self) -> int:
        """0 every statement correct, 1 some wrong, 4 none wrong but some not checked (unread,
        unresolved, a definition), 3 none wrong, all checked, but some not proved."""
        if any(v.status == "wrong" for v in self.verdicts) or any(not n.correct for n in self.numbers):
            return 1
        if self.unchecked:
            return NOT_CHECKED_EXIT
        return 0 if self.ok else NOT_PROVED_EXIT
