"""Which parts of the diagram a delta or a gradient runs through: the ids (codegen.html.svg) of
the edges, bias arrows, nodes and output arrows on its paths from the loss back to it.

∂L/∂W⁽ˡ⁾ᵢⱼ runs through the edge j → i of layer l, node i, every edge out of node i, and then
every edge of the layers above (a dense net: each unit reaches each unit above it), out to the
output arrows; ∂L/∂b⁽ˡ⁾ᵢ through the bias arrow of node i and the same; δ⁽ˡ⁾ᵢ from node i up. A bias shared
by a layer runs through every unit of it (its one arrow is drawn at the top unit).
A softmax output layer couples its units: a path into one reaches every output arrow.
Units the diagram leaves out (dots) have no node and are skipped.
"""

from __future__ import annotations

from .svg import edge_id, unit_node


class Paths:
    def __init__(self, pr, diagram: dict | None):
        """`diagram`: codegen.sheet.diagram's dict (None: no diagram, no paths)."""
        self.spec, self.drawn = pr.spec, diagram is not None
        # the nodes that carry a bias arrow (a shared bias is drawn once, at the top unit)
        self.bias_arrows = {b["node"] for b in diagram["biases"]} if diagram else set()
        self.where: dict = {}  # symbol -> [(kind, l, i, j)]
        if not pr.per_weight:
            return
        nm, sizes = pr.nm, pr.spec.sizes
        for l in range(1, len(sizes)):
            for i in range(1, sizes[l] + 1):
                self.where.setdefault(nm.b(l, i), []).append(("b", l, i, 0))
                self.where.setdefault(nm.delta(l, i), []).append(("delta", l, i, 0))
                for j in range(1, sizes[l - 1] + 1):
                    self.where.setdefault(nm.W(l, i, j), []).append(("W", l, i, j))

    def _drawn(self, l: int) -> list[str]:
        """The node ids of layer l's drawn units."""
        nodes = [unit_node(self.spec, l, k) for k in range(1, self.spec.sizes[l] + 1)]
        return [n for n in nodes if n is not None]

    def _up(self, l: int, i: int) -> list[str]:
        """Node (l, i), every edge out of it and every edge above, the output arrows reached."""
        spec = self.spec
        start = unit_node(spec, l, i)
        if start is None:
            return []
        ids, reached = [f"node-{start}"], [start]
        for m in range(l + 1, len(spec.sizes)):
            nodes = self._drawn(m)
            ids += [edge_id(a, b) for a in reached for b in nodes]
            ids += [f"node-{b}" for b in nodes]
            reached = nodes
        if not spec.activations[-1].elementwise:  # softmax: each z of the top layer reaches every output
            reached = self._drawn(len(spec.sizes) - 1)
        ids += [f"out-{n}" for n in reached]
        return ids

    def of(self, symbol) -> str:
        """The space-separated ids for a parameter's gradient or a delta ('' when unknown)."""
        if not self.drawn:
            return ""
        ids: list[str] = []
        for kind, l, i, j in self.where.get(symbol, []):
            up = self._up(l, i)
            if not up:
                continue
            if kind == "W":
                src = unit_node(self.spec, l - 1, j)
                if src is None:
                    continue
                ids += [f"node-{src}", edge_id(src, up[0][len("node-") :])]
            elif kind == "b" and up[0][len("node-") :] in self.bias_arrows:
                ids.append(f"bias-{up[0][len('node-') :]}")
            ids += up
        return " ".join(dict.fromkeys(ids))

    def layer(self, l: int) -> str:
        """A whole layer's gradient (the matrix form): every edge and bias of layer l and above."""
        if not self.drawn:
            return ""
        spec = self.spec
        ids: list[str] = []
        for m in range(l, len(spec.sizes)):
            below, here = self._drawn(m - 1), self._drawn(m)
            ids += [edge_id(a, b) for a in below for b in here]
            ids += [f"node-{b}" for b in here]
            if m == l:
                ids += [f"bias-{b}" for b in here if b in self.bias_arrows]
        ids += [f"out-{n}" for n in self._drawn(len(spec.sizes) - 1)]
        return " ".join(dict.fromkeys(ids))
