"""The reader's time budget is the CPU time of the reading thread, not of the whole process."""

import hashlib
import threading
import time

from symbolic.latex.source import TIME_BUDGET, Source


def test_other_threads_busy_do_not_use_up_the_readers_budget():
    # before: process_time, so other threads' CPU (a worker's XLA pool) counted against reading
    stop = threading.Event()
    block = b"x" * (1 << 24)

    def busy():  # hashing a large buffer releases the GIL: a whole core, beside this thread
        while not stop.is_set():
            hashlib.sha256(block).digest()

    src = Source("$$ x $$")
    worker = threading.Thread(target=busy)
    worker.start()
    try:
        time.sleep(TIME_BUDGET * 1.5)  # this thread idle; the other burns more than the budget
    finally:
        stop.set()
        worker.join()
    src.tick(0)  # raised LimitError ("input too complex to read within 1 s") before
