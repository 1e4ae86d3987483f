r"""The entry of a function's value: `\phi(z)_i`, `\sigma(z^{(2)})_j`, `softmax(z)_k`.

A function of one whole vector (a bare name, no index) followed by a subscript is read as the
function at that entry of its argument: phi(z)_i -> phi(z_i). For an element-wise function the
two are one; for softmax the reader's `softmax(z_j)` is already the softmax output of unit j
(verify/names.py). A generic letter's entry is marked (phi_entry(z_i)): on a softmax layer it is
that layer's output i, where a bare \phi(z_i) of one unit stays refused (softmax is no function
of one z). Anything else (an argument with an index or an expression, a function of
several arguments) is left to the reader, which refuses the subscript.
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy.core.function import AppliedUndef

from .tokens import Tok

ENTRY = "_entry"  # phi_entry(z_i): entry i of phi(z), phi a generic letter (verify/names.py)
GENERIC_ENTRY = ("phi", "varphi", "g", "f", "h")


def _vector_name(arg: sympy.Basic) -> tuple[str, str] | None:
    """(base, '@layer' or '') of a bare name z, z@2; None for an indexed name or an expression."""
    if not isinstance(arg, sympy.Symbol):
        return None
    base, _, layer = arg.name.partition("@")
    if "_" in base.replace("_hat", "").replace("_tilde", "").replace("_bar", "") or base.endswith("^+"):
        return None
    return base, f"@{layer}" if layer else ""


def entry(reader: Any, depth: int, value: sympy.Basic, mark: Tok) -> sympy.Expr | None:
    """At the '_' after value (the cursor past it): f(z)_i as f(z_i), consumed; else None."""
    if not isinstance(value, (AppliedUndef, sympy.Function)) or len(value.args) != 1:
        return None
    if not isinstance(value, AppliedUndef) and not isinstance(value, (sympy.exp, sympy.log, sympy.tanh)):
        return None
    found = _vector_name(value.args[0])
    if found is None:
        return None
    start = reader.i
    reader.i += 1
    try:
        sub = reader.subscript(depth, mark)
    except Exception:  # noqa: BLE001 - not a subscript this reading knows: the reader says why
        reader.i = start
        return None
    base, layer = found
    arg = sympy.Symbol(f"{base}_{sub}{layer}")
    name = type(value).__name__
    if name in GENERIC_ENTRY:  # \phi(z)_i: marked, a softmax layer's output i (never \phi(z_i))
        return sympy.Function(f"{name}{ENTRY}")(arg)
    return value.func(arg)
