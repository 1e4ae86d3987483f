r"""Why a name in index letters with no layer stays unknown on a network of several layers.

`\delta_j = (\sum_k \delta_k w_{(j,k)}) f'(y_j)` beside `\delta_j = t_j - y_j` (Cross Validated
413046): \delta_j, w_{(i,j)} carry an index letter and no layer, and the network has a hidden
layer and an output layer; the letter alone does not say which (j is an output unit on one line
and a hidden unit on the next). Nothing the document defines binds them, so the names stay
unknown: their statements are not checked, and the reason says that, instead of a bare 'unknown
name' (the message reads `Resolver.notes`, as binding's own notes).

Only messages change: a name the document or the options settle (bound, aliased, the network's
own, read in a letter by an alias) gets no note, nor does one written beside a name read in a
letter (w_{ki} in z_k = \sum_i w_{ki}\tilde{a}_i + b_k: there the layer is said, by z_k).
Pure: statements and a Binding in, a Binding out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import SympropError
from .binding import Binding
from .conventions import Conventions
from .definitions import symbols_of
from .hints import shown
from .names import Resolver

# a per-layer quantity in index letters only: \delta_j, w_{ij}, w_{(i,j)}, b_k, z_j, a_j, net_j
_UNLAYERED = re.compile(r"(delta|w|W|b|z|a|net)_([a-z]),?([a-z])?")
_EXAMPLE = {"delta": r"\delta^{(l)}_{j}", "w": "w^{(l)}_{ij}", "W": "W^{(l)}_{ij}", "b": "b^{(l)}_{j}"}


def note(d, statements, binding: Binding, explicit: dict | None, conventions: dict | None) -> Binding:
    """`binding` with a note for each per-layer name in index letters that nothing settles."""
    depth = d.spec.depth
    names = unsettled(d, statements, binding, explicit, conventions)
    notes = dict(binding.notes)
    for name in sorted(names - set(notes)):
        base = _UNLAYERED.fullmatch(name).group(1)  # type: ignore[union-attr]
        layers = f"{depth} layers ({depth - 1} hidden and the output)"
        example = _EXAMPLE.get(base, f"{base}^{{(l)}}_{{j}}")
        notes[name] = (
            f"{shown(name)} carries index letters and no layer, and the {d.spec.arch} network has "
            f"{layers}: nothing the document defines settles which one",
            f"write the layer ({example}) or declare % symprop: alias {shown(name)} = ...",
        )
    if notes == binding.notes:
        return binding
    return replace(binding, notes=notes)


def unsettled(
    d, statements, binding: Binding, explicit: dict | None, conventions: dict | None, placed: bool = False
) -> set[str]:
    """The per-layer names in index letters (\\delta_j, w_{ij}, z_j) that nothing the document
    or the options define settles, on a network of several layers (none on one layer); with
    `placed`, those beside a name read in an index letter too (z_k under the alias z_k = a_{2,k})."""
    if d.spec.depth < 2:
        return set()
    resolver = Resolver(d, {**binding.aliases, **dict(explicit or {})}, Conventions.of(conventions))
    taken = {getattr(k, "name", "") for k in (*binding.aliases, *(explicit or {}))}
    placed_names = set() if placed else _placed(statements, resolver)
    out: set[str] = set()
    for name in symbols_of(statements):
        m = _UNLAYERED.fullmatch(name)
        if m is None or name in taken or name in binding.notes or name in placed_names:
            continue
        try:
            if resolver.lookup(name) is not None or resolver.generic_letter(name) is not None:
                continue
        except SympropError:
            continue
        out.add(name)
    return out


def _placed(statements, resolver: Resolver) -> set[str]:
    """The names of the statements that also write a name read in an index letter (z_k of a
    softmax definition, by the alias z_k = z_{2,k}): their layer is said by that name."""
    out: set[str] = set()
    for stmt in statements:
        names = set(symbols_of([stmt]))
        try:
            if any(resolver.generic_letter(n) is not None for n in names):
                out |= names
        except SympropError:
            continue
    return out
