"""Printers for the tensor backends: a Derivation's batched matrix expressions as PyTorch or JAX.

The NumPy printer (codegen/numpy_printer.py) already spells our names, the batch convention
(rows = samples: W a prints as a @ W.T, δ aᵀ as δ.T @ a), the reuse of a stored f(z) and the
stable rewrites of user formulas (codegen/stabilize.py); these subclasses change only the library:
elementary functions by the spellings of SymPy's own TorchPrinter and JaxPrinter
(sympy.printing.pytorch, sympy.printing.numpy; tests/test_backend_tensor.py checks they agree),
activations by the registry's `torch` / `jax` fields, and a number that is no plain rational
(sqrt(2), π) as a Python float, since torch.sqrt(2) is an error.

f′ is printed as the sheet writes it (the activation's fdiff, in terms of the stored a where it
can be): σ′ = a(1 − a), the form PyTorch's and JAX's own sigmoid gradients use, one fused pass
(σ(z)σ(−z), the NumPy module's form, would cost a second exp per element: 1.9x autograd's step
on a narrow net over many rows). It cannot overflow or give NaN (a is in [0, 1]); where σ′ is
below about 1e-8 (|z| > 18) it keeps its absolute accuracy (1e-16), not its relative one.
A sum prints its positive terms first (a2 - Y, not -Y + a2: one tensor pass instead of two).
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions import DiagMatrix
from sympy.printing.precedence import precedence

from symbolic import functions as fn

from ...escape import py_docstring
from ...numpy_printer import NumpyPrinter

# SymPy function name -> spelling; every name NumpyPrinter knows (the formula whitelist and what
# its derivatives and stabilize produce)
TORCH_FUNCS = {
    "exp": "torch.exp",
    "log": "torch.log",
    "tanh": "torch.tanh",
    "sinh": "torch.sinh",
    "cosh": "torch.cosh",
    "sin": "torch.sin",
    "cos": "torch.cos",
    "Abs": "torch.abs",
    "atan": "torch.atan",
    "erf": "torch.erf",
    "sign": "torch.sign",
    "expm1": "torch.expm1",
    "log1p": "torch.log1p",
}
JAX_FUNCS = {
    "exp": "jnp.exp",
    "log": "jnp.log",
    "tanh": "jnp.tanh",
    "sinh": "jnp.sinh",
    "cosh": "jnp.cosh",
    "sin": "jnp.sin",
    "cos": "jnp.cos",
    "Abs": "jnp.abs",
    "atan": "jnp.arctan",
    "erf": "jax.lax.erf",
    "sign": "jnp.sign",
    "expm1": "jnp.expm1",
    "log1p": "jnp.log1p",
}


class TensorPrinter(NumpyPrinter):
    """Shared by both libraries; a subclass sets `lib`, `module`, `funcs` and the spellings below."""

    lib = ""  # the ActivationRule field holding this library's f(z)
    funcs: dict[str, str] = {}
    step_def = ""  # the body of _step(z) = H(z), H(0) = 0, in z's dtype
    sum_last = ""  # Σ over the last axis, kept: {x}

    def _print_Function(self, expr):
        name = type(expr).__name__
        if expr.is_number and expr.is_real and not isinstance(expr, fn.Activation):
            return repr(float(expr))
        if isinstance(expr, fn.Prime):
            return self._print(expr.activation.prime(expr.args[0]).xreplace(self.reuse))
        if isinstance(expr, fn.Activation):
            return self._activation(expr)
        if name in self.funcs:
            return f"{self.funcs[name]}({', '.join(self._print(a) for a in expr.args)})"
        raise ValueError(f"no {self.lib} spelling for {name}")  # a bug in a table, not user input

    def _activation(self, expr) -> str:
        """A built-in activation inline from its registry spelling when that names z once,
        else a module-level helper `_name(z)` (a formula's definition, printed by this printer)."""
        rule = next((r for r in _table_rules() if r.func is type(expr)), None)
        spelling: str = getattr(rule, self.lib, "") if rule is not None else ""
        alpha = {"alpha": self._print(expr.args[1])} if len(expr.args) > 1 else {}
        if spelling and spelling.count("{z}") == 1:
            arg = expr.args[0]
            text = self._print(arg)
            if not (arg.is_Symbol or spelling == "{z}" or spelling.endswith("({z})")):
                text = f"({text})"
            return spelling.format(z=text, **alpha)
        return f"{self._helper(expr)}({self._print(expr.args[0])})"

    def _helper_def(self, name, expr) -> str:
        z = sp.Symbol("z", real=True)
        rule = next((r for r in _table_rules() if r.func is type(expr)), None)
        params = tuple(expr.args[1:])
        spelling: str = getattr(rule, self.lib, "") if rule is not None else ""
        if rule is not None and spelling:
            alpha = {"alpha": self._print(params[0])} if params else {}
            body = spelling.format(z="z", **alpha)
            doc = f"{rule.name}(z), written so it cannot overflow"
        else:
            body = self._print(type(expr)(z, *params).definition())
            doc = (getattr(type(expr), "__doc__", "") or name).strip().splitlines()[0]
        return f'def {name}(z):\n    """{py_docstring(doc)}"""\n    return {body}'

    def _print_ElementwiseApplyFunction(self, expr):
        f = expr.function
        u = sp.Symbol(self._print(expr.expr), real=True)
        body = f(u) if not isinstance(f, sp.Lambda) else f.expr.xreplace({f.variables[0]: u})
        if isinstance(body, fn.Prime):
            body = body.activation.prime(u)  # the sheet's f′ (see the module docstring)
        return self._print(body.xreplace(self.reuse))

    def _print_Add(self, expr, order=None):
        terms = list(expr.args)
        first = [t for t in terms if not t.could_extract_minus_sign()]
        rest = [t for t in terms if t.could_extract_minus_sign()]
        if not first:
            return super()._print_Add(expr, order)
        prec = precedence(expr)
        text = " + ".join(self.parenthesize(t, prec) for t in first)
        for t in rest:
            text += f" - {self.parenthesize(-t, prec + 1 if (-t).is_Add else prec)}"
        return text

    def _print_Heaviside(self, expr):
        if "_step" not in self.helpers:
            self.helpers["_step"] = (
                f'def _step(z):\n    """H(z) with H(0) = 0, in z\'s dtype."""\n    {self.step_def}'
            )
        return f"_step({self._print(expr.args[0])})"

    def _print_Pow(self, expr, rational=False):
        if expr.is_number and expr.is_real:
            return repr(float(expr))
        return super()._print_Pow(expr, rational)

    def _print_NumberSymbol(self, expr):
        return repr(float(expr))

    _print_Exp1 = _print_Pi = _print_NumberSymbol

    def _print_MatMul(self, expr):
        coeff, mats = expr.as_coeff_matrices()
        if len(mats) == 2 and isinstance(mats[0], sp.MatAdd):  # (diag(a) - a aᵀ) g: softmax
            a = next(m.args[0] for m in mats[0].args if isinstance(m, DiagMatrix))
            prefix = "" if coeff == 1 else f"{self._print(coeff)} * "
            a, g = self._print(a), self._print(mats[1])
            return prefix + f"{a} * ({g} - {self.sum_last.format(x=f'{a} * {g}')})"
        if len(mats) == 2 and isinstance(mats[0], sp.OneMatrix):  # a shared bias
            if mats[0].shape[1] == 1:  # 1 b: its one number broadcast over the layer's units
                return self._print(mats[1])
            return f"{self._print(mats[1])}.sum().reshape(1)"  # 1ᵀδ summed over the batch too
        return super()._print_MatMul(expr)

    def _print_batch_sum(self, expr):
        return f"{self._print(expr.args[0])}.sum(0)"


class TorchPrinter(TensorPrinter):
    lib, module, funcs = "torch", "torch", TORCH_FUNCS
    step_def = "return (z > 0.0).to(z.dtype)"
    sum_last = "torch.sum({x}, dim=-1, keepdim=True)"

    def _print_Max(self, expr):
        return self._clamp(expr.args, "min", "torch.maximum")

    def _print_Min(self, expr):
        return self._clamp(expr.args, "max", "torch.minimum")

    def _clamp(self, args, bound, func):
        """torch.maximum wants two tensors: a number bound is a clamp."""
        numbers = [a for a in args if a.is_number]
        tensors = [a for a in args if not a.is_number]
        text = self._print(tensors[0])
        for a in tensors[1:]:
            text = f"{func}({text}, {self._print(a)})"
        if numbers:
            c = (max if bound == "min" else min)(float(a) for a in numbers)
            text = f"torch.clamp({text}, {bound}={c!r})"
        return text

    def _print_MatAdd(self, expr):
        """W a + b as one addmm (the bias added by the matmul kernel; a shared one broadcast)."""
        if len(expr.args) == 2:
            for mm, b in (expr.args, expr.args[::-1]):
                coeff, mats = mm.as_coeff_matrices() if isinstance(mm, sp.MatMul) else (0, ())
                if isinstance(b, sp.MatMul) and isinstance(b.args[0], sp.OneMatrix):  # 1 b
                    b = b.args[-1]
                if (
                    isinstance(b, sp.MatrixSymbol)
                    and coeff == 1
                    and len(mats) == 2
                    and self._is_param(mats[0])
                ):
                    return f"torch.addmm({self._print(b)}, {self._print(mats[1])}, {self._param_t(mats[0])})"
        return super()._print_MatAdd(expr)


class JaxPrinter(TensorPrinter):
    lib, module, funcs = "jax", "jnp", JAX_FUNCS
    step_def = "return (z > 0.0).astype(z.dtype)"
    sum_last = "jnp.sum({x}, axis=-1, keepdims=True)"

    def _print_Max(self, expr):
        return self._reduce("jnp.maximum", expr.args)

    def _print_Min(self, expr):
        return self._reduce("jnp.minimum", expr.args)


def _table_rules():
    from symbolic.activations import TABLE

    return TABLE.values()


for _name in TORCH_FUNCS:
    setattr(TensorPrinter, f"_print_{_name}", TensorPrinter._print_Function)
