"""The backward half of the HTML sheet: the derivatives (rules, local factors, deltas and gradients
as clickable chain-rule cards), the delta rule in matrix form, and the worked example.

A card carries `data-path` (diagram ids, codegen.html.paths) and `data-refs` (`id:k`: the local
factor or delta that is factor k of its chain); the page script highlights both on a click.
"""

from __future__ import annotations

import sympy as sp

from ..latex import paren
from ..sheet.backward import derivatives, matrix_form
from ..sheet.worked import product_tex as tex_product
from ..sheet.worked import tex_number
from ..terminal import equation_line, in_seed_names
from ..worked import given, number
from ..worked import product_text as text_product
from .document import Card, Heading, Math, MathList, Para, Section

CHAIN_LEAD = (
    "By the chain rule, a gradient is the product of the local derivatives along the path "
    "from the loss back to the parameter. For the first weight:"
)
DELTA_LEAD = (
    "The first factors of many gradients are the same (the hand derivation marks them with "
    "ditto marks, //). Their product is named once, as the delta δ of a unit, and reused:"
)


def derivatives_section(P, paths) -> Section:
    pr, d = P.pr, P.d
    der = derivatives(pr)
    blocks: list = []
    if pr.per_weight:
        first = d.gradient(d.params[0])
        chain = " \\cdot ".join(pr.partial(f.num, f.den) for f in first.factors)
        text = " · ".join(f"∂{P.u(f.num)}/∂{P.u(f.den)}" for f in first.factors)
        blocks += [
            Para((CHAIN_LEAD,)),
            MathList((Math(f"{pr.tex(first.lhs)} = {chain}", f"{P.u(first.lhs)} = {text}"),)),
        ]
    rules = []
    for r, eq in zip(der["rules"], d.of_kind("rule")):
        note = f" \\quad \\text{{({r['note']})}}" if r["note"] else ""
        text = equation_line(P.uni, in_seed_names(d, eq))
        for name, spelled in (("dL/dout", "∂L/∂out"), ("delta_out", "δ_out")):  # as the TeX spells them
            if eq.name == name and text.startswith(name):
                text = spelled + text[len(name) :]
        rules.append(Math(f"{r['lhs']} = {r['rhs']}{note}", text))
    blocks += [Para(("The derivatives of the activations and of the loss:",)), MathList(tuple(rules))]
    if not pr.per_weight:
        return Section("Derivatives computation", blocks, "derivatives")
    local_ids = {}
    items = []
    for k, e in enumerate(d.of_kind("local")):
        f = e.factors[0]
        local_ids[(f.num, f.den)] = f"local-{k}"
        m = P.partial(f.num, f.den)
        items.append(Math(f"{m.tex} = {pr.tex(e.rhs)}", f"{m.text} = {P.u(e.rhs)}", id=f"local-{k}"))
    delta_ids = {e.lhs: f"delta-{k}" for k, e in enumerate(d.of_kind("delta"))}
    blocks += [Para(("Every local derivative on the paths of this network:",)), MathList(tuple(items))]
    blocks += [Heading("Shared products: the deltas"), Para((DELTA_LEAD,))]
    blocks += [_card(P, e, paths, local_ids, delta_ids, delta_ids[e.lhs]) for e in d.of_kind("delta")]
    grads = d.of_kind("gradient")
    for layer in d.layers:
        title = "output layer" if layer.index == d.spec.depth else f"layer {layer.index}"
        blocks.append(Heading(f"Gradients of the {title} parameters"))
        blocks += [
            _card(P, e, paths, local_ids, delta_ids, f"grad-{k}")
            for k, e in enumerate(grads)
            if e.layer == layer.index
        ]
    return Section("Derivatives computation", blocks, "derivatives")


def _card(P, eq, paths, local_ids: dict, delta_ids: dict, ident: str) -> Card:
    """A delta or gradient; a shared bias's gradient is the sum of one product per unit it feeds."""
    pr = P.pr
    partials: list = []
    values: list = []
    refs: list = []
    for n, path in enumerate(eq.paths or (eq.factors,)):
        if n:
            partials.append("+")
            values.append("+")
        for k, f in enumerate(path):
            cls = f"fac f{k % 8}"
            partials.append(P.partial(f.num, f.den, cls=cls))
            values.append(Math(paren(pr.tex(f.value), "[", "]"), f"[{P.u(f.value)}]", cls=cls))
            if (f.num, f.den) in local_ids:
                refs.append(f"{local_ids[(f.num, f.den)]}:{k % 8}")
            refs += [f"{delta_ids[s]}:{k % 8}" for s in f.value.free_symbols if s in delta_ids]
    lines = [tuple(partials), tuple(values)]
    compact = eq.compact
    if compact is not None and not (eq.kind == "delta" and compact == sp.Mul(*[f.value for f in eq.factors])):
        lines.append((P.math(compact),))
        refs += [f"{delta_ids[s]}" for s in compact.free_symbols if s in delta_ids and s != eq.lhs]
    symbol = eq.param if eq.kind == "gradient" else eq.lhs
    attrs = (("path", paths.of(symbol)), ("refs", " ".join(dict.fromkeys(refs))))
    return Card(P.math(eq.lhs), tuple(lines), ident, attrs)


def matrix_section(P, paths) -> Section:
    pr, d = P.pr, P.d
    mf = matrix_form(pr)
    eqs = d.of_kind("delta_matrix")
    items = [Math(f"{r['lhs']} = {r['rhs']}", equation_line(P.uni, eq)) for r, eq in zip(mf["deltas"], eqs)]
    for r, eq in zip(mf["gradients"], d.of_kind("gradient_matrix")):
        path = paths.layer(eq.layer) if eq.layer else ""
        attrs = (("path", path),) if path else ()
        items.append(
            Math(
                f"{r['lhs']} = {r['rhs']}", equation_line(P.uni, eq), cls="pick" if path else "", attrs=attrs
            )
        )
    lead = (
        "With ",
        Math(mf["grad_out"], P.u(d.output_gradient)),
        " the vector of the ",
        Math("\\partial L / \\partial\\,\\mathrm{out}_k", "∂L/∂out_k"),
        ", ⊙ the elementwise product and ",
        Math("f'", "f′"),
        " applied elementwise:",
    )
    return Section("The delta rule in matrix form", [Para(lead), MathList(tuple(items))], "matrix")


def worked_section(P, paths, w, digits: int) -> Section:
    """The numbers at one example (symbolic.worked.Worked), in the PDF's order."""
    pr, d = P.pr, P.d
    n = lambda v: number(v, digits)  # noqa: E731
    g = lambda v: given(v, digits)  # noqa: E731
    tn = lambda v: tex_number(n(v))  # noqa: E731
    tg = lambda v: tex_number(g(v))  # noqa: E731

    def value(sym, v, fmt=n, tfmt=tn) -> Math:
        return Math(f"{pr.tex(sym)} = {tfmt(v)}", f"{P.u(sym)} = {fmt(v)}")

    eta = Math(f"{pr.tex(d.eta)} = {tg(w.eta)}", f"{P.u(d.eta)} = {g(w.eta)}")
    blocks: list = [Para(("The same equations at one example, with ", eta, ". Given:"))]
    blocks.append(MathList(tuple(value(s, v, g, tg) for s, v in w.given)))
    fwd = [value(s, v) for s, v in w.forward] + [value(d.loss_symbol, w.loss)]
    blocks += [Para(("Forward pass and error:",)), MathList(tuple(fwd))]
    if w.local:
        items = []
        for eq, v in w.local:
            m = P.partial(eq.factors[0].num, eq.factors[0].den)
            items.append(Math(f"{m.tex} = {tn(v)}", f"{m.text} = {n(v)}"))
        blocks += [Para(("Local chain-rule factors:",)), MathList(tuple(items))]
    if w.deltas:
        items = [
            Math(
                f"{pr.tex(x.equation.lhs)} = {tex_product(x, tn)}",
                f"{P.u(x.equation.lhs)} = {text_product(x, n)}",
            )
            for x in w.deltas
        ]
        blocks += [Para(("Deltas, as products of the factor values:",)), MathList(tuple(items))]
    items = []
    for x in w.gradients:
        m = P.partial(d.loss_symbol, x.equation.param)
        path = paths.of(x.equation.param)
        items.append(
            Math(
                f"{m.tex} = {tex_product(x, tn)}",
                f"{m.text} = {text_product(x, n)}",
                cls="pick" if path else "",
                attrs=(("path", path),) if path else (),
            )
        )
    blocks += [Para(("Gradients, as products of the factor values:",)), MathList(tuple(items))]
    items = []
    for u in w.updates:
        grad_tex, grad_text = tn(u.gradient), n(u.gradient)
        grad_tex = f"({grad_tex})" if grad_tex.startswith("-") else grad_tex
        grad_text = f"({grad_text})" if grad_text.startswith("-") else grad_text
        items.append(
            Math(
                f"{{{pr.tex(u.param)}}}^{{+}} = {tg(u.before)} - {tg(w.eta)} \\cdot {grad_tex}"
                f" = {tn(u.after)}",
                f"{P.u(u.param)}⁺ = {g(u.before)} − {g(w.eta)}·{grad_text} = {n(u.after)}",
            )
        )
    blocks += [Para(("After one step of gradient descent:",)), MathList(tuple(items))]
    return Section("Worked example", blocks, "worked")
