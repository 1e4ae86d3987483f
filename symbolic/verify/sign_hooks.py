"""The pipeline's hooks for verify/signs.py: the document's δ sign on the Network and its
Resolver, and which resolved statements a sign fault can be named on."""

from __future__ import annotations

import copy
import re
from dataclasses import replace

import sympy as sp

from .resolve import Network, Resolved, is_delta
from .signs import prepare

_PARAM = re.compile(r"(?:w|W|b|Theta|theta)(?:_.+|@.+)?")


def with_signs(net: Network, statements: list) -> tuple[list, Network]:
    """Statements with update lines rewritten, and the Network reading δ with the document's
    sign (the option `delta`, else what the document's statements say)."""

    def is_loss(expr) -> bool:
        return isinstance(expr, sp.Symbol) and net.names.lookup(expr.name) == net.d.loss_symbol

    def is_param_name(name: str) -> bool:
        return _PARAM.fullmatch(name) is not None

    statements, sign = prepare(list(statements), net.names.conventions.delta, is_loss, is_param_name)
    names = copy.copy(net.names)
    names.delta_sign = -1 if sign.sign < 0 else 1
    return statements, replace(net, names=names, delta_sign=sign)


def signed(r: Resolved) -> bool:
    """A δ statement or an update line: where a wrong sign is the fault to name."""
    lhs = r.statement.lhs
    return is_delta(lhs) or isinstance(lhs, sp.Symbol) and lhs.name.endswith("^+")
