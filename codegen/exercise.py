"""An exercise's documents from plain data: `exercise_context` builds one dict (the network, its
diagram, the point, the asked blanks and every answer with its working, all as LaTeX strings and
numbers) that the problem and answer templates render, in LaTeX here and in any other format
later; `answers_toml`, `point_toml_text` and `template_tex` are the machine-readable files.

Numbers are written in positional notation (0.0000602340, never 6.0234e-05: the verifier reads
`e` as Euler's number) with `digits` significant digits.
"""

from __future__ import annotations

import json
import math
import shlex

from symbolic.worked import point_toml

from .escape import plain_line
from .sheet.backward import loss
from .sheet.diagram import diagram
from .sheet.forward import summary
from .sheet.printing import SheetPrinter

DIGITS = 6
SECTIONS = {
    "forward": "Forward pass and loss",
    "factors": "Local chain-rule factors",
    "gradients": "Gradients, as products of the chain-rule factors",
    "update": "Parameters after one step of gradient descent",
}
VERIFY = "symprop verify answers_template.tex --at point.toml"


def fixed(v: float, digits: int = DIGITS) -> str:
    """`digits` significant digits in positional notation (0.000438568, 1.10591, -0.0380982)."""
    if v == 0 or not math.isfinite(v):
        return "0" if v == 0 else str(v)
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(v))))
    text = f"{v:.{decimals}f}"
    return "0" if float(text) == 0 else text


def given(v: float) -> str:
    """A given value as drawn (0.35, -0.4, 1)."""
    return f"{v:g}" if abs(v) >= 1e-4 else fixed(v)


def _paren(text: str) -> str:
    return f"({text})" if text.startswith("-") else text


def lhs_tex(pr, a) -> str:
    """An answer's left-hand side, as the problem, the key and the fill-in template write it."""
    if a.kind == "partial":
        return pr.partial(a.num, a.den)
    if a.kind == "update":
        return f"{{{pr.tex(a.symbol)}}}^{{+}}"
    return pr.tex(a.symbol)


def lhs_text(u, a) -> str:
    """An answer's left-hand side in Unicode (the terminal's names): ∂L/∂W⁽²⁾₁₁, W⁽²⁾₁₁⁺."""
    if a.kind == "partial":
        return f"∂{u(a.num)}/∂{u(a.den)}"
    return u(a.symbol) + ("⁺" if a.kind == "update" else "")


def exercise_context(d, net, seed: int, asks, answers, worked, digits: int = DIGITS) -> dict:
    """Everything the problem sheet and the answer key show, as plain strings and lists: each
    formula as TeX (`lhs`, `names`, `working`) and as Unicode text (`lhs_text`, ...)."""
    from .unicode import printer_for

    pr = SheetPrinter(d, True)
    u = printer_for(d).doprint
    spec = d.spec
    acts = ", ".join(dict.fromkeys(a.formula_text or a.name for a in spec.activations))
    sections = []
    for key in asks:
        rows = []
        for a in (a for a in answers if a.section == key):
            row = {
                "key": a.key,
                "lhs": lhs_tex(pr, a),
                "lhs_text": lhs_text(u, a),
                "names_text": " · ".join(f"∂{u(p.num)}/∂{u(p.den)}" for p in a.parts),
                "value": fixed(a.value, digits),
                "blank": r"\blank{}",
                "working": "",
                "names": "",
                "factors": [
                    {
                        "tex": pr.partial(p.num, p.den),
                        "text": f"∂{u(p.num)}/∂{u(p.den)}",
                        "value": _paren(fixed(p.value, digits)),
                    }
                    for p in a.parts
                ],
            }
            if a.parts:
                row["blank"] = r" \cdot ".join([r"\blank{}"] * len(a.parts)) + r" = \blank{}"
                row["working"] = r" \cdot ".join(_paren(fixed(p.value, digits)) for p in a.parts)
                row["names"] = r" \cdot ".join(pr.partial(p.num, p.den) for p in a.parts)
            if a.kind == "update":
                eta = given(worked.eta)
                row["working"] = f"{given(a.before)} - {eta} \\cdot {_paren(fixed(a.gradient, digits))}"
            rows.append(row)
        sections.append({"key": key, "title": SECTIONS[key], "rows": rows})
    q = shlex.quote  # a formula may hold quotes and parentheses: pasting the command runs only symprop
    command = f"symprop exercise {net.arch} --activation {q(net.activation)}" + (
        f" --output-activation {q(net.output_activation)}" if net.output_activation else ""
    )
    command += f" --loss {q(net.loss)} --naming {net.naming} --seed {seed} --ask {','.join(asks)}"
    if net.alpha is not None:
        command += f" --alpha {net.alpha!r}"
    if net.shared_bias:
        command += " --shared-bias"
    return {
        "title": f"Backpropagation exercise: the {spec.arch} network",
        "seed": seed,
        "command": command,
        "arch": spec.arch,
        "activations": acts,
        "loss_title": spec.loss.title,
        "n_params": spec.n_params,
        "diagram": diagram(pr),
        "summary": summary(pr),
        "loss": loss(pr),
        "eta": pr.tex(d.eta),
        "eta_value": given(worked.eta),
        "eta_text": u(d.eta),
        "given": [{"lhs": pr.tex(s), "text": u(s), "value": given(v)} for s, v in worked.given],
        "sections": sections,
        "digits": digits,
        "verify": VERIFY,
    }


# ------------------------------------------------------------------------------------ files


def template_tex(context: dict) -> str:
    """answers_template.tex: one line per blank in the verifier's notation, to fill in after '='."""
    lines = [
        f"% {context['title']} (seed {context['seed']}): your answers.",
        "% Write each answer after its '=' as a decimal number (0.000123, not 1.23e-4) to",
        f"% {context['digits']} significant digits (each is checked to half a unit in its last digit).",
        "% A gradient may also be written as the product of its chain-rule factors, in the order",
        "% given on its comment line, e.g.",
        r"%   \frac{\partial L}{\partial w} = 0.7414 \cdot 0.1868 \cdot 0.5933 = 0.08217",
        f"% Check them with:  {context['verify']}",
        "% (each wrong answer is named, with the wrong factor of a product). Blank lines are not checked.",
    ]
    for section in context["sections"]:
        lines += ["", f"% {section['title']}"]
        for row in section["rows"]:
            hint = f"  % = {row['names']}" if row["names"] else ""
            lines.append(f"$${row['lhs']} = $${hint}")
    return "\n".join(lines) + "\n"


def answers_toml(context: dict, net, answers, worked) -> str:
    """answers.toml: every answer, full precision, with its working, by code name."""
    s = json.dumps  # a JSON string is a TOML basic string
    lines = [
        f"# {context['title']}: every answer ({plain_line(context['command'])})",
        "# value: full precision; shown: as the answer key prints it; tex: the line of answers_template.tex",
        f"seed = {context['seed']}",
        f"asks = [{', '.join(s(x['key']) for x in context['sections'])}]",
        f"eta = {worked.eta!r}",
        "",
        "[network]",
        *[f"{k} = {toml_value(v)}" for k, v in net.options().items()],
    ]
    rows = {r["key"]: r for sec in context["sections"] for r in sec["rows"]}
    for a in answers:
        row = rows[a.key]
        lines += [
            "",
            "[[answer]]",
            f"section = {s(a.section)}",
            f"name = {s(a.key)}",
            f"tex = {s(row['lhs'])}",
            f"value = {a.value!r}",
            f"shown = {s(row['value'])}",
        ]
        if a.kind == "update":
            lines += [f"before = {a.before!r}", f"gradient = {a.gradient!r}"]
        if a.parts:
            lines.append("factors = [")
            for p, name in zip(a.parts, row["names"].split(r" \cdot ")):
                lines.append(f"  {{ tex = {s(name)}, value = {p.value!r}, shown = {s(fixed(p.value))} }},")
            lines.append("]")
    return "\n".join(lines) + "\n"


def toml_value(v) -> str:
    """A string, bool or number as a TOML value (a JSON string is a TOML basic string)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v) if isinstance(v, str) else repr(v)


def point_toml_text(d, point: dict, net, seed: int) -> str:
    """point.toml: the point in the generated module's names (derive/verify --at read it) and
    the network it belongs to."""
    head = f"# symprop exercise --seed {seed}: the point ({VERIFY})\n"
    table = "\n[network]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in net.options().items())
    return head + point_toml(d, point) + table


def render_tex(context: dict, which: str) -> str:
    """The problem sheet ('problem') or the answer key ('answers') as a LaTeX document."""
    from .sheet.render import environment

    return environment().get_template(f"exercise_{which}.tex.jinja").render(**context, c=context)
