"""The loss curve as PNG bytes (matplotlib, an optional extra) or as CSV text (always)."""

from __future__ import annotations

import io

from symbolic.errors import SympropError

INSTALL_HINT = "pip install 'symprop[plot]' (or pip install matplotlib)"


def history_csv(history) -> str:
    return "epoch,loss\n" + "".join(f"{k},{v!r}\n" for k, v in enumerate(history, start=1))


def loss_curve_png(history, title: str) -> bytes:
    """A log-scale loss curve; SympropError naming the install command when matplotlib is absent."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.figure import Figure
    except ImportError:
        raise SympropError(
            "matplotlib is not installed, so no loss-curve PNG",
            f"{INSTALL_HINT}; the loss history is in the CSV",
        ) from None
    fig = Figure(figsize=(6, 3.6), dpi=110)
    ax = fig.add_subplot()
    ax.plot(range(1, len(history) + 1), history, color="#1f5fa8", linewidth=1.6)
    positive = all(v > 0 for v in history)
    if positive:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (batch mean)" + (", log scale" if positive else ""))
    ax.set_title(title, fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
