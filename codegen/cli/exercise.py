"""`symprop exercise`: a problem sheet and its answer key at a point drawn from a seed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXAMPLE = """example:
  symprop exercise 2-2-1 --seed 7 -o ex7
  symprop exercise 2-3-1 --naming seed --seed 3 --ask gradients,update -o ex3
  symprop exercise --vary --seed 12 -o ex12       (network, activation and loss drawn too)
then:
  symprop verify ex7/answers_template.tex --at ex7/point.toml   (after filling it in)

DIR gets problem.tex/.pdf/.html (network, diagram, the point, blanks), answers.tex/.pdf/.html
(every answer with its chain-rule working), answers_template.tex (one line per blank, to fill
in), answers.toml (every answer, machine-readable) and point.toml (the point and the network,
for --at)."""

SOURCE_DATE = 1_700_000_000  # the PDFs' dates: the same seed gives the same bytes


def register(sub, network_options) -> None:
    p = sub.add_parser(
        "exercise",
        help="write a problem sheet and its answer key at a point drawn from a seed",
        description="Draw a point (and with --vary a network) from --seed and write a problem "
        "sheet with blanks, its answer key with the chain-rule working, a fill-in template and "
        "the answers as TOML; `symprop verify FILLED --at DIR/point.toml` checks a student's answers.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    network_options(p, arch_optional=True)
    p.add_argument("--seed", type=int, required=True, help="the exercise's seed (same seed, same files)")
    p.add_argument(
        "--ask",
        default=None,
        help="comma-separated: forward, factors, gradients, update (default: all four)",
    )
    p.add_argument(
        "--vary", action="store_true", help="draw the architecture, activations and loss from --seed too"
    )
    p.add_argument("--out", "-o", required=True, metavar="DIR", help="the directory to write into")
    p.add_argument(
        "--force", action="store_true", help="write into DIR even if it has files (replacing ours)"
    )
    p.add_argument("--no-pdf", action="store_true", help="leave out the PDFs (no pdflatex needed)")
    p.set_defaults(func=run)


FILES = ("problem.tex", "answers.tex", "answers_template.tex", "answers.toml", "point.toml")


def run(args) -> int:
    from symbolic.backprop import derive
    from symbolic.errors import SympropError
    from symbolic.exercise import Net, answers, choose, exercise_point, parse_asks
    from symbolic.worked import evaluate_at

    from .. import exercise as ex
    from .. import exercise_html
    from ..writer import check_targets, check_writable, write_files

    asks = parse_asks(args.ask)
    if args.seed < 0:
        raise SympropError(f"--seed {args.seed} is negative", "give a seed of 0 or more")
    if args.arch is None and not args.vary:
        raise SympropError("no network given", "give layer widths such as 2-2-1, or --vary to draw one")
    if args.arch is not None and args.vary:
        raise SympropError(f"--vary draws the network, and {args.arch} was given too", "drop one of them")
    out = Path(args.out)
    _check_dir(out, args.force)
    html = exercise_html.available()  # the HTML renderer (codegen.html), when this symprop has it
    names = [
        *FILES,
        *(() if args.no_pdf else ("problem.pdf", "answers.pdf")),
        *(("problem.html", "answers.html") if html else ()),
    ]
    if out.is_dir():
        check_targets([out / n for n in names], args.force)
    else:
        check_writable(out)  # its folder exists, the name is usable

    net = choose(args.seed, _net(args, Net), args.vary)
    d = derive(net.spec())
    if not d.scalar or d.spec.n_params > 60:
        raise SympropError(
            f"an exercise on {d.spec.arch} would have {d.spec.n_params} parameters to work by hand",
            "choose a network with at most 60 parameters, e.g. 2-3-1",
        )
    point = exercise_point(d, args.seed)
    worked = evaluate_at(d, point)
    found = answers(d, worked, asks)
    context = ex.exercise_context(d, net, args.seed, asks, found, worked)
    files: dict[Path, str | bytes] = {
        out / "problem.tex": ex.render_tex(context, "problem"),
        out / "answers.tex": ex.render_tex(context, "answers"),
        out / "answers_template.tex": ex.template_tex(context),
        out / "answers.toml": ex.answers_toml(context, net, found, worked),
        out / "point.toml": ex.point_toml_text(d, point, net, args.seed),
    }
    if html:
        for which in ("problem", "answers"):
            files[out / f"{which}.html"] = exercise_html.exercise_html(d, context, which)
    if not args.no_pdf:
        from ..tex import compile_pdf

        for which in ("problem", "answers"):
            tex = files[out / f"{which}.tex"]
            assert isinstance(tex, str)
            files[out / f"{which}.pdf"] = compile_pdf(tex, name=which, source_date=SOURCE_DATE).pdf
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    try:
        written = write_files(files, args.force)
    except BaseException:
        if created:
            _remove_if_empty(out)
        raise
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    print(f"exercise {args.seed}: {d.spec.describe()}, {len(found)} answers", file=sys.stderr)
    return 0


def _net(args, Net):
    return Net(
        args.arch or "2-2-1",
        args.activation,
        args.output_activation,
        args.loss,
        args.naming,
        args.alpha,
        getattr(args, "shared_bias", False),
    )


def _check_dir(out: Path, force: bool) -> None:
    from symbolic.errors import SympropError

    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SympropError(f"{out} exists and is not a directory", "give a new or empty directory with -o")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise SympropError(f"{out} is not empty", "give a new or empty directory, or add --force")


def _remove_if_empty(out: Path) -> None:
    try:
        out.rmdir()
    except OSError:
        pass
