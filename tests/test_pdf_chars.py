"""The char functions' shortcuts give what their plain definitions give.

:mod:`budgetx.readers.pdf.chars` asks for a glyph's size only past the
distance a size of 1 pt allows, trims the window of fake-bold copies from its
front, and tests with comparisons rather than ``min``/``max``/``any``; the
grids place each distinct cell edge once.  The plain definitions are written
out here, and random glyphs (abutting, overlapping, doubled, spaced, of mixed
sizes) must give the same lines, texts, segments and kept chars.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetx.readers.pdf.chars import group_lines, line_text, prepare, segments


def _size(c):
    return max(float(c.get("size") or 0.0), float(c["bottom"] - c["top"]), 1.0)


def _prepare(chars):
    by_text = {}
    for c in chars:
        t = c.get("text") or ""
        if not t:
            continue
        if not t.strip():
            t = " "
        by_text.setdefault(t, []).append(c)
    kept = []
    for group in by_text.values():
        if len(group) == 1:
            kept.append(group[0])
            continue
        group.sort(key=lambda c: c["x0"])
        window = []
        for c in group:
            tol = min(1.6, 0.3 * max(c["x1"] - c["x0"], 1.0))
            window = [k for k in window if c["x0"] - k["x0"] <= tol]
            if any(abs(k["top"] - c["top"]) < 1.0 for k in window):
                continue
            window.append(c)
            kept.append(c)
    kept.sort(key=lambda c: (c["top"], c["x0"]))
    return kept


def _group_lines(chars):
    lines, mids = [], []
    for c in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        mid = (c["top"] + c["bottom"]) / 2
        if lines and abs(mid - mids[-1]) <= 0.45 * _size(c):
            lines[-1].append(c)
            mids[-1] += (mid - mids[-1]) / len(lines[-1])
        else:
            lines.append([c])
            mids.append(mid)
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def _line_text(line, space_ratio=0.3):
    out, prev = [], None
    for c in line:
        t = c["text"]
        if not t.strip():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if prev is not None and out[-1] != " " and c["x0"] - prev["x1"] > space_ratio * min(_size(c), _size(prev)):
            out.append(" ")
        out.append(t)
        prev = c
    return "".join(out).strip()


def _segments(line, gap_ratio=1.5):
    out = []
    for c in line:
        if out and c["x0"] - out[-1][-1]["x1"] <= gap_ratio * min(_size(c), _size(out[-1][-1])):
            out[-1].append(c)
            continue
        out.append([c])
    return out


@st.composite
def _chars(draw):
    """Glyphs on a few baselines: some doubled a fraction of a point off (fake bold), some blank."""
    out = []
    for _ in range(draw(st.integers(0, 40))):
        text = draw(st.sampled_from(["0", "1", "5", ".", "合", "计", " ", "\u3000", "a"]))
        x0 = draw(st.floats(0, 120, allow_nan=False)) if not out or draw(st.booleans()) else out[-1]["x1"]
        x0 = round(x0 + draw(st.sampled_from([0.0, 0.2, 0.5, 1.0, 3.0])), 2)
        width = draw(st.sampled_from([0.4, 0.9, 1.0, 3.3, 5.5, 10.0]))
        top = draw(st.sampled_from([10.0, 10.3, 10.9, 14.0, 30.0]))
        size = draw(st.sampled_from([0.5, 1.0, 6.0, 10.0]))
        c = {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "size": size}
        out.append(c)
        if draw(st.integers(0, 4)) == 0:  # a fake-bold copy
            dx = draw(st.sampled_from([0.1, 0.3, 1.5, 2.0]))
            out.append({**c, "x0": x0 + dx, "x1": x0 + dx + width, "top": top + 0.2, "bottom": top + 0.2 + size})
    return out


@settings(max_examples=400, deadline=None)
@given(_chars())
def test_shortcuts_give_the_plain_definitions(chars):
    kept = prepare(chars)
    assert [id(c) for c in kept] == [id(c) for c in _prepare(chars)]
    lines = group_lines(kept)
    assert [[id(c) for c in ln] for ln in lines] == [[id(c) for c in ln] for ln in _group_lines(kept)]
    for ln in lines:
        assert line_text(ln) == _line_text(ln)
        assert line_text(ln, 0.8) == _line_text(ln, 0.8)
        assert [[id(c) for c in s] for s in segments(ln)] == [[id(c) for c in s] for s in _segments(ln)]
        assert [[id(c) for c in s] for s in segments(ln, 0.8)] == [[id(c) for c in s] for s in _segments(ln, 0.8)]
