"""The last check before records leave the loaders: a partner that is no name is reported,
never yielded (kyotei.loaders.screen), whatever layout read the row."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyotei import loaders
from kyotei.graph.model.records import (
    AgreementRecord,
    DocumentInfo,
    Level,
    LoadResult,
    PartyName,
    SectionInfo,
    Severity,
    SourceSpan,
)
from kyotei.loaders import load_document
from kyotei.loaders.screen import partner_problem, screen

DOC = DocumentInfo(file="list.txt", title="t", as_of=None, as_of_text="", languages=("ja",),
                   publisher_status="unidentified")


def _record(line: int, ja: str | None, en: str | None = None,
            unit: str | None = None) -> AgreementRecord:
    text = " ".join(t for t in (ja, unit, en) if t)
    return AgreementRecord("list.txt", Level.UNIVERSITY, PartyName(ja, en, unit),
                           SourceSpan("list.txt", line, text, f"{line}. {text}"), "list")


@pytest.mark.parametrize(("party", "why"), [
    (PartyName("UK", None, "見本大学 理学部"), "'UK' is a country's name"),
    (PartyName(None, "Korea"), "'Korea' is a country's name"),  # ambiguous, still a country
    (PartyName("アジア"), "'アジア' is a region's name"),
    (PartyName("12."), "'12.' holds no letter"),
    (PartyName("H27.4.1"), "'H27.4.1' is a date"),
    (PartyName(None, "No"), "'No' is a yes/no cell"),
    (PartyName("South", None, "Narnia 見本大学"),
     "'South' holds no kana or kanji and the unit 'Narnia 見本大学' names an institution"),
])
def test_what_is_no_partner_name(party: PartyName, why: str) -> None:
    assert partner_problem(party) == why


@pytest.mark.parametrize("party", [
    PartyName("見本大学", "Example University", "理学部"),
    PartyName(None, "Example University of Norway"),  # a country inside a name is fine
    PartyName("MIT"),  # Latin letters in the Japanese column, no unit: may be a name
    PartyName("KTH", None, "工学部"),  # a unit that names no institution
])
def test_what_may_be_a_partner_name(party: PartyName) -> None:
    assert partner_problem(party) is None


def test_screen_drops_and_reports_with_the_locator() -> None:
    result = LoadResult(document=DOC, agreements=[
        _record(3, "見本大学"), _record(4, "USA", unit="試験大学"), _record(5, "標本大学")])
    screened = screen(result)
    assert [r.source.line for r in screened.agreements] == [3, 5]
    (finding,) = screened.findings
    assert (finding.code, finding.severity, finding.lines, finding.locators) == (
        "record.no-partner-name", Severity.ERROR, (4,), ("l4",))
    assert finding.text == "4. USA 試験大学"


def test_every_sectioned_layout_passes_the_screen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # whatever a section's layout yields, load_document lets no record through whose
    # institution is another cell of the row
    def layout(doc: DocumentInfo, section: SectionInfo, lines: list[str]) -> LoadResult:
        return LoadResult(document=doc, agreements=[_record(1, "見本大学"),
                                                    _record(2, "USA", unit="試験大学")])

    monkeypatch.setitem(loaders.LAYOUTS, "university-list", layout)
    (tmp_path / "list.txt").write_text("1. 見本大学\n2. USA 試験大学\n", encoding="utf-8")
    section = SectionInfo("大学間協定", "university-list", Level.UNIVERSITY, 1, 2)
    doc = DocumentInfo(file="list.txt", title="t", as_of=None, as_of_text="",
                       languages=("ja",), publisher_status="unidentified", sections=(section,))
    result = load_document(doc, tmp_path)
    assert [r.partner.institution_ja for r in result.agreements] == ["見本大学"]
    assert [f.lines for f in result.findings if f.code == "record.no-partner-name"] == [(2,)]
