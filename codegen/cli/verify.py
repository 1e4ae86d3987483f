"""`symprop verify`: check a hand derivation and name the wrong factor. Exit 0 / 1 / 2 / 3 / 4."""

from __future__ import annotations

import argparse
import json
import math
import sys

from .inputs import read_text, shortened

EXAMPLE = r"""input formats (by extension; --format to override):
  .tex   LaTeX as written by hand: \frac{\partial L}{\partial w_{11}} = [..] \cdot [..], '//' for
         'same factor as the line above'; aliases as '% symprop: alias W_{11} = w_a'
  .txt   one statement a line: dL/dw11 = (out - y) * out*(1 - out) * w_a * ... ; 'alias W11 = w_a'
  .toml  [network] net/activation/loss/naming, [aliases], [derivatives] "dL/dw11" = "..."

numbers: a side written with decimals (= 0.74136507 * 0.186815602) is a claim at one point;
  with --at POINT.toml it is checked there (half a unit in each number's last digit), without it
  it is "not checked", never judged at random points

verdicts: correct (exact) = proved; correct (equal at N discriminating points) = the points could
  have told (true value non-zero and varying, every ReLU-like unit both on and off);
  not proved = equal, but no proof and no telling point found: never reported as correct

every statement gets a verdict or a "not checked" line (line:col and why: unreadable, unknown
  name, a definition, ...); one bad line never stops the others

exit codes: 0 every statement correct, 1 some statement wrong, 2 unusable input (nothing at all
            could be checked), 3 none wrong, all checked, but some not proved,
            4 none wrong but some statement not checked

examples:
  symprop verify examples/seed_derivation.tex --net 2-3-1 --naming seed
  symprop verify ex7/answers_template.tex --at ex7/point.toml   (a filled-in symprop exercise)
  symprop verify mine.txt --net 2-3-3-1 --activation tanh --loss mse --json"""


def register(sub, network_options) -> None:
    p = sub.add_parser(
        "verify",
        help="check hand-derived gradients, naming the wrong factor",
        description="Check each derivative in a hand derivation against the exact "
        "chain rule: one line per statement, the factor at fault, what "
        "it should be and a numeric witness.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", help="the derivation: .tex, .txt or .toml")
    p.add_argument(
        "--net",
        "--arch",
        dest="arch",
        default=None,
        help="layer widths, input first: e.g. 2-3-1 (or [network] net in a .toml)",
    )
    # the shared network option names and defaults (cli.network_options takes arch positionally)
    p.add_argument(
        "--activation",
        "-a",
        default=None,
        help="hidden (or every) layer activation, as for derive (default: sigmoid)",
    )
    p.add_argument("--output-activation", default=None, help="output layer activation")
    p.add_argument(
        "--loss", "-l", default=None, help="half_se, mse, bce, cce or a formula (default: half_se)"
    )
    p.add_argument(
        "--naming",
        default=None,
        choices=["layered", "seed"],
        help="symbol names: layered (default) or seed (w11, w_a, b4, z_o, out)",
    )
    p.add_argument("--alpha", type=float, default=None, help="leaky_relu slope")
    p.add_argument(
        "--weights",
        default=None,
        choices=["output-by-input", "input-by-output"],
        help="how the document indexes a weight: w_{ji} into unit j (default) or w_{ij} from unit i to "
        "unit j (Wikipedia); a weight on x_0 = 1 (w_{j0}) is always the bias",
    )
    p.add_argument(
        "--targets",
        default=None,
        choices=["y", "t", "d", "r", "hat"],
        help="the letter of the targets: y (default), or t with y the network's output (Bishop), "
        "or d, the desired response (Haykin, Rumelhart), or hat: \\hat{y} the target and y the "
        "output (notes that differentiate y by the network)",
    )
    p.add_argument(
        "--delta",
        default=None,
        choices=["plus", "minus"],
        help="the sign of the document's δ when it does not say: plus, δ = ∂E/∂net (Bishop, "
        "Nielsen), or minus, δ = -∂E/∂net (Mitchell, Haykin, Russell & Norvig); a document that "
        "defines δ or updates w <- w + η δ x says it itself. Unsaid and not given, a δ read by its "
        "name alone is 'not checked'",
    )
    p.add_argument(
        "--weight-layers",
        default=None,
        choices=["into", "out-of"],
        help="which layer a weight matrix's superscript names: into, W^l feeds layer l (Nielsen, "
        "Wikipedia, Goodfellow), or out-of, W^{(l)} leaves layer l (UFLDL, Ng's Θ); without it, read "
        "from what the document multiplies its weights with",
    )
    p.add_argument(
        "--shared-bias",
        action="store_const",
        const=True,
        default=None,
        help="one bias per layer, shared by its units (b_1, b_2 as in Mazur's example; or "
        "shared_bias = true in a .toml's [network])",
    )
    p.add_argument(
        "--no-bias",
        dest="bias",
        action="store_const",
        const=False,
        default=None,
        help="the document's network has no biases (z = W x): read as symprop's with every bias 0 "
        "(or bias = false in a .toml's [network]); without it, read so when no line names a bias",
    )
    p.add_argument(
        "--format",
        choices=["tex", "txt", "toml"],
        default=None,
        help="input format (default: from the file extension)",
    )
    p.add_argument("--points", type=int, default=20, help="random test points (default 20)")
    p.add_argument("--seed", type=int, default=0, help="random seed of the test points")
    p.add_argument(
        "--at",
        metavar="POINT.toml",
        default=None,
        help="the point a worked example computed its numbers at: a TOML table of "
        "name = value in the document's names (inputs, weights, biases, targets), or the "
        "arrays derive --at reads (eta, x, y, W1, b1, ...; symprop exercise's point.toml, whose "
        "[network] table gives the network); without it numeric claims are 'not checked'",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


DEFAULTS = {
    "activation": "sigmoid",
    "output_activation": None,
    "loss": "half_se",
    "naming": "layered",
    "alpha": None,
    "weights": None,
    "targets": None,
    "delta": None,
    "weight_layers": None,
    "shared_bias": False,
    "bias": None,
}


def run(args) -> int:
    from symbolic.backprop import derive
    from symbolic.errors import SympropError
    from symbolic.spec import network
    from symbolic.verify import verify_statements
    from symbolic.verify.read import format_of, read
    from symbolic.verify.unknown import unknown_summary

    from ..verdict import render_text
    from ..verdict_json import to_json

    d = None
    try:
        text = _read_file(args.file)
        doc = read(text, args.format or format_of(args.file))
        at = _point_file(args.at) if args.at else None
        from_point = at[1].get("network", {}) if at and at[2] else {}
        options = _network_options(args, {**from_point, **doc.network})
        if args.points < 1 or args.points > 1000:
            raise SympropError(f"--points {args.points}", "use between 1 and 1000 points")
        if args.seed < 0:
            raise SympropError(f"--seed {args.seed} is negative", "give a seed of 0 or more")
        d = derive(
            network(
                options["arch"],
                options["activation"],
                options["loss"],
                options["output_activation"],
                options["naming"],
                options["alpha"],
                shared_bias=options["shared_bias"],
            )
        )
        point = None
        if at and at[2]:  # symprop exercise's point.toml: the module's arrays
            from symbolic.worked import read_point

            try:
                point = read_point(at[0], d)
            except SympropError as err:
                raise SympropError(
                    f"--at {args.at}: {err.problem.removeprefix('point: ')}", err.fix
                ) from None
        elif at:
            point = _read_point(args.at, at[1])
        report = verify_statements(
            d,
            doc.statements,
            doc.aliases,
            points=args.points,
            seed=args.seed,
            source=text,
            unread=doc.unread,
            point=point,
            conventions={k: options[k] for k in ("weights", "targets", "delta", "weight_layers", "bias")},
        )
        _refuse_wrong_network(report, d.spec)
    except SympropError as err:
        problems, fix = getattr(err, "problems", None) or [err.problem], err.fix
        folded = d is not None and unknown_summary(problems, d.spec)
        if folded:  # many unknown names: one line with the --net / --naming they imply
            problems, fix = folded
        for problem in problems:
            print(
                shortened(
                    f"symprop: error: {args.file}: {problem}"
                    + (f"; {fix}" if fix and len(problems) == 1 else "")
                ),
                file=sys.stderr,
            )
        if args.json:
            sys.stdout.write(
                json.dumps(
                    {"file": args.file, "ok": False, "exit_code": 2, "errors": problems, "fix": fix},
                    ensure_ascii=False,
                )
                + "\n"
            )
        return 2
    out = to_json(report, args.file) if args.json else render_text(report, args.file)
    sys.stdout.write(out)
    return report.exit_code


def _point_file(path: str) -> tuple[str, dict, bool]:
    """--at POINT.toml: its text, its TOML data, and whether it is an array point (symprop
    exercise's point.toml, or derive --at's format) rather than one name = number a line."""
    import tomllib

    from symbolic.errors import SympropError
    from symbolic.worked import is_array_point

    text = _read_file(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SympropError(f"{path}: TOML: {err}", "write one name = number a line") from None
    except ValueError:  # an integer of more than 4300 digits (Python's limit on int())
        raise SympropError(f"{path}: a number with too many digits", "use a shorter number") from None
    return text, data, is_array_point(data)


def _read_point(path: str, data: dict) -> dict:
    """--at POINT.toml: name = number, names in LaTeX as the document writes them."""
    from symbolic.errors import SympropError
    from symbolic.verify.read import _tex

    point = {}
    for n, (key, value) in enumerate(data.items(), start=1):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SympropError(f"{path}: {key} must be a number", f'write "{key}" = 0.15')
        if not math.isfinite(value):  # nan, inf, 1e400: no point to evaluate at
            raise SympropError(f"{path}: {key} = {value} is not a finite number", f'write "{key}" = 0.15')
        point[_tex(key, n)] = value
    return point


def _refuse_wrong_network(report, spec) -> None:
    """Most statements use names that fit another --net or --naming: the network given is the
    wrong one, and the few statements it can read are not worth a verdict (unusable input, exit 2)."""
    from symbolic.verify import VerifyInputError
    from symbolic.verify.unknown import unknown_summary

    problems = [f"{u.problem()}; {u.fix}" if u.fix else u.problem() for u in report.unchecked]
    folded = unknown_summary(problems, spec)
    unknown = sum("unknown name" in u.reason for u in report.unchecked)
    if folded and folded[1].startswith("these names fit") and unknown > len(report.verdicts):
        raise VerifyInputError(problems)


def _read_file(path: str) -> str:
    return read_text(path, "", "give the path of a .tex, .txt or .toml file", "split it into smaller files")


def _network_options(args, from_file: dict) -> dict:
    """Command-line options first, then the file's [network] table, then the defaults."""
    from symbolic.errors import SympropError

    file_opts = dict(from_file)
    if "net" in file_opts:
        file_opts["arch"] = file_opts.pop("net")
    out = {}
    for key in ("arch", *DEFAULTS):
        value = getattr(args, key)
        out[key] = value if value is not None else file_opts.get(key, DEFAULTS.get(key))
    if not out["arch"]:
        raise SympropError("no network given", "pass --net 2-3-1 (layer widths, input first)")
    strings = ("arch", "activation", "loss", "naming", "output_activation", "weights", "targets", "delta")
    for key in (*strings, "weight_layers"):
        if out[key] is not None and not isinstance(out[key], str):
            shown = "net" if key == "arch" and "net" in from_file else key
            raise SympropError(f"[network] {shown} must be a string", f'write {shown} = "..."')
    if isinstance(out["alpha"], bool) or not isinstance(out["alpha"], (int, float, type(None))):
        raise SympropError("[network] alpha must be a number", "write alpha = 0.01")
    if not isinstance(out["bias"], (bool, type(None))):
        raise SympropError("[network] bias must be true or false", "write bias = false")
    if not isinstance(out["shared_bias"], bool):
        raise SympropError("[network] shared_bias must be true or false", "write shared_bias = true")
    return out
