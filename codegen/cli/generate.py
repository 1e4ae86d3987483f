"""`symprop generate`: write a standalone NumPy training module for a network."""

from __future__ import annotations

import argparse
import shlex
import sys

from ..backends import BACKENDS, backend

EXAMPLE = """example:
  symprop generate 2-3-1 --activation sigmoid --loss half_se -o train_net.py
  python train_net.py --data xor --epochs 2000 --lr 0.5 --out weights.npz
  symprop generate 784-128-10 -a relu --loss cce --dtype float32 -o mnist.py
  symprop generate 784-128-10 -a relu --loss cce --backend torch -o mnist_torch.py"""


def register(sub, network_options) -> None:
    p = sub.add_parser(
        "generate",
        help="write a NumPy-only training module",
        description="Write one Python file that imports only NumPy and trains "
        "the network: init_params, forward, loss, gradients, step, "
        "train, predict, save/load and a command line.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    network_options(p)
    p.add_argument("--out", "-o", required=True, help="the module to write (e.g. train_net.py)")
    p.add_argument(
        "--style",
        choices=["auto", "elementwise", "matrix"],
        default="auto",
        help="elementwise: one line per unit (narrow layers); matrix: matmuls "
        "(wide layers); auto picks per network (default)",
    )
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    p.add_argument(
        "--backend",
        default="numpy",
        metavar="NAME",
        help="what the module computes with: "
        + "; ".join(f"{b.name}: {b.help}" for b in BACKENDS.values())
        + " (default: numpy)",
    )
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    p.set_defaults(func=run)


def command_line(args) -> str:
    """The command that reproduces this module (recorded in its docstring)."""
    parts = ["symprop", "generate", args.arch, "--activation", args.activation, "--loss", args.loss]
    for flag, value in (
        ("--output-activation", args.output_activation),
        ("--naming", None if args.naming == "layered" else args.naming),
        ("--alpha", args.alpha),
        ("--style", None if args.style == "auto" else args.style),
        ("--dtype", None if args.dtype == "float64" else args.dtype),
        ("--backend", None if args.backend == "numpy" else args.backend),
    ):
        if value is not None:
            parts += [flag, str(value)]
    if getattr(args, "shared_bias", False):
        parts.append("--shared-bias")
    return shlex.join(parts)


def run(args) -> int:
    from symbolic.backprop import derive

    from ..writer import check_writable, write_file
    from . import spec_from_args

    row = backend(args.backend)
    check_writable(args.out, args.force)
    d = derive(spec_from_args(args))
    path = write_file(args.out, row.render(d, args.style, args.dtype, command_line(args)), args.force)
    print(f"wrote {path}", file=sys.stderr)
    return 0
