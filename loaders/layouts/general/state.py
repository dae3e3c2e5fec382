"""The general reader's walking state: the context, the stated totals waiting for their
section to close, the last record read (for wrapped rows), the current table's columns."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kyotei.graph.model.records import AgreementRecord, Level, SourceSpan
from kyotei.loaders.fields.units import is_unit_name, is_university_wide
from kyotei.loaders.layouts.general.items import Context
from kyotei.loaders.layouts.general.tables import ColumnMap
from kyotei.loaders.layouts.general.text_tables import TextHeader

__all__ = ["Last", "Pending", "State", "agreement_key", "home_and_level", "level_home",
           "level_of", "unit_sides", "with_text"]

_LEVEL_CELL = {"大学間": Level.UNIVERSITY, "部局間": Level.DEPARTMENT,
               "university": Level.UNIVERSITY, "department": Level.DEPARTMENT,
               "faculty": Level.DEPARTMENT, "全学": Level.UNIVERSITY}


@dataclass(slots=True)
class Pending:
    """A stated total, checked when its section closes."""

    stated: int
    countries: int | None
    span: SourceSpan
    section: str
    start: int  # index of the first record the statement covers
    by_level: tuple[tuple[str, Level, int], ...] = ()  # a breakdown: (word, level, count)
    since: int = -1  # the reading order after which an unreadable row is one it counts
    schools: bool = False  # it counts partners (計 10校): a partner's agreements count once
    of_all: bool = False  # a sentence's total of the whole list (11か国・地域の13機関と…)


@dataclass(slots=True)
class Last:
    """The last record read and the order of its line."""

    record_index: int
    name: str
    english: str
    order: int


@dataclass(slots=True)
class State:
    """Everything the walk carries from one line to the next."""

    context: Context
    order: int = 0
    section_start: int = 0
    pending: list[Pending] = field(default_factory=list)
    of_all: list[Pending] = field(default_factory=list)  # the whole list's (a sentence's)
    last: Last | None = None
    columns: ColumnMap | None = None
    text_header: TextHeader | None = None  # the header line of a table printed as text
    blank_waiver_is_no: bool = False  # the table's waiver column only marks the waived rows
    table_home: str = ""  # the last home department a home-department column printed
    table_country: tuple[str, str] | None = None  # the last country a country column printed
    accounting: Counter[str] = field(default_factory=Counter)
    sheet: str = ""  # the sheet being read, when the workbook has several
    lost: list[int] = field(default_factory=list)  # the reading order of each unreadable row
    totalled: int = 0  # the records a stated total (not a heading's count) covered so far
    totalled_order: int = 0  # and the reading order where it was stated
    section_order: int = 0  # the reading order where the section began
    place_count: Pending | None = None  # a country heading's count (中国（3件）), until the next


def agreement_key(record: AgreementRecord) -> tuple[object, ...]:
    """What makes a record one agreement for a stated total: two rows printing the same
    partner, unit, level, home unit, country and date are one agreement printed twice."""
    p = record.partner
    return (record.level, record.home_unit_ja, p.institution_ja,
            p.institution_en, p.unit_ja, p.unit_en, record.country, record.signed_on)


def level_of(text: str) -> Level | None:
    """The level a level column's cell names, or None."""
    folded = text.casefold()
    return next((lv for word, lv in _LEVEL_CELL.items() if word in folded), None)


_BRACKET = re.compile(r"\(([^()]+)\)\s*$")


def level_home(text: str) -> str:
    """The home unit a level cell names in brackets after a unit-level word
    (``部局間(農学部)``), when the bracket reads as a unit's name; else ``""``.

    >>> level_home("部局間(ナントカ学部)"), level_home("部局間(2件)"), level_home("大学間(理学部)")
    ('ナントカ学部', '', '')
    """
    match = _BRACKET.search(text)
    if match is None or level_of(text[:match.start()]) is not Level.DEPARTMENT:
        return ""
    inner = match.group(1).strip()
    return inner if is_unit_name(inner) else ""


def home_and_level(home: str, level_cell: str | None) -> tuple[str, Level | None]:
    """A table row's home unit and level from its home-unit and level cells: a home cell
    naming the whole university (``全学``, decision 0025) is no unit and the university
    level; a unit-level cell names the unit in brackets (``部局間(農学部)``); a row naming
    its home unit is the unit's; a level cell that is a unit's name (``工学部``) names the
    home unit of a department-level agreement.

    >>> home_and_level("University-wide", None), home_and_level("", "部局間(ナントカ学部)")
    (('', <Level.UNIVERSITY: 'university'>), ('ナントカ学部', <Level.DEPARTMENT: 'department'>))
    >>> home_and_level("", "ナントカ学部")
    ('ナントカ学部', <Level.DEPARTMENT: 'department'>)
    """
    level = level_of(level_cell) if level_cell is not None else None
    if is_university_wide(home):
        return "", level or Level.UNIVERSITY
    if level is Level.DEPARTMENT and not home and level_cell is not None:
        home = level_home(level_cell)  # 部局間(農学部): the kind names the unit
    if level is None and not home and level_cell is not None and is_unit_name(level_cell):
        home = " ".join(level_cell.split())  # the kind column names the unit itself (工学部)
    return home, Level.DEPARTMENT if level is None and home else level


def unit_sides(home: str, unit: str, context: Context) -> tuple[str, str]:
    """The (home unit, partner's unit) of a row read without a header: a unit after the
    name is the partner's, except in a department-level section that names no home unit
    (no unit header or heading above): a department-level agreement always has a home
    unit and may omit the partner's, so the row's one unit is the home's (decision 0025).

    >>> dept, uni = Context(Level.DEPARTMENT, ""), Context(Level.UNIVERSITY, "")
    >>> unit_sides("", "ナントカ学部", dept), unit_sides("", "ナントカ学部", uni)
    (('ナントカ学部', ''), ('', 'ナントカ学部'))
    """
    if not home and unit and context.level is Level.DEPARTMENT and context.home is None:
        return unit, ""
    return home, unit


def with_text(span: SourceSpan, text: str) -> SourceSpan:
    """The span with another text (the name's part of a line)."""
    return SourceSpan(span.document, span.line, text, span.line_text, span.locator,
                      span.text_line)

