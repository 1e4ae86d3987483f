r"""u for the net input and z for a unit's output, layered (Okatani's 'Deep Learning', Korean and
Japanese notes): u_j^{(l)} = \sum_i w_{ji}^{(l)} z_i^{(l-1)} + b_j^{(l)}, z_j^{(l)} = f(u_j^{(l)}). A
Korean note read blind had six false 'wrong' verdicts: z_i^{(l-1)} taken for symprop's net input.
Its definitions sat in reasons given in parentheses, \quad (\because ...), now read as statements;
a definition whose layers say nothing (u^{(3)} beside z^{(l)}, a slip) no longer hides the others;
∂u_k^{(l+1)}/∂u_j^{(l)} is the chain w_{kj} f'(u_j), so a slip in either is named."""

from verdict_lines import by_line as lines

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

D = derive(network("2-3-3-2", "tanh", "half_se"))

DOC = (
    r"$$u_j^{(l)} = \sum_i w_{ji}^{(l)} z_i^{(l-1)} + b_j^{(l)}$$" + "\n"
    r"$$z_j^{(l)} = f(u_j^{(l)})$$" + "\n"
    r"$$\delta_j^{(l)} = \frac{\partial E}{\partial u_j^{(l)}}$$" + "\n"
    r"$$\frac{\partial E}{\partial w_{ji}^{(l)}} = \delta_j^{(l)} z_i^{(l-1)}$$" + "\n"
    r"$$\delta_j^{(l)} = f'(u_j^{(l)}) \sum_k w_{kj}^{(l+1)} \delta_k^{(l+1)}$$" + "\n"
)


def by_line(text: str) -> dict[int, set[str]]:
    return lines(verify_text(D, text))


def test_u_is_the_net_input_and_z_the_output():
    assert by_line(DOC) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}, 4: {"correct"}, 5: {"correct"}}


def test_the_input_of_the_layer_below_is_not_the_units_own_output():
    slip = DOC.replace(r"\delta_j^{(l)} z_i^{(l-1)}$$", r"\delta_j^{(l)} z_i^{(l)}$$")
    assert "correct" not in by_line(slip)[4]


def test_reasons_in_parentheses_are_read_as_statements():
    text = (
        r"$$\frac{\partial u_{j}^{(l)}}{\partial w_{ji}^{(l)}} = z_i^{(l-1)} \quad"
        "\n"
        r"( \because \; u_j^{(l)} = \sum_i w_{ji}^{(l)} z_i^{(l-1)} + b_j^{(l)} )$$" + "\n"
        r"$$\delta_j^{(l)} = \sum_k \delta_{k}^{(l+1)} w_{kj}^{(l+1)}f'(u_j^{(l)}) \quad ("
        "\n"
        r"\because \; z_j^{(l)} = f(u_j^{(l)}) \; , \; "
        r"\frac{\partial u_{k}^{(l+1)}}{\partial u_{j}^{(l)}} = w_{kj}^{(l+1)}f'(u_j^{(l)}) )$$" + "\n"
    )
    assert by_line(text) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}, 4: {"correct"}}
    cols = {v.col for v in verify_text(D, text).verdicts if v.line == 4}
    assert len(cols) == 2  # the two reasons of the last aside, each a statement


def test_the_derivative_of_a_net_input_by_the_one_below_names_the_prime():
    slip = r"$$\frac{\partial u_{k}^{(l+1)}}{\partial u_{j}^{(l)}} = w_{kj}^{(l+1)} f(u_j^{(l)})$$"
    text = DOC + slip + "\n"
    r = verify_text(D, text)
    wrong = [v for v in r.verdicts if v.line == 6]
    assert wrong and all(v.status == "wrong" and v.fault.position == 2 for v in wrong)
    assert "u_" not in render_text(r).split("6:")[1].split("\n")[0].replace("u⁽", "")
