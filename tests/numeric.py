"""Central differences of a generated module's own loss: the independent route for its gradients."""

from __future__ import annotations

import numpy as np


def central_differences(m, params, X, Y, h: float = 1e-6) -> np.ndarray:
    """d loss / d theta_i for each entry of the flat parameter vector (in the module's order),
    by (loss(theta + h e_i) - loss(theta - h e_i)) / 2h; `params` is restored."""
    theta = m._flat(params)[0]
    out = np.empty(theta.size)
    for i in range(theta.size):
        old = theta[i]
        theta[i] = old + h
        up = m.loss(params, X, Y)
        theta[i] = old - h
        down = m.loss(params, X, Y)
        theta[i] = old
        out[i] = (up - down) / (2 * h)
    return out
