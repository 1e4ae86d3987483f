"""The derivation as terminal text (Unicode) and as JSON, both from the Derivation alone."""

from __future__ import annotations

import dataclasses

import sympy as sp

from .escape import json_document, plain_line
from .unicode import printer_for
from .worked import render_worked, worked_json

SECTIONS = [
    ("forward", "Forward steps"),
    ("forward_matrix", "Forward steps, matrix form"),
    ("loss", "Loss"),
    ("rule", "Activation derivatives"),
    ("local", "Local chain-rule factors"),
    ("delta", "Deltas (shared products)"),
    ("gradient", "Gradients, as products of chain-rule factors"),
    ("delta_matrix", "Delta rule, matrix form"),
    ("gradient_matrix", "Gradients, matrix form"),
    ("update", "Updates"),
    ("update_matrix", "Updates, matrix form"),
    ("worked", "Worked example (with --at)"),
]


def _partial(p, f) -> str:
    return f"∂{p.doprint(f.num)}/∂{p.doprint(f.den)}"


def render_text(d, kinds: tuple[str, ...] | None = None, worked=None, digits: int = 6) -> str:
    """Readable Unicode: one section per kind, one equation per line; `worked` (a
    symbolic.worked.Worked) adds the numbers at one example, to `digits` significant digits."""
    p = printer_for(d)
    lines = [f"symprop derivation: {d.spec.describe()}  ({d.spec.n_params} parameters)"]
    lines += [f"note: {n}" for n in d.notes]
    for kind, title in SECTIONS:
        if kinds and kind not in kinds:
            continue
        eqs = d.of_kind(kind)
        if not eqs:
            continue
        lines += ["", title]
        for eq in eqs:
            if eq.kind == "loss":
                lines.append(f"  {loss_equation(p, d)}" + (f"    ({eq.note})" if eq.note else ""))
            else:
                lines.append("  " + equation_line(p, in_seed_names(d, eq)))
    if worked is not None and (not kinds or "worked" in kinds):
        lines += render_worked(d, worked, digits)
    return "\n".join(lines) + "\n"


def in_seed_names(d, eq):
    """The per-output rules (dL/dout, delta_out) are written in a generic out and y; the seed
    naming has one output, so they are printed in its own names (out, y_T) as everywhere else."""
    if eq.kind != "rule" or d.spec.naming != "seed" or len(d.targets) != 1:
        return eq
    return dataclasses.replace(eq, rhs=eq.rhs.xreplace({d.y: d.targets[0], d.out: d.outputs[0]}))


def equation_line(p, eq) -> str:
    if eq.kind == "local":
        f = eq.factors[0]
        return f"{_partial(p, f)} = {p.doprint(f.value)}"
    if eq.kind in ("gradient", "delta"):
        # a shared bias: the sum over the units it feeds of each path's product
        products = eq.paths or (eq.factors,)
        chain = " + ".join(" · ".join(_partial(p, f) for f in path) for path in products)
        values = " + ".join(" · ".join(f"[{p.doprint(f.value)}]" for f in path) for path in products)
        lhs = p.doprint(eq.lhs)
        text = f"{lhs} = {chain}\n      = {values}"
        if eq.compact is not None and eq.kind == "gradient":
            text += f"\n      = {p.doprint(eq.compact)}"
        return text
    if eq.kind in ("update", "update_matrix"):
        eta = next(s for s in eq.rhs.free_symbols if getattr(s, "name", "") == "eta")
        grad = (eq.lhs - eq.rhs) / eta
        return f"{p.doprint(eq.lhs)} ← {p.doprint(eq.lhs)} − {p.doprint(eta)}·{p.doprint(grad)}"
    rhs = _written_sum(p, eq.terms) if eq.terms else p.doprint(eq.rhs)
    note = f"    ({plain_line(eq.note)})" if eq.note else ""
    return f"{p.doprint(eq.lhs)} = {rhs}{note}"


def loss_equation(p, d) -> str:
    """'L = term₁ + term₂ + …' in output order (SymPy's Add would sort y₁₀ before y₂)."""
    eq = d["L"]
    rhs = _written_sum(p, eq.terms) if eq.terms else p.doprint(eq.rhs)
    if eq.terms and len(eq.terms) > 1 and d.spec.loss.mean_over_outputs:
        rhs = f"({rhs})/{len(eq.terms)}"  # mse: the mean of the per-output terms
    return f"{p.doprint(eq.lhs)} = {rhs}"


def _written_sum(p, terms) -> str:
    """Terms in the order they were written: a + b - c (not SymPy's canonical order)."""
    text = ""
    for k, term in enumerate(terms):
        s = p.doprint(term)
        if k == 0:
            text = s
        elif s.startswith("-"):
            text += " - " + s[1:]
        else:
            text += " + " + s
    return text


def to_json(d, worked=None) -> str:
    """Machine-readable: every equation with SymPy-syntax strings (parseable by sympy.sympify);
    with `worked`, its numbers under "worked" (floats by code name)."""
    s = sp.sstr

    def factor(f):
        return {"num": s(f.num), "den": s(f.den), "value": s(f.value), "kind": f.kind}

    doc = {
        "architecture": list(d.spec.sizes),
        "activations": [a.formula_text or a.name for a in d.spec.activations],
        "loss": d.spec.loss.formula_text or d.spec.loss.name,
        "naming": d.spec.naming,
        **({"shared_bias": True} if d.spec.shared_bias else {}),  # one bias per layer
        "n_params": d.spec.n_params,
        "scalar": d.scalar,
        "notes": list(d.notes),
        "params": [s(p) for p in d.params],
        "equations": [
            {
                "name": eq.name,
                "kind": eq.kind,
                "layer": eq.layer,
                "lhs": s(eq.lhs),
                "rhs": s(eq.rhs),
                **({"factors": [factor(f) for f in eq.factors]} if eq.factors else {}),
                **({"paths": [[factor(f) for f in path] for path in eq.paths]} if eq.paths else {}),
                **({"compact": s(eq.compact)} if eq.compact is not None else {}),
                **({"param": s(eq.param)} if eq.param is not None else {}),
                **({"note": eq.note} if eq.note else {}),
            }
            for eq in d.equations
        ],
    }
    if worked is not None:
        doc["worked"] = worked_json(worked)
    return json_document(doc, indent=1) + "\n"
