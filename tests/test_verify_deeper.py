"""Published derivations written in generic indices (layer l, units j, k) say the same of a
deeper network as of the one their note names: every statement gets the same verdict with one
more hidden layer (the verifier ranges over every instance the network has)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))

from corpus import note, run  # noqa: E402

GENERIC = [
    "hjorth_jensen_hidden_layer",
    "nielsen_bp_vector",
    "russell_norvig_backprop",
    "threeb1b_many",
    "ufldl_vectorized",
    "wikipedia_backprop",
]


def deeper(net: str) -> str:
    """2-3-2 -> 2-3-3-2: the last hidden layer once more."""
    sizes = net.split("-")
    return "-".join(sizes[:-1] + [sizes[-2]] + sizes[-1:])


@pytest.mark.parametrize("name", GENERIC)
def test_the_same_verdicts_with_one_more_hidden_layer(name):
    meta = note(name)
    assert "point" not in meta  # numbers would tie the text to one network
    there = run(name, meta=meta)
    meta["network"] = {**meta["network"], "net": deeper(meta["network"]["net"])}
    here = run(name, meta=meta)
    assert here.said == there.said, [
        (a, b, r) for a, b, r in zip(there.said, here.said, here.reasons) if a != b
    ]
