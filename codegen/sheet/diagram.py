"""The network diagram: symprop places every node, edge, bias and label itself, as plain strings
for the TikZ template.

Nodes sit in columns; each bias arrow and label tries a few sides of its node, each weight
label a few positions along its edge, until no label box meets another label, a node circle or
an edge it does not belong to (codegen.sheet.geometry; a search with a step budget). A layer's
weight labels are left out, and the caption explains the edges, only when no legal placement
exists. `collisions(diagram)` re-derives every shape from the finished dict: the tests' check.
"""

from __future__ import annotations

from .geometry import PT, Box, Circle, Seg, along, between, hits, label_size, slope_angle
from .layout import number, shown

RADIUS = 0.5 + 0.4 * PT  # minimum size 10mm, plus the outer sep of a thick line
PAD = 0.03  # clearance kept around every label box, in cm
WEIGHT_SEP, BIAS_SEP = 0.6, 1.0  # inner sep (pt) of the weight and bias label nodes
OUT_LENGTH = 1.3
# bias arrow: (anchor on the node, length, where its label sits); the first is the seed's
BIAS_PLACES = [
    ("north", 0.32, "above"),
    ("north", 0.3, "right"),
    ("north", 0.3, "left"),
    ("south", 0.32, "below"),
    ("south", 0.3, "right"),
    ("south", 0.3, "left"),
]
SIDE_SHIFT = 1.5  # pt between a bias arrow and a label set beside it
SPACINGS = (1.7, 2.0, 2.4, 2.8)  # vertical distance between nodes, widened if biases do not fit
BUDGET = 20000  # search steps per layer of weight labels
NODES_SHOWN = 5  # units drawn per layer; a larger layer is drawn as its first ones, dots, its last
CAPTION = (
    "The edge from unit $j$ of one layer to unit $i$ of the next carries the weight in row "
    "$i$, column $j$ of that layer's weight matrix (labels left out where they would "
    "overlap; dots stand for units not drawn)."
)


def diagram(pr) -> dict:
    depth = pr.spec.depth
    dx = min(5.0, 12.5 / depth)
    # biases above their nodes (or beside the arrow) at the closest spacing that allows it;
    # else on one side per column (a label between two nodes then reads as the arrow says);
    # mixed sides only when nothing else fits
    stages = [
        (dy, places, same)
        for places, same in ((BIAS_PLACES[:3], False), (BIAS_PLACES, True), (BIAS_PLACES, False))
        for dy in SPACINGS
    ]
    for dy, places, same in stages:
        d = _draft(pr, dx, dy)
        if _place_biases(d, places, same):
            break
    else:
        d = _draft(pr, dx, SPACINGS[0])
        _place_biases(d, BIAS_PLACES)
    labelled = []
    for l in range(1, depth + 1):
        ok = _place_weights(d, l) if all(e["label_text"] for e in _gap(d, l)) else False
        labelled.append(ok)
    for e in d["edges"]:
        if not labelled[e["layer"] - 1]:
            e["label"] = ""
    for e in d["edges"]:
        del e["label_text"]
    d["labelled"] = all(labelled)
    d["caption"] = " ".join(filter(None, ("" if all(labelled) else CAPTION, _shared_note(pr))))
    del d["_dy"]
    return d


def _shared_note(pr) -> str:
    """With one bias per layer, its one arrow is drawn at the layer's top unit: say so."""
    if not pr.spec.shared_bias:
        return ""
    names = ", ".join(f"${pr.tex(b)}$" for la in pr.d.layers for b in pr.d.biases(la.index))
    return (
        f"One bias per layer ({names}): each is added to every unit of its layer, "
        "and drawn once, at the layer's top unit."
    )


def _draft(pr, dx: float, dy: float) -> dict:
    """Nodes, edges (labels unplaced), headers and outputs at spacing dx by dy."""
    spec, nm = pr.spec, pr.nm
    depth = spec.depth
    nodes, edges, biases, headers, columns = [], [], [], [], []
    for l, size in enumerate(spec.sizes):
        drawn = list(shown(size, limit=NODES_SHOWN))
        ys = [(len(drawn) - 1) / 2 * dy - k * dy for k in range(len(drawn))]
        col = []
        for k, (i, y) in enumerate(zip(drawn, ys)):
            nid = f"n{l}_{k}"
            if i is None:
                nodes.append(
                    {"id": nid, "x": number(l * dx), "y": number(y), "text": "\\vdots", "style": "dots"}
                )
                continue
            if l == 0:
                text, style = pr.tex(nm.x(i)), "input"
            else:
                text = pr.tex(nm.z(l, i))
                style = "output" if l == depth else "hidden"
            nodes.append({"id": nid, "x": number(l * dx), "y": number(y), "text": text, "style": style})
            col.append((nid, i))
            if l and not (spec.shared_bias and len(col) > 1):  # a shared bias: drawn once
                biases.append({"node": nid, "text": pr.tex(nm.b(l, i))})
        columns.append(col)
        if l == 0:
            headers.append({"x": number(0), "text": "input"})
        else:
            rule = spec.activations[l - 1]
            what = "output" if l == depth else f"hidden layer {l}" if depth > 2 else "hidden"
            headers.append({"x": number(l * dx), "text": f"{what}, ${rule.latex}$"})
    top = max(float(n["y"]) for n in nodes) + 1.7
    for k, h in enumerate(headers):  # staggered when neighbouring headers would touch
        h["y"] = number(top)
        if k and hits(header_box(headers[k - 1]).grown(PAD), header_box(h)):
            h["y"] = number(top + 0.6 if headers[k - 1]["y"] == number(top) else top)
    for l in range(1, depth + 1):
        src, dst = columns[l - 1], columns[l]
        m = len(src)
        for k, (sid, j) in enumerate(src):
            pos = 0.7 - (0.45 * k / (m - 1) if m > 1 else 0.2)
            for did, i in dst:
                edges.append(
                    {
                        "src": sid,
                        "dst": did,
                        "label": "",
                        "layer": l,
                        "label_text": pr.tex(nm.W(l, i, j)),
                        "pos": f"{pos:.2f}",
                    }
                )
    outs = [{"node": nid, "text": pr.tex(pr.d.outputs[i - 1])} for nid, i in columns[-1]]
    return {"nodes": nodes, "edges": edges, "biases": biases, "headers": headers, "outputs": outs, "_dy": dy}


# --- shapes of the finished parts ---------------------------------------------------------------


def node_circles(d) -> dict:
    return {n["id"]: Circle(float(n["x"]), float(n["y"]), RADIUS) for n in d["nodes"] if n["style"] != "dots"}


def _dots(d) -> list:
    """The \\vdots standing for units not drawn, as boxes."""
    return [Box(float(n["x"]), float(n["y"]), 0.2, 0.6) for n in d["nodes"] if n["style"] == "dots"]


def header_box(h) -> Box:
    w, ht = label_size(h["text"], "small", math_mode=False, inner_sep_pt=3.33)
    return Box(float(h["x"]), float(h["y"]), w, ht)


def edge_segment(d, e) -> Seg:
    c = node_circles(d)
    return between(c[e["src"]], c[e["dst"]])


def weight_box(seg: Seg, text: str, pos: float) -> Box:
    w, h = label_size(text, "scriptsize", inner_sep_pt=WEIGHT_SEP)
    x, y = along(seg, pos)
    return Box(x, y, w, h, slope_angle(seg))


def bias_shapes(circle: Circle, text: str, place: tuple) -> tuple:
    """The arrow (a segment) and the label box of a bias drawn at `place`."""
    anchor, length, side = place
    sign = 1 if anchor == "north" else -1
    start = (circle.x, circle.y + sign * circle.r)
    end = (circle.x, start[1] + sign * length)
    w, h = label_size("+" + text, "scriptsize", inner_sep_pt=BIAS_SEP)
    shift = SIDE_SHIFT * PT
    cx, cy = {
        "above": (end[0], end[1] + h / 2),
        "below": (end[0], end[1] - h / 2),
        "right": (end[0] + shift + w / 2, end[1]),
        "left": (end[0] - shift - w / 2, end[1]),
    }[side.split(",")[0]]
    return Seg(start, end), Box(cx, cy, w, h)


def output_shapes(circle: Circle, text: str) -> tuple:
    w, h = label_size(text, "normalsize", inner_sep_pt=3.65)
    end = (circle.x + OUT_LENGTH, circle.y)
    return Seg((circle.x + circle.r, circle.y), end), Box(end[0] + w / 2, end[1], w, h)


def bias_place(b) -> tuple:
    return (b["anchor"], float(b["dy"]) * (1 if b["anchor"] == "north" else -1), b["place"])


def _fixed(d, with_biases: bool = True) -> tuple:
    """Obstacles that are not weight labels: (boxes, segments as (key, Seg))."""
    c = node_circles(d)
    boxes = [header_box(h) for h in d["headers"]] + _dots(d)
    segs = [(("edge", k), edge_segment(d, e)) for k, e in enumerate(d["edges"])]
    for o in d["outputs"]:
        seg, box = output_shapes(c[o["node"]], o["text"])
        segs.append((("out", o["node"]), seg))
        boxes.append(box)
    if with_biases:
        for b in d["biases"]:
            if "anchor" in b:
                seg, box = bias_shapes(c[b["node"]], b["text"], bias_place(b))
                segs.append((("bias", b["node"]), seg))
                boxes.append(box)
    return boxes, segs


def _free(box: Box, circles, boxes, segs, own=None) -> bool:
    g = box.grown(PAD)
    return (
        not any(hits(g, c) for c in circles)
        and not any(hits(g, b) for b in boxes)
        and not any(hits(g, s) for key, s in segs if key != own)
    )


# --- placement ---------------------------------------------------------------------------------


def _search(options: list, clash) -> list | None:
    """One candidate per item, no two clashing: depth-first, most constrained item first.

    `options[k]` lists item k's legal candidates, best first; returns the chosen candidates in
    item order, or None when there is no choice (or the step budget runs out).
    """
    order = sorted(range(len(options)), key=lambda k: len(options[k]))
    chosen: dict = {}
    steps = 0

    def go(n: int) -> bool:
        nonlocal steps
        if n == len(order):
            return True
        k = order[n]
        for cand in options[k]:
            steps += 1
            if steps > BUDGET:
                return False
            if any(clash(cand, other) for other in chosen.values()):
                continue
            chosen[k] = cand
            if go(n + 1):
                return True
            del chosen[k]
        return False

    return [chosen[k] for k in range(len(options))] if go(0) else None


def _place_biases(d, places=BIAS_PLACES, same_side: bool = False) -> bool:
    """Every bias arrow and label at a legal place, none meeting another; False when impossible."""
    c = node_circles(d)
    circles = list(c.values())
    boxes, segs = _fixed(d, with_biases=False)
    options = []
    for b in d["biases"]:
        others = [v for k, v in c.items() if k != b["node"]]
        legal = []
        for place in places:
            seg, box = bias_shapes(c[b["node"]], b["text"], place)
            if (
                _free(box, circles, boxes, segs)
                and not any(hits(seg, v) for v in others)
                and not any(hits(seg, bx) for bx in boxes)
            ):
                legal.append((place, seg, box.grown(PAD), b["node"].split("_")[0]))
        options.append(legal)

    def clash(p, q):
        if same_side and p[3] == q[3] and p[0][0] != q[0][0]:  # one column, north and south
            return True
        return hits(p[2], q[2]) or hits(p[1], q[2]) or hits(q[1], p[2])

    chosen = _search(options, clash) if all(options) else None
    for b, pick in zip(d["biases"], chosen or [(BIAS_PLACES[0],)] * len(d["biases"])):
        anchor, length, side = pick[0]
        if side in ("right", "left"):
            side += f", xshift={'-' if side == 'left' else ''}{SIDE_SHIFT:g}pt"
        b.update(
            {
                "anchor": anchor,
                "dx": "0",
                "place": side,
                "dy": f"{length if anchor == 'north' else -length:g}",
            }
        )
    return chosen is not None


def _gap(d, l: int) -> list:
    return [e for e in d["edges"] if e["layer"] == l]


def _positions(default: float) -> list:
    ts = {round(0.15 + 0.05 * k, 2) for k in range(15)} | {default}
    return sorted(ts, key=lambda t: (abs(t - default), t))


def _place_weights(d, l: int) -> bool:
    """Weight labels of layer l along their edges, no two meeting: a depth-first search."""
    circles = list(node_circles(d).values())
    boxes, segs = _fixed(d)
    index = {id(e): k for k, e in enumerate(d["edges"])}
    edges = _gap(d, l)
    options = []
    for e in edges:
        seg = edge_segment(d, e)
        legal = [(t, weight_box(seg, e["label_text"], t)) for t in _positions(float(e["pos"]))]
        legal = [(t, b) for t, b in legal if _free(b, circles, boxes, segs, own=("edge", index[id(e)]))]
        if not legal:
            return False
        options.append((e, legal))
    picks = _search([legal for _, legal in options], lambda p, q: hits(p[1].grown(PAD), q[1]))
    if picks is None:
        return False
    for (e, _), (t, _) in zip(options, picks):
        e["pos"], e["label"] = f"{t:.2f}", e["label_text"]
    return True


# --- the check ---------------------------------------------------------------------------------


def collisions(d) -> list:
    """Every pair of diagram parts that meet and should not, re-derived from the dict alone."""
    c = node_circles(d)
    found = []
    labels = []  # (name, box, own segment key or None)
    for k, e in enumerate(d["edges"]):
        if e["label"]:
            labels.append(
                (
                    f"weight {e['label']}",
                    weight_box(edge_segment(d, e), e["label"], float(e["pos"])),
                    ("edge", k),
                )
            )
    for b in d["biases"]:
        seg, box = bias_shapes(c[b["node"]], b["text"], bias_place(b))
        labels.append((f"bias {b['text']}", box, ("bias", b["node"])))
        for k, v in c.items():
            if k != b["node"] and hits(seg, v):
                found.append(f"bias arrow {b['text']} crosses node {k}")
    for o in d["outputs"]:
        labels.append((f"output {o['text']}", output_shapes(c[o["node"]], o["text"])[1], ("out", o["node"])))
    for h in d["headers"]:
        labels.append((f"header {h['text']}", header_box(h), None))
    for k, box in enumerate(_dots(d)):
        labels.append((f"dots {k}", box, None))
    _, segs = _fixed(d)
    for k, (name, box, own) in enumerate(labels):
        for nid, circle in c.items():
            if hits(box, circle):
                found.append(f"{name} meets node {nid}")
        for key, seg in segs:
            if key != own and hits(box, seg):
                found.append(f"{name} crosses {key[0]} {key[1]}")
        for other, obox, _ in labels[k + 1 :]:
            if hits(box, obox):
                found.append(f"{name} meets {other}")
    return found
