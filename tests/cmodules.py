"""Generated `--backend c` modules and their NumPy twins, imported from disk as users will."""

from __future__ import annotations

import functools
import importlib.util
import itertools
import sys
from pathlib import Path

from codegen.backends.c import render_module as render_c
from codegen.module import render_module as render_numpy
from symbolic.backprop import derive
from symbolic.spec import network

_COUNT = itertools.count()


@functools.cache
def derivation(arch, activation, loss, naming="layered", shared_bias=False):
    return derive(network(arch, activation, loss, naming=naming, shared_bias=shared_bias))


def import_text(text: str, folder: Path, stem: str):
    """Write `text` to folder/stem_N.py and import it as a fresh module."""
    path = folder / f"{stem}_{next(_COUNT)}.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def pair(folder: Path, combo, dtype="float64", style="auto"):
    """(the C module, its NumPy twin as `--backend numpy` writes it) for (arch, act, loss, naming)."""
    d = derivation(*combo)
    c = import_text(render_c(d, style, dtype), folder, "cmod")
    n = import_text(render_numpy(d, style, dtype), folder, "nmod")
    return c, n
