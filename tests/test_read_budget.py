"""The reader's time budget is the CPU time of the reading thread, not of the whole process, and
not the garbage collector's."""

import gc
import hashlib
import threading
import time

import pytest

from symbolic.latex.source import TIME_BUDGET, LimitError, Source, reading_time


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


def test_the_garbage_collectors_time_does_not_use_up_the_readers_budget():
    # before: a full collection of a large heap ran inside reading and was charged to it (a test
    # worker's document of 20,000 characters stopped at col 4102 as "too complex")
    def slow_collection(phase, info):  # each collection costs 50 ms of this thread's CPU
        if phase == "start":
            end = time.thread_time() + 0.05
            while time.thread_time() < end:
                pass

    src = Source("$$ x $$")
    gc.callbacks.append(slow_collection)
    try:
        for _ in range(int(TIME_BUDGET / 0.05) + 5):  # more than the budget spent collecting
            gc.collect(0)
    finally:
        gc.callbacks.remove(slow_collection)
    src.tick(0)  # raised LimitError before
    assert reading_time() > 0


def test_the_readers_own_work_still_runs_out():
    src = Source("$$ x $$")
    end = time.thread_time() + TIME_BUDGET * 1.2
    while time.thread_time() < end:
        pass
    with pytest.raises(LimitError, match="too complex to read"):
        src.tick(0)
