"""Shared hypothesis set-up: every run explores fresh examples from a seed printed in the header.

Each property test runs in two passes (see `two_passes` in tests/passes.py): a derandomized one,
the same examples on every run (a red run is reproducible as is), and an exploring one drawn from
this run's seed. The seed is new on every run, under CI too (a derandomized CI never meets the
inputs users' runs meet), and the header line `hypothesis seed: N` replays a failure with
`pytest --hypothesis-seed=N` (or HYPOTHESIS_SEED=N).
"""

import os
import random
import signal
from pathlib import Path

import pytest
from hypothesis import core, settings

settings.register_profile("ci", print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

_SEED = None


def pytest_configure(config):
    global _SEED
    given = config.getoption("hypothesis_seed", None) or os.environ.get("HYPOTHESIS_SEED")
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: the seed the header printed
        given = config.workerinput["symprop_hypothesis_seed"]
    _SEED = int(given) if given is not None else random.SystemRandom().getrandbits(32)
    core.global_force_seed = _SEED
    # the Ctrl-C tests send themselves SIGINT and expect Python's own handler, as in a terminal; a
    # shell started pytest in the background (`make test &`) with SIGINT ignored, and xdist's workers
    # inherit that: which of them passed depended on whether an earlier test had put the handler back
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist (`make test` runs `pytest -n auto`): every worker explores from the one seed."""
    node.workerinput["symprop_hypothesis_seed"] = _SEED


def pytest_report_header(config):
    return (
        f"hypothesis seed: {_SEED} (replay: pytest --hypothesis-seed={_SEED}; "
        "the derandomized passes do not depend on it)"
    )


def pytest_terminal_summary(terminalreporter):
    """The seed again at the end, where a failure is read (the header is hidden under -q)."""
    terminalreporter.write_line(f"hypothesis seed: {_SEED} (replay: pytest --hypothesis-seed={_SEED})")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """No test may skip: `make test` is the whole suite on any machine, so a skip is a failure
    (tests use only files in this repository and tools `make test` installs)."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"tests may not skip: {reason}"


LAST = {"test_backend_torch.py": 1, "test_backend_jax.py": 2}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    """The tests that import torch, then those that start JAX, run last (tests/tensor_backends.py
    imports both at first use, not at collection). symbolic/timelimit.py forks to bound a proof's
    time, and a fork costs more the larger the process: with torch and jax loaded (400 MB) the
    verifier tests took twice their CPU time. And once its backend is up, JAX warns at every
    os.fork (its threads could deadlock a forked child). (Stable sort: the order is otherwise
    unchanged.) The verifier's tests run first, while the process is small: a fork copies the
    page tables of the whole heap, and 250 MB more of it made the corpus's forks cost 3.4 times
    the system time."""
    items.sort(key=lambda item: LAST.get(item.path.name, 0.5 - item.path.name.startswith("test_verify")))


# the published corpus's files (tests/published/NAME.tex): every test of one file runs on one
# pytest-xdist worker, so a file run as published, bare or planted is verified once there
# (tests/published/corpus.py keeps each run) for all the modules that check it: the message
# sweep, the binding, deeper and bare tests reuse the corpus test's runs
CORPUS = {p.stem for p in (Path(__file__).resolve().parent / "published").glob("*.tex")}

# modules whose module-scoped fixture is seconds of work (a browser started and pages loaded, an
# exercise written and compiled by pdflatex): run on one worker, it is made once, not once per
# worker that happens to get one of its tests (12 s twice for the sheets' browser pages)
ONE_WORKER = {
    "test_sheet_html_browser.py",
    "test_exercise_html_browser.py",
    "test_exercise.py",
    "test_exercise_html.py",
}


def group_of(nodeid: str) -> str:
    """The work unit a test belongs to: its corpus file (the file's name opens the test's id,
    `[prince_udl_backprop-1]`), its module (ONE_WORKER), else the test alone."""
    path, _, rest = nodeid.partition("::")
    module = path.rsplit("/", 1)[-1]
    if module in ONE_WORKER:
        return module
    if rest.endswith("]") and "[" in rest:
        param = rest[rest.index("[") + 1 : -1]
        names = [n for n in CORPUS if param == n or param.startswith(n + "-")]
        if names:
            return "corpus:" + max(names, key=len)  # grosse_error_signals_card, not its prefix
    return nodeid


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` (the Makefile) with the groups above, read from each test's id on the
    controller. xdist's own loadgroup reads `xdist_group` marks by renaming each test's node id
    on the worker, which pytest 9 no longer allows (Node.nodeid is computed): every mark was
    ignored and each corpus file was verified on both workers. The scheduler also survives a
    worker that dies (tests/grouped_scheduling.py). Other --dist modes are left alone."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from grouped_scheduling import Grouped

    return Grouped(config, log, group_of)
