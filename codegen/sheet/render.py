"""The sheet's one jinja2 Environment (LaTeX-friendly delimiters, strict, the escaping filters of
codegen.escape) and `render_sheet`, which fills the LaTeX or Markdown template."""

from __future__ import annotations

from functools import lru_cache

from ..escape import FILTERS
from .context import DEFAULT_OPTIONS, SheetOptions, sheet_context
from .layout import row_gap


def render_sheet(d, options: SheetOptions = DEFAULT_OPTIONS, worked=None, digits: int = 6) -> str:
    """The whole sheet as one string (a standalone LaTeX document, Markdown, or one
    self-contained HTML page); with `worked` (a symbolic.worked.Worked) its "Worked example"
    section too."""
    if options.format == "html":
        from ..html import sheet_html

        return sheet_html(d, options, worked, digits)
    name = "sheet.tex.jinja" if options.format == "tex" else "sheet.md.jinja"
    return environment().get_template(name).render(**sheet_context(d, options, worked, digits))


@lru_cache(maxsize=None)
def environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("codegen", "templates"),
        block_start_string=r"\BLOCK{",
        block_end_string="}",
        variable_start_string=r"\VAR{",
        variable_end_string="}",
        comment_start_string=r"\#{",
        comment_end_string="}",
        line_statement_prefix=None,
        line_comment_prefix=None,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(FILTERS)
    env.filters["row_gap"] = row_gap
    return env
