"""The activation registry: one row per activation, the only place one is declared (plus its
SymPy class in functions.py). Printers, parsers, the formula whitelist and the CLI read the rows.

Each row: the SymPy function (its `fdiff` is the derivative the sheet prints), the LaTeX and
Unicode spellings, a NumPy spelling of f(z) that cannot overflow, and where the printed derivative
would cancel catastrophically in floating point, a stable form of f'(z) for generated code; where
f and f' share their expensive part, a NumPy body computing both at once (`numpy_pair`); and the
same on one Python float with `math` (`python`, `python_pair`), for batches of a few rows.
Tests check every derivative against SymPy's `diff` of the definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import mpmath
import sympy as sp

from . import functions as fn
from .errors import SympropError
from .formula import parse_formula, real_somewhere
from .rule_key import rule_key
from .timelimit import time_limit


@dataclass(frozen=True)
class ActivationRule:
    name: str
    func: type  # SymPy Function class; called as func(z, *params)
    latex: str  # LaTeX name of f, e.g. r"\sigma"
    unicode: str  # terminal name of f, e.g. "σ"
    numpy: str  # NumPy spelling of f(z) with {z}; stable for |z| up to 1e4
    stable_prime: Callable[[sp.Expr], sp.Expr] | None = None  # f'(z) for generated code
    params: tuple = ()  # extra arguments (leaky_relu's slope)
    output_only: bool = False  # softmax: only on the output layer
    formula_text: str = ""  # the user's text, for custom activations
    # body of a helper `(f(z), f'(z))` sharing one transcendental; lines, the last a `return`
    numpy_pair: tuple[str, ...] = ()
    python: str = ""  # f(z) on one Python float (math module); stable likewise
    python_pair: tuple[str, ...] = ()  # numpy_pair on one Python float
    # matrix style: body of `_<name>_fwd(z)`, which overwrites the array z (no longer needed)
    # with f(z) and returns (f(z), f'(z)), f'(z) a fresh array of z's dtype: the backward pass
    # multiplies δ by it in place. Every line works in place; at most one exp/log per element
    numpy_matrix: tuple[str, ...] = ()
    init_gain: float = 1.0  # initial weights have std sqrt(init_gain / fan_in)
    # f(x) on an mpmath number for the verifier, given its overflow-safe exp; None: definition
    mpmath: Callable | None = None
    in_formulas: bool = True  # callable by its name in a formula (identity: write z)
    # C (the `--backend c` kernel): f(z) with {z} (and {alpha}), and a pair body computing f(z)
    # as its return value and f'(z) into *d; SP_EXP, SP_LOG1P, SP_MIN, ... are the kernel's
    # dtype-generic macros (float or double), integer literals keep the kernel's precision
    c: str = ""
    c_pair: tuple[str, ...] = ()
    # the dtypes where the matrix style's one C pass for f and f' beats the NumPy `numpy_matrix`
    # body (measured on 256x128 arrays; the --backend c module keeps NumPy elsewhere)
    c_matrix: tuple[str, ...] = ()
    # f(z) in PyTorch and in JAX (jnp, jax.nn), with {z} (and {alpha}); stable like `numpy`.
    # Empty: the backend prints the definition (custom activations) or handles it (softmax)
    torch: str = ""
    jax: str = ""
    also: tuple[str, ...] = ()  # other names documents write for f (LeakyReLU, Softplus)

    @property
    def elementwise(self) -> bool:
        return self.func is not fn.softmax

    def __call__(self, z: sp.Expr) -> sp.Expr:
        return self.func(z, *self.params)

    def prime(self, z: sp.Expr) -> sp.Expr:
        """f'(z) as the sheet writes it: in terms of f(z) where the table's fdiff says so."""
        return self.func(z, *self.params).fdiff(1)

    def prime_for_code(self, z: sp.Expr) -> sp.Expr:
        return self.stable_prime(z) if self.stable_prime else self.prime(z)

    @property
    def latex_word(self) -> str:
        """The word inside the LaTeX name: sigma for \\sigma, ReLU for \\operatorname{ReLU}."""
        return self.latex.rsplit("{", 1)[-1].rstrip("}").lstrip("\\")

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every name a reader may write for f: the row's name, its LaTeX word, its terminal name."""
        names = (self.name, self.latex_word, self.unicode, *self.also)
        return tuple(dict.fromkeys(n for n in names if n.isidentifier()))

    @property
    def prime_word(self) -> str:
        """The name a parsed f' gets: sigma_prime, relu_prime (the LaTeX word, lower case)."""
        return self.latex_word.lower() + "_prime"


TABLE: dict[str, ActivationRule] = {
    "sigmoid": ActivationRule(
        "sigmoid",
        fn.sigmoid,
        r"\sigma",
        "σ",
        "1.0 / (1.0 + np.exp(np.minimum(-{z}, EXP_MAX)))",
        stable_prime=lambda z: fn.sigmoid(z) * fn.sigmoid(-z),
        init_gain=4.0,  # σ′ ≤ 1/4: a wider start keeps small sigmoid nets out of the flat middle
        mpmath=lambda x, exp: 1 / (1 + exp(-x)),
        # e = exp(-z), its exponent capped at EXP_MAX (the module's, by dtype) so it cannot
        # overflow; s = σ(z) = 1/(1+e); e·s = σ(-z) = 1 - σ(z) without the cancellation;
        # σ′(z) = σ(z)σ(-z). One exp and six cheap passes (no np.where)
        numpy_pair=(
            "e = np.exp(np.minimum(-{z}, EXP_MAX))  # exp(-z), capped: never inf",
            "s = 1.0 / (1.0 + e)  # sigmoid(z)",
            "e *= s  # sigmoid(-z) = 1 - sigmoid(z), without the subtraction",
            "return s, e * s  # sigmoid′(z) = sigmoid(z) sigmoid(-z)",
        ),
        c="1 / (1 + SP_EXP(SP_MIN(-{z}, EXP_MAX)))",
        c_pair=(
            "real e = SP_EXP(SP_MIN(-{z}, EXP_MAX)); /* exp(-z), capped: never inf */",
            "const real s = 1 / (1 + e); /* sigmoid(z) */",
            "e *= s; /* sigmoid(-z) = 1 - sigmoid(z), without the subtraction */",
            "*d = e * s; /* sigmoid'(z) = sigmoid(z) sigmoid(-z) */",
            "return s;",
        ),
        c_matrix=("float32", "float64"),  # 1.67x, 1.62x
        python="1.0 / (1.0 + math.exp(-{z})) if {z} >= 0.0 else math.exp({z}) / (1.0 + math.exp({z}))",
        python_pair=(
            "e = math.exp(-abs({z}))",
            "r = 1.0 / (1.0 + e)",
            "er = e * r",
            "return (r if {z} >= 0.0 else er), er * r",
        ),
        # the pair above, in place and one pass shorter: E = exp(z) with its exponent capped
        # (never inf); σ(-z) = 1/(1+E), σ(z) = E σ(-z), σ′ = σ(z)σ(-z): no cancellation
        # (the cap as a row array: np.minimum against a scalar takes a slower loop)
        numpy_matrix=(
            "e = np.minimum({z}, np.full({z}.shape[-1], EXP_MAX, {z}.dtype), out={z})",
            "np.exp(e, out=e)  # exp(z), capped: never inf",
            "d = e + 1.0",
            "np.divide(1.0, d, out=d)  # sigmoid(-z) = 1 - sigmoid(z), no subtraction",
            "e *= d  # sigmoid(z)",
            "d *= e  # sigmoid′(z) = sigmoid(z) sigmoid(-z)",
            "return e, d",
        ),
        torch="torch.sigmoid({z})",
        jax="jax.nn.sigmoid({z})",
    ),
    "tanh": ActivationRule(
        "tanh",
        sp.tanh,
        r"\tanh",
        "tanh",
        "np.tanh({z})",
        python="math.tanh({z})",
        c="sp_tanh({z})",
        c_matrix=("float64",),  # 1.10x; NumPy's float32 tanh is one vectorised loop (C 0.57x)
        numpy_matrix=(
            "a = np.tanh({z}, out={z})",
            "d = a * a",
            "np.subtract(1.0, d, out=d)  # tanh′(z) = 1 - tanh(z)²",
            "return a, d",
        ),
        torch="torch.tanh({z})",
        jax="jnp.tanh({z})",
    ),
    "relu": ActivationRule(
        "relu",
        fn.relu,
        r"\operatorname{ReLU}",
        "ReLU",
        "np.maximum({z}, 0.0)",
        python="max({z}, 0.0)",
        c="SP_MAX({z}, 0)",
        init_gain=2.0,
        mpmath=lambda x, exp: max(x, 0),
        numpy_matrix=(
            "d = ({z} > 0.0).astype({z}.dtype)  # ReLU′(z) = H(z), H(0) = 0",
            "{z} *= d  # ReLU(z) = z H(z)",
            "return {z}, d",
        ),
        torch="torch.relu({z})",
        jax="jnp.maximum({z}, 0.0)",
    ),
    "leaky_relu": ActivationRule(
        "leaky_relu",
        fn.leaky_relu,
        r"\operatorname{LReLU}",
        "LReLU",
        "np.where({z} > 0.0, {z}, {alpha} * {z})",
        params=(sp.Rational(1, 100),),
        python="{z} if {z} > 0.0 else {alpha} * {z}",
        c="({z} > 0 ? {z} : {alpha} * {z})",
        c_matrix=("float64",),  # 1.39x; float32 1.01x
        init_gain=2.0,
        # f′ = H(z) + α(1 - H(z)), built so each value is exactly 1 or α; then f = z f′(z)
        numpy_matrix=(
            "h = ({z} <= 0.0).astype({z}.dtype)  # 1 - H(z)",
            "d = 1.0 - h",
            "h *= {alpha}",
            "d += h  # LReLU′(z): 1 where z > 0, else alpha",
            "{z} *= d  # LReLU(z) = z LReLU′(z)",
            "return {z}, d",
        ),
        torch="torch.where({z} > 0.0, {z}, {alpha} * {z})",
        jax="jnp.where({z} > 0.0, {z}, {alpha} * {z})",
        also=("LeakyReLU", "LeakyRelu", "leakyrelu", "lrelu"),
    ),
    "softplus": ActivationRule(
        "softplus",
        fn.softplus,
        r"\operatorname{softplus}",
        "softplus",
        "np.maximum({z}, 0.0) + np.log1p(np.exp(-np.abs({z})))",
        python="max({z}, 0.0) + math.log1p(math.exp(-abs({z})))",
        c="SP_MAX({z}, 0) + SP_LOG1P(SP_EXP(-SP_ABS({z})))",
        c_matrix=("float32", "float64"),  # 1.36x, 1.37x
        mpmath=lambda x, exp: x if exp(x) == mpmath.inf else mpmath.log1p(exp(x)),
        # one exp(-|z|) (in (0, 1]: cannot overflow) gives both softplus and σ; σ(z) is picked
        # from σ(|z|) and σ(-|z|) by arithmetic with H(z) (np.where is slower)
        numpy_matrix=(
            "t = np.abs({z})",
            "e = np.negative(t)",
            "np.exp(e, out=e)  # exp(-|z|)",
            "h = ({z} > 0.0).astype({z}.dtype)  # H(z)",
            "{z} += t",
            "{z} *= 0.5  # max(z, 0), exactly",
            "np.log1p(e, out=t)",
            "{z} += t  # softplus(z) = max(z, 0) + log(1 + exp(-|z|))",
            "np.add(e, 1.0, out=t)",
            "np.divide(1.0, t, out=t)  # sigmoid(|z|)",
            "e *= t  # sigmoid(-|z|)",
            "t -= e",
            "t *= h",
            "t += e  # softplus′(z) = sigmoid(z): sigmoid(|z|) if z > 0, else sigmoid(-|z|)",
            "return {z}, t",
        ),
        torch="torch.clamp({z}, min=0.0) + torch.log1p(torch.exp(-torch.abs({z})))",
        jax="jax.nn.softplus({z})",  # log(exp(z) + 1) as jnp.logaddexp(z, 0): stable
        also=("Softplus", "SoftPlus"),
    ),
    "identity": ActivationRule(
        "identity",
        fn.identity,
        r"\operatorname{id}",
        "id",
        "{z}",
        python="{z}",
        c="{z}",
        mpmath=lambda x, exp: x,
        in_formulas=False,
        torch="{z}",
        jax="{z}",
    ),
    "softmax": ActivationRule(
        "softmax",
        fn.softmax,
        r"\operatorname{softmax}",
        "softmax",
        "np.exp({z} - logsumexp({z}))",
        output_only=True,
    ),
}

Z = sp.Symbol("z", real=True)
_F = sp.Symbol("F", real=True)  # stands for f(z) while expressing f' in terms of f


def named() -> list[ActivationRule]:
    """The built-in rows a hand derivation may call by name, f(z): all but softmax."""
    return [rule for rule in TABLE.values() if rule.elementwise]


def by_spelling(word: str) -> ActivationRule | None:
    """The built-in row a reader's word names (sigma, sigmoid, ReLU, LReLU...), or None."""
    return next((rule for rule in TABLE.values() if rule.elementwise and word in rule.spellings), None)


def prime_word(word: str) -> str:
    """The name of f' for a reader's f: sigma_prime for sigma and sigmoid, g_prime for g."""
    rule = by_spelling(word)
    return rule.prime_word if rule else word.lower() + "_prime"


def activation(text: str, alpha: float | None = None, name: str = "f") -> ActivationRule:
    """Look up an activation by name, or build one from a formula in z (e.g. 'z/(1+exp(-z))')."""
    key = rule_key(text, TABLE, {}, ("z",), "activation", "z/(1+exp(-z))")
    if key is not None:
        rule = TABLE[key]
        if alpha is not None and rule.params:
            return ActivationRule(**{**rule.__dict__, "params": (_rational(alpha),)})
        return rule
    return custom(text, name)


def custom(text: str, name: str = "f") -> ActivationRule:
    """An activation from a user formula in z; f' is found by SymPy and written in f if it can be."""
    formula = parse_formula(text, {"z": Z}, what="activation formula")
    fprime = sp.diff(formula, Z)
    if not formula.has(Z) or fprime == 0:  # sin(z)**2 + cos(z)**2: f' is 0 and every line of
        # generated code holding it would be the number 0, not a column of the batch
        why = "" if not formula.has(Z) else " (its derivative is 0)"
        raise SympropError(
            f"activation formula {text!r} does not depend on z{why}",
            "write f as a formula in z, e.g. 'z/(1+exp(-z))'",
        )
    if not real_somewhere(formula, {Z: _SAMPLE_Z}):
        raise SympropError(
            f"activation formula {text!r} is not a real number at any z tried (-4 to 4)",
            "write f so that it has real values, e.g. 'z/(1+exp(-z))'",
        )
    derivative = in_terms_of_f(fprime, formula)
    cls = fn.custom_activation(name, formula, Z, derivative, _F)
    # numpy is empty: the code printer spells the definition of a custom activation itself
    return ActivationRule(name, cls, name, name, "", formula_text=text.strip())


_SAMPLE_Z = [sp.Rational(k, 4) for k in range(-16, 17)]


@lru_cache(maxsize=64)  # a formula on every layer (hidden f, output g) is inverted once
def in_terms_of_f(fprime: sp.Expr, formula: sp.Expr, seconds: float = 2.0) -> sp.Expr:
    """Write f'(z) as a rational function of F = f(z) when f is invertible; else keep it in z."""
    try:
        with time_limit(seconds):
            # no check, no simplify: SymPy's own check of each root calls `simplify` on f'(root)
            # and took the whole time limit on formulas such as exp(z)*tanh(z) (a cubic in e^z),
            # twice per net (hidden and output layer); `_agrees` checks a candidate anyway
            roots = sp.solve(sp.Eq(_F, formula), Z, check=False, simplify=False)
            finite = [r for r in roots if isinstance(r, sp.Expr) and not r.has(sp.zoo, sp.nan, sp.oo, -sp.oo)]
            for solution in finite[:4]:
                candidate = sp.cancel(sp.expand_log(fprime.xreplace({Z: solution}), force=True))
                if candidate.has(Z) or not candidate.is_rational_function(_F):
                    continue
                candidate = _tidy(sp.factor(sp.cancel(sp.together(candidate))))
                if _agrees(fprime, candidate, formula):
                    return candidate
    except (TimeoutError, NotImplementedError, ValueError, TypeError, ZeroDivisionError):
        pass
    return fprime


def _tidy(expr: sp.Expr) -> sp.Expr:
    """-(F - 1)*F reads better as F*(1 - F): move a leading minus into one sum."""
    coeff, factors = expr.as_coeff_mul()
    sums = [i for i, f in enumerate(factors) if f.is_Add]
    if not coeff.is_negative or not sums:
        return expr
    i = min(sums, key=lambda k: not factors[k].as_coeff_Add()[0].is_negative)  # F - 1 first
    return sp.Mul(-coeff, *factors[:i], -factors[i], *factors[i + 1 :])


def _agrees(fprime: sp.Expr, candidate: sp.Expr, formula: sp.Expr) -> bool:
    """Spot-check f'(z) == candidate(f(z)) before trusting an inversion (branches can lie)."""
    for point in (sp.Rational(3, 10), sp.Rational(-7, 10), sp.Rational(13, 10)):
        lhs = fprime.subs(Z, point).evalf(30)
        rhs = candidate.subs(_F, formula.subs(Z, point)).evalf(30)
        if not (lhs.is_real and rhs.is_real) or abs(lhs - rhs) > 1e-20 * (1 + abs(lhs)):
            return False
    return True


def _rational(value) -> sp.Rational:
    try:
        return sp.Rational(str(value))
    except (TypeError, ValueError, SyntaxError):
        raise SympropError(f"slope {value!r} is not a number", "give --alpha as e.g. 0.01") from None
