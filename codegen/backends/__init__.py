"""The backends `symprop generate --backend NAME` writes a training module for: one registry.

Each row names the module whose `render_module(d, style, dtype, source) -> str` prints the file
(pure: the writer does the disk IO), the Python packages the generated file needs (checked when
generating, so a missing one is one line and exit 2, not an ImportError later), and the extra
that installs them. The NumPy backend is the reference every other backend is tested against.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

from symbolic.errors import SympropError


@dataclass(frozen=True)
class Backend:
    name: str
    help: str
    renderer: str  # the module with render_module(d, style, dtype, source) -> str
    needs: tuple[str, ...] = ()  # importable packages the generated module needs
    extra: str | None = None  # `pip install 'symprop[EXTRA]'` installs them

    def render(self, d, style: str, dtype: str, source: str) -> str:
        return importlib.import_module(self.renderer).render_module(d, style, dtype, source)

    def missing(self) -> list[str]:
        return [name for name in self.needs if importlib.util.find_spec(name) is None]


BACKENDS: dict[str, Backend] = {
    "numpy": Backend("numpy", "NumPy only (the reference)", "codegen.module"),
    "c": Backend("c", "a C kernel compiled on first use, NumPy twin as fallback", "codegen.backends.c"),
    "torch": Backend(
        "torch",
        "a PyTorch nn.Module whose autograd.Function backward is the derived chain rule",
        "codegen.backends.tensor.torch_backend",
        ("torch",),
        "torch",
    ),
    "jax": Backend(
        "jax",
        "JAX pure functions, a jax.custom_vjp with the derived backward",
        "codegen.backends.tensor.jax_backend",
        ("jax",),
        "jax",
    ),
}


def backend(name: str) -> Backend:
    """The registry row of `name`, or one clear error naming the known ones or the install."""
    row = BACKENDS.get(name)
    if row is None:
        raise SympropError(f"unknown backend {name!r}", f"use one of {', '.join(BACKENDS)}")
    missing = row.missing()
    if missing:
        how = f"pip install 'symprop[{row.extra}]'" if row.extra else f"install {', '.join(missing)}"
        raise SympropError(f"backend {name} needs {', '.join(missing)}, which is not installed", how)
    return row


def seed_backends(binary: bool = True) -> dict:
    """regen producer: the seed network's module from every backend but NumPy's (seed_module
    writes that one), so a reader can compare them in generated/ without installing anything."""
    from symbolic.backprop import derive
    from symbolic.spec import network

    from ..module import SEED_COMMAND, SEED_MODULE

    d = derive(network("2-3-1", "sigmoid", "half_se", naming="seed"))
    stem = SEED_MODULE.removesuffix(".py")
    return {
        f"{stem}_{name}.py": row.render(d, "auto", "float64", f"{SEED_COMMAND} --backend {name}")
        for name, row in BACKENDS.items()
        if name != "numpy"
    }
