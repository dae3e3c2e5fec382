"""NFKC folding that remembers where each folded character came from.

The readers match patterns on the NFKC form of a cell (full-width digits and punctuation
become ASCII, ``㍻`` becomes ``平成``) but report spans and verbatim text in the *original*
string. :func:`fold` folds one character at a time and keeps, for each folded character,
the index of the original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Folded", "fold", "is_mark_char", "key"]

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Folded:
    """A string's NFKC form with the origin of each folded character.

    ``origin[i]`` is the index in ``original`` of the character that folded character
    ``i`` came from.
    """

    original: str
    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span in ``original`` that the folded span ``[start, end)`` came from.

        >>> f = fold("㍻27年")
        >>> f.text
        '平成27年'
        >>> f.span(0, 2), f.span(2, 5)
        ((0, 1), (1, 4))
        """
        if start >= len(self.text):
            first = len(self.original)
        else:
            first = self.origin[start]
        last = self.origin[end - 1] + 1 if end > 0 else 0
        return first, max(first, last)


def fold(text: str) -> Folded:
    """NFKC-fold ``text`` character by character, keeping each character's origin."""
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char)
        parts.append(folded)
        origin.extend([index] * len(folded))
    return Folded(text, "".join(parts), tuple(origin))


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def key(text: str) -> str:
    """A matching key: NFKC, case-folded, typographic quotes made ASCII, whitespace runs
    made one space, ends stripped.

    >>> key("  Ｐａｒｔｎｅｒ\u2019s\\n Faculty ")
    "partner's faculty"
    """
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
    return _SPACES.sub(" ", folded).strip()


# Punctuation that separates or encloses text and is never a mark on its own.
# "=", "→" and "…" join a mark to its meaning in a legend ("○＝…"), and "～" joins two
# dates of a period (2015.4.1～): they are not marks.
_NOT_MARKS = frozenset(
    ".,;:!?、。，．・･·'\"`-‐‑‒–—―_()[]{}<>（）［］｛｝「」『』【】〈〉《》/\\|~～〜=→…"
)


def is_mark_char(char: str) -> bool:
    """Whether ``char`` can be (part of) a mark such as ``*``, ``※``, ``○``, ``✓`` or ``†``.

    A mark is a symbol or punctuation character (Unicode categories S* and P*) that is
    not a separator, a bracket or a quote; and ``〇`` (U+3007), which Japanese typing
    gives for a circle as often as ``○``.

    >>> [c for c in "*※○◎✓†#.（a1" if is_mark_char(c)]
    ['*', '※', '○', '◎', '✓', '†', '#']
    """
    if char == "〇":  # the ideographic zero, typed for a circle mark as often as ○
        return True
    if char in _NOT_MARKS or char.isspace() or char.isalnum():
        return False
    return unicodedata.category(char)[0] in "SP"
