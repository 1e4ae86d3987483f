"""C printer: SymPy expressions of a Derivation -> C99 for the `--backend c` row kernel.

Every symbol of the sheet (z_h1, delta_o, w11) prints as its code name and is one `real` (the
kernel's float or double) of one row. Math goes through the kernel's dtype-generic macros
(SP_EXP, SP_LOG1P, ...: expf or exp), so one printed body serves float32 and float64; literals
carry an `f` in float32 (NumPy's weak Python scalars: 0.01*z is a float32 product there too).
Activations print as `static inline` helpers defined once, from the activation table's `c`
spellings (and `c_pair`: f(z) and f'(z) from one exp); a formula activation's helper is its
definition printed here after codegen/stabilize.py, as in the NumPy printer.
"""

from __future__ import annotations

import sympy as sp
from symbolic import functions as fn
from sympy.printing.c import C99CodePrinter

from ...escape import c_comment
from ...numpy_printer import batch_sum
from ...stabilize import stabilize

# SymPy function name -> the kernel's macro (defined per dtype in ctext.PRELUDE)
C_FUNCS = {
    "exp": "SP_EXP",
    "log": "SP_LOG",
    "tanh": "sp_tanh",
    "sinh": "SP_SINH",
    "cosh": "SP_COSH",
    "sin": "SP_SIN",
    "cos": "SP_COS",
    "Abs": "SP_ABS",
    "atan": "SP_ATAN",
    "erf": "SP_ERF",
    "sign": "sp_sign",
    "expm1": "SP_EXPM1",
    "log1p": "SP_LOG1P",
}


class CPrinter(C99CodePrinter):
    """C99CodePrinter with the sheet's names, the kernel's macros and our activations."""

    printmethod = "_symprop_c"

    def __init__(self, names: dict, dtype: str = "float64"):
        super().__init__()
        self.names = names  # Symbol -> code name
        self.suffix = "f" if dtype == "float32" else ""
        self.helpers: dict[str, str] = {}  # helper name -> its C definition, in order of first use
        self.signatures: list[str] = []  # their prototypes (a helper may call one defined later)

    def _print(self, expr, **kwargs):
        return super()._print(stabilize(expr), **kwargs)

    def _print_Symbol(self, expr):
        return self.names.get(expr, expr.name)

    _print_Dummy = _print_Symbol

    # numbers: doubles, or floats in float32 (integers stay integers: exact in either)
    def _print_Integer(self, expr):
        return str(int(expr))

    def _print_Rational(self, expr):
        return repr(float(expr)) + self.suffix

    _print_Half = _print_Rational
    _print_Float = _print_Rational

    def _print_Pow(self, expr, rational=False):
        base, e = expr.base, expr.exp
        b = self.parenthesize(base, 60)  # anything looser than a power gets brackets
        if e.is_Integer and 1 <= int(e) <= 4:
            return "(" + "*".join([b] * int(e)) + ")"
        if e.is_Integer and -4 <= int(e) <= -1:
            return f"(1/({'*'.join([b] * -int(e))}))"
        if e == sp.S.Half:
            return f"SP_SQRT({self._print(base)})"
        if e == -sp.S.Half:
            return f"(1/SP_SQRT({self._print(base)}))"
        return f"SP_POW({self._print(base)}, {self._print(e)})"

    def _print_Function(self, expr):
        name = type(expr).__name__
        if isinstance(expr, fn.Prime):
            return self._print(expr.activation.prime_for_code(expr.args[0]))
        if isinstance(expr, fn.Activation):
            return f"{self.helper(expr)}({self._print(expr.args[0])})"
        if name in C_FUNCS:
            return f"{C_FUNCS[name]}({', '.join(self._print(a) for a in expr.args)})"
        raise ValueError(f"no C spelling for {name}")  # a bug in a table, not user input

    def _print_Heaviside(self, expr):
        return f"({self._print(expr.args[0])} > 0 ? (real)1 : (real)0)"

    def _print_Max(self, expr):
        return self._reduce("SP_MAX", expr.args)

    def _print_Min(self, expr):
        return self._reduce("SP_MIN", expr.args)

    def _reduce(self, func, args):
        text = self._print(args[0])
        for a in args[1:]:
            text = f"{func}({text}, {self._print(a)})"
        return text

    def _print_Piecewise(self, expr):
        """One line of nested conditionals (the C99 printer's spans several)."""
        text = "NAN"
        for value, cond in reversed(expr.args):
            text = (
                self._print(value)
                if cond == sp.true
                else f"({self._print(cond)} ? {self._print(value)} : {text})"
            )
        return text

    def _print_batch_sum(self, expr):
        """A batch sum on one row is the row's term (the kernel accumulates it with +=)."""
        text = self._print(expr.args[0])
        return f"({text})" if expr.args[0].is_Add else text

    # helpers --------------------------------------------------------------------------------
    def helper(self, expr) -> str:
        """The `static inline` C function spelling this activation (defined once)."""
        cls = type(expr)
        name = f"sp_{cls.__name__}"
        if name not in self.helpers:
            self.helpers[name] = ""  # reserve the position before printing the body
            self.helpers[name] = self._helper_def(name, expr)
        return name

    def pair_helper(self, rule) -> str:
        """`real sp_<name>_pair(real z, real *d)`: f(z), with f'(z) in *d (one exp)."""
        name = f"sp_{rule.name}_pair"
        if name not in self.helpers:
            body = "\n".join(f"    {line.format(z='z')}" for line in rule.c_pair)
            signature = f"static SP_INLINE real {name}(const real z, real *restrict d)"
            self.signatures.append(signature + ";")
            self.helpers[name] = (
                f"/* ({rule.name}(z), its derivative): one exp, no overflow, no cancellation */\n"
                f"{signature}\n{{\n{body}\n}}"
            )
        return name

    def _helper_def(self, name, expr) -> str:
        z = sp.Symbol("z", real=True)
        rule = next((r for r in _table_rules() if r.func is type(expr)), None)
        params = tuple(expr.args[1:])
        if rule is not None and rule.c:
            alpha = {"alpha": self._print(params[0])} if params else {}
            body = rule.c.format(z="z", **alpha)
            doc = f"{rule.name}(z), written so it cannot overflow"
        else:
            body = self._print(type(expr)(z, *params).definition())
            doc = (getattr(type(expr), "__doc__", "") or name).strip().splitlines()[0]
        signature = f"static SP_INLINE real {name}(const real z)"
        self.signatures.append(signature + ";")
        return f"/* {c_comment(doc)} */\n{signature}\n{{\n    return {body};\n}}"


def _table_rules():
    from symbolic.activations import TABLE

    return TABLE.values()


for _name in C_FUNCS:
    setattr(CPrinter, f"_print_{_name}", CPrinter._print_Function)

__all__ = ["CPrinter", "C_FUNCS", "batch_sum"]
