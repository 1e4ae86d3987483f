r"""One orientation for the weights of a document that names a letter per layer.

A document that names each layer's weights by their own letter (Fausett's `v_{ij}` into the
hidden layer and `w_{jk}` into the output, Zhou's `v_{ih}` and `w_{hj}`) writes them all one way:
input-by-output in both of these, output-by-input in Alpaydin's `w_{hj}`, `v_{ih}` and Hertz et
al.'s `w_{jk}`, `W_{ij}`. Each layer's definition says its own way (layer_names.py), so a slip of a
definition's indices (`y_in_k = w_{0k} + \sum_j z_j w_{kj}` for `w_{jk}`) would say the opposite
way for that layer alone, and that definition would then be read as right by construction. So
the layers take one orientation:

- the user's (`--weights`), when given: a definition written the other way is then judged, and
  wrong;
- otherwise the one their definitions all say; where they differ, the one most of the document
  says: each layer's definition, and each weight's change written as δ times a unit's value
  (`\Delta w_{jk} = \alpha \delta_k z_j`, use_roles.change_votes) counts once;
- a tie settles nothing: the layers are not read by their letters (their lines are then not
  checked, never judged under a guess).

Pure: layers and statements in, layers out.
"""

from __future__ import annotations

from dataclasses import replace

from . import use_roles


def agreed(layers: list, statements: list, weights: str = "") -> list:
    """`layers` (layer_names.Layer) with one orientation of their weights, [] on a tie."""
    two = [n for n, layer in enumerate(layers) if layer.weight and not layer.single]
    if weights in ("input-by-output", "output-by-input"):
        want = weights == "input-by-output"
    else:
        said = [layers[n].input_first for n in two]
        if len(set(said)) <= 1:
            return layers
        said += [v == "input-by-output" for _, v in use_roles.change_votes(statements)]
        ayes = sum(said)
        if 2 * ayes == len(said):
            return []
        want = 2 * ayes > len(said)
    return [replace(layer, input_first=want) if n in two else layer for n, layer in enumerate(layers)]
