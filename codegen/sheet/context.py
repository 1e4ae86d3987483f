"""What the sheet template gets: `sheet_context(d, options)` assembles the sections (forward,
backward, diagram) into one dict of plain strings and lists, with the title, the command line
and why the sheet is in delta form when it is.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from .backward import derivatives, loss, matrix_form, updates
from .diagram import diagram
from .forward import steps, summary
from .printing import SheetPrinter
from .worked import worked_section

PER_WEIGHT_LIMIT = 150  # parameters: above this the sheet uses the delta form by itself
PER_WEIGHT_WIDTH = 12  # units in a layer: above this, per-weight lines get unreadable


@dataclass(frozen=True)
class SheetOptions:
    diagram: bool = True
    matrix_only: bool = False
    format: str = "tex"  # 'tex', 'md' or 'html'


DEFAULT_OPTIONS = SheetOptions()


def per_weight(d, options: SheetOptions) -> bool:
    """One line per parameter, or the delta form (large nets, or asked for)."""
    return (
        d.scalar
        and not options.matrix_only
        and d.spec.n_params <= PER_WEIGHT_LIMIT
        and max(d.spec.sizes) <= PER_WEIGHT_WIDTH
    )


def sheet_context(d, options: SheetOptions = DEFAULT_OPTIONS, worked=None, digits: int = 6) -> dict:
    """`worked` (a symbolic.worked.Worked) adds the "Worked example" section."""
    pr = SheetPrinter(d, per_weight(d, options))
    spec = d.spec
    numbered = steps(pr)
    return {
        "title": f"Backpropagation by hand: the {spec.arch} network",
        "arch": spec.arch,
        # user text stays raw here: each template escapes it for its language with the
        # filters of codegen.escape (latex_text, markdown_text, markdown_code, html_comment)
        "command": command(spec, options),
        "activations": ", ".join(dict.fromkeys(a.formula_text or a.name for a in spec.activations)),
        "loss_title": spec.loss.title,
        "loss_formula_text": spec.loss.formula_text,
        "naming": spec.naming,
        "n_params": f"{spec.n_params:,}".replace(",", "{,}"),
        "n_params_plain": f"{spec.n_params:,}",
        "shared_bias": spec.shared_bias,
        "per_weight": pr.per_weight,
        "delta_reason": delta_reason(spec, options, pr.per_weight),
        "diagram": diagram(pr) if options.diagram else None,
        "steps": numbered,
        "summary": summary(pr),
        "loss": loss(pr),
        "updates": updates(pr),
        "eta": pr.tex(d.eta),
        "derivatives": derivatives(pr),
        "matrix_form": matrix_form(pr),
        "notes": list(d.notes),
        "worked": worked_section(pr, worked, digits) if worked is not None else None,
    }


def delta_reason(spec, options: SheetOptions, per_weight: bool) -> str:
    if per_weight:
        return ""
    if options.matrix_only:
        return "The delta (matrix) form was asked for (\\texttt{-{}-matrix-only})."
    return (
        f"This network has {spec.n_params:,} parameters".replace(",", "{,}")
        + ": one chain-rule line per parameter would fill hundreds of lines, so this "
        "sheet writes every gradient in the delta (matrix) form instead. Each entry "
        "of a matrix below is one parameter's gradient."
    )


def command(spec, options: SheetOptions) -> str:
    """The symprop command line that writes this sheet."""
    acts = [a.formula_text or a.name for a in spec.activations]
    act = acts[0] if len(set(acts[:-1])) <= 1 and acts[-1] == acts[0] else ",".join(acts)
    text = (
        f"symprop sheet {spec.arch} --activation {_quoted(act)} "
        f"--loss {_quoted(spec.loss.formula_text or spec.loss.name)} --naming {spec.naming}"
    )
    if spec.shared_bias:
        text += " --shared-bias"
    if options.matrix_only:
        text += " --matrix-only"
    if not options.diagram:
        text += " --no-diagram"
    return text


def _quoted(text: str) -> str:
    """Quoted for a POSIX shell (a formula may hold quotes: pasting the command runs only symprop)."""
    return shlex.quote(text)
