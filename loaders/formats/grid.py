"""Helpers shared by the table readers: blank cells and the columns that hold anything."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["is_blank", "used_columns"]


def is_blank(text: str) -> bool:
    """True for an empty or whitespace-only text."""
    return not text.strip()


def used_columns(rows: Sequence[Sequence[str]]) -> tuple[int, int]:
    """The first and the end column (0-based, end exclusive) that hold any text.

    Columns blank in every row at the left and right ends fall outside the range; blank
    columns between printed ones are kept, so column positions stay what they were.

    >>> used_columns([["", "a", "", "b", ""], ["", "", "", "c"]])
    (1, 4)
    >>> used_columns([["", " "]])
    (0, 0)
    """
    used = [i for row in rows for i, text in enumerate(row) if not is_blank(text)]
    if not used:
        return 0, 0
    return min(used), max(used) + 1
