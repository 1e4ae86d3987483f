r"""A derivative written by cases on the value of its argument with any two values, not only ReLU's
1 and 0: `\begin{cases} 1 & z > 0 \\ 0.01 & \text{otherwise} \end{cases}` (leaky ReLU's) is
(A) H(z) + (B)(1 - H(z)), judged whole. Before, such a block was read as index conditions, the
subscript of z_1 > 0 taken for the index comparison 1 > 0: the first case was judged at every z
(a false 'wrong' for leaky ReLU) and the second dropped with an empty message."""

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

CASES = (
    r"$$\frac{\partial a^{(1)}_1}{\partial z^{(1)}_1} = \begin{cases} A & z^{(1)}_1 > 0 \\ B & WHEN"
    r" \end{cases}$$"
)


def status(act: str, a: str, b: str, when: str = r"z^{(1)}_1 \le 0") -> list[str]:
    d = derive(network("2-2-1", f"{act},sigmoid", "half_se"))
    text = CASES.replace("A &", f"{a} &").replace("B &", f"{b} &").replace("WHEN", when)
    r = verify_text(d, text)
    return [v.status for v in r.verdicts] + ["not checked" for _ in r.unchecked]


@pytest.mark.parametrize("when", [r"z^{(1)}_1 \le 0", r"z^{(1)}_1 < 0", r"\text{otherwise}"])
def test_leaky_relus_derivative_by_cases(when):
    assert status("leaky_relu", "1", "0.01", when) == ["correct"]
    assert status("leaky_relu", "1", "0", when) == ["wrong"]  # ReLU's step where leaky ReLU's belongs
    assert status("relu", "1", "0.01", when) == ["wrong"]


@pytest.mark.parametrize(("a", "b"), [("1", "1"), ("2", "0"), ("1", "5")])
def test_a_wrong_value_in_either_case_is_wrong(a, b):
    assert status("relu", a, b) == ["wrong"]


def test_the_step_itself_is_still_correct():
    assert status("relu", "1", "0") == ["correct"]


def test_three_cases_are_not_checked_never_misread():
    d = derive(network("2-2-1", "relu,sigmoid", "half_se"))
    text = (
        r"$$\frac{\partial a^{(1)}_1}{\partial z^{(1)}_1} = \begin{cases} 1 & z^{(1)}_1 > 0 \\"
        r" 0 & z^{(1)}_1 = 0 \\ 0 & z^{(1)}_1 < 0\end{cases}$$"
    )
    with pytest.raises(Exception, match="a case without a condition"):
        verify_text(d, text)
