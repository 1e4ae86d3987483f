"""The network diagram: TikZ node, edge, bias and header placement, as plain strings."""

from __future__ import annotations

from .layout import number, shown


def diagram(pr) -> dict:
    spec, nm = pr.spec, pr.nm
    depth = spec.depth
    dx = min(5.0, 12.5 / depth)
    dy = 1.7
    label_edges = all(m * n <= 12 for m, n in zip(spec.sizes, spec.sizes[1:]))  # legible
    nodes, edges, biases, headers = [], [], [], []
    columns = []
    for l, size in enumerate(spec.sizes):
        drawn = list(shown(size, limit=5))
        ys = [(len(drawn) - 1) / 2 * dy - k * dy for k in range(len(drawn))]
        col = []
        for k, (i, y) in enumerate(zip(drawn, ys)):
            nid = f"n{l}_{k}"
            if i is None:
                nodes.append({"id": nid, "x": number(l * dx), "y": number(y), "text": "\\vdots",
                              "style": "dots"})
                continue
            if l == 0:
                text, style = pr.tex(nm.x(i)), "input"
            else:
                text = pr.tex(nm.z(l, i))
                style = "output" if l == depth else "hidden"
            nodes.append({"id": nid, "x": number(l * dx), "y": number(y), "text": text,
                          "style": style})
            col.append((nid, i))
            if l:
                biases.append({"node": nid, "text": pr.tex(nm.b(l, i))})
        columns.append(col)
        if l == 0:
            headers.append({"x": number(0), "text": "input"})
        else:
            rule = spec.activations[l - 1]
            what = "output" if l == depth else f"hidden layer {l}" if depth > 2 else "hidden"
            headers.append({"x": number(l * dx), "text": f"{what}, ${rule.latex}$"})
    top_y = max(float(n["y"]) for n in nodes) + 1.7
    for l in range(1, depth + 1):
        src, dst = columns[l - 1], columns[l]
        m = len(src)
        for k, (sid, j) in enumerate(src):
            pos = 0.7 - (0.45 * k / (m - 1) if m > 1 else 0.2)
            for did, i in dst:
                label = pr.tex(nm.W(l, i, j)) if label_edges else ""
                edges.append({"src": sid, "dst": did, "label": label, "pos": f"{pos:.2f}"})
    outs = [{"node": nid, "text": pr.tex(pr.d.outputs[i - 1])} for nid, i in columns[-1]]
    return {"nodes": nodes, "edges": edges, "biases": biases, "headers": headers,
            "outputs": outs, "top": number(top_y), "labelled": label_edges,
            "caption": "" if label_edges else (
                "The edge from unit $j$ of one layer to unit $i$ of the next carries the "
                "weight in row $i$, column $j$ of that layer's weight matrix (labels left "
                "out where they would overlap; dots stand for units not drawn).")}
