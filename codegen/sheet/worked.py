"""The sheet's "Worked example" section: a symbolic.worked.Worked as LaTeX rows, in the sheet's
order (given values, forward values, the error, local factors, deltas, gradients as products of
the factor values, the parameters after one step)."""

from __future__ import annotations

from ..worked import DEFAULT_DIGITS, given, number

TERMS_PER_ROW = 4  # a shared bias's sum over many units continues on further rows


def worked_section(pr, w, digits: int = DEFAULT_DIGITS) -> dict:
    n = lambda v: tex_number(number(v, digits))  # noqa: E731
    g = lambda v: tex_number(given(v, digits))  # noqa: E731
    d = pr.d
    locals_ = [(eq.factors[0], v) for eq, v in w.local]
    return {
        "eta": g(w.eta),
        "given": ", ".join(f"${pr.tex(s)} = {g(v)}$" for s, v in w.given),
        "forward": _columns([f"{pr.tex(s)} &= {n(v)}" for s, v in w.forward], 4),
        "loss": f"{pr.tex(d.loss_symbol)} &= {n(w.loss)}",
        "local": _columns([f"{pr.partial(f.num, f.den)} &= {n(v)}" for f, v in locals_], 3),
        "deltas": [f"{pr.tex(x.equation.lhs)} &= {product_tex(x, n)}" for x in w.deltas],
        "gradients": [
            f"{pr.partial(d.loss_symbol, x.equation.param)} &= {product_tex(x, n)}" for x in w.gradients
        ],
        "updates": [_update(pr, u, n, g, w.eta) for u in w.updates],
    }


def _columns(cells: list[str], k: int) -> list[str]:
    """align* rows of k `lhs &= rhs` cells each (short values: one per row wastes the page)."""
    return [" & ".join(cells[i : i + k]) for i in range(0, len(cells), k)]


def _update(pr, u, n, g, eta: float) -> str:
    """theta^+ = theta - eta · dL/dtheta, in numbers (braces: W^{(2)}_{11} has its own superscript)."""
    step = f"{g(u.before)} - {g(eta)} \\cdot {_paren(n(u.gradient))}"
    return f"{{{pr.tex(u.param)}}}^{{+}} &= {step} = {n(u.after)}"


def product_tex(x, n) -> str:
    if x.terms:  # a shared bias: the sum of its units' path products (their deltas)
        parts = [_paren(n(t)) for t in x.terms]
        rows = [" + ".join(parts[i : i + TERMS_PER_ROW]) for i in range(0, len(parts), TERMS_PER_ROW)]
        return " \\\\\n  &\\qquad + ".join(rows) + f" = {n(x.value)}"
    if len(x.factors) == 1:
        return n(x.value)
    return " \\cdot ".join(_paren(n(f)) for f in x.factors) + f" = {n(x.value)}"


def _paren(text: str) -> str:
    return f"({text})" if text.startswith("-") else text


def tex_number(text: str) -> str:
    """1.5e-05 as 1.5 \\cdot 10^{-5}."""
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return f"{mantissa} \\cdot 10^{{{int(exponent)}}}"
