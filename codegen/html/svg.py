"""The network diagram as inline SVG, from the same placement as the TikZ diagram
(codegen.sheet.diagram): the same node centres, edge segments, weight-label positions along
their edges, bias arrows and output arrows, in centimetres scaled to pixels (y turned down).

Labels are Unicode text (the terminal printer's names), so the diagram reads without JavaScript.
Every part the page can highlight has an id: `node-n1_0`, `edge-n0_0-n1_0`, `bias-n1_0`,
`out-n2_0` (`unit_node` gives a unit's node id, `edge_id` an edge's).
"""

from __future__ import annotations

import re

from ..escape import html_text
from ..sheet.diagram import (
    NODES_SHOWN,
    bias_place,
    bias_shapes,
    edge_segment,
    header_box,
    node_circles,
    output_shapes,
    weight_box,
)
from ..sheet.layout import shown

SCALE = 40.0  # px per cm
ZOOM = 1.35  # the drawn size over the viewBox (narrower screens scale it down to fit)
PT_PX = 1.406  # one TeX point in px at this scale (0.0351 cm)
FONT = {"node": 10 * PT_PX, "label": 8.5 * PT_PX, "header": 10 * PT_PX, "output": 10.95 * PT_PX}


def unit_node(spec, l: int, i: int) -> str | None:
    """The node id of unit i of layer l (0 = input), or None when the diagram leaves it out."""
    for k, unit in enumerate(shown(spec.sizes[l], limit=NODES_SHOWN)):
        if unit == i:
            return f"n{l}_{k}"
    return None


def edge_id(src: str, dst: str) -> str:
    return f"edge-{src}-{dst}"


def unicode_of_tex(pr) -> dict:
    """LaTeX name -> Unicode name, for every symbol the sheet's printer knows."""
    out = {}
    for naming in (pr.d.naming, pr.nm):
        out.update({n.latex: n.unicode for n in naming.names.values()})
    out["\\vdots"] = "⋮"
    return out


def _subscripted(text: str) -> str:
    """A Unicode name as SVG text, the part after '_' set as a subscript: z_h1 -> z with h1 low."""
    base, sep, sub = text.partition("_")
    if not sep or not base or not sub:
        return html_text(text)
    return f'{html_text(base)}<tspan class="sub" dy="0.3em">{html_text(sub)}</tspan>'


_NAME = re.compile(
    r"(?:\\mathrm\{(?P<rm>[A-Za-z]+)\}|(?P<base>[A-Za-z]))"
    r"(?:\^\{(?P<sup>[^{}]*)\})?(?:_\{(?P<sub>[^{}]*)\})?"
)
_EM = {"(": 0.39, ")": 0.39, ",": 0.28}  # advance widths in em; digits and letters about 0.5


def _label(tex: str, uni: str) -> str:
    """A symbol's name as SVG text with real scripts (W^{(1)}_{11}: the subscript set back under
    the superscript, as TeX stacks them); a name of another shape as its Unicode text."""
    m = _NAME.fullmatch(tex)
    if not m:
        return _subscripted(uni)
    out = f'<tspan class="rm">{html_text(m["rm"])}</tspan>' if m["rm"] else html_text(m["base"])
    cls = lambda t: "script" if re.search("[A-Za-z]", t) else "script up"  # noqa: E731  (TeX: digits upright)
    if m["sup"]:
        out += f'<tspan class="{cls(m["sup"])}" baseline-shift="super">{html_text(m["sup"])}</tspan>'
    if m["sub"]:
        back = sum(_EM.get(ch, 0.5) for ch in m["sup"] or "")
        dx = f' dx="-{back:.2f}em"' if back else ""
        out += f'<tspan class="{cls(m["sub"])}"{dx} baseline-shift="sub">{html_text(m["sub"])}</tspan>'
    return out


def _header_text(pr, tex: str) -> str:
    """'hidden, $\\sigma$' with the activation's Unicode spelling: 'hidden, σ'."""
    if "$" not in tex:
        return tex
    words, formula = tex.split("$")[0], tex.split("$")[1]
    for rule in pr.spec.activations:
        if rule.latex == formula:
            return words + rule.unicode
    return words + formula


def svg_diagram(pr, d: dict) -> str:
    """`d` is codegen.sheet.diagram's dict for the derivation of `pr` (a SheetPrinter)."""
    uni = unicode_of_tex(pr)
    name = lambda tex: _label(tex, uni.get(tex) or tex)  # noqa: E731
    c = node_circles(d)
    xs, ys = [], []

    def px(x: float, y: float) -> tuple:
        xs.append(x)
        ys.append(y)
        return round(x * SCALE, 1), round(-y * SCALE, 1)

    def seen(box):
        for x, y in box.corners():
            px(x, y)

    parts = []
    for e in d["edges"]:
        seg = edge_segment(d, e)
        (x1, y1), (x2, y2) = px(*seg.p), px(*seg.q)
        label = ""
        if e["label"]:
            box = weight_box(seg, e["label"], float(e["pos"]))
            seen(box)
            bx, by = px(box.x, box.y)
            turn = round(-box.angle * 57.29577951308232, 1)
            label = (
                f'<text class="w" x="{bx}" y="{by}" transform="rotate({turn} {bx} {by})">'
                f"{name(e['label'])}</text>"
            )
        parts.append(
            f'<g class="edge" id="{edge_id(e["src"], e["dst"])}">'
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>{label}</g>'
        )
    for b in d["biases"]:
        seg, box = bias_shapes(c[b["node"]], b["text"], bias_place(b))
        seen(box)
        (x1, y1), (x2, y2), (bx, by) = px(*seg.q), px(*seg.p), px(box.x, box.y)
        parts.append(
            f'<g class="bias" id="bias-{b["node"]}"><line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>'
            f'<text class="w" x="{bx}" y="{by}">+{name(b["text"])}</text></g>'
        )
    for o in d["outputs"]:
        seg, box = output_shapes(c[o["node"]], o["text"])
        seen(box)
        (x1, y1), (x2, y2), (bx, by) = px(*seg.p), px(*seg.q), px(box.x, box.y)
        parts.append(
            f'<g class="out" id="out-{o["node"]}"><line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>'
            f'<text class="o" x="{bx}" y="{by}">{name(o["text"])}</text></g>'
        )
    for n in d["nodes"]:
        x, y = px(float(n["x"]), float(n["y"]))
        if n["style"] == "dots":
            parts.append(f'<text class="dots" x="{x}" y="{y}">⋮</text>')
            continue
        circle = c[n["id"]]
        px(circle.x - circle.r, circle.y - circle.r)
        px(circle.x + circle.r, circle.y + circle.r)
        parts.append(
            f'<g class="node {n["style"]}" id="node-{n["id"]}">'
            f'<circle cx="{x}" cy="{y}" r="{round(circle.r * SCALE, 1)}"/>'
            f'<text x="{x}" y="{y}">{name(n["text"])}</text></g>'
        )
    for h in d["headers"]:
        box = header_box(h)
        seen(box)
        x, y = px(box.x, box.y)
        parts.append(f'<text class="header" x="{x}" y="{y}">{html_text(_header_text(pr, h["text"]))}</text>')
    pad = 0.25
    left, right = (min(xs) - pad) * SCALE, (max(xs) + pad) * SCALE
    top, bottom = (-max(ys) - pad) * SCALE, (-min(ys) + pad) * SCALE
    w, h = round(right - left, 1), round(bottom - top, 1)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" class="net" '
        f'viewBox="{round(left, 1)} {round(top, 1)} {w} {h}" '
        f'width="{round(w * ZOOM)}" height="{round(h * ZOOM)}" role="img" aria-label="the network">'
        "<defs>"
        '<marker id="ah" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="ah"/></marker>'
        '<marker id="ah-hl" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="5" markerHeight="5" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="ah-hl"/></marker>'
        "</defs>" + "".join(parts) + "</svg>"
    )


def network_svg(pr) -> str:
    """The diagram of a SheetPrinter's network (Printers(d).pr), placed as the TikZ one is."""
    from ..sheet.diagram import diagram

    return svg_diagram(pr, diagram(pr))
