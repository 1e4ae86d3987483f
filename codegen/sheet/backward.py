"""The backward half of the sheet: the error, the parameter updates, the chain-rule factors
(local derivatives, deltas, every gradient as a product of bracketed factors) and the delta rule
in matrix form. Each function takes a `SheetPrinter` and returns plain strings and lists.
"""

from __future__ import annotations

import sympy as sp

from .forward import softmax
from .layout import LINE, PLUS, bracketed, columns, columns_down, lines, row_gap, sum_of


def loss(pr) -> dict:
    d, nm = pr.d, pr.nm
    eq = d["L"]
    top = d.layers[-1]
    subs = {}
    for k, o in enumerate(d.outputs, start=1):
        z = nm.z(top.index, k)
        subs[o] = (
            top.activation(z)
            if top.activation.elementwise
            else softmax(k, [nm.z(top.index, i) for i in range(1, top.size + 1)])
        )
    terms = list(eq.terms)
    scale = ""
    if d.spec.loss.mean_over_outputs:
        scale = f"\\frac{{1}}{{{len(terms)}}}"
    written = d.spec.loss.latex_term  # the loss's own spelling, e.g. -[y log a + (1-y) log(1-a)]
    if written is not None:
        pairs = list(zip(d.outputs, d.targets))
        forms = [sum_of(pr, [written(pr.tex(o), pr.tex(y)) for o, y in pairs], scale)]
        if top.activation.elementwise:
            forms.append(sum_of(pr, [written(pr.tex(subs[o]), pr.tex(y)) for o, y in pairs], scale))
    else:
        forms = [sum_of(pr, terms, scale)]
        if top.activation.elementwise:
            forms.append(sum_of(pr, [t.xreplace(subs) for t in terms], scale))
    return {
        "lhs": pr.tex(d.loss_symbol),
        "forms": forms,
        "outputs": ", ".join(pr.tex(o) for o in d.outputs[:3]) + (", \\dots" if len(d.outputs) > 3 else ""),
        "output_defs": [f"{pr.tex(o)} = {pr.tex(subs[o])}" for o in d.outputs[:1]],
        "targets": ", ".join(pr.tex(y) for y in d.targets[:3]) + (", \\dots" if len(d.targets) > 3 else ""),
    }


def updates(pr) -> dict:
    d = pr.d
    if pr.per_weight:
        items = []
        for eq in d.of_kind("update"):
            grad = sp.expand((eq.lhs - eq.rhs) / d.eta)
            p = pr.tex(eq.lhs)
            items.append(f"{p} &\\leftarrow {p} - {pr.tex(d.eta)}\\,{pr.tex(grad)}")
        return {"scalar": True, "rows": columns(items, 3), "gap": row_gap(items)}
    items = []
    for eq in d.of_kind("update_matrix"):
        g = next(s for s in eq.rhs.free_symbols if isinstance(s, sp.MatrixSymbol) and s != eq.lhs)
        p = pr.tex(eq.lhs)
        items.append(f"{p} &\\leftarrow {p} - {pr.tex(d.eta)}\\,{pr.tex(g)}")
    return {"scalar": False, "rows": columns(items, 2), "gap": row_gap(items)}


def derivatives(pr) -> dict:
    d = pr.d
    rules = []
    for eq in d.of_kind("rule"):
        if eq.name == "dL/dout":
            rules.append({"lhs": pr.partial(d.loss_symbol, d.out), "rhs": pr.tex(eq.rhs), "note": ""})
        elif eq.name == "delta_out":
            rules.append({"lhs": "\\delta_{\\mathrm{out}}", "rhs": pr.tex(eq.rhs), "note": eq.note})
        else:
            rules.append({"lhs": pr.tex(eq.lhs), "rhs": pr.tex(eq.rhs), "note": ""})
    if not pr.per_weight:
        return {"per_weight": False, "rules": rules}
    first = d.gradient(d.params[0])
    chain = {
        "lhs": pr.tex(first.lhs),
        "lines": lines([(pr.partial(f.num, f.den), pr.pwidth(f)) for f in first.factors], " \\cdot "),
    }
    local_eqs = d.of_kind("local")
    locals_ = [f"{pr.partial(e.factors[0].num, e.factors[0].den)} &= {pr.tex(e.rhs)}" for e in local_eqs]
    narrow = max(pr.pwidth(e.factors[0]) + pr.width(e.rhs) for e in local_eqs) < LINE / 2
    deltas = [product_lines(pr, e) for e in d.of_kind("delta")]
    groups = []
    for layer in reversed(d.layers):
        grads = [product_lines(pr, e) for e in d.of_kind("gradient") if e.layer == layer.index]
        groups.append(
            {
                "layer": layer.index,
                "gradients": grads,
                "title": ("output layer" if layer.index == pr.spec.depth else f"layer {layer.index}"),
            }
        )
    groups.reverse()  # the seed's order: the first layer's parameters first
    return {
        "per_weight": True,
        "rules": rules,
        "chain": chain,
        "locals": columns_down(locals_, 2 if narrow else 1),
        "deltas": deltas,
        "groups": groups,
    }


def product_lines(pr, eq) -> dict:
    """A delta or gradient: the chain of partials, the bracketed factor values, compact form."""
    partials, values = [], []
    # a shared bias: the sum over the units it feeds of each path's product of factors
    for k, path in enumerate(eq.paths or (eq.factors,)):
        first = len(partials), len(values)
        partials += [(pr.partial(f.num, f.den), pr.pwidth(f)) for f in path]
        for f in path:
            values.extend(bracketed(pr, f.value))
        if k:  # the next path's product: '+' before it (or ending the line it breaks)
            text, w = partials[first[0]]
            partials[first[0]] = (PLUS + text, w + 3)
            text, w = values[first[1]]
            values[first[1]] = (PLUS + text.lstrip("\x00"), w + 3)
    compact = pr.tex(eq.compact) if eq.compact is not None else ""
    if eq.kind == "delta" and compact == pr.tex(sp.Mul(*[f.value for f in eq.factors])):
        compact = ""
    return {
        "lhs": pr.tex(eq.lhs),
        "chain": lines(partials, " \\cdot "),
        "values": lines(values, " \\cdot ", glue=True),
        "compact": compact,
        "factors": [pr.tex(f.value) for f in eq.factors],
        "paths": [[pr.tex(f.value) for f in path] for path in eq.paths],
    }


def matrix_form(pr) -> dict:
    d = pr.d

    def rows(kind):
        return [{"lhs": pr.tex(e.lhs), "rhs": pr.tex(e.rhs)} for e in d.of_kind(kind)]

    deltas, gradients = rows("delta_matrix"), rows("gradient_matrix")
    return {
        "deltas": deltas,
        "gradients": gradients,
        # one spacing for the block: wider when a row's names carry two scripts (∇_W^(1))
        "gap": row_gap([r["lhs"] + r["rhs"] for r in deltas + gradients]),
        "grad_out": pr.tex(d.output_gradient),
        "outputs_vec": pr.tex(d.layers[-1].a),
    }
