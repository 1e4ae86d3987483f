r"""A question's layers renamed by its answer, and a vector used above its definition
(symbolic/latex/renamed_layers.py, latex/document.scan_document, elementwise_cdot.juxtaposed_op):

- W_1, b_1 in a document that also writes W^{(1)}, b^{(1)} are those matrices, not units;
- a row naming z above the row that defines z as a vector is a vector row too;
- \sigma(a)(1 - \sigma(a)) written with no operator in a gradient's row is element-wise.
Documents written here, in other letters and nets than the corpus's.
"""

from symbolic.backprop import derive
from symbolic.latex.renamed_layers import detect
from symbolic.spec import network
from symbolic.verify import verify_text
from tests.verdict_lines import by_line

DOC = (
    "$$g = \\sigma(W^{(1)} x + b^{(1)})$$\n"
    "$$\\frac{\\partial L}{\\partial s} = \\hat y - y$$\n"
    "$$s = W^{(2)} g + b^{(2)}$$\n"
    "$$r = W_1 x + b_1$$\n"
    "$$\\frac{\\partial g}{\\partial r} = \\sigma(r)(1 - \\sigma(r))$$\n"
)


def run(text: str):
    return verify_text(derive(network("2-3-2", "sigmoid", "cce", "softmax")), text)


def test_subscripts_rename_layers_only_beside_the_superscripts():
    assert detect("$W^{(1)} x$ and $W_1 x + b_1$, $b^{(1)}$") == {"W": "(", "b": "("}
    assert detect("$W_1 x + b_1$") == {}  # no W^{(1)}: W_1 is unit 1's weight
    assert detect("$W^{(1)}_{12}$ and $b_1$, $b^{(1)}$") == {}  # no weight letter written both ways


def test_the_renamed_layers_and_a_vector_above_its_definition_are_judged():
    got = by_line(run(DOC))
    assert got[2] == {"correct"} and got[4] == {"correct"} and got[5] == {"correct"}


def test_their_slips_are_named():
    assert by_line(run(DOC.replace("\\hat y - y", "y - \\hat y")))[2] == {"wrong"}
    assert by_line(run(DOC.replace("r = W_1 x + b_1", "r = W_2 x + b_1")))[4] == {"wrong"}
    assert "wrong" in by_line(run(DOC.replace("(1 - \\sigma(r))", "(1 + \\sigma(r))")))[5]
