"""The last check a record passes before it leaves the loaders: its partner is a name.

An institution's IRI is minted from the partner name a record carries (``graph/identity``),
so a record whose "institution" is in truth another cell of the row — the country word
printed before the name, the row's item number, a date, or a fragment of a wrapped line
with the real name pushed into the unit — would give that text an institution of its own
and join every row that shares it into one false institution. That is the worst error
kyotei can make (a wrong value, several institutions merged), so such a record is never
yielded: it is reported as unreadable, with its locator and verbatim text, and nothing is
recorded for it (a missing row is better than a wrong one).

A partner institution is *no name* when, in either language, it

* holds no letter (``1.``, ``12``, ``-``);
* is a country or region name as a whole (``USA``, ``Korea``, ``中国``, ``アジア``): no
  institution is called by a country's bare name;
* is a date (``2015.4.1``, ``H27.4.1``) or a yes/no cell (``Yes``, ``No``, ``有``, ``無``);
* is a column header word as a whole (``協定校``, ``Hochschule``): a header row repeated, or
  one kyotei did not map, is no partner;
* holds a glyph the scan or the encoding lost (``■``, ``\ufffd``) inside it: an OCR line
  that could not be read (``■■ﾞ■大■``) names no institution kyotei can know;
* or, on the Japanese side, holds no kana or kanji while the unit beside it names an
  institution (``Hong`` / ``Kong 香港大学 工学院``): the name was cut at the wrong space
  and the real institution went into the unit.
"""

from __future__ import annotations

import re
import unicodedata

from kyotei.graph.model.countries import resolve_country
from kyotei.graph.model.records import (
    AgreementRecord,
    Finding,
    LoadResult,
    PartyName,
    Severity,
)
from kyotei.graph.model.regions import lookup_region
from kyotei.loaders.fields.dates import parse_date
from kyotei.loaders.fields.headers import column_role
from kyotei.loaders.fields.waiver import read_waiver_cell
from kyotei.loaders.names import JAPANESE_CHAR, has_institution_mark

__all__ = ["lost_glyph", "partner_problem", "screen", "spreadsheet_error"]

_LETTER = re.compile(r"[^\W\d_]")
_LOST_GLYPH = re.compile("[\u25a0\ufffd]")  # ■ (an OCR's unread glyph), the replacement char

# The error values a spreadsheet shows in a cell whose formula failed (Excel, LibreOffice,
# Google Sheets print the same codes); exported to CSV they stay as text.
_SPREADSHEET_ERRORS = frozenset({"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!",
                                 "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA"})


def spreadsheet_error(text: str) -> bool:
    """Whether a cell holds a spreadsheet's error value: its text was lost, not printed.

    >>> spreadsheet_error("#REF!"), spreadsheet_error(" #n/a "), spreadsheet_error("REF!")
    (True, True, False)
    """
    return text.strip().upper() in _SPREADSHEET_ERRORS


def _not_a_name(text: str) -> str | None:
    core = text.strip()
    if not _LETTER.search(core):
        return f"{core!r} holds no letter"
    if resolve_country(core).status in ("known", "ambiguous"):
        return f"{core!r} is a country's name"
    if lookup_region(core) is not None:
        return f"{core!r} is a region's name"
    if parse_date(core).ok:
        return f"{core!r} is a date"
    if read_waiver_cell(core).value is not None:
        return f"{core!r} is a yes/no cell"
    if _LOST_GLYPH.search(core):
        return f"{core!r} holds a glyph that could not be read"
    role = column_role(core)
    if role.role is not None and role.word and _key(role.word) == _key(core):
        return f"{core!r} is a column header"
    return None


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def lost_glyph(text: str) -> bool:
    """Whether ``text`` holds a glyph the scan or the encoding lost (``■``, ``\ufffd``).

    >>> lost_glyph("■■ル大学"), lost_glyph("ナントカ大学")
    (True, False)
    """
    return _LOST_GLYPH.search(text) is not None


def partner_problem(party: PartyName) -> str | None:
    """Why a record's partner institution is no institution's name, or None when it may
    be one (see the module docstring).

    >>> partner_problem(PartyName("USA", None, "ナントカ大学 理学部"))
    "'USA' is a country's name"
    >>> partner_problem(PartyName("New", None, "Zealand ナントカ大学"))
    "'New' holds no kana or kanji and the unit 'Zealand ナントカ大学' names an institution"
    >>> partner_problem(PartyName("ナントカ大学", "Nantoka University", "理学部")) is None
    True
    >>> partner_problem(PartyName("協定校", None)), partner_problem(PartyName("ﾞ■大", None))
    ("'協定校' is a column header", "'ﾞ■大' holds a glyph that could not be read")
    """
    for text in (party.institution_ja, party.institution_en):
        if text and (why := _not_a_name(text)) is not None:
            return why
    ja, unit = party.institution_ja, party.unit_ja
    if ja and unit and not JAPANESE_CHAR.search(ja) and JAPANESE_CHAR.search(unit) and \
            has_institution_mark(unit):
        return f"{ja!r} holds no kana or kanji and the unit {unit!r} names an institution"
    return None


def screen(result: LoadResult) -> LoadResult:
    """``result`` without the records whose partner is no name, each reported as an
    unreadable row (``record.no-partner-name``, an error) with its locator and text."""
    kept: list[AgreementRecord] = []
    for record in result.agreements:
        why = partner_problem(record.partner)
        if why is None:
            kept.append(record)
            continue
        span = record.source
        result.findings.append(Finding(
            "record.no-partner-name", Severity.ERROR, record.document, (span.line,),
            f"{span.where}: the row's partner name cannot be read ({why}): nothing is "
            "recorded for it rather than an institution made of another cell",
            span.line_text or span.text, locators=(span.where,)))
    result.agreements[:] = kept
    return result
