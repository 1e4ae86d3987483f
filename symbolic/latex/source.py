"""Source positions, limits and errors of the LaTeX reader.

`Source` holds the whole input, turns offsets into (line, col) and raises `LatexParseError`s that
say what is wrong, where and how to fix it; the limits bound every kind of work before it is done.
"""

from __future__ import annotations

import bisect
import gc
import re
import threading
import time
from typing import TYPE_CHECKING

from ..timelimit import interpreter_callback

if TYPE_CHECKING:
    from .row_products import Rows
    from .shifted_letters import Shifts
    from .subscript_layers import Plan

# Limits. Each is checked before the work it guards.
MAX_BYTES = 1_000_000  # input size (UTF-8)
MAX_DEPTH = 200  # nesting of groups: ( [ { \frac \sqrt \sigma( ...
MAX_TOKENS = 50_000  # per document
MAX_OPERANDS = 1_000  # per statement (SymPy Add/Mul cost grows with the operand count)
MAX_DOC_OPERANDS = 10_000  # per document
MAX_EXPONENT = 1000  # |p| and q of a numeric exponent p/q
MAX_NUMBER_BITS = 20_000  # size of any number SymPy is asked to compute
MAX_DIGITS = 300  # digits in one literal
TIME_BUDGET = 1.0  # seconds of CPU time; a last guard, the limits above normally stop first


class _Collections(threading.local):
    """CPU time the garbage collector has run in this thread. A collection runs in whichever thread
    allocates when a threshold is crossed, and a full one walks the whole heap: in a process that
    holds much (a test worker after the corpus, 1.5 M containers in a probe) it cost a 20,000-
    character document 0.6 s of its reading budget, and failed it in a full run. That time is the
    process's, not the reading's."""

    start = 0.0
    spent = 0.0

    @interpreter_callback  # a time limit's signal landing here would be unraisable (timelimit.py)
    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self.start = time.thread_time()
        else:
            self.spent += time.thread_time() - self.start


_COLLECTIONS = _Collections()
gc.callbacks.append(_COLLECTIONS)


def reading_time() -> float:
    """CPU time of this thread, less the garbage collector's in it: the clock of TIME_BUDGET."""
    return time.thread_time() - _COLLECTIONS.spent


FIX_COMMAND = r"write the formula with + - \cdot \frac ^ _ and \sigma/\exp/\tanh/\log only"


class LatexParseError(ValueError):
    """One line: 'line L, col C: what is wrong; how to fix it'."""

    def __init__(self, what: str, line: int, col: int, fix: str = ""):
        self.line, self.col = line, col
        self.what, self.fix = what, fix
        super().__init__(f"line {line}, col {col}: {what}" + (f"; {fix}" if fix else ""))


class LimitError(LatexParseError):
    """A resource limit was hit: reading the document stops here."""


class Source:
    """The whole input; turns offsets into (line, col) and raises positioned errors."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        # CPU time of this thread less its garbage collections (reading_time): a busy machine, busy
        # other threads (process_time counted a worker's XLA pool) and a large heap read as idle
        self.deadline = reading_time() + TIME_BUDGET
        self.tokens = 0
        self.operands = 0
        self.vectors: set[str] = set()  # names a matrix row defined (d2l's z = W^{(1)} x): vectors
        self.unit_biases: set[str] = set()  # b beside b^{(L)}_j: a bare b^{(L)} the vector (unit_biases.py)
        self.functions: frozenset[str] = frozenset()  # names the document defines: s(x) = ...
        self.primed: frozenset[str] = frozenset()  # names the document writes N'(x): N(y) is N at y
        self.index_primes: dict[str, str] = {}  # j' -> the fresh letter it is read as (index_primes.py)
        self.layers: Plan | None = None  # subscript_layers.Plan: W_3x_2, the layers written as subscripts
        self.renamed: dict[str, str] = {}  # W -> '(': W_1 is W^{(1)} (renamed_layers.py)
        self.layer_letters: frozenset[str] = frozenset()  # W^{(j)}: X^{(j-1)} a layer (layer_superscripts)
        self.bare_letters: frozenset[str] = frozenset()  # f beside f^{(k)}: its layers not read
        self.own_e = False  # the document defines e (e = y - \hat{y}): a bare e is a name (error_letter.py)
        self.mixed_e = False  # it defines e and writes e^{-x}: a bare e the name, e^{-x} Euler's
        self.forward: dict[str, tuple[str, int]] = {}  # U -> ('W', 2): forward_letters.py
        self.shifted: Shifts | None = None  # f_0 = \beta_0 + \Omega_0 x: shifted_letters.py
        self.rows: Rows | None = None  # \alpha_m^T x beside \alpha_{ml}: row_products.py
        self.groups: dict = {}  # θ_j -> its members' tokens (parameter_groups.py)
        self.slopes: dict = {}  # F -> A of F'_X \equiv F'(A_X) (slope_names.py)
        self.table_rows: frozenset[int] = frozenset()  # a table's labelled rows (array_rows.py)
        self.shifts = False  # a_{L-1}: L-shifted subscripts are layers (subscript_shifts.py)
        self.pairs: frozenset[str] = frozenset()  # {Co}= ...: two-letter names (pair_names.py)
        self.bare_d = False  # \frac{Co}{dw_L}: a derivative, its d below only (bare_leibniz.py)

    def where(self, pos: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, pos)
        return line, pos - self.starts[line - 1] + 1

    def error(self, pos: int, what: str, fix: str = "", cls=LatexParseError) -> LatexParseError:
        return cls(what, *self.where(pos), fix)

    def limit(self, pos: int, what: str, fix: str) -> LatexParseError:
        return self.error(pos, what, fix, LimitError)

    def tick(self, pos: int) -> None:
        if reading_time() > self.deadline:
            raise self.limit(
                pos, f"input too complex to read within {TIME_BUDGET:g} s", "split it into smaller documents"
            )


def show(s: str, limit: int = 24) -> str:
    """A token for an error message: short, one line, control characters escaped."""
    s = s if len(s) <= limit else s[:limit] + "..."
    return repr(s)[1:-1] if any(not c.isprintable() for c in s) else s
