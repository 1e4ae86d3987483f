"""`symprop sheet`: write the derivation sheet as a LaTeX document (optionally its PDF), Markdown,
or one self-contained HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .point import add_point_options

EXAMPLE = """example:
  symprop sheet 2-3-1 --activation sigmoid --loss half_se --naming seed -o sheet.tex --pdf
  symprop sheet 3-4-4-2 --activation tanh --loss cce -o deep.tex --png
  symprop sheet 784-128-10 --activation relu --loss cce -o mnist.tex   (delta form)
  symprop sheet 2-3-1 --format md > sheet.md
  symprop sheet 2-3-1 --naming seed --format html -o sheet.html   (one file, works offline)
  symprop sheet 2-2-2 --at point.toml -o mazur.tex --pdf   (with a worked example)"""


def register(sub, network_options) -> None:
    p = sub.add_parser(
        "sheet",
        help="write the derivation sheet (LaTeX, PDF, Markdown or HTML)",
        description="Write a standalone derivation sheet: diagram, forward steps, "
        "error, updates and every gradient by the chain rule.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    network_options(p)
    p.add_argument(
        "--out",
        "-o",
        default=None,
        help="the .tex (.md, .html) file to write; required for LaTeX (Markdown and HTML go to stdout "
        "without it)",
    )
    p.add_argument(
        "--format",
        choices=["tex", "md", "html"],
        default="tex",
        help="tex: a standalone LaTeX document (default); md: Markdown with $$ math; html: one "
        "self-contained page (KaTeX and an SVG diagram inlined, loads nothing from the network; "
        "click a gradient to see its path)",
    )
    p.add_argument(
        "--pdf", action="store_true", help="also compile it with pdflatex and write the PDF next to the .tex"
    )
    p.add_argument(
        "--png",
        action="store_true",
        help="also write PNG previews of the pages next to the .tex (implies --pdf)",
    )
    p.add_argument("--no-diagram", action="store_true", help="leave out the network diagram")
    p.add_argument(
        "--matrix-only",
        action="store_true",
        help="the delta (matrix) form only, no per-parameter lines (automatic for large networks)",
    )
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    add_point_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from symbolic.errors import SympropError

    from ..writer import check_targets, check_writable, write_files
    from . import spec_from_args

    compile_ = args.pdf or args.png
    if args.format != "tex" and compile_:
        raise SympropError("--pdf and --png need the LaTeX format", f"drop --format {args.format}")
    if args.out is None and (args.format == "tex" or compile_):
        raise SympropError("the LaTeX sheet needs a file name", "pass -o sheet.tex")
    if args.out:
        out = Path(args.out)
        check_targets([out, out.with_suffix(".pdf")] if compile_ else [out], args.force)

    from symbolic.backprop import derive

    from ..sheet import SheetOptions, render_sheet
    from .point import worked_from_args

    d = derive(spec_from_args(args))
    worked = worked_from_args(args, d)
    options = SheetOptions(diagram=not args.no_diagram, matrix_only=args.matrix_only, format=args.format)
    text = render_sheet(d, options, worked, args.digits)
    if not args.out:
        sys.stdout.write(text)
        return 0
    files = {out: text}
    if compile_:
        from ..tex import compile_pdf, png_pages

        compiled = compile_pdf(text, name=out.stem or "sheet")
        files[out.with_suffix(".pdf")] = compiled.pdf
        if args.png:
            for k, png in enumerate(png_pages(compiled.pdf, 1, 10_000), start=1):
                path = out.with_name(f"{out.stem}-{k}.png")
                check_writable(path, args.force)
                files[path] = png
    for path in write_files(files, args.force):
        print(f"wrote {path}", file=sys.stderr)
    return 0
