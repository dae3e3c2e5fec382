"""Japanese era names (元号) from 明治 on: their Gregorian ranges, conversion both ways.

Each era's first and last day in the Gregorian calendar (the Cabinet Office's and the
National Archives' published dates; the change of era on 1912-07-30, 1926-12-25,
1989-01-08 and 2019-05-01). Year N of an era is Gregorian year ``start.year + N - 1``
(元年 is year 1), and a date is valid in an era only between its first and last day:
平成31年5月1日 does not exist (that day is 令和元年5月1日).

Japan kept the lunisolar calendar until 明治5年12月2日; the next day was 1873-01-01
(明治6年1月1日). A 明治 date before 明治6年 is a lunisolar date: it is not converted (a
wrong day is worse than none) and :func:`from_era` says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kyotei.loaders.fields.calendars import within_time

__all__ = ["ERAS", "GREGORIAN_FROM", "Era", "era_by_name", "from_era", "to_era"]


@dataclass(frozen=True, slots=True)
class Era:
    """One era: its name, its one-letter abbreviation, and its first and last day."""

    name: str
    abbreviation: str
    start: dt.date
    end: dt.date | None  # None: the current era

    def contains(self, first: dt.date, last: dt.date) -> bool:
        """Whether the period ``first``..``last`` (inclusive) overlaps this era."""
        return last >= self.start and (self.end is None or first <= self.end)


ERAS: tuple[Era, ...] = (
    Era("明治", "M", dt.date(1868, 10, 23), dt.date(1912, 7, 29)),
    Era("大正", "T", dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
    Era("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", "R", dt.date(2019, 5, 1), None),
)
GREGORIAN_FROM = dt.date(1873, 1, 1)
_BY_NAME = {era.name: era for era in ERAS} | {era.abbreviation: era for era in ERAS}


def era_by_name(name: str) -> Era:
    """The era named ``name`` (``平成``) or abbreviated ``name`` (``H``); KeyError if none.

    >>> era_by_name("H").name
    '平成'
    """
    return _BY_NAME[name]


def _last_day(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def from_era(era: Era, year: int, month: int | None = None, day: int | None = None) -> dt.date:
    """The Gregorian date of ``era`` ``year``, ``month``, ``day`` (month and day optional).

    The result is the first day of the period stated within the era (the 1st of the
    month, or 1 January, when the day or the month is not given, but never before the
    era's first day: 平成元年 gives 1989-01-08). Raises ``ValueError`` with the reason when
    the period is impossible, outside the era, or beyond the document's time (decision 0027).

    >>> from_era(era_by_name("平成"), 27, 4, 1)
    datetime.date(2015, 4, 1)
    >>> from_era(era_by_name("平成"), 31, 5, 1)
    Traceback (most recent call last):
    ...
    ValueError: 平成31年5月1日 is 2019-05-01, after the last day of 平成 (2019-04-30)
    """
    if day is not None and month is None:
        raise ValueError("a day without a month")
    label = f"{era.name}{'元' if year == 1 else year}年"
    label += f"{month}月" if month is not None else ""
    label += f"{day}日" if day is not None else ""
    if year < 1:
        raise ValueError(f"{label}: era year {year} does not exist")
    gregorian = era.start.year + year - 1
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{label}: month {month} does not exist")
    if day is not None and month is not None:
        try:
            first = last = dt.date(gregorian, month, day)
        except ValueError:
            raise ValueError(f"{label}: {gregorian}-{month:02d} has no day {day}") from None
    elif month is not None:
        first = dt.date(gregorian, month, 1)
        last = dt.date(gregorian, month, _last_day(gregorian, month))
    else:
        first, last = dt.date(gregorian, 1, 1), dt.date(gregorian, 12, 31)
    if not era.contains(first, last):
        when = "before the first" if last < era.start else "after the last"
        bound = era.start if last < era.start else era.end
        shown = first.isoformat()[: 10 if day is not None else 7 if month is not None else 4]
        raise ValueError(f"{label} is {shown}, {when} day of {era.name} ({bound})")
    within_time(gregorian, label)  # decision 0027: never a date beyond the document's time
    first = max(first, era.start)  # 平成元年 begins on 1989-01-08, not on 1 January
    if first < GREGORIAN_FROM:
        raise ValueError(
            f"{label} is a lunisolar-calendar date (before {GREGORIAN_FROM}): not converted"
        )
    return first


def to_era(date: dt.date) -> tuple[Era, int]:
    """The era of a Gregorian ``date`` and the era year (1 for 元年).

    Raises ``ValueError`` before 1873-01-01, where Japanese dates were lunisolar.

    >>> era, year = to_era(dt.date(2019, 5, 1))
    >>> era.name, year
    ('令和', 1)
    """
    if date < GREGORIAN_FROM:
        raise ValueError(f"{date} is before {GREGORIAN_FROM}: no Gregorian era date")
    era = next(e for e in reversed(ERAS) if e.start <= date)
    return era, date.year - era.start.year + 1
