"""A dependency-free progress bar for training: one redrawn line on a terminal, a few lines in a log."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, stream=None, width: int = 30, lines: int = 10):
        self.total, self.width = total, width
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.every = max(1, total // lines)
        self.start = time.perf_counter()
        self.last_draw = 0.0

    def update(self, epoch: int, loss: float) -> None:
        now = time.perf_counter()
        if self.tty:
            if now - self.last_draw < 0.05 and epoch != self.total:
                return
            self.last_draw = now
            done = int(self.width * epoch / self.total)
            bar = "█" * done + "·" * (self.width - done)
            self.stream.write(
                f"\r  epoch {epoch:>{len(str(self.total))}}/{self.total} {bar} "
                f"loss {loss:.6g}  {now - self.start:5.1f}s"
            )
            if epoch == self.total:
                self.stream.write("\n")
        elif epoch % self.every == 0 or epoch == self.total:
            self.stream.write(f"  epoch {epoch:>{len(str(self.total))}}/{self.total}  loss {loss:.6g}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
