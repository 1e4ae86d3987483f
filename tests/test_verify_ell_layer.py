"""The layer letter written \\ell (Abu-Mostafa et al.'s x^{(\\ell)}, s^{(\\ell)}; many course notes'
a^{(\\ell)}): read as the layer letter l in a name's layer mark, in scalar and in vector statements
(latex/names.layer_mark, latex/matrix_parts.layer). Before, `expected a value, found token ell`
and `cannot read the layer: 'ell'`: the statement was not read.
"""

from __future__ import annotations

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text


def _said(net: str, text: str) -> tuple[list[str], str]:
    report = verify_text(derive(network(net)), text + "\n")
    return [v.status for v in report.verdicts], render_text(report)


def test_ell_in_a_scalar_statement_is_the_layer_letter():
    right = r"\[ \frac{\partial E}{\partial w^{(\ell)}_{jk}} = \delta^{(\ell)}_j a^{(\ell-1)}_k \]"
    statuses, text = _said("2-2-1", right)
    assert statuses and set(statuses) == {"correct"}, text
    slip = right.replace(r"a^{(\ell-1)}_k", r"a^{(\ell)}_k")
    statuses, text = _said("2-2-1", slip)
    assert "wrong" in statuses and "factor 2" in text, text


def test_ell_in_a_vector_statement_is_the_layer_letter():
    right = r"\[ \delta^{(\ell)} = ((W^{(\ell+1)})^T \delta^{(\ell+1)}) \odot \sigma'(z^{(\ell)}) \]"
    statuses, text = _said("2-3-3-1", right)
    assert statuses == ["correct", "correct"], text
    statuses, text = _said("2-3-3-1", right.replace(r"(W^{(\ell+1)})^T", r"W^{(\ell+1)}"))
    assert "wrong" in statuses and "transpose" in text, text
