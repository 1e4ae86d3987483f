r"""A loss the document names and applies to its arguments: `J = CE(y, \hat{y})`,
`\mathrm{BCE}(y, \hat{y})`, `\operatorname{CE}(\hat{y}, y)`. A name of two capitals or more
before '(' is one function's name (latex/tokens.py keeps CE whole there), never the product C·E.

A name the loss table knows (symbolic/losses.py, the registry the network's --loss is read from:
CE, CCE, BCE, SE, NLL ...) is read as NAMED_LOSS(name, output, target), which the verifier sums
over the outputs with the table's formula (verify/named_losses.py): the same value as the loss
written out (-\sum_k y_k \log \hat{y}_k). The target is the argument named by a target's letter
(y, t, d) and the output the other one, in either order. Not read, with the reason (the statement
then not checked): a name the table does not know ('unknown function KL'), a loss averaged over
the outputs (MSE: the count is the network's, not written), arguments of which the target cannot
be told, or other than two names. Nothing is evaluated: the name is only looked up. Pure: the
reader's tokens in, a SymPy value out.
"""

from __future__ import annotations

import sympy

from ..losses import ALIASES, TABLE

NAMED_LOSS = sympy.Function("NamedLoss")  # (the name, the output's vector, the target's vector)

TARGETS = ("y", "t", "d")
FIX = r"write the loss out (-\sum_k y_k \log \hat{y}_k), or name one symprop knows: CE, BCE, SE, NLL"


# the subscript words of a loss letter that name no row of the table themselves: L_{log} (the log
# loss), J_{xent} (cross-entropy)
KIND_WORDS = {"log": "cce", "xent": "cce"}


def loss_kind(name: str) -> bool:
    """L_{CE}, J_{MSE}, E_{\\text{BCE}} (read as L_CE ...): a loss letter whose subscript names a
    loss of the table (Jurafsky & Martin's L_{CE}(\\hat{y}, y)), the loss itself, never a unit's
    or an example's."""
    letter, _, kind = name.partition("_")
    key = KIND_WORDS.get(kind.lower(), kind.lower())
    return letter in ("J", "E", "L", "C") and ALIASES.get(key, key) in TABLE


def named(word: str) -> bool:
    """Is a word the name of a function a document calls: two capitals or more (CE, MSE, NLL)?"""
    return len(word) >= 2 and word.isascii() and word.isalpha() and word.isupper()


def loss_call(parser, depth: int, word: str, t) -> sympy.Expr:
    """At '(' after the loss's name: the loss of its arguments, summed over the outputs' index k."""
    rule = TABLE.get(rules(word)[0])
    if rule is None:
        raise parser.fail(t, f"unknown function {word}", FIX)
    args = parser.arguments(depth)
    if len(args) != 2 or not all(isinstance(a, sympy.Symbol) for a in args):
        raise parser.fail(t, f"{word} of other than two names: which is the target is not said", FIX)
    targets = [a for a in args if a.name in TARGETS]
    if len(targets) != 1:
        raise parser.fail(t, f"which of {word}'s arguments is the target is not said", FIX)
    if rule.mean_over_outputs:
        raise parser.fail(
            t, f"{word} averages over the outputs, whose count the document does not write", FIX
        )
    target = targets[0]
    output = args[1] if args[0] is target else args[0]
    return NAMED_LOSS(sympy.Symbol(word), output, target)


def rules(word: str) -> tuple[str, ...]:
    """The loss table's keys a name may mean: CE the categorical one, or the binary one of each
    sigmoid output (the cross-entropy of its two outcomes); any other name its own row."""
    key = word.lower()
    key = ALIASES.get(key, key)
    return (key, "bce") if key == "cce" and word.lower() in ("ce", "cross_entropy") else (key,)
