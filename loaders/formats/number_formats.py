"""The text an XLSX cell shows, for the values openpyxl returns.

openpyxl gives a cell's value and its number format code, not the text Excel displays.
Here: strings as stored; booleans as ``TRUE``/``FALSE``; whole floats without ``.0`` (as
the General format shows them); dates and times rendered through their format code when it
uses only year, month, day, hour, minute and second fields with literal separators (such as
``yyyy/m/d`` or ``yyyy"年"m"月"d"日"``), else in ISO 8601. Japanese-era codes (``ge``,
``ggge``), month names and anything else fall back to ISO, never to a guess: the typed value
is kept beside the text in the model in any case.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

__all__ = ["displayed_text"]

_TOKEN = re.compile(r'"[^"]*"|\\.|yyyy|yy|mm|m|dd|d|hh|h|ss|s|[-/.:年月日時分秒 ]', re.IGNORECASE)
_LOCALE = re.compile(r"^\[\$-[0-9A-Fa-f]+\]")


def _render_date(value: datetime, code: str) -> str | None:
    code = _LOCALE.sub("", code.split(";")[0])
    tokens: list[str] = []
    position = 0
    for match in _TOKEN.finditer(code):
        if match.start() != position:
            return None  # something this renderer does not know
        tokens.append(match[0])
        position = match.end()
    if position != len(code) or not tokens:
        return None
    out: list[str] = []
    for i, token in enumerate(tokens):
        lower = token.lower()
        if token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        elif lower in {"m", "mm"}:
            before = [t.lower() for t in tokens[:i] if t.strip(" -/.:") and not t.startswith('"')]
            after = [t.lower() for t in tokens[i + 1:] if t.strip(" -/.:")]
            minute = (before and before[-1] in {"h", "hh"}) or (after and after[0] in {"s", "ss"})
            number = value.minute if minute else value.month
            out.append(f"{number:02d}" if lower == "mm" else str(number))
        else:
            field = _FIELDS.get(lower)
            out.append(field(value) if field else token)
    return "".join(out)


_FIELDS = {
    "yyyy": lambda v: f"{v.year:04d}",
    "yy": lambda v: f"{v.year % 100:02d}",
    "dd": lambda v: f"{v.day:02d}",
    "d": lambda v: str(v.day),
    "hh": lambda v: f"{v.hour:02d}",
    "h": lambda v: str(v.hour),
    "ss": lambda v: f"{v.second:02d}",
    "s": lambda v: str(v.second),
}


def displayed_text(value: object, number_format: str) -> str:
    """The text of a cell value, as described in the module docstring.

    >>> displayed_text(datetime(1999, 5, 31), 'yyyy"年"m"月"d"日"')
    '1999年5月31日'
    >>> displayed_text(datetime(2001, 4, 1), "yyyy/mm/dd")
    '2001/04/01'
    >>> displayed_text(datetime(2001, 4, 1), "[$-411]ge.m.d")
    '2001-04-01'
    >>> displayed_text(2001.0, "General"), displayed_text(True, "General")
    ('2001', 'TRUE')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if isinstance(value, datetime):
        rendered = _render_date(value, number_format)
        if rendered is not None:
            return rendered
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
