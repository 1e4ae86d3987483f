"""The statuses a verify report gives each line: the shape most verifier tests assert on."""

from __future__ import annotations


def by_line(report) -> dict[int, set[str]]:
    """line -> the statuses of its verdicts, with 'not checked' for each unchecked statement."""
    out: dict[int, set[str]] = {}
    for v in report.verdicts:
        out.setdefault(v.line, set()).add(v.status)
    for u in report.unchecked:
        out.setdefault(u.line, set()).add("not checked")
    return out


def factors_by_line(report) -> dict[int, set]:
    """line -> (status, the position of the factor named wrong or None) of each verdict, with
    ('not checked', None) for each unchecked statement."""
    out: dict[int, set] = {}
    for u in report.unchecked:
        out.setdefault(u.line, set()).add(("not checked", None))
    for v in report.verdicts:
        out.setdefault(v.line, set()).add((v.status, v.fault.position if v.fault else None))
    return out


def worst_by_line(report) -> dict[int, str]:
    """line -> one status: 'wrong' if any verdict on it is, else the last said ('not checked' for
    a line with only unchecked statements)."""
    said = {u.line: "not checked" for u in report.unchecked}
    for v in report.verdicts:
        said[v.line] = "wrong" if v.status == "wrong" or said.get(v.line) == "wrong" else v.status
    return said


def verify_layered(arch, text, activation="sigmoid", loss="half_se", output=None, **conventions):
    """verify_text on a layered-naming network, with the document's conventions as keywords."""
    from symbolic.backprop import derive
    from symbolic.spec import network
    from symbolic.verify import verify_text

    d = derive(network(arch, activation, loss, output, "layered"))
    return verify_text(d, text, conventions=conventions or None)


def verify_displays(arch: str, lines: list[str], **kw):
    """verify_text on a layered sigmoid network with half SE, each line its own $$ display."""
    from symbolic.backprop import derive
    from symbolic.spec import network
    from symbolic.verify import verify_text

    d = derive(network(arch, "sigmoid", "half_se", None, "layered"))
    return verify_text(d, "".join(f"$${x}$$\n" for x in lines), **kw)


def last_by_line(report) -> dict[int, str]:
    """line -> one status: the last verdict said on it, else 'not checked'."""
    said = {u.line: "not checked" for u in report.unchecked}
    said.update({v.line: v.status for v in report.verdicts})
    return said
