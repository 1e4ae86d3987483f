"""Bound a SymPy computation by wall time: `with time_limit(2.0): ...` raises TimeoutError.

SIGALRM-based, so it bounds only in the main thread (elsewhere the block runs unbounded).
"""

from __future__ import annotations

import signal
import threading


class time_limit:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.active = (threading.current_thread() is threading.main_thread()
                       and hasattr(signal, "setitimer"))

    def _raise(self, *_):
        raise TimeoutError

    def __enter__(self):
        if self.active:
            self.old = signal.signal(signal.SIGALRM, self._raise)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
        return False
