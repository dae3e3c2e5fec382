"""Text lines from pdfplumber words, with column gaps kept visible as runs of spaces."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["COLUMN_GAP", "TextLine", "join_words", "text_lines", "word_lines"]

#: A gap between words at least this many font sizes wide is a column gap.
COLUMN_GAP = 1.5


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of a page: its text and its top (PDF points from the page top)."""

    text: str
    top: float


def _size(word: dict[str, Any]) -> float:
    return float(word.get("size") or (word["bottom"] - word["top"]) or 1.0)


def join_words(words: Sequence[dict[str, Any]]) -> str:
    """The words of one line, left to right, with one space or a column gap between.

    >>> w = lambda text, x0, x1: {"text": text, "x0": x0, "x1": x1, "size": 10.0}
    >>> join_words([w("中国", 0, 20), w("サンプル大学", 60, 120), w("Example", 122, 160)])
    '中国        サンプル大学 Example'
    """
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for word in sorted(words, key=lambda w: w["x0"]):
        if previous is not None:
            size = max(_size(word), _size(previous))
            gap = word["x0"] - previous["x1"]
            if gap >= COLUMN_GAP * size:
                out.append(" " * max(2, round(gap / (size / 2))))
            else:
                out.append(" ")
        out.append(word["text"])
        previous = word
    return "".join(out)


def _indent(line: Sequence[dict[str, Any]], left: float) -> str:
    """Spaces for how far right of ``left`` the line starts, one per half font size."""
    first = min(line, key=lambda w: float(w["x0"]))
    offset = float(first["x0"]) - left
    return " " * round(offset / (_size(first) / 2))


def word_lines(words: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The words grouped into lines, top to bottom: a word whose vertical middle is within
    half the line's height of the line's middle belongs to it."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        if lines:
            current = lines[-1]
            top = min(w["top"] for w in current)
            bottom = max(w["bottom"] for w in current)
            if abs(middle - (top + bottom) / 2) <= (bottom - top) / 2:
                current.append(word)
                continue
        lines.append([word])
    return lines


def text_lines(lines: Sequence[Sequence[dict[str, Any]]], left: float) -> list[TextLine]:
    """Each line of words (:func:`word_lines`) as a :class:`TextLine`. A line that starts
    right of ``left`` (the leftmost word's edge) is indented by spaces, so a row whose first
    column is empty keeps its later columns where they are.

    >>> w = lambda text, x0, top: {"text": text, "x0": x0, "x1": x0 + 20, "top": top,
    ...                            "bottom": top + 10, "size": 10.0}
    >>> [line.text for line in text_lines(word_lines([w("B", 40, 20), w("A", 0, 0),
    ...                                               w("C", 80, 20)]), 0.0)]
    ['A', '        B    C']
    """
    return [
        TextLine(_indent(line, left) + join_words(line), min(w["top"] for w in line))
        for line in lines
    ]
