"""The Python API's checks of one product of factors, outside any document: `prepare` a network and
its random points once, then ask whether a product of network symbols is a partial derivative
(`check_product`), the loss's gradient (`check_gradient`) or a local partial (`check_local`). Each
goes through the pipeline's own stages: resolve -> evaluate -> judge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..derivation import Derivation
from ..latex import Partial, Product, Statement
from .evaluate import Sampling, evaluate, sampling
from .judge import Verdict, judge
from .resolve import Network, network, resolve


@dataclass(frozen=True, eq=False)
class Context:
    """What every statement of one check shares: the network and the random points."""

    net: Network
    sampling: Sampling


def prepare(d: Derivation, aliases: dict | None = None, points: int = 20, seed: int = 0) -> Context:
    return Context(network(d, aliases), sampling(d, points, seed))


def check_product(ctx: Context, num: sp.Expr, den: sp.Expr, factors: list[sp.Expr]) -> Verdict:
    """Is the product of `factors` (network symbols) the partial d`num`/d`den`?"""
    stmt = Statement(Partial(num, den), (Product(tuple(factors), "", 0, 0),), 0, "")
    r = resolve(ctx.net, stmt, [list(factors)])
    return judge(ctx.net, r, evaluate(ctx.net, ctx.sampling, r))


def check_gradient(d: Derivation, param: sp.Symbol, factors: list[sp.Expr], **kw: Any) -> Verdict:
    """Python API: is the product of `factors` (network symbols) dL/d`param`?"""
    return check_product(prepare(d, **kw), d.loss_symbol, param, factors)


def check_local(d: Derivation, num: sp.Expr, den: sp.Expr, factors: list[sp.Expr], **kw: Any) -> Verdict:
    """Python API: is the product of `factors` the partial d`num`/d`den`?"""
    return check_product(prepare(d, **kw), num, den, factors)
