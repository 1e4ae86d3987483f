"""A stage's failure on one statement kept to that statement (a bug named where it happened, the
other statements still judged), and one statement judged again at other points."""

from __future__ import annotations

from .ditto import Unchecked
from .evaluate import evaluate
from .judge import Verdict, judge


def judged_at(net, r, at) -> Verdict:
    """One statement judged at other points (example_targets: the targets at the example's)."""
    return judge(net, r, evaluate(net, at, r))


def guarded(stage, *args):
    """stage(*args), or the exception it raised (a bug): the caller names it on its statement."""
    try:
        return stage(*args)
    except Exception as err:  # noqa: BLE001
        return err


def internal(r, err: Exception) -> Unchecked:
    """A statement symprop failed on (a bug): not checked, said so, and the rest still judged."""
    reason = (str(err).splitlines() or [""])[0][:120]
    return Unchecked(
        r.statement.line,
        r.statement.col,
        f"symprop could not evaluate it (internal error: {type(err).__name__}: {reason})",
        "please report it with the document; the other statements are unaffected",
    )
