"""`--backend c`: the NumPy module (the twin, unchanged API and command line) plus a C kernel.

`render_module(d, style, dtype, source)` is pure: the NumPy module's text with, before its
`__main__` line, the kernel's C source as a string (kernel.py), and the loader and C-backed
`value_and_gradients` / `train` (runtime.py, included verbatim). The kernel is the elementwise
plan in C (narrow nets: one fused pass over the rows, a whole training loop per call). Wide nets
(matrix style) keep the twin's BLAS matmuls, and only each activation's in-place f(z), f'(z)
(the twin's `_<name>_fwd`) runs in C, one pass instead of NumPy's several.
"""

from __future__ import annotations

import functools
import textwrap
from pathlib import Path

from ...module import choose_style
from ...module import render_module as render_numpy
from .kernel import c_source, matrix_source

RUNTIME = Path(__file__).with_name("runtime.py")
BUILD = Path(__file__).with_name("build.py")
# the row kernel holds one accumulator per parameter: past a few hundred, gcc takes seconds to
# minutes and the code is slower than the twin's matmuls (12-20-3 forced elementwise: 7 s to
# compile, 0.86x the matrix NumPy module; 64-32-10: 200 s, 0.15x)
KERNEL_MAX_PARAMS = 400
MARKER = "# ---- symprop runtime: cbackend ----\n"
BUILD_MARKER = "# ---- symprop runtime: cbuild ----\n"
MAIN = '\n\nif __name__ == "__main__":\n'


@functools.cache
def runtime_part() -> str:
    """build.py, then runtime.py, each after its marker line, verbatim."""
    parts = []
    for path, marker in ((BUILD, BUILD_MARKER), (RUNTIME, MARKER)):
        text = path.read_text(encoding="utf-8")
        parts.append(text[text.index(marker) + len(marker) :].strip("\n"))
    return "\n\n\n".join(parts)


def c_literal(text: str | None) -> str:
    """The C source as a readable triple-quoted Python string (backslashes and quotes escaped;
    the user text in it is in C comments, one line each, see escape.c_comment)."""
    if text is None:
        return "None"
    return '"""\\\n' + text.replace("\\", "\\\\").replace('"', '\\"') + '"""'


def render_module(d, style: str = "auto", dtype: str = "float64", source: str = "") -> str:
    twin = render_numpy(d, style, dtype, source)
    chosen = choose_style(d, style)
    fwd: tuple[str, ...]
    kernel: str | None = None
    prefix, fwd = "", ()
    if chosen == "elementwise" and d.spec.n_params <= KERNEL_MAX_PARAMS:
        kernel, prefix = c_source(d, dtype, source)
        note = (
            "Backend: c. value_and_gradients, gradients and train run a C kernel printed from\n"
            "the same Derivation (C_SOURCE below), compiled on first use with the system C\n"
            "compiler (CC, else cc or gcc) into a cache ($SYMPROP_CACHE_DIR, else\n"
            "$XDG_CACHE_HOME/symprop or ~/.cache/symprop) keyed by its hash; without a compiler\n"
            "it says so in one line and runs its NumPy twin (the functions _numpy_*;\n"
            "SYMPROP_NO_C=1 asks for the twin).\n"
        )
    elif chosen == "matrix" and (found := matrix_source(d, dtype)) is not None:
        kernel, prefix, fwd = found
        note = textwrap.fill(
            "Backend: c. Wide layers (this matrix style) keep the NumPy twin's BLAS matmuls; "
            f"each activation's f(z) and f'(z) ({', '.join(f'_{n}_fwd' for n in fwd)}) run in "
            "one C pass "
            "(C_SOURCE below), compiled on first use with the system C compiler into a cache keyed "
            "by its hash; without a compiler it says so in one line and the twin's NumPy runs "
            "(SYMPROP_NO_C=1 asks for it).",
            95,
        )
        note += "\n"
    else:
        why = (
            "Wide layers (this matrix style) keep the NumPy twin's BLAS matmuls, and its "
            "activations are as fast in NumPy (the activation table's c_matrix)"
            if chosen == "matrix"
            else f"Over {KERNEL_MAX_PARAMS} parameters a per-row C kernel is slower than NumPy"
        )
        note = textwrap.fill(
            f"Backend: c. {why}: no C is compiled, the module runs as its NumPy twin.", 95
        )
        note += "\n"
    head, sep, rest = twin.partition("\nContract (")
    assert sep, "the NumPy module's docstring changed: update codegen/backends/c"
    text = head.replace(
        "network with NumPy alone.", "network with compiled C (and its NumPy twin).", 1
    )
    text += "\n" + note + sep + rest
    body, main, tail = text.rpartition(MAIN)
    assert main, "the NumPy module's __main__ line changed: update codegen/backends/c"
    block = (
        "\n\n# ---- the --backend c kernel: its C source, the loader, the C-backed functions ----\n"
        f"C_SOURCE = {c_literal(kernel)}\n"
        f"C_PREFIX = {prefix!r}\n"
        f"C_FWD = {fwd!r}  # activations whose _<name>_fwd runs in C (matrix style)\n\n\n"
        + runtime_part()
    )
    return body + block + main + tail
