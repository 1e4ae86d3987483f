"""`bounded`: a proof's budget is the child's CPU time, so a verdict does not depend on load."""

from __future__ import annotations

import time

import pytest

from symbolic.timelimit import WALL_FACTOR, _cpu_seconds, bounded


def _spin():
    while True:
        pass


def _idle_then_answer():
    time.sleep(0.6)  # wall time passes, CPU time does not: as when other jobs hold the cores
    return 42


def test_a_busy_child_is_stopped_after_its_cpu_budget():
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        bounded(_spin, 0.3)
    assert time.monotonic() - start < WALL_FACTOR * 0.3 + 1


def test_a_child_waiting_for_the_cpu_is_not_stopped_by_wall_time():
    # before: the budget was wall time, and a child held off the CPU for 2x its budget timed out
    assert bounded(_idle_then_answer, 0.3) == 42


def test_a_child_that_never_finishes_without_using_cpu_is_stopped_by_the_wall_backstop():
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        bounded(lambda: time.sleep(60), 0.1)
    assert time.monotonic() - start < WALL_FACTOR * 0.1 + 1


def test_cpu_seconds_reads_this_process():
    import os

    used = _cpu_seconds(os.getpid())
    assert used is not None and used > 0
