"""One partner row → one agreement record, with what it says and what it could not say.

The reader (:mod:`.reader`) finds the row's parts (name, English name, unit, country, date,
waiver, home department) and the context above it (level, section, country and region
headings, home department header); :func:`make_record` reads each part with the field
readers and assembles the record, never borrowing a value from a neighbouring row:

* the **date**: a date stated to the day becomes ``signed_on``, one stated to the month
  ``signed_in_month`` (``YYYY-MM``: no day is invented); a year alone is kept as printed
  (``signed_on_text``) with a note; an unreadable date is reported;
* the **waiver**: a waiver column's cell (blank is "no" in a column that only marks the
  waived rows: no cell of it says "no"), or a mark the document's legend defines (with
  such a legend, a row without the mark has no waiver); a mark no legend explains is
  reported and the waiver stays unknown;
* the **country**: printed in the row (basis ``printed``) or under a heading (``heading``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kyotei.graph.model.records import (
    AgreementRecord,
    Basis,
    DocumentInfo,
    Finding,
    Level,
    PartyName,
    Repair,
    Severity,
    SourceSpan,
)
from kyotei.loaders.document import fold_text
from kyotei.loaders.fields.dates import DateReading, Precision
from kyotei.loaders.fields.headers import Role, labelled_value
from kyotei.loaders.fields.statements import ended_suffix, states_ended
from kyotei.loaders.fields.units import is_unit_name
from kyotei.loaders.fields.waiver import (
    Legend,
    read_waiver_cell,
    states_fee,
    states_partial,
    states_waiver,
    strip_inner_marks,
    strip_marks,
)
from kyotei.loaders.layouts.general.cells import party_from, strip_bullet
from kyotei.loaders.names import own_script_name, translated_name
from kyotei.loaders.normalize import normalize_label
from kyotei.loaders.screen import lost_glyph, partner_problem, spreadsheet_error

__all__ = [
    "LOWER_WORDS",
    "Context",
    "RowParts",
    "complete_split",
    "cut_inside_word",
    "join_wrapped",
    "make_record",
]


@dataclass(slots=True)
class Context:
    """What the lines above a row say about it."""

    level: Level
    section: str
    country: tuple[str, str] | None = None  # (ISO code, as printed) from a heading
    region: tuple[str, str] | None = None  # (region key, as printed) from a heading
    home: tuple[str, SourceSpan] | None = None  # home unit (normalised) and its header


@dataclass(frozen=True, slots=True)
class RowParts:
    """The parts of one row as printed (verbatim), and where the row is."""

    span: SourceSpan  # the name's text and place
    name: str
    english: str = ""
    unit: str = ""
    country: tuple[str, str] | None = None  # (ISO code, as printed) in the row
    date: DateReading | None = None
    date_text: str = ""
    waiver_cell: object = None  # the waiver column's value, when the table has one
    has_waiver_column: bool = False
    blank_waiver_is_no: bool = False  # the column marks waivers and leaves the others blank
    notes_cell: str = ""  # the notes column's text (備考, Notes), when the table has one
    home: str = ""
    level: Level | None = None
    country_unread: str = ""  # a country the row prints that kyotei cannot read, as printed
    country_carried: bool = False  # the country cell is blank: the country of the row above


@dataclass(slots=True)
class Made:
    """A record (or None when the row names no partner) and what was said about it."""

    record: AgreementRecord | None
    findings: list[Finding]


def _finding(span: SourceSpan, code: str, severity: Severity, message: str) -> Finding:
    return Finding(code, severity, span.document, (span.line,), message, span.text,
                   locators=(span.where,))


def _is_publisher(party: PartyName, info: DocumentInfo) -> bool:
    """Whether the row's names are the publisher's own and it names no unit: words after the
    name that are no unit's name are a title's (``〇〇大学 协议一览``)."""
    unit = party.unit_ja or party.unit_en
    if unit and is_unit_name(unit):
        return False
    pairs = ((party.institution_ja, info.publisher_ja), (party.institution_en, info.publisher_en))
    named = [(a, b) for a, b in pairs if a]
    return bool(named) and all(b and normalize_label(a).casefold() == normalize_label(b).casefold()
                               for a, b in named)


def _waiver(parts: RowParts, legends: list[Legend], marks_waiver: bool | None,
            unknown: list[str], charged: bool = False, unclear: Sequence[str] = (),
            ) -> tuple[bool | None, list[tuple[str, Severity, str]]]:
    notes: list[tuple[str, Severity, str]] = []
    if parts.has_waiver_column:
        cell = read_waiver_cell(parts.waiver_cell, legends)
        if parts.blank_waiver_is_no and (cell.dash or not str(parts.waiver_cell or "").strip()):
            return False, notes  # a blank or a dash in a column of marks: unmarked
        if cell.value is None and (bit := _bit(parts.waiver_cell)) is not None:
            notes.append(("general.waiver-bit", Severity.INFO,
                          f"waiver cell {cell.verbatim!r} read as {bit}: 1/0 under a header "
                          "that names the waiver"))
            return bit, notes
        if cell.value is None and str(parts.waiver_cell or "").strip():
            notes.append(("general.waiver-unreadable", Severity.WARNING,
                          f"waiver cell {cell.verbatim!r} not read: {cell.reason}"))
        return cell.value, notes
    if parts.notes_cell and states_waiver(fold_text(parts.notes_cell)):
        notes.append(("general.waiver-in-notes", Severity.INFO,
                      f"the notes cell {parts.notes_cell.strip()!r} states the tuition waiver"))
        return True, notes  # a note that does not leaves the waiver unknown, never False
    if parts.notes_cell and states_fee(fold_text(parts.notes_cell)):
        notes.append(("general.fee-in-notes", Severity.INFO,
                      f"the notes cell {parts.notes_cell.strip()!r} states a fee is charged: "
                      "no waiver"))
        return False, notes
    if unknown:
        notes.append(("general.unknown-mark", Severity.WARNING,
                      f"mark(s) {', '.join(unknown)} printed with no legend that explains "
                      "them: the waiver is left unknown"))
        return None, notes
    if charged and not marks_waiver:  # the row's mark, by its legend, states a fee
        notes.append(("general.fee-mark", Severity.INFO,
                      "the row's mark is explained by a legend stating a fee: no waiver"))
        return False, notes
    if any(legend.waiver for legend in legends):
        if unclear and not marks_waiver:  # △ = 一部免除: neither yes nor no
            notes.append(("general.waiver-unreadable", Severity.WARNING,
                          f"mark(s) {', '.join(unclear)}: the legend states a partial waiver, "
                          "neither yes nor no: the waiver is left unknown"))
            return None, notes
        return bool(marks_waiver), notes
    return None, notes


def _bit(value: object) -> bool | None:
    """A waiver column's ``1``/``0`` (a database's boolean): yes or no; anything else None.
    Read only in a column whose header names the waiver (the caller's column role)."""
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and fold_text(value).strip() in ("0", "1"):
        return fold_text(value).strip() == "1"
    return None


@dataclass(frozen=True, slots=True)
class Signed:
    """A row's signing date as read: the day, or only the month (``YYYY-MM``), as printed."""

    on: dt.date | None = None
    in_month: str | None = None
    text: str | None = None


def _date(parts: RowParts) -> tuple[Signed, list[tuple[str, Severity, str]]]:
    reading = parts.date
    if reading is None:
        return Signed(), []
    if not reading.ok:  # kept as printed
        printed = reading.text or parts.date_text.strip() or None
        return Signed(text=printed), [("general.date-unreadable", Severity.ERROR,
                                       f"date not read: {reading.reason}; no date is recorded")]
    said = [("general.date-read-as", Severity.WARNING,
             f"{reading.note}: the date is {reading.iso}")] if reading.note else []
    if reading.precision is Precision.MONTH:
        return Signed(in_month=reading.iso, text=reading.text), said
    if reading.precision is not Precision.DAY:
        stated = reading.precision.value if reading.precision else "period"
        return Signed(text=reading.text), [("general.date-partial", Severity.INFO,
                                            f"the date {reading.text!r} states only the "
                                            f"{stated}: kept as printed, no day is invented")]
    return Signed(on=reading.date, text=reading.text), said


def make_record(info: DocumentInfo, context: Context, parts: RowParts,
                legends: list[Legend]) -> Made:
    """The record of one row (see the module docstring)."""
    document, span = info.file, parts.span
    if lost := [t.strip() for t in (parts.name, parts.english, parts.unit)
                if spreadsheet_error(fold_text(t))]:
        return Made(None, [_finding(span, "general.spreadsheet-error", Severity.ERROR,
                                    f"the row's name cell holds the spreadsheet error {lost[0]!r}"
                                    ": its text was lost; nothing is recorded for it")])
    marks = strip_marks(strip_bullet(parts.name), legends)
    inner = strip_inner_marks(marks.text, legends)  # a mark between the name and its unit
    date_marks = strip_marks(parts.date_text, legends) if parts.date_text else None
    unknown = [m.mark for m in marks.unknown]
    if lost := [m for m in unknown if lost_glyph(m)]:  # ■■■■ル大学: not a mark, lost glyphs
        return Made(None, [_finding(span, "general.no-partner-name", Severity.ERROR,
                                    f"the name {parts.name.strip()!r} holds glyphs that could "
                                    f"not be read ({lost[0]!r}): nothing is recorded for it")])
    marks_waiver = marks.waiver or inner.waiver
    if parts.date and parts.date.mark:
        extra = strip_marks(parts.date.mark, legends)
        unknown += [m.mark for m in extra.unknown]
        marks_waiver = marks_waiver or extra.waiver
    if date_marks is not None:
        marks_waiver = marks_waiver or date_marks.waiver
    named, ended = ended_suffix(inner.text)  # 〇〇大学（2023年3月廃止）: not the name
    party = party_from(named, strip_marks(parts.english, legends).text)
    unit_text = parts.unit if parts.unit.strip() else \
        labelled_value(fold_text(parts.notes_cell), Role.PARTNER_UNIT)  # 相手部局：… in notes
    if unit_text:
        unit = normalize_label(unit_text)
        ja_unit = unit if not unit.isascii() else None
        party = PartyName(party.institution_ja, party.institution_en,
                          party.unit_ja or ja_unit, party.unit_en or (unit if ja_unit is None
                                                                      else None))
    if _is_publisher(party, info):  # a title line naming the home university alone
        return Made(None, [_finding(span, "general.publisher-line", Severity.INFO,
                                    "the row names the list's own publisher, which is no "
                                    "partner of itself: read as a title")])
    if not party.has_institution or (why := partner_problem(party)) is not None:
        reason = "" if not party.has_institution else f" ({why})"
        return Made(None, [_finding(span, "general.no-partner-name", Severity.ERROR,
                                    "the row names no partner institution that can be "
                                    f"read{reason}: nothing is recorded for it")])
    notes: list[tuple[str, Severity, str]] = []
    if ended := ended or (parts.notes_cell.strip() if states_ended(parts.notes_cell) else ""):
        notes.append(("general.stated-ended", Severity.WARNING,
                      f"the list states this agreement ended ({ended!r}): kept as listed; "
                      "kyotei's records have no ended status, so this report says it"))
    for printed in (named, parts.english):
        if native := own_script_name(fold_text(printed).strip())[1]:
            notes.append(("general.own-script-name", Severity.INFO,
                          f"{native!r} is the name in the institution's own script: not part "
                          "of its Japanese or English name (kept in the source text)"))
        if translation := translated_name(fold_text(printed).strip())[1]:
            notes.append(("general.translated-name", Severity.INFO,
                          f"{translation!r} is the name's English translation: not part of "
                          "the name (kept in the source text)"))
    found = [*marks.marks, *inner.marks, *(date_marks.marks if date_marks else ()),
             *(strip_marks(parts.date.mark, legends).marks if parts.date and parts.date.mark
               else ())]
    charged = any(m.legend is not None and m.legend.charged for m in found)
    unclear = [m.mark for m in found if m.legend is not None and m.legend.waiver is None
               and states_partial(m.legend.meaning)]
    waiver, waiver_notes = _waiver(parts, legends, marks_waiver, unknown, charged, unclear)
    notes += waiver_notes
    signed, date_notes = _date(parts)
    notes += date_notes
    country, country_text, basis = None, None, None
    if parts.country is not None:
        (country, country_text), basis = parts.country, (
            Basis.CARRIED if parts.country_carried else Basis.PRINTED)
    elif parts.country_unread:  # printed, not read: kept for identity (country.unread)
        country_text = parts.country_unread
    elif context.country is not None:
        (country, country_text), basis = context.country, Basis.HEADING
    level = parts.level or context.level
    home_ja: str | None = normalize_label(parts.home) if parts.home.strip() else None
    home_source = span if home_ja else None
    if home_ja is None and context.home is not None and level is Level.DEPARTMENT:
        home_ja, home_source = context.home
    record = AgreementRecord(
        document=document,
        level=level,
        partner=party,
        source=span,
        section=context.section,
        home_unit_ja=home_ja if level is Level.DEPARTMENT else None,
        home_unit_source=home_source if level is Level.DEPARTMENT else None,
        country=country,
        country_text=country_text,
        country_basis=basis,
        region=context.region[0] if context.region else None,
        region_text=context.region[1] if context.region else None,
        region_basis=Basis.PRINTED if context.region else None,  # as the area lists do
        signed_on=signed.on,
        signed_on_text=signed.text,
        signed_in_month=signed.in_month,
        tuition_waiver=waiver,
    )
    return Made(record, [_finding(span, code, sev, msg) for code, sev, msg in notes])


def complete_split(record: AgreementRecord, date: DateReading | None, english: str,
                   span: SourceSpan, unit: str = "",
                   waiver: bool | None = None) -> AgreementRecord | None:
    """The record of the row above completed by a row that holds only the cells it lacks
    (its date, its English name, its partner unit, its waiver): one row printed over two
    rows of a sheet. None when the row would change a value the record already has."""
    party = record.partner
    if (date is not None and record.signed_on_text) or (
            english and party.institution_en) or (
            unit and (party.unit_ja or party.unit_en)) or (
            waiver is not None and record.tuition_waiver is not None):
        return None
    changed = record
    if unit:
        label = normalize_label(unit)
        changed = replace(changed, partner=PartyName(
            party.institution_ja, party.institution_en, None if label.isascii() else label,
            label if label.isascii() else None))
    if waiver is not None:
        changed = replace(changed, tuition_waiver=waiver)
    if date is not None:
        signed, _ = _date(RowParts(span=span, name="", date=date))
        changed = replace(changed, signed_on=signed.on, signed_on_text=signed.text,
                          signed_in_month=signed.in_month)
    if english:
        party = changed.partner
        changed = replace(changed, partner=PartyName(
            party.institution_ja, normalize_label(english), party.unit_ja, party.unit_en))
    repair = Repair("general.split-row-joined",
                    f"{span.where} holds only the cells the row above lacks: joined to it",
                    (record.source.line, span.line))
    return replace(changed, repairs=(*changed.repairs, repair))


def join_wrapped(record: AgreementRecord, fragment: str, span: SourceSpan,
                 name: str, english: str,
                 legends: Sequence[Legend] = ()) -> tuple[AgreementRecord, str, str]:
    """The record with a wrapped continuation of its name joined (a reported repair)."""
    verbatim, fragment = fragment, fold_text(fragment).strip()
    if any(ch.isascii() and ch.isalpha() for ch in fragment) and not _has_cjk(fragment):
        # a line that starts in lower case mid-word ("Nati" / "onal") was cut inside a word
        glue = "" if cut_inside_word(english or name, fragment) else " "
        english = f"{english}{glue}{fragment.strip()}".strip() if english else ""
        name = name if english else f"{name}{glue}{fragment.strip()}"
    else:
        name = f"{name}{fragment}"
    party = party_from(strip_marks(strip_bullet(name)).text, english)
    repair = Repair("general.wrapped-row-joined",
                    f"{span.where} holds only the rest of the name above it "
                    f"({fragment!r}): joined to it", (record.source.line, span.line))
    source = replace(record.source, text=f"{record.source.text} {verbatim.strip()}".strip())
    waiver = record.tuition_waiver
    if strip_marks(fragment, legends).waiver and waiver is False:  # the mark ends the name
        waiver = True
    return replace(record, partner=party, source=source, tuition_waiver=waiver,
                   repairs=(*record.repairs, repair)), name, english


LOWER_WORDS = frozenset({"of", "and", "the", "for", "at", "in", "on", "de", "du", "des", "la",
                          "le", "di", "del", "da", "do", "dos", "das", "y", "e", "und", "für"})


def cut_inside_word(before: str, fragment: str) -> bool:
    """Whether a name wrapped inside a word: the text before ends in a letter and the next
    line starts with a lower-case letter that begins no word of its own (``of``, ``de``);
    a lone ``y`` that ends an English noun with the word before it (``Universit`` / ``y``:
    -ity, -ogy, -emy, -ary, -ory, -ncy) is the end of that word, not Spanish "and".

    >>> cut_inside_word("Example Universit", "y of Examples")
    True
    >>> cut_inside_word("Instituto de Ciencias", "y Artes"), cut_inside_word("Example", "of")
    (False, False)
    """
    head = fragment.strip().split(" ", 1)[0].strip(",.")
    last = before.rstrip().rsplit(" ", 1)[-1].casefold()
    if head == "y" and (last + head).endswith(_NOUN_ENDINGS_Y):
        return True
    return bool(before.rstrip()) and before.rstrip()[-1].isalpha() and head[:1].islower() \
        and head.casefold() not in LOWER_WORDS


_NOUN_ENDINGS_Y = ("ity", "ogy", "emy", "ary", "ory", "ncy")


def _has_cjk(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)
