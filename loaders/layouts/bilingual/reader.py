"""Layout "bilingual-list": numbered partner rows in Japanese and English, by area and country.

Lines are tab-separated cells ``number, area, country, partner``. A row has one of two
shapes:

* a numbered Japanese line followed by an unnumbered English line (first cell empty);
* one numbered line holding both languages in each cell ("アジア Asia"). A cell is split
  where no kana or kanji remain after the split point (``・``, punctuation and brackets do
  not count; closing brackets right after the last kana/kanji stay with the Japanese).

Furniture that is not a row: blank lines, the repeated column header (its last cell is the
section heading) and the page's as-of date. An as-of date that is not printed as the
manifest's ``as_of_text`` is reported (OCR-garbled or another date) and not read.

Each row is one :class:`AgreementRecord`: the country and the area as printed (basis
PRINTED, Japanese and English checked against each other), the partner split into
institution and unit in both languages (the rules: :mod:`kyotei.loaders.layouts.bilingual.names`),
the Japanese line as ``source`` and the
English text's place in ``also_printed_at``. A partner cell listing members as a bulleted
list (``name ・member・member``: a ``・`` after a space or a closing bracket) is one
agreement with the list's head (a consortium) as partner, plus one record per member with
``umbrella`` pointing at the head's record. The list prints no signing date and no tuition
waiver: both stay None. Row numbers must run 1..N: the "partners" count check.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from kyotei.graph.model.countries import lookup_country
from kyotei.graph.model.records import (
    AgreementRecord,
    Basis,
    CountCheck,
    DocumentInfo,
    LoadResult,
    Repair,
    SectionInfo,
    Severity,
    SourceSpan,
)
from kyotei.graph.model.regions import lookup_region
from kyotei.loaders.layouts.bilingual.names import split_partner, split_two_languages
from kyotei.loaders.layouts.section import LineReader, section_lines
from kyotei.loaders.normalize import ocr_repairs

__all__ = ["load_bilingual_list"]

_ROW_NUMBER = re.compile(r"^\d+$")
_AS_OF = re.compile(r"^\d{4}\.\d{1,2}\.\d{1,2}")
_LATIN = re.compile(r"[A-Za-z]")
_BULLET_HEAD = re.compile(r"\s+・")
_BULLET_SPLIT = re.compile(r"\s+・|(?<=[)）])・")


@dataclass(frozen=True, slots=True)
class _Cells:
    """One row's area, country and partner in one language, and where they stand."""

    line: int
    area: str
    country: str
    partner: str


def load_bilingual_list(doc: DocumentInfo, section: SectionInfo, lines: list[str]) -> LoadResult:
    """Read lines ``section.start_line..end_line`` (1-based indexes into ``lines``)."""
    reader = _Reader(doc, section, lines)
    pending: tuple[int, _Cells] | None = None
    for number in section_lines(section, lines):
        cells = [cell.strip() for cell in lines[number - 1].split("\t")]
        filled = [cell for cell in cells if cell]
        first, row, extra = cells[0], [*cells[1:4], "", "", ""][:3], any(cells[4:])
        # a partner cell, an area or country beside it, and nothing beyond it
        tabular = bool(row[2]) and bool(row[0] or row[1]) and not extra
        english = pending is not None and tabular and not first
        if pending is not None and not english:
            reader.missing_english(*pending)
            pending = None
        if not filled or filled[-1] == section.heading:
            continue
        if len(filled) == 1 and _AS_OF.match(filled[0]):
            reader.as_of(number, filled[0])
        elif english and pending is not None:
            reader.row(pending[0], pending[1], _Cells(number, *row))
            pending = None
        elif _ROW_NUMBER.match(first) and tabular:
            row_no, ja = int(first), _Cells(number, *row)
            reader.numbers.append((row_no, number))
            if _LATIN.search(ja.area) or _LATIN.search(ja.country):
                reader.row(row_no, *_one_line(ja))
            else:
                pending = (row_no, ja)
        else:
            reader.finding("bilingual.unreadable-line", Severity.ERROR, (number,),
                           "line is neither a row, its English line, nor page furniture")
    if pending is not None:
        reader.missing_english(*pending)
    reader.count_check()
    return reader.result


def _one_line(cells: _Cells) -> tuple[_Cells, _Cells]:
    parts = [split_two_languages(text) for text in (cells.area, cells.country, cells.partner)]
    ja = _Cells(cells.line, *(p[0] for p in parts))
    en = _Cells(cells.line, *(p[1] for p in parts))
    return ja, en


class _Reader(LineReader):
    def __init__(self, doc: DocumentInfo, section: SectionInfo, lines: list[str]) -> None:
        super().__init__(doc, section, lines)
        self.numbers: list[tuple[int, int]] = []  # (row number, line)

    def as_of(self, line: int, text: str) -> None:
        if text != self.doc.as_of_text:
            self.finding(
                "bilingual.as-of-unreadable", Severity.WARNING, (line,),
                f"page header date printed as {text!r}, not as the document's "
                f"{self.doc.as_of_text!r}: OCR-damaged or another date; not read",
            )

    def missing_english(self, row_no: int, ja: _Cells) -> None:
        self.finding("bilingual.english-missing", Severity.WARNING, (ja.line,),
                     f"row {row_no}: no English line follows; read in Japanese only")
        self.row(row_no, ja, None)

    def _place(self, kind: str, ja: str, en: str, lookup: Callable[[str], str | None],
               row_no: int, lines: tuple[int, ...]) -> str | None:
        if not (ja or en):
            self.finding(f"bilingual.{kind}-not-printed", Severity.WARNING, lines,
                         f"row {row_no}: no {kind} printed")
            return None
        found = {text: lookup(text) for text in (ja, en) if text}
        codes = {code for code in found.values() if code}
        unknown = [text for text, code in found.items() if code is None]
        if unknown:
            self.finding(f"bilingual.{kind}-unknown", Severity.WARNING, lines,
                         f"row {row_no}: {kind} {', '.join(map(repr, unknown))} not recognised")
        if len(codes) > 1:
            self.finding(f"bilingual.{kind}-conflict", Severity.ERROR, lines,
                         f"row {row_no}: Japanese {ja!r} and English {en!r} name different "
                         f"{kind}s ({', '.join(sorted(codes))}); not read")
            return None
        return next(iter(codes), None)

    def row(self, row_no: int, ja: _Cells, en: _Cells | None) -> None:
        lines = (ja.line,) if en is None or en.line == ja.line else (ja.line, en.line)
        region = self._place("region", ja.area, en.area if en else "", lookup_region,
                             row_no, lines)
        country = self._place("country", ja.country, en.country if en else "",
                              lookup_country, row_no, lines)
        common = _Common(
            country=country,
            country_text=ja.country or (en.country if en else None),
            region=region,
            region_text=ja.area or (en.area if en else None),
        )
        en_partner = en.partner if en else ""
        head = _BULLET_HEAD.search(ja.partner)
        if head is None:
            self._record(row_no, common, (ja, ja.partner), (en, en_partner), None)
            return
        ja_head, ja_members = _bullets(ja.partner)
        en_head, en_members = _bullets(en_partner) if en_partner else (en_partner, [])
        umbrella = self._record(row_no, common, (ja, ja_head), (en, en_head), None)
        if en is not None and len(en_members) != len(ja_members):
            self.finding("bilingual.members-mismatch", Severity.WARNING, lines,
                         f"row {row_no}: {len(ja_members)} members listed in Japanese, "
                         f"{len(en_members)} in English: members read in Japanese only")
            en_members = []
        for k, member in enumerate(ja_members):
            en_member = en_members[k] if en_members else ""
            self._record(row_no, common, (ja, member), (en, en_member), umbrella)

    def _record(self, row_no: int, common: _Common, ja: tuple[_Cells, str],
                en: tuple[_Cells | None, str], umbrella: SourceSpan | None) -> SourceSpan:
        (ja_cells, ja_text), (en_cells, en_text) = ja, en
        line_text = self.lines[ja_cells.line - 1]
        source = SourceSpan(self.doc.file, ja_cells.line, ja_text, line_text)
        also: tuple[SourceSpan, ...] = ()
        if en_cells is not None and en_text:
            also = (SourceSpan(self.doc.file, en_cells.line, en_text,
                               self.lines[en_cells.line - 1]),)
        party, notes = split_partner(ja_text, en_text)
        lines = tuple(sorted({ja_cells.line, *(s.line for s in also)}))
        for note in notes:
            self.finding(note.code, note.severity, lines, f"row {row_no}: {note.message}")
        repairs = tuple(
            Repair("normalize.katakana-e", description, (ja_cells.line,))
            for description in ocr_repairs(ja_text)
        )
        for repair in repairs:
            self.finding(repair.rule, Severity.INFO, repair.lines,
                         f"row {row_no}: {repair.description}", ja_text)
        self.result.agreements.append(
            AgreementRecord(
                document=self.doc.file,
                level=self.section.level,
                partner=party,
                source=source,
                section=self.section.heading,
                country=common.country,
                country_text=common.country_text,
                country_basis=Basis.PRINTED if common.country else None,
                region=common.region,
                region_text=common.region_text,
                region_basis=Basis.PRINTED if common.region else None,
                umbrella=umbrella,
                also_printed_at=also,
                repairs=repairs,
            )
        )
        return source

    def count_check(self) -> None:
        numbers = [number for number, _ in self.numbers]
        stated = max(numbers, default=0)
        lines = tuple(line for _, line in self.numbers)
        missing = sorted(set(range(1, stated + 1)) - set(numbers))
        repeated = sorted(n for n, count in Counter(numbers).items() if count > 1)
        if missing:
            self.finding("bilingual.row-number-gap", Severity.WARNING, lines,
                         f"row numbers missing: {', '.join(map(str, missing))}", "")
        for number in repeated:
            where = tuple(line for n, line in self.numbers if n == number)
            self.finding("bilingual.row-number-repeated", Severity.WARNING, where,
                         f"row number {number} is printed {len(where)} times")
        self.result.checks.append(
            CountCheck(
                document=self.doc.file,
                section=self.section.heading,
                unit="partners",
                stated=stated,
                found=len(numbers),
                lines=lines,
                note="stated = the highest row number; found = the numbered rows read",
            )
        )


@dataclass(frozen=True, slots=True)
class _Common:
    country: str | None
    country_text: str | None
    region: str | None
    region_text: str | None


def _bullets(text: str) -> tuple[str, list[str]]:
    """A bulleted list "head ・a・b" → ("head", ["a", "b"])."""
    match = _BULLET_HEAD.search(text)
    if match is None:
        return text.strip(), []
    rest = text[match.end():]
    members = [part.strip() for part in _BULLET_SPLIT.split(rest)]
    return text[: match.start()].strip(), [m for m in members if m]
