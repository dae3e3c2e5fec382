"""Years of other calendars than the Gregorian and Japanese eras (decision 0027).

- **Republic of China (民國, Minguo)**: year N is Gregorian ``N + 1911`` (民國元年 = 1912). A
  year that says so (``民國106年9月1日``) is read anywhere; a bare year of two or three digits
  (``107.04.01``) is read as one only in a document that declares the calendar: Taiwan its
  publisher's country, traditional Chinese of Taiwan its language (``zh-Hant``, ``zh-TW``), or
  民國 in its title or as-of line. Elsewhere it stays unread, as before.
- **Thai Buddhist Era (พ.ศ., B.E.)**: year N is Gregorian ``N - 543``. A four-digit year of the
  Buddhist Era (2400–2799) is converted only in a document that declares it: Thai its language,
  Thailand its publisher's country, or พ.ศ. / B.E. in its title or as-of line. A Buddhist-era
  year-last date is day first (Thai usage: ``20/01/2563``).
- **A year beyond the document's time is never exported**: a Gregorian year more than
  :data:`MARGIN` years after the document's as-of date (or, without one, after the year the
  build runs) is refused with its reason. ``20/01/2563`` in a document that declares no
  Buddhist Era is refused, not exported as 2563-01-20: a wrong date is worse than none.

The declaration is set by :func:`calendars_in` (entered by
:func:`kyotei.loaders.fields.printed_dates.written_in` for each document) and read by
:mod:`kyotei.loaders.fields.dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["BUDDHIST", "MARGIN", "ROC", "calendars_in", "declared", "from_buddhist",
           "from_roc", "gregorian_year", "within_time"]

ROC, BUDDHIST = "roc", "buddhist"
ROC_OFFSET, BUDDHIST_OFFSET = 1911, 543
BUDDHIST_YEARS = range(2400, 2800)  # 1857–2256: a Buddhist-era year of a modern document
MARGIN = 10  # years after the document's time that a date may still name (a planned renewal)

_ROC_LANGUAGES = frozenset({"zh-hant", "zh-tw", "zh-hant-tw"})
_BUDDHIST_LANGUAGES = frozenset({"th"})
_ROC_SAID = re.compile(r"民[國国]")
_BUDDHIST_SAID = re.compile(r"พ\.\s*ศ\.|(?<![A-Za-z])B\.\s*E\.")

_DECLARED: ContextVar[frozenset[str]] = ContextVar("calendars", default=frozenset())
_CEILING: ContextVar[int | None] = ContextVar("year_ceiling", default=None)


def _declared_by(languages: Iterable[str], country: str | None, said: str) -> set[str]:
    codes = {code.casefold() for code in languages}
    found: set[str] = set()
    if codes & _ROC_LANGUAGES or country == "TW" or _ROC_SAID.search(said):
        found.add(ROC)
    if ({c.split("-")[0] for c in codes} & _BUDDHIST_LANGUAGES or country == "TH"
            or _BUDDHIST_SAID.search(said)):
        found.add(BUDDHIST)
    return found


@contextmanager
def calendars_in(
    languages: Iterable[str], *, country: str | None = None, said: str = "",
    as_of: dt.date | None = None,
) -> Iterator[frozenset[str]]:
    """Within the block, the calendars a document declares (by its ``languages``, its
    publisher's ``country``, what its title or as-of line ``said``) are read, and a year
    beyond ``as_of`` + :data:`MARGIN` is refused. Nested inside another document's block
    (a reader entering its own), the outer declaration and as-of date are kept.

    >>> from kyotei.loaders.fields.dates import parse_date
    >>> with calendars_in(["zh"], said="更新日期：民國113年2月1日"):
    ...     print(parse_date("107.04.01").date)
    2018-04-01
    >>> print(parse_date("107.04.01").date)
    None
    """
    found = frozenset(_declared_by(languages, country, said) | _DECLARED.get())
    token = _DECLARED.set(found)
    ceiling = _CEILING.set(as_of.year + MARGIN if as_of is not None else _CEILING.get())
    try:
        yield found
    finally:
        _CEILING.reset(ceiling)
        _DECLARED.reset(token)


def declared() -> frozenset[str]:
    """The calendars the current document declares (:func:`calendars_in`)."""
    return _DECLARED.get()


def _ceiling() -> int:
    value = _CEILING.get()
    return value if value is not None else dt.date.today().year + MARGIN


def gregorian_year(year: int) -> tuple[int, bool]:
    """The Gregorian year a printed four-digit ``year`` names in the current document, and
    whether it was a Buddhist-era year; ValueError with the reason for a year beyond the
    document's time that no declared calendar explains.

    >>> gregorian_year(2015)
    (2015, False)
    >>> with calendars_in(["th"]):
    ...     gregorian_year(2563)
    (2020, True)
    >>> with calendars_in(["en"], as_of=dt.date(2024, 3, 1)):
    ...     gregorian_year(2563)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: year 2563 lies beyond the document's time (after 2034): not read (...)
    """
    ceiling = _ceiling()
    if year <= ceiling:
        return year, False
    if BUDDHIST in declared() and year in BUDDHIST_YEARS and year - BUDDHIST_OFFSET <= ceiling:
        return year - BUDDHIST_OFFSET, True
    raise ValueError(
        f"year {year} lies beyond the document's time (after {ceiling}): not read (a year of "
        "another calendar, such as the Buddhist Era, is converted only where the document "
        "declares it)")


def within_time(year: int, label: str) -> None:
    """ValueError when the Gregorian ``year`` of ``label`` (an era date) lies beyond the
    document's time: no calendar explains it."""
    if year > _ceiling():
        raise ValueError(f"{label} is {year}, beyond the document's time (after {_ceiling()})")


def from_roc(year: int) -> int:
    """The Gregorian year of 民國 ``year`` (民國元年 = 1912); ValueError for no such year.

    >>> from_roc(106)
    2017
    """
    if year < 1:
        raise ValueError(f"民國 year {year} does not exist")
    within_time(year + ROC_OFFSET, f"民國{year}年")
    return year + ROC_OFFSET


def from_buddhist(year: int) -> int:
    """The Gregorian year of Buddhist-era ``year`` (พ.ศ. 2559 = 2016).

    >>> from_buddhist(2559)
    2016
    """
    if year not in BUDDHIST_YEARS:
        raise ValueError(f"B.E. {year} is no Buddhist-era year of a modern document")
    return year - BUDDHIST_OFFSET
