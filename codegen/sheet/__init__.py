"""Derivation sheets: `sheet_context(d, options)` turns a Derivation into plain strings and lists,
`render_sheet(d, options)` fills the LaTeX (or Markdown) template with them, or writes the HTML
page (codegen.html, from the same section builders). Both are pure.

The sheet follows the seed hand derivation: network diagram, forward steps (scalar sums, then the
matrix form under braces), activations, a summary, the error, the parameter updates, the local
chain-rule factors, every gradient as a product of bracketed factors (the products the seed marks
with ditto marks are named once as deltas), and the delta rule in matrix form. Nets too large for
one line per parameter get the delta form, and the sheet says so.

One module per job: `context` assembles what the template gets from `forward` (forward steps,
activations, summary), `backward` (error, updates, chain-rule factors, matrix form) and `diagram`
(TikZ placement); `layout` is line filling and elision, `printing` the LaTeX printer and all the
sheet takes from symbolic's naming; `render` holds the jinja2 Environment.
"""

from .context import SheetOptions, command, per_weight, sheet_context
from .render import render_sheet

__all__ = ["SheetOptions", "command", "per_weight", "render_sheet", "sheet_context"]
