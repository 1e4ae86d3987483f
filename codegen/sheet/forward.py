"""The forward half of the sheet: each layer's forward step (scalar sums, then the matrix form
under braces), its activation, and the summary chain. Each function takes a `SheetPrinter` and
returns the plain strings and lists its template section reads.
"""

from __future__ import annotations

import sympy as sp

from .layout import CIRCLED, elided_entry, elided_vec, lines, ordinal, shown

SOFTMAX_GENERIC = r"\operatorname{softmax}_k\left(z\right)"
SOFTMAX_DEFINITION = r"\frac{e^{z_k}}{\sum_{j} e^{z_j}}"


def steps(pr) -> list:
    """Forward step and activation of every layer, numbered as the seed numbers them."""
    out = []
    for layer in pr.d.layers:
        out.append(forward_step(pr, layer))
        out.append(activation_step(pr, layer))
    for n, step in enumerate(out):
        step["number"] = CIRCLED[n] if n < len(CIRCLED) else str(n + 1)
        step["circled"] = str(n + 1)
    return out


def prev_entries(pr, l: int) -> list:
    """The symbols of the vector layer l multiplies: inputs, or the activations below."""
    m = pr.spec.sizes[l - 1]
    if l == 1:
        return [pr.nm.x(j) for j in range(1, m + 1)]
    rule = pr.spec.activations[l - 2]
    zs = [pr.nm.z(l - 1, j) for j in range(1, m + 1)]
    if rule.elementwise:
        return [rule(z) for z in zs]  # as the seed writes them: σ(z_h1)
    return [pr.nm.a(l - 1, j) for j in range(1, m + 1)]


def forward_step(pr, layer) -> dict:
    l, spec, nm = layer.index, pr.spec, pr.nm
    n, m = layer.size, spec.sizes[l - 1]
    prev = prev_entries(pr, l)
    rows = []
    for i in shown(n):
        if i is None:
            rows.append(("\\vdots", ""))
            continue
        z = nm.z(l, i)
        js = range(1, m + 1) if pr.per_weight else shown(m, 4)
        terms = [nm.W(l, i, j) * prev[j - 1] if j else None for j in js]
        terms.append(nm.b(l, i))
        atoms = [("\\cdots", 3) if t is None else (pr.tex(t), pr.width(t)) for t in terms]
        rows.append((pr.tex(z), " \\\\\n  &\\qquad ".join(lines(atoms, " + "))))
    W = [[elided_entry(pr, lambda i, j: nm.W(l, i, j), i, j) for j in shown(m)] for i in shown(n)]
    a = [elided_vec(pr, lambda j: prev[j - 1], j) for j in shown(m)]
    b = [elided_vec(pr, lambda i: nm.b(l, i), i) for i in shown(n)]
    matrix_eq = next(e for e in pr.d.of_kind("forward_matrix") if e.lhs == layer.z)
    a_name = "x" if l == 1 else f"a-layer {l - 1}"
    return {
        "kind": "forward",
        "title": "1st forward step" if l == 1 else f"{ordinal(l)} forward step",
        "layer": l,
        "rows": [{"lhs": lhs, "rhs": rhs} for lhs, rhs in rows],
        "inline": m <= 3 and n <= 4 and pr.per_weight and spec.naming == "seed",
        "W": W,
        "a": a,
        "b": b,
        "W_label": f"w-layer {l}",
        "a_label": a_name,
        "b_label": f"b-layer {l}",
        "bias_text": "the layer's one shared bias" if layer.shared_bias else "its bias",
        "z": pr.tex(layer.z),
        "matrix_eq": f"{pr.tex(layer.z)} = {pr.tex(matrix_eq.rhs)}",
        "a_prev": "x" if l == 1 else pr.tex(pr.d.layers[l - 2].a),
        "W_sym": pr.tex(layer.W),
        # a shared bias: the column of ones times the layer's one bias, 1 b^{(l)}
        "b_sym": pr.tex(layer.ones * layer.b if layer.shared_bias else layer.b),
        "shape": f"{n}\\times{m}",
    }


def activation_step(pr, layer) -> dict:
    l, rule, n = layer.index, layer.activation, layer.size
    top = l == pr.spec.depth
    zs = [pr.nm.z(l, i) for i in range(1, n + 1)]
    values, defs = [], []
    for i in shown(n):
        if i is None:
            values.append("\\vdots")
            defs.append("\\vdots")
            continue
        value = rule(zs[i - 1]) if rule.elementwise else softmax(i, zs)
        values.append(pr.tex(value))
        defs.append(pr.tex(definition(rule, zs[i - 1], i, zs)))
    matrix_eq = next(e for e in pr.d.of_kind("forward_matrix") if e.lhs == layer.a)
    out_names = [pr.tex(o) for o in pr.d.outputs] if top else []
    Z = pr.d.z
    return {
        "kind": "activation",
        "title": ("Activation" if l == 1 else "Output activation" if top else f"Activation of layer {l}"),
        "layer": l,
        "f": rule.latex,
        "name": rule.name,
        "elementwise": rule.elementwise,
        "definition": (
            f"{pr.tex(rule(Z))} = {pr.tex(definition(rule, Z, None, None))}"
            if rule.elementwise
            else f"{SOFTMAX_GENERIC} = {SOFTMAX_DEFINITION}"
        ),
        "formula_text": rule.formula_text,
        "a": pr.tex(layer.a),
        "z": pr.tex(layer.z),
        "values": values,
        "defs": defs,
        "show_defs": n <= 4 and sum(len(s) for s in defs) < 240,
        "matrix_eq": f"{pr.tex(layer.a)} = {pr.tex(matrix_eq.rhs)}",
        "top": top,
        "outputs": out_names,
        "output_eq": (f"{out_names[0]} = {pr.tex(rule(zs[0]))}" if top and len(out_names) == 1 else ""),
    }


def summary(pr) -> dict:
    chain = ["x"]
    for layer in pr.d.layers:
        chain.append(f"\\xrightarrow{{{pr.tex(layer.W)},\\,{pr.tex(layer.b)}}} {pr.tex(layer.z)}")
        chain.append(f"\\xrightarrow{{{layer.activation.latex}}} {pr.tex(layer.a)}")
    eqs = [{"lhs": pr.tex(e.lhs), "rhs": pr.tex(e.rhs)} for e in pr.d.of_kind("forward_matrix")]
    return {"chain": " ".join(chain), "equations": eqs}


def softmax(i, zs):
    from symbolic.functions import softmax

    return softmax(i, *zs)


def definition(rule, z, k, zs):
    """The explicit formula of f(z) for the sheet: σ(z) = 1/(1 + e^{-z})."""
    from symbolic import functions as fn

    f = rule(z)
    if isinstance(f, fn.Activation):
        return f.definition()
    if isinstance(f, sp.tanh):
        return (sp.exp(z) - sp.exp(-z)) / (sp.exp(z) + sp.exp(-z))
    if k is not None and not rule.elementwise:
        return sp.exp(zs[k - 1]) / sp.Add(*[sp.exp(v) for v in zs])
    return f
