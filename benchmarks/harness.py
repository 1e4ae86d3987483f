"""Timing and Markdown reporting for the training-step benchmark.

Import this module BEFORE numpy (or anything that imports it): on import it sets
OMP_NUM_THREADS / OPENBLAS_NUM_THREADS / MKL_NUM_THREADS to 1 (unless already set) so BLAS runs on
one thread, and asks XLA for single-threaded CPU kernels. If numpy was imported first, the env vars
come too late; then threadpoolctl (when installed) limits BLAS at run time and the header says so.
OPENBLAS_CORETYPE is deliberately left alone; the header only reports it.
"""

from __future__ import annotations

import os
import sys

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
PINNED_BEFORE_NUMPY = "numpy" not in sys.modules
for _var in THREAD_VARS:
    os.environ.setdefault(_var, "1")
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")

import datetime  # noqa: E402  (after the env vars on purpose)
import platform  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterable, Sequence  # noqa: E402
from importlib import metadata  # noqa: E402
from typing import NamedTuple  # noqa: E402

_LIMITER = None
if not PINNED_BEFORE_NUMPY:
    try:
        from threadpoolctl import threadpool_limits

        _LIMITER = threadpool_limits(limits=1)
    except ImportError:
        pass


class Row(NamedTuple):
    workload: str
    impl: str
    seconds: float  # per step


def _block(out):
    """Wait for asynchronous results (JAX); a no-op for NumPy and eager PyTorch."""
    ready = getattr(out, "block_until_ready", None)
    if ready is not None:
        ready()


def _timed_block(fn: Callable, n: int, clock: Callable = time.perf_counter) -> float:
    t0 = clock()
    for _ in range(n):
        out = fn()
    _block(out)  # steps depend on each other, so the last being ready means all are
    return clock() - t0


def time_interleaved(
    fns: dict[str, Callable], rounds: int = 9, min_time: float = 0.2, clock: Callable = time.perf_counter
) -> dict[str, float]:
    """Best seconds per call of each fn(), timed in rounds that visit every fn in turn.

    Warm-up: one call of each (JIT compile, caches), then blocks of 1, 2, 4, 8, ... calls until
    one lasts min_time; that count is each fn's block. Then `rounds` times over, one block of
    each. On a shared machine the speed drifts over seconds, so timing the contenders side by
    side in every round keeps a slow phase from landing on one of them only. The minimum over
    rounds is reported because noise on a shared machine only ever adds time.
    `clock=time.process_time` counts this process's CPU time only (single-threaded NumPy/BLAS
    work): other processes on the machine then add far less noise than to wall time.
    """
    counts = {}
    for name, fn in fns.items():
        _block(fn())
        n = 1
        while _timed_block(fn, n, clock) < min_time:
            n *= 2
        counts[name] = n
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for name, fn in fns.items():
            best[name] = min(best[name], _timed_block(fn, counts[name], clock) / counts[name])
    return best


def format_seconds(s: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _blas_threads() -> str:
    env = ", ".join(f"{v}={os.environ.get(v, '(unset)')}" for v in THREAD_VARS)
    how = "set before numpy import" if PINNED_BEFORE_NUMPY else "numpy was imported first"
    text = f"{env} ({how}"
    if _LIMITER is not None:
        text += "; threadpoolctl limit 1"
    text += ")"
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return text + "; threadpoolctl not installed"
    pools = [
        f"{p.get('internal_api')} {p.get('version')} {p.get('architecture', '')}".rstrip()
        + f" {p.get('num_threads')} thread(s)"
        for p in threadpool_info()
    ]
    return text + ("; runtime: " + ", ".join(pools) if pools else "")


def header() -> str:
    """One line: date, CPU, Python and library versions, thread settings, OPENBLAS_CORETYPE."""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    versions = ", ".join(f"{d} {_version(d)}" for d in ("numpy", "torch", "jax", "jaxlib"))
    return (
        f"**{now}** · {_cpu_model()} ({os.cpu_count()} logical CPUs) · "
        f"Python {platform.python_version()} · {versions} · BLAS threads: {_blas_threads()} · "
        f"torch.set_num_threads(1) · XLA_FLAGS={os.environ.get('XLA_FLAGS', '(unset)')} · "
        f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}"
    )


def print_table(rows: Iterable[Row | tuple], baseline_names: Sequence[str]) -> None:
    """Markdown table: workload | implementation | time/step | baseline_time / time per baseline.

    A ratio above 1 means the row is faster than that baseline on the same workload.
    """
    rows = [Row(*r) for r in rows]
    times = {(r.workload, r.impl): r.seconds for r in rows}
    print(header())
    print()
    print("| workload | implementation | time/step | " + " | ".join(f"vs {b}" for b in baseline_names) + " |")
    print("|---|---|--:|" + "--:|" * len(baseline_names))
    for r in rows:
        ratios = []
        for b in baseline_names:
            base = times.get((r.workload, b))
            ratios.append(f"{base / r.seconds:.2f}×" if base else "—")
        print(f"| {r.workload} | {r.impl} | {format_seconds(r.seconds)} | " + " | ".join(ratios) + " |")
