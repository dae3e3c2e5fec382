"""Small builders of records and documents for the identity tests (no test in here).

Partner names are test data (taken from the source documents), never library code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kyotei.graph.curation.overrides import CrosswalkRow, Override
from kyotei.graph.identity.crossname import katakana_name, latin_name, match
from kyotei.graph.identity.model import InstitutionRef, Resolution
from kyotei.graph.identity.names import NameRules, parse_ja
from kyotei.graph.identity.resolve import Resolver
from kyotei.graph.model.records import (
    AgreementRecord,
    Basis,
    DocumentInfo,
    Level,
    LoadResult,
    PartyName,
    SectionInfo,
    SourceSpan,
)

BASE = "https://example.org/id/"

# A document with a clean university list (lines 1-99) and a department table (100-999).
LIST = DocumentInfo(
    file="list.txt",
    title="list",
    as_of=None,
    as_of_text="",
    languages=("ja",),
    publisher_status="curated",
    publisher_ja="東北大学",
    publisher_en="Tohoku University",
    publisher_country="JP",
    sections=(
        SectionInfo("大学間協定", "university-list", Level.UNIVERSITY, 1, 99),
        SectionInfo("部局間協定", "department-table", Level.DEPARTMENT, 100, 999),
    ),
)
# A bilingual list: Japanese and English names of each partner on one row.
BILINGUAL = DocumentInfo(
    file="bilingual.txt",
    title="bilingual",
    as_of=None,
    as_of_text="",
    languages=("ja", "en"),
    publisher_status="unidentified",
    sections=(SectionInfo("相手機関", "bilingual-list", Level.DEPARTMENT, 1, 999),),
)


def rec(
    doc: DocumentInfo,
    line: int,
    ja: str | None = None,
    *,
    en: str | None = None,
    unit: str | None = None,
    unit_en: str | None = None,
    country: str | None = None,
    basis: Basis | None = None,
    text: str | None = None,
    signed: dt.date | None = None,
    home_unit: str | None = None,
    candidates: tuple[str, ...] = (),
) -> AgreementRecord:
    """One agreement record; the level follows the section the line stands in."""
    section = next(s for s in doc.sections if s.start_line <= line <= s.end_line)
    if basis is None and country is not None:
        basis = Basis.HEADING if section.layout == "university-list" else Basis.PRINTED
    printed = (
        text or " ".join(p for p in (ja, unit) if p) or ", ".join(p for p in (en, unit_en) if p)
    )
    return AgreementRecord(
        document=doc.file,
        level=section.level,
        partner=PartyName(ja, en, unit, unit_en),
        source=SourceSpan(doc.file, line, printed, printed),
        section=section.heading,
        home_unit_ja=home_unit,
        country=country,
        country_text=country,
        country_basis=basis,
        country_candidates=candidates,
        signed_on=signed,
    )


def results(records: Sequence[AgreementRecord]) -> list[LoadResult]:
    out = []
    for doc in (LIST, BILINGUAL):
        mine = [r for r in records if r.document == doc.file]
        if mine or doc is LIST:
            out.append(LoadResult(doc, list(mine)))
    return out


def london_colleges() -> list[AgreementRecord]:
    """Two colleges of the University of London on lines 33 and 34 of the university list,
    told apart only by the English name quoted after ロンドン大学."""
    return [
        rec(
            LIST,
            33,
            "ロンドン大学",
            en="The London School of Economics and Political Science",
            country="GB",
            text='ロンドン大学 "The London School of Economics and Political Science"',
        ),
        rec(
            LIST,
            34,
            "ロンドン大学",
            en="The School of Oriental and African Studies",
            country="GB",
            text='ロンドン大学 "The School of Oriental and African Studies"',
        ),
    ]


def rules() -> NameRules:
    return NameRules.standard()


def resolve(
    records: Sequence[AgreementRecord],
    *,
    name_rules: NameRules | None = None,
    crosswalk: Sequence[CrosswalkRow] = (),
    pins: Sequence[Override] = (),
) -> Resolution:
    resolver = Resolver(name_rules if name_rules is not None else rules(), crosswalk, pins)
    return resolver(results(records), list(records))


def ref_at(resolution: Resolution, document: str, line: int) -> InstitutionRef:
    """The resolved institution of the (only) record at this place."""
    found = {
        ref
        for record, ref in zip(resolution.records, resolution.refs, strict=True)
        if record.document == document and record.source.line == line
    }
    assert len(found) == 1, found
    return found.pop()


def record_at(resolution: Resolution, document: str, line: int) -> AgreementRecord:
    (record,) = [r for r in resolution.records if r.document == document and r.source.line == line]
    return record


def sound_match(ja: str, latin: str, stage: int = -1) -> bool | None:
    """Whether the Japanese name ``ja`` (its key after stage ``stage`` of the name rules) and
    the Latin name ``latin`` match by sound; None when either cannot be compared."""
    kana = katakana_name(parse_ja(ja, NameRules.standard()).keys[stage])
    roman = latin_name(latin)
    return None if kana is None or roman is None else match(kana, roman)
