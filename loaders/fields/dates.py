"""One date parser for agreement lists: western, Japanese-era, 民國, Buddhist-era, English dates.

:func:`parse_date` reads a cell that should hold a date; :func:`find_date` and
:func:`find_dates` locate dates inside a line (``name  2015.4.1``), so a caller can split the
name from the date by the span. Spreadsheet cell values are read by
:mod:`kyotei.loaders.fields.date_cells`. Forms read (after NFKC):

- western: ``2015.4.1``, ``2015. 4. 1.``, ``2015/04/01``, ``2015-04-01``, ``2015年4月1日``,
  ``2015년 4월 1일``, ``2015年4月``, ``2015.4``, ``2015年``; with the era year beside it,
  ``2015(平成27)年4月1日`` or ``平成27(2015)年4月1日`` (the two must agree);
- Japanese era: ``平成27年4月1日``, ``平成元年``, ``H27.4.1``, ``R元.5.1``, ``S.55/4/1``
  (明治 大正 昭和 平成 令和 and M T S H R; the date is checked against the era's range);
  a whole date in kanji numerals, ``昭和五十五年五月三十一日``, ``二〇一六年四月一日``;
- other calendars (:mod:`kyotei.loaders.fields.calendars`, decision 0027): ``民國106年9月1日``,
  ``107.04.01`` where the document declares 民國; Buddhist-era years where it declares them;
- English: ``April 1, 2015``, ``1 Apr. 2015``, ``1-Apr-2015``, ``Apr 2015``;
- year last (``1/4/2015``) only when the order is known: the caller's ``day_first``, or a
  component over 12 that leaves one order possible.

Never guessed, reported with a reason instead: an impossible date (``2015.2.30``), a date
outside its era, a year beyond the document's time (``20/01/2563`` where no Buddhist Era is
declared), a two-digit year (``15.4.1``), a fiscal year (``2015年度``), a year-last date whose
order is unknown. A mark after the date (``2015.4.1*``) is in ``mark``; everything after
the date is in ``remainder``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from kyotei.loaders.fields._fold import Folded, fold, kanji_digits
from kyotei.loaders.fields.calendars import ROC, declared, from_roc, gregorian_year
from kyotei.loaders.fields.eras import era_by_name, from_era
from kyotei.loaders.fields.printed_dates import (
    DAY_FIRST_LANGUAGES,
    ENGLISH_MONTHS,
    current_day_first,
    day_first_in,
    ended_in_bracket,
    folded_end,
    mark_of,
    month_forms,
    month_number,
    order_stated,
    read_slips,
    written_in,
)

__all__ = ["DAY_FIRST_LANGUAGES", "DateReading", "Precision", "day_first_in", "find_date",
           "find_dates", "mark_of", "order_stated", "parse_date", "written_in"]



class Precision(StrEnum):
    """How much of the date the text states."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class DateReading:
    """What a date text says, or why it could not be read.

    ``date`` is the first day of the period stated (the 1st of the month for a month,
    1 January for a year, the era's first day for 平成元年); ``precision`` says which.
    ``text`` is the verbatim text the date was read from, ``span`` its place in the string
    given, ``remainder`` what follows it (stripped) and ``mark`` that remainder when it is
    only a mark (``*``, ``※``). ``form`` names the form recognised (``western``, ``era``,
    ``roc``, ``english``, ``year-last``, ``excel-serial``, ``cell-date``); ``era`` is the era
    name when the text states one (民國 for ``roc``). A failed reading has ``date`` None and
    a ``reason``. ``note`` says how a date was read that the reader must report (an OCR slip).
    """

    text: str
    date: dt.date | None
    precision: Precision | None
    span: tuple[int, int]
    remainder: str = ""
    mark: str = ""
    form: str = ""
    era: str | None = None
    reason: str | None = None
    note: str = ""  # how the date was read when a person must be told (an OCR slip read)

    @property
    def ok(self) -> bool:
        """Whether a date was read."""
        return self.date is not None

    @property
    def iso(self) -> str | None:
        """What the text states in ISO 8601, to its precision and no further: ``2015-04-01``,
        ``2015-04`` (a month), ``2015`` (a year); None when no date was read."""
        if self.date is None:
            return None
        if self.precision is Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        if self.precision is Precision.YEAR:
            return f"{self.date.year:04d}"
        return self.date.isoformat()


_SEP = r"(?P<sep>[./\-‐‑‒–—―−])"
_M = r"(?P<m>\d{1,2})(?!\d)"
_D = r"(?P<d>\d{1,2})(?!\d)"
# 年月日, and Korean 년월일 (2015년 4월 1일); a full stop closing a dotted date (2017.03.01.)
_JP_TAIL = rf"\s*[年년](?!\s*度)(?:\s*{_M}\s*[月월](?:\s*{_D}\s*[日일]?)?)?"
_DOT_END = r"(?:(?:(?<=\.\d)|(?<=\.\d\d)|(?<=\.\s\d)|(?<=\.\s\d\d))\.(?![\d.]))?"
_SEP_TAIL = rf"\s*{_SEP}\s*{_M}(?:\s*(?P=sep)\s*{_D}{_DOT_END})?"
_ERA = (
    r"(?:(?P<era>明治|大正|昭和|平成|令和)|(?<![A-Za-z])(?P<abbr>[MTSHR])(?![A-Za-z])\.?)"
    r"\s*(?P<y>元|\d{1,3})(?!\d)"
)
_MON = (
    r"(?<![A-Za-z])(?P<mon>(?i:"
    + "|".join(sorted(ENGLISH_MONTHS, key=len, reverse=True))
    + r"))(?![A-Za-z])\.?"
)
_ORD = r"(?:st|nd|rd|th)?"

# A year printed both ways: 2015(平成27)年4月1日, 平成27(2015)年4月1日; the two must agree.
_ALT_ERA = (
    r"(?:\s*\(\s*(?P<alt_era>明治|大正|昭和|平成|令和|[MTSHR])\.?\s*(?P<alt_y>元|\d{1,3})\s*\))?"
)
_ALT_WESTERN = r"(?:\s*\(\s*(?P<alt_west>\d{4})\s*\))?"
_WESTERN_JP = re.compile(rf"(?<!\d)(?P<y>\d{{4}}){_ALT_ERA}{_JP_TAIL}")
_WESTERN_SEP = re.compile(rf"(?<![\d.])(?P<y>\d{{4}}){_SEP_TAIL}")
_ERA_JP = re.compile(_ERA + _ALT_WESTERN + _JP_TAIL)
_ERA_SEP = re.compile(_ERA + _SEP_TAIL)
_ENGLISH_MDY = re.compile(
    rf"{_MON}\s*(?:{_D}{_ORD}\s*,?\s*|,\s*)?(?P<y>\d{{4}})(?!\d)"
)
_ENGLISH_DMY = re.compile(
    rf"(?<!\d){_D}{_ORD}[\s\-]*(?:of\s+)?{_MON}[\s\-,]*(?P<y>\d{{4}})(?!\d)"
)
_YEAR_LAST = re.compile(
    r"(?<![\d.])(?P<a>\d{1,2})\s*(?P<sep>[./\-])\s*(?P<b>\d{1,2})\s*(?P=sep)\s*"
    r"(?P<y>\d{4})(?!\d)"
)
_FISCAL = re.compile(
    r"(?:(?:明治|大正|昭和|平成|令和|(?<![A-Za-z])[MTSHR]\.?)\s*(?:元|\d{1,3})|(?<!\d)\d{4})"
    r"\s*年\s*度"
)
# Cell-only forms: date attempts in a cell; inside a line anything (find_dates skips them).
_TWO_DIGIT = re.compile(
    r"(?<![\d.])'?(?P<y>\d{2})\s*(?P<sep>[./\-])\s*\d{1,2}\s*(?P=sep)\s*\d{1,2}(?!\d)"
    r"|(?<![\d.])(?P<y2>\d{1,2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}(?!\d)\s*日?)?"
)
_BARE_YEAR = re.compile(r"(?<!\d)(?P<y>\d{4})(?!\d)(?=\W*$)")

# a period: a date, a range mark, another date (2019.4.1～2024.3.31, 2019.4.1-2024.3.31)
_RANGE_MARK = re.compile(r"^\s*(?:~|〜|～|-|–|—|から)\s*")

_Found = tuple[str, dt.date, Precision, str | None]  # form, date, precision, era name or None
_Builder = Callable[["re.Match[str]", bool | None], _Found]


def _ymd(year: int, month: int | None, day: int | None) -> tuple[dt.date, Precision]:
    """The date and precision of a western year, month and day; ValueError with a reason
    (a year beyond the document's time, unless a calendar it declares explains it)."""
    if year < 1:
        raise ValueError(f"year {year} does not exist")
    year = gregorian_year(year)[0]
    if month is None:
        return dt.date(year, 1, 1), Precision.YEAR
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist")
    if day is None:
        return dt.date(year, month, 1), Precision.MONTH
    try:
        return dt.date(year, month, day), Precision.DAY
    except ValueError:
        raise ValueError(f"{year}-{month:02d} has no day {day}") from None


def _opt(match: re.Match[str], name: str) -> int | None:
    value = match.groupdict().get(name)
    return int(value) if value is not None else None


def _western(match: re.Match[str], _: bool | None) -> _Found:
    year, month, day = int(match["y"]), _opt(match, "m"), _opt(match, "d")
    date, precision = _ymd(year, month, day)
    alt_era = match.groupdict().get("alt_era")
    if alt_era is None:
        return "western", date, precision, None
    era = era_by_name(alt_era)
    era_year = 1 if match["alt_y"] == "元" else int(match["alt_y"])
    if era.start.year + era_year - 1 != year:
        raise ValueError(f"the year {year} and the era year {era.name}{era_year} disagree")
    from_era(era, era_year, month, day)  # the date must also lie in that era
    return "western", date, precision, era.name


def _era(match: re.Match[str], _: bool | None) -> _Found:
    era = era_by_name(match["era"] or match["abbr"])
    year = 1 if match["y"] == "元" else int(match["y"])
    month, day = _opt(match, "m"), _opt(match, "d")
    precision = Precision.DAY if day is not None else Precision.MONTH if month else Precision.YEAR
    western = match.groupdict().get("alt_west")
    if western is not None and era.start.year + year - 1 != int(western):
        raise ValueError(f"the era year {era.name}{year} and the year {western} disagree")
    return "era", from_era(era, year, month, day), precision, era.name


def _english(match: re.Match[str], _: bool | None) -> _Found:
    key = match["mon"].casefold()  # an English month, or one of the document's languages
    month = ENGLISH_MONTHS.get(key) or month_number(key) or 0
    date, precision = _ymd(int(match["y"]), month, _opt(match, "d"))
    return "english" if key in ENGLISH_MONTHS else "month-name", date, precision, None


def _year_last(match: re.Match[str], day_first: bool | None) -> _Found:
    a, b = int(match["a"]), int(match["b"])
    buddhist = gregorian_year(int(match["y"]))[1]  # a Buddhist-era date is day first
    day_first = current_day_first() if day_first is None else day_first
    day_first = True if day_first is None and buddhist else day_first
    if day_first is None:
        if a > 12 >= b:
            day_first = True
        elif b > 12 >= a:
            day_first = False
        else:
            raise ValueError("day and month order unknown in a year-last date")
    day, month = (a, b) if day_first else (b, a)
    date, precision = _ymd(int(match["y"]), month, day)
    return "year-last", date, precision, None


def _roc(match: re.Match[str], _: bool | None) -> _Found:
    year = from_roc(1 if match["y"] == "元" else int(match["y"]))
    date, precision = _ymd(year, _opt(match, "m"), _opt(match, "d"))
    return "roc", date, precision, "民國"


def _fiscal(match: re.Match[str], _: bool | None) -> _Found:
    raise ValueError("a fiscal year (年度) is a period, not a date")


def _two_digit(match: re.Match[str], _: bool | None) -> _Found:
    raise ValueError("a two-digit year without an era is not read (the century is not guessed)")


_LINE_FORMS: tuple[tuple[re.Pattern[str], _Builder], ...] = (
    (_ERA_JP, _era), (_ERA_SEP, _era), (_FISCAL, _fiscal), (_WESTERN_JP, _western),
    (_WESTERN_SEP, _western), (_ENGLISH_MDY, _english), (_ENGLISH_DMY, _english),
    (_YEAR_LAST, _year_last),
)
_CELL_FORMS = (*_LINE_FORMS, (_TWO_DIGIT, _two_digit), (_BARE_YEAR, _western))
# 民國 years (0027): said (民國106年9月1日); bare (107.04.01, 89.8.1: not 15.4.1) where declared
_ROC_SAID = (re.compile(r"(?:中華)?民[國国]\s*(?P<y>元|\d{1,3})(?!\d)" + _JP_TAIL),
             re.compile(r"(?:中華)?民[國国]\s*(?P<y>\d{1,3})(?!\d)" + _SEP_TAIL))
_ROC_BARE = re.compile(rf"(?<![\d.])(?P<y>1\d\d|[6-9]\d)\s*(?P<sep>[./\-])\s*{_M}\s*(?P=sep)\s*"
                       rf"{_D}{_DOT_END}")


def _calendar_forms() -> tuple[tuple[re.Pattern[str], _Builder], ...]:
    return tuple((p, _roc) for p in (*_ROC_SAID, *((_ROC_BARE,) if ROC in declared() else ())))


def _reading(
    folded: Folded, match: re.Match[str], build: _Builder, day_first: bool | None
) -> DateReading:
    start, end = folded.span(match.start(), match.end())
    original = folded.original
    text, remainder = original[start:end], original[end:].strip()
    mark = mark_of(remainder)
    try:
        form, date, precision, era = build(match, day_first)
    except ValueError as err:
        return DateReading(text, None, None, (start, end), remainder, mark,
                           reason=f"{text!r}: {err}")
    return DateReading(text, date, precision, (start, end), remainder, mark, form, era)


def _candidates(
    folded: Folded, forms: tuple[tuple[re.Pattern[str], _Builder], ...]
) -> list[tuple[re.Match[str], _Builder]]:
    found = [(m, build) for pattern, build in forms for m in pattern.finditer(folded.text)]
    found.sort(key=lambda item: (item[0].start(), -(item[0].end() - item[0].start())))
    chosen: list[tuple[re.Match[str], _Builder]] = []
    for match, build in found:
        if not chosen or match.start() >= chosen[-1][0].end():
            chosen.append((match, build))
    return chosen


def _period(reading: DateReading, folded: Folded, day_first: bool | None) -> DateReading:
    """A date followed by a range mark and another date is a period (a validity range):
    no signing date; the reading fails and says so (decision 0024)."""
    if reading.date is None:
        return reading
    rest = folded.text[folded_end(folded, reading.span[1]):]
    mark = _RANGE_MARK.match(rest)
    if mark is None or not any(p.match(rest, mark.end()) for p, _ in _LINE_FORMS):
        return reading
    return DateReading(reading.text, None, None, reading.span, reading.remainder,
                       reason=f"{reading.text!r} starts a period ({reading.remainder!r}): a "
                              "validity range, not the date of signing")


def _with_note(reading: DateReading, note: str) -> DateReading:
    return replace(reading, note=note) if note and reading.date is not None else reading


def find_dates(text: str, *, day_first: bool | None = None) -> list[DateReading]:
    """Every date-like text in ``text``, left to right, read or failed with a reason.

    Spans are in ``text``; ``remainder`` is what follows each date to the end of ``text``.

    >>> [r.date.isoformat() for r in find_dates("2015.4.1 renewed 2020年4月1日") if r.date]
    ['2015-04-01', '2020-04-01']
    """
    folded, slips = read_slips(kanji_digits(fold(text)))
    forms = (*_calendar_forms(), *_LINE_FORMS, *((p, _english) for p in month_forms()))
    found = [_reading(folded, m, build, day_first) for m, build in _candidates(folded, forms)]
    if len(found) > 1 and found[-2].ok:
        period = _period(found[-2], folded, day_first)
        if period.date is None:  # a period: no date of signing
            found[-2:] = [period]
    return [_with_note(r, slips) for r in found]


def find_date(text: str, *, day_first: bool | None = None) -> DateReading | None:
    """The last date-like text in a line (a list prints the date after the name), or None.

    The reading may be a failure with a reason (``2015.2.30`` is found but not read), so
    that the caller reports it instead of reading the line as a name. Cell-only forms (a
    two-digit year, a bare four-digit number) are not looked for inside a line.

    >>> r = find_date("Some University  2015.4.1*")
    >>> r.date, r.span, r.mark
    (datetime.date(2015, 4, 1), (17, 25), '*')
    >>> "Some University  2015.4.1*"[: r.span[0]].strip()
    'Some University'
    >>> find_date("no date here") is None
    True
    """
    found = find_dates(text, day_first=day_first)
    while len(found) > 1 and ended_in_bracket(text, found[-1].span):  # (2023年3月終了)
        found.pop()  # the date the agreement ended, in a bracket after its date: not it
    return found[-1] if found else None


def parse_date(text: str, *, day_first: bool | None = None) -> DateReading:
    """Read the date a cell begins with; a failed reading says why.

    Leading whitespace is skipped; the date must come first. What follows it is the
    remainder (a trailing mark is also returned in ``mark``).

    >>> r = parse_date("平成２７年４月１日")
    >>> r.date, r.precision.value, r.era
    (datetime.date(2015, 4, 1), 'day', '平成')
    >>> parse_date("2015.4.1 ※").mark
    '※'
    >>> parse_date("平成十年十月一日").date
    datetime.date(1998, 10, 1)
    >>> parse_date("2015.2.30").reason
    "'2015.2.30': 2015-02 has no day 30"
    >>> parse_date("H31.5.1").reason
    "'H31.5.1': 平成31年5月1日 is 2019-05-01, after the last day of 平成 (2019-04-30)"

    An OCR slip is read only as the one digit it resembles, and said in ``note``; a
    validity range is no date of signing:

    >>> r = parse_date("2004.6.1O")
    >>> r.date, r.note[:53]
    (datetime.date(2004, 6, 10), "OCR slip in the date: '2004.6.1O' read as '2004.6.10'")
    >>> parse_date("2015.7.l").date, parse_date("2O1?.?.l").date
    (datetime.date(2015, 7, 1), None)
    >>> parse_date("2019.4.1～2024.3.31").reason
    "'2019.4.1' starts a period ('～2024.3.31'): a validity range, not the date of signing"
    """
    folded, slips = read_slips(kanji_digits(fold(text)))
    start = len(folded.text) - len(folded.text.lstrip())
    best: tuple[re.Match[str], _Builder] | None = None
    for pattern, build in (*_calendar_forms(), *_CELL_FORMS,
                           *((p, _english) for p in month_forms())):
        match = pattern.match(folded.text, start)
        if match and (best is None or match.end() > best[0].end()):
            best = (match, build)
    if best is not None:
        return _with_note(_period(_reading(folded, best[0], best[1], day_first), folded,
                                  day_first), slips)
    stripped = text.strip()
    later = find_dates(text, day_first=day_first)
    if later:
        reason = f"text before the date: {text[: later[0].span[0]].strip()!r}"
    elif not stripped:
        reason = "empty: no date"
    else:
        reason = f"{stripped!r} is not a date in a known form"
    return DateReading(text="", date=None, precision=None, span=(0, 0), remainder=stripped,
                       reason=reason)
