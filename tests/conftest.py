"""Shared test settings: under CI, hypothesis explores a fixed (derandomized) set of examples, so a
red CI run is reproducible; locally it keeps exploring new ones."""

import os

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


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
