"""A Derivation in Jupyter: `Derivation._repr_latex_` and `_repr_html_` (symbolic/derivation.py)
call these. The sections are the terminal's (`symprop derive`, codegen.terminal.SECTIONS), in its
order, each equation in the sheet's LaTeX: forward steps, loss, rules, local factors, deltas and
gradients as products of chain-rule factors, the matrix forms, the updates.

LaTeX: one display of `aligned` rows, a bold heading row per section (what a text/latex renderer
typesets whole). HTML: a heading per section and one `$$…$$` display under it, which Jupyter's
math typesetter (MathJax in JupyterLab and the classic notebook) renders in HTML output.
"""

from __future__ import annotations

from .escape import html_text
from .latex import paren, printer_for
from .terminal import SECTIONS, in_seed_names


def _written_sum(terms: list[str]) -> str:
    out = ""
    for k, s in enumerate(terms):
        out = s if k == 0 else out + (f" - {s[1:]}" if s.startswith("-") else f" + {s}")
    return out


def equation_rows(p, d, eq) -> list[str]:
    """One equation as `aligned` rows (`lhs &= rhs`); a chain rule takes two or three rows."""
    if eq.kind == "local":
        f = eq.factors[0]
        return [f"{p.partial(f.num, f.den)} &= {p.doprint(f.value)}"]
    if eq.kind in ("gradient", "delta"):
        products = eq.paths or (eq.factors,)  # a shared bias: one product per unit it feeds
        chain = " + ".join(" \\cdot ".join(p.partial(f.num, f.den) for f in path) for path in products)
        values = " + ".join(
            " \\cdot ".join(paren(p.doprint(f.value), "[", "]") for f in path) for path in products
        )
        rows = [f"{p.doprint(eq.lhs)} &= {chain}", f"&= {values}"]
        if eq.compact is not None and eq.kind == "gradient":
            rows.append(f"&= {p.doprint(eq.compact)}")
        return rows
    if eq.kind in ("update", "update_matrix"):
        eta = next(s for s in eq.rhs.free_symbols if getattr(s, "name", "") == "eta")
        grad = (eq.lhs - eq.rhs) / eta
        lhs = p.doprint(eq.lhs)
        return [f"{lhs} &\\leftarrow {lhs} - {p.doprint(eta)}\\,{p.doprint(grad)}"]
    eq = in_seed_names(d, eq)
    lhs = p.doprint(eq.lhs)
    if eq.kind == "rule" and eq.name == "dL/dout":  # as the sheet writes them
        lhs = p.partial(d.loss_symbol, d.out)
    elif eq.kind == "rule" and eq.name == "delta_out":
        lhs = "\\delta_{\\mathrm{out}}"
    rhs = _written_sum([p.doprint(t) for t in eq.terms]) if eq.terms else p.doprint(eq.rhs)
    if eq.kind == "loss" and eq.terms and len(eq.terms) > 1 and d.spec.loss.mean_over_outputs:
        rhs = f"\\frac{{1}}{{{len(eq.terms)}}}\\left({rhs}\\right)"
    note = f" && \\text{{({_tex_text(eq.note)})}}" if eq.note else ""
    return [f"{lhs} &= {rhs}{note}"]


def _tex_text(text: str) -> str:
    """A note inside \\text{}: letters, digits and plain punctuation stay, _ escaped."""
    return "".join(ch if ch.isalnum() or ch in " ,.;:'()=+-/" else "\\_" if ch == "_" else " " for ch in text)


def sections(d) -> list[tuple[str, list[str]]]:
    """(title, aligned rows) for every section the terminal prints for `d`."""
    p = printer_for(d)
    out = []
    for kind, title in SECTIONS:
        eqs = d.of_kind(kind)
        if eqs:
            out.append((title, [row for eq in eqs for row in equation_rows(p, d, eq)]))
    return out


def _header(d) -> str:
    return f"symprop derivation: {d.spec.describe()} ({d.spec.n_params} parameters)"


def derivation_latex(d) -> str:
    rows = [f"&\\textbf{{{_tex_text(_header(d))}}}"]
    for title, body in sections(d):
        rows.append(f"\\\\[8pt] &\\textbf{{{title}}}")
        rows += [f"\\\\ {r}" for r in body]
    return "$$\\begin{aligned}" + "\n".join(rows) + "\\end{aligned}$$"


def derivation_html(d) -> str:
    parts = [f'<div class="symprop-derivation"><p><b>{html_text(_header(d))}</b></p>']
    parts += [f"<p><i>note: {html_text(n)}</i></p>" for n in d.notes]
    for title, body in sections(d):
        tex = "\\begin{aligned}" + " \\\\ ".join(body) + "\\end{aligned}"
        parts.append(f"<h4>{html_text(title)}</h4>\n<div>$${html_text(tex)}$$</div>")
    parts.append("</div>")
    return "\n".join(parts)
