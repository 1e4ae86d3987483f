"""Our activation functions as SymPy `Function` classes, each with its own derivative (`fdiff`).

`fdiff` writes the derivative in terms of the function itself where it can (σ' = σ(1-σ)), so a
forward value can be reused and sheets read like hand derivations. `definition()` gives the explicit
formula, used only by independent checks (`symbolic.check`).
"""

from __future__ import annotations

import sympy as sp
from sympy.core.logic import fuzzy_and


class Activation(sp.Function):
    """Base of our scalar activations: `definition()` expands to the explicit formula."""

    def definition(self) -> sp.Expr:
        raise NotImplementedError

    def _eval_is_extended_real(self):
        """Real on real arguments, so a numeric call such as softplus(1/2) is comparable."""
        return fuzzy_and(arg.is_extended_real for arg in self.args)

    def _eval_evalf(self, prec):
        return self.definition()._eval_evalf(prec)


class sigmoid(Activation):
    """σ(z) = 1 / (1 + e^{-z})."""

    nargs = 1

    def fdiff(self, argindex=1):
        return self * (1 - self)

    def definition(self):
        return 1 / (1 + sp.exp(-self.args[0]))


class relu(Activation):
    """ReLU(z) = max(0, z); its derivative is the step H(z)."""

    nargs = 1

    def fdiff(self, argindex=1):
        return sp.Heaviside(self.args[0])

    def definition(self):
        return sp.Max(0, self.args[0])


class leaky_relu(Activation):
    """LeakyReLU(z, α) = α z + (1 - α) max(0, z)."""

    nargs = 2

    def fdiff(self, argindex=1):
        z, alpha = self.args
        return alpha + (1 - alpha) * sp.Heaviside(z)

    def definition(self):
        z, alpha = self.args
        return alpha * z + (1 - alpha) * sp.Max(0, z)


class softplus(Activation):
    """softplus(z) = log(1 + e^z); its derivative is σ(z)."""

    nargs = 1

    def fdiff(self, argindex=1):
        return sigmoid(self.args[0])

    def definition(self):
        return sp.log(1 + sp.exp(self.args[0]))


class identity(Activation):
    """identity(z) = z, kept unevaluated so a layer's activation has a name."""

    nargs = 1

    def fdiff(self, argindex=1):
        return sp.Integer(1)

    def definition(self):
        return self.args[0]


class softmax(sp.Function):
    """softmax(k, z_1, ..., z_n) = e^{z_k} / sum_j e^{z_j}: output k of a softmax layer (k from 1)."""

    def fdiff(self, argindex=1):
        k = int(self.args[0])
        j = argindex - 1  # args[0] is the index
        if j == 0:
            raise sp.ArgumentIndexError(self, argindex)
        other = softmax(j, *self.args[1:])
        return self * ((1 if j == k else 0) - other)

    def definition(self):
        k, zs = int(self.args[0]), self.args[1:]
        return sp.exp(zs[k - 1]) / sp.Add(*[sp.exp(z) for z in zs])


class Prime(sp.Function):
    """f'(z) of an activation, applied elementwise in the matrix (delta) form.

    Subclasses are made per activation by `prime_of`; `rule` maps the argument to f'(z).
    """

    rule = None  # set on subclasses: Callable[[Expr], Expr]

    def definition(self):
        return type(self).rule(self.args[0])


def custom_activation(name: str, formula: sp.Expr, z: sp.Symbol, derivative: sp.Expr, F: sp.Symbol) -> type:
    """A new Activation class for a user formula f(z); `derivative` is f' in z and F (= f(z))."""

    def fdiff(self, argindex=1):
        arg = self.args[0]
        return derivative.xreplace({z: arg, F: self})

    def definition(self):
        return formula.xreplace({z: self.args[0]})

    cls = type(
        name,
        (Activation,),
        {"nargs": 1, "fdiff": fdiff, "definition": definition, "__doc__": f"{name}(z) = {formula}"},
    )
    return cls


def expand_definitions(expr: sp.Basic) -> sp.Basic:
    """Replace every Activation and Prime by its explicit formula, innermost first."""
    return expr.replace(lambda e: isinstance(e, (Activation, Prime, softmax)), lambda e: e.definition())
