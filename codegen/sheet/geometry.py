"""Plane geometry for the network diagram, in centimetres (TikZ's unit): circles, segments and
(rotated) boxes, whether two of them intersect, and the size of a label estimated from its TeX.

Pure functions, no TeX: `label_size` is calibrated against pdflatex's measured boxes (Latin
Modern, 11pt article; tests/test_diagram_geometry.py compiles the spot check) and errs large.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

PT = 0.0351459804  # one TeX point in cm
FONT_PT = {"scriptsize": 8.0, "small": 10.0, "normalsize": 10.95}
SCRIPT_PT = {"scriptsize": 6.0, "small": 7.0, "normalsize": 8.0}
SAFETY = 1.08  # estimates are a little wider than TeX's boxes, never narrower


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float

    @functools.cached_property
    def bounds(self) -> tuple:
        """(left, bottom, right, top)."""
        return (self.x - self.r, self.y - self.r, self.x + self.r, self.y + self.r)


@dataclass(frozen=True)
class Seg:
    p: tuple
    q: tuple

    @functools.cached_property
    def bounds(self) -> tuple:
        """(left, bottom, right, top)."""
        (x1, y1), (x2, y2) = self.p, self.q
        return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


@dataclass(frozen=True)
class Box:
    """A rectangle of width w and height h centred at (x, y), turned by `angle` radians."""

    x: float
    y: float
    w: float
    h: float
    angle: float = 0.0

    def corners(self) -> list:
        c, s = math.cos(self.angle), math.sin(self.angle)
        out = []
        for dx, dy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
            u, v = dx * self.w / 2, dy * self.h / 2
            out.append((self.x + u * c - v * s, self.y + u * s + v * c))
        return out

    @functools.cached_property
    def bounds(self) -> tuple:
        """(left, bottom, right, top) of the turned rectangle."""
        c, s = abs(math.cos(self.angle)), abs(math.sin(self.angle))
        half, high = (self.w * c + self.h * s) / 2, (self.w * s + self.h * c) / 2
        return (self.x - half, self.y - high, self.x + half, self.y + high)

    def grown(self, pad: float) -> Box:
        return Box(self.x, self.y, self.w + 2 * pad, self.h + 2 * pad, self.angle)


# --- label sizes ---------------------------------------------------------------------------

_GREEK = {
    "alpha",
    "beta",
    "gamma",
    "delta",
    "sigma",
    "eta",
    "theta",
    "lambda",
    "mu",
    "phi",
    "psi",
    "omega",
    "tau",
    "epsilon",
    "rho",
    "kappa",
    "xi",
    "zeta",
    "nu",
    "pi",
    "chi",
}
_WRAPPERS = {"mathrm", "mathit", "mathbf", "operatorname", "text", "textit", "mathsf"}


def _char_em(ch: str) -> float:
    if ch.isdigit():
        return 0.5
    if ch in "()[]":
        return 0.39
    if ch in "+-=<>":
        return 0.78
    if ch in ",;":
        return 0.45  # punctuation: the glyph and the thin space after it
    if ch in ".:'|":
        return 0.28
    if ch in "mwMW":
        return 1.1 if ch.isupper() else 0.8
    if ch.isupper():
        return 0.85
    if ch == " ":
        return 0.33
    return 0.56


def _tokens(tex: str) -> list:
    """Glyph tokens of a TeX math string: ('g', em) for a glyph, '^'/'_' then a group (a list)."""
    out, i = [], 0
    while i < len(tex):
        ch = tex[i]
        if ch == "\\":
            m = re.match(r"\\([A-Za-z]+)|\\(.)", tex[i:])
            name = m.group(1) or m.group(2)
            i += m.end()
            if name in _WRAPPERS or name in {"left", "right", "displaystyle"}:
                continue
            if name in {",", ";", ":", "!", " "}:
                out.append(("g", 0.2))
            elif name in _GREEK or len(name) == 1:
                out.append(("g", 0.62))
            else:  # \tanh, \log, \cdots: one glyph per letter
                out.append(("g", 0.5 * len(name)))
            continue
        if ch in "{}":
            i += 1
            continue
        if ch in "^_":
            i += 1
            if i < len(tex) and tex[i] == "{":
                depth, j = 0, i
                while j < len(tex):
                    depth += {"{": 1, "}": -1}.get(tex[j], 0)
                    if depth == 0:
                        break
                    j += 1
                out.append((ch, _tokens(tex[i + 1 : j])))
                i = j + 1
            elif i < len(tex):
                out.append((ch, _tokens(tex[i])))
                i += 1
            continue
        out.append(("g", _char_em(ch)))
        i += 1
    return out


def _em(tokens) -> float:
    return sum(t[1] for t in tokens if t[0] == "g") + sum(_em(t[1]) for t in tokens if t[0] != "g")


def label_size(
    tex: str, size: str = "scriptsize", math_mode: bool = True, inner_sep_pt: float = 0.0
) -> tuple:
    """(width, height) in cm of the box of a label: its text set in `size`, plus inner sep.

    Math: base glyphs at the font size, a superscript and a subscript of one base stacked (the
    wider counts); text: every character at about half an em.
    """
    base, script = FONT_PT[size], SCRIPT_PT[size]
    if not math_mode:
        plain = re.sub(r"\\(?:" + "|".join(_WRAPPERS) + r")\b|[{}$\\]", "", tex)
        width = len(plain) * 0.47 * base
        sup = sub = False
    else:
        toks = _tokens(tex)
        width, k = 0.0, 0
        sup = any(t[0] == "^" for t in toks)
        sub = any(t[0] == "_" for t in toks)
        while k < len(toks):
            kind, val = toks[k]
            if kind == "g":
                width += val * base
                k += 1
                continue
            run = []  # consecutive scripts on one base: stacked
            while k < len(toks) and toks[k][0] != "g":
                run.append(_em(toks[k][1]) * script)
                k += 1
            width += max(run) + 1.5
    depth = (0.45 if sup else 0.14) if sub else 0.1
    height = (0.7 + (0.44 if sup else 0) + depth) * base + 0.2
    pad = 2 * inner_sep_pt
    return ((width * SAFETY + pad) * PT, (height + pad) * PT)


# --- intersection tests ----------------------------------------------------------------------


def _poly(shape) -> list:
    return shape.corners() if isinstance(shape, Box) else [shape.p, shape.q]


def _axes(points) -> list:
    out = []
    for a, b in zip(points, points[1:] + points[:1]):
        dx, dy = b[0] - a[0], b[1] - a[1]
        if dx or dy:
            out.append((-dy, dx))
    return out


def _separated(pa, pb) -> bool:
    for ax in _axes(pa) + _axes(pb):
        da = [p[0] * ax[0] + p[1] * ax[1] for p in pa]
        db = [p[0] * ax[0] + p[1] * ax[1] for p in pb]
        if max(da) < min(db) or max(db) < min(da):
            return True
    return False


def _seg_dist(c, p, q) -> float:
    px, py = q[0] - p[0], q[1] - p[1]
    n = px * px + py * py
    t = 0.0 if n == 0 else max(0.0, min(1.0, ((c[0] - p[0]) * px + (c[1] - p[1]) * py) / n))
    return math.hypot(p[0] + t * px - c[0], p[1] + t * py - c[1])


def _inside(c, points) -> bool:
    sign = 0
    for a, b in zip(points, points[1:] + points[:1]):
        cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        if cross:
            if sign and (cross > 0) != (sign > 0):
                return False
            sign = cross
    return True


def hits(a, b) -> bool:
    """Whether two shapes (Circle, Seg, Box) share a point. Shapes whose bounding rectangles are
    apart share none: that test first (a deep net's diagram places each label against thousands
    of shapes, and the exact test is a hundred times dearer)."""
    la, ba, ra, ta = a.bounds
    lb, bb, rb, tb = b.bounds
    if ra < lb or rb < la or ta < bb or tb < ba:
        return False
    if isinstance(a, Circle) and isinstance(b, Circle):
        return math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r
    if isinstance(b, Circle):
        a, b = b, a
    if isinstance(a, Circle):
        pts = _poly(b)
        c = (a.x, a.y)
        if len(pts) > 2 and _inside(c, pts):
            return True
        return any(_seg_dist(c, p, q) < a.r for p, q in zip(pts, pts[1:] + pts[:1]))
    return not _separated(_poly(a), _poly(b))


def along(seg: Seg, t: float) -> tuple:
    return (seg.p[0] + t * (seg.q[0] - seg.p[0]), seg.p[1] + t * (seg.q[1] - seg.p[1]))


def slope_angle(seg: Seg) -> float:
    """The angle TikZ's `sloped` turns a label by: the segment's, kept upright."""
    a = math.atan2(seg.q[1] - seg.p[1], seg.q[0] - seg.p[0])
    if a > math.pi / 2:
        a -= math.pi
    elif a <= -math.pi / 2:
        a += math.pi
    return a


def between(a: Circle, b: Circle) -> Seg:
    """The segment TikZ draws from node a to node b: border point to border point."""
    dx, dy = b.x - a.x, b.y - a.y
    n = math.hypot(dx, dy)
    ux, uy = dx / n, dy / n
    return Seg((a.x + a.r * ux, a.y + a.r * uy), (b.x - b.r * ux, b.y - b.r * uy))
