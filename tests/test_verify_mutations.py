"""Property: one factor of a correct chain mutated, and the verifier never says "correct".

Mutations: replace a factor by another factor of the derivation, drop it, duplicate it, swap a
weight index, change its sign. Whether a mutant is really wrong is decided independently: both
products in NumPy floats (lambdify of the explicit definitions) at points whose pre-activation
signs run through every on/off pattern (2^k rows for the k units involved); a mutant equal at
all of them (H(z)² for H(z), say) is not a slip and is skipped. A larger run for the numbers:
    python -c "from tests.test_verify_mutations import census; print(census(400))"
"""

import random
from functools import lru_cache
from itertools import product

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume
from hypothesis import strategies as st
from passes import two_passes

from symbolic.backprop import derive
from symbolic.functions import expand_definitions
from symbolic.spec import network
from symbolic.verify import check_product, prepare

pytestmark = pytest.mark.slow  # see make test-fast

NETS = [
    ("2-3-1", "sigmoid", "half_se"),
    ("2-2-1", "tanh", "mse"),
    ("2-3-1", "relu", "half_se"),
    ("2-3-2", "leaky_relu", "half_se"),
    ("2-2-2-1", "relu", "half_se"),
    ("-".join(["1"] * 12), "relu", "half_se"),  # 11 layers
    ("-".join(["1"] * 11), "leaky_relu", "half_se"),  # 10 layers
    ("-".join(["1"] * 11), "abs(z)", "half_se"),
]
MUTATIONS = ("replace", "drop", "duplicate", "weight", "sign")


@lru_cache(maxsize=None)
def setup(k: int):
    d = derive(network(*NETS[k]))
    checker = prepare(d, points=20, seed=0)
    pool = sorted({f.value for p in d.params for f in d.gradient(p).factors}, key=sp.default_sort_key)
    weights = [p for p in d.params if p.name.startswith("W")]
    return d, checker, pool, weights


def mutate(d, pool, weights, factors: list, op: str, i: int, pick: int) -> list | None:
    out = list(factors)
    if op == "replace":
        others = [v for v in pool if v != out[i]]
        out[i] = others[pick % len(others)]
    elif op == "drop":
        if len(out) < 2:
            return None
        del out[i]
    elif op == "duplicate":
        out.insert(i, out[i])
    elif op == "weight":
        inside = sorted(out[i].free_symbols & set(weights), key=sp.default_sort_key)
        if not inside or len(weights) < 2:
            return None
        w = inside[pick % len(inside)]
        others = [v for v in weights if v != w]
        out[i] = out[i].xreplace({w: others[pick % len(others)]})
    else:
        out[i] = -out[i]
    return out


def _opened(checker, expr):
    d = checker.net.d
    defs = {eq.lhs: eq.rhs for eq in d.of_kind("forward") if eq.lhs in d.outputs}
    return expand_definitions(checker.net.open(expr).xreplace(defs))


def really_differs(checker, hand: list, true: list, seed: int = 1) -> bool:
    """The independent judge: NumPy floats at every on/off pattern of the units involved."""
    h, t = _opened(checker, sp.Mul(*hand)), _opened(checker, sp.Mul(*true))
    symbols = sorted(h.free_symbols | t.free_symbols, key=sp.default_sort_key)
    zs = [s for s in symbols if s in checker.net.names.z_layer]
    rng = np.random.default_rng(seed)
    rows = list(product((1.0, -1.0), repeat=min(len(zs), 12))) * 3
    cols = {}
    for s in symbols:
        cols[s] = rng.uniform(-1.5, 1.5, len(rows))
    for j, z in enumerate(zs[:12]):
        cols[z] = np.array([r[j] for r in rows]) * rng.uniform(0.2, 1.5, len(rows))
    modules = [{"Heaviside": lambda x, *_: np.heaviside(x, 0.5)}, "numpy"]
    args = [cols[s] for s in symbols]
    hv = np.broadcast_to(sp.lambdify(symbols, h, modules)(*args), (len(rows),))
    tv = np.broadcast_to(sp.lambdify(symbols, t, modules)(*args), (len(rows),))
    return bool(np.any(np.abs(hv - tv) > 1e-9 * (1 + np.abs(tv))))


def judge(checker, param, factors):
    return check_product(checker, checker.net.d.loss_symbol, param, factors)


def _mutated_chain_is_never_correct(data):
    k = data.draw(st.integers(0, len(NETS) - 1), label="net")
    d, checker, pool, weights = setup(k)
    param = data.draw(st.sampled_from(d.params), label="param")
    true = list(d.factors(param))
    op = data.draw(st.sampled_from(MUTATIONS), label="mutation")
    i = data.draw(st.integers(0, len(true) - 1), label="factor")
    hand = mutate(d, pool, weights, true, op, i, data.draw(st.integers(0, 10**6), label="pick"))
    assume(hand is not None and really_differs(checker, hand, true))
    v = judge(checker, param, hand)
    assert v.status != "correct" and not v.correct, (NETS[k], param, op, i, hand)


# each property twice: examples from this run's seed (printed by conftest.py), and fixed ones
test_a_mutated_chain_is_never_correct, test_a_mutated_chain_is_never_correct_fixed = two_passes(
    st.data(),
    max_examples=30,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)(_mutated_chain_is_never_correct)


def _unmutated_chain_is_proved(k, pick):
    d, checker, _, _ = setup(k)
    param = d.params[pick % len(d.params)]
    v = judge(checker, param, list(d.factors(param)))
    assert v.status == "correct" and v.exact


test_the_unmutated_chain_is_proved, test_the_unmutated_chain_is_proved_fixed = two_passes(
    st.integers(0, len(NETS) - 1),
    st.integers(0, 10**6),
    max_examples=8,
)(_unmutated_chain_is_proved)


def census(n: int, seed: int = 0) -> dict:
    """tried / caught / judged correct (exact or not) / not proved, over n random mutations."""
    rng = random.Random(seed)
    counts = {
        "tried": 0,
        "caught": 0,
        "not_proved": 0,
        "passed": 0,
        "equivalent": 0,
        "equivalent_proved_exactly": 0,
    }
    while counts["tried"] < n:
        k = rng.randrange(len(NETS))
        d, checker, pool, weights = setup(k)
        param = rng.choice(d.params)
        true = list(d.factors(param))
        hand = mutate(
            d, pool, weights, true, rng.choice(MUTATIONS), rng.randrange(len(true)), rng.randrange(10**6)
        )
        if hand is None:
            continue
        v = judge(checker, param, hand)
        if not really_differs(checker, hand, true):
            counts["equivalent"] += 1
            counts["equivalent_proved_exactly"] += bool(v.exact)
            continue
        counts["tried"] += 1
        key = {"wrong": "caught", "not proved": "not_proved"}.get(v.status, "passed")
        counts[key] += 1
    return counts
