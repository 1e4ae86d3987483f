"""`make test` fails a hung test by name: CI's run once ended at its time limit with no failure
named, a worker hung near the end of the suite (pyproject.toml: timeout, timeout_method)."""

import subprocess
import sys
import textwrap


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
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "2",
            "-p",
            "no:cacheprovider",
            "--timeout",
            "2",
            "-o",
            "timeout_method=thread",
            "-o",
            "faulthandler_timeout=1",
            "-o",
            "addopts=",
            "--rootdir",
            str(tmp_path),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=50,
        cwd=tmp_path,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "crashed while running 'test_hang.py::test_hangs'" in run.stdout
    assert "1 failed, 1 passed" in run.stdout
    assert "in test_hangs" in run.stderr + run.stdout  # where it hung, before the worker ended
