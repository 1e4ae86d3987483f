"""`symprop` command line: one command, one module per subcommand (codegen/cli/<name>.py).

Each subcommand module has `register(subparsers, common)` adding its parser (with `func=run`)
and `run(args) -> int`. Exit codes: 0 ok, 1 a failed verification or diverged training,
2 unusable input (a one-line `symprop: error: ...` on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from symbolic.activations import TABLE
from symbolic.errors import SympropError

from .. import __version__
from .inputs import shortened

SUBCOMMANDS = ["derive", "sheet", "generate", "verify", "train", "exercise"]  # each is codegen/cli/<name>.py


def network_options(parser: argparse.ArgumentParser, arch_optional: bool = False) -> None:
    """The options every network-taking subcommand spells the same way."""
    if arch_optional:
        parser.add_argument("arch", nargs="?", default=None, help="layer widths, input first: e.g. 2-3-1")
    else:
        parser.add_argument("arch", help="layer widths, input first: e.g. 2-3-1")
    parser.add_argument(
        "--activation",
        "-a",
        default="sigmoid",
        help=", ".join(TABLE) + ", or a "
        "formula in z such as 'z/(1+exp(-z))'; one for all layers or a "
        "comma-separated list, one per layer (default: sigmoid)",
    )
    parser.add_argument(
        "--output-activation",
        default=None,
        help="activation of the output layer (default: as --activation, or what "
        "the loss needs: sigmoid for bce, softmax for cce)",
    )
    parser.add_argument(
        "--loss",
        "-l",
        default="half_se",
        help="half_se (1/2 (out-y)^2), mse, bce, cce, or a formula in out and y (default: half_se)",
    )
    parser.add_argument(
        "--naming",
        default="layered",
        choices=["layered", "seed"],
        help="symbol names: layered (W^(l)_ij) or seed (w11, w_a, b4; one hidden "
        "layer, one output) (default: layered)",
    )
    parser.add_argument("--alpha", type=float, default=None, help="leaky_relu slope (default 0.01)")
    parser.add_argument(
        "--shared-bias",
        action="store_true",
        default=False,
        help="one bias per layer, shared by all its units (b^(l); as in many textbook examples) "
        "instead of one per unit",
    )


def spec_from_args(args):
    from symbolic.spec import mismatch_warnings, network

    spec = network(
        args.arch,
        args.activation,
        args.loss,
        args.output_activation,
        args.naming,
        args.alpha,
        shared_bias=getattr(args, "shared_bias", False),
    )
    for warning in mismatch_warnings(spec):
        print(f"symprop: warning: {warning}", file=sys.stderr)
    return spec


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(2, f"symprop: error: {message}; see `{self.prog} --help`\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="symprop",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Backpropagation, derived exactly: the chain rule of a dense network as a "
        "derivation, a LaTeX sheet, a NumPy training module, and a verdict on "
        "hand-derived gradients.",
        epilog="exit codes: 0 ok, 1 a failed verification or diverged training, 2 unusable input,\n"
        "            3 verify found nothing wrong but could not prove every statement,\n"
        "            4 verify found nothing wrong but could not check every statement\n"
        "start with:  symprop derive 2-3-1 --naming seed   (then: symprop COMMAND --help)",
    )
    parser.add_argument("--version", action="version", version=f"symprop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in SUBCOMMANDS:
        importlib.import_module(f"codegen.cli.{name}").register(sub, network_options)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SympropError as err:
        print(f"symprop: error: {shortened(str(err))}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("symprop: interrupted", file=sys.stderr)
        return 130
    except OSError as err:  # a file that went away, a full disk: not a bug, still one line
        name = f" {err.filename}" if err.filename else ""
        print(
            f"symprop: error: cannot use{name}: {err.strerror or err}; check the path, its "
            "permissions and the free space",
            file=sys.stderr,
        )
        return 2
    except Exception as err:  # noqa: BLE001 - the last resort: a bug, never a traceback or exit 1
        where = _innermost(err.__traceback__)
        reason = (str(err).splitlines() or [""])[0][:200]
        print(
            f"symprop: error: internal error: {type(err).__name__}: {reason} (at {where}); "
            "please report it with the command line",
            file=sys.stderr,
        )
        return 2


def _innermost(tb) -> str:
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return "?"
    code = tb.tb_frame.f_code
    return f"{code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno} in {code.co_name}"
