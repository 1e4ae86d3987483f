"""The registry's `torch` renderer: an nn.Module and an autograd.Function with the derived backward."""

from __future__ import annotations

from . import render


def render_module(d, style: str = "auto", dtype: str = "float64", source: str = "") -> str:
    return render("torch", d, style, dtype, source)
