r"""Matrix and vector statements: `\delta^L = \nabla_a C \odot \sigma'(z^L)`,
`\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)`, `\nabla_{W^{(l)}} J = \delta^{(l+1)}
(a^{(l)})^T`, Octave's `.*` and `'`, the accumulator `\Delta^{(l)} = \Delta^{(l)} + ...`.

A row is a matrix statement when it writes an element-wise product (\odot, \bullet, \circ, .*),
a transpose (^T, ^{T}, ^\top, ^\intercal, Octave's '), a gradient \nabla, a layered name without
a unit index (\delta^L, a^{(l)}) or an accumulator (\Delta^{(l)}, D^{(l)}). It is read into a small
tree of `Node`s, not into SymPy: shapes are the verifier's business (symbolic/verify/matrix.py),
which instantiates the layer, checks the shapes and judges every entry.
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from .algorithm import chain, elided_arguments, hat_loss, hat_y
from .batch_sum import batch_sum
from .count_sums import count_sum
from .elementwise_cdot import cdot_op, gradient_lhs, juxtaposed_op
from .index_sums import index_sum, square
from .iterations import at_one_step
from .matrix_diag import diag_call
from .matrix_exp import exponential
from .matrix_indicator import indicator_node
from .matrix_max import max_zero
from .matrix_parts import MatrixParts
from .matrix_published import (
    braced_prime,
    bracket_row,
    is_braced_prime,
    is_layer_prime,
    layer_prime,
    left_to_right,
    products_first,
    written_matrix,
)
from .matrix_rows import (
    ACCUMULATORS,
    FIX,
    HADAMARD,
    LOSSES,
    TRANSPOSE,
    MatrixSide,
    MatrixStatement,
    Node,
    is_matrix_row,
)
from .ng import derivative_name, numpy_sum, row_sum, star_product
from .pmatrix import BEGIN
from .source import Source
from .tokens import Tok, number_value
from .underbrace import unbraced
from .vocabulary import FRACS, FUNCTIONS, GENERIC_CALLS, GREEK, MUL_CMDS

__all__ = [
    "ACCUMULATORS",
    "LOSSES",
    "MatrixSide",
    "MatrixStatement",
    "Node",
    "is_matrix_row",
    "read_matrix_row",
]


def _function_of(lhs: Node) -> Node:
    """a^l(z^l) = σ(z^l), z^l(w^l) = a^{l-1} w^l on the left: the quantity, written as a function
    of what it depends on (the arguments are shown, not read)."""
    if lhs.kind != "prod" or len(lhs.args[0]) != 2 or lhs.args[1] != ("dot",):
        return lhs
    name, arg = lhs.args[0]
    if name.kind == "name" and name.args[1] and arg.kind == "paren" and arg.args[0].kind == "name":
        return name
    return lhs


class MatrixReader(MatrixParts):
    """Tokens of one row -> a MatrixStatement."""

    norms = 0  # \| ... \| groups open at the cursor
    gradient = False  # the statement a continued row goes on is a gradient's (elementwise_cdot.py)
    star = "dot"  # '*': "had" in a row in Ng's notation (W^{[2]T} dz^{[2]} * g'(z^{[1]}), NumPy's *)
    mixed = False  # a product mixing ⊙ and a matrix product was read (two readings)
    ltr = False  # read such products left to right (else products first)
    marked = True  # the row is a matrix row by an operator or a matrix written out, not by a
    # layered name alone: e^{x}, '/', an index sum, a step tag read only then (a row of layered
    # names alone that the matrix reader refuses is read as scalars, as before)

    def statement(self) -> MatrixStatement:
        first = self.peek()
        assert first is not None
        lhs = _function_of(self.msum(frozenset({"="})))
        lhs_end = self.toks[self.i - 1].end
        sides = self.more_sides()
        if not sides:
            raise self.fail(first, "no '=' in this formula", "write lhs = rhs")
        line, col = self.src.where(first.pos)
        source = self.src.text[first.pos : self.toks[-1].end]
        return MatrixStatement(lhs, sides, line, col, source, self.src.text[first.pos : lhs_end])

    def more_sides(self) -> tuple[MatrixSide, ...]:
        """= side = side ... up to the end of the row."""
        sides = []
        while self.is_("="):
            self.i += 1
            start = self.peek()
            if start is None:
                raise self.fail(start, "nothing after '='", "write the right-hand side")
            at, self.mixed = self.i, False
            node = self.msum(frozenset({"=", None}))
            alt = None
            if self.mixed:  # A ⊙ B · C: also read left to right
                after, self.i, self.ltr = self.i, at, True
                alt = self.msum(frozenset({"=", None}))
                self.i, self.ltr = after, False
            end = self.toks[self.i - 1].end
            line, col = self.src.where(start.pos)
            sides.append(MatrixSide(node, self.src.text[start.pos : end], line, col, alt))
        rest = self.peek()
        if rest is not None:
            raise self.fail(rest, f"unexpected {rest.text!r} in a matrix statement", FIX)
        return tuple(sides)

    # -- sums and products
    def msum(self, stops: frozenset) -> Node:
        head = self.peek()
        pos = head.pos if head is not None else self.end
        terms: list[tuple[int, Node]] = []
        sign = 1
        while True:
            while self.is_("+") or self.is_("-"):
                sign = -sign if self.next().text == "-" else sign
            self.squared = bool(terms) and terms[-1][1].kind == "num"  # 1 - h^2: entry by entry
            terms.append((sign, self.mproduct()))
            sign = 1
            if not (self.is_("+") or self.is_("-")):
                break
        t = self.peek()
        if not (t is None and None in stops or t is not None and t.text in stops):
            raise self.fail(t, f"unexpected {t.text if t else 'end'!r} in a matrix statement", FIX)
        if len(terms) == 1 and terms[0][0] == 1:
            return terms[0][1]
        return Node("sum", tuple(terms), pos)

    def mproduct(self) -> Node:
        nodes, ops = [self.postfix()], []
        while True:
            t = self.peek()
            if t is None:
                break
            if t.kind == "cmd" and t.text in HADAMARD:
                self.i += 1
                ops.append("had")
            elif t.kind == "op" and t.text == "." and self.is_("*", 1):
                self.i += 2
                ops.append("had")
            elif self.is_("*"):
                self.i += 1
                ops.append(self.star)
            elif self.is_("/") and self.marked:  # e^{z_1} / (e^{z_1} + e^{z_2}): times 1/number
                self.i += 1
                divisor = self.postfix()
                nodes.append(Node("call", ("inverse", divisor), divisor.pos))
                ops.append("dot")
                continue
            elif t.kind == "cmd" and t.text in MUL_CMDS:
                ops.append(cdot_op(self) if t.text in ("cdot", "ast") else "dot")  # dZ = Wᵀ dZ · g'(Z): ⊙
                self.i += 1
            elif self.starts(t):
                ops.append(juxtaposed_op(self))  # σ(a)(1 - σ(a)) in a gradient's row: ⊙
            else:
                break
            nodes.append(self.postfix())
        if len(nodes) == 1:
            return nodes[0]
        self.mixed = self.mixed or "had" in ops and "dot" in ops
        nodes, ops = left_to_right(nodes, ops) if self.ltr else products_first(nodes, ops)
        return Node("prod", (tuple(nodes), tuple(ops)), nodes[0].pos)

    def starts(self, t: Tok) -> bool:
        if t.kind in ("num", "letter", "word", "text") or t.kind == "mat" and t.text == BEGIN:
            return True
        if t.kind == "op" and t.text == "‖":
            return not self.norms  # an opening \|, not the closing one
        if t.kind == "cmd" and t.text == "indicator":
            return True
        if t.kind == "cmd":
            return (
                t.text in GREEK
                or t.text in FRACS
                or t.text in ("nabla", "sigma", "partial", "sum")
                or t.text in FUNCTIONS
                or bool(hat_y(self))  # (\hat{y} - y)\hat{y}(1 - \hat{y}): ŷ a factor
            )
        return t.kind == "op" and t.text in ("(", "[", "{")

    def postfix(self) -> Node:
        squared, self.squared = self.squared, False
        node = self.primary()
        if squared and (power := square(self, node)) is not node:  # tanh's 1 - h^2 of a vector h
            node = Node("pow", (*power.args, "entries"), node.pos)
        if self.pending_t:
            self.pending_t = False
            node = Node("T", (node,), node.pos)
        while True:
            if self.is_("'"):  # Octave's transpose
                self.i += 1
                node = Node("T", (node,), node.pos)
            elif self.is_("^") and self.transpose_mark(1):
                self.i += 1 + self.transpose_mark(1)
                node = Node("T", (node,), node.pos)
            else:
                return node

    def transpose_mark(self, k: int) -> int:
        """Tokens of a transpose mark at peek(k): T, \\top, \\intercal, {T}, {\\top}, and an upright
        T ({\\mathrm{T}}, \\mathsf{T}: the tokenizer's text T); 0 if none."""
        t = self.peek(k)
        if t is None:
            return 0
        if t.kind in ("letter", "text") and t.text == "T" or t.kind == "cmd" and t.text in TRANSPOSE:
            return 1
        u, v = self.peek(k + 1), self.peek(k + 2)
        if t.text == "{" and u is not None and v is not None and v.text == "}":
            if u.kind in ("letter", "text") and u.text == "T" or u.kind == "cmd" and u.text in TRANSPOSE:
                return 3
        return 0

    # -- operands
    def primary(self) -> Node:
        t = self.peek()
        if t is None:
            raise self.fail(t, "a value is missing at the end", FIX)
        pos = t.pos
        if t.kind == "op" and t.text == "(" and is_layer_prime(self):
            return layer_prime(self, t)
        if t.kind == "op" and t.text == "{" and is_braced_prime(self):  # {f^l}'(Z^l)
            return braced_prime(self, t)
        if t.kind == "cmd" and t.text == "sum" and (total := batch_sum(self, t)):
            return total  # \sum_{i=1}^{m} dZ: over a batch's examples
        if t.kind == "cmd" and t.text == "sum" and (repeated := count_sum(self, t)):
            return repeated  # \sum_{i=1}^{N_{out}} X, no i in X: N_{out} · X
        if t.kind == "cmd" and t.text == "sum" and self.marked and (total := index_sum(self, t)):
            return total  # \sum_{j=1}^{S^M} (t_j - a_j)^2: over the units j indexes
        if t.kind == "mat" and t.text == BEGIN:
            return written_matrix(self, t)
        if t.kind == "op" and t.text == "[" and (row := bracket_row(self, t)):
            return row  # [0.55, 0.60]: a row of entries
        if t.kind == "op" and t.text in ("(", "[", "{"):
            self.i += 1
            close = {"(": ")", "[": "]", "{": "}"}[t.text]
            node = self.msum(frozenset({close}))
            self.expect(close, t)
            return node if t.text == "{" else Node("paren", (node,), pos)
        if t.kind == "op" and t.text == "‖":  # \|v\|^2 (the tokenizer's ‖): the squared norm
            self.i += 1
            self.norms += 1
            inner = self.msum(frozenset({"‖"}))
            self.norms -= 1
            self.i += 1
            if self.is_("_") and (k := _braced(self, 1, ("F", "2"))):  # \|W\|_F^2, \|v\|_{2}^2
                self.i += 1 + k
            k = _braced(self, 1, ("2",)) if self.is_("^") else 0
            if not k:
                raise self.fail(self.peek() or t, "a norm without its square", r"write \|y - a\|^2")
            self.i += 1 + k
            return Node("norm2", (inner,), pos)
        if t.kind == "cmd" and t.text == "indicator" and (step := indicator_node(self, t)):
            return step  # \mathbf{1}_{z^{(l)}>0}: entry by entry
        if t.kind == "cmd" and t.text == "indicator" and self.is_("^", 1):  # \mathbf{1}^{\top}δ
            self.i += 1
            return Node("num", (sympy.Integer(1),), pos)
        after = getattr(self.peek(1), "text", ")")
        if t.kind == "cmd" and t.text == "indicator" and after in ("+", "-", ")", "]"):
            self.i += 1  # (\mathbf{1} - \mathbf{a}): the ones vector in a sum, 1 on every entry
            return Node("num", (sympy.Integer(1),), pos)
        if t.kind == "text" and t.text.strip() == "1":  # \mathbf{1}: the ones vector (in 1ᵀδ)
            self.i += 1
            return Node("num", (sympy.Integer(1),), pos)
        if t.kind == "text" and t.text.strip() == "prod" and self.is_("(", 1):  # d2l's prod(∂J/∂o, ∂o/∂W)
            return chain(self, pos)
        if (diag := diag_call(self, t)) is not None:  # \operatorname{diag}(v): v on a diagonal
            return diag
        if t.kind == "text" and t.text.strip().isalpha() and t.text.strip() not in FUNCTIONS:  # \mathbf{W}
            self.i += 1
            return self.name(t.text.strip(), pos)
        if t.kind == "num":
            self.i += 1
            return Node("num", (number_value(t.text),), pos)
        if t.kind == "cmd" and t.text in FRACS:
            return self.frac(t)
        if hat := hat_loss(self):  # Hagan's \hat{F}: the loss of one example, as C_0 is
            letter, self.i = self.toks[self.i + hat // 2].text, self.i + hat
            if self.marked:
                self.skip_arguments()  # \hat{F}(x): its arguments shown, not read
            return Node("name", (letter + "_hat", "", "", False), pos)
        hat = hat_y(self)
        if hat:  # \hat{y}: the network's output (Goodfellow's ŷ = h^{(l)})
            self.i += hat
            return Node("name", ("y_hat", "", "", False), pos)
        if t.kind == "cmd" and t.text == "nabla":
            self.i += 1
            if not self.is_("_"):
                raise self.fail(
                    self.peek() or t, r"\nabla without what it differentiates by", r"write \nabla_a C"
                )
            self.i += 1
            wrt = self.script_node()
            if self.is_("^") and wrt.kind == "name" and not wrt.args[1]:  # the sheet's \nabla_{W}^{(1)}
                self.i += 1
                layer, parens = self.layer()
                wrt = Node("name", (wrt.args[0], layer, wrt.args[2], parens), wrt.pos)
            loss = self.peek()
            if loss is not None and (loss.text in LOSSES or loss.kind == "cmd" and loss.text == "Omega"):
                self.i += 1
                self.skip_arguments()
                return Node("nabla", (wrt, loss.text), pos)
            if wrt.kind == "name" and wrt.args[1]:  # \nabla_{W}^{(1)}: the loss left implied
                return Node("nabla", (wrt, "L"), pos)
            raise self.fail(loss or t, "\\nabla without the loss it differentiates", r"write \nabla_a C")
        word = t.text
        if (
            t.kind == "cmd"
            and word == "sigma"
            or word in FUNCTIONS
            and (word not in (*GENERIC_CALLS, "phi", "varphi") or self.call_follows())
        ):  # a bare \phi, \phi_k: a name (the function's value), as the scalar reader reads it
            return (word == "max" and max_zero(self, t)) or self.call(t)  # max(0, Z): ReLU(Z)
        if t.kind == "letter" and word == "d" and derivative_name(self):  # Ng's dW^{[2]}: ∂L/∂W^{[2]}
            self.i += 1
            u = self.next()
            return Node("nabla", (self.name(u.text, u.pos), "L", "d"), pos)  # shown as written: dW
        if t.kind == "letter" and word == "n" and numpy_sum(self):  # np.sum(dZ, axis=1, keepdims=True)
            return row_sum(self, pos)
        if word == "h" and self.is_("_", 1) and self.hypothesis():  # UFLDL's h_{W,b}(x): the output
            return Node("name", ("a", "nl", "", True), pos)
        if self.marked and (exp := exponential(self, t)):  # e^{z_1}: the exponential, entry by entry
            return exp
        if t.kind in ("letter", "word") or t.kind == "cmd" and word in GREEK:
            self.i += 1
            if (word in LOSSES or word == "l") and self.is_("("):  # d2l's l(o, y): the loss of one example
                self.skip_arguments()
                return Node("name", (word, "", "", False), pos)
            node = self.name(word, pos)
            if word in LOSSES and elided_arguments(self):  # 3Blue1Brown's C_0(\ldots)
                self.skip_arguments()
            return node
        raise self.fail(t, f"unexpected {t.text!r} in a matrix statement", FIX)


def read_matrix_row(src: Source, toks: list[Tok], above: MatrixStatement | None = None) -> MatrixStatement:
    """A row, or with `above` a row '&= ...' that continues it (its sides appended)."""
    toks = unbraced(toks)  # \underbrace{X}_{2\times1}: X
    marked = is_matrix_row(toks, names=False)
    toks = at_one_step(src.text, toks) if marked else toks  # (t(k) - a(k))^T (t(k) - a(k)): k's tags
    reader = MatrixReader(src, toks, toks[-1].end)
    reader.marked = marked
    reader.star = star_product(toks)
    if above is None:
        return reader.statement()
    start = src.starts[above.line - 1] + above.col - 1
    reader.gradient = gradient_lhs(above.lhs)  # '&= ... \ast f'(u^L)' under δ^L = ...: element-wise
    sides = reader.more_sides()
    source = src.text[start : toks[-1].end]
    return replace(above, sides=above.sides + sides, source=source)


def _braced(p, k: int, texts: tuple[str, ...]) -> int:
    """How many tokens from p.peek(k) spell one of texts, bare (2) or braced ({2}); 0 if none."""
    spelled = [getattr(p.peek(k + j), "text", "") for j in range(3)]
    if spelled[0] in texts:
        return 1
    return 3 if spelled[0] == "{" and spelled[1] in texts and spelled[2] == "}" else 0
