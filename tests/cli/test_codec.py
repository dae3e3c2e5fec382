"""kyotei.codec: the loaders' results as JSON and back, every type kept, nothing else built."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest

from kyotei.codec import CodecError, canonical, dumps, loads
from kyotei.graph.model.records import (
    AgreementRecord,
    Basis,
    CountCheck,
    DocumentInfo,
    Finding,
    Level,
    LoadResult,
    PartyName,
    Repair,
    SectionInfo,
    Severity,
    SourceSpan,
)

DOC = DocumentInfo(
    file="list.txt", title="A list", as_of=dt.date(2024, 4, 1), as_of_text="2024年4月1日現在",
    languages=("ja", "en"), publisher_status="stated", publisher_ja="例示大学",
    sections=(SectionInfo("大学間協定", "university-list", Level.UNIVERSITY, 1, 9),),
)
SPAN = SourceSpan("list.txt", 3, "漢陽大学校", "1 漢陽大学校 \udcff", locator="l3")
RECORD = AgreementRecord(
    document="list.txt", level=Level.DEPARTMENT,
    partner=PartyName(institution_ja="漢陽大学校", institution_en="Hanyang University"),
    source=SPAN, section="大学間協定", country="KR", country_basis=Basis.HEADING,
    country_candidates=("KR", "KP"), signed_on=dt.date(2010, 4, 1), tuition_waiver=False,
    also_printed_at=(SPAN,), repairs=(Repair("x.rule", "why", (3, 4), curated=True),),
)
RESULT = LoadResult(
    document=DOC, agreements=[RECORD],
    findings=[Finding("x.code", Severity.WARNING, "list.txt", (3,), "doubtful", "text",
                      ("Sheet1!C3",))],
    checks=[CountCheck("list.txt", "大学間協定", "institutions", 2, 1, (1, 3), "note")],
)


def test_a_result_reads_back_equal_with_every_type_kept() -> None:
    back = loads(dumps([RESULT]))
    assert back == [RESULT]
    record = back[0].agreements[0]
    assert type(record.level) is Level and record.level is Level.DEPARTMENT
    assert type(record.country_candidates) is tuple
    assert type(record.signed_on) is dt.date
    assert record.source.line_text == "1 漢陽大学校 \udcff"  # a lone surrogate survives
    assert hash(record) == hash(RECORD)  # frozen records stay hashable (tuples, not lists)


def test_canonical_is_the_same_for_equal_values_and_differs_for_others() -> None:
    same = DocumentInfo(**{f: getattr(DOC, f) for f in DOC.__dataclass_fields__})
    assert canonical(same) == canonical(DOC)
    other = DocumentInfo(**{**{f: getattr(DOC, f) for f in DOC.__dataclass_fields__},
                            "level": Level.UNIVERSITY})
    assert canonical(other) != canonical(DOC)


@dataclass(frozen=True)
class Foreign:
    value: int


@pytest.mark.parametrize("value", [Foreign(1), {"a": 1}, float("nan"), dt.datetime(2020, 1, 1)])
def test_a_type_the_codec_does_not_know_is_refused(value: object) -> None:
    result = LoadResult(document=DOC, findings=[Finding("c", Severity.INFO, "f", (), "m",
                                                        value)])  # type: ignore[arg-type]
    with pytest.raises(CodecError):
        dumps([result])


@pytest.mark.parametrize("text", [
    b"not json",
    b'{"c": "LoadResult", "v": []}',  # not a list of results
    b'[{"c": "Foreign", "v": [1]}]',  # a class that is not a record
    b'[{"c": "os.system", "v": ["true"]}]',
    b'[{"e": "Level", "v": "faculty"}]',  # not a member
    b'[{"c": "Repair", "v": ["rule"]}]',  # too few fields
    b'[{"x": 1}]',
    b'[{"d": "2020-13-40"}]',
    b"\xff\xfe",
])
def test_anything_else_than_the_codec_json_is_refused(text: bytes) -> None:
    with pytest.raises(CodecError):
        loads(text)


def test_the_json_is_ascii_and_tagged() -> None:
    data = dumps([RESULT])
    assert data.isascii()
    top = json.loads(data)[0]
    assert top["c"] == "LoadResult" and len(top["v"]) == 4
