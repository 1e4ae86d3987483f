"""Shared test settings: under CI, hypothesis explores a fixed (derandomized) set of examples, so a
red CI run is reproducible; locally it keeps exploring new ones."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
