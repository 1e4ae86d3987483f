"""A worker that dies or hangs under `make test` (-n, --dist loadgroup) ends as one failed test that names
itself, and every other test still runs: xdist's own scheduler waited for ever instead
(tests/grouped_scheduling.py). Each case runs a small suite in a child pytest; a hang is a
TimeoutExpired here."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def child_pytest(folder, *options: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """pytest -q on `folder` in a child process, with none of this project's options."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            *options,
            "--rootdir",
            str(folder),
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=folder,
    )


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
    run = child_pytest(tmp_path, "-n", str(workers), "--dist", "loadgroup")
    total = sum(len(t) for t in modules)
    assert f"{len(dead)} failed, {total - len(dead)} passed" in run.stdout, run.stdout + run.stderr
    for nodeid in dead:
        assert f"crashed while running '{nodeid}'" in run.stdout
    assert run.returncode == 1


# a hung test: pytest-timeout (pyproject.toml) ends its worker, and CI's log shows where it hung
def test_the_timeout_plugin_is_loaded_with_the_thread_method(pytestconfig):
    assert pytestconfig.pluginmanager.hasplugin("timeout")
    assert float(pytestconfig.getini("timeout")) > 0
    assert pytestconfig.getini("timeout_method") == "thread"  # SIGALRM is symbolic/timelimit.py's
    assert 0 < float(pytestconfig.getini("faulthandler_timeout")) < float(pytestconfig.getini("timeout"))


def test_a_hung_test_under_xdist_fails_by_name_and_the_run_goes_on(tmp_path):
    (tmp_path / "test_hang.py").write_text(
        textwrap.dedent(
            """
            import time
            def test_hangs():
                time.sleep(60)
            def test_after():
                pass
            """
        )
    )
    run = child_pytest(
        tmp_path,
        "-n",
        "2",
        "--timeout",
        "2",
        "-o",
        "timeout_method=thread",
        "-o",
        "faulthandler_timeout=1",
        timeout=50,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "crashed while running 'test_hang.py::test_hangs'" in run.stdout
    assert "1 failed, 1 passed" in run.stdout
    assert "in test_hangs" in run.stderr + run.stdout  # where it hung, before the worker ended
