"""The registry's `jax` renderer: pure functions, a jax.custom_vjp with the derived backward."""

from __future__ import annotations

from . import render


def render_module(d, style: str = "auto", dtype: str = "float64", source: str = "") -> str:
    return render("jax", d, style, dtype, source)
