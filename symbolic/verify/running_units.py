r"""Units counted through the network with one letter, weights with another: a Q&A's
`a_1 = f(m_1x_1+m_2x_2+b_1)`, ..., `a_3 = f(m_5x_1+m_6x_2+b_3)`, `a_4 = f(m_7a_1+m_8a_2+m_9a_3+b_4)`,
`a_5 = f(m_{10}a_1+m_{11}a_2+m_{12}a_3+b_5)` on a 2-3-2 network: a_1 ... a_5 number every unit that
is not an input, layer after layer (a_4, a_5 the outputs), b_k is unit k's bias, and each m is the
weight on the operand it multiplies.

Read only when the definitions settle it, never guessed:
- one letter X, defined as X_k = F(Σ weight·operand + bias) for k = 1 ... N exactly, N the
  network's units past the input, each once, F one call (the activation, whatever its letter);
- each X_k's operands all inputs (layer 1) or all X_j of one layer (the next layer), every operand
  of its layer once, and the layers' counts the network's widths in the order of k;
- every weight and bias name written once, and none the network or an alias already gives a
  meaning (a name `binding` already bound the same way is kept).
Then X_k is that layer's unit (the k-th of its layer in the order of k), b_k its bias, and each
weight the one from its operand's unit into X_k. Pure: statements and a Binding in, a Binding out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from ..errors import SympropError
from .binding import Binding, Source
from .conventions import Conventions
from .definitions import definitions
from .names import Resolver

_NUMBERED = re.compile(r"([A-Za-z]+)_\{?(\d+)\}?")
HOW = "running count"


def _linear(arg: sp.Expr) -> tuple[list[tuple[sp.Symbol, sp.Symbol]], sp.Symbol] | None:
    """(weight, operand) pairs and the one bias of `Σ m·o + b`, the pair's order unknown yet."""
    if not isinstance(arg, sp.Add):
        return None
    pairs, lone = [], []
    for term in arg.args:
        if isinstance(term, sp.Symbol):
            lone.append(term)
        elif (
            isinstance(term, sp.Mul)
            and len(term.args) == 2
            and all(isinstance(a, sp.Symbol) for a in term.args)
        ):
            pairs.append(term.args)
        else:
            return None
    return (pairs, lone[0]) if len(lone) == 1 and pairs else None


def _definitions(statements) -> dict[str, dict[int, tuple[int, list, sp.Symbol]]]:
    """letter -> k -> (line, the (weight, operand) candidate pairs, the bias) of X_k = F(...)."""
    out: dict[str, dict[int, tuple[int, list, sp.Symbol]]] = {}
    twice: set[str] = set()
    for d in definitions(statements):
        if d.implied or not isinstance(d.lhs, sp.Symbol):
            continue
        m = _NUMBERED.fullmatch(d.lhs.name)
        rhs = d.rhs
        if not m or not isinstance(rhs, AppliedUndef) or len(rhs.args) != 1:
            continue
        read = _linear(rhs.args[0])
        if read is None:
            continue
        letter, k = m.group(1), int(m.group(2))
        if k in out.setdefault(letter, {}):
            twice.add(letter)
        out[letter][k] = (d.line, *read)
    return {letter: ks for letter, ks in out.items() if letter not in twice}


def _split(pairs: list, role: dict) -> list[tuple[sp.Symbol, sp.Symbol]] | None:
    """Each pair as (weight, operand): the operand the factor whose role is known."""
    out = []
    for a, b in pairs:
        if (a in role) == (b in role):
            return None
        out.append((b, a) if a in role else (a, b))
    return out


def bind(d, statements, binding: Binding, explicit: dict | None, conventions: dict | None) -> Binding:
    """`binding` with a running count of units (and their weights and biases) bound, when the
    definitions settle every unit of the network past its input; else `binding` unchanged."""
    sizes = d.spec.sizes
    total = sum(sizes[1:])
    merged = {**binding.aliases, **dict(explicit or {})}
    resolver = Resolver(d, merged, Conventions.of(conventions))

    def lookup(name: str):
        try:
            return resolver.lookup(name)
        except SympropError:
            return None

    inputs = {}
    for k, x in enumerate(d.inputs, start=1):
        inputs[x] = k
    for letter, ks in _definitions(statements).items():
        if sorted(ks) != list(range(1, total + 1)):
            continue
        found = _settle(d, letter, ks, lookup, inputs)
        if found is not None:
            return _bound(d, binding, merged, found, lookup)
    return binding


def _settle(d, letter: str, ks: dict, lookup, inputs: dict) -> list[tuple[str, str, sp.Expr, int]] | None:
    """(raw name, the network's raw name, its symbol, line) of every name the count settles."""
    sizes = d.spec.sizes
    role: dict[sp.Symbol, tuple[int, int]] = {}  # operand -> (layer, unit): inputs at layer 0
    for s in {o for _, pairs, _ in ks.values() for p in pairs for o in p}:
        m = _NUMBERED.fullmatch(s.name)
        value = lookup(s.name)
        if value in inputs and not (m and m.group(1) == letter):
            role[s] = (0, inputs[value])
    out: list[tuple[str, str, sp.Expr, int]] = []
    k = 1
    for layer in range(1, len(sizes)):
        for unit in range(1, sizes[layer] + 1):
            line, pairs, bias = ks[k]
            split = _split(pairs, role)
            if split is None or len(split) != sizes[layer - 1]:
                return None
            froms = sorted(role[o][1] for _, o in split)
            if {role[o][0] for _, o in split} != {layer - 1} or froms != list(range(1, sizes[layer - 1] + 1)):
                return None
            out.append((f"{letter}_{k}", f"a_{layer},{unit}", d.symbol(f"a{layer}_{unit}"), line))
            out.append((bias.name, f"b_{layer},{unit}", d.symbol(f"b{layer}_{unit}"), line))
            for weight, operand in split:
                i = role[operand][1]
                out.append((weight.name, f"W_{layer},{unit},{i}", d.symbol(f"W{layer}_{unit}_{i}"), line))
            role[sp.Symbol(f"{letter}_{k}")] = (layer, unit)
            k += 1
    return out


def _bound(d, binding: Binding, merged: dict, found: list, lookup) -> Binding:
    names = [raw for raw, _, _, _ in found]
    if len(set(names)) != len(names):
        return binding  # a weight or bias written twice: not one count
    aliases, sources = dict(binding.aliases), list(binding.sources)
    for raw, target, symbol, line in found:
        known = lookup(raw)
        if known is not None:
            if known != symbol:
                return binding  # the network or an alias gives the name another meaning
            continue
        aliases[sp.Symbol(raw)] = sp.Symbol(target)
        sources.append(Source(raw, symbol, line, HOW))
    if len(sources) == len(binding.sources):
        return binding
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases=aliases, sources=sources)
