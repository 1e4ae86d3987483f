r"""Lagrange's primes on names (symbolic/latex/lagrange.py, symbolic/verify/lagrange_primes.py):
`E'(W_c) = E'(\hat{y}) \cdot \hat{y}'(S_c) \cdot S_c'(W_c)` is ∂E/∂W_c = ∂E/∂ŷ · ∂ŷ/∂S_c · ∂S_c/∂W_c,
a prime on the network's activation (`T'(S_c)` with T the tanh's initial, `f'`, `\sigma'`) its
derivative; on a chain of one-unit layers the names bind from the chain's steps and the row under
it (chain_names.py), a document's names for ∂E/∂S (error_names.py) read as δ.

Documents written here on networks other than the corpus's (ML Glossary's 1-1-1 ReLU): a
1-1-1-1 tanh chain in other letters, role-named units of a 2-2-1 sigmoid; each verdict is the
Derivation's exact chain rule; a planted slip is named at its factor; what cannot be told apart
is said not checked, never judged."""

import pytest

from symbolic.backprop import derive
from symbolic.latex import parse_document
from symbolic.latex.lagrange import LAGRANGE, LAGRANGE_AT
from symbolic.latex.source import LatexParseError
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.ditto import VerifyInputError

# a 1-1-1-1 tanh chain: I -> S_a -> U_a -> S_b -> U_b -> S_c -> \hat{y}; T the tanh
TANH_CHAIN = r"""
\begin{align*}
  E'(W_c) &= E'(\hat{y}) \cdot \hat{y}'(S_c) \cdot S_c'(W_c) \\
          &= (\hat{y} - y) \cdot T'(S_c) \cdot U_b
\end{align*}
\begin{align*}
  E'(W_b) &= E'(\hat{y}) \cdot \hat{y}'(S_c) \cdot S_c'(U_b) \cdot U_b'(S_b) \cdot S_b'(W_b) \\
          &= (\hat{y} - y) \cdot T'(S_c) \cdot W_c \cdot T'(S_b) \cdot U_a
\end{align*}
\begin{align*}
  E'(W_a) &= E'(\hat{y}) \cdot \hat{y}'(S_c) \cdot S_c'(U_b) \cdot U_b'(S_b)
             \cdot S_b'(U_a) \cdot U_a'(S_a) \cdot S_a'(W_a) \\
          &= (\hat{y} - y) \cdot T'(S_c) \cdot W_c \cdot T'(S_b) \cdot W_b \cdot T'(S_a) \cdot I
\end{align*}
$$E'(S_c) = (\hat{y} - y) \cdot T'(S_c)$$
$$D_c = (\hat{y} - y) \cdot T'(S_c)$$
$$E'(S_b) = (\hat{y} - y) \cdot T'(S_c) \cdot W_c \cdot T'(S_b)$$
$$D_b = D_c \cdot W_c \cdot T'(S_b)$$
$$E'(W_b) = D_b \cdot U_a$$
"""
LINES = [3, 7, 11, 15, 16, 17, 18, 19]


def tanh_chain(text: str = TANH_CHAIN):
    return verify_text(derive(network("1-1-1-1", "tanh", "half_se")), text)


def said(report) -> dict[int, tuple[str, int | None]]:
    out: dict[int, tuple[str, int | None]] = {u.line: ("not checked", None) for u in report.unchecked}
    for v in report.verdicts:
        out[v.line] = (v.status, v.fault.position if v.fault else None)
    return out


def test_a_tanh_chain_in_lagrange_primes_is_read_and_every_statement_judged():
    r = tanh_chain()
    assert not r.unchecked, [u.problem() for u in r.unchecked]
    assert said(r) == {line: ("correct", None) for line in LINES}
    names = {s.name: str(s.value) for s in r.inferred}
    assert names["S_c"] == "z3_1" and names["U_a"] == "a1_1" and names["I"] == "x1"
    assert names["W_a"] == "W1_1_1" and names["W_c"] == "W3_1_1"
    assert names["D_c"] == "delta3_1" and names["D_b"] == "delta2_1"  # E'(S_c)'s right side, named


@pytest.mark.parametrize(
    "old, new, line, factor, wrong",
    [
        # the output weight where the middle one belongs, under the chain's ∂S_c/∂U_b
        (r"W_c \cdot T'(S_b) \cdot W_b", r"W_b \cdot T'(S_b) \cdot W_b", 11, 3, 1),
        # the activation where its derivative belongs (T(S_b) is the tanh at S_b: T is primed)
        (
            r"y) \cdot T'(S_c) \cdot W_c \cdot T'(S_b)$$",
            r"y) \cdot T'(S_c) \cdot W_c \cdot T(S_b)$$",
            17,
            4,
            1,
        ),
        # a δ named by the document, through the wrong weight (wrong where it is used, too)
        (r"D_c \cdot W_c", r"D_c \cdot W_b", 18, 2, 2),
        # the first hidden activation where the second belongs
        (r"T'(S_c) \cdot U_b", r"T'(S_c) \cdot U_a", 3, 3, 1),
    ],
)
def test_a_slip_in_lagrange_primes_is_named_at_its_factor(old, new, line, factor, wrong):
    assert TANH_CHAIN.count(old) == 1
    r = tanh_chain(TANH_CHAIN.replace(old, new))
    assert said(r)[line] == ("wrong", factor)
    assert sum(status == "wrong" for status, _ in said(r).values()) == wrong


def test_the_activations_own_spellings_stay_its_derivative():
    # f' and tanh' for T': the same verdicts, the same names
    for spelling in ("f'", "\\tanh'"):
        r = tanh_chain(TANH_CHAIN.replace("T'", spelling))
        assert said(r) == {line: ("correct", None) for line in LINES}, spelling


ROLE_NAMED = r"""
$$E'(w_{h1o1}) = E'(out_{o1}) \cdot out_{o1}'(net_{o1}) \cdot net_{o1}'(w_{h1o1})$$
$$E'(w_{h1o1}) = (out_{o1} - target_{o1}) \cdot \sigma'(net_{o1}) \cdot out_{h1}$$
$$E'(net_{h2}) = (out_{o1} - target_{o1}) \cdot \sigma'(net_{o1}) \cdot w_{h2o1} \cdot \sigma'(net_{h2})$$
"""


def test_primes_on_the_names_a_wider_network_knows_and_sigma_prime_beside_them():
    d = derive(network("2-2-1", "sigmoid", "half_se"))
    r = verify_text(d, ROLE_NAMED)
    assert said(r) == {2: ("correct", None), 3: ("correct", None), 4: ("correct", None)}
    slip = verify_text(d, ROLE_NAMED.replace(r"net_{o1}'(w_{h1o1})$$", r"net_{o1}'(out_{h1})$$"))
    assert said(slip)[2] == ("wrong", 3)  # ∂net_o1/∂out_h1 where ∂net_o1/∂w_h1o1 belongs


def test_a_prime_on_a_letter_that_is_not_the_activation_is_not_checked():
    # K is no activation's initial and no chain puts it after one; R is ReLU's, on a tanh network
    text = r"""
$$E'(W_c) = E'(\hat{y}) \cdot \hat{y}'(S_c) \cdot S_c'(W_c)$$
$$E'(S_c) = (\hat{y} - y) \cdot K'(S_c)$$
$$E'(S_c) = (\hat{y} - y) \cdot R'(S_c)$$
"""
    r = verify_text(derive(network("1-1-1", "tanh", "half_se")), text)
    assert said(r) == {2: ("correct", None), 3: ("not checked", None), 4: ("not checked", None)}
    assert {u.line: u.problem() for u in r.unchecked}[3].endswith("unknown function K'")


def test_unknown_names_on_a_network_wider_than_a_chain_are_not_bound():
    # on 2-2-1 the path from the loss to W_O is not unique: nothing is judged, nothing guessed
    text = r"""
$$C'(W_O) = C'(\hat{y}) \cdot \hat{y}'(Z_O) \cdot Z_O'(W_O)$$
$$C'(W_O) = (\hat{y} - y) \cdot R'(Z_O) \cdot H$$
"""
    with pytest.raises(VerifyInputError, match="W_O"):
        verify_text(derive(network("2-2-1", "relu", "half_se")), text)


def test_a_name_two_chains_bind_two_ways_is_bound_to_neither():
    # line 1 makes S_b the output's net input, line 2 the hidden one's: neither, and said so
    text = r"""
$$E'(W_c) = E'(\hat{y}) \cdot \hat{y}'(S_b) \cdot S_b'(W_c)$$
$$E'(W_a) = E'(\hat{y}) \cdot \hat{y}'(S_c) \cdot S_c'(U_a) \cdot U_a'(S_b) \cdot S_b'(W_a)$$
"""
    with pytest.raises(VerifyInputError, match="S_b is bound two ways by the chains of lines 2 and 3"):
        verify_text(derive(network("1-1-1", "tanh", "half_se")), text)


def test_the_reader_reads_a_prime_on_a_name_and_the_primed_letter_applied():
    text = "$$C'(W_O) = R'(Z_O) \\cdot R(Z_h) \\cdot R(x + 1)$$"
    (stmt,) = parse_document(text)
    assert stmt.lhs.func == LAGRANGE and [a.name for a in stmt.lhs.args] == ["C", "W_O"]
    first, second, third = stmt.sides[0].factors
    assert first.func == LAGRANGE and second.func == LAGRANGE_AT
    assert not third.atoms(LAGRANGE_AT)  # R (x + 1): a product, as before
    with pytest.raises(LatexParseError, match="prime on the name"):
        parse_document("$$a = C''(W)$$")
