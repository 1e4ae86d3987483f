r"""The document's definitions unified once more after its numbered units were named by their
numbers (numbering.siblings).

`net_1 = w_{11} x_1 + w_{12} x_2 + b_1`, `net_2 = w_{21} x_1 + w_{22} x_2 + b_2`, `net_3 = ...`:
the first binds (net_1 is unit 1), the others are alike and each could be any unit still free, so
unification binds none of them; siblings then names net_2, h_2 by their numbers (unit 2), and
only now does `net_2 = w_{21} x_1 + ...` say which weights are w_{21}, w_{22} and which bias is b_2
(and `net_o = v_1 h_1 + v_2 h_2 + v_3 h_3 + b_o` which weights are v_2, v_3). The binding so far is
handed to a fresh `bind` as settled names (never changed); what it binds besides is added, each
with the line that defined it. Nothing new when the siblings named nothing. Pure.
"""

from __future__ import annotations

from dataclasses import replace

from .binding import Binding, bind


def again(d, statements, binding: Binding, explicit: dict | None, conventions: dict | None) -> Binding:
    """`binding` with the names the definitions bind once the siblings' numbers are settled."""
    if not any(s.how == "sibling" for s in binding.sources):
        return binding
    settled = {**binding.aliases, **dict(explicit or {})}
    more = bind(d, statements, settled, binding.conventions or conventions)
    new = {k: v for k, v in more.aliases.items() if k not in settled}
    if not new:
        return binding
    names = {k.name for k in new}
    sources = [*binding.sources, *(s for s in more.sources if s.name in names)]
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases={**binding.aliases, **new}, sources=sources)
