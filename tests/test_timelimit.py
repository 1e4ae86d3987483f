"""`bounded`: a proof's budget is the child's CPU time, so a verdict does not depend on load.
`time_limit`: the signal stops the block's own work and never lands in someone else's callback."""

from __future__ import annotations

import gc
import sys
import time

import pytest
import sympy

from symbolic.timelimit import WALL_FACTOR, _cpu_seconds, bounded, time_limit


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


def test_the_signal_is_not_raised_inside_a_foreign_gc_callback():
    # before: the SIGALRM landed in hypothesis's gc callback (and once in pytest's hook for the
    # "unraisable" TimeoutError that followed), failing an unrelated test in CI
    unraisable, spun = [], []

    def slow_callback(phase, _info):  # a callback of this test file: not the block's own work
        if phase == "start" and not spun:
            spun.append(True)
            start = time.monotonic()
            while time.monotonic() - start < 0.12:  # past the first firing and one repeat
                pass

    old_hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    gc.callbacks.append(slow_callback)
    try:
        with pytest.raises(TimeoutError):
            with time_limit(0.03):
                while True:
                    gc.collect(0)
    finally:
        gc.callbacks.remove(slow_callback)
        sys.unraisablehook = old_hook
    assert unraisable == []


def test_the_signal_still_stops_work_inside_sympy():
    x = sympy.Symbol("x")
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        with time_limit(0.2):
            sympy.factor(sum((x + k) ** 40 for k in range(60)) - 1)
    assert time.monotonic() - start < 5


def test_the_signal_is_not_raised_inside_a_standard_library_weakref_callback():
    # CI: the SIGALRM landed in WeakSet's _remove, called when SymPy freed an object
    import weakref

    unraisable = []

    class Dropped:
        pass

    def slow_remove(_ref):  # a callback the interpreter calls, as WeakSet's is
        start = time.monotonic()
        while time.monotonic() - start < 0.12:
            pass

    slow_remove.__code__ = slow_remove.__code__.replace(co_filename=weakref.__file__)
    old_hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        with pytest.raises(TimeoutError):
            with time_limit(0.03):
                held = Dropped()
                ref = weakref.ref(held, slow_remove)
                del held  # the callback runs here, past the first firing
                while True:
                    pass
    finally:
        sys.unraisablehook = old_hook
    assert ref() is None and unraisable == []
