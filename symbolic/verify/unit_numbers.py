r"""Units numbered through the network, named by their number: once `global_numbering` has read
the weights (w_{13} from neuron 1 to neuron 3, w_{35} from 3 to 5), the document's definitions
are read again with those weights known, so that Negnevitsky's
`y_3 = sigmoid(x_1 w_{13} + x_2 w_{23} - \theta_3)` makes y_3 the output of neuron 3 and θ_3 its
threshold (the bias negated, `unify._threshold`), and `y_5 = sigmoid(y_3 w_{35} + y_4 w_{45} -
\theta_5)` then y_5 the output's. Before, the weights were unknown too and such a definition fits
every unit of its layer (bound to none). Pure: a Binding in, a Binding out.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from .binding import Binding, bind

NUMBERED = "global numbering"


def rebind(d, bound: Binding, statements, explicit: dict | None, conventions: dict | None) -> Binding:
    """`bound` with the names the definitions bind once the weights read by global unit numbers
    are known; nothing already bound or noted is rebound."""
    if not any(s.how == NUMBERED for s in bound.sources):
        return bound
    again = bind(d, statements, {**(explicit or {}), **bound.aliases}, conventions)
    aliases, sources = dict(bound.aliases), list(bound.sources)
    taken = set(aliases.values())
    for s in again.sources:
        raw = sp.Symbol(s.name)
        if raw in aliases or raw in (explicit or {}) or s.name in bound.notes:
            continue
        value = again.aliases.get(raw)
        if value is None or value in taken:
            continue
        aliases[raw] = value
        taken.add(value)
        sources.append(s)
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(bound, aliases=aliases, sources=sources)
