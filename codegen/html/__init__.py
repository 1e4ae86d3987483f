"""Documents as one self-contained HTML page (KaTeX math with Unicode fallbacks, an SVG diagram),
and the derivation sheet as such a page (`symprop sheet --format html`).

`render_html(Document)` writes any document built from the blocks of `codegen.html.document`;
`sheet_html(d, options, worked, digits)` is the derivation sheet. For other documents of a
network (an exercise and its answer key): `P = Printers(d)` gives `Math` of any expression
(`P.math(expr)`, `P.partial(num, den)`), `network_svg(P.pr)` its diagram (wrap it in `Svg`).
"""

from .document import Blank, Card, Display, Document, Heading, Math, MathList, Para, Section, Svg, render_html
from .sheet import Printers, sheet_document
from .svg import network_svg


def sheet_html(d, options, worked=None, digits: int = 6) -> str:
    return render_html(sheet_document(d, options, worked, digits))


__all__ = [
    "Blank",
    "Card",
    "Display",
    "Document",
    "Heading",
    "Math",
    "MathList",
    "Para",
    "Printers",
    "Section",
    "Svg",
    "network_svg",
    "render_html",
    "sheet_document",
    "sheet_html",
]
