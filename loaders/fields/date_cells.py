"""Dates in spreadsheet cells: ``datetime`` values, Excel serial numbers, text.

openpyxl gives a date-formatted cell as a ``datetime.datetime`` (or ``date``); a number in
a cell is read as an Excel serial day number *only* when the caller says the cell is typed
as a date or a number meant as one (``numeric=True``): a bare number in a text column is
not a date, and reading 2015 as day 2015 (1905-07-07) would be a wrong value.

Excel's 1900 date system counts day 1 as 1900-01-01 and has a day 60 for 1900-02-29, a day
that never was (Lotus 1-2-3's leap-year error, kept by Excel): serial 60 is refused, serials
after it are counted from 1899-12-30. The 1904 date system (old Mac workbooks,
``workbook.epoch`` in openpyxl) counts day 0 as 1904-01-01.

A workbook's serial typed as text (``43191`` in a text-formatted date column) is read by
:func:`text_serial` in the system the workbook states (:func:`workbook_date1904`), and
said; a CSV states no date system, so it gets no such reading.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import zipfile
from pathlib import Path

from kyotei.loaders.fields.dates import DateReading, Precision, parse_date

__all__ = ["EXCEL_MAX_SERIAL", "excel_serial_date", "read_date_cell", "text_serial",
           "workbook_date1904"]

EXCEL_MAX_SERIAL = 2958465  # 9999-12-31, the last day Excel shows
_EPOCH_1900 = dt.date(1899, 12, 31)
_EPOCH_1900_AFTER_BUG = dt.date(1899, 12, 30)
_EPOCH_1904 = dt.date(1904, 1, 1)


def excel_serial_date(serial: float, *, date1904: bool = False) -> dt.date:
    """The day of an Excel serial number (a fraction is a time of day and is dropped).

    Raises ``ValueError`` with the reason for a serial that is no day.

    >>> excel_serial_date(42095)
    datetime.date(2015, 4, 1)
    >>> excel_serial_date(42095.75)
    datetime.date(2015, 4, 1)
    >>> excel_serial_date(40633, date1904=True)
    datetime.date(2015, 4, 1)
    >>> excel_serial_date(60)
    Traceback (most recent call last):
    ...
    ValueError: Excel serial 60 is 1900-02-29, a day that does not exist
    """
    if not math.isfinite(serial):
        raise ValueError(f"Excel serial {serial} is not a number of days")
    day = math.floor(serial)
    if date1904:
        if not 0 <= day <= EXCEL_MAX_SERIAL - 1462:
            raise ValueError(f"Excel serial {serial} is outside the 1904 date system")
        return _EPOCH_1904 + dt.timedelta(days=day)
    if not 1 <= day <= EXCEL_MAX_SERIAL:
        raise ValueError(f"Excel serial {serial} is outside the 1900 date system")
    if day == 60:
        raise ValueError(f"Excel serial {serial} is 1900-02-29, a day that does not exist")
    epoch = _EPOCH_1900 if day < 60 else _EPOCH_1900_AFTER_BUG
    return epoch + dt.timedelta(days=day)


def _failed(value: object, reason: str) -> DateReading:
    text = "" if value is None else str(value)
    return DateReading(text, None, None, (0, len(text)), reason=reason)


def read_date_cell(
    value: object,
    *,
    numeric: bool = False,
    date1904: bool = False,
    day_first: bool | None = None,
) -> DateReading:
    """Read a spreadsheet cell's value as a date.

    ``value`` is what openpyxl (or a CSV reader) gives: ``datetime``/``date`` (read as is),
    ``str`` (read by :func:`~kyotei.loaders.fields.dates.parse_date`), ``int``/``float``
    (an Excel serial, only with ``numeric=True``), ``None`` (an empty cell). ``text`` of
    the reading is the value as a string (ISO for a date).

    >>> read_date_cell(dt.datetime(2015, 4, 1, 0, 0)).date
    datetime.date(2015, 4, 1)
    >>> read_date_cell(42095, numeric=True).form
    'excel-serial'
    >>> read_date_cell(42095).reason
    'a number in a cell not typed as a date is not read as an Excel serial: 42095'
    """
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        text = value.isoformat()
        return DateReading(text, day, Precision.DAY, (0, len(text)), form="cell-date")
    if isinstance(value, str):
        return parse_date(value, day_first=day_first)
    if value is None:
        return _failed(value, "empty cell: no date")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _failed(value, f"a {type(value).__name__} value is not a date: {value!r}")
    if not numeric:
        return _failed(
            value, f"a number in a cell not typed as a date is not read as an Excel serial: {value}"
        )
    try:
        day = excel_serial_date(value, date1904=date1904)
    except ValueError as err:
        return _failed(value, str(err))
    text = str(value)
    return DateReading(text, day, Precision.DAY, (0, len(text)), form="excel-serial")


_SERIAL_TEXT = re.compile(r"^\s*(\d{5})\s*$")
# serials of 1950-01-01 and 2099-12-31 (1900 system): a five-digit number outside is no date
_SERIAL_RANGE = (18264, 73050)


def text_serial(text: str, *, date1904: bool = False) -> DateReading | None:
    """A workbook's date typed as text as its serial number (``43191``): the date in the
    workbook's own date system, said in ``note``; None for any other text, and for a number
    outside 1950–2099 (no agreement date).

    >>> r = text_serial("43191")
    >>> r.date, r.form
    (datetime.date(2018, 4, 1), 'excel-serial')
    >>> text_serial("2018") is None, text_serial("99999") is None
    (True, True)
    """
    match = _SERIAL_TEXT.match(text)
    if match is None or not _SERIAL_RANGE[0] <= int(match.group(1)) <= _SERIAL_RANGE[1]:
        return None
    day = excel_serial_date(int(match.group(1)), date1904=date1904)
    system = "1904" if date1904 else "1900"
    return DateReading(match.group(1), day, Precision.DAY, (0, len(text)), form="excel-serial",
                       note=f"{match.group(1)!r} is a number typed as text in a date column: "
                            f"read as an Excel serial of the workbook's {system} date system")


@functools.lru_cache(maxsize=16)
def workbook_date1904(path: Path) -> bool:
    """Whether the workbook at ``path`` counts its dates from 1904 (``date1904`` set in its
    ``xl/workbook.xml``); False when it does not or cannot be read."""
    try:
        with zipfile.ZipFile(path) as book:
            head = book.read("xl/workbook.xml")[:4096].decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return bool(re.search(r"date1904\s*=\s*[\"'](?:1|true)[\"']", head))
