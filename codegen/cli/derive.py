"""`symprop derive`: print the derivation (Unicode) or write it as JSON."""

from __future__ import annotations

import argparse
import sys

from .point import add_point_options

EXAMPLE = """example:
  symprop derive 2-3-1 --activation sigmoid --loss half_se --naming seed
  symprop derive 3-4-4-2 --activation tanh --loss cce --json > net.json
  symprop derive 2-2-2 --at point.toml --only worked   (point.toml: eta, x, y, W1, b1, W2, b2)"""


def register(sub, network_options) -> None:
    p = sub.add_parser(
        "derive",
        help="print the exact chain-rule derivation",
        description="Print every forward step, local factor, delta and gradient.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    network_options(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--only",
        default=None,
        help="comma-separated sections to show: forward, forward_matrix, loss, rule, local, "
        "delta, gradient, delta_matrix, gradient_matrix, update, update_matrix, worked",
    )
    add_point_options(p)
    p.add_argument("--out", "-o", default=None, help="write to this file instead of stdout")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    p.set_defaults(func=run)


def only_kinds(text: str | None) -> tuple[str, ...] | None:
    """--only's section names, each checked against the derivation's sections."""
    from symbolic.errors import SympropError

    from ..terminal import SECTIONS

    if text is None:
        return None
    names = [k for k, _ in SECTIONS]
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    if not kinds:
        raise SympropError(f"--only {text!r} names no section", f"use some of {', '.join(names)}")
    for kind in kinds:
        if kind not in names:
            raise SympropError(
                f"--only: unknown section {kind!r}", f"use some of {', '.join(names)}, comma-separated"
            )
    return kinds


def run(args) -> int:
    from symbolic.backprop import derive
    from symbolic.errors import SympropError

    from ..terminal import render_text, to_json
    from ..writer import check_writable, write_file
    from . import spec_from_args
    from .point import worked_from_args

    kinds = only_kinds(args.only)
    if args.out:
        check_writable(args.out, args.force)
    if kinds and "worked" in kinds and args.at is None:
        raise SympropError("--only worked needs a point", "add --at POINT.toml or --at random")
    d = derive(spec_from_args(args))
    worked = worked_from_args(args, d)
    text = to_json(d, worked) if args.json else render_text(d, kinds, worked, args.digits)
    if args.out:
        print(f"wrote {write_file(args.out, text, args.force)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
