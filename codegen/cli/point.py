"""`--at POINT.toml | random`, `--seed`, `--digits`: the worked-numbers options of derive and sheet."""

from __future__ import annotations

from .inputs import read_text


def add_point_options(p) -> None:
    p.add_argument(
        "--at",
        default=None,
        metavar="POINT",
        help="evaluate the derivation at one example: a TOML file (eta, x, y, W1, b1, ... as the "
        "generated module names them, W of shape (out, in)) or 'random' (drawn from --seed)",
    )
    p.add_argument("--seed", type=int, default=0, help="seed of --at random (default 0)")
    p.add_argument(
        "--digits", type=int, default=6, help="significant digits of the worked numbers (default 6)"
    )


def worked_from_args(args, d):
    """The Worked of `--at`, or None without it; bad options and points raise SympropError."""
    from symbolic.errors import SympropError
    from symbolic.worked import evaluate_at, random_point_for, read_point

    if args.at is None:
        return None
    if not 1 <= args.digits <= 17:
        raise SympropError(f"--digits {args.digits} is out of range", "give 1 to 17")
    if args.at == "random":
        return evaluate_at(d, random_point_for(d, args.seed))
    text = _read(args.at)
    try:
        point = read_point(text, d)
    except SympropError as err:
        raise SympropError(f"{args.at}: {err.problem.removeprefix('point: ')}", err.fix) from None
    return evaluate_at(d, point)


def _read(path: str) -> str:
    return read_text(path, "--at: ", "give a POINT.toml file, or --at random", "give a point of one example")
