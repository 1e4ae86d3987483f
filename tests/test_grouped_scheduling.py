"""A worker that dies under `make test` (-n, --dist loadgroup) ends as one failed test that names
itself, and every other test still runs: xdist's own scheduler waited for ever instead
(tests/grouped_scheduling.py). Each case runs a small suite in a child pytest; a hang is a
TimeoutExpired here."""

import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

CONFTEST = f"""
import sys
sys.path.insert(0, {str(TESTS)!r})
from grouped_scheduling import Grouped

def pytest_xdist_make_scheduler(config, log):
    # one work unit per module, as a corpus file's tests are one unit in the suite
    return Grouped(config, log, lambda nodeid: nodeid.split("::")[0])
"""

PASSING = "def test_{i}():\n    pass\n"
DIES = "def test_{i}():\n    import os\n    os._exit(1)\n"

# (workers, modules: each a list of tests, "ok" or "dies"): xdist 3.8's loadgroup hung on each
CASES = {
    "dies-after-one-test-on-one-worker": (1, [["ok", "dies"]]),
    "dies-first-then-one-test-left": (1, [["dies", "ok"]]),
    "dies-late-after-many-finished-units": (2, [["ok"] * 3] * 12 + [["ok", "dies", "ok"]] + [["ok"]] * 6),
    "dies-in-the-last-unit": (2, [["ok"] * 4] * 6 + [["ok", "ok", "dies"]]),
    "two-workers-die": (2, [["ok"] * 2] * 5 + [["dies", "ok"]] + [["ok"]] * 3 + [["ok", "dies"]]),
}


@pytest.mark.parametrize("case", CASES)
def test_a_dead_worker_fails_its_test_and_the_run_finishes(case, tmp_path):
    workers, modules = CASES[case]
    (tmp_path / "conftest.py").write_text(CONFTEST)
    dead = []
    for m, tests in enumerate(modules):
        body = []
        for t, kind in enumerate(tests):
            body.append((DIES if kind == "dies" else PASSING).format(i=t))
            if kind == "dies":
                dead.append(f"test_m{m:02d}.py::test_{t}")
        (tmp_path / f"test_m{m:02d}.py").write_text("\n\n".join(body))
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            str(workers),
            "--dist",
            "loadgroup",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            "--rootdir",
            str(tmp_path),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    total = sum(len(t) for t in modules)
    assert f"{len(dead)} failed, {total - len(dead)} passed" in run.stdout, run.stdout + run.stderr
    for nodeid in dead:
        assert f"crashed while running '{nodeid}'" in run.stdout
    assert run.returncode == 1
