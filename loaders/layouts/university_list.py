"""Layout "university-list": institutions listed under country headings, one item a line.

What the layout holds (every other non-blank line is reported as unreadable):

* the section title (a line equal to the section heading) and the statement of totals
  ("31ヶ国・地域 172機関"), read with a regex and reconciled (see below);
* country headings: a line that is entirely a country name; the items below it have that
  country (basis HEADING). The list has no regions: region stays None;
* items ``- *name (date)``, possibly indented (``" - name"``): the date in any form the
  date reader knows (western or Japanese era, full-width, ``/`` or ``年月日``), bracketed or not;
* legends ``注1) *印は、授業料等を不徴収とする…`` and ``注2) …括弧は協定締結年月日``: read
  first, wherever they stand. Only a legend gives ``*`` and the bracket a meaning: with the
  star legend, ``*`` means a tuition waiver and its absence means none (True/False);
  without it, ``tuition_waiver`` stays None. Without the date legend, no date is read;
* page footers "(平成24年5月現在)".

An item's trailing bracket is its date when it holds digits and dots; an impossible date is
reported and ``signed_on`` stays None; a date stated to the month only is
``signed_in_month`` (``YYYY-MM``), and a year alone is kept as printed. Other brackets are
qualifiers and stay in the label ("… (シアトル)"). A quoted part is the document's English
name (``institution_en``); a label with no kana or kanji is an English name only.

Umbrella agreements: undated items right after a dated item (indented or not) are its
member campuses, each a record of its own with ``umbrella`` = the dated item's span and the
umbrella's date and waiver. A member is labelled as Japanese writes a campus: the
umbrella's name, without a printed member count ("5校") and a trailing bracketed
qualifier, followed directly by the campus ("…大学" + "バークレー校"). An indented item
with its own date is an agreement of its own (noted). A printed member count is checked.

Count rule for the stated number of institutions: every record counts once, except an
umbrella whose members are listed, which counts as its members (the umbrella row itself
does not). Countries: the distinct country headings.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from kyotei.graph.model.countries import lookup_country
from kyotei.graph.model.records import (
    AgreementRecord,
    Basis,
    CountCheck,
    DocumentInfo,
    LoadResult,
    PartyName,
    Repair,
    SectionInfo,
    Severity,
    SourceSpan,
)
from kyotei.loaders.fields.dates import Precision, find_date, parse_date
from kyotei.loaders.layouts.section import LineReader, section_lines
from kyotei.loaders.normalize import TOTALS_STATEMENT, normalize_label, ocr_repairs

__all__ = ["load_university_list"]

_ITEM = re.compile(r"^(?P<indent>\s*)-\s+(?P<star>\*)?\s*(?P<body>.+?)\s*$")
_TRAILING_BRACKET = re.compile(r"^(?P<name>.*?)\s*\((?P<inner>[^()]*)\)$")
_DATE_LIKE = re.compile(r"^[\d.\s]+$")
_NAME_CHARS = re.compile(r"[^\W\d_]")  # a letter of any script
_DATE_SHAPED = re.compile(r"^(?:明治|大正|昭和|平成|令和|[MTSHR](?=\d)|[\d\s./\-年月日元,])+$")
_QUOTED = re.compile(r'^(?P<before>[^"]*?)\s*"(?P<english>[^"]+)"\s*(?P<after>.*)$')
_MEMBER_COUNT = re.compile(r"\s*(?P<count>\d+)\s*校$")
_QUALIFIER = re.compile(r"\s*\([^()]*\)$")
_FOOTER = re.compile(
    r"^\((?P<as_of>(?:明治|大正|昭和|平成|令和)?\s*\d+\s*年\s*\d+\s*月(?:\s*\d+\s*日)?\s*現在)\)$"
)
_LEGEND = re.compile(r"^注\s*\d+\s*\)")
_JAPANESE = re.compile(r"[\u3040-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff々]")


@dataclass(slots=True)
class _Umbrella:
    record: AgreementRecord
    base: str  # the name members are labelled from
    stated_members: int | None
    members: list[AgreementRecord] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Legends:
    waiver: bool  # 注: *印 … 不徴収
    date: bool  # 注: 括弧 … 締結年月日


def _legends(texts: list[str]) -> _Legends:
    notes = [normalize_label(t) for t in texts if _LEGEND.match(normalize_label(t))]
    return _Legends(
        waiver=any("*" in n and ("不徴収" in n or "免除" in n) for n in notes),
        date=any("括弧" in n and "締結" in n for n in notes),
    )


def load_university_list(doc: DocumentInfo, section: SectionInfo, lines: list[str]) -> LoadResult:
    """Read lines ``section.start_line..end_line`` (1-based indexes into ``lines``)."""
    span = section_lines(section, lines)
    reader = _Reader(doc, section, lines, _legends([lines[n - 1] for n in span]))
    for number in span:
        reader.line(number)
    reader.finish()
    return reader.result


class _Reader(LineReader):
    def __init__(self, doc: DocumentInfo, section: SectionInfo, lines: list[str],
                 legends: _Legends) -> None:
        super().__init__(doc, section, lines)
        self.legends = legends
        self.statement: tuple[int, int, int] | None = None  # (line, countries, institutions)
        self.headings: dict[str, list[int]] = {}
        self.country: tuple[str, str] | None = None  # (code, text as printed)
        self.umbrella: _Umbrella | None = None
        self.umbrellas: list[_Umbrella] = []
        self.stars_unexplained = False
        self.dates_unexplained = False

    def line(self, number: int) -> None:
        raw = self.lines[number - 1]
        text = normalize_label(raw)
        item = _ITEM.match(raw)
        if not text or text == normalize_label(self.section.heading):
            return
        if item is not None:
            self.item(number, item)
            return
        statement = TOTALS_STATEMENT.fullmatch(text)
        code = lookup_country(text)
        if statement is not None and self.statement is None:
            self.statement = (number, int(statement["countries"]),
                              int(statement["institutions"]))
        elif code is not None:
            self.country = (code, raw.strip())
            self.headings.setdefault(code, []).append(number)
            self.umbrella = None
        elif (footer := _FOOTER.match(text)) is not None:
            if footer["as_of"] != normalize_label(self.doc.as_of_text):
                self.finding("unilist.footer-date-differs", Severity.WARNING, (number,),
                             f"page footer prints {footer['as_of']!r}, the document's date is "
                             f"{self.doc.as_of_text!r}")
        elif not _LEGEND.match(text):
            carried = f"; the country {self.country[1]!r} above it is not carried on" \
                if self.country else ""
            self.country = None  # never carry a heading past a line that may be another one
            self.umbrella = None
            self.finding("unilist.unreadable-line", Severity.ERROR, (number,),
                         "line is neither a country heading, an item, a note nor a footer"
                         + carried)

    def item(self, number: int, match: re.Match[str]) -> None:
        body, starred, indented = match["body"], bool(match["star"]), bool(match["indent"])
        name, date_text = body, None
        bracket = _TRAILING_BRACKET.match(body)
        if bracket is not None and _is_date_text(bracket["inner"]):
            name, date_text = bracket["name"], bracket["inner"].strip()
        elif (found := find_date(body)) is not None and not body[found.span[1]:].strip(
                " )）*＊※"):
            # A date printed after the name without brackets: still this item's own date,
            # never a sign that the item is a campus of the one above.
            name, date_text = body[: found.span[0]].rstrip(" (（"), found.text
        if not _NAME_CHARS.search(name):
            self.finding("unilist.item-without-name", Severity.ERROR, (number,),
                         "an item with no readable name: nothing is read from this line")
            return
        if self.country is None:
            self.finding("unilist.no-country", Severity.WARNING, (number,),
                         "item before any country heading: country not read")
        if date_text is None and self.umbrella is not None:
            self.member(number, name, starred)
            return
        if date_text is None:
            self.finding("unilist.undated-item", Severity.WARNING, (number,),
                         "item without a date and not under a dated item: read as an "
                         "agreement with no date")
        elif indented:
            self.finding("unilist.indented-dated-item", Severity.INFO, (number,),
                         "indented item with its own date: read as an agreement of its own")
        signed_on, signed_in_month = self.date(number, date_text)
        record = self.record(number, name, self.waiver(number, starred), signed_on,
                             date_text, None, signed_in_month=signed_in_month)
        self.umbrella = None
        if date_text is not None:
            count = _MEMBER_COUNT.search(normalize_label(name))
            base = _QUALIFIER.sub("", _MEMBER_COUNT.sub("", normalize_label(name)))
            self.umbrella = _Umbrella(record, base, int(count["count"]) if count else None)
            self.umbrellas.append(self.umbrella)

    def member(self, number: int, name: str, starred: bool) -> None:
        umbrella = self.umbrella
        assert umbrella is not None  # noqa: S101 (only called under an umbrella)
        parent = umbrella.record
        if self.legends.waiver and starred and not parent.tuition_waiver:
            self.finding("unilist.member-waiver-differs", Severity.WARNING, (number,),
                         "member marked * under an umbrella without *: the umbrella's is kept")
        label = umbrella.base + normalize_label(name)
        record = self.record(number, name, parent.tuition_waiver, parent.signed_on,
                             parent.signed_on_text, parent.source, label,
                             signed_in_month=parent.signed_in_month)
        umbrella.members.append(record)

    def waiver(self, number: int, starred: bool) -> bool | None:
        if not self.legends.waiver:
            if starred and not self.stars_unexplained:
                self.stars_unexplained = True
                self.finding("unilist.star-without-legend", Severity.WARNING, (number,),
                             "items are marked * but no note explains the mark: waiver not read")
            return None
        return starred

    def date(self, number: int, text: str | None) -> tuple[dt.date | None, str | None]:
        """The day the text states, or the month (``YYYY-MM``) when it states no day."""
        if text is None:
            return None, None
        if not self.legends.date:
            if not self.dates_unexplained:
                self.dates_unexplained = True
                self.finding("unilist.date-without-legend", Severity.WARNING, (number,),
                             "no note says what the bracketed dates are: dates not read")
            return None, None
        reading = parse_date(text)
        if not reading.ok or reading.remainder.strip(" *＊※"):
            why = reading.reason or f"unexpected text after it: {reading.remainder!r}"
            self.finding("unilist.invalid-date", Severity.WARNING, (number,),
                         f"date {text!r} is not a valid date ({why}): not read")
            return None, None
        if reading.precision is Precision.MONTH:
            return None, reading.iso
        if reading.precision is not Precision.DAY:
            self.finding("unilist.partial-date", Severity.INFO, (number,),
                         f"date {text!r} states no month: kept as printed, not read as a date")
            return None, None
        return reading.date, None

    def record(self, number: int, name: str, waiver: bool | None, signed_on: dt.date | None,
               signed_on_text: str | None, umbrella: SourceSpan | None,
               label: str | None = None, *,
               signed_in_month: str | None = None) -> AgreementRecord:
        party = _party(label if label is not None else name)
        repairs = tuple(Repair("normalize.katakana-e", text, (number,)) for text in
                        ocr_repairs(name))
        for repair in repairs:
            self.finding(repair.rule, Severity.INFO, repair.lines, repair.description, name)
        code, country_text = self.country if self.country else (None, None)
        record = AgreementRecord(
            document=self.doc.file,
            level=self.section.level,
            partner=party,
            source=SourceSpan(self.doc.file, number, name.strip(), self.lines[number - 1]),
            section=self.section.heading,
            country=code,
            country_text=country_text,
            country_basis=Basis.HEADING if code else None,
            signed_on=signed_on,
            signed_on_text=signed_on_text,
            signed_in_month=signed_in_month,
            tuition_waiver=waiver,
            umbrella=umbrella,
            repairs=repairs,
        )
        self.result.agreements.append(record)
        return record

    def finish(self) -> None:
        listed = {id(u.record) for u in self.umbrellas if u.members}
        counted = [a for a in self.result.agreements if id(a) not in listed]
        for umbrella in self.umbrellas:
            if umbrella.stated_members is not None:
                self._check(umbrella.stated_members, len(umbrella.members),
                            (umbrella.record.source.line,
                             *(m.source.line for m in umbrella.members)),
                            f"members listed under the umbrella at line "
                            f"{umbrella.record.source.line}, which prints its member count")
        if self.statement is None:
            self.finding("unilist.no-statement", Severity.WARNING, (self.section.start_line,),
                         "the section states no totals: nothing to reconcile", "")
            return
        line, countries, institutions = self.statement
        heading_lines = tuple(sorted(n for ns in self.headings.values() for n in ns))
        self._check(countries, len(self.headings), (line, *heading_lines),
                    "distinct country headings", unit="countries")
        self._check(institutions, len(counted), (line, *(a.source.line for a in counted)),
                    "one per record; an umbrella whose members are listed counts as its "
                    "members, not itself")

    def _check(self, stated: int, found: int, lines: tuple[int, ...], note: str,
               unit: str = "institutions") -> None:
        self.result.checks.append(CountCheck(self.doc.file, self.section.heading, unit, stated,
                                             found, lines, note))
        if stated != found:
            self.finding("unilist.count-mismatch", Severity.WARNING, lines[:1],
                         f"{unit}: the document states {stated}, {found} read ({note})")


def _is_date_text(text: str) -> bool:
    """A bracket's content is a date: read by the date reader, or shaped like one (digits,
    separators, era names) so that a date the reader cannot read is reported, not taken
    for part of a name."""
    stripped = unicodedata.normalize("NFKC", text).strip()
    return bool(_DATE_LIKE.match(stripped) or _DATE_SHAPED.match(stripped)
                or parse_date(stripped).ok)


def _party(name: str) -> PartyName:
    quoted = _QUOTED.match(name)
    if quoted is not None:
        japanese = " ".join(p for p in (quoted["before"], quoted["after"]) if p.strip())
        return PartyName(institution_ja=normalize_label(japanese) or None,
                         institution_en=" ".join(quoted["english"].split()))
    label = normalize_label(name)
    if not _JAPANESE.search(label):
        return PartyName(institution_en=label)
    return PartyName(institution_ja=label)

