"""NumPy printer: SymPy expressions of a Derivation -> NumPy source text for generated modules.

Arrays are batched with rows = samples. A scalar symbol of the sheet (z_h1, delta_o) prints as its
code name and stands for a column of values, one per sample; a matrix symbol (z1, delta1) stands
for an (n, width) array whose row r is the sheet's column vector for sample r. Our activations
print as module-level helpers (`_sigmoid(z)`), each defined once from the activation table's
stable NumPy spelling (and `_sigmoid_pair(z)` -> (f(z), f′(z)) where the table has a `numpy_pair`
body sharing one exp); the helpers a module needs are collected as the printer runs.
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions import DiagMatrix, HadamardProduct
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.printing.pycode import PythonCodePrinter

from symbolic import functions as fn

from .escape import py_docstring
from .stabilize import stabilize


class batch_sum(sp.Function):
    """The sum over the batch of a per-sample expression (gradients are batch sums of δ·a)."""

    nargs = 1


# Elementary functions: SymPy name -> NumPy name.
NUMPY_FUNCS = {
    "exp": "np.exp",
    "log": "np.log",
    "tanh": "np.tanh",
    "sinh": "np.sinh",
    "cosh": "np.cosh",
    "sin": "np.sin",
    "cos": "np.cos",
    "Abs": "np.abs",
    "atan": "np.arctan",
    "erf": "_erf",
    "sign": "np.sign",
    "expm1": "np.expm1",
    "log1p": "np.log1p",
}

LOGSUMEXP = (
    "def _logsumexp(z):\n"
    '    """log Σ_k exp(z_k) over the last axis (kept), shifted by the row maximum."""\n'
    "    m = z.max(axis=-1, keepdims=True)\n"
    "    return m + np.log(np.exp(z - m).sum(axis=-1, keepdims=True))"
)
SOFTMAX_LSE = (
    "def _softmax_lse(z):\n"
    '    """(softmax(z), log Σ_k exp(z_k)) over the last axis: one exp, shifted by the row '
    'maximum."""\n'
    "    m = z.max(axis=-1, keepdims=True)\n"
    "    e = np.exp(z - m)\n"
    "    s = e.sum(axis=-1, keepdims=True)\n"
    "    return e / s, m + np.log(s)"
)


class NumpyPrinter(PythonCodePrinter):
    """PythonCodePrinter with our names, our activations as helpers and NumPy functions."""

    printmethod = "_numpycode"

    def __init__(self, names: dict, settings=None, weights=frozenset()):
        super().__init__({"fully_qualified_modules": False, **(settings or {})})
        self.names = names  # Symbol -> code name
        self.weights = weights  # the layers' W (d.layers[i].W): not batched, stored transposed
        self.helpers: dict[str, str] = {}  # helper name -> its `def` text, in order of first use
        self.reuse: dict = {}  # f(z) -> the symbol already holding it (matrix form)

    def _print(self, expr, **kwargs):
        """Every expression printed, including the ones the printer makes itself (a custom
        activation's definition and f′), goes through the stable rewrites of `stabilize`."""
        return super()._print(stabilize(expr), **kwargs)

    # names and numbers ------------------------------------------------------------------------
    def _print_Symbol(self, expr):
        return self.names.get(expr, expr.name)

    _print_MatrixSymbol = _print_Symbol
    _print_Dummy = _print_Symbol

    def _print_Rational(self, expr):
        return repr(float(expr))

    _print_Half = _print_Rational

    def _print_Float(self, expr):
        return repr(float(expr))

    def _print_Pow(self, expr, rational=False):
        return self._hprint_Pow(expr, rational=rational, sqrt=f"{self.module}.sqrt")

    # SymPy's printer asks for math.sqrt, math.pi, math.e, math.inf by their `math` names and,
    # with fully_qualified_modules off, printed them bare (NameError in the module): this
    # printer's module spells them (np.pi, np.sqrt; math.pi on the Python-float rows)
    module = "np"

    def _module_format(self, fqn, register=True):
        return f"{self.module}.{fqn.rpartition('.')[2]}"

    # functions --------------------------------------------------------------------------------
    def _print_Function(self, expr):
        name = type(expr).__name__
        if isinstance(expr, fn.Prime):
            return self._print(expr.activation.prime_for_code(expr.args[0]))
        if isinstance(expr, fn.Activation):
            return f"{self._helper(expr)}({self._print(expr.args[0])})"
        if name in NUMPY_FUNCS:
            return f"{NUMPY_FUNCS[name]}({', '.join(self._print(a) for a in expr.args)})"
        raise ValueError(f"no NumPy spelling for {name}")  # a bug in a table, not user input

    def _print_Heaviside(self, expr):
        z = self._print(expr.args[0])
        z = z if expr.args[0].is_Symbol else f"({z})"
        return f"({z} > 0.0).astype(DTYPE)"

    def _print_Max(self, expr):
        return self._reduce("np.maximum", expr.args)

    def _print_Min(self, expr):
        return self._reduce("np.minimum", expr.args)

    def _reduce(self, func, args):
        text = self._print(args[0])
        for a in args[1:]:
            text = f"{func}({text}, {self._print(a)})"
        return text

    def _print_batch_sum(self, expr):
        """Σ over the batch: x.sum(axis=0); one dot product for a product of two columns."""
        coeff, arg = expr.args[0].as_coeff_Mul()
        scale = "" if coeff == 1 else f"{self._print(coeff)} * "
        if arg.is_Pow and arg.exp == 2 and arg.base.is_Symbol:
            arg = sp.Mul(arg.base, arg.base, evaluate=False)
        if isinstance(arg, (sp.Symbol, sp.MatrixSymbol)):
            return f"{scale}{self._print(arg)}.sum(axis=0)"
        if arg.is_Mul and len(arg.args) == 2 and all(a.is_Symbol for a in arg.args):
            return f"{scale}np.dot({self._print(arg.args[0])}, {self._print(arg.args[1])})"
        return f"{scale}np.sum({self._print(arg)}, axis=0)"

    def _helper(self, expr) -> str:
        """The module-level helper spelling this activation (defined once per module)."""
        cls = type(expr)
        name = f"_{cls.__name__}"
        if name not in self.helpers:
            self.helpers[name] = ""  # reserve the position before printing the body
            self.helpers[name] = self._helper_def(name, expr)
        return name

    pair_field, pair_suffix = "numpy_pair", ""  # which table spelling, and the helper's name

    def pair_doc(self, rule) -> str:
        return f"({rule.name}(z), its derivative): one exp, no overflow, no cancellation"

    def pair_helper(self, rule) -> str:
        """The helper returning (f(z), f′(z)) from the table's pair spelling."""
        name = f"_{rule.name}_pair{self.pair_suffix}"
        if name not in self.helpers:
            lines = getattr(rule, self.pair_field)
            body = "\n".join(f"    {line.format(z='z')}" for line in lines)
            self.helpers[name] = f'def {name}(z):\n    """{self.pair_doc(rule)}"""\n{body}'
        return name

    def _helper_def(self, name, expr) -> str:
        z = sp.Symbol("z", real=True)
        rule = next((r for r in _table_rules() if r.func is type(expr)), None)
        params = tuple(expr.args[1:])
        if rule is not None and rule.numpy:
            alpha = {"alpha": self._print(params[0])} if params else {}
            body = rule.numpy.format(z="z", **alpha)
            doc = f"{rule.name}(z), written so it cannot overflow"
        else:
            body = self._print(type(expr)(z, *params).definition())
            doc = (getattr(type(expr), "__doc__", "") or name).strip().splitlines()[0]
        return f'def {name}(z):\n    """{py_docstring(doc)}"""\n    return {body}'

    # batched matrices (rows = samples) ----------------------------------------------------------
    def _is_param(self, m) -> bool:
        """W or Wᵀ of a layer: the only matrices that are not batched."""
        return (m.arg if isinstance(m, sp.Transpose) else m) in self.weights

    def _print_MatAdd(self, expr):
        return " + ".join(self._print(a) for a in expr.args)

    def _print_MatMul(self, expr):
        coeff, mats = expr.as_coeff_matrices()
        prefix = "" if coeff == 1 else f"{self._print(coeff)} * "
        if len(mats) == 2 and isinstance(mats[0], sp.OneMatrix):  # a shared bias (1 b, 1ᵀδ)
            if mats[0].shape[1] == 1:  # 1 b: the one number broadcast over the layer's units
                return prefix + self._print(mats[1])
            return prefix + f"np.sum({self._print(mats[1])}, axis=-1, keepdims=True)"  # 1ᵀδ per row
        if len(mats) == 2 and self._is_param(mats[0]):  # W a  ->  a @ W.T;  W^T d -> d @ W
            return prefix + f"{self._print(mats[1])} @ {self._param_t(mats[0])}"
        if len(mats) == 2 and isinstance(mats[1], sp.Transpose):  # δ aᵀ summed over the batch
            return prefix + f"{self._print(mats[0])}.T @ {self._print(mats[1].arg)}"
        if len(mats) == 2 and isinstance(mats[0], sp.MatAdd):  # (diag(a) - a aᵀ) g: softmax
            a, g = (
                self._print(mats[0].args[0].args[0]) if isinstance(mats[0].args[0], DiagMatrix) else None,
                self._print(mats[1]),
            )
            return prefix + f"{a} * ({g} - np.sum({a} * {g}, axis=-1, keepdims=True))"
        raise ValueError(f"no batched spelling for {expr}")

    def _param_t(self, m):
        return self._print(m.arg) if isinstance(m, sp.Transpose) else f"{self._print(m)}.T"

    def _print_HadamardProduct(self, expr):
        return " * ".join(self._wrap(a) for a in expr.args)

    def _wrap(self, e):
        text = self._print(e)
        return text if isinstance(e, sp.MatrixSymbol) else f"({text})"

    def _print_ElementwiseApplyFunction(self, expr):
        f = expr.function
        u = sp.Symbol(self._print(expr.expr), real=True)
        body = f(u) if not isinstance(f, sp.Lambda) else f.expr.xreplace({f.variables[0]: u})
        if isinstance(body, fn.Prime):
            body = body.activation.prime_for_code(u)
        return self._print(body.xreplace(self.reuse))


class RowPrinter(NumpyPrinter):
    """The same lines on one row: every symbol a Python float, `math` for the functions, and a
    batch sum printed as the row's term (the caller accumulates it with +=)."""

    def _print_Function(self, expr):
        name = type(expr).__name__
        if name in MATH_FUNCS and not isinstance(expr, fn.Activation):
            return f"{MATH_FUNCS[name]}({', '.join(self._print(a) for a in expr.args)})"
        return super()._print_Function(expr)

    def _print_Heaviside(self, expr):
        return f"float({self._print(expr.args[0])} > 0.0)"

    def _print_Max(self, expr):
        return f"max({', '.join(self._print(a) for a in expr.args)})"

    def _print_Min(self, expr):
        return f"min({', '.join(self._print(a) for a in expr.args)})"

    module = "math"

    def _print_Pow(self, expr, rational=False):
        """x**p on a Python float is complex for x < 0 and a fractional p: math.pow raises
        ValueError instead, and the caller falls back to the NumPy path (nan, like NumPy)."""
        if expr.exp.is_Integer or expr.exp in (sp.S.Half, -sp.S.Half):
            return super()._print_Pow(expr, rational)
        return f"math.pow({self._print(expr.base)}, {self._print(expr.exp)})"

    def _print_batch_sum(self, expr):
        text = self._print(expr.args[0])
        return f"({text})" if expr.args[0].is_Add else text  # it may stand in a product

    pair_field, pair_suffix = "python_pair", "_row"

    def pair_doc(self, rule) -> str:
        return f"_{rule.name}_pair on one Python float"

    def _helper(self, expr) -> str:
        cls = type(expr)
        name = f"_{cls.__name__}_row"
        if name not in self.helpers:
            rule = next(r for r in _table_rules() if r.func is cls)
            alpha = {"alpha": self._print(expr.args[1])} if len(expr.args) > 1 else {}
            self.helpers[name] = (
                f'def {name}(z):\n    """{rule.name}(z) on one Python '
                f'float"""\n    return {rule.python.format(z="z", **alpha)}'
            )
        return name


# Elementary functions on one Python float: SymPy name -> math (or builtin) name.
MATH_FUNCS = {
    "exp": "math.exp",
    "log": "math.log",
    "tanh": "math.tanh",
    "sinh": "math.sinh",
    "cosh": "math.cosh",
    "sin": "math.sin",
    "cos": "math.cos",
    "Abs": "abs",
    "atan": "math.atan",
    "erf": "math.erf",
    "expm1": "math.expm1",
    "log1p": "math.log1p",
}


def rows_supported(d) -> bool:
    """A one-row Python-float version exists: every activation has a `python` spelling and the
    loss needs no NumPy-only spelling from logits."""
    return not d.spec.loss.numpy_logits and all(
        rule.python and (rule.python_pair or not rule.numpy_pair) for rule in d.spec.activations
    )


def _table_rules():
    from symbolic.activations import TABLE

    return TABLE.values()


for _name in NUMPY_FUNCS:
    setattr(NumpyPrinter, f"_print_{_name}", NumpyPrinter._print_Function)
    setattr(RowPrinter, f"_print_{_name}", RowPrinter._print_Function)

__all__ = [
    "NumpyPrinter",
    "RowPrinter",
    "rows_supported",
    "batch_sum",
    "LOGSUMEXP",
    "SOFTMAX_LSE",
    "HadamardProduct",
    "ElementwiseApplyFunction",
]
