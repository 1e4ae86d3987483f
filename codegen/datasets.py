"""Built-in training data, made deterministically (no download ever): xor, moons, circles.

Each returns (X, Y) float64 arrays with rows = samples; Y has one column (a 0/1 label), or one
column per class when `n_outputs` > 1 (one-hot).
"""

from __future__ import annotations

import numpy as np

from symbolic.errors import SympropError


def xor(n_outputs: int = 1):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, _labels(np.array([0, 1, 1, 0]), n_outputs)


def moons(n_outputs: int = 1, n: int = 200, noise: float = 0.1, seed: int = 0):
    rng = np.random.default_rng(seed)
    half = n // 2
    t_out, t_in = np.linspace(0, np.pi, half), np.linspace(0, np.pi, n - half)
    X = np.vstack([np.c_[np.cos(t_out), np.sin(t_out)], np.c_[1 - np.cos(t_in), 0.5 - np.sin(t_in)]])
    X += rng.normal(scale=noise, size=X.shape)
    return X, _labels(np.r_[np.zeros(half, int), np.ones(n - half, int)], n_outputs)


def circles(n_outputs: int = 1, n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0):
    rng = np.random.default_rng(seed)
    half = n // 2
    t_out = np.linspace(0, 2 * np.pi, half, endpoint=False)
    t_in = np.linspace(0, 2 * np.pi, n - half, endpoint=False)
    X = np.vstack([np.c_[np.cos(t_out), np.sin(t_out)], factor * np.c_[np.cos(t_in), np.sin(t_in)]])
    X += rng.normal(scale=noise, size=X.shape)
    return X, _labels(np.r_[np.zeros(half, int), np.ones(n - half, int)], n_outputs)


BUILTIN = {"xor": xor, "moons": moons, "circles": circles}


def builtin(name: str, n_inputs: int, n_outputs: int):
    """A built-in data set shaped for a net with these input and output widths."""
    if name not in BUILTIN:
        raise SympropError(
            f"unknown data set {name!r}", f"use one of {', '.join(BUILTIN)} or a .csv/.npz file"
        )
    if n_inputs != 2:
        raise SympropError(
            f"data set {name} has 2 inputs, the network has {n_inputs}",
            "use a network with 2 inputs (e.g. 2-3-1) or your own .csv/.npz",
        )
    if n_outputs > 2:
        raise SympropError(
            f"data set {name} has 2 classes, the network has {n_outputs} outputs",
            "use 1 output (sigmoid) or 2 (softmax)",
        )
    return BUILTIN[name](n_outputs)


def _labels(classes: np.ndarray, n_outputs: int) -> np.ndarray:
    if n_outputs == 1:
        return classes.astype(np.float64)[:, None]
    return np.eye(n_outputs)[classes]
