"""The in-process route: a Derivation's training module as a namespace, without a file.

`lambdify(d)` renders the same text `symprop generate` writes, compiles it under a filename that
names the network (registered with linecache, so tracebacks show the generated source) and runs
it in a fresh module object: forward, loss, value_and_gradients, gradients, step, train, ...
"""

from __future__ import annotations

import linecache
import types

from .module import render_module


def lambdify(
    derivation, style: str = "auto", dtype: str = "float64", backend: str = "numpy"
) -> types.ModuleType:
    """The module as a namespace; `backend` another registry row with the NumPy module's API
    (c: the same functions, its kernel compiled on first use)."""
    if backend == "numpy":
        text = render_module(derivation, style, dtype)
    else:
        from .backends import backend as row

        text = row(backend).render(derivation, style, dtype, "")
    spec = derivation.spec
    filename = f"<symprop {spec.describe()} style={style} dtype={dtype} backend={backend}>"
    linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
    module = types.ModuleType(f"symprop_{spec.arch.replace('-', '_')}")
    module.__file__ = filename
    exec(compile(text, filename, "exec"), module.__dict__)
    return module
