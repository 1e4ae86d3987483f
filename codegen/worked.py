"""Worked numbers (symbolic.worked.Worked) as terminal lines and as JSON, from the Worked alone."""

from __future__ import annotations

import math

import sympy as sp

from .unicode import printer_for

DEFAULT_DIGITS = 6


def number(v: float, digits: int = DEFAULT_DIGITS) -> str:
    """`digits` significant digits, trailing zeros kept (0.593270, 0.0821670, 1.00000)."""
    if not math.isfinite(v):
        return str(v)
    text = f"{v:#.{digits}g}"
    return text[:-1] if text.endswith(".") else text


def given(v: float, digits: int = DEFAULT_DIGITS) -> str:
    """A given value as written (0.15, not 0.150000) unless it has more digits than shown."""
    return f"{v:.{digits}g}"


def render_worked(d, w, digits: int = DEFAULT_DIGITS) -> list[str]:
    """The 'Worked example' section: given values, forward values, the loss, each local factor,
    each delta and gradient as the product of its factor values, each parameter after one step."""
    p = printer_for(d)
    n = lambda v: number(v, digits)  # noqa: E731
    name = p.doprint
    eta = name(d.eta)
    lines = ["", f"Worked example ({eta} = {given(w.eta, digits)})", "  given"]
    lines += [f"    {name(s)} = {given(v, digits)}" for s, v in w.given]
    lines += ["  forward"] + [f"    {name(s)} = {n(v)}" for s, v in w.forward]
    lines += ["  loss", f"    {name(d.loss_symbol)} = {n(w.loss)}"]
    if w.local:
        lines.append("  local chain-rule factors")
        for eq, v in w.local:
            f = eq.factors[0]
            lines.append(f"    ∂{name(f.num)}/∂{name(f.den)} = {n(v)}")
    if w.deltas:
        lines.append("  deltas")
        lines += [f"    {name(x.equation.lhs)} = {product_text(x, n)}" for x in w.deltas]
    lines.append("  gradients, as products of the factor values")
    lines += [f"    {name(x.equation.lhs)} = {product_text(x, n)}" for x in w.gradients]
    lines.append(f"  after one step, θ − {eta}·∂L/∂θ")
    for u in w.updates:
        step = f"{given(u.before, digits)} − {given(w.eta, digits)}·{_signed(n(u.gradient))}"
        lines.append(f"    {name(u.param)} = {step} = {n(u.after)}")
    return lines


def product_text(x, n) -> str:
    if x.terms:  # a shared bias: the sum of its units' path products (their deltas)
        return " + ".join(_signed(n(t)) for t in x.terms) + f" = {n(x.value)}"
    if len(x.factors) == 1:
        return n(x.value)
    return " · ".join(_signed(n(f)) for f in x.factors) + f" = {n(x.value)}"


def _signed(text: str) -> str:
    return f"({text})" if text.startswith("-") else text


def worked_json(w) -> dict:
    """The numbers by code name (plain floats, full precision)."""
    s = sp.sstr
    return {
        "eta": w.eta,
        "given": {s(k): v for k, v in w.given},
        "forward": {s(k): v for k, v in w.forward},
        "loss": w.loss,
        "local": [
            {"num": s(eq.factors[0].num), "den": s(eq.factors[0].den), "value": v} for eq, v in w.local
        ],
        "deltas": [
            {"delta": s(x.equation.lhs), "factors": list(x.factors), "value": x.value} for x in w.deltas
        ],
        "gradients": [
            {
                "param": s(x.equation.param),
                "factors": list(x.factors),
                **({"terms": list(x.terms)} if x.terms else {}),
                "value": x.value,
            }
            for x in w.gradients
        ],
        "updated": {s(u.param): u.after for u in w.updates},
    }
