"""Exercises (`symprop exercise`): a network and a point drawn from a seed, and every answer a
student is asked for, with its chain-rule working, as plain data.

`choose(seed, net, vary)` gives the network's options (from the command line, or drawn when
`vary`), `exercise_point(d, seed)` a point with short decimals a student can work with by hand,
`answers(d, worked, asks)` the asked quantities in the sheet's order. Pure functions: seed in,
data out; codegen/exercise.py turns them into documents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from .derivation import Derivation
from .errors import SympropError
from .worked import RANDOM_ETA, Worked, arrays

ASKS = ("forward", "factors", "gradients", "update")
# what --vary draws from: small nets a student can do by hand, and their activation and loss
VARY_ARCHS = ("2-2-1", "2-2-2", "2-3-1", "3-2-1", "2-3-2", "3-2-2", "1-2-1", "2-1-2")
VARY_NETS = (
    ("sigmoid", None, "half_se"),
    ("tanh", "sigmoid", "half_se"),
    ("relu", "sigmoid", "half_se"),
    ("sigmoid", None, "mse"),
    ("tanh", "identity", "half_se"),
    ("sigmoid", None, "bce"),
)
TRIES = 200  # draws of a point until every ReLU-like unit is clearly on or off


@dataclass(frozen=True)
class Net:
    """A network as its command-line options (what point.toml's [network] table records)."""

    arch: str
    activation: str = "sigmoid"
    output_activation: str | None = None
    loss: str = "half_se"
    naming: str = "layered"
    alpha: float | None = None
    shared_bias: bool = False

    def options(self) -> dict:
        out = {
            "net": self.arch,
            "activation": self.activation,
            "output_activation": self.output_activation,
            "loss": self.loss,
            "naming": self.naming,
            "alpha": self.alpha,
            "shared_bias": self.shared_bias or None,
        }
        return {k: v for k, v in out.items() if v is not None}

    def spec(self):
        from .spec import network

        return network(
            self.arch,
            self.activation,
            self.loss,
            self.output_activation,
            self.naming,
            self.alpha,
            shared_bias=self.shared_bias,
        )


@dataclass(frozen=True)
class Part:
    """One chain-rule factor of an answer's working: the partial d num / d den and its value."""

    num: sp.Basic
    den: sp.Basic
    value: float


@dataclass(frozen=True)
class Answer:
    """One blank of the problem sheet and its answer.

    kind 'value' (a forward value or the loss: `symbol`), 'partial' (a local factor or a
    gradient: `num`, `den`) or 'update' (`symbol` after one step: `before` − η·`gradient`)."""

    section: str  # one of ASKS
    kind: str
    value: float
    symbol: sp.Basic | None = None
    num: sp.Basic | None = None
    den: sp.Basic | None = None
    parts: tuple[Part, ...] = ()  # a gradient's chain-rule factors (their product is `value`)
    before: float = 0.0
    gradient: float = 0.0

    @property
    def key(self) -> str:
        """The answer's code name: z1_1, L, da2_1/dz2_1, dL/dW2_1_1, W2_1_1+."""
        if self.kind == "partial":
            return f"d{_code(self.num)}/d{_code(self.den)}"
        return sp.sstr(self.symbol) + ("+" if self.kind == "update" else "")


def parse_asks(text: str | None) -> tuple[str, ...]:
    """--ask forward,factors,... (default: all), in the sheet's order."""
    if text is None:
        return ASKS
    asks = [a.strip() for a in text.split(",") if a.strip()]
    if not asks:
        raise SympropError(f"--ask {text!r} names nothing", f"use some of {', '.join(ASKS)}")
    for a in asks:
        if a not in ASKS:
            raise SympropError(
                f"--ask: unknown item {a!r}", f"use some of {', '.join(ASKS)}, comma-separated"
            )
    return tuple(a for a in ASKS if a in asks)


def choose(seed: int, net: Net, vary: bool) -> Net:
    """The exercise's network: `net` as given, or with `vary` one drawn from `seed`."""
    if not vary:
        return net
    rng = random.Random(f"symprop exercise net {seed}")
    arch = rng.choice(VARY_ARCHS)
    choices = [c for c in VARY_NETS if c[2] != "bce" or arch.endswith("-1")]
    hidden, out, loss = rng.choice(choices)
    return Net(arch, hidden, out, loss, "layered", shared_bias=net.shared_bias)


def exercise_point(d: Derivation, seed: int) -> dict:
    """symbol -> value: inputs and parameters with one or two decimals in [-1, 1] (never 0),
    targets to fit the loss, η = 0.5; for ReLU-like units, redrawn until every hidden unit's
    pre-activation is at least 0.05 away from the kink and some unit of each layer is on."""
    rng = random.Random(f"symprop exercise point {seed}")
    for _ in range(TRIES):
        point = _draw(d, rng)
        if _clear_of_kinks(d, point):
            return point
    return point


def _draw(d: Derivation, rng: random.Random) -> dict:
    point: dict = {}
    for s in d.inputs + d.params:
        value = 0.0
        while value == 0.0:
            value = round(rng.uniform(-1, 1), rng.choice((1, 2)))
        point[s] = value
    loss = d.spec.loss.name
    targets = list(d.targets)
    if loss == "cce":
        hot = rng.randrange(len(targets))
        point.update({t: float(k == hot) for k, t in enumerate(targets)})
    elif loss == "bce":
        point.update({t: float(rng.randrange(2)) for t in targets})
    else:
        point.update({t: round(rng.uniform(0, 1), 2) for t in targets})
    point[d.eta] = RANDOM_ETA
    return point


def _clear_of_kinks(d: Derivation, point: dict) -> bool:
    from .worked import evaluate_at

    kinked = [layer for layer in d.layers[:-1] if "relu" in d.spec.activations[layer.index - 1].name]
    if not kinked:
        return True
    forward = dict(evaluate_at(d, point).forward)
    for layer in kinked:
        zs = [forward[d.naming.z(layer.index, i)] for i in range(1, layer.size + 1)]
        if any(abs(z) < 0.05 for z in zs) or not any(z > 0 for z in zs):
            return False
    return True


def answers(d: Derivation, w: Worked, asks: tuple[str, ...]) -> list[Answer]:
    """The asked quantities at the worked point, in the sheet's order: forward values and the
    loss; the local chain-rule factors (not ∂z/∂b = 1); every gradient with its factors; every
    parameter after one step."""
    out: list[Answer] = []
    named = _named(d)
    if "forward" in asks:
        out += [Answer("forward", "value", v, symbol=s) for s, v in w.forward]
        out.append(Answer("forward", "value", w.loss, symbol=d.loss_symbol))
    if "factors" in asks:
        biases = {d.naming.b(layer.index, i) for layer in d.layers for i in range(1, layer.size + 1)}
        for eq, v in w.local:
            f = eq.factors[0]
            if f.den not in biases:
                out.append(Answer("factors", "partial", v, num=named(f.num), den=named(f.den)))
    if "gradients" in asks:
        for g in w.gradients:
            fs = g.equation.factors
            parts = tuple(Part(named(f.num), named(f.den), v) for f, v in zip(fs, g.factors))
            parts = parts if len(parts) > 1 else ()
            out.append(
                Answer("gradients", "partial", g.value, num=d.loss_symbol, den=g.equation.param, parts=parts)
            )
    if "update" in asks:
        out += [
            Answer("update", "update", u.after, symbol=u.param, before=u.before, gradient=u.gradient)
            for u in w.updates
        ]
    return out


def _named(d: Derivation):
    """σ(z1_1) -> a1_1: a hidden activation by the name the forward pass gives it."""
    names = {rhs: lhs for lhs, rhs in d.definitions().items() if lhs in _activations(d)}
    return lambda e: names.get(e, e)


def _activations(d: Derivation) -> set:
    return {d.naming.a(layer.index, i) for layer in d.layers for i in range(1, layer.size + 1)}


def _code(expr) -> str:
    """A derivative's name in code names; an activation of z is written as the a it defines."""
    return sp.sstr(expr).replace(" ", "")


def point_layout(d: Derivation) -> dict[str, list]:
    """The point's arrays (x, y, W1, b1, ...), as point.toml writes them."""
    return arrays(d)
