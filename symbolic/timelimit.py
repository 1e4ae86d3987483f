"""Bound a SymPy computation by wall time: `with time_limit(2.0): ...` raises TimeoutError.

SIGALRM-based, so it bounds only in the main thread (elsewhere the block runs unbounded). The timer
repeats every 50 ms after it first fires: library code that swallows one TimeoutError (SymPy's
polynomial routines have broad handlers) is interrupted again until the block is left.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading


class time_limit:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.active = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def _raise(self, *_):
        raise TimeoutError

    def __enter__(self):
        if self.active:
            self.old = signal.signal(signal.SIGALRM, self._raise)
            signal.setitimer(signal.ITIMER_REAL, self.seconds, 0.05)
        return self

    def __exit__(self, *exc):
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
        return False


def bounded(fn, seconds: float):
    """fn() in a forked child that is killed after `seconds`: a hard bound, even on C-level work.

    SIGALRM cannot interrupt a single long big-integer operation (SymPy's heuristic gcd can run
    one for minutes); a child process can always be killed. Returns fn()'s (picklable) result or
    raises TimeoutError. Where fork is unavailable, falls back to `time_limit`.
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
        if not receiver.poll(seconds):
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
