"""`symprop train`: generate the network's NumPy module in process and train it, with a progress bar."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from symbolic.errors import SympropError

EXAMPLE = """example:
  symprop train 2-3-1 --data xor --epochs 2000 --lr 2 --out weights.npz --plot loss.png
  symprop train 2-8-1 -a tanh --loss bce --data moons --optimizer adam --lr 0.05
  symprop train 4-16-3 -a relu --loss cce --data iris.csv --batch-size 32"""


def register(sub, network_options) -> None:
    p = sub.add_parser(
        "train",
        help="train the network on data (built-in or CSV/NPZ)",
        description="Generate the network's NumPy training module in process and "
        "train it. Ctrl-C stops cleanly and keeps the last good weights.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    network_options(p)
    p.add_argument(
        "--data",
        default="xor",
        help="xor, moons, circles (built in, no download) or FILE.csv/FILE.npz "
        "(columns: inputs, then targets) (default: xor)",
    )
    p.add_argument("--epochs", type=int, default=2000)
    p.add_argument("--lr", type=float, default=2.0, help="learning rate η (default 2.0)")
    p.add_argument("--optimizer", choices=["sgd", "momentum", "adam"], default="sgd")
    p.add_argument("--batch-size", type=int, default=0, help="0: full batch (default)")
    p.add_argument("--weight-decay", type=float, default=0.0, help="L2 penalty on weights")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    p.add_argument(
        "--backend",
        choices=TRAINERS,
        default="numpy",
        help="numpy (default) or c: the same module with its C kernel, compiled on first use "
        "(no compiler: the NumPy twin runs, and says so)",
    )
    p.add_argument("--out", "-o", default=None, help="write the trained weights here (.npz)")
    p.add_argument(
        "--plot",
        default=None,
        help="write the loss curve here (.png; needs matplotlib) and its CSV beside it",
    )
    p.add_argument("--force", action="store_true", help="overwrite --out/--plot files")
    p.set_defaults(func=run)


MAX_EPOCHS = 100_000_000
TRAINERS = ("numpy", "c")  # backends whose module has the NumPy module's train/save/loss API


def _check(args) -> None:
    """Every number finite and in range before any work (nan compares false: `not x > 0`)."""
    if not 1 <= args.epochs <= MAX_EPOCHS:
        raise SympropError(
            f"--epochs {args.epochs} is not between 1 and {MAX_EPOCHS:,}",
            "give a number of passes over the data such as 2000",
        )
    if not (math.isfinite(args.lr) and args.lr > 0):
        raise SympropError(
            f"--lr {args.lr!r} is not a positive finite number", "give a learning rate such as 0.5"
        )
    if not (math.isfinite(args.weight_decay) and args.weight_decay >= 0):
        raise SympropError(
            f"--weight-decay {args.weight_decay!r} is not a finite number >= 0",
            "give an L2 penalty such as 1e-4, or 0 for none",
        )
    if args.batch_size < 0:
        raise SympropError(f"--batch-size {args.batch_size} is negative", "0 means full batch")
    if args.seed < 0:
        raise SympropError(f"--seed {args.seed} is negative", "give a seed of 0 or more")


def load_data(module, source: str, spec):
    """(X, Y) from a built-in set or a file, read by the generated module's own reader."""
    from ..datasets import BUILTIN, builtin

    if source in BUILTIN:
        return builtin(source, spec.sizes[0], spec.sizes[-1])
    try:
        return module.read_data(source)
    except ValueError as err:  # the module's UsageError
        raise SympropError(str(err), "see `symprop train --help` for the data format") from None


def run(args) -> int:
    from symbolic.backprop import derive

    from ..datasets import BUILTIN
    from ..lambdify import lambdify
    from ..progress import Progress
    from ..writer import check_targets
    from . import spec_from_args

    _check(args)
    plot_csv = str(Path(args.plot).with_suffix(".csv")) if args.plot else None
    inputs = [] if args.data in BUILTIN else [args.data]
    check_targets(filter(None, (args.out, args.plot, plot_csv)), args.force, inputs)
    spec = spec_from_args(args)
    module = lambdify(derive(spec), dtype=args.dtype, backend=args.backend)
    X, Y = load_data(module, args.data, spec)
    print(
        f"training {spec.describe()} on {args.data} ({len(X)} samples), {args.optimizer} lr={args.lr}"
        + (f", backend {args.backend}" if args.backend != "numpy" else ""),
        file=sys.stderr,
    )
    bar = Progress(args.epochs)
    status, history, params = 0, [], None
    try:
        params, history = module.train(
            X,
            Y,
            args.epochs,
            args.batch_size or None,
            args.lr,
            args.optimizer,
            args.seed,
            args.weight_decay,
            log=bar.update,
            log_every=1,
        )
    except module.Diverged as err:
        bar.close()
        print(f"symprop: {err}", file=sys.stderr)
        params, status = err.params, 1
    except module.Interrupted as err:
        bar.close()
        print(f"symprop: stopped at epoch {err.epoch}; keeping the weights of that epoch", file=sys.stderr)
        params, history, status = err.params, err.history, 130
    if status == 0 and history:
        print(f"final loss {module.loss(params, X, Y):.6g} after {len(history)} epochs")
    return write_outputs(args, module, spec, params, history, inputs, plot_csv) or status


def write_outputs(args, module, spec, params, history, inputs, plot_csv) -> int:
    """The weights first, then the loss history and curve, with Ctrl-C held until all are written.

    Returns 130 if Ctrl-C was pressed meanwhile, else 0.
    """
    import io

    from ..plot import history_csv, loss_curve_png
    from ..writer import holding_interrupts, write_files

    written = []
    with holding_interrupts() as held:
        if args.out and params is not None:
            weights = io.BytesIO()
            module.save(params, weights)  # the module's own .npz format, read by its load()
            written += write_files({args.out: weights.getvalue()}, args.force, inputs)
        if args.plot and history:
            files = {plot_csv: history_csv(history)}
            try:
                files[args.plot] = loss_curve_png(history, f"symprop train {spec.describe()}")
            except SympropError as err:
                print(f"symprop: note: {err}", file=sys.stderr)
            written += write_files(files, args.force, inputs)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    if held:
        print("symprop: interrupted; every output was written first", file=sys.stderr)
        return 130
    return 0
