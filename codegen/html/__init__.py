"""Documents as one self-contained HTML page (KaTeX math with Unicode fallbacks, an SVG diagram),
and the derivation sheet as such a page (`symprop sheet --format html`).

`render_html(Document)` writes any document built from the blocks of `codegen.html.document`;
`sheet_html(d, options, worked, digits)` is the derivation sheet.
"""

from .document import Blank, Card, Display, Document, Heading, Math, MathList, Para, Section, Svg, render_html


def sheet_html(d, options, worked=None, digits: int = 6) -> str:
    from .sheet import sheet_document

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
    "Section",
    "Svg",
    "render_html",
    "sheet_html",
]
