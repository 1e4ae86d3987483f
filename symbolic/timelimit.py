"""Bound a SymPy computation by wall time: `with time_limit(2.0): ...` raises TimeoutError.

SIGALRM-based, so it bounds only in the main thread (elsewhere the block runs unbounded). The timer
repeats every 50 ms after it first fires: library code that swallows one TimeoutError (SymPy's
polynomial routines have broad handlers) is interrupted again until the block is left.

The signal is raised only where the block's own work runs: in the block, or in a call it made into
SymPy, mpmath or this package. Python runs a signal handler wherever the interpreter happens to be,
including a garbage-collector callback, a weakref callback or a finalizer (hypothesis times the
collector; the standard library's WeakSet removes its dead entries so); an exception raised there
cannot reach the block, is reported as "unraisable", and once landed inside pytest's own hook for
those reports, failing a test that had nothing wrong with it. Elsewhere, the standard library
included, the handler lets the signal pass; it fires again 50 ms later.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time

import mpmath
import sympy


def _root(module) -> str:
    return os.path.dirname(os.path.abspath(module.__file__)) + os.sep


_OURS = (_root(sympy), _root(mpmath), os.path.dirname(os.path.abspath(__file__)) + os.sep)  # symbolic/


# the code of functions the interpreter itself calls, wherever it happens to be (a gc callback of
# ours, latex/source.py): a limit never raises in them, though their file is ours
_CALLBACKS: set = set()


def interpreter_callback(fn):
    """Mark fn as called by the interpreter at any point (gc.callbacks): no TimeoutError in it."""
    _CALLBACKS.add(fn.__code__)
    return fn


def _unwindable(filename: str) -> bool:
    """Is a frame of this file one an exception can unwind back to the block that set the limit?"""
    return os.path.abspath(filename).startswith(_OURS)


class time_limit:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.active = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def _raise(self, _signum, frame):
        while frame is not None and frame is not self.entry:
            if frame.f_code in _CALLBACKS or not _unwindable(frame.f_code.co_filename):
                return  # foreign code (a gc callback, a finalizer): the timer fires again in 50 ms
            frame = frame.f_back
        raise TimeoutError

    def __enter__(self):
        if self.active:
            self.entry = sys._getframe(1)
            self.old = signal.signal(signal.SIGALRM, self._raise)
            signal.setitimer(signal.ITIMER_REAL, self.seconds, 0.05)
        return self

    def __exit__(self, *exc):
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
        return False


# SymPy work on at most this many operations runs in this process under `time_limit` (milliseconds:
# no single big-integer step long enough to outlast the signal); longer work goes to `bounded`
SMALL_OPS = 40


def small(expr) -> bool:
    """Is expr short enough to be bounded by a signal in this process (see SMALL_OPS)?"""
    return sympy.count_ops(expr) <= SMALL_OPS


WALL_FACTOR = 8  # a bounded child also stops after this many times its budget in wall time


def _cpu_seconds(pid: int) -> float | None:
    """The CPU time (user + system) process `pid` has used, from /proc; None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def bounded(fn, seconds: float):
    """fn() in a forked child that is killed after `seconds` of its CPU time: a hard bound, even
    on C-level work.

    SIGALRM cannot interrupt a single long big-integer operation (SymPy's heuristic gcd can run
    one for minutes); a child process can always be killed. The budget is CPU time where /proc
    tells it (so a verdict does not depend on how busy the machine is: at a load of 7 on 2 cores
    a proof that needs 1 s of CPU took over 2 s of wall time and came out "not proved"), with
    WALL_FACTOR times the budget in wall time as a backstop; else wall time. Returns fn()'s
    (picklable) result or raises TimeoutError. Where fork is unavailable, falls back to
    `time_limit`.
    """
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        with time_limit(seconds):
            return fn()
    receiver, sender = ctx.Pipe(duplex=False)

    def run():
        try:
            sender.send((True, fn()))
        except BaseException as err:  # noqa: BLE001 - the parent re-raises it
            sender.send((False, repr(err)))
        finally:
            os._exit(0)

    child = ctx.Process(target=run, daemon=True)
    child.start()
    sender.close()
    try:
        start = time.monotonic()
        while not receiver.poll(0.05):
            wall = time.monotonic() - start
            cpu = _cpu_seconds(child.pid)
            if (wall if cpu is None else cpu) > seconds or wall > WALL_FACTOR * seconds:
                raise TimeoutError(f"no result within {seconds} s")
        ok, value = receiver.recv()
    except EOFError:
        raise TimeoutError("the bounded computation died") from None
    finally:
        child.kill()
        child.join()
        receiver.close()
    if not ok:
        raise RuntimeError(value)
    return value
