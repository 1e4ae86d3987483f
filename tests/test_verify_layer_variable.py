r"""Wikipedia's and Mitchell's letters name units of any layer (o_j, net_j): each statement is
checked in every layer its letters can name, read with a layer variable (verify/roles.py). The
document writes no such variable, so the messages never show it ('for j=1, λ=1' was printed):
each verdict names its layer by the network's name, δ⁽¹⁾₁ (verify/display.layer_variable).
"""

import sys
from pathlib import Path

from verdict_lines import by_line, verify_layered

sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))

from said import offences, said  # noqa: E402

ANY_LAYER = r"""\[ \delta_k = (y_k - t_k) g'(net_k) \]
\[ \delta_j = g'(net_j) \sum_k w_{kj} \delta_k \]
\[ \frac{\partial E}{\partial w_{kj}} = \delta_k o_j \]
"""


def test_the_layer_variable_is_never_said():
    report = verify_layered("2-3-2", ANY_LAYER, targets="t")
    assert by_line(report)[1] == {"correct"} and by_line(report)[2] == {"correct"}
    lines = said(report, "any_layer.tex")
    assert any("for j=1, k=1:" in line for line in lines)
    assert [m for line in lines for m in offences(line, ANY_LAYER)] == []


def test_a_slip_is_still_named_at_its_layer():
    report = verify_layered("2-3-2", ANY_LAYER.replace(r"\delta_k o_j", r"\delta_j o_j"), targets="t")
    assert "wrong" in by_line(report)[3]
    assert not any("λ" in v.instance for v in report.verdicts)
