r"""`\max(z^{[2]})`, `\min(z)`: the largest (smallest) entry of a whole vector, as the numerically
stable softmax writes it (`e^{z_j - \max(z)} / \sum_k e^{z_k - \max(z)}`). The reader keeps it as
VECTOR_MAX(z) (VECTOR_MIN), one argument; verify/indices.py opens it into Max(z_1, ..., z_n) over
the entries the network gives that name, or leaves it unread. `\max_k z_k` (the index form) is
MAX_OVER(body, k), opened the same way over the values of k. A plain-word `sum(v)` (code-like
notation: `-sum(Y * \log(\hat{Y}))`) is VECTOR_SUM(v), the sum of the entries of v.
"""

from __future__ import annotations

import sympy

VECTOR_MAX = sympy.Function("VectorMax")
VECTOR_MIN = sympy.Function("VectorMin")
MAX_OVER = sympy.Function("MaxOver")
VECTOR_SUM = sympy.Function("VectorSum")  # sum(Y * \log(\hat{Y})): verify/vector_sums.py
MIN_OVER = sympy.Function("MinOver")
BINDERS = ("MaxOver", "MinOver")  # bind their index, as a sum does
WHOLE = {"VectorMax": sympy.Max, "VectorMin": sympy.Min, "MaxOver": sympy.Max, "MinOver": sympy.Min}


def whole_vector(name: str, arg: sympy.Expr) -> sympy.Expr:
    """max / min of one argument: of a vector's entries."""
    return (VECTOR_MAX if name == "max" else VECTOR_MIN)(arg)


def over_index(name: str, body: sympy.Expr, var: sympy.Symbol) -> sympy.Expr:
    """\\max_k body: the largest value of body over k."""
    return (MAX_OVER if name == "max" else MIN_OVER)(body, var)
