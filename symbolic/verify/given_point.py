"""The point a worked example is checked at (--at, or the values the document gives), read by the
document's names: each must be an input, a parameter or a target of the network; names the document
never defines, or writes without settling, are left out with the reason (their numbers are then not
checked). Pure: the network and the raw point in, network symbols -> numbers out."""

from __future__ import annotations

import sympy as sp

from ..errors import SympropError
from .display import display_names, point_fix, said
from .ditto import VerifyInputError
from .hints import shown
from .names import UnknownName
from .resolve import Network


def point_of(
    net: Network,
    raw: dict,
    document: set[str] | None = None,
    skipped: list[str] | None = None,
    unsettled: list[str] | None = None,
    statements: list | None = None,
) -> dict:
    """--at values by the document's names (raw expression -> number) -> network symbol -> number;
    each name must be an input, a parameter or a target of the network. A name the document
    never writes and nothing settles (Mazur's w_3, only in his figure) is left out: the numbers
    that need its value are then said not checked; so is a name the document writes but nothing
    settles (`unsettled`), instead of refusing the whole run."""
    allowed = set(net.d.params) | set(net.d.inputs) | set(net.d.targets)
    point, display = {}, display_names(net.d)
    for name, value in raw.items():
        name = display.get(getattr(name, "name", ""), name)  # W^{(1)}_{21}: the network's own
        name = _layered(net, name, statements)  # W^{[1]}_{21}: read in the document's layers
        if (
            document is not None
            and isinstance(name, sp.Symbol)
            and name.name not in document
            and name not in allowed
            and name.name not in ("eta", net.names.rate)
            and net.names.lookup(name.name) is None
            and name not in net.names.user
        ):
            if skipped is not None:
                skipped.append(name.name)
            continue
        if name in allowed or name == net.d.eta:  # already the network's symbol (an array point)
            point[name] = value
            continue
        if name in (sp.Symbol("eta"), sp.Symbol(net.names.rate)):  # η, or α when the updates use α
            point[net.d.eta] = value
            continue
        try:
            symbol = net.names.resolve(name, "--at: ")
        except UnknownName as err:  # a name the document writes but never settles: its numbers unchecked
            if document is None or not isinstance(name, sp.Symbol) or name.name not in document:
                raise VerifyInputError([err.problem], point_fix(net.d, str(name))) from None
            if unsettled is not None:
                unsettled.append(name.name)
            continue
        if -symbol in allowed:  # a threshold θ = -b (Negnevitsky's θ_3 = 0.8): b = -0.8
            point[-symbol] = -value
            continue
        if symbol not in allowed:
            raise VerifyInputError(
                [f"--at: {said(net.d, name)} is not an input, a parameter or a target"], point_fix(net.d)
            )
        point[symbol] = value
    return point


def left_out_fix(skipped: list[str], unsettled: list[str]) -> str:
    """Why the point's names were left out: never defined, or written but never settled."""
    fixes = []
    for names, never in ((skipped, True), (unsettled, False)):
        out = sorted(shown(n) for n in names)
        if not out:
            continue
        many = len(out) > 1
        why = (
            f"never defines {'them' if many else 'it'}"
            if never
            else f"writes {'them' if many else 'it'} but never says what {'they are' if many else 'it is'}"
        )
        fixes.append(f"{', '.join(out)} in the point: the document {why} (% symprop: alias {out[0]} = ...)")
    return "; ".join(fixes)


def _layered(net: Network, name, statements: list | None):
    """A name with a layer mark (Ng's W^{[1]}_{21}, a^{(2)}_1, w^l_{jk} with a number) read as the
    document's own layered names are, with its layers counted as the document counts them (the
    statements' Instantiator): a weight the document writes only in its figure or its point is
    the network's; the name itself when it is not one (left to the reading below)."""
    if statements is None or not isinstance(name, sp.Symbol) or "@" not in name.name:
        return name
    from .indices import Instantiator, Invalid  # indices imports the resolve stage, as this does

    try:
        code = Instantiator(net, statements).code(name, {})
    except (Invalid, SympropError):
        return name
    symbol = net.names.lookup(code.name) if isinstance(code, sp.Symbol) else None
    return symbol if symbol is not None else name
