"""Worked numbers: the Derivation's own equations evaluated at one example (`--at POINT.toml`).

`read_point(text, d)` reads a point (TOML, the generated module's array names: eta, x, y, W1, b1,
..., W of shape (out, in); with the seed naming also its scalar names w11, w_a, b4, x1, y_T) into
symbol -> value. `random_point_for(d, seed)` draws one. `evaluate_at(d, point)` substitutes the point
into the forward, loss, local-factor, delta and gradient equations of `d` (in mpmath, 30 digits,
through the verifier's tree walker; no generated code runs) and returns a `Worked` of floats.
Pure functions: text in, values out; printers turn a Worked into text.
"""

from __future__ import annotations

import math
import random
import sys
from dataclasses import dataclass

import mpmath
import sympy as sp

from .check import random_point
from .derivation import Derivation, Equation
from .errors import SympropError
from .verify.numbers import value

DIGITS = 30
RANDOM_ETA = 0.5


@dataclass(frozen=True)
class Product:
    """One delta or gradient: the chain-rule factor values and their product."""

    equation: Equation
    factors: tuple[float, ...]
    value: float
    terms: tuple[float, ...] = ()  # a shared bias: each unit's path product (its δ), summed


@dataclass(frozen=True)
class Update:
    param: sp.Symbol
    before: float
    gradient: float
    after: float  # before - eta * gradient


@dataclass(frozen=True)
class Worked:
    eta: float
    given: tuple[tuple[sp.Symbol, float], ...]  # inputs, targets, parameters (sheet order)
    forward: tuple[tuple[sp.Symbol, float], ...]  # every z and a, in the derivation's order
    loss: float
    local: tuple[tuple[Equation, float], ...]  # each local chain-rule factor's value
    deltas: tuple[Product, ...]
    gradients: tuple[Product, ...]
    updates: tuple[Update, ...]


def evaluate_at(d: Derivation, point: dict) -> Worked:
    """The derivation's numbers at `point` (symbol -> number, plus d.eta -> the learning rate)."""
    _require_scalar(d)
    with mpmath.workdps(DIGITS):
        values = {s: mpmath.mpf(str(v)) for s, v in point.items()}
        memo: dict = {}
        forward = []
        for eq in d.of_kind("forward"):
            values[eq.lhs] = value(eq.rhs, values, memo)
            forward.append((eq.lhs, float(values[eq.lhs])))
        values[d.loss_symbol] = value(d["L"].rhs, values, memo)
        deltas = []
        for eq in d.of_kind("delta"):
            values[eq.lhs] = value(eq.rhs, values, memo)
            deltas.append(_product(eq, values, memo, values[eq.lhs]))
        # a local factor may be written with a delta (paths summed): after the deltas
        local = tuple((eq, float(value(eq.factors[0].value, values, memo))) for eq in d.of_kind("local"))
        gradients, updates = [], []
        eta = values[d.eta]
        for p in d.params:
            eq = d.gradient(p)
            g = value(eq.rhs, values, memo)
            gradients.append(_product(eq, values, memo, g))
            updates.append(Update(p, float(values[p]), float(g), float(values[p] - eta * g)))
        given = tuple((s, float(values[s])) for s in d.inputs + d.targets + d.params)
        _require_finite(d, forward, float(values[d.loss_symbol]), local, deltas, gradients)
        return Worked(
            float(eta),
            given,
            tuple(forward),
            float(values[d.loss_symbol]),
            local,
            tuple(deltas),
            tuple(gradients),
            tuple(updates),
        )


def _require_finite(d: Derivation, forward, loss: float, local, deltas, gradients) -> None:
    """A point where a number of the example is inf or nan (log(0), 1/0) is refused in one line:
    a worked example of nan teaches nothing, and JSON has no spelling for it."""

    def text(s) -> str:
        if isinstance(s, (tuple, sp.Tuple)) and len(s) == 2:  # a local factor's (of, by): ∂of/∂by
            return f"∂{text(s[0])}/∂{text(s[1])}"
        name = d.naming.names.get(s) if isinstance(s, sp.Symbol) else None
        return name.unicode if name else str(s)

    items = [(f"the forward value {text(s)}", v) for s, v in forward] + [("the loss", loss)]
    items += [(f"the local factor {text(eq.lhs)}", v) for eq, v in local]
    items += [
        (f"{kind} {text(p.equation.lhs)}", p.value)
        for kind, ps in (("the delta", deltas), ("the gradient", gradients))
        for p in ps
    ]
    for what, v in items:
        if not math.isfinite(v):
            raise SympropError(
                f"at this point {what} is {v} (not a finite number)",
                "choose a point where the loss and its derivatives are finite "
                "(e.g. keep an output under a log away from 0)",
            )


def _product(eq: Equation, values: dict, memo: dict, total) -> Product:
    factors = tuple(float(value(f.value, values, memo)) for f in eq.factors)
    terms = tuple(float(value(sp.Mul(*[f.value for f in path]), values, memo)) for path in eq.paths)
    return Product(eq, factors, float(total), terms)


def _require_scalar(d: Derivation) -> None:
    if not d.scalar:
        raise SympropError(
            f"worked numbers are per parameter, and {d.spec.arch} has {d.spec.n_params} parameters",
            "use --at on a smaller net, or the generated module's gradients() for this one",
        )


# ------------------------------------------------------------------------------------ points


def arrays(d: Derivation) -> dict[str, list]:
    """Array name -> nested list of symbols, as the generated module lays them out."""
    nm = d.naming
    out: dict[str, list] = {"x": list(d.inputs), "y": list(d.targets)}
    for layer in d.layers:
        n, m = layer.W.shape
        out[layer.W.name] = [[nm.W(layer.index, i, j) for j in range(1, m + 1)] for i in range(1, n + 1)]
        out[layer.b.name] = nm.biases(layer.index)  # a shared bias: a list of one
    return out


def scalar_names(d: Derivation) -> dict[str, sp.Symbol]:
    """Seed naming: every scalar name (w11, w_a, w41, b4, x1, y_T, y) -> its symbol."""
    if not d.naming.seed:
        return {}
    wanted = set(d.inputs) | set(d.targets) | set(d.params)
    names = {n.code: s for s, n in d.naming.names.items() if s in wanted}
    names.update({a: s for a, s in d.naming.aliases.items() if s in wanted})
    return names


def read_point(text: str, d: Derivation) -> dict:
    """symbol -> float (and d.eta -> the learning rate) from POINT.toml's text."""
    _require_scalar(d)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10: the same parser, as the tomli package
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SympropError(
            f"point: not TOML ({err})", "write key = value lines, e.g. x = [0.05, 0.10]"
        ) from None
    except ValueError:  # an integer of more than 4300 digits (Python's limit on int())
        raise SympropError("point: a number with too many digits", "use a shorter number") from None
    layout, scalars = arrays(d), scalar_names(d)
    example = ", ".join(["eta", *layout])
    point: dict = {}
    if isinstance(data.get("network"), dict):  # the exercise's point.toml names its network
        _same_network(data["network"], d)
    for key, raw in data.items():
        if key == "network" and isinstance(raw, dict):
            continue
        if key == "eta":
            point[d.eta] = _number(raw, "eta")
        elif key in layout and (isinstance(raw, list) or key not in scalars):
            # seed naming: b1 = [..] is the module's array, b1 = 0.35 the seed's scalar b1
            want = layout[key]
            if key == "y" and len(want) == 1 and not isinstance(raw, list):
                raw = [raw]  # one output: y = 0.99 as well as y = [0.99]
            if key in _shared_biases(d):
                raw = _shared_bias_value(raw, key)
            for s, v in _cells(want, raw, key):
                _put(point, s, v, key)
        elif key in scalars:
            _put(point, scalars[key], _number(raw, key), key)
        else:
            seed = " or the seed's scalar names" if scalars else ""
            raise SympropError(f"point: unknown key {key!r}", f"use {example}{seed}")
    for key, want in layout.items():
        missing = [s for s in _flatten(want) if s not in point]
        if missing:
            raise SympropError(
                f"point: no value for {key} ({_shape_text(want)})",
                f"add {key} = {_template(want)}",
            )
    if d.eta not in point:
        raise SympropError("point: no value for eta (the learning rate)", "add eta = 0.5, say")
    return point


def _same_network(table: dict, d: Derivation) -> None:
    """A point's [network] table (symprop exercise writes one) names the network it belongs to."""
    net = table.get("net")
    if isinstance(net, str) and net.strip() != d.spec.arch:
        raise SympropError(
            f"point: it is for a {net.strip()[:40]} network, not {d.spec.arch}",
            f"use the {net.strip()[:40]} network",
        )


def is_array_point(data: dict) -> bool:
    """Does a parsed TOML point use the module's arrays (x = [...], W1 = [[...]]) or carry a
    [network] table, rather than one name = number per line?"""
    return isinstance(data.get("network"), dict) or any(isinstance(v, list) for v in data.values())


def random_point_for(d: Derivation, seed: int) -> dict:
    """A point drawn from `seed`: inputs and parameters in [-1, 1], valid targets, eta 0.5."""
    _require_scalar(d)
    point = {s: float(v) for s, v in random_point(d, random.Random(seed), 17).items()}
    point[d.eta] = RANDOM_ETA
    return point


def point_toml(d: Derivation, point: dict) -> str:
    """A point as POINT.toml text in the generated module's names (what `--at` reads back)."""
    lines = [f"eta = {point[d.eta]!r}"]
    for key, want in arrays(d).items():
        lines.append(f"{key} = {_nested(want, point)}")
    return "\n".join(lines) + "\n"


def _nested(want, point) -> str:
    if isinstance(want, list):
        return "[" + ", ".join(_nested(w, point) for w in want) + "]"
    return repr(float(point[want]))


def _shared_biases(d: Derivation) -> set[str]:
    """The array names (b1, b2, ...) that hold one bias shared by a layer's units."""
    return {layer.b.name for layer in d.layers if layer.shared_bias}


def _shared_bias_value(raw, key: str) -> list:
    """A shared bias as written: b1 = 0.35 or b1 = [0.35]; more entries are refused."""
    if not isinstance(raw, list):
        return [raw]
    if len(raw) != 1:
        raise SympropError(
            f"point: {key} is one bias shared by its layer's units (--shared-bias), got {len(raw)} entries",
            f"write {key} = [0.35] or {key} = 0.35",
        )
    return raw


def _number(raw, key: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise SympropError(
            f"point: {key} must be a number, not {type(raw).__name__} {raw!r}"[:200],
            "write a decimal number such as 0.15",
        )
    if not math.isfinite(raw):
        raise SympropError(f"point: {key} is {raw}", "give a finite number")
    return raw


def _cells(want, raw, key: str):
    """(symbol, value) pairs of an array key, its shape checked against `want`."""
    if isinstance(want, list):
        if not isinstance(raw, list) or len(raw) != len(want):
            got = f"{len(raw)} entries" if isinstance(raw, list) else f"a {type(raw).__name__}"
            raise SympropError(
                f"point: {key} must be {_shape_text(want)}, got {got}", f"write {key} = {_template(want)}"
            )
        for k, (w, r) in enumerate(zip(want, raw)):
            yield from _cells(w, r, f"{key}[{k}]" if isinstance(w, list) else key)
    else:
        yield want, _number(raw, key)


def _put(point: dict, s, v, key: str) -> None:
    if s in point:
        raise SympropError(f"point: {s} is given twice (again by {key})", "give each value once")
    point[s] = v


def _flatten(want):
    return [s for w in want for s in _flatten(w)] if isinstance(want, list) else [want]


def _shape_text(want) -> str:
    if want and isinstance(want[0], list):
        return f"{len(want)} rows of {len(want[0])} numbers (out, in)"
    return f"a list of {len(want)} numbers"


def _template(want) -> str:
    if isinstance(want, list):
        return "[" + ", ".join(_template(w) for w in want) + "]"
    return "0.1"
