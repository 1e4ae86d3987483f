"""A second published step-by-step example reproduced by `derive --at` to its printed digits.

Source: the notebook BackPropagation/Backpropagation.ipynb of github.com/AbdulRehman393/AI-LAB
(commit 39768b2), which prints every number of one training step of a 2-2-2 sigmoid network with
E = sum of 1/2 (T - y)^2 at learning rate 0.3: the forward pass, the output layer's two factors
and deltas, the hidden deltas, every weight gradient, every updated weight, the shared biases'
updates and the error after the step. Its w1..w4 are W1 row by row, w5..w8 W2 row by row, and it
keeps one bias per layer (b1 for both hidden units, b2 for both outputs): symprop gives each unit
its own copy (the same forward pass and weight gradients), and the shared bias's gradient is the
sum of the per-unit ones, which is what the notebook's b - lr * (delta1 + delta2) computes.
The point is examples/ailab_point.toml.
"""

from __future__ import annotations

import json
from pathlib import Path

from codegen.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
POINT = EXAMPLES / "ailab_point.toml"
SHARED = EXAMPLES / "ailab_shared_point.toml"


def published(printed: float, text: str) -> bool:
    """`printed` rounds to the published `text` at its number of decimals."""
    decimals = len(text.split(".")[1])
    return abs(printed - float(text)) <= 0.5 * 10**-decimals + 1e-15


def worked(capsys, point: Path, *options: str) -> dict:
    code = main(["derive", "2-2-2", *options, "--at", str(point), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)["worked"]


def check(pairs) -> None:
    wrong = [(name, value, text) for name, value, text in pairs if not published(value, text)]
    assert not wrong, wrong


def test_the_notebook_example_to_its_printed_digits(capsys, tmp_path):
    w = worked(capsys, POINT)
    f = w["forward"]
    check(
        [
            ("H1_net", f["z1_1"], "0.4700000"),
            ("H2_net", f["z1_2"], "0.5000000"),
            ("H1", f["a1_1"], "0.615383756"),
            ("H2", f["a1_2"], "0.622459331"),
            ("y1_net", f["z2_1"], "1.238152356"),
            ("y2_net", f["z2_2"], "1.361936665"),
            ("y1", f["a2_1"], "0.775242241"),
            ("y2", f["a2_2"], "0.796074276"),
            ("E_total", w["loss"], "0.274834719"),
        ]
    )
    deltas = {x["delta"]: x for x in w["deltas"]}
    # the output deltas as the notebook writes them: dE/dy · dy/dnet
    d1, d2 = deltas["delta2_1"], deltas["delta2_2"]
    check(
        [
            ("dE/dy1", d1["factors"][0], "0.725242241"),
            ("dy1/dnet", d1["factors"][1], "0.174241709"),
            ("delta1", d1["value"], "0.126367447"),
            ("dE/dy2", d2["factors"][0], "-0.153925724"),
            ("dy2/dnet", d2["factors"][1], "0.162340023"),
            ("delta2", d2["value"], "-0.024988306"),
            ("delta_H1", deltas["delta1_1"]["value"], "0.010206347772"),
            ("delta_H2", deltas["delta1_2"]["value"], "0.011325002866"),
        ]
    )
    grads = {g["param"]: g["value"] for g in w["gradients"]}
    check(
        [
            ("dw5", grads["W2_1_1"], "0.077764474"),
            ("dw6", grads["W2_1_2"], "0.078658597"),
            ("dw7", grads["W2_2_1"], "-0.015377397"),
            ("dw8", grads["W2_2_2"], "-0.015554204"),
            ("dw1", grads["W1_1_1"], "0.001020634777"),
            ("dw2", grads["W1_1_2"], "0.002041269554"),
            ("dw3", grads["W1_2_1"], "0.001132500287"),
            ("dw4", grads["W1_2_2"], "0.002265000573"),
        ]
    )
    new = w["updated"]
    check(
        [
            ("w5", new["W2_1_1"], "0.426670658"),
            ("w6", new["W2_1_2"], "0.476402421"),
            ("w7", new["W2_2_1"], "0.554613219"),
            ("w8", new["W2_2_2"], "0.604666261"),
            ("w1", new["W1_1_1"], "0.199693810"),
            ("w2", new["W1_1_2"], "0.249387619"),
            ("w3", new["W1_2_1"], "0.299660250"),
            ("w4", new["W1_2_2"], "0.349320500"),
        ]
    )
    # one bias per layer: its gradient is the sum of the units' (what --shared-bias derives)
    eta = w["eta"]
    b1 = 0.40 - eta * (grads["b1_1"] + grads["b1_2"])
    b2 = 0.65 - eta * (grads["b2_1"] + grads["b2_2"])
    check([("b1", b1, "0.393540595"), ("b2", b2, "0.619586257")])

    # the error after the step, evaluated by symprop at the updated weights and shared biases
    after = tmp_path / "after.toml"
    after.write_text(
        f"eta = {eta!r}\nx = [0.10, 0.20]\ny = [0.05, 0.95]\n"
        f"W1 = [[{new['W1_1_1']!r}, {new['W1_1_2']!r}], [{new['W1_2_1']!r}, {new['W1_2_2']!r}]]\n"
        f"b1 = [{b1!r}, {b1!r}]\n"
        f"W2 = [[{new['W2_1_1']!r}, {new['W2_1_2']!r}], [{new['W2_2_1']!r}, {new['W2_2_2']!r}]]\n"
        f"b2 = [{b2!r}, {b2!r}]\n",
        encoding="utf-8",
    )
    w2 = worked(capsys, after)
    check(
        [
            ("H1 (after)", w2["forward"]["a1_1"], "0.613817477"),
            ("H2 (after)", w2["forward"]["a1_2"], "0.620900166"),
            ("y1 (after)", w2["forward"]["a2_1"], "0.764458839"),
            ("y2 (after)", w2["forward"]["a2_2"], "0.791741512"),
            ("E_total (after)", w2["loss"], "0.267748591"),
        ]
    )


def test_the_notebook_example_with_one_bias_per_layer(capsys):
    """--shared-bias derives the notebook's own network: b1 and b2 updated as it prints them."""
    w = worked(capsys, SHARED, "--shared-bias")
    new = w["updated"]
    check(
        [
            ("E_total", w["loss"], "0.274834719"),
            ("w5", new["W2_1_1"], "0.426670658"),
            ("w1", new["W1_1_1"], "0.199693810"),
            ("w4", new["W1_2_2"], "0.349320500"),
            ("b1", new["b1"], "0.393540595"),
            ("b2", new["b2"], "0.619586257"),
        ]
    )
