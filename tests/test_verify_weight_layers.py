r"""Which layer W^l names (symbolic/verify/weight_layers.py): the layer it feeds (Nielsen,
Wikipedia's matrix form, Goodfellow) or the layer it leaves (UFLDL, Ng's Θ), read from what the
document multiplies its weights with, or given by --weight-layers.

The truth is the Derivation's (the verifier evaluates both sides against it); these tests fix
which reading each notation gets, on networks of several depths, and that a slip against the
document's own convention is still named."""

import subprocess
import sys

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.read import read
from symbolic.verify.weight_layers import detect, difference

# Wikipedia, "Backpropagation", matrix form (as Cross Validated 590342 quotes it): W^l feeds layer l
WIKIPEDIA = r"""
$$\delta^{l-1}=(f^{l-1})'\circ (W^l)^T \delta^l$$
$$\delta^L=(f^L)'\circ \nabla_{a^L}C$$
"""
# UFLDL's vectorized backpropagation: W^{(l)} leaves layer l
UFLDL = r"""
$$\delta^{(l)} = \left((W^{(l)})^T \delta^{(l+1)}\right) \bullet f'(z^{(l)})$$
$$\nabla_{W^{(l)}} J(W,b;x,y) = \delta^{(l+1)} (a^{(l)})^T$$
"""
NETS = ["2-3-2", "2-3-3-2", "3-2-4-2-1"]


def statuses(text: str, net: str, **conventions) -> list[str]:
    report = verify_text(derive(network(net)), text, conventions=conventions or None)
    assert not report.unchecked, [u.problem() for u in report.unchecked]
    return [v.status for v in report.verdicts]


@pytest.mark.parametrize("net", NETS)
def test_wikipedias_matrix_form_is_read_with_w_l_feeding_layer_l(net):
    said = statuses(WIKIPEDIA, net)
    assert said and set(said) == {"correct"}
    # one instance per hidden layer of the recursion, and the output's
    assert len(said) == net.count("-")


@pytest.mark.parametrize("net", NETS)
def test_ufldls_form_is_read_with_w_l_leaving_layer_l(net):
    said = statuses(UFLDL, net)
    assert said and set(said) == {"correct"}


def test_a_slip_against_the_documents_own_convention_is_named():
    slip = WIKIPEDIA + r"$$\nabla_{W^l} C = \delta^l (a^{l-1})^T$$" + "\n"
    assert set(statuses(slip, "2-3-3-2")) == {"correct"}
    wrong = slip.replace(r"(W^l)^T \delta^l", r"(W^{l+1})^T \delta^l")  # outvoted by the others
    report = verify_text(derive(network("2-3-3-2")), wrong)
    bad = [v for v in report.verdicts if v.status == "wrong"]
    assert bad and all(v.line == 2 for v in bad)


def test_the_option_overrides_what_the_document_shows():
    said = statuses(WIKIPEDIA, "2-3-3-2", weight_layers="out-of")
    assert "wrong" in said  # W^l read as leaving layer l: the recursion is then a layer off


def test_lowercase_and_capital_weights_are_read_apart():
    # Nielsen's w^{l+1} feeds layer l+1; Ng's accumulator Δ^{(l)} beside it keeps leaving layer l
    text = "\n".join(
        [
            r"$$\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)$$",
            r"$$\Delta^{(l)} := \Delta^{(l)} + \delta^{(l+1)} (a^{(l)})^T$$",
        ]
    )
    assert set(statuses(text, "2-3-3-2")) == {"correct"}
    assert detect(read(text, "tex").statements) == (("w", "into"),)


@pytest.mark.parametrize(
    "row, want",
    [
        (r"$$z^l = W^l a^{l-1} + b^l$$", (("W", "into"),)),
        (r"$$z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}$$", (("W", "out-of"),)),
        (r"$$\delta^{(2)} = (\Theta^{(2)})^T \delta^{(3)} .* g'(z^{(2)})$$", (("W", "out-of"),)),
        (r"$$dz^{[1]} = W^{[2]T} dz^{[2]} * g^{[1]\prime}(z^{[1]})$$", (("W", "into"),)),
        (r"$$\delta^{(l)}_i = \sum_j W^{(l)}_{ji} \delta^{(l+1)}_j f'(z^{(l)}_i)$$", (("W", "out-of"),)),
        (r"$$\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j$$", (("w", "into"),)),
        (r"$$z_j^l = \sum_k w^l_{jk} a^{l-1}_k + b^l_j$$", (("w", "into"),)),
        # a backward sum with δ written out: a^{(L)}_j is of the layer w^{(L)} feeds, no vote on a
        (
            r"$$\frac{\partial C}{\partial a^{(L-1)}_k} = "
            r"\sum_j w^{(L)}_{jk} \sigma'(z^{(L)}_j) 2(a^{(L)}_j - y_j)$$",
            (),
        ),
        # one vote each way: a tie says nothing
        (r"$$\delta^l = (W^l)^T \delta^l$$" + "\n" + r"$$\delta^l = (W^l)^T \delta^{l+1}$$", ()),
        (r"$$\delta^L = (a^L - y) \odot \sigma'(z^L)$$", ()),
        # in rows: (δ^f)^T W^e, δ^f (W^e)^T, δ of the layer W feeds as in W^T δ (a single such line
        # on a 2-3-3-2 net was called 'wrong layer' under the default reading)
        (
            r"$$(\delta^{(l)})^T = ((\delta^{(l+1)})^T W^{(l+1)}) \odot (\sigma'(z^{(l)}))^T$$",
            (("W", "into"),),
        ),
        (r"$$\delta^{(h)} = \delta^{(out)} (W^{(out)})^T \odot \sigma'(z^{(h)})$$", (("W", "into"),)),
        (r"$$\delta^{l} = \delta^{l+1} (W^{l})^T \odot \sigma'(z^{l})$$", (("W", "out-of"),)),
    ],
)
def test_votes(row, want):
    assert detect(read(row, "tex").statements) == want


def test_a_row_form_delta_is_read_in_its_own_convention():
    text = r"$$(\delta^{(l)})^T = ((\delta^{(l+1)})^T W^{(l+1)}) \odot (\sigma'(z^{(l)}))^T$$"
    assert set(statuses(text, "2-3-3-2")) == {"correct"}


def test_difference_of_written_layers():
    assert difference("l+1", "l") == 1 and difference("L", "L-1") == 1
    assert difference("(2)", "(3)") == -1 and difference("[2", "[2") == 0
    assert difference("l", "k") is None and difference("l", "1") is None and difference("", "") is None


def test_cli_option(tmp_path):
    f = tmp_path / "wiki.tex"
    f.write_text(WIKIPEDIA)
    run = [sys.executable, "-m", "codegen.cli", "verify", str(f), "--net", "2-3-3-2"]
    ok = subprocess.run(run, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    off = subprocess.run([*run, "--weight-layers", "out-of"], capture_output=True, text=True)
    assert off.returncode == 1 and "wrong layer" in off.stdout
    bad = subprocess.run([*run, "--weight-layers", "up"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
