r"""Strict reader for hand-written backprop derivations in LaTeX.

Contract: text goes in, SymPy objects come out, or a one-line ``LatexParseError`` that says what is
wrong, where (``line L, col C``) and how to fix it. Nothing is evaluated: a tokenizer and a small
recursive-descent parser build SymPy objects directly (no eval/sympify/parse_expr/parse_latex).
Everything is bounded: input size, nesting depth, number size, operand count and wall time.

Raw names (the verifier maps them to network symbols):
  w_{11}, w_{1 1}, w_{1,1} -> w_11, w_11, w_1,1      z_{h1}, z_{h_1}, z_{h_{1}}  -> z_h1
  y_T, y_{TRUE}, y_{\text{TRUE}} -> y_T, y_TRUE       \delta_1 -> delta_1,  \eta -> eta
  \hat{z}, \hat z, z_{\hat{}} -> z_hat               \hat{z}_o -> z_hat_o,  z_o -> z_o
  {}^2Z, {}^{2}Z -> Z^2 (prescript layer mark)        \text{output}, output -> output
  e -> sympy.E (a lone e only; e_1 is a name)         \pi -> sympy.pi
``^`` is a power everywhere else: ``z_{h_1}^1`` is z_h1**1 and ``z_o^2`` is z_o**2. Layer marks
written ``a^{(2)}`` / ``a^{[2]}`` are rejected rather than read as powers.

Functions: \sigma(x), sigmoid(x) -> sigma(x); \sigma'(x) -> sigma_prime(x); g(x), f(x) (only when
followed by '('); \exp \log \ln \tanh \sinh \cosh \sin \cos; ReLU/relu -> relu; softmax; \max, \min.
\tanh^2(x) is tanh(x)**2. Bare latin runs are juxtaposed letters (ab = a*b) except the words out,
output, Loss, ReLU, relu, tanh, exp, log, ln, sigmoid, softmax.

A partial derivative is a ``Partial`` when it stands as a factor; inside a larger expression (``W -
\eta \frac{\partial L}{\partial W}``) it becomes the applied function ``PARTIAL(num, den)``.

Modules: `source` (positions, limits, errors), `tokens` (tokenizer), `cursor`, `names`,
`derivatives` and `expressions` (the recursive-descent parser), `document` (the scanner),
`statements` (what comes out, the '//' mark included).
"""

from .document import parse_document, parse_formula, scan_document
from .source import LatexParseError
from .statements import DITTO, PARTIAL, Partial, Product, Statement, product_expr

__all__ = [
    "DITTO",
    "PARTIAL",
    "LatexParseError",
    "Partial",
    "Product",
    "Statement",
    "parse_document",
    "parse_formula",
    "product_expr",
    "scan_document",
]
