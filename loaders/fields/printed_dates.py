"""What a date's print needs before it is parsed: OCR slips read, the day-first convention.

- **OCR slips**: inside a token otherwise made of digits and one kind of separator
  (``2O07.5.15``, ``2015.7.l``, ``2004.6.1O``), a letter that looks like exactly one digit
  (``O``/``o`` → 0, ``l``/``I`` → 1) is read as that digit, one character for one (spans
  hold), and the reading says so in a note the loader reports. Any other damage
  (``2O1?.?.l``) is left: the date is refused. A slip is never dropped: before this,
  ``2004.6.1O`` read as 2004-06-01, a wrong date, which is worse than none.
- **Day first**: a year-last date (``01.10.2015``) has no order of its own; the languages
  of the document give it (:func:`day_first_in`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from kyotei.loaders.fields._fold import Folded

__all__ = ["DAY_FIRST_LANGUAGES", "current_day_first", "day_first_in", "read_slips"]

# OCR slips inside a date: a letter that looks like a digit, in a token otherwise made of
# digits and one kind of separator (2O07.5.15, 2015.7.l, 2004.6.1O). Only O/o (0) and
# l/I (1) are read, the shapes that resemble one digit only; anything else is refused.
_SLIP_DIGIT = "0-9OolI"
_SLIP_TOKEN = re.compile(
    rf"(?<![A-Za-z0-9])[{_SLIP_DIGIT}]{{4}}(?P<sep>[./\-])[{_SLIP_DIGIT}]{{1,2}}"
    rf"(?:(?P=sep)[{_SLIP_DIGIT}]{{1,2}})?(?![A-Za-z0-9])"
)
_SLIP_READ = str.maketrans("OolI", "0011")

# Languages whose numeric dates put the day first (01.10.2015 is 1 October): a document in
# one of them gives year-last dates that order; English does not (the US writes month first).
DAY_FIRST_LANGUAGES = frozenset({"de", "fr", "it", "es", "pt", "nl", "pl", "cs", "da", "sv",
                                 "nb", "no", "fi", "ru", "tr", "id", "vi"})
_DAY_FIRST: ContextVar[bool | None] = ContextVar("day_first", default=None)


@contextmanager
def day_first_in(languages: Iterable[str]) -> Iterator[bool | None]:
    """Within the block, year-last dates are read day first when ``languages`` (a
    document's) include a day-first language and not English; else their order stays
    unknown unless a component over 12 decides it.

    >>> from kyotei.loaders.fields.dates import parse_date
    >>> with day_first_in(["de"]):
    ...     print(parse_date("01.10.2015").date)
    2015-10-01
    >>> parse_date("01.10.2015").date is None
    True
    """
    codes = {code.split("-")[0].casefold() for code in languages}
    value = True if codes & DAY_FIRST_LANGUAGES and "en" not in codes else None
    token = _DAY_FIRST.set(value)
    try:
        yield value
    finally:
        _DAY_FIRST.reset(token)


def current_day_first() -> bool | None:
    """The day-first convention set by :func:`day_first_in` (None: unknown)."""
    return _DAY_FIRST.get()


def read_slips(folded: Folded) -> tuple[Folded, str]:
    """``folded`` with the OCR slips inside its dates read as the digits they resemble
    (one character for one, so spans still hold), and a note naming them ("" if none).

    >>> from kyotei.loaders.fields._fold import fold
    >>> read_slips(fold("2O16.1l.7"))[0].text
    '2016.11.7'
    """
    text, slips = folded.text, []
    for match in _SLIP_TOKEN.finditer(folded.text):
        token = match.group()
        letters = sum(ch.isalpha() for ch in token)
        if letters and sum(ch.isdigit() for ch in token) >= 3:
            read = token.translate(_SLIP_READ)
            text = text[:match.start()] + read + text[match.end():]
            slips.append(f"{token!r} read as {read!r}")
    if not slips:
        return folded, ""
    return Folded(folded.original, text, folded.origin), (
        "OCR slip in the date: " + ", ".join(slips) + " (a letter that looks like one digit)")
