# ruff: noqa  (a probe generator: LaTeX lines written as they print)
"""Forward and backward pass of a small dense net, to write the probes' numbers (not part of symprop)."""

import math


def act(name, z):
    if name == "sigmoid":
        return 1 / (1 + math.exp(-z))
    if name == "tanh":
        return math.tanh(z)
    if name == "relu":
        return max(0.0, z)
    if name == "linear":
        return z
    raise ValueError(name)


def dact(name, z):
    a = act(name, z)
    if name == "sigmoid":
        return a * (1 - a)
    if name == "tanh":
        return 1 - a * a
    if name == "relu":
        return 1.0 if z > 0 else 0.0
    if name == "linear":
        return 1.0
    raise ValueError(name)


def run(x, Ws, bs, y, acts, loss):
    """Ws[l][j][i] weight into unit j of layer l+1 from unit i; returns dict of everything."""
    a = [list(x)]
    zs = []
    for W, b, f in zip(Ws, bs, acts):
        z = [sum(W[j][i] * a[-1][i] for i in range(len(a[-1]))) + b[j] for j in range(len(W))]
        zs.append(z)
        a.append([act(f, v) for v in z])
    out = a[-1]
    n = len(out)
    if loss == "half_se":
        L = sum(0.5 * (o - t) ** 2 for o, t in zip(out, y))
        dLda = [o - t for o, t in zip(out, y)]
    elif loss == "se":
        L = sum((o - t) ** 2 for o, t in zip(out, y))
        dLda = [2 * (o - t) for o, t in zip(out, y)]
    elif loss == "mse":
        L = sum((o - t) ** 2 for o, t in zip(out, y)) / n
        dLda = [2 * (o - t) / n for o, t in zip(out, y)]
    elif loss == "bce":
        L = -sum(t * math.log(o) + (1 - t) * math.log(1 - o) for o, t in zip(out, y))
        dLda = [-(t / o) + (1 - t) / (1 - o) for o, t in zip(out, y)]
    deltas = [None] * len(Ws)
    g = dLda
    for l in reversed(range(len(Ws))):
        d = [g[j] * dact(acts[l], zs[l][j]) for j in range(len(g))]
        deltas[l] = d
        g = [sum(Ws[l][j][i] * d[j] for j in range(len(d))) for i in range(len(a[l]))]
    gW = [
        [[deltas[l][j] * a[l][i] for i in range(len(a[l]))] for j in range(len(Ws[l]))]
        for l in range(len(Ws))
    ]
    return dict(z=zs, a=a, L=L, dLda=dLda, delta=deltas, gW=gW, gb=deltas)


def show(r):
    for k, v in r.items():
        print(k, "=", v)
