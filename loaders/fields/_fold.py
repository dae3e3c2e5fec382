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

from kyotei.loaders.fields.eras import ERAS

__all__ = ["Folded", "fold", "is_mark_char", "kanji_digits", "key"]

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


_KANJI_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_KN = "[〇零一二三四五六七八九十]+"
# A whole date in kanji numerals: 昭和五十五年五月三十一日, 令和元年十一月, 二〇一六年四月一日.
# Only a year, month (and day) together with their 年 月 (日) are read: a numeral alone
# (十月 in a name) is never a date.
_ERA_NAMES = "|".join(era.name for era in ERAS)  # each two characters: a fixed-width look-behind
_KANJI_DATE = re.compile(
    rf"(?:(?<={_ERA_NAMES})\s*(?P<y>{_KN})|(?P<w>[〇零一二三四五六七八九]{{4}})"
    rf"|(?<=元))\s*年\s*(?P<m>{_KN})\s*月(?:\s*(?P<d>{_KN})\s*日)?"
)


def _kanji_number(text: str) -> int | None:
    """``五十五`` → 55, ``十`` → 10, ``二〇一六`` → 2016; None for what is not a number."""
    if "十" not in text:
        return int("".join(str(_KANJI_DIGIT[c]) for c in text))
    tens, _, units = text.partition("十")
    if "十" in units or len(tens) > 1 or len(units) > 1:
        return None
    return (_KANJI_DIGIT[tens] if tens else 1) * 10 + (_KANJI_DIGIT[units] if units else 0)


def kanji_digits(folded: Folded) -> Folded:
    """``folded`` with the kanji numerals of a date written in them as ASCII digits, each
    digit keeping the origin of the numerals it replaces (so spans stay in the original).

    >>> kanji_digits(fold("昭和五十五年五月三十一日")).text
    '昭和55年5月31日'
    >>> f = kanji_digits(fold("二〇一六年四月一日 ナントカ大学"))
    >>> f.text, f.span(0, 10)
    ('2016年4月1日 ナントカ大学', (0, 10))
    >>> kanji_digits(fold("十月大学")).text
    '十月大学'
    """
    text, origin = folded.text, list(folded.origin)
    pieces: list[tuple[int, int, str]] = []
    for match in _KANJI_DATE.finditer(text):
        found: list[tuple[int, int, str]] = []
        for group in ("y", "w", "m", "d"):
            if match[group] is None:
                continue
            value = _kanji_number(match[group])
            if value is None:
                found = []
                break
            found.append((match.start(group), match.end(group), str(value)))
        pieces += found
    if not pieces:
        return folded
    out: list[str] = []
    where: list[int] = []
    last = 0
    for start, end, digits in pieces:
        out.append(text[last:start])
        where += origin[last:start]
        out.append(digits)
        # the first digit comes from the first numeral, the last from the last
        where += [origin[start]] * (len(digits) - 1) + [origin[end - 1]]
        last = end
    out.append(text[last:])
    where += origin[last:]
    return Folded(folded.original, "".join(out), tuple(where))
