"""Text set in side-by-side columns: find the columns, so each is read top to bottom.

A page whose body is set in two (or more) text columns has, over a band of lines, a vertical
gutter — an x interval at least :data:`GUTTER` font sizes wide that no word of the band
crosses — with text on both sides. An unruled table has such gaps too, between its cell
columns; what tells text columns from a table's columns:

- the columns are **equal boxes**: their left edges are evenly spaced (one pitch) and each
  column's text fits its pitch and fills at least half of it, as a page set in columns is;
  a table's columns have the widths of their contents;
- inside a column the words are **ragged**: the band has no further gutter (a table of
  many columns leaves a gutter between every two);
- at least one column is **indented**: its lines start at two or more positions (a heading
  and its entries), which a column of left-aligned cells does not. A column's last line is
  not counted: a page number centred under a table falls in one of its columns.

Gutters are looked for in every run of :data:`WINDOW` lines; the band grows from such a run
over the lines above and below that do not cross the gutter and follow at line spacing. It
needs :data:`MIN_SHARED_LINES` lines on each side. Lines above it (a title) and below it (a
page number) are read as they are, before and after the columns. Sharing a
baseline is no test: list columns are usually set on the same baseline grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Any

__all__ = ["GUTTER", "split_columns"]

Word = dict[str, Any]

#: A gutter between text columns is at least this many font sizes wide.
GUTTER = 2.0
#: Lines needed on each side of the gutter to call the page columned.
MIN_SHARED_LINES = 3
#: Gutters are looked for in every run of this many lines (columns whose lines sit at
#: unrelated heights share no line).
WINDOW = 4
#: How far (in pitches) the columns' left edges may stray from an even spacing.
PITCH_SLACK = 0.1
#: Lines this many font sizes or less apart (bottom to top) belong to one band.
NEAR = 1.5
#: Each column's text spans at least this share of the pitch (a table's narrow column not).
MIN_FILL = 0.4


def _size(word: Word) -> float:
    return float(word.get("size") or (word["bottom"] - word["top"]) or 1.0)


def _gutters(words: Sequence[Word], width: float) -> list[tuple[float, float]]:
    """The x intervals at least ``width`` wide that no word covers, between words."""
    spans = sorted((float(w["x0"]), float(w["x1"])) for w in words)
    out: list[tuple[float, float]] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= width:
            out.append((reach, x0))
        reach = max(reach, x1)
    return out


def _indented(column: Sequence[Sequence[Word]], size: float) -> bool:
    """Whether the column's lines start at two positions or more; its last line is not
    counted (a page number or footer under the column, not an indentation)."""
    lines = column[:-1] if len(column) > 2 else column
    starts = sorted(min(float(w["x0"]) for w in line) for line in lines)
    return bool(starts) and starts[-1] - starts[0] >= size


def _columns(lines: Sequence[Sequence[Word]], size: float) -> list[list[list[Word]]] | None:
    """The band's lines split into equal, ragged, indented columns, or None."""
    words = [w for line in lines for w in line]
    gutters = _gutters(words, GUTTER * size)
    if not gutters:
        return None
    cuts = [(a + b) / 2 for a, b in gutters]
    edges = [-float("inf"), *cuts, float("inf")]
    columns: list[list[list[Word]]] = [[] for _ in range(len(cuts) + 1)]
    for line in lines:
        for k in range(len(columns)):
            part = [w for w in line if edges[k] <= float(w["x0"]) < edges[k + 1]]
            if part:
                columns[k].append(part)
    lefts = [min(float(w["x0"]) for line in c for w in line) for c in columns]
    rights = [max(float(w["x1"]) for line in c for w in line) for c in columns]
    pitch = (lefts[-1] - lefts[0]) / (len(lefts) - 1)
    for k in range(1, len(lefts)):
        if abs(lefts[k] - lefts[k - 1] - pitch) > PITCH_SLACK * pitch:
            return None
    widths = [right - left for left, right in zip(lefts, rights, strict=True)]
    if any(width > (1 + PITCH_SLACK) * pitch or width < MIN_FILL * pitch for width in widths):
        return None
    if not any(_indented(c, size) for c in columns):
        return None
    return columns


def _crosses(line: Sequence[Word], cut: float) -> bool:
    return any(w["x0"] < cut < w["x1"] for w in line)


def _extend(lines: Sequence[Sequence[Word]], first: int, last: int, cut: float,
            size: float) -> tuple[int, int]:
    """Widen the band over the lines just above and below it that keep to one side (a
    column longer than the other), as long as they follow at line spacing."""
    def near(upper: Sequence[Word], lower: Sequence[Word]) -> bool:
        bottom = max(float(w["bottom"]) for w in upper)
        return min(float(w["top"]) for w in lower) - bottom <= NEAR * size

    while first > 0 and not _crosses(lines[first - 1], cut) and near(lines[first - 1],
                                                                     lines[first]):
        first -= 1
    while last + 1 < len(lines) and not _crosses(lines[last + 1], cut) and near(
            lines[last], lines[last + 1]):
        last += 1
    return first, last


def split_columns(lines: Sequence[Sequence[Word]]) -> list[list[list[Word]]] | None:
    """A page's word lines (top to bottom) in reading order, as groups to number in turn:
    the lines above the columns, each column left to right, the lines below; None when the
    page is not set in text columns.

    >>> w = lambda text, x0, top: {"text": text, "x0": x0, "x1": x0 + 120, "top": top,
    ...                            "bottom": top + 10, "size": 10.0}
    >>> rows = [[w("A", 0, 0), w("E", 200, 0)], [w("b", 20, 20), w("f", 220, 20)],
    ...         [w("C", 0, 40), w("g", 220, 40)], [w("d", 20, 60), w("h", 220, 60)]]
    >>> [[[x["text"] for x in line] for line in group] for group in split_columns(rows)]
    [[], [['A'], ['b'], ['C'], ['d']], [['E'], ['f'], ['g'], ['h']], []]
    """
    words = [w for line in lines for w in line]
    if not words:
        return None
    size = median(_size(w) for w in words)
    tried: set[float] = set()
    for i in range(len(lines)):
        window = lines[i:i + WINDOW]
        for a, b in _gutters([w for row in window for w in row], GUTTER * size):
            cut = round((a + b) / 2)
            if cut in tried:
                continue
            tried.add(cut)
            first, last = _extend(lines, i, i + len(window) - 1, cut, size)
            band = lines[first:last + 1]
            left = sum(any(w["x1"] <= cut for w in row) for row in band)
            right = sum(any(w["x0"] >= cut for w in row) for row in band)
            if min(left, right) < MIN_SHARED_LINES:
                continue
            columns = _columns(band, size)
            if columns is not None:
                return [list(map(list, lines[:first])), *columns,
                        list(map(list, lines[last + 1:]))]
    return None
